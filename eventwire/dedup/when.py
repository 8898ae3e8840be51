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
are not a restatement but two days: a conflict. So are two records of different dates
when one tells itself as a day of a series ("marched for the second day running",
"on the third consecutive day"): that day's action is its own event. An event told as
happening on a weekday's night ("arrested on Saturday night") may be dated the next
day by another report: a day apart, the two are one night, not two days.

A record whose evidence states no date at all was dated by its coder's fallback -- its
report's publication day, or the story's date -- and an event told without a date in
two reports is often one both look back on (an attack recalled days later). So two such
records further apart than the restatement window are not ruled out (up to half a month:
``UNSTATED_DAYS``); the pair's date counts as unknown. One record's evidence stating a
date keeps the conflict: that report tells when its event happened.
"""

from __future__ import annotations

import datetime as dt
import re

from eventwire.dedup.text import boilerplate
from eventwire.dedup.verdict import Verdict, conflict
from eventwire.nlp.dates import find_dates
from eventwire.records import Event

SPREAD = {1: 0, 2: 3, 3: 15}
RESTATE_DAYS = 2
# points (log-odds, see compare.py); fitted on the dev pairs, rounded
SAME_DAY = 0.0
WITHIN_PRECISION = -0.74
RESTATED = -0.62
NO_DATE = -0.62
UNSTATED_DAYS = SPREAD[3]  # two dates no evidence states are known to the month at best
SAME_WEEKDAY = 0.18  # a restatement naming the same weekday as the other report
OTHER_WEEKDAY = -0.55  # both name weekdays, none in common
_SERIAL = re.compile(r"\b(second|third|fourth|fifth|sixth|seventh|another)\s+"
                     r"(?:straight\s+|consecutive\s+|successive\s+)?(?:day|night)\b"
                     r"|\bday running\b")
_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")


def _day(ev: Event) -> dt.date | None:
    try:
        return dt.date.fromisoformat(ev.date) if ev.date else None
    except ValueError:
        return None


def stated(ev: Event) -> bool:
    """Does the event's evidence state any date ("on Friday", "yesterday", "February
    27", "last month")? When it does not, the record's date is the one its coder fell
    back on: the report's publication day or the date of the story before the event."""
    day = _day(ev)
    return any(find_dates(e.text, day) for e in ev.evidence if not boilerplate(e.text))


def weekdays(ev: Event) -> frozenset[str]:
    """The weekdays named in an event's evidence (outside related-story boxes)."""
    return frozenset(m for e in ev.evidence if not boilerplate(e.text)
                     for m in _WEEKDAY.findall(e.text.lower()))


def explicit(ev: Event, day: dt.date) -> bool:
    """Does the evidence name the weekday of the record's own date ("on Friday")?"""
    return f"{day:%A}".lower() in weekdays(ev)


def overnight(ev: Event, day: dt.date) -> bool:
    """Does the evidence put the event in the night after its date ("arrested on
    Saturday night", "late on Saturday")? Another report may then date it a day later."""
    name = f"{day:%A}".lower()
    text = " ".join(e.text.lower() for e in ev.evidence if not boilerplate(e.text))
    return f"{name} night" in text or f"late on {name}" in text or f"late {name}" in text


def serial(ev: Event) -> bool:
    """Does the event's own sentence tell it as one day of a series ("for the second day
    running")?"""
    return bool(ev.evidence) and _SERIAL.search(ev.evidence[0].text.lower()) is not None


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
    if allowed + RESTATE_DAYS < gap <= UNSTATED_DAYS and not (stated(a) or stated(b)):
        return Verdict("date", "unknown", NO_DATE, f"{da} and {db}: {gap} days apart, but "
                       "neither report's evidence dates the event (each is its report's day)")
    if gap > allowed + RESTATE_DAYS:
        return conflict("date", f"{da} vs {db}: {gap} days apart")
    if gap and (serial(a) or serial(b)):
        return conflict("date", f"{da} vs {db}: one is a later day of a series, "
                        "its own event")
    if gap == 1 and overnight(*((a, da) if da < db else (b, db))):
        return Verdict("date", "weak", SAME_DAY, f"{min(da, db)} night and "
                       f"{max(da, db)}: one night", "same-day")
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
