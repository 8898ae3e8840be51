"""Event coding scored against ACLED rows (``eventwire eval events --acled FILE``).

ACLED writes one row per event location, so several rows can share one ``notes`` text:
the distinct notes are the documents. Each note is coded once, published on the latest
``event_date`` of its rows; within a note, scorable predictions (not negated, hypothetical
or historical, and with an ACLED event type) are matched one-to-one to the gold rows --
same date first, then the same place (25 km steps, then the exact distance), then the same
event type (see :func:`pair_cost`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from eventwire.coding.type_model import TypeModel, retypable
from eventwire.errors import EventwireError, InputError
from eventwire.evaluate.acled_score import Scores, distance_km, iso2_of
from eventwire.evaluate.common import Timer, read_jsonl, require
from eventwire.evaluate.matching import Matching, greedy_match
from eventwire.pipeline import Pipeline
from eventwire.records import Article, Event

FLAG = "--acled"
REQUIRED = ("notes", "event_date", "event_type", "sub_event_type")
NEAR_KM = 25.0


@dataclass(slots=True, kw_only=True, frozen=True)
class GoldRow:
    """The ACLED fields the scorer compares."""

    event_id: str
    date: str
    event_type: str
    sub_event_type: str
    inter1: int
    inter2: int
    country_code: str  # ISO2 from iso3, "" when unknown
    admin1: str
    lat: float | None
    lon: float | None
    fatalities: int
    time_precision: int | None


@dataclass(slots=True, kw_only=True, frozen=True)
class Note:
    """One document: a distinct notes text and the rows that share it."""

    index: int
    text: str
    published: dt.date
    rows: list[GoldRow]


def _int(value: object, default: int = 0) -> int:
    try:
        return int(str(value).strip())
    except ValueError:
        return default


def _float(value: object) -> float | None:
    try:
        number = float(str(value))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _date(value: object, path: str) -> str:
    text = str(value or "")[:10]
    try:
        dt.date.fromisoformat(text)
    except ValueError as exc:
        raise InputError(f"{FLAG} {path}: event_date {value!r} is not YYYY-MM-DD; "
                         "pass the normalised ACLED JSONL") from exc
    return text


def gold_row(record: dict[str, Any], path: str) -> GoldRow:
    precision = _int(record.get("time_precision"), 0)
    return GoldRow(
        event_id=str(record.get("event_id_cnty") or ""),
        date=_date(record["event_date"], path),
        event_type=str(record["event_type"]),
        sub_event_type=str(record["sub_event_type"]),
        inter1=_int(record.get("inter1")),
        inter2=_int(record.get("inter2")),
        country_code=iso2_of(str(record.get("iso3") or "")),
        admin1=str(record.get("admin1") or ""),
        lat=_float(record.get("latitude")) if record.get("latitude") is not None else None,
        lon=_float(record.get("longitude")) if record.get("longitude") is not None else None,
        fatalities=_int(record.get("fatalities")),
        time_precision=precision or None,
    )


def load_notes(path: str, limit: int | None) -> tuple[list[Note], int]:
    """Distinct notes in first-appearance order (the first ``limit`` of them), and the
    number of rows skipped for an empty notes text."""
    grouped: dict[str, list[GoldRow]] = {}
    empty = 0
    for record in read_jsonl(path, flag=FLAG):
        require(record, REQUIRED, flag=FLAG, path=path)
        text = str(record["notes"] or "").strip()
        if not text:
            empty += 1
            continue
        if text not in grouped and limit is not None and len(grouped) >= limit:
            continue
        grouped.setdefault(text, []).append(gold_row(record, path))
    if not grouped:
        raise InputError(f"{FLAG} {path}: no rows with a notes text; "
                         "pass the normalised ACLED JSONL")
    notes = [Note(index=i, text=text, published=dt.date.fromisoformat(max(r.date for r in rows)),
                  rows=rows) for i, (text, rows) in enumerate(grouped.items())]
    return notes, empty


def scorable(event: Event) -> bool:
    """A prediction ACLED would count: unflagged and carrying an ACLED event type."""
    return retypable(event)


def pair_cost(gold: GoldRow, event: Event) -> tuple[float, ...]:
    """Same date, then same place (25 km steps, exact km), then same event type."""
    km = distance_km(gold, event)
    step = math.inf if km is None else math.floor(km / NEAR_KM)
    return (float(event.date != gold.date), step, float(event.acled_event_type != gold.event_type),
            math.inf if km is None else km)


def _code(pipe: Pipeline, note: Note) -> tuple[list[Event], bool]:
    """Predicted events of a note; (events, failed) -- a failing note predicts nothing."""
    article = Article(id=f"note-{note.index}", text=note.text, published=note.published)
    try:
        return pipe.extract(article), False
    except EventwireError:
        return [], True


def _matchings(pipe: Pipeline, notes: list[Note], scores: Scores
               ) -> Iterator[Matching[GoldRow, Event]]:
    for note in notes:
        events, failed = _code(pipe, note)
        scores.count_note(events, failed=failed)
        yield greedy_match(note.rows, [e for e in events if scorable(e)], pair_cost)


def evaluate_acled(path: str, limit: int | None = None, pipe: Pipeline | None = None,
                   type_model_path: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """The ACLED report (see module docstring); ``pipe`` lets tests reuse a loaded pipeline,
    ``type_model_path`` re-types events with a model made by ``eventwire train``."""
    type_model = TypeModel.load(type_model_path) if type_model_path is not None else None
    notes, empty = load_notes(path, limit)
    timer = Timer()
    pipeline = pipe or Pipeline.load()
    if type_model is not None:
        pipeline = dataclasses.replace(pipeline, type_model=type_model)
    scores = Scores(rows_without_notes=empty)
    for matching in _matchings(pipeline, notes, scores):
        scores.add(matching)
    report = {"gold_file": path, "documents": len(notes), **scores.report()}
    if type_model is not None:
        report["type_model"] = {"path": str(type_model_path),
                                **dataclasses.asdict(type_model.training)}
    report["timing"] = {"seconds": round(timer.seconds, 2),
                        "notes_per_second": timer.per_second(len(notes))}
    return report
