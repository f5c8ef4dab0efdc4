"""20,000 examples: read in the background while the window keeps running, then searched, sorted
and unfiltered over all of them. How long each takes is bench/dataset_large.py's to measure."""

from __future__ import annotations

import pytest
from helpers.dataset import visible_rows, write_examples
from PySide6.QtCore import Qt, QTimer

from farense_studio.gui.dataset.model import TOKENS

pytestmark = [pytest.mark.gui, pytest.mark.slow]

N_EXAMPLES = 20_000


def test_twenty_thousand_examples_load_in_the_background_then_filter_and_sort(qtbot, dataset_tab, tmp_path):
    tab = dataset_tab
    big = tmp_path / "grande.jsonl"
    write_examples(big, N_EXAMPLES)
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1))

    timer.start()
    with qtbot.waitSignal(tab.loading_finished, timeout=120_000):
        tab.import_jsonl([big])
        # The call returns at once: the examples are read in another thread, the bar says so.
        assert tab.busy.isVisible()
        assert "A ler" in tab.busy.label.text()
    timer.stop()
    assert ticks, "the window's event loop ran while the examples were read"
    assert not tab.busy.isVisible()
    assert tab.model.rowCount() == N_EXAMPLES
    assert tab.count_label.text().endswith("exemplos") and " de " not in tab.count_label.text()

    tab.search_edit.setText("Hassan")
    tab.apply_filters_now()
    shown = visible_rows(tab)
    assert 0 < len(shown) < N_EXAMPLES
    assert all("hassan" in tab.model.haystack(tab.model.row_of(e.id)) for e in shown)
    assert " de " in tab.count_label.text()

    tab.table.sortByColumn(TOKENS, Qt.SortOrder.DescendingOrder)
    lengths = [tab.model.tokens(e.id) for e in visible_rows(tab)]
    assert lengths == sorted(lengths, reverse=True) and len(lengths) == len(shown)

    tab.clear_filters()
    assert tab.search_edit.text() == ""
    assert tab.proxy.rowCount() == N_EXAMPLES
