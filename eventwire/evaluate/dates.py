"""``eventwire eval dates``: date normalisation scored against TimeML TIMEX3 DATE values.

For each gold TIMEX3 of type DATE whose value is a day (YYYY-MM-DD), an ISO week
(YYYY-Www), a month (YYYY-MM) or a year (YYYY), the scorer looks for a date that
:func:`eventwire.nlp.dates.find_dates` found on an overlapping span (the largest overlap
wins) and compares the two at the gold granularity. Our granularity comes from the ACLED
time precision: 1 day, 2 week, 3 month -- except that a bare year is also precision 3,
dated July 1 (see the dates.py docstring), so a precision-3 July 1 whose text names no
month is read as a year. Other values (PRESENT_REF, 1989-Q3, XXXX-..., ...) are skipped.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from eventwire.errors import ConfigError, InputError
from eventwire.evaluate.common import Timer, rate, read_jsonl, require
from eventwire.nlp.dates import MONTHS, find_dates
from eventwire.records import DateRef

FLAG = "--timeml"
GRANULARITIES = ("day", "week", "month", "year")
_PATTERNS = (
    ("day", re.compile(r"\d{4}-\d{2}-\d{2}")),
    ("week", re.compile(r"\d{4}-W\d{1,2}")),
    ("month", re.compile(r"\d{4}-\d{2}")),
    ("year", re.compile(r"\d{4}")),
)
_MONTH_WORD = re.compile(r"\b(" + "|".join(MONTHS) + r"|month)\b", re.IGNORECASE)
OUTCOMES = ("exact", "wrong_value", "wrong_granularity", "not_found")


@dataclass(slots=True, kw_only=True, frozen=True)
class Timex:
    start: int
    end: int
    text: str
    value: str


def granularity(value: str) -> str | None:
    """day/week/month/year for a scorable TIMEX3 value, None for anything else."""
    for name, pattern in _PATTERNS:
        if pattern.fullmatch(value):
            return name
    return None


def normalise(value: str, grain: str) -> str:
    """Gold value in our spelling (weeks with two digits: 2000-W7 -> 2000-W07)."""
    if grain == "week":
        year, week = value.split("-W")
        return f"{year}-W{int(week):02d}"
    return value


def our_granularity(ref: DateRef) -> str:
    if ref.time_precision == 1:
        return "day"
    if ref.time_precision == 2:
        return "week"
    bare_year = (ref.date.month, ref.date.day) == (7, 1) and not _MONTH_WORD.search(ref.text)
    return "year" if bare_year else "month"


def our_value(ref: DateRef) -> str:
    """Our date written at our own granularity, TimeML style."""
    grain = our_granularity(ref)
    if grain == "day":
        return ref.date.isoformat()
    if grain == "week":
        year, week, _ = ref.date.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{ref.date.year}-{ref.date.month:02d}" if grain == "month" else str(ref.date.year)


def best_overlap(timex: Timex, refs: list[DateRef]) -> DateRef | None:
    """The found date sharing the most characters with the gold span."""
    def shared(ref: DateRef) -> int:
        return min(ref.end, timex.end) - max(ref.start, timex.start)

    overlapping = [r for r in refs if shared(r) > 0]
    return max(overlapping, key=shared) if overlapping else None


def outcome(timex: Timex, grain: str, ref: DateRef | None) -> str:
    if ref is None:
        return "not_found"
    if our_granularity(ref) != grain:
        return "wrong_granularity"
    return "exact" if our_value(ref) == normalise(timex.value, grain) else "wrong_value"


def _dct(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _timexes(record: dict[str, Any]) -> list[tuple[Timex, str]]:
    """All TIMEX3s of the document as (timex, type)."""
    found = []
    for raw in record.get("timexes") or []:
        if isinstance(raw, dict) and {"start", "end", "value"} <= raw.keys():
            timex = Timex(start=int(raw["start"]), end=int(raw["end"]),
                          text=str(raw.get("text") or ""), value=str(raw["value"]))
            found.append((timex, str(raw.get("type") or "")))
    return found


@dataclass(slots=True)
class DateScores:
    documents: int = 0
    by_grain: dict[str, Counter[str]] = field(
        default_factory=lambda: {g: Counter() for g in GRANULARITIES})
    skipped: Counter[str] = field(default_factory=Counter)
    misses: Counter[str] = field(default_factory=Counter)
    miss_examples: dict[str, dict[str, str]] = field(default_factory=dict)
    spurious: Counter[str] = field(default_factory=Counter)
    found_total: int = 0
    direction: Counter[str] = field(default_factory=Counter)

    def add_document(self, record: dict[str, Any]) -> None:
        text = str(record["text"])
        dct = _dct(record.get("dct"))
        refs = find_dates(text, dct)
        timexes = _timexes(record)
        self.documents += 1
        self.found_total += len(refs)
        for ref in refs:
            if not any(t.start < ref.end and ref.start < t.end for t, _ in timexes):
                self.spurious[ref.text.lower()] += 1
        for timex, kind in timexes:
            if kind == "DATE":
                self._score(timex, refs, str(record.get("dct") or ""))

    def _score(self, timex: Timex, refs: list[DateRef], dct: str) -> None:
        grain = granularity(timex.value)
        if grain is None:
            self.skipped[timex.value] += 1
            return
        ref = best_overlap(timex, refs)
        result = outcome(timex, grain, ref)
        self.by_grain[grain][result] += 1
        if result == "wrong_value" and ref is not None:
            later = our_value(ref) > normalise(timex.value, grain)  # ISO strings sort by time
            self.direction["ours_later" if later else "ours_earlier"] += 1
        if result != "exact":
            key = f"{timex.text.lower()} [{grain}]"
            self.misses[key] += 1
            self.miss_examples.setdefault(key, {"gold_text": timex.text, "gold_value": timex.value,
                                                "dct": dct, "ours": _describe(ref)})

    def report(self) -> dict[str, Any]:
        total = Counter[str]()
        for counts in self.by_grain.values():
            total.update(counts)
        scored = sum(total.values())
        found = scored - total["not_found"]
        return {
            "documents": self.documents, "gold_dates_scored": scored,
            "gold_dates_skipped": sum(self.skipped.values()),
            "recall": rate(found, scored), "exact": rate(total["exact"], scored),
            "exact_of_found": rate(total["exact"], found),
            "outcomes": {o: total[o] for o in OUTCOMES},
            "wrong_value_direction": {d: self.direction[d] for d in ("ours_earlier", "ours_later")},
            "by_granularity": {g: _grain_row(c) for g, c in self.by_grain.items()},
            "top_misses": [{"count": n, **self.miss_examples[k]}
                           for k, n in self.misses.most_common(15)],
            "skipped_values": dict(self.skipped.most_common(10)),
            "ours_found": self.found_total,
            "ours_spurious": sum(self.spurious.values()),
            "top_spurious": dict(self.spurious.most_common(10)),
        }


def _describe(ref: DateRef | None) -> str:
    if ref is None:
        return "not found"
    return f"{our_value(ref)} ({ref.text!r}, p{ref.time_precision})"


def _grain_row(counts: Counter[str]) -> dict[str, Any]:
    n = sum(counts.values())
    found = n - counts["not_found"]
    return {"n": n, "recall": rate(found, n), "exact": rate(counts["exact"], n),
            "exact_of_found": rate(counts["exact"], found), **{o: counts[o] for o in OUTCOMES}}


def evaluate(*, timeml: str, limit: int | None = None) -> dict[str, Any]:
    """Score find_dates against the TIMEX3 DATE values of ``timeml`` (first ``limit`` documents)."""
    if limit is not None and limit < 1:
        raise ConfigError(f"--limit {limit}: must be a positive number of documents")
    timer = Timer()
    scores = DateScores()
    for record in read_jsonl(timeml, flag=FLAG, limit=limit):
        require(record, ("text", "timexes"), flag=FLAG, path=timeml)
        scores.add_document(record)
    if not scores.documents:
        raise InputError(f"{FLAG} {timeml}: no documents; "
                         "pass a JSONL of {doc_id, dct, text, timexes}")
    report = {"gold_file": timeml, **scores.report()}
    report["timing"] = {"seconds": round(timer.seconds, 2),
                        "documents_per_second": timer.per_second(scores.documents)}
    return report
