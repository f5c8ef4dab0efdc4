#!/usr/bin/env python3
"""Saves offscreen screenshots of the Dados tab with questions generated from the sample biographies.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/generated_screenshots.py [OUT_DIR]

Generates with the templates (no model), rejects one row and accepts another, then shoots the
table filtered to the generated rows, at 1280x800 (pt and en) and 1024x700 (pt).
"""

from __future__ import annotations

import sys

# scripts/ is on sys.path when run as a script
from screenshot_scratch import dataset_windows, prepare, settle as scratch_settle, shoot as scratch_shoot


def main() -> int:
    out, scratch = prepare("farense-gen-shots-")

    from farense_studio.gui.app import create_app

    app = create_app()

    def settle(signal, action):
        scratch_settle(app, [signal], action, 60000)

    def shoot(window, name, size):
        scratch_shoot(app, out, window, name, size)

    for lang, window, tab in dataset_windows(app, scratch, "geradas"):
        settle(tab.loading_finished, tab.use_sample_data)
        shoot(window, f"gengui_antes_1280x800_{lang}.png", (1280, 800))
        settle(tab.loading_finished, tab.generation_bar.generate_button.click)
        tab.origin_combo.setCurrentIndex(tab.origin_combo.findData("gerado"))
        tab.apply_filters_now()
        rows = [tab.model.example(tab.proxy.mapToSource(tab.proxy.index(r, 0)).row()) for r in range(tab.proxy.rowCount())]
        nader = [e.id for e in rows if "Hassan Nader" in e.question]
        tab.review.reject(nader[1:2])
        tab.review.decide(nader[2:3], "aceite")
        tab.select_example(nader[1])
        shoot(window, f"gengui_geradas_1280x800_{lang}.png", (1280, 800))
        if lang == "pt":
            shoot(window, "gengui_geradas_1024x700_pt.png", (1024, 700))
            settle(tab.data_prepared, tab.prepare)
            shoot(window, "gengui_preparado_1280x800_pt.png", (1280, 800))
    return 0


if __name__ == "__main__":
    sys.exit(main())
