"""Event location: the place where the event happened, not every place in the sentence.

A place counts for an event when the parse attaches it as a locative ("in X", "at X",
"the town of X", "to X" for movement) within the trigger's clause. The most specific
such places win (a town over its province over its country); several places of the
same rank joined in one clause give one event each (ACLED: one event per location).
With no locative in the sentence the nearest earlier sentence with one is used, and
failing that the document's main country at region precision.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from eventwire.records import Location, Place

LOCATIVE_PREPS = frozenset({"in", "at", "near", "across", "outside", "inside", "throughout",
                            "around", "within", "over", "through", "off", "between", "along"})
# Verbs whose object or passive subject is the place the event happened at
# ("captured Kisangani", "shelled Mardes", "Kisangani was captured").
TARGET_VERBS = frozenset({"capture", "shell", "storm", "enter", "attack", "bomb", "raid",
                          "seize", "overrun", "besiege", "invade", "occupy", "patrol",
                          "liberate", "recapture", "retake", "target", "strike", "hit",
                          "pound", "bombard", "surround", "encircle", "take"})
# "to X" / "into X" locate an event only after verbs of movement ("sent troops to X").
MOVEMENT_PREPS = frozenset({"to", "into"})
MOVEMENT_VERBS = frozenset({"send", "deploy", "dispatch", "spread", "move", "march", "extend",
                            "travel", "arrive", "flee", "return", "fly", "enter", "head", "take",
                            "pour", "flock", "converge"})
PLACE_NOUNS = frozenset({"town", "city", "village", "region", "province", "district",
                         "state", "county", "capital", "area", "part", "heart", "outskirts",
                         "suburb", "shores", "shore", "center", "centre", "streets", "street",
                         "square", "municipality", "oblast", "governorate", "neighbourhood",
                         "neighborhood", "country", "territory", "north", "south", "east", "west",
                         "northeast", "northwest", "southeast", "southwest", "kilometres",
                         "kilometers", "km", "miles", "countryside", "vicinity"})
LOOKBACK = 3


@dataclass(slots=True, kw_only=True, frozen=True)
class PlaceToken:
    place: Place
    token: Any
    locative: bool


def rank(place: Place) -> int:
    """Specificity: 1 town/site, 2 district, 3 region, 4 country, 5 larger."""
    e = place.entry
    if e.feature_class in ("P", "S") or e.feature_code.startswith("PPL"):
        return 1
    if e.feature_code in ("ADM2", "ADM3", "ADM4"):
        return 2
    if e.feature_code in ("ADM1", "ADMD"):
        return 3
    if e.feature_code.startswith("PCL"):
        return 4
    return 5


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


def place_tokens(parse: Any, places: list[Place]) -> list[PlaceToken]:
    out = []
    for p in places:
        if p.entry.feature_class == "H":  # seas and rivers are not event locations
            continue
        span = parse.char_span(p.start, p.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        out.append(PlaceToken(place=p, token=root, locative=_is_locative(root)
                              or _continues_list(root) or _after_preposition(span)))
    return out


SKIPPABLE = frozenset({"the", "of", "a", "an", "northern", "southern", "eastern", "western",
                       "central", "rural", "outskirts", "countryside", "area", "town", "city",
                       "village", "district", "province", "region", "state", "county",
                       "municipality", "heart", "centre", "center", "capital", "suburb",
                       "neighbourhood", "neighborhood", "north", "south", "east", "west"})


def _after_preposition(span: Any) -> bool:
    """Surface fallback when the parse is broken: 'in (the town of) X', read off the
    words before the place."""
    i = span.start - 1
    while i >= 0 and span.doc[i].lower_ in SKIPPABLE and span.start - i <= 5:
        i -= 1
    return i >= 0 and span.doc[i].lower_ in LOCATIVE_PREPS


def _continues_list(tok: Any) -> bool:
    """'... in Almaty, in Mangistau province and in the capital, Nur Sultan': the parser
    often hangs the last item of a list of places on the verb; it is locative when the
    item before it is."""
    if tok.dep_ not in ("conj", "npadvmod", "appos") or tok.head.pos_ not in ("VERB", "AUX"):
        return False
    i = tok.left_edge.i - 1
    while i >= 0 and (tok.doc[i].is_punct or tok.doc[i].dep_ == "cc"):
        i -= 1
    return i >= 0 and tok.doc[i].pos_ in ("NOUN", "PROPN") and _is_locative(tok.doc[i])


def _is_locative(tok: Any) -> bool:
    cur = tok
    for _ in range(6):
        if cur.dep_ in ("dobj", "nsubjpass") and cur.head.lemma_.lower() in TARGET_VERBS and (
                cur is tok or cur.lemma_.lower() in PLACE_NOUNS):
            return True  # "shelled Mardes", "targeted Sirwah district"
        if cur.dep_ == "prep" and cur.lower_ in LOCATIVE_PREPS:
            return True
        if cur.dep_ == "prep" and cur.lower_ in MOVEMENT_PREPS:
            return cur.head.lemma_.lower() in MOVEMENT_VERBS
        if cur.dep_ == "prep" and cur.lower_ == "on":  # "on the shores/outskirts of X"
            return any(c.dep_ == "pobj" and c.lemma_.lower() in PLACE_NOUNS for c in cur.children)
        if cur.dep_ == "pobj" or cur.dep_ in ("appos", "conj", "compound", "npadvmod") or (
                cur.lower_ == "of") or cur.lemma_.lower() in PLACE_NOUNS or cur.dep_ == "poss" and (
                cur.head.lemma_.lower() in PLACE_NOUNS):
            if cur.head is cur:
                return False
            cur = cur.head
            continue
        return False
    return False


def in_clause(place_tok: Any, trigger: Any) -> bool:
    """Is the place inside the trigger's clause (its subtree or its head verb's)?"""
    clause = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    return clause.left_edge.i <= place_tok.i <= clause.right_edge.i


SUB_LOCATION_AFTER = frozenset({"neighborhood", "neighbourhood", "area", "quarter", "street",
                                "square", "road", "avenue", "market", "junction", "suburb",
                                "colony", "sector", "hill", "camp", "checkpoint", "community",
                                "frontline", "front"})
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
    towns = [c for c in towns if not _qualifies(c, towns)] or towns
    best = min(rank(c.place) for c in towns)
    chosen = [next(c for c in towns if rank(c.place) == best)]
    for c in towns:
        if c is chosen[0] or c.place.entry.geonameid in {k.place.entry.geonameid for k in chosen}:
            continue
        between = c.token.doc.text[chosen[-1].place.end:c.place.start].lower()
        separate = any(w in between for w in COORDINATORS) or _moved_to(c.token) or (
            NEW_LOCATIVE.match(between) is not None) or (  # "..., in Mangistau province"
            between.strip() == "," and _listed(c, towns))  # "in Aleppo, Idlib and Hama"
        if separate and (rank(c.place) == best or not any(_contains(c.place, k.place)
                                                           for k in chosen)):
            chosen.append(c)
    return [c.place for c in sorted(chosen, key=lambda c: c.place.start)]


QUALIFIER_GAP = re.compile(r"^\s*(?:[a-z]+\s+)?\(\s*$|^\s*,\s*$")


def _listed(c: PlaceToken, towns: list[PlaceToken]) -> bool:
    """Is ``c`` an item of a list of places closed by "and"/"or" ("Aleppo, Idlib and
    Hama"), rather than the larger area of the place before it?"""
    after = [k for k in towns if k.place.start >= c.place.end]
    if not after:
        return False
    gap = c.token.doc.text[c.place.end:after[0].place.start].lower()
    return gap.strip() == "," or any(w in gap for w in COORDINATORS) and len(gap) < 8


def _qualifies(c: PlaceToken, towns: list[PlaceToken]) -> bool:
    """"Sirwah district (Marib)", "Zapopan, Jalisco": the second place names the larger
    area of the first (in brackets, or after a comma when the gazetteer agrees); the
    first, more specific place is where the event happened."""
    before = [k for k in towns if k.place.end <= c.place.start]
    if not before:
        return False
    prev = before[-1]
    gap = c.token.doc.text[prev.place.end:c.place.start]
    if QUALIFIER_GAP.match(gap) is None:
        return False
    return "(" in gap or _contains(c.place, prev.place)


def _contains(outer: Place, inner: Place) -> bool:
    """Is ``outer`` the region or country of ``inner`` (by the gazetteer's admin-1 name)?"""
    o, i = outer.entry, inner.entry
    if rank(outer) >= 4:
        return o.country_code == i.country_code
    return o.country_code == i.country_code and (
        (bool(i.admin1) and i.admin1 in (o.name, o.admin1)) or o.name in i.admin1)


def _moved_to(tok: Any) -> bool:
    cur = tok
    for _ in range(4):
        if cur.dep_ == "prep" and cur.lower_ in MOVEMENT_PREPS:
            return cur.head.lemma_.lower() in MOVEMENT_VERBS
        if cur.head is cur:
            return False
        cur = cur.head
    return False


def modifier_only(c: PlaceToken) -> bool:
    """'the US dollar', 'Turkish army': a place name used to modify another noun says
    nothing about where the story happens."""
    tok = c.token
    doc = tok.doc
    if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and doc[tok.i + 2].is_lower and \
            doc[tok.i + 2].pos_ in ("VERB", "ADJ"):
        return True  # "Saudi-led coalition", "Iran-backed militia"
    return tok.dep_ in ("compound", "amod", "nmod") and tok.head.lemma_.lower() not in PLACE_NOUNS and (
        tok.head.ent_type_ not in ("GPE", "LOC", "FAC"))


NATIONWIDE = ("nationwide", "countrywide", "across the country", "throughout the country",
              "whole of the territory", "entire country", "all over the country")


def nationwide(sent: Any) -> bool:
    """'a nationwide internet failure': the event has the whole country as its place."""
    lowered = sent.text.lower()
    return any(w in lowered for w in NATIONWIDE)


def event_places(sent: Any, trigger: Any, ptoks: list[PlaceToken]) -> list[Place]:
    """Where an event happened, from its own sentence: the locatives of the trigger's
    clause (or of the sentence when the clause names none, or only a neighbourhood),
    narrowed by ``choose``. Empty for nationwide events and sentences without a locative."""
    if nationwide(sent):
        return []
    in_sentence = [p for p in ptoks if sent.start <= p.token.i < sent.end and p.locative]
    here = [p for p in in_sentence if in_clause(p.token, trigger)]
    if not here or all(sub_location(p) for p in here):
        here = in_sentence
    return choose(here)


def focus_country(places: list[Place]) -> Place | None:
    """The country mentioned most (directly or through its places), as a Place."""
    counts = Counter(p.entry.country_code for p in places if p.entry.country_code)
    if not counts:
        return None
    code = counts.most_common(1)[0][0]
    direct = [p for p in places if p.entry.country_code == code and rank(p) == 4]
    return direct[0] if direct else None
