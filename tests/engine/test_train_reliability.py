"""Runs that meet damage (issue 16, Runs): bad metrics rows, a checkpoint state without its step,
a full or read-only disk, and training with nothing to learn."""

from __future__ import annotations

import builtins
import errno
import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from test_train_faults import stopped_run

from farense_studio.cli import main
from farense_studio.engine import checkpoints as C
from farense_studio.engine import events as E
from farense_studio.engine.learnable import answers_lost
from farense_studio.engine.runs import METRICS_FILE, read_metrics_checked, read_metrics_from
from farense_studio.engine.trainer import FaultInjection, Trainer


def notices(seen, code):
    return [e for e in seen if isinstance(e, E.Notice) and e.code == code]


def test_bad_metrics_rows_are_skipped_with_a_notice_and_the_run_resumes(make_config, baseline, tmp_path,
                                                                        same_losses):
    losses, _ = baseline
    run_dir = tmp_path / "run"
    stopped_run(make_config, run_dir, 3)
    path = run_dir / METRICS_FILE
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(lines[0] + b"\xff\n" + b'{"kind":"train","step":"abc"}\n' + b"".join(lines[1:]))
    rows, bad = read_metrics_checked(run_dir)
    assert bad == [2, 3] and [r["step"] for r in rows if r["kind"] == "train"] == [1, 2, 3]

    seen = []
    result = Trainer(make_config(), run_dir, on_event=seen.append).run(resume=True)
    assert result.status == "finished", result.error
    skipped = notices(seen, "metrics_rows_skipped")
    assert skipped and skipped[0].params == {"count": 2, "lines": "2, 3"}
    assert "linhas 2, 3" in skipped[0].text
    same_losses(dict(result.losses), losses)
    rows, bad = read_metrics_checked(run_dir)
    assert bad == [] and sorted(r["step"] for r in rows if r["kind"] == "train") == sorted(losses)


def test_a_growing_metrics_file_read_from_an_offset_gives_its_good_rows_once(tmp_path):
    """A group run's follower reads complete lines only: a torn last line waits for its end."""
    rows = [b'{"kind":"train","step":1,"loss":2.5}\n', b'\xff\n', b'{"kind":"train","step":"abc"}\n',
            b'{"kind":"eval","step":1,"val_loss":2.0}\n', b'{"kind":"event","step":2,"text":"ok"}\n']
    whole = b"".join(rows)
    path = tmp_path / METRICS_FILE
    seen, offset = [], 0
    for cut in (10, 45, 46, 90, len(whole)):
        path.write_bytes(whole[:cut])
        found, offset = read_metrics_from(tmp_path, offset)
        seen += found
    assert seen == read_metrics_checked(tmp_path)[0] and len(seen) == 3 and offset == len(whole)
    assert read_metrics_from(tmp_path / "nowhere", 7) == ([], 7)


metric_rows = st.one_of(
    st.binary(max_size=40),
    st.fixed_dictionaries({"kind": st.sampled_from(["train", "eval", "event", 3]),
                           "step": st.one_of(st.integers(-2, 50), st.text(max_size=3), st.none(), st.booleans()),
                           "loss": st.one_of(st.floats(), st.text(max_size=3), st.none())}).map(
        lambda r: json.dumps(r).encode()))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(metric_rows, max_size=10))
def test_any_metrics_file_reads_and_truncates(tmp_path, rows):
    from farense_studio.engine.runs import MetricsLog

    (tmp_path / METRICS_FILE).write_bytes(b"\n".join(rows))
    good, bad = read_metrics_checked(tmp_path)
    lines = b"\n".join(rows).split(b"\n")
    non_blank = [n for n, raw in enumerate(lines, 1) if raw.strip()]
    torn = 1 if non_blank and non_blank[-1] == len(lines) and lines[-1].strip() else 0  # may be good or not
    assert len(non_blank) - torn <= len(good) + len(bad) <= len(non_blank) and set(bad) <= set(non_blank)
    assert all(isinstance(r.get("loss"), (int, float, type(None))) for r in good)
    assert MetricsLog(tmp_path).truncate_after(10) == bad
    assert read_metrics_checked(tmp_path) == ([r for r in good if r.get("step", 0) <= 10], [])


def test_a_checkpoint_state_without_step_falls_back_to_the_previous_one(make_config, baseline, tmp_path,
                                                                         same_losses):
    losses, _ = baseline
    run_dir = tmp_path / "run"
    stopped_run(make_config, run_dir, 5)
    state_path = C.checkpoints_dir(run_dir) / "checkpoint_epoch0_step5" / C.STATE_FILE
    state = json.loads(state_path.read_text(encoding="utf-8"))
    del state["step"]
    state_path.write_text(json.dumps(state), encoding="utf-8")
    assert C.resolve_checkpoint(run_dir, "latest").name == "checkpoint_epoch0_step4"

    seen = []
    result = Trainer(make_config(), run_dir, on_event=seen.append).run(resume=True)
    assert result.status == "finished", result.error
    damaged = notices(seen, "checkpoint_damaged")
    assert damaged and damaged[0].params["fallback"] == "checkpoint_epoch0_step4"
    assert "step" in damaged[0].params["detail"]
    same_losses(dict(result.losses), losses)


class FullDisk:
    """The disk fills up while a chosen checkpoint is written: from then on every fsync fails
    with ENOSPC, MLX's saves fail as MLX reports them ("[write] Unable to write N bytes") and the
    free space reads 0, until free() is called."""

    def __init__(self, monkeypatch, at_checkpoint: int):
        import mlx.core as mx

        self.full = False
        self.at_checkpoint = at_checkpoint
        self.adapters = 0
        real_fsync, real_save, real_usage = os.fsync, mx.save_safetensors, shutil.disk_usage

        def fsync(fd):
            if self.full:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return real_fsync(fd)

        def save(path, *args, **kwargs):
            if self.full:
                raise RuntimeError("[write] Unable to write 742 bytes to file.")
            return real_save(path, *args, **kwargs)

        def usage(path):
            total, used, free = real_usage(path)
            return shutil._ntuple_diskusage(total, total, 0) if self.full else (total, used, free)

        monkeypatch.setattr(os, "fsync", fsync)
        monkeypatch.setattr(mx, "save_safetensors", save)
        monkeypatch.setattr(shutil, "disk_usage", usage)

    def after_write(self, fname: str) -> None:  # FaultInjection.checkpoint_write
        if fname == C.ADAPTER_FILE:
            self.adapters += 1
            self.full = self.full or self.adapters == self.at_checkpoint

    def free(self) -> None:
        self.full = False


def leftovers(run_dir: Path) -> list[str]:
    found = []
    for folder in (run_dir, C.checkpoints_dir(run_dir)):
        found += [p.name for p in folder.iterdir() if p.name.startswith(".")]
    return found


def test_disk_full_during_a_checkpoint_says_so_keeps_the_previous_one_and_cleans_up(
        make_config, baseline, tmp_path, monkeypatch, same_losses):
    losses, _ = baseline
    run_dir = tmp_path / "run"
    disk = FullDisk(monkeypatch, at_checkpoint=3)  # checkpoints at steps 2, 4, 6: the one of step 6
    seen = []
    result = Trainer(make_config(), run_dir, on_event=seen.append,
                     faults=FaultInjection(checkpoint_write=disk.after_write)).run()
    assert result.status == "failed" and result.error.code == "disk_full_run"
    assert result.error.text.startswith("O disco está cheio: o treino parou no passo 6")
    assert "(checkpoint_epoch0_step4) ficou intacto" in result.error.text
    assert isinstance(seen[-1], E.Failed)
    assert [p.name for p in C.list_checkpoints(run_dir)] == ["checkpoint_epoch0_step2", "checkpoint_epoch0_step4"]
    assert C.checkpoint_problem(C.checkpoints_dir(run_dir) / "checkpoint_epoch0_step4") is None
    assert leftovers(run_dir) == []

    disk.free()
    resumed = Trainer(make_config(), run_dir).run(resume=True)
    assert resumed.status == "finished", resumed.error
    same_losses(dict(resumed.losses), losses)


def test_disk_full_on_the_command_line_is_one_plain_message(make_config, tmp_path, monkeypatch, capsys):
    run_dir = tmp_path / "run"
    config_path = tmp_path / "config.yaml"
    make_config(epochs=1).save(config_path)
    disk = FullDisk(monkeypatch, at_checkpoint=2)
    real_init = Trainer.__init__

    def init_with_full_disk(self, *args, **kwargs):  # the command builds its Trainer without faults
        kwargs["faults"] = kwargs.get("faults") or FaultInjection(checkpoint_write=disk.after_write)
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(Trainer, "__init__", init_with_full_disk)
    code = main(["train", "--config", str(config_path), "--run-dir", str(run_dir)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "O disco está cheio: o treino parou no passo 4" in out + err
    assert f"farense-studio train --run-dir {run_dir} --resume" in out
    assert "Traceback" not in out + err and "Unable to write" not in out + err
    assert leftovers(run_dir) == []


def test_read_only_checkpoints_folder(make_config, tmp_path, monkeypatch):
    run_dir = tmp_path / "run"
    stopped_run(make_config, run_dir, 3)
    folder = str(C.checkpoints_dir(run_dir))
    real_mkdir, real_open = os.mkdir, builtins.open

    def read_only(path):
        return str(path).startswith(folder)

    def mkdir(path, *args, **kwargs):
        if read_only(path):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_mkdir(path, *args, **kwargs)

    def open_(path, mode="r", *args, **kwargs):
        if read_only(path) and any(c in mode for c in "wax+"):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_open(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "mkdir", mkdir)
    monkeypatch.setattr(builtins, "open", open_)
    result = Trainer(make_config(), run_dir).run(resume=True)
    assert result.status == "failed" and result.error.code == "run_not_writable"
    assert result.error.text.startswith("Não é possível escrever em ")
    assert "(checkpoint_epoch0_step3) ficou intacto" in result.error.text
    monkeypatch.undo()
    assert C.checkpoint_problem(C.checkpoints_dir(run_dir) / "checkpoint_epoch0_step3") is None
    assert leftovers(run_dir) == []


def test_temporaries_of_a_killed_write_are_removed_on_resume(make_config, tmp_path):
    run_dir = tmp_path / "run"
    stopped_run(make_config, run_dir, 3)
    folder = C.checkpoints_dir(run_dir)
    (folder / ".tmp-checkpoint_epoch0_step4-99999").mkdir()
    (folder / ".training_state.json.99999.tmp").write_text("{", encoding="utf-8")
    (run_dir / ".metrics.jsonl.99999.tmp").write_text("", encoding="utf-8")
    result = Trainer(make_config(), run_dir).run(resume=True)
    assert result.status == "finished"
    assert leftovers(run_dir) == []


def _long_prompt_config(make_config, max_seq_length):
    return make_config(max_seq_length=max_seq_length,
                       system_prompt="És o assistente do Sporting Clube Farense, de Faro, fundado em 1910.")


def test_nothing_to_learn_is_refused_before_training(make_config, tmp_path):
    config = _long_prompt_config(make_config, 16)
    lost = answers_lost(config)
    assert lost.nothing_to_learn and lost.without_answer == lost.examples == 24
    seen = []
    result = Trainer(config, tmp_path / "run", on_event=seen.append).run()
    assert result.status == "failed" and result.error.code == "nothing_to_learn"
    assert "Aumente o comprimento máximo ou encurte o prompt de sistema" in result.error.text
    assert not any(isinstance(e, E.StepReport) for e in seen)
    assert not C.list_checkpoints(tmp_path / "run")


def test_nothing_to_learn_on_the_command_line(make_config, tmp_path, capsys):
    config_path = tmp_path / "config.yaml"
    _long_prompt_config(make_config, 16).save(config_path)
    code = main(["train", "--config", str(config_path), "--run-dir", str(tmp_path / "run")])
    out, err = capsys.readouterr()
    assert code == 1 and "Nada para aprender: nenhum dos 24 exemplos" in out + err
    assert "passo 1/" not in out + err


def test_answers_lost_tells_the_treino_screen_when_most_lose_their_answer(make_config, tiny_model_dir):
    from mlx_lm.utils import load_tokenizer

    tokenizer = load_tokenizer(Path(tiny_model_dir))
    lost = {n: answers_lost(_long_prompt_config(make_config, n), tokenizer) for n in (16, 64, 72, 256)}
    assert [lost[n].without_answer for n in (16, 64, 72, 256)] == [24, 17, 3, 0]  # the cut moves it
    assert lost[16].message().code == "nothing_to_learn"
    warning = lost[64].message()
    assert warning.code == "most_answers_lost" and warning.severity == "warning"
    assert warning.text("pt").startswith("17 dos 24 exemplos de treino ficam sem resposta depois de cortados a 64")
    assert lost[72].message() is None and lost[256].message() is None


def test_the_estimate_before_treinar_warns_when_most_answers_are_lost(make_config):
    from farense_studio.engine.estimate import estimate_run

    warned = estimate_run(_long_prompt_config(make_config, 64), steps=1)
    assert warned.answers_lost.without_answer == 17 and "advice_answers_lost" in warned.advice_codes
    fine = estimate_run(_long_prompt_config(make_config, 256), steps=1)
    assert fine.answers_lost.without_answer == 0 and "advice_answers_lost" not in fine.advice_codes


def test_data_prepared_with_documents_for_a_longer_length_says_to_prepare_again(make_config, tiny_model_dir,
                                                                                  tmp_path):
    """Examples mixed with the club's passages fill the length they were prepared for; a maximum length
    lowered afterwards cuts their answers, and the Treino screen says to prepare the data again."""
    import json
    import shutil

    from mlx_lm.utils import load_tokenizer

    from farense_studio.data.raft import SETTING_KEY

    config = _long_prompt_config(make_config, 64)
    data = tmp_path / "preparado"
    shutil.copytree(config.data_dir, data)
    (data / "relatorio.json").write_text(json.dumps({"settings": {SETTING_KEY: {"max_tokens": 512}}}),
                                         encoding="utf-8")  # what data.raft.prepare_with_documents records
    tokenizer = load_tokenizer(Path(tiny_model_dir))
    lost = answers_lost(config.copy(data_dir=str(data)), tokenizer)
    assert lost.documents_tokens == 512 and lost.without_answer == 17
    message = lost.message()
    assert message.code == "documents_prepared_longer" and message.severity == "warning"
    assert message.text("pt").startswith("Os dados foram preparados com os documentos do clube para 512 tokens, "
                                         "mais do que o comprimento máximo de agora (64): 17 dos 24 exemplos")
    assert "Prepare os dados de novo em Dados" in message.text("pt")
    fits = answers_lost(config.copy(data_dir=str(data), max_seq_length=256), tokenizer)
    assert fits.without_answer == 0 and fits.message() is None  # nothing cut: nothing to say


def test_data_prepared_with_documents_for_a_shorter_length_suggests_preparing_again(make_config, tmp_path):
    """Dados, before the model is on the computer, fits the passages to the length the real tokenizer
    surely keeps (512 / 1.7 tokens); once the model is here the estimate before Treinar says that
    preparing again gives the passages the whole length, and stays quiet when they already have it."""
    import json
    import shutil

    from farense_studio import messages
    from farense_studio.data.raft import SETTING_KEY
    from farense_studio.engine.estimate import estimate_run

    config = _long_prompt_config(make_config, 256)
    data = tmp_path / "preparado"
    shutil.copytree(config.data_dir, data)
    advice = {}
    for prepared in (150, 256):
        (data / "relatorio.json").write_text(json.dumps({"settings": {SETTING_KEY: {"max_tokens": prepared}}}),
                                             encoding="utf-8")
        estimate = estimate_run(config.copy(data_dir=str(data)), steps=1)
        assert estimate.answers_lost.without_answer == 0 and estimate.answers_lost.documents_tokens == prepared
        advice[prepared] = estimate.advice_codes
    assert "advice_documents_prepared_shorter" in advice[150]
    assert "advice_documents_prepared_shorter" not in advice[256]
    assert "prepare os dados de novo em Dados" in messages.render("advice_documents_prepared_shorter", lang="pt")
