"""Reading, open to everyone: ``GET /api/events`` (JSON page, CSV or GeoJSON download),
``GET /api/events/{id}`` and ``GET /api/stats``."""

from __future__ import annotations

import datetime as dt
import json
import math
import tempfile
from collections.abc import Iterator
from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from starlette.background import BackgroundTask
from starlette.responses import Response, StreamingResponse

from eventwire.errors import ConfigError
from eventwire.export import write_acled_csv, write_geojson
from eventwire.store.queries import (
    MAX_LIMIT,
    SORTS,
    EventQuery,
    event_detail,
    iter_events,
    list_events,
    revision,
    stats,
)
from eventwire.web.errors import BadRequest, NotFound, message_of
from eventwire.web.state import answers, database

router = APIRouter(prefix="/api", tags=["events"])
MAX_TEXT_PARAM = 200
_DOWNLOADS = {"csv": ("text/csv; charset=utf-8", "csv"),
              "geojson": ("application/geo+json", "geojson")}


def json_response(payload: Any, status: int = 200) -> Response:
    return Response(json.dumps(payload, ensure_ascii=False), status_code=status,
                    media_type="application/json")


def _day(name: str, value: str | None) -> dt.date | None:
    if value is None or value == "":
        return None
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value)
    except ValueError:
        pass
    raise BadRequest(f"{name}={value!r} is not a date; use YYYY-MM-DD, e.g. {name}=2022-01-05")


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    fix = "use bbox=minlon,minlat,maxlon,maxlat in degrees, e.g. bbox=46,40,88,56"
    try:
        numbers = tuple(float(part) for part in value.split(","))
    except ValueError:
        raise BadRequest(f"bbox={value[:80]!r} is not four numbers; {fix}") from None
    if len(numbers) != 4 or not all(math.isfinite(n) for n in numbers):
        raise BadRequest(f"bbox={value[:80]!r} is not four numbers; {fix}")
    min_lon, min_lat, max_lon, max_lat = numbers
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise BadRequest(f"bbox={value[:80]!r} is out of range or has minlat > maxlat; {fix}")
    return numbers  # type: ignore[return-value]


def _text(name: str, value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    if len(value) > MAX_TEXT_PARAM:
        raise BadRequest(f"{name} is longer than {MAX_TEXT_PARAM} characters; shorten it")
    if not value.isprintable():
        raise BadRequest(f"{name} contains control characters; send printable text only")
    return value.strip()


def _country(value: str | None) -> str | None:
    if not value:
        return None
    if not (len(value) == 2 and value.isascii() and value.isalpha()):
        raise BadRequest(f"country={value[:40]!r} is not an ISO 3166-1 alpha-2 code; use two "
                         "letters, e.g. country=KZ")
    return value.upper()


async def event_filters(
    since: str | None = Query(None, description="events on or after this day, YYYY-MM-DD"),
    until: str | None = Query(None, description="events on or before this day, YYYY-MM-DD"),
    bbox: str | None = Query(None, description="minlon,minlat,maxlon,maxlat (degrees)"),
    country: str | None = Query(None, description="ISO 3166-1 alpha-2 code of the place"),
    type: str | None = Query(None, description="ACLED event type (Protests, Riots, ...) or "  # noqa: A002
                             "PLOVER event type (PROTEST, ASSAULT, ...)"),
    actor: str | None = Query(None, description="substring of an actor's or recipient's name"),
    q: str | None = Query(None, description="substring of an evidence sentence, an article "
                          "title or the place name"),
    status: Literal["active", "rejected", "all"] = Query(
        "active", description="active (default), rejected, or all (both)"),
    flagged: Literal["include", "exclude"] | None = Query(
        None, description="negated, hypothetical and historical events: included in JSON and "
        "left out of csv/geojson unless flagged=include (as eventwire export does)"),
    sort: str = Query("-date", description=f"one of {', '.join(SORTS)}"),
    limit: int = Query(50, description=f"events per page, 0-{MAX_LIMIT} (JSON only)"),
    offset: int = Query(0, description="events to skip (JSON only)"),
    format: Literal["json", "csv", "geojson"] = Query(  # noqa: A002
        "json", description="json, or a download: csv (ACLED columns) or geojson"),
) -> tuple[EventQuery, str]:
    """The filters shared by /api/events and /api/stats, checked; (query, format)."""
    if not 0 <= limit <= MAX_LIMIT:
        raise BadRequest(f"limit={limit} is out of range; use 0 to {MAX_LIMIT} and page with "
                         "offset")
    if not 0 <= offset <= 10_000_000:
        raise BadRequest(f"offset={offset} is out of range; use 0 or more")
    include = flagged == "include" if flagged else format == "json"
    try:
        query = EventQuery(since=_day("since", since), until=_day("until", until),
                           bbox=_bbox(bbox), country=_country(country),
                           event_type=_text("type", type), actor=_text("actor", actor),
                           q=_text("q", q), status=status, include_flagged=include,
                           sort=sort, limit=limit, offset=offset)
    except ConfigError as exc:
        raise BadRequest(message_of(exc)) from exc
    if query.since and query.until and query.since > query.until:
        raise BadRequest(f"since={query.since} is after until={query.until}; swap them")
    return query, format


@router.get("/events", summary="Canonical events: a JSON page, or a CSV/GeoJSON download")
def get_events(request: Request,
               selection: tuple[EventQuery, str] = Depends(event_filters)) -> Response:
    """JSON: `{"total", "limit", "offset", "events": [record + mentions, sources, status,
    notes]}`. `format=csv|geojson`: every event the filters select (no paging), as a file."""
    query, fmt = selection
    db = database(request)
    if fmt != "json":
        return _download(db, query, fmt)

    at = revision(db)

    def make() -> str:
        page = list_events(db, query, at=at)
        return (f'{{"total": {page.total}, "limit": {query.limit}, "offset": {query.offset}, '
                f'"events": [' + ", ".join(item.json() for item in page.events) + "]}")

    body = answers(request).get_or_make(("events", at, query), make)
    return Response(body, media_type="application/json")


def _download(db: Any, query: EventQuery, fmt: str) -> Response:
    """Written to a spooled temporary file in this thread (the database connection belongs
    to it), then streamed; memory stays bounded for any number of events."""
    spool = tempfile.SpooledTemporaryFile(max_size=8 << 20, mode="w+", encoding="utf-8",
                                          newline="")
    events = iter_events(db, query)
    if fmt == "csv":
        write_acled_csv(events, spool)
    else:
        write_geojson(events, spool)
    spool.seek(0)
    media_type, suffix = _DOWNLOADS[fmt]
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d-%H%M%S")
    return StreamingResponse(
        _chunks(spool), media_type=media_type, background=BackgroundTask(spool.close),
        headers={"Content-Disposition": f'attachment; filename="eventwire-{stamp}.{suffix}"'})


def _chunks(spool: Any) -> Iterator[str]:
    while chunk := spool.read(1 << 16):
        yield chunk


@router.get("/events/{event_id}", summary="One event with its mentions, evidence, articles "
            "and changes")
def get_event(request: Request, event_id: str) -> Response:
    return json_response(detail_payload(request, event_id))


def detail_payload(request: Request, event_id: str) -> dict[str, Any]:
    detail = event_detail(database(request), event_id)
    if detail is None:
        raise NotFound(f"no event {event_id[:80]!r}; list events with GET /api/events")
    return {"event": detail.event, "mentions": detail.mentions, "articles": detail.articles,
            "changes": detail.changes}


@router.get("/stats", summary="Event counts by period, type and country")
def get_stats(request: Request,
              selection: tuple[EventQuery, str] = Depends(event_filters),
              period: Literal["day", "week", "month"] = Query(
                  "day", description="day, week (starting Monday) or month")) -> Response:
    """`{"by_period": [{"period", "count"}], "period", "by_type": [{"type", "count"}],
    "by_country": [{"country", "count"}], "total"}`; `type` is the ACLED event type, else
    the PLOVER one. `sort`, `limit`, `offset` and `format` are ignored."""
    query, _ = selection
    db = database(request)
    at = revision(db)
    body = answers(request).get_or_make(
        ("stats", at, period, query.filter_key()),
        lambda: json.dumps(stats(db, query, period, at=at), ensure_ascii=False))
    return Response(body, media_type="application/json")
