"""Texts for generated questions (data.generated, data.grounding, engine.propose)."""

MESSAGES = {
    # Why a proposal was rejected (data.grounding.Ungrounded): the reviewer sees it beside the row.
    "invented_number": ("A resposta diz «{value}», que não está no parágrafo de origem.",
                        "The answer says “{value}”, which is not in its source paragraph."),
    "invented_name": ("A resposta fala de «{value}», que não aparece no parágrafo de origem.",
                      "The answer mentions “{value}”, which does not appear in its source paragraph."),
    "generated_rejected": ("Rejeitada na revisão: não entra no treino.",
                           "Rejected in review: it does not go into training."),
    "generated_stale": ("O texto de onde veio mudou ou saiu do projeto: não entra no treino. Gere outra vez "
                        "para a refazer.",
                        "The text it came from changed or left the project: it does not go into training. "
                        "Generate again to redo it."),
    "generate_progress": ("A gerar perguntas: {done} de {total} parágrafos e linhas · faltam ~{left}",
                          "Generating questions: {done} of {total} paragraphs and lines · ~{left} left"),
    "generate_summary": ("{proposed} perguntas propostas ({rejected} rejeitadas por não estarem no texto); "
                         "{training} entram nos dados (no treino, ou na verificação com a pergunta do clube que "
                         "reformulam). {already_done} parágrafos e linhas já estavam feitos.",
                         "{proposed} questions proposed ({rejected} rejected as not in the text); "
                         "{training} go into the data (training, or checking with the club question they rephrase). "
                         "{already_done} paragraphs and lines were already done."),
    "generate_cancelled": ("Geração interrompida; continua onde ficou da próxima vez.",
                           "Generation stopped; it carries on where it stopped next time."),
    "generate_nothing": ("O projeto não tem biografias nem perguntas do clube de onde gerar perguntas.",
                         "The project has no biographies or club questions to generate questions from."),
    # "Verificar factos" after a run (engine.verify_facts): the result in plain words, and the runs list's line.
    "facts_verified": ("o modelo acerta {tuned} de {total} perguntas; antes acertava {base}",
                       "the model gets {tuned} of {total} questions right; before, it got {base}"),
    "facts_line": ("acertos {base} → {tuned} de {total}", "correct {base} → {tuned} of {total}"),
    "facts_verified_documents": (
        "o modelo acerta {tuned} de {total} perguntas sozinho e {documents} com os documentos do clube; "
        "antes acertava {base}",
        "the model answers {tuned} of {total} questions on its own and {documents} with the club's documents; "
        "before it answered {base}"),
    "facts_line_documents": ("acertos {base} → {tuned} de {total} (com documentos {documents})",
                             "correct {base} → {tuned} of {total} (with documents {documents})"),
}
