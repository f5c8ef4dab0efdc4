"""Treino › Avançado › «Usar outros Macs»: the list is kept in the project, Verificar says in plain
words what each Mac is, and Treinar trains the tiny model on a group of two processes on this
computer (MLX ring on 127.0.0.1), with the live plot, Parar into a checkpoint and the estimate's
share for the group."""

from __future__ import annotations

import json

import pytest

from helpers.training import left_button, make_tab

pytestmark = [pytest.mark.gui, pytest.mark.slow]


def _checked(qtbot, tab):
    group = tab.goal.group
    with qtbot.waitSignal(group.checked, timeout=30000):
        qtbot.mouseClick(group.check_button, left_button())
    return group


def test_the_list_persists_and_the_check_says_ready_or_unreachable(qtbot, project_context, worker,
                                                                     tiny_model_dir):
    from farense_studio.gui.training.tab import TrainingTab

    tab = make_tab(qtbot, project_context, worker, tiny_model_dir)
    group = tab.goal.group
    group.enabled_box.setChecked(True)
    for name in ("127.0.0.1", "127.0.0.1", "secretaria.invalid"):
        group.host_edit.setText(name)
        qtbot.mouseClick(group.add_button, left_button())
    qtbot.waitUntil(lambda: (project_context.project.settings.get("training") or {}).get("group", {})
                    .get("hosts") == ["127.0.0.1", "127.0.0.1", "secretaria.invalid"], timeout=3000)
    assert project_context.project.settings["training"]["group"]["enabled"] is True

    assert group.ready_hosts() == []  # nothing is ready before its check
    _checked(qtbot, tab)
    text = group.results_label.text()
    assert "127.0.0.1: pronto" in text
    assert "secretaria.invalid: não responde" in text and "SSH" in text
    assert group.ready_hosts() == ["127.0.0.1", "127.0.0.1"]
    # the estimate says what it assumes for the group
    assert not group.estimate_note.isHidden() and "3 Macs" in group.estimate_note.text()

    # a new window on the same project shows the same list and option
    again = TrainingTab(project_context, worker)
    qtbot.addWidget(again)
    assert again.goal.group.hosts() == ["127.0.0.1", "127.0.0.1", "secretaria.invalid"]
    assert again.goal.group.enabled_box.isChecked()


def _group_tab(qtbot, request, project_context, worker, tiny_model_dir, **changes):
    tab = make_tab(qtbot, project_context, worker, tiny_model_dir, **changes)

    def stop_a_group_left_running():  # a failed test leaves no group training behind it
        if tab.is_training:
            tab._runner.stop_training()
            tab._run_job.wait(120)

    request.addfinalizer(stop_a_group_left_running)
    group = tab.goal.group
    group.enabled_box.setChecked(True)
    group.add_host("127.0.0.1")  # with this Mac: the host file lists 127.0.0.1 twice
    _checked(qtbot, tab)
    assert group.ready_hosts() == ["127.0.0.1"], group.results_label.text()
    return tab


def _train_rows(run_dir):
    from farense_studio.engine.runs import read_metrics

    return [r for r in read_metrics(run_dir) if r.get("kind") == "train"]


def test_treinar_trains_the_group_to_the_end_with_the_live_plot(qtbot, request, project_context, worker, tiny_model_dir):
    from farense_studio.data.checking import write_checking_questions

    tab = _group_tab(qtbot, request, project_context, worker, tiny_model_dir, epochs=1)
    prepared = project_context.project.preparado_dir
    write_checking_questions([json.loads(line) for line in (prepared / "valid.jsonl").read_text(
        encoding="utf-8").splitlines()], prepared)
    qtbot.mouseClick(tab.train_button, left_button())
    qtbot.waitUntil(lambda: tab.is_training, timeout=30000)
    assert "Num grupo de Macs" in tab.pause_button.toolTip()  # a group's pause is a stop
    with qtbot.waitSignal(tab.run_view.facts.verified, timeout=360000):
        pass  # a group's run, too, ends with "Verificar factos" by itself
    assert tab.run_view.facts.summary.text().startswith("o modelo acerta ")
    run_dir = tab._run_dir
    hosts = json.loads((run_dir / "computadores.json").read_text(encoding="utf-8"))
    assert hosts == [{"ssh": "127.0.0.1", "ips": ["127.0.0.1"]}] * 2
    assert "Treino concluído" in tab.banner.label.text(), (run_dir / "grupo.log").read_text()
    rows = _train_rows(run_dir)
    assert rows and tab.plot.train.size == len(rows)  # every step of the group is on the plot
    assert tab.progress_bar.value() == 1000
    assert "A treinar em 2 Macs" in tab.log.toPlainText()
    runs = tab.runs.model.runs
    assert len(runs) == 1 and runs[0].state == "finished"


def test_parar_stops_the_group_into_a_checkpoint(qtbot, request, project_context, worker, tiny_model_dir):
    from farense_studio.engine.checkpoints import read_training_state

    tab = _group_tab(qtbot, request, project_context, worker, tiny_model_dir, epochs=30)
    qtbot.mouseClick(tab.train_button, left_button())
    qtbot.waitUntil(lambda: tab.plot.train.size >= 2, timeout=180000)
    qtbot.mouseClick(tab.stop_button, left_button())
    assert not tab.stop_button.isEnabled()  # asked once; the group stops at the end of its step
    qtbot.waitUntil(lambda: not tab.is_training, timeout=120000)
    state = read_training_state(tab._run_dir)
    assert state["state"] == "stopped" and state["latest"], (tab._run_dir / "grupo.log").read_text()
    assert state["step"] < state["total_steps"]
    assert "parado" in tab.banner.label.text()
    assert tab.plot.train.size == len(_train_rows(tab._run_dir)) == state["step"]


def test_a_dead_mac_stops_the_group_and_continuar_resumes_here(qtbot, request, project_context, worker,
                                                                tiny_model_dir, monkeypatch):
    import os
    import signal

    from farense_studio.engine.checkpoints import read_training_state
    from helpers.faults import FAULTS_VAR, with_faults
    from helpers.group import rank_pid

    faulty = with_faults({"sleep_after_step": 0.3})  # the group's processes wait after each step
    for name in (FAULTS_VAR, "PYTHONPATH"):
        monkeypatch.setenv(name, faulty[name])
    tab = _group_tab(qtbot, request, project_context, worker, tiny_model_dir, epochs=2)
    qtbot.mouseClick(tab.train_button, left_button())
    qtbot.waitUntil(lambda: tab.plot.train.size >= 3 and bool((read_training_state(tab._run_dir) or {}).get("latest")),
                    timeout=180000)
    os.kill(rank_pid(1, tab._run_dir), signal.SIGKILL)  # the other Mac goes away
    qtbot.waitUntil(lambda: not tab.is_training, timeout=120000)
    text = tab.banner.label.text()
    assert "Um dos computadores do grupo parou" in text and "--resume --hosts" in text
    continuar = [b for b in tab.banner.buttons if not b.isHidden() and b.property("key") == "resume_offered"]
    assert continuar and continuar[0].text() == "Continuar"
    stopped_at = read_training_state(tab._run_dir)["step"]

    tab.goal.group.enabled_box.setChecked(False)  # Continuar on this Mac alone
    monkeypatch.delenv(FAULTS_VAR)
    qtbot.mouseClick(continuar[0], left_button())
    qtbot.waitUntil(lambda: tab.is_training, timeout=30000)
    qtbot.waitUntil(lambda: not tab.is_training, timeout=180000)
    state = read_training_state(tab._run_dir)
    assert state["state"] == "finished" and state["step"] == state["total_steps"] > stopped_at
    assert "Treino concluído" in tab.banner.label.text()
    assert [r["step"] for r in _train_rows(tab._run_dir)][-1] == state["total_steps"]
