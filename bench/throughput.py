"""End-to-end throughput of `eventwire extract --workers N` on real articles (not a test).

    python bench/throughput.py [--count 2000] [--runs 3] [--workers 1 2] [--spacy-runs 3]

The corpus is the LGL and GeoVirus texts (../shared/data), cycled to ``--count`` articles
(each copy with its own id), written as one JSONL file. For each worker count, ``--runs``
fresh CLI processes code it (``python -m eventwire.cli -v extract FILE --workers N``, stdout
to a file): the wall time covers everything a user waits for (interpreter start, pipeline
loads in every worker, reading, coding, writing JSON Lines). Printed as one JSON object:

- ``workers.N.articles_per_s``: median over the runs (and each run's rate);
- ``workers.N.peak_rss_mb``: each worker's peak resident memory, as the CLI reports it with -v;
- ``scaling_efficiency``: rate with 2 workers / (2 * rate with 1), target >= 0.85;
- ``spacy_pipe_articles_per_s``: bare spaCy ``nlp.pipe`` (the same model, one process, model
  loaded beforehand) over the same texts, median of ``--spacy-runs``; ``ratio_to_spacy``: the
  1-worker end-to-end rate over it;
- ``load_avg``: the machine's 1-minute load average before and after, since other work on
  the machine slows every figure.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
CORPORA = (DATA / "lgl" / "lgl.jsonl", DATA / "geovirus" / "geovirus.jsonl")
WORKER_LINE = re.compile(r"eventwire: worker (\d+): (\d+) documents, ([\d.]+) s, "
                         r"peak RSS ([\d.]+) MB")

_SPACY = """
import json, sys, time
from eventwire.nlp.parse import load_model
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
nlp = load_model()
nlp.max_length = 2_000_000
start = time.perf_counter()
for _ in nlp.pipe(texts):
    pass
print(len(texts) / (time.perf_counter() - start))
"""


def build_corpus(count: int, path: Path) -> tuple[int, int]:
    """``count`` articles cycled from the corpora; returns (articles, characters)."""
    rows = []
    for corpus in CORPORA:
        with open(corpus, encoding="utf-8") as fh:
            rows += [json.loads(line) for line in fh if line.strip()]
    characters = 0
    with open(path, "w", encoding="utf-8") as out:
        for number, row in zip(range(count), itertools.cycle(rows)):
            cycle = number // len(rows)
            date = (row.get("date") or "")[:10] or None
            out.write(json.dumps({"id": f"{row['corpus']}-{row['doc_id']}-{cycle}",
                                  "text": row["text"], "published": date,
                                  "url": row.get("url")}, ensure_ascii=False) + "\n")
            characters += len(row["text"])
    return count, characters


def one_run(corpus: Path, workers: int, count: int) -> dict[str, object]:
    with tempfile.TemporaryFile() as events:
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "eventwire.cli", "-v", "extract",
                               str(corpus), "--workers", str(workers)],
                              stdout=events, stderr=subprocess.PIPE, text=True, check=False,
                              cwd=ROOT)
        wall = time.perf_counter() - start
        events.seek(0)
        lines = sum(1 for _ in events)
    found = [m.groups() for m in map(WORKER_LINE.match, proc.stderr.splitlines()) if m]
    if proc.returncode not in (0, 1) or not found:
        raise SystemExit(f"extract --workers {workers} failed ({proc.returncode}):\n"
                         f"{proc.stderr[-2000:]}")
    return {"wall_s": round(wall, 2), "articles_per_s": round(count / wall, 2),
            "events": lines, "exit": proc.returncode,
            "workers": {pid: {"documents": int(d), "busy_s": float(s), "peak_rss_mb": float(m)}
                        for pid, d, s, m in found}}


def spacy_rate(corpus: Path) -> float:
    out = subprocess.run([sys.executable, "-c", _SPACY, str(corpus)], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout
    return float(out.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--spacy-runs", type=int, default=3)
    args = ap.parse_args()
    report: dict[str, object] = {"cpus": os.cpu_count(), "load_avg_before": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        count, characters = build_corpus(args.count, corpus)
        report.update(articles=count, characters=characters,
                      corpora=[str(c.relative_to(ROOT.parent)) for c in CORPORA])
        by_workers = {}
        for workers in args.workers:
            runs = [one_run(corpus, workers, count) for _ in range(args.runs)]
            rates = [r["articles_per_s"] for r in runs]
            by_workers[str(workers)] = {
                "articles_per_s": statistics.median(rates), "runs_articles_per_s": rates,
                "wall_s_median": statistics.median(r["wall_s"] for r in runs),
                "events": runs[-1]["events"],
                "peak_rss_mb": [w["peak_rss_mb"] for w in runs[-1]["workers"].values()],
                "documents_per_worker": [w["documents"] for w in runs[-1]["workers"].values()],
            }
            print(f"{workers} workers: {rates} articles/s", file=sys.stderr)
        report["workers"] = by_workers
        spacy = [spacy_rate(corpus) for _ in range(args.spacy_runs)]
    report["spacy_pipe_articles_per_s"] = round(statistics.median(spacy), 2)
    report["spacy_runs"] = [round(s, 2) for s in spacy]
    one, two = by_workers.get("1"), by_workers.get("2")
    if one:
        report["ratio_to_spacy"] = round(one["articles_per_s"] / statistics.median(spacy), 3)
    if one and two:
        report["scaling_efficiency"] = round(
            two["articles_per_s"] / (2 * one["articles_per_s"]), 3)
        report["target_20_per_s_with_2_workers"] = two["articles_per_s"] >= 20
    report["load_avg_after"] = os.getloadavg()[0]
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
