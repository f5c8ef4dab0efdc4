#!/usr/bin/env python3
"""Saves offscreen screenshots of the Dados tab (sample data loaded) into screenshots/.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/gui_screenshots.py [OUT_DIR]

Uses a throw-away projects folder and settings file, so the user's own are never touched.
"""

from __future__ import annotations

import sys

# scripts/ is on sys.path when run as a script
from screenshot_scratch import dataset_windows, prepare, settle as scratch_settle, shoot as scratch_shoot


def main() -> int:
    out, scratch = prepare("farense-shots-")

    from farense_studio.gui.app import create_app
    from farense_studio.paths import sample_data_dir

    app = create_app()

    def settle(tab, action=None, timeout_ms=30000):
        scratch_settle(app, [tab.loading_finished, tab.data_prepared], action, timeout_ms)

    def shoot(window, name, size):
        scratch_shoot(app, out, window, name, size)

    for lang, window, tab in dataset_windows(app, scratch, "vazio"):
        settle(tab, lambda: None, 200)
        if lang == "pt":
            shoot(window, "dados_vazio_1280x800.png", (1280, 800))
        settle(tab, tab.use_sample_data)
        tab.table.selectRow(3)
        shoot(window, f"dados_exemplo_1280x800_{lang}.png", (1280, 800))
        if lang == "pt":
            shoot(window, "dados_exemplo_1024x700_pt.png", (1024, 700))
            settle(tab, lambda: tab.import_jsonl([sample_data_dir() / "problemas_exemplo.jsonl"]))
            tab.problems_panel.select_problem(0)
            shoot(window, "dados_problemas_1280x800_pt.png", (1280, 800))
            shoot(window, "dados_problemas_1024x700_pt.png", (1024, 700))
            settle(tab, tab.prepare)
            shoot(window, "dados_preparado_1280x800_pt.png", (1280, 800))
    return 0


if __name__ == "__main__":
    sys.exit(main())
