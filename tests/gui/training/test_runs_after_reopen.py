"""The runs list after a reopen shows the figures the run's files hold."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.gui]


def test_best_checking_error_comes_from_metrics_when_state_lacks_it(qtbot, portuguese, tmp_path,
                                                                   tiny_model_dir):
    from farense_studio.engine import checkpoints as C
    from farense_studio.engine.config import TrainConfig
    from farense_studio.engine.runs import read_metrics
    from farense_studio.engine.trainer import Trainer
    from farense_studio.gui.runs_panel import RunsPanel
    from helpers.training import SETTINGS, write_prepared

    data = tmp_path / "preparado"
    write_prepared(data, n_train=8, n_valid=4)
    run_dir = tmp_path / "treinos" / "20260101-100000-rapido"
    config = TrainConfig(model=str(tiny_model_dir), data_dir=str(data), epochs=1).copy(**SETTINGS)
    assert Trainer(config, run_dir).run().status == "finished"
    best = min(r["val_loss"] for r in read_metrics(run_dir) if r["kind"] == "eval")
    state = C.read_training_state(run_dir)
    state["best_val_loss"] = None  # as a state written before the run's last check
    C.write_training_state(run_dir, state)
    assert C.read_training_state(run_dir)["best_val_loss"] is None

    panel = RunsPanel()
    qtbot.addWidget(panel)
    panel.set_folder(tmp_path / "treinos")
    model = panel.model
    assert model.data(model.index(0, 3)) == f"{best:.2f}".replace(".", ",")
