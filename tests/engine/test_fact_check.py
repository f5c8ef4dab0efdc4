"""The fact check during training (issue 17 item 2): facts correct per checkpoint, the best
checkpoint is the one that answers best, and an exact resume stays exact."""

from __future__ import annotations

import json
import signal

import pytest

from farense_studio.data.checking import CHECKING_FILE, write_checking_questions
from farense_studio.engine import checkpoints as C
from farense_studio.engine.fact_check import FactScore, better
from test_train_cli import kill_9_when, latest_step, start_cli


@pytest.fixture(scope="module")
def checked_data(tmp_path_factory, make_data):
    """The engine's small Q&A data with checking questions derived from its valid split."""
    folder = make_data(tmp_path_factory.mktemp("checked") / "preparado")
    rows = [json.loads(line) for line in (folder / "valid.jsonl").read_text(encoding="utf-8").splitlines()]
    assert write_checking_questions(rows, folder) == folder / CHECKING_FILE
    return folder


def _facts_rows(run_dir):
    from farense_studio.engine.runs import read_metrics

    return [r for r in read_metrics(run_dir) if r["kind"] == "facts"]


def test_more_facts_win_and_equal_facts_go_to_the_lower_loss():
    assert better(FactScore(4, 3, 5, 2.0), FactScore(2, 2, 5, 1.0))
    assert not better(FactScore(4, 2, 5, 2.0), FactScore(2, 3, 5, 3.0))
    assert better(FactScore(6, 3, 5, 1.5), FactScore(4, 3, 5, 2.0))
    assert not better(FactScore(6, 3, 5, None), FactScore(4, 3, 5, 2.0))
    assert better(FactScore(1, 0, 5), None)


@pytest.fixture(scope="module")
def checked_run(make_config, checked_data, tmp_path_factory):
    """A finished tiny run on data with checking questions: (run folder, result)."""
    from farense_studio.engine.trainer import Trainer

    run_dir = tmp_path_factory.mktemp("checked_run") / "run"
    result = Trainer(make_config(data_dir=str(checked_data), eval_every=2, keep_last=10), run_dir).run()
    assert result.status == "finished", result.error
    return run_dir, result


def test_facts_correct_are_recorded_and_the_best_checkpoint_answers_best(checked_run, checked_data):
    run_dir, result = checked_run
    rows = _facts_rows(run_dir)
    questions = len((checked_data / CHECKING_FILE).read_text(encoding="utf-8").splitlines())
    assert rows and all(r["total"] == questions and 0 <= r["correct"] <= questions for r in rows)
    assert rows[-1]["step"] == result.losses[-1][0]  # the last step is always checked
    # every checked step has a checkpoint that says how many facts it got right
    states = {C.read_state(p)["step"]: C.read_state(p) for p in C.list_checkpoints(run_dir)}
    for row in rows:
        assert states[row["step"]]["facts"]["correct"] == row["correct"]
    # "the result" is the checked step with most facts, ties to the lower checking loss
    losses = dict(result.val_losses)
    expected = max(rows, key=lambda r: (r["correct"], -losses[r["step"]]))["step"]
    best = C.read_training_state(run_dir)["best"]
    assert C.parse_name(best)[1] == expected
    assert result.checkpoint.name == best


def test_the_fact_check_leaves_training_unchanged_and_resume_exact(make_config, make_data, checked_data,
                                                                    tmp_path):
    from farense_studio.engine.trainer import Trainer

    plain = make_data(tmp_path / "plain")  # the same rows without checking questions
    assert (plain / "train.jsonl").read_bytes() == (checked_data / "train.jsonl").read_bytes()
    without = Trainer(make_config(data_dir=str(plain), eval_every=2), tmp_path / "without").run()
    reference = Trainer(make_config(data_dir=str(checked_data), eval_every=2), tmp_path / "ref").run()
    assert _facts_rows(tmp_path / "ref") and not _facts_rows(tmp_path / "without")
    assert reference.losses == without.losses  # dropout is on: the check consumed no randomness

    config = make_config(data_dir=str(checked_data), eval_every=2)
    run_dir = tmp_path / "run"
    child = start_cli("--config", config.save(tmp_path / "config.yaml"), "--run-dir", run_dir,
                      faults={"sleep_after_step": 0.3})
    kill_9_when(child, lambda: latest_step(run_dir) >= 4)
    assert child.returncode == -signal.SIGKILL
    result = Trainer(make_config(data_dir=str(checked_data), eval_every=2), run_dir).run(resume=True)
    assert result.status == "finished", result.error
    assert result.losses == reference.losses  # bit-identical, every step
    assert [(r["step"], r["correct"]) for r in _facts_rows(run_dir)] == \
        [(r["step"], r["correct"]) for r in _facts_rows(tmp_path / "ref")]
    assert C.read_training_state(run_dir)["best"] == C.read_training_state(tmp_path / "ref")["best"]


def test_verifying_a_run_reports_base_to_fine_tuned_and_computes_the_base_once(checked_run, checked_data,
                                                                               tmp_path):
    from farense_studio.engine.verify_facts import run_fact_line, verify_run

    run_dir, _ = checked_run
    questions = len((checked_data / CHECKING_FILE).read_text(encoding="utf-8").splitlines())
    phases = []
    first = verify_run(run_dir, cache_dir=tmp_path / "cache", progress=lambda p: phases.append(p["phase"]))
    card = first.card
    assert card.total == questions and not first.base_cached
    assert phases.count("base") == questions and phases.count("tuned") == questions
    assert first.path is not None and first.path.parent == run_dir / "evaluation"
    assert first.summary("pt") == (f"o modelo acerta {card.tuned_correct} de {questions} perguntas; "
                                   f"antes acertava {card.base_correct}")
    assert [m.question for m in first.misses] == [r.question for r in card.rows if not r.tuned_correct]
    assert all(m.tuned_answer is not None and m.tuned_missing for m in first.misses)

    phases.clear()
    again = verify_run(run_dir, cache_dir=tmp_path / "cache", progress=lambda p: phases.append(p["phase"]))
    assert again.base_cached and phases == ["tuned"] * questions  # the base is not asked again
    assert [r.base_answer for r in again.card.rows] == [r.base_answer for r in card.rows]
    assert [r.tuned_answer for r in again.card.rows] == [r.tuned_answer for r in card.rows]
    assert run_fact_line(run_dir, "pt") == f"acertos {card.base_correct} → {card.tuned_correct} de {questions}"


def test_a_run_without_checking_questions_says_so(make_config, make_data, tmp_path):
    from farense_studio.engine.evaluate import EvaluationError
    from farense_studio.engine.trainer import Trainer
    from farense_studio.engine.verify_facts import run_fact_line, verify_run

    data = make_data(tmp_path / "plain", n_train=8, n_valid=2)
    run_dir = tmp_path / "run"
    assert Trainer(make_config(data_dir=str(data), epochs=1), run_dir).run().status == "finished"
    with pytest.raises(EvaluationError) as raised:
        verify_run(run_dir, cache_dir=tmp_path / "cache")
    assert raised.value.code == "questions_not_found"
    assert run_fact_line(run_dir) is None


def test_with_an_index_the_check_also_asks_with_the_clubs_documents(checked_run, checked_data, tmp_path):
    """Training with documents is the default, and Conversar and the bot answer with them: when the
    run's prepared data has an index, "Verificar factos" asks the fine-tuned model again with the
    passages and says both figures."""
    import shutil

    from farense_studio.data.corpus import read_sources
    from farense_studio.data.retrieval import index_folder, update_index
    from farense_studio.engine.verify_facts import run_fact_line, verify_run

    run_dir = tmp_path / "run"
    shutil.copytree(checked_run[0], run_dir)
    examples = read_sources([str(checked_data / "train.jsonl"), str(checked_data / "valid.jsonl")], [])[0]
    update_index(examples, index_folder(run_dir / "data"))
    questions = len((checked_data / CHECKING_FILE).read_text(encoding="utf-8").splitlines())
    seen = []
    report = verify_run(run_dir, cache_dir=tmp_path / "cache", progress=seen.append)
    assert [p["phase"] for p in seen].count("fine-tuned+documents") == questions
    # one count over the three phases (base, fine-tuned, fine-tuned with documents: a fresh cache)
    assert [p["done"] for p in seen] == list(range(1, 3 * questions + 1))
    assert {p["total"] for p in seen} == {3 * questions}
    data = report.card.to_json()
    with_documents = data["columns"]["fine-tuned+documents"]["correct"]
    assert "base+documents" not in data["columns"]  # the base is not asked with documents here
    assert all(row["sources"] for row in data["documents"]["rows"])  # each answer had its passages
    assert report.summary("pt") == (f"o modelo acerta {report.card.tuned_correct} de {questions} perguntas sozinho "
                                    f"e {with_documents} com os documentos do clube; antes acertava "
                                    f"{report.card.base_correct}")
    assert run_fact_line(run_dir, "pt") == (f"acertos {report.card.base_correct} → {report.card.tuned_correct} de "
                                            f"{questions} (com documentos {with_documents})")
    plain = verify_run(run_dir, cache_dir=tmp_path / "cache", documents=False)
    assert "fine-tuned+documents" not in plain.card.to_json().get("columns", {})
