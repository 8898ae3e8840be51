"""``eventwire eval events``: event coding scored against ACLED rows or PLOVER gold records.

The scorers live in :mod:`eventwire.evaluate.acled` and :mod:`eventwire.evaluate.plover`;
this module is the entry point the CLI calls.
"""

from __future__ import annotations

from typing import Any

from eventwire.errors import ConfigError


def evaluate(*, acled: str | None = None, plover: str | None = None,
             limit: int | None = None) -> dict[str, Any]:
    """Score against ``acled`` (normalised ACLED JSONL) or ``plover`` (PLOVER GSR JSONL).

    ``limit`` scores only the first N documents (distinct ACLED notes / PLOVER sentences).
    """
    if (acled is None) == (plover is None):
        raise ConfigError("eval events needs exactly one of --acled FILE or --plover FILE")
    if limit is not None and limit < 1:
        raise ConfigError(f"--limit {limit}: must be a positive number of documents")
    if acled is not None:
        from eventwire.evaluate.acled import evaluate_acled

        return evaluate_acled(acled, limit)
    from eventwire.evaluate.plover import evaluate_plover

    return evaluate_plover(str(plover), limit)
