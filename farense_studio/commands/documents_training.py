"""`data prepare --documents-in-training`: the prepared examples carry retrieved passages (data.raft)."""

from __future__ import annotations

DEFAULT_MODEL = "demo"  # whose tokenizer measures the budget when --model is not given


def register_options(parser) -> None:
    parser.add_argument("--documents-in-training", action="store_true",
                        help="treinar com documentos: exemplos com as passagens encontradas (a certa e outras, "
                             "ou só outras e «não sei», ou nenhuma); desligado por omissão até ser medido na GPU; "
                             "o comprimento conta-se com o tokenizador de --model (o do modelo de demonstração "
                             "sem --model) / train with documents: examples carry retrieved passages; off by default "
                             "until measured on the GPU")


def wants_tokenizer(args) -> None:
    """The budget needs the model's tokenizer: the demo model's when none was named."""
    if getattr(args, "documents_in_training", False) and not args.model:
        args.model = DEFAULT_MODEL


def prepare(args, corpus, tokenizer, max_tokens: int, generated) -> None:
    """Writes the prepared folder with passages in the examples and prints how they were mixed."""
    from farense_studio import messages
    from farense_studio.data.corpus import token_counter
    from farense_studio.data.raft import RaftSettings, prepare_with_documents
    from farense_studio.engine.config import DEFAULT_SYSTEM_PROMPT

    settings = RaftSettings(max_tokens=max_tokens, seed=args.seed, system_prompt=DEFAULT_SYSTEM_PROMPT)
    report = prepare_with_documents(corpus, args.out, settings, token_counter(tokenizer), generated)
    print(messages.render("documents_training_summary", report.to_dict()))
