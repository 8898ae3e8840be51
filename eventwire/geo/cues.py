"""News-writing conventions that reveal toponyms (or rule them out) beyond the NER.

- Datelines: "HARTFORD — Connecticut legislators ...", "MOUNT GILEAD (AP) -- ...".
- Places that lead an organisation's name: "Alexandria Police", "Canaan Board of
  Finance", "Rapides Parish Fire District", and "Danbury police".
- Surnames: a single word that is the last name of a person elsewhere in the document
  ("Gail Shelby") is that person, not the town of Shelby.

Functions take the spaCy ``Doc`` and token indices; they hold no state.
"""

from __future__ import annotations

from typing import Any

DATELINE_ENDS = frozenset({"—", "--", "–", "-", "―"})
WIRE_SERVICES = frozenset({"AP", "Reuters", "AFP", "UPI", "CNN", "Xinhua"})
MAX_DATELINE_TOKENS = 4
INSTITUTION_WORDS = frozenset({
    "police", "sheriff", "sheriff's", "fire", "board", "city", "school", "schools",
    "high", "public", "library", "herald", "historical", "chamber", "council",
    "department", "planning", "zoning", "parks", "post", "times", "tribune", "journal",
    "daily", "gazette", "courier", "hospital", "municipal", "township", "village",
    "town", "borough", "county", "housing", "water", "transit", "airport", "officials",
    "residents", "mayor", "commission", "commissioners", "court", "district",
    "elementary", "middle", "community", "area", "regional", "rescue", "emergency",
})


def _upper_word(tok: Any) -> bool:
    return tok.is_upper and any(c.isalpha() for c in tok.text) and \
        (len(tok.text) >= 3 or tok.text.endswith("."))


def _line_start(doc: Any, i: int) -> bool:
    if i == 0:
        return True
    prev = doc[i - 1]
    return prev.is_space or "\n" in prev.whitespace_ or prev.text in (".", "!", "?", "\n")


def dateline_end(doc: Any, i: int) -> int | None:
    """End token of an upper-case dateline place starting at ``i``, else None."""
    if not _line_start(doc, i) or not _upper_word(doc[i]):
        return None
    j = i + 1
    while j < len(doc) and j - i < MAX_DATELINE_TOKENS and _upper_word(doc[j]):
        j += 1
    k = j
    if k < len(doc) and doc[k].text == ",":  # "SOUTH CHARLESTON, W.Va. --"
        k += 1
        while k < len(doc) and k - j <= 4 and doc[k].text not in DATELINE_ENDS:
            k += 1
    if k >= len(doc):
        return None
    if doc[k].text in DATELINE_ENDS or doc[k].text.startswith("—"):
        return j
    if doc[k].text == "(" and k + 1 < len(doc) and doc[k + 1].text in WIRE_SERVICES:
        return j
    return None


def org_place_end(doc: Any, start: int, end: int) -> int | None:
    """End token of the place that leads the organisation name doc[start:end], when an
    institution word follows it (inside the name, or lowercase right after it)."""
    for n in range(min(3, end - start), 0, -1):
        stop = start + n
        toks = doc[start:stop]
        if not all(t.text[:1].isupper() for t in toks):
            continue
        if stop < end and doc[stop].lower_ in INSTITUTION_WORDS:
            return stop
        if stop == end and end < len(doc) and doc[end].text.islower() and \
                doc[end].lower_ in INSTITUTION_WORDS:
            return stop
    return None


def surnames(doc: Any) -> frozenset[str]:
    """Last words of multi-word PERSON entities."""
    return frozenset(ent[-1].text for ent in doc.ents
                     if ent.label_ == "PERSON" and len(ent) >= 2 and ent[-1].text[:1].isupper())
