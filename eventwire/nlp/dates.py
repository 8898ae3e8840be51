"""Find date expressions in article text and resolve them against the publication date.

Every resolved date carries an ACLED ``time_precision``: 1 a day, 2 a week or weekend,
3 a month (also used for a bare year, see below).

DATE_PATTERNS -- what is recognised. A leading preposition ("on", "in", "at", "over",
"until", ...) is never part of the span; modifiers ("last", "early", "night") are.

* weekday: ``[early|late] [this|last|next|past|previous|preceding|following] <weekday>
  [morning|afternoon|evening|night]``, case-insensitive ("on tuesday night", "last Friday");
* deictic: "today", "tonight", "yesterday", "tomorrow", "the day before yesterday",
  "this morning/afternoon/evening", "last night", "N days/weeks/months ago";
* anaphoric: "the day before", "the previous day", "a day earlier", "the next/following
  day/morning/evening", "the same day", "that day", "the previous Friday" -- relative to the
  last day-precise date found earlier in the text (``context_before`` for
  :func:`resolve_expression`), else to publication; "the following/previous month" relative
  to the last date of any precision;
* week: "last/this/next/past week"; weekend: "the weekend", "last/this/next weekend";
* month: "this/last/next month" and a month name after a preposition or a modifier
  ("in March", "since May", "early June", "last March"), before a year ("March 2022",
  "January nineteen ninety-seven", "June last year", "April next year"), or after "the"/"a"
  before a lowercase word ("the October slaying"; not March or May, which are also words);
  "early"/"start of"/"beginning of" give the 1st, "late"/"end of" the last day, else the 15th;
* absolute day: "January 19", "Jan. 19, 2022", "19 January", "19 January 2022", "May 9th",
  "the 9th of May", "Monday, January 17", "2022-01-19", "1/19/2022", "19.01.2022",
  "on the 19th";
* year (see :mod:`eventwire.nlp.date_rules`): "in 2019", "since 2019", "for/between/into
  2019", "fiscal 1989", "post-1959", "bonds due 1993", a year after a determiner or
  possessive before a word that is not a counted noun ("the 1990 election", "its 1988
  results", not "the 2000 troops"), before "'s" or "and/or/to <year>"; spelled years
  ("nineteen ninety-six", "the year two thousand"); "last/this/next/past year", "the
  (current|full|fiscal) year", "the year"; "a year earlier", "year-earlier", "year-ago" (the
  year before publication); "that year", "the same/following/previous year" (relative to
  the last date found earlier).

Conventions (news is written in the past tense):

* a bare weekday and "this <weekday>" mean the most recent such day on or before
  publication (the publication weekday means the publication day); "last <weekday>" the most
  recent one strictly before it; "next <weekday>" the first one strictly after it;
* future context: when the clause leading to a bare weekday, a month name or a day without
  a year speaks of the future ("will meet on", "is scheduled for", "plans to ... in", "as
  soon as"; :func:`~eventwire.nlp.date_rules.forward_looking`), the weekday is the first
  such day on or after publication, the month the first one not before the publication month,
  and a day without a year prefers the future; a possessive weekday ("Tuesday's ruling") and
  a date right after a past-tense verb ("Cuba predicted Wednesday") keep the past reading;
* a week is Monday-Sunday; its date is the middle day, Wednesday (:func:`week_middle`);
  "this/past week" is clipped so that it is never after publication;
* "the weekend"/"this weekend"/"at"/"over the weekend" is the most recent weekend whose
  Saturday is on or before publication, dated that Saturday, precision 2; "last weekend" is
  the most recent weekend that was over before the publication day; "next weekend" the first
  Saturday after publication;
* a month name without a year means the most recent such month not after publication;
  "this <month>" is the one in the publication year; after "until", "till", "by",
  "through" or "for" (end points) the nearest one, ahead or behind;
* "the past year" is the previous calendar year, as TimeML annotates it; "over the last
  week" is the current week, like "the past week";
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
from dataclasses import dataclass

from eventwire.nlp.date_rules import (
    PRECISION_DAY,
    PRECISION_MONTH,
    PRECISION_WEEK,
    PREP,
    SPELLED_YEAR,
    YEAR,
    YEAR_RULES,
    DateContext,
    Resolution,
    Resolver,
    forward_looking,
    group,
    infer_day_month,
    infer_day_year,
    infer_month_year,
    month_date,
    nearest_month_year,
    next_word,
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
_NEWSPAPERS = r"(?!\s+(?:Times|Telegraph|Mail|Express|Herald|Post|Mirror|Tribune|Star|World))"
# A weekday naming a place: "Monday Avenue", "the Sunday Market"
_STREETS = r"(?!\s+(?:Avenue|Street|Road|Square|Boulevard|Market|Bazaar|Bridge|Park|Mosque))"

PAT_WEEKDAY = re.compile(
    rf"\b(?P<span>(?:(?P<pos>(?i:early|late))\s+)?"
    rf"(?:(?P<mod>(?i:this|last|next|past|previous|preceding|following))\s+)?"
    rf"(?P<wd>{_WD})(?:\s+(?i:morning|afternoon|evening|night))?)\b{_NEWSPAPERS}{_STREETS}"
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
PAT_MONTH_DAY = re.compile(
    rf"\b(?P<span>{_WD_PREFIX}(?P<month>{_MONTH_NAME})\s*(?:the\s+)?{_DAY}"
    rf"(?:,?\s+{YEAR})?)(?!\s*(?:%|percent|per\s+cent))"
)
PAT_DAY_MONTH = re.compile(
    rf"(?P<span>\b{_WD_PREFIX}(?:the\s+)?{_DAY}\s+(?:of\s+)?(?P<month>{_MONTH_NAME})"
    rf"(?:,?\s+{YEAR})?)"
)
PAT_MONTH = re.compile(
    rf"(?:\b(?:(?P<prep>{PREP}|(?i:for))|(?P<det>(?i:the|a|an)))\s+)?"
    rf"(?P<span>\b(?:(?P<pos>(?i:early|late|mid|(?:the\s+)?"
    rf"(?:end|beginning|start|middle)\s+of))[\s-]+)?(?:(?P<mod>(?i:last|this|next|past))\s+)?"
    rf"(?P<month>{_FULL_MONTH_NAME})\b(?:,?\s+{YEAR}|\s+(?P<syear>{SPELLED_YEAR})"
    rf"|\s+(?:of\s+)?(?P<ymod>(?i:this|last|next))\s+(?i:year)\b)?)"
)
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


def _month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


# --------------------------------------------------------------------------- resolvers


def _resolve_weekday(match: re.Match[str], ctx: DateContext) -> Resolution | None:
    if ctx.published is None:
        return None
    weekday = WEEKDAYS[match.group("wd").lower()]
    mod = group(match, "mod")
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


def _resolve_deictic(match: re.Match[str], ctx: DateContext) -> Resolution | None:
    if ctx.published is None:
        return None
    offset = _DEICTIC_OFFSETS[_normalise(match.group("span"))]
    return ctx.published + dt.timedelta(days=offset), PRECISION_DAY


def _resolve_ago(match: re.Match[str], ctx: DateContext) -> Resolution | None:
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


def _resolve_anaphoric(match: re.Match[str], ctx: DateContext) -> Resolution | None:
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


def _resolve_weekend(match: re.Match[str], ctx: DateContext) -> Resolution | None:
    if ctx.published is None:
        return None
    mod = group(match, "mod")
    saturday = 5
    if mod == "next":
        day = weekday_after(ctx.published, saturday)
    elif mod == "last":
        # the most recent weekend that was over (its Sunday passed) before publication
        day = weekday_before(ctx.published, 6) - dt.timedelta(days=1)
    else:
        day = weekday_on_or_before(ctx.published, saturday)
    return day, PRECISION_WEEK


def _resolve_week(match: re.Match[str], ctx: DateContext) -> Resolution | None:
    if ctx.published is None:
        return None
    mod = group(match, "mod")
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


def _resolve_relative_month(match: re.Match[str], ctx: DateContext) -> Resolution | None:
    if ctx.published is None:
        return None
    mod = (group(match, "mod") or "this").split()[-1]
    base = (ctx.last or ctx.published) if mod in _MONTH_ANAPHORA else ctx.published
    year, month = shift_months(base, _MONTH_SHIFT[mod])
    return month_date(year, month, match.group("pos")), PRECISION_MONTH


def _resolve_month_day(match: re.Match[str], ctx: DateContext) -> Resolution | None:
    month = _month_number(match.group("month"))
    day = int(match.group("day"))
    if match.group("year"):
        date = safe_date(int(match.group("year")), month, day)
    elif ctx.published is not None:
        date = infer_day_year(month, day, ctx.published, forward=ctx.forward(match))
    else:
        date = None
    return (date, PRECISION_DAY) if date is not None else None


def _resolve_month(match: re.Match[str], ctx: DateContext) -> Resolution | None:
    month = _month_number(match.group("month"))
    if not _month_is_date(match, month):
        return None
    year = _month_year(match, ctx, month)
    return (month_date(year, month, match.group("pos")), PRECISION_MONTH) if year else None


_NAME_MONTHS = (3, 5)  # March and May are also a verb/noun and a name
_END_POINT_PREPS = ("until", "till", "by", "through", "for")


def _month_is_date(match: re.Match[str], month: int) -> bool:
    """"in March", "the October slaying" are dates; "Theresa May", "for May" are not."""
    prep, det = group(match, "prep"), match.group("det")
    if match.group("pos") or match.group("mod") or match.group("year") or match.group("syear"):
        return True
    if match.group("ymod"):
        return True
    if det:  # "the October slaying", "a June agreement"
        return month not in _NAME_MONTHS and next_word(match).islower()
    return prep is not None and not (prep == "for" and month in _NAME_MONTHS)


def _month_year(match: re.Match[str], ctx: DateContext, month: int) -> int | None:
    """The year of a month name: stated, shifted ("June last year"), or inferred."""
    mod, prep = group(match, "mod"), group(match, "prep")
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


def _resolve_iso(match: re.Match[str], ctx: DateContext) -> Resolution | None:
    date = safe_date(int(match.group("year")), int(match.group("month")), int(match.group("day")))
    return (date, PRECISION_DAY) if date is not None else None


def _resolve_slash(match: re.Match[str], ctx: DateContext) -> Resolution | None:
    first, second = int(match.group("a")), int(match.group("b"))
    year = int(match.group("year"))
    if year < 100:
        year += 2000
    month, day = (second, first) if first > 12 else (first, second)
    date = safe_date(year, month, day)
    return (date, PRECISION_DAY) if date is not None else None


def _resolve_ordinal_day(match: re.Match[str], ctx: DateContext) -> Resolution | None:
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
    (PAT_MONTH, _resolve_month),
    *YEAR_RULES,
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


def _scan(text: str, published: dt.date | None, start: DateContext | None = None) -> list[_Found]:
    """Resolve non-overlapping expressions left to right; longer ones win at the same start.

    Each resolved date becomes the anchor of later anaphoric expressions ("the day before"
    counts from the last day-precise date, "that year" from the last date of any kind).
    """
    ctx = start or DateContext(published=published, anchor=None)
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
        ctx = DateContext(published=published, prefix=ctx.prefix, last=date,
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


def _context_after(context: str, published: dt.date) -> DateContext:
    """The anchors and preceding text that ``context`` leaves for an expression after it."""
    found = _scan(context, published)
    days = [f.date for f in found if f.precision == PRECISION_DAY]
    return DateContext(published=published, anchor=days[-1] if days else None,
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
    forward = forward_looking(context_before)
    return month_date(infer_month_year(month, published, forward=forward), month), PRECISION_MONTH
