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
