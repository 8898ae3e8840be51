"""WARC archives (``.warc``, ``.warc.gz``): HTML responses -> Articles, read as a stream.

Every record ends up as exactly one of: an ``Article`` (an HTML page with article text,
extracted by :mod:`eventwire.ingest.html`), a skip counted by reason in a
:class:`WarcTally` (a request, an image, a redirect, an index page, too little text...),
or, for a record that cannot be read at all, a ``Failure``. A broken record never loses
the others: the reader looks for the next record start (a ``WARC/1.x`` line, or the next
gzip member in a ``.warc.gz``) and carries on from there.

An article's ``id`` and ``url`` are the record's ``WARC-Target-URI`` (the
``WARC-Record-ID`` when it has none); ``published`` is the page's own date, else the
capture date (``WARC-Date``), else ``--published``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from eventwire.errors import InputError
from eventwire.ingest.html import html_article
from eventwire.ingest.text import check_not_binary, word_tokens
from eventwire.records import Article, Failure

logger = logging.getLogger(__name__)

WARC_SUFFIXES = (".warc", ".warc.gz")
MIN_WARC_ARTICLE_WORDS = 50
"""Pages of a crawl with less main text than this are stubs, teasers or error pages."""

HTML_TYPES = ("text/html", "application/xhtml+xml")
RESPONSE_TYPES = ("response", "resource")
SCAN_BLOCK = 1 << 20
_INDEX_PATH = re.compile(r"/(tag|tags|category|categories|topic|topics|section|sections|"
                         r"author|authors|archive|archives|page|search)(/|$)", re.IGNORECASE)
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_START = b"\nWARC/1."

# Why a record is not an article; the summary line lists them by count.
NOT_RESPONSE = "not a response"
NOT_HTML = "not html"
HTTP_ERROR = "http error"
NO_TEXT = "no article text"
INDEX_PAGE = "index page"
NOT_ENGLISH = "not english"
TOO_LARGE = "too large"
BROKEN = "broken"


@dataclass(slots=True)
class WarcTally:
    """Records read from WARC inputs: articles, and skips by reason."""

    articles: int = 0
    skipped: Counter[str] = field(default_factory=Counter)

    @property
    def records(self) -> int:
        return self.articles + sum(self.skipped.values())

    def __str__(self) -> str:
        total = sum(self.skipped.values())
        reasons = ", ".join(f"{n} {why}" for why, n in
                            sorted(self.skipped.items(), key=lambda kv: (-kv[1], kv[0])))
        return f"{self.articles} articles, {total} skipped" + (f" ({reasons})" if reasons else "")


class _Skip(Exception):
    """A record that is not an article (not an error: it is counted, not reported)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(detail)
        self.reason = reason


def is_warc(path: str) -> bool:
    return path.lower().endswith(WARC_SUFFIXES)


def read_warc(path: str, *, published: dt.date | None, max_bytes: int,
              tally: WarcTally | None = None) -> Iterator[Article | Failure]:
    """Articles from one WARC file, streamed record by record (the file is never read whole;
    ``max_bytes`` bounds one record's payload). Raises InputError when the file cannot be
    opened; a broken record becomes a Failure and the reader goes on after it."""
    tally = tally if tally is not None else WarcTally()
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed in the finally below
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror}); check the path") from None
    try:
        yield from _read_stream(handle, path, published, max_bytes, tally)
    finally:
        handle.close()


def _read_stream(handle: BinaryIO, path: str, published: dt.date | None, max_bytes: int,
                 tally: WarcTally) -> Iterator[Article | Failure]:
    from warcio.exceptions import ArchiveLoadFailed

    gzipped = handle.read(3) == _GZIP_MAGIC
    start: int | None = 0
    resyncing = False
    while start is not None:
        handle.seek(start)
        iterator = _archive_iterator(handle)
        try:
            for record in iterator:
                offset = iterator.offset
                resyncing = False
                yield from _one_record(record, path, offset, published, max_bytes, tally)
            _check_finished(handle, iterator.offset)
            return
        except (ArchiveLoadFailed, zlib.error, EOFError, ValueError, _Truncated) as exc:
            bad_at = exc.offset if isinstance(exc, _Truncated) else iterator.offset
            if not resyncing:  # one broken stretch, however many false starts inside it
                tally.skipped[BROKEN] += 1
                yield _broken(path, bad_at, exc)
            resyncing = True
            start = _next_record_start(handle, bad_at + 1, gzipped)


class _Truncated(Exception):
    """A record whose content ends before its Content-Length (a cut file, or a wrong length
    that swallowed the records after it)."""

    def __init__(self, offset: int) -> None:
        super().__init__("the record ends before its Content-Length")
        self.offset = offset


def _check_finished(handle: BinaryIO, offset: int) -> None:
    """warcio stops quietly at a cut gzip member: bytes left after the last record it read
    are a record it could not read."""
    handle.seek(offset)
    if handle.read(SCAN_BLOCK).strip(b"\r\n\t \x00"):
        raise _Truncated(offset)


def _archive_iterator(handle: BinaryIO) -> Any:
    from warcio.archiveiterator import ArchiveIterator

    class QuietIterator(ArchiveIterator):  # warcio writes this warning to stderr itself
        INC_RECORD = ""

    return QuietIterator(handle)


def _broken(path: str, offset: int, exc: BaseException) -> Failure:
    text = " ".join(str(exc).split())
    if text.startswith("Invalid WARC record"):
        text = "not a WARC record header"
    reason = "".join(c if " " <= c <= "~" else "?" for c in text)[:60] or type(exc).__name__
    message = str(InputError(f"{path}: broken WARC record at byte {offset} ({reason}); "
                             "skipped it, the other records are read"))
    return Failure(source=f"{path}@{offset}", message=message)


def _one_record(record: Any, path: str, offset: int, published: dt.date | None,
                max_bytes: int, tally: WarcTally) -> Iterator[Article | Failure]:
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    try:
        article = _record_article(record, path, offset, published, max_bytes)
    except _Skip as skip:
        tally.skipped[skip.reason] += 1
        logger.info("%s: skipped %s (%s%s)", path, uri or f"record at byte {offset}",
                    skip.reason, f": {skip}" if str(skip) else "")
        return
    tally.articles += 1
    yield article


def _record_article(record: Any, path: str, offset: int, published: dt.date | None,
                    max_bytes: int) -> Article:
    """The record's Article, or _Skip saying why it is none."""
    headers = record.rec_headers
    if record.rec_type not in RESPONSE_TYPES:
        _drain(record, offset)
        raise _Skip(NOT_RESPONSE, record.rec_type)
    _check_status(record, offset)
    _check_html_type(record, offset)
    data = _payload(record, offset, max_bytes)
    uri = headers.get_header("WARC-Target-URI")
    record_id = (headers.get_header("WARC-Record-ID") or f"{path}@{offset}").strip("<>")
    name = f"{path}: {uri or record_id}"
    try:
        check_not_binary(data[:8192], name)
        article = html_article(_utf8(data, record), doc_id=uri or record_id, name=name,
                               source=path, fallback_published=_warc_date(headers) or published)
    except InputError as exc:
        detail = str(exc).removeprefix(f"[{exc.code}] {name}: ")
        raise _Skip(_input_reason(detail), detail) from None
    return _keep_article(article, uri)


def _drain(record: Any, offset: int) -> None:
    """Read a record to its end (so that a wrong Content-Length shows here)."""
    stream = record.raw_stream
    while stream.read(SCAN_BLOCK):
        pass
    if getattr(stream, "limit", 0) > 0:
        raise _Truncated(offset)


def _check_status(record: Any, offset: int) -> None:
    http = record.http_headers
    if record.rec_type != "response" or http is None:
        return
    status = http.get_statuscode() or ""
    if not status.startswith("2"):
        _drain(record, offset)
        raise _Skip(HTTP_ERROR, f"HTTP {status}")


def _content_type(record: Any) -> str:
    http = record.http_headers
    value = http.get_header("Content-Type") if http is not None else None
    if value is None and record.rec_type == "resource":
        value = record.rec_headers.get_header("Content-Type")
    return (value or "").strip()


def _check_html_type(record: Any, offset: int) -> None:
    kind = _content_type(record).split(";")[0].strip().lower()
    if kind and kind not in HTML_TYPES:
        _drain(record, offset)
        raise _Skip(NOT_HTML, kind)


def _payload(record: Any, offset: int, max_bytes: int) -> bytes:
    """The (de-chunked, decompressed) HTTP body, at most ``max_bytes``."""
    stream = record.content_stream()
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        _drain(record, offset)
        raise _Skip(TOO_LARGE, f"over {max_bytes} bytes")
    _drain(record, offset)
    if not data.strip():
        raise _Skip(NO_TEXT, "empty body")
    if not _content_type(record) and not _sniff_html(data):
        raise _Skip(NOT_HTML, "no Content-Type and not markup")
    return data


def _sniff_html(data: bytes) -> bool:
    head = data[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml"))


def _utf8(data: bytes, record: Any) -> bytes:
    """The body as UTF-8 when the HTTP header names another charset (trafilatura sniffs
    the rest)."""
    match = re.search(r"charset=([\w.:-]+)", _content_type(record), re.IGNORECASE)
    charset = match.group(1).lower() if match else ""
    if charset in ("", "utf-8", "utf8"):
        return data
    try:
        return data.decode(charset).encode("utf-8")
    except (LookupError, UnicodeDecodeError):
        return data


def _warc_date(headers: Any) -> dt.date | None:
    value = headers.get_header("WARC-Date") or ""
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _input_reason(message: str) -> str:
    if "non-English" in message:
        return NOT_ENGLISH
    if "binary content" in message or "UTF-16" in message:
        return NOT_HTML
    return NO_TEXT


def _keep_article(article: Article, uri: str | None) -> Article:
    if len(word_tokens(article.text)) < MIN_WARC_ARTICLE_WORDS:
        raise _Skip(NO_TEXT, f"under {MIN_WARC_ARTICLE_WORDS} words of main text")
    if uri and looks_like_index(uri):
        raise _Skip(INDEX_PAGE, urlsplit(uri).path or "/")
    return dataclasses.replace(article, url=uri) if uri and article.url != uri else article


def looks_like_index(url: str) -> bool:
    """A site's front page, or a tag, section, author, archive or search listing."""
    parts = urlsplit(url)
    if parts.path in ("", "/") and not parts.query:
        return True
    return bool(_INDEX_PATH.search(parts.path))


def _next_record_start(handle: BinaryIO, position: int, gzipped: bool) -> int | None:
    """Where the next record may start at or after ``position``: a gzip member header in a
    ``.warc.gz``, a ``WARC/1.x`` line otherwise; None at the end of the file."""
    needle = _GZIP_MAGIC if gzipped else _WARC_START
    skip = 0 if gzipped else 1  # the match starts at the newline before "WARC/"
    handle.seek(position)
    base = position
    carry = b""
    while True:
        block = handle.read(SCAN_BLOCK)
        if not block:
            return None
        window = carry + block
        found = window.find(needle)
        if found >= 0:
            return base - len(carry) + found + skip
        carry = window[-(len(needle) - 1):]
        base += len(block)
