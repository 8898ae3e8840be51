"""The HTTP API as a real server: ``eventwire ingest`` fills a store (SQLite, and PostgreSQL
when EVENTWIRE_TEST_PG is set), ``eventwire serve`` runs on a free loopback port, and httpx
asks it. Reading: filters, paging, sorting, downloads, statistics, error shapes, hostile
parameters, security headers. Review and accounts are in test_api_review.py."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from eventwire.export import ACLED_COLUMNS

SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "seed" / \
    "kazakhstan_2022-01-06.txt"
TEXTS = {
    "nairobi_2023-03-14.txt": (
        "Police fired tear gas at thousands of opposition supporters who marched through "
        "Nairobi on Monday to protest against the rising cost of living. Two people were killed "
        "and 31 were injured, the Kenya Red Cross said. Officers arrested 48 people near the "
        "central business district."),
    "lima_2023-06-02.txt": (
        "Riot police arrested 27 students in Lima on Thursday after they blocked a highway to "
        "demand lower bus fares, the interior ministry said."),
    "dhaka_2023-11-01.txt": (
        "Tens of thousands of garment workers protested in Dhaka on Tuesday to demand a higher "
        "minimum wage. Police fired rubber bullets and one worker was killed, a police official "
        "said."),
}
REPORTS = [  # JSONL: titles and URLs; two reports of one Khartoum march; hostile text
    {"id": "khartoum-1", "published": "2023-01-16", "url": "https://news.example.org/sudan/1",
     "title": "Sudan forces kill five in Khartoum march",
     "text": "Security forces killed five protesters in Khartoum on Sunday as thousands marched "
             "against military rule, medics said."},
    {"id": "khartoum-2", "published": "2023-01-17", "url": "https://news.example.org/sudan/2",
     "title": "Doctors say seven killed in Sudan protest",
     "text": "At least seven protesters were killed in Khartoum on Sunday when soldiers opened "
             "fire on a march against military rule, a doctors' committee said."},
    {"id": "hostile", "published": "2023-02-10", "url": "javascript:alert(1)",
     "title": "<script>alert('x')</script> Almaty '; DROP TABLE events; --",
     "text": "Thousands of demonstrators protested in Almaty on Friday against fuel prices '; "
             "DROP TABLE events; -- and demanded the resignation of the government. "
             "<img src=x onerror=alert(1)> Security forces detained 15 people in Almaty."},
]
PASSWORD = "correct horse battery"
CORPUS_TEXT = " ".join([*TEXTS.values(), *(r["text"] + " " + r["title"] for r in REPORTS),
                        SEED.read_text(encoding="utf-8") if SEED.is_file() else ""]).lower()


def cli(*args: str, stdin: str | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "eventwire.cli", *args], input=stdin,
                          capture_output=True, text=True, timeout=timeout)


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in TEXTS.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
    (folder / "reports.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in REPORTS), encoding="utf-8")
    if SEED.is_file():
        (folder / SEED.name).write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    db: str
    base: str
    proc: subprocess.Popen
    log: Path

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.base, timeout=30)


def start_server(db: str, log: Path) -> Server:
    port = free_port()
    with open(log, "w") as err:
        proc = subprocess.Popen([sys.executable, "-m", "eventwire.cli", "serve", "--db", db,
                                 "--port", str(port), "--no-access-log"],
                                stdout=err, stderr=subprocess.STDOUT)
    server = Server(db=db, base=f"http://127.0.0.1:{port}", proc=proc, log=log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"eventwire serve exited: {log.read_text()}")
        with contextlib.suppress(httpx.TransportError):
            if httpx.get(server.base + "/api/me", timeout=2).status_code == 200:
                return server
        time.sleep(0.1)
    proc.kill()
    pytest.fail(f"eventwire serve did not answer in 60 s: {log.read_text()}")


def stop_server(server: Server) -> None:
    server.proc.terminate()
    try:
        server.proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.proc.kill()
        server.proc.wait()


@contextlib.contextmanager
def store_url(kind: str, folder: Path) -> Iterator[str]:
    """An empty store: an SQLite file, or a PostgreSQL schema of its own (dropped after)."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'events.db'}"
        return
    server = os.environ.get("EVENTWIRE_TEST_PG")
    if not server:
        pytest.skip("PostgreSQL tests need a server: set "
                    "EVENTWIRE_TEST_PG=postgresql://USER@HOST:PORT/DB (.ci/run starts one)")
    import psycopg

    schema = f"ew_api_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    joiner = "&" if "?" in server else "?"
    try:
        yield f"{server}{joiner}options={quote(f'-csearch_path={schema}')}"
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@contextlib.contextmanager
def served_store(kind: str, folder: Path) -> Iterator[tuple[Server, Path]]:
    """A store filled by ``eventwire ingest`` of the corpus, with user alice, served."""
    corpus = write_corpus(folder / "corpus")
    with store_url(kind, folder) as db:
        res = cli("ingest", str(corpus), "--db", db)
        assert res.returncode == 0, res.stderr
        res = cli("user", "add", "alice", "--db", db, "--password-stdin", stdin=PASSWORD + "\n")
        assert res.returncode == 0, res.stderr
        server = start_server(db, folder / "serve.log")
        try:
            yield server, corpus
        finally:
            stop_server(server)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def api(request, tmp_path_factory) -> Iterator[httpx.Client]:
    with served_store(request.param, tmp_path_factory.mktemp(request.param)) as (server, _):
        with server.client() as client:
            yield client


def every_event(api: httpx.Client, **params: str) -> list[dict]:
    body = api.get("/api/events", params={"limit": 500, **params}).json()
    assert body["total"] == len(body["events"]) < 500
    return body["events"]


def assert_error(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body
    assert body["error"]["code"] == f"EW{status}"
    message = body["error"]["message"]
    assert message and "\n" not in message and "Traceback" not in message
    return message


# --------------------------------------------------------------------------- lists


def test_a_page_has_the_records_their_counts_and_the_newest_first(api):
    body = api.get("/api/events").json()
    assert set(body) == {"total", "limit", "offset", "events"}
    assert body["limit"] == 50 and body["offset"] == 0 and body["total"] >= 8
    first = body["events"][0]
    for key in ("id", "doc_id", "event_type", "acled_event_type", "date", "location", "actors",
                "recipients", "dead", "evidence", "confidence", "negated"):
        assert key in first
    assert all(e["status"] == "active" and e["mentions"] >= 1 and e["sources"] >= 1
               for e in body["events"])
    dated = [e["date"] for e in body["events"] if e["date"]]
    assert dated == sorted(dated, reverse=True)
    khartoum = [e for e in every_event(api) if e["doc_id"] == "khartoum-1"]
    assert any(e["mentions"] == 2 and e["sources"] == 2 and e["dead"] == 5 for e in khartoum)


def test_pages_cover_every_event_once_in_each_sort_order(api):
    everything = every_event(api)
    for sort in ("date", "-date", "type", "-type", "country", "dead", "-dead", "mentions",
                 "-mentions"):
        seen = []
        for offset in range(0, len(everything), 3):
            page = api.get("/api/events", params={"sort": sort, "limit": 3, "offset": offset})
            assert page.json()["total"] == len(everything)
            seen += page.json()["events"]
        assert sorted(e["id"] for e in seen) == sorted(e["id"] for e in everything), sort
        key = {"date": "date", "type": "event_type", "dead": "dead", "mentions": "mentions",
               "country": None}[sort.lstrip("-")]
        if key:
            values = [e[key] for e in seen if e[key] is not None]
            assert values == sorted(values, reverse=sort.startswith("-")), sort
            assert all(e[key] is None for e in seen[len(values):]), f"{sort}: nulls last"


def test_filters_select_what_they_name(api):
    everything = every_event(api)

    def ids(**params: str) -> set[str]:
        return {e["id"] for e in every_event(api, **params)}

    assert ids(country="KE") == {e["id"] for e in everything
                                 if (e["location"] or {}).get("country_code") == "KE"} != set()
    assert ids(country="ke") == ids(country="KE")
    assert ids(type="Protests") == {e["id"] for e in everything
                                    if e["acled_event_type"] == "Protests"} != set()
    assert ids(type="protest") == {e["id"] for e in everything if e["event_type"] == "PROTEST"}
    assert ids(since="2023-03-01", until="2023-06-30") == {
        e["id"] for e in everything if e["date"] and "2023-03-01" <= e["date"] <= "2023-06-30"}
    # East Africa: Nairobi and Khartoum, not Lima or Dhaka
    east_africa = {e["id"] for e in everything if e["location"]
                   and 20 <= e["location"]["lon"] <= 45 and -5 <= e["location"]["lat"] <= 20}
    assert ids(bbox="20,-5,45,20") == east_africa != set()
    assert ids(bbox="170,-90,-60,90") >= {e["id"] for e in everything if e["location"]
                                          and e["location"]["country_code"] == "PE"}
    assert ids(actor="kenya") == {e["id"] for e in everything if any(
        "kenya" in a["name"].lower() for a in e["actors"] + e["recipients"])} != set()
    assert ids(country="KE", type="Protests") == ids(country="KE") & ids(type="Protests")


def test_free_text_searches_evidence_titles_and_places(api):
    by_title = every_event(api, q="doctors say")  # only the second Khartoum report's title
    assert [e["doc_id"] for e in by_title] == ["khartoum-1"]  # its event, made by the first
    by_evidence = every_event(api, q="garment workers")
    assert by_evidence and all(e["location"]["name"] == "Dhaka" for e in by_evidence)
    assert {e["id"] for e in every_event(api, q="lima")} >= {
        e["id"] for e in every_event(api, country="PE")}
    assert every_event(api, q="no such words anywhere") == []
    assert every_event(api, q="100%") == [] and every_event(api, q="_") == []


def test_downloads_are_files_of_every_selected_event(api):
    everything = every_event(api, flagged="exclude")
    res = api.get("/api/events", params={"format": "csv", "limit": 1})
    assert res.status_code == 200 and res.headers["content-type"].startswith("text/csv")
    assert res.headers["content-disposition"].startswith("attachment; filename=")
    rows = list(csv.DictReader(io.StringIO(res.text)))
    assert tuple(csv.reader(io.StringIO(res.text)).__next__()) == ACLED_COLUMNS
    assert len(rows) == sum(1 for e in everything if e["acled_event_type"])  # no paging
    res = api.get("/api/events", params={"format": "geojson", "country": "KE"})
    assert res.headers["content-type"].startswith("application/geo+json")
    assert "attachment" in res.headers["content-disposition"]
    features = res.json()["features"]
    assert {f["id"] for f in features} == {e["id"] for e in every_event(api, country="KE")}


def test_stats_count_what_the_list_selects(api):
    everything = every_event(api)
    stats = api.get("/api/stats").json()
    assert set(stats) == {"by_period", "period", "by_type", "by_country", "total"}
    assert stats["period"] == "day" and stats["total"] == len(everything)
    assert sum(t["count"] for t in stats["by_type"]) == len(everything)
    assert sum(p["count"] for p in stats["by_period"]) == sum(1 for e in everything if e["date"])
    kenya = next(c for c in stats["by_country"] if c["country"] == "KE")
    assert kenya["count"] == len(every_event(api, country="KE"))
    weekly = api.get("/api/stats", params={"period": "week", "country": "KE"}).json()
    assert weekly["period"] == "week" and weekly["total"] == kenya["count"]
    assert all(dt_weekday(p["period"]) == 0 for p in weekly["by_period"])
    assert api.get("/api/stats", params={"q": "nothing like this"}).json()["total"] == 0


def dt_weekday(day: str) -> int:
    import datetime as dt

    return dt.date.fromisoformat(day).weekday()


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize("params", [
    {"since": "2023-13-01"}, {"until": "yesterday"}, {"bbox": "1,2,3"}, {"bbox": "0,50,10,40"},
    {"bbox": "a,b,c,d"}, {"limit": "501"}, {"limit": "-1"}, {"limit": "ten"}, {"offset": "-5"},
    {"sort": "price"}, {"type": "Picnics"}, {"country": "KAZ"}, {"format": "xml"},
    {"status": "deleted"}, {"since": "2023-05-01", "until": "2023-01-01"}, {"q": "x" * 300},
])
def test_bad_parameters_are_400_in_the_error_shape(api, params):
    message = assert_error(api.get("/api/events", params=params), 400)
    assert any(name in message for name in params), message


def test_unknown_things_are_404_and_bodies_422_in_the_error_shape(api):
    assert "no event" in assert_error(api.get("/api/events/0000000000000000"), 404)
    assert_error(api.get("/api/nothing-here"), 404)
    assert_error(api.get("/static/no-such-file.js"), 404)
    assert_error(api.delete("/api/events"), 405)
    assert_error(api.get("/api/stats", params={"period": "year"}), 400)
    assert_error(api.post("/api/login", json={"username": "alice"}), 422)
    assert_error(api.post("/api/login", content=b"{not json",
                          headers={"content-type": "application/json"}), 400)
    assert_error(api.post("/api/login", json={"username": "alice", "password": "wrong!"}), 401)


HOSTILE = ["' OR 1=1 --", "'; DROP TABLE events; --", "\" OR \"\"=\"", "%", "_%_", "\\", "KZ'--",
           "1; SELECT * FROM users", "Protests' OR '1'='1", "<script>alert(1)</script>",
           "\u0000", "ü' UNION SELECT name, password_hash FROM users --", "-date; DROP",
           "2022-01-01' OR '1'='1"]


@pytest.mark.parametrize("name", ["q", "actor", "country", "type", "sort", "since", "bbox",
                                  "status", "format", "limit"])
def test_injection_like_parameters_are_answers_not_failures(api, name):
    total = api.get("/api/events").json()["total"]
    for value in HOSTILE:
        for path in ("/api/events", "/api/stats"):
            res = api.get(path, params={name: value})
            assert res.status_code in (200, 400), (name, value, res.text)
            if res.status_code == 400:
                assert_error(res, 400)
            elif name in ("q", "actor") and value.lower() not in CORPUS_TEXT:
                assert res.json()["total"] == 0, (name, value)
    assert api.get("/api/events").json()["total"] == total  # nothing was dropped


def test_pages_and_answers_carry_security_headers_and_no_stored_text(api):
    hostile = next(e for e in every_event(api) if e["doc_id"] == "hostile")
    for path in ("/", f"/events/{hostile['id']}", "/api/events", "/api/nothing", "/openapi.json"):
        res = api.get(path)
        csp = res.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp
        assert res.headers["x-content-type-options"] == "nosniff"
    page = api.get(f"/events/{hostile['id']}")
    assert page.headers["content-type"].startswith("text/html")
    assert "DROP TABLE" not in page.text and "onerror" not in page.text
    detail = api.get(f"/api/events/{hostile['id']}")
    assert detail.headers["content-type"] == "application/json"
    assert detail.json()["articles"][0]["title"].startswith("<script>")  # data, as stored
    assert "/api/events" in api.get("/openapi.json").json()["paths"]


def test_one_event_has_its_mentions_evidence_articles_and_changes(api):
    khartoum = next(e for e in every_event(api, country="SD") if e["mentions"] == 2)
    body = api.get(f"/api/events/{khartoum['id']}").json()
    assert set(body) == {"event", "mentions", "articles", "changes"}
    assert body["event"]["id"] == khartoum["id"] and body["event"]["status"] == "active"
    assert len(body["mentions"]) == 2 and len(body["articles"]) == 2
    texts = {a["id"]: a["text"] for a in body["articles"]}
    joined = next(m for m in body["mentions"] if not m["decision"]["founded"])
    assert joined["decision"]["matched"]
    for mention in body["mentions"]:
        for ev in mention["evidence"]:
            assert set(ev) >= {"field", "start", "end", "text", "sentence"}
            assert texts[mention["article_id"]][ev["start"]:ev["end"]] == ev["text"]
    assert {a["title"] for a in body["articles"]} == {r["title"] for r in REPORTS[:2]}
    assert {c["field"] for c in body["changes"]} <= {"dead", "injured", "arrested", "size"}
    assert all(set(c) == {"who", "when", "field", "old", "new"} for c in body["changes"])
