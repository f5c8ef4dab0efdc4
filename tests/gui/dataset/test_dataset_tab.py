"""The Dados tab driven as a person would: import, search, edit, undo, problems, prepare, reopen."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from helpers.dataset import select_visible_row, visible_rows

from farense_studio.gui.dataset.model import ANSWER, EXCLUDED, TOKENS

pytestmark = pytest.mark.gui


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_import_search_edit_undo_prepare_and_reopen(qtbot, main_window, dataset_tab, wait_loaded,
                                                    sample_paths, project, app_settings):
    tab = dataset_tab
    assert tab.middle.currentIndex() == 0, "an empty project shows the drop zone"
    originals = {p: _digest(p) for p in [sample_paths["qa"], *sample_paths["bios"].iterdir()]}

    # Import the sample data with one click.
    wait_loaded(tab, lambda: qtbot.mouseClick(tab.sample_button, Qt.MouseButton.LeftButton))
    total = tab.model.rowCount()
    assert total > 150 and tab.middle.currentIndex() == 1
    assert {e.origin for e in tab.model.examples()} == {"qa", "bio"}
    assert "exemplos" in tab.stats_panel.summary_text()
    assert tab.count_label.text() == f"{total} exemplos"

    # Search, then open the first result.
    qtbot.keyClicks(tab.search_edit, "Hassan Nader")
    qtbot.waitUntil(lambda: 0 < tab.proxy.rowCount() < total, timeout=2000)
    assert all("hassan nader" in tab.model.haystack(tab.model.row_of(e.id)) for e in visible_rows(tab))
    assert "de" in tab.count_label.text()
    select_visible_row(qtbot, tab, 0)
    chosen = tab.current_id()
    example = tab.model.example(tab.model.row_of(chosen))
    assert tab.editor.current_id() == chosen
    assert tab.editor.question() == example.question

    # Edit the answer and save it (Ctrl+S in the editor).
    new_answer = "Hassan Nader foi o melhor marcador da Primeira Liga em 1994-95, com 21 golos."
    tab.editor.answer_edit.setPlainText(new_answer)
    assert tab.editor.save_button.isEnabled()
    qtbot.mouseClick(tab.editor.save_button, Qt.MouseButton.LeftButton)
    row = tab.model.row_of(chosen)
    assert tab.model.example(row).answer == new_answer
    assert tab.model.index(row, ANSWER).data() == new_answer
    edits_file = project.path / "dados" / "edicoes.json"
    saved = json.loads(edits_file.read_text(encoding="utf-8"))
    assert saved["changed"][chosen][-1]["content"] == new_answer

    # Undo from the Editar menu puts the old answer back, in the table and in the project.
    assert main_window.undo_action.text() == "Anular «Editar exemplo»"  # not "Anular Editar exemplo"
    main_window.undo_action.trigger()
    assert main_window.redo_action.text() == "Refazer «Editar exemplo»"
    assert tab.model.example(tab.model.row_of(chosen)).answer == example.answer
    assert json.loads(edits_file.read_text(encoding="utf-8"))["changed"] == {}
    assert tab.editor.answer() == example.answer
    main_window.redo_action.trigger()
    assert tab.model.example(tab.model.row_of(chosen)).answer == new_answer

    # Move it between sets, add one of our own, remove another (and bring it back).
    other = "valid" if example.split == "train" else "train"
    before_stats = tab.stats_panel.stats()
    tab.set_split([chosen], other)
    assert tab.model.example(tab.model.row_of(chosen)).split == other
    assert tab.stats_panel.stats().valid == before_stats.valid + (1 if other == "valid" else -1)
    qtbot.mouseClick(tab.editor.new_button, Qt.MouseButton.LeftButton)
    # (QTest types ASCII only: accented text goes in as a paste would.)
    tab.editor.question_edit.insertPlainText("Qual é a alcunha do Farense?")
    tab.editor.answer_edit.insertPlainText("Os Leões de Faro.")
    qtbot.mouseClick(tab.editor.save_button, Qt.MouseButton.LeftButton)
    added = [e for e in tab.model.examples() if e.origin == "user"]
    assert len(added) == 1 and added[0].answer == "Os Leões de Faro."
    assert tab.current_id() == added[0].id
    victim = tab.model.example(0).id
    tab.remove_examples([victim])
    assert tab.model.row_of(victim) < 0
    tab.undo_stack.undo()
    assert tab.model.row_of(victim) >= 0
    assert tab.model.rowCount() == total + 1

    # Prepare: train/valid written into the project, the banner says where.
    with qtbot.waitSignal(tab.data_prepared, timeout=30000) as prepared:
        qtbot.mouseClick(tab.prepare_button, Qt.MouseButton.LeftButton)
    out = Path(prepared.args[0])
    assert out == project.path / "preparado"
    train = (out / "train.jsonl").read_text(encoding="utf-8").splitlines()
    valid = (out / "valid.jsonl").read_text(encoding="utf-8").splitlines()
    report = json.loads((out / "relatorio.json").read_text(encoding="utf-8"))
    copies = report["settings"]["documents_in_training"]["plain_copies"]  # each example with passages, also plain
    assert copies > 0 and len(train) + len(valid) == total + 1 + copies
    assert any(new_answer in line for line in train + valid)
    assert any("Os Leões de Faro." in line for line in train + valid)
    assert str(out) in tab.banner.text()
    assert (out / "relatorio.json").is_file()

    # The club's files were never touched.
    assert {p: _digest(p) for p in originals} == originals

    # Reopen the project in a fresh window: sources and edits come back.
    from farense_studio.gui.main_window import MainWindow
    from farense_studio.gui.project_context import ProjectContext

    main_window.close()
    context = ProjectContext()
    second = MainWindow(context, app_settings)
    qtbot.addWidget(second)
    wait_loaded(second.dataset_tab, lambda: second.open_project(project.path))
    again = second.dataset_tab
    assert again.model.rowCount() == total + 1
    assert again.model.example(again.model.row_of(chosen)).answer == new_answer
    assert again.model.example(again.model.row_of(chosen)).split == other
    assert any(e.origin == "user" for e in again.model.examples())
    assert app_settings.last_project == str(project.path)
    again.shutdown()


def test_bad_lines_show_in_the_problems_panel(qtbot, dataset_tab, wait_loaded, sample_paths, tmp_path):
    tab = dataset_tab
    bad = tmp_path / "clube.jsonl"
    good = {"messages": [{"role": "user", "content": "Onde joga o Farense?"},
                         {"role": "assistant", "content": "No Estádio de São Luís, em Faro."}]}
    empty_answer = {"question": "Em que ano foi fundado o Farense?", "answer": ""}
    bad.write_text("\n".join([json.dumps(good, ensure_ascii=False), "{isto não é JSON",
                              json.dumps(empty_answer, ensure_ascii=False)]) + "\n", encoding="utf-8")
    wait_loaded(tab, lambda: tab.import_jsonl([bad, sample_paths["problems"]]))

    problems = tab.problems_panel.problems()
    assert any(p.code == "invalid_json" and p.file == "clube.jsonl" and p.line == 2 for p in problems)
    assert "erros" in tab.problems_panel.heading.text()
    # The panel says where and why, in Portuguese.
    model = tab.problems_panel.model
    row = next(i for i, p in enumerate(problems) if p.code == "invalid_json" and p.file == "clube.jsonl")
    assert model.index(row, 0).data() == "clube.jsonl, linha 2"
    assert "JSON inválido" in model.index(row, 1).data()

    # Clicking a line that never became an example shows it as it is in the file.
    rect = tab.problems_panel.view.visualRect(model.index(row, 1))
    tab.problems_panel.view.scrollTo(model.index(row, 1))
    rect = tab.problems_panel.view.visualRect(model.index(row, 1))
    qtbot.mouseClick(tab.problems_panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.editor.mode() == tab.editor.LINE
    assert tab.editor.line_text.toPlainText() == "{isto não é JSON"

    # Clicking a bad example selects its row; it is out of the data until mended.
    row = next(i for i, p in enumerate(problems) if p.code == "empty_answer" and p.file == "clube.jsonl")
    tab.problems_panel.select_problem(row)
    example_id = problems[row].example_id
    assert tab.current_id() == example_id
    assert tab.model.is_rejected(example_id)
    assert tab.model.index(tab.model.row_of(example_id), 3).data() == "fora (erro)"

    # "Só com problemas" shows only flagged rows.
    tab.problems_check.setChecked(True)
    shown = visible_rows(tab)
    assert shown and all(tab.model.problems_of(e.id) for e in shown)
    tab.problems_check.setChecked(False)

    # Writing the answer mends it: the problem goes away and it joins a set.
    tab.select_example(example_id)
    tab.editor.answer_edit.setPlainText("Em 1910.")
    tab.editor.commit()
    assert not tab.model.is_rejected(example_id)
    assert tab.model.example(tab.model.row_of(example_id)).split in ("train", "valid")
    assert not any(p.example_id == example_id for p in tab.problems_panel.problems())
    tab.undo_stack.undo()
    assert tab.model.is_rejected(example_id)


def test_files_with_the_same_name_are_told_apart(qtbot, dataset_tab, wait_loaded, tmp_path):
    tab = dataset_tab
    files = []
    for season, bad in (("2023", "{falta uma vírgula: 1 2}"), ("2024", "{outra linha estragada")):
        (tmp_path / season).mkdir()
        path = tmp_path / season / "qa.jsonl"
        row = {"question": f"Quem treinou o Farense em {season}?", "answer": f"O treinador de {season}."}
        path.write_text(json.dumps(row, ensure_ascii=False) + "\n" + bad + "\n", encoding="utf-8")
        files.append((path, bad))
    wait_loaded(tab, lambda: tab.import_jsonl([path for path, _ in files]))

    sources = {e.source for e in tab.model.examples()}
    assert {"2023/qa.jsonl", "2024/qa.jsonl"} <= sources
    problems = tab.problems_panel.problems()
    model = tab.problems_panel.model
    for season, (path, bad) in zip(("2023", "2024"), files):
        row = next(i for i, p in enumerate(problems) if p.file == f"{season}/qa.jsonl")
        assert model.index(row, 0).data() == f"{season}/qa.jsonl, linha 2"
        tab.problems_panel.select_problem(row)
        assert tab.editor.line_text.toPlainText() == bad  # the line of that file, not of its namesake


def test_filters_by_origin_and_split(qtbot, dataset_tab, wait_loaded):
    tab = dataset_tab
    wait_loaded(tab, tab.use_sample_data)
    tab.origin_combo.setCurrentIndex(tab.origin_combo.findData("bio"))
    assert tab.proxy.rowCount() > 0 and all(e.origin == "bio" for e in visible_rows(tab))
    tab.split_combo.setCurrentIndex(tab.split_combo.findData("valid"))
    assert all(e.origin == "bio" and e.split == "valid" for e in visible_rows(tab))
    tab.split_combo.setCurrentIndex(tab.split_combo.findData(EXCLUDED))
    assert tab.proxy.rowCount() == 0
    tab.clear_filters()
    assert tab.proxy.rowCount() == tab.model.rowCount()


def test_sorting_keeps_the_selection(qtbot, dataset_tab, wait_loaded):
    tab = dataset_tab
    wait_loaded(tab, tab.use_sample_data)
    select_visible_row(qtbot, tab, 3)
    chosen = tab.current_id()
    tab.table.sortByColumn(TOKENS, Qt.SortOrder.DescendingOrder)
    lengths = [tab.model.tokens(e.id) for e in visible_rows(tab)]
    assert lengths == sorted(lengths, reverse=True)
    assert tab.current_id() == chosen
    assert tab.selected_ids() == [chosen]


def test_drag_and_drop_imports_files_and_folders(qtbot, dataset_tab, wait_loaded, sample_paths, project, tmp_path):
    tab = dataset_tab
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(sample_paths["qa"])), QUrl.fromLocalFile(str(sample_paths["bios"]))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    wait_loaded(tab, lambda: tab.dropEvent(event))
    assert project.jsonl_sources == [str(sample_paths["qa"].resolve())]
    assert project.bio_sources == [str(sample_paths["bios"].resolve())]
    assert tab.model.rowCount() > 150

    stray = tmp_path / "notas.docx"
    stray.write_bytes(b"x")
    tab.handle_dropped_paths([stray])
    assert "notas.docx" in tab.banner.text()


def test_table_model_passes_qtmodeltester(qtmodeltester, dataset_tab, wait_loaded, sample_paths):
    tab = dataset_tab
    wait_loaded(tab, lambda: tab.import_jsonl([sample_paths["qa"], sample_paths["problems"]]))
    qtmodeltester.check(tab.model)
    tab.search_edit.setText("farense")
    tab.apply_filters_now()
    qtmodeltester.check(tab.proxy)
    qtmodeltester.check(tab.problems_panel.model)


def test_token_lengths_use_the_chosen_models_tokenizer(qtbot, dataset_tab, context, wait_loaded, tmp_path,
                                                       sample_paths):
    """Until a model is chosen lengths are an estimate (labelled); then its tokenizer.json counts."""
    from tokenizers import Tokenizer
    from tokenizers.models import WordLevel
    from tokenizers.pre_tokenizers import Whitespace

    tab = dataset_tab
    wait_loaded(tab, lambda: tab.import_jsonl([sample_paths["qa"]]))
    assert tab.model.headerData(TOKENS, Qt.Orientation.Horizontal) == "≈ Tokens"
    assert tab.stats_panel.max_length() == 512

    words = {"[UNK]": 0}
    for example in tab.model.examples():
        for message in example.messages:
            for word in message["content"].split():
                words.setdefault(word, len(words))
    tokenizer = Tokenizer(WordLevel(words, unk_token="[UNK]"))
    tokenizer.pre_tokenizer = Whitespace()
    model_dir = tmp_path / "modelo"
    model_dir.mkdir()
    tokenizer.save(str(model_dir / "tokenizer.json"))

    wait_loaded(tab, lambda: context.update_settings(training={"model": str(model_dir), "preset": "Rápido"}))
    assert tab.model.headerData(TOKENS, Qt.Orientation.Horizontal) == "Tokens"
    assert tab.stats_panel.max_length() == 384, "the Rápido preset trains on 384 tokens"
    example = tab.model.example(0)
    expected = sum(len(tokenizer.encode(m["content"], add_special_tokens=False).ids) + 4 for m in example.messages)
    assert tab.model.tokens(example.id) == expected


def test_removing_several_rows_and_undoing_puts_them_back_in_place(qtbot, dataset_tab, wait_loaded, sample_paths):
    tab = dataset_tab
    wait_loaded(tab, lambda: tab.import_jsonl([sample_paths["qa"]]))
    order = [e.id for e in tab.model.examples()]
    picked = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in (1, 2, 4):
        tab.table.selectionModel().select(tab.proxy.index(row, 0), picked)
    assert tab.selected_ids() == [order[1], order[2], order[4]]
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert [e.id for e in tab.model.examples()] == [i for i in order if i not in (order[1], order[2], order[4])]
    assert tab.undo_stack.undoText() == "Remover 3 exemplos"
    tab.undo_stack.undo()
    assert [e.id for e in tab.model.examples()] == order
