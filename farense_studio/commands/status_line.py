"""One progress line for headless commands (`data generate`, `download`): rewritten in place on a
terminal; in a log or a pipe, a line every few seconds and the last one, never one per item
(`data generate` printed 211). `train` keeps its own bar (a line every 10% of a run in a log)."""

from __future__ import annotations

import sys
import time

LOG_INTERVAL_S = 2.0


class StatusLine:
    def __init__(self, stream=None, interval: float = LOG_INTERVAL_S, clock=time.monotonic):
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.interval, self.clock = interval, clock
        self._shown = ""
        self._last: float | None = None

    def show(self, text: str, final: bool = False) -> None:
        """Shows text; final=True for the last update (always written to a log; a terminal's line
        stays open until end())."""
        if self.tty:
            self.stream.write("\r" + text + " " * max(len(self._shown) - len(text), 0))
            self._shown = text
        else:
            now = self.clock()
            if not final and self._last is not None and now - self._last < self.interval:
                return
            self.stream.write(text + "\n")
            self._last = now
        self.stream.flush()

    def end(self) -> None:
        """Ends a terminal line left open (before other output)."""
        if self.tty and self._shown:
            self.stream.write("\n")
            self.stream.flush()
            self._shown = ""
