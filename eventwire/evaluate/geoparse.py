"""Geoparsing scorer: ``eventwire eval geoparse --corpus FILE.jsonl [--gold-spans]``.

Corpus lines: ``{doc_id, text, toponyms: [{start, end, lat, lon, geonameid?, name?}]}``,
0-based offsets, end exclusive (the LGL/GeoVirus format of ../shared/README.md).

Recognition: a predicted span matches a gold toponym when they share a character.
Resolution: the error of a gold toponym is the great-circle distance from its gold
point to the predicted entry, 0 when the GeoNames ids agree (gold points are GeoNames
representative points). Toponyms without coordinates are left out of resolution.

Gold country and admin-1 come from our gazetteer: the gold geonameid's entry; else
the gazetteer entry with the gold name nearest the gold point (within 50 km, or
1,000 km for countries, admin areas and regions, whose points vary between sources);
else, for the country only, the nearest gazetteer place within 100 km. Otherwise the
toponym is skipped for that metric (``gold_reference`` counts the sources).

Corpora without GeoNames ids (GeoVirus: Wikipedia coordinates) get the 0 km rule
through that reference entry: a gold toponym without a geonameid whose reference was
found by name near the gold point (``name_near``) scores 0 km when the prediction is
that entry (or another of that name within 10 km of it: a city and its district), since a country's or city's point differs between Wikipedia and GeoNames
(the United States by 342 km). ``acc161_matched_raw`` is the same figure from the raw
distances, without the rule.
"""

from __future__ import annotations

import json
import math
import sqlite3
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwire.errors import InputError
from eventwire.evaluate.metrics import (ACC_KM, error_summary, haversine_km, match_spans,
                                        pct, prf)
from eventwire.geo.gazetteer import Gazetteer
from eventwire.geo.locale import country_of_url
from eventwire.geo.publishers import PublisherProfiles, publisher_of
from eventwire.records import Article, GazetteerEntry, Place

NAME_NEAR_KM = 50.0
AREA_NEAR_KM = 1000.0
NEAREST_KM = 100.0
TIE_KM = 10.0
AREA_CODES = frozenset({"PCLI", "ADM1", "ADM2", "RGN", "CONT", "SEA", "OCN"})


@dataclass(frozen=True, slots=True)
class GoldTop:
    """One gold toponym with the reference entry derived for it."""

    start: int
    end: int
    phrase: str
    lat: float | None
    lon: float | None
    geonameid: int | None
    country: str  # ISO2, "" when unknown
    admin1: str  # "" when unknown or the toponym is a country or larger
    source: str  # geonameid | name_near | nearest | unknown | no_coordinates
    references: tuple[int, ...] = ()  # the name_near entries when there is no geonameid


@dataclass(frozen=True, slots=True)
class Pair:
    """A gold toponym and the prediction matched to it (None: missed)."""

    gold: GoldTop
    pred: Place | None

    def error_km(self, *, raw: bool = False) -> float:
        """Distance to the gold point; 0 for the gold (or reference) GeoNames entry."""
        e = self.pred.entry if self.pred else None
        if e is None or self.gold.lat is None or self.gold.lon is None:
            return math.inf
        if not raw and (e.geonameid == self.gold.geonameid or
                        e.geonameid in self.gold.references):
            return 0.0
        return haversine_km(self.gold.lat, self.gold.lon, e.lat, e.lon)


# -- corpus -------------------------------------------------------------------------------
def _load_line(line: str, where: str) -> dict[str, Any]:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not valid JSON ({exc.msg}); each line must be one "
                         "JSON object") from exc
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or \
            not isinstance(obj.get("toponyms"), list):
        raise InputError(f"{where}: expected an object with a 'text' string and a "
                         "'toponyms' list")
    return obj


def read_corpus(corpus: str, limit: int | None = None) -> list[dict[str, Any]]:
    """The documents of a geoparsing JSONL corpus (the first ``limit`` when given)."""
    path = Path(corpus)
    if not path.is_file():
        raise InputError(f"corpus file {corpus!r} not found; pass a JSONL file to --corpus")
    docs: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if limit is not None and len(docs) >= limit:
                break
            if line.strip():
                docs.append(_load_line(line, f"{corpus}:{number}"))
    if not docs:
        raise InputError(f"corpus file {corpus!r} has no documents")
    return docs


def _float(value: Any) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


def _int(value: Any) -> int | None:
    try:
        return None if value in (None, "") else int(value)
    except (TypeError, ValueError):
        return None


# -- gold reference entries ---------------------------------------------------------------
class GoldReference:
    """Derives the gold country and admin-1 of a toponym from the gazetteer."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self._grid: dict[tuple[int, int], list[tuple[float, float, str]]] | None = None

    def toponym(self, raw: dict[str, Any]) -> GoldTop:
        lat, lon = _float(raw.get("lat")), _float(raw.get("lon"))
        gid = _int(raw.get("geonameid"))
        start, end = int(raw["start"]), int(raw["end"])
        phrase = str(raw.get("phrase") or "")
        if lat is None or lon is None:
            return GoldTop(start, end, phrase, None, None, gid, "", "", "no_coordinates")
        entries, source = self._reference(gid, str(raw.get("name") or phrase), lat, lon)
        if entries:
            refs = tuple(e.geonameid for e in entries) if gid is None else ()
            return GoldTop(start, end, phrase, lat, lon, gid, entries[0].country_code,
                           entries[0].admin1, source, refs)
        country = self._nearest_country(lat, lon)
        return GoldTop(start, end, phrase, lat, lon, gid, country, "",
                       "nearest" if country else "unknown")

    def _reference(self, gid: int | None, name: str, lat: float, lon: float
                   ) -> tuple[list[GazetteerEntry], str]:
        """The gold entry, or the entries named ``name`` nearest the gold point (those
        within TIE_KM of the nearest: a city and its district share a name and a point)."""
        entry = self.gaz.get(gid) if gid is not None else None
        if entry is not None:
            return [entry], "geonameid"
        near: list[tuple[float, GazetteerEntry]] = []
        for cand in self.gaz.candidates(name, limit=200):
            d = haversine_km(lat, lon, cand.lat, cand.lon)
            if d <= (AREA_NEAR_KM if cand.feature_code in AREA_CODES else NAME_NEAR_KM):
                near.append((d, cand))
        if not near:
            return [], "unknown"
        near.sort(key=lambda x: x[0])
        return [e for d, e in near if d <= near[0][0] + TIE_KM], "name_near"

    def _nearest_country(self, lat: float, lon: float) -> str:
        grid = self._load_grid()
        best = (NEAREST_KM, "")
        for key in _cells(lat, lon):
            for plat, plon, cc in grid.get(key, ()):
                d = haversine_km(lat, lon, plat, plon)
                if d < best[0]:
                    best = (d, cc)
        return best[1]

    def _load_grid(self) -> dict[tuple[int, int], list[tuple[float, float, str]]]:
        if self._grid is None:
            grid: dict[tuple[int, int], list[tuple[float, float, str]]] = {}
            conn = sqlite3.connect(f"file:{self.gaz.path}?mode=ro", uri=True)
            try:
                rows = conn.execute("SELECT lat, lon, country_code FROM places "
                                    "WHERE feature_class = 'P' AND country_code != ''")
                for lat, lon, cc in rows:
                    grid.setdefault((math.floor(lat), math.floor(lon)), []).append(
                        (lat, lon, cc))
            finally:
                conn.close()
            self._grid = grid
        return self._grid


def _cells(lat: float, lon: float) -> Iterator[tuple[int, int]]:
    """Grid cells (1 degree) around a point: enough for NEAREST_KM up to high latitudes."""
    span = 1 if abs(lat) < 60 else 3
    for dy in (-1, 0, 1):
        for dx in range(-span, span + 1):
            x = (math.floor(lon) + dx + 180) % 360 - 180
            yield math.floor(lat) + dy, x


def lower_same_length(text: str) -> str:
    """``text`` in lower case, keeping every character offset (a letter whose lower case
    is two characters, as "İ", stays as it is)."""
    return "".join(low if len(low := c.lower()) == 1 else c for c in text)


# -- prediction ---------------------------------------------------------------------------
def _predict(docs: list[dict[str, Any]], gold_spans: bool, gaz: Gazetteer,
             profiles: PublisherProfiles | None = None, parses: list[Any] | None = None,
             truecase: bool = False) -> tuple[list[list[Place]], list[Any]]:
    """Places per document in one pass with the given publisher profiles, and the spaCy
    parses made on the way (end to end), which a second pass reuses."""
    if gold_spans:
        from eventwire.geo.resolve import Geoparser

        gp = Geoparser(gaz)
        return [gp.resolve_spans(d["text"], [(int(t["start"]), int(t["end"]))
                                             for t in d["toponyms"]],
                                 locale=country_of_url(d.get("url")),
                                 publisher=profiles.support(publisher_of(d.get("url")),
                                                            _doc_id(d, i))
                                 if profiles is not None else None)
                for i, d in enumerate(docs)], []
    from eventwire.pipeline import Pipeline

    pipe = Pipeline.load(gazetteer=gaz, publishers=profiles, truecase=truecase)
    out = [pipe.process(_article(d, i), until="geoparse",
                        parse=parses[i] if parses else None) for i, d in enumerate(docs)]
    return [doc.places for doc in out], [doc.parse for doc in out]


def _doc_id(doc: dict[str, Any], i: int) -> str:
    return str(doc.get("doc_id", i))


def _article(doc: dict[str, Any], i: int) -> Article:
    url = doc.get("url")
    return Article(id=_doc_id(doc, i), text=doc["text"],
                   url=url if isinstance(url, str) and url else None)


def _two_pass(docs: list[dict[str, Any]], gold_spans: bool, gaz: Gazetteer,
              truecase: bool = False) -> tuple[list[list[Place]], list[list[Place]]]:
    """Places without publisher profiles, then with the profiles the first pass learnt
    (each document's own vote left out), as ``--profiles`` gives a second run."""
    cold, parses = _predict(docs, gold_spans, gaz, truecase=truecase)
    profiles = PublisherProfiles()
    for i, (d, places) in enumerate(zip(docs, cold)):
        profiles.observe(publisher_of(d.get("url")), _doc_id(d, i), places)
    return cold, _predict(docs, gold_spans, gaz, profiles, parses, truecase)[0]


def _pairs(gold: list[GoldTop], places: list[Place], gold_spans: bool
           ) -> tuple[list[Pair], list[bool]]:
    if gold_spans:
        by_span = {(p.start, p.end): p for p in places}
        return [Pair(g, by_span.get((g.start, g.end))) for g in gold], [True] * len(places)
    best, used = match_spans([(g.start, g.end) for g in gold], [(p.start, p.end) for p in places])
    return [Pair(g, None if i is None else places[i]) for g, i in zip(gold, best)], used


# -- scoring ------------------------------------------------------------------------------
def _rate(pairs: list[Pair], eligible: Any, correct: Any) -> dict[str, float | int | None]:
    chosen = [p for p in pairs if eligible(p)]
    return {"n": len(chosen), "pct": pct(sum(1 for p in chosen if correct(p)), len(chosen))}


def _same_admin1(p: Pair) -> bool:
    e = p.pred.entry if p.pred else None
    return e is not None and e.country_code == p.gold.country and e.admin1 == p.gold.admin1


def resolution_report(pairs: list[Pair]) -> dict[str, Any]:
    """Resolution metrics over gold toponyms with coordinates (see the module doc)."""
    located = [p for p in pairs if p.gold.lat is not None]
    matched = [p for p in located if p.pred is not None]
    errors = [p.error_km() for p in matched]
    ok = sum(1 for e in errors if e <= ACC_KM)
    report: dict[str, Any] = {
        "gold_with_coordinates": len(located), "matched": len(matched),
        "acc161_matched": pct(ok, len(matched)), "acc161_all_gold": pct(ok, len(located)),
    }
    raw_ok = sum(1 for p in matched if p.error_km(raw=True) <= ACC_KM)
    report["acc161_matched_raw"] = pct(raw_ok, len(matched))
    report.update(error_summary(errors))
    report["exact_geonameid"] = _rate(
        matched, lambda p: p.gold.geonameid is not None,
        lambda p: p.pred is not None and p.pred.entry.geonameid == p.gold.geonameid)
    report["correct_country"] = _rate(
        matched, lambda p: bool(p.gold.country),
        lambda p: p.pred is not None and p.pred.entry.country_code == p.gold.country)
    report["correct_admin1"] = _rate(matched, lambda p: bool(p.gold.admin1), _same_admin1)
    return report


def _rounded(obj: Any) -> Any:
    if isinstance(obj, float):
        return round(obj, 2) if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {k: _rounded(v) for k, v in obj.items()}
    return obj


def score(docs: list[dict[str, Any]], predictions: list[list[Place]], ref: GoldReference,
          gold_spans: bool) -> dict[str, Any]:
    """The report for predictions already made (one list of places per document)."""
    all_pairs: list[Pair] = []
    n_pred = matched_pred = 0
    for doc, places in zip(docs, predictions):
        gold = [ref.toponym(t) for t in doc["toponyms"]]
        pairs, used = _pairs(gold, places, gold_spans)
        all_pairs += pairs
        n_pred += len(places)
        matched_pred += sum(used)
    matched_gold = sum(1 for p in all_pairs if p.pred is not None)
    recognition: dict[str, Any] = {"gold": len(all_pairs), "predicted": n_pred,
                                   "matched_gold": matched_gold,
                                   "matched_predicted": matched_pred}
    recognition.update(prf(matched_pred, n_pred, matched_gold, len(all_pairs)))
    return {"documents": len(docs),
            "recognition": None if gold_spans else recognition,
            "resolution": resolution_report(all_pairs),
            "gold_reference": dict(Counter(p.gold.source for p in all_pairs))}


def evaluate(*, corpus: str, gold_spans: bool = False, limit: int | None = None,
             profiles: bool = True, lowercase: bool = False,
             truecase: bool = False) -> dict[str, Any]:
    """Score the geoparser on a gold corpus; returns the JSON-ready report. With
    ``profiles`` (the default) the corpus is read twice and the report is of the second
    pass, which uses the publisher profiles learnt in the first (``single_pass`` sums up
    the first). ``lowercase`` scores the corpus with its text lower-cased, ``truecase``
    restores capitals to lower-cased documents first (nlp/truecase.py)."""
    docs = read_corpus(corpus, limit)
    if lowercase:
        docs = [dict(d, text=lower_same_length(d["text"])) for d in docs]
    gaz = Gazetteer.open()
    ref = GoldReference(gaz)
    started = time.perf_counter()
    if profiles:
        cold, predictions = _two_pass(docs, gold_spans, gaz, truecase)
    else:
        cold, predictions = [], _predict(docs, gold_spans, gaz, truecase=truecase)[0]
    seconds = time.perf_counter() - started
    report: dict[str, Any] = {"corpus": corpus,
                              "mode": "gold_spans" if gold_spans else "end_to_end",
                              "publisher_profiles": "two_pass" if profiles else "none",
                              "lowercase": lowercase, "truecase": truecase}
    report.update(score(docs, predictions, ref, gold_spans))
    if profiles:
        first = score(docs, cold, ref, gold_spans)["resolution"]
        report["single_pass"] = {k: first[k] for k in
                                 ("acc161_all_gold", "acc161_matched", "median_error_km",
                                  "exact_geonameid", "correct_country", "correct_admin1")}
    report["seconds"] = seconds
    return _rounded(report)
