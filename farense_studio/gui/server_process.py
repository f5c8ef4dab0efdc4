"""`farense-studio serve` in its own process, started and watched from the Exportar tab.

A separate process, so the bot's server never shares the app's MLX thread or its memory; it
says it is ready by printing its address, read here from its output.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, Signal

from farense_studio.gui import i18n

_URL_RE = re.compile(r"http://127\.0\.0\.1:\d+")


def serve_command(run_dir: Path, which: str, port: int) -> list[str]:
    """The command that starts the local server, from a source install or the .app bundle."""
    args = ["serve", "--adapter", str(run_dir), "--checkpoint", which, "--port", str(port)]
    if getattr(sys, "frozen", False):
        return [sys.executable, *args]
    return [sys.executable, "-m", "farense_studio", *args]


class ServerProcess(QObject):
    """`farense-studio serve` in its own process; says when it is ready and at which address."""

    state_changed = Signal(str)  # "stopped" | "starting" | "running"
    ready = Signal(str)  # the URL
    failed = Signal(str)  # what the server said, in words

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.process: QProcess | None = None
        self.state = "stopped"
        self.url = ""
        self._stdout = ""
        self._stderr = ""

    def start(self, command: list[str]) -> None:
        self.stop()
        process = self.process = QProcess(self)
        environment = QProcessEnvironment.systemEnvironment()
        environment.insert("FARENSE_LANG", i18n.current())
        environment.insert("PYTHONUNBUFFERED", "1")
        process.setProcessEnvironment(environment)
        process.readyReadStandardOutput.connect(self._on_stdout)
        process.readyReadStandardError.connect(self._on_stderr)
        process.finished.connect(self._on_finished)
        process.errorOccurred.connect(self._on_error)
        self._stdout = self._stderr = ""
        self.url = ""
        self._set_state("starting")
        process.start(command[0], command[1:])

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is not None and process.state() != QProcess.ProcessState.NotRunning:
            process.finished.disconnect(self._on_finished)
            process.terminate()
            if not process.waitForFinished(3000):
                process.kill()
                process.waitForFinished(3000)
        self.url = ""
        self._set_state("stopped")

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.state_changed.emit(state)

    def _on_stdout(self) -> None:
        if self.process is None:
            return
        self._stdout += bytes(self.process.readAllStandardOutput()).decode("utf-8", "replace")
        match = _URL_RE.search(self._stdout)
        if match and self.state == "starting":
            self.url = match.group(0)
            self._set_state("running")
            self.ready.emit(self.url)

    def _on_stderr(self) -> None:
        if self.process is not None:
            text = bytes(self.process.readAllStandardError()).decode("utf-8", "replace")
            self._stderr = (self._stderr + text)[-4000:]

    def _last_words(self) -> str:
        lines = [line for line in self._stderr.splitlines() if line.strip() and not line.startswith("INFO")]
        return lines[-1] if lines else ""

    def _on_finished(self, *args) -> None:
        self.process = None
        self.url = ""
        self._set_state("stopped")
        words = self._last_words()
        if words:
            self.failed.emit(words)

    def _on_error(self, error) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self.process = None
            self._set_state("stopped")
            self.failed.emit(self.tr("Não foi possível iniciar o servidor."))
