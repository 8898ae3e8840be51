"""Counts: ACLED's most conservative figure, and whether two reports contradict.

ACLED codes "the most conservative estimate" when sources disagree. Figures for one event
legitimately differ between reports (tolls rise as the injured die and bodies are found,
police and organisers count crowds differently), so two figures only rule a pair out when
they are wildly apart: the larger more than three times the smaller plus a small margin
(1 vs 6 dead contradicts; 58 vs 62, 2 vs 7 do not). Crowd sizes vary far more between
sources and only contradict at ten times.
"""

from __future__ import annotations

from eventwire.dedup.verdict import Verdict, conflict, unknown
from eventwire.records import Event

COUNT_FIELDS = ("dead", "injured", "arrested", "size")
RATIO = {"dead": 3, "injured": 3, "arrested": 3, "size": 10}
MARGIN = 2
# points (log-odds, see compare.py); fitted on the dev pairs, rounded
EQUAL_WEIGHT = 2.0
COMPATIBLE_WEIGHT = 0.6  # both report figures: both tell of the same kind of incident
SPECIFIC_FIGURE = 3  # one or two dead/arrested coincide too often to identify an event


def conservative_count(values: list[int | None]) -> int | None:
    """The most conservative credible figure among several reports of one count.

    ``None`` (not reported), booleans and negative numbers are not figures and are
    ignored; of the rest the lowest wins, as ACLED codes the most conservative estimate
    (a report of 0 -- "no casualties" -- is a figure and wins over later higher ones).
    ``None`` when no report gives a figure.
    """
    figures = [v for v in values if isinstance(v, int) and not isinstance(v, bool) and v >= 0]
    return min(figures) if figures else None


def contradicts(kind: str, a: int, b: int) -> bool:
    low, high = sorted((a, b))
    return high > RATIO[kind] * low + MARGIN


def compare_counts(a: Event, b: Event) -> Verdict:
    """Conflict when a count is wildly contradicted; a match when a figure of three or more
    agrees (smaller figures coincide too often to identify an event)."""
    both = [(k, getattr(a, k), getattr(b, k)) for k in COUNT_FIELDS
            if getattr(a, k) is not None and getattr(b, k) is not None]
    for kind, x, y in both:
        if contradicts(kind, x, y):
            return conflict("counts", f"{kind} {x} vs {y}")
    equal = [k for k, x, y in both if x == y and x >= SPECIFIC_FIGURE and k != "size"]
    if equal:
        return Verdict("counts", "match", EQUAL_WEIGHT, "same " + ", ".join(equal))
    if both:
        return Verdict("counts", "weak", COMPATIBLE_WEIGHT, "figures differ but are compatible")
    return unknown("counts", "no count reported on both sides")
