"""Locatives: is a place told as where something happened?

The parse attaches a place to a verb or noun as a locative ("in X", "at X", "the town of
X", "north of X", "to X" after verbs of movement, the object of "shelled X"); surface
cues catch what the small parser attaches wrongly ("in Los Cedros community, El Tambo
municipality", brackets that hold only places). ``place_tokens`` marks each place of a
document; location.py chooses among them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from eventwire.records import Place

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
# Verbs that carry captives somewhere after they were seized ("arrested and taken to X")
TRANSFERS = frozenset({"take", "transfer", "bring", "transport", "move", "drive", "deport"})
SEIZURES = frozenset({"arrest", "detain", "abduct", "kidnap", "capture", "seize", "apprehend"})
PLACE_NOUNS = frozenset({"town", "city", "village", "region", "province", "district",
                         "state", "county", "capital", "area", "part", "heart", "outskirts",
                         "suburb", "shores", "shore", "center", "centre", "streets", "street",
                         "square", "municipality", "oblast", "governorate", "neighbourhood",
                         "neighborhood", "country", "territory", "north", "south", "east", "west",
                         "northeast", "northwest", "southeast", "southwest", "kilometres",
                         "kilometers", "km", "miles", "countryside", "vicinity"})


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
            return cur.head.lemma_.lower() in MOVEMENT_VERBS and not _taken_away(cur.head)
        if cur.dep_ == "prep" and cur.lower_ == "on":  # "on the shores/outskirts of X"
            return any(c.dep_ == "pobj" and c.lemma_.lower() in PLACE_NOUNS for c in cur.children)
        if cur.dep_ == "pobj" or cur.dep_ in ("appos", "conj", "compound", "npadvmod", "nmod") or (
                cur.lower_ == "of") or cur.lemma_.lower() in PLACE_NOUNS or cur.dep_ == "poss" and (
                cur.head.lemma_.lower() in PLACE_NOUNS):
            if cur.head.i == cur.i:
                return False
            cur = cur.head
            continue
        return False
    return False


def _taken_away(verb: Any) -> bool:
    """"were arrested and taken to Damascus", "abducted and moved to an unknown place":
    where captives were taken, not where they were seized."""
    return verb.lemma_.lower() in TRANSFERS and verb.dep_ == "conj" and \
        verb.head.lemma_.lower() in SEIZURES


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
        if cur.pos_ in ("VERB", "AUX") and cur.i not in stops and (
                cur.dep_ in ("advcl", "xcomp", "ccomp", "relcl", "acl", "pcomp") and
                cur.lemma_.lower() not in MOVEMENT_VERBS  # "... before spreading to Aktau"
                or cur.dep_ == "relcl"):  # "workers, who were travelling to X, threw ..."
            return False
    return True


QUALIFIER_GAP = re.compile(r"^\s*(?:[A-Za-z]+\s*)?[(,]\s*$")  # "X LGA, Y" too


def moved_to(tok: Any) -> bool:
    cur = tok
    for _ in range(4):
        if cur.dep_ == "prep" and cur.lower_ in MOVEMENT_PREPS:
            return cur.head.lemma_.lower() in MOVEMENT_VERBS
        if cur.head.i == cur.i:
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
