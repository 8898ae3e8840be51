"""Read canonical events back as ``Event`` records, filtered by date, country and type."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass

from eventwire.errors import ConfigError
from eventwire.records import Event
from eventwire.store.canonical import ACLED_EVENT_TYPES, PLOVER_FAMILY
from eventwire.store.codec import event_from_json
from eventwire.store.database import Database


@dataclass(slots=True, frozen=True)
class ExportFilter:
    """Which canonical events to read. Dates are inclusive; an event without a date is left
    out when ``since`` or ``until`` is given. ``event_type`` is an ACLED event type
    ("Protests") or a PLOVER one ("PROTEST"), either case."""

    since: dt.date | None = None
    until: dt.date | None = None
    country: str | None = None
    event_type: str | None = None
    include_flagged: bool = True

    def __post_init__(self) -> None:
        if self.country is not None and not (len(self.country) == 2 and self.country.isalpha()):
            raise ConfigError(f"--country {self.country!r} is not an ISO 3166-1 alpha-2 code; "
                              "use two letters, e.g. KZ")
        if self.event_type is not None and type_column(self.event_type) is None:
            raise ConfigError(
                f"--type {self.event_type!r} is not an event type; use an ACLED type "
                f"({', '.join(ACLED_EVENT_TYPES)}) or a PLOVER one ({', '.join(PLOVER_FAMILY)})")
        if self.since and self.until and self.since > self.until:
            raise ConfigError(f"--since {self.since} is after --until {self.until}; swap them")


@dataclass(slots=True, frozen=True)
class StoredEvent:
    """A canonical event, how many reports it has, and the documents they came from."""

    event: Event
    mention_count: int
    sources: tuple[str, ...]


def canonical_events(db: Database, selection: ExportFilter) -> Iterator[StoredEvent]:
    """Canonical events in date order (undated last), streamed from the database."""
    where, params = _where(selection)
    sql = ("SELECT record, mention_count, sources FROM events"
           + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY COALESCE(date, '9999-12-31'), id")
    for record, count, sources in db.stream(sql, params):
        yield StoredEvent(event=event_from_json(record), mention_count=int(count),
                          sources=tuple(json.loads(sources)))


def _where(selection: ExportFilter) -> tuple[list[str], list[object]]:
    where, params = period_place_type(selection.since, selection.until, selection.country,
                                      selection.event_type)
    where.insert(0, "status = 'active'")  # not rejected or merged away in review
    if not selection.include_flagged:
        where.append("flagged = 0")
    return where, params


def period_place_type(since: dt.date | None, until: dt.date | None, country: str | None,
                      event_type: str | None, *, alias: str = ""
                      ) -> tuple[list[str], list[object]]:
    """The date-range, country and event-type conditions shared by export and the API
    (``alias``: the events table's alias, "e." in the API's joins)."""
    where: list[str] = []
    params: list[object] = []
    if since is not None:
        where.append(f"{alias}date >= ?")
        params.append(since.isoformat())
    if until is not None:
        where.append(f"{alias}date <= ?")
        params.append(until.isoformat())
    if country is not None:
        where.append(f"{alias}country_code = ?")
        params.append(country.upper())
    if event_type is not None:
        column, value = type_column(event_type)  # type: ignore[misc]
        where.append(f"{alias}{column} = ?")
        params.append(value)
    return where, params


def type_column(name: str) -> tuple[str, str] | None:
    """("acled_event_type", "Protests") or ("event_type", "PROTEST"); None if unknown."""
    for acled in ACLED_EVENT_TYPES:
        if acled.lower() == name.strip().lower():
            return "acled_event_type", acled
    if name.strip().upper() in PLOVER_FAMILY:
        return "event_type", name.strip().upper()
    return None
