"""`farense-studio data check` and `farense-studio data prepare`: the data pipeline without a window."""

from __future__ import annotations

import argparse
import errno
import json
import sys
from pathlib import Path

from farense_studio.commands import documents_training

DEFAULT_MAX_TOKENS = 512  # the engine's default max_seq_length
BIO_SUFFIXES = (".txt", ".md")


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "data", help="verificar e preparar os dados / check and prepare the data",
        description="Verificar e preparar os exemplos do clube / check and prepare the club's examples.")
    sub = parser.add_subparsers(dest="data_command", metavar="ACTION", required=True)

    check = sub.add_parser(
        "check", help="listar os problemas dos ficheiros / list the files' problems",
        description="Lista cada problema como ficheiro:linha: código: texto. Sai com 0 sem erros, 1 com "
                    "algum erro / lists each problem as file:line: code: text; exits 0 with no error, 1 with any.")
    check.add_argument("paths", nargs="+", metavar="PATH",
                       help="ficheiros JSONL ou pastas/ficheiros de biografias / JSONL files or biography folders/files")
    _add_model_options(check)
    check.add_argument("--json", action="store_true", help="problemas em JSON / problems as JSON")
    check.set_defaults(func=run_check)

    prepare = sub.add_parser(
        "prepare", help="escrever train.jsonl, valid.jsonl e relatorio.json / write the prepared data",
        description="Lê, verifica, tira repetidos, separa treino e verificação e escreve a pasta de saída / "
                    "reads, checks, removes repeats, splits and writes the output folder.")
    prepare.add_argument("--jsonl", action="append", default=[], metavar="FILE",
                         help="ficheiro de perguntas e respostas (pode repetir) / Q&A file (repeatable)")
    prepare.add_argument("--bios", action="append", default=[], metavar="DIR",
                         help="pasta de biografias (pode repetir) / biography folder (repeatable)")
    prepare.add_argument("--out", required=True, metavar="DIR", help="pasta de saída / output folder")
    prepare.add_argument("--val-fraction", type=_fraction, default=0.1, metavar="F",
                         help="fração posta de parte como perguntas de verificação (0,1 por omissão) / "
                              "fraction set aside as checking questions (default 0.1)")
    prepare.add_argument("--seed", type=int, default=42, metavar="N", help="semente / seed (42)")
    prepare.add_argument("--edits", metavar="PROJECT",
                         help="aplicar as edições guardadas nesta pasta de projeto / apply this project's edits")
    prepare.add_argument("--generated", metavar="PROJECT",
                         help="juntar as perguntas geradas deste projeto que entram no treino (data generate) / "
                              "add this project's generated questions that train")
    prepare.add_argument("--strict", action="store_true",
                         help="sair com 1 se houver erros / exit 1 when there are errors")
    _add_model_options(prepare)
    documents_training.register_options(prepare)
    prepare.set_defaults(func=run_prepare)

    from farense_studio.commands import generate

    generate.register(sub)


def _fraction(text: str) -> float:
    value = float(text.replace(",", "."))
    if not 0.0 <= value < 1.0:
        raise argparse.ArgumentTypeError("0 <= F < 1")
    return value


def _add_model_options(parser) -> None:
    parser.add_argument("--model", metavar="M",
                        help="modelo cujo tokenizador mede o comprimento (pasta, repositório ou 'demo') / "
                             "model whose tokenizer measures length")
    parser.add_argument("--max-tokens", type=int, default=None, metavar="N",
                        help=f"comprimento máximo com --model ({DEFAULT_MAX_TOKENS}) / maximum length with --model")


def load_tokenizer(spec: str):
    """Only the tokenizer of a model (never its weights in memory)."""
    folder = Path(spec).expanduser()
    try:
        from farense_studio.engine.models import resolve_model
    except ImportError:
        resolve_model = None
    if resolve_model is not None:
        folder = resolve_model(spec)
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(folder))


def _split_paths(paths: list[str]) -> tuple[list[Path], list[Path]]:
    """JSONL files on one side, biography folders and files on the other."""
    jsonl, bios = [], []
    for text in paths:
        path = Path(text)
        if path.is_dir() or path.suffix.lower() in BIO_SUFFIXES:
            bios.append(path)
        elif path.suffix.lower() == ".json" and _looks_like_bio(path):
            bios.append(path)
        else:
            jsonl.append(path)
    return jsonl, bios


def _looks_like_bio(path: Path) -> bool:
    """A .json file holding one JSON document over several lines or a list (biographies), not
    one object per line."""
    from farense_studio.data.formats import MAX_JSONL_BYTES, read_limited

    data, refused = read_limited(path, MAX_JSONL_BYTES)
    if refused:  # the JSONL reader names the problem
        return False
    try:
        document = json.loads(data)
    except (ValueError, RecursionError):  # the JSONL reader names the bad lines
        return False
    return isinstance(document, list) or len(data.strip().splitlines()) > 1


def _tokenizer_args(args) -> tuple[object, int | None, int]:
    """(tokenizer, max tokens, exit code): exit code 2 when the model could not be found."""
    if not args.model:
        return None, args.max_tokens, 0
    try:
        tokenizer = load_tokenizer(args.model)
    except Exception as exc:  # ModelError and whatever transformers raises for a bad folder
        text = exc.text() if hasattr(exc, "text") else str(exc)
        print(text, file=sys.stderr)
        return None, None, 2
    return tokenizer, args.max_tokens or DEFAULT_MAX_TOKENS, 0


def _print_problems(problems, stream) -> None:
    for problem in problems:
        print(f"{problem.location or '-'}: {problem.code}: {problem.text()}", file=stream)


def run_check(args) -> int:
    from farense_studio import messages
    from farense_studio.data import build_corpus
    from farense_studio.data.formats import safe_text

    tokenizer, max_tokens, code = _tokenizer_args(args)
    if code:
        return code
    jsonl, bios = _split_paths(args.paths)
    corpus = build_corpus(jsonl, bios, tokenizer=tokenizer, max_tokens=max_tokens, split=False,
                          full_paths=True)
    problems = corpus.problems
    if args.json:  # safe_text: no lone surrogate can make the output invalid UTF-8
        print(safe_text(json.dumps({"examples": len(corpus.examples), "duplicates_removed": corpus.duplicates_removed,
                          "errors": len(corpus.errors), "warnings": len(corpus.warnings),
                          "problems": [p.to_json() for p in problems]}, ensure_ascii=False, indent=2)))
    else:
        _print_problems(problems, sys.stdout)
        print(messages.render("check_summary", {"examples": len(corpus.examples),
                                                "errors": len(corpus.errors),
                                                "warnings": len(corpus.warnings)}), file=sys.stderr)
    return 1 if corpus.errors else 0


def run_prepare(args) -> int:
    from farense_studio import messages
    from farense_studio.data import Edits, build_corpus, write_prepared

    documents_training.wants_tokenizer(args)
    tokenizer, max_tokens, code = _tokenizer_args(args)
    if code:
        return code
    from farense_studio.data.generated import GeneratedStore, units_of_sources

    edits = Edits.load(args.edits) if args.edits else None
    extra, store = [], None
    if args.generated:  # those that train, from texts that did not change since they were generated
        units = units_of_sources(args.jsonl or [], args.bios or [], edits)
        store = GeneratedStore.for_project(args.generated)
        extra = store.rows(units)[0]
    corpus = build_corpus(args.jsonl, args.bios, val_fraction=args.val_fraction, seed=args.seed,
                          tokenizer=tokenizer, max_tokens=max_tokens, edits=edits, extra=extra)
    _print_problems(corpus.problems, sys.stderr)
    if not corpus.examples:
        return 1
    mixed = None
    try:
        if args.documents_in_training:
            mixed = documents_training.prepare(args, corpus, tokenizer, max_tokens,
                                               store.proposals.values() if store else ())
            out = args.out
        else:
            out = write_prepared(corpus, args.out)
    except OSError as exc:  # disk full, read-only folder: said plainly, no file left half-written
        code = "prepare_disk_full" if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", 0)) \
            else "prepare_write_error"
        print(messages.render(code, {"out": args.out, "detail": exc.strerror or str(exc)}), file=sys.stderr)
        return 1
    print(messages.render("prepare_summary", {
        "out": out, "train": len(corpus.train), "valid": len(corpus.valid),
        "duplicates": corpus.duplicates_removed, "errors": len(corpus.errors)}))
    if mixed:  # after the counts it details (as Dados says it)
        print(mixed)
    return 1 if args.strict and corpus.errors else 0
