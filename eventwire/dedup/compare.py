"""``compare(a, b)``: do two event records report the same event?

Each field is compared on its own (kinds.py, when.py, where.py, who.py, counts.py,
text.py) and gives a ``Verdict``: a conflict, or points for or against the pair.

**Conflicts rule a pair out**: an incompatible type, dates too far apart (or a day or two
apart when each report names its own date's weekday; not when neither report's evidence
states a date, when.py), two different places, different named parties, wildly contradictory counts, or a negated or
hypothetical mention against a real one. One exception: places in two *countries* are
waived when the evidence tells the same particulars (weighted overlap of 0.4 or more):
a namesake resolved in the wrong country is then likelier than two events.

**Otherwise the points decide.** Each field adds log-odds points (the weights of a
logistic model fitted on the dev pairs, then rounded and frozen; the place points were
held at their earlier values, since the dev corpus is lower-cased and its places are
mostly guesses): a starting ``BIAS`` (most pairs of same-type events a few days apart
are different events), plus

- evidence: up to about +5 for sentences sharing rare particulars (text.py; a name the
  reports spell two ways, one letter apart, is one particular: spelling.py);
- counts: +2 for an equal figure of three or more dead, injured or arrested;
- actors: +1.42 for a named party in common (or named in the other's evidence);
- type: +0.46 for the same PLOVER type and mode (or ACLED sub-event type);
- place: +0.5 for one town (or a record's town that both reports' evidence name), 0 for
  one country or a guessed place that agrees, -0.75 for a region or no place;
- date: 0 for the same day (or one night told as two dates), -0.74 within a week/month
  precision, -0.62 for a possible restatement a day or two later (+0.18 back when both
  name the same weekday), -0.55 when the reports name only different weekdays.

The pair is one event when the total reaches ``THRESHOLD``; near-verbatim evidence (one
report, republished) is enough on its own, and so is an event sentence that the other
report retells nearly word for word (retold.py: agency copy lightly edited inside a
rewritten report). ``Decision.reasons`` lists every field's
points and reason and the total, so each decision explains itself; ``score`` is the
total as a probability (logistic), for ranking candidates.
"""

from __future__ import annotations

import math
from types import MappingProxyType

from eventwire.dedup.counts import compare_counts
from eventwire.dedup.kinds import compare_types
from eventwire.dedup.retold import mark_retold
from eventwire.dedup.text import compare_evidence
from eventwire.dedup.verdict import Decision, Verdict, conflict
from eventwire.dedup.when import compare_dates
from eventwire.dedup.where import UNPLACED, compare_places
from eventwire.dedup.who import compare_actors
from eventwire.records import Event

BIAS = -3.46
THRESHOLD = 0.0
# evidence grades that are enough on their own: one report republishes or retells the other
ENOUGH = MappingProxyType({"verbatim": "near-verbatim evidence",
                           "retold": "a retold event sentence"})


def compare_flags(a: Event, b: Event) -> Verdict:
    """A negated or hypothetical mention is not the event that happened. (A "historical"
    mention -- background in a later report -- may well be the event itself.)"""
    for flag in ("negated", "hypothetical"):
        if getattr(a, flag) != getattr(b, flag):
            return conflict("flags", f"one report is {flag}")
    return Verdict("flags", "unknown")


def verdicts(a: Event, b: Event) -> list[Verdict]:
    found = [compare_flags(a, b), compare_types(a, b), compare_dates(a, b),
             compare_places(a, b), compare_actors(a, b), compare_counts(a, b),
             mark_retold(compare_evidence(a, b), a, b)]
    return [_waive(v, found[-1]) for v in found]


def _waive(v: Verdict, evidence: Verdict) -> Verdict:
    """Places in two countries against evidence telling the same particulars: the
    geocoder's namesake error, not two events."""
    if v.status == "conflict" and v.grade == "countries" and evidence.status == "match":
        return Verdict("place", "unknown", UNPLACED,
                       f"{v.reason}, waived: the evidence tells the same particulars")
    return v


def _line(v: Verdict) -> str:
    if v.status == "conflict":
        return f"{v.field} conflict: {v.reason}"
    return f"{v.field} {v.weight:+.2f}: {v.reason}" if v.reason else f"{v.field} {v.weight:+.2f}"


def decide(found: list[Verdict]) -> Decision:
    conflicts = tuple(f"{v.field}: {v.reason}" for v in found if v.status == "conflict")
    matched = tuple(v.field for v in found if v.status in ("match", "weak"))
    reasons = [_line(v) for v in found if v.reason or v.weight]
    if conflicts:
        return Decision(same=False, score=0.0, matched=matched, conflicts=conflicts,
                        reasons=tuple(reasons))
    total = BIAS + sum(v.weight for v in found)
    told = {v.grade for v in found if v.field == "evidence"} & set(ENOUGH)
    same = total >= THRESHOLD or bool(told)
    reasons.append(f"total {total:+.2f} (bias {BIAS:+.2f}) against threshold {THRESHOLD:+.2f}"
                   + "".join(f"; {ENOUGH[g]}" for g in sorted(told)))
    score = round(1.0 / (1.0 + math.exp(-total)), 3)
    return Decision(same=same, score=score, matched=matched, conflicts=(),
                    reasons=tuple(reasons))


def compare(a: Event, b: Event) -> Decision:
    """Whether events ``a`` and ``b`` (from different reports) are one event, and why."""
    return decide(verdicts(a, b))
