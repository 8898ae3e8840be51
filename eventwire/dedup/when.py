"""Dates: equal within the precision each report gives, or a restatement.

ACLED's time precision: 1 the day is known, 2 only the week, 3 only the month. A date of
precision 2 stands for a week around it (3 days either side), precision 3 for a month
(15 days). Two dates agree when their intervals meet. Beyond that, a report published
days later often gives only its own date for an event it restates, so a gap of up to
``RESTATE_DAYS`` more is still possible but counts against the pair (compare.py).

The weekdays the evidence names ("on Friday") are read too: two reports that name the
same day make a restatement likelier (the coder anchored one of them to its own
publication day), two that name only different days ("the walk-out on Friday", "the
boycott on Saturday") tell two days' events apart -- ACLED codes each day on its own.
Two records a day or two apart whose evidence each names the weekday of its own date
are not a restatement but two days: a conflict.
"""

from __future__ import annotations

import datetime as dt
import re

from eventwire.dedup.text import boilerplate
from eventwire.dedup.verdict import Verdict, conflict
from eventwire.records import Event

SPREAD = {1: 0, 2: 3, 3: 15}
RESTATE_DAYS = 2
# points (log-odds, see compare.py); fitted on the dev pairs, rounded
SAME_DAY = 0.0
WITHIN_PRECISION = -1.6
RESTATED = -1.35
NO_DATE = -1.35
SAME_WEEKDAY = 0.4  # a restatement naming the same weekday as the other report
OTHER_WEEKDAY = -1.2  # both name weekdays, none in common
_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")


def _day(ev: Event) -> dt.date | None:
    try:
        return dt.date.fromisoformat(ev.date) if ev.date else None
    except ValueError:
        return None


def weekdays(ev: Event) -> frozenset[str]:
    """The weekdays named in an event's evidence (outside related-story boxes)."""
    return frozenset(m for e in ev.evidence if not boilerplate(e.text)
                     for m in _WEEKDAY.findall(e.text.lower()))


def explicit(ev: Event, day: dt.date) -> bool:
    """Does the evidence name the weekday of the record's own date ("on Friday")?"""
    return f"{day:%A}".lower() in weekdays(ev)


def _weekday_note(a: Event, b: Event, restated: bool) -> tuple[float, str]:
    wa, wb = weekdays(a), weekdays(b)
    if not wa or not wb:
        return 0.0, ""
    if wa & wb:
        both = "/".join(sorted(wa & wb))
        return (SAME_WEEKDAY, f"; both name {both}") if restated else (0.0, f"; both name {both}")
    return OTHER_WEEKDAY, f"; they name different days ({'/'.join(sorted(wa))} vs " \
                          f"{'/'.join(sorted(wb))})"


def compare_dates(a: Event, b: Event) -> Verdict:
    da, db = _day(a), _day(b)
    if da is None or db is None:
        points, note = _weekday_note(a, b, restated=False)
        return Verdict("date", "unknown", NO_DATE + points, "missing on one side" + note)
    gap = abs((da - db).days)
    allowed = SPREAD.get(a.time_precision or 1, 0) + SPREAD.get(b.time_precision or 1, 0)
    if gap > allowed + RESTATE_DAYS:
        return conflict("date", f"{da} vs {db}: {gap} days apart")
    restated = gap > allowed
    if restated and explicit(a, da) and explicit(b, db):
        return conflict("date", f"{da} vs {db}: each report names its own day "
                        f"({da:%A} and {db:%A}), not a restatement")
    points, note = _weekday_note(a, b, restated)
    if gap == 0 and allowed == 0:
        return Verdict("date", "weak", SAME_DAY + points, f"both {da}{note}", "same-day")
    if not restated:
        return Verdict("date", "weak", WITHIN_PRECISION + points,
                       f"{da} and {db} within precision{note}", "precision")
    return Verdict("date", "weak", RESTATED + points, f"{da} and {db}: {gap} days apart "
                   f"(a later report may restate the event){note}", "restated")
