"""Renders the stable message codes of data/ and engine/ as text (pt-PT first, English beside it).

data/ and engine/ never build sentences: they report a code and parameters. Each domain keeps
its catalogue in a sibling module (``data.py``, ``engine.py``, ...) as a dict
``code -> (portuguese, english)`` with ``str.format`` placeholders; this module merges them.
"""

from __future__ import annotations

import importlib
import locale
import os
from dataclasses import dataclass, field
from typing import Any

LANGUAGES = ("pt", "en")
_DOMAINS = ("common", "data", "knowledge", "documents", "models", "engine", "generation", "export", "serve", "group")
_catalogue: dict[str, tuple[str, str]] | None = None
_forced_lang: str | None = None


@dataclass(frozen=True)
class Message:
    """A problem or event reported by code, with the parameters its text needs."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)
    severity: str = "error"  # "error" | "warning" | "info"

    def text(self, lang: str | None = None) -> str:
        return render(self.code, self.params, lang)

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        return {"code": self.code, "severity": self.severity, "params": dict(self.params),
                "text": self.text(lang)}


def catalogue() -> dict[str, tuple[str, str]]:
    """All codes of every domain, merged once."""
    global _catalogue
    if _catalogue is None:
        merged: dict[str, tuple[str, str]] = {}
        for domain in _DOMAINS:
            try:
                module = importlib.import_module(f"{__name__}.{domain}")
            except ModuleNotFoundError as exc:
                if exc.name != f"{__name__}.{domain}":
                    raise
                continue
            for code, texts in module.MESSAGES.items():
                if code in merged and merged[code] != texts:
                    raise ValueError(f"message code {code!r} defined twice with different texts")
                merged[code] = texts
        _catalogue = merged
    return _catalogue


def set_language(lang: str | None) -> None:
    """Forces 'pt' or 'en' for this process (None goes back to the environment)."""
    global _forced_lang
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    _forced_lang = lang


def current_language() -> str:
    """'pt' unless forced, FARENSE_LANG says so, or the locale is English."""
    if _forced_lang:
        return _forced_lang
    env = os.environ.get("FARENSE_LANG", "").lower()
    if env[:2] in LANGUAGES:
        return env[:2]
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "en" if value.lower().startswith("en") else "pt"
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:
        loc = ""
    return "en" if loc.lower().startswith("en") else "pt"


def render(code: str, params: dict[str, Any] | None = None, lang: str | None = None) -> str:
    """The text of a code in the given (or current) language; unknown codes still read."""
    lang = lang or current_language()
    params = params or {}
    texts = catalogue().get(code)
    if texts is None:
        extra = ", ".join(f"{k}={v}" for k, v in params.items())
        return f"{code}: {extra}" if extra else code
    template = texts[0] if lang == "pt" else texts[1]
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template
