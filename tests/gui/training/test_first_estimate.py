"""Before Treinar: an estimate at once, a measurement that can be cancelled, and on a slow
computer the plain word with the shortest try (from a measured speed injected into speeds.json)."""

from __future__ import annotations

import json

import pytest

from helpers.training import make_tab

pytestmark = [pytest.mark.gui]


@pytest.fixture
def own_speeds(tmp_path, monkeypatch):
    """An empty app data folder: no speeds kept by other tests."""
    monkeypatch.setenv("FARENSE_DATA_DIR", str(tmp_path / "dados_app"))


def test_estimate_at_once_then_slow_word_and_the_shortest_try(qtbot, portuguese, own_speeds,
                                                             project_context, worker, tiny_model_dir):
    from farense_studio.engine import speed
    from farense_studio.engine.config import TrainConfig

    tab = make_tab(qtbot, project_context, worker, tiny_model_dir, epochs=3)
    tab.refresh_data()
    panel = tab.estimate_panel
    assert panel.label.text().startswith("Primeira estimativa: ")  # before any measuring
    assert panel.estimate is None and panel.first.total_steps == 36

    # Measured on this computer: 6 tokens/s (issue 21's processor on the demo model).
    speed.record_speed(speed.this_machine(), str(tiny_model_dir),
                       speed.model_parameters(str(tiny_model_dir)), 6.0, "measure")
    tab.refresh_data()
    assert "pelo que este modelo já mediu neste computador" in panel.label.text()
    notice = tab.goal.slow_notice
    assert not notice.isHidden()
    assert notice.label.text().startswith("Pelo que foi medido aqui, este computador treina cerca de")
    advice = notice.advice
    assert f"{advice.examples} exemplos" in notice.label.text() and advice.examples < 48

    prepared = project_context.project.preparado_dir
    before = (prepared / "train.jsonl").read_text(encoding="utf-8")
    with qtbot.waitSignal(worker.training_ended, timeout=60000) as ended:
        notice.try_button.click()
    assert ended.args[0] == "finished"
    [run] = tab.runs.model.runs
    config = TrainConfig.load(run.path / "config.yaml")
    trained = (prepared.parent / "preparado_ensaio" / "train.jsonl").read_text(encoding="utf-8")
    assert config.data_dir == str(prepared.parent / "preparado_ensaio")
    assert config.max_seq_length == min(192, advice.max_seq_length)
    assert [json.loads(x) for x in trained.splitlines()] == \
        [json.loads(x) for x in before.splitlines()[:advice.examples]]
    assert (prepared / "train.jsonl").read_text(encoding="utf-8") == before  # the data stays


def test_measuring_can_be_cancelled(qtbot, portuguese, own_speeds, project_context, worker,
                                    tiny_model_dir):
    tab = make_tab(qtbot, project_context, worker, tiny_model_dir, epochs=3)
    tab.refresh_data()
    panel = tab.estimate_panel
    first = panel.label.text()
    cancelled = []
    panel.show_progress = lambda done, total: (cancelled or (panel.cancel_button.click(),
                                                             cancelled.append(done)))
    panel.measure_button.click()
    qtbot.waitUntil(lambda: tab.measuring is None and not tab.starting and bool(cancelled),
                    timeout=60000)
    assert panel.estimate is None and panel.cancel_button.isHidden()
    assert panel.label.text() == first  # back to the first estimate, nothing half-measured
    assert tab.status_label.text() == "Medição cancelada."
