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
