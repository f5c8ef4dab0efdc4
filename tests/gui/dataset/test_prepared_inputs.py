"""Treino never trains on prepared data that no longer match Dados: an example fixed, a correction
made in Conversar or a generated question accepted after «Preparar dados» must be prepared first."""

from __future__ import annotations

import pytest

from farense_studio.data.edits import Edits
from farense_studio.data.prepared_inputs import INPUTS_FILE, prepared_is_current
from helpers.training import prepare_project as _prepare
from helpers.training import project_with_club_copy

pytestmark = pytest.mark.gui


@pytest.fixture
def project(tmp_path, sample_data_dir):
    return project_with_club_copy(tmp_path, sample_data_dir)


def test_prepared_data_are_current_until_an_edit_a_source_or_a_setting_changes(project, tmp_path):
    assert prepared_is_current(project) is None  # nothing prepared yet
    _prepare(project)
    assert prepared_is_current(project) is True
    # an answer fixed in Dados (or a correction from Conversar: the same edits file)
    edits = Edits.load(project)
    edits.changed["x"] = [{"role": "user", "content": "Quem?"}, {"role": "assistant", "content": "O Nader."}]
    edits.save()
    assert prepared_is_current(project) is False
    _prepare(project)
    assert prepared_is_current(project) is True
    # the club's file changed outside the app
    with open(tmp_path / "clube" / "qa.jsonl", "a", encoding="utf-8") as fh:
        fh.write('{"messages": [{"role": "user", "content": "Qual é o estádio?"}, '
                 '{"role": "assistant", "content": "O Estádio de São Luís."}]}\n')
    assert prepared_is_current(project) is False
    _prepare(project)
    # a biography, and the documents switch
    (tmp_path / "clube" / "biografias" / "jogadores" / "hassan_nader.md").write_text("Outro texto.\n", encoding="utf-8")
    assert prepared_is_current(project) is False
    _prepare(project)
    project.settings["documents_in_training"] = False
    assert prepared_is_current(project) is False


def test_data_prepared_elsewhere_or_a_damaged_record_cannot_say(project):
    from farense_studio.data.corpus import build_corpus, write_prepared

    _prepare(project)
    (project.preparado_dir / INPUTS_FILE).write_text("{não é JSON", encoding="utf-8")
    assert prepared_is_current(project) is None
    _prepare(project)
    # `farense-studio data prepare --out <projeto>/preparado` knows no project: the old record goes
    write_prepared(build_corpus(project.jsonl_sources, project.bio_sources), project.preparado_dir)
    assert not (project.preparado_dir / INPUTS_FILE).exists() and prepared_is_current(project) is None


def test_what_the_biography_reader_skips_does_not_count_and_a_single_biography_file_does(project, tmp_path):
    """Finder writes .DS_Store into a folder it shows: that is no change to the data. A biography
    source that is one file (not a folder) is read, so its changes count."""
    bios = tmp_path / "clube" / "biografias" / "jogadores"
    _prepare(project)
    (bios / ".DS_Store").write_bytes(b"\0\1Finder")
    assert prepared_is_current(project) is True
    single = tmp_path / "clube" / "jose_mota.md"
    single.write_text((bios / "jose_mota.md").read_text(encoding="utf-8"), encoding="utf-8")
    project.add_bio_source(single)
    _prepare(project)
    assert prepared_is_current(project) is True
    single.write_text("José Mota foi outro jogador.\n", encoding="utf-8")
    assert prepared_is_current(project) is False
