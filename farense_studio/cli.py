"""Command line entry point: the GUI with no sub-command, headless sub-commands otherwise.

Each sub-command lives in farense_studio/commands/<name>.py with ``register(subparsers)``;
it adds its parser and sets ``func`` (taking the parsed args, returning an exit code).
Those modules import MLX and friends inside their functions so ``--help`` stays fast.
"""

from __future__ import annotations

import argparse
import sys

from farense_studio import __version__, messages
from farense_studio.modules import import_if_present

# Order shown in --help. A module not present yet is skipped.
COMMAND_MODULES = ("data", "demo_model", "download", "train", "evaluate", "chat", "export", "serve")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="farense-studio",
        description="Farense Studio: ensinar um modelo local sobre o clube / teach a local model about the club. "
        "Sem sub-comando abre a aplicação / with no sub-command it opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--lang", choices=messages.LANGUAGES, help="língua das mensagens / message language")
    parser.add_argument("--sample", action="store_true",
                        help="abrir com os dados de exemplo e o modelo de demonstração / open on the sample data and demo model")
    parser.add_argument("--project", help="pasta do projeto a abrir / project folder to open")
    parser.add_argument("--self-test", action="store_true",
                        help="verificar a instalação sem ecrã e imprimir um relatório JSON / check the install headless, print JSON")
    parser.add_argument("--group-check", nargs="*", metavar="PATH", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        module = import_if_present(f"farense_studio.commands.{name}")
        if module is not None:
            module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    # --lang first: the help texts built with the parser (train's settings) use it as well.
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang")
    known, _rest = early.parse_known_args(sys.argv[1:] if argv is None else argv)
    if known.lang in messages.LANGUAGES:  # a bad value is refused by the full parser below
        messages.set_language(known.lang)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.lang:
        messages.set_language(args.lang)
    if args.group_check is not None:  # asked over SSH by another computer's "Usar outros Macs" check
        import json

        from farense_studio.engine.distributed import local_report

        print(json.dumps(local_report(args.group_check)))
        return 0
    if args.self_test:
        from farense_studio.selftest import run_self_test

        return run_self_test()
    if args.command is None:
        from farense_studio.gui.app import run_app

        return run_app(sample=args.sample, project=args.project, lang=args.lang)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
