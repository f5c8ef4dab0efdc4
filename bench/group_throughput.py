"""Tokens per second of one process against a group of two (MLX ring backend on this computer).

    python bench/group_throughput.py [--model DIR] [--steps N] [--examples N]

Both runs train the same model on the same data with the same global batch through the real
command line (`farense-studio train`, and `train --hosts` with a host file listing 127.0.0.1
twice). Each figure is trained tokens over training time as the run itself records them
(metrics.jsonl, rank 0 counts the whole group's tokens). Two processes on one computer share its
cores or its GPU: the ratio measures what the group path costs, not what a second Mac would add.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def write_data(folder: Path, count: int) -> Path:
    import random

    rng = random.Random(0)
    words = "o Farense foi fundado em Faro em 1910 e joga no Estádio de São Luís com os Leões".split()
    folder.mkdir(parents=True, exist_ok=True)
    for name, n in (("train.jsonl", count), ("valid.jsonl", max(2, count // 10))):
        with open(folder / name, "w", encoding="utf-8") as handle:
            for _ in range(n):
                q = " ".join(rng.choice(words) for _ in range(rng.randint(4, 12))) + "?"
                a = " ".join(rng.choice(words) for _ in range(rng.randint(10, 60))) + "."
                handle.write(json.dumps({"messages": [{"role": "user", "content": q},
                                                      {"role": "assistant", "content": a}]},
                                        ensure_ascii=False) + "\n")
    return folder


def tokens_per_second(run_dir: Path) -> tuple[float, int]:
    rows = [json.loads(line) for line in (run_dir / "metrics.jsonl").read_text(encoding="utf-8").splitlines()]
    train = [r for r in rows if r.get("kind") == "train"]
    # From the second step on: the first pays for compilation in both runs.
    first, last = train[0], train[-1]
    tokens = last["trained_tokens"] - first["trained_tokens"]
    seconds = last["elapsed_s"] - first["elapsed_s"]
    return tokens / seconds, len(train)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, help="model folder (default: the benches' small random model)")
    parser.add_argument("--examples", type=int, default=64)
    parser.add_argument("--batch", type=int, default=4)
    parser.add_argument("--epochs", type=int, default=2)
    args = parser.parse_args()

    from farense_studio.engine.config import LoraSettings, TrainConfig

    work = Path(tempfile.mkdtemp(prefix="group-bench-"))
    if args.model is None:
        from bench.train_throughput import build_bench_model

        args.model = build_bench_model(work / "model")
    data = write_data(work / "preparado", args.examples)
    config = TrainConfig(model=str(args.model), data_dir=str(data), epochs=args.epochs, batch_size=args.batch,
                         grad_accumulation=1, learning_rate=1e-4, max_seq_length=256, eval_every=0,
                         checkpoint_every=0, seed=0, lora=LoraSettings(rank=8, alpha=16.0, dropout=0.0,
                                                                       num_layers=4))
    config_path = work / "treino.yaml"
    config.save(config_path)
    hosts = work / "computadores.json"
    hosts.write_text(json.dumps([{"ssh": "127.0.0.1", "ips": ["127.0.0.1"]}] * 2), encoding="utf-8")
    base = [sys.executable, "-m", "farense_studio", "train", "--config", str(config_path)]
    results = {}
    for label, extra in (("1 processo", []), ("2 processos", ["--hosts", str(hosts)])):
        run_dir = work / label.replace(" ", "_")
        subprocess.run(base + ["--run-dir", str(run_dir), *extra], check=True, cwd=ROOT,
                       stdout=subprocess.DEVNULL)
        results[label] = tokens_per_second(run_dir)
    one, _ = results["1 processo"]
    for label, (speed, steps) in results.items():
        print(f"{label:12s} {speed:10,.0f} tok/s  ({steps} passos)  {speed / one:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
