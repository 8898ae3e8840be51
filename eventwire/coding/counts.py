"""Counts the quantity finder cannot see: singular victims and follow-up sentences.

* "a man was shot dead", "killing the director", "The guard died": one death per named
  singular victim (ACLED counts each reported death; vague plurals stay unknown).
* "Two people died." / "1 fatality." after an attack: a sentence that reports counts but
  no event of its own adds them to the event just before it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from eventwire.records import Event, Quantity

DEATH_LEMMAS = frozenset({"kill", "murder", "die", "assassinate", "behead", "lynch", "execute",
                          "slay", "slaughter", "massacre"})
DEATH_PHRASES = ("shot dead", "found dead", "shot to death", "stabbed to death",
                 "beaten to death", "gunned down", "hacked to death", "burned to death")
SINGULAR_DETS = frozenset({"a", "an", "the", "this", "that", "one", "another", "his", "her"})
PERSON_LEMMAS = frozenset({"man", "woman", "boy", "girl", "child", "person", "civilian",
                           "soldier", "officer", "policeman", "guard", "driver", "farmer",
                           "teacher", "student", "journalist", "leader", "commander", "member",
                           "fighter", "militant", "suspect", "victim", "resident", "worker",
                           "trader", "director", "official", "politician", "activist",
                           "priest", "doctor", "nurse", "youth", "teenager", "body",
                           "policewoman", "mayor", "chief", "elder", "villager", "husband",
                           "wife", "son", "daughter", "father", "mother", "brother", "sister"})
CARRY_KINDS = {"dead": ("ASSAULT", "PROTEST"), "injured": ("ASSAULT", "PROTEST"),
               "arrested": ("COERCE", "PROTEST", "ASSAULT")}


def implicit_deaths(sent: Any) -> int | None:
    """Deaths reported with singular victims and no number in one sentence."""
    lowered = sent.text.lower()
    verbs = [t for t in sent if t.lemma_.lower() in DEATH_LEMMAS and t.pos_ in ("VERB", "AUX")]
    if not verbs and not any(p in lowered for p in DEATH_PHRASES):
        return None
    victims: list[Any] = []
    for verb in verbs or [sent.root]:
        for child in verb.children:
            if child.dep_ in ("dobj", "nsubjpass") or (
                    child.dep_ == "nsubj" and verb.lemma_.lower() == "die") or (
                    child.dep_ == "nsubj" and not verbs):
                victims.extend([child, *child.conjuncts])
    singles = [v for v in victims if _singular_person(v)]
    if not singles or len(singles) != len(victims):
        return None
    return len(singles)


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
