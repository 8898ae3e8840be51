"""Command line: a thin shell over the library.

    eventwire extract PATH... [--published DATE] [--format jsonl|acled|geojson] [--workers N]
                              [--model PATH]
    eventwire train --acled FILE --output PATH [--limit N]
    eventwire geoparse PATH...
    eventwire gazetteer build [--geonames allCountries.zip] [--admin1 FILE] [--output PATH]
    eventwire ingest PATH... [--db URL] [--published DATE] [--workers N]
    eventwire export [--db URL] --format acled|jsonl|geojson|parquet [--since DATE ...]
    eventwire serve [--db URL] [--host 127.0.0.1] [--port 8000]
    eventwire user add NAME [--db URL] [--password-stdin] | user list [--db URL]
    eventwire batch PATH... --out DIR [--dask ADDRESS|local] [--partition-size N] [--workers N]
    eventwire watch FEEDS.txt [--db URL] [--interval SECONDS] [--once]

Output goes to stdout; errors go to stderr as one line each. Exit status: 0 when every
document was processed, 1 when at least one failed (the others are still written),
2 for a usage error.
"""

from __future__ import annotations

import argparse
import io
import datetime as dt
import json
import logging
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from eventwire.cli_scale import cmd_batch, cmd_watch, scale_commands
from eventwire.errors import EventwireError
from eventwire.records import Article, Doc, Event, Failure

if TYPE_CHECKING:
    from eventwire.coding.type_model import TypeModel
    from eventwire.export import ExportCount
    from eventwire.geo.publishers import PendingVote, PublisherProfiles
    from eventwire.ingest.warc import WarcTally
    from eventwire.scale.pool import WorkerStats

log = logging.getLogger("eventwire")


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date; use YYYY-MM-DD") from exc


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="eventwire", description=__doc__.split("\n")[0])
    parser.add_argument("-v", "--verbose", action="count", default=0, help="log to stderr (-vv: debug)")
    sub = parser.add_subparsers(dest="command", required=True)

    def inputs(p: argparse.ArgumentParser) -> None:
        p.add_argument("paths", nargs="+", help="files, directories, or - for stdin "
                       "(.txt, .html, .jsonl with {id, text, published, url?, title?, locale?})")
        p.add_argument("--published", type=_date, help="publication date (YYYY-MM-DD) for inputs "
                       "that carry none; anchors 'on Tuesday', 'at the weekend'")
        p.add_argument("--max-bytes", type=int, default=50 * 1024 * 1024,
                       help="skip files larger than this (default 50 MB)")
        profiles_option(p)
        truecase_option(p)

    ex = sub.add_parser("extract", help="code events; one JSON object per event on stdout")
    inputs(ex)
    workers_option(ex)
    ex.add_argument("--format", default="jsonl", choices=("jsonl", "acled", "geojson"),
                    help="jsonl (default), acled (ACLED CSV columns), geojson")
    ex.add_argument("--include-flagged", action="store_true",
                    help="in acled/geojson output, also write negated/hypothetical/historical events")
    model_option(ex)
    gp = sub.add_parser("geoparse", help="toponyms with gazetteer ids and coordinates, per document")
    inputs(gp)
    ev = sub.add_parser("eval", help="score eventwire against a gold corpus; prints a JSON report")
    ev_sub = ev.add_subparsers(dest="what", required=True)
    eg = ev_sub.add_parser("geoparse", help="toponym recognition and resolution (LGL/GeoVirus format)")
    eg.add_argument("--corpus", required=True, help="JSONL: {doc_id, text, toponyms: [{start, end, lat, lon, geonameid?}]}")
    eg.add_argument("--gold-spans", action="store_true", help="resolve the gold spans only (the Mordecai3 setting)")
    eg.add_argument("--limit", type=int, help="score only the first N documents")
    eg.add_argument("--single-pass", dest="profiles", action="store_false",
                    help="one pass without publisher profiles (default: a first pass learns "
                    "them, as --profiles would, and the second is scored)")
    eg.add_argument("--lowercase", action="store_true", help="score the corpus with its "
                    "text lower-cased (how eventwire copes with lower-case feeds)")
    truecase_option(eg)
    ee = ev_sub.add_parser("events", help="event coding against ACLED rows or PLOVER gold records")
    src = ee.add_mutually_exclusive_group(required=True)
    src.add_argument("--acled", help="normalised ACLED JSONL (notes, event_date, event_type, ...)")
    src.add_argument("--plover", help="PLOVER gold JSONL")
    ee.add_argument("--limit", type=int, help="score only the first N records")
    model_option(ee)
    el = ev_sub.add_parser("location", help="event location: the place an event happened, per sentence")
    el.add_argument("--silver", required=True, help="JSONL: {text, event_verb: [{start, end}], "
                    "event_locations: [{start, end}]} (e.g. event_location_silver.jsonl)")
    el.add_argument("--limit", type=int, help="score only the first N sentences")
    ed = ev_sub.add_parser("dates", help="date normalisation against TimeML DATE values")
    ed.add_argument("--timeml", required=True, help="JSONL of documents with TIMEX3 annotations")
    ed.add_argument("--limit", type=int, help="score only the first N documents")
    dd = ev_sub.add_parser("dedup", help="cross-article deduplication on labelled event pairs")
    dd.add_argument("--pairs", required=True, help="JSONL of labelled pairs: {id, label: same|different, "
                    "a: {doc_id, event_type, evidence: [[start, end], ...]}, b: {...}}")
    dd.add_argument("--corpus", required=True, help="directory with docs.jsonl {doc_id, doc_text} "
                    "and metadata.jsonl {doc_id, date} (e.g. ../shared/data/india_police_events)")
    dd.add_argument("--limit", type=int, help="score only the first N pairs")
    truecase_option(dd)
    tr = sub.add_parser("train", help="fit a type model on your own ACLED-coded notes "
                        "(for extract/eval --model)")
    tr.add_argument("--acled", required=True, metavar="FILE", help="normalised ACLED JSONL "
                    "(notes, event_date, event_type, sub_event_type, ...)")
    tr.add_argument("--output", required=True, type=Path, metavar="PATH",
                    help="where to write the model (a numpy .npz file, e.g. type_model.npz)")
    tr.add_argument("--limit", type=int, help="train on the first N distinct notes only")
    store_commands(sub)
    web_commands(sub)
    scale_commands(sub)
    gz = sub.add_parser("gazetteer", help="manage the embedded gazetteer")
    gz_sub = gz.add_subparsers(dest="action", required=True)
    gb = gz_sub.add_parser("build", help="(re)build the gazetteer from the installed packages "
                           "or from a GeoNames dump you downloaded")
    gb.add_argument("--geonames", type=Path, metavar="FILE", help="GeoNames dump: "
                    "allCountries.zip, a country extract (KZ.zip) or the .txt inside; every "
                    "feature class is kept (default: the extracts in the installed packages)")
    gb.add_argument("--admin1", type=Path, metavar="FILE", help="admin1CodesASCII.txt for "
                    "admin-1 names (default: the dump's own ADM1 rows)")
    gb.add_argument("--output", type=Path, metavar="PATH", help="where to write it "
                    "(default: the cache path the pipeline reads; see 'gazetteer path')")
    gz_sub.add_parser("path", help="print where the gazetteer lives")
    return parser


def profiles_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--profiles", type=Path, metavar="FILE",
                   help="publisher profiles: where each publisher's (URL domain's) articles "
                   "are placed, read from FILE before coding and updated with this run's "
                   "articles after it (created if missing); helps place 'Dublin' in a "
                   "local paper")


def truecase_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--truecase", action="store_true",
                   help="restore the capitals of documents written all in lower case "
                   "before parsing (place and party names), from the gazetteer and a table "
                   "of news casing; evidence is still quoted as written")


def model_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", type=Path, metavar="PATH",
                   help="a type model made by 'eventwire train': it re-types the ACLED event "
                   "type and sub-type of events bound for ACLED (default: the rules alone)")


def workers_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="worker processes, each loading the pipeline once (default: all "
                   "cores, or 1 for a handful of documents; 1 codes in this process)")


def store_commands(sub: argparse._SubParsersAction) -> None:
    db_help = ("database URL: sqlite:///PATH (default sqlite:///eventwire.db) or "
               "postgresql://USER@HOST:PORT/DBNAME")
    ing = sub.add_parser("ingest", help="code documents and store their articles and events "
                         "(a document already stored is skipped)")
    ing.add_argument("paths", nargs="+", help="files, directories, or - for stdin "
                     "(.txt, .html, .jsonl with {id, text, published, url?, title?, locale?})")
    ing.add_argument("--db", default=None, help=db_help)
    ing.add_argument("--published", type=_date, help="publication date (YYYY-MM-DD) for "
                     "inputs that carry none")
    ing.add_argument("--max-bytes", type=int, default=50 * 1024 * 1024,
                     help="skip files larger than this (default 50 MB)")
    workers_option(ing)
    profiles_option(ing)
    truecase_option(ing)
    exp = sub.add_parser("export", help="write the store's canonical events")
    exp.add_argument("--db", default=None, help=db_help)
    exp.add_argument("--format", required=True, choices=("acled", "jsonl", "geojson", "parquet"),
                     help="acled (ACLED CSV), jsonl, geojson, or parquet (needs --output)")
    exp.add_argument("--since", type=_date, help="events on or after this day (YYYY-MM-DD)")
    exp.add_argument("--until", type=_date, help="events on or before this day (YYYY-MM-DD)")
    exp.add_argument("--country", help="ISO 3166-1 alpha-2 code of the event's country, e.g. KZ")
    exp.add_argument("--type", dest="event_type", metavar="EVENT_TYPE",
                     help="ACLED event type (Protests, Riots, ...) or PLOVER type (PROTEST, ...)")
    exp.add_argument("--include-flagged", action="store_true",
                     help="in acled/geojson output, also write negated/hypothetical/historical "
                     "events (jsonl and parquet always carry them, with their flags)")
    exp.add_argument("--output", type=Path, metavar="FILE", help="write here instead of stdout")


def web_commands(sub: argparse._SubParsersAction) -> None:
    db_help = ("database URL: sqlite:///PATH (default sqlite:///eventwire.db) or "
               "postgresql://USER@HOST:PORT/DBNAME")
    srv = sub.add_parser("serve", help="serve the HTTP API and the dashboard (one process)")
    srv.add_argument("--db", default=None, help=db_help)
    srv.add_argument("--host", default="127.0.0.1", help="address to listen on (default "
                     "127.0.0.1, this machine only)")
    srv.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    srv.add_argument("--session-hours", type=float, default=12.0,
                     help="how long a sign-in lasts (default 12)")
    srv.add_argument("--access-log", action=argparse.BooleanOptionalAction, default=True,
                     help="log every request to stderr (default on)")
    usr = sub.add_parser("user", help="accounts that may review events in the dashboard")
    usr_sub = usr.add_subparsers(dest="action", required=True)
    add = usr_sub.add_parser("add", help="add an account (asks for the password twice)")
    add.add_argument("name", help="user name: letters, digits, '.', '_', '@', '-'")
    add.add_argument("--db", default=None, help=db_help)
    add.add_argument("--password-stdin", action="store_true",
                     help="read the password from the first line of stdin instead")
    lst = usr_sub.add_parser("list", help="list the accounts")
    lst.add_argument("--db", default=None, help=db_help)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=[logging.WARNING, logging.INFO, logging.DEBUG][min(args.verbose, 2)],
                        format="eventwire: %(message)s", stream=sys.stderr)
    if args.verbose == 0:
        logging.getLogger("eventwire").setLevel(logging.ERROR)
        logging.getLogger("eventwire.advice").setLevel(logging.WARNING)  # what to do next
    try:
        return COMMANDS[args.command](args, sys.stdout)
    except EventwireError as exc:
        print(f"eventwire: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("eventwire: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _docs(args: argparse.Namespace, *, until: str,
          keep: Callable[[Article], bool] | None = None) -> Iterator[Doc | Failure]:
    """The inputs named on the command line, read and run through the pipeline; ``keep``
    drops articles before they are coded (``ingest`` skips stored ones)."""
    from eventwire.geo.publishers import pending_vote
    from eventwire.ingest import WarcTally, read_inputs
    from eventwire.scale import WorkerStats, code_documents

    tally, stats = WarcTally(), WorkerStats()
    items = read_inputs(args.paths, published=args.published, max_bytes=args.max_bytes,
                        stdin=sys.stdin.buffer, warc_tally=tally)
    if keep is not None:
        items = (item for item in items if isinstance(item, Failure) or keep(item))
    learnt: list[PendingVote] = []
    publishers = _load_profiles(args)
    for item in code_documents(items, workers=getattr(args, "workers", None), until=until,
                               stats=stats, publishers=publishers,
                               type_model=_load_type_model(args),
                               truecase=getattr(args, "truecase", False)):
        if publishers is not None and isinstance(item, Doc):
            learnt.append(pending_vote(item.article.url, item.article.id, item.places))
        yield item
    _save_profiles(args, publishers, learnt)
    _report_run(args, tally, stats)


def _load_profiles(args: argparse.Namespace) -> PublisherProfiles | None:
    from eventwire.geo.publishers import load_profiles

    path = getattr(args, "profiles", None)
    return load_profiles(path) if path is not None else None


def _load_type_model(args: argparse.Namespace) -> TypeModel | None:
    from eventwire.coding.type_model import TypeModel

    path = getattr(args, "model", None)
    return TypeModel.load(path) if path is not None else None


def _save_profiles(args: argparse.Namespace, publishers: PublisherProfiles | None,
                   learnt: list[PendingVote]) -> None:
    """Add this run's votes to the --profiles file (coding used the file as it was)."""
    from eventwire.geo.publishers import save_profiles

    if publishers is None:
        return
    for publisher, article_id, vote in learnt:
        publishers.record(publisher, article_id, vote)
    save_profiles(publishers, args.profiles)


def _report_run(args: argparse.Namespace, tally: WarcTally, stats: WorkerStats) -> None:
    """The WARC summary line (when a WARC file was read), and with -v each worker's load."""
    if tally.records:
        print(f"eventwire: warc: {tally}", file=sys.stderr)
    if args.verbose:
        for line in stats.lines():
            print(f"eventwire: {line}", file=sys.stderr)


def _report(failure: Failure) -> None:
    message = failure.message
    prefix = f"{failure.source}: "
    if not message.startswith(prefix) and failure.source not in message:
        message = prefix + message
    print(f"eventwire: skipped {message}", file=sys.stderr)


def cmd_extract(args: argparse.Namespace, out: TextIO) -> int:
    from eventwire.export import write_events

    failures = 0
    events = []
    for item in _docs(args, until="events"):
        if isinstance(item, Failure):
            failures += 1
            _report(item)
            continue
        if args.format == "jsonl":  # stream as we go
            write_events(item.events, out, "jsonl")
            out.flush()
        else:
            events.extend(e for e in item.events if args.include_flagged
                          or not (e.negated or e.hypothetical or e.historical))
    if args.format != "jsonl":
        write_events(events, out, args.format)
    return 1 if failures else 0


def cmd_ingest(args: argparse.Namespace, out: TextIO) -> int:
    """Code the inputs and store them; one summary line on stderr, nothing on stdout."""
    from eventwire.store import DEFAULT_URL, EventStore, IngestCounts

    counts = IngestCounts()
    with EventStore.open(args.db or DEFAULT_URL) as store:
        try:
            store.ingest(_docs(args, until="events", keep=store.unseen(counts)),
                         counts=counts, on_failure=_report)
        finally:
            print(f"eventwire: ingest: {counts}", file=sys.stderr)
    return 1 if counts.failed else 0


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from eventwire.errors import ConfigError
    from eventwire.store import DEFAULT_URL, EventStore, ExportFilter, write_parquet

    if args.format == "parquet" and args.output is None:
        raise ConfigError("parquet is a binary format and is not written to a terminal or "
                          "pipe; add --output FILE.parquet")
    if args.output is not None and args.output.is_dir():
        raise ConfigError(f"--output {args.output} is a directory; give a file name, "
                          f"e.g. {args.output / ('events.' + args.format)}")
    if args.output is not None and not args.output.resolve().parent.is_dir():
        raise ConfigError(f"--output {args.output}: directory {args.output.parent} does not "
                          "exist; create it or write elsewhere")
    flagged = args.include_flagged or args.format in ("jsonl", "parquet")
    selection = ExportFilter(since=args.since, until=args.until, country=args.country,
                             event_type=args.event_type, include_flagged=flagged)
    with EventStore.open(args.db or DEFAULT_URL, create=False) as store:
        events = store.events(selection)
        try:
            if args.format == "parquet":
                count = write_parquet(events, args.output)
            else:
                count = _write_text(args, (stored.event for stored in events), out)
        except OSError as exc:
            if args.output is None:
                raise
            raise ConfigError(f"--output {args.output}: {exc.strerror or exc}; write "
                              "somewhere you may create files") from exc
    lacking = {"acled": "an ACLED event type", "geojson": "a location"}.get(args.format)
    print(f"eventwire: export: {count.written} events written"
          + (f", {count.skipped} without {lacking} left out" if count.skipped else ""),
          file=sys.stderr)
    return 0


def _write_text(args: argparse.Namespace, events: Iterator[Event], out: TextIO) -> ExportCount:
    from eventwire.export import write_events

    if args.output is None:
        return write_events(events, out, args.format)
    with open(args.output, "w", encoding="utf-8", newline="") as fh:
        return write_events(events, fh, args.format)


def cmd_geoparse(args: argparse.Namespace, out: TextIO) -> int:
    from eventwire.geo.publishers import pending_vote
    from eventwire.ingest import read_inputs
    from eventwire.pipeline import Pipeline

    stdin_data = sys.stdin.buffer.read() if "-" in args.paths else b""
    spans = _given_spans(args.paths, stdin_data)
    publishers = _load_profiles(args)
    pipe = Pipeline.load(publishers=publishers, truecase=args.truecase)
    failures = 0
    learnt: list[PendingVote] = []
    items = read_inputs(args.paths, published=args.published, max_bytes=args.max_bytes,
                        stdin=io.BytesIO(stdin_data))
    for item in items:
        if isinstance(item, Failure):
            failures += 1
            _report(item)
            continue
        try:
            places = _places(pipe, item, spans.get(item.id))
        except EventwireError as exc:
            failures += 1
            _report(Failure(source=item.source or item.id, message=str(exc)))
            continue
        if publishers is not None:
            learnt.append(pending_vote(item.url, item.id, places))
        out.write(json.dumps({"id": item.id, "places": [p.as_dict() for p in places]},
                             ensure_ascii=False) + "\n")
        out.flush()
    _save_profiles(args, publishers, learnt)
    return 1 if failures else 0


def _places(pipe: object, article: Article, spans: list[tuple[int, int]] | None) -> list:
    if spans is not None:
        return pipe.geoparser.resolve_spans(article.text, spans)  # type: ignore[attr-defined]
    return pipe.process(article, until="geoparse").places  # type: ignore[attr-defined]


def _given_spans(paths: Sequence[str], stdin_data: bytes) -> dict[str, list[tuple[int, int]]]:
    """``{"id", "text", "spans": [[start, end], ...]}`` lines: resolve those spans only."""
    texts = [stdin_data.decode("utf-8", errors="replace")] if stdin_data else []
    texts += [Path(p).read_text(encoding="utf-8", errors="replace") for p in paths
              if str(p).endswith(".jsonl") and Path(p).is_file()]
    found: dict[str, list[tuple[int, int]]] = {}
    for line in (ln for t in texts for ln in t.splitlines()):
        try:
            obj = json.loads(line)
            if isinstance(obj, dict) and isinstance(obj.get("spans"), list) and "id" in obj:
                found[str(obj["id"])] = [(int(s), int(e)) for s, e in obj["spans"]]
        except (ValueError, TypeError):
            continue  # the reader reports bad lines
    return found


def cmd_gazetteer(args: argparse.Namespace, out: TextIO) -> int:
    from eventwire.errors import InputError
    from eventwire.geo.build import build_from_packages, default_path

    if args.action == "path":
        out.write(f"{default_path()}\n")
        return 0
    path = args.output or default_path()
    if args.geonames is not None:
        from eventwire.geo.dump import build_from_geonames

        rows = build_from_geonames(path, args.geonames, admin1=args.admin1, progress=True)
    elif args.admin1 is not None:
        raise InputError("--admin1 only applies to a GeoNames dump; add --geonames FILE")
    else:
        rows = build_from_packages(path, progress=True)
    out.write(f"built {path} with {rows} places\n")
    return 0


def cmd_eval(args: argparse.Namespace, out: TextIO) -> int:
    """Each scorer lives in eventwire.evaluate.<what> as ``evaluate(**options) -> dict``."""
    import importlib

    module = importlib.import_module(f"eventwire.evaluate.{args.what}")
    options = {k: v for k, v in vars(args).items() if k not in ("command", "what", "verbose")}
    report = module.evaluate(**options)
    out.write(json.dumps(report, indent=1, ensure_ascii=False) + "\n")
    return 0


def cmd_train(args: argparse.Namespace, out: TextIO) -> int:
    """Fit a type model on an ACLED file and write it; one summary line on stderr."""
    from eventwire.coding.train import train_type_model
    from eventwire.coding.type_model import writable

    writable(args.output)  # before minutes of coding, not after
    model = train_type_model(args.acled, limit=args.limit, progress=True)
    model.save(args.output)
    info = model.training
    print(f"eventwire: train: {info.examples} matched events from {info.notes} notes "
          f"({len(model.labels)} sub-event types, {len(model.columns)} features); model "
          f"written to {args.output}", file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace, out: TextIO) -> int:
    import uvicorn

    from eventwire.store import DEFAULT_URL
    from eventwire.web import create_app

    app = create_app(args.db or DEFAULT_URL, session_hours=args.session_hours)
    print(f"eventwire: serving {args.db or DEFAULT_URL} on http://{args.host}:{args.port}/",
          file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, access_log=args.access_log,
                log_level="info" if args.verbose else "warning")
    return 0


def cmd_user(args: argparse.Namespace, out: TextIO) -> int:
    from eventwire.errors import ConfigError
    from eventwire.store import DEFAULT_URL, EventStore
    from eventwire.web.accounts import add_user, check_name, check_password, list_users

    with EventStore.open(args.db or DEFAULT_URL, create=args.action == "add") as store:
        if args.action == "list":
            for name, created in list_users(store.db):
                out.write(f"{name}\t{created}\n")
            return 0
        check_name(args.name)
        if args.password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
        else:
            import getpass

            password = check_password(getpass.getpass(f"password for {args.name}: "))
            if getpass.getpass("again: ") != password:
                raise ConfigError("the two passwords differ; run the command again")
        add_user(store.db, args.name, password)
    print(f"eventwire: user {args.name} added", file=sys.stderr)
    return 0


COMMANDS = {"extract": cmd_extract, "geoparse": cmd_geoparse, "eval": cmd_eval,
            "gazetteer": cmd_gazetteer, "ingest": cmd_ingest, "train": cmd_train, "export": cmd_export,
            "serve": cmd_serve, "user": cmd_user, "batch": cmd_batch, "watch": cmd_watch}

if __name__ == "__main__":
    raise SystemExit(main())

