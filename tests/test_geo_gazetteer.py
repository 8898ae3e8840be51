"""Gazetteer build/schema/lookup on a tiny gazetteer written from rows in the test."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from eventwire.errors import ResourceError
from eventwire.geo.build import (ABBREVIATION, ALTERNATE, ASCII, PRIMARY, PlaceRow,
                                 default_path, write_gazetteer)
from eventwire.geo.gazetteer import Gazetteer
from eventwire.geo.names import is_usable_alternate, normalize, spelling_variants, strip_affixes
from eventwire.records import GazetteerEntry


def _entry(gid: int, name: str, code: str, cc: str = "KZ", admin1: str = "",
           pop: int = 0) -> GazetteerEntry:
    fclass = "P" if code.startswith("PPL") else "A"
    return GazetteerEntry(geonameid=gid, name=name, lat=43.0 + gid % 7, lon=52.0,
                          country_code=cc, admin1=admin1, feature_class=fclass,
                          feature_code=code, population=pop)


ROWS = (
    PlaceRow(entry=_entry(1522867, "Kazakhstan", "PCLI", pop=18_000_000), admin1_code="",
             names=(("Kazakhstan", PRIMARY), ("Qazaqstan", ALTERNATE), ("KZ", ABBREVIATION))),
    PlaceRow(entry=_entry(608879, "Mangystau", "ADM1", admin1="Mangystau", pop=350_000),
             admin1_code="KZ.09", names=(("Mangghystaū oblysy", PRIMARY), ("Mangystau", ASCII))),
    PlaceRow(entry=_entry(607610, "Zhanaozen", "PPL", admin1="Mangystau", pop=103_598),
             admin1_code="KZ.09", names=(("Zhanaozen", PRIMARY), ("Novyy Uzen’", ALTERNATE))),
    PlaceRow(entry=_entry(1526273, "Astana", "PPLC", admin1="Astana", pop=1_000_000),
             admin1_code="KZ.05", names=(("Astana", PRIMARY), ("Nur-Sultan", ALTERNATE),
                                         ("Nursultán", ALTERNATE))),
    PlaceRow(entry=_entry(9, "Kazakhstan", "PPL", cc="RU", pop=300), admin1_code="RU.1",
             names=(("Kazakhstan", PRIMARY),)),
)


@pytest.fixture()
def small(tmp_path: Path) -> Gazetteer:
    path = tmp_path / "small.sqlite"
    count = write_gazetteer(path, ROWS, [("Kazakh", "KZ"), ("Russian", "RU")], progress=False)
    assert count == len(ROWS)
    gaz = Gazetteer.open(path, build=False)
    yield gaz
    gaz.close()


def test_normalize_accents_apostrophes_hyphens() -> None:
    assert normalize("Nursultán") == normalize("Nursultan") == "nursultan"
    assert normalize("Nur-Sultan") == normalize("Nur  Sultan") == "nur sultan"
    assert normalize("Novyy Uzen’") == normalize("Novyy Uzen'")
    assert normalize("Łódź") == "lodz"


def test_alternate_filter_drops_scripts_urls_codes() -> None:
    assert is_usable_alternate("Mangystau")
    assert not is_usable_alternate("Маңғыстау")
    assert not is_usable_alternate("https://en.wikipedia.org/wiki/Aktau")
    assert not is_usable_alternate("KZ-47")


def test_variant_rules() -> None:
    assert "zhanaozen" in spelling_variants("janaozen")
    assert "mangistau" in strip_affixes("mangistau province")
    assert "mangystau" in spelling_variants("mangistau")


def test_candidates_exact_and_alternate(small: Gazetteer) -> None:
    assert [e.geonameid for e in small.candidates("Nursultan")] == [1526273]
    assert [e.geonameid for e in small.candidates("NUR-SULTAN")] == [1526273]
    assert [e.name for e in small.candidates("Mangghystau oblysy")] == ["Mangystau"]
    assert small.candidates("Nowhere") == []


def test_country_ranks_first_among_same_name(small: Gazetteer) -> None:
    found = small.candidates("Kazakhstan")
    assert [e.feature_code for e in found] == ["PCLI", "PPL"]


def test_fuzzy_variants(small: Gazetteer) -> None:
    assert small.candidates("Janaozen") == []
    matches = small.matches("Janaozen")
    assert [m.entry.name for m in matches] == ["Zhanaozen"] and matches[0].variant == 2
    assert small.matches("Mangystau region")[0].entry.feature_code == "ADM1"


def test_get_country_demonym(small: Gazetteer) -> None:
    assert small.get(607610).name == "Zhanaozen"  # type: ignore[union-attr]
    assert small.get(42) is None
    assert small.country("kz").geonameid == 1522867  # type: ignore[union-attr]
    assert small.demonym("Kazakhs") == "KZ"
    assert small.demonym("Russian") == "RU"
    assert small.demonym("Martian") is None


def test_schema_has_indexed_names(small: Gazetteer) -> None:
    conn = sqlite3.connect(small.path)
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert "names_norm" in indexes
    kinds = dict(conn.execute("SELECT norm, kind FROM names WHERE geonameid = 1526273"))
    assert kinds == {"astana": PRIMARY, "nur sultan": ALTERNATE, "nursultan": ALTERNATE}
    conn.close()


def test_write_is_atomic_and_leaves_no_temp(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite"
    write_gazetteer(path, ROWS[:1], progress=False)
    write_gazetteer(path, ROWS, progress=False)
    assert [p.name for p in tmp_path.iterdir()] == ["g.sqlite"]


def test_failed_build_leaves_nothing(tmp_path: Path) -> None:
    def broken():
        yield ROWS[0]
        raise RuntimeError("source broke")

    with pytest.raises(RuntimeError):
        write_gazetteer(tmp_path / "g.sqlite", broken(), progress=False)
    assert list(tmp_path.iterdir()) == []


def test_open_missing_without_build_raises(tmp_path: Path) -> None:
    with pytest.raises(ResourceError):
        Gazetteer.open(tmp_path / "missing.sqlite", build=False)


def test_open_damaged_raises(tmp_path: Path) -> None:
    path = tmp_path / "bad.sqlite"
    path.write_bytes(b"not a database at all" * 100)
    with pytest.raises(ResourceError):
        Gazetteer.open(path, build=False)


def test_cache_dir_env_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(tmp_path))
    assert default_path() == tmp_path / "gazetteer-v1.sqlite"
