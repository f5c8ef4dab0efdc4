"""The inference program of the club's bot: one question in, exactly one JSON object out.

This file is copied into every export as ``inference.py`` (with inference_core.py beside it,
which holds what the app's chat and the local server share with it) and is also the core of
``farense-infer``. It imports only the standard library at the top, so that it can start
under any ``python3``: when that interpreter lacks mlx-lm or Farense Studio, it re-runs
itself with the app's own environment recorded in the export's ``metadata.json``; with
mlx-lm alone (a machine beside the Mac) it runs on its own, without the club's documents:
searching the exported index (``indice/``) takes the app's retrieval library (bm25s and the
Portuguese stemmer), which is why the app's Python is recorded and used first.

Contract (the bot runs ``spawn('python3', [script, prompt])``):
  success  -> stdout ``{"prompt": ..., "response": ..., "status": "success", "sources": [...],
              "documents_silent": false}``, exit 0
              (``sources``: the club's documents given to the model, [] without them;
              ``documents_silent``: true when they do not speak of the question, and the response is
              «Não sei: ...» without asking the model, or when the model's answer lacked the kind of
              thing the question asks for, a price or a date, say, and «Não sei: ...» replaced it)
  failure  -> stdout ``{"prompt": ..., "response": null, "status": "error", "error": ...,
              "code": ...}``, exit 2 (usage), 3 (model or adaptation), 4 (generation), 1 (other)
  stdout closed or unwritable -> nothing can reach the bot: exit 5, the reason on stderr
Nothing else is ever written to stdout: logs and library warnings go to stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

if __package__:  # farense_studio.program, inside the app
    from .inference_core import (ADAPTER_FILES, DEFAULTS, FUSED_MARKER, LIMITS, MAX_PROMPT_CHARS, MESSAGES,
                                 add_end_of_turn, changed_adapter_file, chat_tokens, clean_text, in_limits)
else:  # an export's inference.py: the copy of inference_core.py beside it
    from inference_core import (ADAPTER_FILES, DEFAULTS, FUSED_MARKER, LIMITS, MAX_PROMPT_CHARS, MESSAGES,
                                add_end_of_turn, changed_adapter_file, chat_tokens, clean_text, in_limits)

REEXEC_ENV = "FARENSE_INFER_REEXEC"
STANDALONE_ENV = "FARENSE_INFER_STANDALONE"  # "1": ignore an installed Farense Studio
EXIT_USAGE, EXIT_MODEL, EXIT_GENERATION, EXIT_OTHER = 2, 3, 4, 1
EXIT_NO_OUTPUT = 5  # stdout closed or unwritable: the answer could not reach the bot


class InferError(Exception):
    """A failure with a stable code, the parameters of its text and the exit status."""

    def __init__(self, code: str, exit_code: int = EXIT_OTHER, **params):
        super().__init__(code)
        self.code, self.exit_code, self.params = code, exit_code, params

    def text(self, lang: str | None = None) -> str:
        return render(self.code, self.params, lang)


def language() -> str:
    """Portuguese unless FARENSE_LANG asks for English (the bot speaks Portuguese)."""
    return "en" if os.environ.get("FARENSE_LANG", "").lower().startswith("en") else "pt"


def render(code: str, params: dict, lang: str | None = None) -> str:
    pt, en = MESSAGES.get(code, (code, code))
    template = en if (lang or language()) == "en" else pt
    try:
        return template.format(**params).strip()
    except (KeyError, IndexError, ValueError):
        return template


def short(exc: BaseException) -> str:
    """One line of an exception, for people rather than developers."""
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:300]


# ---------------------------------------------------------------- stdout discipline

def warn(text: str) -> None:
    """A line on stderr, if there is one (the bot may have closed it too)."""
    try:
        print(text, file=sys.stderr, flush=True)
    except (AttributeError, OSError, ValueError):
        pass


class JsonStdout:
    """Sends everything printed (Python or C level) to stderr; only emit() reaches stdout.

    ``closed`` tells that there was no stdout at all (the caller then exits EXIT_NO_OUTPUT
    before loading anything); emit() returns False when the object could not be written."""

    def __enter__(self):
        _flush(sys.stdout)
        try:
            self._saved_fd = os.dup(1)
        except OSError:
            self._saved_fd = None
        self.closed = self._saved_fd is None
        # C-level prints go to stderr, and fd 1 is never left free for a model file to take.
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(2 if _is_open(2) else null, 1)
        os.close(null)
        self._saved_stdout, sys.stdout = sys.stdout, sys.stderr
        return self

    def emit(self, obj: dict) -> bool:
        data = clean_text(json.dumps(obj, ensure_ascii=False) + "\n").encode("utf-8")
        try:
            while data:
                data = data[os.write(-1 if self.closed else self._saved_fd, data):]
        except OSError as exc:
            warn(f"inference.py: the answer could not be written to stdout ({exc.strerror or exc})")
            return False
        return True

    def __exit__(self, *exc):
        _flush(sys.stderr)
        if not self.closed:
            os.dup2(self._saved_fd, 1)
            os.close(self._saved_fd)
        sys.stdout = self._saved_stdout
        return False


def _flush(stream) -> None:
    try:
        stream.flush()
    except (AttributeError, OSError, ValueError):  # None (closed at start), or closed since
        pass


def _is_open(fd: int) -> bool:
    try:
        os.fstat(fd)
        return True
    except OSError:
        return False


def emit_result(result: dict, status: int) -> int:
    """Writes the one JSON object; the exit status, EXIT_NO_OUTPUT when stdout is gone."""
    with JsonStdout() as out:
        return status if out.emit(result) else EXIT_NO_OUTPUT


def quiet_libraries() -> None:
    """Keeps transformers, huggingface_hub and tokenizers from chattering."""
    for key, value in (("TRANSFORMERS_VERBOSITY", "error"), ("HF_HUB_DISABLE_PROGRESS_BARS", "1"),
                       ("TOKENIZERS_PARALLELISM", "false"), ("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")):
        os.environ.setdefault(key, value)
    import logging
    import warnings

    warnings.simplefilter("ignore")
    logging.basicConfig(stream=sys.stderr, level=logging.ERROR)


# ---------------------------------------------------------------- arguments and prompt

class _Parser(argparse.ArgumentParser):
    def error(self, message):  # never exit with argparse's text on stdout/stderr only
        raise InferError("infer_bad_arguments", EXIT_USAGE, detail=message)


def build_parser(prog: str = "inference.py") -> argparse.ArgumentParser:
    parser = _Parser(prog=prog, description="Responde a uma pergunta com o modelo afinado e imprime um "
                                            "objeto JSON / answers one question, prints one JSON object.")
    parser.add_argument("prompt", nargs="*", help="a pergunta (ou pela entrada padrão) / the question (or stdin)")
    parser.add_argument("--adapter", help="pasta da afinação, exportação ou treino / adapter, export or run folder")
    parser.add_argument("--model", help="modelo base: pasta, id do Hugging Face ou 'demo' / base model")
    parser.add_argument("--max-tokens", type=int, default=None, help="máximo de tokens da resposta / maximum answer tokens")
    parser.add_argument("--temperature", type=float, default=None, help="0 = sempre a mesma resposta / 0 = always the same answer")
    parser.add_argument("--system", help="instrução de sistema (por omissão a do treino) / system prompt")
    parser.add_argument("--no-adapter", action="store_true", help="usar só o modelo base / base model only")
    parser.add_argument("--no-documents", action="store_true",
                        help="não consultar os documentos do clube / answer without the club's documents")
    parser.add_argument("--index", help="pasta do índice dos documentos (por omissão o da exportação ou do treino) "
                                        "/ index folder of the club's documents")
    return parser


def read_prompt(args) -> str:
    """The question from the arguments or stdin: valid UTF-8, not empty, at most MAX_PROMPT_CHARS."""
    if args.prompt:
        prompt = " ".join(args.prompt)
    elif sys.stdin is not None and not sys.stdin.isatty():
        data = sys.stdin.buffer.read(4 * MAX_PROMPT_CHARS + 1)  # UTF-8: at most 4 bytes a character
        if len(data) > 4 * MAX_PROMPT_CHARS:
            raise InferError("infer_prompt_too_long", EXIT_USAGE, length=f"> {MAX_PROMPT_CHARS}", limit=MAX_PROMPT_CHARS)
        try:
            prompt = data.decode("utf-8")
        except UnicodeDecodeError:
            raise InferError("infer_bad_encoding", EXIT_USAGE, prompt=data.decode("utf-8", "replace")) from None
    else:
        raise InferError("infer_no_prompt", EXIT_USAGE)
    check_text(prompt)
    if not prompt.strip():
        raise InferError("infer_empty_prompt", EXIT_USAGE, prompt=prompt)
    return prompt.strip()


def check_text(text: str) -> str:
    """A prompt or system prompt: valid UTF-8 (bytes that are not arrive in argv as lone
    surrogates) and at most MAX_PROMPT_CHARS, refused before anything is loaded."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise InferError("infer_bad_encoding", EXIT_USAGE, prompt=clean_text(text)) from None
    if len(text) > MAX_PROMPT_CHARS:
        raise InferError("infer_prompt_too_long", EXIT_USAGE, length=len(text), limit=MAX_PROMPT_CHARS)
    return text


def check_setting(name: str, value):
    """A sampling setting inside LIMITS (NaN and infinity refused)."""
    if not in_limits(name, value):
        low, high = LIMITS[name]
        raise InferError("infer_bad_setting", EXIT_USAGE, name=name, value=clean_text(str(value))[:40],
                         low=low, high=high)
    return value


# ---------------------------------------------------------------- what to load

def load_metadata(folder: Path | None) -> dict:
    if folder is None:
        return {}
    path = Path(folder) / "metadata.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


class Plan:
    """What to load: a base model spec, an optional adapter folder, the system prompt, sampling."""

    def __init__(self, base: str | None, adapter: Path | None, system: str | None, metadata: dict,
                 revision: str | None = None, base_hint: str | None = None, index: Path | None = None):
        self.base, self.adapter, self.system = base, adapter, system
        self.metadata, self.revision, self.base_hint = metadata, revision, base_hint
        self.index = index  # the index of the club's documents to answer with, if any


def exported_index(folder: Path, metadata: dict) -> Path | None:
    """The export's copy of the index of the club's documents (metadata "documents"), if any."""
    documents = metadata.get("documents")
    name = documents.get("index") if isinstance(documents, dict) else None
    return folder / name if isinstance(name, str) and (folder / name / "manifest.json").is_file() else None


def plan_from_folder(folder: Path, metadata: dict) -> Plan:
    """An export folder (metadata.json) or a bare mlx-lm adapter folder (adapter_config.json)."""
    base_info = metadata.get("base_model") or {}
    fused = metadata.get("fused_model")
    if fused and (folder / fused / "config.json").exists():
        # The fused model stands alone: no base model needed.
        return Plan(str(folder / fused), None, metadata.get("system_prompt"), metadata,
                    index=exported_index(folder, metadata))
    changed = changed_adapter_file(folder, metadata)
    if changed:
        raise InferError("infer_adapter_changed", EXIT_MODEL, path=str(folder), file=changed)
    base = base_info.get("spec")
    if not base:
        try:
            base = json.loads((folder / "adapter_config.json").read_text(encoding="utf-8")).get("model")
        except (OSError, ValueError):
            base = None
    return Plan(base, folder, metadata.get("system_prompt"), metadata, revision=base_info.get("revision"),
                base_hint=base_info.get("path"), index=exported_index(folder, metadata))


def resolve_base_standalone(plan: Plan) -> Path:
    """A folder, the path recorded at export time, or a Hugging Face id (cache first)."""
    spec = plan.base
    path = Path(spec).expanduser()
    if path.exists():
        return path
    if plan.base_hint and Path(plan.base_hint).exists():
        return Path(plan.base_hint)
    if spec == "demo" or "/" not in spec or spec.startswith(("/", ".", "~")):
        raise InferError("infer_model_missing", EXIT_MODEL, model=spec)
    for local_only in (True, False):  # the cache first
        try:
            from huggingface_hub import snapshot_download

            return Path(snapshot_download(spec, revision=plan.revision, local_files_only=local_only))
        except Exception:
            pass
    raise InferError("infer_model_missing", EXIT_MODEL, model=spec)


def load_model(base_path: Path, adapter: Path | None, base_label: str):
    """mlx-lm model and tokenizer, with the adaptation applied unless the model is fused."""
    import mlx.core as mx
    from mlx_lm.utils import load_adapters, load_model as mlx_load_model, load_tokenizer

    if not (base_path / "config.json").exists():
        raise InferError("infer_model_missing", EXIT_MODEL, model=base_label)
    try:
        model, config = mlx_load_model(base_path)
        tokenizer = load_tokenizer(base_path, eos_token_ids=config.get("eos_token_id"))
    except Exception as exc:
        raise InferError("infer_model_failed", EXIT_MODEL, model=base_label, detail=short(exc)) from exc
    if adapter is not None and not (base_path / FUSED_MARKER).exists():
        if not all((adapter / name).exists() for name in ADAPTER_FILES):
            raise InferError("infer_adapter_missing", EXIT_MODEL, path=str(adapter))
        try:
            load_adapters(model, str(adapter))
            # Read the adapter now, in the loading thread: lazy arrays freed after that thread
            # has ended abort the process ("terminate called", exit 134 on the server's Ctrl+C).
            mx.eval(model.parameters())
        except Exception as exc:
            raise InferError("infer_adapter_failed", EXIT_MODEL, path=str(adapter), detail=short(exc)) from exc
    model.eval()
    add_end_of_turn(tokenizer)
    return model, tokenizer


# ---------------------------------------------------------------- generation

def generate(model, tokenizer, messages: list[dict], *, max_tokens: int, temperature: float,
             top_p: float = DEFAULTS["top_p"], repetition_penalty: float = DEFAULTS["repetition_penalty"]) -> str:
    from mlx_lm import stream_generate
    from mlx_lm.sample_utils import make_logits_processors, make_sampler

    tokens = chat_tokens(tokenizer, messages)
    add_end_of_turn(tokenizer)
    sampler = make_sampler(temperature, top_p=top_p if 0 < temperature and top_p < 1 else 0.0)
    processors = (make_logits_processors(repetition_penalty=repetition_penalty)
                  if repetition_penalty and repetition_penalty != 1.0 else None)
    text = "".join(r.text for r in stream_generate(model, tokenizer, tokens, max_tokens=max_tokens,
                                                   sampler=sampler, logits_processors=processors))
    return text.strip()


# ---------------------------------------------------------------- the program

def run(argv: list[str] | None, *, export_dir: Path | None, plan_for=None, resolve_base=None, ground=None,
        prog: str = "inference.py") -> tuple[dict, int]:
    """Parses, loads, answers. Returns the JSON object and the exit status; never raises.

    plan_for(args, export_dir) -> Plan and resolve_base(plan) -> Path let Farense Studio add
    run folders and its bundled demo model; the defaults need mlx-lm only. ground(index, model,
    tokenizer, messages, max_tokens) -> (messages, sources, answer, check) puts the club's documents
    into the prompt (Farense Studio's serve.documents), or gives the answer itself (answer not None:
    the documents are silent on the question, and the model is not asked); check(response) is the
    answer to give for the model's (another one: «não sei», sources [] and documents_silent true);
    without ground an index is left unread, with a warning.
    """
    prompt = None
    try:
        args = build_parser(prog).parse_args(argv)
        prompt = read_prompt(args)
        plan = (plan_for or default_plan)(args, export_dir)
        if args.model:
            plan.base, plan.base_hint, plan.revision = args.model, None, None
        if args.no_adapter:
            plan.adapter = None
        if not plan.base:
            raise InferError("infer_no_model", EXIT_USAGE)
        system = check_text(args.system) if args.system is not None else plan.system
        recorded = plan.metadata.get("generation")
        gen = {**DEFAULTS, **(recorded if isinstance(recorded, dict) else {}),
               **{k: getattr(args, k) for k in ("max_tokens", "temperature") if getattr(args, k) is not None}}
        gen = {name: check_setting(name, gen[name]) for name in LIMITS}
        quiet_libraries()
        base_path = (resolve_base or resolve_base_standalone)(plan)
        model, tokenizer = load_model(Path(base_path), plan.adapter, plan.base)
        messages = ([{"role": "system", "content": system}] if system else []) + [{"role": "user", "content": prompt}]
        index, sources = None if args.no_documents else (Path(args.index).expanduser() if args.index else plan.index), []
        response, check = None, None  # the documents' own answer when they do not speak of the question
        if index is not None and ground is None:
            warn(render("infer_documents_unavailable", {"path": index}))
        elif index is not None:
            messages, sources, response, check = ground(index, model, tokenizer, messages, gen["max_tokens"])
        silent = response is not None
        try:
            response = response if silent else generate(model, tokenizer, messages, **gen)
        except Exception as exc:
            raise InferError("infer_generation_failed", EXIT_GENERATION, detail=short(exc)) from exc
        checked = response if silent or check is None else check(response)
        if checked != response:  # the answer lacked what the question asks for: «não sei»
            response, sources, silent = checked, [], True
        return {"prompt": prompt, "response": response, "status": "success", "sources": sources,
                "documents_silent": silent}, 0
    except InferError as exc:
        return error_object(prompt if prompt is not None else exc.params.get("prompt"), exc), exc.exit_code
    except SystemExit as exc:  # --help (argparse prints it) or an explicit exit
        code = exc.code if isinstance(exc.code, int) else EXIT_USAGE
        if code == 0:
            return {}, 0
        return error_object(prompt, InferError("infer_bad_arguments", EXIT_USAGE, detail=str(exc.code))), code
    except Exception as exc:  # the contract holds even for the unforeseen
        return error_object(prompt, InferError("infer_unexpected", EXIT_OTHER, detail=short(exc))), EXIT_OTHER


def error_object(prompt, exc: InferError) -> dict:
    return {"prompt": prompt, "response": None, "status": "error", "error": exc.text(), "code": exc.code}


def default_plan(args, export_dir: Path | None) -> Plan:
    folder = Path(args.adapter).expanduser() if args.adapter else export_dir
    if folder is None:
        return Plan(None, None, None, {})
    if not folder.exists():
        raise InferError("infer_adapter_missing", EXIT_MODEL, path=str(folder))
    return plan_from_folder(folder, load_metadata(folder))


def main(argv: list[str] | None = None, *, export_dir: Path | None = None, plan_for=None,
         resolve_base=None, ground=None, prog: str = "inference.py") -> int:
    """Runs the program with stdout reserved for the one JSON object."""
    if argv is None:
        argv = sys.argv[1:]
    options = argv[:argv.index("--")] if "--" in argv else argv
    if any(a in ("-h", "--help") for a in options):
        try:
            build_parser(prog).print_help()
            sys.stdout.flush()
            return 0
        except (AttributeError, OSError, ValueError):
            return EXIT_NO_OUTPUT
    with JsonStdout() as out:
        if out.closed:  # say so at once rather than load a model for nobody
            warn("inference.py: stdout is closed, no answer could reach the caller")
            return EXIT_NO_OUTPUT
        result, status = run(argv, export_dir=export_dir, plan_for=plan_for, resolve_base=resolve_base,
                             ground=ground, prog=prog)
        return status if out.emit(result) else EXIT_NO_OUTPUT


# ---------------------------------------------------------------- standalone start (inference.py)

def _has(module: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def _reexec_with_app(here: Path, argv: list[str]) -> None:
    """Runs this file again under the app's Python (virtual environment or .app bundle)."""
    app = load_metadata(here).get("app")
    app = app if isinstance(app, dict) else {}
    python, prefix = app.get("python"), app.get("prefix")
    if not isinstance(python, str) or not python or os.environ.get(REEXEC_ENV) or \
            not (os.path.isfile(python) and os.access(python, os.X_OK)):
        return  # the app's Python is gone: the caller explains in JSON (infer_mlx_missing)
    # A venv's python links to the base interpreter: compare environments, not binaries.
    prefix = prefix if isinstance(prefix, str) and prefix else python
    if not app.get("frozen") and os.path.realpath(prefix) == os.path.realpath(sys.prefix):
        return
    os.environ[REEXEC_ENV] = "1"
    if app.get("frozen"):
        command = [python, "infer", "--export-dir", str(here), "--", *argv]
    else:
        command = [python, str(Path(__file__).resolve()), *argv]
    _flush(sys.stdout)
    _flush(sys.stderr)
    try:
        os.execv(python, command)
    except OSError as exc:
        warn(f"inference.py: {exc}")


def standalone_main() -> int:
    here = Path(__file__).resolve().parent
    argv = sys.argv[1:]
    standalone = os.environ.get(STANDALONE_ENV) == "1"
    has_app = not standalone and _has("farense_studio")
    if not (_has("mlx_lm") and (has_app or standalone)):
        _reexec_with_app(here, argv)  # returns only when that is impossible
    if has_app and _has("mlx_lm"):
        # Hand over to the installed app's farense-infer (run folders, the demo model): looked up
        # at run time because this file runs outside the package and must not depend on it.
        import importlib

        return importlib.import_module("farense_studio.serve.infer").main(argv, export_dir=here)
    if _has("mlx_lm"):
        return main(argv, export_dir=here)
    try:
        prompt = " ".join(build_parser().parse_args(argv).prompt) or None
    except InferError:
        prompt = None
    return emit_result(error_object(prompt, InferError("infer_mlx_missing", python=sys.executable)), EXIT_MODEL)


if __name__ == "__main__":
    sys.exit(standalone_main())
