"""Test-only: installs a FaultInjection into every Trainer of a child Python process.

Python imports ``sitecustomize`` at start-up from its path; tests.helpers.faults.with_faults puts
this folder first on the child's PYTHONPATH and the faults in FARENSE_TEST_FAULTS (JSON of
FaultInjection's fields), so `farense-studio train` children (and the members mlx.launch starts
for a group) run with the hook while the shipped command reads no faults at all.
"""

import json
import os

_spec = os.environ.get("FARENSE_TEST_FAULTS")
if _spec:
    from farense_studio.engine import trainer as _trainer

    _faults = _trainer.FaultInjection(**json.loads(_spec))
    _init = _trainer.Trainer.__init__

    def _init_with_faults(self, *args, **kwargs):
        if kwargs.get("faults") is None:
            kwargs["faults"] = _faults
        _init(self, *args, **kwargs)

    _trainer.Trainer.__init__ = _init_with_faults
