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
import shutil
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from farense_studio import __version__
from farense_studio import locks, messages, paths
from farense_studio.files import atomic_write_text

PROJECT_FILE = "projeto.json"
FORMAT_VERSION = 1
SAMPLE_PROJECT_NAME = "Exemplo Farense"
DEFAULT_PROJECT_NAME = "O meu projeto"

class ProjectError(messages.CodedError):
    """A project folder that cannot be created or opened; its codes render through this module's
    texts (nested damage codes in the same language); str() is the English text."""

    str_lang = "en"

    def text(self, lang: str | None = None) -> str:
        return render(self.code, self.params, lang)


class DamagedFileError(ProjectError):
    """A file of the project (or of the app) that exists but does not read as it should.

    ``reason`` is a ``(code, params)`` pair of messages.project (``damage_*``) saying why; ``path`` is
    the file. Loaders raise it for unreadable files; the startup path decides what to do.
    """

    def __init__(self, path: str | os.PathLike, reason: tuple[str, dict[str, Any]],
                 code: str = "project_invalid") -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(code, path=str(path), detail=_LazyText(*reason))

    @classmethod
    def of(cls, path: str | os.PathLike, exc: BaseException, code: str = "project_invalid") -> "DamagedFileError":
        """The error for a file whose reading or parsing raised ``exc``."""
        return cls(path, damage_reason(exc), code)


class _LazyText:
    """A coded text rendered in the language current when it is formatted (pt or en)."""

    def __init__(self, code: str, params: dict[str, Any]) -> None:
        self.code, self.params = code, params

    def __format__(self, spec: str) -> str:
        return render(self.code, self.params)

    def __str__(self) -> str:
        return render(self.code, self.params)


_RENDER_LANG: list[str] = []  # the language of the text being rendered (nested details follow it)


def render(code: str, params: dict[str, Any] | None = None, lang: str | None = None) -> str:
    """A code (of messages.project) as text; parameters that are coded texts themselves (a damage
    reason) follow the language of the text they stand in."""
    lang = lang or (_RENDER_LANG[-1] if _RENDER_LANG else messages.current_language())
    _RENDER_LANG.append(lang)
    try:
        return messages.render(code, params, lang)
    finally:
        _RENDER_LANG.pop()


def wrong_type(field_name: str, expected: type | tuple) -> tuple[str, dict[str, Any]]:
    """The reason for a value of the wrong type: ``«settings.training» devia ser um objeto``."""
    kind = expected[0] if isinstance(expected, tuple) else expected
    names = {dict: "type_object", list: "type_list", str: "type_text", bool: "type_bool",
             int: "type_number", float: "type_number"}
    return "damage_wrong_type", {"field": field_name, "expected": _LazyText(names.get(kind, "type_object"), {})}


def damage_reason(exc: BaseException) -> tuple[str, dict[str, Any]]:
    """Why reading a file raised ``exc``, as a (code, params) pair of messages.project."""
    if isinstance(exc, DamagedFileError):
        return exc.reason
    if isinstance(exc, UnicodeDecodeError):
        return "damage_not_utf8", {}
    if isinstance(exc, json.JSONDecodeError):
        if not exc.doc.strip():
            return "damage_empty", {}
        return "damage_json", {"line": exc.lineno, "column": exc.colno}
    mark = getattr(exc, "problem_mark", None)  # yaml.MarkedYAMLError, without importing yaml
    if mark is not None:
        return "damage_yaml", {"line": mark.line + 1}
    if isinstance(exc, OSError):
        return "damage_unreadable", {"error": exc.strerror or str(exc)}
    return "damage_unreadable", {"error": str(exc) or type(exc).__name__}


def is_type(value: Any, expected: type | tuple) -> bool:
    """isinstance, except that True/False are not numbers (JSON booleans are no counts)."""
    if isinstance(value, bool) and bool not in (expected if isinstance(expected, tuple) else (expected,)):
        return False
    return isinstance(value, expected)


def keep_damaged_copy(path: str | os.PathLike) -> Path:
    """Copies a damaged file to ``<name>.danificado-<data><suffix>`` beside it, byte for byte.

    The original is left where it was. A copy with the same bytes already there is reused, so
    opening the same damaged project every day does not fill the folder with copies.
    """
    path = Path(path)
    data = path.read_bytes()
    pattern = f"{path.stem}.danificado-*{path.suffix}"
    for existing in sorted(path.parent.glob(pattern)):
        try:
            if existing.is_file() and existing.read_bytes() == data:
                return existing
        except OSError:
            continue
    stamp = datetime.now().strftime("%Y-%m-%d-%H%M%S")
    target, n = path.with_name(f"{path.stem}.danificado-{stamp}{path.suffix}"), 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.stem}.danificado-{stamp}-{n}{path.suffix}")
    shutil.copy2(path, target)
    return target


LOCK_FILE = ".projeto.lock"
_held_locks: dict[Path, list] = {}  # folder -> [open lock file, holders in this process]


class ProjectLock:
    """One Farense Studio process per project: an flock on ``<projeto>/.projeto.lock``.

    A stale lock file (kill -9) never blocks (see locks). Within one process the lock is
    shared: windows and tests of one process never fight over it.
    """

    def __init__(self, folder: str | os.PathLike) -> None:
        self.folder = Path(folder).resolve()
        self.held = False

    def acquire(self) -> "ProjectLock":
        """Takes the lock or raises ProjectError("project_locked") naming the other process."""
        if self.held:
            return self
        entry = _held_locks.get(self.folder)
        if entry is None:
            try:
                fh = locks.take(self.folder / LOCK_FILE)
            except locks.LockHeld as exc:
                raise ProjectError("project_locked", path=str(self.folder), pid=exc.pid or "?") from None
            except OSError:
                return self  # a read-only folder cannot be locked (nor written to by anyone)
            entry = _held_locks[self.folder] = [fh, 0]
        entry[1] += 1
        self.held = True
        return self

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        entry = _held_locks.get(self.folder)
        if entry is None:
            return
        entry[1] -= 1
        if entry[1] <= 0:
            del _held_locks[self.folder]
            locks.give_back(entry[0])


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _source_path(path: str | os.PathLike) -> str:
    """How projeto.json lists a source: absolute, links resolved."""
    return str(Path(path).expanduser().resolve())


def _same_sample(path: Path, bundled: Path) -> bool:
    """Gone, or the same files as the bundled sample (Project.follow_sample_data)."""
    try:
        if not path.exists():
            return True
        if bundled.is_file():
            return path.is_file() and path.read_bytes() == bundled.read_bytes()

        from farense_studio.data.biographies import folder_files

        def files(root: Path) -> dict[Path, Path]:  # as the biography reader sees the folder
            return {p.relative_to(root): p for p, refused in folder_files(root) if not refused}

        theirs, ours = files(path), files(bundled)
        return theirs.keys() == ours.keys() and all(theirs[k].read_bytes() == ours[k].read_bytes() for k in ours)
    except OSError:  # unreadable: not known to be the sample, so it stays
        return False


def sample_sources() -> tuple[list[Path], list[Path]]:
    """The bundled sample data: (Q&A files, biography folders) that exist in this install."""
    base = paths.sample_data_dir()
    jsonl = [p for p in [base / "qa.jsonl"] if p.is_file()]
    bios = [p for p in [base / "biografias" / "jogadores"] if p.is_dir()]
    return jsonl, bios


# The types projeto.json promises; a value of another type is left out (and reported), never
# passed on to a tab that would trip over it. Unknown keys pass through untouched.
_PROJECT_FIELDS: dict[str, Any] = {"name": str, "created": str, "app_version": str,
                                   "jsonl_sources": [str], "bio_sources": [str], "settings": dict}
_SETTINGS_FIELDS: dict[str, Any] = {
    "sample": bool, "val_fraction": (int, float), "seed": int,
    "training": {"model": str, "preset": str, "advanced": dict, "questions_file": str},
    "chat": {"choice": str, "compare": bool, "questions_file": str,
             "generation": {"temperature": (int, float), "top_p": (int, float), "max_tokens": int,
                            "repetition_penalty": (int, float), "repetition_context_size": int}},
}


def _checked(data: dict[str, Any], schema: dict[str, Any], prefix: str,
             damage: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    """``data`` without the values whose type differs from ``schema``; each one left out is
    added to ``damage``. A nested dict schema checks the keys inside; ``[str]`` a list of texts.
    A null reads as absent (the readers' defaults apply)."""
    result: dict[str, Any] = {}
    for key, value in data.items():
        expected = schema.get(key)
        name = f"{prefix}{key}"
        if expected is None:
            result[key] = value
        elif value is None:
            continue
        elif isinstance(expected, dict):
            if is_type(value, dict):
                result[key] = _checked(value, expected, name + ".", damage)
            else:
                damage.append(wrong_type(name, dict))
        elif isinstance(expected, list):
            if is_type(value, list) and all(is_type(v, expected[0]) for v in value):
                result[key] = list(value)
            else:
                damage.append(wrong_type(name, list))
        elif is_type(value, expected):
            result[key] = value
        else:
            damage.append(wrong_type(name, expected))
    return result


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
    # Values of projeto.json left out because their type was wrong (never saved): the reasons.
    damage: list[tuple[str, dict[str, Any]]] = field(default_factory=list, compare=False, repr=False)

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
            raise DamagedFileError.of(file, exc) from exc
        if not isinstance(data, dict):
            raise DamagedFileError(file, ("damage_not_object", {}))
        fmt = data.get("format", 1)
        if isinstance(fmt, int) and fmt > FORMAT_VERSION:
            raise ProjectError("project_too_new", path=str(folder), version=str(data.get("app_version", "?")))
        damage: list[tuple[str, dict[str, Any]]] = []
        fields = _checked(data, _PROJECT_FIELDS, "", damage)
        return cls(
            path=folder,
            name=str(fields.get("name") or folder.name),
            jsonl_sources=list(fields.get("jsonl_sources") or []),
            bio_sources=list(fields.get("bio_sources") or []),
            settings=_checked(fields.get("settings") or {}, _SETTINGS_FIELDS, "settings.", damage),
            created=str(fields.get("created") or ""),
            app_version=str(fields.get("app_version") or __version__),
            damage=damage,
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
        followed = self.follow_sample_data()
        jsonl, bios = sample_sources()
        added = [self.add_jsonl_source(p) for p in jsonl] + [self.add_bio_source(p) for p in bios]
        return followed or any(added)

    def follow_sample_data(self) -> bool:
        """Points sources that are another install's copy of the bundled sample at this install's.

        The sample is read where the app keeps it, and that place moves: a new version, a second
        copy, or macOS running an app from Downloads in a temporary folder each time. A source whose
        path ends as the sample's (``sample_data/qa.jsonl``, ``sample_data/biografias/jogadores``) and
        that is gone or holds the same files is replaced; anything else, a club file that happens to
        be called so included, stays. True when a source changed."""
        jsonl, bios = sample_sources()
        base = paths.sample_data_dir()
        changed = False
        for sources, bundled in ((self.jsonl_sources, jsonl), (self.bio_sources, bios)):
            for here in bundled:
                mine = _source_path(here)
                tail = (base.name, *here.relative_to(base).parts)  # ("sample_data", "qa.jsonl")
                for i, source in enumerate(sources):
                    if source != mine and Path(source).parts[-len(tail):] == tuple(tail) and \
                            _same_sample(Path(source), here):
                        sources[i] = mine
                        changed = True
                if changed:  # the replaced entries may now repeat this install's path
                    sources[:] = list(dict.fromkeys(sources))
        return changed

    def remove_source(self, path: str) -> bool:
        for sources in (self.jsonl_sources, self.bio_sources):
            if path in sources:
                sources.remove(path)
                return True
        return False

    @staticmethod
    def _add_source(sources: list[str], path: str | os.PathLike) -> bool:
        value = _source_path(path)
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
