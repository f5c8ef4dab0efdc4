"""An honest time left for a job that counts answers: measured from the answers done so far.

The first report only starts the clock (loading the model comes before it, and is not the
pace of answering), and so does a report of an answer that took no time (``measured=False``:
kept from an earlier check, engine.base_answers); from the next one on, the time left is the
measured seconds per answer times the answers still to do. No widgets here: the fact checks of
Treino and Conversar use it.
"""

from __future__ import annotations

import time
from typing import Callable

from PySide6.QtCore import QCoreApplication

from farense_studio.gui.training.status import duration


class TimeLeft:
    """Feed it (done, total) as answers arrive; update() says how long the rest should take."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.reset()

    def reset(self) -> None:
        self._start: tuple[float, int] | None = None
        self._left: float | None = None

    def update(self, done: int, total: int, measured: bool = True) -> float | None:
        """measured=False: this report took no time of its own (an answer kept from an earlier
        check): the clock starts again after it, and no time left is told until a measured one."""
        now = self.clock()
        if self._start is None or done < self._start[1] or not measured:
            self._start = (now, done)
            self._left = None
        elif done > self._start[1]:
            per_answer = (now - self._start[0]) / (done - self._start[1])
            self._left = max(0.0, per_answer * max(0, total - done))
        return self._left


def with_time_left(text: str, left: float | None) -> str:
    """'A perguntar ao modelo base (19 de 76) · faltam cerca de 3 min' (or '…' while measuring)."""
    if left is None:
        return text + "…"
    return QCoreApplication.translate("TimeLeft", "{progress} · faltam cerca de {left}").format(
        progress=text, left=duration(left))
