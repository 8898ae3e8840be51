"""Tallies for the ACLED scorer: one ``Scores`` accumulates every note's matching."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from eventwire.evaluate import confusion
from eventwire.evaluate.common import fold, rate
from eventwire.evaluate.matching import Matching
from eventwire.evaluate.metrics import haversine_km
from eventwire.export import inter_code
from eventwire.records import Actor, Event

if TYPE_CHECKING:
    from eventwire.evaluate.acled import GoldRow

ACLED_EVENT_TYPES = (
    "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
    "Strategic developments",
)
ACLED_SUB_EVENT_TYPES = (
    "Armed clash", "Government regains territory", "Non-state actor overtakes territory",
    "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED", "Grenade",
    "Sexual violence", "Attack", "Abduction/forced disappearance",
    "Peaceful protest", "Protest with intervention", "Excessive force against protesters",
    "Violent demonstration", "Mob violence",
    "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
    "Headquarters or base established", "Looting/property destruction",
    "Non-violent transfer of territory", "Other",
)  # fmt: skip
INTER_LABELS = ("0", "1", "2", "3", "4", "5", "6", "7", "8", "?")
EXAMPLES = 3
NEAR_KM = 25.0
CHECKS = ("event_type", "sub_event_type", "date", "time_precision", "fatalities_exact",
          "fatalities_within_10pct", "fatalities_exact_gold_positive",
          "fatalities_within_10pct_gold_positive", "location_within_25km",
          "admin1", "inter1", "inter2")


def iso2_of(iso3: str) -> str:
    """ISO 3166 alpha-2 for an alpha-3 code; "" when unknown (Kosovo XKX -> XK)."""
    import pycountry  # deferred: loads its database on first use

    code = iso3.strip().upper()
    if code == "XKX":
        return "XK"
    country = pycountry.countries.get(alpha_3=code) if len(code) == 3 else None
    return country.alpha_2 if country is not None else ""


def distance_km(gold: GoldRow, event: Event) -> float | None:
    """km between ACLED's coordinates and the predicted location; None if either is missing."""
    if event.location is None or gold.lat is None or gold.lon is None:
        return None
    return haversine_km(gold.lat, gold.lon, event.location.lat, event.location.lon)


def predicted_inter(actor: Actor | None, event: Event, gold: GoldRow) -> str:
    """Our ACLED inter code as a label ("0" no such actor, as ACLED; "?" unknown sector)."""
    if actor is None:
        return "0"
    country = event.location.country_code.upper() if event.location else gold.country_code
    code = inter_code(actor, country)
    return "?" if code is None else str(code)


def within_10pct(predicted: int, gold: int) -> bool:
    return abs(predicted - gold) <= 0.1 * gold


@dataclass(slots=True)
class Scores:
    """Running tallies; ``report`` turns them into the JSON-ready dict."""

    notes: int = 0
    rows_without_notes: int = 0
    failures: int = 0
    without_any: int = 0
    without_scorable: int = 0
    predicted_all: int = 0
    flagged: int = 0
    outside_acled: int = 0
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    type_pairs: list[confusion.Pair] = field(default_factory=list)
    sub_pairs: list[confusion.Pair] = field(default_factory=list)
    inter1_pairs: list[confusion.Pair] = field(default_factory=list)
    inter2_pairs: list[confusion.Pair] = field(default_factory=list)
    examples: dict[str, list[str]] = field(default_factory=dict)
    precision_pairs: list[confusion.Pair] = field(default_factory=list)
    checks: dict[str, list[int]] = field(default_factory=lambda: {c: [0, 0] for c in CHECKS})
    distances: list[float] = field(default_factory=list)
    no_location: int = 0

    def count_note(self, events: list[Event], *, failed: bool) -> None:
        self.notes += 1
        self.failures += failed
        self.predicted_all += len(events)
        self.flagged += sum(1 for e in events if e.flagged)
        self.outside_acled += sum(1 for e in events if not e.flagged and not e.acled_event_type)
        self.without_any += not events

    def add(self, matching: Matching[GoldRow, Event]) -> None:
        n_pred = len(matching.pairs) + len(matching.extra)
        self.gold += len(matching.pairs) + len(matching.missed)
        self.predicted += n_pred
        self.matched += len(matching.pairs)
        self.without_scorable += n_pred == 0
        for gold, event in matching.pairs:
            self._pair(gold, event)
        for gold in matching.missed:
            self._example(f"{gold.event_type} -> {confusion.NONE}", gold.event_id)
            self.type_pairs.append((gold.event_type, confusion.NONE))
            self.sub_pairs.append((gold.sub_event_type, confusion.NONE))
        for event in matching.extra:
            self.type_pairs.append((confusion.NONE, event.acled_event_type or confusion.NONE))
            self.sub_pairs.append((confusion.NONE, event.acled_sub_event_type or confusion.NONE))

    def _check(self, name: str, hit: bool) -> None:
        self.checks[name][0] += hit
        self.checks[name][1] += 1

    def _pair(self, gold: GoldRow, event: Event) -> None:
        pred_type = event.acled_event_type or confusion.NONE
        pred_sub = event.acled_sub_event_type or confusion.NONE
        self.type_pairs.append((gold.event_type, pred_type))
        self.sub_pairs.append((gold.sub_event_type, pred_sub))
        self._check("event_type", gold.event_type == pred_type)
        if gold.event_type != pred_type:
            self._example(f"{gold.event_type} -> {pred_type}", gold.event_id)
        self._check("sub_event_type", gold.sub_event_type == pred_sub)
        self._check("date", event.date == gold.date)
        self._fatalities(gold, event)
        self._location(gold, event)
        self._actors(gold, event)
        if gold.time_precision is not None:
            ours = str(event.time_precision) if event.time_precision else confusion.NONE
            self.precision_pairs.append((str(gold.time_precision), ours))
            self._check("time_precision", ours == str(gold.time_precision))

    def _fatalities(self, gold: GoldRow, event: Event) -> None:
        dead = event.dead or 0  # ACLED writes 0 when no figure is given
        self._check("fatalities_exact", dead == gold.fatalities)
        self._check("fatalities_within_10pct", within_10pct(dead, gold.fatalities))
        if gold.fatalities > 0:
            self._check("fatalities_exact_gold_positive", dead == gold.fatalities)
            self._check("fatalities_within_10pct_gold_positive",
                        within_10pct(dead, gold.fatalities))

    def _location(self, gold: GoldRow, event: Event) -> None:
        km = distance_km(gold, event)
        if event.location is None:
            self.no_location += 1
        if km is not None:
            self.distances.append(km)
        if gold.lat is not None and gold.lon is not None:
            self._check("location_within_25km", km is not None and km <= NEAR_KM)
        if gold.admin1:
            ours = event.location.admin1 if event.location else ""
            self._check("admin1", bool(ours) and fold(ours) == fold(gold.admin1))

    def _actors(self, gold: GoldRow, event: Event) -> None:
        actor1 = event.actors[0] if event.actors else None
        actor2 = event.recipients[0] if event.recipients else None
        inter1 = predicted_inter(actor1, event, gold)
        inter2 = predicted_inter(actor2, event, gold)
        self.inter1_pairs.append((str(gold.inter1), inter1))
        self.inter2_pairs.append((str(gold.inter2), inter2))
        self._check("inter1", inter1 == str(gold.inter1))
        self._check("inter2", inter2 == str(gold.inter2))

    def _rates(self) -> dict[str, Any]:
        return {name: rate(hits, total) for name, (hits, total) in self.checks.items()} | {
            "n": {name: total for name, (_, total) in self.checks.items()}}

    def report(self) -> dict[str, Any]:
        events = confusion.summary(self.type_pairs, ACLED_EVENT_TYPES)
        subs = confusion.summary(self.sub_pairs, ACLED_SUB_EVENT_TYPES, top=20)
        del subs["confusion"]  # 26 x 26 is too big to read; per_class and top_confusions stay
        return {
            "counts": self._counts(),
            "matched_pairs": self._rates(),
            "event_type": {"accuracy_matched": rate(*self.checks["event_type"]), **events},
            "sub_event_type": {"accuracy_matched": rate(*self.checks["sub_event_type"]), **subs},
            "location": {"median_km": round(statistics.median(self.distances), 1)
                         if self.distances else None, "matched_without_location": self.no_location},
            "inter1_confusion": confusion.matrix(self.inter1_pairs, INTER_LABELS, compact=True),
            "inter2_confusion": confusion.matrix(self.inter2_pairs, INTER_LABELS, compact=True),
            "time_precision_confusion": dict(Counter(f"{g}->{p}" for g, p in self.precision_pairs)),
            "examples": self._examples(),
        }

    def _example(self, key: str, event_id: str) -> None:
        ids = self.examples.setdefault(key, [])
        if len(ids) < EXAMPLES and event_id:
            ids.append(event_id)

    def _examples(self) -> dict[str, list[str]]:
        """ACLED event ids for the commonest wrong types and misses, to look the notes up."""
        wanted = [f"{c['gold']} -> {c['predicted']}" for c in confusion.top_confusions(
            self.type_pairs, 10) if c["gold"] != confusion.NONE]
        return {key: self.examples[key] for key in wanted if key in self.examples}

    def _counts(self) -> dict[str, Any]:
        return {
            "notes": self.notes, "rows_without_notes": self.rows_without_notes,
            "gold_events": self.gold, "predicted_events": self.predicted,
            "matched": self.matched, "missed": self.gold - self.matched,
            "extra": self.predicted - self.matched, "predicted_all": self.predicted_all,
            "predicted_flagged": self.flagged, "predicted_without_acled_type": self.outside_acled,
            "notes_without_predictions": self.without_any,
            "notes_without_scorable_predictions": self.without_scorable,
            "notes_failed": self.failures,
            "mean_predicted_per_note": rate(self.predicted, self.notes),
            "mean_gold_per_note": rate(self.gold, self.notes),
        }
