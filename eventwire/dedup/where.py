"""Places: the same place, a place inside the other's area, or a contradiction.

Levels of a ``Location`` (from its ACLED ``geo_precision`` and ``admin1``): a town
(precision 1, or 2 for "near a town / part of a region"), a first-level region
(precision 3 with an admin1) and a country (precision 3 without one). Two places agree
when they are the same gazetteer entry, or two towns lie within ``NEAR_KM`` of each
other (a city and its suburb), or one lies inside the other's region or country. Only
the first two are specific enough to count as evidence of identity: "Gujarat" and
"Gujarat" agree, but so do any two events in Gujarat.

Places in two different countries are a conflict of their own kind (grade
``countries``): compare.py lets near-identical evidence override it, since a namesake
resolved in the wrong country is likelier than two reports telling the same particulars
of two events.

Two places that contradict each other do not rule a pair out when each report's evidence
names the other's place too ("police fired on mobs in Bhavnagar and Surat" in both): the
reports tell of the same places, and their coders chose different ones as the event's.

A place the coder did not find in or near the event's own sentences -- inherited from
the event before it, or the document's main country (``Location.reason``) -- is a guess:
it can agree, weakly, but it cannot rule a pair out. Two places that agree where one is a
guess count as one country in common (0), not as one town: the guess may be wrong. (They
once counted as a region in common, -0.75, below a guessed town against the bare country,
0: more agreement must not score less.)

A town that one record is placed at and that *both* reports' evidence name is the place
the two reports tell, whatever the other record's coder made of it (no place, only the
region, a guess): it agrees as one town does. Lower-cased or terse copy often leaves a
coder without a place its own sentences do name ("attacked on the Kadi-Nandasan road").
Not when the other record's place bears the same name: its coder read that name as the
region ("Kano" the city or the state).
"""

from __future__ import annotations

import math
import re

from eventwire.dedup.text import fold
from eventwire.dedup.verdict import Verdict, conflict
from eventwire.records import Event, Location

NEAR_KM = {1: 15.0, 2: 40.0}
GUESSED = ("place of the event before it", "document's main country")
# points (log-odds, see compare.py); fitted on the dev pairs, rounded. A region in common
# or no place on one side leaves many candidate events open and counts against the pair.
# A guessed place that agrees counts as the country in common does: no more (the guess
# may be wrong), but no less -- agreeing must never score below "one country".
WEIGHTS = {"same": 0.5, "near": 0.5, "within": -0.75, "area": -0.75, "country": 0.0,
           "guessed": 0.0}
UNPLACED = -0.75


def level(loc: Location) -> str:
    if loc.geo_precision < 3:
        return "town"
    return "region" if loc.admin1 else "country"


def km(a: Location, b: Location) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def _agree(grade: str, reason: str) -> Verdict:
    status = "match" if grade in ("same", "near") else "weak"
    return Verdict("place", status, WEIGHTS[grade], reason, grade)


def _same_entry(a: Location, b: Location) -> bool:
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    return a.geonameid is None and fold(a.name) == fold(b.name) and (
        a.country_code == b.country_code)


def guessed(loc: Location) -> bool:
    return loc.reason.startswith(GUESSED)


def _named(loc: Location, ev: Event) -> bool:
    """True when ``ev``'s evidence names the place ``loc`` (as whole words)."""
    name = fold(loc.name)
    text = " ".join(fold(e.text) for e in ev.evidence)
    return bool(name) and re.search(rf"(?<![a-z]){re.escape(name)}(?![a-z])", text) is not None


def told_by_both(a: Event, b: Event) -> str | None:
    """A town one record is placed at that both reports' evidence name (not when the other
    record's place has the same name: its coder read that name as the region)."""
    for loc, other in ((a.location, b.location), (b.location, a.location)):
        if loc is None or level(loc) != "town" or not (_named(loc, a) and _named(loc, b)):
            continue
        if other is None or fold(other.name) != fold(loc.name):
            return loc.name
    return None


def compare_places(a: Event, b: Event) -> Verdict:
    la, lb = a.location, b.location
    found = _compare(la, lb) if la is not None and lb is not None else Verdict(
        "place", "unknown", UNPLACED, "missing on one side")
    if found.status == "conflict":
        return _contested(a, b, found)
    town = told_by_both(a, b)
    if town is not None and found.grade not in ("same", "near"):
        return _agree("same", f"{found.reason}; but both reports name {town}")
    guesses = [loc.name for loc in (la, lb) if loc is not None and guessed(loc)]
    if guesses and found.grade in ("same", "near") and town is None:
        # a guessed town says no more than the country it lies in
        return Verdict("place", "weak", WEIGHTS["guessed"], found.reason + " (guessed)",
                       "guessed")
    return found


def _contested(a: Event, b: Event, found: Verdict) -> Verdict:
    """Two places that cannot be one: still no conflict when each report names both places
    (their coders chose differently among them), or when one is the coder's guess."""
    la, lb = a.location, b.location
    assert la is not None and lb is not None
    if fold(la.name) != fold(lb.name) and _named(la, b) and _named(lb, a):
        # (one name in two countries: compare.py's namesake waiver)
        return Verdict("place", "unknown", UNPLACED,
                       f"{found.reason}, but both reports name both places")
    guesses = [loc.name for loc in (la, lb) if guessed(loc)]
    if guesses:
        return Verdict("place", "unknown", UNPLACED,
                       f"{found.reason}, but {guesses[0]} is the coder's guess")
    return found


def _compare(la: Location, lb: Location) -> Verdict:
    if la.country_code and lb.country_code and la.country_code != lb.country_code:
        return Verdict("place", "conflict", 0.0,
                       f"{la.name} ({la.country_code}) vs {lb.name} ({lb.country_code})",
                       "countries")
    kinds = {level(la), level(lb)}
    if _same_entry(la, lb):
        grade = {frozenset({"town"}): "same", frozenset({"country"}): "country"}.get(
            frozenset(kinds), "area")
        return _agree(grade, f"both {la.name}")
    if kinds == {"town"}:
        return _towns(la, lb)
    if "country" in kinds:
        return _agree("country", f"{la.name} and {lb.name} in one country")
    return _regions(la, lb)


def _towns(la: Location, lb: Location) -> Verdict:
    distance = km(la, lb)
    limit = NEAR_KM[max(la.geo_precision, lb.geo_precision, 1)]
    if distance <= limit:
        return _agree("near", f"{la.name} and {lb.name} {distance:.0f} km apart")
    return conflict("place", f"{la.name} vs {lb.name}: {distance:.0f} km apart")


def _regions(la: Location, lb: Location) -> Verdict:
    """At least one side is a region: the other must lie in the same region."""
    if fold(la.admin1) == fold(lb.admin1):
        grade = "area" if level(la) == level(lb) else "within"
        return _agree(grade, f"{la.name} and {lb.name} in {la.admin1}")
    return conflict("place", f"{la.name} ({la.admin1}) vs {lb.name} ({lb.admin1})")
