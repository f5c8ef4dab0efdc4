#!/usr/bin/env python3
"""Every tab at the three window sizes the design names, light and dark, on the sample project.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/size_screenshots.py [OUT_DIR]

OUT_DIR defaults to docs/capturas/tamanhos; files are <tab>_<w>x<h>_<claro|escuro>.png for
dados, treino, conversar and exportar at 1024x700 (the design's minimum), 1280x800 and
1440x900: 24 images. The sample project is opened as on a first start (the «Primeiros passos»
strip shows on the Dados shots), its data prepared, and a tiny random model trained on it for
a few seconds through the Treino tab, so the plot, the runs list and the fact check have
something to show (its answers are nonsense: it is a test model, not the club's).

Dark is what a Mac in dark mode gives the app: Qt asked for the dark colour scheme, with a dark
Fusion palette where the platform (offscreen, here) does not provide one. Throw-away projects,
settings and app data: the user's own are never touched.
"""

from __future__ import annotations

import sys

from screenshot_scratch import ROOT, prepare, wait_for
from screenshot_scratch import spin as scratch_spin  # scripts/ is on sys.path when run as a script

SIZES = ((1024, 700), (1280, 800), (1440, 900))
TABS = ("dados", "treino", "conversar", "exportar")


def dark_palette():
    """Fusion's dark colours, as Qt gives them on a dark desktop."""
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    roles = QPalette.ColorRole
    for role, colour in ((roles.Window, "#323232"), (roles.WindowText, "#e8e8e8"), (roles.Base, "#1e1e1e"),
                         (roles.AlternateBase, "#2b2b2b"), (roles.ToolTipBase, "#3c3c3c"),
                         (roles.ToolTipText, "#e8e8e8"), (roles.PlaceholderText, "#8c8c8c"),
                         (roles.Text, "#e8e8e8"), (roles.Button, "#3a3a3a"), (roles.ButtonText, "#e8e8e8"),
                         (roles.BrightText, "#ffffff"), (roles.Light, "#505050"), (roles.Midlight, "#424242"),
                         (roles.Mid, "#5a5a5a"), (roles.Dark, "#1a1a1a"), (roles.Shadow, "#000000"),
                         (roles.Highlight, "#2f65ca"), (roles.HighlightedText, "#ffffff"),
                         (roles.Link, "#6ea8fe"), (roles.LinkVisited, "#b48ef0")):
        palette.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        palette.setColor(disabled, role, QColor("#7a7a7a"))
    return palette


def set_scheme(app, dark: bool) -> None:
    from PySide6.QtCore import Qt

    app.styleHints().setColorScheme(Qt.ColorScheme.Dark if dark else Qt.ColorScheme.Light)
    app.setPalette(dark_palette() if dark else app.style().standardPalette())


def main() -> int:
    if len(sys.argv) < 2:
        sys.argv.append(str(ROOT / "docs" / "capturas" / "tamanhos"))
    out, scratch = prepare("farense-size-shots-")

    from farense_studio.engine.tiny_model import TinySpec, build_tiny_model
    from farense_studio.gui import i18n
    from farense_studio.gui.app import build_main_window, create_app
    from farense_studio.gui.model_worker import ModelWorker

    app = create_app()
    app.setStyle("Fusion")
    model = build_tiny_model(scratch / "modelo-pequeno-de-teste", TinySpec(hidden_size=96))

    def spin(seconds: float) -> None:
        scratch_spin(app, seconds)

    def wait(condition, timeout: float = 180) -> bool:
        return wait_for(app, condition, timeout)

    worker = ModelWorker()
    worker.start()
    try:
        window = build_main_window(sample=True, lang="pt", model_worker=worker)
        window.show()
        data = window.dataset_tab
        wait(lambda: data.model.rowCount() > 0, 60)
        # The tiny model and its settings first, as a person would choose them before preparing:
        # the examples are mixed with the club's documents for the maximum length chosen.
        training = window.training_tab
        training.set_model_spec(str(model))
        training.set_settings(max_seq_length=256, eval_every=10, checkpoint_every=20,
                              lora={"num_layers": 2, "rank": 8, "alpha": 16.0})
        saved = lambda: ((data.project.settings.get("training") or {}).get("advanced") or {})  # noqa: E731
        wait(lambda: saved().get("max_seq_length") == 256, 30)
        wait(lambda: not data.is_busy(), 60)
        prepared = []
        data.data_prepared.connect(prepared.append)
        data.prepare()
        wait(lambda: prepared, 60)
        window.tabs.setCurrentWidget(training)
        ended = []
        worker.training_ended.connect(lambda *args: ended.append(args))
        training.start_training()
        if not wait(lambda: ended, 300):
            print("the tiny run did not end in 5 minutes", file=sys.stderr)
        facts = training.run_view.facts
        verified = []
        facts.verified.connect(verified.append)
        wait(lambda: verified or facts.job is None, 180)
        spin(0.5)
        training.runs.view.selectRow(0)
        window.chat_tab.show_run()
        window.tabs.setCurrentWidget(window.dataset_tab)

        tabs = dict(zip(TABS, window.all_tabs()))
        for scheme, dark in (("claro", False), ("escuro", True)):
            set_scheme(app, dark)
            spin(0.3)
            for name, tab in tabs.items():
                if name != "dados":
                    window.first_steps.hide()  # the first start's strip: shown on Dados only
                window.tabs.setCurrentWidget(tab)
                for width, height in SIZES:
                    window.resize(width, height)
                    spin(0.4)
                    path = out / f"{name}_{width}x{height}_{scheme}.png"
                    window.grab().save(str(path))
                    print(path)
            window.first_steps.start()
        for tab in window.all_tabs():
            getattr(tab, "shutdown", lambda: None)()
        window.hide()
        window.deleteLater()
        spin(0.2)
    finally:
        worker.shutdown()
    i18n.install("pt", app)
    return 0


if __name__ == "__main__":
    sys.exit(main())
