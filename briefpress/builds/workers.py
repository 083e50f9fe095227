"""Persistent forked workers, each bounded in memory and in time per task.

A worker is forked from the building process, which has already imported
WeasyPrint, so it starts warm; it keeps its own state (one font configuration)
across tasks. Each worker caps its address space (``RLIMIT_AS``); the parent
kills a worker whose task runs past the time limit. Either way the task fails
alone, with a message naming it, a new worker takes the dead one's place, and
the other tasks go on.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from briefpress.errors import SetupError

try:
    import resource
except ImportError:  # Windows, and sandboxes without it: unsupported_platform() says so
    resource = None  # type: ignore[assignment]

MiB = 1024 * 1024


def unsupported_platform() -> str | None:
    """Return why this system cannot run the workers (no fork() or no resource module), or None."""
    if resource is not None and hasattr(os, "fork"):
        return None
    lacking = "fork()" if not hasattr(os, "fork") else "the resource module"
    return (
        f"briefpress needs a POSIX system with fork() and the resource module (Linux or macOS); "
        f"this one ({sys.platform}) lacks {lacking}"
    )


@dataclass(frozen=True)
class Limits:
    """What one task may use: address space in MiB (0: unbounded), wall time in seconds."""

    memory_mib: int = 4096
    seconds: float = 300.0


@dataclass(frozen=True)
class Done:
    """A finished task: its index, its result or the reason it failed, and its worker's peak memory."""

    index: int
    result: Any = None
    error: str | None = None
    worker: int = 0
    peak_rss_mib: float = 0.0


class TaskError(Exception):
    """What a task raises to fail with a message of its own (no traceback)."""

    result: Any = None  # what the failed task leaves for a look (an overflowing layout's PDF)


Work = Callable[[Any], Any]
Setup = Callable[[], Callable[[Any], Any]]


def _serve(
    conn: Connection, parent_pid: int, from_main_thread: bool, setup: Setup, limits: Limits, debug: bool
) -> None:
    """Run tasks from ``conn`` until it closes or the parent dies; never return into the parent's code."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl-C stops
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    code = 0
    try:
        _die_with(parent_pid, from_main_thread)
        if limits.memory_mib:
            size = limits.memory_mib * MiB
            resource.setrlimit(resource.RLIMIT_AS, (size, size))
        work = setup()
        while True:
            try:
                task = conn.recv()
            except EOFError:
                break
            if task is None:
                break
            index, payload = task
            _cap_cpu(limits)
            conn.send(_run(work, index, payload, limits, debug))
    except BaseException:
        code = 1
    finally:
        os._exit(code)


PARENT_POLL_SECONDS = 0.5
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _die_with(parent_pid: int, from_main_thread: bool) -> None:
    """End this worker when the process that forked it is gone, even by ``kill -9``.

    A worker blocked on its pipe would never see the end of it: every worker
    inherits the write ends of its siblings' pipes. Three guards, each for
    what the others miss:

    - on Linux the kernel kills the worker with its parent (``PR_SET_PDEATHSIG``),
      when the parent's main thread forked it (the signal follows the forking
      thread, and the preview forks replacements from others);
    - a thread watches the parent's PID, which changes when the worker is
      re-parented; it needs the GIL, which a long C call can hold;
    - each task's CPU time is capped (``_cap_cpu``), which the kernel enforces.
    """
    if from_main_thread and sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(PARENT_POLL_SECONDS)
        os._exit(1)

    if os.getppid() != parent_pid:
        os._exit(1)
    threading.Thread(target=watch, name="briefpress-parent-watch", daemon=True).start()



def _cap_cpu(limits: Limits) -> None:
    """Let the kernel stop a task that runs past its time limit in CPU time, should the parent be gone.

    The soft limit is this worker's CPU time so far plus the task's limit and
    a margin: a parent alive kills the task first, at the wall-clock limit.
    """
    used = resource.getrusage(resource.RUSAGE_SELF)
    seconds = int(used.ru_utime + used.ru_stime + limits.seconds) + 10
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if hard != resource.RLIM_INFINITY:
        seconds = min(seconds, hard)
    try:
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, hard))
    except (ValueError, OSError):
        pass


def _run(work: Work, index: int, payload: Any, limits: Limits, debug: bool) -> Done:
    try:
        result, error = work(payload), None
    except MemoryError:
        result, error = None, f"exceeded the memory limit of {limits.memory_mib} MiB"
    except TaskError as failure:
        result, error = failure.result, str(failure)
    except Exception as unexpected:
        detail = traceback.format_exc() if debug else f"{type(unexpected).__name__}: {unexpected}"
        result, error = None, f"unexpected {detail} (run with --debug)"
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return Done(index, result, error, os.getpid(), peak)


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    task: int | None = None
    started: float = 0.0


class WorkerPool:
    """A fixed number of forked workers that run tasks and survive failures.

    ``setup`` runs once in each new worker and returns the function that does
    a task; results come back as they finish (``Done.index`` says which).
    """

    def __init__(self, setup: Setup, jobs: int, limits: Limits, debug: bool = False) -> None:
        problem = unsupported_platform()
        if problem:
            raise SetupError(problem)
        self.setup = setup
        self.jobs = max(1, jobs)
        self.limits = limits
        self.debug = debug
        self._context = multiprocessing.get_context("fork")
        self._workers: list[_Worker] = []
        self.peak_rss_mib: dict[int, float] = {}

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> WorkerPool:
        """Fork every worker now, while this process has a single thread (a server or watcher starts threads)."""
        while len(self._workers) < self.jobs:
            self._workers.append(self._spawn())
        return self

    def _spawn(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_serve,
            args=(child, os.getpid(), threading.current_thread() is threading.main_thread(), self.setup, self.limits,
                  self.debug),
            daemon=True,
            name="briefpress-worker",
        )
        process.start()
        child.close()
        return _Worker(process, parent)

    def run(self, payloads: Iterable[Any], started: Callable[[int], None] | None = None) -> Iterator[Done]:
        """Run every payload; yield each task's Done as it finishes.

        ``started(index)`` is called when a task goes to a worker.
        """
        pending = deque(enumerate(payloads))
        while len(self._workers) < min(self.jobs, len(pending)):
            self._workers.append(self._spawn())
        busy: dict[Connection, _Worker] = {}
        while pending or busy:
            for worker in self._workers:
                if worker.task is None and pending:
                    index, payload = pending.popleft()
                    worker.conn.send((index, payload))
                    worker.task, worker.started = index, time.monotonic()
                    busy[worker.conn] = worker
                    if started:
                        started(index)
            timeout = min(worker.started + self.limits.seconds for worker in busy.values()) - time.monotonic()
            for ready in wait(list(busy), timeout=max(timeout, 0)):
                assert isinstance(ready, Connection)
                worker = busy.pop(ready)
                task = worker.task
                assert task is not None
                try:
                    done: Done = ready.recv()
                except (EOFError, OSError):
                    done = Done(task, error=self._died(worker))
                    self._replace(worker)
                else:
                    self.peak_rss_mib[done.worker] = done.peak_rss_mib
                worker.task = None
                yield done
            now = time.monotonic()
            for conn, worker in list(busy.items()):
                if now - worker.started >= self.limits.seconds:
                    del busy[conn]
                    task = worker.task
                    assert task is not None
                    worker.process.kill()
                    worker.process.join()
                    self._replace(worker)
                    yield Done(task, error=f"exceeded the time limit of {self.limits.seconds:g} s; stopped")

    def _died(self, worker: _Worker) -> str:
        worker.process.join(5)
        code = worker.process.exitcode
        if code is not None and code < 0:
            name = signal.Signals(-code).name
            hint = " (out of memory?)" if -code == signal.SIGKILL else ""
            return f"the worker rendering it was killed by {name}{hint}"
        return f"the worker rendering it stopped (exit code {code})"

    def _replace(self, worker: _Worker) -> None:
        worker.conn.close()
        position = self._workers.index(worker)
        self._workers[position] = self._spawn()

    def close(self) -> None:
        """Stop every worker: politely when idle, by force when busy."""
        for worker in self._workers:
            try:
                if worker.task is None:
                    worker.conn.send(None)
            except OSError:
                pass
        deadline = time.monotonic() + 2
        for worker in self._workers:
            worker.process.join(max(deadline - time.monotonic(), 0))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
        self._workers = []
