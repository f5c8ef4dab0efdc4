"""The whole dataset: read, apply the user's edits, validate, deduplicate, split, count, write.

The split is stable: an example goes to "valid" when a hash of (seed, its id) falls under the
validation fraction, so adding or removing other examples never moves it.
"""

from __future__ import annotations

import hashlib
import json
import os
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from farense_studio.data.biographies import read_biographies
from farense_studio.data.formats import Example, Problem, parse_jsonl, validate

DEFAULT_VAL_FRACTION = 0.1
DEFAULT_SEED = 42
INPUTS_FILE = "entradas.json"  # what a preparation read (data.prepared_inputs)
REPORT_NAME = "relatorio.json"
Progress = Callable[[int, int], None]


@dataclass
class Corpus:
    """Kept examples (deduplicated, each with its split) and every problem met on the way."""

    examples: list[Example] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    duplicates_removed: int = 0
    rejected: list[Example] = field(default_factory=list)  # parsed but with an error (GUI can fix them)
    token_counts: dict[str, int] = field(default_factory=dict)  # id -> tokens, when a tokenizer was given
    settings: dict[str, Any] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def train(self) -> list[Example]:
        return [e for e in self.examples if e.split == "train"]

    @property
    def valid(self) -> list[Example]:
        return [e for e in self.examples if e.split == "valid"]

    def stats(self) -> dict[str, Any]:
        """Counts per source, origin and split; lengths in characters, and in tokens when known."""
        per_source: dict[str, dict[str, int]] = {}
        per_origin: dict[str, dict[str, int]] = {}
        for example in self.examples:
            for table, key in ((per_source, example.source), (per_origin, example.origin)):
                row = table.setdefault(key, {"train": 0, "valid": 0, "total": 0})
                row[example.split or "train"] += 1
                row["total"] += 1
        chars = [sum(len(m["content"]) for m in e.messages) for e in self.examples]
        stats: dict[str, Any] = {
            "examples": len(self.examples),
            "train": len(self.train),
            "valid": len(self.valid),
            "duplicates_removed": self.duplicates_removed,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "per_source": per_source,
            "per_origin": per_origin,
            "chars": length_stats(chars),
        }
        if self.token_counts:
            stats["tokens"] = length_stats([self.token_counts[e.id] for e in self.examples
                                            if e.id in self.token_counts])
            stats["tokens"]["too_long"] = sum(1 for p in self.problems if p.code == "too_long")
            if self.settings.get("max_tokens"):
                stats["tokens"]["max_allowed"] = self.settings["max_tokens"]
        return stats


def length_stats(values: list[int], bins: int = 20) -> dict[str, Any]:
    """min, max, mean, median, p95 and a histogram (equal-width bins) of a list of lengths."""
    if not values:
        return {"count": 0, "min": 0, "max": 0, "mean": 0.0, "median": 0, "p95": 0, "total": 0,
                "histogram": {"edges": [], "counts": []}}
    ordered = sorted(values)
    low, high = ordered[0], ordered[-1]
    width = max(1, -(-(high - low + 1) // bins))
    counts = [0] * (-(-(high - low + 1) // width))
    for value in ordered:
        counts[(value - low) // width] += 1
    return {"count": len(ordered), "min": low, "max": high, "mean": round(statistics.fmean(ordered), 1),
            "median": ordered[len(ordered) // 2], "p95": ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))],
            "total": sum(ordered),
            "histogram": {"edges": [low + i * width for i in range(len(counts) + 1)], "counts": counts}}


# ---- tokens -----------------------------------------------------------------------------------

def _length(encoded: Any) -> int:
    """Number of ids in a list, a tokenizers.Encoding or a transformers BatchEncoding."""
    if hasattr(encoded, "keys") and "input_ids" in encoded:
        encoded = encoded["input_ids"]
    return len(getattr(encoded, "ids", encoded))


def token_counter(tokenizer: Any) -> Callable[[list[dict[str, str]]], int]:
    """Counts a conversation's tokens: through the chat template when the tokenizer has one
    (what training will see), else the sum of its messages' encodings plus a few per message."""
    apply = getattr(tokenizer, "apply_chat_template", None)
    if apply is not None and getattr(tokenizer, "chat_template", None):
        def with_template(messages):
            try:
                return _length(apply(messages, tokenize=True, return_dict=False))
            except Exception:  # a template may refuse some role layouts (e.g. a system turn)
                return plain(messages)
    else:
        with_template = None

    def plain(messages):
        return sum(_length(tokenizer.encode(m["content"])) + 4 for m in messages)

    return with_template or plain


# ---- split and duplicates ---------------------------------------------------------------------

def split_score(seed: int, example_id: str) -> float:
    """A number in [0, 1) fixed by (seed, id) alone."""
    digest = hashlib.blake2b(f"{seed}\x00{example_id}".encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


def assign_splits(examples: list[Example], val_fraction: float = DEFAULT_VAL_FRACTION,
                  seed: int = DEFAULT_SEED) -> None:
    """Sets ``split`` on every example without one (a split set by the user's edits is kept).

    With two or more examples each side gets at least one: the free example with the lowest
    score moves to valid, or the one with the highest to train.
    """
    free = [e for e in examples if e.split not in ("train", "valid")]
    scores = {e.id: split_score(seed, e.id) for e in free}
    for example in free:
        example.split = "valid" if scores[example.id] < val_fraction else "train"
    if len(examples) < 2 or not free:
        return
    if not any(e.split == "valid" for e in examples):
        min(free, key=lambda e: scores[e.id]).split = "valid"
    if not any(e.split == "train" for e in examples):
        max(free, key=lambda e: scores[e.id]).split = "train"


def follow_club_questions(examples: list[Example]) -> None:
    """A generated rephrasing of a club question takes that question's split: «Podes dizer-me qual é a
    cidade do Farense?» trained while «Qual é a cidade do Farense?» checks would make the checking
    error measure a copy of the training (the curve in Treino and the best checkpoint with it)."""
    checking = {e.id for e in examples if e.split == "valid"}
    for example in examples:
        if example.of is not None and example.of in checking:
            example.split = "valid"


def duplicate_key(messages: list[dict[str, str]]) -> str:
    """Equal for conversations that differ only in case and whitespace."""
    return "\x1e".join(m["role"] + "\x1f" + " ".join(m["content"].split()).casefold() for m in messages)


def deduplicate(examples: list[Example]) -> tuple[list[Example], list[Problem]]:
    """Keeps the first of each group of repeats; a warning for each one removed."""
    first_seen: dict[str, Example] = {}
    kept: list[Example] = []
    problems: list[Problem] = []
    for example in examples:
        key = duplicate_key(example.messages)
        first = first_seen.get(key)
        if first is None:
            first_seen[key] = example
            kept.append(example)
        else:
            problems.append(Problem("duplicate", {"first": first.location, "first_id": first.id},
                                    "warning", example.source, example.line, example.id))
    return kept, problems


def sort_problems(problems: list[Problem], sources: list[str]) -> list[Problem]:
    """File by file in reading order, then by line (whole-file and whole-corpus ones first)."""
    order: dict[str, int] = {"": -1}
    for name in sources:
        order.setdefault(name, len(order))
    return sorted(problems, key=lambda p: (order.setdefault(p.file, len(order)), p.line or 0))


# ---- building ---------------------------------------------------------------------------------

def _as_list(value) -> list:
    if value is None:
        return []
    if isinstance(value, (str, os.PathLike)):
        return [value]
    return list(value)


def jsonl_names(paths: Iterable) -> list[str]:
    """The names JSONL files are shown by (and their examples' ids are made from): the file name,
    or, for files whose names clash, as many parent folders as tell them apart
    ("2023/qa.jsonl", "2024/qa.jsonl"). A file with a name of its own keeps the bare name."""
    paths = [Path(p) for p in _as_list(paths)]
    parts = [p.parts[1:] if p.anchor else p.parts for p in paths]
    depth = [1] * len(paths)

    def name(i: int) -> str:
        if depth[i] > len(parts[i]):
            return str(paths[i])
        return "/".join(parts[i][-depth[i]:])

    while True:
        names = [name(i) for i in range(len(paths))]
        owners: dict[str, set[str]] = {}
        for i, current in enumerate(names):
            owners.setdefault(current, set()).add(str(paths[i]))
        clashing = {n for n, files in owners.items() if len(files) > 1}  # the same file twice is no clash
        grown = False
        for i, current in enumerate(names):
            if current in clashing and depth[i] <= len(parts[i]) and str(paths[i]) != current:
                depth[i] += 1
                grown = True
        if not grown:
            return names


def read_sources(jsonl_files: Iterable, bio_dirs: Iterable, full_paths: bool = False
                 ) -> tuple[list[Example], list[Problem], list[str]]:
    """Parsed (not yet validated) examples of every source, reading problems, and the sources'
    names in reading order. Sources are named by file name ("qa.jsonl", "jogadores/x.md"; JSONL files
    whose names clash get parent folders, see jsonl_names), or by the path as given when
    ``full_paths`` (so a command line's file:line points at the file)."""
    examples: list[Example] = []
    problems: list[Problem] = []
    order: list[str] = []
    jsonl_files = _as_list(jsonl_files)
    names = [str(path) for path in jsonl_files] if full_paths else jsonl_names(jsonl_files)
    readers = [(parse_jsonl, path, name) for path, name in zip(jsonl_files, names)]
    readers += [(read_biographies, folder, str(folder) if full_paths else None) for folder in _as_list(bio_dirs)]
    for reader, path, name in readers:
        found, bad = reader(path, name)
        # A folder's files are read in name order, so sorting its names gives reading order.
        order += sorted({e.source for e in found} | {p.file for p in bad})
        examples += found
        problems += bad
    return examples, problems, order


def build_corpus(jsonl_files, bio_dirs, *, val_fraction: float = DEFAULT_VAL_FRACTION,
                 seed: int = DEFAULT_SEED, tokenizer: Any = None, max_tokens: int | None = None,
                 edits: Any = None, progress: Progress | None = None, split: bool = True,
                 full_paths: bool = False, extra: Iterable[Example] = ()) -> Corpus:
    """Reads every source and returns the corpus ready to write.

    ``edits`` (an ``Edits``) is applied before checking, so an edit can mend a bad example.
    ``progress(done, total)`` is called while examples are checked (total = examples read).
    ``max_tokens`` needs ``tokenizer`` (anything with ``encode``); longer examples are errors.
    ``split=False`` leaves every ``split`` as None (checking only); ``full_paths``: see read_sources.
    ``extra``: examples made from the sources (generated questions, data.generated) checked like the
    rest; a split they come with is kept (generated ones train), except that a rephrasing of a club
    question in the checking split checks with it (``follow_club_questions``).
    """
    candidates, problems, sources = read_sources(jsonl_files, bio_dirs, full_paths)
    if edits is not None:
        candidates = edits.apply(candidates)
    candidates += list(extra)
    total = len(candidates)
    if progress:
        progress(0, total)
    good, bad = validate(candidates)
    bad_ids = {p.example_id for p in bad}
    rejected = [e for e in candidates if e.id in bad_ids]
    problems += bad

    token_counts: dict[str, int] = {}
    if tokenizer is not None:
        count = token_counter(tokenizer)
        step = max(1, total // 100)
        within: list[Example] = []
        for index, example in enumerate(good, 1):
            tokens = token_counts[example.id] = count(example.messages)
            if max_tokens and tokens > max_tokens:
                problems.append(Problem("too_long", {"tokens": tokens, "max_tokens": max_tokens},
                                        "error", example.source, example.line, example.id))
                rejected.append(example)
            else:
                within.append(example)
            if progress and index % step == 0:
                progress(index, total)
        good = within

    kept, duplicates = deduplicate(good)
    problems += duplicates
    if split:
        assign_splits(kept, val_fraction, seed)
        follow_club_questions(kept)
        if len(kept) == 1:
            problems.append(Problem("too_few_examples", {"count": 1}, "warning", ""))
    if not kept:
        problems.append(Problem("no_examples", {}, "error", ""))
    if progress:
        progress(total, total)
    problems = sort_problems(problems, sources)
    settings = {"val_fraction": val_fraction, "seed": seed, "max_tokens": max_tokens}
    return Corpus(kept, problems, len(duplicates), rejected, token_counts, settings)


# ---- writing ----------------------------------------------------------------------------------

def _rows_bytes(examples: list[Example], groups: dict[str, str] | None = None) -> bytes:
    """mlx-lm chat rows; a row that asks a fact another row asks too carries {"group": key}
    (data.generated.paraphrase_groups; mlx-lm ignores the key, our trainer spreads a group)."""
    groups = groups or {}

    def row(e: Example) -> dict[str, Any]:
        return {**e.to_row(), "group": groups[e.id]} if e.id in groups else e.to_row()

    return "".join(json.dumps(row(e), ensure_ascii=False) + "\n" for e in examples).encode("utf-8")


def _write_together(files: dict[Path, bytes]) -> None:
    """Writes every file to a temporary sibling (flushed to disk) and only then renames them all
    into place: a full disk or a read-only folder leaves the previous files as they were, and
    no temporary behind."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in files.items():
            tmp = path.with_name(path.name + ".tmp")
            staged.append((tmp, path))
            with open(tmp, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, path in staged:
        os.replace(tmp, path)


def data_hash(train: bytes, valid: bytes) -> str:
    """One hash for the prepared data (it goes into a training run's configuration hash)."""
    digest = hashlib.sha256()
    for part in (train, valid):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def report(corpus: Corpus, train: bytes, valid: bytes, lang: str | None = None) -> dict[str, Any]:
    """What relatorio.json holds: settings, counts, every problem (code, params, text), hashes."""
    return {
        "version": 1,
        "settings": corpus.settings,
        "counts": corpus.stats(),
        "problems": [p.to_json(lang) for p in corpus.problems],
        "hashes": {"train.jsonl": hashlib.sha256(train).hexdigest(),
                   "valid.jsonl": hashlib.sha256(valid).hexdigest(),
                   "data": data_hash(train, valid)},
        "ids": {"train": [e.id for e in corpus.examples if e.split == "train"],
                "valid": [e.id for e in corpus.examples if e.split == "valid"]},
    }


def write_prepared(corpus: Corpus, out_dir: str | Path, lang: str | None = None,
                   indexed: Iterable[Example] | None = None) -> Path:
    """Writes train.jsonl, valid.jsonl (mlx-lm chat rows), relatorio.json and the index of the
    club's documents (indice/, brought up to date incrementally); returns out_dir.

    ``indexed``: the examples the index is made of, when they are not the written ones (training
    with documents writes examples that carry passages; the index holds the documents as they are).
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    from farense_studio.data.checking import write_checking_questions
    from farense_studio.data.paraphrases import paraphrase_groups

    (out / INPUTS_FILE).unlink(missing_ok=True)  # the record of older inputs: the caller that knows writes anew

    train = _rows_bytes([e for e in corpus.examples if e.split != "valid"], paraphrase_groups(corpus.examples))
    valid = _rows_bytes([e for e in corpus.examples if e.split == "valid"])
    text = json.dumps(report(corpus, train, valid, lang), ensure_ascii=False, indent=2) + "\n"
    _write_together({out / "train.jsonl": train, out / "valid.jsonl": valid,
                     out / REPORT_NAME: text.encode("utf-8")})
    from farense_studio.data.retrieval import index_folder, update_index

    update_index(corpus.examples if indexed is None else indexed, index_folder(out))
    # asked as the club asks them: without the passages training with documents adds
    write_checking_questions([e.to_row() for e in (corpus.examples if indexed is None else indexed)
                              if e.split == "valid"], out)
    return out
