"""Review: a signed-in person corrects, rejects, merges and splits canonical events.

Every change is a row in ``changes`` (who, when, field, old and new value as JSON). A field a
reviewer set is listed in ``events.corrected``; a report ingested later that joins the event
does not overwrite it (see :func:`eventwire.store.canonical.merge_report`). Rejected and
merged-away events stay in the database (their history stays readable) but are left out of
exports and of the API's lists.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import math
from collections.abc import Callable, Sequence
from typing import Any

from eventwire.errors import EventwireError
from eventwire.records import Actor, Event, Location
from eventwire.store.canonical import (
    ACLED_EVENT_TYPES,
    FIGURES,
    PLOVER_FAMILY,
    conservative,
    type_family,
)  # fmt: skip
from eventwire.store.codec import actor_names, event_from_json, event_json
from eventwire.store import search
from eventwire.store.database import Database
from eventwire.store.ingest import _place_id
from eventwire.store.schema import now


class ReviewError(EventwireError):
    """A review request that cannot be carried out; ``status`` is its HTTP status."""

    code = "EW422"
    status = 422


class NotFound(ReviewError):
    code = "EW404"
    status = 404


class Conflict(ReviewError):
    code = "EW409"
    status = 409


class Invalid(ReviewError):
    code = "EW422"
    status = 422


ACLED_SUB_EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory",
                "Non-state actor overtakes territory"),
    "Explosions/Remote violence": ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Grenade"),
    "Violence against civilians": ("Sexual violence", "Attack",
                                   "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention",
                 "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity",
                               "Disrupted weapons use", "Headquarters or base established",
                               "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
}
DISORDER_TYPES = ("Political violence", "Demonstrations", "Strategic developments")
FLAGS = ("negated", "hypothetical", "historical")
MAX_TEXT = 10_000


# --------------------------------------------------------------------------- values


def _text(name: str, value: Any, *, nullable: bool = True) -> str | None:
    if value is None and nullable:
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_TEXT:
        raise Invalid(f"{name} must be a non-empty string of at most {MAX_TEXT} characters"
                      + (" or null" if nullable else ""))
    return value.strip()


def _choice(name: str, value: Any, choices: Sequence[str], *, nullable: bool = True) -> Any:
    if value is None and nullable:
        return None
    for choice in choices:
        if isinstance(value, str) and value.strip().lower() == choice.lower():
            return choice
    raise Invalid(f"{name} {value!r} is not one of: {', '.join(choices)}"
                  + (" (or null)" if nullable else ""))


def _count(name: str, value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise Invalid(f"{name} must be a whole number, 0 or more, or null")
    return value


def _number(name: str, value: Any, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value) \
            or not low <= value <= high:
        raise Invalid(f"{name} must be a number from {low:g} to {high:g}")
    return float(value)


def _date(value: Any) -> str | None:
    if value is None:
        return None
    try:
        if isinstance(value, str) and len(value) == 10:
            return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        pass
    raise Invalid(f"date {value!r} is not a date; use YYYY-MM-DD or null")


def _precision(value: Any) -> int | None:
    if value is None or (value in (1, 2, 3) and not isinstance(value, bool)):
        return value
    raise Invalid("time_precision must be 1 (day), 2 (week) or 3 (month), or null")


def _actors(name: str, value: Any) -> list[Actor]:
    if not isinstance(value, list) or not all(isinstance(a, dict) for a in value):
        raise Invalid(f"{name} must be a list of objects {{name, text?, country?, sector?}}")
    actors = []
    for item in value:
        unknown = set(item) - {"name", "text", "country", "sector"}
        if unknown:
            raise Invalid(f"{name}: unknown key(s) {', '.join(sorted(unknown))}; use name, "
                          "text, country, sector")
        actor_name = _text(f"{name}[].name", item.get("name"), nullable=False)
        actors.append(Actor(name=actor_name, text=_text(f"{name}[].text", item.get("text"))
                            or actor_name,
                            country=_text(f"{name}[].country", item.get("country")),
                            sector=_text(f"{name}[].sector", item.get("sector"))))
    return actors


def _location(value: Any, current: Location | None) -> Location | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise Invalid("location must be an object {name, lat, lon, country, admin1?} or null")
    known = {"name", "lat", "lon", "country", "country_code", "admin1", "geonameid",
             "geo_precision"}
    if set(value) - known:
        raise Invalid(f"location: unknown key(s) {', '.join(sorted(set(value) - known))}; "
                      "use name, lat, lon, country, admin1, geonameid, geo_precision")
    base = dataclasses.asdict(current) if current else {}
    moved = any(k in value for k in ("name", "lat", "lon", "country", "country_code"))
    if moved:  # a place set by hand is not the gazetteer entry the coder chose
        base.update({k: None for k in ("geonameid", "admin1", "geo_precision")})
    country = value.get("country", value.get("country_code", base.get("country_code")))
    if not (isinstance(country, str) and len(country) == 2 and country.isalpha()):
        raise Invalid("location.country must be an ISO 3166-1 alpha-2 code, e.g. KZ")
    geonameid = value.get("geonameid", base.get("geonameid"))
    if geonameid is not None and (isinstance(geonameid, bool) or not isinstance(geonameid, int)):
        raise Invalid("location.geonameid must be a whole number or null")
    precision = value.get("geo_precision", base.get("geo_precision") or 1)
    if precision not in (1, 2, 3):
        raise Invalid("location.geo_precision must be 1 (town), 2 (near/part of) or 3 (region)")
    return Location(
        name=_text("location.name", value.get("name", base.get("name")), nullable=False),
        lat=_number("location.lat", value.get("lat", base.get("lat")), -90, 90),
        lon=_number("location.lon", value.get("lon", base.get("lon")), -180, 180),
        country_code=country.upper(), geonameid=geonameid,
        admin1=str(value.get("admin1", base.get("admin1")) or ""), geo_precision=precision,
        reason="set in review" if moved else str(base.get("reason") or ""))


def _set_acled_type(event: Event, value: Any) -> None:
    event.acled_event_type = _choice("acled_event_type", value, ACLED_EVENT_TYPES)
    if event.acled_event_type is None:
        event.acled_sub_event_type = event.disorder_type = None


def _set_sub_type(event: Event, value: Any) -> None:
    every = [s for subs in ACLED_SUB_EVENT_TYPES.values() for s in subs]
    event.acled_sub_event_type = _choice("acled_sub_event_type", value, every)


# name -> how a value is applied to the Event (validated there)
_SETTERS: dict[str, Callable[[Event, Any], None]] = {
    "event_type": lambda e, v: setattr(e, "event_type", _choice(
        "event_type", v, tuple(PLOVER_FAMILY), nullable=False)),
    "mode": lambda e, v: setattr(e, "mode", _text("mode", v)),
    "acled_event_type": _set_acled_type,
    "acled_sub_event_type": _set_sub_type,
    "sub_event_type": _set_sub_type,
    "disorder_type": lambda e, v: setattr(e, "disorder_type", _choice("disorder_type", v,
                                                                      DISORDER_TYPES)),
    "date": lambda e, v: setattr(e, "date", _date(v)),
    "time_precision": lambda e, v: setattr(e, "time_precision", _precision(v)),
    "location": lambda e, v: setattr(e, "location", _location(v, e.location)),
    "actors": lambda e, v: setattr(e, "actors", _actors("actors", v)),
    "recipients": lambda e, v: setattr(e, "recipients", _actors("recipients", v)),
    **{name: (lambda n: lambda e, v: setattr(e, n, _count(n, v)))(name) for name in FIGURES},
    **{flag: (lambda n: lambda e, v: setattr(e, n, v) if isinstance(v, bool) else _invalid(
        f"{n} must be true or false"))(flag) for flag in FLAGS},
}
REVIEW_FIELDS = (*_SETTERS, "notes", "status")


def _invalid(message: str) -> None:
    raise Invalid(message)


def _check_acled(event: Event) -> None:
    sub = event.acled_sub_event_type
    if sub is not None and (event.acled_event_type is None
                            or sub not in ACLED_SUB_EVENT_TYPES[event.acled_event_type]):
        raise Invalid(f"sub-event type {sub!r} does not belong to event type "
                      f"{event.acled_event_type!r}; send acled_event_type and "
                      "acled_sub_event_type together (sub-event types of that type: "
                      + (", ".join(ACLED_SUB_EVENT_TYPES.get(event.acled_event_type or "", ()))
                         or "none") + ")")


# --------------------------------------------------------------------------- storage


def _load(db: Database, key: str) -> tuple[int, Event, str, list[str], str | None]:
    row = db.row("SELECT id, record, status, corrected, notes FROM events WHERE event_key = ?",
                  (key,))
    if row is None:
        raise NotFound(f"no event {key!r}; list events with GET /api/events")
    event_id, record, status, corrected, notes = row
    if status == "merged":
        raise Conflict(f"event {key!r} was merged into another event; review that one")
    return int(event_id), event_from_json(record), status, json.loads(corrected or "[]"), notes


def _write(db: Database, event_id: int, event: Event) -> None:
    """Every column derived from the record, from the record."""
    loc = event.location
    db.execute(
        "UPDATE events SET event_type = ?, type_family = ?, mode = ?, acled_event_type = ?, "
        "acled_sub_event_type = ?, disorder_type = ?, date = ?, time_precision = ?, "
        "place_id = ?, country_code = ?, dead = ?, injured = ?, arrested = ?, size = ?, "
        "flagged = ?, record = ?, names = ?, updated_at = ? WHERE id = ?",
        (event.event_type, type_family(event.event_type), event.mode, event.acled_event_type,
         event.acled_sub_event_type, event.disorder_type, event.date, event.time_precision,
         _place_id(db, loc), loc.country_code if loc else None, event.dead, event.injured,
         event.arrested, event.size, int(event.flagged), event_json(event),
         actor_names(event), now(), event_id))
    search.refresh(db, [event_id])  # the place may have changed


def _log(db: Database, event_id: int, who: str, name: str, old: Any, new: Any) -> None:
    db.execute("INSERT INTO changes (event_id, mention_id, who, at, field, old, new) "
               "VALUES (?, NULL, ?, ?, ?, ?, ?)",
               (event_id, who, now(), name, _json(old), _json(new)))


def _json(value: Any) -> str | None:
    if value is None:
        return None
    if dataclasses.is_dataclass(value):
        value = dataclasses.asdict(value)
    elif isinstance(value, list):
        value = [dataclasses.asdict(v) if dataclasses.is_dataclass(v) else v for v in value]
    return json.dumps(value, ensure_ascii=False)


# --------------------------------------------------------------------------- actions


def patch_event(db: Database, key: str, values: dict[str, Any], *, who: str) -> list[str]:
    """Set fields of the event ``key``; returns the fields that changed. Raises NotFound,
    Conflict (merged away) or Invalid (an unknown field or a bad value; nothing is written)."""
    if not isinstance(values, dict) or not values:
        raise Invalid("send a JSON object of fields to change, e.g. {\"dead\": 3}")
    unknown = sorted(set(values) - set(REVIEW_FIELDS))
    if unknown:
        raise Invalid(f"cannot change {', '.join(unknown)}; fields: {', '.join(REVIEW_FIELDS)}")
    with db.transaction():
        event_id, event, status, corrected, notes = _load(db, key)
        before = dataclasses.replace(event)
        for name, value in values.items():
            if name in _SETTERS:
                _SETTERS[name](event, value)
        if "acled_event_type" in values and "disorder_type" not in values:
            event.disorder_type = _default_disorder(event)
        _check_acled(event)
        changed = [n for n in Event.__dataclass_fields__
                   if getattr(before, n) != getattr(event, n)]
        for name in changed:
            _log(db, event_id, who, name, getattr(before, name), getattr(event, name))
        if changed:
            fixed = sorted(set(corrected) | set(changed))
            db.execute("UPDATE events SET corrected = ? WHERE id = ?",
                       (json.dumps(fixed), event_id))
            _write(db, event_id, event)
        changed += _patch_review_columns(db, event_id, values, status, notes, who)
    return changed


def _default_disorder(event: Event) -> str | None:
    if event.acled_event_type is None:
        return None
    if event.acled_event_type in ("Protests", "Riots"):
        return "Demonstrations"
    if event.acled_event_type == "Strategic developments":
        return "Strategic developments"
    return "Political violence"


def _patch_review_columns(db: Database, event_id: int, values: dict[str, Any], status: str,
                          notes: str | None, who: str) -> list[str]:
    changed = []
    if "notes" in values and _text("notes", values["notes"]) != notes:
        new_notes = _text("notes", values["notes"])
        db.execute("UPDATE events SET notes = ?, updated_at = ? WHERE id = ?",
                   (new_notes, now(), event_id))
        _log(db, event_id, who, "notes", notes, new_notes)
        changed.append("notes")
    if "status" in values:
        new_status = _choice("status", values["status"], ("active", "rejected"), nullable=False)
        if new_status != status:
            _set_status(db, event_id, status, new_status, who)
            changed.append("status")
    return changed


def _set_status(db: Database, event_id: int, old: str, new: str, who: str,
                merged_into: int | None = None) -> None:
    db.execute("UPDATE events SET status = ?, merged_into = ?, updated_at = ? WHERE id = ?",
               (new, merged_into, now(), event_id))
    _log(db, event_id, who, "status", old, new)


def reject_event(db: Database, key: str, *, who: str) -> bool:
    """Mark the event rejected (not a real event); False when it already was."""
    with db.transaction():
        event_id, _, status, _, _ = _load(db, key)
        if status == "rejected":
            return False
        _set_status(db, event_id, status, "rejected", who)
    return True


def merge_events(db: Database, keys: Sequence[str], *, who: str) -> str:
    """Move every mention of ``keys[1:]`` to ``keys[0]``, which keeps them all; the others
    are marked merged (into the first). Returns the first key."""
    if not isinstance(keys, list) or len(keys) < 2 or not all(isinstance(k, str) for k in keys):
        raise Invalid("ids must be a list of at least two event ids; the first keeps the "
                      "mentions")
    if len(set(keys)) != len(keys):
        raise Invalid("ids lists an event more than once; list each event once")
    with db.transaction():
        loaded = [_load(db, key) for key in keys]
        target_id = loaded[0][0]
        for event_id, _, status, _, _ in loaded[1:]:
            db.execute("UPDATE mentions SET event_id = ? WHERE event_id = ?",
                       (target_id, event_id))
            _set_status(db, event_id, status, "merged", who, merged_into=target_id)
            _log(db, event_id, who, "merged_into", None, keys[0])
            search.refresh(db, [event_id])  # its mentions have gone
        _log(db, target_id, who, "merged", None, list(keys[1:]))
        _refresh(db, target_id, who)
    return keys[0]


def split_event(db: Database, key: str, mention_ids: Sequence[int], *, who: str) -> str:
    """Move the given mentions of ``key`` to a new event; returns the new event's id."""
    if not isinstance(mention_ids, list) or not mention_ids or not all(
            isinstance(m, int) and not isinstance(m, bool) for m in mention_ids):
        raise Invalid("mention_ids must be a non-empty list of mention ids (numbers)")
    with db.transaction():
        event_id, _, status, _, _ = _load(db, key)
        own = {int(m) for (m,) in db.rows("SELECT id FROM mentions WHERE event_id = ?",
                                          (event_id,))}
        strangers = sorted(set(mention_ids) - own)
        if strangers:
            raise Invalid(f"mention(s) {', '.join(map(str, strangers))} are not mentions of "
                          f"event {key!r}; see its mentions with GET /api/events/{key}")
        if set(mention_ids) == own:
            raise Conflict(f"splitting every mention off event {key!r} would leave it empty; "
                           "leave at least one mention")
        first = db.row("SELECT record, article_id FROM mentions WHERE id = ?",
                       (min(mention_ids),))
        new_key = _free_key(db, event_from_json(first[0]).id, key)
        new_id = _insert(db, dataclasses.replace(event_from_json(first[0]), id=new_key), status)
        marks = ", ".join("?" for _ in mention_ids)
        db.execute(f"UPDATE mentions SET event_id = ? WHERE id IN ({marks})",
                   (new_id, *mention_ids))
        _log(db, event_id, who, "split", sorted(mention_ids), new_key)
        _log(db, new_id, who, "split_from", None, key)
        _refresh(db, event_id, who)
        _refresh(db, new_id, who)
    return new_key


def _free_key(db: Database, wanted: str, parent: str) -> str:
    key, n = wanted, 0
    while db.row("SELECT 1 FROM events WHERE event_key = ?", (key,)) is not None:
        n += 1
        key = hashlib.sha1(f"split|{parent}|{wanted}|{n}".encode()).hexdigest()[:16]
    return key


def _insert(db: Database, event: Event, status: str) -> int:
    stamp = now()
    event_id = db.insert(
        "INSERT INTO events (event_key, event_type, type_family, flagged, confidence, "
        "mention_count, sources, record, created_at, updated_at, status) "
        "VALUES (?, ?, ?, ?, ?, 0, '[]', ?, ?, ?, ?)",
        (event.id, event.event_type, type_family(event.event_type), int(event.flagged),
         event.confidence, event_json(event), stamp, stamp, status))
    _write(db, event_id, event)
    return event_id


def _refresh(db: Database, event_id: int, who: str) -> None:
    """Mention count, sources and the conservative figures over the event's mentions now
    (figures a reviewer corrected stay as set); changed figures are logged."""
    event = event_from_json(db.row("SELECT record FROM events WHERE id = ?", (event_id,))[0])
    corrected = set(json.loads(db.row("SELECT corrected FROM events WHERE id = ?",
                                      (event_id,))[0] or "[]"))
    rows = db.rows("SELECT dead, injured, arrested, size, record FROM mentions "
                   "WHERE event_id = ? ORDER BY id", (event_id,))
    for index, name in enumerate(FIGURES):
        if name in corrected:
            continue
        value = None
        for row in rows:
            value = conservative(value, row[index])
        if value != getattr(event, name):
            _log(db, event_id, who, name, getattr(event, name), value)
            setattr(event, name, value)
    sources = list(dict.fromkeys(json.loads(row[4])["doc_id"] for row in rows))
    db.execute("UPDATE events SET mention_count = ?, sources = ? WHERE id = ?",
               (len(rows), json.dumps(sources, ensure_ascii=False), event_id))
    _write(db, event_id, event)
