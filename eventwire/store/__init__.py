"""The event store: coded articles and canonical events in SQLite or PostgreSQL.

    with EventStore.open("sqlite:///eventwire.db") as store:
        store.add(pipeline.process(article))          # one transaction per document
        for stored in store.events(ExportFilter(country="KZ")):
            print(stored.event.event_type, stored.mention_count)

See docs/store.md for the schema.
"""

from eventwire.store.eventstore import DatabaseFailed, EventStore
from eventwire.store.feeds import FeedState
from eventwire.store.ingest import IngestCounts
from eventwire.store.parquet import write_parquet
from eventwire.store.query import ExportFilter, StoredEvent
from eventwire.store.url import DEFAULT_URL, StoreURL, parse_url

__all__ = ["DEFAULT_URL", "DatabaseFailed", "EventStore", "ExportFilter", "FeedState",
           "IngestCounts", "StoreURL", "StoredEvent", "parse_url", "write_parquet"]
