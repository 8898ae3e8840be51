"""The per-process side of the local process pool: one Pipeline per worker process.

A worker process loads the Pipeline once, in the pool's initializer, and keeps it for every
chunk it is sent. This module is the only place that holds it (a worker process runs nothing
else), so the library itself keeps no module-level state.
"""

from __future__ import annotations

import logging
import os
import resource
import signal
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from eventwire.records import Article, Doc, Failure

if TYPE_CHECKING:
    from eventwire.coding.type_model import TypeModel
    from eventwire.geo.publishers import PublisherProfiles
    from eventwire.scale.batch import Partition, PartitionResult

_STATE: dict[str, object] = {}  # "pipeline": this worker process's Pipeline
PARENT_CHECK_S = 0.5


@dataclass(slots=True, kw_only=True, frozen=True)
class ChunkResult:
    """What a worker sends back for one chunk: results in input order, and who made them."""

    results: list[Doc | Failure]
    pid: int
    peak_rss_mb: float
    seconds: float


def peak_rss_mb() -> float:
    """This process's peak resident set size, in MB (Linux reports KB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if os.uname().sysname == "Darwin" else 1024), 1)


def init_worker(publishers: PublisherProfiles | None = None,
                type_model: TypeModel | None = None, truecase: bool = False) -> None:
    """Pool initializer: load the Pipeline for this process (with the run's publisher
    profiles, type model and truecasing), and leave with the parent."""
    from eventwire.pipeline import Pipeline

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True,
                     name="eventwire-parent-watch").start()
    advice = logging.getLogger("eventwire.advice")  # the parent's CLI shows it; say it here
    if not advice.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("eventwire: %(message)s"))
        advice.addHandler(handler)
        advice.propagate = False
    _STATE["pipeline"] = Pipeline.load(publishers=publishers, type_model=type_model,
                                       truecase=truecase)


def _exit_with_parent(parent: int) -> None:
    """A worker whose parent was killed (kill -9 leaves no time to stop the pool) exits,
    instead of waiting for work forever with the parent's stdout and stderr open."""
    while True:
        time.sleep(PARENT_CHECK_S)
        if os.getppid() != parent:
            os._exit(1)


def _pipeline() -> Any:
    if "pipeline" not in _STATE:  # a pool made without the initializer
        init_worker()
    return _STATE["pipeline"]


def process_chunk(articles: list[Article], until: str) -> ChunkResult:
    """Run the pipeline over one chunk (one ``nlp.pipe`` batch); spaCy parses stay here."""
    started = time.perf_counter()
    pipe = _pipeline()
    results = [slim(item) for item in pipe.run(articles, until=until,
                                               batch_size=max(1, len(articles)))]
    return ChunkResult(results=results, pid=os.getpid(), peak_rss_mb=peak_rss_mb(),
                       seconds=time.perf_counter() - started)


def slim(item: Doc | Failure) -> Doc | Failure:
    """A Doc without its spaCy parse (which is large and never leaves the process)."""
    if isinstance(item, Doc):
        item.parse = None
    return item


def process_partition(partition: Partition, until: str) -> PartitionResult:
    """Code one batch partition in this worker process (``eventwire batch`` without Dask)."""
    from eventwire.scale.batch import code_partition

    return code_partition(_pipeline(), partition, worker=f"pid {os.getpid()}", until=until)
