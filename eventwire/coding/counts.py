"""Counts the quantity finder cannot see: singular victims and follow-up sentences.

* "a man was shot dead", "killing the director", "The guard died": one death per named
  singular victim (ACLED counts each reported death; vague plurals stay unknown).
* "Two people died." / "1 fatality." after an attack: a sentence that reports counts but
  no event of its own adds them to the event just before it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from eventwire.nlp.quantities import parse_number
from eventwire.records import Event, Quantity

DEATH_LEMMAS = frozenset({"kill", "murder", "die", "assassinate", "behead", "lynch", "execute",
                          "slay", "slaughter", "massacre"})
DEATH_PHRASES = ("shot dead", "found dead", "shot to death", "stabbed to death",
                 "beaten to death", "gunned down", "hacked to death", "burned to death",
                 "to death")
SINGULAR_DETS = frozenset({"a", "an", "the", "this", "that", "one", "another", "his", "her"})
PERSON_LEMMAS = frozenset({"man", "woman", "boy", "girl", "child", "person", "civilian",
                           "soldier", "officer", "policeman", "guard", "driver", "farmer",
                           "teacher", "student", "journalist", "leader", "commander", "member",
                           "fighter", "militant", "suspect", "victim", "resident", "worker",
                           "trader", "director", "official", "politician", "activist",
                           "priest", "doctor", "nurse", "youth", "teenager", "body",
                           "policewoman", "mayor", "chief", "elder", "villager", "husband",
                           "wife", "son", "daughter", "father", "mother", "brother", "sister"})
GROUP_NOUNS = frozenset({"family", "group", "number", "crowd", "convoy", "unit", "patrol",
                         "squad", "team", "gang", "band", "cell", "couple", "pair"})
CARRY_KINDS = {"dead": ("ASSAULT", "PROTEST"), "injured": ("ASSAULT", "PROTEST"),
               "arrested": ("COERCE", "PROTEST", "ASSAULT")}


def implicit_deaths(sent: Any) -> int | None:
    """Deaths reported with singular victims, or numbers the quantity finder does not tie
    to a death ("beheaded 1 person"), in one sentence."""
    lowered = sent.text.lower()
    verbs = [t for t in sent if t.pos_ in ("VERB", "AUX") and (
        t.lemma_.lower() in DEATH_LEMMAS or (t.lemma_.lower() == "shoot" and any(
            c.lower_ == "dead" for c in t.children)))]
    deaths_of = _deaths_of(sent)
    found = _dead_people(sent)
    if not verbs and not any(p in lowered for p in DEATH_PHRASES) and not deaths_of:
        return found if found is not None else (
            UNKNOWN_TOLL if VAGUE_VICTIMS.search(lowered) else None)
    victims: list[Any] = []
    for verb in verbs or ([] if deaths_of else [sent.root]):
        found_here = _victims_of(verb, bool(verbs))
        if not found_here and verb.dep_ == "conj":  # "a man was shot and killed"
            found_here = _victims_of(verb.head, bool(verbs))
        victims.extend(found_here)
    victims.extend(deaths_of)
    counts = [_victim_count(v) for v in victims]
    if victims and all(c is not None for c in counts):
        return sum(c for c in counts if c is not None)
    if found is not None:
        return found
    match = SURFACE_VICTIM.search(sent.text)
    if match:
        return 1
    return UNKNOWN_TOLL if VAGUE_VICTIMS.search(lowered) else None


# "a man was found dead", when the parse hangs the victim elsewhere
SURFACE_VICTIM = re.compile(
    r"\b(?:a|an|the|one)\s+(?:[a-z-]+\s+)?(?:" + "|".join(sorted(
        ("man", "woman", "boy", "girl", "child", "person", "civilian", "soldier", "officer",
         "policeman", "guard", "driver", "farmer", "teacher", "student", "journalist", "leader",
         "commander", "member", "fighter", "suspect", "victim", "resident", "worker", "body")))
    + r")\s+(?:was|has\s+been)\s+(?:found\s+dead|killed|shot\s+dead|murdered|executed|beheaded)",
    re.IGNORECASE)
# ACLED: deaths reported without a number are coded 3 for a limited attack.
VAGUE_VICTIMS = re.compile(r"\b(?:incurring|suffered|causing|inflicting)\s+(?:heavy\s+)?"
                           r"(?:fatalities|deaths)\b|\b(?:several|a number of|some)\s+"
                           r"(?:\w+\s+)?(?:were\s+)?(?:killed|dead|fatalities)\b")
UNKNOWN_TOLL = 3


def _victims_of(verb: Any, killing: bool) -> list[Any]:
    out: list[Any] = []
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass") or (
                child.dep_ == "nsubj" and verb.lemma_.lower() == "die") or (
                child.dep_ == "nsubj" and not killing):
            out.extend([child, *child.conjuncts])
    return out


def _deaths_of(sent: Any) -> list[Any]:
    """'resulted in the death of the commander': the one whose death is reported."""
    return [g for t in sent if t.lemma_.lower() == "death" and t.tag_ == "NN"
            for c in t.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]


# How a coder states the toll it recorded: "Fatalities are split across 2 events (4).",
# "Unknown fatalities coded as 10.", "Fatalities coded as 0 (VoJ reported 3).", and a
# sentence that is only a tally: "2 fatalities.", "No fatalities."
SPLIT_TALLY = re.compile(r"fatalities (?:are |were )?split (?:across|between) \d+ events?"
                         r"\s*\((\d+)\)", re.IGNORECASE)
CODED_TALLY = re.compile(r"fatalit(?:y|ies) (?:were |was |are |is )?coded as (\d+)",
                         re.IGNORECASE)
BARE_TALLY = re.compile(r"(?:^|[.!?]\s+)(\d+|no|zero|one|two|three|four|five|six|seven|"
                        r"eight|nine|ten) fatalit(?:y|ies)\W*(?:$|(?=[.!?]\s))",
                        re.IGNORECASE | re.MULTILINE)


def tally(text: str) -> int | None:
    """The death toll per event that a text states it codes, else None."""
    for pattern in (SPLIT_TALLY, CODED_TALLY, BARE_TALLY):
        match = pattern.search(text)
        if match:
            word = match.group(1).lower()
            return 0 if word in ("no", "zero") else parse_number(word)
    return None


def _victim_count(tok: Any) -> int | None:
    """1 for 'a man' (or any singular noun a killing verb takes: 'assassinated a pastor'),
    N for '3 soldiers', 'three men' or 'a family of three', None when unknown."""
    if _singular_person(tok) or (tok.tag_ == "NN" and tok.lemma_.lower() not in GROUP_NOUNS
                                 and any(c.lower_ in SINGULAR_DETS or c.dep_ == "poss"
                                         for c in tok.children)):
        return 1
    if tok.lemma_.lower() in GROUP_NOUNS:  # "a family of three"
        for c in tok.children:
            if c.lower_ == "of":
                for g in c.children:
                    value = parse_number(g.text) if g.dep_ == "pobj" else None
                    if value is not None:
                        return value
        return None
    for child in tok.children:
        if child.dep_ == "nummod":
            value = parse_number(child.text)
            if value is not None and tok.lemma_.lower() in PERSON_LEMMAS | {"people", "person"}:
                return value
    return None


def _dead_people(sent: Any) -> int | None:
    """'a dead man was thrown from a car', 'the body of a girl was found'."""
    for tok in sent:
        if tok.lemma_.lower() in ("body", "corpse") and tok.tag_ == "NN":
            owner = next((g for c in tok.children if c.lower_ == "of" for g in c.children), None)
            if owner is not None and _singular_person(owner):
                return 1
            if any(c.dep_ == "poss" for c in tok.children):  # "his corpse was found"
                return 1
        if tok.lower_ == "dead" and tok.dep_ == "amod" and _singular_person(tok.head):
            return 1
    return None


def _singular_person(tok: Any) -> bool:
    if tok.tag_ not in ("NN", "NNP"):
        return False
    if tok.ent_type_ == "PERSON":
        return True
    return tok.lemma_.lower() in PERSON_LEMMAS and any(
        c.lower_ in SINGULAR_DETS or c.dep_ == "poss" for c in tok.children)


def carry_counts(event: Event, quantities: list[Quantity], implicit_dead: int | None) -> Event:
    """The event with counts from a follow-up sentence filled in where it had none."""
    updates: dict[str, int] = {}
    for q in quantities:
        if q.kind in CARRY_KINDS and event.event_type in CARRY_KINDS[q.kind] and (
                getattr(event, q.kind) is None and q.kind not in updates):
            updates[q.kind] = q.value
    if implicit_dead is not None and event.event_type in CARRY_KINDS["dead"] and (
            event.dead is None and "dead" not in updates):
        updates["dead"] = implicit_dead
    return replace(event, **updates) if updates else event
