"""The command line, run as a real process: output shapes, bad input, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

ARTICLE = ("Police arrested 45 protesters in Nairobi on Tuesday after thousands of people "
           "marched against rising food prices. Two people were killed when officers opened fire "
           "on the crowd, the Kenya Red Cross said.\n")


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "eventwire.cli", *args], input=stdin,
                          capture_output=True, timeout=300)


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    d = tmp_path_factory.mktemp("batch")
    (d / "a_good.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "b_empty.txt").write_bytes(b"")
    (d / "c_binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    (d / "d_latin1.txt").write_bytes("Caf\xe9 protests in Paris.".encode("latin-1"))
    (d / "e_spanish.txt").write_text(
        "La policía detuvo a cuarenta y cinco manifestantes en la capital el martes después de "
        "que miles de personas marcharan contra el aumento de los precios de los alimentos y "
        "los combustibles, según informaron los medios locales y las organizaciones sociales.",
        encoding="utf-8")
    (d / "f_lines.jsonl").write_text(
        json.dumps({"id": "ok-1", "text": ARTICLE, "published": "2023-03-14"}) + "\n"
        + "{not json\n"
        + json.dumps({"id": "no-date", "text": ARTICLE}) + "\n", encoding="utf-8")
    big = d / "g_big.txt"
    with open(big, "wb") as fh:
        fh.truncate(51 * 1024 * 1024)
    return d


def test_bad_documents_do_not_stop_the_batch(batch):
    res = run("extract", str(batch), "--published", "2023-03-14")
    assert res.returncode == 1
    errors = res.stderr.decode().strip().splitlines()
    for name in ("b_empty", "c_binary", "d_latin1", "e_spanish", "g_big", "f_lines.jsonl:2"):
        assert any(name in line for line in errors), f"no error line for {name}: {errors}"
    assert all("Traceback" not in line for line in errors)
    events = [json.loads(line) for line in res.stdout.decode().splitlines()]
    assert {e["doc_id"] for e in events} >= {"a_good.txt", "ok-1", "no-date"}


def test_extract_codes_an_arrest_and_killings(batch):
    res = run("extract", str(batch / "a_good.txt"), "--published", "2023-03-14")
    assert res.returncode == 0, res.stderr.decode()
    events = [json.loads(line) for line in res.stdout.decode().splitlines()]
    # ACLED: arrests and lethal police fire at a protest make one protest event with
    # excessive force, on the protest's day and at its place.
    (protest,) = [e for e in events if e["acled_event_type"] == "Protests"]
    assert protest["acled_sub_event_type"] == "Excessive force against protesters"
    assert protest["arrested"] == 45 and protest["dead"] == 2 and protest["date"] == "2023-03-14"
    assert protest["location"]["name"] == "Nairobi" and protest["location"]["country_code"] == "KE"


def test_acled_and_geojson_formats(batch):
    csv_out = run("extract", str(batch / "a_good.txt"), "--published", "2023-03-14", "--format", "acled")
    header = csv_out.stdout.decode().splitlines()[0]
    assert header.startswith("event_id_cnty,event_date,year,time_precision,disorder_type,event_type")
    geo = json.loads(run("extract", str(batch / "a_good.txt"), "--format", "geojson").stdout)
    assert geo["type"] == "FeatureCollection" and geo["features"]
    lon, lat = geo["features"][0]["geometry"]["coordinates"]
    assert 33 < lon < 42 and -5 < lat < 5  # Kenya


def test_stdin_and_geoparse_with_given_spans():
    text = "Floods hit Nairobi and Mombasa."
    line = json.dumps({"id": "x", "text": text, "spans": [[11, 18]]})
    res = run("geoparse", "-", stdin=(line + "\n").encode())
    assert res.returncode == 0, res.stderr.decode()
    out = json.loads(res.stdout)
    assert out["id"] == "x" and [p["text"] for p in out["places"]] == ["Nairobi"]


def test_usage_error_is_one_line():
    res = run("extract", "x.txt", "--published", "yesterday")
    assert res.returncode == 2 and b"YYYY-MM-DD" in res.stderr


PAGE = """<!doctype html><html><head><title>Strike turns violent</title>
<meta property="article:published_time" content="2023-05-02T08:00:00Z"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<div class="ad">Buy now! Best deals on phones</div>
<article><h1>Protesters clash with police in Dakar</h1>
<p>Thousands of protesters took to the streets of Dakar on Monday to denounce the arrest of an
opposition leader, witnesses said.</p>
<p>Police fired tear gas to disperse the crowd near the central market, and at least two people
were killed in the clashes, the interior ministry said in a statement.</p>
<p>Security forces arrested 30 people, according to a local rights group.</p></article>
<aside><h3>You may also like</h3><ul><li><a href="/a">Ten recipes for summer</a></li>
<li><a href="/b">Celebrity wedding photos</a></li></ul></aside>
<footer>Copyright 2023 Example News. All rights reserved.</footer></body></html>"""


def test_html_page_main_text_only(tmp_path):
    page = tmp_path / "dakar.html"
    page.write_text(PAGE, encoding="utf-8")
    res = run("extract", str(page))
    assert res.returncode == 0, res.stderr.decode()
    events = [json.loads(line) for line in res.stdout.decode().splitlines()]
    assert events and all(e["doc_id"] == "dakar.html" for e in events)
    assert all(e["location"]["country_code"] == "SN" for e in events if e["location"])
    text = " ".join(s["text"] for e in events for s in e["evidence"])
    assert "recipes" not in text and "Buy now" not in text
    assert any(e["event_type"] == "PROTEST" and e["date"] == "2023-05-01" for e in events)
    assert any(e["arrested"] == 30 for e in events)
