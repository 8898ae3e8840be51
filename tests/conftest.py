"""Shared fixtures.

``pipeline``: the real pipeline (pinned spaCy model + embedded gazetteer, built into the
user cache on first use), loaded once per test session.
``seed_article``: the demonstration article from ../shared/seed (skips when absent).
``pg_url``: a PostgreSQL URL for one test, in a schema of its own that is dropped afterwards;
the server comes from ``EVENTWIRE_TEST_PG`` (e.g. ``postgresql://postgres@127.0.0.1:5432/postgres``,
as .ci/run sets it); without it, PostgreSQL tests skip and say so.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "kazakhstan_2022-01-06.txt"


@pytest.fixture(scope="session")
def pipeline():
    from eventwire.pipeline import Pipeline

    return Pipeline.load()


@pytest.fixture(scope="session")
def seed_article():
    from eventwire.records import Article

    if not SEED.is_file():
        pytest.skip(f"demonstration article not found at {SEED} (../shared is not checked out)")
    return Article(id=SEED.name, text=SEED.read_text(encoding="utf-8"),
                   published=dt.date(2022, 1, 6), source=str(SEED))


@pytest.fixture()
def pg_url():
    server = os.environ.get("EVENTWIRE_TEST_PG")
    if not server:
        pytest.skip("PostgreSQL tests need a server: set "
                    "EVENTWIRE_TEST_PG=postgresql://USER@HOST:PORT/DB (.ci/run starts one)")
    import psycopg

    schema = f"ew_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    joiner = "&" if "?" in server else "?"
    yield f"{server}{joiner}options={quote(f'-csearch_path={schema}')}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")
