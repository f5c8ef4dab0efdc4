"""`farense-studio demo-model`: prepare the bundled SmolLM2 (once) and print its folder."""

from __future__ import annotations

import sys


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "demo-model",
        help="preparar o modelo de demonstração e mostrar a pasta / prepare the demo model, print its folder",
        description="Converte (só da primeira vez) o SmolLM2-135M-Instruct incluído para o formato do "
                    "mlx-lm e imprime a pasta / converts (first time only) the bundled SmolLM2-135M-Instruct "
                    "to mlx-lm's format and prints the folder.")
    parser.add_argument("--quiet", action="store_true",
                        help="só imprimir a pasta / print only the folder")
    parser.set_defaults(func=run)


def run(args) -> int:
    from farense_studio.engine.models import ModelError, ensure_demo_model

    def progress(event) -> None:
        if not args.quiet:
            print(event.text(), file=sys.stderr, flush=True)

    try:
        folder = ensure_demo_model(progress=progress)
    except ModelError as exc:
        print(exc.text(), file=sys.stderr)
        return 1
    print(folder)
    return 0
