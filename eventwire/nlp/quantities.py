"""Counts of people in article text: dead, injured, arrested, and crowd size.

A number phrase is an optional qualifier ("at least", "about", "more than", "up to",
"some", "an estimated", ...) and a number: digits ("317", "5,000", "1.5 million"), words
("eight", "twenty-three", "two hundred", "two dozen"), a vague amount, a range ("10 to 15",
"10-15", "between 10 and 15", "two or three": the low end is kept, ACLED's most conservative
reading), or "no"/"no one"/"nobody"/"none" (value 0: ACLED codes 0 for "no casualties").
The span of a :class:`Quantity` is that whole phrase ("At least eight").

Vague amounts (ACLED codes "tens" as 10, "dozens" as 12, "hundreds" as 100 and so on; we
extend that rule): tens 10, dozens 12, scores 20, hundreds 100, thousands 1000, tens of
thousands 10,000, hundreds of thousands 100,000, millions 1,000,000, several 3, a handful 3,
a few 2, a couple 2. "Many" and "numerous" give no number.

The kind comes from the predicate the number attaches to, in this order, inside the
sentence (clauses end at ``; : ! ?``):

1. a governing word right before the number: "killing three", "wounding at least 20",
   "police arrested 45", "the death toll rose to 12", "a crowd of 5,000", "attended by 300";
2. otherwise the first predicate after the number, before the next number phrase: "six
   soldiers and police were killed", "40 members ... were injured and two were killed"
   (each number gets its own predicate), "two people died", "12 dead", "45 arrests". An
   active verb with an object ("200 protesters killed a policeman") is skipped;
3. otherwise a crowd noun right after the number ("thousands of protesters") means size.

Not counted: years ("in 2019"), money ("$0.11", "120 tenges"), percentages, times
("10 am"), ages ("a 25-year-old", "aged 25"), day numbers of dates, "one of the ...est",
and numbers of things (buildings, vehicles, days, protests ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventwire.records import Quantity, QuantityKind, Sentence

VAGUE_NUMBERS: dict[str, int] = {
    "tens of thousands": 10_000,
    "hundreds of thousands": 100_000,
    "tens": 10,
    "dozens": 12,
    "scores": 20,
    "hundreds": 100,
    "thousands": 1000,
    "millions": 1_000_000,
    "several": 3,
    "a handful": 3,
    "a few": 2,
    "a couple": 2,
}
UNITS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
MULTIPLIERS: dict[str, int] = {"hundred": 100, "thousand": 1000, "million": 1_000_000}

PEOPLE_NOUNS = frozenset(
    """people persons person individuals protesters protestors demonstrators marchers rioters
    activists civilians residents citizens nationals students workers miners farmers children
    kids women men adults teenagers youths police policemen policewomen officers officials
    soldiers troops servicemen personnel militants fighters rebels insurgents gunmen attackers
    members supporters journalists reporters passengers worshippers pilgrims villagers migrants
    refugees prisoners inmates detainees victims casualties guards employees staff leaders
    suspects terrorists forces guardsmen participants fans drivers strikers military army
    others bystanders shoppers pedestrians boys girls man woman child boy girl officer soldier
    policeman protester demonstrator civilian student journalist others""".split()
)
CROWD_NOUNS = frozenset(
    """protesters protestors demonstrators marchers rioters strikers participants picketers
    rallygoers""".split()
)
NON_PEOPLE_NOUNS = frozenset(
    """days day hours hour weeks week months month years year minutes minute seconds times
    km kilometres kilometers miles metres meters buildings houses homes vehicles cars trucks
    buses shops stores businesses offices cities towns villages regions provinces districts
    countries states streets roads points percent per tonnes tons rounds shots bullets rockets
    missiles shells grenades weapons guns rifles dollars euros pounds tenge tenges rubles
    roubles yuan rupees cents votes seats articles laws pages items incidents attacks events
    protests demonstrations rallies strikes clashes locations sites places facilities stations
    airports banks schools hospitals hectares flights companies organisations organizations
    parties meetings sessions talks hearings units tanks aircraft planes helicopters drones cases kg am pm gmt utc""".split()
)
AUXILIARIES = frozenset(
    """were was are is been be being have has had reportedly also later all of them whom who
    the those these that which both allegedly subsequently since then later""".split()
)

_UNIT_WORDS = "|".join(sorted(UNITS, key=len, reverse=True))
_TENS_WORDS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_SMALL = rf"(?:(?:{_TENS_WORDS})(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine)\b)?|(?:{_UNIT_WORDS}))"
_WORDNUM = (
    rf"(?:(?:{_SMALL}|an?)(?:\s+(?:hundred|thousand|million)(?:\s+(?:and\s+)?{_SMALL})?)+|{_SMALL})"
)
_VAGUE = "|".join(v.replace(" ", r"\s+") for v in sorted(VAGUE_NUMBERS, key=len, reverse=True))
_DIGITS = r"(?:\d+(?:\.\d+)?\s+(?:million|thousand)|\d{1,3}(?:,\d{3})+|\d+)"
_DOZEN = r"(?:(?:a|one|two|three|four|five|six|half\s+a)\s+dozen)"
_NUM = rf"(?:{_DIGITS}|{_DOZEN}|{_VAGUE}|{_WORDNUM})"
_QUAL = (
    r"(?:at\s+least|at\s+most|more\s+than|over|about|around|approximately|nearly|almost|some"
    r"|up\s+to|as\s+many\s+as|roughly|an\s+estimated|estimated|close\s+to|fewer\s+than"
    r"|less\s+than|a\s+total\s+of|another|a\s+further|only|just)"
)

NUMBER_PHRASE = re.compile(
    rf"(?<![\w.,/:$€£¥₽#-])(?<!no\s)(?<!any\s)(?<!every\s)"
    rf"(?P<span>(?:(?P<qual>{_QUAL})\s+)?(?:between\s+{_NUM}\s+and\s+{_NUM}"
    rf"|{_NUM}(?:\s*(?:-|–|to|or)\s*{_NUM})?))(?![\w%]|[.,/:]\d)",
    re.IGNORECASE,
)
SINGLE_NUMBER = re.compile(rf"(?<![\w.,])(?:{_NUM})(?![\w])", re.IGNORECASE)
ZERO_PHRASE = re.compile(
    r"\b(?P<span>no(?:\s+|-)one|nobody|none|no)\b(?P<rest>[^.;:!?]{0,60})", re.IGNORECASE
)

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
EXCLUDE_BEFORE = re.compile(
    rf"(?:[$€£¥₽₹₦]\s*|\b(?:usd|eur|gbp|inr|ngn|pkr|us\$|rs\.?|kzt|aged|age\s+of|no\.|number"
    rf"|article|section"
    rf"|chapter|page|route|highway|flight|room|platform|level|category|grade|phase|stage"
    rf"|round|division|resolution)\s+|\b{_MONTHS}\.?\s+(?:the\s+)?)$",
    re.IGNORECASE,
)
EXCLUDE_AFTER = re.compile(
    rf"^(?:\s*(?:%|percent\b|per\s*cent\b|[ap]\.?m\b|o'clock|hrs\b|gmt\b|utc\b)"
    rf"|-?\s*(?:year|month|week|day)s?[-\s]old|-year\b|\s+(?:of\s+)?{_MONTHS}\b"
    rf"|\s+(?:dollars|euros|pounds|rupees|naira|shillings|francs|pesos|dinars|rubles|roubles"
    rf"|yuan|tenge|birr|rand|cedis)\b)",
    re.IGNORECASE,
)
AGE_NAME_BEFORE = re.compile(r"\b[A-Z][\w.'-]+,\s*$")
YEAR_BEFORE = re.compile(
    r"\b(?:in|since|of|from|until|till|by|during|before|after|through|to|year|early|late|mid)[\s-]+$",
    re.IGNORECASE,
)
YEAR_SAFE_NEXT = frozenset("were was have had died dead killed injured wounded arrested detained".split())
STRONG_AFTER = re.compile(r"^-strong\b", re.IGNORECASE)

_DEAD_BACK = (
    r"(?:kill(?:ed|ing|s)?|murder(?:ed|ing)|massacr(?:ed|ing)|slaughter(?:ed|ing)|execut(?:ed|ing)"
    r"|shot\s+dead|gunned\s+down|claim(?:ed|ing)\s+the\s+lives\s+of|(?:the\s+)?deaths\s+of"
    r"|lives\s+of|bodies\s+of"
    r"|toll(?:\s+[\w,]+){0,4}?\s+(?:to|at|of|is|was|reached|hit|stands|stood)|toll\s*:?)"
)
_INJURED_BACK = r"(?:injur(?:ed|ing|es|e)|wound(?:ed|ing|s)?|hurt(?:ing|s)?|hospitali[sz](?:ed|ing)|injuries\s+to)"
_ARRESTED_BACK = (
    r"(?:arrest(?:ed|ing|s)?|detain(?:ed|ing|s)?|round(?:ed|ing)?\s+up|apprehend(?:ed|ing)?"
    r"|jail(?:ed|ing)|imprison(?:ed|ing)|arrests\s+of|detention\s+of)"
)
_SIZE_BACK = (
    r"(?:(?:crowds?|rall(?:y|ies)|protests?|march(?:es)?|demonstrations?|gatherings?|procession"
    r"|group|throng)\s+of|(?:attended|joined)\s+by|drew|drawing|attract(?:ed|ing)"
    r"|brought\s+together|mobili[sz](?:ed|ing)|estimated\s+at|number(?:ed|ing))"
)
BACKWARD_CUES: tuple[tuple[QuantityKind, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(rf"\b{pattern}\s*$", re.IGNORECASE))
    for kind, pattern in (
        ("dead", _DEAD_BACK),
        ("injured", _INJURED_BACK),
        ("arrested", _ARRESTED_BACK),
        ("size", _SIZE_BACK),
    )
)
FORWARD_CUE = re.compile(
    r"\b(?:(?P<dead>killed|dead|died|die|deaths?|fatalit(?:y|ies)|perished|lost\s+(?:their|his|her)"
    r"\s+li(?:ves|fe)|bodies|murdered|massacred|executed|slain)"
    r"|(?P<injured>injured|injuries|wounded|hurt|hospitali[sz]ed|(?:taken|rushed)\s+to\s+hospital"
    r"|sustained\s+injuries"
    r"|(?:sought|received|needed|required)\s+medical\s+(?:help|attention|treatment|care))"
    r"|(?P<arrested>arrested|arrests|detained|detentions|(?:were|was|are|is|being|been)\s+held"
    r"|(?:into|in)\s+custody|rounded\s+up|apprehended|jailed|imprisoned)"
    r"|(?P<size>gathered|rallied|marched|protested|demonstrated|assembled|took\s+to\s+the\s+streets"
    r"|took\s+part|participated|turned\s+out|attended|joined|converged|dispersed|stormed"
    r"|blocked|chanted|picketed|held\s+an?\s+(?:rally|protest|demonstration|march|vigil|sit-in)"
    r"|staged|went\s+on\s+strike|walked\s+out))\b",
    re.IGNORECASE,
)
TRANSITIVE_CUES = frozenset(
    "killed injured wounded hurt arrested detained murdered executed jailed imprisoned".split()
)
OBJECT_START = re.compile(
    rf"^\s+(?:a|an|the|his|her|their|its|several|dozens|hundreds|thousands|\d|{_UNIT_WORDS}\b)",
    re.IGNORECASE,
)
PASSIVE_BEFORE = re.compile(r"\b(?:were|was|are|is|been|being|be|get|got)\s+(?:\w+\s+)?$", re.I)
CLAUSE_END = re.compile(r"[;:!?]|\.(?:\s|$)|\n")
COORDINATION_END = re.compile(
    r"(?:\band|\bor|\bplus|as\s+well\s+as|along\s+with|including|among\s+(?:them|whom)"
    r"|of\s+(?:them|whom))\s*$",
    re.IGNORECASE,
)
SUBSET_PHRASE = re.compile(r"\b(?:many|some|most|several|few|none|all)\s+of\s+(?:whom|them)\b", re.I)
PARTITIVE_AFTER = re.compile(r"^\s+of\s+(?:the|them|those|these|whom|his|her|their)\b", re.I)
SUPERLATIVE_AFTER = re.compile(r"^\s+of\s+the\s+(?:most\s+|\w+est\b)", re.I)
SENTENCE_SPLIT = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[\"'(\[]?[A-Z0-9])|\n\s*\n")
WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
ZERO_NOUNS: dict[str, QuantityKind] = {
    "casualties": "dead",
    "deaths": "dead",
    "fatalities": "dead",
    "dead": "dead",
    "injuries": "injured",
    "injured": "injured",
    "arrests": "arrested",
    "detentions": "arrested",
}
_MAX_WINDOW = 160
_MAX_NP_WORDS = 12
_MAX_COORDINATED_WORDS = 4
FINITE_VERBS = frozenset("were was are is have has had been said says".split())


@dataclass(frozen=True, slots=True)
class _Phrase:
    start: int
    end: int
    value: int


@dataclass(frozen=True, slots=True)
class _Clause:
    """A sentence's bounds and index (-1 when the caller gave no sentences)."""

    start: int
    end: int
    index: int


# --------------------------------------------------------------------------- values


def _word_number(text: str) -> int | None:
    total, current, seen = 0, 0, False
    for token in re.split(r"[\s-]+", text.lower()):
        if token in ("a", "an"):
            current += 1
        elif token in UNITS:
            current += UNITS[token]
            seen = True
        elif token == "hundred":
            current = max(current, 1) * 100
        elif token in MULTIPLIERS:
            total += max(current, 1) * MULTIPLIERS[token]
            current = 0
        elif token != "and":
            return None
    return total + current if seen or total or current > 1 else None


def parse_number(text: str) -> int | None:
    """Value of one number (no qualifier, no range): "5,000", "1.5 million", "two dozen"."""
    norm = " ".join(text.lower().split())
    if norm in VAGUE_NUMBERS:
        return VAGUE_NUMBERS[norm]
    digits = re.fullmatch(r"(\d+(?:\.\d+)?)\s+(million|thousand)", norm)
    if digits:
        return int(float(digits.group(1)) * MULTIPLIERS[digits.group(2)])
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", norm):
        return int(norm.replace(",", ""))
    dozen = re.fullmatch(r"(.+)\s+dozen", norm)
    if dozen:
        head = dozen.group(1)
        count = {"half a": 0.5, "a": 1, "an": 1}.get(head) or _word_number(head)
        return int(count * 12) if count else None
    return _word_number(norm)


def phrase_value(text: str) -> int | None:
    """Lowest number in a phrase ("at least 10 to 15" -> 10); None if there is none."""
    values = [parse_number(m.group(0)) for m in SINGLE_NUMBER.finditer(text)]
    known = [v for v in values if v is not None]
    return min(known) if known else None


# --------------------------------------------------------------------------- phrases


def _clauses(text: str, sentences: list[Sentence] | None) -> list[_Clause]:
    if sentences:
        return [_Clause(start=s.start, end=s.end, index=s.index) for s in sentences]
    clauses, start = [], 0
    for match in SENTENCE_SPLIT.finditer(text):
        clauses.append(_Clause(start=start, end=match.start(), index=-1))
        start = match.end()
    clauses.append(_Clause(start=start, end=len(text), index=-1))
    return clauses


def _split_from_range(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """"from 5 to 12" is a change, not a range: keep the two numbers apart."""
    if not re.search(r"\bfrom\s+$", text[max(0, start - 6) : start], re.I):
        return [(start, end)]
    return [(start + m.start(), start + m.end()) for m in SINGLE_NUMBER.finditer(text[start:end])]


def _phrases(text: str, clause: _Clause) -> list[_Phrase]:
    body = text[: clause.end]
    phrases = []
    for match in NUMBER_PHRASE.finditer(body, clause.start):
        for start, end in _split_from_range(text, match.start("span"), match.end("span")):
            value = phrase_value(text[start:end])
            if value is not None:
                phrases.append(_Phrase(start=start, end=end, value=value))
    return phrases


def _is_year_like(phrase_text: str) -> bool:
    return re.fullmatch(r"(?:19|20)\d\d", phrase_text) is not None


def _words(text: str, limit: int) -> list[str]:
    return [w.lower() for w in WORD.findall(text)][:limit]


def _appositive_age(text: str, phrase: _Phrase) -> bool:
    """'Keith Johnson, 41, was arrested': a bare number set off by commas after a name."""
    return (AGE_NAME_BEFORE.search(text[max(0, phrase.start - 40) : phrase.start]) is not None
            and text[phrase.end : phrase.end + 2].lstrip().startswith(","))


def _excluded(text: str, phrase: _Phrase, clause: _Clause) -> bool:
    before = text[clause.start : phrase.start]
    after = text[phrase.end : clause.end]
    if EXCLUDE_BEFORE.search(before) or EXCLUDE_AFTER.search(after):
        return True
    if _appositive_age(text, phrase):
        return True
    first = _words(after, 1)
    if first and first[0] in NON_PEOPLE_NOUNS:
        return True
    if _is_year_like(text[phrase.start : phrase.end]):
        return YEAR_BEFORE.search(before) is not None or not (
            first and (first[0] in PEOPLE_NOUNS or first[0] in YEAR_SAFE_NEXT)
        )
    span = text[phrase.start : phrase.end].lower()
    return span == "one" and SUPERLATIVE_AFTER.search(after) is not None


# --------------------------------------------------------------------------- kinds


def _backward_kind(text: str, phrase: _Phrase, clause: _Clause) -> QuantityKind | None:
    before = text[max(clause.start, phrase.start - 60) : phrase.start]
    for kind, pattern in BACKWARD_CUES:
        if pattern.search(before):
            return kind
    return None


def _forward_region(text: str, phrase: _Phrase, clause: _Clause, nxt: list[_Phrase]) -> str:
    """Text after the number up to the clause end or the next number that is not coordinated."""
    limit = min(clause.end, phrase.end + _MAX_WINDOW)
    end_match = CLAUSE_END.search(text, phrase.end, limit)
    limit = end_match.start() if end_match else limit
    for other in nxt:
        if other.start >= limit:
            break
        if not _coordinated(text[phrase.end : other.start]):
            limit = other.start
            break
    region = text[phrase.end : limit]
    subset = SUBSET_PHRASE.search(region)
    return region[: subset.start()] if subset else region


def _coordinated(between: str) -> bool:
    """"eight police and 3 soldiers": the next number joins this one's noun phrase."""
    words = _words(between, _MAX_COORDINATED_WORDS + 1)
    return (
        COORDINATION_END.search(between) is not None
        and FORWARD_CUE.search(between) is None
        and len(words) <= _MAX_COORDINATED_WORDS
        and not any(w in FINITE_VERBS for w in words)
    )


def _is_active(region: str, cue: re.Match[str]) -> bool:
    word = cue.group(0).lower()
    if word not in TRANSITIVE_CUES:
        return False
    if PASSIVE_BEFORE.search(region[: cue.start()]):
        return False
    return OBJECT_START.match(region[cue.end() :]) is not None


def _noun_phrase_ok(words: list[str]) -> bool:
    return len(words) <= _MAX_NP_WORDS and not any(w in NON_PEOPLE_NOUNS for w in words)


def _forward_kind(region: str) -> QuantityKind | None:
    for cue in FORWARD_CUE.finditer(region):
        if not _noun_phrase_ok(_words(region[: cue.start()], _MAX_NP_WORDS + 1)):
            return None
        if _is_active(region, cue):
            continue
        kind = cue.lastgroup
        if kind in ("dead", "injured", "arrested", "size"):
            return kind  # type: ignore[return-value]
    return None


def _crowd_kind(text: str, phrase: _Phrase, clause: _Clause) -> QuantityKind | None:
    after = text[phrase.end : clause.end]
    if STRONG_AFTER.search(after):
        return "size"
    if PARTITIVE_AFTER.search(after):
        return None
    words = [w for w in _words(after, 4) if w != "of"][:3]
    return "size" if any(w in CROWD_NOUNS for w in words) else None


def _kind(text: str, phrase: _Phrase, clause: _Clause, nxt: list[_Phrase]) -> QuantityKind | None:
    return (
        _backward_kind(text, phrase, clause)
        or _forward_kind(_forward_region(text, phrase, clause, nxt))
        or _crowd_kind(text, phrase, clause)
    )


# --------------------------------------------------------------------------- zero counts


def _zero_kind(match: re.Match[str]) -> QuantityKind | None:
    word = match.group("span").lower()
    rest = match.group("rest")
    if word == "no":
        noun = re.match(r"\s+(?:(?:reports?|sign|word)\s+of\s+)?(?:\w+\s+)?(\w+)", rest)
        direct = re.match(r"\s+(?:(?:reports?|sign|word)\s+of\s+)?(\w+)", rest)
        for m in (direct, noun):
            if m and m.group(1).lower() in ZERO_NOUNS:
                return ZERO_NOUNS[m.group(1).lower()]
        return None
    if not re.match(r"\s+(?:\w+\s+){0,3}?(?:was|were|has\s+been|had\s+been|is|died)\b", rest, re.I):
        return None
    cue = FORWARD_CUE.search(rest)
    return cue.lastgroup if cue and cue.lastgroup != "size" else None  # type: ignore[return-value]


def _zero_quantities(text: str, clause: _Clause) -> list[Quantity]:
    found = []
    for match in ZERO_PHRASE.finditer(text[: clause.end], clause.start):
        kind = _zero_kind(match)
        if kind is not None:
            found.append(
                Quantity(
                    start=match.start("span"),
                    end=match.end("span"),
                    text=match.group("span"),
                    kind=kind,
                    value=0,
                    sentence=clause.index,
                )
            )
    return found


# --------------------------------------------------------------------------- entry point


def _clause_quantities(text: str, clause: _Clause) -> list[Quantity]:
    phrases = _phrases(text, clause)
    found = []
    for i, phrase in enumerate(phrases):
        if _excluded(text, phrase, clause):
            continue
        kind = _kind(text, phrase, clause, phrases[i + 1 :])
        if kind is not None:
            found.append(
                Quantity(
                    start=phrase.start,
                    end=phrase.end,
                    text=text[phrase.start : phrase.end],
                    kind=kind,
                    value=phrase.value,
                    sentence=clause.index,
                )
            )
    return found + _zero_quantities(text, clause)


def find_quantities(text: str, *, sentences: list[Sentence] | None = None) -> list[Quantity]:
    """Counts of dead, injured, arrested people and crowd sizes, in text order.

    ``text[q.start:q.end] == q.text`` for every result; ``sentence`` is the index of the
    containing sentence when ``sentences`` is given, else -1.
    """
    found = [q for clause in _clauses(text, sentences) for q in _clause_quantities(text, clause)]
    return sorted(found, key=lambda q: (q.start, q.end))
