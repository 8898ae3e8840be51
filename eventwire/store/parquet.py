"""Canonical events as an Apache Parquet file (pyarrow), one row per event.

Columns are the event record's fields with ``location`` flattened to ``location_*`` (as in
the GeoJSON export), ``date`` as a date, actors, recipients and evidence as lists of structs,
plus ``mention_count`` and ``sources`` (the documents that reported the event).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from eventwire.export import ExportCount
from eventwire.store.query import StoredEvent

BATCH_ROWS = 1000
_LOCATION = (("name", "string"), ("geonameid", "int64"), ("lat", "float64"),
             ("lon", "float64"), ("country_code", "string"), ("admin1", "string"),
             ("geo_precision", "int32"), ("reason", "string"))


def parquet_schema() -> Any:
    import pyarrow as pa

    actor = pa.list_(pa.struct([("text", pa.string()), ("name", pa.string()),
                                ("country", pa.string()), ("sector", pa.string())]))
    evidence = pa.list_(pa.struct([("text", pa.string()), ("start", pa.int64()),
                                   ("end", pa.int64())]))
    return pa.schema([
        ("id", pa.string()), ("doc_id", pa.string()), ("event_type", pa.string()),
        ("mode", pa.string()), ("context", pa.list_(pa.string())),
        ("acled_event_type", pa.string()), ("acled_sub_event_type", pa.string()),
        ("disorder_type", pa.string()), ("date", pa.date32()), ("time_precision", pa.int32()),
        *[(f"location_{name}", pa.type_for_alias(kind)) for name, kind in _LOCATION],
        ("actors", actor), ("recipients", actor),
        ("dead", pa.int64()), ("injured", pa.int64()), ("arrested", pa.int64()),
        ("size", pa.int64()), ("negated", pa.bool_()), ("hypothetical", pa.bool_()),
        ("historical", pa.bool_()), ("evidence", evidence), ("confidence", pa.float64()),
        ("mention_count", pa.int32()), ("sources", pa.list_(pa.string())),
    ])  # fmt: skip


def parquet_row(stored: StoredEvent) -> dict[str, Any]:
    data = stored.event.as_dict()
    location = data.pop("location") or {}
    data["date"] = _date(data["date"])
    data.update({f"location_{name}": location.get(name) for name, _ in _LOCATION})
    data["mention_count"] = stored.mention_count
    data["sources"] = list(stored.sources)
    return data


def write_parquet(events: Iterable[StoredEvent], path: str | Path) -> ExportCount:
    """Write ``events`` to ``path`` in row groups of :data:`BATCH_ROWS`; returns the count."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    written = 0
    batch: list[dict[str, Any]] = []
    with pq.ParquetWriter(str(path), schema) as writer:
        for stored in events:
            batch.append(parquet_row(stored))
            if len(batch) >= BATCH_ROWS:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                written += len(batch)
                batch = []
        writer.write_table(pa.Table.from_pylist(batch, schema=schema))
        written += len(batch)
    return ExportCount(written=written, skipped=0)


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
