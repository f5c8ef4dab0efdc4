"""Examples and problems, and the JSONL reader for every format mlx-lm trains on (and a few more).

Every example comes out in chat form (a list of ``{"role", "content"}`` messages); the format it
came from is kept in ``Example.format``. Reading never modifies the file, never stops at a bad
line and never drops one silently: each bad line becomes a ``Problem`` with a stable code.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from farense_studio.messages import CodedError

ROLES = ("system", "user", "assistant")
SPLITS = ("train", "valid")
ORIGINS = ("qa", "bio", "user")
GENERATED_ORIGIN = "gerado"  # rows data.generated proposes (kept here so passages needs no store)

# Largest JSONL file read (bytes): far above any club's Q&A, small enough that a wrong file (a disk
# image, /dev/zero) is refused by name instead of filling the memory.
MAX_JSONL_BYTES = 512 * 1024 * 1024
# Keys that pick a format, in the order they are tried. Values: (format name, question key(s), answer key).
FLAT_FORMATS = (
    ("prompt_completion", ("prompt",), "completion"),
    ("instruction", ("instruction", "input"), "output"),
    ("question_answer", ("question",), "answer"),
    ("pergunta_resposta", ("pergunta",), "resposta"),  # the club's own Portuguese keys
)
# A plain "text" row has no question. mlx-lm's chat datasets need a user turn before the answer
# (with prompt masking they template messages[:-1]), so the text, kept word for word as the
# answer, follows this fixed request, which states no fact.
TEXT_PROMPT = "Conta-me o que sabes."
_SHAREGPT_ROLES = {"system": "system", "human": "user", "user": "user", "gpt": "assistant",
                   "assistant": "assistant", "bot": "assistant", "model": "assistant"}


@dataclass
class Example:
    """One conversation to learn from, with where it came from."""

    messages: list[dict[str, str]]
    source: str
    line: int | None
    origin: str  # "qa" | "bio" | "user"
    id: str
    split: str | None = None  # "train" | "valid" | None
    format: str = "messages"  # the format it was read from (messages, prompt_completion, text, bio, ...)
    of: str | None = None  # a generated rephrasing: the club example it rephrases (it takes that one's split)

    @property
    def question(self) -> str:
        """The first user message."""
        for message in self.messages:
            if message.get("role") == "user":
                return message.get("content", "")
        return ""

    @property
    def answer(self) -> str:
        """The last assistant message."""
        for message in reversed(self.messages):
            if message.get("role") == "assistant":
                return message.get("content", "")
        return ""

    @property
    def location(self) -> str:
        return f"{self.source}:{self.line}" if self.line is not None else self.source

    def to_row(self) -> dict[str, Any]:
        """The row written for mlx-lm: ``{"messages": [...]}``."""
        return {"messages": [{"role": m["role"], "content": m["content"]} for m in self.messages]}


# Parameters whose value is a code with a text of its own in the message catalogue.
CODED_PARAMS = {"reason": "json_{}", "kind": "json_kind_{}"}


@dataclass
class Problem:
    """Something wrong (error) or worth knowing (warning) about a file or one of its lines."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)
    severity: str = "error"  # "error" | "warning"
    file: str = ""
    line: int | None = None
    example_id: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}" if self.line is not None else self.file

    def text(self, lang: str | None = None) -> str:
        """The problem in words; parameters that are codes themselves (``reason`` of invalid_json,
        ``kind`` of not_an_object) are rendered first, in the same language."""
        from farense_studio import messages

        return messages.render_coded(self.code, self.params, lang, CODED_PARAMS)

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        return {"code": self.code, "severity": self.severity, "file": self.file, "line": self.line,
                "example_id": self.example_id, "params": dict(self.params), "text": self.text(lang)}


_SURROGATE = re.compile("[\ud800-\udfff]")
# A JSON \\uXXXX escape: an escaped backslash (skipped), a surrogate pair (kept) or a lone surrogate.
_ESCAPE = re.compile(r"\\\\|\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}"
                     r"|\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def safe_text(text: str) -> str:
    """Text that always encodes as UTF-8: a lone surrogate (half of a cut emoji, a byte of a file
    name in another encoding) becomes U+FFFD «�»."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def mend_surrogate_escapes(text: str) -> tuple[str, int | None]:
    """(text, offset of the first lone ``\\uD8xx`` escape or None): every lone surrogate escape
    of a JSON document becomes ``\\ufffd``, so the parsed text encodes as UTF-8 and the rest of
    it is kept. Pairs (an emoji written as two escapes) are left alone."""
    first: list[int] = []

    def fix(match: re.Match) -> str:
        escape = match.group()
        if len(escape) != 6:  # "\\\\" or a pair
            return escape
        first.append(match.start())
        return "\\ufffd"

    mended = _ESCAPE.sub(fix, text)
    return mended, (first[0] if first else None)


def load_json_line(text: str):
    """(record, problems as (code, params, severity, line)) of one JSON document (line: 1-based,
    inside the document); the document could not be read when a problem is an error (record is
    then None). Never raises: too deep a nesting is named, lone surrogate escapes are mended and
    named."""
    found: list[tuple[str, dict, str, int]] = []
    if "\\u" in text:
        text, offset = mend_surrogate_escapes(text)
        if offset is not None:
            column = offset - text.rfind("\n", 0, offset)
            found.append(("lone_surrogate", {"column": column}, "warning", text.count("\n", 0, offset) + 1))
    try:
        return json.loads(text), found
    except RecursionError:
        return None, [("too_deep", {}, "error", 1)]
    except ValueError as exc:
        return None, [("invalid_json", json_error_params(exc), "error", getattr(exc, "lineno", 1))]


def read_limited(path: Path, limit: int) -> tuple[bytes | None, tuple[str, dict] | None]:
    """(bytes, None) of a regular file of at most ``limit`` bytes, else (None, (code, params)).

    Never blocks or fills the memory: a FIFO, a device (/dev/zero) or a folder is ``not_a_file``,
    a larger file ``file_too_big`` (checked on the size and again while reading)."""
    shown = safe_text(str(path))
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return None, ("file_not_found", {"path": shown})
    except OSError as exc:
        return None, ("read_error", {"path": shown, "detail": safe_text(exc.strerror or str(exc))})
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            return None, ("not_a_file", {"path": shown})
        too_big = ("file_too_big", {"size": megabytes(max(info.st_size, limit + 1)),
                                    "limit": megabytes(limit)})
        if info.st_size > limit:
            return None, too_big
        try:
            data = _read_upto(handle, info.st_size, limit + 1)
        except OSError as exc:
            return None, ("read_error", {"path": shown, "detail": safe_text(exc.strerror or str(exc))})
    return (None, too_big) if len(data) > limit else (data, None)


def _read_upto(handle, expected: int, most: int) -> bytes:
    """At most ``most`` bytes: the size fstat gave in one read, then more only if the file grew
    or lied about its size (/proc files say 0)."""
    chunks = [handle.read(min(expected + 1, most))]
    total = len(chunks[0])
    while chunks[-1] and total < most:
        chunks.append(handle.read(min(1 << 20, most - total)))
        total += len(chunks[-1])
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def megabytes(size: int) -> str:
    """A size as people read it: "12,5 MB" (one decimal, comma as in Portugal)."""
    return f"{size / 1e6:.1f} MB".replace(".", ",")


def make_id(source: str, messages: list[dict[str, str]], occurrence: int = 0) -> str:
    """A stable id: the same source name and content give the same id (the n-th repeat gets -n)."""
    canonical = json.dumps(messages, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha1(f"{source}\n{canonical}".encode("utf-8")).hexdigest()[:16]
    return digest if occurrence == 0 else f"{digest}-{occurrence}"


class IdMaker:
    """Hands out ids for one source, numbering repeats of the same content."""

    def __init__(self, source: str):
        self.source = source
        self._seen: dict[str, int] = {}

    def __call__(self, messages: list[dict[str, str]]) -> str:
        base = make_id(self.source, messages)
        count = self._seen.get(base, 0)
        self._seen[base] = count + 1
        return base if count == 0 else f"{base}-{count}"


# json's error messages (always English) -> a reason code rendered as "json_<reason>" in the message
# language. The first prefix that matches wins; anything else is "syntax", with the original text.
_JSON_REASONS = (
    ("Expecting ',' delimiter", "missing_comma"),
    ("Expecting ':' delimiter", "missing_colon"),
    ("Expecting property name enclosed in double quotes", "bad_name"),
    ("Unterminated string", "unterminated_string"),
    ("Invalid control character", "control_character"),
    ("Invalid \\", "bad_escape"),  # "Invalid \escape" and "Invalid \uXXXX escape"
    ("Extra data", "extra_data"),
    ("Expecting value", "expecting_value"),
)


def json_error_params(exc: ValueError) -> dict[str, Any]:
    """Parameters of an ``invalid_json`` problem: a reason code, the 1-based column, json's text.

    A line that stops before its brackets close reads "unexpected_end" (json would say it expects
    a comma there), so the person looks for what is missing at the end, not for a comma.
    """
    detail = getattr(exc, "msg", str(exc))
    reason = next((code for prefix, code in _JSON_REASONS if detail.startswith(prefix)), "syntax")
    doc, pos = getattr(exc, "doc", None), getattr(exc, "pos", None)
    if (reason in ("missing_comma", "expecting_value", "bad_name") and isinstance(doc, str)
            and isinstance(pos, int) and pos >= len(doc.rstrip())):
        reason = "unexpected_end"
    return {"reason": reason, "column": getattr(exc, "colno", 0), "detail": detail}


class FormatError(CodedError):
    """A record that cannot be read as a conversation: carries a problem code and parameters."""


def _scalar_text(value: Any, keys: list[str]) -> str:
    """Text of a flat field: strings as they are, numbers as written, null as empty."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise FormatError("unknown_format", keys=", ".join(keys))


def _content_text(content: Any, index: int) -> str:
    """Message content: a string, or OpenAI-style parts [{"type": "text", "text": ...}]."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list) and all(isinstance(p, dict) and isinstance(p.get("text", ""), str)
                                         for p in content):
        return "".join(p.get("text", "") for p in content)
    raise FormatError("bad_message", index=index)


def _chat_messages(items: Any, role_key: str, content_key: str, role_map: dict[str, str] | None):
    if not isinstance(items, list):
        raise FormatError("unknown_format", keys=role_key)
    messages = []
    for index, item in enumerate(items, 1):
        if not isinstance(item, dict) or not isinstance(item.get(role_key), str):
            raise FormatError("bad_message", index=index)
        role = item[role_key]
        if role_map is not None:
            role = role_map.get(role.lower(), role)
        messages.append({"role": role, "content": _content_text(item.get(content_key), index)})
    return messages


def to_messages(record: Any) -> tuple[list[dict[str, str]], str]:
    """(chat messages, format name) for one JSON record; raises FormatError when it is none of ours."""
    if not isinstance(record, dict):
        kind = {list: "array", str: "string", bool: "boolean", type(None): "null"}.get(type(record), "number")
        raise FormatError("not_an_object", kind=kind)
    keys = list(record)
    if "messages" in record:
        return _chat_messages(record["messages"], "role", "content", None), "messages"
    if "conversations" in record:  # ShareGPT: [{"from": "human", "value": ...}]
        return _chat_messages(record["conversations"], "from", "value", _SHAREGPT_ROLES), "conversations"
    system = record.get("system")
    head = [{"role": "system", "content": system}] if isinstance(system, str) and system.strip() else []
    for name, question_keys, answer_key in FLAT_FORMATS:
        if question_keys[0] in record and answer_key in record:
            parts = [_scalar_text(record.get(k), keys) for k in question_keys]
            question = "\n\n".join(p for p in parts if p.strip()) or parts[0]
            answer = _scalar_text(record[answer_key], keys)
            return head + [{"role": "user", "content": question},
                           {"role": "assistant", "content": answer}], name
    if "text" in record:
        return head + [{"role": "user", "content": TEXT_PROMPT},
                       {"role": "assistant", "content": _scalar_text(record["text"], keys)}], "text"
    raise FormatError("unknown_format", keys=", ".join(keys) if keys else "{}")


def check_messages(messages: list[dict[str, str]]) -> tuple[str, dict] | None:
    """The first thing wrong with a conversation's roles or contents, as (code, params), or None."""
    for index, message in enumerate(messages, 1):
        if message["role"] not in ROLES:
            return "unknown_role", {"role": message["role"], "index": index}
    roles = [m["role"] for m in messages]
    body = roles[1:] if roles[:1] == ["system"] else roles
    if (not body or len(body) % 2 or
            any(role != ("user" if i % 2 == 0 else "assistant") for i, role in enumerate(body))):
        return "wrong_role_order", {"roles": ", ".join(roles) if roles else "-"}
    for message in messages:
        if not message["content"].strip():
            if message["role"] == "assistant":
                return "empty_answer", {}
            if message["role"] == "user":
                return "empty_question", {}
    return None


def read_lines(data: bytes):
    """(line number, text or UnicodeDecodeError) for each non-blank line of a JSONL file's bytes."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for number, raw in enumerate(data.split(b"\n"), 1):
        if not raw.strip():
            continue
        try:
            yield number, raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield number, exc


def parse_jsonl(path: str | Path, source: str | None = None, origin: str = "qa"
                ) -> tuple[list[Example], list[Problem]]:
    """Every line that reads as a conversation (roles and contents not yet checked), and the problems."""
    path = Path(path)
    source = safe_text(source or path.name)
    data, refused = read_limited(path, MAX_JSONL_BYTES)
    if refused:
        return [], [Problem(refused[0], refused[1], "error", source)]
    examples: list[Example] = []
    problems: list[Problem] = []
    new_id = IdMaker(source)
    for number, text in read_lines(data):
        if isinstance(text, UnicodeDecodeError):
            problems.append(Problem("invalid_utf8", {"position": text.start + 1}, "error", source, number))
            continue
        record, found = load_json_line(text)
        problems += [Problem(code, params, severity, source, number) for code, params, severity, _ in found]
        if problems and problems[-1].line == number and problems[-1].is_error:
            continue
        try:
            messages, fmt = to_messages(record)
        except FormatError as exc:
            problems.append(Problem(exc.code, exc.params, "error", source, number))
            continue
        examples.append(Example(messages, source, number, origin, new_id(messages), None, fmt))
    if not examples and not problems:
        problems.append(Problem("empty_file", {}, "warning", source))
    return examples, problems


def validate(examples: list[Example]) -> tuple[list[Example], list[Problem]]:
    """Splits examples into the good ones and a problem for each bad one (order kept)."""
    good: list[Example] = []
    problems: list[Problem] = []
    for example in examples:
        found = check_messages(example.messages)
        if found is None:
            good.append(example)
        else:
            problems.append(Problem(found[0], found[1], "error", example.source, example.line, example.id))
    return good, problems


def read_jsonl(path: str | Path, source: str | None = None, origin: str = "qa"
               ) -> tuple[list[Example], list[Problem]]:
    """The good examples of a JSONL file (any supported format, as chat) and every problem found.

    ``source`` is the name shown for the file (default: its file name).
    """
    candidates, problems = parse_jsonl(path, source, origin)
    good, bad = validate(candidates)
    problems = sorted(problems + bad, key=lambda p: (p.line is None, p.line or 0))
    return good, problems
