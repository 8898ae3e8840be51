"""Speed of event coding: notes per second through the whole pipeline, and the ratio to
bare spaCy ``nlp.pipe`` over the same texts (target: no worse than the geoparser's 0.67).

    python bench/coding.py ../shared/data/acled_rpanlilio_2020/acled_2020-04-27_2020-05-09_normalized.jsonl --notes 1000 --runs 3

Runs are interleaved (spaCy, pipeline, spaCy, pipeline, ...) in one process after a
warm-up, and the medians are reported, so that machine load affects both sides alike.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eventwire.pipeline import Pipeline  # noqa: E402
from eventwire.records import Article  # noqa: E402


def load_notes(path: str, limit: int) -> list[Article]:
    """Distinct ACLED notes as articles dated by their event date."""
    seen: dict[str, Article] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            text = row.get("notes") or ""
            if text and text not in seen:
                seen[text] = Article(id=row["event_id_cnty"], text=text,
                                     published=dt.date.fromisoformat(row["event_date"]))
            if len(seen) >= limit:
                break
    return list(seen.values())


def timed(fn) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--notes", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    articles = load_notes(args.corpus, args.notes)
    texts = [a.text for a in articles]
    pipe = Pipeline.load()
    events = sum(len(pipe.extract(a)) for a in articles[:50])  # warm-up
    spacy_s, pipe_s = [], []
    for _ in range(args.runs):
        spacy_s.append(timed(lambda: list(pipe.nlp.pipe(texts))))
        pipe_s.append(timed(lambda: list(pipe.run(articles))))
    n = len(articles)
    print(json.dumps({
        "notes": n, "runs": args.runs,
        "notes_per_s": round(n / statistics.median(pipe_s), 1),
        "spacy_pipe_notes_per_s": round(n / statistics.median(spacy_s), 1),
        "ratio": round(statistics.median(spacy_s) / statistics.median(pipe_s), 3),
        "pipeline_s_all": [round(x, 2) for x in pipe_s],
        "spacy_s_all": [round(x, 2) for x in spacy_s],
        "warmup_events": events,
    }, indent=1))


if __name__ == "__main__":
    main()
