"""Truecasing lower-cased documents before parsing (eventwire/nlp/truecase.py)."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import replace

import pytest

from eventwire.nlp.casing import cased_form, is_common
from eventwire.nlp.parse import dictionary_words
from eventwire.nlp.truecase import lower_cased, truecase
from eventwire.records import Article

PLACES = {"lucknow", "kanpur", "new delhi", "stone"}
LOWER_DOC = ("lucknow: police on thursday fired tear gas at protesters in kanpur, officials said. "
             "the bjp called a strike in new delhi. i saw a stone thrown at the police station.")


def names(phrase: str, floor: int) -> bool:
    return phrase in PLACES and not (phrase == "stone" and floor > 0)


def test_a_lower_cased_document_is_detected():
    assert lower_cased(LOWER_DOC)


def test_a_cased_sentence_without_names_is_not_lower_cased():
    text = ("Some had left for the houses of friends in towns outside the sweep, where the "
            "authorities were marching through the bushes and halting cars at checkpoints.")
    assert not lower_cased(text)
    assert not lower_cased("too short to tell: police fired on protesters.")


def test_news_casing_table():
    assert cased_form("thursday") == "Thursday" and cased_form("bjp") == "BJP"
    assert is_common("police") and cased_form("police") is None


def test_truecase_restores_names_and_sentence_starts_at_the_same_offsets():
    out = truecase(LOWER_DOC, names, {"stone": 100_000})
    assert len(out) == len(LOWER_DOC) and out.lower() == LOWER_DOC
    assert out.startswith("Lucknow: police on Thursday")
    assert "protesters in Kanpur," in out and "The BJP called" in out
    assert "strike in New Delhi." in out and " I saw" in out
    assert "a stone thrown" in out  # a dictionary word naming only a village stays a word


def test_common_words_and_word_endings_are_not_place_names():
    seen: list[str] = []

    def anything(phrase: str, floor: int) -> bool:
        seen.append(phrase)
        return True

    truecase("the police were reading the notice after the march ended.", anything)
    assert not {"police", "reading", "march", "ended"} & set(seen)


LOWER_REPORT = ("lucknow: police on thursday fired tear gas at hundreds of protesters who "
                "blocked the highway in kanpur, officials said. the protesters were demanding "
                "the release of their leaders. two people were injured in the clash, police "
                "said.")


@pytest.mark.slow
def test_pipeline_places_a_lower_cased_report_with_truecase(pipeline):
    text = LOWER_REPORT
    art = Article(id="lower", text=text, published=dt.date(2002, 3, 15))
    cased = replace(pipeline, truecase=True, dictionary=dictionary_words(pipeline.nlp))
    doc = cased.process(art)
    assert any(p.entry.name == "Kanpur" for p in doc.places)
    placed = [e for e in doc.events if e.location is not None]
    assert placed and any(e.location.name == "Kanpur" for e in placed)
    for e in doc.events:  # evidence is quoted from the text as written
        assert all(text[x.start:x.end] == x.text for x in e.evidence)
        assert all(x.text == x.text.lower() for x in e.evidence)


@pytest.mark.slow
def test_without_truecase_a_lower_cased_report_gets_one_warning(pipeline, caplog):
    plain = replace(pipeline, truecase=False, warned_lower_case=False)
    art = Article(id="lower", text=LOWER_REPORT, published=dt.date(2002, 3, 15))
    with caplog.at_level(logging.WARNING, logger="eventwire.advice"):
        plain.process(art)
        plain.process(art)
    warnings = [r for r in caplog.records if "--truecase" in r.getMessage()]
    assert len(warnings) == 1
