"""Run folders: the lock a live trainer holds, metrics.jsonl, and the list of runs of a project.

    <run>/config.yaml        the run's TrainConfig
    <run>/metrics.jsonl      one row a line: kind train | eval | checkpoint | event
    <run>/run.lock           flock-ed by the process training the run
    <run>/nome.txt           the name the person gave the run (the folder never moves)
    <run>/checkpoints/       checkpoint folders and training_state.json (see checkpoints.py)

A run whose training_state.json says "running" while no process holds its lock died (crash,
kill -9, power cut): it is listed with state "interrupted" and can be resumed.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from farense_studio import locks
from farense_studio.engine import checkpoints
from farense_studio.project import DamagedFileError, is_type, wrong_type

CONFIG_FILE = "config.yaml"
METRICS_FILE = "metrics.jsonl"
LOCK_FILE = "run.lock"
NAME_FILE = "nome.txt"
# training_state.json "state" values; "interrupted" is derived (running, lock free).
RESUMABLE_STATES = ("interrupted", "paused", "stopped")


class RunLocked(RuntimeError):
    """Another live process trains this run."""

    def __init__(self, pid: int | None):
        self.pid = pid
        super().__init__(f"run locked by pid {pid}")


class RunLock:
    """An exclusive flock on <run>/run.lock for as long as a trainer uses the run."""

    def __init__(self, run_dir: str | os.PathLike):
        self.path = Path(run_dir) / LOCK_FILE
        self._fh = None

    def acquire(self) -> "RunLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._fh = locks.take(self.path)
        except locks.LockHeld as exc:
            raise RunLocked(exc.pid) from None
        return self

    def release(self) -> None:
        if self._fh is not None:
            locks.give_back(self._fh)
            self._fh = None

    def __enter__(self) -> "RunLock":
        return self.acquire()

    def __exit__(self, *exc: Any) -> None:
        self.release()


def is_locked(run_dir: str | os.PathLike) -> bool:
    """True while a live process (this one included) holds the run's lock."""
    path = Path(run_dir) / LOCK_FILE
    if not path.exists():
        return False
    with open(path, "a+", encoding="utf-8") as fh:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return True
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
        return False


# ---------------------------------------------------------------------- metrics
class MetricsLog:
    """Appends rows to metrics.jsonl (flushed each row, so a killed run loses at most one)."""

    def __init__(self, run_dir: str | os.PathLike, enabled: bool = True):
        self.path = Path(run_dir) / METRICS_FILE
        self.enabled = enabled
        self._fh = None

    def write(self, row: dict[str, Any]) -> None:
        if not self.enabled:
            return
        if self._fh is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fh = open(self.path, "a", encoding="utf-8")
        self._fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        self._fh.flush()

    def truncate_after(self, step: int) -> list[int]:
        """Drops rows after step, and any damaged row (a half-written line, bytes that are not
        text, a step that is not a number), so a resumed run's file reads like an uninterrupted
        one. Returns the line numbers of the damaged rows dropped, for a notice."""
        if not self.enabled:
            return []
        self.close()
        rows, bad = read_metrics_checked(self.path.parent)
        rows = [r for r in rows if r.get("step", 0) <= step]
        checkpoints.atomic_write_text(
            self.path, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
        return bad

    def close(self) -> None:
        """Closes the file; a row the disk could not take is lost, never raised here (the
        error that mattered was raised by write)."""
        if self._fh is not None:
            fh, self._fh = self._fh, None
            try:
                fh.close()
            except OSError:
                pass


# Fields of a metrics row that, when present, hold a number (or null).
_NUMBER_FIELDS = ("loss", "val_loss", "lr", "seconds", "bytes", "tokens", "tok_per_s", "peak_mem_gb",
                  "trained_tokens", "grad_norm", "elapsed_s", "epoch", "phase", "learning_rate")


def _good_row(row: Any) -> bool:
    """A row the readers can use: an object whose step is a whole number and whose numeric
    fields are numbers."""
    if not isinstance(row, dict) or not isinstance(row.get("kind", ""), str):
        return False
    step = row.get("step", 0)
    if not isinstance(step, int) or isinstance(step, bool) or step < 0:
        return False
    return all(row.get(key) is None or (isinstance(row[key], (int, float)) and not isinstance(row[key], bool))
               for key in _NUMBER_FIELDS) and isinstance(row.get("text", ""), str)


def _parse_row(raw: bytes) -> Any:
    try:
        return json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        return None


def read_metrics_checked(run_dir: str | os.PathLike) -> tuple[list[dict[str, Any]], list[int]]:
    """(every good row of metrics.jsonl, 1-based line numbers of the damaged ones). A torn last
    line (no newline: a run killed mid-write) is dropped without being counted as damage; blank
    lines are ignored."""
    path = Path(run_dir) / METRICS_FILE
    rows, bad = [], []
    try:
        with open(path, "rb") as fh:
            for number, raw in enumerate(fh, 1):
                if not raw.strip():
                    continue
                row = _parse_row(raw)
                if _good_row(row):
                    rows.append(row)
                elif raw.endswith(b"\n"):
                    bad.append(number)
    except OSError:
        pass
    return rows, bad


def read_metrics(run_dir: str | os.PathLike) -> list[dict[str, Any]]:
    """Every good row of metrics.jsonl (damaged rows skipped: see read_metrics_checked)."""
    return read_metrics_checked(run_dir)[0]


def read_metrics_from(run_dir: str | os.PathLike, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """The good rows of metrics.jsonl's complete lines from byte ``offset`` on, and the offset
    just after them: who follows a growing file (a group run's) calls again with that offset."""
    try:
        with open(Path(run_dir) / METRICS_FILE, "rb") as fh:
            fh.seek(offset)
            data = fh.read()
    except OSError:
        return [], offset
    end = data.rfind(b"\n") + 1
    rows = [row for row in map(_parse_row, data[:end].splitlines()) if _good_row(row)]
    return rows, offset + end


# ---------------------------------------------------------------------- listing
@dataclass
class RunInfo:
    """What the Treino tab lists about one run."""

    path: Path
    name: str  # nome.txt when the person renamed the run, else the folder name
    state: str  # new | running | interrupted | paused | stopped | finished | failed
    created: float  # seconds since the epoch
    preset: str | None
    step: int
    total_steps: int
    best_val_loss: float | None
    final_loss: float | None
    damaged: tuple[DamagedFileError, ...] = ()  # run files that did not read (their values left out)


def run_name(run_dir: str | os.PathLike) -> str:
    """The name the person gave the run (<run>/nome.txt), or its folder name."""
    try:
        text = (Path(run_dir) / NAME_FILE).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        text = ""
    return text or Path(run_dir).name


def set_run_name(run_dir: str | os.PathLike, name: str) -> None:
    """Renames a run: writes <run>/nome.txt (paths under the run never change)."""
    checkpoints.atomic_write_text(Path(run_dir) / NAME_FILE, name.strip() + "\n")


def run_state(run_dir: str | os.PathLike, training_state: dict | None = None) -> str:
    state = training_state if training_state is not None else checkpoints.read_training_state(run_dir)
    if not state:
        return "new"
    value = state.get("state", "new")
    if value == "running" and not is_locked(run_dir):
        return "interrupted"
    return value


def run_info(run_dir: str | os.PathLike) -> RunInfo | None:
    """RunInfo of one folder, None when it is not a run folder. A damaged config.yaml or
    training_state.json never raises: what reads is used and the file is named in ``damaged``."""
    run_dir = Path(run_dir)
    config_path = run_dir / CONFIG_FILE
    state_path = checkpoints.checkpoints_dir(run_dir) / checkpoints.TRAINING_STATE
    if not config_path.is_file() and not state_path.is_file():
        return None
    damaged: list[DamagedFileError] = []
    state = _checked_file(state_path, json.loads, _STATE_TYPES, damaged)
    config = _checked_file(config_path, _yaml_load, _CONFIG_TYPES, damaged)
    preset = state.get("preset")
    if preset is None:
        preset = config.get("preset")
    created = state.get("created")
    if created is None:
        created = (config_path if config_path.exists() else run_dir).stat().st_mtime
    return RunInfo(path=run_dir, name=run_name(run_dir), state=run_state(run_dir, state),
                   created=float(created), preset=preset, step=int(state.get("step", 0)),
                   total_steps=int(state.get("total_steps", 0)),
                   best_val_loss=state.get("best_val_loss"), final_loss=state.get("final_loss"),
                   damaged=tuple(damaged))


_NUMBER = (int, float, type(None))
_CONFIG_TYPES = {"preset": (str, type(None)), "model": str, "model_revision": (str, type(None))}
_STATE_TYPES = {"state": str, "created": _NUMBER, "step": int, "total_steps": int, "preset": (str, type(None)),
                "best_val_loss": _NUMBER, "final_loss": _NUMBER}


def _yaml_load(text: str) -> Any:
    import yaml

    return yaml.safe_load(text)


def _checked_file(path: Path, parse, types: dict[str, Any], damaged: list[DamagedFileError]) -> dict:
    """The mapping in ``path`` ({} when absent), without values of the wrong type; a file that
    does not parse, or holds something else than a mapping, is added to ``damaged``."""
    if not path.is_file():
        return {}
    try:
        data = parse(path.read_text(encoding="utf-8")) or {}
    except Exception as exc:  # noqa: BLE001 - JSON, YAML and decoding errors alike
        damaged.append(DamagedFileError.of(path, exc, "run_file_damaged"))
        return {}
    if not isinstance(data, dict):
        damaged.append(DamagedFileError(path, ("damage_not_object", {}), "run_file_damaged"))
        return {}
    for key, kind in types.items():
        if key in data and not is_type(data[key], kind):
            damaged.append(DamagedFileError(path, wrong_type(key, kind), "run_file_damaged"))
            data = {k: v for k, v in data.items() if k != key}
    return data


def list_runs(treinos_dir: str | os.PathLike) -> list[RunInfo]:
    """Every run folder under treinos_dir, newest first."""
    folder = Path(treinos_dir)
    if not folder.is_dir():
        return []
    infos = [info for p in folder.iterdir() if p.is_dir() and (info := run_info(p)) is not None]
    return sorted(infos, key=lambda i: i.created, reverse=True)


def find_unfinished(treinos_dir: str | os.PathLike) -> list[RunInfo]:
    """Runs that can be resumed: interrupted (process died), paused or stopped; newest first,
    interrupted ones before the others."""
    runs = [r for r in list_runs(treinos_dir) if r.state in RESUMABLE_STATES]
    return sorted(runs, key=lambda r: (r.state != "interrupted", -r.created))


# Most bytes of a name part taken from the person's words (a run label, a run folder's name in an
# export's name): file names stop at 255 bytes, and the app adds dates, "-2" and ".partial-…".
NAME_PART_BYTES = 120


def short_name(text: str, max_bytes: int = NAME_PART_BYTES) -> str:
    """text when it fits in max_bytes of UTF-8, else its start cut at a character boundary plus
    "-" and 8 hex digits of its hash, so two long names that start alike stay apart."""
    data = text.encode("utf-8", "surrogatepass")
    if len(data) <= max_bytes:
        return text
    digest = hashlib.sha1(data).hexdigest()[:8]
    head = data[:max_bytes - 9].decode("utf-8", "ignore").rstrip(" -_.")
    return f"{head}-{digest}"


def new_run_dir(treinos_dir: str | os.PathLike, label: str | None = None) -> Path:
    """A fresh folder name under treinos_dir: <YYYYmmdd-HHMMSS>[-label][-n] (a long label is
    shortened, see short_name)."""
    base = time.strftime("%Y%m%d-%H%M%S") + (f"-{short_name(label)}" if label else "")
    folder = Path(treinos_dir)
    candidate, n = folder / base, 1
    while candidate.exists():
        n += 1
        candidate = folder / f"{base}-{n}"
    return candidate
