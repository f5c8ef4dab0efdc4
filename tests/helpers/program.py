"""Runs the inference program (or `farense-infer`) as the bot does: a clean environment, one
JSON object on stdout."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path


def clean_env(**extra) -> dict:
    """The bot's environment, with the Farense Studio under test importable (the same code as
    the in-process tests, wherever the installed one lies)."""
    import farense_studio

    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "FARENSE_INFER"))}
    env["PYTHONPATH"] = str(Path(farense_studio.__file__).resolve().parents[1])
    env.update(extra)
    return env


def run_program(command: list[str], *, cwd: Path, stdin: str | None = None, **env) -> tuple[dict, int, str]:
    """Runs it as the bot does and checks stdout is exactly one JSON object on one line."""
    proc = subprocess.run(command, cwd=cwd, env=clean_env(**env), capture_output=True, timeout=120,
                          input=(stdin or "").encode("utf-8"))
    out = proc.stdout.decode("utf-8")
    assert out.endswith("\n") and out.count("\n") == 1, (out, proc.stderr.decode()[-2000:])
    return json.loads(out), proc.returncode, out
