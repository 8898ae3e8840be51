"""WARC input (issue 6): .warc and .warc.gz archives made with warcio here, read as streams;
HTML responses with article text become articles, everything else is counted by reason, and
a broken record never loses the others."""

from __future__ import annotations

import datetime as dt
import gzip as gzip_module
import json

import pytest

from eventwire.ingest import WarcTally, read_inputs
from eventwire.ingest.warc import looks_like_index
from eventwire.records import Article, Failure
from scale_corpus import Story, index_page, page, stories, warc_bytes

BASE = "https://news.example/news/"


def _records(count: int = 5) -> list[tuple[str, str, bytes, str]]:
    """Articles in order, with a request, an image, a 404, a section front and a
    Latin-1 page around them."""
    items = [("request", BASE + "story-00", b"", "")]
    for story in stories(count):
        items.append(("response", BASE + story.id, page(story, url=BASE + story.id),
                      "text/html; charset=utf-8"))
    items += [
        ("response", "https://news.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(300),
         "image/png"),
        ("response404", "https://news.example/gone", b"<html><body>Not found</body></html>",
         "text/html"),
        ("response", "https://news.example/world/", index_page(), "text/html"),
    ]
    return items


def _read(path, **kwargs) -> tuple[list[Article | Failure], WarcTally]:
    tally = WarcTally()
    return list(read_inputs([path], warc_tally=tally, **kwargs)), tally


@pytest.mark.parametrize("gzip", [False, True])
def test_articles_and_skips_by_reason(tmp_path, gzip):
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    path.write_bytes(warc_bytes(_records(), gzip=gzip))
    items, tally = _read(path)
    assert all(isinstance(i, Article) for i in items)
    assert [a.id for a in items] == [BASE + s.id for s in stories(5)]
    assert [a.url for a in items] == [a.id for a in items]
    # the page's own date wins over the capture date (WARC-Date 2023-02-01)
    assert [a.published for a in items] == [s.published for s in stories(5)]
    assert all(a.source == str(path) for a in items)
    assert "Thousands of people marched through Nairobi" in items[0].text
    assert "Privacy" not in items[0].text  # page furniture dropped by the HTML reader
    assert tally.articles == 5
    assert dict(tally.skipped) == {"not a response": 1, "not html": 1, "http error": 1,
                                   "no article text": 1}
    assert str(tally) == ("5 articles, 4 skipped (1 http error, 1 no article text, "
                          "1 not a response, 1 not html)")


def test_gzip_file_is_really_gzip_and_streams(tmp_path):
    data = warc_bytes(_records(2), gzip=True)
    assert data[:2] == b"\x1f\x8b"
    assert gzip_module.decompress(data).startswith(b"WARC/1.")


def test_capture_date_then_published_option_when_page_has_none(tmp_path):
    story = stories(1)[0]
    bare = (f"<html><body><article><h1>{story.title}</h1><p>{story.text}</p></article>"
            "</body></html>").encode()
    path = tmp_path / "a.warc"
    path.write_bytes(warc_bytes([("response", BASE + "x", bare, "text/html")], gzip=False))
    items, _ = _read(path, published=dt.date(2020, 5, 5))
    assert items[0].published == dt.date(2023, 2, 1)  # WARC-Date


def test_resource_record_and_declared_charset(tmp_path):
    story = Story(id="latin", title="Caf\u00e9 owners protest in Lima",
                  text=stories(5)[4].text.replace("Lima", "Lima's caf\u00e9 district"),
                  published=dt.date(2023, 3, 1))
    latin = page(story).decode("utf-8").replace("charset='utf-8'", "").encode("latin-1")
    path = tmp_path / "b.warc"
    path.write_bytes(warc_bytes([
        ("response", BASE + "latin", latin, "text/html; charset=ISO-8859-1"),
        ("resource", BASE + "resource", page(stories(2)[1]), "text/html"),
    ], gzip=False))
    items, tally = _read(path)
    assert [a.id for a in items] == [BASE + "latin", BASE + "resource"]
    assert "caf\u00e9 district" in items[0].text
    assert tally.articles == 2 and not tally.skipped


def test_index_pages_are_not_articles(tmp_path):
    assert looks_like_index("https://news.example/")
    assert looks_like_index("https://news.example/tag/protests")
    assert looks_like_index("https://news.example/world/page/2")
    assert not looks_like_index("https://news.example/news/2023/01/02/fuel-protest")
    # a front page whose teasers are long enough to pass for text is still skipped
    teasers = "".join(f"<p>{s.text}</p>" for s in stories(3))
    front = f"<html><body><article>{teasers}</article></body></html>".encode()
    path = tmp_path / "c.warc.gz"
    path.write_bytes(warc_bytes([("response", "https://news.example/", front, "text/html")],
                                gzip=True))
    items, tally = _read(path)
    assert items == [] and dict(tally.skipped) == {"index page": 1}


def _record_starts(data: bytes, marker: bytes) -> list[int]:
    starts, at = [], data.find(marker)
    while at >= 0:
        starts.append(at)
        at = data.find(marker, at + 1)
    return starts


def _story_records(count: int) -> list[tuple[str, str, bytes, str]]:
    return [("response", BASE + s.id, page(s), "text/html") for s in stories(count)]


def _breakages() -> dict[str, tuple[bool, bytes]]:
    """name -> (gzip, damaged bytes), each with record 2 of 0..4 (or the cut tail) broken."""
    plain = warc_bytes(_story_records(5), gzip=False)
    starts = _record_starts(plain, b"WARC/1.0\r\n")
    length_at = plain.find(b"Content-Length: ", starts[2])
    line_end = plain.find(b"\r\n", length_at)
    packed = warc_bytes(_story_records(5), gzip=True)
    members = _record_starts(packed, b"\x1f\x8b\x08")
    return {
        "length past the end": (False, plain[:length_at] + b"Content-Length: 99999999"
                                + plain[line_end:]),
        "garbage header": (False, plain[:starts[2]] + b"GARBAGE!" + plain[starts[2] + 8:]),
        "cut file": (False, plain[:starts[4] + 700]),
        "damaged gzip member": (True, packed[:members[2] + 200] + bytes(40)
                                + packed[members[2] + 240:]),
        "cut gzip member": (True, packed[:members[4] + 300]),
    }


@pytest.mark.parametrize("name", list(_breakages()))
def test_one_broken_record_never_loses_the_others(tmp_path, name):
    gzip, data = _breakages()[name]
    path = tmp_path / ("broken.warc.gz" if gzip else "broken.warc")
    path.write_bytes(data)
    items, tally = _read(path)
    failures = [i for i in items if isinstance(i, Failure)]
    ids = [i.id.removeprefix(BASE) for i in items if isinstance(i, Article)]
    lost = "story-04" if "cut" in name else "story-02"
    assert ids == [s.id for s in stories(5) if s.id != lost]
    assert len(failures) == 1 and tally.skipped == {"broken": 1}
    assert "[EW100]" in failures[0].message and "broken WARC record at byte" in failures[0].message
    assert failures[0].message.isascii()


def test_garbage_between_gzip_members(tmp_path):
    packed = warc_bytes(_story_records(4), gzip=True)
    second = _record_starts(packed, b"\x1f\x8b\x08")[1]
    path = tmp_path / "junk.warc.gz"
    path.write_bytes(packed[:second] + b"junk" * 50 + packed[second:])
    items, tally = _read(path)
    assert [i.id.removeprefix(BASE) for i in items if isinstance(i, Article)] == \
        [s.id for s in stories(4)]
    assert tally.skipped == {"broken": 1}


def test_directories_pick_up_warc_files_and_missing_files_fail(tmp_path):
    (tmp_path / "crawl.warc.gz").write_bytes(warc_bytes(_story_records(2), gzip=True))
    (tmp_path / "notes.gz").write_bytes(b"not an input")
    items = list(read_inputs([tmp_path, tmp_path / "missing.warc"]))
    assert [type(i).__name__ for i in items] == ["Article", "Article", "Failure"]
    assert "no such file" in items[-1].message


@pytest.mark.slow
def test_extract_and_ingest_read_warc(tmp_path, capsys):
    from eventwire.cli import main

    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(warc_bytes(_records(3), gzip=True))
    assert main(["extract", str(path), "--workers", "1"]) == 0
    captured = capsys.readouterr()
    events = [json.loads(line) for line in captured.out.splitlines()]
    assert {e["doc_id"] for e in events} == {BASE + s.id for s in stories(3)}
    assert captured.err.strip().splitlines()[-1] == (
        "eventwire: warc: 3 articles, 4 skipped (1 http error, 1 no article text, "
        "1 not a response, 1 not html)")
    db = f"sqlite:///{tmp_path / 'w.db'}"
    assert main(["ingest", str(path), "--db", db, "--workers", "1"]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-2:] == ["eventwire: warc: 3 articles, 4 skipped (1 http error, 1 no article "
                        "text, 1 not a response, 1 not html)",
                        "eventwire: ingest: 3 new, 0 skipped-duplicate, 0 failed"]
    from eventwire.store import EventStore

    with EventStore.open(db) as store:
        rows = store.db.rows("SELECT doc_id, url, published FROM articles ORDER BY id")
    assert rows == [(BASE + s.id, BASE + s.id, s.published.isoformat()) for s in stories(3)]
