"""Geoparsing speed and memory bench (not a test): prints one JSON report.

    python bench/geoparse.py [--corpus ../shared/data/lgl/lgl.jsonl] [--runs 5] [--limit N]

- ``articles_per_s``: the geoparsing pipeline end to end (``Pipeline.process(article,
  until="geoparse")``: spaCy parse + toponym recognition + resolution), one article at a
  time as the batch runner does, median over the runs.
- ``spacy_pipe_articles_per_s``: bare spaCy ``nlp.pipe`` (same model) over the same texts.
- ``ratio``: pipeline throughput / bare spaCy throughput (target >= 0.67).
- ``rss_mb_gazetteer``: resident memory (VmRSS) of a fresh process that opened the
  gazetteer and resolved every gold span of the corpus (lookup caches warm); target <= 600.
  ``rss_mb_pipeline``: the same for a process that loaded the whole pipeline and parsed
  and geoparsed every article.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eventwire.evaluate.geoparse import read_corpus  # noqa: E402
from eventwire.pipeline import Pipeline  # noqa: E402
from eventwire.records import Article  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "data" / "lgl" / "lgl.jsonl"

_RSS_GAZETTEER = """
import sys
from eventwire.evaluate.geoparse import read_corpus
from eventwire.geo.gazetteer import Gazetteer
from eventwire.geo.resolve import Geoparser
gp = Geoparser(Gazetteer.open())
for d in read_corpus(sys.argv[1], int(sys.argv[2]) or None):
    gp.resolve_spans(d["text"], [(t["start"], t["end"]) for t in d["toponyms"]])
"""
_RSS_PIPELINE = """
import sys
from eventwire.evaluate.geoparse import read_corpus
from eventwire.pipeline import Pipeline
from eventwire.records import Article
pipe = Pipeline.load()
for i, d in enumerate(read_corpus(sys.argv[1], int(sys.argv[2]) or None)):
    pipe.process(Article(id=str(i), text=d["text"]), until="geoparse")
"""
_PRINT_RSS = """
for line in open("/proc/self/status"):
    if line.startswith("VmRSS:"):
        print(int(line.split()[1]) / 1024)
"""


def rss_mb(script: str, corpus: str, limit: int) -> float:
    """VmRSS in MB at the end of ``script`` run in a fresh interpreter."""
    out = subprocess.run([sys.executable, "-c", script + _PRINT_RSS, corpus, str(limit)],
                         cwd=ROOT, check=True, capture_output=True, text=True).stdout
    return float(out.strip().splitlines()[-1])


def time_pipeline(pipe: Pipeline, texts: list[str]) -> float:
    started = time.perf_counter()
    for i, text in enumerate(texts):
        pipe.process(Article(id=str(i), text=text), until="geoparse")
    return len(texts) / (time.perf_counter() - started)


def time_spacy(pipe: Pipeline, texts: list[str]) -> float:
    started = time.perf_counter()
    for _ in pipe.nlp.pipe(texts):
        pass
    return len(texts) / (time.perf_counter() - started)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(DEFAULT))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--limit", type=int, default=0, help="first N articles (0: all)")
    args = ap.parse_args()
    texts = [d["text"] for d in read_corpus(args.corpus, args.limit or None)]
    pipe = Pipeline.load()
    time_pipeline(pipe, texts[:20])  # warm-up: lazy model and table loading
    ours, bare = [], []
    for _ in range(args.runs):  # interleaved so drift hits both alike
        bare.append(time_spacy(pipe, texts))
        ours.append(time_pipeline(pipe, texts))
    ratios = [o / b for o, b in zip(ours, bare)]
    report = {
        "corpus": args.corpus, "articles": len(texts), "runs": args.runs,
        "characters": sum(map(len, texts)),
        "articles_per_s": round(statistics.median(ours), 2),
        "spacy_pipe_articles_per_s": round(statistics.median(bare), 2),
        "ratio": round(statistics.median(ratios), 3),
        "rss_mb_gazetteer": round(rss_mb(_RSS_GAZETTEER, args.corpus, args.limit), 1),
        "rss_mb_pipeline": round(rss_mb(_RSS_PIPELINE, args.corpus, args.limit), 1),
    }
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
