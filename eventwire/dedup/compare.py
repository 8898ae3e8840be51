"""``compare(a, b)``: do two event records report the same event?

Each field is compared on its own (kinds.py, when.py, where.py, who.py, counts.py,
text.py). Any conflict rules the pair out: an incompatible type, dates too far apart, two
different places, different named parties, contradictory counts, or a negated or
hypothetical mention against a real one. Otherwise the pair is the same event when
enough fields are *strong* -- specific to one event: the same town (or towns a few km
apart), a named party in common, an equal count of three or more, or evidence telling the
same particulars (which counts twice: it is direct evidence that the reports tell one
story). How many strong fields are needed depends on how little the rest pins down:

- the same or a nearby town: none (type, date and town together identify an event);
- one place inside the other's region, or two records placed only at region level: one;
- a country-level place, or no place on one side: two (ACLED: a nationwide mention
  matches a local event only if all else agrees strongly);
- one more when the dates are only within a restatement window, or a date is missing;
- none when the evidence is near-verbatim the same text (one report, republished).
"""

from __future__ import annotations

from eventwire.dedup.counts import compare_counts
from eventwire.dedup.kinds import compare_types
from eventwire.dedup.text import compare_evidence
from eventwire.dedup.verdict import Decision, Verdict, conflict
from eventwire.dedup.when import compare_dates
from eventwire.dedup.where import compare_places
from eventwire.dedup.who import compare_actors
from eventwire.records import Event

PLACE_NEEDS = {"same": 0, "near": 0, "within": 1, "area": 1, "country": 2, "": 2}


def compare_flags(a: Event, b: Event) -> Verdict:
    """A negated or hypothetical mention is not the event that happened. (A "historical"
    mention -- background in a later report -- may well be the event itself.)"""
    for flag in ("negated", "hypothetical"):
        if getattr(a, flag) != getattr(b, flag):
            return conflict("flags", f"one report is {flag}")
    return Verdict("flags", "unknown")


def verdicts(a: Event, b: Event) -> list[Verdict]:
    return [compare_flags(a, b), compare_types(a, b), compare_dates(a, b),
            compare_places(a, b), compare_actors(a, b), compare_counts(a, b),
            compare_evidence(a, b)]


def strong_needed(by_field: dict[str, Verdict]) -> int:
    place = by_field["place"]
    needed = PLACE_NEEDS.get(place.grade if place.status != "unknown" else "", 2)
    if by_field["date"].grade not in ("same-day", "precision"):
        needed += 1
    return needed


def decide(found: list[Verdict]) -> Decision:
    conflicts = tuple(f"{v.field}: {v.reason}" for v in found if v.status == "conflict")
    agreeing = [v for v in found if v.status in ("match", "weak")]
    score = round(min(1.0, sum(v.weight for v in agreeing)), 3)
    matched = tuple(v.field for v in agreeing)
    if conflicts:
        return Decision(same=False, score=0.0, matched=matched, conflicts=conflicts)
    by_field = {v.field: v for v in found}
    evidence = by_field["evidence"]
    strong = sum(2 if v is evidence else 1 for v in found if v.strong)
    enough = strong >= strong_needed(by_field) or evidence.grade == "verbatim"
    return Decision(same=enough, score=score, matched=matched, conflicts=())


def compare(a: Event, b: Event) -> Decision:
    """Whether events ``a`` and ``b`` (from different reports) are one event, and why."""
    return decide(verdicts(a, b))
