"""Message texts of the club's documents: the retrieval index and answering with documents."""

MESSAGES = {
    "index_missing": (
        "Não há índice dos documentos do clube em {path}: prepare os dados primeiro.",
        "There is no index of the club's documents in {path}: prepare the data first.",
    ),
    "index_damaged": (
        "O índice dos documentos do clube em {path} está danificado ({detail}); prepare os dados "
        "outra vez para o refazer.",
        "The index of the club's documents in {path} is damaged ({detail}); prepare the data again "
        "to rebuild it.",
    ),
    "evaluate_needs_run_or_model": (
        "Indique --run PASTA, ou --model M com --project PASTA e --documents.",
        "Give --run DIR, or --model M with --project DIR and --documents.",
    ),
    "column_base": ("base", "base"),
    "column_base+documents": ("base com documentos", "base with documents"),
    "column_fine-tuned": ("afinado", "fine-tuned"),
    "column_fine-tuned+documents": ("afinado com documentos", "fine-tuned with documents"),
    "column_line": ("{column}: {correct} de {total} corretas", "{column}: {correct} of {total} correct"),
    "source_line": ("{file}, linha {line}", "{file}, line {line}"),
    "source_paragraph": ("{file}, parágrafo {paragraph}", "{file}, paragraph {paragraph}"),
    "documents_training_summary": (
        "Treino com documentos: {right} exemplos com a passagem certa, {silent} com «não sei» (só passagens "
        "que não respondem), {plain} sem documentos.",
        "Training with documents: {right} examples with the right passage, {silent} with \"I don't know\" (only "
        "passages that do not answer), {plain} without documents.",
    ),
    "documents_training_plain_copies": (
        "Mais {plain_copies} cópias sem documentos dos exemplos com passagens: {train_rows} exemplos de treino "
        "e {valid_rows} de verificação ao todo.",
        "Plus {plain_copies} copies without documents of the examples with passages: {train_rows} training "
        "examples and {valid_rows} checking ones in all.",
    ),
}
