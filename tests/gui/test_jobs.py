"""gui.jobs: one Job handle for background work, followed by signals or awaited in an async flow
on the qasync loop; the thread pool behind plain work."""

from __future__ import annotations

import gc
import threading
import time

import pytest

from farense_studio.engine.jobs import JobContext
from farense_studio.gui.jobs import JobError, ThreadPool
from helpers.qt_jobs import run_async, wait_settled

pytestmark = pytest.mark.gui


@pytest.fixture
def pool():
    pool = ThreadPool(max_threads=2)
    yield pool
    pool.shutdown(5.0)


def counting(n: int, pause: float = 0.0):
    def body(ctx: JobContext):
        for i in range(1, n + 1):
            ctx.progress((i, n))
            time.sleep(pause)
        return threading.current_thread().name

    return body


def test_a_job_reports_to_receivers_connected_after_it_started(qtbot, pool):
    job = pool.submit(counting(3), "count", min_interval_s=0.0)
    time.sleep(0.2)  # the body has long finished on its thread before anyone listens
    seen, started = [], []
    job.started.connect(lambda: started.append(True))
    job.on(progressed=seen.append, finished=lambda name: seen.append(("done", name)))
    wait_settled(qtbot, job)
    assert started == [True]
    assert seen == [(1, 3), (2, 3), (3, 3), ("done", job.result)]
    assert job.result.startswith("farense-pool-") and job.error is None


def test_progress_is_throttled_but_its_end_always_arrives(qtbot, pool):
    job = pool.submit(counting(400), "count")  # about 20 reports a second at most
    seen = []
    job.progressed.connect(seen.append)
    wait_settled(qtbot, job)
    assert seen[-1] == (400, 400) and len(seen) < 50


def test_an_async_flow_awaits_one_job_after_another(qtbot, pool):
    async def flow():
        first = await pool.submit(lambda ctx: 20, "first")
        second = await pool.submit(lambda ctx: first + 22, "second")
        return second

    assert run_async(qtbot, flow()) == 42


def test_a_failure_is_raised_where_it_is_awaited_and_said_by_failed(qtbot, pool):
    def broken(ctx):
        raise ValueError("ficheiro ilegível")

    job = pool.submit(broken, "broken")
    texts = []
    job.failed.connect(texts.append)
    with pytest.raises(JobError) as error:
        run_async(qtbot, job)
    assert error.value.text == "ficheiro ilegível" and not error.value.cancelled
    assert texts == ["ficheiro ilegível"]


def test_cancel_stops_the_body_at_its_next_check(qtbot, pool):
    steps = []

    def long(ctx):
        for i in range(1000):
            ctx.check()
            steps.append(i)
            time.sleep(0.005)
        return "acabou"

    job = pool.submit(long, "long")
    qtbot.waitUntil(lambda: len(steps) >= 3, timeout=5000)
    job.cancel()
    with pytest.raises(JobError) as error:
        run_async(qtbot, job)
    assert error.value.cancelled and error.value.text == ""
    assert len(steps) < 1000


def test_a_pool_job_leaves_the_collector_on_and_says_its_error(qtbot, pool):
    def read(ctx: JobContext):
        assert gc.isenabled()  # the collector is never switched off for the whole process
        for i in range(5):
            ctx.progress((i + 1, 5))
        return 10

    job = pool.submit(read)
    done, progress = [], []
    job.progressed.connect(progress.append)
    job.finished.connect(done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    assert done == [10] and job.result == 10 and progress[-1] == (5, 5)
    assert gc.isenabled()

    failed = []
    bad = pool.submit(lambda ctx: int("x"))
    bad.failed.connect(failed.append)
    qtbot.waitUntil(lambda: bool(failed), timeout=5000)
    assert failed == ["invalid literal for int() with base 10: 'x'"] and not bad.error.cancelled


def test_a_finished_job_is_not_kept_alive_by_its_receivers(qtbot, pool):
    import weakref

    job = pool.submit(lambda ctx: "feito", "done")
    job.finished.connect(lambda result, j=job: j.kind)  # a receiver that holds the job
    gone = weakref.ref(job)
    wait_settled(qtbot, job)
    del job
    gc.collect()
    assert gone() is None
