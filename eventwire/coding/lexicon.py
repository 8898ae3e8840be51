"""Trigger lexicon: words that signal an event, organised by the PLOVER codebook.

Each trigger maps a lemma (verb or noun) to a PLOVER event type and a default mode.
The mode is refined from the sentence in ``modes.py``; the ACLED type comes from the
crosswalk in ``crosswalk.py``. Entries were written from the PLOVER manual's category
definitions, not learnt from any dataset.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True, kw_only=True, frozen=True)
class Trigger:
    event_type: str
    mode: str | None = None
    needs_object: frozenset[str] = frozenset()  # object lemmas required (empty: any)
    weak: bool = False  # only counts with a supporting actor/object cue
    intransitive: bool = False  # not an event when it takes a direct object


def _t(event_type: str, mode: str | None = None, objs: tuple[str, ...] = (), weak: bool = False,
       intransitive: bool = False) -> Trigger:
    return Trigger(event_type=event_type, mode=mode, needs_object=frozenset(objs), weak=weak,
                   intransitive=intransitive)


FORCES = ("troops", "troop", "force", "forces", "soldier", "soldiers", "peacekeeper",
          "peacekeepers", "army", "military", "police", "unit", "units", "contingent",
          "paratrooper", "paratroopers", "warship", "warships", "tank", "tanks", "militia",
          "battalion", "brigade", "guard", "guards", "personnel")
WEAPON_OBJECTS = ("bomb", "bombs", "weapon", "weapons", "arms", "ammunition", "explosive",
                  "explosives", "grenade", "grenades", "rifle", "rifles", "gun", "guns", "mine",
                  "mines", "ied", "ieds", "cache", "rocket", "rockets", "missile", "missiles",
                  "drone", "pistol", "pistols", "detonator", "detonators", "caches",
                  "stockpile", "stockpiles", "arsenal")
CACHE_OBJECTS = ("cache", "caches", "stockpile", "stockpiles", "arsenal", "explosive",
                 "explosives", "ied", "ieds", "bomb", "bombs", "mine", "mines", "landmine",
                 "landmines", "ammunition", "munitions", "weapons", "arms", "grenades",
                 "rockets", "missiles", "detonators")
AID_GOODS = ("aid", "assistance", "supplies", "food", "medicine", "medicines", "vaccine",
             "vaccines", "relief", "money", "funds", "loan", "equipment")

COLUMN_WORDS = ("column", "columns", "convoy", "convoys", "reinforcement", "reinforcements")
LIVESTOCK = ("cattle", "cows", "cow", "goats", "sheep", "camels", "livestock", "animals",
             "herd", "herds", "donkeys", "oxen")

# Thrown weapons that make an attack (stones thrown by a crowd are a riot: RIOT_CUES).
THROWN = ("grenade", "grenades", "bomb", "bombs", "explosive", "explosives", "acid", "molotov",
          "cocktail", "cocktails", "petrol")

VERB_TRIGGERS: dict[str, Trigger] = {
    # PROTEST
    "protest": _t("PROTEST", "demo"), "demonstrate": _t("PROTEST", "demo", intransitive=True),
    "rally": _t("PROTEST", "demo", intransitive=True),
    "march": _t("PROTEST", "demo", weak=True, intransitive=True),
    "picket": _t("PROTEST", "demo"), "riot": _t("PROTEST", "riot"),
    "storm": _t("PROTEST", "riot"), "loot": _t("PROTEST", "riot"),
    "vandalize": _t("PROTEST", "vandalize"), "vandalise": _t("PROTEST", "vandalize"),
    "boycott": _t("PROTEST", "boycott"), "blockade": _t("PROTEST", "obstruct"),
    # banging pots and pans: a cacerolazo
    "bang": _t("PROTEST", "demo", objs=("pot", "pots", "pan", "pans", "casserole", "casseroles",
                                        "utensils", "plates")),
    "block": _t("PROTEST", "obstruct", objs=("road", "roads", "highway", "entrance", "street",
                                             "streets", "access", "traffic", "route", "bridge",
                                             "railway", "junction", "motorway", "gate")),
    # ASSAULT
    "kill": _t("ASSAULT"), "attack": _t("ASSAULT"), "shoot": _t("ASSAULT", "firearms"),
    "shell": _t("ASSAULT", "heavy-weapons"), "bomb": _t("ASSAULT", "explosives"),
    "beat": _t("ASSAULT", "beat", weak=True), "torture": _t("ASSAULT", "torture"),
    "abduct": _t("ASSAULT", "abduct"), "kidnap": _t("ASSAULT", "abduct"),
    "assassinate": _t("ASSAULT", "targeted"), "massacre": _t("ASSAULT"),
    "behead": _t("ASSAULT"), "stab": _t("ASSAULT", "primitive"),
    "ambush": _t("ASSAULT"), "clash": _t("ASSAULT", "sideAB"), "fight": _t("ASSAULT", "sideAB", weak=True),
    "raid": _t("ASSAULT"), "wound": _t("ASSAULT"), "injure": _t("ASSAULT"),
    "target": _t("ASSAULT", objs=("group", "position", "positions", "fighters", "forces", "troops",
                                  "convoy", "base", "post", "village", "town", "civilians",
                                  "patrol", "checkpoint", "vehicle", "headquarters", "airbase",
                                  "truck", "camp", "plane", "aircraft", "depot", "room", "site",
                                  "hideout", "hideouts", "sites", "bases", "vehicles", "camps",
                                  "airport", "compound", "outpost", "barracks", "bus")),
    "bombard": _t("ASSAULT", "heavy-weapons"),
    "stone": _t("ASSAULT", "primitive"), "pelt": _t("ASSAULT", "primitive"),
    "assault": _t("ASSAULT", "beat"), "repel": _t("ASSAULT", "sideAB"),
    "exchange": _t("ASSAULT", "sideAB", objs=("fire", "gunfire", "shots", "shot", "bullets",
                                              "blows", "artillery", "mortars", "rockets",
                                              "shells", "shelling")),
    "repulse": _t("ASSAULT", "sideAB"), "thwart": _t("ASSAULT", "sideAB", weak=True),
    "foil": _t("ASSAULT", "sideAB", weak=True),
    "capture": _t("COERCE", "seize", weak=True), "overrun": _t("COERCE", "seize"),
    "recapture": _t("COERCE", "seize"), "retake": _t("COERCE", "seize"),
    "defuse": _t("COERCE", "seize"), "dismantle": _t("COERCE", "seize", weak=True),
    "intercept": _t("COERCE", "seize", weak=True),
    "recover": _t("COERCE", "seize", objs=WEAPON_OBJECTS),
    # a weapons cache or a bomb found is taken out of use (ACLED: disrupted weapons use);
    # not a gun found beside a body
    "find": _t("COERCE", "seize", objs=CACHE_OBJECTS),
    "discover": _t("COERCE", "seize", objs=CACHE_OBJECTS),
    "uncover": _t("COERCE", "seize", objs=CACHE_OBJECTS),
    "unearth": _t("COERCE", "seize", objs=CACHE_OBJECTS),
    "patrol": _t("MOBILIZE", "troops", weak=True),
    "murder": _t("ASSAULT"), "lynch": _t("ASSAULT", "lynch"), "rape": _t("ASSAULT", "sexual"),
    "blow": _t("ASSAULT", "explosives"),  # only "blew up" (detect.py)
    "throw": _t("ASSAULT", objs=THROWN), "hurl": _t("ASSAULT", objs=THROWN),
    "explode": _t("ASSAULT", "explosives"), "detonate": _t("ASSAULT", "explosives"),
    "disperse": _t("ASSAULT", "crowd-control"), "torch": _t("COERCE", "destroy"),
    # COERCE
    "arrest": _t("COERCE", "arrest"), "detain": _t("COERCE", "arrest"),
    "apprehend": _t("COERCE", "arrest"), "jail": _t("COERCE", "arrest"),
    "seize": _t("COERCE", "seize", weak=True), "confiscate": _t("COERCE", "seize"),
    "censor": _t("COERCE", "censor"), "deport": _t("COERCE", "deport"),
    "ban": _t("COERCE", "restrict", weak=True),
    "steal": _t("COERCE", "seize", objs=LIVESTOCK), "rustle": _t("COERCE", "seize"),
    "raze": _t("COERCE", "destroy"), "demolish": _t("COERCE", "destroy"),
    "uproot": _t("COERCE", "destroy", objs=("tree", "trees", "crops", "plants", "saplings",
                                            "seedling", "seedlings", "vine", "vines")),
    "seal": _t("COERCE", "restrict", objs=("city", "town", "area", "border", "borders", "road",
                                          "roads", "district", "village", "entrances")),
    # AID
    "deliver": _t("AID", objs=AID_GOODS + ("packages", "boxes", "parcels", "baskets")),
    "distribute": _t("AID", objs=AID_GOODS + ("packages", "boxes", "parcels", "baskets")),
    # MOBILIZE
    "deploy": _t("MOBILIZE", "troops"), "mobilize": _t("MOBILIZE", "troops"),
    "defect": _t("MOBILIZE"),  # a unit changing sides: ACLED's change to group/activity
    "mobilise": _t("MOBILIZE", "troops"), "send": _t("MOBILIZE", "troops", FORCES + COLUMN_WORDS),
    "dispatch": _t("MOBILIZE", "troops", FORCES + COLUMN_WORDS),
    "station": _t("MOBILIZE", "troops", FORCES),
    # RETREAT
    "withdraw": _t("RETREAT", "withdraw", weak=True), "release": _t("RETREAT", "release", weak=True),
    "resign": _t("RETREAT", "resign"), "disarm": _t("RETREAT", "disarm"),
    # people fleeing fighting (ACLED: Strategic developments / Other); forces arriving
    "flee": _t("RETREAT", "flee"), "displace": _t("RETREAT", "flee"),
    "arrive": _t("MOBILIZE", "troops", weak=True),
    # REQUEST
    "appeal": _t("REQUEST", "assist"), "urge": _t("REQUEST", "change"),
    "demand": _t("REQUEST", "change"),
    # ACCUSE
    "accuse": _t("ACCUSE", "allege"), "condemn": _t("ACCUSE", "disapprove"),
    "criticize": _t("ACCUSE", "disapprove"), "criticise": _t("ACCUSE", "disapprove"),
    "denounce": _t("ACCUSE", "disapprove"), "blame": _t("ACCUSE", "allege"),
    "investigate": _t("ACCUSE", "investigate"),
    "complain": _t("ACCUSE", "disapprove"), "sue": _t("ACCUSE", "allege"),
    "indict": _t("ACCUSE", "allege"), "charge": _t("ACCUSE", "allege", weak=True),
    "summon": _t("ACCUSE", "disapprove", weak=True), "probe": _t("ACCUSE", "investigate"),
    "outlaw": _t("COERCE", "restrict"), "reimpose": _t("COERCE", "restrict"),
    "demobilize": _t("RETREAT", "demobilize"),
    "demobilise": _t("RETREAT", "demobilize"),
    # THREATEN / REJECT
    "threaten": _t("THREATEN"), "reject": _t("REJECT"), "refuse": _t("REJECT", weak=True),
    "decline": _t("REJECT", weak=True), "renege": _t("REJECT"),
    "invade": _t("ASSAULT"), "strengthen": _t("MOBILIZE", "troops", FORCES),
    "reinforce": _t("MOBILIZE", "troops", FORCES),
    "veto": _t("REJECT"),
    # cooperation
    "agree": _t("AGREE", weak=True), "sign": _t("AGREE", weak=True),
    "meet": _t("CONSULT", weak=True), "visit": _t("CONSULT", "visit", weak=True),
    "support": _t("SUPPORT", weak=True), "praise": _t("SUPPORT"), "endorse": _t("SUPPORT"),
    "apologize": _t("CONCEDE"), "apologise": _t("CONCEDE"),
    "cooperate": _t("COOPERATE"), "donate": _t("AID"),
    "sanction": _t("SANCTION"), "convict": _t("SANCTION", "convict"),
    "sentence": _t("SANCTION", "convict", weak=True), "expel": _t("SANCTION", "expel"),
}

NOUN_TRIGGERS: dict[str, Trigger] = {
    "protest": _t("PROTEST", "demo"), "demonstration": _t("PROTEST", "demo"),
    "rally": _t("PROTEST", "demo"), "riot": _t("PROTEST", "riot"),
    "unrest": _t("PROTEST", "riot", weak=True), "sit-in": _t("PROTEST", "demo"),
    "march": _t("PROTEST", "demo", weak=True),
    "motorcade": _t("PROTEST", "demo", weak=True), "procession": _t("PROTEST", "demo", weak=True),
    "vigil": _t("PROTEST", "demo", weak=True),
    "attack": _t("ASSAULT"), "bombing": _t("ASSAULT", "explosives"),
    "explosion": _t("ASSAULT", "explosives"), "blast": _t("ASSAULT", "explosives"),
    "airstrike": _t("ASSAULT", "aerial"), "clash": _t("ASSAULT", "sideAB"),
    "shoot-out": _t("ASSAULT", "sideAB"), "shootout": _t("ASSAULT", "sideAB"),
    "gunfight": _t("ASSAULT", "sideAB"), "firefight": _t("ASSAULT", "sideAB"),
    "fighting": _t("ASSAULT", "sideAB", weak=True), "skirmish": _t("ASSAULT", "sideAB"),
    "gunfire": _t("ASSAULT", "firearms"), "shelling": _t("ASSAULT", "heavy-weapons"),
    "bombardment": _t("ASSAULT", "heavy-weapons"), "strike": _t("PROTEST", "strike", weak=True),
    "ambush": _t("ASSAULT"), "shooting": _t("ASSAULT", "firearms"),
    "massacre": _t("ASSAULT"), "kidnapping": _t("ASSAULT", "abduct"),
    "abduction": _t("ASSAULT", "abduct"), "assassination": _t("ASSAULT", "targeted"),
    "arrest": _t("COERCE", "arrest"), "detention": _t("COERCE", "arrest"),
    "crackdown": _t("COERCE", "restrict"), "curfew": _t("COERCE", "curfew"),
    "ban": _t("COERCE", "restrict", weak=True), "deployment": _t("MOBILIZE", "troops"),
    "reinforcement": _t("MOBILIZE", "troops", weak=True), "patrol": _t("MOBILIZE", "troops", weak=True),
    # military exercises held: a show of force (only armed ones: detect.MILITARY_EXERCISE)
    "exercise": _t("MOBILIZE", "troops", weak=True), "drill": _t("MOBILIZE", "troops", weak=True),
    "manoeuvre": _t("MOBILIZE", "troops", weak=True),
    "maneuver": _t("MOBILIZE", "troops", weak=True),
    "demand": _t("REQUEST", "change", weak=True), "appeal": _t("REQUEST", weak=True),
    "accusation": _t("ACCUSE", "allege"), "allegation": _t("ACCUSE", "allege", weak=True),
    "threat": _t("THREATEN", weak=True), "ultimatum": _t("THREATEN"),
    "visit": _t("CONSULT", "visit", weak=True), "talk": _t("CONSULT", weak=True),
    "sanction": _t("SANCTION", weak=True), "embargo": _t("SANCTION", weak=True),
    "investigation": _t("ACCUSE", "investigate", weak=True),
    "withdrawal": _t("RETREAT", "withdraw", weak=True),
    "displacement": _t("RETREAT", "flee", weak=True),
    "incursion": _t("ASSAULT", "sideAB"), "offensive": _t("ASSAULT", "sideAB", weak=True),
    "invasion": _t("ASSAULT"), "torture": _t("ASSAULT", "torture"),
    "projectile": _t("ASSAULT", "heavy-weapons"), "assault": _t("ASSAULT"),
    "raid": _t("ASSAULT"), "burst": _t("ASSAULT", "firearms", weak=True),
    "shot": _t("ASSAULT", "firearms", weak=True), "gunshot": _t("ASSAULT", "firearms", weak=True),
}

# Signs in a protest's sentence that the crowd turned violent (ACLED: a riot).
RIOT_CUES = frozenset({"stone", "rock", "tire", "tyre", "vandalize", "vandalise", "loot",
                       "smash", "petrol", "molotov", "pelt", "arson", "rampage", "ransack",
                       "clash", "violent", "burn", "burning", "barricade", "destroy"})
# not "damage" (crops, walls, roads); "burning" is the noun ("burning material");
# barricades are ACLED's example of a violent demonstration's road-blocking
# Words that make a seizure a change of territory (PLOVER context "territory").
TERRITORY_WORDS = ("control of", "took control", "over control", "regained control", "captur",
                   "overran", "overrun", "recaptur", "retook", "retake")

# Phrases that make a protest a riot wherever they appear near it.
RIOT_PHRASES = ("on fire", "set fire", "set alight", "torched", "burned tires", "burnt tires",
                "burning tires", "burned tyres", "burnt tyres", "burning tyres", "threw stones",
                "hurled stones", "pelted", "hurled rocks", "threw rocks", "petrol bomb",
                "setting fire", "sets fire", "set ablaze", "setting ablaze", "fist fight",
                "fistfight", "street-fight", "street fight", "forcibly", "force their way",
                "forced their way", "force themselves", "forced themselves", "forced entry")

# Taking goods by force (in an attack, a riot, or by an armed group).
LOOT_LEMMAS = frozenset({"loot", "ransack", "pillage", "plunder"})
# Crowd nouns that make a protest a riot when they are its subject.
RIOT_ACTORS = frozenset({"rioter", "mob", "looter"})
# Crowds and ordinary people: when they attack, ACLED codes mob violence.
MOB_SECTORS = frozenset({"CVL", "RIO"})

# Nouns that name a protest only with "against": "the movement against rising prices".
PROTEST_FRAMES = frozenset({"movement", "campaign", "uprising", "revolt", "outcry"})

# Multi-word or noun-phrase triggers matched on the lower-cased sentence text.
PHRASE_TRIGGERS: tuple[tuple[str, Trigger], ...] = (
    ("state of emergency", _t("COERCE", "martial-law")),
    ("martial law", _t("COERCE", "martial-law")),
    ("curfew", _t("COERCE", "curfew")),
    ("internet failure", _t("COERCE", "censor")),
    ("internet shutdown", _t("COERCE", "censor")),
    ("internet blackout", _t("COERCE", "censor")),
    ("internet outage", _t("COERCE", "censor")),
    ("internet was cut", _t("COERCE", "censor")),
    ("cut off the internet", _t("COERCE", "censor")),
    ("blocked access to", _t("COERCE", "censor")),
    ("hunger strike", _t("PROTEST", "hunger")),
    ("took to the streets", _t("PROTEST", "demo")),
    ("take to the streets", _t("PROTEST", "demo")),
    ("taking to the streets", _t("PROTEST", "demo")),
    ("staged a protest", _t("PROTEST", "demo")),
    ("sit-in", _t("PROTEST", "demo")),
    ("open fire", _t("ASSAULT", "firearms")),
    ("opened fire", _t("ASSAULT", "firearms")),
    ("exchange of fire", _t("ASSAULT", "sideAB")),
    ("exchanged fire", _t("ASSAULT", "sideAB")),
    ("set fire to", _t("COERCE", "destroy")),
    ("shot dead", _t("ASSAULT", "firearms")),
    ("shoot-out", _t("ASSAULT", "sideAB")),
    ("shootout", _t("ASSAULT", "sideAB")),
    ("fire fight", _t("ASSAULT", "sideAB")),
    ("gun fight", _t("ASSAULT", "sideAB")),
    ("gun battle", _t("ASSAULT", "sideAB")),
    ("re-captured", _t("COERCE", "seize")),
    ("re-took", _t("COERCE", "seize")),
    ("found dead", _t("ASSAULT")),
    ("gunshot wound", _t("ASSAULT", "firearms")),
    ("bursts of fire", _t("ASSAULT", "firearms")),
    ("air raid", _t("ASSAULT", "aerial")),
    ("took control of", _t("COERCE", "seize")),
    ("took over control", _t("COERCE", "seize")),
    ("taken control of", _t("COERCE", "seize")),
    ("seized control of", _t("COERCE", "seize")),
    ("regained control", _t("COERCE", "seize")),
    ("gunned down", _t("ASSAULT", "firearms")),
    ("shot and killed", _t("ASSAULT", "firearms")),
    ("set on fire", _t("ASSAULT", "destroy")),
    ("air strike", _t("ASSAULT", "aerial")),
    ("tear gas", _t("ASSAULT", "crowd-control")),
    ("road blockade", _t("PROTEST", "obstruct")), ("road block", _t("PROTEST", "obstruct")),
    # burning tyres or barricades: a crowd's violent demonstration (ACLED)
    ("burned tires", _t("PROTEST", "riot")), ("burned tyres", _t("PROTEST", "riot")),
    ("burnt tires", _t("PROTEST", "riot")), ("burnt tyres", _t("PROTEST", "riot")),
    ("burning tires", _t("PROTEST", "riot")), ("burning tyres", _t("PROTEST", "riot")),
    ("fire to tires", _t("PROTEST", "riot")), ("fire to tyres", _t("PROTEST", "riot")),
    ("barricades on fire", _t("PROTEST", "riot")),
    ("taken into custody", _t("COERCE", "arrest")),
    ("ceasefire", _t("RETREAT", "ceasefire")),
    ("on alert", _t("MOBILIZE", "alert")),
    ("ethnic cleansing", _t("ASSAULT")),
    ("called off", _t("CONCEDE")),
    ("cease-fire", _t("RETREAT", "ceasefire")),
    ("peace agreement", _t("AGREE")),
    ("peace deal", _t("AGREE")),
)

# REQUEST via "call on/for", "ask ... for": mode from the requested thing.
REQUEST_VERBS = frozenset({"call", "ask", "appeal", "urge", "demand", "request"})
REQUEST_MODES: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset({"help", "assist", "assistance", "aid", "support", "troops"}), "assist"),
    (frozenset({"resign", "resignation", "release", "withdraw", "surrender"}), "yield"),
    (frozenset({"talks", "dialogue", "meeting", "negotiations", "meet"}), "meet"),
)

# PLOVER codes events between political actors: verbal and cooperative events need at
# least one participant from these sectors (or a state), so that "residents were asked to
# recycle" or "the team agreed a pay freeze" are not coded.
POLITICAL_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "REB", "PRO", "RIO", "IGO",
                               "PKO", "PTY", "MLT", "SPY", "OPP", "UAF", "SOC", "CRM"})
MATERIAL_CONFLICT = frozenset({"PROTEST", "ASSAULT", "COERCE", "MOBILIZE"})

# Words in a sentence that mark the trigger as reported speech of intent, not fact.
HYPOTHETICAL_HEADS = frozenset({
    "threaten", "plan", "vow", "consider", "propose", "intend", "want", "may", "might",
    "could", "would", "should", "hope", "seek", "prepare", "promise", "pledge", "warn",
    "demand", "urge", "request", "appeal",  # requested, not done
    "fear", "anticipate", "expect", "avert", "prevent",  # feared or forestalled, not done
})
# "a possible attack", "the planned march": not (yet) an event
HYPOTHETICAL_MODIFIERS = frozenset({"possible", "potential", "feared", "likely", "imminent",
                                    "impending", "planned", "proposed", "threatened"})
MODAL_WORDS = frozenset({"may", "might", "could", "would", "should", "can"})
