"""Metric functions shared by the scorers: distances, error curves, span matching, P/R/F1.

All functions are pure; percentages are 0-100, distances kilometres.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence

EARTH_RADIUS_KM = 6371.0088
# Half the earth's circumference: the largest possible great-circle error (Gritta et al.).
MAX_ERROR_KM = 20039.0
ACC_KM = 161.0  # 100 miles


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points given in decimal degrees."""
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((la2 - la1) / 2) ** 2 + \
        math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def auc_log_error(errors_km: Sequence[float]) -> float | None:
    """Area under the curve of sorted log(1 + error_km), x and y scaled to 0-1.

    Gritta et al. (2018): the y axis is normalised by log(20039), half the earth's
    circumference; lower is better, 0 when every error is 0. None for no errors.
    """
    if not errors_km:
        return None
    ys = sorted(min(1.0, math.log1p(max(0.0, e)) / math.log(MAX_ERROR_KM)) for e in errors_km)
    if len(ys) == 1:
        return min(1.0, ys[0])
    area = sum((a + b) / 2 for a, b in zip(ys, ys[1:])) / (len(ys) - 1)
    return min(1.0, area)


def error_summary(errors_km: Sequence[float]) -> dict[str, float | None]:
    """Mean, median, AUC and acc@161 of a list of errors (None when empty)."""
    if not errors_km:
        return {"mean_error_km": None, "median_error_km": None, "auc": None}
    return {"mean_error_km": statistics.fmean(errors_km),
            "median_error_km": statistics.median(errors_km),
            "auc": auc_log_error(errors_km)}


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """True when the half-open character spans share at least one character."""
    return a[0] < b[1] and b[0] < a[1]


def _overlap_len(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_spans(gold: Sequence[tuple[int, int]], pred: Sequence[tuple[int, int]]
                ) -> tuple[list[int | None], list[bool]]:
    """Overlap matching of gold and predicted spans.

    Returns, for each gold span, the index of the predicted span that overlaps it most
    (ties: the earlier one) or None; and, for each predicted span, whether it overlaps
    any gold span. Any overlap counts (the lenient setting of the geoparsing literature).
    """
    best: list[int | None] = []
    for g in gold:
        hits = [(_overlap_len(g, p), -i) for i, p in enumerate(pred) if overlaps(g, p)]
        best.append(-max(hits)[1] if hits else None)
    used = [any(overlaps(p, g) for g in gold) for p in pred]
    return best, used


def pct(numerator: int, denominator: int) -> float | None:
    """Percentage, None when the denominator is 0."""
    return 100.0 * numerator / denominator if denominator else None


def prf(matched_pred: int, n_pred: int, matched_gold: int, n_gold: int
        ) -> dict[str, float | None]:
    """Precision (matched predictions), recall (matched gold) and F1, as percentages."""
    p = pct(matched_pred, n_pred)
    r = pct(matched_gold, n_gold)
    f1 = 2 * p * r / (p + r) if p is not None and r is not None and p + r else None
    return {"precision": p, "recall": r, "f1": f1}
