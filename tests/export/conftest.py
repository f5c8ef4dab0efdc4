"""Fixtures of the export tests: a finished tiny run and its export, made once per session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from tiny_run import copy_run, make_tiny_run  # noqa: E402


@pytest.fixture(scope="session")
def tiny_run(tiny_model_dir, tmp_path_factory) -> Path:
    return make_tiny_run(tiny_model_dir, tmp_path_factory.mktemp("treinos") / "treino-tiny")


@pytest.fixture(scope="session")
def exported(tiny_run, tmp_path_factory) -> Path:
    from farense_studio.engine.export import export_run

    return export_run(tiny_run, tmp_path_factory.mktemp("exportacoes"))


@pytest.fixture(scope="session")
def documents_run(tiny_run, sample_data_dir, tmp_path_factory) -> Path:
    """The tiny run, trained on prepared data of the sample project: its data_dir holds the
    index of the club's documents (Q&A lines and biographies) that `data prepare` writes."""
    from farense_studio.data import build_corpus, write_prepared

    project = tmp_path_factory.mktemp("projeto-exemplo")
    corpus = build_corpus([sample_data_dir / "qa.jsonl"], [sample_data_dir / "biografias"])
    prepared = write_prepared(corpus, project / "preparado")
    return copy_run(tiny_run, project / "treinos" / "treino-com-documentos", prepared)

