"""Training with documents (RAFT, arXiv:2403.10131): examples that carry retrieved passages.

So that the adapter learns to read the passages it will be given at answer time, and to say it
does not know when they are silent, each prepared example (training and checking split alike, so
the checking loss measures the same task) is put, deterministically from (seed, its id), in one of
three shares:

- ``right`` (fraction p): the right passage (the one the example came from: its Q&A row, its
  biography paragraph, the paragraph or row a generated question was made from) together with
  ``distractors`` passages the index finds for the question that are not the right one, in the
  order retrieval gives them (with ``shuffle_right``, the right one at a seeded place instead:
  retrieval puts a question's own passage first in most examples, and a model trained so reads the
  first passage only);
- ``silent`` (fraction q): only the distractors, and the answer replaced by ``DONT_KNOW``; only for
  question-and-answer examples whose answer the distractors do not state, not even spread over
  several of them (else the example goes to ``right``). With ``silent_search`` N > 0 the example
  looks N times deeper and shows the first passages that do not answer, skipping those that do (so
  the silent ones mostly speak of the same person: "they speak of Nader, not of his height");
- ``plain`` (the rest, and every whole-biography example): the example as it was, so the model
  also answers without documents.

With ``keep_plain`` (on by default, measured) an example that carries passages (right or silent) is
also kept as it was, under the id ``<id>#simples`` in the same split and paraphrase group (never in
its twin's step): the model learns each fact without documents too, at the price of ~1.7x the
examples a pass.

The user's turn is built by data.document_prompt (``grounded_messages``), the very code that builds
it at answer time, within the token budget: prompt (with the system prompt the trainer adds) plus
answer never exceed ``max_tokens``; an example whose right passage does not fit whole stays plain.

On by default in the app (``DEFAULT_ON``, measured with bench/evidence/knowledge_gpu.sh); the project
setting ``SETTING_KEY`` is Dados' switch; headless: ``farense-studio data prepare
--documents-in-training`` (it needs the model's tokenizer to count). No Qt.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterable

from farense_studio.data.corpus import REPORT_NAME, Corpus, split_score, write_prepared
from farense_studio.data.document_prompt import DEFAULT_PASSAGES, grounded_messages, passage_line
from farense_studio.data.formats import Example
from farense_studio.data.generated import ORIGIN as GENERATED, Proposal
from farense_studio.data.grounding import fold, names, numbers, ungrounded
from farense_studio.data.retrieval import DocumentIndex, Hit, index_folder, open_index, update_index

SETTING_KEY = "documents_in_training"  # projeto.json "settings": bool
# On by default, as measured on the GPU (bench/results/knowledge_gpu/README.md): the demo model trained
# with documents answers 30-32 of 37 tuning questions with them, trained without them 22.
DEFAULT_ON = True


def wanted(settings: dict[str, Any] | None) -> bool:
    """Does the project train with documents (its setting, else the measured default)?"""
    value = (settings or {}).get(SETTING_KEY, DEFAULT_ON)
    return value if isinstance(value, bool) else DEFAULT_ON
DONT_KNOW = "Não sei: os documentos do clube não dizem isso."
RIGHT, SILENT, PLAIN = "right", "silent", "plain"
PLAIN_COPY = "#simples"  # id suffix of keep_plain's copies
WHOLE_BIOGRAPHY = "bio_full"  # "Conta-me a história de X": its answer is every paragraph, never one passage
_SALT, _PLACE = "documentos\x1f", "lugar\x1f"  # draws independent of the split's (same seed, same ids)

Counter = Callable[[list[dict[str, str]]], int]


@dataclass(frozen=True)
class RaftSettings:
    """The mix: p (right), q (silent), k distractors, the length limit, the seed."""

    right_fraction: float = 0.5
    silent_fraction: float = 0.2
    distractors: int = DEFAULT_PASSAGES - 1  # with the right passage: as many as answering shows
    max_tokens: int = 512
    seed: int = 42
    system_prompt: str | None = None  # the one the trainer adds: counted, never written
    # 0 (measured, the default): a silent example shows the other passages of the first k + 1 hits,
    # and goes to right when they state its answer. N > 0 (not yet measured on the GPU): it looks N
    # times deeper and shows the first k passages that do not answer (_silent_passages).
    silent_search: int = 0
    # Also the plain example beside each one with passages (module docstring). On, as measured on the GPU
    # (bench/results/knowledge_gpu/README.md, eighth session): with 5 passes the demo model answers 25 of
    # 37 tuning questions without documents (the mix without copies: 14-17), 30 with them (31-32).
    keep_plain: bool = True
    # The right passage at a seeded place among the distractors, not where retrieval put it (first in
    # 83% of the sample's examples). Off until measured on the GPU: the models trained with it off
    # answer 29-31 of the 32 tuning questions whose answer retrieval ranks first, 0-1 of the 5 it
    # ranks second or third (bench/results/knowledge_gpu/README.md, eighth session).
    shuffle_right: bool = False

    def __post_init__(self):
        if not (0 <= self.right_fraction and 0 <= self.silent_fraction
                and self.right_fraction + self.silent_fraction <= 1):
            raise ValueError("0 <= p, 0 <= q, p + q <= 1")
        if self.distractors < 0 or self.max_tokens < 8:
            raise ValueError("distractors >= 0, max_tokens >= 8")


@dataclass
class RaftReport:
    """How many examples went to each share, and why some left the share they were drawn for."""

    right: int = 0
    silent: int = 0
    plain: int = 0
    answer_in_distractors: int = 0  # drawn silent, but the passages state its answer (or not one Q&A): right instead
    no_room: int = 0  # the passages (the right one whole, for right) did not fit: plain
    no_right_passage: int = 0  # no passage is this example's, or it is not one question and answer: plain
    plain_copies: int = 0  # keep_plain: examples with passages also written as they were
    train_rows: int = 0  # what train.jsonl / valid.jsonl hold, copies included (prepare_with_documents)
    valid_rows: int = 0
    modes: dict[str, str] = field(default_factory=dict)  # example id -> share

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if k != "modes"}


# The settings that shape the mix (not the length, seed or system prompt, which come from the project).
MIX_FIELDS = ("right_fraction", "silent_fraction", "distractors", "silent_search", "keep_plain", "shuffle_right")


def mix_differs(prepared_dir: str | Path, settings: dict[str, Any] | None) -> bool:
    """True when the project trains with documents and its prepared data were mixed otherwise than
    this version mixes them (an earlier version's defaults, or other options of `data prepare`):
    preparing again trains the way that was measured. False when it cannot tell."""
    if not wanted(settings):
        return False
    try:
        used = json.loads((Path(prepared_dir) / REPORT_NAME).read_text(encoding="utf-8"))["settings"][SETTING_KEY]
    except (OSError, ValueError, KeyError, TypeError):
        return False
    defaults = RaftSettings()
    return isinstance(used, dict) and any(used.get(name, False) != getattr(defaults, name) for name in MIX_FIELDS)


def summary(report: dict[str, Any], number: Callable[[int], str] = str, lang: str | None = None) -> str:
    """How the prepared examples were mixed, in words (RaftReport.to_dict(); number formats counts)."""
    from farense_studio import messages

    counts = {k: number(v) for k, v in report.items() if isinstance(v, int)}
    text = messages.render("documents_training_summary", counts, lang)
    if report.get("plain_copies"):
        text += " " + messages.render("documents_training_plain_copies", counts, lang)
    return text


class _Sources:
    """Which passages of the index are an example's own."""

    def __init__(self, index: DocumentIndex, generated: Iterable[Proposal]):
        self.by_row: dict[str, int] = {}
        self.by_paragraph: dict[tuple[str, int], int] = {}
        for position, passage in enumerate(index.passages):
            if passage.paragraph is not None:
                self.by_paragraph[(passage.file, passage.paragraph)] = position
            for row in passage.row_ids:
                self.by_row.setdefault(row, position)
        self.generated = {p.example_id: p for p in generated}

    def right(self, example: Example) -> int | None:
        roles = [m["role"] for m in example.messages if m["role"] != "system"]
        if example.format == WHOLE_BIOGRAPHY or roles != ["user", "assistant"]:
            return None
        if example.format == "bio_summary":  # "Quem foi X?": the first paragraph's opening
            return self.by_paragraph.get((example.source, 1))
        if example.origin == GENERATED:
            proposal = self.generated.get(example.id)
            if proposal is None:
                return None
            if proposal.paragraph is not None:
                return self.by_paragraph.get((proposal.source, proposal.paragraph))
            return self.by_row.get(proposal.of or "")
        return self.by_row.get(example.id)


def answer_stated(answer: str, text: str) -> bool:
    """Does text state answer? Word for word, or every number and name of it (when it has any).

    An answer with no number or name can be checked only word for word: it counts as stated
    unless that check fails and it has facts to miss, so a "não sei" is taught only where the
    passages are surely silent.
    """
    if " ".join(fold(answer).split()) in " ".join(fold(text).split()):
        return True
    has_facts = bool(numbers(answer) or names(answer))
    return not has_facts or not ungrounded(answer, text)


# What a model says when it does not know, read after fold() (no accents, lower case).
_DONT_KNOW_SAID = re.compile(
    r"\bnao (?:o )?sei\b|\bdesconheco\b|\bnao tenho (?:essa |esta |tal |nenhuma )?informac|"
    r"\bnao (?:ha|existe|encontr\w*|consta\w*) (?:\w+ )?(?:informac|dados|referencia)|"
    r"\bnao (?:consigo|posso|sei) (?:responder|dizer|confirmar)|\bnao e possivel (?:responder|saber|dizer)|"
    r"\b(?:documentos|textos|dados) (?:do clube )?nao (?:dizem|falam|referem|mencionam|indicam|respondem)|"
    r"\bsem informac")


def says_dont_know(answer: str) -> bool:
    """Does an answer say it does not know ("Não sei", "não tenho essa informação", ...)?"""
    return bool(_DONT_KNOW_SAID.search(fold(answer)))


def invented_facts(answer: str, question: str) -> list[str]:
    """The numbers and names an answer states that its question does not (for questions the
    documents do not answer, each one is invented)."""
    return [u.value for u in ungrounded(answer, question)]


def _silent_passages(example: Example, found: list[Hit], right_passage, k: int) -> list[Hit]:
    """The passages a silent example shows: the first k of the hits retrieval found for the question
    that do not state its answer, neither one by one nor together (so they are mostly about the same
    person or subject: "the documents speak of Nader, but not of his height" is the lesson)."""
    silent: list[Hit] = []
    for hit in found:
        if len(silent) == k:
            break
        if hit.passage is right_passage or answer_stated(example.answer, passage_line(0, hit)):
            continue
        if answer_stated(example.answer, "\n".join(passage_line(0, h) for h in silent + [hit])):
            continue
        silent.append(hit)
    return silent


def _ordered(right: Hit, distractors: list[Hit], found_at: int | None, draw: float) -> list[Hit]:
    """The right passage among the distractors where retrieval put it (a seeded place if it did not)."""
    at = found_at if found_at is not None else int(draw * (len(distractors) + 1))
    hits = distractors[:at] + [right] + distractors[at:]
    return [Hit(h.passage, h.score, rank) for rank, h in enumerate(hits, 1)]


class _Builder:
    """Builds one example's conversation with passages, within the budget."""

    def __init__(self, settings: RaftSettings, count: Counter):
        self.settings, self.count = settings, count

    def messages(self, example: Example, hits: list[Hit], answer: str):
        """(messages to write, sources) or None when they would not fit in max_tokens.

        The example's own system turn is kept; without one, the trainer's is counted, not written.
        """
        own = [m for m in example.messages if m["role"] == "system"][:1]
        system = own[0]["content"] if own else self.settings.system_prompt
        plain = ([{"role": "system", "content": system}] if system else []) + \
            [{"role": "user", "content": example.question}]
        answer_cost = self.count(plain + [{"role": "assistant", "content": answer}]) - self.count(plain)
        prompt = grounded_messages(example.question, hits, budget_tokens=self.settings.max_tokens - answer_cost,
                                   count_tokens=self.count, system_prompt=system)
        full = prompt.messages + [{"role": "assistant", "content": answer}]
        if self.count(full) > self.settings.max_tokens:
            return None
        return own + [m for m in full if m["role"] != "system"], prompt.sources


def _carries(sources: list[dict[str, Any]], hit: Hit) -> bool:
    wanted = hit.source()
    return any(not s["truncated"] and all(s[k] == wanted[k] for k in ("file", "line", "paragraph", "row_id"))
               for s in sources)


def mix_examples(examples: list[Example], index: DocumentIndex, settings: RaftSettings, count: Counter,
                 generated: Iterable[Proposal] = ()) -> tuple[list[Example], RaftReport]:
    """The examples with passages in their user turn as drawn (see the module docstring).

    ``count`` counts a conversation's tokens (data.corpus.token_counter of the model's tokenizer);
    ``generated``: the project's proposals, to find a generated question's paragraph.
    """
    sources = _Sources(index, generated)
    builder = _Builder(settings, count)
    report = RaftReport()
    p, q, k = settings.right_fraction, settings.silent_fraction, settings.distractors
    mixed = []
    for example in examples:
        draw = split_score(settings.seed, _SALT + example.id)
        mode = RIGHT if draw < p else SILENT if draw < p + q else PLAIN
        right_at = sources.right(example) if mode != PLAIN else None
        if mode != PLAIN and right_at is None:
            report.no_right_passage += 1
            mode = PLAIN
        built = None
        if mode != PLAIN:
            right_passage = index.passages[right_at]
            deeper = settings.silent_search if mode == SILENT else 0
            found = index.search(example.question, max(1, deeper) * (k + 1))  # one search serves both
            others = [h for h in found[:k + 1] if h.passage is not right_passage][:k]
            if mode == SILENT:
                silent = _silent_passages(example, found, right_passage, k) if deeper else others
                if (not silent or example.format.startswith("bio")
                        or answer_stated(example.answer, "\n".join(passage_line(0, h) for h in silent))):
                    report.answer_in_distractors += 1
                    mode = RIGHT
                else:
                    others = silent
            if mode == SILENT:
                built = builder.messages(example, [Hit(h.passage, h.score, r) for r, h in enumerate(others, 1)],
                                         DONT_KNOW)
            else:
                position = next((i for i, h in enumerate(found) if h.passage is right_passage), None)
                right = Hit(right_passage, 0.0, 0)
                place = split_score(settings.seed, _PLACE + example.id)
                for hits in (_ordered(right, others, None if settings.shuffle_right else position, place),
                             _ordered(right, others, 0, 0.0)):  # natural order first, then right first
                    built = builder.messages(example, hits, example.answer)
                    if built is not None and _carries(built[1], right):
                        break
                    built = None
            if built is None:
                report.no_room += 1
                mode = PLAIN
        setattr(report, mode, getattr(report, mode) + 1)
        report.modes[example.id] = mode
        mixed.append(example if built is None else replace(example, messages=built[0]))
        if built is not None and settings.keep_plain:
            copy = replace(example, id=example.id + PLAIN_COPY)
            report.plain_copies += 1
            report.modes[copy.id] = PLAIN
            mixed.append(copy)
    return mixed, report


def prepare_with_documents(corpus: Corpus, out_dir: str | Path, settings: RaftSettings, count: Counter,
                           generated: Iterable[Proposal] = (), lang: str | None = None) -> RaftReport:
    """write_prepared with the examples mixed: the index holds the club's documents as they are
    (built first, from the unmixed examples), train.jsonl and valid.jsonl the mixed examples, and
    relatorio.json's settings the mix and its counts (so the data hash tells the two apart)."""
    folder = index_folder(out_dir)
    update_index(corpus.examples, folder)
    index = open_index(folder)
    mixed, report = mix_examples(corpus.examples, index or DocumentIndex(), settings, count, generated)
    report.train_rows = sum(e.split == "train" for e in mixed)
    report.valid_rows = sum(e.split == "valid" for e in mixed)
    used = {**asdict(settings), **report.to_dict()}
    used.pop("system_prompt")
    write_prepared(replace(corpus, examples=mixed, settings={**corpus.settings, SETTING_KEY: used}),
                   out_dir, lang, indexed=corpus.examples)
    return report
