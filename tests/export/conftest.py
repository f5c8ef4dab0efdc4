"""Fixtures of the export tests: a finished tiny run and its export, made once per session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from tiny_run import make_tiny_run  # noqa: E402


@pytest.fixture(scope="session")
def tiny_run(tiny_model_dir, tmp_path_factory) -> Path:
    return make_tiny_run(tiny_model_dir, tmp_path_factory.mktemp("treinos") / "treino-tiny")


@pytest.fixture(scope="session")
def exported(tiny_run, tmp_path_factory) -> Path:
    from farense_studio.engine.export import export_run

    return export_run(tiny_run, tmp_path_factory.mktemp("exportacoes"))
