"""Labelled event pairs for ``eventwire eval dedup``: reading them, coding the documents
they come from, and finding each labelled event again.

A pair file holds one JSON object per line::

    {"id": "C000", "label": "same" | "different", "note": "...", "set": "dev",
     "a": {"doc_id": 906, "event_type": "ASSAULT", "mode": null,
           "evidence": [[0, 257], ...]},
     "b": {...}}

``set`` (optional) names a subset the scores are also reported for (e.g. pairs labelled
after the rules were frozen). ``evidence`` is the list of character offsets of the event's evidence sentences in the
document. An event is found again in the re-coded document by, in order: the same type
and exactly the same evidence offsets; the same type and the same first evidence
sentence; the same type and any evidence sentence in common. Pairs with an event not
found are reported and left out of the scores.

The corpus is a directory in the india_police_events layout: ``docs.jsonl``
(``{doc_id, doc_text}``) and ``metadata.jsonl`` (``{doc_id, date}``, the publication
date that anchors relative dates).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwire.errors import InputError
from eventwire.evaluate.common import read_jsonl, require
from eventwire.records import Article, Event

FLAG = "--pairs"
LABELS = ("same", "different")
MATCH_LEVELS = ("exact", "first_sentence", "any_sentence", "sentence_other_type")


@dataclass(frozen=True, slots=True)
class EventRef:
    doc_id: str
    event_type: str
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class LabelledPair:
    id: str
    a: EventRef
    b: EventRef
    label: str
    note: str
    set: str = ""


def _ref(raw: Any, path: str) -> EventRef:
    if not isinstance(raw, dict) or not {"doc_id", "event_type", "evidence"} <= raw.keys():
        raise InputError(f"{FLAG} {path}: each side needs doc_id, event_type and evidence "
                         "([[start, end], ...]); fix the pair file")
    spans = tuple((int(s), int(e)) for s, e in raw["evidence"])
    if not spans:
        raise InputError(f"{FLAG} {path}: an event with no evidence offsets; give at least one")
    return EventRef(doc_id=str(raw["doc_id"]), event_type=str(raw["event_type"]), spans=spans)


def read_pairs(path: str, limit: int | None = None) -> list[LabelledPair]:
    pairs = []
    for record in read_jsonl(path, flag=FLAG, limit=limit):
        require(record, ("a", "b", "label"), flag=FLAG, path=path)
        if record["label"] not in LABELS:
            raise InputError(f"{FLAG} {path}: label {record['label']!r}; use 'same' or 'different'")
        pairs.append(LabelledPair(id=str(record.get("id", len(pairs))), a=_ref(record["a"], path),
                                  b=_ref(record["b"], path), label=record["label"],
                                  note=str(record.get("note", "")),
                                  set=str(record.get("set") or "")))
    if not pairs:
        raise InputError(f"{FLAG} {path}: no pairs; pass a JSONL of labelled event pairs")
    return pairs


def read_corpus(corpus: str, doc_ids: set[str]) -> list[Article]:
    """The articles of ``doc_ids`` from a docs.jsonl + metadata.jsonl directory."""
    root = Path(corpus)
    docs, meta = root / "docs.jsonl", root / "metadata.jsonl"
    if not docs.is_file() or not meta.is_file():
        raise InputError(f"--corpus {corpus}: expected a directory with docs.jsonl and "
                         "metadata.jsonl (the india_police_events layout)")
    dates: dict[str, dt.date | None] = {}
    for row in read_jsonl(str(meta), flag="--corpus"):
        if str(row.get("doc_id")) in doc_ids:
            dates[str(row["doc_id"])] = _date(row.get("date"))
    articles = []
    for row in read_jsonl(str(docs), flag="--corpus"):
        key = str(row.get("doc_id"))
        if key in doc_ids:
            text = str(row.get("doc_text") or "").replace("\r\n", "\n")
            articles.append(Article(id=key, text=text, published=dates.get(key)))
    return articles


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def find_event(ref: EventRef, events: list[Event]) -> tuple[Event | None, str | None]:
    """The coded event a reference points to, and how it was found (MATCH_LEVELS)."""
    typed = [e for e in events if e.event_type == ref.event_type]
    def spans(e: Event) -> tuple[tuple[int, int], ...]:
        return tuple((x.start, x.end) for x in e.evidence)
    tests = (("exact", lambda e: spans(e) == ref.spans),
             ("first_sentence", lambda e: bool(e.evidence) and spans(e)[0] == ref.spans[0]),
             ("any_sentence", lambda e: bool(set(spans(e)) & set(ref.spans))))
    for level, test in tests:
        hits = [e for e in typed if test(e)]
        if hits:
            return hits[0], level
    # the coder has since typed the same sentence's event differently (for example
    # property burning moved from ASSAULT to COERCE): the labelled incident is still there
    # (or merged it into the event of an earlier sentence: "fearing an attack, ... sealed
    # the workshops. The step followed reports of a possible strike")
    for test in (lambda e: spans(e)[0] == ref.spans[0],
                 lambda e: ref.spans[0] in spans(e)):
        hits = [e for e in events if e.evidence and test(e)]
        if len(hits) == 1:
            return hits[0], "sentence_other_type"
    return None, None
