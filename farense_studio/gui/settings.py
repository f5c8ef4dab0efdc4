"""The app's remembered state (QSettings): window geometry, language, last and recent projects.

Everything is stored in one INI file per user. ``FARENSE_SETTINGS_FILE`` points it elsewhere
(tests use it so they never touch the developer's settings).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "FarenseStudio"
APPLICATION = "FarenseStudio"
MAX_RECENT = 8
# Keys read back as whole numbers: a hand-edited value that is not one is reported and dropped.
INT_KEYS = ("window/tab",)


class AppSettings:
    """Typed access to the keys the shell and the tabs share."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        if qsettings is None:
            override = os.environ.get("FARENSE_SETTINGS_FILE")
            if override:
                qsettings = QSettings(override, QSettings.Format.IniFormat)
            else:
                qsettings = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                                      ORGANIZATION, APPLICATION)
        self.qsettings = qsettings

    # ----------------------------------------------------------------- generic
    def value(self, key: str, default=None):
        value = self.qsettings.value(key, default)
        return default if value is None else value

    def set_value(self, key: str, value) -> None:
        self.qsettings.setValue(key, value)

    def sync(self) -> None:
        self.qsettings.sync()

    @property
    def file(self) -> Path:
        return Path(self.qsettings.fileName())

    def invalid_keys(self) -> list[str]:
        """Keys whose stored value has the wrong type (see INT_KEYS)."""
        bad = []
        for key in INT_KEYS:
            value = self.qsettings.value(key)
            if value is not None and not (isinstance(value, int) or str(value).strip().lstrip("-").isdigit()):
                bad.append(key)
        return bad

    def remove(self, key: str) -> None:
        self.qsettings.remove(key)

    # ----------------------------------------------------------------- language
    @property
    def language(self) -> str | None:
        value = self.qsettings.value("ui/language")
        return str(value) if value else None

    @language.setter
    def language(self, lang: str | None) -> None:
        if lang:
            self.qsettings.setValue("ui/language", lang)
        else:
            self.qsettings.remove("ui/language")

    # ----------------------------------------------------------------- projects
    @property
    def last_project(self) -> str | None:
        value = self.qsettings.value("projects/last")
        return str(value) if value else None

    @last_project.setter
    def last_project(self, path: str | os.PathLike | None) -> None:
        if path:
            self.qsettings.setValue("projects/last", str(path))
            self.add_recent(path)
        else:
            self.qsettings.remove("projects/last")

    def recent_projects(self) -> list[str]:
        value = self.qsettings.value("projects/recent") or []
        if isinstance(value, str):  # QSettings returns a lone string for one-item lists
            value = [value]
        return [str(v) for v in value if v]

    def add_recent(self, path: str | os.PathLike) -> None:
        path = str(path)
        items = [p for p in self.recent_projects() if p != path]
        self.qsettings.setValue("projects/recent", [path, *items][:MAX_RECENT])

    def remove_recent(self, path: str | os.PathLike) -> None:
        path = str(path)
        self.qsettings.setValue("projects/recent", [p for p in self.recent_projects() if p != path])

    # ----------------------------------------------------------------- folders
    def last_folder(self, kind: str, default: str | os.PathLike | None = None) -> str:
        """The folder a file dialog of this kind last used (or ``default``, or home)."""
        value = self.qsettings.value(f"folders/{kind}")
        if value and Path(str(value)).is_dir():
            return str(value)
        return str(default or Path.home())

    def set_last_folder(self, kind: str, path: str | os.PathLike) -> None:
        path = Path(path)
        self.qsettings.setValue(f"folders/{kind}", str(path if path.is_dir() else path.parent))

    # ----------------------------------------------------------------- window state
    def geometry(self, key: str) -> QByteArray | None:
        value = self.qsettings.value(f"window/{key}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_geometry(self, key: str, value: QByteArray) -> None:
        self.qsettings.setValue(f"window/{key}", value)
