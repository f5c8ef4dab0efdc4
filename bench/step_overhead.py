"""Time our trainer spends per step outside MLX's evaluation (any backend).

    python bench/step_overhead.py [--model DIR] [--steps 200] [--batch 1] [--seq 64]
                                  [--variants ahead,sync]

Runs the real Trainer (events, metrics rows, control checks) on Q&A-length data, once per
variant in one process: "ahead" launches each step before reading the previous one's values
(engine.trainer_pipeline, as shipped), "sync" finishes each step before building the next
(trainer_pipeline.PIPELINE off, the loop before). Reports, as medians over the steps after the
first ten: the step period (from one step's values read to the next's), the host time launching
a step (batches, graph, dispatch: TrainingSession.launch), the wait in mx.eval for its values
(TrainingSession.finish) and the loop's bookkeeping between a step's values and the next launch.
With "ahead", the bookkeeping and the next launch run while the device computes: the period
drops below launch + wait + bookkeeping where those overlap.
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
    parser.add_argument("--variants", default="ahead,sync", help="ahead (shipped), sync")
    args = parser.parse_args()

    import mlx.core as mx

    from farense_studio.engine.config import LoraSettings, TrainConfig

    work = Path(tempfile.mkdtemp(prefix="farense-overhead-"))
    if not args.model:
        args.model = tt.build_bench_model(work / "model")
    data = tt.write_qa_data(work / "data", args.steps * args.batch, 0)
    (data / "valid.jsonl").write_text("")
    config = TrainConfig(model=str(args.model), data_dir=str(data), epochs=1,
                         batch_size=args.batch, grad_accumulation=1, learning_rate=1e-4,
                         warmup_steps=0, lr_schedule="constant", max_seq_length=args.seq,
                         system_prompt="", seed=0, eval_every=0, checkpoint_every=10**6,
                         lora=LoraSettings(rank=8, alpha=16, dropout=0.0, num_layers=args.layers))
    for name in args.variants.split(","):
        figures = timed_run(config, work / name, pipeline=name != "sync")
        print(f"device {mx.default_device()}, {name:5s}: " + ", ".join(
            f"{key} {value:.2f} ms" for key, value in figures.items()), flush=True)


def timed_run(config, run_dir: Path, pipeline: bool) -> dict[str, float]:
    import mlx.core as mx

    from farense_studio.engine import session as S
    from farense_studio.engine import trainer_pipeline as TP
    from farense_studio.engine.trainer import Trainer

    launches, finishes, waits = [], [], []  # (start, end) of each call; seconds in mx.eval
    original_launch, original_finish = S.TrainingSession.launch, S.TrainingSession.finish
    original_eval = mx.eval

    def timed_eval(*arrays):
        started = time.perf_counter()
        original_eval(*arrays)
        waits.append(time.perf_counter() - started)

    def timed_launch(self, *a, **k):
        started = time.perf_counter()
        try:
            return original_launch(self, *a, **k)
        finally:
            launches.append((started, time.perf_counter()))

    def timed_finish(self, *a, **k):
        started = time.perf_counter()
        mx.eval = timed_eval
        try:
            return original_finish(self, *a, **k)
        finally:
            mx.eval = original_eval
            finishes.append((started, time.perf_counter()))

    TP.PIPELINE = pipeline
    S.TrainingSession.launch, S.TrainingSession.finish = timed_launch, timed_finish
    try:
        result = Trainer(config, run_dir).run()
    finally:
        S.TrainingSession.launch, S.TrainingSession.finish = original_launch, original_finish
        TP.PIPELINE = True
    assert result.status == "finished", result.error
    ends = [end for _, end in finishes]
    starts = sorted(start for start, _ in launches)
    bookkeeping = [next((s for s in starts if s > end), end) - end for end in ends[:-1]]
    return {"step period": median([b - a for a, b in zip(ends[10:], ends[11:])]),
            "launch": median([end - start for start, end in launches[10:]]),
            "waiting in mx.eval": median(waits[10:]),
            "between a step's values and the next launch": median(bookkeeping[10:])}


if __name__ == "__main__":
    main()
