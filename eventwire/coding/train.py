"""``eventwire train``: fit the type model (type_model.py) on the user's own ACLED rows.

Every distinct note is coded by the rule pipeline, and its ACLED-bound events are matched
to its gold rows exactly as ``eventwire eval events --acled`` matches them
(:func:`eventwire.evaluate.acled.pair_cost`, :func:`greedy_match`). Each matched pair is
one example: the coded event's features, labelled with the gold sub-event type (the event
type follows from it, see :func:`eventwire.coding.crosswalk.code_of_sub`). A multinomial
logistic regression (softmax.py) is fitted on them.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from tqdm import tqdm

from eventwire.coding.crosswalk import code_of_sub
from eventwire.coding.softmax import FitSettings, fit
from eventwire.coding.type_features import event_features, prior_matrix, vectorise, vocabulary
from eventwire.coding.type_model import TrainingInfo, TypeModel, retypable
from eventwire.errors import ConfigError, InputError
from eventwire.evaluate.acled import FLAG, Note, load_notes, pair_cost
from eventwire.evaluate.matching import greedy_match
from eventwire.records import Article, Doc, Event

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline

MIN_COUNT = 2


@dataclass(slots=True, kw_only=True, frozen=True)
class Example:
    """One coded event matched to a gold row: its features, the rules' sub-event type and
    the gold one."""

    features: dict[str, float]
    rule: str | None
    label: str


@dataclass(slots=True, kw_only=True, frozen=True)
class ExampleSet:
    """The examples of one ACLED file, and what was read to find them."""

    file: str
    rows: int
    notes: int
    failed_notes: int
    examples: list[Example]


def collect_examples(file: str, notes: list[Note], pipe: Pipeline, *,
                     progress: bool = False) -> ExampleSet:
    """Code the notes of the ACLED file named ``file`` and pair their events with its rows."""
    rules_only = dataclasses.replace(pipe, type_model=None)  # learn from the rules' own types
    examples: list[Example] = []
    failed = 0
    with tqdm(total=len(notes), desc="eventwire train: coding", unit=" notes",
              disable=not progress) as bar:
        for note, events in zip(notes, _coded(rules_only, notes)):
            failed += events is None
            examples.extend(_matched(note, events or []))
            bar.update()
    return ExampleSet(file=file, rows=sum(len(n.rows) for n in notes), notes=len(notes),
                      failed_notes=failed, examples=examples)


def _coded(pipe: Pipeline, notes: list[Note]) -> Iterator[list[Event] | None]:
    """Each note's events, None for a note that failed (batched through ``Pipeline.run``)."""
    articles = (Article(id=f"note-{n.index}", text=n.text, published=n.published)
                for n in notes)
    for item in pipe.run(articles):
        yield item.events if isinstance(item, Doc) else None


def _matched(note: Note, events: list[Event]) -> list[Example]:
    matching = greedy_match(note.rows, [e for e in events if retypable(e)], pair_cost)
    return [Example(features=event_features(event), rule=event.acled_sub_event_type,
                    label=gold.sub_event_type)
            for gold, event in matching.pairs if code_of_sub(gold.sub_event_type) is not None]


def fit_type_model(found: ExampleSet, *, settings: FitSettings = FitSettings(),
                   min_count: int = MIN_COUNT, progress: bool = False) -> TypeModel:
    """A TypeModel fitted on ``found``; InputError when it holds nothing to learn from."""
    labels = _labels(found)
    rows = [e.features for e in found.examples]
    columns = vocabulary(rows, min_count)
    index = {name: i for i, name in enumerate(columns)}
    targets = np.array([labels.index(e.label) for e in found.examples], dtype=np.int64)
    with tqdm(total=settings.max_iter, desc="eventwire train: fitting", unit=" steps",
              disable=not progress) as bar:
        prior = prior_matrix([e.rule for e in found.examples], labels)
        fitted = fit(vectorise(rows, index), targets, prior, settings,
                     on_step=lambda loss: (bar.update(), bar.set_postfix(loss=f"{loss:.4f}")))
        bar.total = bar.n  # converged before max_iter: the bar ends full
    info = TrainingInfo(file=found.file, rows=found.rows, notes=found.notes,
                        examples=len(found.examples), c=settings.c, min_count=min_count,
                        iterations=fitted.iterations, loss=round(fitted.loss, 6))
    return TypeModel(labels=tuple(labels), columns=tuple(columns),
                     weights=fitted.weights.astype(np.float32),
                     bias=fitted.bias.astype(np.float32),
                     prior_weight=round(fitted.prior_weight, 6), training=info)


def _labels(found: ExampleSet) -> list[str]:
    """The sub-event types to learn, commonest first; InputError when fewer than two."""
    counts = Counter(e.label for e in found.examples)
    where = f"{FLAG} {found.file}"
    if not counts:
        raise InputError(f"{where}: none of its {found.notes} notes gave a coded event "
                         "that matched one of its rows; pass ACLED rows whose notes describe "
                         "the events they code (normalised ACLED JSONL)")
    if len(counts) < 2:
        raise InputError(f"{where}: every matched event has the same sub-event type "
                         f"({next(iter(counts))}); training needs at least two, pass more rows")
    return [label for label, _ in counts.most_common()]


def train_type_model(path: str, *, pipe: Pipeline | None = None, limit: int | None = None,
                     settings: FitSettings = FitSettings(), min_count: int = MIN_COUNT,
                     progress: bool = False) -> TypeModel:
    """Code ``path``'s notes (the first ``limit``) and fit a TypeModel on them."""
    if limit is not None and limit < 1:
        raise ConfigError(f"--limit {limit}: must be a positive number of notes")
    notes, _ = load_notes(path, limit)  # a bad file fails here, before the pipeline loads
    if pipe is None:
        from eventwire.pipeline import Pipeline

        pipe = Pipeline.load()
    found = collect_examples(Path(path).name, notes, pipe, progress=progress)
    return fit_type_model(found, settings=settings, min_count=min_count, progress=progress)
