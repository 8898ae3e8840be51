"""``eventwire eval dedup``: cross-article deduplication scored on labelled event pairs.

The documents the pairs refer to are coded afresh, each labelled event is found again
(dedup_pairs.py), and :func:`eventwire.dedup.compare` decides each pair. "same" is the
positive class: precision = pairs rightly merged / pairs merged, recall = pairs rightly
merged / pairs labelled same. Positives are also split into near-verbatim pairs (the two
records' evidence is largely the same text: a syndicated or republished report) and
reworded ones, since the former are much easier.
"""

from __future__ import annotations

import difflib
from collections import Counter
from typing import Any

from eventwire.dedup import Decision, compare
from eventwire.errors import ConfigError, InputError
from eventwire.evaluate.common import Timer, rate
from eventwire.evaluate.dedup_pairs import LabelledPair, find_event, read_corpus, read_pairs
from eventwire.records import Event

VERBATIM_RATIO = 0.8


def _code(corpus: str, pairs: list[LabelledPair], pipeline: Any,
          truecase: bool = False) -> dict[str, list[Event]]:
    from eventwire.pipeline import Pipeline

    wanted = {r.doc_id for p in pairs for r in (p.a, p.b)}
    articles = read_corpus(corpus, wanted)
    missing = wanted - {a.id for a in articles}
    if missing:
        raise InputError(f"--corpus {corpus}: {len(missing)} documents of the pair file are "
                         f"not in it (e.g. {sorted(missing)[0]}); pass the matching corpus")
    pipe = pipeline or Pipeline.load(truecase=truecase)
    coded: dict[str, list[Event]] = {}
    for item in pipe.run(articles):
        if hasattr(item, "events"):
            coded[item.article.id] = item.events
    return coded


def verbatim(a: Event, b: Event) -> bool:
    """Is most of one record's evidence the other's text (a republished report)?"""
    ta = " ".join(e.text for e in a.evidence).lower()
    tb = " ".join(e.text for e in b.evidence).lower()
    matcher = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
    shared = sum(block.size for block in matcher.get_matching_blocks())
    return shared >= VERBATIM_RATIO * min(len(ta), len(tb))


def _outcome(label: str, decision: Decision) -> str:
    if decision.same:
        return "tp" if label == "same" else "fp"
    return "fn" if label == "same" else "tn"


def _error(pair: LabelledPair, decision: Decision, outcome: str) -> dict[str, Any]:
    return {"id": pair.id, "outcome": outcome, "note": pair.note, "score": decision.score,
            "matched": list(decision.matched), "conflicts": list(decision.conflicts),
            "reasons": list(getattr(decision, "reasons", ()))}


def _scores(counts: Counter[str]) -> dict[str, Any]:
    tp, fp, fn, tn = (counts[k] for k in ("tp", "fp", "fn", "tn"))
    precision, recall = rate(tp, tp + fp), rate(tp, tp + fn)
    f1 = (round(2 * precision * recall / (precision + recall), 4)
          if precision and recall else None)
    return {"precision": precision, "recall": recall, "f1": f1,
            "accuracy": rate(tp + tn, tp + fp + fn + tn),
            "confusion": {"true_same": tp, "false_same": fp, "missed_same": fn,
                          "true_different": tn}}


def evaluate(*, pairs: str, corpus: str, limit: int | None = None,
             pipeline: Any = None, truecase: bool = False) -> dict[str, Any]:
    """Score compare() on the labelled ``pairs`` whose documents are in ``corpus``
    (``truecase``: restore capitals to its lower-cased reports first)."""
    if limit is not None and limit < 1:
        raise ConfigError(f"--limit {limit}: must be a positive number of pairs")
    timer = Timer()
    labelled = read_pairs(pairs, limit)
    coded = _code(corpus, labelled, pipeline, truecase)
    counts: Counter[str] = Counter()
    by_text: dict[str, Counter[str]] = {"verbatim": Counter(), "reworded": Counter()}
    by_set: dict[str, Counter[str]] = {}
    found_how: Counter[str] = Counter()
    not_found, errors = [], []
    for pair in labelled:
        a, how_a = find_event(pair.a, coded.get(pair.a.doc_id, []))
        b, how_b = find_event(pair.b, coded.get(pair.b.doc_id, []))
        found_how.update(h for h in (how_a, how_b) if h)
        if a is None or b is None:
            not_found.append(pair.id)
            continue
        decision = compare(a, b)
        outcome = _outcome(pair.label, decision)
        counts[outcome] += 1
        by_text["verbatim" if verbatim(a, b) else "reworded"][outcome] += 1
        if pair.set:
            by_set.setdefault(pair.set, Counter())[outcome] += 1
        if outcome in ("fp", "fn"):
            errors.append(_error(pair, decision, outcome))
    return {"pairs_file": pairs, "corpus": corpus, "truecase": truecase,
            "pairs": len(labelled),
            "labels": dict(Counter(p.label for p in labelled)),
            "scored": sum(counts.values()), "not_reidentified": len(not_found),
            "not_reidentified_ids": not_found, "reidentified_by": dict(found_how),
            **_scores(counts),
            "by_evidence_text": {k: _scores(v) for k, v in by_text.items()},
            "by_set": {k: _scores(v) for k, v in sorted(by_set.items())},
            "errors": errors,
            "timing": {"seconds": round(timer.seconds, 2), "documents": len(coded)}}
