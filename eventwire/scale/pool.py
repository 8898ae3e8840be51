"""One machine, all cores: the pipeline over a stream of documents in a process pool.

Each worker process loads the Pipeline once (the pool's initializer, see
:mod:`eventwire.scale.worker`); documents go to the workers in chunks (one ``nlp.pipe`` batch
each) and come back in input order, a failing document as a ``Failure`` as in
``Pipeline.run``. A worker that dies (killed, out of memory) takes its chunks with it: the
pool is restarted and the unfinished chunks are sent again; a chunk still unfinished after
three pools comes back as one Failure per document.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from eventwire.coding.type_model import TypeModel
from eventwire.errors import ConfigError
from eventwire.records import Article, Doc, Failure
from eventwire.geo.publishers import PublisherProfiles
from eventwire.scale.worker import ChunkResult, init_worker, process_chunk, process_partition

if TYPE_CHECKING:
    from eventwire.scale.batch import OnDone, Partition

log = logging.getLogger(__name__)

CHUNK_SIZE = 8
"""Documents per chunk: enough for ``nlp.pipe`` batching, small enough to balance the load."""
MAX_TRIES = 3


@dataclass(slots=True)
class WorkerStats:
    """Per worker process (by pid): documents processed, busy seconds, peak RSS in MB."""

    documents: dict[int, int] = field(default_factory=dict)
    seconds: dict[int, float] = field(default_factory=dict)
    peak_rss_mb: dict[int, float] = field(default_factory=dict)
    restarts: int = 0

    def add(self, chunk: ChunkResult) -> None:
        self.record(chunk.pid, documents=len(chunk.results), seconds=chunk.seconds,
                    peak_rss_mb=chunk.peak_rss_mb)

    def record(self, pid: int, *, documents: int, seconds: float, peak_rss_mb: float) -> None:
        self.documents[pid] = self.documents.get(pid, 0) + documents
        self.seconds[pid] = self.seconds.get(pid, 0.0) + seconds
        self.peak_rss_mb[pid] = max(self.peak_rss_mb.get(pid, 0.0), peak_rss_mb)

    def lines(self) -> list[str]:
        """One line per worker: ``worker 1234: 120 documents, 11.2 s, peak RSS 412.5 MB``."""
        return [f"worker {pid}: {self.documents[pid]} documents, {self.seconds[pid]:.1f} s, "
                f"peak RSS {self.peak_rss_mb[pid]:.1f} MB" for pid in sorted(self.documents)]

    def as_dict(self) -> dict[str, dict[str, float]]:
        return {str(pid): {"documents": self.documents[pid],
                           "seconds": round(self.seconds[pid], 2),
                           "peak_rss_mb": self.peak_rss_mb[pid]} for pid in sorted(self.documents)}


def default_workers() -> int:
    return os.cpu_count() or 1


def check_workers(workers: int) -> int:
    if workers < 1:
        raise ConfigError(f"--workers {workers}: give at least 1 (default: all "
                          f"{default_workers()} cores)")
    return workers


@dataclass(slots=True)
class _Unit:
    """A stretch of the input in order: its Failures pass through, its Articles go to a
    worker as one chunk."""

    items: list[Article | Failure]
    future: Future | None = None
    tries: int = 0

    @property
    def articles(self) -> list[Article]:
        return [item for item in self.items if isinstance(item, Article)]


def run_pool(items: Iterable[Article | Failure], *, workers: int, until: str = "events",
             chunk_size: int = CHUNK_SIZE, stats: WorkerStats | None = None,
             publishers: PublisherProfiles | None = None,
             type_model: TypeModel | None = None,
             truecase: bool = False) -> Iterator[Doc | Failure]:
    """Docs (without their spaCy parse) and Failures in input order, coded by ``workers``
    processes (each with the same ``publishers`` profiles, ``type_model`` and ``truecase``). At most ``4 * workers``
    chunks are in flight, so a long stream is never read far ahead."""
    check_workers(workers)
    _ensure_gazetteer()
    stats = stats if stats is not None else WorkerStats()
    pool = _Pool(workers, stats, publishers, type_model, truecase)
    try:
        yield from pool.run(_units(items, chunk_size), until, max_pending=4 * workers)
    finally:
        pool.close()


def _ensure_gazetteer() -> None:
    """Build the gazetteer (first use) here, once, not in every worker at the same time."""
    from eventwire.geo.gazetteer import Gazetteer

    Gazetteer.open().close()


def _units(items: Iterable[Article | Failure], chunk_size: int) -> Iterator[_Unit]:
    unit: list[Article | Failure] = []
    count = 0
    for item in items:
        unit.append(item)
        count += isinstance(item, Article)
        if count >= chunk_size:
            yield _Unit(unit)
            unit, count = [], 0
    if unit:
        yield _Unit(unit)


def _executor(workers: int, publishers: PublisherProfiles | None = None,
              type_model: TypeModel | None = None,
              truecase: bool = False) -> ProcessPoolExecutor:
    # spawn: workers start clean (no copied database connections or threads)
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=init_worker,
                               initargs=(publishers, type_model, truecase))


class _Pool:
    def __init__(self, workers: int, stats: WorkerStats,
                 publishers: PublisherProfiles | None = None,
                 type_model: TypeModel | None = None, truecase: bool = False) -> None:
        self.workers = workers
        self.stats = stats
        self.publishers = publishers
        self.type_model = type_model
        self.truecase = truecase
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return _executor(self.workers, self.publishers, self.type_model, self.truecase)

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)

    def run(self, units: Iterator[_Unit], until: str, *, max_pending: int,
            ) -> Iterator[Doc | Failure]:
        pending: deque[_Unit] = deque()
        for unit in units:
            self._submit(unit, until)
            pending.append(unit)
            while len(pending) > max_pending:
                yield from self._finish(pending, until)
        while pending:
            yield from self._finish(pending, until)

    def _submit(self, unit: _Unit, until: str) -> None:
        unit.tries += 1
        articles = unit.articles
        unit.future = self.executor.submit(process_chunk, articles, until) if articles else None

    def _finish(self, pending: deque[_Unit], until: str) -> Iterator[Doc | Failure]:
        """Results of the oldest unit, in order (waiting for its chunk)."""
        unit = pending[0]
        try:
            chunk = unit.future.result() if unit.future is not None else None
        except BrokenProcessPool:
            self._restart(pending, until)
            return
        except Exception as exc:  # noqa: BLE001 - a chunk that cannot be sent or returned
            log.warning("a worker failed on a chunk: %s", exc)
            chunk = ChunkResult(results=[_failed(a, exc) for a in unit.articles], pid=0,
                                peak_rss_mb=0.0, seconds=0.0)
        pending.popleft()
        if chunk is not None and chunk.pid:
            self.stats.add(chunk)
        yield from _merge(unit, chunk.results if chunk is not None else [])

    def _restart(self, pending: deque[_Unit], until: str) -> None:
        """A worker died: new pool; unfinished chunks go again, except those tried twice."""
        self.stats.restarts += 1
        log.warning("a worker process died; restarting the pool (%d chunks pending)",
                    len(pending))
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._start()
        for unit in pending:
            if unit.future is None or _finished(unit.future):
                continue
            if unit.tries >= MAX_TRIES:
                unit.future = _given_up(unit)
            else:
                self._submit(unit, until)


def _finished(future: Future) -> bool:
    """Done with a result (not cancelled, not broken by the dead worker)."""
    return future.done() and not future.cancelled() and future.exception() is None


def _given_up(unit: _Unit) -> Future:
    done: Future = Future()
    reason = RuntimeError(f"worker processes died {MAX_TRIES} times while this chunk was "
                          "being coded (out of memory?)")
    done.set_result(ChunkResult(results=[_failed(a, reason) for a in unit.articles], pid=0,
                                peak_rss_mb=0.0, seconds=0.0))
    return done


def _failed(article: Article, exc: BaseException) -> Failure:
    from eventwire.errors import StageError

    return Failure(source=article.source or article.id,
                   message=str(StageError("worker", article.id, exc)))


def _merge(unit: _Unit, results: list[Doc | Failure]) -> Iterator[Doc | Failure]:
    """The unit's items in input order: its Failures where they were, its Articles' results
    in their places."""
    coded = iter(results)
    for item in unit.items:
        yield item if isinstance(item, Failure) else next(coded)


def partition_pool(todo: Iterator[Partition], done: OnDone, until: str, *, workers: int,
                   ) -> None:
    """``eventwire batch`` on this machine: whole partitions to ``workers`` processes, at
    most two each in flight; ``done`` gets each result here, in completion order. A dead
    worker restarts the pool and its partitions go again (at most MAX_TRIES times); a
    partition that fails outright is logged and left unfinished, for a rerun."""
    _ensure_gazetteer()
    executor = _executor(workers)
    running: dict[Future, Partition] = {}
    retry: deque[Partition] = deque()
    tries: dict[int, int] = {}

    def fill() -> None:
        while len(running) < 2 * workers:
            partition = retry.popleft() if retry else next(todo, None)
            if partition is None:
                return
            tries[partition.id] = tries.get(partition.id, 0) + 1
            running[executor.submit(process_partition, partition, until)] = partition

    try:
        fill()
        while running:
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            broken = [running.pop(f) for f in finished if _dead_worker(f)]
            for future in finished:
                if future in running:
                    _deliver(running.pop(future), future, done)
            if broken:
                broken += running.values()
                running.clear()
                executor.shutdown(wait=False, cancel_futures=True)
                executor = _executor(workers)
                retry.extend(p for p in broken if tries[p.id] < MAX_TRIES)
                log.warning("a worker process died; pool restarted, %d partitions sent again",
                            len(retry))
            fill()
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _dead_worker(future: Future) -> bool:
    return not future.cancelled() and isinstance(future.exception(), BrokenProcessPool)


def _deliver(partition: Partition, future: Future, done: OnDone) -> None:
    try:
        result = future.result()
    except Exception as exc:  # noqa: BLE001 - one partition's failure leaves it unfinished
        log.warning("%s not coded: %s; rerun the batch to retry it", partition.name, exc)
        return
    done(result)
