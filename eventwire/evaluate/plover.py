"""Event coding scored against the PLOVER gold standard (``eventwire eval events --plover FILE``).

Each record is one sentence; its ``date`` is a placeholder, used as the publication date.
The GSR predates PLOVER 2021, so its old type names are mapped to today's (FIGHT ->
ASSAULT, DISAPPROVE -> ACCUSE, DEMAND -> REQUEST, INVESTIGATE -> ACCUSE mode investigate,
as in CAMEO2PLOVER-2021). Only unflagged predictions count. "any" type accuracy asks
whether some prediction has the gold type; "top" uses the most confident prediction (first
on ties). Actors, mode and counts are read from the chosen event: the most confident one
with the gold type, else the top one. Gold actor codes are ISO 3166 alpha-3 (or "IGO"),
ours alpha-2 (or an IGO acronym); they are compared as alpha-3.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from eventwire.errors import EventwireError, InputError
from eventwire.evaluate import confusion
from eventwire.evaluate.common import Timer, rate, read_jsonl, require
from eventwire.pipeline import Pipeline
from eventwire.records import Actor, Article, Event

FLAG = "--plover"
OLD_TYPES = {"FIGHT": "ASSAULT", "DISAPPROVE": "ACCUSE", "DEMAND": "REQUEST",
             "INVESTIGATE": "ACCUSE"}
PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
                "COERCE", "ASSAULT")
OLD_SECTORS = {"CIV": "CVL"}
VAGUE_COUNTS = {"dozens": 12, "hundreds": 100, "thousands": 1000, "tens of thousands": 10000,
                "hundreds of thousands": 100000}
COUNTS = ("dead", "injured", "size")
EXAMPLES = 3


@dataclass(slots=True, kw_only=True, frozen=True)
class GoldActor:
    code: str  # alpha-3, "IGO", or another CAMEO code
    sector: str | None  # PLOVER sector (first three letters of the GSR code)


@dataclass(slots=True, kw_only=True, frozen=True)
class GoldSentence:
    id: str
    text: str
    published: dt.date | None
    event_type: str
    raw_type: str
    sources: list[GoldActor]
    targets: list[GoldActor]
    mode: str | None
    counts: dict[str, int]


def _sector(value: object) -> str | None:
    code = re.sub(r"[^A-Za-z]", "", str(value or ""))[:3].upper()
    return OLD_SECTORS.get(code, code) or None


def _actors(value: object) -> list[GoldActor]:
    if not isinstance(value, list):
        return []
    return [GoldActor(code=str(a.get("code") or "").upper(), sector=_sector(a.get("sector")))
            for a in value if isinstance(a, dict) and a.get("code")]


def parse_count(value: object) -> int | None:
    """A gold count as an integer ("Thousands" read as eventwire does: 1000); None if vague."""
    text = str(value).strip().lower().replace(",", "")
    if text.isdigit():
        return int(text)
    return VAGUE_COUNTS.get(text)


def _date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def gold_sentence(record: dict[str, Any]) -> GoldSentence:
    raw = str(record["event"]).upper()
    counts = {k: n for k in COUNTS if k in record and (n := parse_count(record[k])) is not None}
    return GoldSentence(
        id=str(record.get("id") or ""), text=str(record["text"]),
        published=_date(record.get("date")),
        event_type=OLD_TYPES.get(raw, raw), raw_type=raw, sources=_actors(record.get("source")),
        targets=_actors(record.get("target")), mode=str(record.get("mode") or "") or None,
        counts=counts)


def load_sentences(path: str, limit: int | None) -> list[GoldSentence]:
    sentences = []
    for record in read_jsonl(path, flag=FLAG, limit=limit):
        require(record, ("text", "event"), flag=FLAG, path=path)
        sentences.append(gold_sentence(record))
    if not sentences:
        raise InputError(f"{FLAG} {path}: no records; pass the PLOVER GSR JSONL")
    return sentences


def iso3_of(code: str | None) -> str:
    """Our actor country as alpha-3 (IGO acronyms as "IGO"); "" when unknown."""
    import pycountry  # deferred: loads its database on first use

    if not code:
        return ""
    if len(code) != 2:
        return "IGO"
    country = pycountry.countries.get(alpha_2=code.upper())
    return country.alpha_3 if country is not None else ""


def _unflagged(events: list[Event]) -> list[Event]:
    return [e for e in events if not (e.negated or e.hypothetical or e.historical)]


def top_event(events: list[Event]) -> Event | None:
    """The most confident event, the first one on ties."""
    return max(events, key=lambda e: e.confidence) if events else None


def chosen_event(events: list[Event], gold_type: str) -> Event | None:
    return top_event([e for e in events if e.event_type == gold_type]) or top_event(events)


def _actor_codes(actors: list[Actor]) -> set[str]:
    codes = {iso3_of(a.country) for a in actors} | {"IGO" for a in actors if a.sector in ("IGO", "PKO")}
    return codes - {""}


@dataclass(slots=True)
class PloverScores:
    sentences: int = 0
    failures: int = 0
    no_event: int = 0
    only_flagged: int = 0
    any_hits: Counter[str] = field(default_factory=Counter)
    gold_types: Counter[str] = field(default_factory=Counter)
    raw_types: Counter[str] = field(default_factory=Counter)
    top_pairs: list[confusion.Pair] = field(default_factory=list)
    checks: dict[str, list[int]] = field(default_factory=dict)
    mode_pairs: Counter[str] = field(default_factory=Counter)
    missed_ids: dict[str, list[str]] = field(default_factory=dict)

    def _check(self, name: str, hit: bool) -> None:
        tally = self.checks.setdefault(name, [0, 0])
        tally[0] += hit
        tally[1] += 1

    def add(self, gold: GoldSentence, events: list[Event], *, failed: bool) -> None:
        unflagged = _unflagged(events)
        self.sentences += 1
        self.failures += failed
        self.no_event += not unflagged
        self.only_flagged += bool(events) and not unflagged
        self.gold_types[gold.event_type] += 1
        self.raw_types[gold.raw_type] += 1
        hit = any(e.event_type == gold.event_type for e in unflagged)
        self.any_hits[gold.event_type] += hit
        if not hit and len(ids := self.missed_ids.setdefault(gold.event_type, [])) < EXAMPLES:
            ids.append(gold.id)
        top = top_event(unflagged)
        self.top_pairs.append((gold.event_type, top.event_type if top else confusion.NONE))
        event = chosen_event(unflagged, gold.event_type)
        self._actor_checks("source", gold.sources, event.actors if event else None)
        self._actor_checks("target", gold.targets, event.recipients if event else None)
        self._attribute_checks(gold, event)

    def _actor_checks(self, side: str, gold: list[GoldActor], ours: list[Actor] | None) -> None:
        codes = _actor_codes(ours or [])
        sectors = {a.sector for a in ours or [] if a.sector}
        for actor in gold:
            self._check(f"{side}_country", actor.code in codes)
            if ours is not None:
                self._check(f"{side}_country_given_event", actor.code in codes)
            if actor.sector:
                self._check(f"{side}_sector", actor.sector in sectors)

    def _attribute_checks(self, gold: GoldSentence, event: Event | None) -> None:
        if gold.mode:
            ours = event.mode if event and event.mode else confusion.NONE
            self._check("mode", ours == gold.mode)
            if ours != gold.mode:
                self.mode_pairs[f"{gold.mode} -> {ours}"] += 1
        for kind, value in gold.counts.items():
            self._check(kind, event is not None and getattr(event, kind) == value)

    def report(self) -> dict[str, Any]:
        hits = sum(self.any_hits.values())
        top = confusion.summary(self.top_pairs, PLOVER_TYPES)
        return {
            "sentences": self.sentences,
            "sentences_without_event": self.no_event,
            "sentences_only_flagged_events": self.only_flagged,
            "sentences_failed": self.failures,
            "event_type": {
                "any_accuracy": rate(hits, self.sentences),
                "top_accuracy": confusion.accuracy(self.top_pairs),
                "top_macro_f1": top["macro_f1"],
                "recall_any_by_type": {t: rate(self.any_hits[t], n)
                                       for t, n in self.gold_types.most_common()},
                "top_per_class": top["per_class"],
                "top_confusion": top["confusion"],
                "top_confusions": top["top_confusions"],
                "top_wrong_type": top["top_wrong_class"],
                "gold_types_as_written": dict(self.raw_types.most_common()),
            },
            "attributes": {name: rate(h, n) for name, (h, n) in sorted(self.checks.items())},
            "attributes_n": {name: n for name, (_, n) in sorted(self.checks.items())},
            "mode_misses": dict(self.mode_pairs.most_common(15)),
            "missed_examples": self.missed_ids,
        }


def _code(pipe: Pipeline, gold: GoldSentence, index: int) -> tuple[list[Event], bool]:
    article = Article(id=gold.id or f"sentence-{index}", text=gold.text, published=gold.published)
    try:
        return pipe.extract(article), False
    except EventwireError:
        return [], True


def evaluate_plover(path: str, limit: int | None = None, pipe: Pipeline | None = None
                    ) -> dict[str, Any]:
    """The PLOVER report (see module docstring); ``pipe`` lets tests reuse a loaded pipeline."""
    sentences = load_sentences(path, limit)
    timer = Timer()
    pipeline = pipe or Pipeline.load()
    scores = PloverScores()
    for index, gold in enumerate(sentences):
        events, failed = _code(pipeline, gold, index)
        scores.add(gold, events, failed=failed)
    report = {"gold_file": path, **scores.report()}
    report["timing"] = {"seconds": round(timer.seconds, 2),
                        "sentences_per_second": timer.per_second(len(sentences))}
    return report
