"""Is an answer grounded in its source? Every number, date and proper name it states must be there.

A generated answer (by a template or by a language model) is kept only when nothing it asserts is
new: each number (``1965``, ``1994-95``, ``2-4``, ``5.º``), each number word that is not an
article (``dez``, ``vinte``) and each capitalised word that is not a sentence-opening function word
(``Casablanca``, ``Mallorca``) must appear in the source text. Matching ignores case and accents,
so "Sao Luis" in an answer is found in "São Luís". The check is deliberately strict: a paraphrase
may reorder and rephrase, never add a fact.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Numbers: 1965, 21, 1994-95 (with - or an en dash), 2-4, 5.º, 1.000, 3,5.
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*(?:\s*[-–—/]\s*\d+)?")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
# Number words a sentence can state as a fact. "um"/"uma" are left out: they are articles too.
NUMBER_WORDS = {
    "dois": 2, "duas": 2, "tres": 3, "quatro": 4, "cinco": 5, "seis": 6, "sete": 7, "oito": 8,
    "nove": 9, "dez": 10, "onze": 11, "doze": 12, "treze": 13, "catorze": 14, "quatorze": 14,
    "quinze": 15, "dezasseis": 16, "dezassete": 17, "dezoito": 18, "dezanove": 19, "vinte": 20,
    "trinta": 30, "quarenta": 40, "cinquenta": 50, "sessenta": 60, "setenta": 70, "oitenta": 80,
    "noventa": 90, "cem": 100, "cento": 100, "mil": 1000,
}


def fold(text: str) -> str:
    """Lower case without accents, so matching ignores both."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


# Capitalised words that open sentences or questions without naming anything.
# Kept folded (no accents, lower case), as every lookup folds the word first.
FUNCTION_WORDS = {fold(w) for w in """
a as o os um uma uns umas e ou mas nem que quem qual quais quando onde como porque porquê quanto
quantos quanta quantas em no na nos nas ao aos à às do da dos das de pelo pela pelos pelas por para
com sem sobre entre depois antes durante desde até após este esta estes estas esse essa esses essas
isso isto aquele aquela aquilo ele ela eles elas foi era é são sim não também já ainda nesse nessa
neste nesta naquele naquela foram fez tem teve há houve diz conta fala sabes sabe segundo ali aqui
lá nunca sempre hoje ontem mais menos muito muitos muita muitas pouco todos todas tudo cada outro
outra outros outras seu sua seus suas meu minha nosso nossa dele dela deles delas lhe lhes se
podes pode diz-me fala-me conta-me diga-me sabe-me explica-me desconheço
""".split()}


def _number_key(token: str) -> str:
    """'1994–95' and '1994 - 95' read as '1994-95'; '5.º' as '5'."""
    return re.sub(r"\s*[-–—/]\s*", "-", token.strip())


def numbers(text: str) -> set[str]:
    """The numbers a text states, normalised (see _number_key)."""
    return {_number_key(m.group()) for m in _NUMBER.finditer(text)}


def _number_parts(text: str) -> set[str]:
    """Every number of a text, also each side of ranges ('1994-95' gives 1994-95, 1994 and 95)."""
    parts = set()
    for key in numbers(text):
        parts.add(key)
        parts.update(p for p in re.split(r"[-/]", key) if p)
    return parts


def words(text: str) -> list[str]:
    return [m.group() for m in _WORD.finditer(text)]


# A capitalised sentence opener with a verb's ending ("Nasceu", "Jogou", "Marcava") is a verb, not a name.
_VERB_ENDING = re.compile(r"(?:ou|eu|iu|ava|avam|ia|iam|aram|eram|iram|ar|er|ir|ado|ido|ada|ida)$")


def _opens_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 8):start].rstrip(" \t\"«“(")
    return not before or before[-1] in ".!?…:;\n"


def names(text: str) -> set[str]:
    """Capitalised words of a text that may name something (function words left out, and verbs
    that only carry a capital because they open a sentence)."""
    found = set()
    for match in _WORD.finditer(text):
        word = match.group()
        if not word[:1].isupper() or fold(word) in FUNCTION_WORDS:
            continue
        if _opens_sentence(text, match.start()) and _VERB_ENDING.search(fold(word)):
            continue
        found.add(word)
    return found


@dataclass(frozen=True)
class Ungrounded:
    """One thing an answer states that its source does not: a coded reason for the reviewer."""

    code: str  # "invented_number" | "invented_name"
    value: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "value": self.value}


def ungrounded(answer: str, source: str) -> list[Ungrounded]:
    """What ``answer`` states that ``source`` does not contain (empty when fully grounded)."""
    problems: list[Ungrounded] = []
    source_words = {fold(w) for w in words(source)}
    # "dez épocas" in the source grounds "10 épocas" in the answer, and the other way round.
    source_numbers = _number_parts(source) | {str(v) for w, v in NUMBER_WORDS.items() if w in source_words}
    for key in sorted(numbers(answer)):
        if key not in source_numbers and not set(re.split(r"[-/]", key)) <= source_numbers:
            problems.append(Ungrounded("invented_number", key))
    for word in words(answer):
        value = NUMBER_WORDS.get(fold(word))
        if value is not None and str(value) not in source_numbers:
            problems.append(Ungrounded("invented_number", word))
    for name in sorted(names(answer)):
        if fold(name) not in source_words:
            problems.append(Ungrounded("invented_name", name))
    return problems
