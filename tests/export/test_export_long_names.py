"""A run whose folder name is as long as the file system allows still exports (issue 16, Runs)."""

from __future__ import annotations

import datetime as dt
import shutil

from farense_studio.engine.export import ExportOptions, export_run
from farense_studio.engine.runs import new_run_dir, short_name

DAY = dt.date(2026, 11, 24)


def test_export_of_a_run_with_a_250_character_name(tiny_run, tmp_path):
    runs = []
    for tail in ("a", "b"):  # two long names that differ only at the end
        run = tmp_path / "treinos" / ("É" + ("poca 2025-26 do Farense, e" * 12)[:248] + tail)
        shutil.copytree(tiny_run, run)
        runs.append(run)
    assert len(runs[0].name) == 250
    out = tmp_path / "exportacoes"
    out.mkdir()
    first = export_run(runs[0], out, ExportOptions(fuse=True, gguf=True), when=DAY)
    second = export_run(runs[1], out, when=DAY)
    again = export_run(runs[0], out, when=DAY)
    assert first.name != second.name and again.name == first.name + "-2"
    assert first.name.startswith("Época 2025-26 do Farense") and first.name.endswith("-2026-11-24")
    assert all(len(p.name.encode()) <= 255 for p in out.rglob("*"))
    assert (first / "adapters.safetensors").is_file() and any(first.glob("*.gguf"))
    assert not list(out.glob(".*"))


def test_a_long_run_label_gives_a_folder_that_can_be_made(tmp_path):
    label = "ensaio com as biografias todas dos jogadores do Farense " * 6
    folder = new_run_dir(tmp_path, label)
    folder.mkdir()
    assert len(folder.name.encode()) <= 255 and folder.name[16:].startswith("ensaio com as biografias")
    assert short_name(label) != short_name(label + "!") and short_name("curto") == "curto"
    assert len(short_name("é" * 200).encode()) <= 120
