"""HTML pages: main-text extraction with trafilatura (navigation, ads, link blocks dropped)."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from eventwire.errors import InputError
from eventwire.ingest.text import check_usable, normalise_newlines, word_tokens
from eventwire.records import Article

logger = logging.getLogger(__name__)

MIN_HTML_ARTICLE_WORDS = 10
"""Fewer extracted words than this is page furniture (a menu, a cookie banner), not an article."""


def _date_params() -> dict[str, bool]:
    """htmldate settings: prefer the original publication date, no extensive guessing."""
    return {"extensive_search": False, "original_date": True}


@dataclass(slots=True, kw_only=True, frozen=True)
class HtmlContent:
    """What trafilatura found on a page."""

    text: str
    title: str | None
    published: dt.date | None
    url: str | None


def _parse_meta_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        logger.debug("ignoring unparseable HTML date %r", value)
        return None


def _as_html_input(data: bytes) -> str | bytes:
    """Strict UTF-8 text when possible; otherwise the bytes, for trafilatura's charset sniffing."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data


def extract_html(data: bytes, name: str) -> HtmlContent:
    """Extract the article text and metadata from an HTML document.

    Raises InputError when no article text is found.
    """
    import trafilatura  # deferred: importing it costs ~0.5 s

    try:
        doc = trafilatura.bare_extraction(
            _as_html_input(data),
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            with_metadata=True,
            date_extraction_params=_date_params(),
        )
    except Exception as exc:  # noqa: BLE001 - third-party parser on untrusted markup
        logger.debug("trafilatura failed on %s", name, exc_info=True)
        raise InputError(
            f"{name}: HTML could not be parsed ({type(exc).__name__}); "
            "save the article as plain text instead"
        ) from None
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or len(word_tokens(text)) < MIN_HTML_ARTICLE_WORDS:
        raise InputError(
            f"{name}: no article text found in HTML; save the article as plain text instead"
        )
    return HtmlContent(
        text=normalise_newlines(text),
        title=getattr(doc, "title", None) or None,
        published=_parse_meta_date(getattr(doc, "date", None)),
        url=getattr(doc, "url", None) or None,
    )


def html_article(
    data: bytes, *, doc_id: str, name: str, source: str, fallback_published: dt.date | None
) -> Article:
    """Build an Article from an HTML page; the page's own date wins over ``fallback_published``."""
    content = extract_html(data, name)
    check_usable(content.text, name)
    return Article(
        id=doc_id,
        text=content.text,
        published=content.published or fallback_published,
        url=content.url,
        title=content.title,
        source=source,
    )
