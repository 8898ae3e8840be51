"""Signing in and reviewing: ``/api/login``, ``/api/logout``, ``/api/me``, and the review
actions (``PATCH /api/events/{id}``, ``reject``, ``merge``, ``split``).

Every state-changing request needs the session cookie (else 401) and an ``X-CSRF-Token``
header equal to the session's token (else 403); a request whose ``Origin`` is another site
is refused too. Login takes JSON only, so a cross-site form cannot post to it.
"""

from __future__ import annotations

import hmac
from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Body, Depends, Request
from pydantic import BaseModel, Field
from starlette.responses import Response

from eventwire.store.review import merge_events, patch_event, reject_event, split_event
from eventwire.web.accounts import Session, authenticate, close_session, find_session, open_session
from eventwire.web.api_events import detail_payload, json_response
from eventwire.web.errors import BadRequest, Forbidden, NotSignedIn, error_response
from eventwire.web.state import database, settings

router = APIRouter(prefix="/api", tags=["review"])
COOKIE = "ew_session"
CSRF_HEADER = "X-CSRF-Token"


class Login(BaseModel):
    username: str = Field(max_length=64)
    password: str = Field(max_length=1024)


class Merge(BaseModel):
    ids: list[str] = Field(description="event ids; the first keeps every mention")


class Split(BaseModel):
    mention_ids: list[int] = Field(description="mentions of this event that become a new one")


def _same_origin(request: Request) -> None:
    origin = request.headers.get("origin")
    if origin and urlsplit(origin).netloc != request.headers.get("host", ""):
        raise Forbidden(f"requests from {origin[:80]} are refused; use the dashboard served "
                        "by this server")


def _json_body(request: Request) -> None:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/json":
        raise BadRequest("send the body as JSON with Content-Type: application/json")


async def signed_request(request: Request) -> None:
    """Checks that need no database, made before the body is read and validated: a foreign
    Origin, no session cookie (401), no CSRF header (403)."""
    _same_origin(request)
    if not request.cookies.get(COOKIE):
        raise NotSignedIn("not signed in; sign in with POST /api/login")
    if not request.headers.get(CSRF_HEADER):
        raise Forbidden(f"missing {CSRF_HEADER} header; send the csrf_token that /api/login "
                        "or /api/me returned")


WRITE = [Depends(signed_request)]


def writer(request: Request) -> Session:
    """The signed-in session of a state-changing request whose CSRF header matches."""
    _same_origin(request)
    session = find_session(database(request), request.cookies.get(COOKIE))
    if session is None:
        raise NotSignedIn("not signed in, or the session expired; sign in with POST "
                          "/api/login")
    sent = request.headers.get(CSRF_HEADER, "")
    if not sent or not hmac.compare_digest(sent.encode(), session.csrf_token.encode()):
        raise Forbidden(f"missing or wrong {CSRF_HEADER} header; send the csrf_token that "
                        "/api/login or /api/me returned")
    return session


@router.post("/login", summary="Sign in: sets the session cookie, returns the CSRF token")
def login(request: Request, body: Login) -> Response:
    _same_origin(request)
    _json_body(request)
    db = database(request)
    user_id = authenticate(db, body.username, body.password)
    if user_id is None:
        return error_response(401, "EW401", "wrong user name or password; accounts are made "
                              "with 'eventwire user add NAME'")
    hours = settings(request).session_hours
    token, csrf = open_session(db, user_id, hours=hours)
    response = json_response({"user": body.username, "csrf_token": csrf})
    response.set_cookie(COOKIE, token, max_age=int(hours * 3600), path="/", httponly=True,
                        samesite="strict", secure=request.url.scheme == "https")
    return response


@router.post("/logout", summary="Sign out: ends the session", dependencies=WRITE)
def logout(request: Request) -> Response:
    session = writer(request)
    close_session(database(request), session)
    response = json_response({"user": None, "csrf_token": None})
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
    return response


@router.get("/me", summary="Who is signed in, and the session's CSRF token")
def me(request: Request) -> Response:
    session = find_session(database(request), request.cookies.get(COOKIE))
    return json_response({"user": session.user if session else None,
                          "csrf_token": session.csrf_token if session else None})


PATCH_BODY = Body(description="fields to set: event_type, mode, acled_event_type, "
                  "acled_sub_event_type, disorder_type, date, time_precision, location "
                  "{name, lat, lon, country}, actors, recipients, dead, injured, arrested, "
                  "size, negated, hypothetical, historical, notes, status (active|rejected)")


@router.patch("/events/{event_id}", summary="Correct fields of an event (signed in)",
              dependencies=WRITE)
def patch(request: Request, event_id: str, values: dict[str, Any] = PATCH_BODY) -> Response:
    """Returns the event as GET /api/events/{id} does, plus `changed` (the fields that did)."""
    session = writer(request)
    _json_body(request)
    changed = patch_event(database(request), event_id, values, who=session.user)
    return json_response({**detail_payload(request, event_id), "changed": changed})


@router.post("/events/merge", summary="Merge events: the first keeps every mention",
             dependencies=WRITE)
def merge(request: Request, body: Merge) -> Response:
    session = writer(request)
    _json_body(request)
    kept = merge_events(database(request), body.ids, who=session.user)
    return json_response(detail_payload(request, kept))


@router.post("/events/{event_id}/reject", summary="Reject an event (hidden from lists and "
             "exports)", dependencies=WRITE)
def reject(request: Request, event_id: str) -> Response:
    session = writer(request)
    reject_event(database(request), event_id, who=session.user)
    return json_response(detail_payload(request, event_id))


@router.post("/events/{event_id}/split", summary="Move mentions of an event to a new event",
             dependencies=WRITE)
def split(request: Request, event_id: str, body: Split) -> Response:
    """Returns the new event as GET /api/events/{id} does."""
    session = writer(request)
    _json_body(request)
    new_key = split_event(database(request), event_id, body.mention_ids, who=session.user)
    return json_response(detail_payload(request, new_key))
