"""HTTP GET with conditional requests and a per-host politeness delay (stdlib urllib)."""

from __future__ import annotations

import logging
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urlsplit

from eventwire.errors import InputError

log = logging.getLogger(__name__)

DEFAULT_DELAY_S = 1.0
DEFAULT_TIMEOUT_S = 20.0
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
USER_AGENT = "eventwire/0.1 (feed watcher)"


class FetchError(InputError):
    """A page or feed could not be fetched (network error, timeout, too large)."""


@dataclass(slots=True, kw_only=True, frozen=True)
class Response:
    url: str  # after redirects
    status: int
    reason: str
    headers: Mapping[str, str]
    body: bytes

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


class PoliteFetcher:
    """GETs that wait ``delay`` seconds between two requests to one host (the wait counts
    from the end of the previous request), so that a watcher never hammers a site."""

    def __init__(self, *, delay: float = DEFAULT_DELAY_S, timeout: float = DEFAULT_TIMEOUT_S,
                 max_bytes: int = DEFAULT_MAX_BYTES, user_agent: str = USER_AGENT,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.delay = delay
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.user_agent = user_agent
        self._clock = clock
        self._sleep = sleep
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()

    def get(self, url: str, headers: Mapping[str, str] | None = None) -> Response:
        """The answer, whatever its status (304 and 404 included); FetchError when there is
        none (no connection, timeout) or the body is over ``max_bytes``."""
        host = (urlsplit(url).hostname or "").lower()
        self._wait(host)
        try:
            return self._get(url, headers or {})
        finally:
            with self._lock:
                self._last[host] = self._clock()

    def _wait(self, host: str) -> None:
        with self._lock:
            last = self._last.get(host)
        if last is not None:
            pause = last + self.delay - self._clock()
            if pause > 0:
                log.debug("waiting %.2f s before the next request to %s", pause, host)
                self._sleep(pause)

    def _get(self, url: str, headers: Mapping[str, str]) -> Response:
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent, **headers})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:  # noqa: S310
                return self._response(answer.geturl(), answer.status, answer.reason,
                                      answer.headers, answer)
        except urllib.error.HTTPError as answer:  # 304, 404, 500...: an answer all the same
            try:
                return self._response(url, answer.code, str(answer.reason), answer.headers,
                                      answer)
            except OSError:
                return Response(url=url, status=answer.code, reason=str(answer.reason),
                                headers={}, body=b"")
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", None) or exc
            raise FetchError(f"{url}: cannot fetch ({reason}); check the URL and that the "
                             "site is up") from None

    def _response(self, url: str, status: int, reason: str, headers: Message,
                  stream: object) -> Response:
        body = stream.read(self.max_bytes + 1) if hasattr(stream, "read") else b""
        if len(body) > self.max_bytes:
            raise FetchError(f"{url}: answer is over {self.max_bytes} bytes; skipped")
        return Response(url=url, status=status, reason=reason or "",
                        headers={k.lower(): v for k, v in (headers or {}).items()}, body=body)
