"""`farense-studio --self-test`: the real checks on this machine, and how the report is built."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest

from farense_studio import selftest

EXPECTED_CHECKS = ["imports", "mlx", "resources", "gui", "data", "tiny_model", "train",
                   "checkpoint", "resume", "generate", "demo_model"]


@pytest.mark.slow
@pytest.mark.realmodel
def test_self_test_passes_here_and_prints_json(tmp_path):
    """The same command the bundle smoke runs, from the source tree, in a child process."""
    env = dict(os.environ, HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"),
               QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-m", "farense_studio", "--self-test"], env=env,
                          capture_output=True, text=True, timeout=240)
    report = json.loads(proc.stdout)  # stdout is the JSON report and nothing else
    assert set(report) >= {"ok", "checks", "version", "frozen", "seconds"}
    assert [c["name"] for c in report["checks"]] == EXPECTED_CHECKS
    for check in report["checks"]:
        assert set(check) == {"name", "ok", "seconds", "detail"}
        assert isinstance(check["ok"], bool) and isinstance(check["detail"], str)
        assert check["seconds"] >= 0
    failed = {c["name"]: c["detail"] for c in report["checks"] if not c["ok"]}
    assert failed == {}, proc.stderr[-3000:]
    assert report["ok"] is True and report["frozen"] is False
    assert proc.returncode == 0
    assert "resume" in proc.stderr  # progress goes to stderr
    assert not (tmp_path / "config" / "FarenseStudio").exists()  # user settings untouched


def _fake_checks(monkeypatch, checks):
    monkeypatch.setattr(selftest, "CHECKS", checks)


def test_a_failure_fails_the_report_and_skips_what_depends_on_it(monkeypatch):
    def good(state):
        print("noise from a library")  # must not reach stdout
        return "fine"

    def bad(state):
        raise RuntimeError("no metal")

    _fake_checks(monkeypatch, [("a", good, ()), ("b", bad, ("a",)), ("c", good, ("b",)),
                               ("d", good, ("a",))])
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    status = selftest.run_self_test()
    report = json.loads(out.getvalue())
    assert status == 1 and report["ok"] is False
    rows = {c["name"]: c for c in report["checks"]}
    assert rows["a"]["ok"] and rows["d"]["ok"]
    assert not rows["b"]["ok"] and rows["b"]["detail"].startswith("RuntimeError: no metal")
    assert rows["c"] == {"name": "c", "ok": False, "seconds": 0.0, "detail": "skipped: b failed"}


def test_all_passing_returns_zero(monkeypatch, capsys):
    _fake_checks(monkeypatch, [("only", lambda state: "ok", ())])
    assert selftest.run_self_test() == 0
    assert json.loads(capsys.readouterr().out)["ok"] is True


def test_environment_is_restored(monkeypatch):
    monkeypatch.setenv("FARENSE_SETTINGS_FILE", "/keep/me.ini")
    monkeypatch.delenv("FARENSE_DATA_DIR", raising=False)
    seen = {}

    def look(state):
        seen["settings"] = os.environ["FARENSE_SETTINGS_FILE"]
        seen["data"] = os.environ["FARENSE_DATA_DIR"]
        seen["tmp"] = str(state.tmp)
        return ""

    _fake_checks(monkeypatch, [("look", look, ())])
    selftest.run_checks()
    assert seen["settings"].startswith(seen["tmp"]) and seen["data"].startswith(seen["tmp"])
    assert os.environ["FARENSE_SETTINGS_FILE"] == "/keep/me.ini"
    assert "FARENSE_DATA_DIR" not in os.environ
    assert not os.path.exists(seen["tmp"])  # the temporary folder is gone


def test_offscreen_only_without_a_display(monkeypatch):
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    assert selftest._needs_offscreen() is True
    monkeypatch.setenv("DISPLAY", ":0")
    assert selftest._needs_offscreen() is False
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    assert selftest._needs_offscreen() is False
