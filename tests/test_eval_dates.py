"""eval dates: the TimeML scorer on hand-written documents, and a smoke run on the real
TempEval-3 file (skipped when ../shared is not checked out)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.evaluate.dates import evaluate, granularity, normalise

TIMEML_FILE = (Path(__file__).resolve().parent.parent.parent / "shared" / "data"
               / "tempeval3_timex" / "tbaq_cleaned.jsonl")


def timex(text: str, phrase: str, value: str, kind: str = "DATE") -> dict[str, object]:
    start = text.index(phrase)
    return {"start": start, "end": start + len(phrase), "text": phrase, "type": kind,
            "value": value}


def write_doc(tmp_path: Path, text: str, timexes: list[dict[str, object]],
              dct: str = "1998-08-07") -> str:
    path = tmp_path / "timeml.jsonl"
    doc = {"doc_id": "d1", "dct": dct, "text": text, "timexes": timexes}
    path.write_text(json.dumps(doc) + "\n", encoding="utf-8")
    return str(path)


def test_known_dates_are_exact(tmp_path):
    text = "Bombs exploded on Friday. Talks began in March. The embassy opened in 1997."
    path = write_doc(tmp_path, text, [
        timex(text, "Friday", "1998-08-07"), timex(text, "March", "1998-03"),
        timex(text, "1997", "1997"), timex(text, "Talks", "PRESENT_REF")])
    report = evaluate(timeml=path)
    assert report["gold_dates_scored"] == 3 and report["gold_dates_skipped"] == 1
    assert report["recall"] == report["exact"] == 1.0
    grains = report["by_granularity"]
    assert grains["day"]["exact"] == grains["month"]["exact"] == grains["year"]["exact"] == 1.0
    assert report["top_misses"] == []


def test_week_and_misses(tmp_path):
    text = "Prices rose last week. Rain fell on a holiday."
    path = write_doc(tmp_path, text, [timex(text, "last week", "1998-W31"),
                                      timex(text, "a holiday", "1998-08-01")])
    report = evaluate(timeml=path)
    assert report["by_granularity"]["week"]["exact"] == 1.0
    assert report["outcomes"]["not_found"] == 1
    assert report["top_misses"][0]["gold_text"] == "a holiday"
    assert report["top_misses"][0]["ours"] == "not found"


def test_granularity_of_values():
    assert [granularity(v) for v in ("1998-08-07", "2000-W7", "1998-03", "1997", "1989-Q3")] == [
        "day", "week", "month", "year", None]
    assert normalise("2000-W7", "week") == "2000-W07"


def test_missing_and_invalid_files_raise_input_error(tmp_path):
    with pytest.raises(InputError, match="not found"):
        evaluate(timeml=str(tmp_path / "nope.jsonl"))
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc_id": "x"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="'text'"):
        evaluate(timeml=str(bad))


@pytest.mark.skipif(not TIMEML_FILE.is_file(), reason=f"TempEval-3 gold not found at {TIMEML_FILE} "
                    "(../shared is not checked out)")
def test_real_timeml_file_small_limit():
    report = evaluate(timeml=str(TIMEML_FILE), limit=10)
    assert report["documents"] == 10 and report["gold_dates_scored"] > 0
    assert 0.0 <= report["exact"] <= report["recall"] <= 1.0
