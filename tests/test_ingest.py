"""Input readers: files, directories, stdin, JSONL, HTML, and every bad-input Failure."""

from __future__ import annotations

import datetime as dt
import io
import json
import time
from pathlib import Path

import pytest

from eventwire.errors import ConfigError
from eventwire.ingest import read_inputs
from eventwire.ingest.text import looks_english
from eventwire.records import Article, Failure

ENGLISH = (
    "Thousands of protesters took to the streets of Almaty on Wednesday after the government "
    "lifted price caps on liquefied petroleum gas, which many residents use to fuel their cars. "
    "Police used tear gas and stun grenades against crowds that had gathered outside the city "
    "administration, and the interior ministry said that several officers had been injured."
)
ENGLISH_WIRE = (
    "KABUL, Aug 15 (Reuters) - Taliban fighters entered Kabul on Sunday, a senior Interior "
    "Ministry official said. Three officials said President Ashraf Ghani left Afghanistan for "
    "Tajikistan. Heavy fighting reported near airport; helicopters evacuating US embassy staff. "
    "Thousands flee provinces seeking shelter in capital city parks, mosques."
)
SPANISH = (
    "Miles de manifestantes salieron a las calles de Almaty el miércoles después de que el "
    "gobierno eliminara el tope de precios del gas licuado, que muchos residentes usan como "
    "combustible para sus coches. La policía utilizó gases lacrimógenos y granadas aturdidoras "
    "contra la multitud que se había reunido frente a la alcaldía, y el ministerio del interior "
    "dijo que varios agentes resultaron heridos."
)
GERMAN = (
    "Tausende Demonstranten sind am Mittwoch in Almaty auf die Straße gegangen, nachdem die "
    "Regierung die Preisobergrenze für Flüssiggas aufgehoben hatte, das viele Einwohner als "
    "Treibstoff für ihre Autos nutzen. Die Polizei setzte Tränengas und Blendgranaten gegen die "
    "Menge ein, die sich vor der Stadtverwaltung versammelt hatte, und das Innenministerium "
    "teilte mit, dass mehrere Beamte verletzt worden seien. Was die Regierung plant, ist unklar."
)
RUSSIAN = (
    "Тысячи протестующих вышли в среду на улицы Алматы после того, как правительство отменило "
    "ограничение цен на сжиженный газ, который многие жители используют в качестве топлива для "
    "своих автомобилей. Полиция применила слезоточивый газ и светошумовые гранаты против толпы, "
    "собравшейся у здания городской администрации, а министерство внутренних дел заявило, что "
    "несколько сотрудников получили ранения."
)

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Protesters clash with police in Almaty | World News</title>
<meta property="article:published_time" content="2022-01-05T18:30:00+00:00">
</head><body>
<header><nav><ul>
  <li><a href="/">Home</a></li><li><a href="/world">World</a></li>
  <li><a href="/sport">Sport</a></li><li><a href="/subscribe">Subscribe now</a></li>
</ul></nav></header>
<div class="ad">Advertisement: Buy cheap flights to Dubai today</div>
<main><article>
<h1>Protesters clash with police in Almaty</h1>
<p>Thousands of protesters gathered in central Almaty on Wednesday to demand lower fuel
prices, witnesses said, in the largest demonstrations the country has seen in decades.</p>
<p>Police fired tear gas and stun grenades to disperse the crowd near the city administration
building, and several cars were set on fire in the main square.</p>
<p>The interior ministry said that eight police officers were killed and more than three hundred
were injured in the unrest across the country.</p>
<p>President Kassym-Jomart Tokayev declared a state of emergency and asked a Russian-led
military alliance for help in restoring order.</p>
</article></main>
<aside class="related"><h2>You may also like</h2><ul>
  <li><a href="/travel/beaches">Ten best beaches in Europe for the summer</a></li>
  <li><a href="/food/chef">Celebrity chef opens a new restaurant in Paris</a></li>
  <li><a href="/tech/phone">The phone that everyone is talking about</a></li>
</ul></aside>
<footer><p>Copyright 2022 World News Corp. All rights reserved.</p></footer>
</body></html>
"""


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))
    return path


def articles(results: list[Article | Failure]) -> list[Article]:
    return [r for r in results if isinstance(r, Article)]


def failures(results: list[Article | Failure]) -> list[Failure]:
    return [r for r in results if isinstance(r, Failure)]


def read(*paths: Path | str, **kwargs: object) -> list[Article | Failure]:
    return list(read_inputs([str(p) for p in paths], **kwargs))  # type: ignore[arg-type]


def assert_one_line(failure: Failure) -> None:
    assert "\n" not in failure.message
    assert failure.message.startswith("[EW100] ")
    assert "Traceback" not in failure.message


# --------------------------------------------------------------------------- language check


@pytest.mark.parametrize("text", [ENGLISH, ENGLISH_WIRE])
def test_looks_english_accepts_english(text: str) -> None:
    assert looks_english(text)


@pytest.mark.parametrize("text", [SPANISH, GERMAN, RUSSIAN])
def test_looks_english_rejects_other_languages(text: str) -> None:
    assert not looks_english(text)


def test_looks_english_gives_short_texts_the_benefit_of_the_doubt() -> None:
    assert looks_english("Manifestantes en Almaty.")
    assert looks_english("")


# --------------------------------------------------------------------------- plain text


def test_text_file_becomes_article_with_file_name_id(tmp_path: Path) -> None:
    path = write(tmp_path / "kazakhstan_2022-01-06.txt", ENGLISH)
    [article] = read(path)
    assert isinstance(article, Article)
    assert article.id == "kazakhstan_2022-01-06.txt"
    assert article.text == ENGLISH
    assert article.source == str(path)
    assert article.published == dt.date(2022, 1, 6)


def test_crlf_normalised_and_bom_dropped_other_characters_kept(tmp_path: Path) -> None:
    raw = "\ufeff  Police said:\r\n\u201cTwo died\u201d in Almaty.\r\n\r\nMore\u00a0later.  "
    path = write(tmp_path / "a.txt", raw)
    [article] = read(path)
    assert isinstance(article, Article)
    assert article.text == "  Police said:\n\u201cTwo died\u201d in Almaty.\n\nMore\u00a0later.  "


def test_unknown_extension_read_as_text(tmp_path: Path) -> None:
    [article] = read(write(tmp_path / "wire.story", ENGLISH))
    assert isinstance(article, Article) and article.id == "wire.story"


# --------------------------------------------------------------------------- bad inputs


def make_batch(tmp_path: Path) -> dict[str, Path]:
    """One good file between every kind of bad file."""
    files = {
        "good1": write(tmp_path / "good1.txt", ENGLISH),
        "empty": write(tmp_path / "empty.txt", b""),
        "binary": write(tmp_path / "report.txt", b"%PDF-1.7\n\x00\x01\x02binary\x00stuff" * 20),
        "control": write(tmp_path / "ctrl.txt", bytes(range(1, 9)) * 200 + b"text"),
        "latin1": write(tmp_path / "latin1.txt", "Police in Bogot\u00e1 said".encode("latin-1")),
        "spanish": write(tmp_path / "es.txt", SPANISH),
        "russian": write(tmp_path / "ru.txt", RUSSIAN),
        "blank": write(tmp_path / "blank.txt", " \n\t\r\n  \n"),
        "html_empty": write(tmp_path / "empty.html", "<html><body><nav>Home</nav></body></html>"),
        "utf16": write(tmp_path / "u16.txt", "\ufeffPolice said".encode("utf-16")),
        "good2": write(tmp_path / "good2.txt", ENGLISH_WIRE),
    }
    return files


EXPECTED_MESSAGES = {
    "missing": "no such file; check the path",
    "empty": "empty file: nothing to code",
    "binary": "binary content, not text",
    "control": "binary content, not text",
    "latin1": "invalid UTF-8 at byte 15; re-encode the file as UTF-8 (e.g. iconv -f latin1",
    "spanish": "text looks like non-English (language check); eventwire codes English news only",
    "russian": "text looks like non-English (language check)",
    "blank": "no usable text",
    "html_empty": "no article text found in HTML",
    "utf16": "UTF-16 text, not UTF-8; re-encode the file as UTF-8",
}


def test_each_bad_input_gives_one_failure_and_the_batch_goes_on(tmp_path: Path) -> None:
    files = make_batch(tmp_path)
    files["missing"] = tmp_path / "nope.txt"
    order = ["good1", *EXPECTED_MESSAGES, "good2"]
    results = read(*(files[key] for key in order))
    assert len(results) == len(order)
    for key, result in zip(order, results, strict=True):
        if key.startswith("good"):
            assert isinstance(result, Article), result
            continue
        assert isinstance(result, Failure), (key, result)
        assert result.source == str(files[key])
        assert_one_line(result)
        assert str(files[key]) in result.message
        assert EXPECTED_MESSAGES[key] in result.message, (key, result.message)


def test_oversized_file_rejected_from_stat_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge_2022-01-06.txt"
    with open(path, "wb") as handle:  # sparse: 55 MB on paper, nothing written
        handle.truncate(55 * 1024 * 1024)
    good = write(tmp_path / "good.txt", ENGLISH)
    start = time.perf_counter()
    results = read(path, good)
    assert time.perf_counter() - start < 2.0
    [failure, article] = results
    assert isinstance(failure, Failure) and isinstance(article, Article)
    assert_one_line(failure)
    assert failure.message == (
        f"[EW100] {path}: file is 55 MB, over the 50 MB limit; split it or pass --max-bytes"
    )


def test_max_bytes_parameter(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "x" * 2000)
    [failure] = read(path, max_bytes=1024)
    assert isinstance(failure, Failure)
    assert failure.message.endswith(
        "a.txt: file is 2000 bytes, over the 1024 bytes limit; split it or pass --max-bytes"
    )
    [too_long] = read("-", stdin=io.StringIO("y" * 2000), max_bytes=1024)
    assert isinstance(too_long, Failure)
    assert "stdin: input is over the 1024 bytes limit" in too_long.message
    with pytest.raises(ConfigError):
        read_inputs([str(path)], max_bytes=0)


# --------------------------------------------------------------------------- directories


def test_directory_recursion_sorted_filtered_hidden_skipped(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    for rel in [
        "b.txt", "a.html", "sub/z.md", "sub/deeper/c.text", "a2/x.txt", ".hidden.txt",
        ".git/config.txt", "notes.pdf", "image.png", "data.jsonl", "C.TXT",
    ]:
        content = ARTICLE_HTML if rel.endswith("html") else ENGLISH
        if rel.endswith("jsonl"):
            content = json.dumps({"id": "j1", "text": ENGLISH}) + "\n"
        write(root / rel, content)
    results = read(root)
    assert all(isinstance(r, Article) for r in results), failures(results)
    assert [Path(str(r.source)).relative_to(root).as_posix() for r in articles(results)] == [
        "C.TXT", "a.html", "b.txt", "data.jsonl", "a2/x.txt", "sub/z.md", "sub/deeper/c.text",
    ]
    assert results == read(root)  # stable


def test_empty_directory_is_one_failure(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    write(tmp_path / "d" / "x.pdf", b"%PDF")
    [failure] = read(tmp_path / "d")
    assert isinstance(failure, Failure)
    assert "directory has no" in failure.message
    assert_one_line(failure)


def test_directory_with_bad_files_keeps_going(tmp_path: Path) -> None:
    make_batch(tmp_path)
    results = read(tmp_path)
    assert [a.id for a in articles(results)] == ["good1.txt", "good2.txt"]
    assert len(failures(results)) == 9
    for failure in failures(results):
        assert_one_line(failure)


# --------------------------------------------------------------------------- JSONL / JSON


def test_jsonl_lines_and_line_errors(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a1", "text": ENGLISH, "published": "2022-01-05", "url": "http://x/1",
                    "title": "Unrest"}),
        "",
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"id": "no-text"}),
        json.dumps({"id": "bad-date", "text": ENGLISH, "published": "5 Jan 2022"}),
        json.dumps({"text": ENGLISH_WIRE, "published": "2022-01-07T23:10:00Z"}),
        json.dumps({"id": "es", "text": SPANISH}),
        json.dumps({"id": "num-text", "text": 42}),
        json.dumps({"id": "plain", "text": ENGLISH}),
    ]
    path = write(tmp_path / "feed.jsonl", "\r\n".join(lines) + "\n")
    results = read(path, published=dt.date(2021, 12, 31))
    assert len(results) == 9
    good = articles(results)
    assert [a.id for a in good] == ["a1", "feed.jsonl:7", "plain"]
    assert good[0].published == dt.date(2022, 1, 5)
    assert good[0].url == "http://x/1" and good[0].title == "Unrest"
    assert good[1].published == dt.date(2022, 1, 7)
    assert good[2].published == dt.date(2021, 12, 31)  # argument as fallback
    bad = {f.source: f.message for f in failures(results)}
    assert set(bad) == {f"{path}:{n}" for n in (3, 4, 5, 6, 8, 9)}
    assert "not valid JSON" in bad[f"{path}:3"]
    assert "expected a JSON object, got list" in bad[f"{path}:4"]
    assert 'no "text" field' in bad[f"{path}:5"]
    assert "invalid published date '5 Jan 2022'; use YYYY-MM-DD" in bad[f"{path}:6"]
    assert "non-English" in bad[f"{path}:8"]
    assert '"text" is not a string' in bad[f"{path}:9"]
    for failure in failures(results):
        assert_one_line(failure)
        assert failure.message.startswith(f"[EW100] {failure.source}: ")


def test_jsonl_publisher_locale(tmp_path: Path) -> None:
    lines = [json.dumps({"id": "ok", "text": ENGLISH, "locale": "us"}),
             json.dumps({"id": "bad", "text": ENGLISH, "locale": "USA"})]
    path = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    ok, bad = read(path)
    assert isinstance(ok, Article) and ok.locale == "US"
    assert isinstance(bad, Failure) and "two-letter ISO code" in bad.message
    assert_one_line(bad)


def test_jsonl_filename_date_is_last_resort(tmp_path: Path) -> None:
    path = write(tmp_path / "feed_2022-03-04.jsonl", json.dumps({"text": ENGLISH}) + "\n")
    [article] = read(path)
    assert isinstance(article, Article) and article.published == dt.date(2022, 3, 4)


def test_json_file_object_or_list(tmp_path: Path) -> None:
    one = write(tmp_path / "one.json", json.dumps({"text": ENGLISH, "id": "o"}))
    many = write(tmp_path / "many.json", json.dumps([{"text": ENGLISH}, {"x": 1}]))
    results = read(one, many)
    assert [getattr(r, "id", None) for r in results] == ["o", "many.json:1", None]
    assert isinstance(results[2], Failure) and results[2].source == f"{many}:2"


def test_jsonl_keeps_unicode_line_separators_inside_text(tmp_path: Path) -> None:
    text = ENGLISH + "\u2028Second line."
    path = write(tmp_path / "f.jsonl", json.dumps({"text": text}, ensure_ascii=False) + "\n")
    [article] = read(path)
    assert isinstance(article, Article) and article.text == text


# --------------------------------------------------------------------------- stdin


def test_stdin_plain_text() -> None:
    [article] = read("-", stdin=io.StringIO(ENGLISH + "\r\n"))
    assert isinstance(article, Article)
    assert (article.id, article.source, article.text) == ("stdin", "-", ENGLISH + "\n")


def test_stdin_jsonl_when_every_line_is_an_article() -> None:
    data = "\n".join(json.dumps({"id": f"s{i}", "text": ENGLISH}) for i in range(3)) + "\n\n"
    results = read("-", stdin=io.BytesIO(data.encode()), published=dt.date(2022, 1, 1))
    assert [a.id for a in articles(results)] == ["s0", "s1", "s2"]
    assert all(a.published == dt.date(2022, 1, 1) for a in articles(results))


def test_stdin_mixed_lines_is_plain_text() -> None:
    data = json.dumps({"id": "s", "text": ENGLISH}) + "\nand a plain line\n"
    [article] = read("-", stdin=io.StringIO(data))
    assert isinstance(article, Article) and article.id == "stdin" and article.text == data


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "stdin: empty input: nothing to code"),
        (b"caf\xe9 police", "stdin: invalid UTF-8 at byte 3"),
        (b"\x00\x01\x02", "stdin: binary content"),
    ],
)
def test_stdin_failures(data: bytes, message: str) -> None:
    [failure] = read("-", stdin=io.BytesIO(data))
    assert isinstance(failure, Failure) and failure.source == "-"
    assert message in failure.message
    assert_one_line(failure)


# --------------------------------------------------------------------------- HTML


def test_html_boilerplate_removed_and_metadata_used(tmp_path: Path) -> None:
    path = write(tmp_path / "almaty_2022-01-09.html", ARTICLE_HTML)
    [article] = read(path, published=dt.date(2022, 1, 8))
    assert isinstance(article, Article), article
    assert article.id == "almaty_2022-01-09.html"
    for sentence in [
        "Thousands of protesters gathered in central Almaty on Wednesday",
        "Police fired tear gas and stun grenades",
        "eight police officers were killed",
        "declared a state of emergency",
    ]:
        assert sentence in article.text.replace("\n", " ")
    for junk in ["You may also like", "beaches", "Celebrity chef", "Subscribe", "Sport",
                 "Advertisement", "Copyright"]:
        assert junk not in article.text
    assert article.title is not None and "Almaty" in article.title
    assert article.published == dt.date(2022, 1, 5)  # page metadata beats argument and name


def test_html_without_metadata_falls_back_to_argument_then_file_name(tmp_path: Path) -> None:
    page = ARTICLE_HTML.replace(
        '<meta property="article:published_time" content="2022-01-05T18:30:00+00:00">', ""
    ).replace("Copyright 2022 ", "")
    path = write(tmp_path / "page_2022-01-09.htm", page)
    [with_arg] = read(path, published=dt.date(2022, 1, 8))
    [without] = read(path)
    assert isinstance(with_arg, Article) and with_arg.published == dt.date(2022, 1, 8)
    assert isinstance(without, Article) and without.published == dt.date(2022, 1, 9)


def test_latin1_html_uses_declared_charset(tmp_path: Path) -> None:
    page = ARTICLE_HTML.replace('charset="utf-8"', 'charset="iso-8859-1"').replace(
        "central Almaty", "central Bogot\u00e1"
    )
    path = write(tmp_path / "latin.html", page.encode("latin-1"))
    [article] = read(path)
    assert isinstance(article, Article), article
    assert "central Bogot\u00e1" in article.text


def test_published_precedence_text_file(tmp_path: Path) -> None:
    named = write(tmp_path / "k_2022-01-06.txt", ENGLISH)
    plain = write(tmp_path / "k.txt", ENGLISH)
    [a, b] = read(named, plain)
    [c] = read(named, published=dt.date(2020, 5, 5))
    assert isinstance(a, Article) and a.published == dt.date(2022, 1, 6)
    assert isinstance(b, Article) and b.published is None
    assert isinstance(c, Article) and c.published == dt.date(2020, 5, 5)


def test_corpus_style_doc_id_and_date_are_accepted(tmp_path):
    import json as _json

    from eventwire.ingest import read_inputs as _read

    f = tmp_path / "corpus.jsonl"
    f.write_text(_json.dumps({"doc_id": "4045", "date": "2009-03-20 12:24:52-05",
                              "text": "Police arrested three men in Dayton on Friday."}) + "\n")
    (article,) = list(_read([str(f)]))
    assert article.id == "4045" and str(article.published) == "2009-03-20"
