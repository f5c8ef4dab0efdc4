"""Renders the stable message codes of data/ and engine/ as text (pt-PT first, English beside it).

data/ and engine/ never build sentences: they report a code and parameters. Each domain keeps
its catalogue in a sibling module (``data.py``, ``engine.py``, ...) as a dict
``code -> (portuguese, english)`` with ``str.format`` placeholders; this module merges them.
"""

from __future__ import annotations

import locale
import os
import re
from dataclasses import dataclass, field
from collections.abc import Mapping
from typing import Any, ClassVar

from farense_studio.modules import import_if_present

LANGUAGES = ("pt", "en")
_DOMAINS = ("common", "data", "knowledge", "documents", "models", "engine", "generation", "export", "serve",
            "group", "settings", "project")
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


class CodedError(Exception):
    """An error reported by a stable code and the parameters of its text (the one base of every
    coded failure of data/, engine/ and the project).

    ``CodedError(code, {"path": p})`` and ``CodedError(code, path=p)`` are the same.
    ``coded_params`` names parameters whose value is itself a code (``{"reason": "json_{}"}``):
    their text is rendered first, in the same language. ``str()`` is the text in ``str_lang``
    (None: the current language).
    """

    coded_params: ClassVar[Mapping[str, str]] = {}
    str_lang: ClassVar[str | None] = None

    def __init__(self, code: str, params: Mapping[str, Any] | None = None, /, **more: Any):
        self.code = code
        self.params = {**(params or {}), **more}
        super().__init__(code)

    def text(self, lang: str | None = None) -> str:
        return render_coded(self.code, self.params, lang, self.coded_params)

    def __str__(self) -> str:
        return self.text(self.str_lang)


def catalogue() -> dict[str, tuple[str, str]]:
    """All codes of every domain, merged once."""
    global _catalogue
    if _catalogue is None:
        merged: dict[str, tuple[str, str]] = {}
        for domain in _DOMAINS:
            module = import_if_present(f"{__name__}.{domain}")
            for code, texts in (module.MESSAGES if module is not None else {}).items():
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
        return _PLURAL.sub(lambda m: _plural(m, params), template).format(**params)
    except (KeyError, IndexError, ValueError):
        return template


def render_coded(code: str, params: dict[str, Any] | None, lang: str | None,
                 coded_params: Mapping[str, str]) -> str:
    """As render, with the parameters named in coded_params (key -> code pattern, e.g.
    ``{"reason": "json_{}"}``) rendered as texts of their own first, in the same language."""
    params = params or {}
    shown = dict(params)
    for key, pattern in coded_params.items():
        if isinstance(shown.get(key), str):
            shown[key] = render(pattern.format(shown[key]), params, lang)
    return render(code, shown, lang)


def format_bytes(n: int | None, lang: str | None = None) -> str:
    """A size for a message: "4,1 GB" in Portuguese, "4.1 GB" in English (powers of 1000)."""
    if n is None:
        return "?"
    lang = lang or current_language()
    value = float(n)
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if value < 1000 or unit == "TB":
            break
        value /= 1000
    text = f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
    return text.replace(".", ",") if lang == "pt" else text


def decimal(value: float | None, digits: int = 2, lang: str | None = None) -> str:
    """'1,99' in Portuguese, '1.99' in English (the GUI's QLocale writes them alike); '-' for
    None; very large values in short scientific form."""
    if value is None:
        return "-"
    text = f"{value:.{digits}f}" if abs(value) < 1e4 else f"{value:.3g}"
    return text.replace(".", ",") if (lang or current_language()) == "pt" else text


# "{count|exemplo tem|exemplos têm}": the number, then the words that agree with it ("1 exemplo
# tem", "3 exemplos têm"); "{count?foi|foram}": the words alone. In both languages only 1 is
# singular.
_PLURAL = re.compile(r"\{(\w+)([|?])([^{}|]*)\|([^{}|]*)\}")


def _plural(match: re.Match, params: dict[str, Any]) -> str:
    value = params[match.group(1)]
    words = match.group(3) if str(value) in ("1", "1.0") else match.group(4)
    text = f"{value} {words}" if match.group(2) == "|" else words
    return text.replace("{", "{{").replace("}", "}}")
