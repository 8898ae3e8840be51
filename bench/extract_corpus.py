"""Wall time and peak memory of `eventwire extract` over a JSONL corpus, median of N runs.

    python bench/extract_corpus.py ../shared/data/lgl/lgl.jsonl --runs 3

Each run is a fresh process (model and gazetteer load included, as a user would run it);
peak memory is the child's maximum resident set size.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time


def one_run(corpus: str) -> tuple[float, float, int, int]:
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    proc = subprocess.run([sys.executable, "-m", "eventwire.cli", "extract", corpus],
                          capture_output=True, check=False)
    wall = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    events = proc.stdout.count(b"\n")
    if peak_mb < before / 1024:
        peak_mb = before / 1024
    return wall, peak_mb, events, proc.returncode


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    with open(args.corpus, encoding="utf-8") as fh:
        docs = sum(1 for line in fh if line.strip())
    runs = [one_run(args.corpus) for _ in range(args.runs)]
    walls = [r[0] for r in runs]
    print(json.dumps({
        "corpus": os.path.basename(args.corpus), "documents": docs, "runs": args.runs,
        "wall_s_median": round(statistics.median(walls), 2),
        "wall_s_all": [round(w, 2) for w in walls],
        "docs_per_s_median": round(docs / statistics.median(walls), 2),
        "peak_rss_mb_max": round(max(r[1] for r in runs), 1),
        "events": runs[-1][2], "exit_codes": sorted({r[3] for r in runs}),
        "cpus": os.cpu_count(),
    }, indent=1))


if __name__ == "__main__":
    main()
