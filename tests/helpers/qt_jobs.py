"""Driving gui.jobs from pytest-qt: await a Job (or an async flow) while qtbot spins Qt's loop."""

from __future__ import annotations

from typing import Any


def run_async(qtbot, awaitable, timeout: int = 10000) -> Any:
    """Awaits ``awaitable`` (a Job or a coroutine) on the qasync loop and returns its result (or
    raises what it raised), spinning Qt's event loop as the app's main loop would."""
    from farense_studio.gui.jobs import event_loop

    async def main():
        return await awaitable

    task = event_loop().create_task(main())
    qtbot.waitUntil(task.done, timeout=timeout)
    return task.result()


def wait_settled(qtbot, job, timeout: int = 10000):
    """Waits until the job's finished or failed signal was delivered; returns the job."""
    qtbot.waitUntil(lambda: job.settled, timeout=timeout)
    return job
