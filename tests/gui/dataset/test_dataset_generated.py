"""Questions generated from the biographies, in the Dados tab: generate, review with undo, prepare, resume."""

from __future__ import annotations

import json
import shutil

import pytest
from PySide6.QtCore import Qt

from helpers.dataset import select_visible_row, visible_rows

from farense_studio.data.generated import ACCEPTED, PENDING, REJECTED, GeneratedStore
from farense_studio.gui.dataset.model import LOCATION, PROBLEMS, SPLIT

pytestmark = pytest.mark.gui


def _click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _generate(qtbot, tab, timeout=60000):
    """Clicks "Gerar perguntas das biografias" and waits for the pass and the read after it."""
    with qtbot.waitSignals([tab.generation.finished, tab.loading_finished], timeout=timeout, order="strict"):
        _click(qtbot, tab.generation_bar.generate_button)


def _show_generated(tab):
    tab.origin_combo.setCurrentIndex(tab.origin_combo.findData("gerado"))
    tab.apply_filters_now()
    return visible_rows(tab)


def _row_of_question(qtbot, tab, question):
    rows = visible_rows(tab)
    row = next(i for i, e in enumerate(rows) if e.question == question)
    select_visible_row(qtbot, tab, row)
    return rows[row].id


def _train_rows(folder):
    return [json.loads(line)["messages"] for line in (folder / "train.jsonl").read_text(encoding="utf-8").splitlines()]


def test_generate_review_with_undo_and_prepare(qtbot, main_window, dataset_tab, wait_loaded, project):
    tab = dataset_tab
    wait_loaded(tab, lambda: _click(qtbot, tab.sample_button))
    club_rows = tab.model.rowCount()
    assert tab.generation_bar.isVisible() and tab.generation_bar.generate_button.isEnabled()

    _generate(qtbot, tab)
    store = GeneratedStore.for_project(project)
    assert store.path.parent == project.path / "dados" and store.proposals
    assert "perguntas propostas" in tab.banner.text()
    generated = _show_generated(tab)
    assert tab.model.rowCount() == club_rows + len(store.proposals)  # every proposal is a row, none dropped
    assert len(generated) == len(store.proposals) and {e.origin for e in generated} == {"gerado"}
    # Where each came from: the biography file and paragraph, in the table and in the editor.
    nader = _row_of_question(qtbot, tab, "Onde nasceu Hassan Nader?")
    row = tab.model.row_of(nader)
    assert tab.model.index(row, LOCATION).data().startswith("hassan_nader.md §")
    assert tab.model.index(row, SPLIT).data() == "treino, por rever"
    assert "parágrafo" in tab.editor.origin_label.text() and "jogadores/hassan_nader.md" in tab.editor.origin_label.text()
    assert tab.editor.accept_button.isVisible() and tab.editor.reject_button.isVisible()
    assert not tab.editor.remove_button.isVisible()
    assert "Perguntas geradas" in tab.stats_panel.sources.text()
    assert "por rever" in tab.generation_bar.status_label.text() and "de fora" in tab.generation_bar.status_label.toolTip()
    # A rephrasing of a club question that checks checks with it, said in the table, the editor and the bar.
    checking = [e for e in generated if e.split == "valid"]
    assert checking and all(tab.model.example(tab.model.row_of(e.of)).split == "valid" for e in checking)
    assert tab.model.index(tab.model.row_of(checking[0].id), SPLIT).data() == "verificação, por rever"
    _row_of_question(qtbot, tab, checking[0].question)
    assert "fica na verificação" in tab.editor.review_label.text()
    assert f"{len(checking)} na verificação" in tab.generation_bar.status_label.text()
    assert _row_of_question(qtbot, tab, "Onde nasceu Hassan Nader?") == nader
    trains_before = tab.stats_panel.stats().train

    # Reject it in the editor; the row stays, marked, out of training; undo brings it back.
    _click(qtbot, tab.editor.reject_button)
    assert tab.model.index(row, SPLIT).data() == "rejeitada" and tab.model.is_rejected(nader)
    assert "Rejeitada na revisão" in tab.model.index(row, PROBLEMS).data()
    assert GeneratedStore(store.path).proposals[nader[2:]].status == REJECTED
    assert tab.stats_panel.stats().train == trains_before - 1
    main_window.undo_action.trigger()
    assert tab.model.index(row, SPLIT).data() == "treino, por rever" and not tab.model.is_rejected(nader)
    assert GeneratedStore(store.path).proposals[nader[2:]].status == PENDING

    # Edit another one's answer: it is accepted with the reviewer's words.
    edited = _row_of_question(qtbot, tab, "Em que ano nasceu Hassan Nader?")
    tab.editor.answer_edit.setPlainText("Nasceu em 1965, em Casablanca.")
    _click(qtbot, tab.editor.save_button)
    assert tab.model.example(tab.model.row_of(edited)).answer == "Nasceu em 1965, em Casablanca."
    assert GeneratedStore(store.path).proposals[edited[2:]].status == ACCEPTED

    # Aceitar todas, undone and redone.
    assert tab.generation_bar.accept_all_button.isEnabled()
    _click(qtbot, tab.generation_bar.accept_all_button)
    reopened = GeneratedStore(store.path)
    assert reopened.counts()["pending"] == 0
    assert not tab.generation_bar.accept_all_button.isEnabled()
    main_window.undo_action.trigger()
    assert GeneratedStore(store.path).counts()["pending"] == reopened.counts()["accepted"] - 1
    assert tab.model.index(row, SPLIT).data() == "treino, por rever"
    main_window.redo_action.trigger()
    assert tab.model.index(row, SPLIT).data() == "treino"

    # Reject one for good (Delete on a generated row rejects it), then prepare.
    rejected = _row_of_question(qtbot, tab, "Onde nasceu Hassan Nader?")
    tab.remove_examples([rejected])
    assert tab.model.row_of(rejected) >= 0 and tab.model.is_rejected(rejected)
    # Plain examples (the documents switch off), so each row is its question and answer as reviewed.
    tab.documents_check.setChecked(False)
    assert project.settings["documents_in_training"] is False
    with qtbot.waitSignal(tab.data_prepared, timeout=60000):
        _click(qtbot, tab.prepare_button)
    assert "Treino com documentos" not in tab.banner.text()
    rows = _train_rows(project.path / "preparado")
    training = GeneratedStore(store.path).examples()
    assert "perguntas geradas entram no treino" in tab.banner.text()
    texts = {(m[0]["content"], m[-1]["content"]) for m in rows}
    assert ("Em que ano nasceu Hassan Nader?", "Nasceu em 1965, em Casablanca.") in texts
    gone = GeneratedStore(store.path).proposals[rejected[2:]]
    assert (gone.question, gone.answer) not in texts
    checked = {(m[0]["content"], m[-1]["content"])
               for m in (json.loads(line)["messages"] for line in
                         (project.path / "preparado" / "valid.jsonl").read_text(encoding="utf-8").splitlines())}
    assert sum((e.question, e.answer) in texts for e in training) + \
        sum((e.question, e.answer) in checked for e in training) == len(training)
    assert any((e.question, e.answer) in checked for e in training)


def test_preparing_teaches_the_documents_by_default(qtbot, main_window, dataset_tab, wait_loaded, project):
    """The switch is on by default: training rows carry the club's passages before their question, some
    with the right passage and their answer, some with passages that do not answer and «não sei»."""
    from farense_studio.data.document_prompt import DOCUMENTS_HEADER, QUESTION_LABEL
    from farense_studio.data.raft import DONT_KNOW
    from farense_studio.data.retrieval import index_folder

    tab = dataset_tab
    wait_loaded(tab, lambda: _click(qtbot, tab.sample_button))
    _generate(qtbot, tab)
    assert tab.documents_check.isChecked() and "documents_in_training" not in project.settings
    with qtbot.waitSignal(tab.data_prepared, timeout=60000):
        _click(qtbot, tab.prepare_button)
    banner = tab.banner.text()
    assert "Treino com documentos" in banner and "com a passagem certa" in banner
    rows = _train_rows(project.path / "preparado")
    with_passages = [m for m in rows if next(t["content"] for t in m if t["role"] == "user").startswith(DOCUMENTS_HEADER)]
    assert len(with_passages) > len(rows) // 3
    assert any(m[-1]["content"] == DONT_KNOW for m in with_passages)
    assert any(m[-1]["content"] != DONT_KNOW for m in with_passages)
    # and each of those also plain (the measured default), so the model answers without documents too
    assert "cópias sem documentos dos exemplos com passagens" in banner
    plain = {(next(t["content"] for t in m if t["role"] == "user"), m[-1]["content"]) for m in rows
             if m not in with_passages}
    for answered in [m for m in with_passages if m[-1]["content"] != DONT_KNOW][:20]:
        asked = next(t["content"] for t in answered if t["role"] == "user").rsplit(QUESTION_LABEL + " ", 1)[1]
        assert (asked, answered[-1]["content"]) in plain
    assert index_folder(project.path / "preparado").is_dir()  # the index answering will use


def test_cancel_then_generate_again_resumes_without_duplicates(qtbot, main_window, dataset_tab, wait_loaded,
                                                               project, tmp_path):
    from farense_studio.data.generated import generate, template_proposer, units_of_sources

    tab = dataset_tab
    wait_loaded(tab, lambda: _click(qtbot, tab.sample_button))
    seen = []

    def stop_after_three(done, total, left):  # runs in the working thread: the click lands after unit 3
        seen.append((done, total, left))
        if done == 3:
            tab.work.cancel_generation()

    tab.work.generation_progress.connect(stop_after_three, Qt.ConnectionType.DirectConnection)
    _generate(qtbot, tab)
    tab.work.generation_progress.disconnect(stop_after_three)
    store = GeneratedStore.for_project(project)
    total = seen[0][1]
    assert len(store.done) == 3 < total
    assert "Geração interrompida" in tab.banner.text()
    assert len(_show_generated(tab)) == len(store.proposals) > 0
    assert not tab.generation_bar.cancel_button.isVisible() and tab.generation_bar.generate_button.isEnabled()

    _generate(qtbot, tab)
    assert "3 parágrafos e linhas já estavam feitos" in tab.banner.text()
    lines = [json.loads(line) for line in store.path.read_text(encoding="utf-8").splitlines()]
    ids = [r["id"] for r in lines if r["type"] == "proposal"]
    assert len(ids) == len(set(ids))
    fresh = GeneratedStore(tmp_path / "fresh.jsonl")
    generate(units_of_sources(project.jsonl_sources, project.bio_sources), fresh, [("template", template_proposer)])
    assert set(ids) == set(fresh.proposals)
    assert len(_show_generated(tab)) == len(ids)


def test_progress_words_and_an_estimate_only_once_something_is_done(qtbot, main_window, dataset_tab, wait_loaded):
    tab = dataset_tab
    wait_loaded(tab, lambda: _click(qtbot, tab.sample_button))
    select_visible_row(qtbot, tab, 0)
    chosen = tab.current_id()
    tab.editor.answer_edit.setPlainText("Uma resposta ainda por guardar.")  # unsaved when Gerar is clicked
    texts = []
    tab.work.generation_progress.connect(lambda *_: texts.append(tab.generation_bar.status_label.text()))
    _generate(qtbot, tab)
    assert tab.model.example(tab.model.row_of(chosen)).answer == "Uma resposta ainda por guardar."
    assert "0 de" in texts[0] and "a calcular o tempo que falta" in texts[0]  # no estimate from nothing
    assert all("faltam cerca de" in t for t in texts[1:]) and len(texts) > 2


@pytest.mark.slow
def test_the_base_model_proposes_on_the_model_thread(qtbot, portuguese, context, app_settings, project, tmp_path,
                                                     tiny_model_dir, sample_paths):
    """With the checkbox on, the base model chosen in Treino is loaded on the one MLX thread and asked."""
    from farense_studio.gui.main_window import MainWindow
    from farense_studio.gui.model_worker import ModelWorker

    bios = tmp_path / "bios"
    bios.mkdir()
    shutil.copy(sample_paths["bios"] / "hassan_nader.md", bios)
    project.add_bio_source(bios)
    project.settings["training"] = {"model": str(tiny_model_dir)}
    project.save()
    worker = ModelWorker()
    worker.start()
    window = MainWindow(context, app_settings, worker)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    tab = window.dataset_tab
    try:
        qtbot.waitUntil(lambda: tab.model.rowCount() > 0, timeout=30000)
        loaded = []
        worker.model_ready.connect(lambda base, _adapter: loaded.append(base))
        tab.generation_bar.model_check.setChecked(True)
        _generate(qtbot, tab, timeout=240000)
        assert loaded == [str(tiny_model_dir)]
        store = GeneratedStore.for_project(project)
        assert store.done and not tab.banner.text().startswith("A geração de perguntas falhou")
        assert {p.method for p in store.proposals.values()} >= {"template"}
        for proposal in store.proposals.values():  # whatever the random model wrote is grounded or rejected
            assert proposal.trains == (not proposal.reasons)
    finally:
        tab.shutdown()
        worker.shutdown()


def test_questions_from_a_line_the_user_mended_stop_training_until_generated_again(qtbot, main_window, dataset_tab,
                                                                                  wait_loaded, project):
    tab = dataset_tab
    wait_loaded(tab, lambda: _click(qtbot, tab.sample_button))
    _generate(qtbot, tab)
    store = GeneratedStore.for_project(project)
    rephrasing = next(p for p in store.proposals.values() if p.kind == "rephrasing")
    club = tab.model.example(tab.model.row_of(rephrasing.of))
    mended = club.answer + " Foi uma figura marcante do clube."
    tab.edit_example(club.id, club.question, mended)

    with qtbot.waitSignal(tab.data_prepared, timeout=60000):
        _click(qtbot, tab.prepare_button)
    texts = {(m[0]["content"], m[-1]["content"]) for m in _train_rows(project.path / "preparado")}
    assert (rephrasing.question, rephrasing.answer) not in texts  # the old answer no longer trains
    row = tab.model.row_of(rephrasing.example_id)
    assert tab.model.is_rejected(rephrasing.example_id)
    assert "mudou ou saiu do projeto" in tab.model.index(row, PROBLEMS).data()

    _generate(qtbot, tab)
    with qtbot.waitSignal(tab.data_prepared, timeout=60000):
        _click(qtbot, tab.prepare_button)
    texts = {(m[0]["content"], m[-1]["content"]) for m in _train_rows(project.path / "preparado")}
    assert (rephrasing.question, mended) in texts


def test_the_table_menu_accepts_and_rejects_chosen_generated_rows(qtbot, main_window, dataset_tab, wait_loaded):
    from PySide6.QtWidgets import QMenu

    tab = dataset_tab
    wait_loaded(tab, lambda: _click(qtbot, tab.sample_button))
    _generate(qtbot, tab)
    rows = _show_generated(tab)[:3]
    menu = QMenu()
    assert tab.review.add_actions(menu, [e.id for e in rows])
    accept, reject = menu.actions()
    assert (accept.text(), reject.text()) == ("Aceitar", "Rejeitar")
    reject.trigger()
    assert all(tab.model.is_rejected(e.id) for e in rows)
    assert tab.undo_stack.undoText() == "Rejeitar 3 perguntas geradas"
    accept.trigger()
    assert not any(tab.model.is_rejected(e.id) for e in rows)
    club = next(e for e in tab.model.examples() if e.origin == "qa")
    assert not tab.review.add_actions(QMenu(), [rows[0].id, club.id])  # a mixed choice keeps the usual menu


def test_a_club_question_moved_by_hand_takes_its_rephrasings_along(qtbot, main_window, dataset_tab, wait_loaded,
                                                                  project):
    """Passar para treino on a checking question: its generated rephrasings go with it at once (the table
    agrees with what Preparar dados will write), and undo brings them all back."""
    tab = dataset_tab
    wait_loaded(tab, lambda: _click(qtbot, tab.sample_button))
    _generate(qtbot, tab)
    generated = _show_generated(tab)
    club_id = next(e.of for e in generated if e.split == "valid")
    followers = [e.id for e in generated if e.of == club_id]
    split_texts = lambda: {tab.model.index(tab.model.row_of(i), SPLIT).data() for i in followers}  # noqa: E731
    assert split_texts() == {"verificação, por rever"}

    tab.set_split([club_id], "train")
    assert tab.model.example(tab.model.row_of(club_id)).split == "train"
    assert split_texts() == {"treino, por rever"}
    main_window.undo_action.trigger()
    assert tab.model.example(tab.model.row_of(club_id)).split == "valid"
    assert split_texts() == {"verificação, por rever"}
    main_window.redo_action.trigger()
    tab.documents_check.setChecked(False)  # plain rows: each is its question and answer
    with qtbot.waitSignal(tab.data_prepared, timeout=60000):
        _click(qtbot, tab.prepare_button)
    trained = {json.loads(line)["messages"][-2]["content"]
               for line in (project.path / "preparado" / "train.jsonl").read_text(encoding="utf-8").splitlines()}
    assert {tab.model.example(tab.model.row_of(i)).question for i in followers} <= trained
