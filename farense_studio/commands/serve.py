"""`farense-studio serve` (the local OpenAI-compatible server) and `farense-studio infer`."""

from __future__ import annotations

import argparse
import sys


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "serve", help="servidor local compatível com a OpenAI para o bot / local OpenAI-compatible server",
        description="Carrega o modelo uma vez e responde em http://127.0.0.1:PORTA a POST /v1/chat/completions "
                    "e GET /v1/models (só neste computador) / loads the model once and answers on 127.0.0.1.")
    parser.add_argument("--adapter", metavar="PATH",
                        help="exportação, ponto de gravação ou treino / export, checkpoint or run folder")
    parser.add_argument("--model", metavar="M", help="modelo base (por omissão o da afinação) / base model")
    parser.add_argument("--port", type=int, default=8080, help="porta (8080; 0 escolhe uma livre) / port")
    parser.add_argument("--checkpoint", choices=("best", "latest"), default="best",
                        help="para uma pasta de treino / for a run folder (best)")
    parser.add_argument("--max-tokens", type=int, default=None, help="tokens por resposta por omissão (256) / default tokens per answer (256)")
    parser.add_argument("--name", help="nome do modelo na API / model name in the API")
    parser.add_argument("--allow-origin", action="append", default=[], metavar="URL",
                        help="página autorizada a chamar o servidor (CORS), ex. https://www.scfarense.pt; pode "
                             "repetir / a web page allowed to call the server (CORS); repeatable")
    parser.add_argument("--host", default="127.0.0.1",
                        help="endereço onde escutar (127.0.0.1; outro exige uma chave) / address to listen on "
                             "(127.0.0.1; any other needs a token)")
    parser.add_argument("--token", help="chave exigida em cada pedido (Authorization: Bearer …); melhor pela "
                                        "variável FARENSE_SERVE_TOKEN / token required on every request; "
                                        "better through FARENSE_SERVE_TOKEN")
    parser.add_argument("--no-documents", action="store_true",
                        help="responder sem consultar os documentos do clube (o índice da exportação ou do treino) "
                             "/ answer without the club's documents (the export's or the run's index)")
    parser.set_defaults(func=run_serve)

    infer = subparsers.add_parser(
        "infer", help="uma pergunta, uma resposta JSON (como farense-infer) / one question, one JSON answer",
        description="O mesmo que farense-infer; opções depois de -- / the same as farense-infer; options after --: "
                    "farense-studio infer -- --temperature 0 \"Quem foi Hassan Nader?\"", add_help=False)
    infer.add_argument("--export-dir", help=argparse.SUPPRESS)
    infer.add_argument("rest", nargs=argparse.REMAINDER)
    infer.set_defaults(func=run_infer)


def run_infer(args) -> int:
    from pathlib import Path

    from farense_studio.serve.infer import main

    rest = args.rest[1:] if args.rest[:1] == ["--"] else args.rest
    return main(rest, export_dir=Path(args.export_dir) if args.export_dir else None)


def run_serve(args) -> int:
    import logging
    import os

    from farense_studio import messages
    from farense_studio.program.inference_core import DEFAULTS
    from farense_studio.program.inference_program import InferError, quiet_libraries
    from farense_studio.serve.infer import make_plan, resolve_base
    from farense_studio.serve.server import TOKEN_ENV, LocalServer, ServeError

    quiet_libraries()
    logging.getLogger("farense_studio.serve").setLevel(logging.INFO)
    server = None
    try:
        plan = make_plan(args.adapter, args.model, which=args.checkpoint)
        if not plan.base:
            raise InferError("infer_no_model")
        print(messages.render("serve_loading", {"model": plan.base}), file=sys.stderr, flush=True)
        server = LocalServer(plan, resolve_base(plan), port=args.port, model_name=args.name,
                             max_tokens=args.max_tokens or DEFAULTS["max_tokens"], host=args.host,
                             allow_origins=args.allow_origin, token=args.token or os.environ.get(TOKEN_ENV),
                             documents=not args.no_documents)
        url = server.start()
    except (InferError, ServeError) as exc:
        print(exc.text(), file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # Ctrl+C while the model loads
        if server is not None:
            server.close()
        return 0
    try:  # a Ctrl+C right after the ready line still closes the server (its thread would hang on)
        print(messages.render("serve_ready", {"url": url, "name": server.config.model_name}), flush=True)
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        print(messages.render("serve_stopped"), file=sys.stderr)
    # Stopped by Ctrl+C: leave at once, without the interpreter's teardown. MLX threads of the
    # generation may still be tearing down, and their C++ state freed at exit occasionally
    # aborts the process ("terminate called without an active exception", exit 134, about 1
    # in 6 after a sampled answer). Nothing is left to save: the server holds no files.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
