"""Keyword matching of the held-out questions, as the conventions say: a correct answer
contains every keyword; ``|`` separates alternatives; case and accents are ignored; numbers
stand as whole words ("21" is not found in "210"). Pure functions, no MLX."""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable


# One kind of dash; ordinal indicators dropped ("5.º lugar" and "5º" read as 5).
_FOLD_TABLE = {**dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212"), "-"),
               ord("\u00ba"): None, ord("\u00aa"): None}


def fold(text: str) -> str:
    """Lower case, no accents, one kind of dash, single spaces, no ordinal indicators."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD_TABLE))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", stripped.casefold()).strip()


def _pattern(alternative: str) -> re.Pattern | None:
    folded = fold(alternative)
    if not folded:
        return None
    body = r"\s+".join(re.escape(part) for part in folded.split(" "))
    # Numbers stand as whole words: "21" is not in "210", "1921" or "a21b".
    if folded[0].isdigit():
        body = r"(?<!\w)" + body
    if folded[-1].isdigit():
        body = body + r"(?!\w)"
    return re.compile(body)


def keyword_found(answer: str, keyword: str, *, folded: bool = False) -> bool:
    """True when any ``|`` alternative of keyword is in the answer."""
    text = answer if folded else fold(answer)
    for alternative in keyword.split("|"):
        pattern = _pattern(alternative)
        if pattern is not None and pattern.search(text):
            return True
    return False


def missing_keywords(answer: str, keywords: Iterable[str] | str) -> list[str]:
    """The keywords an answer lacks (empty: the answer is correct)."""
    if isinstance(keywords, str):
        keywords = [keywords]
    text = fold(answer)
    return [k for k in keywords if not keyword_found(text, k, folded=True)]


def score_answer(answer: str, keywords: Iterable[str] | str) -> bool:
    """A correct answer contains every keyword (a single string is one keyword)."""
    keywords = [keywords] if isinstance(keywords, str) else list(keywords)
    return bool(keywords) and not missing_keywords(answer, keywords)
