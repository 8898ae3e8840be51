"""eventwire watch (issue 6) against a real HTTP server on 127.0.0.1 (http.server in a
thread) serving RSS and Atom feeds and article pages: conditional requests and 304, restart
without duplicates, one bad feed among good ones, and the per-host politeness delay."""

from __future__ import annotations

import email.utils
import html
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from eventwire.store import EventStore
from eventwire.watch import PoliteFetcher, Watcher, parse_feed, read_feed_list, watch
from scale_corpus import page, stories

pytestmark = pytest.mark.slow


@dataclass
class Site:
    """What the server answers, and every request it got: (monotonic time, path, headers)."""

    routes: dict[str, tuple[int, str, bytes]] = field(default_factory=dict)
    etags: dict[str, str] = field(default_factory=dict)  # path -> ETag (conditional GETs)
    requests: list[tuple[float, str, dict[str, str]]] = field(default_factory=list)
    port: int = 0

    def paths(self) -> list[str]:
        return [path for _, path, _ in self.requests]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            site.requests.append((time.monotonic(), self.path, dict(self.headers)))
            etag = site.etags.get(self.path)
            if etag and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            status, kind, body = site.routes.get(self.path, (404, "text/html", b"not found"))
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            if etag:
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", email.utils.formatdate(usegmt=True))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@pytest.fixture()
def site():
    state = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


def rss(site: Site, ids: list[int], *, host: str = "127.0.0.1", extra: list[str] = ()) -> bytes:
    items = []
    for i in ids:
        story = stories(40)[i]
        items.append(f"<item><title>{html.escape(story.title)}</title>"
                     f"<link>http://{host}:{site.port}/news/{story.id}</link>"
                     f"<guid>urn:story:{story.id}</guid>"
                     f"<pubDate>{email.utils.format_datetime(_utc(story.published))}</pubDate>"
                     "</item>")
    items += [f"<item><title>gone</title><link>http://{host}:{site.port}{path}</link></item>"
              for path in extra]
    return ("<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>"
            f"<link>http://{host}:{site.port}/</link>{''.join(items)}</channel></rss>").encode()


def atom(site: Site, ids: list[int]) -> bytes:
    entries = "".join(
        f"<entry><title>{html.escape(stories(40)[i].title)}</title><id>tag:atom,{i}</id>"
        f"<link href='http://localhost:{site.port}/news/{stories(40)[i].id}'/>"
        f"<updated>{stories(40)[i].published}T09:00:00Z</updated></entry>" for i in ids)
    return ("<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
            f"<title>Atom wire</title><id>tag:atom</id>{entries}</feed>").encode()


def _utc(day):
    import datetime as dt

    return dt.datetime(day.year, day.month, day.day, 8, tzinfo=dt.timezone.utc)


def serve_stories(site: Site, ids: range | list[int]) -> None:
    for i in ids:
        story = stories(40)[i]
        site.routes[f"/news/{story.id}"] = (200, "text/html; charset=utf-8", page(story))


def _watcher(store, pipeline, delay: float = 0.0) -> Watcher:
    return Watcher(store, pipeline, PoliteFetcher(delay=delay, timeout=10))


def test_new_entries_then_304_then_only_what_changed(site, pipeline, tmp_path):
    serve_stories(site, range(6))
    feed = f"http://127.0.0.1:{site.port}/feed.xml"
    site.routes["/feed.xml"] = (200, "application/rss+xml", rss(site, [0, 1, 2, 3],
                                                                 extra=["/news/gone"]))
    site.etags["/feed.xml"] = '"v1"'
    db = f"sqlite:///{tmp_path / 'w.db'}"
    with EventStore.open(db) as store:
        (poll,) = watch([feed], _watcher(store, pipeline), once=True)
        assert str(poll) == f"feed {feed}: 5 entries, 4 new, 1 failed, 200 OK"
        assert store.count("articles") == 4
        row = store.db.row("SELECT url, published FROM articles WHERE doc_id = ?",
                           (f"http://127.0.0.1:{site.port}/news/story-00",))
        assert row == (f"http://127.0.0.1:{site.port}/news/story-00", "2023-01-02")
        assert "/news/gone" in poll.failures[0].message and "404" in poll.failures[0].message

    site.requests.clear()
    with EventStore.open(db) as store:  # a restarted watcher: the validators were stored
        (poll,) = watch([feed], _watcher(store, pipeline), once=True)
        assert str(poll) == f"feed {feed}: 5 entries, 0 new, 0 failed, 304 not modified"
        assert site.paths() == ["/feed.xml"]
        assert site.requests[0][2].get("If-None-Match") == '"v1"'
        assert site.requests[0][2].get("If-Modified-Since")

    site.requests.clear()
    site.routes["/feed.xml"] = (200, "application/rss+xml", rss(site, [4, 0, 1, 2, 3],
                                                                 extra=["/news/gone"]))
    site.etags["/feed.xml"] = '"v2"'
    with EventStore.open(db) as store:
        (poll,) = watch([feed], _watcher(store, pipeline), once=True)
        # only the new entry's page, and the failed one again (tried up to 3 times)
        assert site.paths() == ["/feed.xml", "/news/story-04", "/news/gone"]
        assert str(poll) == f"feed {feed}: 6 entries, 1 new, 1 failed, 200 OK"
        assert store.count("articles") == 5
        assert store.db.rows("SELECT etag FROM feeds") == [('"v2"',)]


def test_restart_never_ingests_twice(site, tmp_path, capsys):
    from eventwire.cli import main

    serve_stories(site, range(3))
    site.routes["/feed.xml"] = (200, "application/rss+xml", rss(site, [0, 1, 2]))  # no ETag
    feeds = tmp_path / "feeds.txt"
    feed = f"http://127.0.0.1:{site.port}/feed.xml"
    feeds.write_text(f"# the wire\n{feed}  # RSS 2.0\n\n{feed}\n")
    db = f"sqlite:///{tmp_path / 'w.db'}"
    assert main(["watch", str(feeds), "--db", db, "--once", "--delay", "0"]) == 0
    assert capsys.readouterr().err.splitlines() == [
        f"eventwire: feed {feed}: 3 entries, 3 new, 0 failed, 200 OK"]
    with EventStore.open(db) as store:
        before = (store.count("articles"), store.count("events"), store.count("mentions"))
        # the window between storing an article and recording its entry, as after a crash
        store.db.execute("DELETE FROM feed_entries WHERE entry_key = 'urn:story:story-01'")
    site.requests.clear()
    assert main(["watch", str(feeds), "--db", db, "--once", "--delay", "0"]) == 0
    assert capsys.readouterr().err.splitlines() == [
        f"eventwire: feed {feed}: 3 entries, 0 new, 1 already stored, 0 failed, 200 OK"]
    assert site.paths() == ["/feed.xml", "/news/story-01"]  # found by its content hash
    with EventStore.open(db) as store:
        assert (store.count("articles"), store.count("events"), store.count("mentions")) == before


def test_one_bad_feed_does_not_stop_the_others(site, pipeline, tmp_path):
    serve_stories(site, [5, 6])
    site.routes["/broken.xml"] = (500, "text/plain", b"oops")
    site.routes["/page.html"] = (200, "text/html", b"<html><body><p>Hello</p></body></html>")
    site.routes["/atom.xml"] = (200, "application/atom+xml", atom(site, [5, 6]))
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        dead_port = closed.getsockname()[1]
    base = f"http://127.0.0.1:{site.port}"
    urls = [f"{base}/broken.xml", f"http://127.0.0.1:{dead_port}/feed.xml",
            f"{base}/page.html", f"{base}/atom.xml"]
    lines = []
    with EventStore.open(f"sqlite:///{tmp_path / 'w.db'}") as store:
        polls = watch(urls, _watcher(store, pipeline), once=True,
                      on_poll=lambda p: lines.append(str(p)))
        assert store.count("articles") == 2
        assert store.db.rows("SELECT url, status FROM feeds ORDER BY id") == [
            (urls[0], "error"), (urls[1], "error"), (urls[2], "error"), (urls[3], "200 OK")]
    assert lines[0] == f"feed {urls[0]}: error: [EW100] {urls[0]}: HTTP 500 Internal Server Error"
    assert lines[1].startswith(f"feed {urls[1]}: error: [EW100] {urls[1]}: cannot fetch")
    assert lines[2].startswith(f"feed {urls[2]}: error: [EW100] {urls[2]}: not an RSS or Atom")
    assert lines[3] == f"feed {urls[3]}: 2 entries, 2 new, 0 failed, 200 OK"
    assert [p.ok for p in polls] == [False, False, False, True]


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'events.db'}"
    return request.getfixturevalue("pg_url")


def test_feed_state_in_both_databases(store_url):
    from eventwire.store import FeedState
    from eventwire.store.feeds import MAX_ATTEMPTS

    with EventStore.open(store_url) as store:
        state = FeedState(store.db)
        feed = state.feed("http://127.0.0.1/feed.xml")
        assert state.feed(feed.url) == feed and feed.etag is None
        state.record(feed, "a", url="http://127.0.0.1/a", outcome="new")
        for _ in range(MAX_ATTEMPTS - 1):
            state.record(feed, "b", url="http://127.0.0.1/b", outcome="failed", error="HTTP 500")
        assert state.taken(feed, "a") and not state.taken(feed, "b")
        state.record(feed, "b", url="http://127.0.0.1/b", outcome="failed", error="HTTP 500")
        assert state.taken(feed, "b")  # given up after MAX_ATTEMPTS
        state.polled(feed, status="200 OK", validators=('"e1"', "Mon, 01 Jan 2024 00:00:00 GMT"),
                     entry_count=2)
        state.polled(feed, status="304 not modified")
    with EventStore.open(store_url) as store:  # kept across restarts
        feed = FeedState(store.db).feed("http://127.0.0.1/feed.xml")
        assert (feed.etag, feed.last_modified, feed.entry_count) == (
            '"e1"', "Mon, 01 Jan 2024 00:00:00 GMT", 2)
        assert store.count("feed_entries") == 2


def test_politeness_delay_per_host(site):
    for name in "abcd":
        site.routes[f"/{name}"] = (200, "text/plain", b"x")
    fetcher = PoliteFetcher()  # the default: 1 s between two requests to one host
    assert fetcher.delay == 1.0
    ip, name = f"http://127.0.0.1:{site.port}", f"http://localhost:{site.port}"
    for url in (f"{ip}/a", f"{ip}/b", f"{name}/c", f"{ip}/d"):
        assert fetcher.get(url).status == 200
    times = {path: at for at, path, _ in site.requests}
    assert times["/b"] - times["/a"] >= 0.95
    assert times["/c"] - times["/b"] < 0.9  # another host: no wait
    assert times["/d"] - times["/b"] >= 0.95  # 127.0.0.1 again: its own wait


def test_watch_waits_between_rounds_and_feed_lists(tmp_path, site, pipeline):
    site.routes["/feed.xml"] = (200, "application/rss+xml", rss(site, []))
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("ftp://example.org/feed\n")
    from eventwire.errors import ConfigError

    with pytest.raises(ConfigError, match=r"feeds.txt:1: 'ftp://example.org/feed' is not an"):
        read_feed_list(feeds)
    assert parse_feed(rss(site, [0]), "http://x/feed.xml")[0].key == "urn:story:story-00"
    naps: list[float] = []

    class Stop(Exception):
        pass

    def sleep(seconds: float) -> None:
        naps.append(seconds)
        if len(naps) == 2:
            raise Stop

    with EventStore.open(f"sqlite:///{tmp_path / 'w.db'}") as store, pytest.raises(Stop):
        watch([f"http://127.0.0.1:{site.port}/feed.xml"], _watcher(store, pipeline),
              interval=30, sleep=sleep)
    assert len(naps) == 2 and all(20 < n <= 30 for n in naps)  # 30 s less the round's time
    assert site.paths() == ["/feed.xml", "/feed.xml"]
