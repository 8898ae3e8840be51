"""Library entry points: ``eventwire.extract`` and ``eventwire.geoparse``.

The loaded pipeline (spaCy model + gazetteer) is cached on a ``Pipeline`` object that the
caller may pass in; without one, each call builds a fresh one, so reuse a Pipeline
(``eventwire.Pipeline.load()``) when coding many documents.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from eventwire.errors import InputError
from eventwire.pipeline import Pipeline
from eventwire.records import Article, Event, Place


def _article(text: str, published: dt.date | str | None, doc_id: str) -> Article:
    if not isinstance(text, str) or not text.strip():
        raise InputError("empty text: pass the article's text as a non-empty string")
    if isinstance(published, str):
        try:
            published = dt.date.fromisoformat(published[:10])
        except ValueError as exc:
            raise InputError(f"published {published!r} is not a date; use YYYY-MM-DD") from exc
    return Article(id=doc_id, text=text.replace("\r\n", "\n"), published=published)


def extract(text: str, *, published: dt.date | str | None = None, doc_id: str = "doc",
            pipeline: Pipeline | None = None) -> list[Event]:
    """Code the events of one article. ``published`` anchors relative dates."""
    pipe = pipeline or Pipeline.load()
    return pipe.extract(_article(text, published, doc_id))


def geoparse(text: str, *, spans: Sequence[tuple[int, int]] | None = None,
             pipeline: Pipeline | None = None) -> list[Place]:
    """Toponyms of a text, resolved to gazetteer entries (or only the given spans)."""
    pipe = pipeline or Pipeline.load()
    article = _article(text, None, "doc")
    if spans is not None:
        return pipe.geoparser.resolve_spans(article.text, [tuple(s) for s in spans])
    return pipe.process(article, until="geoparse").places
