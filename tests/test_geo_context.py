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
