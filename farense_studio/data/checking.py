"""Checking questions: the fact-recall questions the trainer and "Verificar factos" ask.

When the club wrote none, they come from the held-out (valid) split: each question with the
numbers and proper names of its answer that the question does not already state as keywords
(data.grounding's numbers()/names(); ``|`` gives the other ways of writing one: ``10|dez``,
``1994-95|1994/95``). An answer that states none is no fact-recall question and is left out.
Written as ``<projeto>/preparado/perguntas_verificacao.jsonl`` when data is prepared, one
``{"question", "keywords", "source"}`` object a line (the format of the scorecard's questions).

Which file a project checks with (checking_questions_path): a questions file the project names
in its settings (Treino, then Conversar), else the sample questions for a project that trains
on the sample Q&A file (resources/sample_data/perguntas_teste.jsonl, the scorecard's default), else the
derived file. No Qt, no MLX.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterable

from farense_studio.data.grounding import NUMBER_WORDS, fold, names, numbers, words

CHECKING_FILE = "perguntas_verificacao.jsonl"
MAX_KEYWORDS = 4  # a long answer (a whole biography) is asked for its first facts only
# Names every answer about the club may state: no sign the model learned a fact.
CLUB_NAMES = {"farense", "sporting", "clube", "sc", "scf"}
_WORDS_OF = {}
for _word, _value in NUMBER_WORDS.items():
    _WORDS_OF.setdefault(str(_value), _word)


def _number_keyword(key: str) -> str:
    """One number and the other ways of writing it ("10|dez", "1994-95|1994/95")."""
    forms = [key]
    if "-" in key:
        forms.append(key.replace("-", "/"))
    if key in _WORDS_OF:
        forms.append(_WORDS_OF[key])
    return "|".join(forms)


def keywords_of(question: str, answer: str, limit: int = MAX_KEYWORDS) -> list[str]:
    """The numbers and names of ``answer`` that ``question`` does not state, in answer order."""
    asked_numbers = numbers(question)
    asked_names = {_stem(w) for w in words(question)}  # "Campeonatos" asks "Campeonato" too
    found: list[tuple[int, str]] = []
    seen: set[str] = set()
    for key in numbers(answer):
        if key in asked_numbers or key in seen:
            continue
        seen.add(key)
        found.append((_position(answer, key), _number_keyword(key)))
    for name in names(answer):
        folded = fold(name)
        if _stem(name) in asked_names or folded in CLUB_NAMES or folded in seen:
            continue
        seen.add(folded)
        found.append((_position(answer, name), name))
    return [keyword for _, keyword in sorted(found)[:limit]]


def _stem(word: str) -> str:
    folded = fold(word)
    return folded[:-1] if len(folded) > 3 and folded.endswith("s") else folded


def _position(text: str, token: str) -> int:
    match = re.search(re.escape(token).replace("\\-", "\\s*[-–—/]\\s*"), text)
    return match.start() if match else len(text)


def _turns(record: dict[str, Any]) -> tuple[str, str] | None:
    """(last user question, the answer after it) of a chat row, or None."""
    messages = record.get("messages")
    if not isinstance(messages, list) or len(messages) < 2:
        return None
    last, before = messages[-1], messages[-2]
    if not (isinstance(last, dict) and isinstance(before, dict)):
        return None
    if last.get("role") != "assistant" or before.get("role") != "user":
        return None
    question, answer = before.get("content"), last.get("content")
    if not (isinstance(question, str) and isinstance(answer, str) and question.strip() and answer.strip()):
        return None
    return question.strip(), answer.strip()


def derive_questions(rows: Iterable[dict[str, Any]], source: str = "valid.jsonl") -> list[dict[str, Any]]:
    """Fact-recall questions of chat rows ({"messages": [...]}); rows whose answer states no
    number or name the question lacks are skipped. ``source``: "valid.jsonl:<line>" per row."""
    out = []
    for line, record in enumerate(rows, 1):
        turns = _turns(record) if isinstance(record, dict) else None
        if turns is None:
            continue
        keywords = keywords_of(*turns)
        if keywords:
            out.append({"question": turns[0], "keywords": keywords, "source": f"{source}:{line}"})
    return out


def write_checking_questions(valid_rows: Iterable[dict[str, Any]], out_dir: str | Path) -> Path | None:
    """Writes out_dir/perguntas_verificacao.jsonl from the valid rows (removes a stale one when
    no row gives a question); returns its path or None."""
    path = Path(out_dir) / CHECKING_FILE
    questions = derive_questions(valid_rows)
    if not questions:
        path.unlink(missing_ok=True)
        return None
    text = "".join(json.dumps(q, ensure_ascii=False) + "\n" for q in questions)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path


def _project_settings(project_dir: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((project_dir / "projeto.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    settings = data.get("settings") if isinstance(data, dict) else None
    return settings if isinstance(settings, dict) else {}


def _sample_questions(project_dir: Path) -> Path | None:
    """The sample questions, for a project that trains on the sample Q&A file."""
    from farense_studio.paths import sample_data_dir

    try:
        sources = json.loads((project_dir / "projeto.json").read_text(encoding="utf-8")).get("jsonl_sources")
    except (OSError, ValueError, AttributeError):
        return None
    sample = sample_data_dir()
    questions = sample / "perguntas_teste.jsonl"
    for source in sources if isinstance(sources, list) else []:
        try:
            if isinstance(source, str) and Path(source).resolve().parent == sample.resolve():
                return questions if questions.is_file() else None
        except OSError:
            continue
    return None


def checking_questions_path(data_dir: str | Path | None) -> Path | None:
    """The checking questions for prepared data in ``data_dir`` (a project's preparado/ or any
    folder): the project's own file first (see the module docstring), else the derived one."""
    if not data_dir:
        return None
    data_dir = Path(data_dir)
    settings = _project_settings(data_dir.parent)
    if settings is not None:
        for section in ("training", "chat"):
            named = (settings.get(section) or {}).get("questions_file") if isinstance(settings.get(section), dict) else None
            if isinstance(named, str) and named and Path(named).is_file():
                return Path(named)
        sample = _sample_questions(data_dir.parent)
        if sample is not None:
            return sample
    derived = data_dir / CHECKING_FILE
    return derived if derived.is_file() else None


__all__ = ["CHECKING_FILE", "keywords_of", "derive_questions", "write_checking_questions",
           "checking_questions_path"]
