"""One-to-one matching of predicted events to gold events inside one document.

Greedy on a lexicographic cost: every (gold, predicted) pair gets a key tuple, pairs are
taken cheapest first, and each gold item and each prediction is used at most once. With
the handful of events per document this gives the same result as an optimal assignment in
practice, is deterministic, and needs no solver.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

G = TypeVar("G")
P = TypeVar("P")


@dataclass(slots=True, frozen=True)
class Matching(Generic[G, P]):
    """Matched pairs, and the gold items and predictions left over."""

    pairs: list[tuple[G, P]]
    missed: list[G]
    extra: list[P]


def greedy_match(gold: Sequence[G], predicted: Sequence[P],
                 cost: Callable[[G, P], tuple[float, ...]]) -> Matching[G, P]:
    """Pair gold and predicted items cheapest-``cost`` first (ties: input order)."""
    candidates = sorted(
        ((cost(g, p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(predicted)),
        key=lambda item: (item[0], item[1], item[2]),
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, gi, pi in candidates:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        pairs.append((gi, pi))
    pairs.sort()
    return Matching(
        pairs=[(gold[gi], predicted[pi]) for gi, pi in pairs],
        missed=[g for gi, g in enumerate(gold) if gi not in used_gold],
        extra=[p for pi, p in enumerate(predicted) if pi not in used_pred],
    )
