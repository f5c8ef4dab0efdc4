"""What the fact check during training costs (issue 17): the same run with and without it.

    python bench/fact_check_cost.py [--model DIR] [--epochs 3] [--eval-every 2] [--rows 96]

Prepares the sample project (its valid split gives the checking questions, data/checking.py),
trains the same run twice on its first --rows training rows, once with preparado/perguntas_verificacao.jsonl and once
without, and prints: wall time of each, their ratio, the checks made, seconds per check and per
training step (metrics.jsonl), and a check's cost in training steps. Default model: a tiny one
built here (a CPU run); pass --model for a real one.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--eval-every", type=int, default=2)
    parser.add_argument("--rows", type=int, default=96, help="training rows kept (0: all)")
    args = parser.parse_args()

    from farense_studio.data import build_corpus, write_prepared
    from farense_studio.data.checking import CHECKING_FILE
    from farense_studio.engine.config import LoraSettings, TrainConfig
    from farense_studio.engine.runs import read_metrics
    from farense_studio.engine.tiny_model import build_tiny_model
    from farense_studio.engine.trainer import Trainer
    from farense_studio.project import Project

    work = Path(tempfile.mkdtemp(prefix="fact_cost_"))
    model = args.model or str(build_tiny_model(work / "tiny"))
    project = Project.create(work / "projeto")
    project.add_sample_data()
    project.save()
    checked = write_prepared(build_corpus(project.jsonl_sources, project.bio_sources), work / "checked")
    if args.rows:
        lines = (checked / "train.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
        (checked / "train.jsonl").write_text("".join(lines[:args.rows]), encoding="utf-8")
    plain = work / "plain"
    shutil.copytree(checked, plain)
    (plain / CHECKING_FILE).unlink()
    questions = len((checked / CHECKING_FILE).read_text(encoding="utf-8").splitlines())

    timings = {}
    for name, data in (("without", plain), ("with", checked)):
        config = TrainConfig(model=model, data_dir=str(data), epochs=args.epochs, batch_size=4,
                             grad_accumulation=1, max_seq_length=256, eval_every=args.eval_every, seed=1,
                             lora=LoraSettings(rank=4, alpha=8.0, num_layers=2))
        start = time.perf_counter()
        result = Trainer(config, work / f"run_{name}").run()
        timings[name] = time.perf_counter() - start
        assert result.status == "finished", result.error
    rows = read_metrics(work / "run_with")
    checks = [r for r in rows if r["kind"] == "facts"]
    train = [r for r in rows if r["kind"] == "train"]
    step_s = (train[-1]["elapsed_s"] - sum(c["seconds"] for c in checks)) / len(train)
    check_s = sum(c["seconds"] for c in checks) / max(1, len(checks))
    print(f"model: {model}")
    print(f"steps: {len(train)}  evaluations: {sum(r['kind'] == 'eval' for r in rows)}  "
          f"fact checks: {len(checks)} of {questions} questions")
    print(f"run without the check: {timings['without']:.1f} s  with: {timings['with']:.1f} s  "
          f"ratio {timings['with'] / timings['without']:.2f}x")
    print(f"one fact check: {check_s:.2f} s  one training step: {step_s:.3f} s  "
          f"(a check costs about {check_s / step_s:.0f} steps)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
