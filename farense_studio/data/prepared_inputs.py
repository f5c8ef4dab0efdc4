"""Is the prepared data still what Dados shows? A digest of everything a preparation reads.

Treino trains on ``<projeto>/preparado``; an example fixed in Dados, a correction made in Conversar
or a generated question accepted after the last «Preparar dados» is not in it. The preparation
records the digest of what it read (``entradas.json`` beside train.jsonl); Treino computes it again
from the project on disk and refuses to train on data that no longer match, saying why.

What counts: the bytes of every source file (Q&A files, every file of the biography folders), the
edits (``dados/edicoes.json``), the generated questions and their decisions (``dados/gerados.jsonl``)
and the settings that change the split or the mix (checking share, seed, documents in training).
Training settings (length, system prompt) do not: the estimate before Treinar speaks of those.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Iterable

from farense_studio.data import raft
from farense_studio.data.biographies import folder_files
from farense_studio.data.corpus import DEFAULT_SEED, DEFAULT_VAL_FRACTION, INPUTS_FILE
from farense_studio.files import atomic_write_json
from farense_studio.project import DamagedFileError

__all__ = ["INPUTS_FILE", "inputs_digest", "prepared_counts", "prepared_is_current", "record_inputs"]


def inputs_digest(jsonl_sources: Iterable[str], bio_sources: Iterable[str], edits: dict[str, Any],
                  settings: dict[str, Any] | None, generated: str | None) -> str:
    """The digest of a preparation's inputs (edits as ``Edits.to_dict()`` gives them)."""
    from farense_studio.data.edits import Edits

    digest = hashlib.sha256()

    def add_file(path: Path) -> None:
        digest.update(str(path).encode("utf-8", "surrogateescape"))
        try:
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:  # missing or unreadable: as it is now
            digest.update(b"\0unreadable")

    for source in jsonl_sources:
        add_file(Path(source))
    for folder in bio_sources:  # the files the biography reader reads (no hidden ones: Finder's .DS_Store)
        root = Path(folder)
        if not root.is_dir():  # one biography file, or gone
            add_file(root)
            continue
        digest.update(str(root).encode("utf-8", "surrogateescape"))
        for path, refused in folder_files(root):
            if refused:  # a link out of the folder is never read: its name and why it is refused
                digest.update(f"{path}\0{refused[0]}".encode("utf-8", "surrogateescape"))
            else:
                add_file(path)
    canonical = Edits.from_dict(edits or {}).to_dict()
    settings = settings or {}
    mix = {"val_fraction": settings.get("val_fraction", DEFAULT_VAL_FRACTION),
           "seed": settings.get("seed", DEFAULT_SEED), "documents": raft.wanted(settings)}
    digest.update(json.dumps([canonical, mix], sort_keys=True, ensure_ascii=False, default=str).encode("utf-8"))
    if generated:
        add_file(Path(generated))
    return digest.hexdigest()


def record_inputs(out_dir: str | Path, digest: str) -> None:
    atomic_write_json(Path(out_dir) / INPUTS_FILE, {"digest": digest})


def prepared_is_current(project) -> bool | None:
    """True when ``project``'s prepared data were made from what it holds now, False when something
    changed since, None when it cannot say (nothing prepared, prepared by an older version, or a file
    of the project that does not read: Dados reports those)."""
    from farense_studio.data.edits import Edits
    from farense_studio.data.generated import GeneratedStore

    try:
        recorded = json.loads((Path(project.preparado_dir) / INPUTS_FILE).read_text(encoding="utf-8"))
        edits = Edits.load(project).to_dict()
        generated = str(GeneratedStore.for_project(project).path)
        now = inputs_digest(project.jsonl_sources, project.bio_sources, edits, project.settings, generated)
    except (OSError, ValueError, DamagedFileError):  # ValueError: not JSON; a damaged edits file: Dados says
        return None
    return recorded.get("digest") == now if isinstance(recorded, dict) else None


def prepared_counts(folder: str | Path) -> tuple[int, int] | None:
    """(training examples, checking questions) of a prepared folder; None when nothing is prepared
    (no train.jsonl, an empty one, or one that does not read: as if not prepared)."""
    folder = Path(folder)

    def lines(path: Path) -> int:
        try:
            with open(path, encoding="utf-8") as fh:
                return sum(1 for line in fh if line.strip())
        except (OSError, ValueError):  # unreadable or not UTF-8
            return 0

    train = lines(folder / "train.jsonl")
    return (train, lines(folder / "valid.jsonl")) if train else None
