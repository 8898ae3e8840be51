"""Accounts and review through a real server: ``eventwire user add`` (real CLI), sign in and
out, CSRF, corrections recorded in changes and kept through ``eventwire export`` and
re-ingest, merge, split and reject (SQLite, and PostgreSQL when EVENTWIRE_TEST_PG is set)."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from test_api import PASSWORD, assert_error, cli, free_port, store_url, write_corpus

from eventwire.cli import main
from eventwire.ingest import read_inputs
from eventwire.store import EventStore
from eventwire.web import create_app
from eventwire.web.accounts import add_user

KHARTOUM_3 = {"id": "khartoum-3", "published": "2023-01-18",
              "title": "Sudan: three dead in Sunday march",
              "text": "Three protesters were killed in Khartoum on Sunday when security forces "
                      "opened fire on a march against military rule, witnesses said."}


@dataclasses.dataclass
class Served:
    db: str
    base: str


def ingest(pipeline, db: str, path: Path) -> str:
    """What ``eventwire ingest`` does, in this process (the model is loaded once)."""
    with EventStore.open(db) as store:
        counts = store.ingest(pipeline.run(read_inputs([str(path)], published=None,
                                                       max_bytes=1 << 20)))
    return str(counts)


@contextlib.contextmanager
def uvicorn_thread(db: str) -> Iterator[Served]:
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port,
                                           log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield Served(db=db, base=f"http://127.0.0.1:{port}")
    finally:
        server.should_exit = True
        thread.join(timeout=10)


class Review:
    """A server over a store of its own, and a client signed in as alice."""

    def __init__(self, server: Served, corpus: Path, client: httpx.Client, pipeline) -> None:
        self.server, self.corpus, self.client, self.pipeline = server, corpus, client, pipeline
        res = client.post("/api/login", json={"username": "alice", "password": PASSWORD})
        assert res.status_code == 200, res.text
        self.csrf = res.json()["csrf_token"]

    def send(self, method: str, path: str, body: object = None) -> httpx.Response:
        return self.client.request(method, path, json=body,
                                   headers={"X-CSRF-Token": self.csrf})

    def events(self, **params: str) -> list[dict]:
        return self.client.get("/api/events", params={"limit": 500, **params}).json()["events"]

    def exported(self, capsys) -> dict[str, dict]:
        """``eventwire export --format jsonl`` (the CLI's main, in this process)."""
        capsys.readouterr()
        assert main(["export", "--format", "jsonl", "--db", self.server.db]) == 0
        return {e["id"]: e for e in map(json.loads, capsys.readouterr().out.splitlines())}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def review(request, tmp_path_factory, pipeline) -> Iterator[Review]:
    folder = tmp_path_factory.mktemp(request.param)
    corpus = write_corpus(folder / "corpus")
    with store_url(request.param, folder) as db:
        assert ingest(pipeline, db, corpus).endswith("0 skipped-duplicate, 0 failed")
        with EventStore.open(db) as store:
            add_user(store.db, "alice", PASSWORD)
        with uvicorn_thread(db) as server, httpx.Client(base_url=server.base) as client:
            yield Review(server, corpus, client, pipeline)


def test_sign_in_me_and_sign_out(review):
    anon = httpx.Client(base_url=review.server.base)
    assert anon.get("/api/me").json() == {"user": None, "csrf_token": None}
    res = anon.post("/api/login", json={"username": "alice", "password": PASSWORD})
    cookie = res.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "ew_session=" in cookie
    token = res.json()["csrf_token"]
    assert res.json()["user"] == "alice" and len(token) >= 32
    assert anon.get("/api/me").json() == {"user": "alice", "csrf_token": token}
    assert_error(anon.post("/api/logout"), 403)  # no CSRF header
    res = anon.post("/api/logout", headers={"X-CSRF-Token": token})
    assert res.status_code == 200
    assert anon.get("/api/me").json() == {"user": None, "csrf_token": None}
    # the old cookie is dead on the server too, not just forgotten by the client
    old = httpx.Client(base_url=review.server.base,
                       cookies={"ew_session": cookie.split(";")[0].split("=", 1)[1]})
    assert old.get("/api/me").json()["user"] is None
    assert_error(old.post("/api/logout", headers={"X-CSRF-Token": token}), 401)
    assert_error(anon.post("/api/login", json={"username": "alice", "password": "nope-nope"}),
                 401)
    assert_error(anon.post("/api/login", json={"username": "mallory", "password": PASSWORD}),
                 401)


def test_writes_need_the_session_and_its_csrf_token(review):
    key = review.events(country="PE")[0]["id"]
    anon = httpx.Client(base_url=review.server.base)
    assert_error(anon.patch(f"/api/events/{key}", json={"dead": 1},
                            headers={"X-CSRF-Token": review.csrf}), 401)
    client = review.client
    assert_error(client.patch(f"/api/events/{key}", json={"dead": 1}), 403)
    assert_error(client.patch(f"/api/events/{key}", json={"dead": 1},
                              headers={"X-CSRF-Token": "forged" + review.csrf[6:]}), 403)
    assert_error(client.post(f"/api/events/{key}/reject", headers={"X-CSRF-Token": "x"}), 403)
    assert_error(client.post("/api/events/merge", json={"ids": [key, key]}), 403)
    assert_error(client.patch(f"/api/events/{key}", json={"dead": 1}, headers={
        "X-CSRF-Token": review.csrf, "Origin": "https://evil.example"}), 403)
    assert client.get(f"/api/events/{key}").json()["changes"] == []  # nothing was written
    assert_error(client.patch(f"/api/events/{key}", content=b"dead=1", headers={
        "X-CSRF-Token": review.csrf, "content-type": "application/x-www-form-urlencoded"}), 422)


def test_a_correction_is_logged_exported_and_survives_reingest(review, capsys):
    khartoum = next(e for e in review.events(country="SD") if e["mentions"] == 2)
    key = khartoum["id"]
    res = review.send("PATCH", f"/api/events/{key}", {
        "dead": 9, "acled_event_type": "Protests",
        "acled_sub_event_type": "Protest with intervention",
        "location": {"name": "Omdurman", "lat": 15.64, "lon": 32.48, "country": "SD"},
        "actors": [{"name": "Protesters (Sudan)", "sector": "PRO", "country": "SD"}],
        "notes": "toll from the doctors' committee"})
    assert res.status_code == 200, res.text
    body = res.json()
    assert set(body["changed"]) >= {"dead", "acled_sub_event_type", "location", "notes"}
    logged = {c["field"]: c for c in body["changes"] if c["who"] == "alice"}
    assert logged["dead"]["old"] == 5 and logged["dead"]["new"] == 9
    assert logged["location"]["new"]["name"] == "Omdurman" and logged["location"]["when"]
    assert body["event"]["notes"] == "toll from the doctors' committee"
    exported = review.exported(capsys)[key]
    assert exported["dead"] == 9 and exported["location"]["name"] == "Omdurman"
    assert exported["acled_sub_event_type"] == "Protest with intervention"
    csv_text = review.client.get("/api/events", params={"format": "csv", "country": "SD"}).text
    assert "Omdurman" in csv_text and "Protest with intervention" in csv_text
    # the same articles again: nothing changes
    assert ingest(review.pipeline, review.server.db, review.corpus).startswith("0 new,")
    # a new report of the same march (3 dead) joins the event but leaves the corrected toll
    new = review.corpus.parent / "khartoum-3.jsonl"
    new.write_text(json.dumps(KHARTOUM_3) + "\n", encoding="utf-8")
    assert ingest(review.pipeline, review.server.db, new).startswith("1 new,")
    after = review.client.get(f"/api/events/{key}").json()
    assert after["event"]["mentions"] == 3 and after["event"]["dead"] == 9
    assert after["event"]["location"]["name"] == "Omdurman"
    assert review.exported(capsys)[key]["dead"] == 9


def test_bad_corrections_are_422_and_write_nothing(review):
    key = review.events(country="PE")[0]["id"]
    for body in ({"dead": -3}, {"dead": "many"}, {"date": "2023-02-30"}, {"colour": "red"},
                 {"event_type": "PARTY"}, {"acled_sub_event_type": "Armed clash"},
                 {"location": {"name": "X", "lat": 95, "lon": 0, "country": "PE"}},
                 {"location": {"country": "Peru"}}, {"actors": [{"text": "no name"}]},
                 {"time_precision": 4}, {"negated": "yes"}, {"status": "merged"}, {}, [1, 2]):
        assert_error(review.send("PATCH", f"/api/events/{key}", body), 422)
    assert review.client.get(f"/api/events/{key}").json()["changes"] == []
    assert_error(review.send("PATCH", "/api/events/ffffffffffffffff", {"dead": 1}), 404)


def test_merge_split_and_reject(review, capsys):
    nairobi = review.events(country="KE", sort="date")
    assert len(nairobi) >= 2
    keep, gone = nairobi[0]["id"], nairobi[1]["id"]
    total = len(review.events())
    res = review.send("POST", "/api/events/merge", {"ids": [keep, gone]})
    assert res.status_code == 200, res.text
    merged = res.json()
    assert merged["event"]["id"] == keep and len(merged["mentions"]) == 2
    assert merged["event"]["mentions"] == 2
    assert len(review.events()) == total - 1 and gone not in review.exported(capsys)
    gone_detail = review.client.get(f"/api/events/{gone}").json()["event"]
    assert gone_detail["status"] == "merged" and gone_detail["merged_into"] == keep
    assert_error(review.send("PATCH", f"/api/events/{gone}", {"dead": 1}), 409)
    assert_error(review.send("POST", "/api/events/merge", {"ids": [keep]}), 422)
    assert_error(review.send("POST", "/api/events/merge", {"ids": [keep, "nope"]}), 404)
    # split the merged-in mention off again
    moved = merged["mentions"][1]["id"]
    res = review.send("POST", f"/api/events/{keep}/split", {"mention_ids": [moved]})
    assert res.status_code == 200, res.text
    split = res.json()
    assert [m["id"] for m in split["mentions"]] == [moved]
    assert split["event"]["id"] not in (keep, gone)
    assert review.client.get(f"/api/events/{keep}").json()["event"]["mentions"] == 1
    assert len(review.events()) == total
    assert_error(review.send("POST", f"/api/events/{keep}/split",
                             {"mention_ids": [merged["mentions"][0]["id"]]}), 409)
    assert_error(review.send("POST", f"/api/events/{keep}/split", {"mention_ids": [moved]}),
                 422)
    # reject: hidden from lists, stats and exports; listed with status=rejected
    res = review.send("POST", f"/api/events/{keep}/reject")
    assert res.status_code == 200 and res.json()["event"]["status"] == "rejected"
    assert keep not in {e["id"] for e in review.events()}
    assert [e["id"] for e in review.events(status="rejected")] == [keep]
    assert keep in {e["id"] for e in review.events(status="all")}
    assert review.client.get("/api/stats").json()["total"] == total - 1
    assert keep not in review.exported(capsys)
    fields = [c["field"] for c in review.client.get(f"/api/events/{keep}").json()["changes"]]
    assert {"merged", "split", "status"} <= set(fields)
    res = review.send("PATCH", f"/api/events/{keep}", {"status": "active"})
    assert res.json()["event"]["status"] == "active"


def test_user_add_and_list_through_the_cli(review, capsys, monkeypatch):
    db = review.server.db
    res = cli("user", "add", "bob", "--db", db, "--password-stdin", stdin="another secret\n")
    assert res.returncode == 0 and "bob" in res.stderr
    for name, password, error in (("bob", "another secret", "already exists"),
                                  ("carol", "short", "password"),
                                  ("not a name", "long enough", "user name")):
        monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
        capsys.readouterr()
        assert main(["user", "add", name, "--db", db, "--password-stdin"]) == 1
        err = capsys.readouterr().err
        assert error in err and len(err.strip().splitlines()) == 1, err
    assert main(["user", "list", "--db", db]) == 0
    listed = capsys.readouterr().out
    assert [line.split("\t")[0] for line in listed.splitlines()] == ["alice", "bob"]
    client = httpx.Client(base_url=review.server.base)
    res = client.post("/api/login", json={"username": "bob", "password": "another secret"})
    assert res.json()["user"] == "bob"
