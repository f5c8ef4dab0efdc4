#!/usr/bin/env python3
"""Saves offscreen screenshots of the Treino tab mid-training, paused and after a crash.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/training_screenshots.py [OUT_DIR]

Trains a tiny random model (a few seconds) on the sample data, prepared into a throw-away
project; the user's projects, settings and app data are never touched.
"""

from __future__ import annotations

import sys

from screenshot_scratch import prepare, training_windows, wait_for
from screenshot_scratch import spin as scratch_spin  # scripts/ is on sys.path when run as a script


def main() -> int:
    out, scratch = prepare("farense-train-shots-")

    from PySide6.QtWidgets import QApplication

    from farense_studio.engine.tiny_model import TinySpec, build_tiny_model
    from farense_studio.gui.model_worker import ModelWorker

    app = QApplication.instance() or QApplication([])
    model = build_tiny_model(scratch / "modelo-pequeno-de-teste", TinySpec(hidden_size=96))

    def spin(seconds: float) -> None:
        scratch_spin(app, seconds)

    def wait(condition, timeout: float = 120) -> bool:
        return wait_for(app, condition, timeout)

    def shoot(window, name: str, size=(1280, 800)) -> None:
        window.resize(*size)
        spin(0.3)
        window.grab().save(str(out / name))
        print(out / name)

    worker = ModelWorker()
    worker.start()
    for lang, window, tab in training_windows(app, scratch, worker, model):
        tab.set_settings(max_seq_length=256, eval_every=10, checkpoint_every=20,
                         lora={"num_layers": 2, "rank": 8, "alpha": 16.0})

        steps = []
        worker.training_event.connect(lambda e: steps.append(e) if type(e).__name__ == "StepReport" else None)
        tab.start_training()
        wait(lambda: steps and steps[-1].step >= 0.4 * steps[-1].total_steps)
        shoot(window, f"treino_a_decorrer_1280x800_{lang}.png")
        if lang == "pt":
            shoot(window, "treino_a_decorrer_1024x700_pt.png", (1024, 700))
        tab.pause_button.click()
        wait(lambda: tab.status_label.text().startswith(("Em pausa", "Paused")))
        tab.log_toggle.setChecked(True)
        shoot(window, f"treino_em_pausa_1280x800_{lang}.png")
        tab.log_toggle.setChecked(False)
        tab.pause_button.click()
        wait(lambda: not worker.is_training, timeout=300)
        tab.runs.view.selectRow(0)
        shoot(window, f"treino_concluido_1280x800_{lang}.png")
    worker.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
