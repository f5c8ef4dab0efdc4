"""Trains a run the way a crash-prone Mac would: pause (Ctrl+C) mid-run, resume, kill -9, resume.

    python bench/evidence/interrupted_run.py --config CFG --preset Equilibrado --run-dir DIR \
        --pause-at 40 --kill-at 100 [--reference REF_RUN_DIR]

Drives the real `farense-studio train` CLI in child processes, watching metrics.jsonl. With
--reference (an uninterrupted run of the same config) it prints, as JSON, the largest absolute
difference between the two runs' per-step training losses and validation losses.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path


def rows(run_dir: Path) -> list[dict]:
    path = run_dir / "metrics.jsonl"
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError:
            pass  # a line being written
    return out


def last_step(run_dir: Path, kind: str = "train") -> int:
    return max((r.get("step", 0) for r in rows(run_dir) if r.get("kind") == kind), default=0)


def train(args, resume: bool) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "farense_studio", "train", "--config", args.config,
           "--run-dir", str(args.run_dir)]
    if args.preset:
        cmd += ["--preset", args.preset]
    if resume:
        cmd.append("--resume")
    print("$", " ".join(cmd), flush=True)
    return subprocess.Popen(cmd)


def wait_for(proc: subprocess.Popen, run_dir: Path, step: int, kind: str = "train") -> None:
    while last_step(run_dir, kind) < step:
        if proc.poll() is not None:
            raise SystemExit(f"training ended before step {step} (exit {proc.returncode})")
        time.sleep(0.05)


def compare(run_dir: Path, reference: Path) -> dict:
    def series(path: Path, kind: str, key: str) -> dict[int, float]:
        return {r["step"]: r[key] for r in rows(path) if r.get("kind") == kind}

    out = {}
    for kind, key in (("train", "loss"), ("eval", "val_loss")):
        a, b = series(run_dir, kind, key), series(reference, kind, key)
        common = sorted(set(a) & set(b))
        diffs = [abs(a[s] - b[s]) for s in common]
        out[kind] = {"steps_compared": len(common), "max_abs_diff": max(diffs, default=None),
                     "steps_only_in_one": sorted(set(a) ^ set(b))}
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--preset")
    parser.add_argument("--run-dir", type=Path, required=True)
    parser.add_argument("--pause-at", type=int, required=True)
    parser.add_argument("--kill-at", type=int, required=True)
    parser.add_argument("--reference", type=Path)
    args = parser.parse_args()

    events = []
    proc = train(args, resume=False)
    wait_for(proc, args.run_dir, args.pause_at)
    proc.send_signal(signal.SIGINT)  # the CLI pauses into a checkpoint and exits 0
    code = proc.wait()
    events.append({"what": "pause (SIGINT)", "at_step": last_step(args.run_dir), "exit": code})

    proc = train(args, resume=True)
    wait_for(proc, args.run_dir, args.kill_at)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    events.append({"what": "kill -9", "at_step": last_step(args.run_dir),
                   "last_checkpoint": last_step(args.run_dir, "checkpoint")})

    proc = train(args, resume=True)
    code = proc.wait()
    events.append({"what": "resumed to the end", "exit": code, "final_step": last_step(args.run_dir)})
    report = {"events": events}
    if args.reference:
        report["deviation_vs_uninterrupted"] = compare(args.run_dir, args.reference)
    print(json.dumps(report, indent=2))
    (args.run_dir / "interruptions.json").write_text(json.dumps(report, indent=2))
    return 0 if code == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
