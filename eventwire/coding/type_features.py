"""Features of a coded event for the type model (type_model.py), and their vectors.

Two blocks, each scaled to unit length so that neither drowns the other: the words and
word pairs of the event's evidence sentences (sublinear term frequency, ``1 + log tf``),
and what the rule coder decided (PLOVER type and mode, context tags, actor sectors and
ACLED inter codes, the rule's ACLED type and sub-type, which counts it found). The rule's
sub-type also enters the model on its own, as a prior (:func:`prior_matrix`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from eventwire.coding.softmax import SparseRows
from eventwire.export import inter_code
from eventwire.records import Actor, Event

FEATURE_SET = "evidence-words-bigrams+rule-fields.v1"
WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+")
COUNTS = ("dead", "injured", "arrested", "size")


def words(text: str) -> list[str]:
    """Lower-cased words, every number as ``0``."""
    return ["0" if token.isdigit() else token for token in WORD.findall(text.lower())]


def text_features(event: Event) -> Counter[str]:
    """Word (``w:``) and word-pair (``b:``) counts of the evidence sentences."""
    counts: Counter[str] = Counter()
    for evidence in event.evidence:
        tokens = words(evidence.text)
        counts.update(f"w:{t}" for t in tokens)
        counts.update(f"b:{a}_{b}" for a, b in zip(tokens, tokens[1:]))
    return counts


def _actor_features(prefix: str, actors: Sequence[Actor], country: str) -> list[str]:
    found = [f"{prefix}:{a.sector or '?'}" for a in actors] or [f"{prefix}:none"]
    first = inter_code(actors[0], country) if actors else 0
    return found + [f"{prefix}-inter:{'?' if first is None else first}"]


def rule_features(event: Event) -> set[str]:
    """What the rule coder decided about the event, as indicator names."""
    country = event.location.country_code.upper() if event.location else ""
    found = {f"plover:{event.event_type}", f"mode:{event.mode}",
             f"plover-mode:{event.event_type}/{event.mode}",
             f"rule-type:{event.acled_event_type}", f"rule-sub:{event.acled_sub_event_type}"}
    found.update(f"context:{tag}" for tag in event.context)
    found.update(_actor_features("actor", event.actors, country))
    found.update(_actor_features("recipient", event.recipients, country))
    for name in COUNTS:
        value = getattr(event, name)
        found.add(f"{name}:{'none' if value is None else 'zero' if value == 0 else 'some'}")
    return found


def event_features(event: Event) -> dict[str, float]:
    """Feature name -> value: each block weighted (text: 1 + log tf) and unit length."""
    text = {name: 1.0 + math.log(count) for name, count in text_features(event).items()}
    rules = dict.fromkeys(rule_features(event), 1.0)
    return _unit(text) | _unit(rules)


def _unit(block: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in block.values()))
    return {name: v / norm for name, v in block.items()} if norm else {}


def prior_matrix(rule_subs: Sequence[str | None], labels: Sequence[str]) -> np.ndarray:
    """(n, k) 0/1: a 1 where an event's rule sub-type is that label (a row of zeros when the
    rules chose a sub-type the model never saw)."""
    column = {label: j for j, label in enumerate(labels)}
    prior = np.zeros((len(rule_subs), len(labels)))
    for i, sub in enumerate(rule_subs):
        if sub in column:
            prior[i, column[sub]] = 1.0
    return prior


def vocabulary(rows: Iterable[Mapping[str, float]], min_count: int) -> list[str]:
    """Feature names seen in at least ``min_count`` rows, sorted (the column order)."""
    seen: Counter[str] = Counter()
    for row in rows:
        seen.update(row.keys())
    return sorted(name for name, count in seen.items() if count >= min_count)


def vectorise(rows: Sequence[Mapping[str, float]], columns: Mapping[str, int]) -> SparseRows:
    """Rows as a sparse matrix over ``columns`` (name -> index); unknown names drop out."""
    indptr = [0]
    indices: list[int] = []
    values: list[float] = []
    for row in rows:
        known = sorted((columns[name], v) for name, v in row.items() if name in columns)
        indices.extend(i for i, _ in known)
        values.extend(v for _, v in known)
        indptr.append(len(indices))
    return SparseRows(indptr=np.array(indptr, dtype=np.int64),
                      indices=np.array(indices, dtype=np.int64),
                      values=np.array(values, dtype=np.float64), n_columns=len(columns))
