"""`farense-studio evaluate --run DIR [--documents]` and `evaluate --model M --project DIR --documents`:
the fact-recall scorecard, base vs fine-tuned, each also answering from the club's documents."""

from __future__ import annotations

import json
import sys


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "evaluate", help="verificar factos: modelo base vs afinado / fact-recall scorecard, base vs fine-tuned",
        description="Faz as perguntas de teste ao modelo base e ao afinado (sem aleatoriedade), verifica as "
                    "palavras-chave de cada resposta, imprime a tabela e grava-a em DIR/evaluation/"
                    "scorecard-<data>.json / asks the held-out questions to the base and the fine-tuned "
                    "model (greedy), checks each answer's keywords, prints the table and writes it as JSON.")
    parser.add_argument("--run", metavar="DIR", help="pasta do treino / run folder")
    parser.add_argument("--documents", action="store_true",
                        help="responder também com os documentos do clube (colunas com documentos) / "
                             "also answer from the club's documents (the with-documents columns)")
    parser.add_argument("--project", metavar="DIR",
                        help="pasta do projeto cujo índice usar (com --model, sem treino) / project whose "
                             "index to use (with --model, no run)")
    parser.add_argument("--index", metavar="DIR", help="pasta do índice, se não for a dos dados preparados / "
                                                       "index folder override")
    parser.add_argument("--passages", type=int, default=5, metavar="N",
                        help="excertos por pergunta (5) / passages per question (5)")
    parser.add_argument("--checkpoint", choices=("best", "latest"), default="best",
                        help="ponto de gravação: o melhor (por omissão) ou o mais recente / "
                             "checkpoint: best (default) or latest")
    parser.add_argument("--questions", metavar="FILE",
                        help="perguntas de teste em JSONL (por omissão as de exemplo) / held-out questions "
                             "JSONL (default: the sample ones)")
    parser.add_argument("--model", metavar="M", help="modelo base, se não for o do treino / base model override")
    parser.add_argument("--max-tokens", type=int, default=160, metavar="N",
                        help="comprimento máximo de cada resposta (160) / max tokens per answer (160)")
    parser.add_argument("--csv", metavar="FILE", help="exportar também em CSV / also export as CSV")
    parser.add_argument("--json", action="store_true", help="imprimir o JSON em vez da tabela / print JSON")
    parser.add_argument("--details", action="store_true",
                        help="mostrar as respostas de cada pergunta / show every answer")
    parser.set_defaults(func=run)


def _progress(update: dict) -> None:
    if update.get("phase") in ("base", "tuned", "base+documents", "fine-tuned+documents"):
        print(f"\r{update['done']}/{update['total']}", end="", file=sys.stderr, flush=True)


def run(args) -> int:
    from farense_studio import messages
    from farense_studio.engine.documents_check import evaluate_with_documents
    from farense_studio.engine.evaluate import EvaluationError
    from farense_studio.engine.generation import GenerationError

    if not args.run and not (args.model and args.project and args.documents):
        print(messages.render("evaluate_needs_run_or_model"), file=sys.stderr)
        return 2
    try:
        show_progress = not args.json and sys.stderr.isatty()
        card, path = evaluate_with_documents(
            run_dir=args.run, model_spec=args.model, project=args.project, which=args.checkpoint,
            questions=args.questions, documents=args.documents, index_dir=args.index,
            max_tokens=args.max_tokens, passages=args.passages, progress=_progress if show_progress else None)
    except (EvaluationError, GenerationError) as exc:
        print(exc.text(), file=sys.stderr)
        return 1
    except Exception as exc:  # ModelError and friends carry text() too
        text = getattr(exc, "text", None)
        print(text() if callable(text) else str(exc), file=sys.stderr)
        return 1
    if args.csv:
        card.write_csv(args.csv)
    if args.json:
        data = card.to_json()
        data["path"] = str(path) if path else None
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    if show_progress:
        print(file=sys.stderr)
    if args.details:
        for row in card.rows:
            print(f"? {row.question}  [{' ; '.join(row.keywords)}]")
            print(f"  base    ({'ok' if row.base_correct else 'x '}): {row.base_answer}")
            if row.tuned_answer is not None:
                print(f"  afinado ({'ok' if row.tuned_correct else 'x '}): {row.tuned_answer}")
        print()
    print(card.table())
    for name, column in card.columns().items():
        print(messages.render("column_line", {"column": messages.render(f"column_{name}"), **column}))
    if path:
        print(messages.render("scorecard_saved", {"path": str(path)}))
    return 0
