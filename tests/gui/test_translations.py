"""The pt_PT and en catalogues agree with the GUI's source strings, and the .qm files are fresh."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "translations.py"


def test_catalogues_agree_with_the_sources():
    result = subprocess.run([sys.executable, str(SCRIPT), "check"], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, (
        "translations out of date; run `python scripts/translations.py update`, then fill the English "
        "ones (`missing --json`, `set --json FILE`):\n" + result.stdout + result.stderr)


def test_script_helpers_find_placeholders_and_read_json(tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import translations
    finally:
        sys.path.pop(0)
    assert translations.placeholders("{n} de {total} %1") == ["%1", "{n}", "{total}"]
    file = tmp_path / "t.json"
    file.write_text('{"Ctx": {"Olá": "Hello", "Vazio": ""}}', encoding="utf-8")
    assert translations._load_json_pairs(file) == [("Ctx", "Olá", "Hello"), ("Ctx", "Vazio", "")]
    file.write_text('[{"context": "Ctx", "source": "Olá", "translation": "Hi"}]', encoding="utf-8")
    assert translations._load_json_pairs(file) == [("Ctx", "Olá", "Hi")]


@pytest.mark.parametrize("lang", ["pt", "en"])
def test_compiled_catalogues_load(qapp, lang):
    from PySide6.QtCore import QTranslator

    from farense_studio.gui import i18n

    translator = QTranslator()
    assert translator.load(i18n.CATALOGUES[lang], str(i18n.translations_dir()))
    text = translator.translate("MainWindow", "Dados")
    assert text == {"pt": "Dados", "en": "Data"}[lang]
