"""Event location: the place where the event happened, not every place in the sentence.

A place counts for an event when it is a locative (locative.py: "in X", "at X", "the
town of X", "to X" for movement) within the trigger's clause. The most specific
such places win (a town over its province over its country); several places of the
same rank joined in one clause give one event each (ACLED: one event per location).
With no locative in the sentence the nearest earlier sentence with one is used, and
failing that the document's main country at region precision.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import Any

from eventwire.coding.locative import (BEARINGS, QUALIFIER_GAP, PlaceToken, in_clause,
                                      modifier_only, moved_to, place_tokens, rank)
from eventwire.geo.context import distance_km
from eventwire.records import Location, Place

__all__ = ["PlaceToken", "choose", "event_places", "focus_country", "locatives_in",
           "modifier_only", "named_in", "namesakes_dropped", "nationwide", "place_tokens", "precision", "rank", "tells_scene",
           "to_location"]

LOOKBACK = 3


def precision(place: Place, *, borrowed: bool) -> int:
    """ACLED geo_precision for a place chosen as an event location."""
    r = rank(place)
    base = 1 if r == 1 else 2 if r == 2 else 3
    return min(3, base + 1) if borrowed and base == 1 else base


def to_location(place: Place, *, geo_precision: int, reason: str) -> Location:
    e = place.entry
    return Location(name=e.name, geonameid=e.geonameid if e.geonameid > 0 else None, lat=e.lat,
                    lon=e.lon, country_code=e.country_code, admin1=e.admin1,
                    geo_precision=geo_precision, reason=reason)


SUB_LOCATION_AFTER = frozenset({"neighborhood", "neighbourhood", "area", "quarter", "street",
                                "square", "road", "avenue", "market", "junction", "suburb",
                                "colony", "sector", "hill", "camp", "checkpoint", "community",
                                "frontline", "front"})
VILLAGE_AREAS = frozenset({"area", "community"})
SUB_LOCATION_BEFORE = frozenset({"colonia", "barrio", "barangay", "bairro"})
COORDINATORS = (" and ", " or ", " as well as ", " & ")
NEW_LOCATIVE = re.compile(r"^[\s,;]*(?:in|at|near|across)\s")


def sub_location(c: PlaceToken) -> bool:
    """'Primavera neighborhood', 'Colonia Jardines', 'Ganeshpur area of ...'."""
    doc = c.token.doc
    span = doc.char_span(c.place.start, c.place.end, alignment_mode="expand")
    if span is None:
        return False
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    if after in VILLAGE_AREAS and c.place.entry.feature_code != "PPLX" and (
            c.place.entry.feature_class in ("P", "A")):
        return False  # "the Rumbek area", "Sharan area": a town and its surroundings
    return after in SUB_LOCATION_AFTER or before in SUB_LOCATION_BEFORE or (
        span.text.lower() in SUB_LOCATION_BEFORE)


def choose(candidates: list[PlaceToken]) -> list[Place]:
    """Where the event happened: the most specific places of the clause.

    Places that qualify another ("Zapopan, Jalisco", "Coyah town (Coyah-Centre, Kindia)",
    "Baruta, Caracas") describe one location; only places coordinated with "and/or" or
    reached by movement ("spread to X") are separate locations, one event each (ACLED).
    Neighbourhoods and streets give way to their town when the town is named.
    """
    usable = [c for c in candidates if rank(c.place) <= 4]
    towns = sorted((c for c in usable if not sub_location(c)), key=lambda c: c.place.start)
    if not towns:
        return []  # only a neighbourhood or street: the town comes from the context
    misread = [c for c in towns if _misread(c, towns)]
    read = [c for c in towns if c not in misread]  # the areas after a misread place stand
    towns = [c for c in read if not _qualifies(c, read) and not _landmark(c, read)] or towns
    best = min(rank(c.place) for c in towns)
    chosen = [next(c for c in towns if rank(c.place) == best)]
    for c in towns:
        if c is chosen[0] or c.place.entry.geonameid in {k.place.entry.geonameid for k in chosen}:
            continue
        between = chosen[-1].gap(c).lower()
        separate = any(w in between for w in COORDINATORS) and not _between(c.token) or (
            moved_to(c.token)) or (
            NEW_LOCATIVE.match(between) is not None) or (  # "..., in Mangistau province"
            between.strip() == "," and _listed(c, towns))  # "in Aleppo, Idlib and Hama"
        if separate and (rank(c.place) == best or not any(_contains(c.place, k.place)
                                                           for k in chosen)):
            chosen.append(c)
    return [c.place for c in sorted(chosen, key=lambda c: c.place.start)]


def namesakes_dropped(ptoks: list[PlaceToken]) -> list[PlaceToken]:
    """A name read once as a namesake outside the larger area named after it ("near
    Kamyanka, Donetsk" read as a Kamyanka of another province) is that namesake wherever
    the report repeats it ("explosions near Kamyanka"): drop every mention of it."""
    wrong: set[tuple[str, int]] = set()
    by_sentence: dict[int, list[PlaceToken]] = {}
    for p in ptoks:
        by_sentence.setdefault(p.token.sent.start, []).append(p)
    for group in by_sentence.values():
        towns = sorted((c for c in group if rank(c.place) <= 4 and not sub_location(c)),
                       key=lambda c: c.place.start)
        wrong |= {(c.place.text, c.place.entry.geonameid) for c in towns if _misread(c, towns)}
    return [p for p in ptoks if (p.place.text, p.place.entry.geonameid) not in wrong]


# "X (Y", "X town (Y", "X, Y", "X district, Y": Y names the larger area of X
def _listed(c: PlaceToken, towns: list[PlaceToken]) -> bool:
    """Is ``c`` an item of a list of places closed by "and"/"or" ("Aleppo, Idlib and
    Hama"), rather than the larger area of the place before it?"""
    after = [k for k in towns if k.place.start >= c.place.end]
    if not after:
        return False
    gap = c.gap(after[0]).lower()
    return gap.strip() == "," or any(w in gap for w in COORDINATORS) and len(gap) < 8


def _qualifies(c: PlaceToken, towns: list[PlaceToken]) -> bool:
    """"Sirwah district (Marib)", "Zapopan, Jalisco": the second place names the larger
    area of the first (in brackets, or after a comma when the gazetteer agrees); the
    first, more specific place is where the event happened."""
    before = [k for k in towns if k.place.end <= c.place.start]
    if not before:
        return False
    prev = before[-1]
    text = c.text
    gap = text[prev.place.end:c.place.start]
    if IN_GAP.match(gap) and _contains(c.place, prev.place):
        return True  # "in Ma'arrat an Nu'man in Idleb": the province the town is in
    if QUALIFIER_GAP.match(gap) is None:
        return False
    if _contains(c.place, prev.place):
        return True
    if "(" in gap:  # "western Yemen (Ad Durayhimi, Al Hudaydah)": a closer look, kept
        return rank(c.place) >= rank(prev.place)
    # "(Menaka, Gao)": every area in the brackets after a place qualifies it
    opened = text.rfind("(", 0, c.place.start)
    return opened > 0 and ")" not in text[opened:c.place.start] and any(
        k.place.end <= opened and QUALIFIER_GAP.match(text[k.place.end:opened + 1])
        for k in before)


IN_GAP = re.compile(r"^\s+in\s+(?:the\s+)?$")
REFERENCE_GAP = re.compile(r"^\s*(?:[a-z]+\s+){0,3}(?:\d+\s*(?:km|kilometres|kilometers|miles)\s+)?(?:"
                           + "|".join(sorted(BEARINGS)) + r")\s+of\s+(?:the\s+)?(?:[a-z]+\s+)?$")


# "Buenos Aires, Nuevo Chimbote, Ancash": names the gazetteer lacks between a place and
# the larger area named after it
NAME_CHAIN_GAP = re.compile(r"^\s*,(?:\s*[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,3}\s*,)+\s*$")


# "X village near Y town": a place near another lies within a day's walk of it
NEAR_GAP = re.compile(r"^\s+(?:village|town|area|locality|camp)?\s*(?:near|close to)\s+"
                      r"(?:the\s+)?(?:(?:town|village|city) of\s+)?$")
NEAR_KM = 60


def _misread(c: PlaceToken, towns: list[PlaceToken]) -> bool:
    """"Jaro, Iloilo City, Iloilo" read as the Jaro of another province: a place whose
    reading lies outside the larger area named right after it (after a comma or bracket,
    or "in": "Korin in Idleb province") is a namesake the gazetteer has instead of the real
    (missing) place; the area stands for it. A place "near" another must lie within
    NEAR_KM of it."""
    after = [k for k in towns if k.place.start >= c.place.end]
    if not after:
        return False
    nxt = after[0]
    gap = c.gap(nxt)
    if (QUALIFIER_GAP.match(gap) is None and NAME_CHAIN_GAP.match(gap) is None and
            IN_GAP.match(gap) is None and NEAR_GAP.match(gap) is None) or \
            rank(nxt.place) < rank(c.place) or _in_list(c, after):
        return False
    a, b = c.place.entry, nxt.place.entry
    if NEAR_GAP.match(gap) is not None:
        return distance_km(a, b) > NEAR_KM  # "Hamirpur village near Rapar town" read as a
        # Hamirpur hundreds of kilometres away
    if a.country_code != b.country_code:
        return bool(a.country_code and b.country_code)
    return rank(nxt.place) <= 3 and bool(a.admin1 and b.admin1) and a.admin1 != b.admin1


def _in_list(c: PlaceToken, after: list[PlaceToken]) -> bool:
    """Is ``c`` the first of comma-separated places closed by "and"/"or" ("Aleppo, Idlib
    and Hama") rather than a place followed by its larger areas?"""
    text = c.text
    prev = c
    for k in after:
        gap = text[prev.place.end:k.place.start].lower()
        if len(gap) < 10 and any(w in gap for w in COORDINATORS):
            return True
        if gap.strip() != ",":
            return False
        prev = k
    return False


def _landmark(c: PlaceToken, towns: list[PlaceToken]) -> bool:
    """"Majzar district west of Marib city": Marib only says where Majzar lies."""
    before = [k for k in towns if k.place.end <= c.place.start]
    return bool(before) and REFERENCE_GAP.match(
        before[-1].gap(c).lower()) is not None


def _contains(outer: Place, inner: Place) -> bool:
    """Is ``outer`` the region or country of ``inner`` (by the gazetteer's admin-1 name)?"""
    o, i = outer.entry, inner.entry
    if rank(outer) >= 4:
        return o.country_code == i.country_code
    return o.country_code == i.country_code and (
        (bool(i.admin1) and i.admin1 in (o.name, o.admin1)) or o.name in i.admin1)


def _between(tok: Any) -> bool:
    """"at the border between Marib and Al Bayda": two places that bound one location."""
    cur = tok
    for _ in range(4):
        if cur.dep_ == "prep":
            return cur.lower_ == "between"
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


NATIONWIDE = ("nationwide", "countrywide", "across the country", "throughout the country",
              "whole of the territory", "entire country", "all over the country")


def nationwide(sent: Any) -> bool:
    """'a nationwide internet failure': the event has the whole country as its place."""
    lowered = sent.text.lower()
    return any(w in lowered for w in NATIONWIDE)


def event_places(sent: Any, trigger: Any, ptoks: list[PlaceToken],
                 aside: Callable[[Any], bool] | None = None) -> list[Place]:
    """Where an event happened, from its own sentence: the locatives of the trigger's
    clause (or of the sentence when the clause names none, or only a neighbourhood),
    narrowed by ``choose``. Empty for sentences without a locative, and for nationwide
    events unless a town, district or region is named as well. Places ``aside`` marks
    (a protest's grievance: "against the burial of victims in Los Angeles cemetery") give
    way to the others."""
    in_sentence = locatives_in(sent, ptoks)
    if aside is not None:
        in_sentence = [p for p in in_sentence if not aside(p.token)] or in_sentence
    here = [p for p in in_sentence if in_clause(p.token, trigger)]
    if not here or all(sub_location(p) for p in here):
        here = in_sentence
    chosen = choose(here)
    if nationwide(sent) and not any(rank(p) <= 3 for p in chosen):
        return []  # a town named beside "across the country" is still where it happened
    return chosen


def locatives_in(sent: Any, ptoks: list[PlaceToken]) -> list[PlaceToken]:
    """The sentence's places told as where something happened."""
    return [p for p in ptoks if sent.start <= p.token.i < sent.end and p.locative]


def named_in(sent: Any, ptoks: list[PlaceToken], country: str) -> list[Place]:
    """The most specific place of the document's main ``country`` named in a sentence
    without a locative ("Van Governor's Office extended the ban"), when it is a town,
    district or region: closer to where the event happened than the country itself."""
    named = [p for p in ptoks if sent.start <= p.token.i < sent.end and rank(p.place) <= 3
             and not sub_location(p) and p.place.entry.country_code == country]
    if not named:
        return []
    best = min(rank(p.place) for p in named)
    return [next(p.place for p in named if rank(p.place) == best)]


def tells_scene(sent: Any) -> bool:
    """"The incident occurred in X.", "It took place near X.": a sentence that only says
    where the event before it happened."""
    root = sent.root
    lemma = root.lemma_.lower()
    return lemma in ("occur", "happen") or lemma == "take" and any(
        c.dep_ == "dobj" and c.lower_ == "place" for c in root.children)


def focus_country(places: list[Place]) -> Place | None:
    """The country mentioned most (directly or through its places), as a Place."""
    counts = Counter(p.entry.country_code for p in places if p.entry.country_code)
    if not counts:
        return None
    code = counts.most_common(1)[0][0]
    direct = [p for p in places if p.entry.country_code == code and rank(p) == 4]
    return direct[0] if direct else None
