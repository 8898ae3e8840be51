"""Corpus scale: all cores of one machine (a process pool) and a Dask cluster (``batch``).

    from eventwire.scale import code_documents
    for item in code_documents(read_inputs(paths), workers=4):   # Doc or Failure, in order
        ...

``workers=1`` runs in this process (``Pipeline.run``); more start a process pool whose
workers each load the Pipeline once (:mod:`eventwire.scale.pool`). ``workers=None`` means
all cores, except for an input so small that starting workers would cost more than it
saves. Partitioned batch runs with a manifest, locally or on Dask: :mod:`eventwire.scale.batch`.
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Iterable, Iterator

from eventwire.coding.type_model import TypeModel
from eventwire.geo.publishers import PublisherProfiles
from eventwire.records import Article, Doc, Failure
from eventwire.scale.pool import CHUNK_SIZE, WorkerStats, check_workers, default_workers, run_pool
from eventwire.scale.worker import peak_rss_mb

__all__ = ["WorkerStats", "code_documents", "default_workers", "run_pool"]

SMALL_INPUT = 2 * CHUNK_SIZE
"""With the default worker count, inputs of fewer documents than this run in-process."""


def code_documents(items: Iterable[Article | Failure], *, workers: int | None = None,
                   until: str = "events", stats: WorkerStats | None = None,
                   chunk_size: int = CHUNK_SIZE, publishers: PublisherProfiles | None = None,
                   type_model: TypeModel | None = None,
                   truecase: bool = False) -> Iterator[Doc | Failure]:
    """Docs and Failures in input order, coded in this process or by a pool of ``workers``,
    with the given publisher profiles (see eventwire.geo.publishers), type model (see
    eventwire.coding.type_model) and truecasing (see eventwire.nlp.truecase)."""
    items = iter(items)
    if workers is None:
        head = list(itertools.islice(items, SMALL_INPUT))
        workers = default_workers() if len(head) >= SMALL_INPUT else 1
        items = itertools.chain(head, items)
    if check_workers(workers) == 1:
        yield from _in_process(items, until, stats, chunk_size, publishers, type_model,
                               truecase)
    else:
        yield from run_pool(items, workers=workers, until=until, stats=stats,
                            chunk_size=chunk_size, publishers=publishers, type_model=type_model,
                            truecase=truecase)


def _in_process(items: Iterator[Article | Failure], until: str, stats: WorkerStats | None,
                chunk_size: int, publishers: PublisherProfiles | None = None,
                type_model: TypeModel | None = None,
                truecase: bool = False) -> Iterator[Doc | Failure]:
    """``Pipeline.run`` here, parsing ``chunk_size`` texts at a time as a worker does (the
    same results as any batch size; fewer parses held at once)."""
    from eventwire.pipeline import Pipeline

    started = time.perf_counter()
    pipe = Pipeline.load(publishers=publishers, type_model=type_model, truecase=truecase)
    count = 0
    for item in pipe.run(items, until=until, batch_size=chunk_size):
        count += isinstance(item, Doc)
        yield item
    if stats is not None:
        stats.record(os.getpid(), documents=count, seconds=time.perf_counter() - started,
                     peak_rss_mb=peak_rss_mb())
