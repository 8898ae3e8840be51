"""What ``eventwire watch`` remembers between polls and restarts (migration 3): per feed its
HTTP validators (ETag, Last-Modified) and entry count, per entry the outcome of taking it."""

from __future__ import annotations

from dataclasses import dataclass

from eventwire.store.database import Database
from eventwire.store.schema import now

MAX_ATTEMPTS = 3
"""An entry whose page failed this many times is not fetched again."""


@dataclass(slots=True, kw_only=True, frozen=True)
class FeedRow:
    id: int
    url: str
    etag: str | None
    last_modified: str | None
    entry_count: int | None


class FeedState:
    """Feed and entry state in an event store's database (``EventStore.db``)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def feed(self, url: str) -> FeedRow:
        """The feed's row, made on first sight."""
        self.db.execute("INSERT INTO feeds (url) VALUES (?) ON CONFLICT (url) DO NOTHING",
                        (url,))
        row = self.db.row("SELECT id, etag, last_modified, entry_count FROM feeds "
                          "WHERE url = ?", (url,))
        return FeedRow(id=int(row[0]), url=url, etag=row[1], last_modified=row[2],
                       entry_count=row[3])

    def polled(self, feed: FeedRow, *, status: str, error: str | None = None,
               validators: tuple[str | None, str | None] | None = None,
               entry_count: int | None = None) -> None:
        """Record a poll; ``validators`` (ETag, Last-Modified) replace the stored ones
        when given (a 200 answer whose entries were all handled)."""
        self.db.execute("UPDATE feeds SET polled_at = ?, status = ?, error = ? WHERE id = ?",
                        (now(), status, error, feed.id))
        if validators is not None:
            self.db.execute("UPDATE feeds SET etag = ?, last_modified = ?, entry_count = ? "
                            "WHERE id = ?", (*validators, entry_count, feed.id))

    def taken(self, feed: FeedRow, key: str) -> bool:
        """Whether the entry needs no fetch: stored, already in the store, or given up on."""
        row = self.db.row("SELECT outcome, attempts FROM feed_entries "
                          "WHERE feed_id = ? AND entry_key = ?", (feed.id, key))
        return row is not None and (row[0] != "failed" or row[1] >= MAX_ATTEMPTS)

    def record(self, feed: FeedRow, key: str, *, url: str | None, outcome: str,
               error: str | None = None) -> None:
        with self.db.transaction():
            self.db.execute(
                "INSERT INTO feed_entries (feed_id, entry_key, url, outcome, attempts, error, "
                "seen_at) VALUES (?, ?, ?, ?, 1, ?, ?) ON CONFLICT (feed_id, entry_key) DO "
                "UPDATE SET outcome = excluded.outcome, attempts = feed_entries.attempts + 1, "
                "error = excluded.error, seen_at = excluded.seen_at",
                (feed.id, key, url, outcome, error, now()))
