"""Partitioned batch runs: inputs -> ``DIR/events/part-NNNNN.parquet`` + ``DIR/manifest.json``.

The inputs are read here, in order, and cut into partitions of ``partition_size`` documents;
partition ids count from 0 in input order, so the same inputs always give the same
partitions. Each partition is coded by one worker (this process, a local process pool, or a
Dask cluster: :mod:`eventwire.scale.dask_backend`) and comes back here, where its events are
written as one Parquet file (the store's export columns, one row per coded event) under a
temporary name and renamed, and then recorded in the manifest, which is itself replaced
atomically. A partition is finished only when the manifest says so and its file exists, with
the same fingerprint (its documents' ids and content hashes): a rerun skips finished
partitions and codes the rest, and a partition whose inputs changed is coded again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from eventwire.errors import ConfigError
from eventwire.records import Article, Doc, Event, Failure

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
EVENTS_DIR = "events"
MANIFEST_VERSION = 1
DEFAULT_PARTITION_SIZE = 500


@dataclass(slots=True, kw_only=True)
class Partition:
    """A stretch of the input, in order: its Articles are coded, its Failures (documents
    the reader could not read) are recorded as they are."""

    id: int
    items: list[Article | Failure]
    fingerprint: str = ""

    @property
    def name(self) -> str:
        return f"part-{self.id:05d}"

    def inputs(self) -> dict[str, Any]:
        """What the partition holds, for the manifest: its input paths, first and last id."""
        ids = [item.id if isinstance(item, Article) else item.source for item in self.items]
        sources = dict.fromkeys(
            (item.source or item.id) if isinstance(item, Article) else item.source.split("@")[0]
            for item in self.items)
        return {"documents": len(self.items), "sources": list(sources),
                "first": ids[0] if ids else None, "last": ids[-1] if ids else None}


@dataclass(slots=True, kw_only=True)
class PartitionResult:
    """A coded partition, as a worker sends it back."""

    id: int
    events: list[Event]
    failures: list[Failure]
    documents: int
    seconds: float
    worker: str
    peak_rss_mb: float


def fingerprint(items: list[Article | Failure]) -> str:
    """SHA-256 over the partition's document ids and content hashes (and its Failures)."""
    from eventwire.store.codec import content_hash

    digest = hashlib.sha256()
    for item in items:
        if isinstance(item, Article):
            digest.update(f"A\0{item.id}\0{content_hash(item)}\n".encode())
        else:
            digest.update(f"F\0{item.source}\0{item.message}\n".encode())
    return digest.hexdigest()


def partitions(items: Iterable[Article | Failure], size: int) -> Iterator[Partition]:
    """Consecutive partitions of ``size`` documents (the last may be shorter), ids 0, 1, ..."""
    if size < 1:
        raise ConfigError(f"--partition-size {size}: give at least 1 document per partition")
    batch: list[Article | Failure] = []
    number = 0
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield Partition(id=number, items=batch, fingerprint=fingerprint(batch))
            batch, number = [], number + 1
    if batch:
        yield Partition(id=number, items=batch, fingerprint=fingerprint(batch))


def code_partition(pipe: Any, partition: Partition, *, worker: str, until: str = "events",
                   ) -> PartitionResult:
    """Run the pipeline over one partition (worker side), parsing ``CHUNK_SIZE`` texts at
    a time (the same results as any batch size, and fewer parses held in memory)."""
    from eventwire.scale.pool import CHUNK_SIZE
    from eventwire.scale.worker import peak_rss_mb

    started = time.perf_counter()
    events: list[Event] = []
    failures: list[Failure] = []
    documents = 0
    for item in pipe.run(partition.items, until=until, batch_size=CHUNK_SIZE):
        if isinstance(item, Doc):
            documents += 1
            events.extend(item.events)
        else:
            failures.append(item)
    return PartitionResult(id=partition.id, events=events, failures=failures,
                           documents=documents, seconds=time.perf_counter() - started,
                           worker=worker, peak_rss_mb=peak_rss_mb())


# -- output -----------------------------------------------------------------------------------
def write_events_parquet(events: list[Event], path: Path) -> None:
    """One row per coded event, in the store's export columns (``mention_count`` 1,
    ``sources`` the event's document), written to a temporary name and renamed."""
    from eventwire.store.parquet import write_parquet
    from eventwire.store.query import StoredEvent

    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    write_parquet((StoredEvent(event=e, mention_count=1, sources=(e.doc_id,)) for e in events),
                  tmp)
    os.replace(tmp, path)


def write_json_atomic(data: dict[str, Any], path: Path) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=1, ensure_ascii=False)
        fh.write("\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


# -- the manifest -----------------------------------------------------------------------------
@dataclass(slots=True)
class Manifest:
    """``DIR/manifest.json``: what a batch directory holds, rewritten atomically."""

    out: Path
    data: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def open(cls, out: Path, *, partition_size: int, inputs: list[str]) -> Manifest:
        path = out / MANIFEST
        if not path.is_file():
            return cls(out, {"version": MANIFEST_VERSION, "inputs": inputs,
                             "partition_size": partition_size, "partitions": {}, "runs": []})
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ConfigError(f"{path} cannot be read ({exc}); remove it to start the batch "
                              "again, or choose another --out") from exc
        if data.get("partition_size") != partition_size:
            raise ConfigError(f"{out} was written with --partition-size "
                              f"{data.get('partition_size')}; rerun with that size (partition "
                              "ids depend on it) or choose another --out")
        if data.get("inputs") != inputs:
            held = " ".join(data.get("inputs") or [])
            raise ConfigError(f"{out} holds a batch of other inputs ({held}); rerun with "
                              "those to finish it, or choose another --out")
        return cls(out, data)

    def finished(self, partition: Partition) -> bool:
        entry = self.data["partitions"].get(partition.name)
        return (entry is not None and entry.get("fingerprint") == partition.fingerprint
                and (self.out / entry["file"]).is_file())

    def record(self, partition: Partition, result: PartitionResult) -> dict[str, Any]:
        entry = {
            "id": partition.id, "file": f"{EVENTS_DIR}/{partition.name}.parquet",
            "fingerprint": partition.fingerprint, "inputs": partition.inputs(),
            "coded": result.documents, "failed": len(result.failures),
            "events": len(result.events),
            "failures": [asdict(f) for f in result.failures],
            "seconds": round(result.seconds, 3), "worker": result.worker,
            "peak_rss_mb": result.peak_rss_mb, "finished_at": _now(),
        }
        self.data["partitions"][partition.name] = entry
        self.save()
        return entry

    def save(self) -> None:
        parts = self.data["partitions"]
        self.data["partitions"] = dict(sorted(parts.items()))
        self.data["totals"] = {
            "partitions": len(parts),
            "documents": sum(p["inputs"]["documents"] for p in parts.values()),
            "coded": sum(p["coded"] for p in parts.values()),
            "failed": sum(p["failed"] for p in parts.values()),
            "events": sum(p["events"] for p in parts.values()),
        }
        write_json_atomic(self.data, self.out / MANIFEST)


# -- running ----------------------------------------------------------------------------------
OnDone = Callable[[PartitionResult], None]


@dataclass(slots=True)
class BatchReport:
    """One run over a batch directory."""

    coded: int = 0  # partitions coded in this run
    skipped: int = 0  # partitions already finished
    unfinished: list[str] = field(default_factory=list)  # partitions that failed outright
    documents: int = 0
    failed: int = 0
    events: int = 0
    seconds: float = 0.0
    workers: dict[str, dict[str, float]] = field(default_factory=dict)

    def __str__(self) -> str:
        text = (f"{self.coded} partitions coded, {self.skipped} already done, "
                f"{self.documents} documents, {self.failed} failed, {self.events} events "
                f"in {self.seconds:.1f} s")
        return text + (f", {len(self.unfinished)} unfinished (rerun to retry)"
                       if self.unfinished else "")

    def add(self, result: PartitionResult) -> None:
        self.coded += 1
        self.documents += result.documents
        self.failed += len(result.failures)
        self.events += len(result.events)
        seen = self.workers.setdefault(result.worker, {"partitions": 0, "documents": 0,
                                                       "seconds": 0.0, "peak_rss_mb": 0.0})
        seen["partitions"] += 1
        seen["documents"] += result.documents
        seen["seconds"] = round(seen["seconds"] + result.seconds, 3)
        seen["peak_rss_mb"] = max(seen["peak_rss_mb"], result.peak_rss_mb)


def run_batch(items: Iterable[Article | Failure], *, out: str | Path, inputs: list[str],
              partition_size: int = DEFAULT_PARTITION_SIZE, workers: int | None = None,
              dask: Any = None, pipeline: Any = None, until: str = "events",
              on_result: OnDone | None = None) -> BatchReport:
    """Code ``items`` into ``out`` partition by partition, skipping finished partitions.

    ``dask``: None (this machine: ``workers`` processes, 1 = this process, None = all cores),
    ``"local"`` (a LocalCluster of ``workers`` processes), a scheduler address, or a
    ``distributed.Client``. ``pipeline``: a loaded Pipeline for the in-process run.
    ``on_result`` is called with each partition's result after it is recorded.
    """
    out = Path(out)
    (out / EVENTS_DIR).mkdir(parents=True, exist_ok=True)
    _remove_stale_temps(out)
    manifest = Manifest.open(out, partition_size=partition_size, inputs=inputs)
    report = BatchReport()
    started, started_at = time.perf_counter(), _now()
    pending: dict[int, Partition] = {}

    def todo() -> Iterator[Partition]:
        for partition in partitions(items, partition_size):
            if manifest.finished(partition):
                report.skipped += 1
                continue
            pending[partition.id] = partition
            yield partition

    def done(result: PartitionResult) -> None:
        partition = pending.pop(result.id)
        write_events_parquet(result.events, out / EVENTS_DIR / f"{partition.name}.parquet")
        manifest.record(partition, result)
        report.add(result)
        if on_result is not None:
            on_result(result)

    backend = _backend(dask, workers, pipeline)
    try:
        backend(todo(), done, until)
    finally:
        report.unfinished = [pending[k].name for k in sorted(pending)]
        report.seconds = time.perf_counter() - started
        manifest.data["runs"].append(_run_entry(report, started_at, dask, workers))
        manifest.save()
    return report


def _run_entry(report: BatchReport, started_at: str, dask: Any, workers: int | None,
               ) -> dict[str, Any]:
    backend = "local" if dask is None else ("dask local" if dask == "local" else "dask")
    return {"started_at": started_at, "finished_at": _now(), "backend": backend,
            "workers_requested": workers, "wall_s": round(report.seconds, 2),
            "partitions_coded": report.coded, "partitions_skipped": report.skipped,
            "partitions_unfinished": report.unfinished, "documents": report.documents,
            "failed": report.failed, "events": report.events,
            "documents_per_s": round(report.documents / report.seconds, 2)
            if report.seconds else None,
            "workers": report.workers}


def _remove_stale_temps(out: Path) -> None:
    """Temporary files of a run that was killed mid-write."""
    for stale in [*(out / EVENTS_DIR).glob(".part-*.tmp-*"), *out.glob(f".{MANIFEST}.tmp-*")]:
        stale.unlink(missing_ok=True)


Backend = Callable[[Iterator[Partition], OnDone, str], None]


def _backend(dask: Any, workers: int | None, pipeline: Any) -> Backend:
    from eventwire.scale.pool import check_workers, default_workers

    if dask is not None:
        from eventwire.scale.dask_backend import dask_backend

        return dask_backend(dask, workers=workers)
    count = check_workers(workers) if workers is not None else default_workers()
    if count == 1:
        return lambda todo, done, until: _in_process(todo, done, until, pipeline)
    from eventwire.scale.pool import partition_pool

    return lambda todo, done, until: partition_pool(todo, done, until, workers=count)


def _in_process(todo: Iterator[Partition], done: OnDone, until: str, pipeline: Any) -> None:
    if pipeline is None:
        from eventwire.pipeline import Pipeline

        pipeline = Pipeline.load()
    for partition in todo:
        done(code_partition(pipeline, partition, worker=f"pid {os.getpid()}", until=until))
