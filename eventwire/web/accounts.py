"""Accounts and sessions, kept in the event store (tables ``users`` and ``sessions``).

Passwords are hashed with Argon2id (argon2-cffi's defaults). A session is a random token in
an HttpOnly cookie; the database keeps only its SHA-256, with the session's CSRF token and
its expiry, so a copy of the database does not let anyone in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from eventwire.errors import ConfigError
from eventwire.store.database import Database
from eventwire.store.schema import now

MIN_PASSWORD = 8
MAX_PASSWORD = 1024
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")
_HASHER = PasswordHasher()
# verified against when the user does not exist, so that a wrong name costs the same time
_DUMMY_HASH = _HASHER.hash(secrets.token_hex(16))


@dataclass(slots=True, frozen=True)
class Session:
    user: str
    csrf_token: str
    token_hash: str


def check_name(name: str) -> str:
    if not _NAME.fullmatch(name or ""):
        raise ConfigError(f"user name {name!r} is not usable; use 1-64 letters, digits, "
                          "'.', '_', '@' or '-', starting with a letter or digit")
    return name


def check_password(password: str) -> str:
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise ConfigError(f"the password must have {MIN_PASSWORD} to {MAX_PASSWORD} "
                          "characters; choose a longer one")
    return password


def add_user(db: Database, name: str, password: str) -> None:
    """Create an account; ConfigError for a bad name or password, or a name already taken."""
    check_name(name)
    hashed = _HASHER.hash(check_password(password))
    try:
        with db.transaction():
            db.execute("INSERT INTO users (name, password_hash, created_at) VALUES (?, ?, ?)",
                       (name, hashed, now()))
    except db.integrity_error as exc:
        raise ConfigError(f"user {name!r} already exists; choose another name") from exc


def list_users(db: Database) -> list[tuple[str, str]]:
    """(name, created_at) of every account, by name."""
    return [(n, c) for n, c in db.rows("SELECT name, created_at FROM users ORDER BY name")]


def authenticate(db: Database, name: str, password: str) -> int | None:
    """The user's id when the name and password match, else None (same cost either way)."""
    row = db.row("SELECT id, password_hash FROM users WHERE name = ?", (name,))
    try:
        _HASHER.verify(row[1] if row else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    return int(row[0]) if row else None


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def open_session(db: Database, user_id: int, *, hours: float) -> tuple[str, str]:
    """A new session for ``user_id``: (cookie token, CSRF token). Expired sessions go."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    stamp = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    expires = (stamp + dt.timedelta(hours=hours)).isoformat()
    with db.transaction():
        db.execute("DELETE FROM sessions WHERE expires_at < ?", (stamp.isoformat(),))
        db.execute("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, "
                   "expires_at) VALUES (?, ?, ?, ?, ?)",
                   (_digest(token), user_id, csrf, stamp.isoformat(), expires))
    return token, csrf


def find_session(db: Database, token: str | None) -> Session | None:
    """The unexpired session of this cookie token, if any."""
    if not token or len(token) > 200:
        return None
    row = db.row("SELECT u.name, s.csrf_token, s.token_hash FROM sessions s JOIN users u "
                 "ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ?",
                 (_digest(token), now()))
    return Session(user=row[0], csrf_token=row[1], token_hash=row[2]) if row else None


def close_session(db: Database, session: Session) -> None:
    db.execute("DELETE FROM sessions WHERE token_hash = ?", (session.token_hash,))
