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


def watch_jobs(worker, kind: str | None = None) -> list:
    """The Jobs the worker takes from now on (of one kind, or all), in order."""
    jobs: list = []
    worker.submitted.connect(lambda job: (kind is None or job.kind == kind) and jobs.append(job))
    return jobs


def on_jobs(worker, kind: str, signal: str, callback) -> None:
    """Connects callback to the named signal of every Job of that kind the worker takes."""
    worker.submitted.connect(lambda job: job.kind == kind and getattr(job, signal).connect(callback))
