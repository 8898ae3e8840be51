"""Dates: equal within the precision each report gives, or a restatement.

ACLED's time precision: 1 the day is known, 2 only the week, 3 only the month. A date of
precision 2 stands for a week around it (3 days either side), precision 3 for a month
(15 days). Two dates agree when their intervals meet. Beyond that, a report published
days later often gives only its own date for an event it restates, so a gap of up to
``RESTATE_DAYS`` more is still possible but needs other strong evidence (compare.py).
"""

from __future__ import annotations

import datetime as dt

from eventwire.dedup.verdict import Verdict, conflict, unknown
from eventwire.records import Event

SPREAD = {1: 0, 2: 3, 3: 15}
RESTATE_DAYS = 2
SAME_DAY = 0.15
WITHIN_PRECISION = 0.1
RESTATED = 0.03


def _day(ev: Event) -> dt.date | None:
    try:
        return dt.date.fromisoformat(ev.date) if ev.date else None
    except ValueError:
        return None


def compare_dates(a: Event, b: Event) -> Verdict:
    da, db = _day(a), _day(b)
    if da is None or db is None:
        return unknown("date")
    gap = abs((da - db).days)
    allowed = SPREAD.get(a.time_precision or 1, 0) + SPREAD.get(b.time_precision or 1, 0)
    if gap == 0 and allowed == 0:
        return Verdict("date", "weak", SAME_DAY, f"both {da}", "same-day")
    if gap <= allowed:
        return Verdict("date", "weak", WITHIN_PRECISION, f"{da} and {db} within precision",
                       "precision")
    if gap <= allowed + RESTATE_DAYS:
        return Verdict("date", "weak", RESTATED, f"{da} and {db}: {gap} days apart "
                       "(a later report may restate the event)", "restated")
    return conflict("date", f"{da} vs {db}: {gap} days apart")
