"""Shared fixtures: tiny random models built once per session, a pinned message language, and a
finished tiny run with its export (export, serve and program tests), made once per session."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session", autouse=True)
def _isolated_app_dirs(tmp_path_factory):
    """Keep the app's data folder and settings out of the developer's home."""
    base = tmp_path_factory.mktemp("appdirs")
    os.environ["FARENSE_DATA_DIR"] = str(base / "data")
    os.environ["FARENSE_PROJECTS_DIR"] = str(base / "projects")
    os.environ["XDG_CONFIG_HOME"] = str(base / "config")
    yield


@pytest.fixture(autouse=True)
def _portuguese_messages():
    """Tests pin the language they assert on: Portuguese unless a test says otherwise."""
    from farense_studio import messages

    messages.set_language("pt")
    yield
    messages.set_language(None)


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory):
    """A tiny random-initialised Llama model folder (mlx-lm layout), built once."""
    from farense_studio.engine.tiny_model import build_tiny_model

    return build_tiny_model(tmp_path_factory.mktemp("tiny-llama"))


@pytest.fixture(scope="session")
def tiny_mistral_dir(tmp_path_factory):
    """A tiny random-initialised Mistral model folder, built once."""
    from farense_studio.engine.tiny_model import TinySpec, build_tiny_model

    return build_tiny_model(tmp_path_factory.mktemp("tiny-mistral"), TinySpec(arch="mistral", seed=1))


@pytest.fixture(scope="session")
def sample_data_dir():
    from farense_studio.paths import sample_data_dir

    return sample_data_dir()


@pytest.fixture(scope="session")
def tiny_run(tiny_model_dir, tmp_path_factory):
    from helpers.tiny_run import make_tiny_run

    return make_tiny_run(tiny_model_dir, tmp_path_factory.mktemp("treinos") / "treino-tiny")


@pytest.fixture(scope="session")
def exported(tiny_run, tmp_path_factory):
    from farense_studio.engine.export import export_run

    return export_run(tiny_run, tmp_path_factory.mktemp("exportacoes"))


@pytest.fixture(scope="session")
def documents_run(tiny_run, sample_data_dir, tmp_path_factory):
    """The tiny run, trained on prepared data of the sample project: its data_dir holds the
    index of the club's documents (Q&A lines and biographies) that `data prepare` writes."""
    from farense_studio.data import build_corpus, write_prepared
    from helpers.tiny_run import copy_run

    project = tmp_path_factory.mktemp("projeto-exemplo")
    corpus = build_corpus([sample_data_dir / "qa.jsonl"], [sample_data_dir / "biografias"])
    prepared = write_prepared(corpus, project / "preparado")
    return copy_run(tiny_run, project / "treinos" / "treino-com-documentos", prepared)
