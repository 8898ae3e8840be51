"""Canonical events: one row per real-world event, however many articles report it.

A newly coded event (not negated, hypothetical or historical) is compared with the canonical
events that could be the same one: same country, a date within :data:`WINDOW_DAYS`, and the
same ACLED event type or the same PLOVER family. The comparison itself belongs to
``eventwire.dedup`` (``compare(a, b) -> Decision`` with ``same, score, matched, conflicts``);
it is imported lazily, and without it every coded event is its own canonical event.

When a report joins a canonical event, the canonical counts follow ACLED's most conservative
rule: the smallest of the figures reported (a report without a figure does not lower it).
Each change to a canonical field is written to ``changes`` for later review.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from eventwire.errors import StoreError
from eventwire.records import Event
from eventwire.store.codec import event_from_json, event_json
from eventwire.store.database import Database
from eventwire.store.schema import now

log = logging.getLogger(__name__)

WINDOW_DAYS = 7
MAX_CANDIDATES = 50
FIGURES = ("dead", "injured", "arrested", "size")

# PLOVER's four classes (verbal/material cooperation/conflict), with material conflict split
# so that protests, uses of force and postures (sanctions, mobilisations) are told apart.
PLOVER_FAMILY: dict[str, str] = {
    "AGREE": "verbal-cooperation", "CONSULT": "verbal-cooperation",
    "SUPPORT": "verbal-cooperation", "CONCEDE": "verbal-cooperation",
    "COOPERATE": "material-cooperation", "AID": "material-cooperation",
    "RETREAT": "material-cooperation",
    "REQUEST": "verbal-conflict", "ACCUSE": "verbal-conflict", "REJECT": "verbal-conflict",
    "THREATEN": "verbal-conflict",
    "PROTEST": "protest",
    "ASSAULT": "force", "COERCE": "force",
    "SANCTION": "posture", "MOBILIZE": "posture",
}  # fmt: skip
ACLED_EVENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians",
                     "Protests", "Riots", "Strategic developments")


class Decision(Protocol):
    """What ``eventwire.dedup.compare`` returns (a frozen dataclass there)."""

    same: bool
    score: float
    matched: tuple[str, ...]
    conflicts: tuple[str, ...]


Compare = Callable[[Event, Event], Decision]


@dataclass(slots=True, frozen=True)
class Match:
    """A canonical event a new report joins, and why."""

    event_id: int
    canonical: Event
    decision: Decision


def type_family(event_type: str) -> str:
    return PLOVER_FAMILY.get(event_type.upper(), event_type.lower())


def load_compare() -> Compare | None:
    """``eventwire.dedup.compare`` when that module is installed; None when it is not.

    Raises StoreError when the module is there but broken: storing without it would
    silently keep duplicates apart."""
    try:
        from eventwire.dedup import compare
    except ImportError as exc:
        if exc.name not in ("eventwire.dedup", "eventwire"):
            log.warning("eventwire.dedup cannot be imported (%s); every report is kept as its "
                        "own event", exc)
        return None
    except Exception as exc:  # noqa: BLE001 - any error inside the module, named on one line
        raise StoreError(f"eventwire.dedup is installed but fails to load ({type(exc).__name__}: "
                         f"{' '.join(str(exc).split())}); fix it, or remove it to store every "
                         "report as its own event") from exc
    return compare


def find_match(db: Database, event: Event, article_id: int,
               compare: Compare | None) -> Match | None:
    """The best canonical event ``compare`` calls the same as ``event``, if any.

    Events of the same article are never candidates: the coder already kept them apart.
    """
    if compare is None or event.flagged:
        return None
    window = _window(event)
    if window is None or event.location is None or not event.location.country_code:
        return None
    rows = db.rows(
        "SELECT e.id, e.record FROM events e WHERE e.country_code = ? AND e.date >= ? "
        "AND e.date <= ? AND e.flagged = 0 AND e.status <> 'merged' "
        "AND (e.acled_event_type = ? OR e.type_family = ?) "
        "AND NOT EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = e.id AND m.article_id = ?) "
        "ORDER BY e.id LIMIT ?",
        (event.location.country_code, *window, event.acled_event_type,
         type_family(event.event_type), article_id, MAX_CANDIDATES))
    best: Match | None = None
    for event_id, record in rows:
        canonical = event_from_json(record)
        decision = compare(event, canonical)
        if decision.same and (best is None or decision.score > best.decision.score):
            best = Match(event_id=event_id, canonical=canonical, decision=decision)
    return best


def _window(event: Event) -> tuple[str, str] | None:
    try:
        day = dt.date.fromisoformat((event.date or "")[:10])
    except ValueError:
        return None
    span = dt.timedelta(days=WINDOW_DAYS)
    return (day - span).isoformat(), (day + span).isoformat()


def conservative(current: int | None, reported: int | None) -> int | None:
    """ACLED's rule for several reported figures: the smallest one that was given."""
    if current is None:
        return reported
    if reported is None:
        return current
    return min(current, reported)


def merge_report(db: Database, match: Match, report: Event, *, mention_id: int, source: str,
                 who: str) -> None:
    """Fold a report's figures into its canonical event and log every changed field.
    Figures a reviewer corrected (``events.corrected``) are kept as the reviewer set them."""
    canonical = match.canonical
    changed: list[tuple[str, Any, Any]] = []
    corrected = db.row("SELECT corrected FROM events WHERE id = ?", (match.event_id,))[0]
    kept = set(json.loads(corrected)) if corrected else set()
    for name in FIGURES:
        if name in kept:
            continue
        old = getattr(canonical, name)
        new = conservative(old, getattr(report, name))
        if new != old:
            setattr(canonical, name, new)
            changed.append((name, old, new))
    count, sources = db.row("SELECT mention_count, sources FROM events WHERE id = ?",
                            (match.event_id,))
    names = json.loads(sources)
    if source not in names:
        names.append(source)
    db.execute(
        "UPDATE events SET dead = ?, injured = ?, arrested = ?, size = ?, mention_count = ?, "
        "sources = ?, record = ?, updated_at = ? WHERE id = ?",
        (canonical.dead, canonical.injured, canonical.arrested, canonical.size, count + 1,
         json.dumps(names, ensure_ascii=False), event_json(canonical), now(), match.event_id))
    for name, old, new in changed:
        db.execute("INSERT INTO changes (event_id, mention_id, who, at, field, old, new) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)",
                   (match.event_id, mention_id, who, now(), name, _text(old), _text(new)))


def _text(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)
