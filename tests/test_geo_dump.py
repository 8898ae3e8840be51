"""Gazetteer built from a GeoNames dump: a tiny hand-written dump in tmp_path, no download."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.geo import gazetteer as gazetteer_module
from eventwire.geo.build import ABBREVIATION, ALTERNATE, write_gazetteer
from eventwire.geo.dump import build_from_geonames
from eventwire.geo.gazetteer import Gazetteer
from eventwire.geo.names import MACRO_REGIONS

# geonameid, name, asciiname, alternatenames, lat, lon, class, code, cc, admin1, admin2, pop
_ROWS = (
    # Zhanaozen comes before its ADM1 row, as in the real (id-ordered) dump.
    (607610, "Zhanaozen", "Zhanaozen", "Novyy Uzen',Жаңаөзен,Zhanaozen", 43.34, 52.86,
     "P", "PPL", "KZ", "09", "", 103598),
    (1522867, "Kazakhstan", "Kazakhstan",
     "Qazaqstan,Казахстан,KZ,Republic of Kazakhstan", 48.0, 68.0, "A", "PCLI", "KZ", "00",
     "", 18_000_000),
    (608879, "Mangghystau Oblysy", "Mangghystau Oblysy", "Mangystau,Маңғыстау облысы",
     44.0, 53.0, "A", "ADM1", "KZ", "09", "", 700_000),
    (1537162, "Zhangaozen Qalasy", "Zhangaozen Qalasy", "", 43.3, 52.9,
     "A", "ADM2", "KZ", "09", "1537162", 150_000),
    (610611, "Aktau", "Aktau", "Aqtau,Shevchenko,Актау", 43.65, 51.17,
     "P", "PPLA", "KZ", "09", "", 180_000),
    (1526900, "Aktau", "Aktau", "Aqtau", 50.25, 73.1, "P", "PPL", "KZ", "12", "", 3000),
    (1523401, "Qaraghandy Oblysy", "Qaraghandy Oblysy", "Karaganda Region", 48.0, 73.0,
     "A", "ADM1", "KZ", "12", "", 1_300_000),
    (1526273, "Astana", "Astana", "Nur-Sultan,Nursultán,Астана", 51.18, 71.45,
     "P", "PPLC", "KZ", "05", "", 1_000_000),
    (5332921, "California", "California", "State of California,Калифорния", 37.25,
     -119.75, "A", "ADM1", "US", "CA", "", 39_000_000),
    (2155400, "New South Wales", "New South Wales", "", -33.0, 146.0, "A", "ADM1", "AU", "02",
     "", 8_000_000),
    (6255147, "Asia", "Asia", "Asie", 29.84, 89.3, "L", "CONT", "", "", "", 3_800_000_000),
    (1520000, "Ural", "Ural", "Ural River,Zhayyq", 47.0, 51.8, "H", "STM", "KZ", "", "", 0),
    (9999001, "Rixos Water World", "Rixos Water World", "", 43.63, 51.16,
     "S", "HTL", "KZ", "09", "", 0),
)


def _line(r: tuple[object, ...]) -> str:
    gid, name, ascii_, alts, lat, lon, fcl, fcode, cc, a1, a2, pop = r
    cols = [gid, name, ascii_, alts, lat, lon, fcl, fcode, cc, "", a1, a2, "", "", pop, "",
            "-9999", "Asia/Aqtau", "2024-01-01"]
    return "\t".join(str(c) for c in cols) + "\n"


DUMP_TEXT = "".join(_line(r) for r in _ROWS)
ADMIN1_TEXT = ("KZ.05\tAstana\tAstana\t1526273\nKZ.09\tMangghystau Oblysy\tMangghystau Oblysy"
               "\t608879\nKZ.12\tQaraghandy Oblysy\tQaraghandy Oblysy\t1523401\n")
PLACES = len(_ROWS) + len(MACRO_REGIONS)


def _zip(path: Path, members: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, text in members.items():
            zf.writestr(name, text)
    return path


@pytest.fixture()
def no_package_build(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record (instead of running) any package rebuild Gazetteer.open would start."""
    calls: list[Path] = []
    monkeypatch.setattr(gazetteer_module, "build_from_packages",
                        lambda path, **_: calls.append(path))
    return calls


@pytest.fixture()
def built(tmp_path: Path, no_package_build: list[Path]) -> Iterator[Gazetteer]:
    dump = _zip(tmp_path / "KZ.zip", {"readme.txt": "not this one\n", "KZ.txt": DUMP_TEXT})
    path = tmp_path / "out" / "gaz.sqlite"
    assert build_from_geonames(path, dump, admin1=None, progress=False) == PLACES
    gaz = Gazetteer.open(path)
    assert no_package_build == []  # a dump-built gazetteer is used as is
    yield gaz
    gaz.close()


def test_alternate_names_find_places_with_admin1_filled(built: Gazetteer) -> None:
    [zh] = built.candidates("Novyy Uzen'")
    assert (zh.geonameid, zh.name, zh.feature_code) == (607610, "Zhanaozen", "PPL")
    assert zh.admin1 == "Mangghystau Oblysy"  # its ADM1 row comes later in the file
    assert [e.geonameid for e in built.candidates("Mangystau")] == [608879]
    assert built.admin1("KZ", "Mangghystau Oblysy").geonameid == 608879


def test_name_clash_gives_both_places(built: Gazetteer) -> None:
    aktau = {e.geonameid: e for e in built.candidates("Aktau")}
    assert set(aktau) == {610611, 1526900}
    assert aktau[1526900].admin1 == "Qaraghandy Oblysy"
    assert aktau[610611].feature_code == "PPLA"


def test_non_latin_alternates_are_dropped(built: Gazetteer) -> None:
    for name in ("Жаңаөзен", "Казахстан", "Актау", "Калифорния", "Астана"):
        assert built.candidates(name) == []
    conn = sqlite3.connect(built.path)
    norms = [r[0] for r in conn.execute("SELECT norm FROM names")]
    conn.close()
    assert norms and all(n.isascii() for n in norms)


def test_every_feature_class_and_code_is_kept(built: Gazetteer) -> None:
    codes = {built.get(r[0]).feature_code for r in _ROWS}
    assert codes == {"PPL", "PCLI", "ADM1", "ADM2", "PPLA", "PPLC", "CONT", "STM", "HTL"}
    assert built.get(1520000).feature_class == "H"
    assert built.get(6255147).country_code == "" and built.get(6255147).admin1 == ""
    assert built.get(1522867).admin1 == ""  # the country's admin1 code is "00"
    assert built.get(1526273).admin1 == ""  # no ADM1 row for KZ.05 in this dump


def test_drop_in_extras_demonyms_abbreviations_regions(built: Gazetteer) -> None:
    assert built.country("KZ").geonameid == 1522867
    assert built.demonym("Kazakhs") == "KZ"
    calif = built.matches("Calif.", fuzzy=False)
    assert [(m.entry.geonameid, m.kind) for m in calif] == [(5332921, ABBREVIATION)]
    assert built.get(5332921).admin1 == "California"
    assert [e.geonameid for e in built.candidates("NSW")] == [2155400]  # AU.02 = AU-NSW
    assert [m.kind for m in built.matches("Qazaqstan", fuzzy=False)] == [ALTERNATE]
    middle_east = built.candidates(MACRO_REGIONS[0][0])
    assert [e.geonameid for e in middle_east] == [6269133]  # GeoNames' own id
    central_asia = built.candidates(MACRO_REGIONS[1][0])
    assert [e.geonameid for e in central_asia] == [-2]  # synthetic: no id in names.py


def test_meta_records_the_dump_as_source(built: Gazetteer) -> None:
    conn = sqlite3.connect(built.path)
    meta = dict(conn.execute("SELECT key, value FROM meta"))
    conn.close()
    assert meta["source"] == "geonames:KZ.zip"


def test_admin1_file_and_plain_txt_and_all_countries_zip(tmp_path: Path,
                                                        no_package_build: list[Path]) -> None:
    txt = tmp_path / "KZ.txt"
    txt.write_text(DUMP_TEXT, encoding="utf-8")
    admin1 = tmp_path / "admin1CodesASCII.txt"
    admin1.write_text(ADMIN1_TEXT, encoding="utf-8")
    count = build_from_geonames(tmp_path / "a.sqlite", txt, admin1=admin1, progress=False)
    assert count == PLACES
    gaz = Gazetteer.open(tmp_path / "a.sqlite")
    assert gaz.get(1526273).admin1 == "Astana"  # from the admin-1 file
    gaz.close()
    dump = _zip(tmp_path / "allCountries.zip", {"allCountries.txt": DUMP_TEXT})
    assert build_from_geonames(tmp_path / "b.sqlite", dump, admin1=None, progress=False) == PLACES


def test_stale_check_keeps_dump_builds_and_rebuilds_package_builds(
        tmp_path: Path, no_package_build: list[Path]) -> None:
    dump = _zip(tmp_path / "KZ.zip", {"KZ.txt": DUMP_TEXT})
    from_dump, from_packages = tmp_path / "dump.sqlite", tmp_path / "packages.sqlite"
    build_from_geonames(from_dump, dump, admin1=None, progress=False)
    write_gazetteer(from_packages, (), source="packages", progress=False)
    for path in (from_dump, from_packages):  # both built by an older builder revision
        with sqlite3.connect(path) as conn:
            conn.execute("UPDATE meta SET value = '0' WHERE key = 'build_revision'")
        conn.close()
        Gazetteer.open(path).close()
    assert no_package_build == [from_packages]


@pytest.mark.parametrize("name, content, fragment", [
    ("missing.zip", None, "no such file"),
    ("places.csv", "a,b\n", "not a .zip or .txt"),
    ("broken.zip", "PK not really a zip", "not a readable zip"),
    ("KZ.txt", "1\tAktau\t43.6\t51.1\n", "line 1 has 4 tab-separated columns, expected 19"),
    ("KZ.txt", DUMP_TEXT + "2\tAktau\n", f"line {len(_ROWS) + 1} has 2"),
    ("KZ.txt", "", "no GeoNames rows"),
    ("KZ.txt", DUMP_TEXT.replace("43.34", "north"), "line 1 has a bad id, coordinate"),
])
def test_bad_dump_raises_input_error_and_leaves_nothing(
        tmp_path: Path, name: str, content: str | None, fragment: str) -> None:
    dump = tmp_path / name
    if content is not None:
        dump.write_text(content, encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(InputError, match=fragment) as info:
        build_from_geonames(out / "g.sqlite", dump, admin1=None, progress=False)
    assert "\n" not in str(info.value) and "GeoNames dump" in str(info.value)
    assert not out.exists() or list(out.iterdir()) == []


def test_zip_without_dump_member_and_bad_admin1_file(tmp_path: Path) -> None:
    dump = _zip(tmp_path / "stuff.zip", {"readme.txt": "x\n", "a.txt": "", "b.txt": ""})
    with pytest.raises(InputError, match="no single GeoNames .txt member"):
        build_from_geonames(tmp_path / "g.sqlite", dump, admin1=None, progress=False)
    good = _zip(tmp_path / "KZ.zip", {"KZ.txt": DUMP_TEXT})
    bad_admin1 = tmp_path / "admin1.txt"
    bad_admin1.write_text("KZ\tAstana\n", encoding="utf-8")
    with pytest.raises(InputError, match="pass admin1CodesASCII.txt"):
        build_from_geonames(tmp_path / "g.sqlite", good, admin1=bad_admin1, progress=False)
    with pytest.raises(InputError, match="no such file"):
        build_from_geonames(tmp_path / "g.sqlite", good, admin1=tmp_path / "nope.txt",
                            progress=False)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "eventwire.cli", "gazetteer", "build", *args],
                          capture_output=True, text=True, timeout=120)


def test_cli_builds_from_dump(tmp_path: Path) -> None:
    dump = _zip(tmp_path / "KZ.zip", {"KZ.txt": DUMP_TEXT})
    out = tmp_path / "gaz.sqlite"
    proc = _cli("--geonames", str(dump), "--output", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == f"built {out} with {PLACES} places\n"
    gaz = Gazetteer.open(out, build=False)
    assert [e.geonameid for e in gaz.candidates("Novyy Uzen'")] == [607610]
    gaz.close()


def test_cli_bad_input_is_one_line_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "KZ.txt"
    bad.write_text("1\tAktau\n", encoding="utf-8")
    for args in (("--geonames", str(bad)), ("--geonames", str(tmp_path / "none.zip")),
                 ("--admin1", str(bad))):
        proc = _cli(*args, "--output", str(tmp_path / "g.sqlite"))
        assert proc.returncode == 1
        assert proc.stderr.startswith("eventwire: error: [EW100]")
        assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert not (tmp_path / "g.sqlite").exists()
