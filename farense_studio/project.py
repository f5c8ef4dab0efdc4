"""A project folder: one club dataset, its edits, prepared data, training runs and exports (no Qt).

Layout (see the shared conventions)::

    <projeto>/projeto.json      sources, settings, app version
    <projeto>/dados/            the user's edits and additions (never the club's originals)
    <projeto>/preparado/        train.jsonl, valid.jsonl, relatorio.json
    <projeto>/treinos/<run>/    one run folder each
    <projeto>/exportacoes/<name>/

``projeto.json`` is always written atomically (temporary file + ``os.replace``), so a crash
never leaves half a file behind.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from farense_studio import __version__
from farense_studio import messages, paths

PROJECT_FILE = "projeto.json"
FORMAT_VERSION = 1
SAMPLE_PROJECT_NAME = "Exemplo Farense"
DEFAULT_PROJECT_NAME = "O meu projeto"

# Kept here rather than in messages/ because only this module reports them.
MESSAGES = {
    "project_exists": ("Já existe um projeto nesta pasta: {path}", "There is already a project in this folder: {path}"),
    "project_not_folder": ("Não é uma pasta: {path}", "Not a folder: {path}"),
    "project_missing": ("Esta pasta não é um projeto do Farense Studio (falta o projeto.json): {path}",
                        "This folder is not a Farense Studio project (projeto.json is missing): {path}"),
    "project_invalid": ("O ficheiro do projeto está danificado: {path} ({detail})",
                        "The project file is damaged: {path} ({detail})"),
    "project_too_new": ("Este projeto foi gravado por uma versão mais recente do Farense Studio ({version}): {path}",
                        "This project was saved by a newer Farense Studio ({version}): {path}"),
    "permission_denied": ("Sem permissão para ler ou escrever: {path}", "Permission denied: {path}"),
}


class ProjectError(Exception):
    """A project folder that cannot be created or opened; ``code``/``params`` render via messages."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(self.text("en"))

    def text(self, lang: str | None = None) -> str:
        lang = lang or messages.current_language()
        pt, en = MESSAGES.get(self.code, (self.code, self.code))
        try:
            return (pt if lang == "pt" else en).format(**self.params)
        except (KeyError, IndexError, ValueError):
            return pt if lang == "pt" else en


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def atomic_write_text(path: Path, text: str) -> None:
    """Writes ``text`` to ``path`` so readers see either the old or the new file, never a mix."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def sample_sources() -> tuple[list[Path], list[Path]]:
    """The bundled sample data: (Q&A files, biography folders) that exist in this install."""
    base = paths.sample_data_dir()
    jsonl = [p for p in [base / "qa.jsonl"] if p.is_file()]
    bios = [p for p in [base / "biografias" / "jogadores"] if p.is_dir()]
    return jsonl, bios


@dataclass
class Project:
    """An open project folder; change the fields, then call ``save()``."""

    path: Path
    name: str
    jsonl_sources: list[str] = field(default_factory=list)
    bio_sources: list[str] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)
    created: str = ""
    app_version: str = __version__

    # ----------------------------------------------------------------- create / open
    @classmethod
    def create(cls, folder: str | os.PathLike, name: str | None = None) -> "Project":
        """Makes ``folder`` a new project (the folder may exist but must not hold a project)."""
        folder = Path(folder).expanduser().resolve()
        if (folder / PROJECT_FILE).exists():
            raise ProjectError("project_exists", path=str(folder))
        if folder.exists() and not folder.is_dir():
            raise ProjectError("project_not_folder", path=str(folder))
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except PermissionError as exc:
            raise ProjectError("permission_denied", path=str(folder)) from exc
        project = cls(path=folder, name=(name or folder.name).strip() or folder.name, created=_now())
        project.save()
        return project

    @classmethod
    def open(cls, folder: str | os.PathLike) -> "Project":
        """Opens a project folder (or its ``projeto.json``)."""
        folder = Path(folder).expanduser()
        if folder.name == PROJECT_FILE and folder.is_file():
            folder = folder.parent
        folder = folder.resolve()
        file = folder / PROJECT_FILE
        if not file.is_file():
            raise ProjectError("project_missing", path=str(folder))
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except PermissionError as exc:
            raise ProjectError("permission_denied", path=str(file)) from exc
        except (OSError, ValueError) as exc:
            raise ProjectError("project_invalid", path=str(file), detail=str(exc)) from exc
        if not isinstance(data, dict):
            raise ProjectError("project_invalid", path=str(file), detail="not a JSON object")
        fmt = data.get("format", 1)
        if isinstance(fmt, int) and fmt > FORMAT_VERSION:
            raise ProjectError("project_too_new", path=str(folder), version=str(data.get("app_version", "?")))

        def strings(key: str) -> list[str]:
            value = data.get(key) or []
            return [str(v) for v in value] if isinstance(value, list) else []

        settings = data.get("settings") if isinstance(data.get("settings"), dict) else {}
        return cls(
            path=folder,
            name=str(data.get("name") or folder.name),
            jsonl_sources=strings("jsonl_sources"),
            bio_sources=strings("bio_sources"),
            settings=dict(settings),
            created=str(data.get("created") or ""),
            app_version=str(data.get("app_version") or __version__),
        )

    @staticmethod
    def is_project(folder: str | os.PathLike) -> bool:
        return (Path(folder) / PROJECT_FILE).is_file()

    # ----------------------------------------------------------------- saving
    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT_VERSION,
            "name": self.name,
            "app_version": __version__,
            "created": self.created or _now(),
            "modified": _now(),
            "jsonl_sources": list(self.jsonl_sources),
            "bio_sources": list(self.bio_sources),
            "settings": dict(self.settings),
        }

    def save(self) -> None:
        """Writes ``projeto.json`` atomically."""
        try:
            atomic_write_text(self.file, json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n")
        except PermissionError as exc:
            raise ProjectError("permission_denied", path=str(self.file)) from exc

    # ----------------------------------------------------------------- sources
    def add_jsonl_source(self, path: str | os.PathLike) -> bool:
        """Adds a Q&A file (absolute path); False when it was already there."""
        return self._add_source(self.jsonl_sources, path)

    def add_bio_source(self, path: str | os.PathLike) -> bool:
        """Adds a biographies folder (absolute path); False when it was already there."""
        return self._add_source(self.bio_sources, path)

    def add_sample_data(self) -> bool:
        """Adds the bundled sample Q&A file and player biographies; False when nothing was new."""
        jsonl, bios = sample_sources()
        added = [self.add_jsonl_source(p) for p in jsonl] + [self.add_bio_source(p) for p in bios]
        return any(added)

    def remove_source(self, path: str) -> bool:
        for sources in (self.jsonl_sources, self.bio_sources):
            if path in sources:
                sources.remove(path)
                return True
        return False

    @staticmethod
    def _add_source(sources: list[str], path: str | os.PathLike) -> bool:
        value = str(Path(path).expanduser().resolve())
        if value in sources:
            return False
        sources.append(value)
        return True

    # ----------------------------------------------------------------- folders
    @property
    def file(self) -> Path:
        return self.path / PROJECT_FILE

    def _folder(self, name: str) -> Path:
        folder = self.path / name
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    @property
    def dados_dir(self) -> Path:
        return self._folder("dados")

    @property
    def preparado_dir(self) -> Path:
        return self._folder("preparado")

    @property
    def treinos_dir(self) -> Path:
        return self._folder("treinos")

    @property
    def exportacoes_dir(self) -> Path:
        return self._folder("exportacoes")
