"""Publisher profiles: where a publisher's other articles are placed (real gazetteer)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.geo.gazetteer import Gazetteer
from eventwire.geo.publishers import (PublisherProfiles, load_profiles, publisher_of,
                                      save_profiles)
from eventwire.geo.resolve import Geoparser
from eventwire.records import Place

PAPER = "http://www.dublinvillager.example.com/news/1"


@pytest.fixture(scope="module")
def geoparser() -> Geoparser:
    return Geoparser(Gazetteer.open())


def _places(geoparser: Geoparser, text: str, names: list[str], **kw: object) -> list[Place]:
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    return geoparser.resolve_spans(text, spans, **kw)  # type: ignore[arg-type]


def _ohio_paper(geoparser: Geoparser) -> PublisherProfiles:
    profiles = PublisherProfiles()
    for i, (text, names) in enumerate([
            ("Road work in Columbus, Ohio and Delaware County.", ["Columbus", "Ohio"]),
            ("Toledo, Ohio schools reopen; Cincinnati next.", ["Toledo", "Ohio", "Cincinnati"]),
            ("A fair in Marysville, Ohio.", ["Marysville", "Ohio"])]):
        profiles.observe(publisher_of(PAPER), f"a{i}", _places(geoparser, text, names))
    return profiles


@pytest.mark.parametrize("url,expected", [
    ("http://www.thetowntalk.com/article/1", "thetowntalk.com"),
    ("https://news.bbc.co.uk/x", "bbc.co.uk"),
    ("lfpress.com/news", "lfpress.com"),
    ("http://127.0.0.1:8000/a", None),
    ("", None),
    (None, None),
])
def test_publisher_of(url: str | None, expected: str | None) -> None:
    assert publisher_of(url) == expected


def test_profile_places_a_lone_namesake(geoparser: Geoparser) -> None:
    text = "The city council of Dublin voted on Tuesday to widen the bridge."
    alone = _places(geoparser, text, ["Dublin"])[0]
    assert alone.entry.country_code == "IE"  # no context: the capital
    profiles = _ohio_paper(geoparser)
    support = profiles.support(publisher_of(PAPER), "new")
    assert support is not None and max(support.countries, key=support.countries.get) == "US"
    placed = _places(geoparser, text, ["Dublin"], publisher=support)[0]
    assert (placed.entry.country_code, placed.entry.admin1) == ("US", "Ohio")


def test_profile_needs_other_articles_and_leaves_own_vote_out(geoparser: Geoparser) -> None:
    profiles = PublisherProfiles()
    pub = publisher_of(PAPER)
    profiles.observe(pub, "a0", _places(geoparser, "Columbus, Ohio.", ["Columbus", "Ohio"]))
    assert profiles.support(pub, "new") is None  # one other article says too little
    profiles.observe(pub, "a1", _places(geoparser, "Toledo, Ohio.", ["Toledo", "Ohio"]))
    assert profiles.support(pub, "new") is not None
    assert profiles.support(pub, "a1") is None  # a1's own vote does not count for a1
    assert profiles.support("other.example.org", "new") is None
    # an article coded again replaces its vote instead of adding one
    profiles.observe(pub, "a1", _places(geoparser, "Toledo, Ohio.", ["Toledo", "Ohio"]))
    assert len(profiles.votes[pub]) == 2


def test_save_load_round_trip(geoparser: Geoparser, tmp_path: Path) -> None:
    profiles = _ohio_paper(geoparser)
    path = tmp_path / "profiles.json"
    save_profiles(profiles, path)
    again = load_profiles(path)
    assert again.support(publisher_of(PAPER), "x") == profiles.support(publisher_of(PAPER), "x")
    assert load_profiles(tmp_path / "missing.json").votes == {}


def test_bad_profiles_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"version": 99}))
    with pytest.raises(InputError, match="not an eventwire publisher-profiles file"):
        load_profiles(path)
    path.write_text("{not json")
    with pytest.raises(InputError, match="cannot read publisher profiles"):
        load_profiles(path)


def test_cli_profiles_file_is_learnt_then_used(tmp_path: Path) -> None:
    docs = [{"id": f"d{i}", "text": t, "url": f"http://www.dublinvillager.example.com/{i}",
             "published": "2009-03-20"}
            for i, t in enumerate(["Road work in Columbus, Ohio closed two lanes.",
                                   "Schools in Toledo, Ohio reopened on Monday.",
                                   "The council of Dublin voted to widen the bridge."])]
    src = tmp_path / "docs.jsonl"
    src.write_text("\n".join(json.dumps(d) for d in docs) + "\n")
    prof = tmp_path / "profiles.json"

    def dublin() -> dict[str, object]:
        out = subprocess.run([sys.executable, "-m", "eventwire.cli", "geoparse", str(src),
                              "--profiles", str(prof)], capture_output=True, check=True)
        rows = [json.loads(line) for line in out.stdout.decode().splitlines()]
        return next(p for p in rows[2]["places"] if p["text"] == "Dublin")

    first = dublin()  # the file did not exist: coded without profiles, then written
    assert prof.exists() and first["country_code"] == "IE"
    second = dublin()
    assert (second["country_code"], second["admin1"]) == ("US", "Ohio")
    bad = tmp_path / "bad.json"
    bad.write_text("[]")
    out = subprocess.run([sys.executable, "-m", "eventwire.cli", "geoparse", str(src),
                          "--profiles", str(bad)], capture_output=True)
    err = out.stderr.decode().strip()
    assert out.returncode != 0 and "Traceback" not in err and len(err.splitlines()) == 1
