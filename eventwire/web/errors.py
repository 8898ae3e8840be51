"""One JSON error shape for every answer that is not a success:
``{"error": {"code": "EW404", "message": "one line naming the problem and the fix"}}``.

Errors raised on purpose carry their HTTP status; FastAPI's and Starlette's own errors
(validation, unknown path, wrong method) are translated here, and anything unexpected is
a 500 with the same shape (the details go to the server log, not to the client).
"""

from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.responses import Response

from eventwire.errors import ConfigError, EventwireError, StoreError
from eventwire.store.review import ReviewError

log = logging.getLogger(__name__)


class ApiError(EventwireError):
    """An error answered with ``status``; its message is one line naming the fix."""

    status = 400
    code = "EW400"


class BadRequest(ApiError):
    status, code = 400, "EW400"


class NotSignedIn(ApiError):
    status, code = 401, "EW401"


class Forbidden(ApiError):
    status, code = 403, "EW403"


class NotFound(ApiError):
    status, code = 404, "EW404"


def error_response(status: int, code: str, message: str) -> Response:
    body = json.dumps({"error": {"code": code, "message": " ".join(message.split())}},
                      ensure_ascii=False)
    return Response(body, status_code=status, media_type="application/json")


def message_of(exc: EventwireError) -> str:
    return str(exc.args[0]) if exc.args else type(exc).__name__


_HTTP_MESSAGES = {
    404: "no such page or endpoint {path}; the API is under /api (see /openapi.json)",
    405: "{method} is not allowed on {path}; see /openapi.json for its methods",
}


def install(app: FastAPI) -> None:
    """Register the translations on ``app``."""

    @app.exception_handler(ApiError)
    @app.exception_handler(ReviewError)
    async def _own(request: Request, exc: ApiError | ReviewError) -> Response:
        return error_response(exc.status, exc.code, message_of(exc))

    @app.exception_handler(ConfigError)
    async def _config(request: Request, exc: ConfigError) -> Response:
        return error_response(400, "EW400", message_of(exc))

    @app.exception_handler(StoreError)
    async def _store(request: Request, exc: StoreError) -> Response:
        log.error("store error on %s %s: %s", request.method, request.url.path, exc)
        return error_response(503, exc.code, message_of(exc))

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> Response:
        template = _HTTP_MESSAGES.get(exc.status_code)
        message = (template.format(path=request.url.path, method=request.method) if template
                   else str(exc.detail))
        return error_response(exc.status_code, f"EW{exc.status_code}", message)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        status, message = validation_message(exc.errors())
        return error_response(status, f"EW{status}", message)


def validation_message(errors: Any) -> tuple[int, str]:
    """400 for a bad query, path or unreadable JSON body; 422 for a body that is JSON but
    not what the endpoint takes. The message names the first problem."""
    first = dict(errors[0]) if errors else {}
    where = [str(part) for part in first.get("loc", ())]
    kind = first.get("type", "")
    if kind == "json_invalid":
        return 400, "the request body is not valid JSON; send a JSON object"
    if where and where[0] == "body":
        field = ".".join(where[1:]) or "the body"
        hint = first.get("msg", "is not valid")
        return 422, f"{field}: {hint}; see /openapi.json for the request body"
    name = where[-1] if where else "a parameter"
    return 400, f"parameter {name}: {first.get('msg', 'is not valid')}; see /openapi.json"
