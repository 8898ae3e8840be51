"""Find date expressions in article text and resolve them against the publication date.

Every resolved date carries an ACLED ``time_precision``: 1 a day, 2 a week or weekend,
3 a month (also used for a bare year, see below).

DATE_PATTERNS -- what is recognised. A leading preposition ("on", "in", "at", "over",
"until", ...) is never part of the span; modifiers ("last", "early", "night") are.

* weekday: ``[early|late] [this|last|next|past] <weekday> [morning|afternoon|evening|night]``,
  case-insensitive ("on tuesday night", "early Thursday morning", "last Friday");
* deictic: "today", "tonight", "yesterday", "tomorrow", "the day before yesterday",
  "this morning/afternoon/evening", "last night", "N days/weeks/months ago";
* anaphoric: "the day before", "the previous day", "a day earlier", "the next/following
  day", "the same day", "that day" -- relative to the last day-precise date found earlier
  in the text (``context_before`` for :func:`resolve_expression`), else to publication;
* week: "last/this/next/past week"; weekend: "the weekend", "last/this/next weekend";
* month: "this/last/next month" and a month name after a preposition or a modifier
  ("in March", "since May", "early June", "last March") or before a year ("March 2022");
  "early"/"start of"/"beginning of" give the 1st, "late"/"end of" the last day, else the 15th;
* absolute day: "January 19", "Jan. 19, 2022", "19 January", "19 January 2022", "May 9th",
  "the 9th of May", "Monday, January 17", "2022-01-19", "1/19/2022", "19.01.2022",
  "on the 19th";
* year: "in 2019", "since 2019", "last year", "this year".

Conventions (news is written in the past tense):

* a bare weekday and "this <weekday>" mean the most recent such day on or before
  publication (the publication weekday means the publication day); "last <weekday>" the most
  recent one strictly before it; "next <weekday>" the first one strictly after it;
* a week is Monday-Sunday; its date is the middle day, Wednesday (:func:`week_middle`);
  "this/past week" is clipped so that it is never after publication;
* "the weekend"/"this weekend"/"at"/"over the weekend" is the most recent weekend whose
  Saturday is on or before publication, dated that Saturday, precision 2; "last weekend" is
  the most recent weekend that was over before the publication day; "next weekend" the first
  Saturday after publication;
* a month name without a year means the most recent such month not after publication;
* a day and month without a year take the year (publication year -1, 0 or +1) that puts the
  date nearest publication, with days after publication counting triple (news looks back);
* numeric slash dates are US order (M/D/Y) unless the first field is over 12;
* ACLED has no year precision: a bare year resolves to July 1 of that year, precision 3,
  and callers should treat it as background, not as an event date.

Month names must be capitalised ("may be" and "protesters march" are not dates), and a
month name without a day is only taken after a preposition or modifier or before a year
("Theresa May", "March organisers" are not). Weekday abbreviations are not recognised, so
the "Sun" newspaper is not a Sunday.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from eventwire.nlp.date_rules import (
    COUNTED_NOUNS,
    SPELLED_YEAR,
    forward_looking,
    infer_day_month,
    infer_day_year,
    infer_month_year,
    month_date,
    nearest_month_year,
    safe_date,
    shift_months,
    spelled_year,
    week_middle,
    weekday_after,
    weekday_before,
    weekday_on_or_after,
    weekday_on_or_before,
)
from eventwire.nlp.quantities import UNITS
from eventwire.records import DateRef, Sentence

PRECISION_DAY = 1
PRECISION_WEEK = 2
PRECISION_MONTH = 3

Resolution = tuple[dt.date, int]

WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
MONTHS: dict[str, int] = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
SMALL_NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, **{word: n for word, n in UNITS.items() if 1 <= n <= 10},
}

_FULL_MONTHS = [m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july")]
_MONTH_NAME = "|".join(
    [m.capitalize() for m in _FULL_MONTHS]
    + [m.upper() for m in _FULL_MONTHS]
    + [r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?"]
)
_FULL_MONTH_NAME = "|".join([m.capitalize() for m in _FULL_MONTHS] + [m.upper() for m in _FULL_MONTHS])
_WD = "(?i:" + "|".join(WEEKDAYS) + ")"
_WD_PREFIX = rf"(?:{_WD},?\s+)?"
_DAY = r"(?<![\d,.])(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?![\d%])"
_PREP = r"(?i:in|since|until|till|by|during|through|throughout|from|of|before|after|to)"
_NEWSPAPERS = r"(?!\s+(?:Times|Telegraph|Mail|Express|Herald|Post|Mirror|Tribune|Star|World))"

PAT_WEEKDAY = re.compile(
    rf"\b(?P<span>(?:(?P<pos>(?i:early|late))\s+)?"
    rf"(?:(?P<mod>(?i:this|last|next|past|previous|preceding|following))\s+)?"
    rf"(?P<wd>{_WD})(?:\s+(?i:morning|afternoon|evening|night))?)\b{_NEWSPAPERS}"
)
PAT_DEICTIC = re.compile(
    r"\b(?P<span>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|tonight"
    r"|yesterday|tomorrow|this\s+(?:morning|afternoon|evening)|last\s+night))\b"
)
PAT_AGO = re.compile(
    r"\b(?P<span>(?P<n>\d{1,2}|(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten))\s+"
    r"(?P<unit>(?i:days?|weeks?|months?|years?))\s+(?i:ago))\b"
)
PAT_ANAPHORIC = re.compile(
    r"\b(?P<span>(?i:the\s+(?:previous|preceding|next|following|same)\s+"
    r"(?:day|night|morning|afternoon|evening)"
    r"|the\s+(?:day|night)\s+(?:before|after)|a\s+day\s+(?:earlier|later|before|after)"
    r"|that\s+day))\b"
)
PAT_WEEKEND = re.compile(r"\b(?P<span>(?i:(?P<mod>last|this|next|past)\s+weekend|the\s+weekend))\b")
PAT_WEEK = re.compile(r"\b(?P<span>(?i:(?P<mod>last|this|next|past|previous)\s+week))\b")
PAT_REL_MONTH = re.compile(
    r"\b(?P<span>(?:(?P<pos>(?i:early|late|mid|(?:the\s+)?(?:end|beginning|start|middle)\s+of))"
    r"[\s-]+)?(?P<mod>(?i:this|last|next|past|(?:the\s+)?(?:following|previous|preceding)))"
    r"\s+(?i:month))\b"
)
PAT_REL_YEAR = re.compile(
    r"\b(?P<span>(?P<mod>(?i:this|last|next|past))\s+(?i:fiscal\s+)?(?i:year))\b"
)
PAT_YEAR_REF = re.compile(
    r"\b(?P<span>(?i:(?P<current>(?:the\s+)?(?:current|full|present)\s+(?:fiscal\s+|calendar\s+)?year"
    r"|the\s+fiscal\s+year|the\s+year(?![\s-]+(?:\d|two|nineteen|twenty|before|after|earlier|later"
    r"|ago|when|in\s+which|of\s+the|-)|-))"
    r"|(?P<same>that\s+year|the\s+same\s+year)"
    r"|(?P<later>the\s+(?:following|next)\s+year|a\s+year\s+later|the\s+year\s+after)"
    r"|(?P<earlier>the\s+(?:previous|preceding|prior)\s+year|the\s+year\s+before)"
    r"|(?P<ago>(?:the\s+)?year[\s-]ago|a\s+year\s+(?:earlier|before)|year[\s-]earlier)))\b"
)
PAT_MONTH_DAY = re.compile(
    rf"\b(?P<span>{_WD_PREFIX}(?P<month>{_MONTH_NAME})\s*(?:the\s+)?{_DAY}"
    rf"(?:,?\s+{_YEAR})?)(?!\s*(?:%|percent|per\s+cent))"
)
PAT_DAY_MONTH = re.compile(
    rf"(?P<span>\b{_WD_PREFIX}(?:the\s+)?{_DAY}\s+(?:of\s+)?(?P<month>{_MONTH_NAME})"
    rf"(?:,?\s+{_YEAR})?)"
)
PAT_MONTH = re.compile(
    rf"(?:\b(?:(?P<prep>{_PREP}|(?i:for))|(?P<det>(?i:the|a|an)))\s+)?(?P<span>\b(?:(?P<pos>(?i:early|late|mid|(?:the\s+)?"
    rf"(?:end|beginning|start|middle)\s+of))[\s-]+)?(?:(?P<mod>(?i:last|this|next|past))\s+)?"
    rf"(?P<month>{_FULL_MONTH_NAME})\b(?:,?\s+{_YEAR}|\s+(?P<syear>{SPELLED_YEAR})"
    rf"|\s+(?:of\s+)?(?P<ymod>(?i:this|last|next))\s+(?i:year)\b)?)"
)
PAT_YEAR = re.compile(
    rf"\b{_PREP}\s+(?P<span>(?:(?i:early|late|mid)[\s-]+)?{_YEAR})\b(?![.,]\d)"
)
PAT_YEAR_LOOSE = re.compile(
    rf"(?:\b(?P<lead>(?i:for|between|into|both|fiscal|due|year|the|a|an|its|his|her|their|our))\s+"
    rf"|(?<=[a-z]'s )|\b(?i:post|pre)-|(?<=\d and )|(?<=\d or )|(?<=\d to ))"
    rf"(?P<span>{_YEAR})\b(?![.,:/]\d|-\d)"
)
PAT_YEAR_BEFORE = re.compile(
    rf"(?<![\d$£€#.,])(?P<span>{_YEAR})(?=['’]s\b|\s+(?:and|or|to)\s+(?:19|20)\d\d\b)"
)
PAT_SPELLED_YEAR = re.compile(rf"\b(?P<span>(?P<lead>(?i:the\s+year)\s+)?{SPELLED_YEAR})")
PAT_ISO = re.compile(
    r"(?<![\d-])(?P<span>(?P<year>(?:19|20)\d\d)-(?P<month>0?[1-9]|1[0-2])-"
    r"(?P<day>3[01]|[12]\d|0?[1-9]))(?![\d-])"
)
PAT_SLASH = re.compile(
    r"(?<![\d/])(?P<span>(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>(?:19|20)?\d\d))(?![\d/])"
)
PAT_DOTTED = re.compile(
    r"(?<![\d.])(?P<span>(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>(?:19|20)\d\d))(?![\d]|\.\d)"
)
PAT_ORDINAL_DAY = re.compile(
    rf"\b(?i:on|since|until|till|by)\s+(?P<span>the\s+(?P<day>3[01]|[12]\d|0?[1-9])"
    rf"(?:st|nd|rd|th))\b(?!\s+(?:of\s+)?(?:{_MONTH_NAME}))"
)
PAT_BARE_MONTH = re.compile(rf"^\s*(?P<month>{_FULL_MONTH_NAME}|(?i:{'|'.join(_FULL_MONTHS)}))\s*$")


@dataclass(frozen=True, slots=True)
class _Context:
    """What relative expressions are resolved against."""

    published: dt.date | None
    anchor: dt.date | None  # last day-precise date mentioned before, for "the day before"
    last: dt.date | None = None  # last date of any precision before, for "that year"
    prefix: str = ""  # text before the scanned text (resolve_expression's context_before)

    def before(self, match: re.Match[str]) -> str:
        """Up to 400 characters of text before the expression."""
        start = match.start("span")
        return (self.prefix + match.string[max(0, start - 400) : start])[-400:]

    def forward(self, match: re.Match[str]) -> bool:
        """Whether the clause leading to the expression speaks of the future."""
        return forward_looking(self.before(match))

    def year(self) -> int | None:
        """The year anaphoric year expressions count from."""
        if self.last is not None:
            return self.last.year
        return self.published.year if self.published else None


Resolver = Callable[[re.Match[str], _Context], Resolution | None]


def _month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _group(match: re.Match[str], name: str) -> str | None:
    value = match.groupdict().get(name)
    return value.lower() if value else None


# --------------------------------------------------------------------------- resolvers


def _resolve_weekday(match: re.Match[str], ctx: _Context) -> Resolution | None:
    if ctx.published is None:
        return None
    weekday = WEEKDAYS[match.group("wd").lower()]
    mod = _group(match, "mod")
    base = ctx.anchor or ctx.published
    if mod == "next":
        day = weekday_after(ctx.published, weekday)
    elif mod in ("last", "past"):
        day = weekday_before(ctx.published, weekday)
    elif mod in ("previous", "preceding"):
        day = weekday_before(base, weekday)
    elif mod == "following":
        day = weekday_after(base, weekday)
    elif not _possessive(match) and ctx.forward(match):
        day = weekday_on_or_after(ctx.published, weekday)
    else:
        day = weekday_on_or_before(ctx.published, weekday)
    return day, PRECISION_DAY


def _possessive(match: re.Match[str]) -> bool:
    """"Wednesday's ruling": a noun's date, not the clause's, so no future reading."""
    return match.string[match.end("span") : match.end("span") + 2] in ("'s", "’s")


def _next_word(match: re.Match[str]) -> str:
    found = re.match(r"\s+([A-Za-z]+)", match.string[match.end("span") :])
    return found.group(1) if found else ""


_DEICTIC_OFFSETS: dict[str, int] = {
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "yesterday": -1,
    "last night": -1,
    "tomorrow": 1,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
}


def _normalise(text: str) -> str:
    return " ".join(text.lower().split())


def _resolve_deictic(match: re.Match[str], ctx: _Context) -> Resolution | None:
    if ctx.published is None:
        return None
    offset = _DEICTIC_OFFSETS[_normalise(match.group("span"))]
    return ctx.published + dt.timedelta(days=offset), PRECISION_DAY


def _resolve_ago(match: re.Match[str], ctx: _Context) -> Resolution | None:
    if ctx.published is None:
        return None
    raw = match.group("n").lower()
    count = int(raw) if raw.isdigit() else SMALL_NUMBERS[raw]
    unit = match.group("unit").lower().rstrip("s")
    if unit == "day":
        return ctx.published - dt.timedelta(days=count), PRECISION_DAY
    if unit == "week":
        return week_middle(ctx.published - dt.timedelta(weeks=count)), PRECISION_WEEK
    if unit == "month":
        year, month = shift_months(ctx.published, -count)
        return month_date(year, month), PRECISION_MONTH
    return dt.date(ctx.published.year - count, 7, 1), PRECISION_MONTH


def _resolve_anaphoric(match: re.Match[str], ctx: _Context) -> Resolution | None:
    base = ctx.anchor or ctx.published
    if base is None:
        return None
    text = _normalise(match.group("span"))
    if any(w in text for w in ("previous", "preceding", "before", "earlier")):
        offset = -1
    elif any(w in text for w in ("next", "following", "after", "later")):
        offset = 1
    else:
        offset = 0
    return base + dt.timedelta(days=offset), PRECISION_DAY


def _resolve_weekend(match: re.Match[str], ctx: _Context) -> Resolution | None:
    if ctx.published is None:
        return None
    mod = _group(match, "mod")
    saturday = 5
    if mod == "next":
        day = weekday_after(ctx.published, saturday)
    elif mod == "last":
        # the most recent weekend that was over (its Sunday passed) before publication
        day = weekday_before(ctx.published, 6) - dt.timedelta(days=1)
    else:
        day = weekday_on_or_before(ctx.published, saturday)
    return day, PRECISION_WEEK


def _resolve_week(match: re.Match[str], ctx: _Context) -> Resolution | None:
    if ctx.published is None:
        return None
    mod = _group(match, "mod")
    if mod == "last" and ctx.before(match).lower().endswith("the "):
        mod = "past"  # "over the last week": the seven days up to publication
    if mod in ("last", "previous"):
        day = week_middle(ctx.published - dt.timedelta(weeks=1))
    elif mod == "next":
        day = week_middle(ctx.published + dt.timedelta(weeks=1))
    else:
        day = min(week_middle(ctx.published), ctx.published)
    return day, PRECISION_WEEK


_MONTH_SHIFT: dict[str, int] = {
    "this": 0, "past": 0, "last": -1, "next": 1, "following": 1, "previous": -1, "preceding": -1,
}
_MONTH_ANAPHORA = ("following", "previous", "preceding")  # count from the last date mentioned


def _resolve_relative_month(match: re.Match[str], ctx: _Context) -> Resolution | None:
    if ctx.published is None:
        return None
    mod = (_group(match, "mod") or "this").split()[-1]
    base = (ctx.last or ctx.published) if mod in _MONTH_ANAPHORA else ctx.published
    year, month = shift_months(base, _MONTH_SHIFT[mod])
    return month_date(year, month, match.group("pos")), PRECISION_MONTH


def _resolve_relative_year(match: re.Match[str], ctx: _Context) -> Resolution | None:
    if ctx.published is None:
        return None
    year = ctx.published.year + _YEAR_SHIFT[_group(match, "mod") or "this"]
    return dt.date(year, 7, 1), PRECISION_MONTH


_YEAR_SHIFT: dict[str, int] = {"this": 0, "past": -1, "last": -1, "next": 1}  # TimeML: past = last


def _resolve_year_ref(match: re.Match[str], ctx: _Context) -> Resolution | None:
    if ctx.published is None:
        return None
    if match.group("current"):
        year = ctx.published.year
    elif match.group("ago"):
        year = ctx.published.year - 1
    else:
        base = ctx.year() or ctx.published.year
        year = base + (1 if match.group("later") else -1 if match.group("earlier") else 0)
    return dt.date(year, 7, 1), PRECISION_MONTH


def _resolve_month_day(match: re.Match[str], ctx: _Context) -> Resolution | None:
    month = _month_number(match.group("month"))
    day = int(match.group("day"))
    if match.group("year"):
        date = safe_date(int(match.group("year")), month, day)
    elif ctx.published is not None:
        date = infer_day_year(month, day, ctx.published, forward=ctx.forward(match))
    else:
        date = None
    return (date, PRECISION_DAY) if date is not None else None


def _resolve_month(match: re.Match[str], ctx: _Context) -> Resolution | None:
    month = _month_number(match.group("month"))
    if not _month_is_date(match, month):
        return None
    year = _month_year(match, ctx, month)
    return (month_date(year, month, match.group("pos")), PRECISION_MONTH) if year else None


_NAME_MONTHS = (3, 5)  # March and May are also a verb/noun and a name
_END_POINT_PREPS = ("until", "till", "by", "through", "for")


def _month_is_date(match: re.Match[str], month: int) -> bool:
    """"in March", "the October slaying" are dates; "Theresa May", "for May" are not."""
    prep, det = _group(match, "prep"), match.group("det")
    if match.group("pos") or match.group("mod") or match.group("year") or match.group("syear"):
        return True
    if match.group("ymod"):
        return True
    if det:  # "the October slaying", "a June agreement"
        return month not in _NAME_MONTHS and _next_word(match).islower()
    return prep is not None and not (prep == "for" and month in _NAME_MONTHS)


def _month_year(match: re.Match[str], ctx: _Context, month: int) -> int | None:
    """The year of a month name: stated, shifted ("June last year"), or inferred."""
    mod, prep = _group(match, "mod"), _group(match, "prep")
    if match.group("year"):
        return int(match.group("year"))
    if match.group("syear"):
        return spelled_year(match.group("syear"))
    if ctx.published is None:
        return None
    published = ctx.published
    if match.group("ymod"):
        return published.year + _MONTH_SHIFT[match.group("ymod").lower()]
    if mod == "next":
        return published.year if month > published.month else published.year + 1
    if mod == "last":
        return published.year if month < published.month else published.year - 1
    if mod == "this":
        return published.year
    if prep in _END_POINT_PREPS:
        return nearest_month_year(month, published)
    return infer_month_year(month, published, forward=ctx.forward(match))


def _resolve_year(match: re.Match[str], ctx: _Context) -> Resolution | None:
    return dt.date(int(match.group("year")), 7, 1), PRECISION_MONTH


def _resolve_loose_year(match: re.Match[str], ctx: _Context) -> Resolution | None:
    """"the 1990 election", "between 1994 and 1997", "fiscal 1989" -- not "the 2000 troops"."""
    next_word = _next_word(match).lower()
    if next_word in COUNTED_NOUNS or next_word in ("percent", "per"):
        return None
    lead = _group(match, "lead")
    if lead in ("the", "a", "an", "its", "his", "her", "their", "our") and not next_word:
        return None
    return dt.date(int(match.group("year")), 7, 1), PRECISION_MONTH


def _resolve_spelled_year(match: re.Match[str], ctx: _Context) -> Resolution | None:
    """"nineteen ninety-six"; "two thousand" only as "the year two thousand"."""
    text = match.group("span")
    words = text.lower().split()
    if words[0] == "two" and not match.group("lead"):
        return None
    year = spelled_year(" ".join(words[2:]) if match.group("lead") else text)
    return (dt.date(year, 7, 1), PRECISION_MONTH) if year else None


def _resolve_iso(match: re.Match[str], ctx: _Context) -> Resolution | None:
    date = safe_date(int(match.group("year")), int(match.group("month")), int(match.group("day")))
    return (date, PRECISION_DAY) if date is not None else None


def _resolve_slash(match: re.Match[str], ctx: _Context) -> Resolution | None:
    first, second = int(match.group("a")), int(match.group("b"))
    year = int(match.group("year"))
    if year < 100:
        year += 2000
    month, day = (second, first) if first > 12 else (first, second)
    date = safe_date(year, month, day)
    return (date, PRECISION_DAY) if date is not None else None


def _resolve_ordinal_day(match: re.Match[str], ctx: _Context) -> Resolution | None:
    if ctx.published is None:
        return None
    date = infer_day_month(int(match.group("day")), ctx.published, forward=ctx.forward(match))
    return (date, PRECISION_DAY) if date is not None else None


RULES: tuple[tuple[re.Pattern[str], Resolver], ...] = (
    (PAT_MONTH_DAY, _resolve_month_day),
    (PAT_DAY_MONTH, _resolve_month_day),
    (PAT_ISO, _resolve_iso),
    (PAT_SLASH, _resolve_slash),
    (PAT_DOTTED, _resolve_iso),
    (PAT_ORDINAL_DAY, _resolve_ordinal_day),
    (PAT_WEEKDAY, _resolve_weekday),
    (PAT_DEICTIC, _resolve_deictic),
    (PAT_AGO, _resolve_ago),
    (PAT_ANAPHORIC, _resolve_anaphoric),
    (PAT_WEEKEND, _resolve_weekend),
    (PAT_WEEK, _resolve_week),
    (PAT_REL_MONTH, _resolve_relative_month),
    (PAT_REL_YEAR, _resolve_relative_year),
    (PAT_YEAR_REF, _resolve_year_ref),
    (PAT_MONTH, _resolve_month),
    (PAT_YEAR, _resolve_year),
    (PAT_YEAR_LOOSE, _resolve_loose_year),
    (PAT_YEAR_BEFORE, _resolve_year),
    (PAT_SPELLED_YEAR, _resolve_spelled_year),
)


# --------------------------------------------------------------------------- scanning


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    date: dt.date
    precision: int


def _candidates(text: str) -> list[tuple[int, int, re.Match[str], Resolver]]:
    found = [
        (m.start("span"), m.end("span"), m, resolver)
        for pattern, resolver in RULES
        for m in pattern.finditer(text)
    ]
    found.sort(key=lambda c: (c[0], -c[1]))
    return found


def _scan(text: str, published: dt.date | None, start: _Context | None = None) -> list[_Found]:
    """Resolve non-overlapping expressions left to right; longer ones win at the same start.

    Each resolved date becomes the anchor of later anaphoric expressions ("the day before"
    counts from the last day-precise date, "that year" from the last date of any kind).
    """
    ctx = start or _Context(published=published, anchor=None)
    results: list[_Found] = []
    covered_to = 0
    for begin, end, match, resolver in _candidates(text):
        if begin < covered_to:
            continue
        resolved = resolver(match, ctx)
        if resolved is None:
            continue
        date, precision = resolved
        results.append(_Found(start=begin, end=end, date=date, precision=precision))
        covered_to = end
        ctx = _Context(published=published, prefix=ctx.prefix, last=date,
                       anchor=date if precision == PRECISION_DAY else ctx.anchor)
    return results


def _sentence_index(sentences: list[Sentence] | None, starts: list[int], offset: int) -> int:
    if not sentences:
        return -1
    pos = bisect.bisect_right(starts, offset) - 1
    if pos >= 0 and sentences[pos].start <= offset < sentences[pos].end:
        return sentences[pos].index
    return -1


def find_dates(
    text: str, published: dt.date | None, *, sentences: list[Sentence] | None = None
) -> list[DateRef]:
    """All date expressions in ``text``, resolved; ``text[ref.start:ref.end] == ref.text``.

    Without a publication date only absolute dates that state a year resolve.
    """
    ordered = sorted(sentences, key=lambda s: s.start) if sentences else None
    starts = [s.start for s in ordered] if ordered else []
    return [
        DateRef(
            start=f.start,
            end=f.end,
            text=text[f.start : f.end],
            date=f.date,
            time_precision=f.precision,
            sentence=_sentence_index(ordered, starts, f.start),
        )
        for f in _scan(text, published)
    ]


def _context_after(context: str, published: dt.date) -> _Context:
    """The anchors and preceding text that ``context`` leaves for an expression after it."""
    found = _scan(context, published)
    days = [f.date for f in found if f.precision == PRECISION_DAY]
    return _Context(published=published, anchor=days[-1] if days else None,
                    last=found[-1].date if found else None, prefix=context)


def resolve_expression(
    expr: str, published: dt.date, *, context_before: str = ""
) -> Resolution | None:
    """Resolve one date expression; (date, ACLED time_precision) or None if not a date.

    ``context_before`` is the text preceding the expression; anaphoric expressions such as
    "the day before" count from the last day-precise date in it, "that year" from the last
    date, and its last clause tells whether the expression looks ahead ("will meet on").
    """
    found = _scan(expr, published, _context_after(context_before, published))
    if found:
        return found[0].date, found[0].precision
    bare = PAT_BARE_MONTH.match(expr)
    if bare is None:
        return None
    month = _month_number(bare.group("month"))
    return month_date(infer_month_year(month, published), month), PRECISION_MONTH
