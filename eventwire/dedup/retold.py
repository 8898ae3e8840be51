"""Retold sentences: one report's event sentence found nearly word for word in the other.

Agency copy is republished with light edits ("a mob tried to set shops ablaze which was
foiled by the police" / "a mob attempted to set shops ablaze and was foiled by the
police"), often inside a report that is otherwise rewritten, so the records' evidence as
a whole is not near-verbatim (text.py) and, since such sentences are mostly the words of
the genre ("mob", "police", "fired", "rounds"), their weighted particulars share little.
What shows the common source is the *order* of all the words, genre and function words
included: independent reports of two incidents do not run on for many words in the same
sequence.

Each sentence is cut into word trigrams (runs of three words). A record's *event
sentence* (its first evidence sentence, the one it was coded from) is retold in the other
record when some evidence sentence of the other shares at least ``MIN_SHARED`` trigrams
with it -- about ten words in a row, more than a stock phrase ("police opened fire to
disperse the mob") -- and at least ``MIN_SHARE`` of the shorter sentence's trigrams. Only
the event sentence counts: a background sentence that two reports both repeat (an
earlier incident "it may be recalled that ...") says nothing about the events they code.
"""

from __future__ import annotations

import re
from dataclasses import replace

from eventwire.dedup.text import boilerplate
from eventwire.dedup.verdict import Verdict
from eventwire.records import Event

MIN_SHARED = 8
MIN_SHARE = 0.5
_WORD = re.compile(r"[a-z]+|\d+")

Trigrams = frozenset[tuple[str, str, str]]


def trigrams(text: str) -> Trigrams:
    """The runs of three words of a sentence (lower-cased letters or digits)."""
    words = _WORD.findall(text.lower())
    return frozenset(zip(words, words[1:], words[2:]))


def _sentences(ev: Event) -> list[Trigrams]:
    return [trigrams(e.text) for e in ev.evidence if not boilerplate(e.text)]


def _retold_in(first: Trigrams, other: list[Trigrams]) -> int:
    """Trigrams the best-matching sentence of ``other`` shares with ``first``, when it is
    enough to call ``first`` retold; else 0."""
    best = 0
    for grams in other:
        shared = len(first & grams)
        if shared >= MIN_SHARED and shared >= MIN_SHARE * min(len(first), len(grams)):
            best = max(best, shared)
    return best


def retold(a: Event, b: Event) -> int:
    """How many word trigrams one record's event sentence shares with a sentence of the
    other record that retells it (0 when neither event sentence is retold)."""
    sa, sb = _sentences(a), _sentences(b)
    if not sa or not sb:
        return 0
    return max(_retold_in(sa[0], sb), _retold_in(sb[0], sa))


def mark_retold(evidence: Verdict, a: Event, b: Event) -> Verdict:
    """The evidence verdict graded ``retold`` (enough on its own, like near-verbatim
    evidence: compare.py) when one record's event sentence is retold in the other."""
    if evidence.grade == "verbatim":
        return evidence
    shared = retold(a, b)
    if not shared:
        return evidence
    return replace(evidence, status="match", grade="retold",
                   reason=f"{evidence.reason}; an event sentence is retold nearly word for "
                   f"word in the other report ({shared} runs of three words in common)")
