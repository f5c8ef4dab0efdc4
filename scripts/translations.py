#!/usr/bin/env python3
"""Keeps the Qt catalogues of the GUI in step with its source strings (Portuguese is the source).

Catalogues: resources/translations/farense_pt_PT.ts and farense_en.ts (Qt Linguist XML), each
compiled to a .qm beside it; every one of the four files is committed.

Usage (from the repository root, with the project's venv)::

    .venv/bin/python scripts/translations.py update
        Runs pyside6-lupdate over every farense_studio/gui/**/*.py. New strings appear in both
        catalogues; pt_PT gets identity translations automatically; existing English
        translations are kept, strings no longer in the code are dropped. Then releases.
    .venv/bin/python scripts/translations.py missing [--json]
        Lists the English translations still to write (--json prints a template for `set`).
    .venv/bin/python scripts/translations.py set CONTEXT "Texto em português" "English text"
        Fills one English translation (CONTEXT is the class name that called self.tr()).
    .venv/bin/python scripts/translations.py set --json FILE
        Fills many; FILE is {"Context": {"fonte": "translation", ...}, ...} (what `missing
        --json` prints) or [{"context": ..., "source": ..., "translation": ...}, ...].
    .venv/bin/python scripts/translations.py release
        Compiles both .ts into .qm (pyside6-lrelease).
    .venv/bin/python scripts/translations.py check
        Exits 1 when a source string is missing from a catalogue, a string lacks its English
        translation, placeholders (%1, {name}) differ, or a .qm is stale. tests/gui/
        test_translations.py runs it.

`set` and `update` run `update` first (so new strings exist) and `release` last; pass
--no-release to skip the latter. Concurrent runs wait for each other (a lock in the temp dir).

Writing translatable strings:
- In a QObject method: ``self.tr("Texto")``. The context is the class name, so call tr() in
  the class that defines the string (a subclass calling its parent's tr() looks the string up
  under its own name: use ``QCoreApplication.translate("ParentClass", "Texto")`` there).
- Elsewhere: ``QCoreApplication.translate("Context", "Texto")``; a bare string literal must be
  the argument (no variables, no f-strings), implicit concatenation of literals is fine.
- Put values in afterwards: ``self.tr("{n} exemplos").format(n=...)`` or ``.arg()``-style
  ``%1``; do not use Qt plural forms (``tr(text, None, n)``): write both wordings instead.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES_DIR = ROOT / "farense_studio" / "gui"
TS_DIR = ROOT / "resources" / "translations"
SOURCE_LANGUAGE = "pt_PT"
CATALOGUES = {"pt_PT": TS_DIR / "farense_pt_PT.ts", "en": TS_DIR / "farense_en.ts"}
_PLACEHOLDER = re.compile(r"%L?\d+|%n|\{[A-Za-z_][A-Za-z0-9_]*(?:[:!][^{}]*)?\}")


class TranslationError(Exception):
    """A problem the user must fix; printed without a traceback."""


# --------------------------------------------------------------------------- tools
def _tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease: beside this Python first, then on PATH."""
    for folder in (Path(sys.executable).parent, Path(sys.prefix) / "bin"):
        candidate = folder / name
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if found:
        return found
    raise TranslationError(f"{name} not found: install PySide6 (pip install PySide6-Essentials)")


def _run(args: list[str]) -> None:
    result = subprocess.run(args, capture_output=True, text=True)
    if result.returncode != 0:
        raise TranslationError(f"{Path(args[0]).name} failed:\n{result.stdout}{result.stderr}")


def source_files() -> list[Path]:
    return sorted(p for p in SOURCES_DIR.rglob("*.py") if "__pycache__" not in p.parts)


def lupdate(ts_files: list[Path], sources: list[Path] | None = None) -> None:
    """Merges the current source strings into ``ts_files`` (existing translations are kept)."""
    sources = source_files() if sources is None else sources
    with tempfile.NamedTemporaryFile("w", suffix=".lst", delete=False, encoding="utf-8") as lst:
        lst.write("\n".join(str(p) for p in sources) + "\n")
    try:
        for ts in ts_files:
            lang = ts.stem.split("_", 1)[1] if "_" in ts.stem else "en"
            _run([_tool("pyside6-lupdate"), f"@{lst.name}", "-ts", str(ts), "-locations", "none",
                  "-no-obsolete", "-source-language", SOURCE_LANGUAGE, "-target-language", lang])
    finally:
        os.unlink(lst.name)


def lrelease(ts: Path, qm: Path) -> None:
    _run([_tool("pyside6-lrelease"), "-nounfinished", str(ts), "-qm", str(qm)])


@contextlib.contextmanager
def _lock():
    """One run at a time per checkout (several helpers may run the script together)."""
    digest = hashlib.sha1(str(ROOT).encode()).hexdigest()[:12]
    path = Path(tempfile.gettempdir()) / f"farense-translations-{digest}.lock"
    with open(path, "w") as fh:
        try:
            import fcntl
        except ImportError:  # Windows: no lock, runs are rare there
            yield
            return
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


# --------------------------------------------------------------------------- .ts XML
def _read(ts: Path) -> ET.ElementTree:
    return ET.parse(ts)


def _write(tree: ET.ElementTree, ts: Path) -> None:
    """Writes XML that lupdate re-reads; the `update` that follows puts it in lupdate's layout."""
    ET.indent(tree, "    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    tmp = ts.with_suffix(".ts.tmp")
    tmp.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")
    os.replace(tmp, ts)


def _messages(tree: ET.ElementTree):
    """(context name, message element) for every message."""
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            yield name, message


def _source(message: ET.Element) -> str:
    return message.findtext("source") or ""


def _is_finished(message: ET.Element) -> bool:
    tr = message.find("translation")
    if tr is None or tr.get("type") in ("unfinished", "vanished", "obsolete"):
        return False
    forms = tr.findall("numerusform")
    texts = [f.text or "" for f in forms] if forms else [tr.text or ""]
    return all(t.strip() for t in texts)


def _translation(message: ET.Element) -> str:
    tr = message.find("translation")
    if tr is None:
        return ""
    forms = tr.findall("numerusform")
    return (forms[0].text or "") if forms else (tr.text or "")


def _set_translation(message: ET.Element, text: str) -> None:
    tr = message.find("translation")
    if tr is None:
        tr = ET.SubElement(message, "translation")
    tr.attrib.pop("type", None)
    forms = tr.findall("numerusform")
    if forms or message.get("numerus") == "yes":
        for child in list(tr):
            tr.remove(child)
        tr.text = None
        for _ in range(max(len(forms), 2)):
            ET.SubElement(tr, "numerusform").text = text
    else:
        tr.text = text


def fill_identity(ts: Path) -> int:
    """pt_PT: every source string is its own translation. Returns how many were filled."""
    tree = _read(ts)
    count = 0
    for _, message in _messages(tree):
        if not _is_finished(message) or _translation(message) != _source(message):
            _set_translation(message, _source(message))
            count += 1
    if count:
        _write(tree, ts)
    return count


def missing(ts: Path) -> dict[str, dict[str, str]]:
    result: dict[str, dict[str, str]] = {}
    for context, message in _messages(_read(ts)):
        if not _is_finished(message):
            result.setdefault(context, {})[_source(message)] = _translation(message)
    return result


def placeholders(text: str) -> list[str]:
    return sorted(_PLACEHOLDER.findall(text))


# --------------------------------------------------------------------------- commands
def cmd_update(release: bool = True, quiet: bool = False) -> None:
    TS_DIR.mkdir(parents=True, exist_ok=True)
    ts_files = list(CATALOGUES.values())
    lupdate(ts_files)
    if fill_identity(CATALOGUES["pt_PT"]):
        lupdate([CATALOGUES["pt_PT"]])  # back into lupdate's own layout
    if release:
        cmd_release(quiet=True)
    if not quiet:
        todo = sum(len(v) for v in missing(CATALOGUES["en"]).values())
        total = sum(1 for _ in _messages(_read(CATALOGUES["en"])))
        print(f"{total} strings; {todo} still need an English translation"
              + (" (scripts/translations.py missing --json)" if todo else ""))


def cmd_release(quiet: bool = False) -> None:
    for ts in CATALOGUES.values():
        if not ts.exists():
            raise TranslationError(f"{ts} does not exist: run `update` first")
        lrelease(ts, ts.with_suffix(".qm"))
    if not quiet:
        print("released " + ", ".join(ts.with_suffix(".qm").name for ts in CATALOGUES.values()))


def cmd_missing(as_json: bool) -> int:
    todo = missing(CATALOGUES["en"])
    if as_json:
        print(json.dumps({c: {s: "" for s in msgs} for c, msgs in todo.items()}, ensure_ascii=False, indent=2))
    else:
        for context, msgs in todo.items():
            for source in msgs:
                print(f"{context}\t{source}")
    return 1 if todo else 0


def _load_json_pairs(path: Path) -> list[tuple[str, str, str]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    pairs: list[tuple[str, str, str]] = []
    if isinstance(data, dict):
        for context, msgs in data.items():
            if not isinstance(msgs, dict):
                raise TranslationError(f"{path}: {context!r} must map source strings to translations")
            pairs.extend((context, s, t) for s, t in msgs.items())
    elif isinstance(data, list):
        for item in data:
            pairs.append((item["context"], item["source"], item["translation"]))
    else:
        raise TranslationError(f"{path}: expected a JSON object or list")
    return pairs


def cmd_set(pairs: list[tuple[str, str, str]], release: bool = True) -> None:
    cmd_update(release=False, quiet=True)
    ts = CATALOGUES["en"]
    tree = _read(ts)
    index = {(c, _source(m)): m for c, m in _messages(tree)}
    unknown, done = [], 0
    for context, source, text in pairs:
        if not str(text).strip():
            continue  # an unfilled template entry
        message = index.get((context, source))
        if message is None:
            unknown.append(f"{context}: {source!r}")
            continue
        if placeholders(source) != placeholders(text):
            raise TranslationError(f"{context}: placeholders differ between {source!r} and {text!r}")
        _set_translation(message, text)
        done += 1
    if done:
        _write(tree, ts)
        lupdate([ts])
    if release:
        cmd_release(quiet=True)
    print(f"set {done} translation(s)")
    if unknown:
        raise TranslationError("not in the sources (check the context and the exact text):\n  "
                               + "\n  ".join(unknown))


def check() -> list[str]:
    """Every reason the catalogues disagree with the sources (empty when all is well)."""
    errors: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for lang, ts in CATALOGUES.items():
            if not ts.exists():
                errors.append(f"{ts.relative_to(ROOT)} is missing: run scripts/translations.py update")
                continue
            fresh = Path(tmp) / ts.name
            shutil.copy(ts, fresh)
            lupdate([fresh])
            have = {(c, _source(m)) for c, m in _messages(_read(ts))}
            want = {(c, _source(m)) for c, m in _messages(_read(fresh))}
            for context, source in sorted(want - have):
                errors.append(f"{ts.name}: new string not in the catalogue: {context}: {source!r} "
                              "(run scripts/translations.py update)")
            for context, source in sorted(have - want):
                errors.append(f"{ts.name}: string no longer in the sources: {context}: {source!r} "
                              "(run scripts/translations.py update)")
            for context, message in _messages(_read(ts)):
                source = _source(message)
                if not _is_finished(message):
                    errors.append(f"{ts.name}: no {lang} translation for {context}: {source!r}")
                elif placeholders(source) != placeholders(_translation(message)):
                    errors.append(f"{ts.name}: placeholders differ in {context}: {source!r}")
            qm = ts.with_suffix(".qm")
            fresh_qm = Path(tmp) / qm.name
            lrelease(ts, fresh_qm)
            if not qm.exists() or qm.read_bytes() != fresh_qm.read_bytes():
                errors.append(f"{qm.relative_to(ROOT)} is stale: run scripts/translations.py release")
    return errors


def cmd_check() -> int:
    errors = check()
    for line in errors:
        print(line)
    if not errors:
        print("translations OK")
    return 1 if errors else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="See the module docstring for details.")
    sub = parser.add_subparsers(dest="command", required=True)
    p_update = sub.add_parser("update", help="extract strings, fill pt_PT, keep English, release")
    p_update.add_argument("--no-release", action="store_true")
    p_missing = sub.add_parser("missing", help="list the strings without an English translation")
    p_missing.add_argument("--json", action="store_true", help="print a template for `set --json`")
    p_set = sub.add_parser("set", help="fill English translations")
    p_set.add_argument("context", nargs="?")
    p_set.add_argument("source", nargs="?")
    p_set.add_argument("text", nargs="?")
    p_set.add_argument("--json", type=Path, help="a file of translations")
    p_set.add_argument("--no-release", action="store_true")
    sub.add_parser("release", help="compile .ts into .qm")
    sub.add_parser("check", help="exit 1 when the catalogues disagree with the sources")
    args = parser.parse_args(argv)
    try:
        with _lock():
            if args.command == "update":
                cmd_update(release=not args.no_release)
            elif args.command == "missing":
                return cmd_missing(args.json)
            elif args.command == "set":
                if args.json:
                    pairs = _load_json_pairs(args.json)
                elif args.context and args.source is not None and args.text is not None:
                    pairs = [(args.context, args.source, args.text)]
                else:
                    parser.error("set needs CONTEXT SOURCE TEXT or --json FILE")
                cmd_set(pairs, release=not args.no_release)
            elif args.command == "release":
                cmd_release()
            elif args.command == "check":
                return cmd_check()
    except TranslationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
