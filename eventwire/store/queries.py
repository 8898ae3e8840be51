"""Read queries behind the HTTP API: filtered, sorted, paged canonical events, one event with
its mentions, evidence, articles and changes, and counts by period, type and country.

Every query is one SQL statement per answer (no query per event). Filters use the indexes of
migration 2: ``(status, date)``, ``(country_code, date)``, ``(event_type, date)``,
``(acled_event_type, date)``, ``places (lon, lat)``. Counts and statistics are cached per
filter until the store changes (:func:`revision`).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from eventwire.errors import ConfigError
from eventwire.records import Event
from eventwire.store.codec import actor_names, event_from_json
from eventwire.store.database import Database
from eventwire.store.query import period_place_type, type_column
from eventwire.store import search

Status = Literal["active", "rejected", "all"]
Period = Literal["day", "week", "month"]
MAX_LIMIT = 500
FEW = 3000  # selections this small are found, then sorted (list_events)
# sort key -> SQL expression; every order ends with the key so that pages never overlap
_SORT_COLUMNS = {
    "date": "e.date", "type": "e.event_type", "country": "e.country_code",
    "dead": "e.dead", "mentions": "e.mention_count",
}  # fmt: skip
SORTS = tuple(k for key in _SORT_COLUMNS for k in (key, "-" + key))


@dataclass(slots=True, frozen=True)
class EventQuery:
    """Which canonical events, in what order, which page. Dates are inclusive; ``bbox`` is
    ``(min_lon, min_lat, max_lon, max_lat)`` (min_lon > max_lon crosses the antimeridian);
    ``event_type`` an ACLED or PLOVER type; ``actor`` a substring of an actor's or recipient's
    name; ``q`` a substring of an evidence sentence, an article title or the place name."""

    since: dt.date | None = None
    until: dt.date | None = None
    bbox: tuple[float, float, float, float] | None = None
    country: str | None = None
    event_type: str | None = None
    actor: str | None = None
    q: str | None = None
    status: Status = "active"
    include_flagged: bool = True
    sort: str = "-date"
    limit: int = 50
    offset: int = 0

    def __post_init__(self) -> None:
        if self.sort not in SORTS:
            raise ConfigError(f"sort {self.sort!r} is not known; use one of {', '.join(SORTS)}")
        if self.event_type is not None and type_column(self.event_type) is None:
            raise ConfigError(f"type {self.event_type!r} is not an ACLED or PLOVER event type")
        for name, text in (("q", self.q), ("actor", self.actor)):
            if text is not None and ("\n" in text or "\r" in text):
                # searched texts are kept one a line: a match must not span two
                raise ConfigError(f"{name} must be one line of text")
        if not 0 <= self.limit <= MAX_LIMIT or self.offset < 0:
            raise ConfigError(f"limit must be 0-{MAX_LIMIT} and offset 0 or more")

    def filter_key(self) -> tuple[Any, ...]:
        """The filters only (not sort or page): the key of cached counts."""
        return (self.since, self.until, self.bbox, self.country, self.event_type, self.actor,
                self.q, self.status, self.include_flagged)


@dataclass(slots=True, frozen=True)
class Listed:
    """One event of a page: its stored record (JSON text) and the review columns."""

    record: str
    mentions: int
    sources: int
    status: str
    notes: str | None

    def json(self) -> str:
        """The record with ``mentions``, ``sources``, ``status`` and ``notes`` added, as JSON
        text. The stored record is a JSON object, so the keys are appended to it as text
        rather than decoding and re-encoding it (a page is 500 records at most)."""
        body = self.record.rstrip()
        if not body.endswith("}"):
            raise ConfigError("a stored record is not a JSON object; the store is damaged")
        extra = json.dumps({"mentions": self.mentions, "sources": self.sources,
                            "status": self.status, "notes": self.notes}, ensure_ascii=False)
        return body[:-1] + (", " if body[:-1].strip() != "{" else "") + extra[1:]


@dataclass(slots=True, frozen=True)
class Page:
    total: int
    events: list[Listed]


# --------------------------------------------------------------------------- filters


def _like(text: str) -> str:
    """A LIKE pattern for ``text`` anywhere, with LIKE's own characters escaped (``\\``)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _where(db: Database, query: EventQuery) -> tuple[str, list[object]]:
    """``FROM ... WHERE ...`` and its parameters."""
    where: list[str] = []
    params: list[object] = []
    if query.status == "all":
        where.append("e.status <> 'merged'")
    else:
        where.append("e.status = ?")
        params.append(query.status)
    if not query.include_flagged:
        where.append("e.flagged = 0")
    shared, shared_params = period_place_type(query.since, query.until, query.country,
                                              query.event_type, alias="e.")
    where += shared
    params += shared_params
    if query.bbox is not None:
        min_lon, min_lat, max_lon, max_lat = query.bbox
        lon = "p.lon BETWEEN ? AND ?" if min_lon <= max_lon else "(p.lon >= ? OR p.lon <= ?)"
        where.append(f"e.place_id IN (SELECT p.id FROM places p WHERE {lon} "
                     "AND p.lat BETWEEN ? AND ?)")
        params += [min_lon, max_lon, min_lat, max_lat]
    if query.actor:
        actor = query.actor.lower()
        if _indexed(db, actor):
            where.append("e.id IN (SELECT rowid FROM names_search WHERE names_search MATCH ?)")
            params.append(_phrase(actor))
        where.append("e.names LIKE ? ESCAPE '\\'")  # pg_trgm serves it as it is
        params.append(_like(actor))
    if query.q:
        # One row of event_text per event: its place name, titles and evidence, one a line
        # (eventwire/store/search.py); PostgreSQL's ILIKE is served by its pg_trgm index.
        like = "ILIKE" if db.dialect == "postgresql" else "LIKE"  # SQLite's ignores ASCII case
        found = ""
        if _indexed(db, query.q):
            found = ("t.event_id IN (SELECT rowid FROM event_text_search WHERE "
                     "event_text_search MATCH ?) AND ")
            params.append(_phrase(query.q))
        where.append(f"e.id IN (SELECT t.event_id FROM event_text t WHERE {found}"
                     f"t.text {like} ? ESCAPE '\\')")
        params.append(_like(query.q))
    return " FROM events e WHERE " + " AND ".join(where), params


def _indexed(db: Database, text: str) -> bool:
    """Whether SQLite's FTS5 trigram tables can find ``text`` (3 characters or more: a
    trigram index cannot look up less). PostgreSQL's pg_trgm indexes need no other SQL."""
    if len(text) < 3 or db.dialect != "sqlite":
        return False
    known = db.features.get("text_index")
    if known is None:
        known = db.features["text_index"] = search.has_indexes(db)
    return bool(known)


def _phrase(text: str) -> str:
    """An FTS5 query for ``text`` as one string: with the trigram tokenizer, every row that
    contains it in any case (then checked with LIKE, which decides)."""
    return '"' + text.replace('"', '""') + '"'


def _order(sort: str) -> str:
    key = sort.lstrip("-")
    direction = "DESC" if sort.startswith("-") else "ASC"
    column = _SORT_COLUMNS[key]
    then = "" if key == "date" else ", e.date DESC NULLS LAST"
    return f" ORDER BY {column} {direction} NULLS LAST{then}, e.id {direction}"


# --------------------------------------------------------------------------- cache


class _Cache:
    """Counts and statistics per (filter, store revision); a few thousand entries at most."""

    def __init__(self, size: int = 4096) -> None:
        self._items: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...]) -> Any:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: tuple[Any, ...], value: Any) -> None:
        with self._lock:
            self._items[key] = value
            while len(self._items) > self._size:
                self._items.popitem(last=False)


_CACHE = _Cache()


def revision(db: Database) -> tuple[Any, ...]:
    """Changes whenever a query's answer can: every ingest adds events or mentions, and every
    review action adds a row to ``changes`` (nothing is ever deleted)."""
    return tuple(db.row("SELECT (SELECT MAX(id) FROM events), (SELECT MAX(id) FROM mentions), "
                        "(SELECT MAX(id) FROM changes)"))


def _cached(db: Database, key: tuple[Any, ...], compute: Any,
            at: tuple[Any, ...] | None = None) -> Any:
    """``compute()``, kept per store revision (``at``: the revision the caller has just
    read, which saves reading it again)."""
    full = (str(db.url), revision(db) if at is None else at, *key)
    value = _CACHE.get(full)
    if value is None:
        value = compute()
        _CACHE.put(full, value)
    return value


# --------------------------------------------------------------------------- lists


def count_events(db: Database, query: EventQuery, *, at: tuple[Any, ...] | None = None) -> int:
    sql, params = _where(db, query)
    return _cached(db, ("count", query.filter_key()),
                   lambda: int(db.row("SELECT COUNT(*)" + sql, params)[0]), at)


def list_events(db: Database, query: EventQuery, *, at: tuple[Any, ...] | None = None) -> Page:
    """One page of events and the number of events the filters select.

    The count comes first (it is cached per filter): nothing more is read for a page past
    the end. The page's ids are chosen next (filtering and sorting read the indexes only),
    then their records are read: a sort never carries records along. When the filters
    select few events (:data:`FEW`), they are found first and then sorted; otherwise the
    database may walk the whole sort order looking for them (SQLite does, for a sparse
    bbox or a rare word)."""
    sql, params = _where(db, query)
    total = count_events(db, query, at=at)
    ids: list[int] = []
    if query.limit and query.offset < total:
        select = "SELECT e.id" + sql
        if total <= FEW:
            column = _SORT_COLUMNS[query.sort.lstrip("-")]
            select = (f"WITH e AS {_materialized(db)}(SELECT e.id, e.date, {column} AS sort_key"
                      f"{sql}) SELECT e.id FROM e")
            order = _order(query.sort).replace(column, "e.sort_key")
        else:
            order = _order(query.sort)
        ids = [int(i) for (i,) in db.rows(select + order + " LIMIT ? OFFSET ?",
                                          [*params, query.limit, query.offset])]
    rows: dict[int, Listed] = {}
    if ids:
        marks = ", ".join("?" for _ in ids)
        for event_id, record, n, sources, status, notes in db.rows(
                "SELECT id, record, mention_count, sources, status, notes FROM events "
                f"WHERE id IN ({marks})", ids):
            rows[int(event_id)] = Listed(record=record, mentions=int(n),
                                         sources=len(json.loads(sources)), status=status,
                                         notes=notes)
    return Page(total=total, events=[rows[i] for i in ids])


def _materialized(db: Database) -> str:
    """``MATERIALIZED`` where the database knows it (SQLite 3.35 and later, PostgreSQL 12)."""
    if db.dialect == "sqlite" and sqlite3.sqlite_version_info < (3, 35):
        return ""
    return "MATERIALIZED "


def iter_events(db: Database, query: EventQuery) -> Iterator[Event]:
    """Every event the filters select (no paging), in the query's order, streamed."""
    sql, params = _where(db, query)
    for (record,) in db.stream("SELECT e.record" + sql + _order(query.sort), params):
        yield event_from_json(record)


# --------------------------------------------------------------------------- statistics


def stats(db: Database, query: EventQuery, period: Period = "day", *,
          at: tuple[Any, ...] | None = None) -> dict[str, Any]:
    """Counts by period (``day``, ``week`` starting Monday, or ``month``), by type (the ACLED
    event type, else the PLOVER one) and by country, most frequent first."""
    def compute() -> dict[str, Any]:
        sql, params = _where(db, query)
        days = db.rows("SELECT e.date, COUNT(*)" + sql + " AND e.date IS NOT NULL "
                       "GROUP BY e.date", params)
        types = db.rows("SELECT COALESCE(e.acled_event_type, e.event_type), COUNT(*)" + sql
                        + " GROUP BY COALESCE(e.acled_event_type, e.event_type)", params)
        countries = db.rows("SELECT e.country_code, COUNT(*)" + sql
                            + " AND e.country_code IS NOT NULL GROUP BY e.country_code", params)
        return {
            "by_period": _by_period(days, period), "period": period,
            "by_type": [{"type": t, "count": int(n)} for t, n in _ranked(types)],
            "by_country": [{"country": c, "count": int(n)} for c, n in _ranked(countries)],
            "total": sum(int(n) for _, n in types),
        }

    return _cached(db, ("stats", period, query.filter_key()), compute, at)


def _ranked(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    return sorted(rows, key=lambda row: (-int(row[1]), str(row[0])))


def _by_period(days: list[tuple[Any, ...]], period: Period) -> list[dict[str, Any]]:
    counts: dict[str, int] = {}
    for day, n in days:
        try:
            date = dt.date.fromisoformat(str(day)[:10])
        except ValueError:
            continue
        if period == "week":
            date -= dt.timedelta(days=date.weekday())
        elif period == "month":
            date = date.replace(day=1)
        counts[date.isoformat()] = counts.get(date.isoformat(), 0) + int(n)
    return [{"period": key, "count": counts[key]} for key in sorted(counts)]


# --------------------------------------------------------------------------- one event


@dataclass(slots=True)
class Detail:
    """One event with its review columns, mentions (with evidence), articles and changes."""

    event_id: int
    event: dict[str, Any]
    mentions: list[dict[str, Any]] = field(default_factory=list)
    articles: list[dict[str, Any]] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)


def event_row_id(db: Database, key: str) -> int | None:
    row = db.row("SELECT id FROM events WHERE event_key = ?", (key,))
    return int(row[0]) if row else None


def event_detail(db: Database, key: str) -> Detail | None:
    """The event with this id (the record's ``id``), or None."""
    row = db.row("SELECT e.id, e.record, e.mention_count, e.sources, e.status, e.notes, "
                 "e.corrected, m.event_key FROM events e LEFT JOIN events m "
                 "ON m.id = e.merged_into WHERE e.event_key = ?", (key,))
    if row is None:
        return None
    event_id, record, count, sources, status, notes, corrected, merged_into = row
    event = json.loads(record)
    event.update(mentions=int(count), sources=len(json.loads(sources)), status=status,
                 notes=notes, corrected=json.loads(corrected) if corrected else [],
                 merged_into=merged_into)
    detail = Detail(event_id=event_id, event=event)
    detail.mentions = _mentions(db, event_id)
    detail.articles = _articles(db, event_id)
    detail.changes = [
        {"who": who, "when": at, "field": name, "old": _loads(old), "new": _loads(new)}
        for who, at, name, old, new in db.rows(
            "SELECT who, at, field, old, new FROM changes WHERE event_id = ? ORDER BY id",
            (event_id,))]
    return detail


def _mentions(db: Database, event_id: int) -> list[dict[str, Any]]:
    mentions: dict[int, dict[str, Any]] = {}
    for mid, article_id, key, score, matched, conflicts, record in db.rows(
            "SELECT id, article_id, event_key, merge_score, matched, conflicts, record "
            "FROM mentions WHERE event_id = ? ORDER BY id", (event_id,)):
        mentions[mid] = {
            "id": mid, "article_id": article_id, "event_id": key,
            "decision": {"matched": _loads(matched) or [], "conflicts": _loads(conflicts) or [],
                         "score": score, "founded": matched is None},
            "record": json.loads(record), "evidence": []}
    for mid, ordinal, text, start, end in db.rows(
            "SELECT v.mention_id, v.ordinal, v.text, v.start_char, v.end_char FROM evidence v "
            "JOIN mentions m ON m.id = v.mention_id WHERE m.event_id = ? "
            "ORDER BY v.mention_id, v.ordinal", (event_id,)):
        # Evidence is kept per sentence: each supports the event as a whole ("field":
        # "event"), and the evidence text is its sentence.
        mentions[mid]["evidence"].append({"field": "event", "start": start, "end": end,
                                          "text": text, "sentence": text, "ordinal": ordinal})
    return list(mentions.values())


def _articles(db: Database, event_id: int) -> list[dict[str, Any]]:
    rows = db.rows("SELECT a.id, a.doc_id, a.title, a.url, a.published, a.text FROM articles a "
                   "WHERE a.id IN (SELECT article_id FROM mentions WHERE event_id = ?) "
                   "ORDER BY a.id", (event_id,))
    return [{"id": aid, "doc_id": doc, "title": title, "url": url, "published": published,
             "text": text} for aid, doc, title, url, published, text in rows]


def _loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def refresh_statistics(db: Database) -> bool:
    """SQLite: gather the query planner's statistics (ANALYZE, sampled) when there are none
    or the events table has grown or shrunk twofold since; True when it did. Without them
    SQLite takes ``status = ?`` for a narrow filter and checks a free-text match against
    every event's index entry instead of looking up the few events found. PostgreSQL
    gathers its own (autovacuum)."""
    if db.dialect != "sqlite":
        return False
    events = int(db.row("SELECT COUNT(*) FROM events")[0])
    row = None
    if db.row("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'") is not None:
        row = db.row("SELECT stat FROM sqlite_stat1 WHERE idx = 'events_listing'")
    known = int(str(row[0]).split()[0]) if row else None
    if known is not None and known / 2 <= events <= known * 2:
        return False
    db.execute("PRAGMA analysis_limit = 1000")
    db.execute("ANALYZE")
    return True


def backfill_names(db: Database) -> int:
    """Fill ``events.names`` for events stored before migration 2; returns how many."""
    rows = db.rows("SELECT id, record FROM events WHERE names IS NULL")
    with db.transaction():
        for event_id, record in rows:
            db.execute("UPDATE events SET names = ? WHERE id = ?",
                       (actor_names(event_from_json(record)), event_id))
    return len(rows)
