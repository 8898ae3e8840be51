"""Calendar arithmetic, context cues and year rules for :mod:`eventwire.nlp.dates`.

* calendar helpers: week middles, the weekday before/after a day, representative days of a
  month, the year of a day and month given without one;
* :func:`forward_looking`: whether the clause leading up to a date expression talks about
  the future ("will meet on", "is scheduled for", "as soon as", "plans to ... in");
* :class:`DateContext`: what a resolver sees -- publication date, anchors for anaphora
  and the text before the expression;
* years: explicit years in context ("in 2019", "the 1990 election", "between 1994 and
  1997", "fiscal 1989"), spelled years ("nineteen ninety-six"), and year references ("this
  year", "a year earlier", "that year"); a year resolves to July 1, precision 3.
  :data:`COUNTED_NOUNS` make a four-digit number a count, not a year ("the 2000 troops").
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from eventwire.nlp.quantities import NON_PEOPLE_NOUNS, PEOPLE_NOUNS, UNITS

PRECISION_DAY = 1
PRECISION_WEEK = 2
PRECISION_MONTH = 3

Resolution = tuple[dt.date, int]  # (date, ACLED time_precision)


YEAR = r"(?P<year>(?:19|20)\d\d)(?![\d%])"
PREP = r"(?i:in|since|until|till|by|during|through|throughout|from|of|before|after|to)"

# --------------------------------------------------------------------------- calendar


def week_middle(day: dt.date) -> dt.date:
    """The Wednesday of the Monday-Sunday week containing ``day`` (ACLED: middle of the week)."""
    return day - dt.timedelta(days=day.weekday()) + dt.timedelta(days=2)


def weekday_on_or_before(day: dt.date, weekday: int) -> dt.date:
    """The most recent date with ``weekday`` (0 = Monday) on or before ``day``."""
    return day - dt.timedelta(days=(day.weekday() - weekday) % 7)


def weekday_on_or_after(day: dt.date, weekday: int) -> dt.date:
    """The first date with ``weekday`` (0 = Monday) on or after ``day`` (0-6 days ahead)."""
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def weekday_before(day: dt.date, weekday: int) -> dt.date:
    """The most recent date with ``weekday`` strictly before ``day`` (1-7 days back)."""
    return day - dt.timedelta(days=(day.weekday() - weekday - 1) % 7 + 1)


def weekday_after(day: dt.date, weekday: int) -> dt.date:
    """The first date with ``weekday`` strictly after ``day`` (1-7 days ahead)."""
    return day + dt.timedelta(days=(weekday - day.weekday() - 1) % 7 + 1)


def month_date(year: int, month: int, position: str | None = None) -> dt.date:
    """The representative day of a month: 1st for early/start, last for late/end, else 15th."""
    pos = (position or "").lower()
    if "early" in pos or "beginning" in pos or "start" in pos:
        return dt.date(year, month, 1)
    if "late" in pos or "end" in pos:
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    return dt.date(year, month, 15)


def shift_months(day: dt.date, months: int) -> tuple[int, int]:
    """(year, month) ``months`` months after ``day``'s month (negative goes back)."""
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def infer_month_year(month: int, published: dt.date, *, forward: bool = False) -> int:
    """Year of the most recent ``month`` not after the publication month.

    ``forward`` (future context): the first ``month`` not before the publication month.
    """
    if forward:
        return published.year if month >= published.month else published.year + 1
    return published.year if month <= published.month else published.year - 1


def nearest_month_year(month: int, published: dt.date) -> int:
    """Year of the ``month`` nearest the publication month; a tie goes to the future.

    For end points ("until June", "by August"), which look back as often as ahead.
    """
    candidates = [published.year + k for k in (1, 0, -1)]
    return min(candidates, key=lambda y: abs((y - published.year) * 12 + month - published.month))


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _biased_distance(candidate: dt.date, published: dt.date, forward: bool) -> int:
    """Days from publication; the unexpected direction counts triple."""
    delta = (candidate - published).days
    if forward:
        return delta if delta >= 0 else -3 * delta
    return 3 * delta if delta > 0 else -delta


def _nearest(candidates: list[dt.date | None], published: dt.date, forward: bool) -> dt.date | None:
    real = [d for d in candidates if d is not None]
    if not real:
        return None
    return min(real, key=lambda d: _biased_distance(d, published, forward))


def infer_day_year(
    month: int, day: int, published: dt.date, *, forward: bool = False
) -> dt.date | None:
    """The date with this month and day nearest publication.

    News looks back, so future days count triple; in future context (``forward``) past
    days count triple instead.
    """
    return _nearest([safe_date(published.year + k, month, day) for k in (-1, 0, 1)],
                    published, forward)


def infer_day_month(day: int, published: dt.date, *, forward: bool = False) -> dt.date | None:
    """A day of month alone ("on the 19th"): the nearest such day, biased as infer_day_year."""
    months = [shift_months(published, k) for k in (-1, 0, 1)]
    return _nearest([safe_date(y, m, day) for y, m in months], published, forward)


# --------------------------------------------------------------------------- future context

# where the clause that governs a date starts: a sentence end, a semicolon or colon, a
# subordinating word, or a reporting verb (the date after "said" dates the saying)
_CLAUSE_BREAK = re.compile(
    r"(?:(?<![A-Z])(?<!\b[A-Z][a-z])[.!?][\"')]*\s+(?=[\"'`(A-Z])|[;:]\s|--"
    r"|\b(?i:that|which|who|whom|whose|after|when|since|because|while|although|though"
    r"|said|says|told|announced|reported|added|confirmed|stated|had|did|ended|ending)\b)"
)
_FUTURE_CUE = re.compile(
    r"\b(?i:(?:will|shall|would|might)(?!\s+(?:not\s+)?have\b)|won't|'ll"
    r"|(?:is|are|am)\s+(?:not\s+)?to|set\s+to|going\s+to|about\s+to|schedul\w*"
    r"|plans?\s+to|planned|planning|expect(?:s|ed|ing)?|intend\w*|aim(?:s|ed)?\s+to"
    r"|hop(?:e|es|ed|ing)\s+to"
    r"|due(?!\s+to\s+(?:the|a|an|its|his|her|their|bad|heavy|poor|lack)\b)"
    r"|(?:decided|agreed|promised|vowed|pledged|threatened|wants?|ready|prepared|agreement"
    r"|decision|offer)\s+to|upcoming|coming|forthcoming|next(?!\s+to\b)|as\s+(?:soon|early)\s+as"
    r"|deadline|to\s+be\s+(?:held|\w+ed)"
    r"|(?:postpone|delay|adjourn|defer|put\s+off)\w*(?:\s+\w+){0,4}\s+(?:until|till|to))\b"
)
_CUE_WINDOW_WORDS = 16


def forward_looking(before: str) -> bool:
    """Whether the clause ending at a date expression speaks of the future.

    ``before`` is the text up to the expression. Only the governing clause counts: the
    text after the last sentence end, semicolon, subordinating word ("that", "after",
    "when", ...) or reporting verb ("said"), and within it the last 16 words.
    A modal with a perfect ("would have", "may have") looks back, not ahead.
    """
    tail = before[-400:]
    breaks = list(_CLAUSE_BREAK.finditer(tail))
    clause = tail[breaks[-1].end():] if breaks else tail
    words = clause.split()[-_CUE_WINDOW_WORDS:]
    if _dated_past_verb(words):
        return False
    return _FUTURE_CUE.search(" ".join(words)) is not None


_PREPOSITIONS = frozenset({"on", "in", "at", "of", "for", "during"})
_INFINITIVE_BE = frozenset({"be", "been", "being"})


def _dated_past_verb(words: list[str]) -> bool:
    """'issues were dashed Friday', 'Cuba predicted Wednesday': the date belongs to a verb
    in the past tense right before it (not 'will be named', 'is scheduled')."""
    while words and words[-1].lower() in _PREPOSITIONS:
        words = words[:-1]
    if not words or not re.fullmatch(r"[a-z]+ed", words[-1]):
        return False
    if len(words) > 1 and words[-2].lower() in _INFINITIVE_BE:
        return False
    return _FUTURE_CUE.fullmatch(words[-1]) is None


# --------------------------------------------------------------------------- context objects


@dataclass(frozen=True, slots=True)
class DateContext:
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



Resolver = Callable[[re.Match[str], DateContext], Resolution | None]


def group(match: re.Match[str], name: str) -> str | None:
    value = match.groupdict().get(name)
    return value.lower() if value else None



def next_word(match: re.Match[str]) -> str:
    found = re.match(r"\s+([A-Za-z]+)", match.string[match.end("span") :])
    return found.group(1) if found else ""


# --------------------------------------------------------------------------- years

_TEENS = {w: n for w, n in UNITS.items() if 10 <= n <= 19}
_TENS = {w: n for w, n in UNITS.items() if n in (20, 30, 40, 50, 60, 70, 80, 90)}
_ONES = {w: n for w, n in UNITS.items() if 1 <= n <= 9}
SPELLED_YEAR = (
    r"(?i:(?:nineteen|twenty)[\s-]+(?:" + "|".join(_TEENS) + r"|hundred"
    r"|(?:" + "|".join(_TENS) + r")(?:[\s-](?:" + "|".join(_ONES) + r"))?)"
    r"|two\s+thousand(?:\s+(?:and\s+)?(?:" + "|".join({**_TEENS, **_ONES}) + r"))?)(?![\w-])"
)


def spelled_year(text: str) -> int | None:
    """'nineteen ninety-six' -> 1996, 'two thousand and one' -> 2001, else None."""
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w and w != "and"]
    if len(words) >= 2 and words[:2] == ["two", "thousand"]:
        return 2000 + sum(UNITS.get(w, 0) for w in words[2:])
    if len(words) < 2 or words[0] not in ("nineteen", "twenty"):
        return None
    century = UNITS[words[0]] * 100
    if words[1] == "hundred":
        return century
    return century + sum(UNITS.get(w, 0) for w in words[1:])


# nouns that make "the 2000 ..." a count; event nouns ("the 2011 protests") stay years
_EVENT_NOUNS = frozenset(
    """incidents attacks events protests demonstrations rallies strikes clashes meetings
    sessions talks hearings cases laws articles""".split()
)
COUNTED_NOUNS = frozenset(PEOPLE_NOUNS | (NON_PEOPLE_NOUNS - _EVENT_NOUNS))


PAT_REL_YEAR = re.compile(
    r"\b(?P<span>(?P<mod>(?i:this|last|next|past))\s+(?i:fiscal\s+)?(?i:year))\b"
)
PAT_YEAR_REF = re.compile(
    r"\b(?P<span>(?i:(?P<current>(?:the\s+)?(?:current|full|present)\s+"
    r"(?:fiscal\s+|calendar\s+)?year"
    r"|the\s+fiscal\s+year|the\s+year(?![\s-]+(?:\d|two|nineteen|twenty|before|after|earlier|later"
    r"|ago|when|in\s+which|of\s+the|-)|-))"
    r"|(?P<same>that\s+year|the\s+same\s+year)"
    r"|(?P<later>the\s+(?:following|next)\s+year|a\s+year\s+later|the\s+year\s+after)"
    r"|(?P<earlier>the\s+(?:previous|preceding|prior)\s+year|the\s+year\s+before)"
    r"|(?P<ago>(?:the\s+)?year[\s-]ago|a\s+year\s+(?:earlier|before)|year[\s-]earlier)))\b"
)

PAT_YEAR = re.compile(
    rf"\b{PREP}\s+(?P<span>(?:(?i:early|late|mid)[\s-]+)?{YEAR})\b(?![.,]\d)"
)
PAT_YEAR_LOOSE = re.compile(
    rf"(?:\b(?P<lead>(?i:for|between|into|both|fiscal|due|year|the|a|an|its|his|her|their|our))\s+"
    rf"|(?<=[a-z]'s )|\b(?i:post|pre)-|(?<=\d and )|(?<=\d or )|(?<=\d to ))"
    rf"(?P<span>{YEAR})\b(?![.,:/]\d|-\d)"
)
PAT_YEAR_BEFORE = re.compile(
    rf"(?<![\d$£€#.,])(?P<span>{YEAR})(?=['’]s\b|\s+(?:and|or|to)\s+(?:19|20)\d\d\b)"
)
PAT_SPELLED_YEAR = re.compile(rf"\b(?P<span>(?P<lead>(?i:the\s+year)\s+)?{SPELLED_YEAR})")


def _resolve_relative_year(match: re.Match[str], ctx: DateContext) -> Resolution | None:
    if ctx.published is None:
        return None
    year = ctx.published.year + _YEAR_SHIFT[group(match, "mod") or "this"]
    return dt.date(year, 7, 1), PRECISION_MONTH


_YEAR_SHIFT: dict[str, int] = {"this": 0, "past": -1, "last": -1, "next": 1}  # TimeML: past = last


def _resolve_year_ref(match: re.Match[str], ctx: DateContext) -> Resolution | None:
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



def _resolve_year(match: re.Match[str], ctx: DateContext) -> Resolution | None:
    return dt.date(int(match.group("year")), 7, 1), PRECISION_MONTH


def _resolve_loose_year(match: re.Match[str], ctx: DateContext) -> Resolution | None:
    """"the 1990 election", "between 1994 and 1997", "fiscal 1989" -- not "the 2000 troops"."""
    following = next_word(match).lower()
    if following in COUNTED_NOUNS or following in ("percent", "per"):
        return None
    lead = group(match, "lead")
    if lead in ("the", "a", "an", "its", "his", "her", "their", "our") and not following:
        return None
    return dt.date(int(match.group("year")), 7, 1), PRECISION_MONTH


def _resolve_spelled_year(match: re.Match[str], ctx: DateContext) -> Resolution | None:
    """"nineteen ninety-six"; "two thousand" only as "the year two thousand"."""
    text = match.group("span")
    words = text.lower().split()
    if words[0] == "two" and not match.group("lead"):
        return None
    year = spelled_year(" ".join(words[2:]) if match.group("lead") else text)
    return (dt.date(year, 7, 1), PRECISION_MONTH) if year else None


YEAR_RULES: tuple[tuple[re.Pattern[str], Resolver], ...] = (
    (PAT_REL_YEAR, _resolve_relative_year),
    (PAT_YEAR_REF, _resolve_year_ref),
    (PAT_YEAR, _resolve_year),
    (PAT_YEAR_LOOSE, _resolve_loose_year),
    (PAT_YEAR_BEFORE, _resolve_year),
    (PAT_SPELLED_YEAR, _resolve_spelled_year),
)
