"""Keeps the computer from sleeping while a training run works (never keeps the display on).

macOS: ``caffeinate -i -w PID`` (idle sleep only; it also ends by itself if this process dies).
Linux: ``systemd-inhibit --what=sleep`` around a tiny waiter that ends with this process, when
systemd-inhibit exists. Elsewhere, or when the tool is missing, it quietly does nothing.
No Qt here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

WHO = "Farense Studio"
WHY = "A treinar um modelo / training a model"


def inhibit_command(pid: int | None = None, platform: str | None = None,
                    which=shutil.which) -> list[str] | None:
    """The command that holds the machine awake while ``pid`` lives, or None where there is none."""
    pid = os.getpid() if pid is None else pid
    platform = platform or sys.platform
    if platform == "darwin":
        if which("caffeinate"):
            # -i: no idle sleep. Not -d: the display may sleep as usual.
            return ["caffeinate", "-i", "-w", str(pid)]
        return None
    if platform.startswith("linux"):
        if which("systemd-inhibit"):
            # --what=sleep only ("idle" would also hold the screen saver and the display).
            waiter = f"while kill -0 {pid} 2>/dev/null; do sleep 5; done"
            return ["systemd-inhibit", "--what=sleep", f"--who={WHO}", f"--why={WHY}",
                    "--mode=block", "sh", "-c", waiter]
        return None
    return None


class KeepAwake:
    """start() / stop() (or a with-block); safe to call twice and when nothing is available."""

    def __init__(self) -> None:
        self._proc: subprocess.Popen | None = None

    @property
    def active(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def start(self) -> bool:
        """True when a sleep inhibitor is now held."""
        if self.active:
            return True
        command = inhibit_command()
        if command is None:
            return False
        try:
            self._proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL, start_new_session=True)
        except OSError:
            self._proc = None
            return False
        return True

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None or proc.poll() is not None:
            return
        proc.terminate()
        try:
            proc.wait(timeout=3)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=3)

    def __enter__(self) -> "KeepAwake":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
