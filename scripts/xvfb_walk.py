#!/usr/bin/env python3
"""Walks the real app in a real X window, as a person would: Dados -> Treino (Treinar, Pausar,
Retomar, to the end) -> Conversar -> Exportar, with a screenshot of the whole screen at each stop.

    xvfb-run -s "-screen 0 1440x900x24" .venv/bin/python scripts/xvfb_walk.py [OUT_DIR]

The window is the one `farense-studio` opens (gui.app.build_main_window with the one model
worker, asyncio on the Qt loop through qasync), on the xcb platform of a real X server (Xvfb),
not offscreen. The walk drives it from a coroutine on that loop: clicks go through QTest, so
they pass the same event path as a mouse. Training uses a tiny model built here (the demo model
takes about a minute a step on a 2-core CPU); every other part is the app's own. A throw-away
projects folder, settings file and data folder keep the user's own untouched.
Prints one line per stop and exits 0 when every stop was reached (1 and the reason otherwise).
"""

from __future__ import annotations

import asyncio
import os
import sys
import time

from screenshot_scratch import prepare  # scripts/ is on sys.path

STEP_TIMEOUT_S = 300


async def until(condition, what: str, timeout_s: float = STEP_TIMEOUT_S) -> None:
    """Lets the app run until condition() holds; raises with `what` after timeout_s."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"not reached in {timeout_s:.0f} s: {what}")
        await asyncio.sleep(0.1)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    out, scratch = prepare("farense-walk-")
    import qasync
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtTest import QTest

    from farense_studio.engine.tiny_model import build_tiny_model
    from farense_studio.gui.app import build_main_window, create_app
    from farense_studio.gui.model_worker import ModelWorker

    app = create_app()
    worker = ModelWorker()
    worker.start()
    window = build_main_window(project=str(scratch / "projects" / "walk"), lang="pt", model_worker=worker)
    window.resize(1440, 860)
    window.show()
    tiny = build_tiny_model(scratch / "tiny-model")
    stops: list[str] = []

    def shoot(name: str, note: str) -> None:
        for _ in range(5):
            app.processEvents()
        path = out / f"walk_{len(stops) + 1:02d}_{name}.png"
        app.primaryScreen().grabWindow(0).save(str(path))  # the X server's pixels, not a widget render
        stops.append(name)
        print(f"{len(stops):2d}. {note}: {path}", flush=True)

    def click(button) -> None:
        assert button.isVisible() and button.isEnabled(), f"{button.text()!r} cannot be clicked now"
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    async def walk() -> None:
        tabs = window.tabs
        dados, treino, conversar, exportar = (window.dataset_tab, window.training_tab, window.chat_tab,
                                              window.export_tab)
        # ---- Dados: the sample data, prepared
        await asyncio.sleep(1)
        dados.use_sample_data()
        await until(lambda: dados.table.model().rowCount() > 100, "Dados shows the sample rows")
        shoot("dados", f"Dados: {dados.table.model().rowCount()} rows of the sample data")
        # Treino's model and settings before preparing: the examples are mixed with the club's
        # documents for the maximum length chosen (a shorter one later would cut their answers)
        treino.set_model_spec(str(tiny))
        treino.set_settings(epochs=2, eval_every=10, max_seq_length=256)
        advanced = lambda: ((window.context.project.settings.get("training") or {}).get("advanced") or {})  # noqa: E731
        await until(lambda: advanced().get("max_seq_length") == 256, "Treino saved its settings")
        await until(lambda: not dados.is_busy(), "Dados read again with the chosen model's tokenizer")
        dados.prepare()
        await until(lambda: window.context.project.preparado_dir.joinpath("train.jsonl").is_file(),
                    "Preparar wrote the prepared data")
        await asyncio.sleep(1)
        shoot("dados_preparado", "Dados: prepared")
        # ---- Treino: Treinar, Pausar, Retomar, to the end
        tabs.setCurrentWidget(treino)
        await asyncio.sleep(0.5)
        shoot("treino", "Treino before Treinar")
        click(treino.train_button)
        await until(lambda: treino.is_training and treino.plot.shown_point_counts()[0] >= 5, "five steps plotted")
        shoot("treino_a_treinar", "Treino training, live plot")
        click(treino.pause_button)
        await until(lambda: treino._runner.is_paused, "paused")
        await asyncio.sleep(1)
        shoot("treino_pausa", "Treino paused")
        click(treino.pause_button)  # the same button says Retomar while paused
        await until(lambda: not treino._runner.is_paused, "resumed")
        await until(lambda: not treino.is_training, "the run finished", timeout_s=900)
        await until(lambda: not treino.run_view.facts.summary.text().startswith("A verificar"),
                    "Verificar factos done", timeout_s=600)
        await asyncio.sleep(1)
        shoot("treino_fim", "Treino finished, fact check below the plot")
        # ---- Conversar: the finished run is offered; one question
        tabs.setCurrentWidget(conversar)
        await asyncio.sleep(1)
        conversar.question_edit.setPlainText("Em que ano foi fundado o Farense?")
        click(conversar.send_button)
        await until(lambda: conversar.send_button.isEnabled(), "the answer finished streaming", timeout_s=600)
        shoot("conversar", f"Conversar answered with «{conversar.model_combo.currentText()}»")
        # ---- Exportar: the run's adaptation
        tabs.setCurrentWidget(exportar)
        exportar.choose_folder = lambda: str(window.context.project.exportacoes_dir)
        await asyncio.sleep(1)
        click(exportar.export_button)
        await until(lambda: not exportar.exporting() and exportar.last_export is not None, "export done")
        await asyncio.sleep(1)
        shoot("exportar", f"Exportar: {exportar.last_export}")

    result = {"rc": 1}

    async def run() -> None:
        try:
            await walk()
            result["rc"] = 0
        except Exception as exc:  # noqa: BLE001 - said, with where the walk stopped
            print(f"the walk stopped after {len(stops)} stops: {exc!r}", flush=True)
            shoot("falhou", "where it stopped")
        finally:
            window.close()

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    closed = asyncio.Event()
    app.aboutToQuit.connect(closed.set)
    try:
        with loop:
            loop.create_task(run())
            loop.run_until_complete(closed.wait())
    finally:
        worker.shutdown()
    window.deleteLater()
    QCoreApplication.processEvents()
    return result["rc"]


if __name__ == "__main__":
    sys.exit(main())
