"""Qt's own dialogs speak European Portuguese where Qt has it, never an English gap."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from farense_studio.gui import i18n


def test_file_dialog_strings_in_portuguese_of_portugal(qapp):
    try:
        i18n.install("pt", qapp)
        translate = QCoreApplication.translate
        assert translate("QFileDialog", "File &name:") == "&Nome do Ficheiro:"  # pt_PT, not "arquivo"
        assert translate("QFileDialog", "Look in:") == "Procurar em:"  # pt_PT lacks it: pt_BR fills in
        assert translate("QFileDialog", "&Open") == "&Abrir"
        i18n.install("en", qapp)
        assert translate("QFileDialog", "Look in:") == "Look in:"
    finally:
        i18n.install("pt", qapp)
