"""Treinar waits for «Preparar dados» when Dados changed since the last preparation (an example
fixed, a correction made in Conversar): the training would not learn the change otherwise."""

from __future__ import annotations

import pytest

from farense_studio.data.edits import Edits
from helpers.training import make_tab, prepare_project, project_with_club_copy

pytestmark = [pytest.mark.gui]


def test_treinar_waits_for_the_data_changed_in_dados_to_be_prepared(qtbot, worker, tiny_model_dir, tmp_path,
                                                                    sample_data_dir):
    from farense_studio.gui.project_context import ProjectContext

    project = project_with_club_copy(tmp_path, sample_data_dir)
    prepare_project(project)
    context = ProjectContext()
    context.set_project(project)
    tab = make_tab(qtbot, context, worker, tiny_model_dir)
    tab.refresh_data()
    assert tab.train_button.isEnabled() and tab.status_label.text() == "Pronto para treinar."

    edits = Edits.load(project)  # a correction from Conversar lands in the same edits file
    edits.changed["x"] = [{"role": "user", "content": "Quem?"}, {"role": "assistant", "content": "O Nader."}]
    edits.save()
    tab.refresh_data()  # what showing the tab does
    assert not tab.train_button.isEnabled()
    assert tab.status_label.text().startswith("Os dados mudaram no separador Dados desde a última preparação")
    assert tab.data_label.text().endswith("Mudaram no separador Dados desde então.")

    prepare_project(project)
    tab.refresh_data()
    assert tab.train_button.isEnabled() and tab.status_label.text() == "Pronto para treinar."
    assert "Mudaram" not in tab.data_label.text()


def test_data_prepared_the_way_an_earlier_version_did_are_trained_but_treino_says_to_prepare_again(
        qtbot, worker, tiny_model_dir, tmp_path, sample_data_dir):
    """Data prepared before the plain copies (keep_plain) became the default still train; Treino says that
    preparing again trains the way that was measured, and stops saying it once they are."""
    import json

    from farense_studio.gui.project_context import ProjectContext

    project = project_with_club_copy(tmp_path, sample_data_dir)
    prepare_project(project)
    report = project.preparado_dir / "relatorio.json"
    written = json.loads(report.read_text(encoding="utf-8"))
    written["settings"]["documents_in_training"]["keep_plain"] = False  # as the earlier version wrote it
    report.write_text(json.dumps(written), encoding="utf-8")
    context = ProjectContext()
    context.set_project(project)
    tab = make_tab(qtbot, context, worker, tiny_model_dir)
    tab.refresh_data()
    assert tab.train_button.isEnabled() and tab.status_label.text() == "Pronto para treinar."
    assert tab.data_label.text().endswith("prepare-os de novo no separador Dados para treinar como foi medido.")

    prepare_project(project)
    tab.refresh_data()
    assert "prepare-os de novo" not in tab.data_label.text()
