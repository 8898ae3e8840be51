"""Records to and from the store: article content keys, Event JSON, place keys."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from typing import Any

from eventwire.records import Actor, Article, Event, Evidence, Location

_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """NFC, runs of whitespace as one space, no leading or trailing space: the same article
    read from a file with other line breaks or indentation keys the same."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def content_hash(article: Article) -> str:
    """SHA-256 of the published date and the normalised text: an article's identity."""
    published = article.published.isoformat() if article.published else ""
    payload = f"{published}\n{normalise_text(article.text)}"
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def event_json(event: Event) -> str:
    return json.dumps(event.as_dict(), ensure_ascii=False)


def event_from_json(text: str) -> Event:
    return event_from_dict(json.loads(text))


def event_from_dict(data: dict[str, Any]) -> Event:
    """The inverse of ``Event.as_dict``; keys this version does not know are ignored."""
    fields = {k: v for k, v in data.items() if k in Event.__dataclass_fields__}
    location = fields.get("location")
    fields["location"] = _known(Location, location) if location else None
    fields["actors"] = [_known(Actor, a) for a in fields.get("actors") or []]
    fields["recipients"] = [_known(Actor, a) for a in fields.get("recipients") or []]
    fields["evidence"] = [_known(Evidence, e) for e in fields.get("evidence") or []]
    fields["context"] = list(fields.get("context") or [])
    return Event(**fields)


def _known(cls: type, data: dict[str, Any]) -> Any:
    return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


NAMES_MAX = 500  # events.names is in an index; PostgreSQL's index entries are bounded


def actor_names(event: Event) -> str:
    """The event's actor and recipient names, lower case, one per line, at most
    :data:`NAMES_MAX` characters (``events.names``, searched by the API's actor filter)."""
    names = "\n".join(a.name.lower() for a in [*event.actors, *event.recipients] if a.name)
    return names[:NAMES_MAX]


def place_key(location: Location) -> str:
    """One key per gazetteer entry; places without a GeoNames id key by name and position."""
    if location.geonameid is not None:
        return f"geonames:{location.geonameid}"
    return f"{location.country_code}|{location.name}|{location.lat:.5f}|{location.lon:.5f}"
