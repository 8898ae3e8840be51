"""The dashboard in a real browser (Playwright driving Debian's chromium) against a real
``eventwire serve``: the map, timeline and table; filters; the event page's highlighted
evidence; signing in and correcting a field (seen on the page, in the change history and in
``eventwire export``); hostile article content that must stay inert text; and no request to
anything but the server.

The store is filled by a real ``eventwire ingest`` of the demonstration article plus
hostile articles written here; the reviewer is made with ``eventwire user add``. Skips when
/usr/bin/chromium is absent (``apt-get install chromium``; .ci/run installs it) or the
demonstration article is missing.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlencode, urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "kazakhstan_2022-01-06.txt"
CHROMIUM = Path("/usr/bin/chromium")
USER, PASSWORD = "reviewer", "correct horse battery staple"
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}

if not CHROMIUM.exists():
    pytest.skip("browser tests need Debian's chromium at /usr/bin/chromium "
                "(apt-get install -y chromium; .ci/run installs it)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="pip install -e '.[test]' "
                               "installs playwright")

# Every string below must reach the page as literal text and never run.
PWN = "window.__pwned=1"
HOSTILE_TITLE = f"<script>{PWN};alert('title')</script> Riot in Almaty"
HOSTILE_URL = f"javascript:{PWN};alert('url')"
SQL = "'; DROP TABLE events; --"
HOSTILE_ARTICLES = [
    {"id": "hostile-1", "published": "2022-01-07", "url": HOSTILE_URL, "title": HOSTILE_TITLE,
     "text": (f"Police arrested 40 protesters in Almaty on Thursday after a rally "
              f"<script>{PWN};alert('text')</script> turned violent. Witnesses said "
              f"<img src=x onerror=\"{PWN};alert('img')\"> the crowd of about 500 people threw "
              f"stones at police officers near the city hall.")},
    {"id": "hostile-2", "published": "2022-01-08", "url": f"https://example.com/news?q={SQL}",
     "title": f"{SQL} <img src=x onerror=alert(1)>",
     # astral characters before the evidence: offsets are code points, JavaScript's UTF-16
     "text": (f"\U0001F525\U0001F4E2 Thousands of demonstrators protested in Aktobe on Friday "
              f"against fuel prices {SQL} and demanded the resignation of the government. "
              f"<a href=\"javascript:alert(1)\">click</a> <svg onload=\"{PWN}\"></svg> "
              f"Security forces detained 15 people in Aktobe.")},
]


def cli(*args: str, stdin: str | None = None,
        timeout: int = 300) -> subprocess.CompletedProcess[str]:
    res = subprocess.run([sys.executable, "-m", "eventwire.cli", *args], input=stdin,
                         capture_output=True, text=True, timeout=timeout)
    assert res.returncode == 0, f"eventwire {' '.join(args)}: {res.stderr}"
    return res


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


class Server:
    def __init__(self, base: str, db: str) -> None:
        self.base = base
        self.db = db

    def api(self, path: str, **params: str | int) -> dict:
        query = f"?{urlencode(params)}" if params else ""
        return get_json(f"{self.base}{path}{query}")

    def all_events(self, **params: str | int) -> list[dict]:
        return self.api("/api/events", limit=500, **params)["events"]

    def export(self) -> list[dict]:
        out = cli("export", "--format", "jsonl", "--db", self.db).stdout
        return [json.loads(line) for line in out.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    if not SEED.is_file():
        pytest.skip(f"demonstration article not found at {SEED} (../shared is not checked out)")
    tmp = tmp_path_factory.mktemp("dashboard")
    hostile = tmp / "hostile.jsonl"
    hostile.write_text("".join(json.dumps(a) + "\n" for a in HOSTILE_ARTICLES), encoding="utf-8")
    db = f"sqlite:///{tmp / 'events.db'}"
    cli("ingest", str(SEED), str(hostile), "--db", db)
    cli("user", "add", USER, "--password-stdin", "--db", db, stdin=PASSWORD + "\n")
    port = free_port()
    log = (tmp / "serve.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "eventwire.cli", "serve", "--db", db,
                             "--host", "127.0.0.1", "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                get_json(f"{base}/api/me")
                break
            except (urllib.error.URLError, ConnectionError):
                if proc.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    pytest.fail(f"eventwire serve did not start: {(tmp / 'serve.log').read_text()}")
                time.sleep(0.2)
        yield Server(base, db)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM))
        yield b
        b.close()


class Watch:
    """What a page did that it must not: dialogs, errors, requests off the server."""

    def __init__(self) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.offsite: list[str] = []

    def check(self, *, allow_errors: tuple[str, ...] = ()) -> None:
        errors = [e for e in self.errors if not any(a in e for a in allow_errors)]
        assert self.dialogs == [], f"a dialog opened: {self.dialogs}"
        assert errors == [], f"console errors / CSP violations: {errors}"
        assert self.offsite == [], f"requests off the server: {self.offsite}"


@pytest.fixture()
def page(browser, server: Server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    watch = Watch()

    def route(r) -> None:
        host = urlparse(r.request.url).hostname or ""
        if host in LOOPBACK:
            r.continue_()
        else:
            watch.offsite.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    pg = context.new_page()
    pg.set_default_timeout(15000)

    def on_dialog(dialog) -> None:
        watch.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    pg.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: watch.errors.append(f"uncaught: {e}"))
    pg.watch = watch  # type: ignore[attr-defined]
    yield pg
    context.close()


def settled(pg) -> None:
    # Selectors, not wait_for_function: the page's CSP forbids the eval that one needs.
    pg.wait_for_selector("body[data-ready=true]:not([data-loading=true])", state="attached")


def open_dashboard(pg, server: Server, query: str = "") -> None:
    pg.goto(f"{server.base}/{query}")
    settled(pg)


def table_ids(pg) -> list[str]:
    return pg.eval_on_selector_all("#events tbody tr.event-row",
                                   "rows => rows.map(r => r.dataset.id)")


# ----------------------------------------------------------------------------- tests


def test_dashboard_shows_map_timeline_and_table(page, server: Server) -> None:
    response = page.goto(f"{server.base}/")
    csp = response.headers.get("content-security-policy", "")
    assert "default-src 'self'" in csp, f"the server sends no strict CSP: {csp!r}"
    settled(page)
    total = server.api("/api/events", limit=1)["total"]
    exported = server.export()
    assert total == len(exported) >= 15  # the demonstration article alone gives 18+
    assert page.locator("#count").get_attribute("data-total") == str(total)
    assert len(table_ids(page)) == min(total, 25)
    # map: the Natural Earth outlines and one dot per place
    assert int(page.locator("#map").get_attribute("data-countries")) > 150
    places = {(e["location"]["lat"], e["location"]["lon"]) for e in server.all_events()
              if e.get("location")}
    assert page.locator("path.event-dot").count() == len(places)
    assert page.locator("#f-tiles").is_checked() is False
    assert page.locator("img.leaflet-tile").count() == 0  # no online tiles by default
    # timeline: one bar per day with events, as /api/stats counts them
    stats = server.api("/api/stats", period="day")
    bars = page.eval_on_selector_all("#timeline rect.bar",
                                     "rs => rs.map(r => [r.dataset.period, +r.dataset.count])")
    assert sorted(map(tuple, bars)) == sorted((s["period"][:10], s["count"])
                                              for s in stats["by_period"] if s["period"])
    page.watch.check()


def test_filters_change_table_and_counts(page, server: Server) -> None:
    open_dashboard(page, server)
    total = int(page.locator("#count").get_attribute("data-total"))
    page.select_option("#f-type", "Protests")
    settled(page)
    protests = server.api("/api/events", type="Protests", limit=100)
    assert 0 < protests["total"] < total
    assert page.locator("#count").get_attribute("data-total") == str(protests["total"])
    assert table_ids(page) == [e["id"] for e in protests["events"]][:25]
    assert "type=Protests" in page.url
    page.select_option("#f-country", "US")
    settled(page)
    assert page.locator("#count").get_attribute("data-total") == "0"
    page.select_option("#f-type", "")
    settled(page)
    us = server.api("/api/events", country="US")
    assert page.locator("#count").get_attribute("data-total") == str(us["total"]) != "0"
    page.click("#reset")
    settled(page)
    page.fill("#f-q", "Aktobe")
    page.click("#apply")
    settled(page)
    aktobe = server.api("/api/events", q="Aktobe")
    assert 0 < aktobe["total"] < total
    assert table_ids(page) == [e["id"] for e in aktobe["events"]]
    # sorting by a column re-orders the rows as the API does
    page.click("#reset")
    settled(page)
    page.click("button.sort[data-sort=mentions]")
    settled(page)
    by_mentions = server.api("/api/events", sort="-mentions", limit=25)
    assert table_ids(page) == [e["id"] for e in by_mentions["events"]]
    # the download links carry the filter
    page.fill("#f-q", "Aktobe")
    page.click("#apply")
    settled(page)
    href = page.locator("#download-csv").get_attribute("href")
    assert href.startswith("/api/events?") and "q=Aktobe" in href and "format=csv" in href
    page.watch.check()


def test_event_page_highlights_the_evidence(page, server: Server) -> None:
    open_dashboard(page, server)
    target = server.api("/api/events", sort="-mentions", limit=1)["events"][0]
    page.click("button.sort[data-sort=mentions]")
    settled(page)
    page.locator(f"#events tr.event-row[data-id='{target['id']}'] td[data-col=place]").click()
    page.wait_for_url(f"**/events/{target['id']}")
    settled(page)
    detail = server.api(f"/api/events/{quote(target['id'])}")
    assert_highlights(page, detail)
    page.watch.check()


def assert_highlights(page, detail: dict) -> None:
    """Each mention's article shows exactly its evidence sentences highlighted."""
    assert detail["mentions"]
    for mention in detail["mentions"]:
        card = page.locator(f"article.mention[data-mention='{mention['id']}']")
        marks = card.locator(".article-text mark.evidence").all_text_contents()
        assert marks == [e["text"] for e in sorted(mention["evidence"], key=lambda e: e["start"])]
        assert marks


def test_sign_in_and_correct_a_field(page, server: Server) -> None:
    event = next(e for e in server.all_events(sort="date") if e["event_type"] == "MOBILIZE")
    sign_in(page, server)
    assert page.locator("#signed-in-user").text_content() == USER
    page.goto(f"{server.base}/events/{event['id']}")
    settled(page)
    page.wait_for_selector("#review:not([hidden])")
    page.fill("#edit-injured", "12")
    page.click("#save")
    page.wait_for_selector("#review-message.ok")
    assert page.locator("dd[data-field=injured]").text_content() == "12"
    change = page.locator("#change-table tbody tr[data-field=injured]")
    assert change.count() == 1
    assert change.locator("td").nth(1).text_content() == USER
    assert change.locator("td.new").text_content() == "12"
    # a reload shows what the server stored, and the export carries it
    page.reload()
    settled(page)
    assert page.locator("dd[data-field=injured]").text_content() == "12"
    exported = {e["id"]: e for e in server.export()}
    assert exported[event["id"]]["injured"] == 12
    # actors and notes (markup in a note is text)
    page.fill("#edit-actors", "\n".join([*(a["name"] for a in event["actors"]),
                                          "Students (Kazakhstan)"]))
    page.fill("#edit-notes", "checked <b>by hand</b>")
    page.click("#save")
    page.wait_for_selector("#review-message.ok:has-text('actors')")
    assert "Students (Kazakhstan)" in page.locator("dd[data-field=actors]").text_content()
    assert page.locator("dd[data-field=notes]").text_content() == "checked <b>by hand</b>"
    # a bad value is refused in the page, with a message, and nothing is sent
    page.fill("#edit-dead", "many")
    page.click("#save")
    assert "whole number" in page.locator("#review-message.error").text_content()
    page.watch.check()


def sign_in(page, server: Server) -> None:
    open_dashboard(page, server)
    page.fill("#login-user", USER)
    page.fill("#login-password", PASSWORD)
    page.click("#sign-in button[type=submit]")
    page.wait_for_selector("#signed-in-user")


def test_merge_split_and_reject(page, server: Server) -> None:
    demos = [e for e in server.all_events(sort="date")
             if e["event_type"] == "PROTEST" and e["date"] == "2022-01-01"]
    assert len(demos) >= 2, "the demonstration article's weekend protests (one per city)"
    keep, other = demos[0]["id"], demos[1]["id"]
    moved = [m["id"] for m in server.api(f"/api/events/{other}")["mentions"]]
    total = server.api("/api/events", limit=1)["total"]
    sign_in(page, server)
    page.goto(f"{server.base}/events/{keep}")
    settled(page)
    page.fill("#merge-id", other)
    page.click("#merge")
    page.wait_for_selector("#review-message.ok")
    assert page.locator("article.mention").count() == 1 + len(moved)
    assert server.api(f"/api/events/{other}")["event"]["merged_into"] == keep
    assert server.api("/api/events", limit=1)["total"] == total - 1
    for mention in moved:
        page.check(f"input.split-pick[data-mention='{mention}']")
    page.click("#split")
    page.wait_for_selector("#split-result")
    assert page.locator("article.mention").count() == 1
    page.click("#split-result")
    settled(page)
    new_id = server.api(f"/api/events/{page.url.rsplit('/', 1)[1]}")["event"]["id"]
    assert [m["id"] for m in server.api(f"/api/events/{new_id}")["mentions"]] == moved
    page.click("#reject")
    page.click("#reject-confirm")  # two clicks, no browser dialog
    page.wait_for_selector("#review-message.ok")
    assert page.locator("#event-status").text_content() == "rejected"
    assert page.locator("#restore").is_visible()
    assert server.api("/api/events", limit=1)["total"] == total - 1
    assert new_id not in {e["id"] for e in server.export()}
    fields = page.locator("#change-table tbody tr").evaluate_all(
        "rows => rows.map(r => r.dataset.field)")
    assert "status" in fields and "split_from" in fields
    page.watch.check()


def hostile_events(server: Server) -> dict[str, list[str]]:
    """{event id: titles of its hostile articles} for the events the hostile articles gave."""
    hostile = {a["title"] for a in HOSTILE_ARTICLES}
    found: dict[str, list[str]] = {}
    for ev in server.all_events():
        detail = server.api(f"/api/events/{quote(ev['id'])}")
        titles = [a["title"] for a in detail["articles"] if a.get("title") in hostile]
        if titles:
            found[ev["id"]] = titles
    return found


def test_hostile_content_stays_text(page, server: Server) -> None:
    events = hostile_events(server)
    assert events, "the hostile articles gave no events"
    for event_id, titles in events.items():
        page.goto(f"{server.base}/events/{quote(event_id)}")
        settled(page)
        shown = page.locator("h3.article-title").all_text_contents()
        assert set(titles) <= set(shown)  # the markup in titles is shown as text
        assert_highlights(page, server.api(f"/api/events/{quote(event_id)}"))
        body = page.locator("#mentions").text_content()
        assert "<script>" in body or "<img src=x" in body  # article markup shown as text
        if HOSTILE_TITLE in titles:  # its javascript: URL is shown, not linked
            assert HOSTILE_URL in page.locator(".unsafe-url").all_text_contents()
        assert page.evaluate("window.__pwned") is None
        injected = ", ".join(f"{where} {tag}" for where in ("#mentions", "#fields", "#changes")
                             for tag in ("script", "img", "svg", "iframe", "a[href^=javascript]"))
        assert page.locator(injected).count() == 0
        for href in page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)"):
            assert urlparse(href).scheme in ("http", "https"), href
    # hostile input in the filters and the path is text too
    open_dashboard(page, server, "?" + urlencode({"q": f"<img src=x onerror=\"{PWN}\">"}))
    assert page.locator("#f-q").input_value() == f"<img src=x onerror=\"{PWN}\">"
    page.fill("#f-q", SQL)
    page.click("#apply")
    settled(page)
    assert page.evaluate("window.__pwned") is None
    page.goto(f"{server.base}/events/" + quote(f"<img src=x onerror=\"{PWN}\">"))
    page.wait_for_selector("body[data-ready=true]")
    assert page.locator("#event-title").text_content() == "Event not found"
    assert page.evaluate("window.__pwned") is None
    assert len(server.export()) == server.api("/api/events", limit=1)["total"]  # no table dropped
    page.watch.check(allow_errors=("404",))
