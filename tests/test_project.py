"""The project folder: create, open, atomic saves, folders on demand, clear errors."""

from __future__ import annotations

import json
import os

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


def test_values_of_the_wrong_type_are_left_out_and_named(tmp_path):
    from farense_studio.project import DamagedFileError

    (tmp_path / PROJECT_FILE).write_text(json.dumps(
        {"name": "X", "bio_sources": ["/a", 3], "settings": {"training": "fast", "seed": 7, "sample": "yes",
                                                              "chat": {"compare": True, "choice": 5, "questions_file": None}}}))
    project = Project.open(tmp_path)
    assert project.bio_sources == [] and project.settings == {"seed": 7, "chat": {"compare": True}}
    texts = [DamagedFileError(project.file, reason).text("pt") for reason in project.damage]
    assert [t.split("(")[-1] for t in texts] == ["«bio_sources» devia ser uma lista)",
                                                 "«settings.training» devia ser um objeto)",
                                                 "«settings.sample» devia ser verdadeiro ou falso)",
                                                 "«settings.chat.choice» devia ser texto)"]
    assert Project.open(Project.create(tmp_path / "ok").path).damage == []


def test_damaged_copy_is_byte_identical_and_made_once(tmp_path):
    from farense_studio.project import keep_damaged_copy

    path = tmp_path / "edicoes.json"
    path.write_bytes(b"\xff\x00{")
    copy = keep_damaged_copy(path)
    assert copy.name.startswith("edicoes.danificado-") and copy.suffix == ".json"
    assert copy.read_bytes() == path.read_bytes() == b"\xff\x00{"
    assert keep_damaged_copy(path) == copy, "the same damage is copied once"
    path.write_bytes(b"[]")
    other = keep_damaged_copy(path)
    assert other != copy and other.read_bytes() == b"[]" and copy.read_bytes() == b"\xff\x00{"


def test_project_lock_is_shared_in_a_process_and_refused_to_another(tmp_path):
    import subprocess
    import sys

    from farense_studio.project import ProjectLock

    project = Project.create(tmp_path / "p")
    first, second = ProjectLock(project.path).acquire(), ProjectLock(project.path).acquire()
    script = ("from farense_studio.project import ProjectLock, ProjectError\n"
              f"try: ProjectLock({str(project.path)!r}).acquire()\n"
              "except ProjectError as e: print(e.code, e.params['pid'])\n"
              "else: print('acquired')")

    def other_process() -> str:
        return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.strip()

    assert other_process() == f"project_locked {os.getpid()}"
    first.release()
    assert other_process().startswith("project_locked"), "still held by the second holder"
    second.release()
    assert other_process() == "acquired"


def test_damaged_edits_raise_one_coded_error(tmp_path):
    from farense_studio.data.edits import Edits
    from farense_studio.project import DamagedFileError

    (tmp_path / "dados").mkdir()
    for content, reason in [(b"", "damage_empty"), (b"{", "damage_json"), (b"\xff", "damage_not_utf8"),
                            (b"7", "damage_not_object"), (b'{"splits": []}', "damage_wrong_type"),
                            (b'{"added": [{"messages": []}]}', "damage_shape")]:
        (tmp_path / "dados" / "edicoes.json").write_bytes(content)
        with pytest.raises(DamagedFileError) as err:
            Edits.load(tmp_path)
        assert (err.value.code, err.value.reason[0]) == ("edits_damaged", reason), content
        assert Edits.load_or_empty(tmp_path).empty


def test_run_files_of_the_wrong_shape_are_listed_not_raised(tmp_path):
    from farense_studio.engine.runs import list_runs

    run = tmp_path / "r1"
    (run / "checkpoints").mkdir(parents=True)
    (run / "config.yaml").write_text("preset: [unclosed\n")
    (run / "checkpoints" / "training_state.json").write_text(
        json.dumps({"state": "finished", "step": "abc", "total_steps": 4, "created": "yesterday"}))
    [info] = list_runs(tmp_path)
    assert (info.state, info.step, info.total_steps, info.preset) == ("finished", 0, 4, None)
    assert info.created == (run / "config.yaml").stat().st_mtime
    assert [(e.path.name, e.reason[0]) for e in info.damaged] == [
        ("training_state.json", "damage_wrong_type"), ("training_state.json", "damage_wrong_type"),
        ("config.yaml", "damage_yaml")]


def _another_install(tmp_path):
    """A copy of the bundled sample where another install of the app keeps it."""
    import shutil

    from farense_studio import paths

    other = tmp_path / "Farense Studio 0.9.app" / "Contents" / "Resources" / "sample_data"
    shutil.copytree(paths.sample_data_dir(), other)
    return other


def test_sample_data_of_another_install_is_followed_not_repeated(tmp_path):
    """The app moved (a new version, macOS running it from Downloads in a temporary folder): adding
    the sample again points its sources at this install's copy instead of listing both (which read
    210 examples as 420 with 210 repeats), and a club file that happens to be called qa.jsonl under
    a sample_data folder, with other lines, stays."""
    from farense_studio.project import sample_sources

    other = _another_install(tmp_path)
    club = tmp_path / "clube" / "sample_data" / "qa.jsonl"
    club.parent.mkdir(parents=True)
    club.write_text('{"messages": [{"role": "user", "content": "Quem?"}, '
                    '{"role": "assistant", "content": "O clube."}]}\n', encoding="utf-8")
    project = Project.create(tmp_path / "Exemplo")
    project.add_jsonl_source(other / "qa.jsonl")
    project.add_jsonl_source(club)
    project.add_bio_source(other / "biografias" / "jogadores")
    assert project.add_sample_data()
    [jsonl], [bios] = sample_sources()
    assert project.jsonl_sources == [str(jsonl.resolve()), str(club.resolve())]
    assert project.bio_sources == [str(bios.resolve())]
    assert not project.add_sample_data()  # nothing new the second time


def test_the_last_project_reopens_on_this_installs_sample_when_the_old_one_is_gone(tmp_path, monkeypatch):
    import shutil

    from farense_studio.gui.app import startup_project
    from farense_studio.project import sample_sources

    other = _another_install(tmp_path)
    project = Project.create(tmp_path / "Exemplo")
    project.add_jsonl_source(other / "qa.jsonl")
    project.add_bio_source(other / "biografias" / "jogadores")
    project.add_jsonl_source(tmp_path / "clube" / "perguntas.jsonl")  # a club file gone: reported, kept
    project.save()
    shutil.rmtree(tmp_path / "Farense Studio 0.9.app")  # the old place is gone

    class Settings:
        last_project = str(project.path)

    reopened = startup_project(Settings())
    [jsonl], [bios] = sample_sources()
    assert reopened.jsonl_sources == [str(jsonl.resolve()), str((tmp_path / "clube" / "perguntas.jsonl").resolve())]
    assert reopened.bio_sources == [str(bios.resolve())]
    assert Project.open(project.path).jsonl_sources == reopened.jsonl_sources  # saved
