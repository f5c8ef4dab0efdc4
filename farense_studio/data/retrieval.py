"""The index of the club's documents: Portuguese-aware BM25 (bm25s + the Snowball stemmer).

Words are analysed the way Portuguese needs: lower case, Portuguese stop words dropped, each
word reduced to its stem by Snowball's Portuguese stemmer (PyStemmer), then accents removed, so
"marcou"/"marcar", "golos"/"golo" and "São"/"sao" meet. bm25s scores (BM25, sparse matrices).

The index lives in one folder (``<projeto>/preparado/indice/``) that needs nothing else to be
searched: ``manifest.json`` names the passages file (passages with their analysed words) and the
bm25s folder of the current build; both are written under new names before the manifest is
replaced, so a crash mid-build leaves the previous index whole. Rebuilding after rows change
re-analyses only the passages whose words changed (``IndexStats.analysed``; a row that only moved
keeps its analysis and gets its new line); the score matrix is recomputed from the stored words,
as BM25's document frequencies are global. No Qt, no MLX.
"""

from __future__ import annotations

import json
import re
import shutil
import time
import unicodedata
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from farense_studio.data.formats import FormatError
from farense_studio.data.passages import Passage, passages_from_examples
from farense_studio.files import atomic_write_bytes, atomic_write_json

INDEX_DIR = "indice"
MANIFEST = "manifest.json"
FORMAT_VERSION = 1
ANALYZER = {"name": "pt-snowball-bm25s", "version": 1}  # a change here forces full re-analysis
_WORD = re.compile(r"\w+")
# English question words bm25s's short English stop list lacks (it has "is", "was", "the", "of"...).
_ENGLISH_QUESTION_WORDS = frozenset("""what when where who whom whose which how why did does do has have had
his her its were been from about many much""".split())


class RetrievalIndexError(FormatError):
    """An index folder that cannot be read, with a stable code and parameters."""


# ---- analysis -------------------------------------------------------------------------------

def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c) and c not in "ºª")


class Analyzer:
    """Text -> index terms: words, no Portuguese stop words, Snowball stems, no accents."""

    def __init__(self):
        import Stemmer
        _bm25s()  # first: never JAX on a GPU
        from bm25s.stopwords import STOPWORDS_EN, STOPWORDS_PORTUGUESE

        self._stemmer = Stemmer.Stemmer("portuguese")
        # Typed without accents a stop word is still one ("sao" as "são").
        self._stop = frozenset(STOPWORDS_PORTUGUESE) | {_strip_accents(w) for w in STOPWORDS_PORTUGUESE}
        self._english = (frozenset(STOPWORDS_EN) | _ENGLISH_QUESTION_WORDS) - self._stop

    def reads_as_english(self, text: str) -> bool:
        """More English function words than Portuguese ones ("When was Farense founded?")."""
        words = _WORD.findall(text.casefold())
        return sum(w in self._english for w in words) > sum(w in self._stop for w in words)

    def __call__(self, text: str) -> list[str]:
        words = [w for w in _WORD.findall(text.casefold()) if w not in self._stop and (len(w) > 1 or w.isdigit())]
        return [t for t in (_strip_accents(s) for s in self._stemmer.stemWords(words)) if t]


# ---- the index ------------------------------------------------------------------------------

@dataclass
class Hit:
    """One passage found for a query, with its BM25 score and rank (1 = best)."""

    passage: Passage
    score: float
    rank: int
    terms: frozenset[str] = field(default=frozenset(), compare=False, repr=False)  # the passage's index terms

    def source(self) -> dict[str, Any]:
        """What an answer's ``sources`` list carries for this passage."""
        p = self.passage
        return {"file": p.file, "line": p.line, "paragraph": p.paragraph, "row_id": p.row_id,
                "kind": p.kind, "title": p.title, "score": round(float(self.score), 4)}


@dataclass
class IndexStats:
    """What a build or an update did: passages analysed now, reused, and removed."""

    passages: int = 0
    analysed: int = 0
    reused: int = 0
    removed: int = 0
    written: bool = False
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


class DocumentIndex:
    """Passages, their analysed terms and the BM25 matrix over them."""

    def __init__(self, passages: list[Passage] | None = None, terms: list[list[str]] | None = None,
                 analyzer: Analyzer | None = None):
        self.analyzer = analyzer or Analyzer()
        self.passages: list[Passage] = list(passages or [])
        self.terms: list[list[str]] = list(terms or [])
        self.keys: list[str] = [p.key for p in self.passages]
        self._bm25 = None
        self.folder: Path | None = None
        if self.passages:
            self._bm25 = self._score_matrix(self.terms)

    def __len__(self) -> int:
        return len(self.passages)

    @staticmethod
    def _score_matrix(terms: list[list[str]]):
        bm25s = _bm25s()
        bm25 = bm25s.BM25()
        # An empty passage (all stop words) still needs a row: one placeholder term.
        bm25.index([t or ["\x00"] for t in terms], show_progress=False)
        return bm25

    # ---- building ----

    def update(self, passages: list[Passage]) -> IndexStats:
        """Makes the index hold exactly these passages, analysing only the ones it lacks."""
        started = time.perf_counter()
        known = {p.words_key: terms for p, terms in zip(self.passages, self.terms)}
        keys = [p.key for p in passages]
        stats = IndexStats(passages=len(passages))
        terms = []
        for passage in passages:
            found = known.get(passage.words_key)
            if found is not None:
                terms.append(found)
                stats.reused += 1
            else:
                terms.append(self.analyzer(passage.search_text))
                stats.analysed += 1
        stats.removed = len(set(known) - {p.words_key for p in passages})
        # The matrix depends on the words in order only: rows that merely moved keep it.
        same_words = [p.words_key for p in passages] == [p.words_key for p in self.passages]
        self.passages, self.terms, self.keys = list(passages), terms, keys
        if not same_words or (self._bm25 is None and passages):
            self._bm25 = self._score_matrix(terms) if passages else None
        stats.seconds = time.perf_counter() - started
        return stats

    # ---- searching ----

    def search(self, query: str, k: int = 5) -> list[Hit]:
        """The k best passages for a question (fewer when fewer share a word with it)."""
        if self._bm25 is None or not self.passages or k <= 0:
            return []
        query_terms = [t for t in self.analyzer(query) if t in self._bm25.vocab_dict]
        if not query_terms:
            return []
        documents, scores = self._bm25.retrieve([query_terms], k=min(k, len(self.passages)), show_progress=False,
                                                backend_selection="numpy")
        hits = []
        for doc, score in zip(documents[0], scores[0]):
            if score > 0:
                hits.append(Hit(self.passages[int(doc)], float(score), len(hits) + 1, frozenset(self.terms[int(doc)])))
        return hits

    def coverage(self, question: str, hits: Sequence[Hit]) -> float | None:
        """How much of the question one passage found for it speaks of: the largest share of the
        question's distinct index terms that a single hit contains (None when the question has no
        index term or nothing was found). An answer lives in one passage; a question about what the
        documents never say (a player's height, the club's mascot) shares only its names with them."""
        asked = set(self.analyzer(question))
        if not asked or not hits:
            return None
        return max(len(asked & hit.terms) for hit in hits) / len(asked)

    # ---- storage ----

    def save(self, folder: str | Path) -> Path:
        """Writes the index into folder (see the module docstring for why it is crash-safe)."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        build = uuid.uuid4().hex[:12]
        passages_name, bm25_name = f"passages-{build}.jsonl", f"bm25-{build}"
        lines = [json.dumps({**p.to_dict(), "key": key, "terms": terms}, ensure_ascii=False)
                 for p, key, terms in zip(self.passages, self.keys, self.terms)]
        atomic_write_bytes(folder / passages_name, ("\n".join(lines) + "\n" if lines else "").encode("utf-8"))
        if self._bm25 is not None:
            self._bm25.save(str(folder / bm25_name), show_progress=False)
        bm25s = _bm25s()

        manifest = {"format": FORMAT_VERSION, "analyzer": ANALYZER, "library": "bm25s",
                    "library_version": bm25s.__version__, "passages": len(self.passages),
                    "passages_file": passages_name, "bm25_dir": bm25_name if self._bm25 is not None else None,
                    "built": time.strftime("%Y-%m-%dT%H:%M:%S")}
        atomic_write_json(folder / MANIFEST, manifest, newline=True)
        _remove_stale(folder, {passages_name, bm25_name, MANIFEST})
        self.folder = folder
        return folder

    @classmethod
    def load(cls, folder: str | Path, analyzer: Analyzer | None = None) -> "DocumentIndex":
        """Reads an index folder; RetrievalIndexError (``index_missing``/``index_damaged``) when it cannot.

        A build that replaces the index while it is read removes the files the old manifest
        named: the manifest is then read again, once.
        """
        folder = Path(folder)
        for attempt in (1, 2):
            try:
                manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            except FileNotFoundError as exc:
                raise RetrievalIndexError("index_missing", path=str(folder)) from exc
            except (OSError, ValueError) as exc:
                raise RetrievalIndexError("index_damaged", path=str(folder), detail=str(exc)) from exc
            try:
                return cls._read(folder, manifest, analyzer)
            except FileNotFoundError as exc:
                if attempt == 2:
                    raise RetrievalIndexError("index_damaged", path=str(folder), detail=str(exc)) from exc
            except (OSError, ValueError, KeyError, TypeError) as exc:
                raise RetrievalIndexError("index_damaged", path=str(folder), detail=str(exc)) from exc
        raise AssertionError("unreachable")

    @classmethod
    def _read(cls, folder: Path, manifest: dict[str, Any], analyzer: Analyzer | None) -> "DocumentIndex":
        if manifest.get("format") != FORMAT_VERSION:
            raise ValueError(f"format {manifest.get('format')!r}")
        index = cls(analyzer=analyzer)
        rows = [json.loads(line) for line in
                (folder / manifest["passages_file"]).read_text(encoding="utf-8").splitlines() if line.strip()]
        index.passages = [Passage.from_dict(row) for row in rows]
        index.terms = [row["terms"] for row in rows]
        index.keys = [row["key"] for row in rows]
        if manifest.get("analyzer") != ANALYZER:  # an older analysis: keep the passages, analyse anew
            index.terms, index.keys = [], []
            index.update(list(index.passages))
        elif manifest.get("bm25_dir"):
            bm25s = _bm25s()

            index._bm25 = bm25s.BM25.load(str(folder / manifest["bm25_dir"]), show_progress=False)
        index.folder = folder
        return index


def _remove_stale(folder: Path, keep: set[str]) -> None:
    for entry in folder.iterdir():
        if entry.name in keep or not entry.name.startswith(("passages-", "bm25-")):
            continue
        if entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


def index_folder(prepared_dir: str | Path) -> Path:
    """Where the index of a prepared-data folder lives."""
    return Path(prepared_dir) / INDEX_DIR


def update_index(examples: Iterable, folder: str | Path, analyzer: Analyzer | None = None) -> IndexStats:
    """Brings the index in folder up to date with a corpus's examples, re-analysing only
    passages that changed; rewrites the folder only when something did."""
    folder = Path(folder)
    passages = passages_from_examples(examples)
    try:
        index = DocumentIndex.load(folder, analyzer)
    except RetrievalIndexError:
        index = DocumentIndex(analyzer=analyzer)
    before = list(index.keys)
    stats = index.update(passages)
    if index.keys != before or not (folder / MANIFEST).exists():
        index.save(folder)
        stats.written = True
    return stats


def open_index(folder: str | Path) -> DocumentIndex | None:
    """The index in folder, or None when there is none (a damaged one raises RetrievalIndexError)."""
    folder = Path(folder)
    if not (folder / MANIFEST).exists():
        return None
    return DocumentIndex.load(folder)


def _bm25s():
    """bm25s, imported so that it never starts JAX on a GPU: where JAX is installed, bm25s's top-k
    selection initialises it at import, and JAX takes most of the GPU memory for itself (four
    processes answering with documents ran out of memory on the GPU machine). The top-k runs in
    numpy here (backend_selection="numpy")."""
    import os
    import sys

    if "jax" not in sys.modules:
        os.environ.setdefault("JAX_PLATFORMS", "cpu")
    import bm25s

    return bm25s
