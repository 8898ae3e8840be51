"""The ASGI app: the JSON API under ``/api``, the dashboard's pages (``/`` and
``/events/{id}``) and its files under ``/static``, security headers on every answer.

The server never puts stored text (articles are hostile input) into HTML: pages are static
files, and everything else is JSON.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio.to_thread
from fastapi import FastAPI
from starlette.datastructures import MutableHeaders
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.staticfiles import StaticFiles

from eventwire.store import EventStore, parse_url
from eventwire.store.queries import backfill_names, refresh_statistics
from eventwire.store import search
from eventwire.web import api_events, api_review, errors
from eventwire.web.cache import AnswerCache
from eventwire.web.state import Connections, Settings

log = logging.getLogger(__name__)

THREADS = 8
STATIC = Path(__file__).resolve().parent / "static"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = (
    ("content-security-policy", CSP),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "no-referrer"),
    ("cross-origin-opener-policy", "same-origin"),
)
# Shown only while the dashboard's own files are not there; no script, no stored text.
PLACEHOLDER = ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
               "<title>eventwire</title></head><body><h1>eventwire</h1><p>The dashboard is "
               "not installed. The API is at <a href=\"/api/events\">/api/events</a>; its "
               "description at <a href=\"/openapi.json\">/openapi.json</a>.</p></body></html>")


class Guard:
    """Pure ASGI middleware: security headers on every answer (``Cache-Control: no-store``
    on the API), and an unexpected exception as a JSON 500 in the error shape."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False
        api = scope.get("path", "").startswith("/api/")

        async def send_with_headers(message: dict) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS:
                    headers[name] = value
                if api:
                    headers["cache-control"] = "no-store"
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            log.exception("unexpected error on %s %s", scope.get("method"), scope.get("path"))
            if started:
                raise
            response = errors.error_response(500, "EW500", "internal error on the server; "
                                             "its log has the details")
            await response(scope, receive, send_with_headers)


def create_app(url: str, *, session_hours: float = 12.0, threads: int = THREADS) -> FastAPI:
    """The app over the store at ``url`` (migrated here; an SQLite file must exist).
    Raises ConfigError for a bad URL and StoreError for a store that cannot be opened."""
    with EventStore.open(url, create=False) as store:
        filled = backfill_names(store.db)
        if filled:
            log.info("filled actor names of %d events stored before this version", filled)
        if refresh_statistics(store.db):
            log.info("gathered the query planner's statistics")
        if not search.has_indexes(store.db):  # e.g. pg_trgm installed since the migration
            with store.db.transaction():
                search.create_indexes(store.db)
    connections = Connections(parse_url(url))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Handlers run in anyio's thread pool; a few threads keep the CPUs busy without
        # making every query wait behind dozens of others.
        anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        yield
        connections.close_all()

    app = FastAPI(title="eventwire", version="1", lifespan=lifespan, docs_url=None,
                  redoc_url=None, summary="Geocoded PLOVER/ACLED events from news: read, "
                  "filter, download, review.")
    app.state.connections = connections
    app.state.settings = Settings(session_hours=session_hours)
    app.state.answers = AnswerCache()
    errors.install(app)
    app.include_router(api_review.router)  # before /events/{id}: POST /events/merge
    app.include_router(api_events.router)
    _pages(app)
    app.add_middleware(Guard)
    return app


def _page(name: str) -> Response:
    path = STATIC / name
    if path.is_file():
        return FileResponse(path, media_type="text/html; charset=utf-8")
    return HTMLResponse(PLACEHOLDER)


def _pages(app: FastAPI) -> None:
    @app.get("/", include_in_schema=False)
    async def index() -> Response:
        return _page("index.html")

    @app.get("/events/{event_id}", include_in_schema=False)
    async def event_page(event_id: str) -> Response:
        return _page("event.html")

    app.mount("/static", _Static(directory=STATIC, check_dir=False), name="static")


class _Static(StaticFiles):
    """The dashboard's files; while the folder is not there, every path is a 404 (the
    dashboard is its own work and may be installed after start-up)."""

    async def check_config(self) -> None:
        return None
