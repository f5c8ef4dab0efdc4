"""One progress line for headless commands: rewritten in place on a terminal; in a log or a pipe,
a line every few seconds and the last one, never one per item (`data generate` printed 211)."""

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
        """Shows text; final=True for the last update (always written, the terminal line ended)."""
        if self.tty:
            self.stream.write("\r" + text + " " * max(len(self._shown) - len(text), 0) + ("\n" if final else ""))
            self._shown = "" if final else text
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
