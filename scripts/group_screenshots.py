#!/usr/bin/env python3
"""Saves an offscreen screenshot of Treino › Avançado › «Usar outros Macs» after Verificar.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/group_screenshots.py [OUT_DIR]

The list holds this computer (127.0.0.1: ready) and a name that does not exist (not answering),
in a throw-away project; the user's projects, settings and app data are never touched.
"""

from __future__ import annotations

import sys
import time

from screenshot_scratch import prepare, settle, training_windows  # scripts/ is on sys.path when run as a script


def main() -> int:
    out, scratch = prepare("farense-group-shots-")

    from PySide6.QtWidgets import QApplication, QScrollArea

    from farense_studio.engine.tiny_model import TinySpec, build_tiny_model
    from farense_studio.gui.model_worker import ModelWorker

    app = QApplication.instance() or QApplication([])
    model = build_tiny_model(scratch / "modelo-pequeno-de-teste", TinySpec(hidden_size=96))
    worker = ModelWorker()
    worker.start()
    for lang, window, tab in training_windows(app, scratch, worker, model):
        window.resize(1280, 800)
        group = tab.goal.group
        tab.advanced_toggle.setChecked(True)
        group.enabled_box.setChecked(True)
        for name in ("127.0.0.1", "secretaria.invalid"):
            group.add_host(name)
        settle(app, [group.checked], group.check)
        scroll = group.parentWidget()
        while not isinstance(scroll, QScrollArea):
            scroll = scroll.parentWidget()
        scroll.ensureWidgetVisible(group, 0, 0)  # the left column scrolled down to «Usar outros Macs»
        end = time.time() + 0.3
        while time.time() < end:
            app.processEvents()
        path = out / f"macs_avancado_1280x800_{lang}.png"
        window.grab().save(str(path))
        print(path)
    worker.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
