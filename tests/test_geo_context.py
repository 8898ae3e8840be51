"""Document context, name rules and recognition cues of the geoparser."""

from __future__ import annotations

from typing import Any

import pytest

from eventwire.geo.gazetteer import Gazetteer
from eventwire.geo.resolve import Geoparser
from eventwire.records import Place, Sentence


@pytest.fixture(scope="module")
def geoparser(pipeline: Any) -> Geoparser:
    return pipeline.geoparser


def _spans(text: str, *names: str) -> list[tuple[int, int]]:
    out = []
    for name in names:
        i = text.index(name)
        out.append((i, i + len(name)))
    return out


def _parse(pipeline: Any, text: str) -> list[Place]:
    doc = pipeline.nlp(text)
    sents = [Sentence(start=s.start_char, end=s.end_char, text=s.text, index=i)
             for i, s in enumerate(doc.sents)]
    return pipeline.geoparser(text, doc, sents)


def test_agreeing_readings_beat_population(geoparser: Geoparser) -> None:
    text = "Residents of Paris and Henry County gathered downtown."
    paris, henry = geoparser.resolve_spans(text, _spans(text, "Paris", "Henry County"))
    assert (paris.entry.country_code, paris.entry.admin1) == ("US", "Tennessee")
    assert henry.entry.admin1 == "Tennessee"


def test_famous_place_without_context(geoparser: Geoparser) -> None:
    text = "The summit was held in Paris."
    (paris,) = geoparser.resolve_spans(text, _spans(text, "Paris"))
    assert paris.entry.country_code == "FR"


def test_demonym_over_minor_namesake(geoparser: Geoparser) -> None:
    text = "A Canadian firm bid."
    (place,) = geoparser.resolve_spans(text, _spans(text, "Canadian"))
    assert place.entry.feature_code == "PCLI" and place.entry.country_code == "CA"


def test_display_name_beats_other_primary_name(geoparser: Geoparser) -> None:
    text = "Talks resumed in Jerusalem on Monday."
    (place,) = geoparser.resolve_spans(text, _spans(text, "Jerusalem"))
    assert place.entry.country_code == "IL" and place.entry.feature_class == "P"


def test_region_within_one_country_has_it(pipeline: Any) -> None:
    gaz: Gazetteer = pipeline.gazetteer
    assert gaz.candidates("Darfur")[0].country_code == "SD"
    assert gaz.candidates("NSW")[0].name == "New South Wales"


def test_dateline_and_organisation_places(pipeline: Any) -> None:
    text = ("Budget approved. TORRINGTON — The council met on Monday. "
            "Officers from the Danbury Police Department said a man was held.")
    got = {p.text: p.entry for p in _parse(pipeline, text)}
    assert got["TORRINGTON"].admin1 == "Connecticut"
    assert "Danbury" in got


def test_surname_is_not_a_place(pipeline: Any) -> None:
    text = "Gail Shelby opened the meeting. Later Shelby thanked the volunteers."
    assert not [p for p in _parse(pipeline, text) if p.text == "Shelby"]


def test_name_accepted_once_is_a_place_again(pipeline: Any) -> None:
    text = "Budget approved. TORRINGTON — The board met. Later the Torrington Senior Center opened."
    got = [p.text for p in _parse(pipeline, text)]
    assert "TORRINGTON" in got and "Torrington" in got


def test_neighbouring_countries_support(geoparser: Geoparser) -> None:
    from eventwire.geo.context import context_score, country_support

    gaz = geoparser.gaz
    gaza = next(e for e in gaz.candidates("Gaza") if e.country_code == "PS")
    mozambique = next(e for e in gaz.candidates("Gaza") if e.country_code == "MZ")
    others = [country_support("israel", "IL"), country_support("egypt", "EG")]
    near = context_score(gaza, others, geoparser.neighbours["PS"])
    assert 0 < near < context_score(gaza, [country_support("ps", "PS")] * 2)
    assert context_score(mozambique, others, geoparser.neighbours["MZ"]) == 0


def test_small_admin_area_does_not_hide_a_demonym(geoparser: Geoparser) -> None:
    text = "The German minister arrived."
    (place,) = geoparser.resolve_spans(text, _spans(text, "German"))
    assert (place.entry.country_code, place.entry.feature_code) == ("DE", "PCLI")


@pytest.mark.parametrize("text,name,code", [
    ("Pirates attacked ships in the Red Sea.", "Red Sea", "SEA"),
    ("Washington's envoy toured the Middle East.", "Middle East", "RGN"),
])
def test_wide_feature_beats_its_namesakes(geoparser: Geoparser, text: str, name: str,
                                          code: str) -> None:
    (place,) = geoparser.resolve_spans(text, _spans(text, name))
    assert place.entry.feature_code == code and place.entry.country_code == ""


def test_division_and_continent_demonyms(pipeline: Any) -> None:
    text = ("Thousands of Ohioans voted on Tuesday, while Europeans watched. "
            "An African-American pastor spoke.")
    got = {p.text: p.entry for p in _parse(pipeline, text)}
    assert (got["Ohioans"].feature_code, got["Ohioans"].admin1) == ("ADM1", "Ohio")
    assert got["Europeans"].feature_code == "CONT"
    assert not any(t.startswith("African") for t in got)


def test_country_of_url() -> None:
    from eventwire.geo.locale import country_of_url, publisher_country
    from eventwire.records import Article

    assert country_of_url("https://www.bbc.co.uk/news/1") == "GB"
    assert country_of_url("http://lematin.ma/a") == "MA"
    assert country_of_url("https://example.com/a") is None
    assert country_of_url("https://news.example.io/a") is None  # generic use of a ccTLD
    assert country_of_url("not a url") is None
    assert publisher_country(Article(id="a", text="x", url="https://x.ca/", locale="US")) == "US"


def test_publisher_locale_is_country_context(pipeline: Any) -> None:
    text = "Mansfield council members met on Monday to discuss the budget."
    doc = pipeline.nlp(text)
    sents = [Sentence(start=s.start_char, end=s.end_char, text=s.text, index=i)
             for i, s in enumerate(doc.sents)]
    plain = {p.text: p.entry.country_code for p in pipeline.geoparser(text, doc, sents)}
    local = {p.text: p.entry.country_code
             for p in pipeline.geoparser(text, doc, sents, locale="US")}
    assert plain["Mansfield"] == "GB" and local["Mansfield"] == "US"
