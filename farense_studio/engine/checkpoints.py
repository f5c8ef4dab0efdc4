"""Crash-safe checkpoints of a run and the training_state.json that points at them.

A checkpoint folder ``checkpoints/checkpoint_epoch{E}_step{S}/`` holds
  adapters.safetensors + adapter_config.json   (mlx-lm's format: mlx_lm.load(base, adapter_path=...))
  optimizer.safetensors                        (optimizer state, its step drives the LR schedule)
  state.json                                   (step, epoch, position in the epoch's order, loss
                                                history, best val loss, hashes, sha256 of each file)
It is written into a hidden temporary folder, every file flushed with fsync, then renamed into
place, so a crash at any instant leaves the previous checkpoint whole. training_state.json is
replaced atomically after the rename. No Qt; MLX is imported only where arrays are saved.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import time
from pathlib import Path
from typing import Any

from farense_studio.files import atomic_write_text  # noqa: F401 (runs.py writes through checkpoints.atomic_write_text)
from farense_studio.files import atomic_write_json, fsync_dir, fsync_file
from farense_studio.messages import CodedError
from farense_studio.program.inference_core import sha256_file  # one checksum for checkpoints and exports

CHECKPOINTS_DIR = "checkpoints"
TRAINING_STATE = "training_state.json"
ADAPTER_FILE = "adapters.safetensors"
ADAPTER_CONFIG = "adapter_config.json"
OPTIMIZER_FILE = "optimizer.safetensors"
STATE_FILE = "state.json"
_NAME_RE = re.compile(r"^checkpoint_epoch(\d+)_step(\d+)$")
_TMP_FILE_RE = re.compile(r"^\..+\.tmp$")  # farense_studio.files' temporaries (.<name>.<random>.tmp)


class CheckpointError(CodedError, FileNotFoundError):
    """No usable checkpoint; code/params render through farense_studio.messages."""


def read_json(path: str | os.PathLike) -> Any | None:
    """The parsed file, or None when missing or unreadable."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


# ---------------------------------------------------------------------- names
def checkpoint_name(epoch: int, step: int) -> str:
    return f"checkpoint_epoch{epoch}_step{step}"


def parse_name(name: str) -> tuple[int, int] | None:
    """(epoch, step) of a checkpoint folder name, None for anything else."""
    match = _NAME_RE.match(name)
    return (int(match.group(1)), int(match.group(2))) if match else None


def checkpoints_dir(run_dir: str | os.PathLike) -> Path:
    return Path(run_dir) / CHECKPOINTS_DIR


def list_checkpoints(run_dir: str | os.PathLike) -> list[Path]:
    """Complete-looking checkpoint folders, oldest step first (temporary folders excluded)."""
    folder = checkpoints_dir(run_dir)
    if not folder.is_dir():
        return []
    found = [((key[1], key[0]), p) for p in folder.iterdir()
             if p.is_dir() and (key := parse_name(p.name)) is not None]
    return [p for _key, p in sorted(found)]


# ---------------------------------------------------------------------- writing
def write_checkpoint(run_dir: str | os.PathLike, epoch: int, step: int, *,
                     adapter_weights: dict, adapter_config: dict, optimizer_state: dict,
                     state: dict, fault: Any = None) -> tuple[Path, int, float]:
    """Writes one checkpoint atomically; returns (folder, bytes, seconds).

    adapter_weights and optimizer_state map names to mx.arrays. fault, when given, is called
    with the name of each file just written (tests interrupt a write there).
    """
    import mlx.core as mx

    started = time.perf_counter()
    folder = checkpoints_dir(run_dir)
    folder.mkdir(parents=True, exist_ok=True)
    name = checkpoint_name(epoch, step)
    final = folder / name
    tmp = folder / f".tmp-{name}-{os.getpid()}"
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir()
    try:
        _write_files(tmp, adapter_weights, adapter_config, optimizer_state, state, fault,
                     {"name": name, "epoch": epoch, "step": step})
    except (OSError, RuntimeError) as exc:  # a write failed (MLX says RuntimeError): no half folder
        shutil.rmtree(tmp, ignore_errors=True)
        raise write_error(exc, folder) from exc

    if final.exists():  # the same step saved again (e.g. pause, resume, stop): replace it
        old = folder / f".old-{name}-{os.getpid()}"
        os.rename(final, old)
        os.rename(tmp, final)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(tmp, final)
    fsync_dir(folder)
    size = sum(p.stat().st_size for p in final.iterdir())
    return final, size, time.perf_counter() - started


def _write_files(tmp: Path, adapter_weights: dict, adapter_config: dict, optimizer_state: dict,
                 state: dict, fault: Any, names: dict) -> None:
    """The checkpoint's files into tmp, each flushed to disk; state.json last, with sha256s."""
    import mlx.core as mx

    mx.save_safetensors(str(tmp / ADAPTER_FILE), adapter_weights, metadata={"format": "mlx"})
    _after_write(fault, ADAPTER_FILE)
    (tmp / ADAPTER_CONFIG).write_text(json.dumps(adapter_config, ensure_ascii=False, indent=2),
                                      encoding="utf-8")
    _after_write(fault, ADAPTER_CONFIG)
    mx.save_safetensors(str(tmp / OPTIMIZER_FILE), optimizer_state, metadata={"format": "mlx"})
    _after_write(fault, OPTIMIZER_FILE)
    files = {}
    for fname in (ADAPTER_FILE, ADAPTER_CONFIG, OPTIMIZER_FILE):
        path = tmp / fname
        fsync_file(path)
        files[fname] = {"bytes": path.stat().st_size, "sha256": sha256_file(path)}
    state = {**state, **names, "files": files}
    with open(tmp / STATE_FILE, "w", encoding="utf-8") as fh:
        fh.write(json.dumps(state, ensure_ascii=False, indent=2))
        fh.flush()
        os.fsync(fh.fileno())
    _after_write(fault, STATE_FILE)
    fsync_dir(tmp)


# errno values that mean "no room": the disk or the user's quota is full.
DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
# errno values that mean "this folder cannot be written".
NOT_WRITABLE = {errno.EROFS, errno.EACCES, errno.EPERM}


def write_error(exc: BaseException, folder: Path) -> OSError:
    """An OSError with an errno for a failed write. MLX reports a failed save as a RuntimeError
    ("Unable to write 742 bytes"): the folder tells which it was (no room, not writable)."""
    if isinstance(exc, OSError) and exc.errno is not None:
        return exc
    number = errno.EIO
    try:
        if shutil.disk_usage(folder).free < (1 << 20):
            number = errno.ENOSPC
        elif not os.access(folder, os.W_OK):
            number = errno.EACCES
    except OSError:
        pass
    return OSError(number, f"{os.strerror(number)} ({exc})", str(folder))


def _after_write(fault: Any, fname: str) -> None:
    if fault is not None:
        fault(fname)


def remove_temporary(run_dir: str | os.PathLike) -> None:
    """Deletes what a write that never finished left: checkpoint folders (.tmp-, .old-) and
    atomic-write temporaries (.training_state.json.<pid>.tmp, .metrics.jsonl.<pid>.tmp)."""
    for folder in (checkpoints_dir(run_dir), Path(run_dir)):
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            if path.name.startswith((".tmp-", ".old-")) and path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            elif _TMP_FILE_RE.match(path.name) and path.is_file():
                path.unlink(missing_ok=True)


def prune(run_dir: str | os.PathLike, keep_last: int, keep: set[str]) -> list[str]:
    """Deletes all but the newest keep_last checkpoints and those named in keep."""
    found = list_checkpoints(run_dir)
    newest = {p.name for p in found[-keep_last:]} if keep_last > 0 else set()
    removed = []
    for path in found:
        if path.name not in newest and path.name not in keep:
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path.name)
    return removed


def write_failure(exc: OSError, run_dir: str | os.PathLike, step: int,
                  kept: str | None) -> tuple[str, dict]:
    """(code, params) of a failed write as a person should read it: the disk is full
    (disk_full_run), the run folder cannot be written (run_not_writable), else training_error.
    kept: the newest checkpoint, which a failed write never touches."""
    params = {"step": step, "path": str(exc.filename or run_dir), "checkpoint": kept or "—"}
    if exc.errno in DISK_FULL:
        return "disk_full_run", params
    if exc.errno in NOT_WRITABLE:
        return "run_not_writable", params
    return "training_error", {"step": step, "detail": f"{type(exc).__name__}: {exc}"}


# ---------------------------------------------------------------------- reading
def read_state(checkpoint: str | os.PathLike) -> dict | None:
    return read_json(Path(checkpoint) / STATE_FILE)


def checkpoint_problem(checkpoint: str | os.PathLike) -> str | None:
    """Why a checkpoint cannot be used (None when it is whole): missing or altered files."""
    checkpoint = Path(checkpoint)
    if not checkpoint.is_dir():
        return "missing"
    state = read_state(checkpoint)
    if not isinstance(state, dict) or not isinstance(state.get("files"), dict):
        return f"{STATE_FILE} unreadable"
    for key in ("step", "next_epoch", "next_position"):
        if key in state or key == "step":
            if not isinstance(state.get(key), int) or isinstance(state.get(key), bool):
                return f"{STATE_FILE}: {key} missing or not a number"
    for fname in (ADAPTER_FILE, ADAPTER_CONFIG, OPTIMIZER_FILE):
        meta = state["files"].get(fname)
        path = checkpoint / fname
        if meta is None or not path.is_file():
            return f"{fname} missing"
        if path.stat().st_size != meta.get("bytes"):
            return f"{fname} has the wrong size"
        if sha256_file(path) != meta.get("sha256"):
            return f"{fname} altered"
    return None


def read_training_state(run_dir: str | os.PathLike) -> dict | None:
    data = read_json(checkpoints_dir(run_dir) / TRAINING_STATE)
    return data if isinstance(data, dict) else None


def write_training_state(run_dir: str | os.PathLike, data: dict) -> None:
    atomic_write_json(checkpoints_dir(run_dir) / TRAINING_STATE,
                      {**data, "updated": time.time()})


def usable_checkpoints(run_dir: str | os.PathLike, preferred: str | None = None):
    """Yields (path, problems_so_far): checkpoints to try, newest first (preferred first).

    problems_so_far lists (name, problem) for every damaged checkpoint skipped before it.
    """
    found = list(reversed(list_checkpoints(run_dir)))
    if preferred:
        found.sort(key=lambda p: p.name != preferred)
    skipped: list[tuple[str, str]] = []
    for path in found:
        problem = checkpoint_problem(path)
        if problem is None:
            yield path, list(skipped)
        else:
            skipped.append((path.name, problem))


def resolve_checkpoint(run_dir: str | os.PathLike, which: str = "best") -> Path:
    """The checkpoint folder to use: "best" (lowest validation loss; the newest when no
    validation ran) or "latest". A damaged one is passed over for the newest whole one.
    Raises CheckpointError(code "checkpoint_not_found") when there is none."""
    if which not in ("best", "latest"):
        raise ValueError(f"which must be 'best' or 'latest', not {which!r}")
    state = read_training_state(run_dir) or {}
    preferred = state.get(which) or state.get("latest")
    for path, _skipped in usable_checkpoints(run_dir, preferred):
        return path
    raise CheckpointError("checkpoint_not_found", path=str(run_dir))
