"""One machine, all cores, and a Dask cluster (issue 6): --workers N gives the same output
as one process, in input order; eventwire batch writes partitioned Parquet and a manifest,
survives a killed Dask worker with every event exactly once, and a rerun skips finished
partitions."""

from __future__ import annotations

import json
import logging
import os
import signal

import pyarrow.parquet as pq
import pytest

from eventwire.records import Article, Doc, Failure
from eventwire.scale import WorkerStats, code_documents
from eventwire.scale.batch import Manifest, fingerprint, partitions, run_batch
from scale_corpus import stories

pytestmark = pytest.mark.slow


def corpus(seed_article=None) -> list[Article | Failure]:
    """36 short articles, the demonstration article when present, and a reader Failure."""
    items: list[Article | Failure] = [
        Article(id=s.id, text=s.text, published=s.published, source="corpus") for s in stories()]
    items.insert(7, Failure(source="empty.txt", message="[EW100] empty.txt: empty file"))
    if seed_article is not None:
        items.insert(20, seed_article)
    return items


def summary(items) -> list[object]:
    return [[e.as_dict() for e in item.events] if isinstance(item, Doc) else item
            for item in items]


def test_two_workers_give_what_one_process_gives(seed_article):
    items = corpus(seed_article)
    one = summary(code_documents(items, workers=1))
    stats = WorkerStats()
    two = summary(code_documents(items, workers=2, stats=stats, chunk_size=4))
    assert two == one
    assert one[7] == items[7]  # the reader's Failure, in its place
    assert sum(len(events) for events in one if isinstance(events, list)) > 60
    # coded in worker processes (on a loaded machine one of them may have done every chunk
    # before the other finished loading)
    assert 1 <= len(stats.peak_rss_mb) <= 2 and os.getpid() not in stats.peak_rss_mb
    assert sum(stats.documents.values()) == len(items) - 1
    assert all(100 < mb < 2000 for mb in stats.peak_rss_mb.values())


def test_a_killed_pool_worker_loses_nothing():
    items = corpus()
    stats = WorkerStats()
    results = []
    for item in code_documents(items, workers=2, stats=stats, chunk_size=2):
        results.append(item)
        if len(results) == 3:
            os.kill(next(iter(stats.documents)), signal.SIGKILL)
    assert stats.restarts >= 1
    assert summary(results) == summary(code_documents(items, workers=1))


def test_extract_workers_cli_same_output_and_memory_lines(tmp_path, capfd):
    from eventwire.cli import main

    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps({"id": s.id, "text": s.text,
                                        "published": s.published.isoformat()}) + "\n"
                            for s in stories(20)))
    assert main(["extract", str(path), "--workers", "1"]) == 0
    one = capfd.readouterr().out
    assert main(["-v", "extract", str(path), "--workers", "2"]) == 0
    captured = capfd.readouterr()
    assert captured.out == one and one.count("\n") > 30
    workers = [line for line in captured.err.splitlines() if line.startswith("eventwire: worker")]
    # one line per worker that coded documents: a worker still loading its model when the
    # other has finished 20 short texts gets none, so a loaded machine may show one line
    assert 1 <= len(workers) <= 2 and all("peak RSS" in line for line in workers)


def test_partitions_are_deterministic():
    items = corpus()
    first = [(p.id, p.fingerprint, len(p.items)) for p in partitions(items, 10)]
    assert first == [(p.id, p.fingerprint, len(p.items)) for p in partitions(corpus(), 10)]
    assert [n for _, _, n in first] == [10, 10, 10, 7]
    changed = corpus()
    changed[3] = Article(id=changed[3].id, text=changed[3].text + " More.",
                         published=changed[3].published)
    assert fingerprint(changed[:10]) != first[0][1]


def _events(out) -> list[dict]:
    rows = []
    for path in sorted((out / "events").glob("part-*.parquet")):
        rows += pq.read_table(path).to_pylist()
    return sorted(rows, key=lambda row: row["id"])


@pytest.fixture(scope="module")
def single_process_batch(tmp_path_factory, pipeline, seed_article):
    out = tmp_path_factory.mktemp("single")
    report = run_batch(corpus(seed_article), out=out, inputs=["corpus"], partition_size=4,
                       workers=1, pipeline=pipeline)
    return out, report


def test_batch_writes_parquet_and_manifest(single_process_batch):
    out, report = single_process_batch
    assert report.coded == 10 and report.skipped == 0 and report.failed == 1
    assert sorted(p.name for p in (out / "events").iterdir()) == [
        f"part-{i:05d}.parquet" for i in range(10)]
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["partition_size"] == 4 and manifest["inputs"] == ["corpus"]
    part1 = manifest["partitions"]["part-00001"]
    assert part1["inputs"] == {"documents": 4, "sources": ["corpus", "empty.txt"],
                               "first": "story-04", "last": "empty.txt"}
    assert part1["failures"] == [{"source": "empty.txt",
                                  "message": "[EW100] empty.txt: empty file"}]
    assert manifest["totals"]["documents"] == 38 and manifest["totals"]["failed"] == 1
    assert manifest["totals"]["events"] == len(_events(out)) == report.events
    run = manifest["runs"][-1]
    assert run["backend"] == "local" and run["partitions_coded"] == 10
    (worker,) = run["workers"].values()
    assert worker["peak_rss_mb"] > 100 and worker["documents"] == 37
    columns = pq.read_schema(out / "events" / "part-00000.parquet").names
    assert {"id", "doc_id", "event_type", "location_lat", "evidence", "sources"} <= set(columns)


def test_dask_cluster_survives_a_killed_worker_and_reruns_skip(single_process_batch, tmp_path,
                                                               seed_article):
    from distributed import Client, LocalCluster

    out = tmp_path / "dask"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR) as cluster, \
            Client(cluster) as client:
        killed: list[str] = []

        def kill_a_busy_worker(result) -> None:
            if killed:
                return
            pids = client.run(os.getpid)
            busy = [addr for addr, keys in client.processing().items() if keys]
            victim = next((a for a in busy if a != result.worker), None) or \
                next(a for a in pids if a != result.worker)
            os.kill(pids[victim], signal.SIGKILL)
            killed.append(victim)

        report = run_batch(corpus(seed_article), out=out, inputs=["corpus"], partition_size=4,
                           dask=client, on_result=kill_a_busy_worker)
        assert killed, "no worker was killed"
        assert report.coded == 10 and not report.unfinished
        reference, _ = single_process_batch
        events = _events(out)
        assert len({row["id"] for row in events}) == len(events)  # exactly once
        assert events == _events(reference)
        workers = json.loads((out / "manifest.json").read_text())["runs"][-1]["workers"]
        assert all(w["peak_rss_mb"] > 100 for w in workers.values())

        stamp = {p.name: p.stat().st_mtime_ns for p in (out / "events").iterdir()}
        again = run_batch(corpus(seed_article), out=out, inputs=["corpus"], partition_size=4,
                          dask=client)
        assert (again.coded, again.skipped) == (0, 10)
        assert stamp == {p.name: p.stat().st_mtime_ns for p in (out / "events").iterdir()}


def test_rerun_codes_only_unfinished_or_changed_partitions(single_process_batch, tmp_path,
                                                           pipeline, seed_article):
    import shutil

    out = tmp_path / "resume"
    shutil.copytree(single_process_batch[0], out)
    (out / "events" / "part-00003.parquet").unlink()  # a run killed before its rename
    (out / "events" / ".part-00004.parquet.tmp-99").write_bytes(b"half a file")
    manifest = json.loads((out / "manifest.json").read_text())
    del manifest["partitions"]["part-00005"]  # written, but not yet recorded
    (out / "manifest.json").write_text(json.dumps(manifest))
    items = corpus(seed_article)
    items[0] = Article(id="story-00", text=items[0].text + " The march was peaceful.",
                       published=items[0].published, source="corpus")
    coded = []
    report = run_batch(items, out=out, inputs=["corpus"], partition_size=4, workers=1,
                       pipeline=pipeline, on_result=lambda r: coded.append(r.id))
    assert sorted(coded) == [0, 3, 5] and report.skipped == 7
    assert not list((out / "events").glob(".*tmp*"))
    assert Manifest.open(out, partition_size=4, inputs=["corpus"]).data["totals"][
        "partitions"] == 10


def test_batch_cli_local_pool(tmp_path, capfd):
    from eventwire.cli import main

    inputs = tmp_path / "in"
    inputs.mkdir()
    for story in stories(12):
        (inputs / f"{story.id}_{story.published}.txt").write_text(story.text)
    (inputs / "empty.txt").write_text("")
    out = tmp_path / "out"
    assert main(["batch", str(inputs), "--out", str(out), "--partition-size", "5",
                 "--workers", "2"]) == 1
    err = capfd.readouterr().err.splitlines()
    assert err[0].startswith("eventwire: skipped ") and "empty.txt" in err[0]
    assert err[-1].startswith("eventwire: batch: 3 partitions coded, 0 already done, "
                              "12 documents, 1 failed, ")
    assert main(["batch", str(inputs), "--out", str(out), "--partition-size", "5"]) == 0
    assert capfd.readouterr().err.splitlines()[-1].startswith(
        "eventwire: batch: 0 partitions coded, 3 already done")
    assert main(["batch", str(inputs), "--out", str(out), "--partition-size", "6"]) == 1
    assert "--partition-size 5" in capfd.readouterr().err
