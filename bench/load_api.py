"""HTTP API load bench (not a test): prints one JSON report.

    python bench/load_api.py --db sqlite [--events 100000] [--clients 50] [--seconds 60]
    python bench/load_api.py --db postgresql://USER@HOST:PORT/DBNAME [...]

1. Fills a fresh store with ``--events`` synthetic but realistic canonical events (real
   cities and countries, PLOVER/ACLED types in realistic shares, actors, counts, evidence
   sentences with offsets into their article; about one article in ten is a further report
   of an event already stored, so events have 1-3 mentions). They are written through the
   store's own insert path (``save_document``), many documents per transaction, without the
   NLP pipeline. SQLite: a new file in a temporary folder; PostgreSQL: a new schema in the
   given database, dropped at the end.
2. Starts ``eventwire serve`` on a free loopback port.
3. Runs ``--clients`` concurrent keep-alive clients for ``--seconds`` against
   ``/api/events`` (assorted filters, sorts and pages) and ``/api/stats`` (assorted
   filters): each client sends its next request when the last one is answered.
4. Prints requests/s, latency percentiles (ms), errors (non-200 answers and failed
   connections) and the same per kind of request. Target: p95 < 200 ms, no errors.

Only loopback traffic; every loop is bounded by the event count or the deadline.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eventwire.records import Actor, Article, Doc, Event, Evidence, Location  # noqa: E402
from eventwire.store import EventStore  # noqa: E402
from eventwire.store.ingest import save_document  # noqa: E402

# ruff: noqa: E501 - the CITIES table keeps two cities to a line
# city, ISO2, country (as in ACLED actor names), lat, lon
CITIES = (
    ("Nairobi", "KE", "Kenya", -1.2864, 36.8172), ("Mombasa", "KE", "Kenya", -4.0435, 39.6682),
    ("Lagos", "NG", "Nigeria", 6.4541, 3.3947), ("Abuja", "NG", "Nigeria", 9.0579, 7.4951),
    ("Kano", "NG", "Nigeria", 12.0022, 8.592), ("Khartoum", "SD", "Sudan", 15.5007, 32.5599),
    ("Omdurman", "SD", "Sudan", 15.6445, 32.4777), ("Addis Ababa", "ET", "Ethiopia", 9.025, 38.7469),
    ("Mogadishu", "SO", "Somalia", 2.0469, 45.3182), ("Kinshasa", "CD", "Democratic Republic of Congo", -4.3217, 15.3125),
    ("Goma", "CD", "Democratic Republic of Congo", -1.6792, 29.2228), ("Bamako", "ML", "Mali", 12.6392, -8.0029),
    ("Ouagadougou", "BF", "Burkina Faso", 12.3714, -1.5197), ("Dakar", "SN", "Senegal", 14.6937, -17.4441),
    ("Cairo", "EG", "Egypt", 30.0444, 31.2357), ("Tunis", "TN", "Tunisia", 36.8065, 10.1815),
    ("Johannesburg", "ZA", "South Africa", -26.2041, 28.0473), ("Harare", "ZW", "Zimbabwe", -17.8252, 31.0335),
    ("Baghdad", "IQ", "Iraq", 33.3152, 44.3661), ("Basra", "IQ", "Iraq", 30.5085, 47.7804),
    ("Beirut", "LB", "Lebanon", 33.8938, 35.5018), ("Aleppo", "SY", "Syria", 36.2021, 37.1343),
    ("Sanaa", "YE", "Yemen", 15.3694, 44.191), ("Tehran", "IR", "Iran", 35.6892, 51.389),
    ("Kabul", "AF", "Afghanistan", 34.5553, 69.2075), ("Karachi", "PK", "Pakistan", 24.8607, 67.0011),
    ("Lahore", "PK", "Pakistan", 31.5204, 74.3587), ("Delhi", "IN", "India", 28.7041, 77.1025),
    ("Mumbai", "IN", "India", 19.076, 72.8777), ("Kolkata", "IN", "India", 22.5726, 88.3639),
    ("Dhaka", "BD", "Bangladesh", 23.8103, 90.4125), ("Colombo", "LK", "Sri Lanka", 6.9271, 79.8612),
    ("Kathmandu", "NP", "Nepal", 27.7172, 85.324), ("Yangon", "MM", "Myanmar", 16.8409, 96.1735),
    ("Bangkok", "TH", "Thailand", 13.7563, 100.5018), ("Manila", "PH", "Philippines", 14.5995, 120.9842),
    ("Jakarta", "ID", "Indonesia", -6.2088, 106.8456), ("Almaty", "KZ", "Kazakhstan", 43.2389, 76.8897),
    ("Tashkent", "UZ", "Uzbekistan", 41.2995, 69.2401), ("Tbilisi", "GE", "Georgia", 41.7151, 44.8271),
    ("Kyiv", "UA", "Ukraine", 50.4501, 30.5234), ("Kharkiv", "UA", "Ukraine", 49.9935, 36.2304),
    ("Moscow", "RU", "Russia", 55.7558, 37.6173), ("Minsk", "BY", "Belarus", 53.9045, 27.5615),
    ("Paris", "FR", "France", 48.8566, 2.3522), ("Athens", "GR", "Greece", 37.9838, 23.7275),
    ("London", "GB", "United Kingdom", 51.5074, -0.1278), ("Madrid", "ES", "Spain", 40.4168, -3.7038),
    ("Mexico City", "MX", "Mexico", 19.4326, -99.1332), ("Guatemala City", "GT", "Guatemala", 14.6349, -90.5069),
    ("Port-au-Prince", "HT", "Haiti", 18.5944, -72.3074), ("Bogota", "CO", "Colombia", 4.711, -74.0721),
    ("Caracas", "VE", "Venezuela", 10.4806, -66.9036), ("Lima", "PE", "Peru", -12.0464, -77.0428),
    ("Quito", "EC", "Ecuador", -0.1807, -78.4678), ("La Paz", "BO", "Bolivia", -16.4897, -68.1193),
    ("Santiago", "CL", "Chile", -33.4489, -70.6693), ("Buenos Aires", "AR", "Argentina", -34.6037, -58.3816),
    ("Sao Paulo", "BR", "Brazil", -23.5505, -46.6333), ("Portland", "US", "United States", 45.5152, -122.6784),
)  # fmt: skip
ISSUES = ("fuel prices", "a new tax law", "power cuts", "the election results", "police abuse",
          "unpaid wages", "the cost of living", "land seizures", "a ban on the opposition")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(slots=True, frozen=True)
class Kind:
    """An event kind: PLOVER type and mode, ACLED coding, actor and recipient templates, the
    figure it reports, the evidence sentence, and its share of events."""

    plover: str
    mode: str | None
    acled: tuple[str, str, str] | None  # event type, sub-event type, disorder type
    actor: tuple[str, str]  # name template, sector
    target: tuple[str, str] | None
    figure: str | None
    sentence: str
    weight: int


KINDS = (
    Kind("PROTEST", "demo", ("Protests", "Peaceful protest", "Demonstrations"),
         ("Protesters ({c})", "PRO"), None, "size",
         "{n} people marched in {city} on {day} against {issue}, organisers said.", 34),
    Kind("PROTEST", "riot", ("Riots", "Violent demonstration", "Demonstrations"),
         ("Rioters ({c})", "RIO"), ("Police Forces of {c}", "COP"), "injured",
         "Rioters threw stones at police in {city} on {day} and {n} people were injured.", 10),
    Kind("ASSAULT", "crowd-control", ("Protests", "Protest with intervention", "Demonstrations"),
         ("Police Forces of {c}", "COP"), ("Protesters ({c})", "PRO"), "injured",
         "Police fired tear gas at a march over {issue} in {city} on {day}; {n} were hurt.", 6),
    Kind("ASSAULT", None, ("Violence against civilians", "Attack", "Political violence"),
         ("Unidentified Armed Group ({c})", "UAF"), ("Civilians ({c})", "CVL"), "dead",
         "Gunmen killed {n} villagers near {city} on {day}, a local official said.", 12),
    Kind("ASSAULT", "sideAB", ("Battles", "Armed clash", "Political violence"),
         ("Military Forces of {c}", "MIL"), ("Rebel Group ({c})", "REB"), "dead",
         "Soldiers clashed with rebels outside {city} on {day}, leaving {n} dead.", 8),
    Kind("ASSAULT", "aerial", ("Explosions/Remote violence", "Air/drone strike",
                               "Political violence"),
         ("Military Forces of {c}", "MIL"), None, "dead",
         "An air strike hit a market in {city} on {day}, killing {n} people.", 5),
    Kind("COERCE", "arrest", ("Strategic developments", "Arrests", "Strategic developments"),
         ("Police Forces of {c}", "COP"), ("Protesters ({c})", "PRO"), "arrested",
         "Police arrested {n} activists in {city} on {day} over protests against {issue}.", 12),
    Kind("MOBILIZE", "troops", ("Strategic developments", "Change to group/activity",
                                "Strategic developments"),
         ("Military Forces of {c}", "MIL"), None, None,
         "The army deployed troops to {city} on {day} after unrest over {issue}.", 3),
    Kind("REQUEST", None, None, ("Government of {c}", "GOV"), ("Protesters ({c})", "PRO"), None,
         "The government of {country} urged protesters in {city} to end the strikes over "
         "{issue} on {day}.", 6),
    Kind("ACCUSE", None, None, ("Opposition ({c})", "OPP"), ("Government of {c}", "GOV"), None,
         "Opposition leaders in {city} accused the government of rigging {issue} on {day}.", 4),
)
FIRST_DAY = dt.date(2019, 1, 1)
SPAN_DAYS = 6 * 365


# --------------------------------------------------------------------------- synthetic data


@dataclass(slots=True, frozen=True)
class Same:
    """What ``eventwire.dedup.compare`` returns; further reports share the group id."""

    same: bool
    score: float
    matched: tuple[str, ...]
    conflicts: tuple[str, ...]


def same_group(a: Event, b: Event) -> Same:
    same = a.id.split(":")[0] == b.id.split(":")[0]
    return Same(same=same, score=1.0 if same else 0.0,
                matched=("group",) if same else (), conflicts=())


def place(rng: random.Random) -> Location:
    """A city, or (one time in three) a place near one: about 1,800 distinct places."""
    city, iso, _, lat, lon = rng.choice(CITIES)
    if rng.random() < 0.67:
        return Location(name=city, geonameid=zlib.crc32(city.encode()) % 10_000_000, lat=lat,
                        lon=lon, country_code=iso, admin1=city, geo_precision=1,
                        reason="synthetic")
    k = rng.randrange(30)
    return Location(name=f"{city} outskirts {k}", geonameid=None, lat=round(lat + k * 0.011, 5),
                    lon=round(lon - k * 0.013, 5), country_code=iso, admin1=city,
                    geo_precision=2, reason="synthetic")


def event(rng: random.Random, key: str, doc_id: str, offset: int, *,
          like: Event | None = None) -> Event:
    """A new event, or a further report of ``like`` (same kind, place and day, other figure)."""
    if like:
        kind = next(k for k in KINDS if k.plover == like.event_type and k.mode == like.mode)
    else:
        kind = rng.choices(KINDS, [k.weight for k in KINDS])[0]
    loc = like.location if like else place(rng)
    country = next(c[2] for c in CITIES if c[1] == loc.country_code)
    day = dt.date.fromisoformat(like.date) if like and like.date else \
        FIRST_DAY + dt.timedelta(days=rng.randrange(SPAN_DAYS))
    n = rng.choice((1, 2, 3, 5, 8, 12, 20, 45, 100, 1000, 5000))
    text = kind.sentence.format(n=n, city=loc.name, day=DAYS[day.weekday()],
                                issue=rng.choice(ISSUES), country=country)

    def actor(template: tuple[str, str]) -> Actor:
        return Actor(text=template[0].split(" (")[0].lower(), name=template[0].format(c=country),
                     country=loc.country_code, sector=template[1])

    acled = kind.acled
    figures = {f: (n if f == kind.figure else None)
               for f in ("dead", "injured", "arrested", "size")}
    return Event(id=key, doc_id=doc_id, event_type=kind.plover, mode=kind.mode,
                 acled_event_type=acled[0] if acled else None,
                 acled_sub_event_type=acled[1] if acled else None,
                 disorder_type=acled[2] if acled else None,
                 date=None if rng.random() < 0.01 else day.isoformat(), time_precision=1,
                 location=loc, actors=[actor(kind.actor)],
                 recipients=[actor(kind.target)] if kind.target else [], **figures,
                 hypothetical=rng.random() < 0.02,
                 evidence=[Evidence(text=text, start=offset, end=offset + len(text))],
                 confidence=round(rng.uniform(0.5, 1.0), 2))


def documents(rng: random.Random, count: int) -> Iterator[tuple[Doc, int]]:
    """Coded documents until ``count`` canonical events exist: (document, new events)."""
    made, n, recent = 0, 0, []
    while made < count:
        n += 1
        doc_id = f"synthetic-{n:07d}"
        events: list[Event] = []
        text = ""
        for i in range(rng.choice((1, 1, 2, 3))):
            again = recent and rng.random() < 0.1
            base = rng.choice(recent) if again else None
            group = base.id.split(":")[0] if base else f"g{n}-{i}"
            ev = event(rng, f"{group}:{n}", doc_id, len(text), like=base)
            text += ev.evidence[0].text + " "
            events.append(ev)
            made += 0 if again else 1
            if not again:
                recent = (recent + [ev])[-200:]
        title = f"{events[0].event_type.title()} in {events[0].location.name}"
        article = Article(id=doc_id, text=text + "More to follow.", title=title,
                          published=dt.date.fromisoformat(events[0].date or "2024-12-31"),
                          url=f"https://news.example.org/{doc_id}")
        yield Doc(article=article, events=events), made


def fill(url: str, count: int, seed: int, *, vacuum: bool = True) -> dict:
    """Write the synthetic documents, 500 per transaction; returns counts and seconds."""
    rng = random.Random(seed)
    started = time.perf_counter()
    with EventStore.open(url) as store:
        db, batch = store.db, []
        for doc, made in documents(rng, count):
            batch.append(doc)
            if len(batch) == 500 or made >= count:
                with db.transaction():
                    for item in batch:
                        save_document(db, item, compare=same_group)
                batch = []
        if db.dialect == "postgresql":
            # what autovacuum does within a minute or so of a bulk load: planner statistics,
            # and the visibility map that lets counts and statistics read the indexes only
            db.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
        events, mentions = store.count("events"), store.count("mentions")
    return {"events": events, "mentions": mentions,
            "fill_s": round(time.perf_counter() - started, 1)}


# --------------------------------------------------------------------------- requests


def request_path(rng: random.Random, *, distinct: bool = False) -> tuple[str, str]:
    """(kind, path): a dashboard-like mix of list pages, filters and statistics. With
    ``distinct``, values are drawn from ranges so wide that requests almost never repeat
    (the server's answer cache cannot help): the cost of every query, cold."""
    if distinct:
        return _distinct(rng, *request_path(rng))
    city = rng.choice(CITIES)
    year = rng.randrange(2019, 2025)
    month = rng.randrange(1, 13)
    kind = rng.choices(("page", "country", "type", "dates", "bbox", "actor", "q", "combined",
                        "stats"), (30, 10, 10, 10, 8, 5, 5, 7, 15))[0]
    params: dict[str, object] = {}
    if kind == "page":
        params = {"offset": 50 * rng.randrange(10),
                  "sort": rng.choice(("-date", "-date", "date", "-dead", "-mentions", "type"))}
    if kind in ("country", "combined") or (kind == "stats" and rng.random() < 0.4):
        params["country"] = city[1]
    if kind in ("type", "combined") or (kind == "stats" and rng.random() < 0.3):
        params["type"] = rng.choice(("Protests", "Riots", "Battles", "Violence against civilians",
                                     "Strategic developments", "PROTEST", "ASSAULT"))
    if kind in ("dates", "combined") or (kind == "stats" and rng.random() < 0.4):
        start = dt.date(year, month, 1)
        params.update(since=start.isoformat(),
                      until=(start + dt.timedelta(days=rng.choice((7, 30, 90, 365)))).isoformat())
    if kind == "bbox":
        lat, lon = city[3], city[4]
        size = rng.choice((1, 5, 20))
        params["bbox"] = f"{lon - size},{max(lat - size, -90)},{lon + size},{min(lat + size, 90)}"
    if kind == "actor":
        params["actor"] = rng.choice(("police", "protesters", f"({city[2]})", "rebel"))
    if kind == "q":
        params["q"] = rng.choice((city[0], rng.choice(ISSUES), "tear gas", "air strike"))
    if kind == "stats":
        params["period"] = rng.choice(("day", "week"))
        return kind, "/api/stats?" + urlencode(params)
    return kind, "/api/events?" + urlencode(params)


def _distinct(rng: random.Random, kind: str, path: str) -> tuple[str, str]:
    base, _, query = path.partition("?")
    params = dict(pair.split("=", 1) for pair in query.split("&") if pair)
    if "offset" in params:
        params["offset"] = str(rng.randrange(5000))
    if "since" in params:
        start = FIRST_DAY + dt.timedelta(days=rng.randrange(SPAN_DAYS))
        params.update(since=start.isoformat(),
                      until=(start + dt.timedelta(days=rng.randrange(1, 400))).isoformat())
    if "bbox" in params:
        lon, lat = rng.uniform(-150, 150), rng.uniform(-60, 60)
        w, h = rng.uniform(0.5, 25), rng.uniform(0.5, 25)
        params["bbox"] = f"{lon - w:.3f},{lat - h:.3f},{lon + w:.3f},{lat + h:.3f}"
    for name, pool in (("q", [c[0] for c in CITIES] + list(ISSUES)),
                       ("actor", [c[2] for c in CITIES] + ["police forces", "protesters"])):
        if name in params:
            word = rng.choice(pool).lower()
            start = rng.randrange(max(1, len(word) - 3))
            params[name] = quote(word[start:start + rng.randrange(3, 8)])
    return kind, base + "?" + "&".join(f"{k}={v}" for k, v in params.items())


async def fetch(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str,
                path: str) -> int:
    """One keep-alive HTTP/1.1 GET; returns the status (the body is read and dropped)."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    else:  # chunked
        while size := int((await reader.readuntil(b"\r\n")).strip(), 16):
            await reader.readexactly(size + 2)
        await reader.readuntil(b"\r\n")
    return status


async def client(port: int, deadline: float, seed: int, results: list, *,
                 distinct: bool) -> None:
    rng = random.Random(seed)
    host = f"127.0.0.1:{port}"
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    while time.perf_counter() < deadline:
        kind, path = request_path(rng, distinct=distinct)
        started = time.perf_counter()
        try:
            status = await fetch(reader, writer, host, path)
        except (OSError, asyncio.IncompleteReadError, ValueError):
            status = 0
            writer.close()
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        results.append((kind, status, (time.perf_counter() - started) * 1000))
    writer.close()


def percentiles(ms: list[float]) -> dict:
    if not ms:
        return {}
    cuts = statistics.quantiles(ms, n=100, method="inclusive")
    return {"p50": round(cuts[49], 1), "p95": round(cuts[94], 1), "p99": round(cuts[98], 1),
            "max": round(max(ms), 1)}


async def load(port: int, clients: int, seconds: float, *, distinct: bool = False,
               seed: int = 0) -> dict:
    """A warm-up (a tenth of the time, 5 s at most; not counted), then the measured run
    (client ``i`` draws its requests from ``seed + i``)."""
    results: list[tuple[str, int, float]] = []
    warm_deadline = time.perf_counter() + min(5.0, seconds / 10)
    await asyncio.gather(*(client(port, warm_deadline, seed + 1000 + i, [],
                                  distinct=distinct)
                           for i in range(clients)))
    started = time.perf_counter()
    await asyncio.gather(*(client(port, started + seconds, seed + i, results,
                                  distinct=distinct)
                           for i in range(clients)))
    elapsed = time.perf_counter() - started
    kinds = sorted({k for k, _, _ in results})
    return {
        "requests": len(results), "requests_per_s": round(len(results) / elapsed, 1),
        "latency_ms": percentiles([ms for _, _, ms in results]),
        "errors": sum(1 for _, status, _ in results if status != 200),
        "by_kind": {k: {"requests": sum(1 for r in results if r[0] == k),
                        **percentiles([ms for kk, _, ms in results if kk == k])} for k in kinds},
    }


# --------------------------------------------------------------------------- running


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def fresh_store(db: str, folder: Path) -> Iterator[str]:
    if db == "sqlite":
        yield f"sqlite:///{folder / 'load.db'}"
        return
    import psycopg

    schema = f"ew_load_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(db, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield f"{db}{'&' if '?' in db else '?'}options={quote(f'-csearch_path={schema}')}"
    finally:
        with psycopg.connect(db, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@contextlib.contextmanager
def served(url: str, folder: Path) -> Iterator[int]:
    port = free_port()
    log = open(folder / "serve.log", "w")
    # the server runs this checkout's eventwire (as the fill did), whatever is installed
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}
    proc = subprocess.Popen([sys.executable, "-m", "eventwire.cli", "serve", "--db", url,
                             "--port", str(port), "--no-access-log"], stdout=log,
                            stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.monotonic() + 120
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                break
            if proc.poll() is not None or time.monotonic() > deadline:
                log_text = (folder / "serve.log").read_text()
                raise SystemExit(f"eventwire serve did not start: {log_text}")
            time.sleep(0.2)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def median_of(runs: list[dict]) -> dict:
    """The median over runs of requests/s, each latency percentile and errors."""
    def mid(values: list[float]) -> float:
        return round(statistics.median(values), 1)

    return {"requests_per_s": mid([r["requests_per_s"] for r in runs]),
            **{p: mid([r["latency_ms"][p] for r in runs]) for p in ("p50", "p95", "p99")},
            "errors": mid([r["errors"] for r in runs])}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", default="sqlite", help="sqlite (a temporary file) or a "
                    "postgresql://USER@HOST:PORT/DBNAME URL (a new schema in it)")
    ap.add_argument("--events", type=int, default=100_000, help="canonical events to store")
    ap.add_argument("--clients", type=int, default=50, help="concurrent clients")
    ap.add_argument("--seconds", type=float, default=60.0, help="how long to load the server")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--mix", choices=("dashboard", "distinct", "both"), default="dashboard",
                    help="dashboard: the dashboard-like mix; distinct: requests that almost "
                    "never repeat (no help from the answer cache), every query cold; both")
    ap.add_argument("--distinct", action="store_true", help="the same as --mix distinct")
    ap.add_argument("--no-vacuum", action="store_true", help="PostgreSQL: ANALYZE only after "
                    "the fill, not VACUUM ANALYZE (as this bench did before; autovacuum may "
                    "not have set the visibility map yet)")
    ap.add_argument("--store", help="an already filled store URL to load instead of filling "
                    "a new one (left as it is; for trying settings)")
    ap.add_argument("--runs", type=int, default=1, help="measured runs per mix over the one "
                    "filled store, each with a freshly started server (empty answer cache); "
                    "the report gives each run and their medians")
    args = ap.parse_args()
    mixes = {"dashboard": ["dashboard"], "distinct": ["distinct"],
             "both": ["dashboard", "distinct"]}["distinct" if args.distinct else args.mix]
    with tempfile.TemporaryDirectory(prefix="ew-load-") as tmp, \
            (contextlib.nullcontext(args.store) if args.store
             else fresh_store(args.db, Path(tmp))) as url:
        filled = {} if args.store else fill(url, args.events, args.seed,
                                            vacuum=not args.no_vacuum)
        report: dict = {"db": "sqlite" if url.startswith("sqlite") else "postgresql",
                        "checkout": str(ROOT), **filled, "vacuum": not args.no_vacuum,
                        "clients": args.clients,
                        "seconds": args.seconds, "cpus": os.cpu_count(), "mixes": {}}
        for mix in mixes:
            runs = []
            for run in range(args.runs):
                before = os.getloadavg()[0]
                with served(url, Path(tmp)) as port:
                    result = asyncio.run(load(port, args.clients, args.seconds,
                                              distinct=mix == "distinct", seed=run * 10_000))
                result["load_average"] = [round(before, 2), round(os.getloadavg()[0], 2)]
                runs.append(result)
                print(f"load_api: {report['db']} {mix} run {run + 1}/{args.runs}: "
                      f"{result['requests_per_s']} requests/s, p95 "
                      f"{result['latency_ms'].get('p95')} ms, {result['errors']} errors",
                      file=sys.stderr, flush=True)
            report["mixes"][mix] = {"median": median_of(runs), "runs": runs}
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
