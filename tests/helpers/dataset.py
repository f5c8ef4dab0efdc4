"""Shared by the Dados tests and bench/dataset_large.py: a large generated Q&A file, the table as seen."""

from __future__ import annotations

import json
import random
from pathlib import Path

WORDS = ("Farense", "Faro", "São Luís", "Hassan", "golo", "época", "Taça", "Leões", "Algarve", "campeonato")


def write_examples(path: Path, n: int, seed: int = 7) -> None:
    """n well-formed Q&A lines of varied length; "Hassan" is in some answers and not in others."""
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(n):
            question = f"Pergunta {i}: o que aconteceu em {1910 + i % 110} com o {rng.choice(WORDS)}?"
            answer = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 120)))
            handle.write(json.dumps({"messages": [{"role": "user", "content": question},
                                                  {"role": "assistant", "content": answer}]},
                                    ensure_ascii=False) + "\n")


def visible_rows(tab) -> list:
    """The examples the Dados table shows now, top to bottom (after filters and sorting)."""
    proxy = tab.proxy
    return [tab.model.example(proxy.mapToSource(proxy.index(r, 0)).row()) for r in range(proxy.rowCount())]


def select_visible_row(qtbot, tab, row: int) -> None:
    """Clicks the question cell of a shown row, as a person would."""
    from PySide6.QtCore import Qt

    from farense_studio.gui.dataset.model import QUESTION

    index = tab.proxy.index(row, QUESTION)
    tab.table.scrollTo(index)
    rect = tab.table.visualRect(index)
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
