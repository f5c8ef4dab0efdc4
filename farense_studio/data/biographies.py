"""Biography folders (.txt, .md, .json) turned into chat examples by extraction, never invention.

Each biography gives two examples whose answers are the biography's own words:
  "Quem foi <nome>?"              -> its first sentence(s), verbatim;
  "Conta-me a história de <nome>." -> the whole text, verbatim.
The name comes from a title line ("# Hassan Nader" or a short first line followed by a blank
line), from the JSON's "nome"/"name", or from the file name. An optional front matter block
(``---`` lines around ``chave: valor`` lines) may set ``nome``, ``pergunta_curta`` and
``pergunta_longa`` for profiles that are not people ("O que é o Estádio de São Luís?").
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from farense_studio.data.formats import (Example, IdMaker, Problem, load_json_line, read_limited,
                                         safe_text)

BIO_SUFFIXES = (".txt", ".md", ".json")
SHORT_QUESTION = "Quem foi {nome}?"
LONG_QUESTION = "Conta-me a história de {nome}."
NAME_KEYS = ("nome", "name", "titulo", "título", "title")
TEXT_KEYS = ("texto", "text", "biografia", "biography", "conteudo", "conteúdo", "content", "bio")
SHORT_KEYS = ("pergunta_curta", "short_question")
LONG_KEYS = ("pergunta_longa", "long_question")
SUMMARY_MIN_CHARS = 120  # the short answer takes sentences until it is at least this long...
SUMMARY_MAX_SENTENCES = 2  # ...or has this many
# Largest biography file read (bytes). A long biography is some tens of KB (a whole book is about
# 1 MB) and its full text becomes one answer that training cuts at the maximum length anyway: a
# larger file is named as too big, not read (reading is linear, so the limit is about sense, not
# speed).
MAX_BIOGRAPHY_BYTES = 10 * 1000 * 1000

_SMALL_WORDS = {"de", "da", "do", "das", "dos", "e", "del", "van", "von"}
# A sentence ends at . ! ? or … followed by space and a capital, digit or opening quote.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"»”']?\s+(?=[\"«“(]?[A-ZÀ-ÖØ-Ý0-9])")
_ABBREVIATIONS = ("Sr.", "Sra.", "Dr.", "Dra.", "Prof.", "Eng.", "St.", "n.", "N.", "p.", "ex.", "etc.",
                  "Jr.", "vs.", "c.")


_WORD_WINDOW = 16  # longer than any abbreviation: the last word is looked for in this many chars


def iter_sentence_ends(text: str):
    """Offsets just past each sentence's end (abbreviations and initials like 'A. Bola' skipped).

    Linear in the text: each end looks back only a few characters for its last word."""
    for match in _SENTENCE_END.finditer(text):
        end = match.start()  # just past the . ! ? or …
        window = text[max(0, end - _WORD_WINDOW):end]
        parts = window.rsplit(None, 1)
        whole = len(parts) == 2 or end <= _WORD_WINDOW  # the window holds the word's start
        word = parts[-1] if parts and whole else ""
        if word in _ABBREVIATIONS or re.fullmatch(r"[A-Z]\.", word):
            continue
        yield end


def sentence_ends(text: str) -> list[int]:
    """Every offset of iter_sentence_ends."""
    return list(iter_sentence_ends(text))


def first_sentences(text: str) -> str:
    """The opening sentence(s) of a text, cut from it verbatim."""
    text = text.strip()
    cut = len(text)
    for count, end in enumerate(iter_sentence_ends(text), 1):
        cut = end
        if count >= SUMMARY_MAX_SENTENCES or end >= SUMMARY_MIN_CHARS:
            break
    else:
        cut = len(text)
    # Keep a paragraph break as the boundary when it comes first.
    paragraph = text.find("\n\n")
    if 0 < paragraph < cut:
        cut = paragraph
    return text[:cut].strip()


def name_from_file(path: Path) -> str:
    words = re.split(r"[_\-\s]+", path.stem.strip())
    if all(w == w.lower() for w in words):
        words = [w if w in _SMALL_WORDS and i else w[:1].upper() + w[1:] for i, w in enumerate(words)]
    return " ".join(w for w in words if w)


def _clean_title(line: str) -> str:
    title = line.strip().lstrip("#").strip().strip("*_").strip()
    return re.split(r"\s+[—–-]\s+|\s*[(|:]", title)[0].strip() or title


def _front_matter(lines: list[str]) -> tuple[dict[str, str], int]:
    """``---`` / ``chave: valor`` / ``---`` at the very top: (fields, index of the line after it)."""
    if not lines or lines[0].strip() != "---":
        return {}, 0
    fields: dict[str, str] = {}
    for index in range(1, len(lines)):
        line = lines[index].strip()
        if line == "---":
            return fields, index + 1
        key, sep, value = line.partition(":")
        if sep:
            fields[key.strip().lower()] = value.strip().strip("\"'")
    return {}, 0  # no closing line: not front matter, all of it is text


def split_title(text: str) -> tuple[dict[str, str], str | None, str, int]:
    """(front matter, title or None, body, 1-based line where the body starts) of a text biography."""
    lines = text.split("\n")
    fields, start = _front_matter(lines)
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start >= len(lines):
        return fields, None, "", start + 1
    first = lines[start].strip()
    rest = lines[start + 1:]
    followed_by_gap = not rest or not rest[0].strip()
    looks_like_title = first.startswith("#") or (
        followed_by_gap and len(first) <= 80 and not first.endswith((".", "!", "?", "…", ";", ",")))
    if not looks_like_title:
        return fields, None, "\n".join(lines[start:]).strip(), start + 1
    body_start = start + 1
    while body_start < len(lines) and not lines[body_start].strip():
        body_start += 1
    return fields, _clean_title(first), "\n".join(lines[body_start:]).strip(), body_start + 1


def _pick(mapping: dict, keys: tuple[str, ...]):
    for key in keys:
        value = mapping.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def bio_examples(name: str, body: str, source: str, line: int | None, new_id: IdMaker,
                 short_question: str | None = None, long_question: str | None = None) -> list[Example]:
    """The two extracted examples of one biography."""
    pairs = ((short_question or SHORT_QUESTION.format(nome=name), first_sentences(body), "bio_summary"),
             (long_question or LONG_QUESTION.format(nome=name), body.strip(), "bio_full"))
    examples = []
    for question, answer, fmt in pairs:
        messages = [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]
        examples.append(Example(messages, source, line, "bio", new_id(messages), None, fmt))
    return examples


def _decode(data: bytes, source: str) -> tuple[str | None, Problem | None]:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n"), None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, Problem("invalid_utf8", {"position": column}, "error", source, line)


def _read_json_bio(text: str, path: Path, source: str, new_id: IdMaker):
    record, found = load_json_line(text)
    problems = [Problem(code, params, severity, source, line) for code, params, severity, line in found]
    if any(p.is_error for p in problems):
        return [], problems
    records = record if isinstance(record, list) else [record]
    examples = []
    for record in records:
        body = _pick(record, TEXT_KEYS) if isinstance(record, dict) else None
        if body is None:
            keys = ", ".join(record) if isinstance(record, dict) else type(record).__name__
            if isinstance(record, dict) and any(k in record for k in TEXT_KEYS):
                problems.append(Problem("empty_biography", {}, "error", source, None))
            else:
                problems.append(Problem("unknown_format", {"keys": keys or "{}"}, "error", source, None))
            continue
        name = _pick(record, NAME_KEYS) or name_from_file(path)
        examples += bio_examples(name, body, source, None, new_id,
                                 _pick(record, SHORT_KEYS), _pick(record, LONG_KEYS))
    return examples, problems


def read_biography(path: str | Path, source: str | None = None) -> tuple[list[Example], list[Problem]]:
    """The examples of one biography file."""
    path = Path(path)
    source = safe_text(source or path.name)
    data, refused = read_limited(path, MAX_BIOGRAPHY_BYTES)
    if refused:
        return [], [Problem(refused[0], refused[1], "error", source)]
    text, problem = _decode(data, source)
    if problem:
        return [], [problem]
    new_id = IdMaker(source)
    if path.suffix.lower() == ".json":
        return _read_json_bio(text, path, source, new_id)
    fields, title, body, body_line = split_title(text)
    if not body:
        return [], [Problem("empty_biography", {}, "error", source, None)]
    name = _pick(fields, NAME_KEYS) or title or name_from_file(path)
    return bio_examples(name, body, source, body_line, new_id,
                        _pick(fields, SHORT_KEYS), _pick(fields, LONG_KEYS)), []


def folder_files(folder: Path):
    """(path, (code, params) or None) of every visible entry under folder that is not a folder, in
    name order, without following links to folders. A link leading out of the folder (to
    /etc/passwd, say) is "outside_folder" and never read; a subfolder that cannot be listed is a
    "read_error"."""
    root = folder.resolve()
    found = []

    def unlistable(exc: OSError) -> None:
        found.append((Path(exc.filename or folder), ("read_error", {
            "path": safe_text(str(exc.filename or folder)), "detail": safe_text(exc.strerror or str(exc))})))

    def outside(path: Path):
        return None if _inside(path, root) else ("outside_folder", {"target": safe_text(os.path.realpath(path))})

    for current, dirs, files in os.walk(folder, onerror=unlistable, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        here = Path(current)
        for name in list(dirs):
            if (here / name).is_symlink():  # its files are read where they live, if inside
                dirs.remove(name)
                if outside(here / name):
                    found.append((here / name, outside(here / name)))
        found += [(here / name, outside(here / name) if (here / name).is_symlink() else None)
                  for name in files if not name.startswith(".")]
    return sorted(found, key=lambda item: item[0].relative_to(folder).parts)


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root)
    except (ValueError, OSError, RuntimeError):  # elsewhere, or a link loop
        return False
    return True


def read_biographies(folder: str | Path, source_prefix: str | None = None
                     ) -> tuple[list[Example], list[Problem]]:
    """Every biography under a folder (searched recursively, in name order), or one file.

    Sources are shown as "<folder name>/<path inside it>" unless ``source_prefix`` is given.
    A file that cannot be read is one named problem; the other files are still read.
    """
    folder = Path(folder)
    prefix = safe_text(folder.name if source_prefix is None else source_prefix)
    if not folder.is_dir():
        if folder.exists() or folder.is_symlink():
            return read_biography(folder, safe_text(source_prefix or folder.name))
        return [], [Problem("file_not_found", {"path": safe_text(str(folder))}, "error",
                            prefix or safe_text(str(folder)))]
    examples: list[Example] = []
    problems: list[Problem] = []
    for path, refused in folder_files(folder):
        rel = path.relative_to(folder).as_posix()
        source = safe_text(f"{prefix}/{rel}" if prefix else rel)
        if source != (f"{prefix}/{rel}" if prefix else rel):
            problems.append(Problem("bad_file_name", {}, "warning", source))
        if refused:
            problems.append(Problem(refused[0], refused[1], "error", source))
            continue
        if path.suffix.lower() not in BIO_SUFFIXES:
            problems.append(Problem("skipped_file", {}, "warning", source))
            continue
        found, bad = read_biography(path, source)
        examples += found
        problems += bad
    if not examples and not any(p.is_error for p in problems):
        problems.append(Problem("empty_file", {}, "warning", prefix or safe_text(str(folder))))
    return examples, problems
