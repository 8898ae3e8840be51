"""Event-location scorer: ``eventwire eval location --silver FILE.jsonl [--limit N]``.

Silver lines: ``{id, source, text, event_verb: [{start, end, text}], event_locations:
[{start, end, text}]}``, character offsets into ``text`` (the Halterman event-location
set); ``event_locations`` is empty when the event has no place in the sentence.

Each sentence runs through the pipeline up to geoparsing. The token of the gold event
verb is the trigger, and the place is chosen as ``Coder._places`` does within the
event's sentence: "nationwide" sentences get none; otherwise the locative place tokens
(``location.place_tokens``) of the trigger's clause (``location.in_clause``), falling
back to the sentence's locatives when the clause has none or only a neighbourhood, go
to ``location.choose``. Borrowing a place from earlier sentences is out of scope: each
silver record is a single sentence.

A predicted place is correct when its span shares a character with a gold location
span. Two baselines use the same geoparser output: the first place of the sentence and
the place nearest the verb (character distance). Sentences whose gold location was not
found by the geoparser at all (no ``doc.places`` span overlaps a gold span) are counted
apart, so that recognition misses are not blamed on the chooser.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from eventwire.coding import location as loc
from eventwire.errors import InputError
from eventwire.evaluate.common import Timer, read_jsonl, require
from eventwire.evaluate.metrics import match_spans, overlaps, pct, prf
from eventwire.records import Article, Doc, Place

FLAG = "--silver"
SYSTEMS = ("ours", "first_place", "nearest_verb")
EXAMPLES = 10
SNIPPET = 200

SpanT = tuple[int, int]


@dataclass(slots=True, kw_only=True, frozen=True)
class Gold:
    """One silver sentence: its event verb and the event's location spans."""

    id: str
    source: str
    text: str
    verb: SpanT
    locations: tuple[SpanT, ...]


@dataclass(slots=True, kw_only=True, frozen=True)
class Outcome:
    """What each system predicted for one sentence, and what the geoparser found."""

    gold: Gold
    found: tuple[SpanT, ...]  # every doc.places span
    predictions: dict[str, tuple[Place, ...]]
    trigger_aligned: bool
    nationwide: bool
    failed: bool = False  # the pipeline failed on the sentence

    def spans(self, system: str) -> list[SpanT]:
        return [(p.start, p.end) for p in self.predictions[system]]

    def top_correct(self, system: str) -> bool:
        preds = self.spans(system)
        return bool(preds) and any(overlaps(preds[0], g) for g in self.gold.locations)

    def any_correct(self, system: str) -> bool:
        return any(overlaps(p, g) for p in self.spans(system) for g in self.gold.locations)

    @property
    def gold_found(self) -> bool:
        """Did the geoparser find at least one gold location span?"""
        return any(overlaps(g, f) for g in self.gold.locations for f in self.found)


# -- reading ------------------------------------------------------------------------------
def read_silver(path: str, limit: int | None = None) -> tuple[list[Gold], list[str]]:
    """The silver sentences of ``path`` (of its first ``limit`` records when given), and
    the ids of records left out because a gold span is empty (an unaligned annotation)."""
    golds: list[Gold] = []
    skipped: list[str] = []
    for rec in read_jsonl(path, flag=FLAG, limit=limit):
        gold = _gold(rec, path)
        if gold is None:
            skipped.append(str(rec.get("id", "")))
        else:
            golds.append(gold)
    if not golds:
        raise InputError(f"{FLAG} {path}: no usable records; pass a non-empty event-location "
                         "JSONL file")
    return golds, skipped


def _gold(rec: dict[str, Any], path: str) -> Gold | None:
    require(rec, ("text", "event_verb", "event_locations"), flag=FLAG, path=path)
    text = rec["text"]
    if not isinstance(text, str) or not isinstance(rec["event_verb"], list) or not rec["event_verb"]:
        raise InputError(f"{FLAG} {path}: record {rec.get('id')!r} needs a 'text' string and "
                         "a non-empty 'event_verb' list")
    if not isinstance(rec["event_locations"], list):
        raise InputError(f"{FLAG} {path}: record {rec.get('id')!r}: 'event_locations' must be "
                         "a list (empty when the event has no location)")
    verb = _span(rec["event_verb"][0], text, rec, path)
    locations = [_span(s, text, rec, path) for s in rec["event_locations"]]
    if verb is None or None in locations:
        return None
    return Gold(id=str(rec.get("id", "")), source=str(rec.get("source") or "unknown"),
                text=text, verb=verb, locations=tuple(s for s in locations if s is not None))


def _span(raw: Any, text: str, rec: dict[str, Any], path: str) -> SpanT | None:
    """(start, end) of a gold span; None for an empty one (start == end)."""
    try:
        start, end = int(raw["start"]), int(raw["end"])
    except (TypeError, KeyError, ValueError) as exc:
        raise InputError(f"{FLAG} {path}: record {rec.get('id')!r}: span {raw!r} needs integer "
                         "'start' and 'end'") from exc
    if start == end and 0 <= start <= len(text):
        return None
    if not 0 <= start < end <= len(text):
        raise InputError(f"{FLAG} {path}: record {rec.get('id')!r}: span {start}-{end} lies "
                         f"outside the text ({len(text)} characters); fix the offsets")
    return start, end


# -- prediction ---------------------------------------------------------------------------
def choose_event_places(parse: Any, places: list[Place], trigger: Any) -> list[Place]:
    """The coder's in-sentence event location (``location.event_places``)."""
    return loc.event_places(trigger.sent, trigger, loc.place_tokens(parse, places))


def first_place(places: list[Place]) -> list[Place]:
    """Baseline: the first place of the sentence."""
    return sorted(places, key=lambda p: p.start)[:1]


def nearest_place(places: list[Place], verb: SpanT) -> list[Place]:
    """Baseline: the place nearest the verb (character gap; ties: the earlier place)."""
    def gap(p: Place) -> tuple[int, int]:
        return max(0, verb[0] - p.end, p.start - verb[1]), p.start
    return sorted(places, key=gap)[:1]


def _trigger(parse: Any, verb: SpanT) -> Any:
    span = parse.char_span(verb[0], verb[1], alignment_mode="expand")
    return None if span is None or len(span) == 0 else span.root


def outcome(gold: Gold, doc: Doc | None) -> Outcome:
    """Predictions of the three systems for one sentence (nothing for a failed document)."""
    places = list(doc.places) if doc is not None else []
    trigger = _trigger(doc.parse, gold.verb) if doc is not None else None
    ours = choose_event_places(doc.parse, places, trigger) if trigger is not None else []
    return Outcome(gold=gold, found=tuple((p.start, p.end) for p in places),
                   predictions={"ours": tuple(ours),
                                "first_place": tuple(first_place(places)),
                                "nearest_verb": tuple(nearest_place(places, gold.verb))},
                   trigger_aligned=trigger is not None,
                   nationwide=trigger is not None and loc.nationwide(trigger.sent), failed=doc is None)


def predict(golds: list[Gold], pipe: Any) -> list[Outcome]:
    """Run the pipeline up to geoparsing over the sentences (batched) and choose places."""
    articles = [Article(id=g.id or str(i), text=g.text) for i, g in enumerate(golds)]
    docs = pipe.run(articles, until="geoparse")
    return [outcome(g, d if isinstance(d, Doc) else None) for g, d in zip(golds, docs)]


# -- scoring ------------------------------------------------------------------------------
def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def system_scores(outcomes: list[Outcome], system: str) -> dict[str, Any]:
    """Top-choice accuracy, span P/R/F1 and no-location accuracy of one system."""
    located = [o for o in outcomes if o.gold.locations]
    found = [o for o in located if o.gold_found]
    empty = [o for o in outcomes if not o.gold.locations]
    n_pred = matched_pred = matched_gold = n_gold = 0
    for o in outcomes:
        best, used = match_spans(list(o.gold.locations), o.spans(system))
        n_pred, matched_pred = n_pred + len(used), matched_pred + sum(used)
        n_gold, matched_gold = n_gold + len(best), matched_gold + sum(b is not None for b in best)
    out: dict[str, Any] = {
        "accuracy": _r(pct(sum(o.top_correct(system) for o in located), len(located))),
        "accuracy_when_found": _r(pct(sum(o.top_correct(system) for o in found), len(found))),
        "any_choice_correct": _r(pct(sum(o.any_correct(system) for o in located), len(located))),
        "no_location_accuracy": _r(pct(sum(not o.predictions[system] for o in empty), len(empty))),
        "predicted": n_pred, "matched_predicted": matched_pred, "matched_gold": matched_gold,
    }
    out.update({k: _r(v) for k, v in prf(matched_pred, n_pred, matched_gold, n_gold).items()})
    return out


def error_breakdown(outcomes: list[Outcome], system: str = "ours") -> dict[str, int]:
    """Why the top choice was wrong, over sentences with a gold location."""
    kinds: Counter[str] = Counter()
    for o in outcomes:
        if o.gold.locations and not o.top_correct(system):
            kinds[_error_kind(o, system)] += 1
    return dict(kinds.most_common())


def _error_kind(o: Outcome, system: str) -> str:
    if not o.gold_found:
        return "not_geoparsed"  # the geoparser found none of the gold toponyms
    if not o.predictions[system]:
        return "found_but_nothing_chosen"
    return "found_but_other_place_chosen"


def _gold_counts(outcomes: list[Outcome]) -> dict[str, Any]:
    located = [o for o in outcomes if o.gold.locations]
    spans = [(g, o.found) for o in located for g in o.gold.locations]
    missed = sum(1 for g, found in spans if not any(overlaps(g, f) for f in found))
    return {
        "sentences": len(outcomes), "with_gold_location": len(located),
        "without_gold_location": len(outcomes) - len(located),
        "gold_location_spans": len(spans),
        "gold_spans_not_geoparsed": missed,
        "gold_spans_not_geoparsed_pct": _r(pct(missed, len(spans))),
        "sentences_gold_not_geoparsed": sum(1 for o in located if not o.gold_found),
        "trigger_not_aligned": sum(1 for o in outcomes if not o.trigger_aligned),
        "nationwide_sentences": sum(1 for o in outcomes if o.nationwide),
    }


def by_source(outcomes: list[Outcome]) -> dict[str, dict[str, Any]]:
    """Accuracy (and no-location accuracy) of each system per corpus of the silver set."""
    groups: dict[str, list[Outcome]] = {}
    for o in outcomes:
        groups.setdefault(o.gold.source, []).append(o)
    return {src: _source_row(rows) for src, rows in
            sorted(groups.items(), key=lambda kv: -len(kv[1]))}


def _source_row(rows: list[Outcome]) -> dict[str, Any]:
    located = [o for o in rows if o.gold.locations]
    empty = [o for o in rows if not o.gold.locations]
    row: dict[str, Any] = {"sentences": len(rows), "with_gold_location": len(located),
                           "gold_not_geoparsed": sum(1 for o in located if not o.gold_found)}
    for system in SYSTEMS:
        row[f"{system}_accuracy"] = _r(pct(sum(o.top_correct(system) for o in located),
                                          len(located)))
    row["ours_no_location_accuracy"] = _r(pct(sum(not o.predictions["ours"] for o in empty),
                                              len(empty)))
    return row


def examples(outcomes: list[Outcome], n: int = EXAMPLES) -> list[dict[str, Any]]:
    """Chooser errors spread over the file: about two thirds where the gold place was
    geoparsed but not chosen first, a third where a place was chosen for none."""
    missed = [o for o in outcomes if o.gold.locations and o.gold_found and not o.top_correct("ours")]
    spurious = [o for o in outcomes if not o.gold.locations and o.predictions["ours"]]
    n_spurious = min(len(spurious), n // 3)
    picked = _spread(missed, n - n_spurious) + _spread(spurious, n_spurious)
    return [_example(o) for o in picked]


def _spread(items: list[Outcome], n: int) -> list[Outcome]:
    """``n`` items evenly spaced over the list (all of them when there are fewer)."""
    if n <= 0 or not items:
        return []
    step = max(1, len(items) // n)
    return items[::step][:n]


def _example(o: Outcome) -> dict[str, Any]:
    g = o.gold
    return {"id": g.id, "source": g.source, "text": _snippet(g.text),
            "verb": g.text[g.verb[0]:g.verb[1]],
            "gold": [g.text[s:e] for s, e in g.locations],
            "ours": [p.text for p in o.predictions["ours"]],
            "geoparsed": [g.text[s:e] for s, e in o.found],
            "error": _error_kind(o, "ours") if g.locations else "location_predicted_for_none"}


def _snippet(text: str) -> str:
    return text if len(text) <= SNIPPET else text[:SNIPPET - 3] + "..."


def score(outcomes: list[Outcome]) -> dict[str, Any]:
    """The JSON-ready report for predictions already made."""
    return {
        "gold": _gold_counts(outcomes),
        "systems": {s: system_scores(outcomes, s) for s in SYSTEMS},
        "ours_errors": error_breakdown(outcomes, "ours"),
        "by_source": by_source(outcomes),
        "examples": examples(outcomes),
    }


def evaluate(*, silver: str, limit: int | None = None,
             pipeline: Any = None) -> dict[str, Any]:
    """Score event-location choice on a silver JSONL file; returns the report.

    ``pipeline``: a loaded ``Pipeline`` to reuse (one is loaded when None)."""
    golds, skipped = read_silver(silver, limit)
    timer = Timer()
    pipe = pipeline if pipeline is not None else _load_pipeline()
    outcomes = predict(golds, pipe)
    report: dict[str, Any] = {"silver": silver, "limit": limit,
                              "skipped_empty_gold_span": skipped}
    report.update(score(outcomes))
    report["seconds"] = round(timer.seconds, 1)
    report["failed_documents"] = _failures(outcomes)
    return report


def _failures(outcomes: Iterable[Outcome]) -> int:
    return sum(1 for o in outcomes if o.failed)


def _load_pipeline() -> Any:
    from eventwire.pipeline import Pipeline

    return Pipeline.load()
