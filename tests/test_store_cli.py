"""``eventwire ingest`` and ``eventwire export`` as real processes: counts, bad input, bad
URLs, every export format, PostgreSQL, and a run killed with SIGKILL half-way."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

CITIES = ("Nairobi", "Lagos", "Dhaka", "Lima", "Bogota", "Karachi", "Kampala", "Accra", "Quito",
          "Harare", "Manila", "Jakarta", "Santiago", "La Paz", "Caracas", "Tunis", "Khartoum",
          "Beirut", "Baghdad", "Kathmandu")
ISSUES = ("rising fuel prices", "a new tax law", "power cuts", "the election results",
          "police brutality")
DISTRICTS = ("north", "south", "east", "west", "old", "port", "market", "river")


def news(i: int, city: str) -> str:
    """A short report of a protest, deaths, injuries and arrests, padded with background so
    that coding one takes long enough to kill a run between documents."""
    lead = (f"Police arrested {10 + i} protesters in {city} on Tuesday after thousands of people "
            f"marched against {ISSUES[i % 5]}. {2 + i % 4} people were killed when officers "
            f"opened fire on the crowd, a local rights group said. The interior ministry said "
            f"{3 + i} officers were injured in clashes near the parliament. Opposition leaders "
            f"called for a general strike on Friday. ")
    background = " ".join(
        f"Shops in the {district} district stayed closed on Wednesday and traders said they had "
        f"lost {k} days of income, while the transport union warned of further stoppages."
        for k, district in enumerate(DISTRICTS * 3, 1))
    return lead + background + "\n"


def run(*args: str, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "eventwire.cli", *args], capture_output=True,
                          text=True, timeout=timeout)


def start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "eventwire.cli", *args], text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def summary(stderr: str) -> str:
    lines = [ln for ln in stderr.splitlines() if ln.startswith("eventwire: ingest:")]
    assert len(lines) == 1, stderr
    return lines[0]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("corpus")
    for i, city in enumerate(CITIES):
        (d / f"{i:02d}_{city.replace(' ', '_').lower()}_2023-03-16.txt").write_text(
            news(i, city), encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def clean_run(corpus, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("clean") / "clean.db"
    res = run("ingest", str(corpus), "--db", f"sqlite:///{db}")
    assert res.returncode == 0, res.stderr
    assert summary(res.stderr) == "eventwire: ingest: 20 new, 0 skipped-duplicate, 0 failed"
    return db


def test_a_killed_ingest_loses_nothing_when_rerun(corpus, clean_run, tmp_path):
    db = tmp_path / "killed.db"
    proc = start("ingest", str(corpus), "--db", f"sqlite:///{db}")
    deadline = time.monotonic() + 240
    stored = 0
    while stored < 1:
        assert proc.poll() is None, f"ingest ended before it was killed: {proc.communicate()}"
        assert time.monotonic() < deadline, "no article committed within 240 s"
        time.sleep(0.005)
        try:
            stored = rows(db, "SELECT COUNT(*) FROM articles")[0][0]
        except sqlite3.Error:  # not created or not migrated yet
            stored = 0
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL

    assert rows(db, "PRAGMA journal_mode") == [("wal",)]
    done = rows(db, "SELECT COUNT(*) FROM articles")[0][0]
    assert 1 <= done < len(CITIES), "the kill should land between the first and last commit"
    # Whole documents or nothing: every stored article has all of its mentions and evidence.
    assert rows(db, "SELECT a.doc_id FROM articles a WHERE a.event_count != "
                    "(SELECT COUNT(*) FROM mentions m WHERE m.article_id = a.id)") == []

    res = run("ingest", str(corpus), "--db", f"sqlite:///{db}")
    assert res.returncode == 0, res.stderr
    assert summary(res.stderr) == (f"eventwire: ingest: {len(CITIES) - done} new, {done} "
                                   "skipped-duplicate, 0 failed")

    def content(path: Path) -> dict[str, object]:
        return {
            "articles": sorted(rows(path, "SELECT doc_id, content_hash, event_count "
                                          "FROM articles")),
            "events": sorted(rows(path, "SELECT event_key, record, mention_count FROM events")),
            "mentions": rows(path, "SELECT COUNT(*) FROM mentions")[0][0],
            "evidence": rows(path, "SELECT COUNT(*) FROM evidence")[0][0],
        }

    after, clean = content(db), content(clean_run)
    assert len(after["articles"]) == len(CITIES)  # each exactly once
    assert after == clean


def test_ingest_reports_bad_documents_and_stores_the_rest(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a_lagos_2023-03-16.txt").write_text(news(1, "Lagos"), encoding="utf-8")
    (inputs / "b_empty.txt").write_bytes(b"")
    (inputs / "c_lines.jsonl").write_text(
        json.dumps({"id": "quito", "text": news(8, "Quito"), "published": "2023-03-16"}) + "\n"
        + "{not json\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'e.db'}"

    res = run("ingest", str(inputs), "--db", db)
    assert res.returncode == 1
    assert res.stdout == ""
    lines = res.stderr.strip().splitlines()
    assert lines[-1] == "eventwire: ingest: 2 new, 0 skipped-duplicate, 2 failed"
    errors = lines[:-1]
    assert len(errors) == 2 and all("[EW100]" in ln for ln in errors), errors
    assert any("b_empty.txt" in ln for ln in errors)
    assert any("c_lines.jsonl:2" in ln for ln in errors)

    again = run("ingest", str(inputs), "--db", db)
    assert summary(again.stderr) == "eventwire: ingest: 0 new, 2 skipped-duplicate, 2 failed"
    assert rows(tmp_path / "e.db", "SELECT COUNT(*) FROM articles") == [(2,)]

    # Every export format reads the stored events back.
    jsonl = run("export", "--db", db, "--format", "jsonl")
    assert jsonl.returncode == 0, jsonl.stderr
    events = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert {e["doc_id"] for e in events} == {"a_lagos_2023-03-16.txt", "quito"}
    assert f"eventwire: export: {len(events)} events written" in jsonl.stderr

    acled = run("export", "--db", db, "--format", "acled", "--country", "NG")
    table = list(csv.DictReader(io.StringIO(acled.stdout)))
    assert table and {r["country"] for r in table} == {"Nigeria"}
    assert {r["event_type"] for r in table} <= {"Protests", "Riots", "Violence against civilians",
                                                "Battles", "Strategic developments"}

    out = tmp_path / "events.geojson"
    geo = run("export", "--db", db, "--format", "geojson", "--type", "Protests",
              "--since", "2023-03-01", "--until", "2023-03-31", "--output", str(out))
    assert geo.returncode == 0 and geo.stdout == ""
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert features and {f["properties"]["acled_event_type"] for f in features} == {"Protests"}

    pq_path = tmp_path / "events.parquet"
    par = run("export", "--db", db, "--format", "parquet", "--output", str(pq_path))
    assert par.returncode == 0, par.stderr
    import pyarrow.parquet as pq

    assert pq.read_table(pq_path).num_rows == len(events)


@pytest.mark.parametrize("args, code, fix", [
    (("ingest", "x.txt", "--db", "mysql://root@localhost/ew"), "[EW200]", "sqlite:///"),
    (("ingest", "x.txt", "--db", "events.db"), "[EW200]", "postgresql://USER@HOST:PORT/DBNAME"),
    (("ingest", "x.txt", "--db", "postgresql://ew@127.0.0.1:1/ew"), "[EW500]", "server is running"),
    (("export", "--db", "sqlite:///no/such/dir/e.db", "--format", "jsonl"), "[EW500]",
     "run 'eventwire ingest' first"),
    (("export", "--format", "parquet"), "[EW200]", "add --output FILE.parquet"),
    (("export", "--format", "parquet", "--output", "."), "[EW200]", "is a directory"),
    (("export", "--format", "jsonl", "--type", "Riot"), "[EW200]", "Riots"),
])
def test_bad_options_give_one_line_naming_the_fix(args, code, fix, tmp_path):
    res = subprocess.run([sys.executable, "-m", "eventwire.cli", *args], capture_output=True,
                         text=True, timeout=120, cwd=tmp_path)
    assert res.returncode == 1
    (line,) = res.stderr.strip().splitlines()
    assert line.startswith("eventwire: error: " + code) and fix in line, line
    assert not (tmp_path / "eventwire.db").exists()  # no store made on the way to the error


def test_postgresql_cli_round_trip(pg_url, tmp_path, seed_article):
    """The same inputs give the same exported events from PostgreSQL as from SQLite."""
    seed = seed_article.source
    sqlite_url = f"sqlite:///{tmp_path / 's.db'}"
    for url in (pg_url, sqlite_url):
        res = run("ingest", seed, "--db", url)
        assert res.returncode == 0, res.stderr
        assert summary(res.stderr) == "eventwire: ingest: 1 new, 0 skipped-duplicate, 0 failed"
    again = run("ingest", seed, "--db", pg_url)
    assert summary(again.stderr) == "eventwire: ingest: 0 new, 1 skipped-duplicate, 0 failed"
    exports = [run("export", "--db", url, "--format", "jsonl").stdout
               for url in (pg_url, sqlite_url)]
    assert exports[0] == exports[1] and len(exports[0].splitlines()) > 5
