"""The event-location scorer: known answers on hand-written sentences and a real slice."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eventwire.cli import main
from eventwire.errors import InputError
from eventwire.evaluate.location import Gold, Outcome, evaluate, read_silver, score
from eventwire.records import GazetteerEntry, Place

SILVER = (Path(__file__).resolve().parents[2] / "shared" / "data" / "event_location_halterman"
          / "event_location_silver.jsonl")
NAIROBI = "Police arrested 12 protesters in Nairobi after a rally in Kisumu."
NONE = "The minister resigned on Tuesday."
ALEPPO = "Officials in Geneva said troops shelled villages near Aleppo on Monday."


def _record(rid: str, text: str, verb: str, places: list[str]) -> dict[str, Any]:
    def span(word: str) -> dict[str, Any]:
        start = text.index(word)
        return {"start": start, "end": start + len(word), "text": word}
    return {"id": rid, "source": "hand", "text": text, "event_verb": [span(verb)],
            "event_locations": [span(p) for p in places]}


def _write(path: Path, records: list[dict[str, Any]]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def report(pipeline, tmp_path_factory) -> dict[str, Any]:  # noqa: ANN001 - pytest fixture
    path = _write(tmp_path_factory.mktemp("silver") / "silver.jsonl", [
        _record("nairobi", NAIROBI, "arrested", ["Nairobi"]),
        _record("none", NONE, "resigned", []),
        _record("aleppo", ALEPPO, "shelled", ["Aleppo"]),
    ])
    return evaluate(silver=path, pipeline=pipeline)


def test_locative_of_the_verb_is_chosen(report: dict[str, Any]) -> None:
    ours = report["systems"]["ours"]
    assert report["gold"]["sentences"] == 3 and report["gold"]["with_gold_location"] == 2
    assert ours["accuracy"] == 100.0
    assert ours["precision"] == ours["recall"] == ours["f1"] == 100.0


def test_no_location_sentence_gets_none(report: dict[str, Any]) -> None:
    assert report["gold"]["without_gold_location"] == 1
    assert report["systems"]["ours"]["no_location_accuracy"] == 100.0
    assert report["examples"] == []


def test_baselines_take_the_first_or_nearest_place(report: dict[str, Any]) -> None:
    # "Officials in Geneva said troops shelled villages near Aleppo": both baselines say Geneva
    assert report["systems"]["first_place"]["accuracy"] == 50.0
    assert report["systems"]["nearest_verb"]["accuracy"] == 50.0
    assert report["ours_errors"] == {}
    assert report["by_source"]["hand"]["ours_accuracy"] == 100.0


def _place(text: str, start: int, word: str) -> Place:
    entry = GazetteerEntry(geonameid=1, name=word, lat=0.0, lon=0.0, country_code="KE",
                           admin1="", feature_class="P", feature_code="PPL")
    start = text.index(word, start)
    return Place(start=start, end=start + len(word), text=word, entry=entry, score=1.0)


def _outcome(text: str, gold: list[str], found: list[str], ours: list[str]) -> Outcome:
    g = Gold(id="g", source="s", text=text, verb=(0, 1),
             locations=tuple((text.index(w), text.index(w) + len(w)) for w in gold))
    places = {w: _place(text, 0, w) for w in found}
    preds = tuple(places[w] for w in ours)
    return Outcome(gold=g, found=tuple((p.start, p.end) for p in places.values()),
                   predictions={"ours": preds, "first_place": preds[:1], "nearest_verb": ()},
                   trigger_aligned=True, nationwide=False)


def test_scores_separate_geoparser_misses_from_choice_errors() -> None:
    text = "Clashes in Kisumu and Nairobi near Eldoret."
    outcomes = [
        _outcome(text, ["Kisumu"], ["Kisumu", "Nairobi"], ["Kisumu", "Nairobi"]),  # top right
        _outcome(text, ["Nairobi"], ["Kisumu", "Nairobi"], ["Kisumu"]),  # other place chosen
        _outcome(text, ["Eldoret"], ["Kisumu"], ["Kisumu"]),  # Eldoret never geoparsed
        _outcome(text, ["Eldoret"], ["Eldoret"], []),  # found, nothing chosen
        _outcome(text, [], ["Kisumu"], ["Kisumu"]),  # no gold location, one predicted
    ]
    rep = score(outcomes)
    ours = rep["systems"]["ours"]
    assert ours["accuracy"] == 25.0 and ours["accuracy_when_found"] == pytest.approx(33.33)
    assert ours["no_location_accuracy"] == 0.0
    # predictions: 2 + 1 + 1 + 0 + 1 = 5, matching a gold span: 1; gold spans 4, matched 1
    assert (ours["predicted"], ours["matched_predicted"], ours["matched_gold"]) == (5, 1, 1)
    assert ours["precision"] == 20.0 and ours["recall"] == 25.0
    assert rep["ours_errors"] == {"found_but_other_place_chosen": 1, "not_geoparsed": 1,
                                  "found_but_nothing_chosen": 1}
    assert rep["gold"]["gold_spans_not_geoparsed"] == 1
    assert [e["error"] for e in rep["examples"]] == [
        "found_but_other_place_chosen", "found_but_nothing_chosen", "location_predicted_for_none"]


def test_missing_or_broken_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        read_silver(str(tmp_path / "absent.jsonl"))
    bad = _record("x", NONE, "resigned", [])
    bad["event_verb"] = [{"start": 5, "end": 500}]
    with pytest.raises(InputError, match="outside the text"):
        read_silver(_write(tmp_path / "bad.jsonl", [bad]))
    empty = _record("y", NAIROBI, "arrested", [])
    empty["event_locations"] = [{"start": 5, "end": 5, "text": ""}]
    golds, skipped = read_silver(_write(tmp_path / "empty.jsonl", [empty, _record(
        "z", NONE, "resigned", [])]))
    assert [g.id for g in golds] == ["z"] and skipped == ["y"]
    with pytest.raises(InputError, match="event_locations"):
        read_silver(_write(tmp_path / "keys.jsonl", [{"text": NONE, "event_verb": []}]))


def test_real_silver_file_first_20(capsys: pytest.CaptureFixture[str]) -> None:
    if not SILVER.is_file():
        pytest.skip(f"event-location silver set not found at {SILVER} (../shared is not checked out)")
    assert main(["eval", "location", "--silver", str(SILVER), "--limit", "20"]) == 0
    rep = json.loads(capsys.readouterr().out)
    assert rep["gold"]["sentences"] == 20 and rep["failed_documents"] == 0
    assert rep["gold"]["trigger_not_aligned"] == 0
    for system in ("ours", "first_place", "nearest_verb"):
        assert 0 <= rep["systems"][system]["accuracy"] <= 100
    assert sum(row["sentences"] for row in rep["by_source"].values()) == 20
