"""Actors: the parties named on both sides of the event.

ACLED's generic names ("Rioters (India)", "Civilians (India)", "Unidentified Armed Group
(India)", "Police Forces of India", "Government of India") say what kind of party took
part, not which one: two riots in one country share them whatever happened. Named
parties (a person, a party, a named group) identify an event. Actors and recipients are
pooled, since one report's attacker is another's target in a clash.

- a named party on both sides in common (equal names, one inside the other, or two
  shared name words): a match; so is a named party of one record whose rare name words
  (two, or a one-word name's only word) the other record's evidence uses, although its
  coder did not take that party as an actor ("Ansari" in a report on his custody);
- only generic parties in common, or same sectors: weak;
- both sides name parties, none in common and their sectors differ: a conflict (two
  clashes between different groups);
- a side without parties is never a conflict (reports often omit them).
"""

from __future__ import annotations

import re

from eventwire.dedup.rarity import weight
from eventwire.dedup.text import FUNCTION_WORDS, GENERIC, boilerplate, fold
from eventwire.dedup.verdict import Verdict, conflict, unknown
from eventwire.records import Actor, Event

# points (log-odds, see compare.py); fitted on the dev pairs, rounded
NAMED_WEIGHT = 1.42
GENERIC_WEIGHT = 0.0
GENERIC_NAME = re.compile(
    r"^(rioters|protesters|civilians|unidentified armed group|police forces of|"
    r"military forces of|government of|legislature of|political party|private business|"
    r"rebel group)\b|\(unknown\)$")
_NAME_WORDS = re.compile(r"[a-z]{3,}")
RARE_NAME = 6.0  # rarity weight of a name word that identifies (not "police", "state")


def generic(actor: Actor) -> bool:
    """An ACLED generic name, or a party no text names (imputed by convention)."""
    return not actor.text or GENERIC_NAME.search(fold(actor.name)) is not None


def _parties(ev: Event) -> list[Actor]:
    return [*ev.actors, *ev.recipients]


def _words(name: str) -> set[str]:
    return {w for w in _NAME_WORDS.findall(fold(name)) if w not in FUNCTION_WORDS}


def same_party(x: Actor, y: Actor) -> bool:
    nx, ny = fold(x.name), fold(y.name)
    if nx == ny or (len(nx) > 3 and nx in ny) or (len(ny) > 3 and ny in nx):
        return True
    return len(_words(x.name) & _words(y.name)) >= 2


def named_in_evidence(ev: Event, other: Event) -> str | None:
    """A named party of ``ev`` that ``other``'s evidence mentions, by its rare words."""
    text = set(_NAME_WORDS.findall(fold(" ".join(
        e.text for e in other.evidence if not boilerplate(e.text)))))
    for party in _parties(ev):
        if generic(party):
            continue
        rare = {w for w in _words(party.name) if w not in GENERIC and weight(w) >= RARE_NAME}
        if len(rare & text) >= 2 or (len(rare) == 1 and rare <= text):
            return party.name
    return None


def compare_actors(a: Event, b: Event) -> Verdict:
    pa, pb = _parties(a), _parties(b)
    if not pa or not pb:
        return unknown("actors")
    named_a = [p for p in pa if not generic(p)]
    named_b = [p for p in pb if not generic(p)]
    shared = [x.name for x in named_a if any(same_party(x, y) for y in named_b)]
    if shared:
        return Verdict("actors", "match", NAMED_WEIGHT, f"both name {shared[0]}")
    mentioned = named_in_evidence(a, b) or named_in_evidence(b, a)
    if mentioned:
        return Verdict("actors", "match", NAMED_WEIGHT,
                       f"{mentioned} is named in the other report's evidence")
    sectors_a = {p.sector for p in pa if p.sector}
    sectors_b = {p.sector for p in pb if p.sector}
    typed_a = {p.sector for p in named_a if p.sector}
    typed_b = {p.sector for p in named_b if p.sector}
    if typed_a and typed_b and not typed_a & typed_b:
        return conflict("actors", f"{named_a[0].name} vs {named_b[0].name}")
    if {fold(p.name) for p in pa} & {fold(p.name) for p in pb} or sectors_a & sectors_b:
        return Verdict("actors", "weak", GENERIC_WEIGHT, "same kinds of party")
    return Verdict("actors", "unknown", 0.0, "no party in common")
