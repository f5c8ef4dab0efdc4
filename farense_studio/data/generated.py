"""Generated questions: proposed from the club's documents, checked for grounding, kept in the project.

"Gerar perguntas das biografias" reads each biography paragraph (and each of the club's own Q&A
lines) and proposes question/answer pairs: fact by fact from a paragraph, or new wordings of a
club question. Every proposal is checked (data.grounding): one whose answer states a number, date
or name its paragraph does not is kept as *rejected* with the reason, never silently dropped.

Everything lands in ``<projeto>/dados/gerados.jsonl`` (never in the club's files), one JSON record
a line, appended only:
  {"type": "proposal", "id", "unit", "source", "line", "paragraph", "question", "answer", "kind",
   "method", "rule", "of", "status": "proposta" | "rejeitada", "reasons": [...]}
  {"type": "done", "unit", "digest"}                      a paragraph or line fully handled
  {"type": "decision", "id", "status", "question"?, "answer"?}   a reviewer's accept/edit/reject
Each paragraph's proposals and its "done" record go out in one write, so after a crash (kill -9)
generation resumes at the first paragraph without "done"; ids are content hashes, so a paragraph
half-written before the crash gives no duplicates. A torn last line is ignored and cut off.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any, Callable, Iterable

from farense_studio.data.biographies import name_from_file
from farense_studio.data.fact_templates import (QA, Subject, paragraph_questions, rephrasings, synonym_rephrasing,
                                                topic_names)
from farense_studio.data.formats import GENERATED_ORIGIN, Example, Problem
from farense_studio.data.grounding import ungrounded

GENERATED_FILE = "gerados.jsonl"
PENDING, ACCEPTED, REJECTED = "proposta", "aceite", "rejeitada"
# What a pass asked, recorded with each unit it did: 1 the fact templates, 2 also the names of each
# sentence (fact_templates.name_questions) and a club question with a synonym (synonym_rephrasing).
# A unit done with less than a pass asks is proposed again: what a reviewer decided stays, the new
# questions join.
FACT_RULES, MORE_RULES = 1, 2
STATUSES = (PENDING, ACCEPTED, REJECTED)
ORIGIN = GENERATED_ORIGIN


_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


def _file_lock(path: Path) -> threading.Lock:
    with _locks_guard:
        return _locks.setdefault(os.path.abspath(path), threading.Lock())


class SharedNames:
    """The names a project's biographies share (fact_templates.topic_names), read the first time a
    pass with the name questions asks: the Dados tab reads the units on every load and needs none."""

    def __init__(self, paragraphs_by_source: dict[str, list[str]]):
        self._paragraphs = paragraphs_by_source

    @cached_property
    def names(self) -> frozenset[str]:
        return topic_names(self._paragraphs)


@dataclass(frozen=True)
class Unit:
    """What generation reads at a time: one biography paragraph, or one of the club's Q&A lines."""

    key: str  # "jogadores/hassan_nader.md#2" or "qa.jsonl:17"
    source: str
    line: int | None
    paragraph: int | None  # 1-based paragraph number of a biography; None for a Q&A line
    text: str  # the paragraph, or the club's question
    subject: Subject | None = None  # whom a biography is about
    answer: str | None = None  # a Q&A line's answer (rephrasings keep it)
    example_id: str | None = None
    topic: "SharedNames | None" = field(default=None, compare=False)  # names every biography shares

    @property
    def digest(self) -> str:
        return hashlib.sha1(f"{self.text}\n{self.answer or ''}".encode("utf-8", "surrogatepass")).hexdigest()[:16]

    @property
    def grounds(self) -> str:
        """The text an answer must be grounded in (the paragraph and whom it is about)."""
        name = self.subject.name if self.subject else ""
        return f"{name}\n{self.text}\n{self.answer or ''}"


def units_of_sources(jsonl_files: Iterable, bio_dirs: Iterable, edits: Any = None) -> list[Unit]:
    """The generation units of a project's sources, read as the Dados tab reads them (with the
    user's edits applied when given, so a mended Q&A line is rephrased as mended)."""
    from farense_studio.data.corpus import read_sources

    examples = read_sources(list(jsonl_files), list(bio_dirs))[0]
    return units_from_examples(edits.apply(examples) if edits is not None else examples)


def units_from_examples(examples: Iterable[Example]) -> list[Unit]:
    """Paragraphs of every whole-biography example and every Q&A line, in reading order."""
    examples = list(examples)
    short = {e.source: e.question for e in examples if e.format == "bio_summary"}
    topic = SharedNames({e.source: e.answer.split("\n\n") for e in examples if e.format == "bio_full"})
    units: list[Unit] = []
    for example in examples:
        if example.format == "bio_full":
            subject = Subject.from_questions(short.get(example.source), example.question,
                                             name_from_file(Path(example.source)))
            line = example.line
            for number, block in enumerate(example.answer.split("\n\n"), 1):
                text = block.strip()
                if text:
                    units.append(Unit(f"{example.source}#{number}", example.source, line, number, text, subject,
                                      topic=topic))
                if line is not None:
                    line += block.count("\n") + 2
        elif example.origin == "qa" and example.question and example.answer:
            units.append(Unit(example.location, example.source, example.line, None, example.question,
                              answer=example.answer, example_id=example.id))
    return units


@dataclass
class Proposal:
    """One generated question and answer, where it came from, and what the reviewer decided."""

    id: str
    unit: str
    source: str
    line: int | None
    paragraph: int | None
    question: str
    answer: str
    kind: str  # "fact" | "rephrasing"
    method: str  # "template" | "model"
    rule: str = ""
    of: str | None = None  # the club example a rephrasing rephrases
    status: str = PENDING
    reasons: list[dict[str, str]] = field(default_factory=list)  # why it was rejected as ungrounded
    digest: str = ""  # the text of its paragraph or line when it was proposed (Unit.digest)
    edited: bool = False

    @property
    def grounded(self) -> bool:
        return not self.reasons

    @property
    def trains(self) -> bool:
        """Grounded proposals train unless a reviewer rejected them; ungrounded ones only when a
        reviewer accepted them one by one (they start rejected, and "accept all" leaves them out)."""
        return self.status == ACCEPTED or (self.grounded and self.status == PENDING)

    def problems(self) -> list[Problem]:
        """Why it does not train (or what a reviewer accepted anyway), as coded problems for the table."""
        severity = "warning" if self.trains else "error"
        found = [Problem(r["code"], {"value": r["value"]}, severity, self.source, self.line, self.example_id)
                 for r in self.reasons]
        if self.grounded and self.status == REJECTED:
            found.append(Problem("generated_rejected", {}, "warning", self.source, self.line, self.example_id))
        return found

    @property
    def example_id(self) -> str:
        return f"g-{self.id}"

    def to_record(self) -> dict[str, Any]:
        record = {"type": "proposal", **{k: v for k, v in self.__dict__.items() if k != "edited"}}
        return record

    def example(self) -> Example:
        messages = [{"role": "user", "content": self.question}, {"role": "assistant", "content": self.answer}]
        return Example(messages, self.source, self.line, ORIGIN, self.example_id, "train", f"generated_{self.method}",
                       self.of)


def proposal_id(unit: Unit, question: str, answer: str) -> str:
    return hashlib.sha1(f"{unit.key}\n{question}\n{answer}".encode("utf-8", "surrogatepass")).hexdigest()[:16]


def make_proposal(unit: Unit, qa: QA, method: str) -> Proposal:
    """A proposal checked for grounding: facts against their paragraph, rephrasings against the
    club's question (a new wording may not add a name or a number)."""
    kind = "rephrasing" if unit.answer is not None else "fact"
    if kind == "rephrasing":
        reasons = ungrounded(qa.question, unit.text) + ungrounded(qa.answer, unit.answer or "")
    else:
        reasons = ungrounded(qa.answer, unit.grounds)
    return Proposal(proposal_id(unit, qa.question, qa.answer), unit.key, unit.source, unit.line, unit.paragraph,
                    qa.question, qa.answer, kind, method, qa.rule, unit.example_id,
                    REJECTED if reasons else PENDING, [r.to_dict() for r in reasons], unit.digest)


def template_proposer(unit: Unit, more: bool = False) -> list[QA]:
    """The model-free proposals of a unit (fact_templates). With ``more``, also each other name a
    paragraph's sentences mention, asked with whom it is about, and each club question once more with
    a synonym (not the default: not yet measured on the GPU machine, bench/results/README.md section 4)."""
    if unit.answer is not None:
        other = synonym_rephrasing(unit.text) if more else None
        return [QA(q, unit.answer, "rephrasing") for q in rephrasings(unit.text) + ([other] if other else [])]
    shared = (unit.topic.names if unit.topic is not None else frozenset()) if more else None
    return list(paragraph_questions(unit.subject or Subject(""), unit.text, shared))


def more_proposer(unit: Unit) -> list[QA]:
    """template_proposer with the name and synonym questions (``data generate --more-questions``)."""
    return template_proposer(unit, more=True)


more_proposer.rules = MORE_RULES  # type: ignore[attr-defined]


class GeneratedStore:
    """The project's generated questions: read tolerantly, appended atomically per paragraph."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.proposals: dict[str, Proposal] = {}
        self.done: dict[str, tuple[str, int]] = {}  # unit key -> (digest, the rules it was done with)
        self.skipped_lines = 0
        self._load()

    @classmethod
    def for_project(cls, project_dir: str | Path | Any) -> "GeneratedStore":
        folder = Path(getattr(project_dir, "path", project_dir))
        return cls(folder / "dados" / GENERATED_FILE)

    def _load(self) -> None:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return
        for raw in data.split(b"\n"):
            if not raw.strip():
                continue
            try:
                self._apply(json.loads(raw.decode("utf-8")))
            except (ValueError, TypeError, KeyError, AttributeError):
                self.skipped_lines += 1  # a torn last line after a crash, or a damaged one

    def _apply(self, record: dict[str, Any]) -> None:
        kind = record["type"]
        if kind == "proposal":
            fields = {k: record[k] for k in Proposal.__dataclass_fields__ if k in record and k != "edited"}
            proposal = Proposal(**fields)
            known = self.proposals.get(proposal.id)
            if known is None:
                self.proposals[proposal.id] = proposal
            elif proposal.digest != known.digest:  # proposed again from a changed text: current again
                self.proposals[proposal.id] = replace(known, digest=proposal.digest)
        elif kind == "done":
            self.done[str(record["unit"])] = (str(record["digest"]), int(record.get("rules", 1)))
        elif kind == "decision":
            current = self.proposals.get(record["id"])
            if current is not None and record["status"] in STATUSES:
                changes = {"status": record["status"]}
                for key in ("question", "answer"):
                    if isinstance(record.get(key), str):
                        changes[key] = record[key]
                        changes["edited"] = True
                self.proposals[current.id] = replace(current, **changes)

    def _append(self, records: list[dict[str, Any]]) -> None:
        """One write of whole lines, flushed to disk; a torn tail from a crash is cut off first.
        Two stores of one file in one process (the app's review and a generation pass in another
        thread) take turns, so neither sees the other's line half-written and cuts it."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        payload = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        with _file_lock(self.path), open(self.path, "ab+") as handle:
            size = handle.seek(0, os.SEEK_END)
            if size:
                handle.seek(size - 1)
                if handle.read(1) != b"\n":  # rare: only after a crash mid-write
                    handle.seek(0)
                    handle.truncate(handle.read().rfind(b"\n") + 1)
            handle.write(payload.encode("utf-8", "surrogatepass"))
            handle.flush()
            os.fsync(handle.fileno())
        for record in records:
            self._apply(record)

    def add_unit(self, unit: Unit, proposals: list[Proposal], rules: int = FACT_RULES) -> None:
        """The proposals of one unit and its "done" mark, together."""
        fresh = [p.to_record() for p in proposals
                 if p.id not in self.proposals or self.proposals[p.id].digest != p.digest]
        self._append(fresh + [{"type": "done", "unit": unit.key, "digest": unit.digest, "rules": rules}])

    def is_done(self, unit: Unit, rules: int = FACT_RULES) -> bool:
        digest, done_with = self.done.get(unit.key, ("", 0))
        return digest == unit.digest and done_with >= rules

    def decide(self, proposal_id: str, status: str, question: str | None = None,
               answer: str | None = None) -> Proposal:
        """Accept, reject or edit one proposal; returns it as it was before (for undo)."""
        if status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}")
        before = self.proposals[proposal_id]
        record: dict[str, Any] = {"type": "decision", "id": proposal_id, "status": status}
        if question is not None:
            record["question"] = question
        if answer is not None:
            record["answer"] = answer
        self._append([record])
        return before

    def restore(self, before: Proposal | list[Proposal]) -> None:
        """Undo decisions: the proposals as they were (one write however many)."""
        self._append([{"type": "decision", "id": p.id, "status": p.status, "question": p.question,
                       "answer": p.answer} for p in ([before] if isinstance(before, Proposal) else before)])

    def accept_all(self, ids: Iterable[str] | None = None) -> list[Proposal]:
        """Accepts every grounded proposal still waiting (or those of ``ids``, to redo an "accept
        all" exactly); returns them as they were."""
        chosen = self.proposals.values() if ids is None else [self.proposals[i] for i in ids]
        waiting = [p for p in chosen if p.status == PENDING and p.grounded]
        self._append([{"type": "decision", "id": p.id, "status": ACCEPTED} for p in waiting])
        return waiting

    def examples(self) -> list[Example]:
        """The generated examples that train (grounded and not rejected), all in the training split."""
        return [p.example() for p in self.proposals.values() if p.trains]

    def is_stale(self, proposal: Proposal, digests: dict[str, str]) -> bool:
        """True when the text it came from changed or left the project since it was proposed
        (``digests``: unit key -> Unit.digest of the project's units now)."""
        return digests.get(proposal.unit) != (proposal.digest or self.done.get(proposal.unit, ("",))[0])

    def rows(self, units: list[Unit]) -> tuple[list[Example], list[Example], list[Problem]]:
        """(those that train, those left out, why the stale ones are out) against the project's units now:
        a question from a paragraph or Q&A line that changed or went away no longer trains."""
        digests = {u.key: u.digest for u in units}
        training, left_out, problems = [], [], []
        for proposal in self.proposals.values():
            stale = self.is_stale(proposal, digests)
            (training if proposal.trains and not stale else left_out).append(proposal.example())
            if stale:
                problems.append(Problem("generated_stale", {}, "error", proposal.source, proposal.line,
                                        proposal.example_id))
        return training, left_out, problems

    def counts(self) -> dict[str, int]:
        values = list(self.proposals.values())
        return {"total": len(values), "pending": sum(p.status == PENDING for p in values),
                "accepted": sum(p.status == ACCEPTED for p in values),
                "rejected": sum(p.status == REJECTED for p in values),
                "ungrounded": sum(not p.grounded for p in values),
                "training": sum(p.trains for p in values)}


@dataclass
class GenerationReport:
    """What one generation pass did."""

    units: int = 0
    already_done: int = 0
    proposed: int = 0
    rejected: int = 0
    seconds: float = 0.0
    cancelled: bool = False

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


Proposer = Callable[[Unit], list[QA]]
Progress = Callable[[int, int, float], None]  # (units handled, units in all, seconds left estimate)


def generate(units: list[Unit], store: GeneratedStore, proposers: list[tuple[str, Proposer]],
             progress: Progress | None = None, cancel: Callable[[], bool] | None = None) -> GenerationReport:
    """Proposes for every unit not yet done, unit by unit; resumable, cancellable between units.

    ``proposers``: (method name, function) pairs, e.g. ("template", template_proposer). The time-left
    estimate is the mean time of the units handled in this pass times those left.
    """
    report = GenerationReport(units=len(units))
    rules = max(getattr(propose, "rules", FACT_RULES) for _method, propose in proposers)
    todo = [u for u in units if not store.is_done(u, rules)]
    report.already_done = len(units) - len(todo)
    start = time.monotonic()
    if progress:
        progress(report.already_done, len(units), 0.0)
    for index, unit in enumerate(todo, 1):
        if cancel and cancel():
            report.cancelled = True
            break
        proposals: dict[str, Proposal] = {}
        for method, propose in proposers:
            for qa in propose(unit):
                proposal = make_proposal(unit, qa, method)
                proposals.setdefault(proposal.id, proposal)
        if cancel and cancel():  # a reply cut short by the stop is no whole unit: it is done again next time
            report.cancelled = True
            break
        store.add_unit(unit, list(proposals.values()), rules)
        report.proposed += len(proposals)
        report.rejected += sum(not p.grounded for p in proposals.values())
        if progress:
            elapsed = time.monotonic() - start
            progress(report.already_done + index, len(units), elapsed / index * (len(todo) - index))
    report.seconds = time.monotonic() - start
    return report

