"""Poll RSS/Atom feeds, fetch new entries' pages, code them and store them.

Per poll of a feed: a conditional GET (the ETag and Last-Modified of its last answer, kept
in the store's ``feeds`` table); on 304 nothing else happens. Otherwise each entry not taken
before (``feed_entries``) has its page fetched, its main text extracted (the HTML reader),
coded and added to the store through ``EventStore.add``; its outcome is recorded, so a
restarted watcher fetches nothing twice. An article that reached the store just before a
crash, and not its entry, is fetched again and found by its content hash. The validators
are saved only after every entry was handled, so a crash mid-feed means a full feed next
time, never a skipped entry.

One feed's failure (no answer, not a feed, HTTP 500) is that feed's poll result; the other
feeds are polled all the same. Only a failing database stops the watcher.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from eventwire.errors import EventwireError, InputError
from eventwire.ingest.html import html_article
from eventwire.records import Article, Failure
from eventwire.store import DatabaseFailed, EventStore, FeedState
from eventwire.store.feeds import FeedRow
from eventwire.watch.feeds import FeedEntry, parse_feed
from eventwire.watch.fetch import FetchError, PoliteFetcher, Response

log = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")
DEFAULT_INTERVAL_S = 600.0


@dataclass(slots=True)
class FeedPoll:
    """One poll of one feed."""

    url: str
    status: str = ""  # "200 OK", "304 not modified"; empty when there was no usable answer
    entries: int = 0  # in the feed (on 304: as of its last full answer)
    new: int = 0  # articles stored
    duplicate: int = 0  # entries whose article the store already had
    failed: int = 0  # entries whose page could not be fetched, read or coded
    error: str | None = None  # the feed itself failed
    failures: list[Failure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None and not self.failed

    def __str__(self) -> str:
        if self.error is not None:
            return f"feed {self.url}: error: {self.error}"
        stored = f", {self.duplicate} already stored" if self.duplicate else ""
        return (f"feed {self.url}: {self.entries} entries, {self.new} new{stored}, "
                f"{self.failed} failed, {self.status}")


class Watcher:
    """Polls feeds into one store, coding with one loaded Pipeline."""

    def __init__(self, store: EventStore, pipeline: Any, fetcher: PoliteFetcher) -> None:
        self.store = store
        self.pipeline = pipeline
        self.fetcher = fetcher
        self.state = FeedState(store.db)

    def poll(self, url: str) -> FeedPoll:
        """Poll one feed; never raises for the feed's own problems (only DatabaseFailed)."""
        feed = self.state.feed(url)
        try:
            return self._poll(feed)
        except DatabaseFailed:
            raise
        except EventwireError as exc:
            return self._failed(feed, str(exc))
        except Exception as exc:  # noqa: BLE001 - a parser bug on one feed spares the others
            log.debug("unexpected error polling %s", url, exc_info=True)
            return self._failed(feed, f"{type(exc).__name__}: {exc}")

    def _failed(self, feed: FeedRow, message: str) -> FeedPoll:
        self.state.polled(feed, status="error", error=message)
        return FeedPoll(url=feed.url, error=message)

    def _poll(self, feed: FeedRow) -> FeedPoll:
        answer = self.fetcher.get(feed.url, _validators(feed))
        if answer.status == 304:
            self.state.polled(feed, status="304 not modified")
            return FeedPoll(url=feed.url, status="304 not modified",
                            entries=feed.entry_count or 0)
        if not answer.ok:
            raise FetchError(f"{feed.url}: HTTP {answer.status} {answer.reason}".rstrip())
        entries = parse_feed(answer.body, answer.url, answer.header("content-type"))
        poll = FeedPoll(url=feed.url, status=f"{answer.status} {answer.reason}".rstrip(),
                        entries=len(entries))
        for entry in entries:
            if not self.state.taken(feed, entry.key):
                self._take(feed, entry, poll)
        self.state.polled(feed, status=poll.status, entry_count=len(entries),
                          validators=(answer.header("etag"), answer.header("last-modified")))
        return poll

    def _take(self, feed: FeedRow, entry: FeedEntry, poll: FeedPoll) -> None:
        """Fetch, code and store one entry's article, and record the outcome."""
        try:
            article = self.article(entry, feed.url)
            if self.store.contains(article):
                outcome = "duplicate"
            else:
                outcome = self.store.add(self.pipeline.process(article))
        except DatabaseFailed:
            raise
        except EventwireError as exc:
            poll.failed += 1
            poll.failures.append(Failure(source=entry.link, message=str(exc)))
            self.state.record(feed, entry.key, url=entry.link, outcome="failed", error=str(exc))
            return
        self.state.record(feed, entry.key, url=entry.link, outcome=outcome)
        if outcome == "new":
            poll.new += 1
        else:
            poll.duplicate += 1

    def article(self, entry: FeedEntry, feed_url: str) -> Article:
        """The entry's page as an Article (id and url the entry's link; published the
        page's date, else the entry's)."""
        answer = self.fetcher.get(entry.link)
        if not answer.ok:
            raise FetchError(f"{entry.link}: HTTP {answer.status} {answer.reason}".rstrip())
        _check_html(answer)
        article = html_article(answer.body, doc_id=entry.link, name=entry.link,
                               source=feed_url, fallback_published=entry.published)
        return dataclasses.replace(article, url=entry.link, title=article.title or entry.title)


def _validators(feed: FeedRow) -> dict[str, str]:
    headers = {}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    return headers


def _check_html(answer: Response) -> None:
    kind = (answer.header("content-type") or "").split(";")[0].strip().lower()
    if kind and kind not in HTML_TYPES:
        raise InputError(f"{answer.url}: {kind}, not an HTML page; nothing to code")


def watch(urls: Sequence[str], watcher: Watcher, *, interval: float = DEFAULT_INTERVAL_S,
          once: bool = False, on_poll: Callable[[FeedPoll], None] | None = None,
          sleep: Callable[[float], None] = time.sleep) -> list[FeedPoll]:
    """Poll every feed, then wait until ``interval`` seconds after the round began, and
    again, until interrupted; ``once``: one round. Returns the last round's polls."""
    while True:
        started = time.monotonic()
        polls = []
        for url in urls:
            poll = watcher.poll(url)
            polls.append(poll)
            if on_poll is not None:
                on_poll(poll)
        if once:
            return polls
        sleep(max(0.0, interval - (time.monotonic() - started)))
