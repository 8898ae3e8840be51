"""Tests for eventwire.nlp.quantities."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventwire.nlp.quantities import find_quantities, parse_number
from eventwire.records import Sentence


def _found(text: str) -> list[tuple[str, int, str]]:
    quantities = find_quantities(text)
    for q in quantities:
        assert text[q.start : q.end] == q.text
    return [(q.kind, q.value, q.text) for q in quantities]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "At least eight police and military were killed in the riots.",
            [("dead", 8, "At least eight")],
        ),
        (
            "317 members of the Police and soldiers of the National Guard were injured "
            "and eight were killed.",
            [("injured", 317, "317"), ("dead", 8, "eight")],
        ),
        ("about 5,000 people were dispersed with tear gas", [("size", 5000, "about 5,000")]),
        ("thousands of protesters stormed the building", [("size", 1000, "thousands")]),
        ("the death toll rose to 12", [("dead", 12, "12")]),
        ("the death toll rose from 5 to 12", [("dead", 12, "12")]),
        ("Troops opened fire, killing three civilians", [("dead", 3, "three")]),
        ("a blast, wounding at least 20", [("injured", 20, "at least 20")]),
        ("police arrested 45 people", [("arrested", 45, "45")]),
        ("two people died", [("dead", 2, "two")]),
        ("no casualties were reported", [("dead", 0, "no")]),
        ("No one was killed.", [("dead", 0, "No one")]),
        ("There were no reports of injuries.", [("injured", 0, "no")]),
        ("Twenty-three people were detained.", [("arrested", 23, "Twenty-three")]),
        ("two dozen protesters were arrested", [("arrested", 24, "two dozen")]),
        ("Dozens were injured and hundreds arrested.", [("injured", 12, "Dozens"), ("arrested", 100, "hundreds")]),
        ("Between 10 and 15 people were wounded.", [("injured", 10, "Between 10 and 15")]),
        ("10 to 15 people were wounded.", [("injured", 10, "10 to 15")]),
        ("Up to 1.5 million people marched.", [("size", 1_500_000, "Up to 1.5 million")]),
        ("A 5,000-strong crowd gathered.", [("size", 5000, "5,000")]),
        ("a crowd of some 300 gathered", [("size", 300, "some 300")]),
        (
            "More than 160 people were killed and 6,000 detained.",
            [("dead", 160, "More than 160"), ("arrested", 6000, "6,000")],
        ),
        (
            "Five people, including two children, were killed.",
            [("dead", 5, "Five"), ("dead", 2, "two")],
        ),
        ("Eight police and 3 soldiers were killed.", [("dead", 8, "Eight"), ("dead", 3, "3")]),
        (
            "Police detained 20 people, 3 of whom were hospitalised.",
            [("arrested", 20, "20"), ("injured", 3, "3")],
        ),
        ("Twelve bodies were found.", [("dead", 12, "Twelve")]),
        (
            "2,200 people sought medical help and 18 police officers died.",
            [("injured", 2200, "2,200"), ("dead", 18, "18")],
        ),
        ("Several protesters were taken into custody.", [("arrested", 3, "Several")]),
        ("one hundred and twenty people lost their lives", [("dead", 120, "one hundred and twenty")]),
    ],
)
def test_examples(text: str, expected: list[tuple[str, int, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "In 2019 the protests began.",
        "Bread cost $0.11 more, or 120 tenges.",
        "Support fell 5% among voters.",
        "At 10 am the crowd was killed off by rain.",
        "A 25-year-old was killed.",
        "Protesters burned 20 cars and 5 buildings.",
        "It was one of the largest protests in years.",
        "The clashes lasted 3 days and were deadly.",
        "On January 19 the rally was held.",
        "Officials held 3 meetings with the injured.",
    ],
)
def test_not_counted(text: str) -> None:
    assert _found(text) == []


def test_sentence_indices() -> None:
    text = "Two people died. Police arrested 45 people."
    sentences = [
        Sentence(start=0, end=16, text=text[:16], index=0),
        Sentence(start=17, end=len(text), text=text[17:], index=1),
    ]
    got = find_quantities(text, sentences=sentences)
    assert [(q.kind, q.value, q.sentence) for q in got] == [("dead", 2, 0), ("arrested", 45, 1)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("5,000", 5000),
        ("eight", 8),
        ("twenty-three", 23),
        ("two hundred", 200),
        ("two thousand five hundred", 2500),
        ("a dozen", 12),
        ("half a dozen", 6),
        ("hundreds", 100),
        ("tens of thousands", 10_000),
        ("2 million", 2_000_000),
    ],
)
def test_parse_number(text: str, value: int) -> None:
    assert parse_number(text) == value


# --------------------------------------------------------------------------- properties

PREDICATES = {
    "{n} people were killed in the clashes.": "dead",
    "Officials said {n} protesters died.": "dead",
    "The death toll rose to {n} on Monday.": "dead",
    "Gunmen opened fire, killing {n} civilians.": "dead",
    "{n} people were injured.": "injured",
    "The blast left {n} wounded.": "injured",
    "Police wounded {n} demonstrators.": "injured",
    "Police arrested {n} people after the rally.": "arrested",
    "{n} students were detained by police.": "arrested",
    "{n} people were taken into custody.": "arrested",
    "{n} people gathered in the square.": "size",
    "A crowd of {n} marched to parliament.": "size",
    "{n} protesters took to the streets.": "size",
}


def _format(value: int, commas: bool) -> str:
    return f"{value:,}" if commas else str(value)


@given(
    value=st.integers(min_value=1, max_value=100_000),
    commas=st.booleans(),
    template=st.sampled_from(sorted(PREDICATES)),
    qualifier=st.sampled_from(["", "at least ", "about ", "more than ", "up to "]),
)
def test_generated_sentences(value: int, commas: bool, template: str, qualifier: str) -> None:
    number = qualifier + _format(value, commas)
    if template.startswith("{n}"):
        number = number[0].upper() + number[1:]
    text = template.format(n=number)
    if 1900 <= value <= 2099 and not commas and not qualifier and (
            "to {n}" in template or "of {n}" in template):
        return  # "rose to 2019", "of 1900": a year-like number after a preposition is a year
    got = find_quantities(text)
    assert [(q.kind, q.value, q.text) for q in got] == [(PREDICATES[template], value, number)]
    assert text[got[0].start : got[0].end] == got[0].text


@given(
    first=st.integers(min_value=1, max_value=100_000),
    second=st.integers(min_value=1, max_value=100_000),
    commas=st.booleans(),
)
def test_two_predicates_in_one_sentence(first: int, second: int, commas: bool) -> None:
    text = (
        f"{_format(first, commas)} members of the police were injured "
        f"and {_format(second, commas)} were killed."
    )
    got = [(q.kind, q.value) for q in find_quantities(text)]
    assert got == [("injured", first), ("dead", second)]


@given(text=st.text(max_size=200))
def test_offsets_hold_for_any_text(text: str) -> None:
    for q in find_quantities(text):
        assert text[q.start : q.end] == q.text
        assert q.value >= 0


@pytest.mark.parametrize("text", [
    "Keith D. Johnson, 41, was arrested on charges of attempted robbery.",
    "Martello, 64, a retired Naval officer, was arrested Thursday.",
])
def test_ages_set_off_by_commas_are_not_counts(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize("text", [
    "compensation of INR 10 million to the family of a businessman who was killed",
    "they paid 5 million rupees to the families of the dead",
])
def test_money_is_not_a_death_toll(text):
    assert [q for q in find_quantities(text) if q.kind == "dead" and q.value > 1000] == []
