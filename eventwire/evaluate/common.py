"""Helpers shared by the scorers: reading gold JSONL, rates, name folding, timing."""

from __future__ import annotations

import json
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eventwire.errors import InputError


def read_jsonl(path: str, *, flag: str, limit: int | None = None) -> Iterator[dict[str, Any]]:
    """JSON objects of a JSONL file, one per non-blank line; InputError for an unusable file.

    ``limit`` stops after that many objects (the caller may apply its own limit instead).
    """
    file = Path(path)
    if not file.is_file():
        raise InputError(f"{flag} {path}: file not found; pass the path of a JSONL gold file")
    with file.open(encoding="utf-8") as handle:
        count = 0
        for number, line in enumerate(handle, start=1):
            if limit is not None and count >= limit:
                return
            if not line.strip():
                continue
            yield _parse_line(line, path, number, flag)
            count += 1


def _parse_line(line: str, path: str, number: int, flag: str) -> dict[str, Any]:
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{flag} {path}:{number}: not valid JSON ({exc.msg}); "
                         "the file must hold one JSON object per line") from exc
    if not isinstance(value, dict):
        raise InputError(f"{flag} {path}:{number}: expected a JSON object per line, "
                         f"got {type(value).__name__}; fix the file format")
    return value


def require(record: dict[str, Any], keys: tuple[str, ...], *, flag: str, path: str) -> None:
    """InputError naming the first missing key of a gold record."""
    for key in keys:
        if key not in record:
            keys_seen = ", ".join(sorted(record))[:200]
            raise InputError(f"{flag} {path}: record without {key!r} (keys: {keys_seen}); "
                             "pass a file in the expected format")


def rate(hits: int, total: int) -> float | None:
    """hits/total rounded to 4 places; None when there is nothing to score."""
    return round(hits / total, 4) if total else None


def fold(name: str | None) -> str:
    """Case- and accent-insensitive form of a place name, for comparisons."""
    if not name:
        return ""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().replace("-", " ").split())


class Timer:
    """Wall-clock seconds since creation."""

    def __init__(self) -> None:
        self._start = time.perf_counter()

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self._start

    def per_second(self, count: int) -> float | None:
        elapsed = self.seconds
        return round(count / elapsed, 2) if elapsed > 0 else None
