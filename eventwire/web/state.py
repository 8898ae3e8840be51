"""Database connections for request handlers: one per worker thread.

Handlers are plain functions that FastAPI runs in its thread pool; an SQLite connection may
only be used by the thread that opened it, so each thread opens its own on first use (a
PostgreSQL one is reopened when the server closed it). Take the connection inside the
handler, never in a dependency (dependencies may run on another thread).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from fastapi import Request

from eventwire.store.database import Database
from eventwire.store.url import StoreURL
from eventwire.web.cache import AnswerCache


SQLITE_MMAP_BYTES = 1 << 30
SQLITE_CACHE_KIB = 32_768


class Connections:
    def __init__(self, url: StoreURL) -> None:
        self.url = url
        self._local = threading.local()
        self._lock = threading.Lock()
        self._opened: list[Database] = []

    def get(self) -> Database:
        db: Database | None = getattr(self._local, "db", None)
        if db is not None and db.dialect == "postgresql" and db.conn.closed:
            db = None
        if db is None:
            db = Database.connect(self.url, create=False)
            if db.dialect == "sqlite":
                # reading threads: the file mapped into memory (pages are not copied into
                # each connection's cache) and a larger cache of decoded pages
                db.execute(f"PRAGMA mmap_size = {SQLITE_MMAP_BYTES}")
                db.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
            self._local.db = db
            with self._lock:
                self._opened.append(db)
        return db

    def close_all(self) -> None:
        """At shutdown; a connection another thread still uses is left to the process exit."""
        with self._lock:
            opened, self._opened = self._opened, []
        for db in opened:
            try:
                db.close()
            except Exception:  # noqa: BLE001 - SQLite refuses a close from another thread
                continue


@dataclass(slots=True, frozen=True)
class Settings:
    session_hours: float = 12.0


def database(request: Request) -> Database:
    """This thread's connection to the app's store."""
    return request.app.state.connections.get()


def answers(request: Request) -> AnswerCache:
    return request.app.state.answers


def settings(request: Request) -> Settings:
    return request.app.state.settings
