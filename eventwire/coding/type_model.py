"""An optional learnt ACLED typer: re-types coded events with a model the user trained.

``eventwire train`` (train.py) fits it on the user's own ACLED-coded notes; ``--model PATH``
on ``extract`` and ``eval events`` loads it, and the pipeline's last stage then replaces
the ACLED event type, sub-event type and disorder type of every event the rule coder sent
to ACLED (not negated, hypothetical or historical, and with an ACLED type) in a sub-type
the model was trained on. Nothing else about an event changes. No weights ship with
eventwire.

The file is a numpy ``.npz`` archive read with ``allow_pickle=False``: a JSON header
(format name and version, labels, feature columns, the rules' prior weight, training file
and counts) and two
float32 arrays, the weights and the bias.
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from eventwire.coding.crosswalk import code_of_sub
from eventwire.coding.softmax import predict_scores
from eventwire.coding.type_features import FEATURE_SET, event_features, prior_matrix, vectorise
from eventwire.errors import ConfigError, ResourceError
from eventwire.records import Event

FORMAT = "eventwire-type-model"
VERSION = 1
RETRAIN = "train one with 'eventwire train --acled FILE --output PATH'"


@dataclass(slots=True, kw_only=True, frozen=True)
class TrainingInfo:
    """Where a model's examples came from."""

    file: str  # the ACLED file's name (not its full path)
    rows: int  # gold rows read
    notes: int  # distinct notes coded
    examples: int  # coded events matched to a gold row
    c: float  # inverse L2 penalty
    min_count: int  # a feature was kept when seen in this many examples
    iterations: int
    loss: float


@dataclass(slots=True, kw_only=True, frozen=True, eq=False)
class TypeModel:
    """Sub-event type scores from an event's features and the rule coder's sub-type:
    ``features @ weights + bias + prior_weight * (rule sub-type, one-hot)``."""

    labels: tuple[str, ...]  # ACLED sub-event types, one per weight column
    columns: tuple[str, ...]  # feature names, one per weight row
    weights: NDArray[np.float32]
    bias: NDArray[np.float32]
    prior_weight: float  # how far the rules' own sub-type is trusted
    training: TrainingInfo
    _index: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {name: i for i, name in enumerate(self.columns)})

    def predict(self, events: Sequence[Event]) -> list[str]:
        """The most likely sub-event type of each event."""
        if not events:
            return []
        rows = vectorise([event_features(e) for e in events], self._index)
        prior = prior_matrix([e.acled_sub_event_type for e in events], self.labels)
        scores = predict_scores(rows, self.weights.astype(np.float64),
                                self.bias.astype(np.float64), prior, self.prior_weight)
        return [self.labels[i] for i in scores.argmax(axis=1)]

    def retype(self, events: Sequence[Event]) -> list[Event]:
        """The events, those bound for ACLED with the model's type; the rest as they were.
        An event whose rule sub-type the model never saw in training keeps it (the model
        could not choose it)."""
        known = set(self.labels)
        chosen = [i for i, e in enumerate(events)
                  if retypable(e) and e.acled_sub_event_type in known]
        out = list(events)
        for i, sub in zip(chosen, self.predict([events[i] for i in chosen])):
            code = code_of_sub(sub)
            if code is not None:  # labels are checked on load; this keeps the types honest
                out[i] = dataclasses.replace(
                    events[i], acled_event_type=code.event_type,
                    acled_sub_event_type=code.sub_event_type, disorder_type=code.disorder_type)
        return out

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the model to ``path`` (replaced whole, never left half-written)."""
        target = writable(path)
        partial = target.with_name(target.name + ".partial")
        try:
            with partial.open("wb") as handle:
                np.savez_compressed(handle, header=_encode(self.header()),
                                    weights=self.weights, bias=self.bias)
            os.replace(partial, target)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise ConfigError(f"--output {target}: {exc.strerror or exc}; write somewhere "
                              "you may create files") from exc

    def header(self) -> dict[str, Any]:
        return {"format": FORMAT, "version": VERSION, "feature_set": FEATURE_SET,
                "labels": list(self.labels), "columns": list(self.columns),
                "prior_weight": self.prior_weight,
                "training": dataclasses.asdict(self.training)}

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> TypeModel:
        """The model at ``path``; ResourceError naming the problem when it is not one."""
        file = Path(path)
        if not file.is_file():
            raise ResourceError(f"--model {file}: file not found; {RETRAIN}")
        try:
            header, weights, bias = _read(file)
        except (OSError, EOFError, ValueError, KeyError, zipfile.BadZipFile, zlib.error) as exc:
            raise ResourceError(f"--model {file}: not an eventwire type model, or a damaged "
                                f"one ({type(exc).__name__}); {RETRAIN}") from exc
        return _checked(file, header, weights, bias)


def writable(path: str | os.PathLike[str]) -> Path:
    """``path`` as a Path, or ConfigError when a model could not be written there."""
    target = Path(path)
    if target.is_dir():
        raise ConfigError(f"--output {target} is a directory; give a file name, "
                          f"e.g. {target / 'type_model.npz'}")
    if not target.resolve().parent.is_dir():
        raise ConfigError(f"--output {target}: directory {target.parent} does not exist; "
                          "create it or write elsewhere")
    return target


def retypable(event: Event) -> bool:
    """An event the rule coder sends to ACLED: unflagged and with an ACLED type."""
    return not event.flagged and event.acled_event_type is not None


def _read(file: Path) -> tuple[Any, np.ndarray, np.ndarray]:
    """Header, weights and bias of an .npz file (never unpickling anything)."""
    loaded = np.load(file, allow_pickle=False)
    if not isinstance(loaded, np.lib.npyio.NpzFile):
        raise ValueError("a bare numpy array, not an .npz archive")
    with loaded as archive:
        header = json.loads(bytes(archive["header"]).decode("utf-8"))  # ValueError if bad
        return header, archive["weights"], archive["bias"]


def _encode(header: dict[str, Any]) -> NDArray[np.uint8]:
    return np.frombuffer(json.dumps(header, ensure_ascii=False).encode("utf-8"), dtype=np.uint8)


def _checked(file: Path, header: Any, weights: np.ndarray, bias: np.ndarray) -> TypeModel:
    """The model a loaded header and arrays describe, or ResourceError saying what is off."""
    problem = _problem(header, weights, bias)
    if problem:
        raise ResourceError(f"--model {file}: {problem}; {RETRAIN}")
    try:
        training = TrainingInfo(**header["training"])
    except TypeError as exc:
        raise ResourceError(f"--model {file}: its training record is damaged; {RETRAIN}") from exc
    return TypeModel(labels=tuple(header["labels"]), columns=tuple(header["columns"]),
                     weights=weights.astype(np.float32), bias=bias.astype(np.float32),
                     prior_weight=float(header["prior_weight"]), training=training)


def _problem(header: Any, weights: np.ndarray, bias: np.ndarray) -> str:
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        return "not an eventwire type model"
    if header.get("version") != VERSION or header.get("feature_set") != FEATURE_SET:
        return (f"made by another eventwire version (format {header.get('version')}, features "
                f"{header.get('feature_set')}; this one reads {VERSION}, {FEATURE_SET})")
    labels, columns = header.get("labels"), header.get("columns")
    prior_weight = header.get("prior_weight")
    if not isinstance(labels, list) or not isinstance(columns, list) or \
            not isinstance(header.get("training"), dict) or \
            not isinstance(prior_weight, (int, float)) or not math.isfinite(prior_weight):
        return "its header is damaged"
    unknown = [label for label in labels if code_of_sub(str(label)) is None]
    if unknown:
        return f"labels outside the ACLED codebook ({', '.join(map(str, unknown[:3]))})"
    if weights.shape != (len(columns), len(labels)) or bias.shape != (len(labels),) or \
            weights.dtype.kind != "f" or bias.dtype.kind != "f":
        return "its weights do not fit its header (damaged file)"
    if not (np.isfinite(weights).all() and np.isfinite(bias).all()):
        return "its weights are not finite numbers (damaged file)"
    return ""
