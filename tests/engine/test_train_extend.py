"""Training more ("Treinar mais"): a finished or stopped run gains a phase of N more passes.

Every run here is the tiny model of tests/conftest.py on the 24-example data of the engine
conftest (6 steps a pass); the baseline run (2 passes, 12 steps) is copied, never changed.
"""

import json
import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from farense_studio.cli import main as cli_main
from farense_studio.engine import batches as B
from farense_studio.engine import checkpoints as C
from farense_studio.engine import packing as P
from farense_studio.engine import events as E
from farense_studio.engine.config import ConfigError, Phase, TrainConfig
from farense_studio.engine.control import TrainingControl
from farense_studio.engine.runs import list_runs, read_metrics, run_state
from farense_studio.engine.schedule import lr_at, make_schedule, phase_schedules
from farense_studio.engine.trainer import Trainer

from test_train_cli import kill_9_when, latest_step, start_cli

PHASE_LR = 5e-4


def copy_run(baseline, folder):
    _, result = baseline
    shutil.copytree(result.run_dir, folder)
    return folder


def run_config(run_dir):
    return TrainConfig.load(run_dir / "config.yaml")


def train_rows(run_dir):
    return [r for r in read_metrics(run_dir) if r["kind"] == "train"]


def step_tokens(config, epoch):
    """Real tokens of each step of an epoch, from the (seed, epoch) plan of the tokenized data."""
    from mlx_lm.utils import load_tokenizer

    tokenizer = load_tokenizer(config.model)
    split = B.tokenize_split(Path(config.data_dir) / B.TRAIN_FILE, tokenizer,
                             system_prompt=config.system_prompt, mask_prompt=config.mask_prompt,
                             max_seq_length=config.max_seq_length)
    if config.batching == "pack":
        layout = P.layout(split.lengths, config.max_seq_length, config.effective_batch)
        plan = P.epoch_plan(split.lengths, layout, config.seed, epoch)
    else:
        plan = B.epoch_plan(split.lengths, config.effective_batch, config.seed, epoch,
                            config.batching, config.pad_multiple)
    return [int(split.lengths[P.step_examples(rows)].sum()) for rows in plan]


@pytest.fixture(scope="module")
def extended(baseline, tmp_path_factory):
    """The baseline run trained 2 more passes at PHASE_LR, uninterrupted: (run_dir, result, events)."""
    run_dir = copy_run(baseline, tmp_path_factory.mktemp("extended") / "run")
    seen = []
    result = Trainer(run_config(run_dir), run_dir, on_event=seen.append).extend(2, learning_rate=PHASE_LR)
    assert result.status == "finished", result.error
    return run_dir, result, seen


def test_extension_continues_the_run_as_a_new_phase(extended, baseline):
    run_dir, result, seen = extended
    _, first = baseline
    assert (result.step, result.total_steps) == (24, 24)
    reports = [e for e in seen if isinstance(e, E.StepReport)]
    assert [e.step for e in reports] == list(range(13, 25))
    assert [e.epoch for e in reports] == [2] * 6 + [3] * 6 and {e.epochs for e in reports} == {4}
    started = [e for e in seen if isinstance(e, E.PhaseStarted)]
    assert [(e.phase, e.start_step, e.epochs, e.learning_rate, e.total_steps) for e in started] == \
        [(2, 13, 2, PHASE_LR, 24)]
    assert not any(isinstance(e, E.Notice) and e.code == "resumed_from" for e in seen)

    # metrics.jsonl: the first phase's rows untouched, one phase row, then the new steps
    rows = read_metrics(run_dir)
    before = read_metrics(first.run_dir)
    assert rows[:len(before)] == before
    phase_rows = [r for r in rows if r.get("code") == "phase_started"]
    assert len(phase_rows) == 1 and rows[len(before)] == phase_rows[0]
    assert {k: phase_rows[0][k] for k in ("kind", "step", "phase", "epochs", "learning_rate")} == \
        {"kind": "event", "step": 13, "phase": 2, "epochs": 2, "learning_rate": PHASE_LR}
    assert "fase 2" in phase_rows[0]["text"] and "passo 13" in phase_rows[0]["text"]
    assert [r["step"] for r in train_rows(run_dir)] == list(range(1, 25))
    assert [r["step"] for r in rows if r["kind"] == "eval"] == [6, 12, 18, 24]

    # config.yaml records the phase; the first phase's settings are as they were
    config = run_config(run_dir)
    assert config.phases == [Phase(phase=2, start_step=13, start_epoch=2, epochs=2,
                                   learning_rate=PHASE_LR, warmup_steps=1)]
    assert config.copy(phases=[]).config_hash() == run_config(first.run_dir).config_hash()
    assert config.total_epochs == 4

    # learning rate: warmup to the new peak, then cosine over the phase's own 12 steps
    lrs = {r["step"]: r["lr"] for r in train_rows(run_dir)}
    assert lrs[13] == pytest.approx(PHASE_LR, rel=1e-6)
    assert all(lrs[s + 1] < lrs[s] for s in range(13, 24))
    assert lrs[24] == pytest.approx(PHASE_LR * (0.1 + 0.9 * 0.5 * (1 + np.cos(np.pi * 10 / 11))), rel=1e-5)
    for step in range(1, 25):
        assert lrs[step] == pytest.approx(lr_at(config, step - 1, 6), rel=1e-5), step

    # the passes continue the (seed, epoch) sequence: epochs 2 and 3 in their drawn order
    tokens = [r["tokens"] for r in train_rows(run_dir)]
    assert tokens[12:18] == step_tokens(config, 2) and tokens[18:24] == step_tokens(config, 3)
    assert tokens[:6] == step_tokens(config, 0)

    state = C.read_training_state(run_dir)
    assert (state["state"], state["step"], state["total_steps"], state["phase"]) == ("finished", 24, 24, 2)
    assert state["latest"] == "checkpoint_epoch3_step24"
    info = list_runs(run_dir.parent)[0]
    assert (info.state, info.step, info.total_steps) == ("finished", 24, 24)
    assert result.losses[-1][1] < first.losses[-1][1]  # the tiny model goes on learning


def test_stop_in_phase_2_then_resume_gives_the_uninterrupted_losses(extended, baseline, tmp_path,
                                                                    make_config, same_losses):
    _, reference, _ = extended
    run_dir = copy_run(baseline, tmp_path / "run")
    control = TrainingControl()

    def on_event(event):
        if isinstance(event, E.StepReport) and event.step == 15:
            control.stop()

    stopped = Trainer(run_config(run_dir), run_dir, on_event=on_event,
                      control=control).extend(2, learning_rate=PHASE_LR)
    assert stopped.status == "stopped" and stopped.step == 15
    assert run_state(run_dir) == "stopped"
    # The caller's config has no phases: they come from the run folder.
    seen = []
    resumed = Trainer(make_config(), run_dir, on_event=seen.append).run(resume=True)
    assert resumed.status == "finished", resumed.error
    assert [e.step for e in seen if isinstance(e, E.StepReport)] == list(range(16, 25))
    assert not any(isinstance(e, E.PhaseStarted) for e in seen)
    same_losses(dict(resumed.losses), dict(reference.losses), from_step=13)
    rows = read_metrics(run_dir)
    assert [r["step"] for r in rows if r["kind"] == "train"] == list(range(1, 25))
    assert sum(r.get("code") == "phase_started" for r in rows) == 1


def test_kill_9_in_phase_2_from_the_cli_then_resume_is_exact(extended, baseline, tmp_path, same_losses):
    _, reference, _ = extended
    run_dir = copy_run(baseline, tmp_path / "treinos" / "run")
    child = start_cli("--run-dir", run_dir, "--more-epochs", 2, "--learning-rate", PHASE_LR,
                      faults={"sleep_after_step": 0.3})
    kill_9_when(child, lambda: latest_step(run_dir) >= 14
                and max(r["step"] for r in train_rows(run_dir)) >= 15)
    assert run_state(run_dir) == "interrupted"
    assert run_config(run_dir).phases[0].start_step == 13

    # An interrupted phase is resumed, not extended again (and the refusal changes nothing).
    before = C.read_training_state(run_dir)
    refused = Trainer(run_config(run_dir), run_dir).extend(1)
    assert refused.status == "failed" and refused.error.code == "extend_unfinished"
    assert "Continuar treino" in refused.error.text
    assert C.read_training_state(run_dir) == before

    result = Trainer(run_config(run_dir), run_dir).run(resume=True)
    assert result.status == "finished", result.error
    same_losses(dict(result.losses), dict(reference.losses), from_step=13)
    rows = read_metrics(run_dir)
    assert [r["step"] for r in rows if r["kind"] == "train"] == list(range(1, 25))
    assert sum(r.get("code") == "phase_started" for r in rows) == 1


def test_a_stopped_run_gains_a_phase_from_where_it_stopped(make_config, tmp_path):
    control = TrainingControl()

    def on_event(event):
        if isinstance(event, E.StepReport) and event.step == 5:
            control.stop()

    run_dir = tmp_path / "run"
    assert Trainer(make_config(), run_dir, on_event=on_event, control=control).run().status == "stopped"
    seen = []
    result = Trainer(run_config(run_dir), run_dir, on_event=seen.append).extend(1)
    assert result.status == "finished", result.error
    # The rest of the stopped pass is dropped: the phase makes one whole pass, the next epoch.
    assert (result.step, result.total_steps) == (11, 11)
    reports = [e for e in seen if isinstance(e, E.StepReport)]
    assert [(e.step, e.epoch, e.epochs) for e in reports] == [(s, 1, 2) for s in range(6, 12)]
    config = run_config(run_dir)
    assert config.phases == [Phase(phase=2, start_step=6, start_epoch=1, epochs=1,
                                   learning_rate=1e-3, warmup_steps=1)]
    rows = train_rows(run_dir)
    assert [r["step"] for r in rows] == list(range(1, 12))
    assert [r["tokens"] for r in rows[5:]] == step_tokens(config, 1)
    assert rows[5]["lr"] == pytest.approx(1e-3, rel=1e-6) and rows[4]["lr"] < 1e-3
    assert C.read_training_state(run_dir)["latest"] == "checkpoint_epoch1_step11"


def test_more_on_changed_data_learns_the_new_data(make_config, tmp_path, engine_data):
    """Corrections added since the run (Conversar's «Corrigir»): the new phase trains on today's
    data, more steps a pass when there are more examples, and a resume inside it is exact."""
    data = tmp_path / "data"
    shutil.copytree(engine_data, data)
    run_dir = tmp_path / "run"
    assert Trainer(make_config(epochs=1, data_dir=str(data)), run_dir).run().status == "finished"
    steps_before = C.read_state(C.resolve_checkpoint(run_dir, "latest"))["steps_per_epoch"]
    old_hash = B.data_hash(data)
    with open(data / "train.jsonl", "a", encoding="utf-8") as fh:
        for n in range(8):
            fh.write(json.dumps({"messages": [{"role": "user", "content": f"Correção {n}?"},
                                              {"role": "assistant", "content": f"Certo {n}."}]}) + "\n")
    result = Trainer(run_config(run_dir), run_dir).extend(1)
    assert result.status == "finished"
    latest = C.read_state(C.resolve_checkpoint(run_dir, "latest"))
    assert latest["steps_per_epoch"] > steps_before
    assert latest["data_hash"] == B.data_hash(data) != old_hash
    assert latest["step"] == steps_before + latest["steps_per_epoch"]


def test_refusals_leave_the_run_as_it_was(make_config, tmp_path, engine_data, capsys):
    data = tmp_path / "data"
    shutil.copytree(engine_data, data)
    run_dir = tmp_path / "run"
    assert Trainer(make_config(epochs=1, data_dir=str(data)), run_dir).run().status == "finished"
    before = C.read_training_state(run_dir)
    config_text = (run_dir / "config.yaml").read_text(encoding="utf-8")
    metrics_text = (run_dir / "metrics.jsonl").read_text(encoding="utf-8")

    for passes in (0, -2):
        result = Trainer(run_config(run_dir), run_dir).extend(passes)
        assert result.error.code == "extend_invalid_passes" and str(passes) in result.error.text
    result = Trainer(run_config(run_dir), run_dir).extend(1, learning_rate=0)
    assert result.error.code == "invalid_config"

    changed = run_config(run_dir).copy(lora={"rank": 8})
    result = Trainer(changed, run_dir).extend(1)
    assert result.error.code == "extend_config_changed" and "lora.rank" in result.error.text

    assert C.read_training_state(run_dir) == before
    assert (run_dir / "config.yaml").read_text(encoding="utf-8") == config_text
    assert (run_dir / "metrics.jsonl").read_text(encoding="utf-8") == metrics_text

    empty = Trainer(make_config(), tmp_path / "nothing").extend(1)
    assert empty.error.code == "checkpoint_not_found"

    # The CLI: bad arguments exit 2, a refused extension 1 with the message.
    assert cli_main(["train", "--more-epochs", "2"]) == 2
    assert cli_main(["train", "--run-dir", str(run_dir), "--learning-rate", "1e-4"]) == 2
    capsys.readouterr()
    assert cli_main(["train", "--run-dir", str(run_dir), "--more-epochs", "0"]) == 1
    assert "tem de ser 1 ou mais (recebido: 0)" in capsys.readouterr().out
    assert C.read_training_state(run_dir) == before


def test_cli_trains_more_with_one_line_progress(make_config, tmp_path, capsys):
    run_dir = tmp_path / "run"
    assert Trainer(make_config(epochs=1), run_dir).run().status == "finished"
    assert cli_main(["train", "--run-dir", str(run_dir), "--more-epochs", "1",
                     "--learning-rate", "2e-4"]) == 0
    out = capsys.readouterr().out
    assert f"Treinar mais: {run_dir}" in out
    assert "Começa a fase 2 do treino no passo 7 (passagens pelos dados a mais: 1; " \
           "taxa de aprendizagem 0.0002)." in out
    assert "passo 12/12 · passagem 2/2 · erro " in out and "Treino terminado: 12 passos" in out
    assert run_config(run_dir).phases[0].learning_rate == 2e-4


def test_phase_schedule_and_hash_are_pure_functions_of_the_config():
    import mlx.core as mx

    config = TrainConfig(epochs=2, learning_rate=1e-3, warmup_steps=2,
                         phases=[{"phase": 2, "start_step": 6, "start_epoch": 1, "epochs": 2,
                                  "learning_rate": 4e-4, "warmup_steps": 3}])
    # phase 1 is planned over its 12 steps even though phase 2 takes over at step 6
    assert [(p.first, p.steps, p.warmup, p.peak) for p in phase_schedules(config, 6)] == \
        [(0, 12, 2, 1e-3), (5, 12, 3, 4e-4)]
    plain = TrainConfig(epochs=2, learning_rate=1e-3, warmup_steps=2)
    assert [lr_at(config, i, 6) for i in range(5)] == [lr_at(plain, i, 6) for i in range(5)]
    assert [lr_at(config, i, 6) for i in (5, 6, 7)] == pytest.approx([4e-4 / 3, 8e-4 / 3, 4e-4])
    # cosine over the phase's own steps towards peak x min_lr_ratio (4e-5)
    assert lr_at(config, 16, 6) == pytest.approx(4e-5 + 3.6e-4 * 0.5 * (1 + np.cos(np.pi * 8 / 9)))
    schedule = make_schedule(config, 6)
    for i in range(17):
        assert schedule(mx.array(i)).item() == pytest.approx(lr_at(config, i, 6), rel=1e-5), i

    # a checkpoint is checked against the phases begun by its step
    assert config.config_hash(upto_step=5) == plain.config_hash()
    assert config.config_hash(upto_step=6) != plain.config_hash()
    assert TrainConfig.from_yaml(config.to_yaml()) == config
    with pytest.raises(ConfigError, match="starts after"):
        config.copy(phases=[replace(config.phases[0], start_step=1)]).validate()
    with pytest.raises(ConfigError, match="epochs >= 1"):
        config.copy(phases=[replace(config.phases[0], epochs=0)]).validate()


def test_phases_in_config_yaml_are_read_as_written_and_checked():
    """config.yaml keeps each phase as a mapping (the same text as ever); a phase missing a key
    or carrying an unknown one is refused by name."""
    text = TrainConfig(phases=[Phase(2, 6, 1, 2, 4e-4, 3)]).to_yaml()
    assert "phases:\n- phase: 2\n  start_step: 6\n  start_epoch: 1\n  epochs: 2\n" in text
    assert "  learning_rate: 0.0004\n  warmup_steps: 3\n" in text
    assert TrainConfig.from_yaml(text).phases == [Phase(2, 6, 1, 2, 4e-4, 3)]
    with pytest.raises(ConfigError, match=r"phases\[0\] has phase, start_step"):
        TrainConfig.from_yaml(text.replace("  warmup_steps: 3\n", ""))
    with pytest.raises(ConfigError, match=r"unknown settings: phases\[0\].nota"):
        TrainConfig.from_yaml(text.replace("  warmup_steps: 3\n", "  warmup_steps: 3\n  nota: x\n"))


def test_a_schedule_replanned_in_place_follows_the_new_phases(make_config):
    """The optimizer keeps one schedule object; adding a phase re-plans it (no private
    optimizer state is written) and it then gives lr_at of the extended run."""
    import mlx.core as mx
    import mlx.optimizers as optim

    from farense_studio.engine.schedule import LearningRateSchedule

    config = make_config(epochs=2, learning_rate=4e-4)
    schedule = LearningRateSchedule(config, 6)
    optimizer = optim.Adam(learning_rate=schedule)
    before = [schedule(mx.array(i)).item() for i in range(20)]
    extended = config.copy(phases=[{"phase": 2, "start_step": 13, "start_epoch": 2, "epochs": 1,
                                    "learning_rate": 2e-4, "warmup_steps": 1}])
    schedule.replan(extended, 6)
    after = [schedule(mx.array(i)).item() for i in range(20)]
    assert after[:12] == before[:12]
    assert after == pytest.approx([lr_at(extended, i, 6) for i in range(20)], rel=1e-5)
    assert after[12] == pytest.approx(2e-4, rel=1e-5) != pytest.approx(before[12], rel=1e-3)
    optimizer.init({"w": mx.zeros((2,))})
    optimizer.update({"w": mx.zeros((2,))}, {"w": mx.ones((2,))})
    assert optimizer.learning_rate.item() == pytest.approx(after[0], rel=1e-6)
