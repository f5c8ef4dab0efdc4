"""Writing files so that a crash never leaves half of one (stdlib only, no Qt, no MLX).

``atomic_write_bytes`` writes to a hidden temporary sibling (``.<name>.<random>.tmp``),
flushes it to disk, renames it over the target and flushes the folder: a reader (or the next
start after a crash or a power cut) sees the old file or the new one, never a mix. When the
write fails (disk full, permission) the temporary is removed and the old file is left as it was.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any


def fsync_file(path: str | os.PathLike) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: str | os.PathLike) -> None:
    """Flushes a folder's entries (a rename inside it); a no-op where folders cannot be opened."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some filesystems refuse fsync on directories
        pass
    finally:
        os.close(fd)


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Replaces ``path`` with ``data`` atomically (creating its folder); returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    fsync_dir(path.parent)
    return path


def atomic_write_text(path: str | os.PathLike, text: str) -> Path:
    """UTF-8 text with "\\n" line ends, written as atomic_write_bytes does."""
    return atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_json(path: str | os.PathLike, data: Any, *, newline: bool = False) -> Path:
    """Indented UTF-8 JSON (non-ASCII kept as is), written as atomic_write_bytes does."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return atomic_write_text(path, text + "\n" if newline else text)
