"""farense_studio.files: a file written whole or not at all, never half of one."""

from __future__ import annotations

import errno
import json
import os

import pytest

from farense_studio import files
from farense_studio.project import Project


def test_atomic_write_replaces_the_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "sub" / "relatorio.json"
    files.atomic_write_json(target, {"época": 1910}, newline=True)
    assert target.read_text(encoding="utf-8") == '{\n  "época": 1910\n}\n'
    files.atomic_write_text(target, "novo")
    assert target.read_text(encoding="utf-8") == "novo"
    assert sorted(p.name for p in target.parent.iterdir()) == ["relatorio.json"]


def test_a_failed_write_keeps_the_old_file_and_removes_the_temporary(tmp_path, monkeypatch):
    project = Project.create(tmp_path / "projeto", "Farense")
    before = project.file.read_bytes()

    def disk_full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    project.name = "Outro nome"
    with pytest.raises(OSError) as info:
        project.save()
    assert info.value.errno == errno.ENOSPC
    assert project.file.read_bytes() == before
    assert json.loads(before)["name"] == "Farense"
    assert [p.name for p in project.file.parent.iterdir() if p.name.endswith(".tmp")] == []
