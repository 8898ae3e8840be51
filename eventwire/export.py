"""Exporters: coded ``Event`` records to JSON Lines, ACLED-style CSV, or GeoJSON.

Every writer takes an iterable of events and a text stream, streams its output (nothing is
held in memory beyond one event), and returns an :class:`ExportCount`.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, TextIO

from eventwire.errors import ConfigError
from eventwire.records import Actor, Event, Location

logger = logging.getLogger(__name__)

FORMATS = ("jsonl", "acled", "geojson")

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip

# ACLED's region names, each with the ISO 3166-1 alpha-2 codes it covers.
_ACLED_REGIONS: tuple[tuple[str, str], ...] = (
    ("Western Africa", "BJ BF CV CI GM GH GN GW LR ML MR NE NG SN SL TG SH"),
    ("Middle Africa", "AO CM CF TD CG CD GQ GA ST"),
    ("Eastern Africa", "BI KM DJ ER ET KE MG MW MU YT MZ RE RW SC SO SS TZ UG ZM ZW IO TF"),
    ("Southern Africa", "BW LS NA ZA SZ"),
    ("Northern Africa", "DZ EG LY MA SD TN EH"),
    ("Middle East", "BH IR IQ IL JO KW LB OM PS QA SA SY TR AE YE"),
    ("South Asia", "AF BD BT IN MV NP PK LK"),
    ("Caucasus and Central Asia", "KZ KG TJ TM UZ AM AZ GE"),
    ("Southeast Asia", "BN KH ID LA MY MM PH SG TH TL VN"),
    ("East Asia", "CN HK MO TW JP KP KR MN"),
    (
        "Europe",
        "AL AD AT AX BY BE BA BG HR CY CZ DK EE FO FI FR DE GI GR GG HU IS IE IM IT JE XK LV "
        "LI LT LU MT MD MC ME NL MK NO PL PT RO RU SM RS SK SI ES SJ SE CH UA GB VA",
    ),
    ("North America", "US CA GL BM PM UM"),
    ("Central America", "MX BZ CR SV GT HN NI PA"),
    ("South America", "AR BO BR CL CO EC FK GF GY PY PE SR UY VE GS"),
    (
        "Caribbean",
        "AG AI AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI",
    ),
    (
        "Oceania",
        "AU NZ FJ PG SB VU NC PF WS TO KI FM MH NR PW TV CK NU AS GU MP WF TK NF PN CX CC HM",
    ),
    ("Antarctica", "AQ BV"),
)

ACLED_REGION_BY_ISO2: MappingProxyType[str, str] = MappingProxyType(
    {code: region for region, codes in _ACLED_REGIONS for code in codes.split()}
)

# PLOVER actor sector -> ACLED inter code. Foreign state forces and IGOs become 8 (see inter_code).
_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
_INTER_BY_SECTOR: MappingProxyType[str, int] = MappingProxyType(
    {
        **{sector: 1 for sector in _STATE_SECTORS},
        "REB": 2, "INS": 2, "SEP": 2,  # rebel groups
        "PMI": 3, "MILITIA": 3, "PMIL": 3, "MLT": 3,  # political militias
        "UAF": 3, "CRM": 3,  # unidentified armed groups and gangs (ACLED codes them as 3)
        "IMI": 4, "IDM": 4, "COM": 4,  # identity / communal militias
        "RIO": 5,  # rioters
        "PRO": 6, "OPP": 6,  # protesters, opposition in the street
        **{sector: 7 for sector in (
            "CVL", "BUS", "MED", "EDU", "HLH", "LAB", "REF", "REL", "NGO", "AGR", "ENV", "HRI",
            "JRN", "ELI", "MOD", "RAD", "ETH",
        )},  # civilians and civil society
        "IGO": 8, "PKO": 8, "PMC": 8, "MNC": 8,  # external / other forces
    }
)  # fmt: skip
CIVILIAN_TARGETING = "Civilian targeting"
VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"


@dataclass(slots=True, frozen=True)
class ExportCount:
    """How many events a writer wrote, and how many it skipped (and why, in the log)."""

    written: int
    skipped: int


# --------------------------------------------------------------------------- JSON Lines

# Characters that JSON leaves raw but that str.splitlines() treats as line breaks.
_LINE_BREAK_ESCAPES = (("\x85", "\\u0085"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def event_json(event: Event) -> str:
    """One event as a single JSON line (no newline); non-ASCII kept, Unicode line breaks escaped.

    The raw characters can only occur inside JSON strings, so escaping them keeps the value.
    """
    line = json.dumps(event.as_dict(), ensure_ascii=False)
    for raw, escaped in _LINE_BREAK_ESCAPES:
        line = line.replace(raw, escaped)
    return line


def write_jsonl(events: Iterable[Event], out: TextIO) -> ExportCount:
    """One JSON object per line; keys are exactly the Event field names (nested as in as_dict)."""
    written = 0
    for event in events:
        out.write(event_json(event) + "\n")
        written += 1
    return ExportCount(written=written, skipped=0)


# --------------------------------------------------------------------------- ACLED CSV


@dataclass(slots=True, frozen=True)
class AcledCountry:
    """A country as ACLED writes it."""

    name: str
    iso: str  # ISO 3166 numeric without leading zeros ("4" for Afghanistan)
    iso3: str


# ACLED's short names where they differ from pycountry's name/common_name; Kosovo is not in ISO.
_ACLED_COUNTRY_NAMES: MappingProxyType[str, str] = MappingProxyType(
    {
        "RU": "Russia", "CD": "Democratic Republic of Congo", "CG": "Republic of Congo",
        "PS": "Palestine", "CI": "Ivory Coast", "CZ": "Czech Republic", "TR": "Turkey",
        "BN": "Brunei", "CV": "Cape Verde", "FM": "Micronesia", "VA": "Vatican City",
        "SZ": "eSwatini", "TW": "Taiwan", "GM": "Gambia", "BS": "Bahamas", "MM": "Myanmar",
    }
)  # fmt: skip


def acled_country(iso2: str) -> AcledCountry | None:
    """ACLED's name, numeric ISO code and ISO3 for an alpha-2 code; None when unknown."""
    import pycountry  # deferred: loads its JSON database on first use

    code = iso2.upper()
    if code == "XK":
        return AcledCountry(name="Kosovo", iso="0", iso3="XKX")
    country = pycountry.countries.get(alpha_2=code) if len(code) == 2 else None
    if country is None:
        return None
    name = _ACLED_COUNTRY_NAMES.get(code) or getattr(country, "common_name", None) or country.name
    return AcledCountry(name=name, iso=str(int(country.numeric)), iso3=country.alpha_3)


def acled_event_number(event_id: str) -> int:
    """A stable 8-digit-at-most number derived from an event id (same id, same number)."""
    digest = hashlib.sha1(event_id.encode("utf-8")).hexdigest()
    return int(digest[:12], 16) % 100_000_000


def inter_code(actor: Actor | None, event_country: str) -> int | None:
    """ACLED inter code (1-8) for an actor from its PLOVER sector; None when unknown.

    State forces acting outside their own country, and IGOs (sector IGO or a non-ISO
    country code such as "CSTO"), are external forces (8).
    """
    if actor is None or not actor.sector:
        return None
    sector = actor.sector.upper()
    code = _INTER_BY_SECTOR.get(sector)
    foreign = bool(actor.country and event_country) and actor.country.upper() != event_country
    if code == 1 and foreign:
        return 8
    if code is None and actor.country and len(actor.country) > 2:
        return 8  # an IGO code in the country slot
    return code


def interaction_code(inter1: int | None, inter2: int | None) -> str:
    """ACLED interaction: the two inter codes, smallest first; ``N0`` with no second actor."""
    if inter1 is None:
        return ""
    if not inter2:
        return f"{inter1}0"
    low, high = sorted((inter1, inter2))
    return f"{low}{high}"


def _year(date: str | None) -> str:
    if not date:
        return ""
    try:
        return str(dt.date.fromisoformat(date[:10]).year)
    except ValueError:
        return date[:4] if date[:4].isdigit() else ""


def _blank(value: object) -> str:
    return "" if value is None else str(value)


def _geo_fields(location: Location | None) -> dict[str, str]:
    if location is None:
        return {}
    country = acled_country(location.country_code)
    return {
        "iso": country.iso if country is not None else "",
        "region": ACLED_REGION_BY_ISO2.get(location.country_code.upper(), ""),
        "country": country.name if country is not None else location.country_code,
        "admin1": location.admin1,
        "location": location.name,
        "latitude": repr(location.lat),
        "longitude": repr(location.lon),
        "geo_precision": str(location.geo_precision),
    }


def _actor_fields(event: Event, country_code: str) -> dict[str, str]:
    actor1 = event.actors[0] if event.actors else None
    actor2 = event.recipients[0] if event.recipients else None
    inter1 = inter_code(actor1, country_code)
    inter2 = inter_code(actor2, country_code) if actor2 is not None else 0
    targeted = (
        actor2 is not None
        and (actor2.sector or "").upper() == "CVL"
        and event.acled_event_type == VIOLENCE_AGAINST_CIVILIANS
    )
    return {
        "actor1": actor1.name if actor1 else "",
        "assoc_actor_1": "; ".join(a.name for a in event.actors[1:]),
        "inter1": _blank(inter1),
        "actor2": actor2.name if actor2 else "",
        "assoc_actor_2": "; ".join(a.name for a in event.recipients[1:]),
        "inter2": _blank(inter2),
        "interaction": interaction_code(inter1, inter2),
        "civilian_targeting": CIVILIAN_TARGETING if targeted else "",
    }


def acled_row(event: Event, timestamp: int) -> dict[str, str]:
    """One ACLED CSV row (every column present; unknown values are empty strings)."""
    country_code = event.location.country_code.upper() if event.location else ""
    country = acled_country(country_code)
    iso3 = country.iso3 if country is not None else "XXX"
    row = dict.fromkeys(ACLED_COLUMNS, "")
    row.update(
        event_id_cnty=f"{iso3}{acled_event_number(event.id)}",
        event_date=_blank(event.date),
        year=_year(event.date),
        time_precision=_blank(event.time_precision),
        disorder_type=_blank(event.disorder_type),
        event_type=_blank(event.acled_event_type),
        sub_event_type=_blank(event.acled_sub_event_type),
        source=event.doc_id,
        notes=event.evidence[0].text if event.evidence else "",
        fatalities=str(event.dead or 0),
        timestamp=str(timestamp),
    )
    row.update(_geo_fields(event.location))
    row.update(_actor_fields(event, country_code))
    return row


def write_acled_csv(
    events: Iterable[Event], out: TextIO, *, timestamp: int | None = None
) -> ExportCount:
    """ACLED-style CSV (header :data:`ACLED_COLUMNS`), one row per event with an ACLED type.

    Events without ``acled_event_type`` are skipped and counted. ``timestamp`` (unix seconds)
    defaults to now; pass one for reproducible output. Rows end in ``\\n``; open files with
    ``newline=""``. Events without a location get the ``XXX`` country prefix and empty
    geography columns.
    """
    stamp = int(time.time()) if timestamp is None else timestamp
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    written = skipped = 0
    for event in events:
        if not event.acled_event_type:
            skipped += 1
            continue
        writer.writerow(acled_row(event, stamp))
        written += 1
    if skipped:
        logger.info("ACLED export: skipped %d event(s) without an ACLED event type", skipped)
    return ExportCount(written=written, skipped=skipped)


# --------------------------------------------------------------------------- GeoJSON


def _names(actors: list[Actor]) -> str:
    return "; ".join(actor.name for actor in actors)


def feature_properties(event: Event) -> dict[str, Any]:
    """Flat, QGIS-friendly properties for one event.

    Scalars stay as they are; ``location`` becomes ``location_<field>`` columns; ``actors`` and
    ``recipients`` are ``"; "``-joined names, with the full records as JSON strings in
    ``actors_json`` / ``recipients_json``; ``context`` is ``"; "``-joined; ``evidence`` is a
    JSON string of ``[{text, start, end}]``.
    """
    data = event.as_dict()
    location = data.pop("location") or {}
    props: dict[str, Any] = {}
    for key, value in data.items():
        if key in ("actors", "recipients"):
            props[key] = _names(getattr(event, key))
            props[f"{key}_json"] = json.dumps(value, ensure_ascii=False)
        elif key == "context":
            props[key] = "; ".join(value)
        elif key == "evidence":
            props[key] = json.dumps(value, ensure_ascii=False)
        else:
            props[key] = value
    props.update({f"location_{key}": value for key, value in location.items()})
    return props


def event_feature(event: Event) -> dict[str, Any] | None:
    """A GeoJSON Point feature ([lon, lat]) for an event, or None when it has no location."""
    if event.location is None:
        return None
    return {
        "type": "Feature",
        "id": event.id,
        "geometry": {"type": "Point", "coordinates": [event.location.lon, event.location.lat]},
        "properties": feature_properties(event),
    }


def write_geojson(events: Iterable[Event], out: TextIO) -> ExportCount:
    """A GeoJSON FeatureCollection, one Point per located event (one feature per line).

    Events without a location are skipped and counted.
    """
    out.write('{"type": "FeatureCollection", "features": [')
    written = skipped = 0
    for event in events:
        feature = event_feature(event)
        if feature is None:
            skipped += 1
            continue
        out.write(("," if written else "") + "\n" + json.dumps(feature, ensure_ascii=False))
        written += 1
    out.write("\n]}\n")
    if skipped:
        logger.info("GeoJSON export: skipped %d event(s) without a location", skipped)
    return ExportCount(written=written, skipped=skipped)


# --------------------------------------------------------------------------- dispatch


def write_events(
    events: Iterable[Event], out: TextIO, fmt: str, *, timestamp: int | None = None
) -> ExportCount:
    """Write ``events`` to ``out`` in ``fmt`` (one of :data:`FORMATS`).

    ``timestamp`` is used by the ACLED format only. Raises ConfigError for an unknown format.
    """
    if fmt == "jsonl":
        return write_jsonl(events, out)
    if fmt == "acled":
        return write_acled_csv(events, out, timestamp=timestamp)
    if fmt == "geojson":
        return write_geojson(events, out)
    raise ConfigError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
