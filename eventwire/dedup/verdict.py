"""The result types: one ``Verdict`` per compared field, one ``Decision`` per pair."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Status = Literal["match", "weak", "unknown", "conflict"]


@dataclass(frozen=True, slots=True)
class Verdict:
    """How one field of two events compares.

    ``match``: the field agrees and is specific enough to count as evidence of identity
    ("strong"); ``weak``: it agrees but says little (same day, same country, generic
    actors);
    ``unknown``: one side lacks it; ``conflict``: it rules the pair out. ``weight`` is
    the field's points: its log-odds contribution for (positive) or against (negative)
    one event, summed in compare.py; ``reason`` is a short human explanation.
    """

    field: str
    status: Status
    weight: float = 0.0
    reason: str = ""
    grade: str = ""  # finer level where the decision needs it ("restated", "country", ...)

    @property
    def strong(self) -> bool:
        return self.status == "match"


@dataclass(frozen=True, slots=True)
class Decision:
    """Whether two event records report the same event, and why.

    ``matched`` names the fields that agreed (weakly or strongly); ``conflicts`` holds one
    ``"field: reason"`` string for each field that ruled the pair out. ``score`` (0-1) is
    the pair's total points as a probability (logistic), for ranking candidates; it is 0
    when a conflict rules the pair out. ``reasons`` holds one ``"field +1.20: why"`` line
    per compared field and a last line with the total against the threshold
    (compare.py).
    """

    same: bool
    score: float  # 0..1
    matched: tuple[str, ...]
    conflicts: tuple[str, ...]
    reasons: tuple[str, ...] = ()


def unknown(field: str, reason: str = "missing on one side") -> Verdict:
    return Verdict(field, "unknown", 0.0, reason)


def conflict(field: str, reason: str) -> Verdict:
    return Verdict(field, "conflict", 0.0, reason)
