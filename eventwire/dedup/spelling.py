"""Spellings: one name written two ways in two reports.

Names transliterated into English have no fixed spelling ("Raval" and "Rawal", "Taldih"
and "Taldi", "Swamy" and "Swami"), and hurried copy misspells them ("Krishamurthy"). A
surname or a village that one report spells one way and the other another is still a
particular in common. Only *unknown* words are aligned -- words no sentence of the
reference news collection uses (rarity.py), at least ``MIN_LETTERS`` letters long, that
differ by one letter (one replaced, added or dropped): common words one letter apart
("fired" and "fires", "tried" and "tired") are different words, and short names one
letter apart ("Rao" and "Ram") are different names.
"""

from __future__ import annotations

from eventwire.dedup.rarity import unseen

MIN_LETTERS = 5


def one_letter_apart(x: str, y: str) -> bool:
    """Do ``x`` and ``y`` differ by exactly one replaced, added or dropped letter?"""
    if x == y or abs(len(x) - len(y)) > 1:
        return False
    if len(x) == len(y):
        return sum(p != q for p, q in zip(x, y)) == 1
    short, long = sorted((x, y), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _name(word: str) -> bool:
    return len(word) >= MIN_LETTERS and word.isalpha() and unseen(word)


def variants(wa: frozenset[str], wb: frozenset[str]) -> dict[str, str]:
    """Each unknown word of ``wb`` that spells an unknown word of ``wa`` another way,
    mapped to ``wa``'s spelling (words both sides spell alike are left alone)."""
    names_a = [w for w in wa - wb if _name(w)]
    found: dict[str, str] = {}
    for word in wb - wa:
        if _name(word):
            same = [w for w in names_a if one_letter_apart(w, word)]
            if len(same) == 1:
                found[word] = same[0]
    return found


def respell(words: frozenset[str], spelling: dict[str, str]) -> frozenset[str]:
    """``words`` with the other report's spelling of each name in ``spelling``."""
    return frozenset(spelling.get(w, w) for w in words)
