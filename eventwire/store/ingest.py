"""Write one coded document: its article, places, mentions, evidence and canonical events.

Everything of one document goes in one transaction, so a run killed at any point leaves
whole documents or nothing of them; the article's content hash (unique) makes a second
ingest of the same text and date a no-op.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass

from eventwire.records import Doc, Event, Location
from eventwire.store.canonical import (
    Compare, Match, find_match, merge_report, type_family,
)  # fmt: skip
from eventwire.store.codec import actor_names, content_hash, event_json, place_key
from eventwire.store import search
from eventwire.store.database import Database
from eventwire.store.schema import now

WHO = "eventwire ingest"


@dataclass(slots=True)
class IngestCounts:
    """Documents stored, skipped as already stored, and failed, over one run."""

    new: int = 0
    duplicate: int = 0
    failed: int = 0

    def __str__(self) -> str:
        return f"{self.new} new, {self.duplicate} skipped-duplicate, {self.failed} failed"


def is_stored(db: Database, key: str) -> bool:
    return db.row("SELECT 1 FROM articles WHERE content_hash = ?", (key,)) is not None


def save_document(db: Database, doc: Doc, *, compare: Compare | None) -> bool:
    """Store ``doc`` in one transaction; False (and nothing written) when already stored."""
    article = doc.article
    key = content_hash(article)
    with db.transaction():
        if is_stored(db, key):
            return False
        article_id = db.insert(
            "INSERT INTO articles (content_hash, doc_id, published, url, title, source, text, "
            "event_count, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (key, article.id, article.published.isoformat() if article.published else None,
             article.url, article.title, article.source, article.text, len(doc.events), now()))
        for ordinal, event in enumerate(doc.events):
            _save_event(db, event, article_id=article_id, ordinal=ordinal, article_key=key,
                        compare=compare)
    return True


def _save_event(db: Database, event: Event, *, article_id: int, ordinal: int, article_key: str,
                compare: Compare | None) -> None:
    place_id = _place_id(db, event.location)
    match = find_match(db, event, article_id, compare)
    event_id = match.event_id if match else _new_canonical(db, event, place_id, article_key,
                                                             ordinal)
    mention_id = _insert_mention(db, event, article_id=article_id, event_id=event_id,
                                 ordinal=ordinal, place_id=place_id, match=match)
    if match is not None:
        merge_report(db, match, event, mention_id=mention_id, source=event.doc_id, who=WHO)
    for index, ev in enumerate(event.evidence):
        db.execute("INSERT INTO evidence (mention_id, ordinal, text, start_char, end_char) "
                   "VALUES (?, ?, ?, ?, ?)", (mention_id, index, ev.text, ev.start, ev.end))
    search.refresh(db, [event_id])


def _place_id(db: Database, location: Location | None) -> int | None:
    if location is None:
        return None
    key = place_key(location)
    db.execute("INSERT INTO places (place_key, geonameid, name, lat, lon, country_code, admin1) "
               "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (place_key) DO NOTHING",
               (key, location.geonameid, location.name, location.lat, location.lon,
                location.country_code, location.admin1))
    return int(db.row("SELECT id FROM places WHERE place_key = ?", (key,))[0])


def _new_canonical(db: Database, event: Event, place_id: int | None, article_key: str,
                   ordinal: int) -> int:
    """A canonical event from its first report; its key is the report's id unless another
    article already gave that id (ids hash the document name, which can repeat)."""
    key = event.id
    if db.row("SELECT 1 FROM events WHERE event_key = ?", (key,)) is not None:
        key = hashlib.sha1(f"{article_key}|{event.id}|{ordinal}".encode()).hexdigest()[:16]
    record = dataclasses.replace(event, id=key)
    stamp = now()
    return db.insert(
        "INSERT INTO events (event_key, event_type, type_family, mode, acled_event_type, "
        "acled_sub_event_type, disorder_type, date, time_precision, place_id, country_code, "
        "dead, injured, arrested, size, flagged, confidence, mention_count, sources, record, "
        "created_at, updated_at, names) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?, ?, ?, ?, ?)",
        (key, event.event_type, type_family(event.event_type), event.mode,
         event.acled_event_type, event.acled_sub_event_type, event.disorder_type, event.date,
         event.time_precision, place_id, event.location.country_code if event.location else None,
         event.dead, event.injured, event.arrested, event.size, int(event.flagged),
         event.confidence, 1, json.dumps([event.doc_id], ensure_ascii=False),
         event_json(record), stamp, stamp, actor_names(event)))


def _insert_mention(db: Database, event: Event, *, article_id: int, event_id: int, ordinal: int,
                    place_id: int | None, match: Match | None) -> int:
    decision = match.decision if match else None
    return db.insert(
        "INSERT INTO mentions (article_id, event_id, ordinal, event_key, place_id, dead, "
        "injured, arrested, size, merge_score, matched, conflicts, record) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (article_id, event_id, ordinal, event.id, place_id, event.dead, event.injured,
         event.arrested, event.size, float(decision.score) if decision else None,
         json.dumps(list(decision.matched)) if decision else None,
         json.dumps(list(decision.conflicts)) if decision else None, event_json(event)))
