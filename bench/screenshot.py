"""A screenshot of the dashboard with the demonstration article's events (not a test).

    python bench/screenshot.py [--output docs/dashboard.png] [--chromium /usr/bin/chromium]

Ingests ../shared/seed/kazakhstan_2022-01-06.txt into a throwaway SQLite store with
``eventwire ingest``, starts ``eventwire serve`` on a free loopback port, opens the dashboard
in Debian's chromium (Playwright, every request off the server aborted) and saves a
full-page PNG.
"""

from __future__ import annotations

import argparse
import json
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "kazakhstan_2022-01-06.txt"


def eventwire(*args: str) -> list[str]:
    return [sys.executable, "-m", "eventwire.cli", *args]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(base: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{base}/api/me", timeout=5) as r:
                json.loads(r.read())
            return
        except (urllib.error.URLError, ConnectionError):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("eventwire serve did not start") from None
            time.sleep(0.2)


def shoot(base: str, output: Path, chromium: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium)
        context = browser.new_context(viewport={"width": 1360, "height": 900},
                                      device_scale_factor=1)
        offsite: list[str] = []

        def route(r) -> None:
            if urlparse(r.request.url).hostname in ("127.0.0.1", "localhost"):
                r.continue_()
            else:
                offsite.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.goto(f"{base}/")
        page.wait_for_selector("body[data-ready=true]:not([data-loading=true])", state="attached")
        page.wait_for_timeout(300)  # let the map finish drawing
        output.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(output), full_page=True)
        browser.close()
    if offsite:
        raise SystemExit(f"the page asked for {offsite}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "dashboard.png")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    if not SEED.is_file():
        raise SystemExit(f"the demonstration article is not at {SEED}")
    with tempfile.TemporaryDirectory() as tmp:
        db = f"sqlite:///{Path(tmp) / 'events.db'}"
        subprocess.run(eventwire("ingest", str(SEED), "--db", db), check=True)
        port = free_port()
        proc = subprocess.Popen(eventwire("serve", "--db", db, "--host", "127.0.0.1",
                                          "--port", str(port)))
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_up(base, proc)
            shoot(base, args.output, args.chromium)
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
