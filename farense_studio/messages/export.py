"""Message texts of exporting a trained adaptation for the club's bot."""

MESSAGES = {
    # --- errors (ExportError codes) --------------------------------------------------------
    "export_not_a_run": (
        "A pasta {path} não é um treino do Farense Studio (falta config.yaml).",
        "The folder {path} is not a Farense Studio training run (config.yaml is missing).",
    ),
    "export_no_checkpoint": (
        "O treino {run} ainda não tem nenhum ponto de gravação ({which}) para exportar.",
        "The run {run} has no checkpoint ({which}) to export yet.",
    ),
    "export_adapter_damaged": (
        "A afinação em {path} está danificada ({detail}); escolha outro ponto de gravação.",
        "The adapter in {path} is damaged ({detail}); choose another checkpoint.",
    ),
    "export_out_not_writable": (
        "Não é possível escrever na pasta de destino {path}: {detail}",
        "Cannot write to the destination folder {path}: {detail}",
    ),
    "export_index_damaged": (
        "Não é possível levar os documentos do clube na exportação: {detail}",
        "The club's documents cannot go into the export: {detail}",
    ),
    "export_cancelled": (
        "Exportação cancelada: nada ficou gravado.",
        "Export cancelled: nothing was written.",
    ),
    "export_gguf_unsupported": (
        "O mlx-lm só converte para GGUF modelos das famílias llama, mistral e mixtral; este "
        "modelo base é «{model_type}», por isso não há ficheiro GGUF. A afinação e o modelo "
        "fundido foram exportados na mesma.",
        "mlx-lm converts to GGUF only llama, mistral and mixtral models; this base model is "
        "“{model_type}”, so there is no GGUF file. The adapter and the fused model are "
        "exported all the same.",
    ),
    "export_gguf_unsupported_refused": (
        "O mlx-lm só converte para GGUF modelos das famílias llama, mistral e mixtral; este "
        "modelo base é «{model_type}». Exporte sem a opção GGUF.",
        "mlx-lm converts to GGUF only llama, mistral and mixtral models; this base model is "
        "“{model_type}”. Export without the GGUF option.",
    ),
    "export_fuse_failed": (
        "Não foi possível fundir a afinação com o modelo base: {detail}",
        "Could not fuse the adapter into the base model: {detail}",
    ),
    "export_failed": (
        "A exportação falhou: {detail}. Nada ficou gravado.",
        "The export failed: {detail}. Nothing was written.",
    ),
    # --- progress ---------------------------------------------------------------------------
    "export_stage_copy": ("A copiar a afinação…", "Copying the adapter…"),
    "export_stage_load": ("A carregar o modelo base para fundir…", "Loading the base model to fuse…"),
    "export_stage_fuse": ("A fundir a afinação com o modelo base…", "Fusing the adapter into the base model…"),
    "export_stage_dequantize": ("A converter o modelo para precisão total…", "Converting the model to full precision…"),
    "export_stage_save": ("A gravar o modelo fundido…", "Saving the fused model…"),
    "export_stage_gguf": ("A converter para GGUF…", "Converting to GGUF…"),
    "export_stage_finish": ("A terminar a exportação…", "Finishing the export…"),
    "export_done": ("Exportação pronta em {path}", "Export ready in {path}"),
}
