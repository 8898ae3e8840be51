"""The geoparsing scorer: metrics with known answers on tiny corpora, and a real LGL slice."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.evaluate import metrics
from eventwire.evaluate.geoparse import GoldReference, evaluate, read_corpus, score
from eventwire.records import GazetteerEntry, Place

LGL = Path(__file__).resolve().parents[2] / "shared" / "data" / "lgl" / "lgl.jsonl"
TEXT = "Protests in Paris and Lyon."
PARIS = GazetteerEntry(geonameid=2988507, name="Paris", lat=48.85341, lon=2.3488,
                       country_code="FR", admin1="Île-de-France", feature_class="P",
                       feature_code="PPLC", population=2138551)
PARIS_TX = GazetteerEntry(geonameid=4717560, name="Paris", lat=33.66094, lon=-95.55551,
                          country_code="US", admin1="Texas", feature_class="P",
                          feature_code="PPL", population=24782)


def _doc(toponyms: list[dict[str, object]]) -> dict[str, object]:
    return {"doc_id": "d1", "text": TEXT, "toponyms": toponyms}


def _gold_paris(**extra: object) -> dict[str, object]:
    top: dict[str, object] = {"start": 12, "end": 17, "phrase": "Paris", "name": "Paris",
                              "lat": 48.85341, "lon": 2.3488, "geonameid": "2988507"}
    top.update(extra)
    return top


def _place(entry: GazetteerEntry, start: int = 12, end: int = 17) -> Place:
    return Place(start=start, end=end, text=TEXT[start:end], entry=entry, score=1.0)


@pytest.fixture(scope="module")
def ref(pipeline) -> GoldReference:  # noqa: ANN001 - pytest fixture
    return GoldReference(pipeline.gazetteer)


def test_haversine_known_distances() -> None:
    assert metrics.haversine_km(0, 0, 0, 0) == 0
    assert metrics.haversine_km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.1)
    assert metrics.haversine_km(90, 0, -90, 0) == pytest.approx(20015, rel=1e-3)


def test_auc_bounds() -> None:
    assert metrics.auc_log_error([0, 0, 0]) == 0
    assert metrics.auc_log_error([20039, 20039]) == pytest.approx(1.0)
    assert metrics.auc_log_error([]) is None
    mid = metrics.auc_log_error([0, 20039])
    assert mid == pytest.approx(0.5, abs=1e-3)


def test_match_spans_overlap() -> None:
    best, used = metrics.match_spans([(0, 5), (10, 20), (30, 31)], [(3, 12), (12, 25), (40, 41)])
    assert best == [0, 1, None]
    assert used == [True, True, False]


def test_perfect_prediction_scores_100(ref: GoldReference) -> None:
    report = score([_doc([_gold_paris()])], [[_place(PARIS)]], ref, gold_spans=False)
    res = report["resolution"]
    assert report["recognition"]["f1"] == 100
    assert res["acc161_matched"] == res["acc161_all_gold"] == 100
    assert res["median_error_km"] == 0 and res["auc"] == 0
    assert res["exact_geonameid"]["pct"] == 100
    assert res["correct_country"]["pct"] == 100
    assert res["correct_admin1"]["pct"] == 100


def test_wrong_country_scores_0(ref: GoldReference) -> None:
    report = score([_doc([_gold_paris()])], [[_place(PARIS_TX)]], ref, gold_spans=True)
    res = report["resolution"]
    assert report["recognition"] is None
    assert res["acc161_matched"] == 0
    assert res["correct_country"]["pct"] == 0
    assert res["exact_geonameid"]["pct"] == 0
    assert res["mean_error_km"] == pytest.approx(
        metrics.haversine_km(PARIS.lat, PARIS.lon, PARIS_TX.lat, PARIS_TX.lon))


def test_missed_and_spurious_spans(ref: GoldReference) -> None:
    lyon = {"start": 22, "end": 26, "phrase": "Lyon", "name": "Lyon", "lat": 45.75,
            "lon": 4.85, "geonameid": None}
    spurious = _place(PARIS, 0, 8)  # "Protests"
    report = score([_doc([_gold_paris(), lyon])], [[_place(PARIS), spurious]], ref,
                   gold_spans=False)
    rec, res = report["recognition"], report["resolution"]
    assert rec["precision"] == 50 and rec["recall"] == 50
    assert res["acc161_matched"] == 100 and res["acc161_all_gold"] == 50
    assert res["exact_geonameid"]["n"] == 1


def test_toponyms_without_coordinates_are_skipped(ref: GoldReference) -> None:
    report = score([_doc([_gold_paris(lat=None, lon=None, geonameid=None)])],
                   [[_place(PARIS_TX)]], ref, gold_spans=True)
    assert report["resolution"]["gold_with_coordinates"] == 0
    assert report["resolution"]["acc161_all_gold"] is None
    assert report["gold_reference"] == {"no_coordinates": 1}


def test_gold_country_without_geonameid_comes_from_name_near_point(ref: GoldReference) -> None:
    top = ref.toponym(_gold_paris(geonameid=None, lat=48.86, lon=2.35))
    assert (top.country, top.source) == ("FR", "name_near")
    far = ref.toponym({"start": 0, "end": 3, "name": "Nowhereville", "lat": 48.86,
                       "lon": 2.35})
    assert (far.country, far.admin1, far.source) == ("FR", "", "nearest")


def test_missing_and_invalid_corpus(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        read_corpus(str(tmp_path / "absent.jsonl"))
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x", "toponyms": []}\nnot json\n', encoding="utf-8")
    with pytest.raises(InputError, match=":2"):
        read_corpus(str(bad))
    bad.write_text('{"text": "x"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="toponyms"):
        read_corpus(str(bad))


def test_evaluate_end_to_end_on_tiny_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "tiny.jsonl"
    corpus.write_text(json.dumps(_doc([_gold_paris()])) + "\n", encoding="utf-8")
    report = evaluate(corpus=str(corpus))
    assert report["mode"] == "end_to_end"
    assert report["recognition"]["recall"] == 100
    assert report["resolution"]["exact_geonameid"]["pct"] == 100
    json.dumps(report)  # JSON-ready


def test_lgl_slice() -> None:
    if not LGL.is_file():
        pytest.skip(f"LGL corpus not found at {LGL} (../shared is not checked out)")
    report = evaluate(corpus=str(LGL), gold_spans=True, limit=20)
    res = report["resolution"]
    assert report["documents"] == 20
    assert res["matched"] > 0.9 * res["gold_with_coordinates"]
    assert res["acc161_all_gold"] > 70
    assert math.isfinite(res["mean_error_km"])
    # the second pass uses what the first learnt of each publisher, and is no worse
    assert report["publisher_profiles"] == "two_pass"
    assert res["acc161_all_gold"] >= report["single_pass"]["acc161_all_gold"]
    single = evaluate(corpus=str(LGL), gold_spans=True, limit=20, profiles=False)
    assert single["publisher_profiles"] == "none" and "single_pass" not in single
    assert single["resolution"]["acc161_all_gold"] == report["single_pass"]["acc161_all_gold"]


def test_reference_entry_counts_as_zero_km_without_geonameid(ref: GoldReference) -> None:
    gold = _gold_paris(geonameid=None, lat=48.8566, lon=2.3522)  # a Wikipedia-style point
    report = score([_doc([gold])], [[_place(PARIS)]], ref, gold_spans=True)
    res = report["resolution"]
    assert res["mean_error_km"] == 0 and res["acc161_matched"] == 100
    assert res["exact_geonameid"]["n"] == 0
