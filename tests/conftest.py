"""Shared fixtures.

``pipeline``: the real pipeline (pinned spaCy model + embedded gazetteer, built into the
user cache on first use), loaded once per test session.
``seed_article``: the demonstration article from ../shared/seed (skips when absent).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

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
