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
from dataclasses import dataclass, replace
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
MOVEMENT_PREPS = frozenset({"to", "into", "toward", "towards"})
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
# "north of X", "20 km southwest of X": a bearing from a place locates the event by it
BEARINGS = frozenset({"north", "south", "east", "west", "northeast", "northwest",
                      "southeast", "southwest", "north-east", "north-west", "south-east",
                      "south-west"})


@dataclass(slots=True, kw_only=True, frozen=True)
class PlaceToken:
    place: Place
    token: Any
    locative: bool
    text: str = ""  # the document's text (spaCy rebuilds ``Doc.text`` on every access)

    def gap(self, other: PlaceToken) -> str:
        """The text between this place and a later one."""
        return self.text[self.place.end:other.place.start]


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
    text = parse.text
    for p in places:
        if p.entry.feature_class == "H":  # seas and rivers are not event locations
            continue
        span = parse.char_span(p.start, p.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        locative = _is_locative(root) or _continues_list(root) or _after_preposition(span) \
            or _location_brackets(span)
        tok = PlaceToken(place=p, token=root, locative=locative, text=text)
        if locative and rank(p) == 4 and modifier_only(tok):
            tok = replace(tok, locative=False)  # "in the Afghan conflict"
        out.append(tok)
    return _chains_share_locative(out)


def _location_brackets(span: Any) -> bool:
    """"(Hat, Al Mahrah)", "(Darjeeling district, West Bengal)": brackets that hold only
    places say where the thing before them is, which is where the story happens."""
    doc = span.doc
    j = span.end
    while j < len(doc) and doc[j].lower_ in SKIPPABLE:
        j += 1  # "(Darjeeling district, West Bengal)"
    if j >= len(doc) or doc[j].text not in (",", ")"):
        return False  # "(Colorado Party)": a name that only starts with a place
    i = span.start - 1
    while i >= 0 and doc[i].lower_ in SKIPPABLE:
        i -= 1
    if i >= 0 and doc[i].text == ",":
        while i >= 0 and doc[i].text != "(" and (
                doc[i].text == "," or doc[i].text[:1].isupper() or doc[i].lower_ in SKIPPABLE):
            i -= 1
    return i >= 1 and doc[i].text == "(" and doc[i - 1].text[:1].isalpha()


def _chains_share_locative(ptoks: list[PlaceToken]) -> list[PlaceToken]:
    """"in the suq of Ahwar district (Abyan)": a place and the larger areas named after
    it are one location, locative when any of them is."""
    out = list(ptoks)
    for _ in range(2):
        for k in range(len(out) - 1):
            a, b = out[k], out[k + 1]
            gap = a.gap(b)
            if a.locative != b.locative and QUALIFIER_GAP.match(gap):
                out[k] = replace(a, locative=True)
                out[k + 1] = replace(b, locative=True)
    return out


EDGES = frozenset({"outskirts", "edge", "edges", "shores", "banks", "fringes"})
SKIPPABLE = EDGES | frozenset({
    "the", "of", "a", "an", "northern", "southern", "eastern", "western", "central", "rural",
    "countryside", "area", "town", "city", "village", "district", "province", "region",
    "state", "county", "municipality", "heart", "centre", "center", "capital", "suburb",
    "neighbourhood", "neighborhood", "north", "south", "east", "west", "community",
    "locality", "department", "subdivision"})


def _after_preposition(span: Any) -> bool:
    """Surface fallback when the parse is broken: 'in (the town of) X', read off the
    words before the place."""
    i = span.start - 1
    edge = False
    if i > 0 and span.doc[i].text == ",":  # "in Los Cedros community, El Tambo municipality"
        j = i - 1
        while j >= 0 and span.start - j <= 8 and (_capitalised(span.doc[j]) or
                                                   span.doc[j].lower_ in SKIPPABLE):
            j -= 1
        if j >= 0 and j < i - 1 and span.doc[j].lower_ in LOCATIVE_PREPS:
            return True
    while i >= 0 and span.doc[i].lower_ in SKIPPABLE and span.start - i <= 5:
        if span.doc[i].lower_ == "of" and i > 0 and span.doc[i - 1].lower_ in BEARINGS:
            return True  # "west of Marib city"
        edge = edge or span.doc[i].lower_ in EDGES
        i -= 1
    return i >= 0 and (span.doc[i].lower_ in LOCATIVE_PREPS or
                       edge and span.doc[i].lower_ == "on")  # "on the outskirts of X"


def _capitalised(tok: Any) -> bool:
    return tok.text[:1].isupper() and tok.text[:1].isalpha()


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
        if cur.lower_ == "of" and cur.head.lower_ in BEARINGS:
            return True  # "an incursion northwest of Hays district"
        if cur.dep_ == "prep" and cur.lower_ == "to" and cur.head.lower_ in ("close", "next"):
            return True  # "a village close to Ghazni city"
        if cur.dep_ == "prep" and cur.lower_ in MOVEMENT_PREPS:
            return cur.head.lemma_.lower() in MOVEMENT_VERBS
        if cur.dep_ == "prep" and cur.lower_ == "on":  # "on the shores/outskirts of X"
            return any(c.dep_ == "pobj" and c.lemma_.lower() in PLACE_NOUNS for c in cur.children)
        if cur.dep_ == "pobj" or cur.dep_ in ("appos", "conj", "compound", "npadvmod", "nmod") or (
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
    if not clause.left_edge.i <= place_tok.i <= clause.right_edge.i:
        return False
    stops = {clause.i, trigger.i}  # not inside a clause of its own below the trigger's
    cur = place_tok  # ("... to demand that they may return to Venezuela")
    for _ in range(12):
        if cur.head.i == cur.i or cur.i in stops:
            return True
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX") and cur.i not in stops and \
                cur.dep_ in ("advcl", "xcomp", "ccomp", "relcl", "acl", "pcomp") and \
                cur.lemma_.lower() not in MOVEMENT_VERBS:  # "... before spreading to Aktau"
            return False
    return True


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
            _moved_to(c.token)) or (
            NEW_LOCATIVE.match(between) is not None) or (  # "..., in Mangistau province"
            between.strip() == "," and _listed(c, towns))  # "in Aleppo, Idlib and Hama"
        if separate and (rank(c.place) == best or not any(_contains(c.place, k.place)
                                                           for k in chosen)):
            chosen.append(c)
    return [c.place for c in sorted(chosen, key=lambda c: c.place.start)]


# "X (Y", "X town (Y", "X, Y", "X district, Y": Y names the larger area of X
QUALIFIER_GAP = re.compile(r"^\s*(?:[A-Za-z]+\s*)?[(,]\s*$")  # "X LGA, Y" too


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


REFERENCE_GAP = re.compile(r"^\s*(?:[a-z]+\s+){0,3}(?:\d+\s*(?:km|kilometres|kilometers|miles)\s+)?(?:"
                           + "|".join(sorted(BEARINGS)) + r")\s+of\s+(?:the\s+)?(?:[a-z]+\s+)?$")


# "Buenos Aires, Nuevo Chimbote, Ancash": names the gazetteer lacks between a place and
# the larger area named after it
NAME_CHAIN_GAP = re.compile(r"^\s*,(?:\s*[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,3}\s*,)+\s*$")


def _misread(c: PlaceToken, towns: list[PlaceToken]) -> bool:
    """"Jaro, Iloilo City, Iloilo" read as the Jaro of another province: a place whose
    reading lies outside the larger area named right after it is a namesake the
    gazetteer has instead of the real (missing) place; the area stands for it."""
    after = [k for k in towns if k.place.start >= c.place.end]
    if not after:
        return False
    nxt = after[0]
    gap = c.gap(nxt)
    if (QUALIFIER_GAP.match(gap) is None and NAME_CHAIN_GAP.match(gap) is None) or \
            rank(nxt.place) < rank(c.place) or _in_list(c, after):
        return False
    a, b = c.place.entry, nxt.place.entry
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
        if cur.head is cur:
            return False
        cur = cur.head
    return False


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
    narrowed by ``choose``. Empty for sentences without a locative, and for nationwide
    events unless a town, district or region is named as well."""
    in_sentence = [p for p in ptoks if sent.start <= p.token.i < sent.end and p.locative]
    here = [p for p in in_sentence if in_clause(p.token, trigger)]
    if not here or all(sub_location(p) for p in here):
        here = in_sentence
    chosen = choose(here)
    if nationwide(sent) and not any(rank(p) <= 3 for p in chosen):
        return []  # a town named beside "across the country" is still where it happened
    return chosen


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
