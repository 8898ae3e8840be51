"""The command line's corpus-scale commands (issue 6), a thin shell over eventwire.scale and
eventwire.watch:

    eventwire batch PATH... --out DIR [--dask ADDRESS|local] [--partition-size N] [--workers N]
    eventwire watch FEEDS.txt [--db URL] [--interval SECONDS] [--once] [--delay SECONDS]
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import TextIO

from eventwire.errors import ConfigError


def scale_commands(sub: argparse._SubParsersAction) -> None:
    from eventwire.cli import _date, workers_option
    from eventwire.scale.batch import DEFAULT_PARTITION_SIZE
    from eventwire.watch.fetch import DEFAULT_DELAY_S, DEFAULT_TIMEOUT_S
    from eventwire.watch.watcher import DEFAULT_INTERVAL_S

    bat = sub.add_parser("batch", help="code a corpus into DIR/events/part-NNNNN.parquet and "
                         "DIR/manifest.json, partition by partition (a rerun skips finished "
                         "partitions)")
    bat.add_argument("paths", nargs="+", help="files, directories, or - for stdin (.txt, "
                     ".html, .jsonl, .warc, .warc.gz)")
    bat.add_argument("--out", required=True, type=Path, metavar="DIR",
                     help="output directory (made if missing)")
    bat.add_argument("--dask", metavar="ADDRESS", help="code on a Dask cluster: its "
                     "scheduler (tcp://HOST:8786), or 'local' for a LocalCluster of --workers "
                     "processes (default: a process pool on this machine)")
    bat.add_argument("--partition-size", type=int, default=DEFAULT_PARTITION_SIZE, metavar="N",
                     help=f"documents per partition and Parquet file (default "
                     f"{DEFAULT_PARTITION_SIZE}); keep it for reruns of one DIR")
    bat.add_argument("--published", type=_date, help="publication date (YYYY-MM-DD) for "
                     "inputs that carry none")
    bat.add_argument("--max-bytes", type=int, default=50 * 1024 * 1024,
                     help="skip files (WARC: records) larger than this (default 50 MB)")
    workers_option(bat)

    wat = sub.add_parser("watch", help="poll RSS/Atom feeds and store the new articles' "
                         "events (conditional requests, one polite request per host per "
                         "--delay)")
    wat.add_argument("feeds", metavar="FEEDS.txt", help="feed URLs, one per line "
                     "(# starts a comment)")
    wat.add_argument("--db", default=None, help="database URL: sqlite:///PATH (default "
                     "sqlite:///eventwire.db) or postgresql://USER@HOST:PORT/DBNAME")
    wat.add_argument("--interval", type=float, default=DEFAULT_INTERVAL_S, metavar="SECONDS",
                     help=f"seconds from one round of polls to the next (default "
                     f"{DEFAULT_INTERVAL_S:.0f})")
    wat.add_argument("--once", action="store_true", help="poll every feed once and exit")
    wat.add_argument("--delay", type=float, default=DEFAULT_DELAY_S, metavar="SECONDS",
                     help=f"seconds between two requests to one host (default "
                     f"{DEFAULT_DELAY_S:g})")
    wat.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_S, metavar="SECONDS",
                     help=f"give up on an answer after this long (default "
                     f"{DEFAULT_TIMEOUT_S:g})")


def cmd_batch(args: argparse.Namespace, out: TextIO) -> int:
    """Code the inputs into a batch directory; failures one line each, a summary last."""
    from eventwire.cli import _report
    from eventwire.ingest import WarcTally, read_inputs
    from eventwire.scale.batch import PartitionResult, run_batch

    if args.verbose < 2:  # Dask's own INFO lines (workers starting, closing) only with -vv
        for handler in logging.getLogger().handlers:
            handler.addFilter(_quiet_dask)
    tally = WarcTally()
    items = read_inputs(args.paths, published=args.published, max_bytes=args.max_bytes,
                        stdin=sys.stdin.buffer, warc_tally=tally)

    def on_result(result: PartitionResult) -> None:
        for failure in result.failures:
            _report(failure)

    report = run_batch(items, out=args.out, inputs=[str(p) for p in args.paths],
                       partition_size=args.partition_size, workers=args.workers,
                       dask=args.dask, on_result=on_result)
    if tally.records:
        print(f"eventwire: warc: {tally}", file=sys.stderr)
    if args.verbose:
        for worker, seen in sorted(report.workers.items()):
            print(f"eventwire: worker {worker}: {seen['documents']} documents, "
                  f"{seen['seconds']:.1f} s, peak RSS {seen['peak_rss_mb']:.1f} MB",
                  file=sys.stderr)
    print(f"eventwire: batch: {report}", file=sys.stderr)
    return 1 if report.failed or report.unfinished else 0


def _quiet_dask(record: logging.LogRecord) -> bool:
    return record.levelno >= logging.WARNING or not record.name.startswith("distributed")


def cmd_watch(args: argparse.Namespace, out: TextIO) -> int:
    """Poll the feeds (once, or every --interval seconds until interrupted)."""
    from eventwire.cli import _report
    from eventwire.pipeline import Pipeline
    from eventwire.store import DEFAULT_URL, EventStore
    from eventwire.watch import FeedPoll, PoliteFetcher, Watcher, read_feed_list, watch

    if args.interval <= 0 or args.delay < 0 or args.timeout <= 0:
        raise ConfigError("--interval and --timeout must be positive and --delay at least 0 "
                          "(seconds)")
    urls = read_feed_list(args.feeds)
    fetcher = PoliteFetcher(delay=args.delay, timeout=args.timeout)

    def on_poll(poll: FeedPoll) -> None:
        print(f"eventwire: {poll}", file=sys.stderr, flush=True)
        if args.verbose:
            for failure in poll.failures:
                _report(failure)

    with EventStore.open(args.db or DEFAULT_URL) as store:
        watcher = Watcher(store, Pipeline.load(), fetcher)
        polls = watch(urls, watcher, interval=args.interval, once=args.once, on_poll=on_poll)
    return 0 if all(poll.ok for poll in polls) else 1
