"""Treinar, step by step: get the base model ready, measure 3 steps (once per setting), then train.

One ``async def`` on the qasync loop per click, awaiting each job in turn: what used to be a
hidden state machine reads top to bottom. «Medir neste computador» is the same flow stopping
after the measurement. The tab passes itself in and does the showing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from farense_studio.engine import jobs as bodies
from farense_studio.gui.jobs import JobError

if TYPE_CHECKING:  # pragma: no cover
    from farense_studio.gui.training.tab import TrainingTab


def estimate_key(config) -> tuple:
    """What a measurement depends on: the same key means the shown estimate still holds."""
    return (config.model, config.config_hash(), config.batch_size, config.grad_checkpoint)


async def train_new_run(tab: "TrainingTab", config, force: bool = False) -> bool:
    """Treinar: True when the run was started; otherwise the tab says why not."""
    if not await model_ready(tab, config):
        return False
    if tab.estimate_before_training and not force:
        estimate = tab.estimate_panel.estimate if tab.estimate_key == estimate_key(config) else None
        if estimate is None:
            estimate = await measure(tab, config)
            if estimate is None:
                return False
        if not estimate.fits:
            tab.run_view.set_status(QCoreApplication.translate(
                "TrainingTab", "Com estas definições o treino não cabe na memória deste computador. "
                "Veja a correção proposta à esquerda."))
            return False
        lost = getattr(estimate, "answers_lost", None)
        if lost is not None and lost.most_lost:  # it would train, but mostly on questions alone
            tab.goal.estimate_panel.show_answers_lost(lost.message().text())
            tab.run_view.set_status(QCoreApplication.translate(
                "TrainingTab", "A maior parte dos exemplos fica sem resposta no comprimento máximo. "
                "Veja o aviso à esquerda."))
            return False
    return tab.launch(config, None, resume=False)


async def measure_only(tab: "TrainingTab", config) -> None:
    """«Medir neste computador»: the model made ready, then 3 measured steps."""
    if await model_ready(tab, config) and await measure(tab, config) is not None:
        tab.run_view.set_status(QCoreApplication.translate("TrainingTab", "Pronto para treinar."))


async def model_ready(tab: "TrainingTab", config) -> bool:
    """The base model on this computer (converted or downloaded when needed)."""
    choice = tab.goal.model_choice
    if choice.is_ready(config.model):
        return True
    tab.run_view.set_status(QCoreApplication.translate("TrainingTab", "A preparar o modelo base…"))
    try:
        await choice.prepare()
    except JobError:  # the tab's prepare_failed handler says why in the banner
        tab.run_view.set_status(QCoreApplication.translate("TrainingTab", "Pronto para treinar."))
        return False
    return True


async def measure(tab: "TrainingTab", config):
    """Times 3 real steps on the MLX thread; the Estimate, or None after saying why it failed."""
    panel = tab.goal.estimate_panel
    tab.run_view.set_status(QCoreApplication.translate(  # the steps and their count: in the estimate panel
        "TrainingTab", "A medir a velocidade de treino neste computador…"))
    panel.show_measuring()
    job = tab.worker.run_job(bodies.estimate(config, steps=3), kind="estimate", free_memory=True)
    job.progressed.connect(lambda value: panel.show_progress(*value))
    panel.cancel_clicked.connect(job.cancel)
    tab.measuring = job
    tab.update_controls()
    try:
        estimate = await job
    except JobError as error:
        if error.cancelled:  # «Cancelar a medição»: nothing to report, the first estimate stays
            panel.show_cancelled()
            tab.run_view.set_status(QCoreApplication.translate("TrainingTab", "Medição cancelada."))
            return None
        panel.show_failed(error.text)
        tab.run_view.set_status(QCoreApplication.translate("TrainingTab", "Pronto para treinar."))
        tab.banner.show_message(QCoreApplication.translate("TrainingTab", "A medição falhou: {error}").format(
            error=error.text), "error")
        return None
    finally:
        panel.cancel_clicked.disconnect(job.cancel)
        tab.measuring = None
        tab.update_controls()
    tab.estimate_key = estimate_key(config)
    tab.goal.remember_speed(config, estimate)
    panel.show_estimate(estimate)
    tab.goal.show_first_estimate(config)  # the speed just kept may change the slow-computer word
    return estimate
