"""``eventwire eval events``: event coding scored against ACLED rows or PLOVER gold records.

The scorers live in :mod:`eventwire.evaluate.acled` and :mod:`eventwire.evaluate.plover`;
this module is the entry point the CLI calls.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eventwire.errors import ConfigError


def evaluate(*, acled: str | None = None, plover: str | None = None,
             limit: int | None = None, model: str | Path | None = None) -> dict[str, Any]:
    """Score against ``acled`` (normalised ACLED JSONL) or ``plover`` (PLOVER GSR JSONL).

    ``limit`` scores only the first N documents (distinct ACLED notes / PLOVER sentences);
    ``model`` is a type model made by ``eventwire train`` (ACLED only: it re-types events).
    """
    if (acled is None) == (plover is None):
        raise ConfigError("eval events needs exactly one of --acled FILE or --plover FILE")
    if limit is not None and limit < 1:
        raise ConfigError(f"--limit {limit}: must be a positive number of documents")
    if model is not None and acled is None:
        raise ConfigError("--model re-types ACLED fields and applies to --acled only; "
                          "drop it for --plover")
    if acled is not None:
        from eventwire.evaluate.acled import evaluate_acled

        return evaluate_acled(acled, limit, type_model_path=model)
    from eventwire.evaluate.plover import evaluate_plover

    return evaluate_plover(str(plover), limit)
