#!/usr/bin/env python3
"""The Dados tab with 20,000 examples: how long the window cannot react while they load, filter, sort.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/dataset_large.py [--examples N] [--repeat R]

Reading runs in a background thread: a 10 ms timer samples the event loop meanwhile
(gui_latency.TickSampler) and its largest lateness is the longest time the window could not
react. Searching, sorting and clearing the filters run on the GUI thread and are timed directly.
The peer, measured in the same run: the same timer with nothing happening (the machine's own
jitter; shared machines add stalls of their own). Each measurement repeats R times; the best
(a stall of ours shows in every attempt, a neighbour's does not) and the median are printed.
Prints figures and checks only that every example arrived (goal: every figure under 100 ms).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # helpers.dataset writes the examples, as the tests do

# bench/ is on the path
from gui_latency import TickSampler, percentile, run_idle, scratch_app_dirs, scratch_project  # noqa: E402
from helpers.dataset import write_examples  # noqa: E402


def wait_loaded(tab, action, timeout_ms: int = 300_000) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    tab.loading_finished.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    action()
    loop.exec()
    tab.loading_finished.disconnect(loop.quit)


def settle(ms: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    scratch = scratch_app_dirs("farense-dataset-large-")

    from farense_studio.gui.dataset.model import TOKENS
    from farense_studio.gui.dataset.tab import DatasetTab

    app, context = scratch_project(scratch)
    tab = DatasetTab(context)
    tab.resize(1280, 800)
    tab.show()
    big = scratch / "grande.jsonl"
    write_examples(big, args.examples)

    idle = run_idle(app, 2.0)
    loads = []  # (worst lateness ms, seconds)
    for attempt in range(args.repeat):
        sampler = TickSampler()
        sampler.recording = True
        sampler.start()
        started = time.perf_counter()
        wait_loaded(tab, (lambda: tab.import_jsonl([big])) if attempt == 0 else tab.reload)
        settle(100)  # the first paint of the new rows counts too
        sampler.stop()
        loads.append((max(sampler.lateness, default=0.0), time.perf_counter() - started))
        assert tab.model.rowCount() == args.examples, tab.model.rowCount()

    steps = {
        "search": lambda: (tab.search_edit.setText("Hassan"), tab.apply_filters_now()),
        "sort": lambda: tab.table.sortByColumn(TOKENS, tab.table.horizontalHeader().sortIndicatorOrder()),
        "clear": tab.clear_filters,
    }
    actions: dict[str, list[float]] = {}
    for name, action in steps.items():
        for _ in range(args.repeat):
            if name == "search":
                tab.clear_filters()
            elif name == "sort":
                tab.model._sorted = False  # sort again for real
            settle(20)
            t0 = time.perf_counter()
            action()
            actions.setdefault(name, []).append((time.perf_counter() - t0) * 1000)

    idle_max = max(idle, default=0.0)
    print(f"{args.examples:,} examples; timer lateness with nothing happening: p99 {percentile(idle, 99):.0f} ms, "
          f"max {idle_max:.0f} ms")
    stalls = [stall for stall, _ in loads]
    print(f"load (background): worst stall best {min(stalls):.0f} ms, median {statistics.median(stalls):.0f} ms "
          f"({min(stalls) / max(idle_max, 1.0):.1f}x the idle max); read in "
          + ", ".join(f"{secs:.2f}" for _, secs in loads) + " s")
    for name, times in actions.items():
        print(f"{name} (GUI thread): best {min(times):.0f} ms, median {statistics.median(times):.0f} ms "
              f"({min(times) / max(idle_max, 1.0):.1f}x the idle max)")
    tab.shutdown()
    tab.close()
    shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
