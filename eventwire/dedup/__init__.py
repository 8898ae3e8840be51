"""Cross-article deduplication: do two event records report the same event?

>>> from eventwire.dedup import compare
>>> decision = compare(event_a, event_b)          # doctest: +SKIP
>>> decision.same, decision.matched, decision.conflicts  # doctest: +SKIP

Pure functions over ``Event`` records (see compare.py for the rules and the modules it
names for each field). ``conservative_count`` picks ACLED's most conservative figure
when merged reports disagree.
"""

from __future__ import annotations

from eventwire.dedup.compare import compare
from eventwire.dedup.counts import conservative_count
from eventwire.dedup.verdict import Decision

__all__ = ["Decision", "compare", "conservative_count"]
