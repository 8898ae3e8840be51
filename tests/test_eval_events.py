"""eval events: the ACLED and PLOVER scorers on tiny hand-written gold files, and a smoke
run on the real shared files (skipped when ../shared is not checked out)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.evaluate import confusion
from eventwire.evaluate.acled import evaluate_acled
from eventwire.evaluate.common import fold
from eventwire.evaluate.events import evaluate
from eventwire.evaluate.matching import greedy_match
from eventwire.evaluate.plover import evaluate_plover, gold_sentence

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
ACLED_FILE = SHARED / "acled_rpanlilio_2020" / "acled_2020-04-27_2020-05-09_normalized.jsonl"
PLOVER_FILE = SHARED / "plover_gsr_cameo" / "plover_gsr_cameo.jsonl"
ARREST_NOTE = "On 3 May 2020, police arrested 12 protesters in Nairobi."


def acled_row(notes: str, **fields: object) -> dict[str, object]:
    row: dict[str, object] = {
        "event_id_cnty": "KEN1", "event_date": "2020-05-03", "time_precision": "1",
        "event_type": "Strategic developments", "sub_event_type": "Arrests",
        "actor1": "Police Forces of Kenya (2013-)", "inter1": "1",
        "actor2": "Protesters (Kenya)", "inter2": "6", "country": "Kenya", "iso3": "KEN",
        "admin1": "Nairobi City", "location": "Nairobi", "latitude": -1.2864,
        "longitude": 36.8172, "notes": notes, "fatalities": 0,
    }
    row.update(fields)
    return row


def write_jsonl(path: Path, rows: list[dict[str, object]]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def arrest_report(pipeline, tmp_path_factory):
    path = write_jsonl(tmp_path_factory.mktemp("acled") / "gold.jsonl", [acled_row(ARREST_NOTE)])
    return evaluate_acled(path, pipe=pipeline)


def test_arrest_note_is_one_matched_event(arrest_report):
    counts = arrest_report["counts"]
    assert (counts["gold_events"], counts["matched"], counts["missed"]) == (1, 1, 0)
    assert counts["notes_without_predictions"] == 0
    pairs = arrest_report["matched_pairs"]
    assert pairs["event_type"] == pairs["sub_event_type"] == pairs["date"] == 1.0
    assert pairs["location_within_25km"] == 1.0 and pairs["fatalities_exact"] == 1.0
    assert pairs["inter1"] == pairs["inter2"] == 1.0
    assert arrest_report["event_type"]["confusion"]["Strategic developments"][
        "Strategic developments"] == 1
    assert arrest_report["timing"]["notes_per_second"] > 0


def test_rows_sharing_a_note_are_one_document(pipeline, tmp_path):
    rows = [acled_row(ARREST_NOTE), acled_row(ARREST_NOTE, event_date="2020-05-04",
                                              event_id_cnty="KEN2")]
    report = evaluate_acled(write_jsonl(tmp_path / "g.jsonl", rows), pipe=pipeline)
    assert report["documents"] == 1 and report["counts"]["gold_events"] == 2
    assert report["counts"]["missed"] == 2 - report["counts"]["matched"]


def test_limit_counts_distinct_notes(pipeline, tmp_path):
    rows = [acled_row(ARREST_NOTE), acled_row("On 3 May 2020, rebels attacked Gao, Mali.",
                                              event_type="Battles", sub_event_type="Armed clash")]
    report = evaluate_acled(write_jsonl(tmp_path / "g.jsonl", rows), limit=1, pipe=pipeline)
    assert report["documents"] == 1 and report["counts"]["gold_events"] == 1


def test_missing_and_invalid_files_raise_input_error(tmp_path):
    with pytest.raises(InputError, match="not found"):
        evaluate(acled=str(tmp_path / "nope.jsonl"))
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match="not valid JSON"):
        evaluate(acled=str(bad))
    with pytest.raises(InputError, match="'notes'"):
        evaluate(acled=write_jsonl(tmp_path / "keys.jsonl", [{"event_date": "2020-05-03"}]))
    with pytest.raises(InputError, match="not found"):
        evaluate(plover=str(tmp_path / "nope.jsonl"))


def test_greedy_match_prefers_cheaper_pairs():
    result = greedy_match([1, 10], [11, 2, 50], lambda g, p: (abs(g - p),))
    assert result.pairs == [(1, 2), (10, 11)] and result.missed == [] and result.extra == [50]


def test_confusion_counts_misses_and_false_positives():
    pairs = [("A", "A"), ("A", confusion.NONE), (confusion.NONE, "B"), ("B", "A")]
    table = confusion.per_class(pairs, ["A", "B"])
    assert table["A"]["precision"] == 0.5 and table["A"]["recall"] == 0.5
    assert table["B"]["f1"] == 0.0 and confusion.macro_f1(table) == 0.25
    assert confusion.matrix(pairs, ["A", "B"])[confusion.NONE]["B"] == 1


def test_fold_ignores_case_and_accents():
    assert fold("Ñuble") == fold("nuble") and fold("Île-de-France") == fold("ile de france")


def test_plover_old_types_are_mapped():
    gold = gold_sentence({"text": "x", "event": "FIGHT", "date": "2000-01-01", "size": "Thousands",
                          "source": [{"actorText": "Rebels", "code": "MLI", "sector": "REBtua"}]})
    assert gold.event_type == "ASSAULT" and gold.counts == {"size": 1000}
    assert gold.sources[0].sector == "REB"


def test_plover_sentence_scores(pipeline, tmp_path):
    record = {"id": "s1", "date": "2000-01-01", "event": "FIGHT", "dead": 5,
              "text": "Rebels attacked an army base in northern Mali, killing 5 soldiers.",
              "source": [{"actorText": "Rebels", "code": "MLI", "sector": "REB"}],
              "target": [{"actorText": "army", "code": "MLI", "sector": "MIL"}]}
    report = evaluate_plover(write_jsonl(tmp_path / "p.jsonl", [record]), pipe=pipeline)
    assert report["event_type"]["any_accuracy"] == report["event_type"]["top_accuracy"] == 1.0
    attributes = report["attributes"]
    assert attributes["source_country"] == attributes["target_sector"] == attributes["dead"] == 1.0
    assert report["sentences_without_event"] == 0


@pytest.mark.skipif(not ACLED_FILE.is_file(), reason=f"ACLED gold not found at {ACLED_FILE} "
                    "(../shared is not checked out)")
def test_real_acled_file_small_limit(pipeline):
    report = evaluate_acled(str(ACLED_FILE), limit=15, pipe=pipeline)
    assert report["documents"] == 15 and report["counts"]["gold_events"] >= 15
    assert set(report["event_type"]["per_class"]) >= {"Battles", "Protests"}


@pytest.mark.skipif(not PLOVER_FILE.is_file(), reason=f"PLOVER gold not found at {PLOVER_FILE} "
                    "(../shared is not checked out)")
def test_real_plover_file_small_limit(pipeline):
    report = evaluate_plover(str(PLOVER_FILE), limit=15, pipe=pipeline)
    assert report["sentences"] == 15 and report["event_type"]["any_accuracy"] is not None
