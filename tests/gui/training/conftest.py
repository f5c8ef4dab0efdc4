"""Fixtures of the Treino tab tests: a project with prepared data, the app's ModelWorker."""

from __future__ import annotations

import pytest

from helpers.training import write_prepared


@pytest.fixture
def project_context(tmp_path, qtbot):
    from farense_studio.gui.project_context import ProjectContext
    from farense_studio.project import Project

    project = Project.create(tmp_path / "projeto", "Teste")
    write_prepared(project.preparado_dir)
    context = ProjectContext()
    context.set_project(project)
    return context


@pytest.fixture
def worker(qtbot):
    from farense_studio.gui.model_worker import ModelWorker

    w = ModelWorker()
    w.start()
    yield w
    w.stop_training()
    assert w.shutdown(20000)
