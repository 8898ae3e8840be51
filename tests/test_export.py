"""Exporters: JSONL round trip, ACLED CSV columns and values, GeoJSON geometry."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.errors import ConfigError
from eventwire.export import (
    ACLED_COLUMNS,
    ACLED_REGION_BY_ISO2,
    FORMATS,
    ExportCount,
    acled_event_number,
    inter_code,
    interaction_code,
    write_acled_csv,
    write_events,
    write_geojson,
    write_jsonl,
)
from eventwire.records import Actor, Event, Evidence, Location

EXPECTED_ACLED_HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
    "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,"
    "iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,"
    "source_scale,notes,fatalities,tags,timestamp"
)

ALMATY = Location(
    name="Almaty", geonameid=1526384, lat=43.25654, lon=76.92848, country_code="KZ",
    admin1="Almaty", geo_precision=1, reason="city named in the lead sentence",
)  # fmt: skip
POLICE = Actor(text="police", name="Police Forces of Kazakhstan", country="KZ", sector="COP")
CSTO = Actor(text="CSTO troops", name="CSTO", country="CSTO", sector="IGO")
PROTESTERS = Actor(text="protesters", name="Protesters (Kazakhstan)", country="KZ", sector="PRO")
CIVILIANS = Actor(text="residents", name="Civilians (Kazakhstan)", country="KZ", sector="CVL")


def make_event(**changes: Any) -> Event:
    base = Event(
        id="kazakhstan_2022-01-06.txt#1",
        doc_id="kazakhstan_2022-01-06.txt",
        event_type="ASSAULT",
        mode="firearms",
        context=["unrest", "emergency"],
        acled_event_type="Violence against civilians",
        acled_sub_event_type="Attack",
        disorder_type="Political violence",
        date="2022-01-06",
        time_precision=1,
        location=ALMATY,
        actors=[POLICE, CSTO],
        recipients=[CIVILIANS],
        dead=8,
        injured=300,
        evidence=[
            Evidence(text="Police opened fire on residents in Almaty.", start=10, end=53),
            Evidence(text="Eight people were killed.", start=54, end=79),
        ],
        confidence=0.82,
    )
    return dataclasses.replace(base, **changes)


def parse_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# --------------------------------------------------------------------------- JSONL


def test_jsonl_round_trip_keys_and_nesting() -> None:
    events = [make_event(), make_event(id="e2", location=None, actors=[], evidence=[])]
    out = io.StringIO()
    assert write_jsonl(events, out) == ExportCount(written=2, skipped=0)
    lines = out.getvalue().splitlines()
    assert len(lines) == 2
    first = json.loads(lines[0])
    assert list(first) == [f.name for f in dataclasses.fields(Event)]
    assert first == events[0].as_dict()
    assert first["location"]["lat"] == 43.25654
    assert first["actors"][1] == {"text": "CSTO troops", "name": "CSTO", "country": "CSTO",
                                  "sector": "IGO"}
    assert first["evidence"][0] == {"text": "Police opened fire on residents in Almaty.",
                                    "start": 10, "end": 53}
    assert json.loads(lines[1])["location"] is None


def test_jsonl_keeps_non_ascii_and_escapes_unicode_line_breaks() -> None:
    event = make_event(evidence=[Evidence(text="Алматы\u2028next", start=0, end=11)])
    out = io.StringIO()
    write_jsonl([event], out)
    assert "Алматы" in out.getvalue()
    assert "\u2028" not in out.getvalue()
    [line] = out.getvalue().splitlines()
    assert json.loads(line)["evidence"][0]["text"] == "Алматы\u2028next"


safe_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
finite = st.floats(allow_nan=False, allow_infinity=False)
optional_int = st.none() | st.integers(min_value=0, max_value=10**12)
actors = st.builds(
    Actor,
    text=safe_text,
    name=safe_text,
    country=st.none() | st.sampled_from(["KZ", "RU", "CSTO", "us"]),
    sector=st.none() | st.sampled_from(["GOV", "COP", "REB", "PRO", "CVL", "IGO", "XYZ"]),
)
locations = st.builds(
    Location,
    name=safe_text,
    geonameid=st.none() | st.integers(min_value=0, max_value=2**40),
    lat=st.floats(min_value=-90, max_value=90),
    lon=st.floats(min_value=-180, max_value=180),
    country_code=st.sampled_from(["KZ", "SY", "", "XK", "ZZ"]),
    admin1=safe_text,
    geo_precision=st.integers(min_value=1, max_value=3),
    reason=safe_text,
)
evidence = st.builds(
    Evidence, text=safe_text, start=st.integers(0, 10**6), end=st.integers(0, 10**6)
)
events = st.builds(
    Event,
    id=safe_text,
    doc_id=safe_text,
    event_type=safe_text,
    mode=st.none() | safe_text,
    context=st.lists(safe_text, max_size=3),
    acled_event_type=st.none() | st.sampled_from(["Protests", "Riots", "Battles"]),
    acled_sub_event_type=st.none() | safe_text,
    disorder_type=st.none() | safe_text,
    date=st.none() | st.dates().map(lambda d: d.isoformat()) | safe_text,
    time_precision=st.none() | st.integers(1, 3),
    location=st.none() | locations,
    actors=st.lists(actors, max_size=3),
    recipients=st.lists(actors, max_size=3),
    dead=optional_int,
    injured=optional_int,
    arrested=optional_int,
    size=optional_int,
    negated=st.booleans(),
    hypothetical=st.booleans(),
    historical=st.booleans(),
    evidence=st.lists(evidence, max_size=3),
    confidence=finite,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(events, max_size=4))
def test_jsonl_export_parse_is_identity(generated: list[Event]) -> None:
    out = io.StringIO()
    write_jsonl(generated, out)
    parsed = [json.loads(line) for line in out.getvalue().splitlines()]
    assert parsed == [event.as_dict() for event in generated]


@settings(max_examples=60, deadline=None)
@given(st.lists(events, max_size=4))
def test_every_format_writes_generated_events(generated: list[Event]) -> None:
    for fmt in FORMATS:
        out = io.StringIO()
        count = write_events(generated, out, fmt, timestamp=0)
        assert count.written + count.skipped == len(generated)
    out = io.StringIO()
    write_geojson(generated, out)
    assert len(json.loads(out.getvalue())["features"]) == sum(
        e.location is not None for e in generated
    )


# --------------------------------------------------------------------------- ACLED CSV


def test_acled_header_order_exact() -> None:
    out = io.StringIO()
    write_acled_csv([], out, timestamp=0)
    assert out.getvalue() == EXPECTED_ACLED_HEADER + "\n"
    assert ",".join(ACLED_COLUMNS) == EXPECTED_ACLED_HEADER


def test_acled_row_values() -> None:
    out = io.StringIO()
    count = write_acled_csv([make_event()], out, timestamp=1700000000)
    assert count == ExportCount(written=1, skipped=0)
    [row] = parse_csv(out.getvalue())
    number = acled_event_number("kazakhstan_2022-01-06.txt#1")
    assert row == {
        "event_id_cnty": f"KAZ{number}",
        "event_date": "2022-01-06",
        "year": "2022",
        "time_precision": "1",
        "disorder_type": "Political violence",
        "event_type": "Violence against civilians",
        "sub_event_type": "Attack",
        "actor1": "Police Forces of Kazakhstan",
        "assoc_actor_1": "CSTO",
        "inter1": "1",
        "actor2": "Civilians (Kazakhstan)",
        "assoc_actor_2": "",
        "inter2": "7",
        "interaction": "17",
        "civilian_targeting": "Civilian targeting",
        "iso": "398",
        "region": "Caucasus and Central Asia",
        "country": "Kazakhstan",
        "admin1": "Almaty",
        "admin2": "",
        "admin3": "",
        "location": "Almaty",
        "latitude": "43.25654",
        "longitude": "76.92848",
        "geo_precision": "1",
        "source": "kazakhstan_2022-01-06.txt",
        "source_scale": "",
        "notes": "Police opened fire on residents in Almaty.",
        "fatalities": "8",
        "tags": "",
        "timestamp": "1700000000",
    }


def test_acled_event_id_is_stable_and_numeric() -> None:
    a, b = acled_event_number("doc#1"), acled_event_number("doc#1")
    assert a == b and 0 <= a < 10**8
    assert acled_event_number("doc#2") != a


def test_acled_protest_without_recipient_and_skips_non_acled() -> None:
    protest = make_event(
        acled_event_type="Protests", acled_sub_event_type="Peaceful protest",
        disorder_type="Demonstrations", actors=[PROTESTERS], recipients=[], dead=None,
        evidence=[],
    )  # fmt: skip
    out = io.StringIO()
    count = write_acled_csv([protest, make_event(acled_event_type=None)], out, timestamp=5)
    assert count == ExportCount(written=1, skipped=1)
    [row] = parse_csv(out.getvalue())
    assert (row["inter1"], row["inter2"], row["interaction"]) == ("6", "0", "60")
    assert row["civilian_targeting"] == ""
    assert row["fatalities"] == "0"
    assert row["notes"] == ""


def test_acled_without_location() -> None:
    out = io.StringIO()
    write_acled_csv([make_event(location=None)], out, timestamp=5)
    [row] = parse_csv(out.getvalue())
    assert row["event_id_cnty"].startswith("XXX")
    assert row["country"] == row["latitude"] == row["iso"] == row["region"] == ""


@pytest.mark.parametrize(
    ("code", "name", "iso", "region"),
    [
        ("RU", "Russia", "643", "Europe"),
        ("SY", "Syria", "760", "Middle East"),
        ("AF", "Afghanistan", "4", "South Asia"),
        ("CD", "Democratic Republic of Congo", "180", "Middle Africa"),
        ("MX", "Mexico", "484", "Central America"),
        ("GE", "Georgia", "268", "Caucasus and Central Asia"),
        ("XK", "Kosovo", "0", "Europe"),
    ],
)
def test_acled_country_columns(code: str, name: str, iso: str, region: str) -> None:
    location = dataclasses.replace(ALMATY, country_code=code)
    out = io.StringIO()
    write_acled_csv([make_event(location=location)], out, timestamp=0)
    [row] = parse_csv(out.getvalue())
    assert (row["country"], row["iso"], row["region"]) == (name, iso, region)


def test_region_table_covers_acled_regions() -> None:
    assert set(ACLED_REGION_BY_ISO2.values()) >= {
        "Western Africa", "Middle Africa", "Eastern Africa", "Southern Africa",
        "Northern Africa", "Middle East", "South Asia", "Caucasus and Central Asia",
        "Southeast Asia", "East Asia", "Europe", "North America", "Central America",
        "South America", "Caribbean", "Oceania",
    }  # fmt: skip
    for code in ("KZ", "KG", "TJ", "TM", "UZ", "AM", "AZ", "GE"):
        assert ACLED_REGION_BY_ISO2[code] == "Caucasus and Central Asia"


@pytest.mark.parametrize(
    ("sector", "country", "expected"),
    [
        ("GOV", "KZ", 1), ("MIL", "KZ", 1), ("SPY", "KZ", 1), ("MIL", "RU", 8),
        ("REB", "KZ", 2), ("RIO", "KZ", 5), ("PRO", "KZ", 6), ("OPP", None, 6),
        ("CVL", "KZ", 7), ("BUS", "KZ", 7), ("IGO", "UN", 8), (None, "KZ", None),
        ("XYZ", "KZ", None), ("cop", "kz", 1),
    ],
)  # fmt: skip
def test_inter_codes(sector: str | None, country: str | None, expected: int | None) -> None:
    actor = Actor(text="x", name="x", country=country, sector=sector)
    assert inter_code(actor, "KZ") == expected


def test_interaction_codes() -> None:
    assert interaction_code(7, 1) == "17"
    assert interaction_code(1, 1) == "11"
    assert interaction_code(6, 0) == "60"
    assert interaction_code(None, 1) == ""


# --------------------------------------------------------------------------- GeoJSON


def test_geojson_point_lon_lat_and_flat_properties() -> None:
    events = [make_event(), make_event(id="no-loc", location=None)]
    out = io.StringIO()
    assert write_geojson(events, out) == ExportCount(written=1, skipped=1)
    collection = json.loads(out.getvalue())
    assert collection["type"] == "FeatureCollection"
    [feature] = collection["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [76.92848, 43.25654]}
    props = feature["properties"]
    assert props["id"] == "kazakhstan_2022-01-06.txt#1"
    assert props["location_name"] == "Almaty"
    assert props["location_geonameid"] == 1526384
    assert props["location_reason"] == "city named in the lead sentence"
    assert "location" not in props
    assert props["actors"] == "Police Forces of Kazakhstan; CSTO"
    assert json.loads(props["actors_json"])[0]["sector"] == "COP"
    assert props["recipients"] == "Civilians (Kazakhstan)"
    assert props["context"] == "unrest; emergency"
    assert json.loads(props["evidence"])[1]["text"] == "Eight people were killed."
    assert props["dead"] == 8 and props["negated"] is False
    flat = (str, int, float, bool, type(None))
    assert all(isinstance(value, flat) for value in props.values())


def test_geojson_empty_collection_is_valid() -> None:
    out = io.StringIO()
    write_geojson([], out)
    assert json.loads(out.getvalue()) == {"type": "FeatureCollection", "features": []}


# --------------------------------------------------------------------------- dispatch


def test_write_events_dispatch_and_unknown_format() -> None:
    for fmt in FORMATS:
        out = io.StringIO()
        assert write_events([make_event()], out, fmt, timestamp=1).written == 1
    with pytest.raises(ConfigError) as info:
        write_events([], io.StringIO(), "x")
    assert str(info.value) == "[EW200] unknown format 'x'; choose one of jsonl, acled, geojson"
