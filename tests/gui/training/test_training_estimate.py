"""«Memória e duração» on its own: what a measurement says in words, the warning when the run will
not fit with the fixes the engine advises, and the setting changes «Aplicar a correção» makes."""

from __future__ import annotations

import pytest

from farense_studio.engine.config import TrainConfig
from farense_studio.engine.estimate import Estimate
from farense_studio.gui.training.estimate import EstimatePanel, fix_changes

pytestmark = pytest.mark.gui


def estimate(fits: bool, codes=(), peak: float = 9.8) -> Estimate:
    return Estimate(seconds_per_step_low=1.0, seconds_per_step_high=1.5, total_seconds_low=1200,
                    total_seconds_high=1800, peak_memory_gb=peak, fits=fits, advice_codes=list(codes),
                    total_steps=1200, memory_gb=16.0, measured_steps=3)


def test_the_fix_keeps_the_effective_batch_and_saves_memory():
    config = TrainConfig(batch_size=4, grad_accumulation=2, grad_checkpoint=False, max_seq_length=512)
    changes = fix_changes(config, ["advice_reduce_batch", "advice_grad_checkpoint", "advice_shorter_length"])
    assert changes == {"batch_size": 1, "grad_accumulation": 8, "grad_checkpoint": True, "max_seq_length": 384}
    assert changes["batch_size"] * changes["grad_accumulation"] == config.batch_size * config.grad_accumulation
    # nothing to do: already one example a batch, already checkpointing, no advice at all
    assert fix_changes(config.copy(batch_size=1, grad_checkpoint=True),
                       ["advice_reduce_batch", "advice_grad_checkpoint"]) == {}
    assert fix_changes(config, []) == {} and fix_changes(config, None) == {}
    assert fix_changes(config.copy(max_seq_length=150), ["advice_shorter_length"]) == {"max_seq_length": 128}


def test_a_run_that_fits_reads_as_ranges(qtbot, portuguese):
    panel = EstimatePanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.show_progress(2, 3)
    assert panel.label.text() == "A medir: passo 2 de 3…"
    panel.show_estimate(estimate(fits=True))
    text = panel.label.text()
    assert text == "Duração: 20–30 min. Memória: 9,8–11,3 GB de 16,0 GB. Cabe na memória."
    assert panel.warning.isHidden() and panel.force_button.isHidden()
    panel.clear()  # the settings changed: the measurement no longer holds
    assert panel.estimate is None and panel.label.text() == "Ainda não medido neste computador com estas definições."


def test_a_run_that_does_not_fit_offers_only_the_fixes_advised(qtbot, portuguese):
    panel = EstimatePanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.show_estimate(estimate(fits=False, codes=["advice_reduce_batch", "advice_long_run"], peak=21.8))
    assert panel.warning.text().startswith("Não cabe na memória deste computador.")
    assert "lotes mais pequenos" in panel.warning.text() and "várias horas" not in panel.warning.text()
    assert panel.fix_button.isVisible() and panel.force_button.isVisible()
    assert panel.smaller_model_button.isHidden()
    assert panel.advice_codes() == ["advice_reduce_batch", "advice_long_run"]
    clicked = []
    panel.fix_clicked.connect(lambda: clicked.append("fix"))
    panel.force_clicked.connect(lambda: clicked.append("force"))
    panel.fix_button.click()
    panel.force_button.click()
    assert clicked == ["fix", "force"]

    panel.show_estimate(estimate(fits=False, codes=["advice_smaller_model"]))
    assert panel.smaller_model_button.isVisible() and panel.fix_button.isHidden()
    panel.show_failed("sem memória")
    assert panel.estimate is None and panel.label.text() == "Não foi possível medir: sem memória"


def test_measuring_says_how_long_is_left_once_a_step_is_timed(qtbot, portuguese):
    """On a slow computer a measuring step takes minutes: after the second step the panel says how
    long the rest should take (the first only starts the clock: loading the model came before it)."""
    from farense_studio.gui.time_left import TimeLeft

    now = [100.0]
    panel = EstimatePanel()
    qtbot.addWidget(panel)
    panel.time_left = TimeLeft(clock=lambda: now[0])
    panel.show_measuring()
    panel.show_progress(1, 6)
    assert panel.label.text() == "A medir: passo 1 de 6…"
    now[0] += 90.0
    panel.show_progress(2, 6)
    assert panel.label.text() == "A medir: passo 2 de 6 · faltam cerca de 6 min"
    panel.show_measuring()  # measuring again starts a new clock
    panel.show_progress(1, 6)
    assert panel.label.text() == "A medir: passo 1 de 6…"
