"""``EventStore``: open a database (migrating it), add coded documents, read events back."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Literal

from eventwire.errors import ConfigError, StoreError
from eventwire.records import Article, Doc, Failure
from eventwire.store.canonical import Compare, load_compare
from eventwire.store.codec import content_hash
from eventwire.store.database import Database
from eventwire.store.ingest import IngestCounts, is_stored, save_document
from eventwire.store.query import ExportFilter, StoredEvent, canonical_events
from eventwire.store.schema import migrate
from eventwire.store.url import DEFAULT_URL, parse_url

log = logging.getLogger(__name__)

_AUTO: Any = object()


class DatabaseFailed(StoreError):
    """The database itself failed (connection lost, disk full, locked too long): the run
    stops, since the next document would fail the same way."""


class EventStore:
    """Articles, their coded events and the canonical events they report, in SQLite or
    PostgreSQL. Use as a context manager, or call :meth:`close`.

    ``compare`` decides whether two reports are the same event; by default it is
    ``eventwire.dedup.compare`` when that module is installed, else None (no merging).
    """

    def __init__(self, db: Database, *, compare: Compare | None = _AUTO) -> None:
        self.db = db
        self._compare = compare

    @property
    def compare(self) -> Compare | None:
        """The comparer, imported on first use (reading the store never needs it)."""
        if self._compare is _AUTO:
            self._compare = load_compare()
        return self._compare

    @classmethod
    def open(cls, url: str = DEFAULT_URL, *, create: bool = True,
             compare: Compare | None = _AUTO) -> EventStore:
        """Connect and apply pending migrations. ``create=False`` refuses to make a new
        SQLite file (for reading). Raises ConfigError for a bad URL, StoreError otherwise."""
        db = Database.connect(parse_url(url), create=create)
        try:
            migrate(db)
        except db.error as exc:
            db.close()
            raise StoreError(f"cannot set up the schema in {db.url}: {_first_line(exc)}; "
                             "check that the database is one eventwire made, and writable") from exc
        except BaseException:
            db.close()
            raise
        return cls(db, compare=compare)

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    # -- writing ----------------------------------------------------------------
    def contains(self, article: Article) -> bool:
        """Whether this text with this publication date is already stored."""
        return is_stored(self.db, content_hash(article))

    def add(self, doc: Doc) -> Literal["new", "duplicate"]:
        """Store one coded document (one transaction). Raises StoreError when the database
        refuses it; nothing of the document is then written."""
        try:
            return "new" if save_document(self.db, doc, compare=self.compare) else "duplicate"
        except self.db.integrity_error as exc:
            if self.contains(doc.article):  # another process stored it meanwhile
                return "duplicate"
            raise StoreError(f"{doc.article.id}: not stored: {_first_line(exc)}") from exc
        except self.db.operational_error as exc:
            raise DatabaseFailed(f"the database {self.db.url} failed: {_first_line(exc)}; fix "
                                 "that and rerun the same command to store the rest") from exc
        except self.db.error as exc:
            raise StoreError(f"{doc.article.id}: not stored: {_first_line(exc)}") from exc

    def unseen(self, counts: IngestCounts) -> Callable[[Article], bool]:
        """A filter for articles to code: False (and one more duplicate) for stored ones."""
        def keep(article: Article) -> bool:
            if self.contains(article):
                counts.duplicate += 1
                return False
            return True

        return keep

    def ingest(self, docs: Iterable[Doc | Failure], *, counts: IngestCounts | None = None,
               on_failure: Callable[[Failure], None] | None = None) -> IngestCounts:
        """Store each coded document; a Failure or a document the database refuses is
        counted and passed to ``on_failure``, and the rest go on. A lost connection stops
        the run (StoreError): what was committed stays, and a rerun stores the rest."""
        counts = counts if counts is not None else IngestCounts()
        _ = self.compare  # a broken eventwire.dedup stops the run here, before any document
        for item in docs:
            failure = item if isinstance(item, Failure) else self._add_counted(item, counts)
            if failure is not None:
                counts.failed += 1
                if on_failure is not None:
                    on_failure(failure)
        return counts

    def _add_counted(self, doc: Doc, counts: IngestCounts) -> Failure | None:
        try:
            outcome = self.add(doc)
        except DatabaseFailed:
            raise
        except StoreError as exc:
            return Failure(source=doc.article.source or doc.article.id, message=str(exc))
        if outcome == "new":
            counts.new += 1
        else:
            counts.duplicate += 1
        return None

    # -- reading ----------------------------------------------------------------
    def events(self, selection: ExportFilter | None = None) -> Iterator[StoredEvent]:
        return canonical_events(self.db, selection or ExportFilter())

    def count(self, table: str) -> int:
        """Rows in one of the store's tables (articles, events, mentions, ...)."""
        if table not in ("articles", "places", "events", "mentions", "evidence", "changes",
                         "schema_version", "feeds", "feed_entries"):
            raise ConfigError(f"no table {table!r} in the store; see docs/store.md")
        return int(self.db.row(f"SELECT COUNT(*) FROM {table}")[0])


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
