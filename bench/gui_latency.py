#!/usr/bin/env python3
"""How much the GUI suffers from training, and how much training suffers from the GUI.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/gui_latency.py [--epochs N] [--repeat R]

1. GUI: the Treino tab (live plot, labels, runs list) shown at 1280x800 while a tiny model
   trains through the ModelWorker. A 10 ms timer samples the event loop: its lateness (how
   much later than due each tick runs) is how long the GUI was blocked. Reported as p50/p99/max.
   The same timer with nothing training gives the floor.
2. Headless: the same run through the engine alone (Trainer in this thread, no Qt), as the
   CLI trains. tokens/s of the two runs give the GUI's cost to the trainer.

Runs alternate (GUI, headless, GUI, headless...) and medians are reported. Prints figures,
asserts nothing (goals: p99 < 30 ms, max < 100 ms, GUI cost < 3% of tokens/s).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TICK_MS = 10

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402


def _example(i: int) -> dict:
    return {"messages": [
        {"role": "user", "content": f"Quem foi o jogador número {i} do Sporting Clube Farense?"},
        {"role": "assistant", "content": f"O jogador {i} jogou no Estádio de São Luís, em Faro, "
                                         "e os adeptos chamavam-lhe um Leão de Faro."}]}


def prepare(scratch: Path, n_train: int, hidden: int, layers: int):
    from farense_studio.engine.tiny_model import TinySpec, build_tiny_model

    model = build_tiny_model(scratch / "model", TinySpec(hidden_size=hidden, intermediate_size=hidden * 2,
                                                         num_hidden_layers=layers))
    data = scratch / "preparado"
    data.mkdir(parents=True, exist_ok=True)
    (data / "train.jsonl").write_text("".join(json.dumps(_example(i), ensure_ascii=False) + "\n"
                                              for i in range(n_train)), encoding="utf-8")
    (data / "valid.jsonl").write_text("".join(json.dumps(_example(10_000 + i), ensure_ascii=False) + "\n"
                                              for i in range(max(4, n_train // 10))), encoding="utf-8")
    return model, data


def make_config(model: Path, data: Path, epochs: int, layers: int):
    from farense_studio.engine.config import TrainConfig

    config = TrainConfig(model=str(model), data_dir=str(data), epochs=epochs, batch_size=4,
                         max_seq_length=256, system_prompt="És o assistente do Farense.",
                         eval_every=25, checkpoint_every=50)
    config.lora.num_layers, config.lora.rank, config.lora.alpha = layers, 8, 16.0
    return config


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, int(round(q / 100 * (len(ordered) - 1)))))
    return ordered[k]


class TickSampler:
    """A 10 ms PreciseTimer; lateness of each tick in ms (0 when the loop was free)."""

    def __init__(self):
        from PySide6.QtCore import Qt, QTimer

        self.lateness: list[float] = []
        self.recording = False
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._last = None

    def start(self):
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self):
        self._timer.stop()

    def _tick(self):
        now = time.perf_counter()
        if self.recording and self._last is not None:
            self.lateness.append(max(0.0, (now - self._last) * 1000 - TICK_MS))
        self._last = now


def tokens_per_second(reports) -> float:
    """Trained tokens over training time (the engine excludes loading and pauses)."""
    last = reports[-1]
    return last.trained_tokens / last.elapsed_s if last.elapsed_s else 0.0


def run_gui(app, worker, context, config, scratch: Path, index: int):
    from farense_studio.gui.training.tab import TrainingTab

    tab = TrainingTab(context, worker)
    tab.estimate_before_training = False
    tab.resize(1280, 800)
    tab.show()
    tab.set_model_spec(config.model)
    tab.set_settings(**{k: v for k, v in config.to_dict().items()
                        if k not in ("model", "data_dir", "preset", "lora")}, lora=config.to_dict()["lora"])
    sampler = TickSampler()
    reports, ended = [], []
    worker.training_event.connect(lambda e: reports.append(e) if type(e).__name__ == "StepReport" else None)
    worker.training_ended.connect(lambda *a: ended.append(a[0]))
    # The event loop runs as in the app (exec), from the first step (loading is not training)
    # to the end of the run.
    loop = QEventLoop()
    first = QEventLoop()

    def on_event(event):
        if type(event).__name__ == "StepReport" and not sampler.recording:
            sampler.recording = True
            first.quit()

    worker.training_event.connect(on_event)
    worker.training_ended.connect(lambda *a: (first.quit(), loop.quit()))
    sampler.start()
    tab.start_training()
    if not reports and not ended:
        first.exec()
    if not ended:
        loop.exec()
    sampler.recording = False
    sampler.stop()
    worker.training_event.disconnect()
    worker.training_ended.disconnect()
    tab.shutdown()
    tab.close()
    tab.deleteLater()
    app.processEvents()
    return sampler.lateness, tokens_per_second(reports), len(reports)


def run_idle(app, seconds: float) -> list[float]:
    sampler = TickSampler()
    loop = QEventLoop()
    sampler.start()
    QTimer.singleShot(200, lambda: setattr(sampler, "recording", True))  # after start-up work
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()
    sampler.stop()
    return sampler.lateness


def run_headless(config, run_dir: Path):
    from farense_studio.engine.trainer import Trainer

    reports = []
    result = Trainer(config, run_dir, on_event=lambda e: reports.append(e)
                     if type(e).__name__ == "StepReport" else None).run()
    assert result.status == "finished", result
    return tokens_per_second(reports)


def scratch_app_dirs(prefix: str) -> Path:
    """A throw-away folder that the app's data and settings point to (the user's are never
    touched); offscreen Qt unless told otherwise."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    scratch = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ["FARENSE_DATA_DIR"] = str(scratch / "appdata")
    os.environ["FARENSE_SETTINGS_FILE"] = str(scratch / "settings.ini")
    return scratch


def scratch_project(scratch: Path):
    """(the QApplication, a ProjectContext with a new project scratch/projeto open)."""
    from PySide6.QtWidgets import QApplication

    from farense_studio.gui.project_context import ProjectContext
    from farense_studio.project import Project

    app = QApplication.instance() or QApplication([])
    context = ProjectContext()
    context.set_project(Project.create(scratch / "projeto", "Bench"))
    return app, context


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--examples", type=int, default=400)
    parser.add_argument("--hidden", type=int, default=128)
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()

    scratch = scratch_app_dirs("farense-gui-latency-")

    from farense_studio.gui.model_worker import ModelWorker

    model, _ = prepare(scratch, args.examples, args.hidden, args.layers)
    app, context = scratch_project(scratch)
    project = context.project
    shutil.copytree(scratch / "preparado", project.preparado_dir, dirs_exist_ok=True)
    config = make_config(model, project.preparado_dir, args.epochs, args.layers)
    worker = ModelWorker()
    worker.start()

    # A first run in a fresh process pays one-off costs (kernel and allocator warm-up) that
    # would count against whichever variant ran first.
    run_headless(config, scratch / "warm-up")
    idle = run_idle(app, 3.0)
    gui_lateness, gui_tps, head_tps, steps = [], [], [], 0
    for i in range(args.repeat):
        lateness, tps, steps = run_gui(app, worker, context, config, scratch, i)
        gui_lateness.append(lateness)
        gui_tps.append(tps)
        head_tps.append(run_headless(config, scratch / f"headless-{i}"))
        print(f"round {i + 1}: GUI {tps:,.0f} tok/s (p99 lateness {percentile(lateness, 99):.1f} ms), "
              f"headless {head_tps[-1]:,.0f} tok/s", flush=True)
    worker.shutdown()

    all_lateness = [x for run in gui_lateness for x in run]
    figures = {
        "steps_per_run": steps,
        "idle_ms": {"p50": percentile(idle, 50), "p99": percentile(idle, 99), "max": max(idle)},
        "training_ms": {"p50": percentile(all_lateness, 50), "p99": percentile(all_lateness, 99),
                        "max": max(all_lateness), "samples": len(all_lateness)},
        "gui_tokens_per_s": statistics.median(gui_tps),
        "headless_tokens_per_s": statistics.median(head_tps),
    }
    figures["gui_cost_percent"] = 100 * (1 - figures["gui_tokens_per_s"] / figures["headless_tokens_per_s"])
    print()
    print(f"Timer lateness, nothing training: p50 {figures['idle_ms']['p50']:.1f} ms, "
          f"p99 {figures['idle_ms']['p99']:.1f} ms, max {figures['idle_ms']['max']:.1f} ms")
    print(f"Timer lateness while training:    p50 {figures['training_ms']['p50']:.1f} ms, "
          f"p99 {figures['training_ms']['p99']:.1f} ms, max {figures['training_ms']['max']:.1f} ms "
          f"({figures['training_ms']['samples']} ticks; goal p99 < 30, max < 100)")
    print(f"tokens/s: GUI {figures['gui_tokens_per_s']:,.0f}, headless {figures['headless_tokens_per_s']:,.0f} "
          f"-> GUI costs {figures['gui_cost_percent']:.1f}% (goal < 3%; negative = noise)")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2))
    shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
