"""Toponym resolution: rank gazetteer candidates with priors and document context.

Score of a candidate = feature-type prior + log population + name-match quality
(pass 1), plus document context (two rounds, see context.py): readings of the other
toponyms in the same country, admin-1 area or nearby, and the "Springfield, Illinois"
containment pattern. A softmax over a span's candidates gives ``Place.score`` in 0-1.
"""

from __future__ import annotations

import bisect
import logging
import math
import re
from dataclasses import dataclass, field
from typing import Any, Sequence

from eventwire.geo.context import (Support, contains, context_score, country_support,
                                   load_neighbours, support)
from eventwire.geo.gazetteer import ABBREVIATION, ALTERNATE, ASCII, Gazetteer, Match
from eventwire.geo.names import normalize, strip_affixes
from eventwire.geo.toponyms import ToponymFinder, ToponymSpan
from eventwire.records import Place, Sentence

log = logging.getLogger(__name__)

TYPE_PRIOR = {"PCLI": 3.0, "CONT": 3.0, "RGN": 3.0, "ADM1": 2.0, "PPLC": 2.6, "ADM2": 0.3,
              "SEA": 2.0, "OCN": 2.0, "LK": 1.5, "GULF": 1.5, "STRT": 1.5, "PEN": 1.5}
VARIANT_PENALTY = (0.0, 3.0, 3.5)
ALTERNATE_PENALTY = 1.5
NAME_MISMATCH_PENALTY = 2.0
EXONYM_RATIO = 100
MAJOR_POPULATION = 100_000
MAJOR_CODES = frozenset({"PCLI", "CONT", "RGN"})
MINOR_FLOOR = 10_000  # an admin-1 area or capital this small is no major place ("German")
NAMESAKE_PENALTY = 3.0
WATER_CODES = frozenset({"SEA", "OCN", "GULF", "LK", "STRT"})
WIDE_CODES = WATER_CODES | {"CONT", "RGN", "PEN"}
SEAT_SHARE = 0.2  # a city with this share of its namesake admin area's population
ROUNDS = 2
ORPHAN_VOTE = 0.5  # a toponym votes for the countries of its readings this close to its best
ORPHAN_QUORUM = 2  # distinct toponyms agreeing on another country make a small place abroad an orphan
LOCALE_WEIGHT = 2.0  # the publisher's country counts as much as two agreeing mentions
ADMIN_WORDS = frozenset({"province", "region", "oblast", "state", "county", "parish",
                         "district", "governorate", "prefecture", "department"})
# words after a name that can only mean a first- or second-level area ("Idlib province")
AREA_AFTER = re.compile(r"\s+(?:province|governorate|oblast|prefecture)\b", re.IGNORECASE)
# the text between a place and the larger area named after it: "X, Y", "X district, Y",
# "X (Y", "X town (Y"; inside the brackets the areas go on after commas ("(Y, Z)")
_TOWN_WORD = re.compile(r" (?:city|town|village)\b")  # lower case: not "Kansas City"
_PARENT_GAP = re.compile(r"^\s*(?:[a-z]+\s*)?[,(]\s*$")
_IN_BRACKETS_GAP = re.compile(r"^\s*,\s*$")
CHILD_BONUS = 6.0
PARENT_BONUS = 3.0
_CAPWORD = re.compile(r"\b[A-Z][a-z]+\b")


@dataclass(slots=True)
class _Item:
    start: int
    end: int
    text: str
    matches: list[Match]
    cue: bool = False
    demonym: str = ""
    fragment: bool = False
    others: int = 0  # other distinct toponyms in the document
    base: list[float] = field(default_factory=list)
    final: list[float] = field(default_factory=list)

    def best(self, scores: list[float]) -> int:
        return max(range(len(scores)), key=scores.__getitem__)



def _parents(text: str, items: list[_Item], k: int) -> list[_Item]:
    """The items that name larger areas of ``items[k]``: the next one after a comma or a
    bracket, and in brackets the ones after it up to the closing bracket."""
    out: list[_Item] = []
    prev = items[k]
    bracket = False
    for nxt in items[k + 1:]:
        gap = text[prev.end:nxt.start]
        if not out and _PARENT_GAP.match(gap):
            bracket = "(" in gap
        elif not (out and bracket and _IN_BRACKETS_GAP.match(gap)):
            break
        out.append(nxt)
        if not bracket:
            break
        prev = nxt
    return out


def _base_score(m: Match, text: str, seat_penalty: bool, admin_word: bool) -> float:
    e = m.entry
    score = TYPE_PRIOR.get(e.feature_code, 0.0) + 0.5 * math.log10(e.population + 1)
    score -= VARIANT_PENALTY[m.variant]
    if m.kind == ALTERNATE:
        score -= ALTERNATE_PENALTY
    if m.kind == ABBREVIATION and len(text) <= 3 and text.isupper():
        score -= 1.0
    if seat_penalty:
        score -= 2.5
    if admin_word:  # "Mangistau province", "Rapides Parish": an admin area is meant
        score += 2.5 if e.feature_class == "A" and e.feature_code != "PCLI" else -1.0
    return score


def _display_named(text: str, matches: list[Match]) -> set[int]:
    """Candidates to penalise because others carry the text as their own display name
    (up to affixes: St./Saint, County). "Jerusalem" is also a primary name of the West
    Bank division and "Philadelphia" an old name of Amman; an exonym still wins over a
    namesake a hundred times smaller ("Mecca": Makkah, not Mecca, California)."""
    norm = normalize(text)
    forms = {norm, *strip_affixes(norm)}
    named = [m for m in matches if normalize(m.entry.name) in forms]
    if not named:
        return set()
    ceiling = EXONYM_RATIO * max(m.entry.population for m in named)
    out = set()
    for m in matches:
        name = normalize(m.entry.name)
        if m.kind == ABBREVIATION or name in forms or forms.intersection(strip_affixes(name)):
            continue
        if m.entry.population < ceiling:
            out.add(m.entry.geonameid)
    return out


def _major(m: Match) -> bool:
    """A candidate that a demonym reading should not override."""
    e = m.entry
    return e.feature_code in MAJOR_CODES or e.population >= MAJOR_POPULATION or \
        (e.feature_code in ("ADM1", "PPLC") and e.population >= MINOR_FLOOR)


def _namesakes(matches: list[Match]) -> set[int]:
    """Candidates named after a country-less region, continent or water body that the
    name also matches exactly: villages called "Middle East" or "Pacific", and admin
    areas called after a sea ("Red Sea" governorate). The wide feature is meant unless
    the text says otherwise (an admin word cue, or context)."""
    wide = [m for m in matches if m.entry.feature_code in WIDE_CODES and
            not m.entry.country_code and m.variant == 0 and m.kind <= ASCII]
    if not wide:
        return set()
    water = any(m.entry.feature_code in WATER_CODES for m in wide)
    out = set()
    for m in matches:
        e = m.entry
        if e.feature_class == "P" and e.population < MAJOR_POPULATION or \
                water and e.feature_class == "A" and e.feature_code != "PCLI":
            out.add(e.geonameid)
    return out


def _seats(matches: list[Match]) -> set[int]:
    """Admin areas named like a big city inside them (Almaty city vs Almaty area):
    the city is meant unless the text says otherwise."""
    out: set[int] = set()
    for a in matches:
        if a.entry.feature_code not in ("ADM1", "ADM2"):
            continue
        for c in matches:
            e = c.entry
            if e.feature_class == "P" and e.country_code == a.entry.country_code and \
                    c.variant == 0 and e.population >= SEAT_SHARE * a.entry.population and \
                    (a.entry.feature_code == "ADM2" or e.admin1 == a.entry.admin1):
                out.add(a.entry.geonameid)
    return out


def _supports(items: list[_Item]) -> list[Support]:
    """One support record per distinct toponym text, from current scores."""
    out: dict[str, Support] = {}
    for it in items:
        key = normalize(it.text)
        if key not in out:
            out[key] = support(key, [m.entry for m in it.matches], it.final)
    return list(out.values())


def _country_votes(it: _Item, evidence: list[Support]) -> dict[str, int]:
    """How many of the other toponyms (and context records) have a reading close to their
    best in each country."""
    key = normalize(it.text)
    votes: dict[str, int] = {}
    for ev in evidence:
        if ev.key != key:
            for code, w in ev.countries.items():
                if w >= ORPHAN_VOTE:
                    votes[code] = votes.get(code, 0) + 1
    return votes


def _unsupported_fragment(it: _Item, regions: list[tuple[str, str]]) -> bool:
    """A minor name that is only part of a longer capitalised one ("Nyaung Pin Zay ward",
    "Alaudia-Saray") is a namesake elsewhere unless another place of the text lies in its
    first-level area: left unresolved."""
    best = it.matches[it.best(it.final)]
    return it.fragment and bool(regions) and not _major(best) and \
        (best.entry.country_code, best.entry.admin1) not in regions


def _stray_variant(it: _Item) -> bool:
    """A name found only as a spelling variant ("Kerawa" -> Kerava, Finland) in a document
    whose other places give it no support: more likely an unknown village than a
    namesake abroad, so it is left unresolved."""
    best = it.best(it.final)
    return it.others > 0 and all(m.variant == 2 for m in it.matches) and \
        it.final[best] <= it.base[best]


class Geoparser:
    """Recognise and resolve toponyms against a gazetteer."""

    def __init__(self, gazetteer: Gazetteer, *, include_demonyms: bool = True,
                 max_candidates: int = 100) -> None:
        self.gaz = gazetteer
        self.finder = ToponymFinder(gazetteer)
        self.include_demonyms = include_demonyms
        self.max_candidates = max_candidates
        self.neighbours = load_neighbours()

    def __call__(self, text: str, parse: Any, sentences: Sequence[Sentence],
                 locale: str | None = None, publisher: Support | None = None
                 ) -> list[Place]:
        """Toponyms of a parsed text; ``locale`` is the publisher's country (ISO2), when
        known, taken as country context worth LOCALE_WEIGHT mentions; ``publisher`` is
        what the publisher's other articles say (see publishers.py)."""
        spans = self.finder(parse)
        items = [self._item(text, s.start, s.end, s) for s in spans]
        for it, s in zip(items, spans):
            it.fragment = s.fragment
        return self._resolve(text, items, sentences, locale, publisher)

    def resolve_spans(self, text: str, spans: Sequence[tuple[int, int]],
                      parse: Any = None, locale: str | None = None,
                      publisher: Support | None = None) -> list[Place]:
        """Resolve the given character spans; spans with no candidate are omitted."""
        sentences: list[Sentence] = []
        if parse is not None:
            sentences = [Sentence(start=s.start_char, end=s.end_char, text=s.text, index=i)
                         for i, s in enumerate(parse.sents)]
        items = [self._item(text, a, b, None) for a, b in spans if 0 <= a < b <= len(text)]
        return self._resolve(text, items, sentences, locale, publisher)

    def _item(self, text: str, start: int, end: int, span: ToponymSpan | None) -> _Item:
        surface = text[start:end]
        if span is not None and span.source == "demonym":
            country = self.gaz.country(span.country)
            matches = [Match(country, 0, 0)] if country and self.include_demonyms else []
            return _Item(start, end, surface, matches, demonym=span.country)
        matches = self.gaz.matches(surface, self.max_candidates)
        if len(surface) <= 3 and surface.isupper():  # "KL" is Kerala, not Kellogg, Iowa
            matches = [m for m in matches if m.entry.feature_class not in ("P", "S") or
                       m.entry.population >= MAJOR_POPULATION]
        if len(surface) <= 4 and surface.isupper() and "." not in surface:
            # "GNA" (a party) is no name of Guna; "L.A." and "D.C." are written as such
            matches = [m for m in matches if m.variant == 0 and (
                m.kind <= ABBREVIATION or m.entry.feature_class == "A")]  # "UAE", "DRC"
        elif len(surface) <= 2 and surface.istitle() and text[end:end + 1] != ".":
            matches = []  # "Al" of "Al-Ghabsheh" is neither AL nor Ål ("Vt." is Vermont)
        if not any(_major(m) for m in matches):  # "Canadian": Canada, not Canadian, Texas
            iso = self.gaz.demonym(surface)
            country = self.gaz.country(iso) if iso else None
            matches = [Match(country, 0, 0)] if country else matches
        words = normalize(text[start:end + 14]).split(" ")
        n = len(normalize(surface).split(" "))
        admin_word = any(w in ADMIN_WORDS for w in words[n - 1:n + 1]) or bool(
            AREA_AFTER.match(text[end:end + 14]))  # (normalize() strips "province")
        if not admin_word and _TOWN_WORD.search(text[start:end + 9]):
            # "Hafizabad city", "Kasese town": the town, not its namesake district
            matches = [m for m in matches if m.entry.feature_class == "P"] or matches
        return _Item(start, end, surface, matches, cue=admin_word)

    def _resolve(self, text: str, items: list[_Item], sentences: Sequence[Sentence],
                 locale: str | None = None, publisher: Support | None = None
                 ) -> list[Place]:
        items = [it for it in items if it.matches]
        for it in items:
            seats = _seats(it.matches) if not it.cue else set()
            odd = _display_named(it.text, it.matches)
            namesakes = _namesakes(it.matches) if not it.cue else set()
            it.base = [_base_score(m, it.text, m.entry.geonameid in seats, it.cue)
                       - (NAME_MISMATCH_PENALTY if m.entry.geonameid in odd else 0.0)
                       - (NAMESAKE_PENALTY if m.entry.geonameid in namesakes else 0.0)
                       for m in it.matches]
            it.final = list(it.base)
        extra = self._demonym_evidence(text)
        if locale:
            extra.append(Support(key="", countries={locale.upper(): LOCALE_WEIGHT}))
        if publisher is not None:
            extra.append(publisher)
        for _ in range(ROUNDS):
            evidence = _supports(items) + extra
            for it in items:
                key = normalize(it.text)
                others = [ev for ev in evidence if ev.key != key]
                it.others = len(others)
                it.final = [b + context_score(m.entry, others,
                                              self.neighbours.get(m.entry.country_code,
                                                                  frozenset()))
                            for b, m in zip(it.base, it.matches)]
            self._containment(text, items)
        starts = [s.start for s in sentences]
        evidence = _supports(items) + extra
        for it in items:
            self._unsupported_area(it, evidence)
        bests = [it.matches[it.best(it.final)].entry for it in items]
        regions = [(e.country_code, e.admin1) for e in bests]
        return [self._place(it, sentences, starts) for k, it in enumerate(items)
                if not _stray_variant(it) and not self._orphan(it, evidence)
                and not _unsupported_fragment(it, regions[:k] + regions[k + 1:])]

    def _unsupported_area(self, it: _Item, evidence: list[Support]) -> None:
        """An admin-1 area abroad that nothing supports, named without "province", loses
        to a namesake city in a country the text's other places point to ("Gaza" beside
        "Israel" and "Egypt": Gaza city, not Gaza province of Mozambique)."""
        best = it.best(it.final)
        e = it.matches[best].entry
        if it.cue or e.feature_code != "ADM1" or not e.country_code:
            return
        votes = _country_votes(it, evidence)
        if votes.get(e.country_code):
            return
        for i, m in enumerate(it.matches):
            c = m.entry
            if c.feature_class != "P" or c.population < MAJOR_POPULATION or m.variant:
                continue
            near = self.neighbours.get(c.country_code, frozenset())
            if votes.get(c.country_code) or sum(votes.get(n, 0) for n in near) >= ORPHAN_QUORUM:
                it.final[i] = it.final[best] + 0.01
                return

    def _orphan(self, it: _Item, evidence: list[Support]) -> bool:
        """A small place abroad that nothing else in the text supports, in a text whose
        other places agree on another country ("Tieba (Bankass, Mopti)": a Malian village
        the gazetteer lacks, not Tieba in Gansu): left unresolved rather than misplaced."""
        e = it.matches[it.best(it.final)].entry
        if it.demonym or it.cue and e.feature_class == "A":  # "Chora district": no Greek town
            return False
        if _major(it.matches[it.best(it.final)]) or not e.country_code:
            return False
        votes = _country_votes(it, evidence)
        if votes.get(e.country_code):
            return False
        if it.fragment and votes:
            return True  # "Bala Dasht" in Afghanistan: not Dasht, Iran
        near = self.neighbours.get(e.country_code, frozenset())
        return any(n >= ORPHAN_QUORUM and code not in near for code, n in votes.items())

    def _demonym_evidence(self, text: str) -> list[Support]:
        """Countries named by demonyms anywhere in the text ("Israeli troops")."""
        out: list[Support] = []
        for m in _CAPWORD.finditer(text):
            iso = self.gaz.demonym(m.group())
            if iso:
                out.append(country_support(normalize(m.group()), iso))
        return out

    def _containment(self, text: str, items: list[_Item]) -> None:
        """"Springfield, Illinois", "Surobi district, Kabul", "Posadas (Misiones)",
        "Radhan town (Larkana, Sindh)": child readings inside one of the larger areas
        that follow gain on top of their context score, and so do those areas."""
        bonus = {id(it): [0.0] * len(it.matches) for it in items}
        for k, child in enumerate(items):
            for parent in _parents(text, items, k):
                for ci, c in enumerate(child.matches):
                    for pi, p in enumerate(parent.matches):
                        if contains(p.entry, c.entry):
                            bonus[id(child)][ci] = CHILD_BONUS
                            bonus[id(parent)][pi] = max(bonus[id(parent)][pi], PARENT_BONUS)
        for it in items:
            it.final = [f + b for f, b in zip(it.final, bonus[id(it)])]

    def _place(self, it: _Item, sentences: Sequence[Sentence], starts: list[int]) -> Place:
        best = it.best(it.final)
        top = it.final[best]
        prob = 1.0 / sum(math.exp(s - top) for s in it.final)
        k = bisect.bisect_right(starts, it.start) - 1
        sentence = sentences[k].index if k >= 0 and it.start < sentences[k].end else -1
        return Place(start=it.start, end=it.end, text=it.text, entry=it.matches[best].entry,
                     score=max(0.0, min(1.0, prob)), sentence=sentence)
