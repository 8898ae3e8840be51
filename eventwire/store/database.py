"""One database connection, SQLite (stdlib ``sqlite3``) or PostgreSQL (``psycopg`` 3).

SQL in the store is written once, with ``?`` placeholders; :meth:`Database.sql` turns it into
the driver's parameter style. Transactions are explicit (:meth:`Database.transaction`); outside
one, every statement commits on its own.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from eventwire.errors import StoreError
from eventwire.store.url import StoreURL

Params = Sequence[Any]
SQLITE_BUSY_TIMEOUT_S = 30.0
CONNECT_TIMEOUT_S = 10


class Database:
    """A connection plus its dialect; ``integrity_error`` and ``error`` are the driver's
    exception classes (a duplicate key, and any database error)."""

    def __init__(self, url: StoreURL, conn: Any, driver: Any) -> None:
        self.url = url
        self.dialect = url.dialect
        self.conn = conn
        self.integrity_error: type[Exception] = driver.IntegrityError
        self.operational_error: type[Exception] = driver.OperationalError
        self.error: type[Exception] = driver.Error
        self.features: dict[str, object] = {}  # what this database has, found once
        self._depth = 0

    @classmethod
    def connect(cls, url: StoreURL, *, create: bool = True) -> Database:
        if url.dialect == "sqlite":
            return cls(url, _connect_sqlite(url, create=create), sqlite3)
        import psycopg

        try:
            conn = psycopg.connect(url.target, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
        except psycopg.Error as exc:
            reason = " ".join(str(exc).split()) or type(exc).__name__
            raise StoreError(f"cannot connect to {url}: {reason}; check that the server is "
                             "running and the URL's user, host, port and database name "
                             "(create the database with createdb)") from exc
        return cls(url, conn, psycopg)

    def sql(self, text: str) -> str:
        """``?`` placeholders -> the driver's style (``%s`` for psycopg)."""
        if self.dialect == "postgresql":
            return text.replace("%", "%%").replace("?", "%s")
        return text

    def execute(self, text: str, params: Params = ()) -> Any:
        return self.conn.execute(self.sql(text), tuple(params))

    def rows(self, text: str, params: Params = ()) -> list[tuple[Any, ...]]:
        return list(self.execute(text, params).fetchall())

    def row(self, text: str, params: Params = ()) -> tuple[Any, ...] | None:
        return self.execute(text, params).fetchone()

    def stream(self, text: str, params: Params = (), *, size: int = 500) -> Iterator[tuple]:
        """Rows in chunks of ``size``, without holding the whole result (a server-side
        cursor on PostgreSQL, which needs a transaction around it)."""
        if self.dialect == "postgresql":
            with self.transaction(), self.conn.cursor(name="eventwire_stream") as cursor:
                cursor.itersize = size
                cursor.execute(self.sql(text), tuple(params))
                yield from cursor
            return
        cursor = self.conn.cursor()
        cursor.execute(self.sql(text), tuple(params))
        while chunk := cursor.fetchmany(size):
            yield from chunk

    def insert(self, text: str, params: Params = ()) -> int:
        """Run an INSERT into a table with an ``id`` key and return the new row's id."""
        if self.dialect == "postgresql":
            return int(self.execute(text + " RETURNING id", params).fetchone()[0])
        return int(self.execute(text, params).lastrowid)

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """Commit on success, roll back on any exception (nested calls join the outer one)."""
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        self._depth = 1
        try:
            if self.dialect == "postgresql":
                with self.conn.transaction():
                    yield self
            else:
                self.conn.execute("BEGIN IMMEDIATE")  # take the write lock now, not mid-way
                try:
                    yield self
                except BaseException:
                    if self.conn.in_transaction:
                        self.conn.execute("ROLLBACK")
                    raise
                self.conn.execute("COMMIT")
        finally:
            self._depth = 0

    def close(self) -> None:
        self.conn.close()


def _connect_sqlite(url: StoreURL, *, create: bool) -> sqlite3.Connection:
    path = url.target
    if path != ":memory:":
        file = Path(path)
        if not create and not file.is_file():
            raise StoreError(f"no event store at {file}; run 'eventwire ingest' first, "
                             "or pass --db with the database you ingested into")
        if not file.parent.is_dir():
            raise StoreError(f"cannot create {url}: directory {file.parent} does not exist; "
                             "create it or choose another path")
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=SQLITE_BUSY_TIMEOUT_S)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA foreign_keys=ON")
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot open {url}: {exc}; pass --db with an SQLite file made by "
                         "eventwire, or a new file name") from exc
    return conn
