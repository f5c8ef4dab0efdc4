"""Shared start of the screenshot scripts: the output folder and a throw-away scratch folder
that the app's projects, settings and data point to, so the user's own are never touched."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def prepare(prefix: str) -> tuple[Path, Path]:
    """(out, scratch): out from argv[1] (default ROOT/screenshots); offscreen Qt by default."""
    sys.path.insert(0, str(ROOT))
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["FARENSE_PROJECTS_DIR"] = str(scratch / "projects")
    os.environ["FARENSE_SETTINGS_FILE"] = str(scratch / "settings.ini")
    os.environ["FARENSE_DATA_DIR"] = str(scratch / "data")
    return out, scratch


def settle(app, signals, action=None, timeout_ms: int = 30000) -> None:
    """Runs ``action`` and waits until one of ``signals`` fires (or the timeout), then lets Qt paint."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    for signal in signals:
        signal.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    if action is not None:
        action()
    loop.exec()
    for _ in range(10):
        app.processEvents()


def shoot(app, out: Path, window, name: str, size: tuple[int, int]) -> None:
    """Saves the window at ``size`` as out/name and prints the path."""
    window.resize(*size)
    for _ in range(10):
        app.processEvents()
    path = out / name
    window.grab().save(str(path))
    print(path)
