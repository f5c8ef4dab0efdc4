"""Headless progress: one line rewritten on a terminal, a few lines in a log."""

import io

from farense_studio.commands.status_line import StatusLine


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_a_terminal_sees_one_line_rewritten_and_ended_once():
    screen = _Terminal()
    line = StatusLine(screen)
    line.show("A gerar perguntas: 9 de 10")
    line.show("A gerar: 10 de 10", final=True)
    line.end()  # before what the command says next
    # the shorter text blanks what the longer one left; the line is ended once
    assert screen.getvalue() == "\rA gerar perguntas: 9 de 10\rA gerar: 10 de 10" + " " * 9 + "\n"
    line.end()  # nothing left open: no empty line
    assert screen.getvalue().count("\n") == 1


def test_a_log_gets_a_line_every_interval_and_always_the_last():
    now = [0.0]
    log = io.StringIO()
    line = StatusLine(log, interval=2.0, clock=lambda: now[0])
    for step in range(1, 101):
        now[0] = step * 0.1  # 100 updates over 10 s
        line.show(f"{step} de 100", final=step == 100)
    lines = log.getvalue().splitlines()
    assert lines[0] == "1 de 100" and lines[-1] == "100 de 100" and 5 <= len(lines) <= 7
    assert "\r" not in log.getvalue()
