"""20,000 examples load, filter and sort while the event loop keeps ticking.

A 10 ms QTimer records how late each tick comes: the largest lateness is the longest time the
window could not react. Shared machines add their own stalls (other processes take the CPU), so
each measurement is repeated up to three times and the best attempt counts: a stall of ours
shows up in every attempt, a neighbour's does not. Every attempt is printed.
"""

from __future__ import annotations

import json
import random
import time

import pytest
from PySide6.QtCore import QTimer

from farense_studio.gui.dataset.model import TOKENS

pytestmark = [pytest.mark.gui, pytest.mark.slow]

N_EXAMPLES = 20_000
MAX_STALL_MS = 250  # the goal is 100 ms; the test allows slack for slow shared runners
ATTEMPTS = 3


class StallMeter:
    """A 10 ms QTimer; records how late each tick is (the event loop's longest stall)."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.gaps: list[float] = []
        self._last = 0.0

    def start(self) -> None:
        self.gaps.clear()
        self._last = time.perf_counter()
        self.timer.start()

    def stop(self) -> float:
        self.timer.stop()
        return self.worst_ms

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
    qtbot.wait(500)
    ambient = meter.stop()

    loads = []
    for attempt in range(ATTEMPTS):
        meter.start()
        started = time.perf_counter()
        with qtbot.waitSignal(tab.loading_finished, timeout=120_000):
            tab.import_jsonl([big]) if attempt == 0 else tab.reload()
        qtbot.wait(100)  # the first paint of the new rows counts too
        loads.append((meter.stop(), time.perf_counter() - started))
        assert tab.model.rowCount() == N_EXAMPLES
        if loads[-1][0] < MAX_STALL_MS:
            break

    # Searching, sorting and clearing the filters run on the GUI thread: time them too.
    actions: dict[str, list[float]] = {}
    steps = {
        "search": lambda: (tab.search_edit.setText("Hassan"), tab.apply_filters_now()),
        "sort": lambda: tab.table.sortByColumn(TOKENS, tab.table.horizontalHeader().sortIndicatorOrder()),
        "clear": tab.clear_filters,
    }
    for name, action in steps.items():
        for attempt in range(ATTEMPTS):
            if name == "search":
                tab.clear_filters()
            elif name == "sort":
                tab.model._sorted = False  # sort again for real
            qtbot.wait(20)
            t0 = time.perf_counter()
            action()
            actions.setdefault(name, []).append((time.perf_counter() - t0) * 1000)
            if actions[name][-1] < MAX_STALL_MS:
                break

    with capsys.disabled():
        print(f"\n[stall] {N_EXAMPLES} examples; idle-machine jitter {ambient:.0f} ms; load attempts: "
              + ", ".join(f"{stall:.0f} ms stall in {secs:.2f} s" for stall, secs in loads)
              + "; " + ", ".join(f"{name} " + "/".join(f"{t:.0f}" for t in times) + " ms"
                                 for name, times in actions.items()))
    assert min(stall for stall, _ in loads) < MAX_STALL_MS
    assert all(min(times) < MAX_STALL_MS for times in actions.values())
    tab.search_edit.setText("Hassan")
    tab.apply_filters_now()
    assert 0 < tab.proxy.rowCount() < N_EXAMPLES
