"""Training an existing run again: continue it (resume) or train it more (a new phase).

Both read the run's own config.yaml, show the run's history, then launch through the tab, so
the plot continues the run's curve. The words keep the Treino tab's translation context.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from farense_studio.gui import i18n
from farense_studio.gui.runs_panel import EXTENDABLE, run_label
from farense_studio.gui.training.more_dialog import TrainMoreDialog

if TYPE_CHECKING:  # pragma: no cover
    from farense_studio.gui.training.tab import TrainingTab


def run_config(tab: "TrainingTab", run_dir: Path):
    """The run's TrainConfig, or None after saying in the banner why it cannot be read."""
    from farense_studio.engine.config import TrainConfig

    try:
        return TrainConfig.load(run_dir / "config.yaml")
    except Exception as exc:  # noqa: BLE001
        tab.banner.show_message(QCoreApplication.translate(
            "TrainingTab", "Não foi possível ler as definições deste treino: {error}").format(
                error=str(exc)), "error")
        return None


def resume_run(tab: "TrainingTab", run_dir) -> None:
    """Continues a paused, stopped or interrupted run from its newest checkpoint."""
    if tab.is_training or tab.worker is None:
        return
    run_dir = Path(run_dir)
    config = run_config(tab, run_dir)
    if config is None:
        return
    tab.show_run(run_dir)
    tab.run_view.add_log(QCoreApplication.translate("TrainingTab", "A continuar o treino {run}.").format(
        run=run_label(run_dir)))
    tab.launch(config, run_dir, resume=True)


def train_more(tab: "TrainingTab", run_dir, passes: int | None = None) -> None:
    """«Treinar mais…»: asks how many more passes over the data (unless given), then trains the
    finished or stopped run on from its newest save point, as a new phase of the same run (the
    engine's Trainer.extend); the plot continues the run's curve."""
    if tab.is_training or tab.worker is None or run_dir is None:
        return
    from farense_studio.engine.runs import run_info

    run_dir = Path(run_dir)
    info = run_info(run_dir)
    if info is None or info.state not in EXTENDABLE:
        return
    config = run_config(tab, run_dir)
    if config is None:
        return
    if passes is None:
        passes = tab.ask_more_passes(run_dir)
        if not passes:
            return
    tab.banner.hide()
    tab.show_run(run_dir)
    tab.runs.select(run_dir)
    if passes == 1:
        text = QCoreApplication.translate("TrainingTab", "Treinar mais o treino {run}: uma passagem pelos "
                                          "dados a mais.").format(run=run_label(run_dir))
    else:
        text = QCoreApplication.translate("TrainingTab", "Treinar mais o treino {run}: {passes} passagens pelos "
                                          "dados a mais.").format(run=run_label(run_dir), passes=i18n.number(passes))
    tab.run_view.add_log(text)
    tab.launch(config, run_dir, resume=True, more_epochs=int(passes))


def ask_more_passes(parent, run_dir: Path) -> int | None:
    """The «Treinar mais» dialog: the number of extra passes, None when cancelled."""
    from farense_studio.engine import checkpoints as C

    state = C.read_training_state(run_dir) or {}
    steps_per_pass = None
    try:
        steps_per_pass = (C.read_state(C.resolve_checkpoint(run_dir, "latest")) or {}).get("steps_per_epoch")
    except C.CheckpointError:
        pass
    dialog = TrainMoreDialog(run_label(run_dir), passes_done=state.get("epoch"),
                             steps_per_pass=steps_per_pass, parent=parent)
    accepted = dialog.exec() == TrainMoreDialog.DialogCode.Accepted
    value = dialog.value()
    dialog.deleteLater()
    return value if accepted else None


def set_model_of(tab: "TrainingTab", run_dir) -> None:
    """Chooses the base model a run was trained on (the current one stays when it cannot be read)."""
    if run_dir is None:
        return
    try:
        from farense_studio.engine.config import TrainConfig

        tab.model_choice.set_spec(TrainConfig.load(Path(run_dir) / "config.yaml").model)
    except Exception:  # noqa: BLE001 - the current settings will do
        pass
