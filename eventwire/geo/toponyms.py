"""Toponym recognition: spaCy entities, gazetteer phrase matching and context cues.

Statistical NER alone misses transliterated names (it often tags them PERSON), so
capitalised token sequences that are gazetteer names are proposed too, and filtered
with part-of-speech, entity labels and locative context.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from eventwire.geo.context import contains
from eventwire.geo.cues import INSTITUTION_WORDS, dateline_end, org_place_end, surnames
from eventwire.geo.gazetteer import ABBREVIATION, ASCII, PRIMARY, Gazetteer
from eventwire.geo.names import MONTHS_AND_DAYS, normalize

log = logging.getLogger(__name__)

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# ORG is not blocking: organisation names often contain toponyms ("Gainesville Police").
BLOCKING_LABELS = frozenset({"PERSON", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW",
                             "LANGUAGE", "DATE", "TIME", "MONEY", "QUANTITY", "CARDINAL",
                             "ORDINAL", "PERCENT"})
LOCATIVE_WORDS = frozenset({"in", "at", "near", "from", "to", "outside", "across", "into",
                            "through", "around", "toward", "towards", "via", "throughout",
                            "inside", "within", "capital", "visit", "visited", "entered",
                            "reach", "reached", "between", "and"})
FEATURE_WORDS = frozenset({"town", "city", "village", "province", "region", "county",
                           "district", "state", "capital", "port", "oblast", "parish",
                           "municipality", "governorate", "prefecture", "island", "suburb",
                           "township", "borough", "neighborhood", "neighbourhood", "area",
                           "streets", "outskirts", "suburbs", "centre", "center", "heart",
                           "shores", "lga", "woreda", "tehsil", "commune", "subcounty",
                           "sub-county", "upazila", "taluka", "kebele", "raion", "rayon",
                           "arrondissement", "canton", "countryside", "emirate"})
# A name followed by one of these is a street, not the place it is named after.
STREET_WORDS = frozenset({"Avenue", "Ave", "Ave.", "Street", "St", "St.", "Road", "Rd", "Rd.",
                          "Boulevard", "Blvd", "Blvd.", "Drive", "Dr.", "Lane", "Highway",
                          "Hwy", "Parkway", "Pike", "Way", "Court", "Ct.", "Terrace"})
SUFFIX_WORDS = frozenset({"County", "Parish", "Province", "Region", "District", "Oblast",
                          "Governorate", "Prefecture", "Township", "Borough", "Municipality",
                          "State", "Territory"})
CONNECTORS = frozenset({"of", "de", "del", "la", "le", "upon", "on", "the", "al", "el"})
# Lower-case words inside place names ("Jaboatao dos Guararapes", "Rio de Janeiro").
NAME_LINKS = CONNECTORS | {"dos", "das", "do", "da", "des", "du", "di", "della", "van", "von",
                           "ez", "es", "ad", "ash", "an", "as", "ul", "sur", "en", "y", "e"}
SPEAKING = frozenset({"say", "tell", "add", "state", "announce", "claim", "note", "write",
                      "explain", "argue", "insist", "ask", "reply", "warn"})
MAX_TOKENS = 4
# "Feltham Magistrates' Court", "Fort Mill High School": institutions named after their place
NAMED_AFTER_PLACE = INSTITUTION_WORDS | frozenset({
    "magistrates", "crown", "hall", "court", "college", "university", "church", "park",
    "station", "army", "memorial", "stadium", "arena", "mall", "plaza", "square", "bridge",
    "road", "street", "avenue", "medical", "center", "centre", "elementary", "senior",
    "state", "national", "central", "general", "international", "market", "prison", "jail"})
# labels the tagger gives small transliterated places ("near Hnutove" as WORK_OF_ART)
MISTAKEN_LABELS = frozenset({"PERSON", "ORG", "NORP", "WORK_OF_ART", "PRODUCT", "EVENT"})
SETTLEMENT_WORDS = frozenset({"town", "village", "city", "district", "province", "governorate",
                              "subdistrict", "sector", "locality", "municipality", "county"})
# places important whatever their population (countries, first-level areas, capitals)
IMPORTANT_CODES = frozenset({"PCLI", "ADM1", "CONT", "RGN", "PPLC"})
MAJOR_POPULATION = 100_000
REPEATABLE = frozenset({"GPE", "LOC", "DATELINE"})  # labels whose names recur as places
DIRECTIONS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern",
                        "western", "central", "upper", "lower", "metro", "downtown"})


@dataclass(frozen=True, slots=True)
class ToponymSpan:
    """A proposed toponym: ``source`` is ner, gazetteer or demonym; ``cue`` marks
    locative context ("in X", "the town of X", "X region"); ``country`` is set for
    demonyms (ISO2)."""

    start: int
    end: int
    text: str
    source: str
    label: str
    cue: bool = False
    country: str = ""
    fragment: bool = False  # a minor name inside a longer capitalised one (see _fragment)


def _is_cap(tok: Any) -> bool:
    return bool(tok.text) and tok.text[0].isupper() and any(c.isalpha() for c in tok.text)


def _residence(tok: Any) -> bool:
    return tok.text == "," or tok.like_num or tok.ent_type_ == "PERSON"


def _joining_hyphen(tok: Any) -> bool:
    """The hyphen inside "Mayo-Sava" (no space on either side)."""
    return tok.text in ("-", "\u2010", "\u2011") and tok.i > 0 and \
        tok.doc[tok.i - 1].whitespace_ == "" and tok.whitespace_ == ""


def has_cue(doc: Any, start: int, end: int) -> bool:
    """Locative context around tokens [start, end)."""
    prev = doc[start - 1] if start > 0 else None
    nxt = doc[end] if end < len(doc) else None
    if prev is not None and prev.lower_ in LOCATIVE_WORDS:
        return True
    if prev is not None and prev.text == "(" and start > 1 and _is_cap(doc[start - 2]) and (
            nxt is not None and nxt.text in (",", ")") and not doc[start].text.isupper()):
        return True  # "Bamenda town (Mezam, Nord-Ouest)": the place's larger areas
    if prev is not None and prev.text == "," and nxt is not None and nxt.text == ")" and any(
            t.text == "(" for t in doc[max(0, start - 8):start]):
        return True  # "(Mayo-Sava, Extreme-Nord)": the last of a place's larger areas
    if prev is not None and prev.lower_ in ("of", ",") and start > 1 and \
            doc[start - 2].lower_ in FEATURE_WORDS:
        return True  # "the town of X", "the capital, X"
    if nxt is not None and nxt.lower_ in FEATURE_WORDS:
        return True
    if nxt is not None and nxt.text.islower() and nxt.lower_ in INSTITUTION_WORDS:
        return True  # "Roselle police", "Canaan residents"
    if prev is not None and prev.lower_ == "of" and start > 1 and _residence(doc[start - 2]):
        return True  # "Rebecca Sears, 41, of Grovetown", "Daniel Hufstetler of Roswell"
    return nxt is not None and nxt.text == "," and end + 1 < len(doc) and _is_cap(doc[end + 1])


def _without_duplicates(spans: Iterable[ToponymSpan]) -> list[ToponymSpan]:
    """One span per exact stretch of text (the first proposed for it wins), in text order."""
    kept: dict[tuple[int, int], ToponymSpan] = {}
    for span in spans:
        kept.setdefault((span.start, span.end), span)
    return sorted(kept.values(), key=lambda s: s.start)


def _names_a_street(doc: Any, span: ToponymSpan) -> bool:
    toks = doc.char_span(span.start, span.end, alignment_mode="expand")
    return toks is not None and toks.end < len(doc) and doc[toks.end].text in STREET_WORDS


def _speaker(span: Any) -> bool:
    root = span.root
    return root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ in SPEAKING


def _trim(doc: Any, start: int, end: int) -> tuple[int, int]:
    while start < end and (doc[start].lower_ == "the" or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].text in ("'s", "’s")):
        end -= 1
    return start, end


def _extend_suffix(doc: Any, end: int) -> int:
    if end < len(doc) and doc[end].text in SUFFIX_WORDS:
        return end + 1
    return end


class ToponymFinder:
    """Finds toponym spans in a parsed document; holds the gazetteer and no doc state."""

    def __init__(self, gazetteer: Gazetteer, *, min_population: int = 5000) -> None:
        self.gaz = gazetteer
        self.min_population = min_population

    def __call__(self, doc: Any) -> list[ToponymSpan]:
        taken = [False] * len(doc)
        blocked = [False] * len(doc)
        out: list[ToponymSpan] = []
        for ent in doc.ents:
            if any(taken[i] for i in range(ent.start, ent.end)):
                continue  # inside a name an earlier entity was extended to
            span = self._from_entity(doc, ent)
            if span is not None:
                out.append(span[0])
                for i in range(span[1], span[2]):
                    taken[i] = True
            elif ent.label_ in BLOCKING_LABELS:
                for i in range(ent.start, ent.end):
                    blocked[i] = True
        out.extend(self._same_name_again(doc, out, taken, blocked))
        out.extend(self._comma_parents(doc, out, taken, blocked))
        out.extend(self._org_places(doc, taken, blocked))
        out.extend(self._datelines(doc, taken, blocked))
        out.extend(self._area_children(doc, taken, blocked))
        lower_words = frozenset(t.text for t in doc if t.text.islower())
        # a whole ORG name is an organisation; only its parts may be places
        orgs = frozenset(_trim(doc, e.start, e.end) for e in doc.ents if e.label_ == "ORG")
        out.extend(self._phrase_matches(doc, taken, blocked, lower_words | orgs))
        people = surnames(doc)
        out.extend(self._repeats(doc, out, taken, blocked, people))
        return _without_duplicates(s for s in out if not _names_a_street(doc, s) and
                                 not (s.label in ("GAZ", "PERSON", "ORG") and s.text in people))

    def _repeats(self, doc: Any, found: list[ToponymSpan], taken: list[bool],
                 blocked: list[bool], people: frozenset[str]) -> list[ToponymSpan]:
        """One sense per discourse: other capitalised occurrences of an accepted name
        ("HARWINTON —" ... "the Harwinton Senior Center")."""
        in_people = {normalize(t.text) for e in doc.ents if e.label_ == "PERSON" for t in e}
        names = {normalize(s.text) for s in found if s.label in REPEATABLE} - in_people - \
            {normalize(p) for p in people}
        firsts = {n.split(" ")[0] for n in names}  # a name can only start with these
        out = []
        i = 0
        while i < len(doc):
            hit = None if taken[i] or blocked[i] or not _is_cap(doc[i]) or (
                normalize(doc[i].text).split(" ")[0] not in firsts) else next(
                (j for j in range(min(len(doc), i + MAX_TOKENS), i, -1)
                 if not any(taken[i:j]) and normalize(doc[i:j].text) in names), None)
            if hit is None:
                i += 1
                continue
            out.append(self._claim(doc, i, hit, "GAZ", taken, blocked))
            i = hit
        return out

    def _comma_parents(self, doc: Any, found: list[ToponymSpan], taken: list[bool],
                       blocked: list[bool]) -> list[ToponymSpan]:
        """"in Salamanca, Guanajuato", "in Hays city (Al Hudaydah)": a capitalised name
        right after a place and a comma or bracket that names a country or first-level
        division containing one of the place's readings (or, after a comma, a division of
        a country where it has one) is a place too, whatever the tagger called it."""
        out = []
        ends = {s.end: s for s in found}
        for tok in doc:
            if tok.text not in (",", "(") or tok.i + 1 >= len(doc) or tok.i == 0:
                continue
            child = ends.get(doc[tok.i - 1].idx + len(doc[tok.i - 1].text))
            if child is None:
                continue
            i = tok.i + 1
            for j in range(min(len(doc), i + MAX_TOKENS), i, -1):
                if taken[i] or not _is_cap(doc[j - 1]) or not all(
                        _is_cap(t) or t.lower_ in NAME_LINKS for t in doc[i:j]):
                    continue  # "Mato Grosso do Sul"
                if self._contains_reading(doc[i:j].text, child.text) or (
                        tok.text == "," and self._division_of_country(doc[i:j].text, child.text)):
                    out.append(self._claim(doc, i, j, "GAZ", taken, blocked))
                    break
        return out

    def _area_children(self, doc: Any, taken: list[bool], blocked: list[bool]
                       ) -> list[ToponymSpan]:
        """"in Posadas (Misiones)", "Encarnacion (Itapua)", "Kadikoy town, Istanbul",
        "Al Khawkhah city (Al Hudaydah)": a capitalised name followed, after a comma or
        in brackets, by a country or first-level division that contains one of its
        readings is a place, whatever the statistical tagger called it (it often tags
        these DATE, WORK_OF_ART or PERSON); the areas in the brackets are places too."""
        out = []
        for tok in doc:
            if tok.text not in (",", "(") or tok.i + 1 >= len(doc):
                continue
            end = tok.i - 1 if tok.i > 0 and doc[tok.i - 1].lower_ in FEATURE_WORDS else tok.i
            child = self._name_before(doc, end, taken)
            if child is None:
                continue
            for i, j in self._names_after(doc, tok.i + 1, bracket=tok.text == "("):
                if self._contains_reading(doc[i:j].text, doc[child:end].text, exact=True):
                    out.append(self._claim(doc, child, end, "GAZ", taken, blocked))
                    if not any(taken[i:j]):
                        out.append(self._claim(doc, i, j, "GAZ", taken, blocked))
                    break
        return out

    def _name_before(self, doc: Any, end: int, taken: list[bool]) -> int | None:
        """Start of the longest untaken capitalised name (with name links) ending at
        ``end`` and starting the sentence's words, or None."""
        for start in range(max(0, end - MAX_TOKENS), end):
            toks = doc[start:end]
            if _is_cap(doc[start]) and _is_cap(doc[end - 1]) and not any(taken[start:end]) \
                    and all(_is_cap(t) or t.lower_ in NAME_LINKS or _joining_hyphen(t)
                            for t in toks) and (doc[start].pos_ == "PROPN" or
                                                not doc[start].is_sent_start) \
                    and self.gaz.has_name(toks.text):
                return start
        return None

    def _names_after(self, doc: Any, i: int, *, bracket: bool) -> list[tuple[int, int]]:
        """Capitalised names from token ``i``: one after a comma; in brackets, each name
        up to the closing bracket ("(Gujba LGA, Borno)")."""
        out = []
        while i < len(doc):
            j = i
            while j < len(doc) and j - i < MAX_TOKENS and (_is_cap(doc[j]) or (
                    j > i and doc[j].lower_ in NAME_LINKS) or _joining_hyphen(doc[j])):
                j += 1
            while j > i and not _is_cap(doc[j - 1]):
                j -= 1
            if j == i:
                break
            out.append((i, j))
            if not bracket:
                break
            while j < len(doc) and doc[j].text not in (",", ")"):
                j += 1  # "Gujba LGA": the area word after the name
            if j >= len(doc) or doc[j].text == ")":
                break
            i = j + 1
        return out

    def _division_of_country(self, parent: str, child: str) -> bool:
        """"Las Palmas, Sonora": a first-level division of a country where the place
        before the comma has a reading names that place's area, even when the gazetteer
        only knows a namesake elsewhere in the country."""
        areas = {m.entry.country_code for m in self.gaz.matches(parent, limit=10, fuzzy=False)
                 if m.entry.feature_code == "ADM1" and m.kind <= 1}
        return bool(areas) and any(m.entry.country_code in areas and m.variant == 0
                                   for m in self.gaz.matches(child, limit=50))

    def _contains_reading(self, parent: str, child: str, *, exact: bool = False) -> bool:
        areas = [m.entry for m in self.gaz.matches(parent, limit=10, fuzzy=False)
                 if m.entry.feature_code in ("ADM1", "ADM2", "PCLI")]
        if not areas:
            return False
        readings = [m.entry for m in self.gaz.matches(child, limit=50)
                    if not exact or m.variant < 2]
        return any(contains(a, r) for a in areas for r in readings)

    def _claim(self, doc: Any, start: int, end: int, label: str, taken: list[bool],
               blocked: list[bool]) -> ToponymSpan:
        for i in range(start, end):
            taken[i], blocked[i] = True, False
        return self._make(doc, start, end, "ner", label)[0]

    def _org_places(self, doc: Any, taken: list[bool], blocked: list[bool]
                    ) -> list[ToponymSpan]:
        """"Alexandria Police", "Canaan Board of Finance", "Danbury police"."""
        out = []
        for ent in doc.ents:
            start, end = _trim(doc, ent.start, ent.end)
            if ent.label_ != "ORG" or start >= end or taken[start]:
                continue
            stop = org_place_end(doc, start, end)
            if stop is not None and self._primary_name(doc[start:stop].text):
                out.append(self._claim(doc, start, stop, "ORG", taken, blocked))
        return out

    def _datelines(self, doc: Any, taken: list[bool], blocked: list[bool]
                   ) -> list[ToponymSpan]:
        """"HARTFORD — ...", "MOUNT GILEAD (AP) -- ..."."""
        out = []
        for i in range(len(doc)):
            end = None if taken[i] else dateline_end(doc, i)
            if end is not None and not any(taken[i:end]) and \
                    self._primary_name(doc[i:end].text):
                out.append(self._claim(doc, i, end, "DATELINE", taken, blocked))
        return out

    def _primary_name(self, text: str) -> bool:
        return any(m.kind in (PRIMARY, ASCII)
                   for m in self.gaz.matches(text, limit=10, fuzzy=False))

    def _same_name_again(self, doc: Any, found: list[ToponymSpan], taken: list[bool],
                         blocked: list[bool]) -> list[ToponymSpan]:
        """One sense per discourse: a name accepted as a place once in the document is a
        place wherever else the NER mistook it for a person or organisation."""
        names = {s.text for s in found if s.source == "ner"}
        out = []
        for ent in doc.ents:
            start, end = _trim(doc, ent.start, ent.end)
            if ent.label_ not in ("PERSON", "ORG") or start >= end or taken[start]:
                continue
            if doc[start:end].text in names and not _speaker(ent):
                out.append(self._make(doc, start, end, "ner", ent.label_)[0])
                for i in range(start, end):
                    taken[i], blocked[i] = True, False
        return out

    def _make(self, doc: Any, start: int, end: int, source: str, label: str,
              country: str = "") -> tuple[ToponymSpan, int, int]:
        span = doc[start:end]
        return (ToponymSpan(start=span.start_char, end=span.end_char, text=span.text,
                            source=source, label=label, cue=has_cue(doc, start, end),
                            country=country), start, end)

    def _from_entity(self, doc: Any, ent: Any) -> tuple[ToponymSpan, int, int] | None:
        start, end = _trim(doc, ent.start, ent.end)
        if start >= end:
            return None
        comma = next((i for i in range(start + 1, end - 1) if doc[i].text == ","), None)
        if comma is not None and ent.label_ in PLACE_LABELS:
            end = comma  # "Zacatecas, Zacatecas", "Springfield, Illinois": the first place;
            # the second is matched by the gazetteer pass
        text = doc[start:end].text
        if ent.label_ == "NORP":
            iso = self.gaz.demonym(text)
            if iso:
                return self._make(doc, start, end, "demonym", "NORP", iso)
            return self._make(doc, start, end, "ner", "NORP") \
                if self._area_demonym(doc, end, text) else None
        if ent.label_ in PLACE_LABELS:
            if ent.label_ == "FAC" and not self.gaz.has_name(text):
                return None
            end = self._extend_name(doc, start, _extend_suffix(doc, end))
            span, a, b = self._make(doc, start, end, "ner", ent.label_)
            return replace(span, fragment=self._fragment(doc, start, end)), a, b
        if ent.label_ in ("PERSON", "ORG"):
            longer = self._extend_name(doc, start, end)
            place = self._person_is_place(doc, ent, start, end)
            if longer > end and (place or has_cue(doc, start, longer)):
                return self._make(doc, start, longer, "ner", ent.label_)  # "Mato Grosso do Sul"
            if place:
                return self._make(doc, start, end, "ner", ent.label_)
        if ent.label_ in MISTAKEN_LABELS and self._village(doc, start, end):
            return self._make(doc, start, end, "ner", ent.label_)
        return None

    def _village(self, doc: Any, start: int, end: int) -> bool:
        """"near Opytne", "in Makhmur district", "Wana town": a name the tagger took for a
        person, organisation or title is a place, however small, when the words around
        it say so and the gazetteer has it under that very name."""
        prev = doc[start - 1].lower_ if start > 0 else ""
        nxt = doc[end] if end < len(doc) else None
        strong = prev in ("near", "outside") or (nxt is not None and nxt.lower_ in SETTLEMENT_WORDS
                                                 and nxt.text.islower()) or (
            prev == "of" and start > 1 and doc[start - 2].lower_ in SETTLEMENT_WORDS)
        if not strong or _speaker(doc[start:end]) or doc[start:end].text.isupper():
            return False
        return any(m.kind <= ASCII and m.variant == 0
                   for m in self.gaz.matches(doc[start:end].text, limit=10, fuzzy=False))

    def _extend_name(self, doc: Any, start: int, end: int) -> int:
        """The end of the longest gazetteer name that starts like the entity and goes on
        through connectors and capitalised words: NER stops "Jaboatao dos Guararapes"
        at "Jaboatao" (without a connector, only into a place's own name)."""
        limit = min(len(doc), start + MAX_TOKENS + 2, doc[start].sent.end
                    if doc.has_annotation("SENT_START") else len(doc))
        for j in range(limit, end, -1):
            toks = doc[end:j]
            if _is_cap(doc[j - 1]) and all(_is_cap(t) or t.lower_ in NAME_LINKS for t in toks) \
                    and self.gaz.has_name(doc[start:j].text) and (
                        any(t.lower_ in NAME_LINKS for t in toks) or
                        self._primary_name(doc[start:j].text)):  # "Santa Cruz Xoxocotlan"
                return j
        return end

    def _area_demonym(self, doc: Any, end: int, text: str) -> bool:
        """"Ohioans", "Europeans": a demonym of a division or continent (stored as an
        ABBREVIATION name), not the first half of a compound ("African-American")."""
        if end < len(doc) and doc[end].text in ("-", "\u2010", "\u2011"):
            return False
        return any(m.kind == ABBREVIATION and m.entry.feature_code in ("ADM1", "CONT")
                   for m in self.gaz.matches(text, limit=5, fuzzy=False))

    def _person_is_place(self, doc: Any, ent: Any, start: int, end: int) -> bool:
        """A PERSON/ORG entity is a place when it is a known, important place name in
        locative context and is not the subject of a speaking verb."""
        if _speaker(ent) or not has_cue(doc, start, end):
            return False
        matches = self.gaz.matches(doc[start:end].text, limit=5)
        # an administrative area in locative context ("Sirwah district", "(Mayo-Sava,
        # Extreme-Nord)") whatever its population; other places only if important
        return any(m.variant < 2 and (m.entry.feature_class == "A" or self._important(
            m.entry.feature_code, m.entry.population)) for m in matches)

    def _important(self, code: str, population: int, floor: int | None = None) -> bool:
        return code in IMPORTANT_CODES or population >= (
            self.min_population if floor is None else floor)

    def _phrase_matches(self, doc: Any, taken: list[bool], blocked: list[bool],
                        skip: frozenset[Any]) -> list[ToponymSpan]:
        """Gazetteer names in capitalised sequences; ``skip`` holds lowercase words of
        the document and (start, end) token spans of whole ORG entities."""
        out: list[ToponymSpan] = []
        i = 0
        while i < len(doc):
            found = None if taken[i] or blocked[i] or not _is_cap(doc[i]) else \
                self._longest_match(doc, i, taken, blocked, skip)
            if found is None:
                i += 1
                continue
            out.append(found[0])
            i = found[2]
        return out

    def _longest_match(self, doc: Any, i: int, taken: list[bool], blocked: list[bool],
                       skip: frozenset[Any]) -> tuple[ToponymSpan, int, int] | None:
        sent_end = doc[i].sent.end if doc.has_annotation("SENT_START") else len(doc)
        for n in range(min(MAX_TOKENS, sent_end - i), 0, -1):
            j = i + n
            toks = doc[i:j]
            if any(taken[k] or blocked[k] for k in range(i, j)) or not _is_cap(doc[j - 1]) \
                    or (i, j) in skip:
                continue
            if not all(_is_cap(t) or t.lower_ in CONNECTORS or _joining_hyphen(t) for t in toks):
                continue
            if self.gaz.has_name(toks.text) and self._accept(doc, i, j, skip):
                span, a, b = self._make(doc, i, j, "gazetteer", "GAZ")
                return replace(span, fragment=self._fragment(doc, i, j)), a, b
        return None

    def _fragment(self, doc: Any, i: int, j: int) -> bool:
        """"Minas Viejas", "San Lucas Atoyatenco", "Bala Dasht": a minor gazetteer name
        that is only part of a longer capitalised name is that name's fragment, not the
        namesake town abroad (the resolver drops it when nothing else supports its
        country)."""
        before = doc[i - 1] if i > 0 and not doc[i].is_sent_start else None
        after = doc[j] if j < len(doc) else None
        if after is not None and _joining_hyphen(after) and j + 1 < len(doc):
            after = doc[j + 1]  # "Alaudia-Saray village"
        longer = (before is not None and _is_cap(before) and before.pos_ == "PROPN" and
                  before.ent_type_ != "NORP") or (
            after is not None and _is_cap(after) and after.pos_ == "PROPN" and
            after.text not in SUFFIX_WORDS and after.lower_ not in NAMED_AFTER_PLACE)
        if not longer:
            return False
        return not any(m.kind <= 1 and self._important(m.entry.feature_code,
                                                       m.entry.population, MAJOR_POPULATION)
                       for m in self.gaz.matches(doc[i:j].text, limit=10, fuzzy=False))

    def _accept(self, doc: Any, i: int, j: int, lower_words: frozenset[Any]) -> bool:
        """Filter gazetteer-only phrase matches: a single word must be a proper noun that
        the document never writes in lowercase (common words like "police", "march")."""
        toks = doc[i:j]
        if j - i == 1:
            tok = doc[i]
            if tok.lower_ in MONTHS_AND_DAYS or tok.lower_ in DIRECTIONS or tok.is_stop or tok.pos_ != "PROPN" or \
                    tok.lower_ in lower_words:
                return False
            if len(tok.text) <= 3 and tok.text.isupper() or tok.text.endswith("."):
                return i > 0 and doc[i - 1].text == ","  # "Springfield, IL" / ", Ga."
        cue = has_cue(doc, i, j)
        matches = self.gaz.matches(toks.text, limit=10, fuzzy=False)
        floor = self.min_population * (10 if j - i == 1 else 1)
        important = any(self._important(m.entry.feature_code, m.entry.population, floor)
                        for m in matches if m.kind <= 1)
        return important or (cue and any(m.kind <= 1 for m in matches))
