"""Seizures: of people, of places, and of places without a fight (ACLED codebook).

PLOVER codes any seizure as COERCE/seize; ACLED splits it by what was taken and how:

- **people** ("regime forces captured 2 rebels", "locals captured a thief"): no
  territory changed hands. Forces capturing fighters is part of an armed clash; state
  forces taking unarmed people is an arrest; armed groups taking civilians is an
  abduction; anyone else seizing a person is violence against them (a mob's, ACLED's
  mob violence).
- **captives freed** ("the government released 67 Taliban prisoners", "52 soldiers were
  released from Taliban prisons"): told as the sentence's main act, a non-violent
  strategic development (ACLED: Other); a release named inside another act ("protested
  against the release of prisoners", "decided to release") is not coded.
- **places** ("took control of the village") are territory: a battle sub-type when
  taken by force; ACLED's *non-violent transfer of territory* (Strategic developments)
  when the report tells no fighting, death or attack around it ("militants took control
  of the village and raised a black banner").
"""

from __future__ import annotations

from typing import Any

from eventwire.coding.actors import SECTOR_NOUNS
from eventwire.coding.crosswalk import ARMED_SECTORS, NON_STATE_ARMED, STATE_FORCES

PERSON_NOUNS = frozenset({
    "man", "men", "woman", "women", "person", "people", "thief", "robber", "suspect",
    "operative", "member", "child", "children", "boy", "girl", "civilian", "hostage",
    "youth", "driver", "resident", "villager", "farmer", "trader", "prisoner", "wife",
    "son", "daughter", "brother", "leader", "commander", "elder", "teacher",
})
PERSON_SECTORS = frozenset({"COP", "MIL", "REB", "UAF", "PRO", "CVL"})
# Words that tell a seizure was fought for, in its sentence or the one before.
FIGHTING = ("clash", "fight", "attack", "assault", "battle", "kill", "dead", "death",
            "wound", "injur", "shell", "fire", "fired", "firing", "gunfire", "offensive",
            "exchange", "bomb", "explos", "airstrike", "air strike", "storm", "heavy",
            "repel", "repuls", "thwart", "casualt", "fatalit",
            "recaptur", "re-captur", "retook", "retake", "regain")  # taken back from an enemy


def _is_person(tok: Any) -> bool:
    lemma = tok.lemma_.lower()
    return tok.ent_type_ in ("PERSON", "NORP") or lemma in PERSON_NOUNS or \
        SECTOR_NOUNS.get(lemma) in PERSON_SECTORS


def people_only(objects: list[Any]) -> bool:
    """Were only people seized ("captured 2 rebels", "captured a thief")?"""
    return bool(objects) and all(_is_person(o) for o in objects)


def capture_of_people(actor_sectors: set[str], recipient_sectors: set[str]
                      ) -> tuple[str, str | None]:
    """PLOVER type and mode of people seized, by who took whom."""
    if actor_sectors & ARMED_SECTORS and recipient_sectors & ARMED_SECTORS:
        return "ASSAULT", "sideAB"  # fighters captured in a clash
    if actor_sectors & STATE_FORCES:
        return "COERCE", "arrest"
    if actor_sectors & NON_STATE_ARMED:
        return "ASSAULT", "abduct"
    return "ASSAULT", None  # a mob seizing someone: violence against them


def fought(text: str, dead: int | None) -> bool:
    """Does the text tell of fighting, deaths or an attack?"""
    lowered = text.lower()
    return bool(dead) or any(w in lowered for w in FIGHTING)


CAPTIVES = frozenset({"prisoner", "detainee", "captive", "hostage", "inmate", "pow"})


def freed_captives(hit: Any, recipients: list[Any]) -> bool:
    """Is the hit a release of prisoners, hostages or captured fighters told as the
    sentence's main act?"""
    tok = hit.token
    main = tok.pos_ in ("VERB", "AUX") and (tok.dep_ == "ROOT" or (
        tok.dep_ == "conj" and tok.head.dep_ == "ROOT"))
    freed = {o.lemma_.lower() for o in hit.objects} | {
        c.lemma_.lower() for c in tok.children if c.dep_ in ("nsubjpass", "dobj")}
    return main and bool(freed & CAPTIVES or {a.sector for a in recipients} & ARMED_SECTORS)


def seizure_tags(etype: str, mode: str | None, hit: Any, recipients: list[Any],
                 context: list[str], *, told: str, dead: int | None) -> list[str]:
    """Context tags the ACLED crosswalk reads for seizures and releases: "unopposed" (a
    takeover with no fighting told in ``told``, the event's sentence and the one before)
    and "captives-freed"."""
    if etype == "COERCE" and mode == "seize" and "territory" in context and not fought(
            told, dead):
        return ["unopposed"]
    if etype == "RETREAT" and mode == "release" and freed_captives(hit, recipients):
        return ["captives-freed"]
    return []
