"""Where the app keeps its files: resources shipped with it and the user's data directory."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "FarenseStudio"


def resources_dir() -> Path:
    """resources/ beside the package (source tree and editable install) or inside a bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def sample_data_dir() -> Path:
    return resources_dir() / "sample_data"


def data_dir() -> Path:
    """The app's own data folder (converted demo model, settings); FARENSE_DATA_DIR overrides it."""
    override = os.environ.get("FARENSE_DATA_DIR")
    if override:
        path = Path(override)
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_projects_dir() -> Path:
    """Projects live under the user's Documents by default."""
    override = os.environ.get("FARENSE_PROJECTS_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_documents_dir()) / "Farense Studio"
