"""Message texts of chat generation and the fact-recall scorecard (engine/generation.py, evaluate.py)."""

MESSAGES = {
    "model_not_found": ("Modelo não encontrado: {spec}", "Model not found: {spec}"),
    "model_load_failed": ("Não foi possível carregar o modelo {spec}: {detail}",
                          "Could not load the model {spec}: {detail}"),
    "adapter_not_found": ("Afinação não encontrada em {path} (faltam adapters.safetensors ou adapter_config.json).",
                          "Adapter not found in {path} (adapters.safetensors or adapter_config.json missing)."),
    "adapter_incompatible": ("A afinação em {path} não serve para este modelo base: {detail}",
                             "The adapter in {path} does not fit this base model: {detail}"),
    "adapter_unreadable": ("Não foi possível ler a afinação em {path}; o ficheiro adapters.safetensors "
                           "pode estar danificado: {detail}",
                           "Could not read the adapter in {path}; its adapters.safetensors file may be "
                           "damaged: {detail}"),
    "adapter_base_unknown": ("Não se sabe qual é o modelo base da afinação em {path}; indique-o com --model.",
                             "The base model of the adapter in {path} is unknown; give it with --model."),
    "run_not_found": ("Treino não encontrado: {path}", "Training run not found: {path}"),
    "no_checkpoint": ("O treino em {path} ainda não tem nenhum ponto de gravação.",
                      "The run in {path} has no checkpoint yet."),
    "questions_not_found": ("Ficheiro de perguntas não encontrado: {path}", "Questions file not found: {path}"),
    # {reason} is a json_<reason> code of messages/data.py (data.formats.json_error_params).
    "questions_invalid_json": ("{path}, linha {line}: JSON inválido na coluna {column}: {reason}.",
                               "{path}, line {line}: invalid JSON at column {column}: {reason}."),
    "questions_not_object": ("{path}, linha {line}: a linha não é um objeto JSON {{...}}: é {kind}.",
                             "{path}, line {line}: the line is not a JSON object {{...}}: it is {kind}."),
    "questions_missing_field": ("{path}, linha {line}: falta «{field}» (uma pergunta e uma lista de palavras-chave)",
                                "{path}, line {line}: “{field}” is missing (a question and a list of keywords)"),
    "questions_empty": ("O ficheiro de perguntas {path} não tem perguntas.", "The questions file {path} has no questions."),
    "valid_data_missing": ("Sem perguntas de verificação (valid.jsonl) para calcular o erro: {path}",
                           "No checking questions (valid.jsonl) to compute the error: {path}"),
    "scorecard_summary": ("factos corretos: base {base}/{total} -> afinado {tuned}/{total}",
                          "facts correct: base {base}/{total} -> fine-tuned {tuned}/{total}"),
    "scorecard_loss": ("erro nas perguntas de verificação: base {base_loss} (perplexidade {base_ppl}) → afinado {tuned_loss} (perplexidade {tuned_ppl})",
                       "error on the checking questions: base {base_loss} (perplexity {base_ppl}) → fine-tuned {tuned_loss} (perplexity {tuned_ppl})"),
    "scorecard_saved": ("Resultados gravados em {path}", "Results written to {path}"),
    "chat_cancelled": ("Resposta interrompida.", "Reply stopped."),
}
