"""Database URLs: ``sqlite:///PATH`` (a file) and ``postgresql://USER@HOST:PORT/DBNAME``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from eventwire.errors import ConfigError

DEFAULT_URL = "sqlite:///eventwire.db"
_FIX = "use sqlite:///PATH/TO/FILE.db (a file) or postgresql://USER@HOST:PORT/DBNAME (a server)"

Dialect = Literal["sqlite", "postgresql"]


@dataclass(slots=True, frozen=True)
class StoreURL:
    """A parsed database URL; ``target`` is the SQLite file path or the libpq URI."""

    dialect: Dialect
    target: str

    def __str__(self) -> str:
        if self.dialect == "sqlite":
            return f"sqlite:///{self.target}"
        return _without_password(self.target)


def parse_url(url: str) -> StoreURL:
    """Parse a ``--db`` value; raises ConfigError naming the accepted forms.

    ``sqlite:///eventwire.db`` is relative to the working directory,
    ``sqlite:////var/lib/ew.db`` absolute, ``sqlite:///:memory:`` an in-memory database.
    ``postgres://`` is accepted as a synonym of ``postgresql://``.
    """
    text = (url or "").strip()
    scheme, sep, rest = text.partition("://")
    scheme = scheme.lower()
    if not sep:
        raise ConfigError(f"--db {url!r} is not a database URL; {_FIX}")
    if scheme == "sqlite":
        return _sqlite(url, rest)
    if scheme in ("postgresql", "postgres"):
        return _postgresql(url, text)
    raise ConfigError(f"--db {url!r}: unsupported database {scheme!r}; {_FIX}")


def _sqlite(url: str, rest: str) -> StoreURL:
    if not rest.startswith("/") or len(rest) < 2:
        raise ConfigError(f"--db {url!r}: an SQLite URL has three slashes and a file path; "
                          "use sqlite:///eventwire.db (relative) or sqlite:////abs/path.db")
    path = rest[1:].split("?", 1)[0]
    if path != ":memory:" and Path(path).is_dir():
        raise ConfigError(f"--db {url!r} names a directory; add a file name, "
                          f"e.g. sqlite:///{Path(path) / 'eventwire.db'}")
    return StoreURL(dialect="sqlite", target=path)


def _postgresql(url: str, text: str) -> StoreURL:
    try:
        parts = urlsplit(text)
        _ = parts.port  # raises ValueError on a non-numeric or out-of-range port
    except ValueError as exc:
        raise ConfigError(f"--db {url!r}: {exc}; {_FIX}") from exc
    if parts.path.strip("/") == "":
        raise ConfigError(f"--db {url!r}: no database name; {_FIX}")
    return StoreURL(dialect="postgresql", target="postgresql://" + text.split("://", 1)[1])


def _without_password(uri: str) -> str:
    parts = urlsplit(uri)
    if parts.password is None:
        return uri
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()
