"""20,000 examples load, filter and sort while the event loop keeps ticking."""

from __future__ import annotations

import json
import random
import time

import pytest
from PySide6.QtCore import QTimer

from farense_studio.gui.dataset_model import TOKENS

pytestmark = [pytest.mark.gui, pytest.mark.slow]

N_EXAMPLES = 20_000
MAX_STALL_MS = 250  # the goal is 100 ms; CI machines are shared, so the test allows some slack


class StallMeter:
    """A 10 ms QTimer; records how late each tick is (the event loop's longest stall)."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.gaps: list[float] = []
        self._last = 0.0

    def start(self) -> None:
        self._last = time.perf_counter()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append(now - self._last)
        self._last = now

    @property
    def worst_ms(self) -> float:
        return max(self.gaps, default=0.0) * 1000


def _write_examples(path, n):
    rng = random.Random(7)
    words = ("Farense", "Faro", "São Luís", "Hassan", "golo", "época", "Taça", "Leões", "Algarve", "campeonato")
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(n):
            question = f"Pergunta {i}: o que aconteceu em {1910 + i % 110} com o {rng.choice(words)}?"
            answer = " ".join(rng.choice(words) for _ in range(rng.randint(5, 120)))
            handle.write(json.dumps({"messages": [{"role": "user", "content": question},
                                                  {"role": "assistant", "content": answer}]},
                                    ensure_ascii=False) + "\n")


def test_twenty_thousand_examples_never_freeze_the_window(qtbot, dataset_tab, tmp_path, capsys):
    tab = dataset_tab
    big = tmp_path / "grande.jsonl"
    _write_examples(big, N_EXAMPLES)
    meter = StallMeter()
    meter.start()
    started = time.perf_counter()
    with qtbot.waitSignal(tab.loading_finished, timeout=120_000):
        tab.import_jsonl([big])
    load_s = time.perf_counter() - started
    qtbot.wait(100)
    load_stall = meter.worst_ms
    assert tab.model.rowCount() == N_EXAMPLES

    # Searching, sorting and clearing filters are done on the GUI thread: time them too.
    meter.gaps.clear()
    actions = {}
    for name, action in (("search", lambda: (tab.search_edit.setText("Hassan"), tab.apply_filters_now())),
                         ("sort", lambda: tab.table.sortByColumn(TOKENS, tab.table.horizontalHeader().sortIndicatorOrder())),
                         ("clear", tab.clear_filters)):
        t0 = time.perf_counter()
        action()
        actions[name] = (time.perf_counter() - t0) * 1000
        qtbot.wait(30)
    meter.stop()
    with capsys.disabled():
        print(f"\n[stall] {N_EXAMPLES} examples: load {load_s:.2f} s, largest event-loop stall while loading "
              f"{load_stall:.0f} ms; search {actions['search']:.0f} ms, sort {actions['sort']:.0f} ms, "
              f"clear filters {actions['clear']:.0f} ms")
    assert load_stall < MAX_STALL_MS
    assert max(actions.values()) < MAX_STALL_MS
    assert 0 < tab.proxy.rowCount() or tab.search_edit.text() == ""
