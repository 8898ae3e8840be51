"""What a trained type model gains on notes it has not seen: a split of one ACLED file by date.

    python bench/train_split.py ../shared/data/acled_rpanlilio_2020/acled_2020-04-27_2020-05-09_normalized.jsonl

Each distinct note goes with its latest event_date (as ``eventwire eval events`` dates it),
so a note never lands on both sides. The notes of the earlier half of the dates train
(``eventwire train``'s own code), those of the later half are scored by the project's
evaluator twice, rules only and with the model; then the reverse (train on the later half,
score the earlier) unless ``--no-reverse``. A JSON report goes to stdout, the split and
progress to stderr. Both halves share one region-and-period mix and one team of coders,
so this is an optimistic figure for data from elsewhere (see docs/training.md).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eventwire.coding.softmax import FitSettings  # noqa: E402
from eventwire.coding.train import train_type_model  # noqa: E402
from eventwire.evaluate.acled import evaluate_acled  # noqa: E402
from eventwire.pipeline import Pipeline  # noqa: E402


def note_dates(lines: list[str]) -> dict[str, str]:
    """Notes text -> its latest event_date (rows without notes are left out)."""
    latest: dict[str, str] = {}
    for line in lines:
        row = json.loads(line)
        text = str(row.get("notes") or "").strip()
        if text:
            latest[text] = max(latest.get(text, ""), str(row["event_date"])[:10])
    return latest


def split(lines: list[str]) -> tuple[list[str], list[str], list[str]]:
    """(earlier dates, rows of the earlier half, rows of the later half)."""
    dated = note_dates(lines)
    dates = sorted(set(dated.values()))
    early = set(dates[: (len(dates) + 1) // 2])
    first, second = [], []
    for line in lines:
        text = str(json.loads(line).get("notes") or "").strip()
        if text:
            (first if dated[text] in early else second).append(line)
    return sorted(early), first, second


def summary(report: dict[str, Any]) -> dict[str, Any]:
    counts = report["counts"]
    return {
        "event_type_macro_f1": report["event_type"]["macro_f1"],
        "event_type_accuracy_matched": report["event_type"]["accuracy_matched"],
        "sub_event_type_macro_f1": report["sub_event_type"]["macro_f1"],
        "sub_event_type_accuracy_matched": report["sub_event_type"]["accuracy_matched"],
        "gold_events": counts["gold_events"], "predicted_events": counts["predicted_events"],
        "matched": counts["matched"],
    }


def direction(pipe: Pipeline, train: Path, test: Path, model: Path,
              settings: FitSettings) -> dict[str, Any]:
    started = time.perf_counter()
    trained = train_type_model(str(train), pipe=pipe, settings=settings, progress=True)
    trained.save(model)
    seconds = time.perf_counter() - started
    rules = evaluate_acled(str(test), pipe=pipe)
    learnt = evaluate_acled(str(test), pipe=pipe, type_model_path=model)
    return {"train_file": train.name, "test_file": test.name,
            "training": {"examples": trained.training.examples,
                         "notes": trained.training.notes, "rows": trained.training.rows,
                         "sub_event_types": len(trained.labels),
                         "features": len(trained.columns),
                         "iterations": trained.training.iterations,
                         "seconds_coding_and_fitting": round(seconds, 1)},
            "rules_only": summary(rules), "with_model": summary(learnt)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("acled", help="normalised ACLED JSONL")
    ap.add_argument("--c", type=float, default=FitSettings().c,
                    help="inverse L2 penalty, as scikit-learn's C (default %(default)s)")
    ap.add_argument("--no-reverse", action="store_true", help="skip the reverse split")
    args = ap.parse_args()
    lines = [ln for ln in Path(args.acled).read_text(encoding="utf-8").splitlines()
             if ln.strip()]
    early_dates, first, second = split(lines)
    print(f"split: train {len(first)} rows dated {early_dates[0]}..{early_dates[-1]}, "
          f"test {len(second)} rows dated after", file=sys.stderr)
    pipe = Pipeline.load()
    settings = FitSettings(c=args.c)
    report: dict[str, Any] = {"file": args.acled, "c": args.c,
                              "split": {"earlier_dates": early_dates, "earlier_rows": len(first),
                                        "later_rows": len(second)}}
    with tempfile.TemporaryDirectory() as tmp:
        parts = Path(tmp, "earlier.jsonl"), Path(tmp, "later.jsonl")
        for path, rows in zip(parts, (first, second)):
            path.write_text("\n".join(rows) + "\n", encoding="utf-8")
        report["earlier_to_later"] = direction(pipe, parts[0], parts[1],
                                               Path(tmp, "model_a.npz"), settings)
        if not args.no_reverse:
            report["later_to_earlier"] = direction(pipe, parts[1], parts[0],
                                                   Path(tmp, "model_b.npz"), settings)
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
