"""`farense-studio export`: a trained run as a folder for the club's bot."""

from __future__ import annotations

import json
import sys


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "export", help="exportar um treino para o bot do clube / export a run for the club's bot",
        description="Escreve <saída>/<treino>-<data>/ com a afinação, metadata.json, inference.py e "
                    "INTEGRATION_GUIDE.md (nunca por cima de outra exportação) / writes <out>/<run>-<date>/.")
    parser.add_argument("--run", required=True, metavar="DIR", help="pasta do treino / run folder")
    parser.add_argument("--out", required=True, metavar="DIR", help="pasta de destino / destination folder")
    parser.add_argument("--checkpoint", choices=("best", "latest"), default="best",
                        help="melhor ou mais recente ponto de gravação / best or latest checkpoint (best)")
    parser.add_argument("--fuse", action="store_true",
                        help="incluir o modelo completo (base + afinação fundidos) / include the fused model")
    parser.add_argument("--dequantize", action="store_true",
                        help="modelo fundido em precisão total / de-quantized fused model")
    parser.add_argument("--gguf", action="store_true",
                        help="também um ficheiro GGUF (só llama/mistral/mixtral; implica --fuse --dequantize) / "
                             "also a GGUF file (llama/mistral/mixtral only; implies --fuse --dequantize)")
    parser.add_argument("--no-documents", action="store_true",
                        help="sem o índice dos documentos do clube (por omissão vai junto, para o bot responder com "
                             "eles) / without the index of the club's documents (carried by default)")
    parser.add_argument("--json", action="store_true", help="resultado em JSON / result as JSON")
    parser.set_defaults(func=run_export)


def run_export(args) -> int:
    from farense_studio.engine.export import ExportError, ExportOptions, export_run

    def progress(report):
        if not args.json:
            print(f"[{report.fraction:4.0%}] {report.text()}", file=sys.stderr, flush=True)

    options = ExportOptions(args.checkpoint, fuse=args.fuse or args.gguf, dequantize=args.dequantize, gguf=args.gguf,
                            documents=not args.no_documents)
    try:
        folder = export_run(args.run, args.out, options, progress=progress)
    except ExportError as exc:
        if args.json:
            print(json.dumps({"status": "error", "code": exc.code, "error": exc.text()}, ensure_ascii=False))
        else:
            print(exc.text(), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        from farense_studio import messages

        print(messages.render("export_cancelled"), file=sys.stderr)
        return 130
    if args.json:
        print(json.dumps({"status": "success", "path": str(folder)}, ensure_ascii=False))
    else:
        print(folder)
    return 0
