"""JSON Lines (and .json) input: one article object per line.

Each line is ``{"id", "text", "published"?, "url"?, "title"?}`` (``doc_id`` and ``date`` are
accepted for ``id`` and ``published``, as corpus files name them). A bad line becomes a
``Failure`` naming ``file:line``; the other lines still come out.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable, Iterator
from typing import Any

from eventwire.errors import InputError
from eventwire.ingest.text import check_usable, normalise_newlines
from eventwire.records import Article, Failure

logger = logging.getLogger(__name__)

LINE_FORMAT_HINT = 'write one object per line: {"id": ..., "text": ..., "published": "YYYY-MM-DD"}'


def parse_published(value: Any, where: str) -> dt.date | None:
    """``"YYYY-MM-DD"`` or an ISO datetime (its date is taken); None or "" mean unknown."""
    if value is None or value == "":
        return None
    parsed = _iso_date(value) if isinstance(value, str) else None
    if parsed is None:
        raise InputError(
            f"{where}: invalid published date {value!r}; use YYYY-MM-DD or an ISO datetime"
        )
    return parsed


def _iso_date(value: str) -> dt.date | None:
    text = value.strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text.removesuffix("Z").removesuffix("z")).date()
    except ValueError:
        return None


def _optional_str(obj: dict[str, Any], key: str, where: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return str(value)
    raise InputError(f"{where}: field {key!r} must be a string, got {type(value).__name__}")


def _line_object(line: str, where: str) -> dict[str, Any]:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not valid JSON ({exc.msg}); {LINE_FORMAT_HINT}") from None
    return _require_object(obj, where)


def _require_object(obj: Any, where: str) -> dict[str, Any]:
    if not isinstance(obj, dict):
        raise InputError(
            f"{where}: expected a JSON object, got {type(obj).__name__}; {LINE_FORMAT_HINT}"
        )
    if not isinstance(obj.get("text"), str):
        problem = "no \"text\" field" if "text" not in obj else "\"text\" is not a string"
        raise InputError(f"{where}: {problem}; {LINE_FORMAT_HINT}")
    return obj


def article_from_object(
    obj: Any,
    *,
    where: str,
    default_id: str,
    source: str,
    fallback_published: dt.date | None,
) -> Article:
    """Validate one decoded object and build its Article (raises InputError)."""
    obj = _require_object(obj, where)
    text = normalise_newlines(obj["text"])
    published = parse_published(obj.get("published"), where)
    if published is None and isinstance(obj.get("date"), str):  # corpus files name it "date"
        try:
            published = parse_published(obj["date"], where)
        except InputError:
            published = None
    doc_id = _optional_str(obj, "id", where) or _optional_str(obj, "doc_id", where) or default_id
    url = _optional_str(obj, "url", where)
    title = _optional_str(obj, "title", where)
    locale = _optional_str(obj, "locale", where)
    if locale is not None and not (len(locale) == 2 and locale.isalpha()):
        raise InputError(f"{where}: \"locale\" is {locale!r}; give the publisher's country "
                         "as a two-letter ISO code such as \"US\" or \"KZ\"")
    check_usable(text, where)
    return Article(
        id=doc_id,
        text=text,
        published=published or fallback_published,
        url=url,
        title=title,
        source=source,
        locale=locale.upper() if locale else None,
    )


def _numbered_lines(text: str) -> Iterator[tuple[int, str]]:
    """Non-blank lines with 1-based numbers; splits on ``\\n`` only (not U+2028 etc.)."""
    for number, line in enumerate(normalise_newlines(text).split("\n"), start=1):
        if line.strip():
            yield number, line


def read_jsonl_text(
    text: str,
    *,
    source: str,
    label: str,
    id_prefix: str,
    fallback_published: dt.date | None,
) -> Iterator[Article | Failure]:
    """Articles (and per-line Failures) from JSONL text.

    ``source`` goes into ``Article.source`` (a path, or "-"); ``label`` names the input in
    messages and Failures as ``label:line``; a line without an "id" gets ``id_prefix:line``.
    """
    for number, line in _numbered_lines(text):
        where = f"{label}:{number}"
        yield _article_or_failure(
            lambda: _line_object(line, where),  # noqa: B023 - called at once, in this iteration
            where=where, default_id=f"{id_prefix}:{number}", source=source,
            fallback_published=fallback_published,
        )


def read_json_text(
    text: str,
    *,
    source: str,
    label: str,
    id_prefix: str,
    fallback_published: dt.date | None,
) -> Iterator[Article | Failure]:
    """A ``.json`` file: one object, a list of objects, or (if not one document) JSONL."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError:
        yield from read_jsonl_text(
            text,
            source=source,
            label=label,
            id_prefix=id_prefix,
            fallback_published=fallback_published,
        )
        return
    if not isinstance(doc, list):
        items: list[tuple[str, str, Any]] = [(label, id_prefix, doc)]
    else:
        items = [(f"{label}:{i}", f"{id_prefix}:{i}", obj) for i, obj in enumerate(doc, 1)]
    for where, default_id, obj in items:
        yield _article_or_failure(
            lambda: obj,  # noqa: B023 - called at once, in this iteration
            where=where, default_id=default_id, source=source,
            fallback_published=fallback_published,
        )


def _article_or_failure(
    load: Callable[[], Any],
    *,
    where: str,
    default_id: str,
    source: str,
    fallback_published: dt.date | None,
) -> Article | Failure:
    """One input object as an Article, or a Failure naming ``where`` and the fix."""
    try:
        return article_from_object(load(), where=where, default_id=default_id, source=source,
                                   fallback_published=fallback_published)
    except InputError as exc:
        return Failure(source=where, message=str(exc))


def is_jsonl_articles(text: str) -> bool:
    """True when every non-blank line is a JSON object with a string "text" (and one exists)."""
    seen = False
    for _, line in _numbered_lines(text):
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            return False
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            return False
        seen = True
    return seen
