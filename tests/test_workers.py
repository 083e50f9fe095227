"""Worker pool: tasks fail alone when they exceed their limits, and the pool goes on."""

from __future__ import annotations

import os
import time

import pytest

from briefpress.builds.workers import Limits, TaskError, WorkerPool


def _work(payload):
    kind, value = payload
    if kind == "echo":
        return value
    if kind == "sleep":
        time.sleep(value)
        return value
    if kind == "allocate":
        return len(bytearray(value * 1024 * 1024))
    if kind == "fail":
        raise TaskError(value)
    if kind == "crash":
        os.kill(os.getpid(), 9)
    if kind == "pid":
        return os.getpid()
    raise ValueError(kind)


def _setup():
    return _work


def _run(payloads, jobs=2, limits=None):
    with WorkerPool(_setup, jobs, limits or Limits(1024, 30)) as pool:
        return {done.index: done for done in pool.run(payloads)}


def test_results_come_back_for_every_task():
    done = _run([("echo", n) for n in range(10)])
    assert [done[i].result for i in range(10)] == list(range(10))
    assert all(d.error is None for d in done.values())


def test_workers_persist_across_tasks():
    done = _run([("pid", None)] * 8, jobs=2)
    pids = {d.result for d in done.values()}
    assert len(pids) <= 2
    assert os.getpid() not in pids


def test_a_task_over_the_time_limit_fails_alone_and_the_rest_complete():
    started = time.monotonic()
    done = _run([("sleep", 30), ("echo", "a"), ("echo", "b"), ("sleep", 0.1)], limits=Limits(1024, 1.5))
    assert time.monotonic() - started < 10
    assert done[0].error == "exceeded the time limit of 1.5 s; stopped"
    assert [done[i].result for i in (1, 2, 3)] == ["a", "b", 0.1]


def test_a_task_over_the_memory_limit_fails_alone():
    done = _run([("allocate", 2048), ("allocate", 16), ("echo", "after")], jobs=1, limits=Limits(1024, 30))
    assert done[0].error == "exceeded the memory limit of 1024 MiB"
    assert done[1].result == 16 * 1024 * 1024
    assert done[2].result == "after"


def test_a_worker_that_dies_is_replaced():
    done = _run([("crash", None), ("echo", 1), ("echo", 2)], jobs=1)
    assert done[0].error == "the worker rendering it was killed by SIGKILL (out of memory?)"
    assert (done[1].result, done[2].result) == (1, 2)


def test_a_task_error_keeps_its_message_and_unexpected_errors_are_named():
    done = _run([("fail", "x/en/sheet: no font"), ("unknown", None)])
    assert done[0].error == "x/en/sheet: no font"
    assert done[1].error == "unexpected ValueError: unknown (run with --debug)"


def test_peak_memory_is_reported_per_worker():
    with WorkerPool(_setup, 2, Limits(1024, 30)) as pool:
        list(pool.run([("allocate", 64), ("echo", 1)]))
        assert pool.peak_rss_mib
        assert all(peak > 10 for peak in pool.peak_rss_mib.values())


@pytest.mark.parametrize("jobs", [1, 3])
def test_close_leaves_no_worker_behind(jobs):
    pool = WorkerPool(_setup, jobs, Limits(1024, 30))
    list(pool.run([("echo", n) for n in range(5)]))
    processes = [worker.process for worker in pool._workers]
    pool.close()
    assert processes
    assert not any(process.is_alive() for process in processes)


ORPHAN_SCRIPT = """
import sys, time
from briefpress.builds.workers import Limits, WorkerPool

def task(kind):
    if kind == "sleep":
        time.sleep(600)
    else:  # one long C call that holds the GIL for minutes: no thread of the worker runs meanwhile
        sum([[0]] * 300000, [])

pool = WorkerPool(lambda: task, 2, Limits(1024, 600)).start()
print(" ".join(str(worker.process.pid) for worker in pool._workers), flush=True)
for done in pool.run(["sleep", "hog"]):
    pass
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as handle:  # a zombie waiting for its new parent counts as gone
        return handle.read().rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads /proc")
def test_workers_end_when_their_parent_is_killed():
    import subprocess
    import sys

    with subprocess.Popen([sys.executable, "-c", ORPHAN_SCRIPT], stdout=subprocess.PIPE, text=True) as parent:
        assert parent.stdout is not None
        workers = [int(pid) for pid in parent.stdout.readline().split()]
        assert len(workers) == 2
        assert all(_alive(pid) for pid in workers)
        time.sleep(0.5)  # both are busy with a task now
        parent.kill()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers)
