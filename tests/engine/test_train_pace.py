"""The pace a run reports (tokens/s and the time left beside Treino's progress bar): a step that
compiles does not make a ten-minute run say it needs hours."""

from __future__ import annotations

import pytest

from farense_studio.engine import events as E
from farense_studio.engine import session as S
from farense_studio.engine.trainer import Trainer
from farense_studio.engine.trainer_support import steady_pace


def test_a_first_step_that_compiles_does_not_count_in_the_time_left():
    # 30 s to compile the first step, then 0.1 s a step of 100 tokens, 700 steps to go.
    window = [(30.0, 100)] + [(0.1, 100)] * 19
    tokens_per_second, left = steady_pace(window, 700)
    assert left == pytest.approx(70.0)  # the mean of the window would say 1,116 s
    assert tokens_per_second == pytest.approx(1000.0)


def test_the_first_report_says_no_time_left_and_a_slow_pace_is_the_pace():
    assert steady_pace([(30.0, 100)], 700) == (pytest.approx(100 / 30), None)
    assert steady_pace([], 700) == (0.0, None)
    # Every step slow (a big model on a small Mac): nothing is left out.
    tokens_per_second, left = steady_pace([(4.0, 400), (5.0, 400), (6.0, 400)], 100)
    assert left == pytest.approx(500.0) and tokens_per_second == pytest.approx(80.0)
    # Two steps: the compile one is told from the pace.
    assert steady_pace([(30.0, 100), (0.1, 100)], 10)[1] == pytest.approx(1.0)


def test_a_run_whose_first_step_compiles_reports_the_steady_time_left(make_config, tmp_path, monkeypatch):
    """End to end: the first step takes 3 s (as compiling the graph does), the others their
    time; no report says a time left near 3 s a step."""
    real_finish = S.TrainingSession.finish
    calls = []

    def finish(self, pending):  # where a step's seconds are measured
        result = real_finish(self, pending)
        calls.append(result)
        if len(calls) == 1:
            result.seconds += 3.0
        return result

    monkeypatch.setattr(S.TrainingSession, "finish", finish)
    reports = []
    trainer = Trainer(make_config(epochs=2), tmp_path / "run",
                      on_event=lambda e: isinstance(e, E.StepReport) and reports.append(e))
    assert trainer.run().status == "finished"
    assert [r.step for r in reports] == list(range(1, 13))
    assert reports[0].eta_s is None  # one step cannot tell a compile from the pace
    assert all(r.eta_s is not None for r in reports[1:-1]) and reports[-1].eta_s == 0
    steady = max(r.seconds for r in calls[1:])
    assert all(r.eta_s <= steady * (12 - r.step) + 1e-9 for r in reports[1:])
    # The metrics rows carry it too: a group run's window on another Mac shows the same time left.
    from farense_studio.engine.runs import read_metrics
    from farense_studio.gui.training.group_run import row_event

    rows = [r for r in read_metrics(tmp_path / "run") if r["kind"] == "train"]
    assert [row_event(r, 12, 2).eta_s for r in rows] == [None] + [round(r.eta_s, 1) for r in reports[1:]]
