"""The bad-lines demo file is one menu click away (Dados → Fontes), not a path to type."""

from __future__ import annotations


def test_sources_menu_adds_the_bad_lines_demo(qtbot, dataset_tab, wait_loaded):
    tab = dataset_tab
    menu = tab.imports.sources_menu
    menu.aboutToShow.emit()  # the menu is rebuilt each time it opens
    [action] = [a for a in menu.actions() if a.text() == "Juntar o exemplo de linhas com problemas"]
    wait_loaded(tab, action.trigger)
    problems = tab.problems_panel.problems()
    assert {p.file for p in problems} == {"problemas_exemplo.jsonl"}
    assert {"invalid_json", "unknown_format", "empty_answer"} <= {p.code for p in problems}
    assert any(path.endswith("problemas_exemplo.jsonl") for path in tab.context.project.jsonl_sources)
