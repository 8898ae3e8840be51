"""Nouns that mention an event without telling a new one.

A measure named as what people broke or the police enforced, a deployment only called
for, riots in the past of a person a relative clause describes, and a protest people are
arrested for taking part in: each refers to something in force or reported on its own.
"""

from __future__ import annotations

from typing import Any

# Verbs whose object is a measure already in force ("breaking the ban on gatherings",
# "enforcing the curfew"), or a deployment or measure only asked for ("called for the
# deployment of the army")
DEFIED = frozenset({"break", "violate", "defy", "flout", "breach", "disregard", "ignore",
                    "enforce", "observe", "respect", "obey", "contravene", "implement"})
ASKED_FOR = frozenset({"call", "demand", "request", "urge", "seek", "appeal", "ask", "want"})


def standing_or_asked(tok: Any) -> bool:
    """A measure or deployment named as the object of its breach or enforcement, or of a
    call for it: no new act of the state."""
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "for":
        head = head.head  # "called for the deployment"
    elif tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in (
            "violation", "breach", "defiance", "enforcement"):
        return True  # "in violation of the curfew"
    elif tok.dep_ != "dobj":
        return False
    return head.lemma_.lower() in DEFIED | ASKED_FOR


PERSON_NOUNS = frozenset({"man", "woman", "boy", "girl", "youth", "activist", "person",
                          "child", "student", "journalist", "leader", "worker", "farmer"})


def about_a_persons_past(tok: Any) -> bool:
    """Is the noun inside a relative clause that tells the past of a person ("honour a man
    who died of an injury he got during riots in Tripoli")? Background, not the report's
    event."""
    return any(anc.dep_ == "relcl" and anc.head.lemma_.lower() in PERSON_NOUNS and
               anc.head.tag_ == "NN" and anc.tag_ in ("VBD", "VBN") for anc in tok.ancestors)


TAKING_PART = frozenset({"participate", "part", "participation", "involvement", "role",
                         "organise", "organize", "organising", "organizing", "join"})
PUNISHING = frozenset({"arrest", "detain", "charge", "sentence", "fine", "convict", "jail",
                       "imprison", "summon", "prosecute", "accuse"})


def charged_with(tok: Any) -> bool:
    """"55 people were arrested for participating in protests", "youths accused of having
    taken part in a protest": the protest is what they are punished for (reported on its
    own), not a new one."""
    took_part = False
    for anc in tok.ancestors:
        lemma = anc.lemma_.lower()
        if lemma in TAKING_PART:
            took_part = True
        elif took_part and lemma in PUNISHING:
            return True
    return False
