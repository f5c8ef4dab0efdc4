"""The Dados tab's background work: read the sources with the project's edits, count tokens, prepare.

Plain Python run as jobs on the thread pool (gui.dataset.bodies; no widgets here). Token lengths come from the chosen base
model's tokenizer when it is already on disk (``tokenizers`` only, never MLX); until then an
approximation, clearly labelled as such in the interface.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from farense_studio.data.corpus import (DEFAULT_SEED, DEFAULT_VAL_FRACTION, build_corpus, jsonl_names,
                                        write_prepared)
from farense_studio.data import raft
from farense_studio.data.edits import Edits
from farense_studio.data.formats import Example, Problem
from farense_studio.data.generated import GeneratedStore, units_of_sources
from farense_studio.data.prepared_inputs import inputs_digest, record_inputs
from farense_studio.engine.presets import DEFAULT_PRESET, PRESETS  # plain Python, no MLX
from farense_studio.gui.dataset.model import GENERATED, make_haystack
from farense_studio.gui.dataset.stats_panel import DEFAULT_MAX_LENGTH, Stats

CHARS_PER_TOKEN = 3.2  # Portuguese text through Llama/Mistral-style tokenizers, roughly


# A real tokenizer counts up to this many tokens per approximate one: measured with the demo model's
# on the sample project's examples mixed with documents (max 1.67, p95 1.41, median 1.29), where the
# approximation alone left 158 of 576 answers past the maximum length.
APPROX_UNDERCOUNT = 1.7


class ApproxTokenizer:
    """Counts ~1 token per 3.2 characters: good enough for a histogram before a model is chosen."""

    approximate = True
    name = "aprox."

    def encode(self, text: str) -> range:
        return range(math.ceil(len(text) / CHARS_PER_TOKEN))


class FileTokenizer:
    """A model's real tokenizer (tokenizer.json through the ``tokenizers`` package)."""

    approximate = False

    def __init__(self, path: Path, name: str) -> None:
        from tokenizers import Tokenizer  # imported here: only workers pay for it

        self._tokenizer = Tokenizer.from_file(str(path))
        self.name = name

    def encode(self, text: str):
        return self._tokenizer.encode(text, add_special_tokens=False)


def local_tokenizer_file(spec: str | None) -> Path | None:
    """tokenizer.json of a model that is already on this computer (never downloads)."""
    if not spec:
        return None
    folder: Path | None = None
    candidate = Path(str(spec)).expanduser()
    if candidate.is_dir():
        folder = candidate
    else:
        try:
            from farense_studio.engine import models  # no MLX at import time

            if spec == models.DEMO_MODEL:
                folder = models.demo_model_dir()
            elif models.is_repo_id(spec):
                repo, revision = models.split_repo_spec(spec)
                folder = models.cached_snapshot(repo, revision)
        except Exception:  # a missing engine module or cache must never stop the data tab
            folder = None
    if folder is not None and (folder / "tokenizer.json").is_file():
        return folder / "tokenizer.json"
    return None


def _training(settings: dict[str, Any]) -> dict[str, Any]:
    value = settings.get("training") if isinstance(settings, dict) else None
    return value if isinstance(value, dict) else {}


def model_spec(settings: dict[str, Any]) -> str | None:
    """The base model chosen in the Treino tab (project.settings["training"]["model"])."""
    spec = _training(settings).get("model") or settings.get("base_model")
    return str(spec) if spec else None


def training_max_length(settings: dict[str, Any]) -> int:
    """The maximum length the Treino tab will train with (its Avançado value, else its preset's)."""
    training = _training(settings)
    advanced = training.get("advanced") if isinstance(training.get("advanced"), dict) else {}
    try:
        value = advanced.get("max_seq_length")
        if value:
            return int(value)
        preset = PRESETS.get(training.get("preset") or DEFAULT_PRESET) or {}
        return int(preset.get("max_seq_length", DEFAULT_MAX_LENGTH))
    except (TypeError, ValueError):
        return DEFAULT_MAX_LENGTH


def training_system_prompt(settings: dict[str, Any]) -> str | None:
    """The system prompt the Treino tab will train with (its Avançado value, else the engine's
    default; an emptied one means none), so examples with documents are measured with it."""
    from farense_studio.engine.config import DEFAULT_SYSTEM_PROMPT

    advanced = _training(settings).get("advanced")
    value = advanced.get("system_prompt") if isinstance(advanced, dict) else None
    return DEFAULT_SYSTEM_PROMPT if not isinstance(value, str) else (value or None)


def make_tokenizer(settings: dict[str, Any]):
    """The chosen model's tokenizer when it is already on disk, else the approximation."""
    spec = model_spec(settings)
    path = local_tokenizer_file(spec) if spec else None
    if path is not None:
        try:
            return FileTokenizer(path, spec)
        except Exception:  # a damaged tokenizer file: the estimate still works
            pass
    return ApproxTokenizer()


def counter(tokenizer) -> Callable[[list[dict[str, str]]], int]:
    """Tokens of one conversation, as data.corpus counts them without a chat template."""

    def count(messages: list[dict[str, str]]) -> int:
        total = 0
        for message in messages:
            encoded = tokenizer.encode(message.get("content", ""))
            total += len(getattr(encoded, "ids", encoded)) + 4
        return total

    return count


def read_bad_line(jsonl_sources: list[str], problem: Problem) -> str | None:
    """The text of a line that never became an example, read from the club's file (never changed)."""
    if problem.line is None:
        return None
    for path, name in zip(jsonl_sources, jsonl_names(jsonl_sources)):
        if name == problem.file or path == problem.file:
            try:
                with open(path, "rb") as handle:
                    for number, raw in enumerate(handle, 1):
                        if number == problem.line:
                            return raw.decode("utf-8", errors="replace").rstrip("\r\n")
            except OSError:
                return None
    return None


@dataclass
class LoadResult:
    """Everything the table, problems panel and statistics show."""

    examples: list[Example]  # kept ones first (reading order), then the rejected ones
    rejected_ids: set[str]
    tokens: dict[str, int]
    problems: list[Problem]
    duplicates_removed: int
    tokenizer: Any
    settings: dict[str, Any] = field(default_factory=dict)
    haystacks: dict[str, str] = field(default_factory=dict)  # what the search box looks in
    stats: Any = None  # stats_panel.Stats, counted here so the GUI thread does not have to

    @property
    def approximate_tokens(self) -> bool:
        return bool(getattr(self.tokenizer, "approximate", True))


def corpus_settings(settings: dict[str, Any]) -> dict[str, Any]:
    return {"val_fraction": float(settings.get("val_fraction", DEFAULT_VAL_FRACTION)),
            "seed": int(settings.get("seed", DEFAULT_SEED))}


def generated_rows(generated: str | None, jsonl_sources: list[str], bio_sources: list[str], edits: Edits):
    """(generated questions that train, those left out, why stale ones are out) from the project's
    gerados.jsonl, read now (every decision made so far is in it), against its sources now."""
    store = GeneratedStore(generated) if generated else None
    if store is None or not store.proposals:
        return [], [], []
    return store.rows(units_of_sources(jsonl_sources, bio_sources, edits))


def load_dataset(jsonl_sources: list[str], bio_sources: list[str], edits: dict[str, Any],
                 settings: dict[str, Any], *, progress=None, tokenizer=None, generated: str | None = None
                 ) -> LoadResult:
    """Reads every source with the edits applied; every example (good or not) with its tokens.

    ``generated``: the project's gerados.jsonl; its questions that train are checked like the rest,
    the others (rejected, or from a text that changed) are shown in the table all the same."""
    tokenizer = tokenizer or make_tokenizer(settings)
    edits = Edits.from_dict(edits)
    extra, left_out, stale = generated_rows(generated, jsonl_sources, bio_sources, edits)
    corpus = build_corpus(jsonl_sources, bio_sources, edits=edits, tokenizer=tokenizer,
                          progress=progress, extra=extra, **corpus_settings(settings))
    return result_from_corpus(corpus, tokenizer, settings, left_out, extra, stale)


def result_from_corpus(corpus, tokenizer, settings: dict[str, Any], left_out: list[Example] = (),
                       extra: list[Example] = (), stale: list[Problem] = ()) -> LoadResult:
    """The table's rows: kept examples, then those left out (a generated one removed as a repeat too:
    shown with its problem, never dropped from sight)."""
    tokens = dict(corpus.token_counts)
    shown = {e.id for e in corpus.examples} | {e.id for e in corpus.rejected}
    left_out = [*left_out, *(e for e in extra if e.id not in shown)]
    count = counter(tokenizer)
    for example in [*corpus.rejected, *left_out]:
        if example.id not in tokens:
            tokens[example.id] = count(example.messages)
    kept_ids = {e.id for e in corpus.examples}
    rejected = [e for e in [*corpus.rejected, *left_out] if e.id not in kept_ids]
    examples = list(corpus.examples) + rejected
    rejected_ids = {e.id for e in rejected}
    return LoadResult(examples=examples, rejected_ids=rejected_ids,
                      tokens=tokens, problems=list(corpus.problems) + list(stale),
                      duplicates_removed=corpus.duplicates_removed, tokenizer=tokenizer,
                      settings=dict(settings), haystacks={e.id: make_haystack(e) for e in examples},
                      stats=Stats.compute(examples, tokens, rejected_ids, corpus.duplicates_removed))


@dataclass
class PrepareResult:
    out_dir: Path
    train: int
    valid: int
    duplicates: int
    errors: int
    load: LoadResult
    generated: int = 0  # generated questions among the training rows
    documents: dict[str, int] | None = None  # how the examples were mixed with passages (data.raft), when on


def prepare_dataset(jsonl_sources: list[str], bio_sources: list[str], edits: dict[str, Any],
                    settings: dict[str, Any], out_dir: Path, *, progress=None, tokenizer=None,
                    generated: str | None = None) -> PrepareResult:
    """Builds the corpus afresh (sources + edits + the generated questions that train) and writes
    train/valid/relatorio into out_dir."""
    tokenizer = tokenizer or make_tokenizer(settings)
    read = inputs_digest(jsonl_sources, bio_sources, edits, settings, generated)  # before reading: a change
    edits = Edits.from_dict(edits)                                                 # meanwhile reads as one
    extra, left_out, stale = generated_rows(generated, jsonl_sources, bio_sources, edits)
    corpus = build_corpus(jsonl_sources, bio_sources, edits=edits, tokenizer=tokenizer,
                          progress=progress, extra=extra, **corpus_settings(settings))
    documents = None
    if raft.wanted(settings):
        # The passages fill the length they are given: with only the approximate count (the model is
        # not on this computer yet) they get the length the real tokenizer surely fits in.
        length = training_max_length(settings)
        if getattr(tokenizer, "approximate", False):
            length = int(length / APPROX_UNDERCOUNT)
        mix = raft.RaftSettings(max_tokens=length, seed=corpus_settings(settings)["seed"],
                                system_prompt=training_system_prompt(settings))
        store = GeneratedStore(generated) if generated else None
        documents = raft.prepare_with_documents(corpus, out_dir, mix, counter(tokenizer),
                                                store.proposals.values() if store else ()).to_dict()
    else:
        write_prepared(corpus, out_dir)
    record_inputs(out_dir, read)  # what Treino compares with the project before it trains
    load = result_from_corpus(corpus, tokenizer, settings, left_out, extra, stale)
    generated = sum(e.origin == GENERATED for e in corpus.train)
    return PrepareResult(Path(out_dir), len(corpus.train), len(corpus.valid), corpus.duplicates_removed,
                         len(corpus.errors), load, generated, documents)
