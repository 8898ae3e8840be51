"""``eventwire batch --dask``: partitions coded on Dask workers (dask.distributed).

Each worker process loads the Pipeline once: a worker plugin (:class:`PipelinePlugin`,
registered by the client, and run again by every worker that joins or is restarted after a
crash) holds it, loaded on the worker's first partition. Tasks take the plugin's lock, so a
worker with several threads still codes one partition at a time (spaCy gains nothing from
threads under the GIL); start workers with ``--nthreads 1`` and one worker per core.

The scheduler reschedules the partitions of a worker that dies; results come back to the
client, which writes them (see :mod:`eventwire.scale.batch`), so every partition is written
once, by one process, whatever happened on the cluster.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Iterator
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from eventwire.errors import ConfigError
from eventwire.scale.batch import OnDone, Partition, PartitionResult, code_partition

log = logging.getLogger(__name__)

PLUGIN_NAME = "eventwire-pipeline"
TASK_RETRIES = 2
"""Retries of a partition whose task raised; a worker that dies is the scheduler's business
(``distributed.scheduler.allowed-failures``, 3 by default)."""


class PipelinePlugin(WorkerPlugin):
    """One Pipeline per worker process, loaded on first use and kept."""

    idempotent = True  # registering it again (a second batch on one cluster) changes nothing

    def setup(self, worker: Any) -> None:
        self.lock = threading.Lock()
        self.pipeline: Any = None

    def code(self, partition: Partition, until: str, worker: str) -> PartitionResult:
        with self.lock:
            if self.pipeline is None:
                from eventwire.pipeline import Pipeline

                self.pipeline = Pipeline.load()
            return code_partition(self.pipeline, partition, worker=worker, until=until)


def code_partition_task(partition: Partition, until: str) -> PartitionResult:
    """The task run on a worker: this worker's Pipeline over one partition."""
    from distributed import get_worker

    worker = get_worker()
    plugin = worker.plugins[PLUGIN_NAME]
    return plugin.code(partition, until, worker.address)


def dask_backend(dask: Any, *, workers: int | None) -> Any:
    """A batch backend for ``dask``: ``"local"`` (a LocalCluster of ``workers`` processes
    with one thread each), a scheduler address, or a ``distributed.Client``."""

    def run(todo: Iterator[Partition], done: OnDone, until: str) -> None:
        client, owned = _client(dask, workers)
        try:
            _run(client, todo, done, until)
        finally:
            if owned:
                cluster = client.cluster
                client.close()
                if cluster is not None:
                    cluster.close()

    return run


def _client(dask: Any, workers: int | None) -> tuple[Any, bool]:
    from distributed import Client, LocalCluster

    if not isinstance(dask, str):
        return dask, False
    if dask == "local":
        from eventwire.geo.gazetteer import Gazetteer
        from eventwire.scale.pool import default_workers

        Gazetteer.open().close()  # build it once here, not in every worker at once
        # this machine only: the scheduler and its status pages on loopback, random ports
        cluster = LocalCluster(n_workers=workers or default_workers(), threads_per_worker=1,
                               processes=True, host="127.0.0.1",
                               dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR)
        return Client(cluster), True
    try:
        return Client(dask, timeout=30), True
    except OSError as exc:
        raise ConfigError(f"--dask {dask}: cannot reach a Dask scheduler there ({exc}); give "
                          "its address as tcp://HOST:8786, or --dask local") from exc


def _run(client: Any, todo: Iterator[Partition], done: OnDone, until: str) -> None:
    from distributed import as_completed

    client.register_plugin(PipelinePlugin(), name=PLUGIN_NAME)
    run_id = uuid.uuid4().hex[:8]
    slots = max(2, 2 * sum(client.nthreads().values()))

    def submit(partition: Partition) -> Any:
        return client.submit(code_partition_task, partition, until, pure=False,
                             retries=TASK_RETRIES, key=f"eventwire-{run_id}-{partition.name}")

    queue = iter(todo)
    futures = as_completed([submit(p) for p in _take(queue, slots)])
    for future in futures:
        try:
            result = future.result()
        except Exception as exc:  # noqa: BLE001 - left unfinished; a rerun retries it
            log.warning("%s not coded: %s; rerun the batch to retry it", future.key, exc)
        else:
            done(result)
        future.release()
        for partition in _take(queue, 1):
            futures.add(submit(partition))


def _take(queue: Iterator[Partition], count: int) -> list[Partition]:
    taken = []
    for partition in queue:
        taken.append(partition)
        if len(taken) >= count:
            break
    return taken
