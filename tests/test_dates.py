"""Tests for eventwire.nlp.dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventwire.nlp.dates import (
    WEEKDAYS,
    find_dates,
    resolve_expression,
    week_middle,
)
from eventwire.records import Sentence

PUB = dt.date(2022, 1, 19)  # a Wednesday


@pytest.mark.parametrize(
    ("expr", "date", "precision"),
    [
        ("on Tuesday", dt.date(2022, 1, 18), 1),
        ("Tuesday night", dt.date(2022, 1, 18), 1),
        ("on tuesday night", dt.date(2022, 1, 18), 1),
        ("early Thursday morning", dt.date(2022, 1, 13), 1),
        ("this Wednesday", dt.date(2022, 1, 19), 1),
        ("on Wednesday", dt.date(2022, 1, 19), 1),
        ("last Wednesday", dt.date(2022, 1, 12), 1),
        ("last Friday", dt.date(2022, 1, 14), 1),
        ("next Monday", dt.date(2022, 1, 24), 1),
        ("today", dt.date(2022, 1, 19), 1),
        ("yesterday", dt.date(2022, 1, 18), 1),
        ("tonight", dt.date(2022, 1, 19), 1),
        ("last night", dt.date(2022, 1, 18), 1),
        ("on Sunday evening", dt.date(2022, 1, 16), 1),
        ("the day before", dt.date(2022, 1, 18), 1),
        ("two days ago", dt.date(2022, 1, 17), 1),
        ("at the weekend", dt.date(2022, 1, 15), 2),
        ("over the weekend", dt.date(2022, 1, 15), 2),
        ("last weekend", dt.date(2022, 1, 15), 2),
        ("last week", dt.date(2022, 1, 12), 2),
        ("this week", dt.date(2022, 1, 19), 2),
        ("this month", dt.date(2022, 1, 15), 3),
        ("last month", dt.date(2021, 12, 15), 3),
        ("in March", dt.date(2021, 3, 15), 3),
        ("in January", dt.date(2022, 1, 15), 3),
        ("early March", dt.date(2021, 3, 1), 3),
        ("late February 2020", dt.date(2020, 2, 29), 3),
        ("the end of last month", dt.date(2021, 12, 31), 3),
        ("January 19", dt.date(2022, 1, 19), 1),
        ("19 January", dt.date(2022, 1, 19), 1),
        ("Jan. 19, 2022", dt.date(2022, 1, 19), 1),
        ("19 January 2022", dt.date(2022, 1, 19), 1),
        ("2022-01-19", dt.date(2022, 1, 19), 1),
        ("1/19/2022", dt.date(2022, 1, 19), 1),
        ("19/1/2022", dt.date(2022, 1, 19), 1),
        ("on 9 May 2020", dt.date(2020, 5, 9), 1),
        ("May 9th", dt.date(2021, 5, 9), 1),
        ("December 28", dt.date(2021, 12, 28), 1),
        ("until January 31", dt.date(2022, 1, 31), 1),
        ("Monday, January 17", dt.date(2022, 1, 17), 1),
        ("the 9th of May 2020", dt.date(2020, 5, 9), 1),
        ("in 2019", dt.date(2019, 7, 1), 3),
        ("March", dt.date(2021, 3, 15), 3),
    ],
)
def test_resolve_expression(expr: str, date: dt.date, precision: int) -> None:
    assert resolve_expression(expr, PUB) == (date, precision)


@pytest.mark.parametrize(
    "expr",
    ["it may be", "protesters march", "The Sun", "Theresa May", "5,000 people", "banana", ""],
)
def test_resolve_expression_rejects_non_dates(expr: str) -> None:
    assert resolve_expression(expr, PUB) is None


def test_day_before_uses_context() -> None:
    got = resolve_expression("the day before", PUB, context_before="On Monday, police came.")
    assert got == (dt.date(2022, 1, 16), 1)


def test_find_dates_offsets_and_sentences() -> None:
    text = "On tuesday night police fired. It may be true. Theresa May spoke on 9 May 2020."
    sentences = [
        Sentence(start=0, end=30, text=text[0:30], index=0),
        Sentence(start=31, end=46, text=text[31:46], index=1),
        Sentence(start=47, end=len(text), text=text[47:], index=2),
    ]
    refs = find_dates(text, PUB, sentences=sentences)
    assert [(r.text, r.sentence) for r in refs] == [("tuesday night", 0), ("9 May 2020", 2)]
    for ref in refs:
        assert text[ref.start : ref.end] == ref.text
    assert refs[0].date == dt.date(2022, 1, 18)


def test_find_dates_without_publication_keeps_only_absolute() -> None:
    text = "Yesterday and on Tuesday; on 9 May 2020 and in March and in 2019."
    refs = find_dates(text, None)
    assert [r.text for r in refs] == ["9 May 2020", "2019"]
    assert all(r.sentence == -1 for r in refs)


def test_false_positives() -> None:
    text = (
        "Officials may be wrong. Workers march on. The Sun reported that 19 people died. "
        "It was a 25-year-old. Prices rose 5% at 10 am."
    )
    assert find_dates(text, PUB) == []


def test_the_day_before_anchors_on_previous_date() -> None:
    text = "Clashes began on 5 January 2022. The day before, crowds gathered."
    refs = find_dates(text, PUB)
    assert refs[1].text == "The day before"
    assert refs[1].date == dt.date(2022, 1, 4)


def test_week_middle() -> None:
    assert week_middle(dt.date(2022, 1, 17)) == dt.date(2022, 1, 19)
    assert week_middle(dt.date(2022, 1, 23)) == dt.date(2022, 1, 19)


# --------------------------------------------------------------------------- properties

dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2060, 12, 31))
weekday_names = st.sampled_from(sorted(WEEKDAYS))
casing = st.sampled_from([str.lower, str.capitalize, str.upper])
past_templates = st.sampled_from(
    ["on {}", "{}", "this {}", "last {}", "{} night", "early {} morning", "late {}", "on {} evening"]
)


@given(published=dates, name=weekday_names, case=casing, template=past_templates)
def test_weekday_expressions_are_recent_past(
    published: dt.date, name: str, case: Callable[[str], str], template: str
) -> None:
    expr = template.format(case(name))
    got = resolve_expression(expr, published)
    assert got is not None
    date, precision = got
    assert precision == 1
    assert published - dt.timedelta(days=7) <= date <= published
    assert date.weekday() == WEEKDAYS[name]
    if template.startswith("last"):
        assert date < published


@given(published=dates, name=weekday_names)
def test_next_weekday_is_future(published: dt.date, name: str) -> None:
    got = resolve_expression(f"next {name.capitalize()}", published)
    assert got is not None
    date, precision = got
    assert published < date <= published + dt.timedelta(days=7)
    assert date.weekday() == WEEKDAYS[name] and precision == 1


@given(
    published=dates,
    expr=st.sampled_from(["the weekend", "at the weekend", "over the weekend", "last weekend"]),
)
def test_weekend_is_recent_saturday_week_precision(published: dt.date, expr: str) -> None:
    got = resolve_expression(expr, published)
    assert got is not None
    date, precision = got
    assert precision == 2
    assert date.weekday() == 5
    assert published - dt.timedelta(days=13) <= date <= published
    if expr == "last weekend":
        assert date + dt.timedelta(days=1) < published


@given(
    published=dates,
    position=st.sampled_from(["", "early ", "late ", "mid-", "the end of "]),
    month=st.sampled_from(
        ["January", "February", "March", "April", "May", "June", "July", "August",
         "September", "October", "November", "December", "this month", "last month"]
    ),
)
def test_month_expressions(published: dt.date, position: str, month: str) -> None:
    got = resolve_expression(f"in {position}{month}", published)
    assert got is not None
    date, precision = got
    assert precision == 3
    if position in ("", "mid-"):
        assert date.day == 15
    elif position == "early ":
        assert date.day == 1
    else:
        assert (date + dt.timedelta(days=1)).day == 1
    assert (date.year, date.month) <= (published.year, published.month)
    assert (published.year - date.year) * 12 + published.month - date.month < 12


@given(published=dates, offset=st.integers(min_value=-270, max_value=60))
def test_absolute_day_without_year_is_found_near_publication(
    published: dt.date, offset: int
) -> None:
    target = published + dt.timedelta(days=offset)
    if (target.month, target.day) == (2, 29):
        return
    expr = f"{target.strftime('%B')} {target.day}"
    assert resolve_expression(expr, published) == (target, 1)


@given(
    published=dates,
    prefix=st.text(alphabet="abc ,.", max_size=20),
    name=weekday_names,
)
def test_find_dates_offsets_roundtrip(published: dt.date, prefix: str, name: str) -> None:
    text = f"{prefix} On {name} night and yesterday."
    refs = find_dates(text, published)
    assert [r.text.lower() for r in refs][-2:] == [f"{name} night", "yesterday"]
    for ref in refs:
        assert text[ref.start : ref.end] == ref.text


# --------------------------------------------------------------------------- context and years

FUTURE_CONTEXTS = [
    "The ministers will meet on ",
    "Talks are scheduled to resume ",
    "The group would be ready to leave as soon as ",
    "Protesters planned a large demonstration on ",
    "Officials said the vote, postponed until ",
    "The summit is expected to open on ",
    "Negotiators are set to return ",
]
PAST_CONTEXTS = [
    "Police said the attack happened on ",
    "Cuba predicted ",
    "Hopes of a deal were dashed ",
    "He would have come on ",
    "He will say that the attack took place on ",
    "Several were wounded next to the embassy on ",
    "",
]


@pytest.mark.parametrize("context", FUTURE_CONTEXTS)
def test_weekday_in_future_context_is_the_coming_one(context: str) -> None:
    assert resolve_expression("Tuesday", PUB, context_before=context) == (dt.date(2022, 1, 25), 1)
    # the publication weekday itself is the publication day
    assert resolve_expression("Wednesday", PUB, context_before=context) == (PUB, 1)


@pytest.mark.parametrize("context", PAST_CONTEXTS)
def test_weekday_in_past_context_is_the_recent_one(context: str) -> None:
    assert resolve_expression("Tuesday", PUB, context_before=context) == (dt.date(2022, 1, 18), 1)


def test_possessive_weekday_keeps_the_past_reading() -> None:
    refs = find_dates("Relatives said they would look for ways around Tuesday's ruling.", PUB)
    assert [(r.text, r.date) for r in refs] == [("Tuesday", dt.date(2022, 1, 18))]


def test_future_context_for_months_and_days() -> None:
    expected = "The three countries are expected to join NATO in "
    assert resolve_expression("April", PUB, context_before=expected) == (dt.date(2022, 4, 15), 3)
    assert resolve_expression("in April", PUB) == (dt.date(2021, 4, 15), 3)
    published = dt.date(1989, 10, 26)
    succeed = "Mr. Schwarz will succeed Daniel Davison "
    assert resolve_expression("Feb. 1", published, context_before=succeed) == (
        dt.date(1990, 2, 1), 1)
    assert resolve_expression("Feb. 1", published) == (dt.date(1989, 2, 1), 1)
    assert resolve_expression("on the 3rd", dt.date(2022, 1, 30), context_before="will vote ") == (
        dt.date(2022, 2, 3), 1)


@pytest.mark.parametrize(
    ("expr", "date", "precision"),
    [
        ("this September", dt.date(2022, 9, 15), 3),
        ("April next year", dt.date(2023, 4, 15), 3),
        ("June last year", dt.date(2021, 6, 15), 3),
        ("January this year", dt.date(2022, 1, 15), 3),
        ("until June", dt.date(2022, 6, 15), 3),
        ("by November", dt.date(2021, 11, 15), 3),
        ("figures for December", dt.date(2021, 12, 15), 3),
        ("the October slaying", dt.date(2021, 10, 15), 3),
        ("a June agreement", dt.date(2021, 6, 15), 3),
        ("January nineteen ninety-seven", dt.date(1997, 1, 15), 3),
        ("Monday, Jan. 17: The editorial", dt.date(2022, 1, 17), 1),
        ("the 1990 election", dt.date(1990, 7, 1), 3),
        ("1998's budget", dt.date(1998, 7, 1), 3),
        ("fiscal 1989", dt.date(1989, 7, 1), 3),
        ("post-1959 politics", dt.date(1959, 7, 1), 3),
        ("bonds due 1993", dt.date(1993, 7, 1), 3),
        ("earnings for 1988", dt.date(1988, 7, 1), 3),
        ("a year earlier", dt.date(2021, 7, 1), 3),
        ("year-earlier results", dt.date(2021, 7, 1), 3),
        ("the year-ago quarter", dt.date(2021, 7, 1), 3),
        ("the past year", dt.date(2021, 7, 1), 3),
        ("for the year", dt.date(2022, 7, 1), 3),
        ("the current fiscal year", dt.date(2022, 7, 1), 3),
        ("this fiscal year", dt.date(2022, 7, 1), 3),
        ("in nineteen ninety-six", dt.date(1996, 7, 1), 3),
        ("the year two thousand", dt.date(2000, 7, 1), 3),
        ("the year 2000 problem", dt.date(2000, 7, 1), 3),
        ("over the last week", dt.date(2022, 1, 19), 2),
    ],
)
def test_new_expressions(expr: str, date: dt.date, precision: int) -> None:
    assert resolve_expression(expr, PUB) == (date, precision)


@pytest.mark.parametrize(
    "expr",
    ["the 2000 troops", "for 2000 hours", "UN Resolution 2254", "a 2000-strong force",
     "a $2000 fine", "the May government", "The March accession", "votes for May",
     "two thousand people", "the 1990s"],
)
def test_new_rules_reject_non_dates(expr: str) -> None:
    assert resolve_expression(expr, PUB) is None


def test_year_ranges_and_anaphoric_years() -> None:
    text = ("Doctors were attacked between 1994 and 1997. In 1995 a clinic closed and "
            "that year two more followed. He was promoted on May 22, 1995, and the following "
            "year he moved; the previous year he had trained.")
    refs = find_dates(text, PUB)
    assert [(r.text, r.date.year) for r in refs] == [
        ("1994", 1994), ("1997", 1997), ("1995", 1995), ("that year", 1995),
        ("May 22, 1995", 1995), ("the following year", 1996), ("the previous year", 1995),
    ]


def test_anaphoric_weekday_month_and_morning() -> None:
    text = ("Markets fell on October 30, 1989, from the previous Friday. The following month "
            "prices rose. Police came on 5 January 2022 and left the next morning.")
    refs = find_dates(text, PUB)
    got = {r.text: r.date for r in refs}
    assert got["previous Friday"] == dt.date(1989, 10, 27)
    assert got["The following month"] == dt.date(1989, 11, 15)
    assert got["the next morning"] == dt.date(2022, 1, 6)


@given(published=dates, name=weekday_names, context=st.sampled_from(FUTURE_CONTEXTS))
def test_weekday_in_future_context_is_within_the_coming_week(
    published: dt.date, name: str, context: str
) -> None:
    got = resolve_expression(name.capitalize(), published, context_before=context)
    assert got is not None
    date, precision = got
    assert precision == 1 and date.weekday() == WEEKDAYS[name]
    assert published <= date < published + dt.timedelta(days=7)


@given(
    published=dates,
    month=st.sampled_from(["January", "February", "April", "June", "July", "August",
                           "September", "October", "November", "December"]),
)
def test_month_in_future_context_is_within_the_coming_year(published: dt.date, month: str) -> None:
    got = resolve_expression(month, published, context_before="The summit will be held in ")
    assert got is not None
    date, precision = got
    assert precision == 3 and date.day == 15
    assert (date.year, date.month) >= (published.year, published.month)
    assert (date.year - published.year) * 12 + date.month - published.month < 12


@pytest.mark.parametrize("text", ["Vendors gathered in Monday Avenue.",
                                  "A fire broke out at the Friday Market."])
def test_a_weekday_that_names_a_street_or_market_is_no_date(text: str) -> None:
    assert find_dates(text, PUB) == []
