"""Typed records: the only contract between pipeline stages.

Offsets are 0-based character offsets into ``Article.text``, end exclusive, so that
``article.text[start:end] == span.text`` holds for every span-like record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

QuantityKind = Literal["dead", "injured", "arrested", "size"]


@dataclass(slots=True, kw_only=True, frozen=True)
class Article:
    """One input document."""

    id: str
    text: str
    published: dt.date | None = None
    url: str | None = None
    title: str | None = None
    source: str | None = None  # file path or "-" for stdin
    locale: str | None = None  # ISO2 country of the publisher, when known


@dataclass(slots=True, kw_only=True, frozen=True)
class Span:
    """A stretch of article text."""

    start: int
    end: int
    text: str


@dataclass(slots=True, kw_only=True, frozen=True)
class Sentence(Span):
    index: int


@dataclass(slots=True, kw_only=True, frozen=True)
class Mention(Span):
    """A named-entity mention (spaCy label, or GAZ for gazetteer matches)."""

    label: str
    sentence: int


@dataclass(slots=True, kw_only=True, frozen=True)
class GazetteerEntry:
    """One row of the embedded gazetteer."""

    geonameid: int
    name: str
    lat: float
    lon: float
    country_code: str  # ISO 3166-1 alpha-2, "" for continents/regions
    admin1: str  # admin-1 name, "" when the entry is a country or larger
    feature_class: str  # GeoNames class: A (admin), P (populated), L (area), ...
    feature_code: str  # GeoNames code: PCLI, ADM1, ADM2, PPLC, PPL, CONT, RGN ...
    population: int = 0


@dataclass(slots=True, kw_only=True, frozen=True)
class Place(Span):
    """A toponym in the text and the gazetteer entry it resolved to."""

    entry: GazetteerEntry
    score: float
    sentence: int = -1

    def as_dict(self) -> dict[str, Any]:
        e = self.entry
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "geonameid": e.geonameid,
            "name": e.name,
            "lat": e.lat,
            "lon": e.lon,
            "country_code": e.country_code,
            "admin1": e.admin1,
            "feature_code": e.feature_code,
            "score": round(self.score, 3),
        }


@dataclass(slots=True, kw_only=True, frozen=True)
class DateRef(Span):
    """A date expression resolved against the publication date.

    ``time_precision`` follows ACLED: 1 day, 2 week/weekend, 3 month.
    """

    date: dt.date
    time_precision: int
    sentence: int = -1


@dataclass(slots=True, kw_only=True, frozen=True)
class Quantity(Span):
    """A count of people: dead, injured, arrested, or crowd size."""

    kind: QuantityKind
    value: int
    sentence: int = -1


@dataclass(slots=True, kw_only=True, frozen=True)
class Actor:
    text: str
    name: str
    country: str | None  # ISO 3166-1 alpha-2 or IGO code (e.g. "CSTO")
    sector: str | None  # PLOVER sector: GOV, MIL, COP, REB, PRO, CVL, BUS, IGO ...


@dataclass(slots=True, kw_only=True, frozen=True)
class Location:
    name: str
    geonameid: int | None
    lat: float
    lon: float
    country_code: str
    admin1: str
    geo_precision: int  # ACLED: 1 town, 2 near/part of region, 3 region only
    reason: str = ""


@dataclass(slots=True, kw_only=True, frozen=True)
class Evidence:
    text: str
    start: int
    end: int


@dataclass(slots=True, kw_only=True)
class Event:
    """One coded event: the output contract (see docs/records.md)."""

    id: str
    doc_id: str
    event_type: str
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    disorder_type: str | None = None
    date: str | None = None
    time_precision: int | None = None
    location: Location | None = None
    actors: list[Actor] = field(default_factory=list)
    recipients: list[Actor] = field(default_factory=list)
    dead: int | None = None
    injured: int | None = None
    arrested: int | None = None
    size: int | None = None
    negated: bool = False
    hypothetical: bool = False
    historical: bool = False
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.5

    @property
    def flagged(self) -> bool:
        """Negated, hypothetical or historical: told, but not an event that took place."""
        return self.negated or self.hypothetical or self.historical

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True, kw_only=True)
class Doc:
    """The container that flows through the pipeline; stages fill its fields.

    ``parse`` holds the spaCy ``Doc`` for stages that need tokens and the dependency
    parse; it is an implementation detail and never serialised.
    """

    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    dates: list[DateRef] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    parse: Any = None


@dataclass(slots=True, kw_only=True, frozen=True)
class Failure:
    """A document that could not be processed; batches carry on past it."""

    source: str
    message: str
