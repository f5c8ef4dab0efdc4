"""`farense-studio data generate`: questions from the project's biographies and Q&A, headless."""

from __future__ import annotations

import json
import sys

from farense_studio.commands.status_line import StatusLine


def register(data_subparsers) -> None:
    """Adds ``generate`` under ``farense-studio data``."""
    parser = data_subparsers.add_parser(
        "generate", help="gerar perguntas das biografias / generate questions from the biographies",
        description="Propõe perguntas e respostas a partir de cada parágrafo das biografias e novas formas "
                    "das perguntas do clube; rejeita (com a razão) as respostas com números ou nomes que não "
                    "estão no texto. Guarda em <projeto>/dados/gerados.jsonl e continua onde ficou / proposes "
                    "questions from each biography paragraph and rewordings of the club's questions; rejects "
                    "(with the reason) answers whose numbers or names are not in the text.")
    parser.add_argument("--project", required=True, metavar="DIR", help="pasta do projeto / project folder")
    parser.add_argument("--model", metavar="M",
                        help="modelo base que propõe perguntas (pasta, repositório ou 'demo'); sem ele só os "
                             "modelos de frase / base model that proposes questions; without it templates only")
    parser.add_argument("--more-questions", action="store_true",
                        help="também perguntas sobre cada nome que uma frase refere e as perguntas do clube com "
                             "um sinónimo (ainda não medido, fora por omissão) / also questions on each name a "
                             "sentence mentions and the club's questions with a synonym (not yet measured, off "
                             "by default)")
    parser.add_argument("--json", action="store_true", help="resumo em JSON / summary as JSON")
    parser.set_defaults(func=run_generate)


def project_units(project):
    """The generation units of a project: its sources with its edits, read as the Dados tab reads them."""
    from farense_studio.data.edits import Edits
    from farense_studio.data.generated import units_of_sources

    return units_of_sources(project.jsonl_sources, project.bio_sources, Edits.load(project.path))


def proposers_for(model_spec: str | None, more: bool = False):
    """("template", ...) always (with the name and synonym questions when ``more``); ("model", ...)
    when a base model is given."""
    from farense_studio.data.generated import more_proposer, template_proposer

    proposers = [("template", more_proposer if more else template_proposer)]
    if model_spec:
        from farense_studio.engine.generation import load_chat_model
        from farense_studio.engine.propose import ModelProposer, model_completion

        model, tokenizer = load_chat_model(model_spec)
        proposers.append(("model", ModelProposer(model_completion(model, tokenizer))))
    return proposers


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(round(seconds)), 60)
    return f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"


def run_generate(args) -> int:
    from farense_studio import messages
    from farense_studio.data.generated import GeneratedStore, generate
    from farense_studio.project import Project, ProjectError

    try:
        project = Project.open(args.project)
    except ProjectError as exc:
        print(exc.text(), file=sys.stderr)
        return 2
    units = project_units(project)
    if not units:
        print(messages.render("generate_nothing"), file=sys.stderr)
        return 1
    store = GeneratedStore.for_project(project)
    line = StatusLine()

    def progress(done: int, total: int, left: float) -> None:
        line.show(messages.render("generate_progress", {"done": done, "total": total, "left": _duration(left)}),
                  final=done >= total)

    try:
        report = generate(units, store, proposers_for(args.model, args.more_questions), progress)
    except KeyboardInterrupt:
        line.end()
        print(messages.render("generate_cancelled"), file=sys.stderr)
        return 130
    line.end()
    counts = store.counts()
    summary = {**report.to_dict(), "training": counts["training"], "counts": counts,
               "file": str(store.path)}
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        print(messages.render("generate_summary", summary))
    return 0
