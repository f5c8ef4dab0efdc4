"""The project folder: create, open, atomic saves, folders on demand, clear errors."""

from __future__ import annotations

import json

import pytest

from farense_studio.project import PROJECT_FILE, Project, ProjectError


def test_create_then_open_round_trips(tmp_path):
    folder = tmp_path / "Clube"
    project = Project.create(folder, "Arquivo do clube")
    assert (folder / PROJECT_FILE).is_file()
    qa = tmp_path / "qa.jsonl"
    qa.write_text("")
    assert project.add_jsonl_source(qa)
    assert not project.add_jsonl_source(qa), "the same file is listed once"
    project.add_bio_source(tmp_path)
    project.settings["max_seq_length"] = 384
    project.save()

    again = Project.open(folder)
    assert again.name == "Arquivo do clube"
    assert again.jsonl_sources == [str(qa.resolve())]
    assert again.bio_sources == [str(tmp_path.resolve())]
    assert again.settings == {"max_seq_length": 384}
    assert again.created == project.created
    # Opening the projeto.json itself works too.
    assert Project.open(folder / PROJECT_FILE).path == folder.resolve()


def test_folders_are_created_on_demand(tmp_path):
    project = Project.create(tmp_path / "p")
    assert not (project.path / "dados").exists()
    for attr, name in [("dados_dir", "dados"), ("preparado_dir", "preparado"),
                       ("treinos_dir", "treinos"), ("exportacoes_dir", "exportacoes")]:
        folder = getattr(project, attr)
        assert folder == project.path / name and folder.is_dir()


def test_save_is_atomic_and_leaves_no_temporary_files(tmp_path, monkeypatch):
    project = Project.create(tmp_path / "p", "Um")
    before = project.file.read_text(encoding="utf-8")

    def boom(*args, **kwargs):
        raise OSError("disk gone")

    monkeypatch.setattr("farense_studio.project.os.replace", boom)
    project.name = "Dois"
    with pytest.raises(OSError):
        project.save()
    assert project.file.read_text(encoding="utf-8") == before
    assert [p.name for p in project.path.iterdir()] == [PROJECT_FILE]


def test_json_is_readable_and_portuguese_is_kept(tmp_path):
    project = Project.create(tmp_path / "p", "Leões de Faro")
    data = json.loads(project.file.read_text(encoding="utf-8"))
    assert data["name"] == "Leões de Faro"
    assert "Leões" in project.file.read_text(encoding="utf-8"), "no \\u escapes"
    assert data["format"] == 1 and data["app_version"]


def test_errors_speak_plainly(tmp_path):
    with pytest.raises(ProjectError) as err:
        Project.open(tmp_path)
    assert err.value.code == "project_missing"
    assert "não é um projeto" in err.value.text("pt")
    assert "not a Farense Studio project" in err.value.text("en")

    Project.create(tmp_path / "p")
    with pytest.raises(ProjectError) as err:
        Project.create(tmp_path / "p")
    assert err.value.code == "project_exists"

    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / PROJECT_FILE).write_text("{not json")
    with pytest.raises(ProjectError) as err:
        Project.open(tmp_path / "bad")
    assert err.value.code == "project_invalid"
    assert "danificado" in err.value.text("pt")


def test_unknown_fields_and_missing_fields_are_tolerated(tmp_path):
    (tmp_path / PROJECT_FILE).write_text(json.dumps({"name": "X", "future_field": 1, "jsonl_sources": "oops"}))
    project = Project.open(tmp_path)
    assert project.name == "X" and project.jsonl_sources == [] and project.settings == {}
