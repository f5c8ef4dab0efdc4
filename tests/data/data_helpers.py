"""Shared by the data tests: what each line of the problems demo file must give, a tiny tokenizer."""

from __future__ import annotations

import re
import unicodedata

# problemas_exemplo.jsonl, line by line: None = a good line (kept), else the code it must get.
PROBLEM_LINES = {
    1: None, 2: None, 3: "invalid_json", 4: None, 5: "unknown_format", 6: "empty_answer",
    7: "wrong_role_order", 8: "invalid_utf8", 9: None, 10: "duplicate", 11: "duplicate",
    12: None,  # too_long, but only with a tokenizer
    13: "empty_question", 14: "unknown_role", 15: "not_an_object", 16: "bad_message", 17: None,
}


class CharTokenizer:
    """The smallest tokenizer the pipeline accepts: anything with ``encode``."""

    def encode(self, text):
        return list(text)


def fold(text: str) -> str:
    """Case- and accent-insensitive form, as the fact-recall check compares."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def keyword_found(keyword: str, text: str) -> bool:
    """A keyword ('a|b' alternatives) as a whole word in text, ignoring case and accents."""
    folded = fold(text)
    return any(re.search(r"(?<!\w)" + re.escape(fold(alt)) + r"(?!\w)", folded) for alt in keyword.split("|"))


def old_sentence_ends(text: str) -> list[int]:
    """The biography reading before issue 16 (quadratic: it copies the text before every match),
    the reference for what counts as a sentence end (tests) and the peer of bench/biography_read.py."""
    from farense_studio.data import biographies as bio

    ends = []
    for match in bio._SENTENCE_END.finditer(text):
        before = text[:match.start()].rstrip("\"»”'")
        word = before.rsplit(None, 1)[-1] if before.split() else ""
        if word in bio._ABBREVIATIONS or re.fullmatch(r"[A-Z]\.", word):
            continue
        ends.append(len(before))
    return ends
