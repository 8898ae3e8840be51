"""Restore capitals to a lower-cased document before it is parsed.

Some feeds and archives deliver news in lower case ("ayodhya: paramilitary forces on
thursday staged a flag march in ayodhya"). The small English model finds no names there,
so such a document would get no places and no named actors. ``truecase`` gives the
parser a copy with the capitals news would have used, of the same length, so every
character offset still points into the original text (evidence is quoted from it):

- the first letter of each sentence and line, and "i";
- words news writes in one cased form ("thursday", "bjp" -> "BJP"; nlp/casing.py);
- runs of up to three words that name a place or a nationality (``is_name``, the
  gazetteer), unless the last word is one news writes in lower case ("police", "bank")
  or has the ending of a common word ("reading", "mobbed"). A run that ends in an English
  dictionary word (``dictionary``: "stone", "harmony", "nice", but also "richmond") must
  name a country or a place of the word's population floor (``is_name(phrase, floor)``):
  villages called Stone or Harmony do not make the words names.

Only documents that are lower case as a whole are changed (``lower_cased``): in a normal
document the writer's capitals are better evidence than any table.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from eventwire.nlp.casing import cased_form, is_common

MIN_WORDS = 20
MAX_CAPITALISED = 0.1  # share of words with a capital letter in a lower-cased document
MAX_NAME_WORDS = 3
_WORD = re.compile(r"(?<![A-Za-z])[a-z]+(?![A-Za-z])")  # "high-level": two words
_ANY_WORD = re.compile(r"[A-Za-z]{2,}")
_ANY_START = re.compile(r"(?:^|[.!?]['\"”’)]*\s+|\n\s*)([A-Za-z])")
_WORD_ENDING = re.compile(r"(?:ing|ed|tion|ly|ness|ment|ity)$")  # "reading", "tempted"
_SENTENCE_START = re.compile(r"(?:^|[.!?]['\"”’)]*\s+|\n\s*|(?<!\S)[\"“])([a-z])")


def lower_cased(text: str) -> bool:
    """True for a document of at least 20 words written in lower case: at most 10 % of
    its words have a capital, and most of its sentences start with a small letter (a
    cased sentence without names has a capital at its start only)."""
    words = _ANY_WORD.findall(text)
    if len(words) < MIN_WORDS:
        return False
    capitalised = sum(1 for w in words if not w.islower())
    if capitalised > MAX_CAPITALISED * len(words):
        return False
    starts = [m.group(1) for m in _ANY_START.finditer(text)]
    return 2 * sum(1 for c in starts if c.islower()) > len(starts)


def truecase(text: str, is_name: Callable[[str, int], bool],
             dictionary: Mapping[str, int] | None = None) -> str:
    """``text`` with capitals restored; the same length and offsets. ``is_name(phrase,
    floor)`` says whether a lower-case phrase names a nationality, a country, or a place
    of at least ``floor`` people; ``dictionary`` maps lower-case English words to their
    floor (other words have none)."""
    dictionary = dictionary or {}
    chars = list(text)
    words = list(_WORD.finditer(text))
    i = 0
    while i < len(words):
        span = _name_at(text, words, i, lambda phrase: is_name(
            phrase, _floor(re.split(r"[ -]", phrase)[-1], dictionary)))
        if span:
            for m in words[i:i + span]:
                chars[m.start()] = chars[m.start()].upper()
            i += span
            continue
        m = words[i]
        form = cased_form(m.group())
        if form is not None and len(form) == m.end() - m.start():
            chars[m.start():m.end()] = form
        elif m.group() == "i":
            chars[m.start()] = "I"
        i += 1
    for m in _SENTENCE_START.finditer(text):
        chars[m.start(1)] = chars[m.start(1)].upper()
    return "".join(chars)


def _floor(word: str, dictionary: Mapping[str, int]) -> int:
    if word in dictionary:
        return dictionary[word]
    return dictionary.get(word[:-1], 0) if word.endswith("s") else 0


def _name_at(text: str, words: list[re.Match[str]], i: int,
             is_name: Callable[[str], bool]) -> int:
    """Number of words of the longest place name starting at word ``i`` (0 for none).
    The words must be adjacent (one space or hyphen between them)."""
    for n in range(min(MAX_NAME_WORDS, len(words) - i), 0, -1):
        run = words[i:i + n]
        if any(text[a.end():b.start()] not in (" ", "-") for a, b in zip(run, run[1:])):
            continue
        last = run[-1].group()
        if is_common(last) or len(last) < 3 or _WORD_ENDING.search(last):
            continue
        if is_name(text[run[0].start():run[-1].end()]):
            return n
    return 0
