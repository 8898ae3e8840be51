"""Read access to the embedded SQLite gazetteer."""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from eventwire.errors import ResourceError
from eventwire.geo.build import (ABBREVIATION, ALTERNATE, ASCII, BUILD_REVISION, PRIMARY,
                                 SCHEMA_VERSION, build_from_packages, default_path)
from eventwire.geo.names import (normalize, orthographic_variants, spelling_variants,
                                 strip_affixes)
from eventwire.records import GazetteerEntry

log = logging.getLogger(__name__)

__all__ = ["Gazetteer", "Match", "PRIMARY", "ASCII", "ABBREVIATION", "ALTERNATE"]

_COLUMNS = ("geonameid, name, lat, lon, country_code, admin1, feature_class, feature_code, "
            "population")
_ADMIN_RANK = {"PCLI": 0, "CONT": 1, "RGN": 2, "ADM1": 3, "PPLC": 4, "ADM2": 6}


@dataclass(frozen=True, slots=True)
class Match:
    """A candidate with how it matched: name kind (0 primary .. 3 alternate) and
    ``variant`` (0 exact normalised name, 1 affix stripped, 2 spelling variant)."""

    entry: GazetteerEntry
    kind: int
    variant: int


def _entry(row: tuple[object, ...]) -> GazetteerEntry:
    gid, name, lat, lon, cc, a1, fcl, fcode, pop = row
    return GazetteerEntry(geonameid=int(gid), name=str(name), lat=float(lat), lon=float(lon),  # type: ignore[arg-type]
                          country_code=str(cc), admin1=str(a1), feature_class=str(fcl),
                          feature_code=str(fcode), population=int(pop))  # type: ignore[arg-type]


def _stale(path: Path) -> bool:
    """True for a package-built gazetteer from another builder revision."""
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.Error:
        return True
    return meta.get("source") == "packages" and meta.get("build_revision") != BUILD_REVISION


def _importance(m: Match) -> tuple[int, int, int]:
    rank = _ADMIN_RANK.get(m.entry.feature_code, 5)
    return (m.variant, rank if rank < 4 else 5, -m.entry.population)


class Gazetteer:
    """A read-only SQLite gazetteer. Lookups are cached on the instance."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path
        self._exact: dict[str, list[Match]] = {}
        self._has: dict[str, bool] = {}
        self._demonyms: dict[str, str] | None = None

    @classmethod
    def open(cls, path: Path | None = None, *, build: bool = True) -> Gazetteer:
        """Open the gazetteer at ``path`` (default: the cache dir); build it if missing."""
        path = path or default_path()
        if path.exists() and build and _stale(path):
            log.info("gazetteer %s was built by an older builder; rebuilding", path)
            build_from_packages(path)
        if not path.exists():
            if not build:
                raise ResourceError(f"gazetteer {path} does not exist; build it with "
                                    "Gazetteer.open(build=True)")
            log.info("building gazetteer at %s (first use)", path)
            build_from_packages(path)
        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            version = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        except sqlite3.Error as exc:
            raise ResourceError(f"gazetteer {path} is damaged ({exc}); delete it to rebuild"
                                ) from exc
        if version is None or int(version[0]) != SCHEMA_VERSION:
            conn.close()
            raise ResourceError(f"gazetteer {path} has schema {version}, expected "
                                f"{SCHEMA_VERSION}; delete it to rebuild")
        return cls(conn, path)

    def close(self) -> None:
        self._conn.close()

    def _lookup(self, norm: str) -> list[Match]:
        if norm not in self._exact:
            rows = self._conn.execute(
                f"SELECT n.kind, {', '.join('p.' + c.strip() for c in _COLUMNS.split(','))} "
                "FROM names n JOIN places p ON p.geonameid = n.geonameid WHERE n.norm = ?",
                (norm,)).fetchall()
            self._exact[norm] = [Match(entry=_entry(r[1:]), kind=int(r[0]), variant=0)
                                 for r in rows]
        return self._exact[norm]

    def has_name(self, name: str) -> bool:
        """True when the normalised ``name`` is a gazetteer name (exact, no variants)."""
        found = self._has.get(name)  # keyed by the text as written: normalising is the cost
        if found is None:
            norm = normalize(name)
            found = bool(norm) and self._conn.execute(
                "SELECT 1 FROM names WHERE norm = ? LIMIT 1", (norm,)).fetchone() is not None
            self._has[name] = found
        return found

    def matches(self, name: str, limit: int = 50, *, fuzzy: bool = True) -> list[Match]:
        """Candidates for ``name``: exact normalised matches, then affix-stripped and
        transliteration variants when ``fuzzy`` (only if the exact lookup found nothing
        better than an alternate name)."""
        norm = normalize(name)
        found: dict[int, Match] = {m.entry.geonameid: m for m in self._lookup(norm)}
        for form in orthographic_variants(norm):  # "St." = "Saint": the same name
            for m in self._lookup(form):
                old = found.get(m.entry.geonameid)
                if old is None or m.kind < old.kind:
                    found[m.entry.geonameid] = m
        if not fuzzy:
            return sorted(found.values(), key=_importance)[:limit]
        stripped = strip_affixes(norm)
        spelled = spelling_variants(norm) + [v for f in stripped for v in spelling_variants(f)]
        exact_good = any(m.kind <= ABBREVIATION for m in found.values())
        for variant, forms in ((1, stripped), (2, [] if exact_good else spelled)):
            for form in forms:
                for m in self._lookup(form):
                    if m.entry.geonameid not in found:
                        found[m.entry.geonameid] = Match(m.entry, m.kind, variant)
        return sorted(found.values(), key=_importance)[:limit]

    def candidates(self, name: str, limit: int = 50) -> list[GazetteerEntry]:
        """Exact normalised-name matches (primary, ascii, abbreviations and alternates)."""
        return [m.entry for m in self.matches(name, limit, fuzzy=False)]

    def get(self, geonameid: int) -> GazetteerEntry | None:
        row = self._conn.execute(f"SELECT {_COLUMNS} FROM places WHERE geonameid = ?",
                                 (geonameid,)).fetchone()
        return _entry(row) if row else None

    def country(self, iso2: str) -> GazetteerEntry | None:
        row = self._conn.execute(
            f"SELECT {_COLUMNS} FROM places WHERE country_code = ? AND feature_code = 'PCLI'",
            (iso2.upper(),)).fetchone()
        return _entry(row) if row else None

    def admin1(self, iso2: str, name: str) -> GazetteerEntry | None:
        """The admin-1 area of country ``iso2`` called ``name`` (display name)."""
        row = self._conn.execute(
            f"SELECT {_COLUMNS} FROM places WHERE country_code = ? AND feature_code = 'ADM1' "
            "AND admin1 = ? ORDER BY population DESC", (iso2.upper(), name)).fetchone()
        return _entry(row) if row else None

    def demonym(self, word: str) -> str | None:
        """ISO2 country code for a demonym ("Kazakh", "Russians"), else None."""
        if self._demonyms is None:
            self._demonyms = dict(self._conn.execute("SELECT norm, iso2 FROM demonyms"))
        norm = normalize(word)
        for form in (norm, norm[:-1] if norm.endswith("s") else "",
                     norm[:-2] if norm.endswith("es") else ""):
            if form and form in self._demonyms:
                return self._demonyms[form]
        return None
