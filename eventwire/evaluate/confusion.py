"""Confusion matrices and per-class precision/recall/F1 from (gold, predicted) label pairs.

A missing label on either side is ``NONE`` ("none"): a gold item nothing was predicted for
is (label, "none") -- a miss; a prediction without gold is ("none", label) -- a false
positive. Both count against the class in precision/recall/F1.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

NONE = "none"
Pair = tuple[str, str]


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def per_class(pairs: Sequence[Pair], classes: Iterable[str]) -> dict[str, dict[str, Any]]:
    """precision, recall, f1, support (gold count) and predicted count for each class."""
    counts = Counter(pairs)
    gold = Counter(g for g, _ in pairs)
    pred = Counter(p for _, p in pairs)
    table: dict[str, dict[str, Any]] = {}
    for label in classes:
        hit = counts[(label, label)]
        precision = hit / pred[label] if pred[label] else 0.0
        recall = hit / gold[label] if gold[label] else 0.0
        table[label] = {"precision": round(precision, 4), "recall": round(recall, 4),
                        "f1": round(_f1(precision, recall), 4), "support": gold[label],
                        "predicted": pred[label]}
    return table


def macro_f1(table: dict[str, dict[str, Any]]) -> float | None:
    """Mean F1 over the classes that occur in gold or predictions (absent classes are skipped)."""
    scored = [row["f1"] for row in table.values() if row["support"] or row["predicted"]]
    return round(sum(scored) / len(scored), 4) if scored else None


def matrix(pairs: Sequence[Pair], classes: Sequence[str], *, compact: bool = False
           ) -> dict[str, dict[str, int]]:
    """gold label -> predicted label -> count; rows and columns are ``classes`` plus "none".

    Labels outside ``classes`` are kept as extra rows/columns so nothing is lost. The "none"
    row is dropped when empty; with ``compact`` every empty row and column is.
    """
    counts = Counter(pairs)
    extra = sorted({label for pair in pairs for label in pair} - set(classes) - {NONE})
    labels = [*classes, *extra, NONE]
    gold = {g for g, _ in pairs} if compact else set(labels) - {NONE}
    columns = [p for p in labels if not compact or any(q == p for _, q in pairs)]
    rows = {g: {p: counts[(g, p)] for p in columns} for g in labels}
    return {g: row for g, row in rows.items() if g in gold or any(row.values())}


def top_confusions(pairs: Sequence[Pair], n: int = 10, *, labelled_only: bool = False
                   ) -> list[dict[str, Any]]:
    """The most frequent disagreeing (gold, predicted) pairs.

    Misses and false positives are included unless ``labelled_only`` (both sides a class).
    """
    counts = Counter((g, p) for g, p in pairs
                     if g != p and not (labelled_only and NONE in (g, p)))
    return [{"gold": g, "predicted": p, "count": c} for (g, p), c in counts.most_common(n)]


def accuracy(pairs: Sequence[Pair]) -> float | None:
    return round(sum(g == p for g, p in pairs) / len(pairs), 4) if pairs else None


def summary(pairs: Sequence[Pair], classes: Sequence[str], *, top: int = 10) -> dict[str, Any]:
    """macro-F1, per-class table, confusion matrix and top confusions for one label set."""
    table = per_class(pairs, classes)
    return {"macro_f1": macro_f1(table), "per_class": table,
            "confusion": matrix(pairs, classes), "top_confusions": top_confusions(pairs, top),
            "top_wrong_class": top_confusions(pairs, top, labelled_only=True)}
