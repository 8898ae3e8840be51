"""Weapons named in a sentence -> PLOVER ASSAULT mode and ACLED explosion sub-type.

ACLED sub-types of Explosions/Remote violence are decided by the weapon: artillery,
mortars, rockets and missiles are "Shelling/artillery/missile attack"; drones and
aircraft "Air/drone strike"; hand grenades "Grenade"; IEDs, landmines and planted bombs
"Remote explosive/landmine/IED"; suicide bombers "Suicide bomb". Explosions of unknown
origin on a front line are coded as shelling, so that is the default for a bare
"explosion".
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

# (lemma set, PLOVER mode, ACLED sub-event type), most specific first.
WEAPON_CLASSES: tuple[tuple[frozenset[str], str, str], ...] = (
    (frozenset({"suicide", "self-detonated"}), "suicide-attack", "Suicide bomb"),
    (frozenset({"drone", "airstrike", "air-strike", "warplane", "jet", "aircraft", "helicopter",
                "airplane", "bomber", "air", "aerial", "uav"}), "aerial", "Air/drone strike"),
    (frozenset({"grenade"}), "explosives", "Grenade"),
    (frozenset({"ied", "landmine", "mine", "bomb", "car-bomb", "explosive", "device",
                "booby", "detonate", "vbied"}), "explosives", "Remote explosive/landmine/IED"),
    (frozenset({"artillery", "mortar", "shell", "shelling", "rocket", "missile", "howitzer",
                "launcher", "cannon", "bombardment", "projectile", "grad", "katyusha", "tank",
                "hmg", "atgm", "ifv", "bmp", "rpg", "antiaircraft", "anti-aircraft", "agl"}),
     "heavy-weapons", "Shelling/artillery/missile attack"),
    (frozenset({"gun", "gunfire", "rifle", "pistol", "firearm", "machinegun", "machine-gun",
                "bullet", "sniper", "gunman", "shoot", "shot", "shooting"}), "firearms", ""),
    (frozenset({"knife", "machete", "stick", "stone", "rock", "axe", "club", "baton",
                "stab"}), "primitive", ""),
)
WEAPON_RANK = {"suicide-attack": 0, "aerial": 1, "explosives": 2, "heavy-weapons": 3,
               "firearms": 4, "primitive": 5}
WEAPON_LEMMAS = frozenset().union(*(c[0] for c in WEAPON_CLASSES))
PRIMITIVE_LEMMAS = next(c[0] for c in WEAPON_CLASSES if c[1] == "primitive")
# Guns by name (not "shots" or "firing", said of any weapon: "92 shots involving cannons")
GUNS = (next(c[0] for c in WEAPON_CLASSES if c[1] == "firearms") - {"shoot", "shot", "shooting"}
        ) | {"kalashnikov", "ak-47"}
HEAVY_MG = re.compile(r"heavy[- ]machine[- ]?guns?|machine[- ]?guns?,? assumedly heavy|"
                      r"medium weapons|anti-aircraft guns?")
# Calibres of heavy machine guns and cannon (12.7 mm and up): heavy weapons (ACLED)
HEAVY_CALIBRE = re.compile(r"\b(1[2-9]|[2-9]\d|1\d\d)(?:\.\d)?\s?mm\b")
INCENDIARY = re.compile(r"petrol[- ]bombs?|molotov(?: cocktails?)?|fire[- ]?bombs?")
EXPLOSION_WORDS = frozenset({"explosion", "blast", "explode", "detonation"})
# Crowd-control munitions are no weapons of war: "tear gas shells", "rubber bullets",
# "water cannon" (a stun grenade thrown at a house is ACLED's grenade attack)
LESS_LETHAL = re.compile(r"\b(?:tear[- ]?gas|teargas|rubber)[- ]"
                         r"(?:shells?|canisters?|grenades?|bombs?|bullets?|cartridges?|rounds?)\b|"
                         r"\bwater[- ]cannons?\b")


# Weapons that only back a ground operation ("an operation by special forces, backed by
# airstrikes"), and vehicles destroyed or seized (the target, not the weapon: "destroying a
# tank")
SUPPORT = re.compile(r"\b(?:backed|supported|assisted|aided|covered)\s+by\s+[^,.;()]*|"
                     r"\bwith (?:the )?(?:air )?(?:support|help|backing|cover)(?: of)?[^,.;()]*")
# A weapon someone carried, not the one the act was done with ("shot a militant who was
# armed with a hand grenade")
CARRIED = re.compile(r"\b(?:who|which) (?:was|were) armed with [^,.;()]*")
TARGETED_VEHICLES = re.compile(
    r"\b(?:destroy|damag|seiz|captur|disabl)\w*\s+(?:(?:a|an|the|one|two|three|\d+|several)\s+)?"
    r"(?:[a-z-]+\s+)?(?:tanks?|helicopters?|armou?red vehicles?)\b")


@lru_cache(maxsize=4096)  # a recoded event's evidence is read again at every merge
def _words(text: str) -> frozenset[str]:
    lowered = TARGETED_VEHICLES.sub(" ", SUPPORT.sub(" ", CARRIED.sub(" ", text.lower())))
    lowered = re.sub(r"grenade[- ]launchers?", "launcher", lowered)  # a heavy weapon
    lowered = LESS_LETHAL.sub("crowd-control", lowered)
    lowered = INCENDIARY.sub("incendiary", lowered)  # petrol bombs: arson, no explosive
    lowered = HEAVY_MG.sub("hmg", lowered)  # heavy machine guns: heavy weapons (ACLED)
    lowered = HEAVY_CALIBRE.sub(" hmg ", lowered)  # "14.5mm", "120mm mortars"
    lowered = lowered.replace("air force intelligence", "intelligence").replace(
        "air force", "aerial")  # Syria's Air Force Intelligence is a security agency
    lowered = re.sub(r"\b(?:blew|blown|blowing|blow)\s+up\b", "explosive", lowered)
    words = set(re.findall(r"[a-z]+(?:-[a-z]+)?", lowered))
    return frozenset(words | {w[:-1] for w in words if w.endswith("s") and len(w) > 3} | {
        w[:-2] for w in words if w.endswith("es") and len(w) > 4} | {
        w[:-2] for w in words if w.endswith("ed") and len(w) > 5})  # "shelled", "bombed"


def small_arms(text: str) -> bool:
    """Does the text name small arms (guns, rifles, machine guns)? Fire exchanged with
    them at an armed enemy's positions is a clash, not remote violence (ACLED)."""
    words = _words(text)
    lowered = HEAVY_MG.sub("hmg", text.lower())
    return bool(words & GUNS) or "small arms" in lowered or "machine gun" in lowered


def weapon_class(text: str) -> tuple[str, str] | None:
    """(PLOVER mode, ACLED sub-type or "") of the most specific weapon a text names."""
    words = _words(text)
    if "air" in words and not ({"strike", "raid", "attack", "bombardment"} & words):
        words = words - {"air"}
    for lemmas, mode, sub in WEAPON_CLASSES:
        if words & lemmas:
            return mode, sub
    if words & EXPLOSION_WORDS or "exploded" in words:
        return "explosives", "Shelling/artillery/missile attack"
    return None


# "using an ATGM", "by artillery fire": the weapon an act was done with (not "with": "arms
# and depots with bombs" are what was destroyed)
INSTRUMENT = re.compile(r"\b(?:using|by)\s+(?:an?\s+|the\s+|their\s+|its\s+)?"
                        r"([a-z-]+(?:\s+[a-z-]+)?)")
REMOTE_MODES = ("aerial", "explosives", "heavy-weapons", "suicide-attack")


def remote_weapon(sent: Any) -> str | None:
    """The mode of a stand-off weapon the sentence says an act was done with ("destroyed
    a bulldozer using an ATGM", "hit by a drone"), else None."""
    modes = [found[0] for m in INSTRUMENT.finditer(sent.text.lower())
             if (found := weapon_class(m.group(1))) is not None and found[0] in REMOTE_MODES]
    return min(modes, key=WEAPON_RANK.__getitem__) if modes else None
