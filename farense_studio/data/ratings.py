"""What staff thought of the model's answers in Conversar: <projeto>/dados/avaliacoes.jsonl.

One JSON line per thumbs up or down, appended and never rewritten, with the question, the
answer, the model (base spec, adapter folder, run) and, when the answer was corrected, the
correction. A thumbs-down with a correction is a question whose right answer is known: it can
become a fact-check question (``add_check_question``).
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

RATINGS_FILE = "avaliacoes.jsonl"
GOOD, BAD = "bom", "mau"


@dataclass(frozen=True)
class Rating:
    """One verdict on one answer."""

    verdict: str  # GOOD | BAD
    question: str
    answer: str
    model: str  # the base model spec
    adapter: str | None = None  # the adapter folder (None: the base model alone)
    run: str | None = None  # the run folder the adapter came from
    correction: str | None = None  # the right answer, when the user gave one
    time: float = field(default_factory=time.time)

    def __post_init__(self) -> None:
        if self.verdict not in (GOOD, BAD):
            raise ValueError(f"verdict must be {GOOD!r} or {BAD!r}, not {self.verdict!r}")


def ratings_path(project_dir: str | Path | Any) -> Path:
    """<projeto>/dados/avaliacoes.jsonl of a project (a folder or an object with ``path``)."""
    return Path(getattr(project_dir, "path", project_dir)) / "dados" / RATINGS_FILE


def append(project_dir: str | Path | Any, rating: Rating) -> Path:
    """Adds one line (the file and its folder are made when missing); flushed to disk."""
    path = ratings_path(project_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(asdict(rating), ensure_ascii=False) + "\n"
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(line)
        fh.flush()
        os.fsync(fh.fileno())
    return path


def read(project_dir: str | Path | Any) -> list[Rating]:
    """Every rating stored, oldest first; lines that do not read as one (a crash mid-write,
    a hand edit) are skipped, the others kept."""
    path = ratings_path(project_dir)
    if not path.is_file():
        return []
    found = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            data = json.loads(line)
            found.append(Rating(**{k: data[k] for k in Rating.__dataclass_fields__ if k in data}))
        except (ValueError, TypeError, KeyError):
            continue
    return found


CHECK_QUESTIONS_FILE = "perguntas_verificacao.jsonl"


def add_check_question(project_dir: str | Path | Any, question: str, keywords: list[str],
                       start_from: str | Path | None) -> Path:
    """Adds a fact-check question (what a right answer must contain) to the project's own
    questions file, <projeto>/dados/perguntas_verificacao.jsonl; the first time, that file starts
    as a copy of the questions used until now (``start_from``), so none of them is lost.
    Returns the file, which the fact check then asks."""
    keywords = [k.strip() for k in keywords if k.strip()]
    if not question.strip() or not keywords:
        raise ValueError("a check question needs the question and at least one word to find")
    path = Path(getattr(project_dir, "path", project_dir)) / "dados" / CHECK_QUESTIONS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() and start_from and Path(start_from).is_file() and Path(start_from) != path:
        text = Path(start_from).read_text(encoding="utf-8-sig")
        path.write_text(text if not text or text.endswith("\n") else text + "\n", encoding="utf-8")
    record = {"question": question.strip(), "keywords": keywords, "source": "correções"}
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path
