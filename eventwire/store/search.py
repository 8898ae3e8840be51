"""The free-text search behind the API's ``q`` and ``actor`` filters, indexed (migration 4).

``q`` finds events one of whose mentions has an evidence sentence containing the text, one
of whose mentions came from an article whose title contains it, or whose place name contains
it (any case). Rather than search three tables and join back through the mentions, each
event's searchable text is kept in one row of ``event_text``: the place name, the titles and
the evidence sentences, one per line. A line break cannot be in ``q`` (the query refuses
it), so a match never spans two of them, and ``text LIKE '%q%'`` on that row says exactly
what the three searches together said.

``event_text`` is rewritten from the tables (:func:`refresh`) whenever an event's place or
mentions change: ingest (a new event or a further report), and review (a corrected place, a
merge, a split).

Indexes: SQLite, an FTS5 table with the trigram tokenizer over ``event_text.text`` and one
over ``events.names`` (kept in step by triggers, "external content": the text is not stored
twice). A MATCH of the quoted text (3 characters or more) finds every row containing it in
any case, a superset of what LIKE finds; the query then checks LIKE on those rows only, so the
answers are LIKE's with or without the index. PostgreSQL: GIN trigram indexes (pg_trgm) on
the same two columns, which ILIKE and LIKE use as they are; without the extension (not
installed, or not allowed) they are left out and the same queries scan.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from eventwire.store.database import Database

log = logging.getLogger(__name__)

SEPARATOR = "\n"
# (FTS5 table or index name, table, column, key)
INDEXED = (("event_text_search", "event_text", "text", "event_id"),
           ("names_search", "events", "names", "id"))


def text_sql(db: Database) -> str:
    """``SELECT id, text FROM events e``: each event's searchable text (for a ``WHERE`` that
    follows to pick the events)."""
    nl = "char(10)" if db.dialect == "sqlite" else "chr(10)"
    lines = "group_concat({x}, %s)" if db.dialect == "sqlite" else "string_agg({x}, %s)"
    lines %= nl
    return (
        "SELECT e.id, COALESCE((SELECT p.name FROM places p WHERE p.id = e.place_id), '') "
        f"|| {nl} || COALESCE((SELECT {lines.format(x='a.title')} FROM mentions m "
        "JOIN articles a ON a.id = m.article_id WHERE m.event_id = e.id), '') "
        f"|| {nl} || COALESCE((SELECT {lines.format(x='v.text')} FROM mentions m "
        "JOIN evidence v ON v.mention_id = m.id WHERE m.event_id = e.id), '') FROM events e")


def migrate(db: Database) -> None:
    """Migration 4: every event's text, and the indexes."""
    db.execute("INSERT INTO event_text (event_id, text) " + text_sql(db) + " WHERE 1 = 1")
    create_indexes(db)


def refresh(db: Database, event_ids: Iterable[int]) -> None:
    """Rewrite the text of these events from the tables (inside the caller's transaction)."""
    for event_id in dict.fromkeys(event_ids):
        db.execute("INSERT INTO event_text (event_id, text) " + text_sql(db)
                   + " WHERE e.id = ? ON CONFLICT (event_id) DO UPDATE SET text = excluded.text",
                   (event_id,))


# --------------------------------------------------------------------------- indexes


def create_indexes(db: Database) -> None:
    """Make the indexes where they are missing and the database can have them (migration 4;
    again when a server starts, e.g. after pg_trgm was installed)."""
    if db.dialect == "sqlite":
        _sqlite_indexes(db)
    else:
        _pg_indexes(db)


def has_indexes(db: Database) -> bool:
    """Whether the trigram indexes are there (SQLite: the FTS5 tables; PostgreSQL: the GIN
    index on ``event_text``, in the schema of the store's tables)."""
    if db.dialect == "sqlite":
        return db.row("SELECT 1 FROM sqlite_master WHERE name = 'event_text_search'") is not None
    return db.row("SELECT to_regclass('event_text_trgm')")[0] is not None


def _sqlite_indexes(db: Database) -> None:
    try:
        db.execute("CREATE VIRTUAL TABLE temp.ew_probe USING fts5(x, tokenize='trigram')")
        db.execute("DROP TABLE temp.ew_probe")
    except db.error as exc:  # SQLite before 3.34, or built without FTS5
        log.warning("SQLite %s has no FTS5 trigram tokenizer (%s): free-text search and the "
                    "actor filter scan", db.row("SELECT sqlite_version()")[0], exc)
        return
    for fts, table, column, key in INDEXED:
        if db.row("SELECT 1 FROM sqlite_master WHERE name = ?", (fts,)) is None:
            db.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5({column}, content='{table}', "
                       f"content_rowid='{key}', tokenize='trigram')")
            db.execute(f"INSERT INTO {fts} ({fts}) VALUES ('rebuild')")  # the rows there now
        new = f"INSERT INTO {fts} (rowid, {column}) VALUES (new.{key}, new.{column})"
        old = (f"INSERT INTO {fts} ({fts}, rowid, {column}) "
               f"VALUES ('delete', old.{key}, old.{column})")
        db.execute(f"CREATE TRIGGER IF NOT EXISTS {fts}_insert AFTER INSERT ON {table} "
                   f"BEGIN {new}; END")
        db.execute(f"CREATE TRIGGER IF NOT EXISTS {fts}_delete AFTER DELETE ON {table} "
                   f"BEGIN {old}; END")
        db.execute(f"CREATE TRIGGER IF NOT EXISTS {fts}_update AFTER UPDATE OF {column} "
                   f"ON {table} BEGIN {old}; {new}; END")


def _pg_indexes(db: Database) -> None:
    try:
        with db.conn.transaction():  # a savepoint: a refusal leaves the migration going
            schema = _pg_trgm_schema(db)
    except db.error as exc:
        log.warning("PostgreSQL extension pg_trgm cannot be used (%s): free-text search and "
                    "the actor filter scan; to index them, CREATE EXTENSION pg_trgm (as a "
                    "user allowed to) and start eventwire serve again",
                    " ".join(str(exc).split()))
        return
    for _, table, column, _ in INDEXED:
        db.execute(f"CREATE INDEX IF NOT EXISTS {table}_trgm ON {table} "
                   f'USING gin ({column} "{schema}".gin_trgm_ops)')


def _pg_trgm_schema(db: Database) -> str:
    """The schema pg_trgm is in, made if missing: in ``public`` when allowed, so that it
    outlives a store's own schema; else in the first schema of the search path."""
    find = ("SELECT n.nspname FROM pg_extension x JOIN pg_namespace n "
            "ON n.oid = x.extnamespace WHERE x.extname = 'pg_trgm'")
    row = db.row(find)
    if row is None:
        try:
            with db.conn.transaction():
                db.execute("CREATE EXTENSION pg_trgm SCHEMA public")
        except db.error:
            db.execute("CREATE EXTENSION pg_trgm")
        row = db.row(find)
    return str(row[0])
