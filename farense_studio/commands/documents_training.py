"""`data prepare --documents-in-training`: the prepared examples carry retrieved passages (data.raft)."""

from __future__ import annotations

import argparse

DEFAULT_MODEL = "demo"  # whose tokenizer measures the budget when --model is not given


def register_options(parser) -> None:
    parser.add_argument("--documents-in-training", action="store_true",
                        help="treinar com documentos: exemplos com as passagens encontradas (a certa e outras, "
                             "ou só outras e «não sei», ou nenhuma), como a aplicação faz por omissão (medido na "
                             "GPU); o comprimento conta-se com o tokenizador de --model (o do modelo de "
                             "demonstração sem --model) / train with documents: examples carry retrieved passages, "
                             "as the app does by default (measured on the GPU)")
    parser.add_argument("--passages", type=int, default=None, metavar="N", choices=range(1, 11),
                        help="passagens por exemplo, a certa incluída (por omissão as de responder: 5) / passages "
                             "per example, the right one included (default: as many as answering shows, 5)")
    parser.add_argument("--silent-fraction", type=_fraction, default=None, metavar="Q",
                        help="fração de exemplos com «não sei» (entre 0 e 0,5; por omissão a medida) / share of "
                             "\"I don't know\" examples (0 to 0.5; default: the measured one)")
    parser.add_argument("--silent-search", type=int, default=0, metavar="N", choices=range(0, 11),
                        help="exemplos «não sei»: procurar N vezes mais fundo passagens que não respondem (0: o "
                             "medido) / \"I don't know\" examples: look N times deeper for passages that do not "
                             "answer (0: the measured way)")
    parser.add_argument("--keep-plain", action=argparse.BooleanOptionalAction, default=None,
                        help="cada exemplo com passagens entra também sem elas (mais exemplos por passagem; por "
                             "omissão sim, o medido) / each example with passages is also kept without them (more "
                             "examples a pass; on by default, as measured)")
    parser.add_argument("--shuffle-right", action="store_true",
                        help="a passagem certa num lugar ao acaso entre as outras, não onde a pesquisa a pôs (ainda "
                             "não medido na GPU) / the right passage at a random place among the others, not where "
                             "retrieval put it (not yet measured on the GPU)")


def _fraction(text: str) -> float:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 0.5:
        raise argparse.ArgumentTypeError(f"«{text}» não é uma fração entre 0 e 0,5 / not a fraction between 0 and 0.5")
    return value


def wants_tokenizer(args) -> None:
    """The budget needs the model's tokenizer: the demo model's when none was named."""
    if getattr(args, "documents_in_training", False) and not args.model:
        args.model = DEFAULT_MODEL


def prepare(args, corpus, tokenizer, max_tokens: int, generated) -> str:
    """Writes the prepared folder with passages in the examples; returns how they were mixed, in words."""
    from farense_studio.data.corpus import token_counter
    from farense_studio.data.raft import RaftSettings, prepare_with_documents, summary
    from farense_studio.engine.config import DEFAULT_SYSTEM_PROMPT

    mix = {"silent_search": getattr(args, "silent_search", 0) or 0}
    if getattr(args, "keep_plain", None) is not None:
        mix["keep_plain"] = args.keep_plain
    if getattr(args, "shuffle_right", False):
        mix["shuffle_right"] = True
    if getattr(args, "passages", None):
        mix["distractors"] = args.passages - 1
    if getattr(args, "silent_fraction", None) is not None:
        mix["silent_fraction"] = args.silent_fraction
    settings = RaftSettings(max_tokens=max_tokens, seed=args.seed, system_prompt=DEFAULT_SYSTEM_PROMPT, **mix)
    report = prepare_with_documents(corpus, args.out, settings, token_counter(tokenizer), generated)
    return summary(report.to_dict())
