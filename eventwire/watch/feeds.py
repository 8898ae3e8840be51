"""Feed lists (one URL a line) and RSS/Atom documents (feedparser) -> entries to fetch."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from eventwire.errors import ConfigError, InputError


@dataclass(slots=True, kw_only=True, frozen=True)
class FeedEntry:
    key: str  # the entry's id (guid), else its link
    link: str
    title: str | None
    published: dt.date | None


def read_feed_list(path: str | Path) -> list[str]:
    """Feed URLs from a text file: one per line (anything after the URL and a space is a
    comment); blank lines and ``#`` lines ignored; duplicates dropped. Raises ConfigError
    naming the first bad line."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the feed list ({exc}); give a UTF-8 text "
                          "file with one feed URL per line") from None
    urls: dict[str, None] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        url = stripped.split()[0]  # "URL  # comment"
        if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
            raise ConfigError(f"{path}:{number}: {url!r} is not an http(s) URL; write one "
                              "feed URL per line (# starts a comment)")
        urls[url] = None
    if not urls:
        raise ConfigError(f"{path}: no feed URLs; write one http(s) URL per line")
    return list(urls)


def parse_feed(body: bytes, url: str, content_type: str | None = None) -> list[FeedEntry]:
    """The entries of an RSS or Atom document, in feed order (relative links resolved
    against ``url``). Raises InputError when the document is not a feed."""
    import feedparser

    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(body, response_headers=headers)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception") or "no RSS or Atom elements"
        raise InputError(f"{url}: not an RSS or Atom feed ({reason}); check the feed URL")
    entries = []
    for item in parsed.entries:
        link = item.get("link")
        if not link:
            continue
        entries.append(FeedEntry(key=item.get("id") or link, link=link,
                                 title=item.get("title") or None,
                                 published=_entry_date(item)))
    return entries


def _entry_date(item: object) -> dt.date | None:
    for field in ("published_parsed", "updated_parsed"):
        value = item.get(field)  # type: ignore[attr-defined]
        if value:
            return dt.datetime.fromtimestamp(calendar.timegm(value), dt.timezone.utc).date()
    return None
