"""Time our trainer spends per step outside MLX's evaluation (any backend).

    python bench/step_overhead.py [--model DIR] [--steps 200] [--batch 1] [--seq 64]

Runs the real Trainer (events, metrics rows, control checks) on Q&A-length data and reports,
as medians over the steps after the first ten: the whole step (TrainingSession.train_step),
the part spent waiting in mx.eval, the rest of the step (batches, dispatch, reading values
back) and the gap between one step's end and the next step's start (the loop's bookkeeping).
Default model: a tiny one built here, whose steps are short so the overhead shows.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_throughput as tt  # noqa: E402


def median(values: list[float]) -> float:
    values = sorted(values)
    return values[len(values) // 2] * 1000.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model")
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--batch", type=int, default=1)
    parser.add_argument("--seq", type=int, default=64)
    parser.add_argument("--layers", type=int, default=1)
    args = parser.parse_args()

    import mlx.core as mx

    from farense_studio.engine import session as S
    from farense_studio.engine.config import LoraSettings, TrainConfig
    from farense_studio.engine.trainer import Trainer

    work = Path(tempfile.mkdtemp(prefix="farense-overhead-"))
    if not args.model:
        args.model = tt.build_bench_model(work / "model")
    data = tt.write_qa_data(work / "data", args.steps * args.batch, 0)
    (data / "valid.jsonl").write_text("")
    steps, waits = [], []
    original_step, original_eval = S.TrainingSession.train_step, mx.eval

    def timed_eval(*arrays):
        started = time.perf_counter()
        original_eval(*arrays)
        waits.append(time.perf_counter() - started)

    def timed_step(self, *a, **k):
        started = time.perf_counter()
        mx.eval = timed_eval
        try:
            return original_step(self, *a, **k)
        finally:
            mx.eval = original_eval
            steps.append((started, time.perf_counter()))

    S.TrainingSession.train_step = timed_step
    config = TrainConfig(model=str(args.model), data_dir=str(data), epochs=1,
                         batch_size=args.batch, grad_accumulation=1, learning_rate=1e-4,
                         warmup_steps=0, lr_schedule="constant", max_seq_length=args.seq,
                         system_prompt="", seed=0, eval_every=0, checkpoint_every=10**6,
                         lora=LoraSettings(rank=8, alpha=16, dropout=0.0, num_layers=args.layers))
    result = Trainer(config, work / "run").run()
    assert result.status == "finished", result.error
    steps, waits = steps[10:], waits[10:]
    whole = [end - start for start, end in steps]
    gaps = [b[0] - a[1] for a, b in zip(steps, steps[1:])]
    print(f"device {mx.default_device()}, {len(whole)} steps: step {median(whole):.2f} ms, "
          f"waiting in mx.eval {median(waits):.2f} ms, rest of the step "
          f"{median(whole) - median(waits):.2f} ms, between steps {median(gaps):.2f} ms")


if __name__ == "__main__":
    main()
