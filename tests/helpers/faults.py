"""Fault injection for child processes (see fault_plugin/sitecustomize.py)."""

from __future__ import annotations

import json
import os
from pathlib import Path

PLUGIN_DIR = Path(__file__).with_name("fault_plugin")
FAULTS_VAR = "FARENSE_TEST_FAULTS"


def with_faults(faults: dict | None, env: dict | None = None) -> dict:
    """A copy of env (os.environ by default) whose Python children build every Trainer with
    FaultInjection(**faults); without faults, one that injects nothing."""
    env = dict(os.environ if env is None else env)
    env.pop(FAULTS_VAR, None)
    if faults:
        env[FAULTS_VAR] = json.dumps(faults)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(PLUGIN_DIR), env.get("PYTHONPATH")) if p)
    return env
