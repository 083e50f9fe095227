"""A Dask distributed backend: targets go to the workers of an existing Dask cluster.

For runs that outgrow one machine (a handout per delegate of a summit). The
cluster's workers need briefpress installed and the project folder at the same
path (a shared or synced folder); each worker keeps one producer, and so one
font configuration, per project. The PDFs come back to this process, which
writes them, so they are the same bytes as a local build. Memory and time
limits are the cluster's own (``dask worker --memory-limit``); a target that
kills its worker fails alone.

Install it with the optional extra: ``pip install 'briefpress[dask]'``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefpress.builds.workers import Done, TaskError
from briefpress.errors import SetupError
from briefpress.project import Project

if TYPE_CHECKING:
    from briefpress.builds.produce import Producer

_PRODUCERS: dict[Path, Producer] = {}


def produce_remotely(root: str, payload: tuple) -> Any:
    """Produce one target on a Dask worker, reusing the worker's producer for the project."""
    from briefpress.builds.produce import Producer

    project = Project.at(Path(root))
    producer = _PRODUCERS.get(project.root)
    if producer is None:
        producer = _PRODUCERS[project.root] = Producer.for_project(project)
    return producer.produce(*payload)


class DaskExecutor:
    """Sends payloads to a Dask scheduler and yields each one's Done as it finishes."""

    def __init__(self, address: str, project: Project) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise SetupError("--scheduler needs Dask distributed: pip install 'briefpress[dask]'") from None
        try:
            self.client = Client(address, timeout="10s", set_as_default=False)
        except (OSError, TimeoutError) as error:
            raise SetupError(f"cannot reach the Dask scheduler at {address}: {error}") from None
        self.project = project
        self.peak_rss_mib: dict[int, float] = {}

    def run(self, payloads: Sequence, started: Callable[[int], None] | None = None) -> Iterator[Done]:
        """Submit every payload at once; yield each Done as the cluster finishes it."""
        from distributed import as_completed

        futures = {}
        for index, payload in enumerate(payloads):
            future = self.client.submit(produce_remotely, str(self.project.root), payload, pure=False)
            futures[future] = index
            if started:
                started(index)
        for future in as_completed(list(futures), loop=self.client.loop):
            index = futures[future]
            error = future.exception()
            if error is None:
                yield Done(index, future.result())
            elif isinstance(error, TaskError):
                yield Done(index, result=error.result, error=str(error))
            else:
                yield Done(index, error=f"failed on the Dask cluster: {type(error).__name__}: {error}")

    def start(self) -> DaskExecutor:
        """Nothing to start: the cluster's workers are already running."""
        return self

    def __enter__(self) -> DaskExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Disconnect from the scheduler (the cluster goes on)."""
        self.client.close()
