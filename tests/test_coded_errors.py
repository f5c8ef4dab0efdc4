"""Every coded failure shares messages.CodedError: a stable code, its parameters, and a text in
Portuguese and English rendered at the edge (a person never reads a code or a traceback)."""

from __future__ import annotations

import pytest

from farense_studio import messages
from farense_studio.data.formats import FormatError
from farense_studio.engine.batches import DataError
from farense_studio.engine.checkpoints import CheckpointError, resolve_checkpoint
from farense_studio.engine.config import ConfigError, TrainConfig
from farense_studio.engine.evaluate import EvaluationError, load_questions
from farense_studio.engine.export import ExportError
from farense_studio.engine.generation import GenerationError
from farense_studio.engine.models import ModelError, resolve_model
from farense_studio.project import Project, ProjectError

CLASSES = (ModelError, ProjectError, ConfigError, DataError, CheckpointError, ExportError,
           GenerationError, EvaluationError, FormatError)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_one_base_for_every_coded_error(cls):
    assert issubclass(cls, messages.CodedError)
    made = cls("permission_denied", path="/projeto") if cls is not ConfigError else None
    if made is not None:
        assert made.code == "permission_denied" and made.params == {"path": "/projeto"}
        assert made.text("pt") == "Sem permissão para ler ou escrever: /projeto"
        assert made.text("en") == "Permission denied: /projeto"


def test_what_callers_catch_is_kept():
    """A missing checkpoint is still a FileNotFoundError, bad settings or data a ValueError."""
    assert issubclass(CheckpointError, FileNotFoundError)
    assert issubclass(ConfigError, ValueError) and issubclass(DataError, ValueError)


def test_a_project_folder_that_is_not_one(tmp_path):
    with pytest.raises(ProjectError) as info:
        Project.open(tmp_path)
    err = info.value
    assert err.code == "project_missing"
    assert "falta o projeto.json" in err.text("pt")
    assert str(err) == err.text("en") and "projeto.json is missing" in str(err)


def test_a_bad_setting_names_the_check(monkeypatch):
    monkeypatch.setattr(messages, "_forced_lang", "pt")
    with pytest.raises(ConfigError) as info:
        TrainConfig(epochs=0).validate()
    assert str(info.value) == "epochs >= 1"
    assert info.value.code == "invalid_config" and "epochs >= 1" in info.value.text("pt")


def test_a_run_without_checkpoints(tmp_path):
    with pytest.raises(FileNotFoundError) as info:
        resolve_checkpoint(tmp_path, "latest")
    assert isinstance(info.value, CheckpointError)
    assert str(tmp_path) in info.value.text("en") and info.value.text("pt") != info.value.text("en")


def test_a_model_that_is_not_there_reads_in_the_current_language(tmp_path, monkeypatch):
    monkeypatch.setattr(messages, "_forced_lang", "en")
    with pytest.raises(ModelError) as info:
        resolve_model(str(tmp_path / "nao" / "existe"))
    assert str(info.value) == info.value.text("en") and str(tmp_path) in str(info.value)


def test_codes_inside_parameters_are_rendered_in_the_same_language(tmp_path):
    questions = tmp_path / "perguntas.jsonl"
    questions.write_text('{"question": "Fundação?", "keywords": ["1910"]}\n{"question": \'x\'}\n',
                         encoding="utf-8")
    with pytest.raises(EvaluationError) as info:
        load_questions(questions)
    err = info.value
    reason = err.params["reason"]
    assert messages.render(f"json_{reason}", err.params, "pt") in err.text("pt")
    assert messages.render(f"json_{reason}", err.params, "en") in err.text("en")
    assert f"json_{reason}" not in err.text("pt")
