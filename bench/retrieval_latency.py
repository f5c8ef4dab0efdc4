"""What answering with documents adds to a chat turn: search + prompt assembly, per query.

    python bench/retrieval_latency.py [--rows 20000] [--queries 200] [--model DIR]

Two corpora: the sample project (resources/sample_data) and a synthetic one of --rows Q&A rows
plus one biography of three paragraphs for every 100 rows (Portuguese sentences about invented
players, seasons and numbers, so words repeat as in a real club's archive). For each: the full
index build (what `data prepare` adds), the incremental update after one row changes, loading
the index from disk, and per query the median and p95 of (a) the search alone and (b) search +
prompt assembly (passages fitted to a 2,048-token budget with the tokenizer). The peer, measured in
the same run, is what every chat turn already does without documents: counting the plain
conversation's tokens through the chat template; the ratio says how many such counts the
documents cost. Targets (issue 18): < 50 ms on the sample project, < 200 ms on 20,000 rows.
Tokenizer: --model's, else the tiny test model's (byte-level, so more tokens than a real one).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from farense_studio.data import Edits, build_corpus, write_prepared  # noqa: E402
from farense_studio.data.corpus import token_counter  # noqa: E402
from farense_studio.data.document_prompt import answer_prompt  # noqa: E402
from farense_studio.data.retrieval import index_folder, open_index, update_index  # noqa: E402

SAMPLE = ROOT / "resources" / "sample_data"
SYSTEM = "És o assistente do Sporting Clube Farense."
BUDGET = 2048 - 256
FIRST = ["Rui", "João", "Miguel", "Hugo", "Nuno", "Paulo", "Tiago", "Bruno", "Luís", "André", "Carlos", "Pedro"]
LAST = ["Almeida", "Baptista", "Cardoso", "Duarte", "Esteves", "Ferreira", "Gonçalves", "Henriques", "Lopes",
        "Marques", "Nogueira", "Pereira", "Quintas", "Rodrigues", "Sequeira", "Teixeira", "Vaz"]
CLUBS = ["Olhanense", "Portimonense", "Louletano", "Lusitano de VRSA", "Esperança de Lagos", "Silves",
         "Quarteirense", "Imortal", "Farense B", "Moncarapachense"]
QA = [("Quantos golos marcou {p} na época de {y}?", "{p} marcou {n} golos pelo Farense na época de {y}."),
      ("Em que clube jogou {p} antes do Farense?", "Antes do Farense, {p} jogou no {c} durante {k} épocas."),
      ("Quando chegou {p} ao Farense?", "{p} chegou ao Farense em {y0} e ficou até {y1}."),
      ("Quantos jogos fez {p} pelo Farense?", "{p} fez {g} jogos oficiais pelo Sporting Clube Farense."),
      ("Qual foi o resultado do Farense contra o {c} em {y}?", "Em {y} o Farense venceu o {c} por {a}-{b}.")]


def synthetic(rows: int, folder: Path, seed: int = 7) -> tuple[Path, Path]:
    rng = random.Random(seed)
    people = [f"{f} {m} {l}" for f in FIRST for m in LAST for l in LAST if m != l]
    rng.shuffle(people)
    lines = []
    for i in range(rows):
        q, a = QA[i % len(QA)]
        y0 = rng.randint(1930, 2020)
        values = dict(p=people[i % len(people)], y=f"{y0}-{(y0 + 1) % 100:02d}", n=rng.randint(0, 35),
                      c=rng.choice(CLUBS), k=rng.randint(1, 6), y0=y0, y1=y0 + rng.randint(1, 8),
                      g=rng.randint(5, 300), a=rng.randint(0, 5), b=rng.randint(0, 5))
        lines.append(json.dumps({"messages": [{"role": "user", "content": q.format(**values)},
                                              {"role": "assistant", "content": a.format(**values)}]},
                                ensure_ascii=False))
    (folder / "qa.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    bios = folder / "biografias"
    bios.mkdir()
    for i in range(max(1, rows // 100)):
        person, club = people[-(i + 1)], rng.choice(CLUBS)
        y0 = rng.randint(1930, 2015)
        text = (f"# {person}\n\n{person} nasceu em {rng.choice(['Faro', 'Olhão', 'Loulé', 'Tavira', 'Lagos'])} em "
                f"{y0 - 20} e jogou {rng.randint(2, 12)} épocas no Sporting Clube Farense.\n\n"
                f"Antes de Faro representou o {club}, onde marcou {rng.randint(3, 60)} golos.\n\n"
                f"Terminou a carreira em {y0 + rng.randint(5, 15)} e os adeptos lembram-no pela entrega em campo.\n")
        (bios / f"bio_{i:04d}.md").write_text(text, encoding="utf-8")
    return folder / "qa.jsonl", bios


def tokenizer_for(model: str | None):
    from transformers import AutoTokenizer

    if model:
        from farense_studio.commands.data import load_tokenizer

        return load_tokenizer(model)
    from farense_studio.engine.tiny_model import build_tiny_model

    return AutoTokenizer.from_pretrained(str(build_tiny_model(Path(tempfile.mkdtemp()) / "tiny")))


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def measure(name: str, qa: Path, bios: Path, tokenizer, queries: int, work: Path) -> dict:
    started = time.perf_counter()
    corpus = build_corpus([qa], [bios])
    read_s = time.perf_counter() - started
    prepared = work / name / "preparado"
    started = time.perf_counter()
    write_prepared(corpus, prepared)
    prepare_s = time.perf_counter() - started
    folder = index_folder(prepared)
    edits = Edits()
    first = corpus.examples[0]
    changed = [dict(m) for m in first.messages]
    changed[-1]["content"] += " Fonte: arquivo do clube."
    edits.set_messages(first.id, changed)
    started = time.perf_counter()
    stats = update_index(edits.apply(corpus.examples), folder)
    update_s = time.perf_counter() - started
    started = time.perf_counter()
    index = open_index(folder)
    load_s = time.perf_counter() - started

    rng = random.Random(1)
    asked = [e.question for e in rng.sample(corpus.examples, min(queries, len(corpus.examples))) if e.question]
    count = token_counter(tokenizer)
    search_ms, turn_ms, peer_ms = [], [], []
    for question in asked:
        plain = [{"role": "system", "content": SYSTEM}, {"role": "user", "content": question}]
        t0 = time.perf_counter()
        count(plain)
        t1 = time.perf_counter()
        index.search(question, 5)
        t2 = time.perf_counter()
        answer_prompt(index, question, budget_tokens=BUDGET, tokenizer=tokenizer, system_prompt=SYSTEM)
        t3 = time.perf_counter()
        peer_ms.append((t1 - t0) * 1000)
        search_ms.append((t2 - t1) * 1000)
        turn_ms.append((t3 - t2) * 1000)
    peer = statistics.median(peer_ms)
    return {"corpus": name, "examples": len(corpus.examples), "passages": len(index),
            "read_s": round(read_s, 2), "prepare_with_index_s": round(prepare_s, 2),
            "update_one_row_s": round(update_s, 3), "update_analysed": stats.analysed,
            "load_s": round(load_s, 3), "queries": len(asked),
            "search_ms_median": round(statistics.median(search_ms), 2),
            "search_ms_p95": round(percentile(search_ms, 0.95), 2),
            "turn_ms_median": round(statistics.median(turn_ms), 2), "turn_ms_p95": round(percentile(turn_ms, 0.95), 2),
            "peer_plain_count_ms": round(peer, 3),
            "turn_over_peer": round(statistics.median(turn_ms) / peer, 1) if peer else None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--model", help="model folder or spec whose tokenizer counts tokens")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    tokenizer = tokenizer_for(args.model)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        results = [measure("sample", SAMPLE / "qa.jsonl", SAMPLE / "biografias", tokenizer, args.queries, work)]
        synthetic_dir = work / "synthetic-src"
        synthetic_dir.mkdir()
        qa, bios = synthetic(args.rows, synthetic_dir)
        results.append(measure(f"synthetic-{args.rows}", qa, bios, tokenizer, args.queries, work))
    if args.json:
        print(json.dumps(results, indent=2))
        return
    targets = {"sample": 50.0}
    for r in results:
        target = targets.get(r["corpus"], 200.0)
        print(f"{r['corpus']}: {r['examples']} rows -> {r['passages']} passages; prepare (with index) "
              f"{r['prepare_with_index_s']} s; one row changed: {r['update_one_row_s']} s "
              f"({r['update_analysed']} passage(s) re-analysed); load {r['load_s']} s")
        print(f"  per query ({r['queries']}): search {r['search_ms_median']} ms (p95 {r['search_ms_p95']}), "
              f"search + prompt {r['turn_ms_median']} ms (p95 {r['turn_ms_p95']}); target < {target:.0f} ms: "
              f"{'met' if r['turn_ms_p95'] < target else 'MISSED'}; "
              f"{r['turn_over_peer']}x the plain prompt's token count ({r['peer_plain_count_ms']} ms)")


if __name__ == "__main__":
    main()
