"""Verbs of diplomacy and cooperation (PLOVER quad classes 1-3), from the PLOVER manual.

``OBJECT_SENSES`` holds verbs whose event type depends on what they take: "give aid" is
AID, "hold talks" CONSULT, "impose sanctions" SANCTION, "lift a curfew" CONCEDE.
"""

from __future__ import annotations

from eventwire.coding.lexicon import Trigger, _t

AID_OBJECTS = ("aid", "assistance", "grant", "grants", "loan", "loans", "money", "dollars",
               "funds", "funding", "food", "medicine", "medicines", "supplies", "equipment",
               "relief", "asylum", "arms", "weapons", "intelligence", "support", "goods",
               "vaccines", "vaccine", "shelter", "credit", "million", "billion", "tons",
               "material", "help")
TALK_OBJECTS = ("talks", "meeting", "meetings", "negotiations", "discussions", "consultations",
                "summit", "conference", "dialogue", "session", "visit", "mediation")
DEAL_OBJECTS = ("agreement", "agreements", "accord", "accords", "treaty", "deal", "pact",
                "protocol", "memorandum", "consensus", "ceasefire", "truce", "understanding",
                "compromise", "settlement", "formula", "plan")
INFO_OBJECTS = ("information", "intelligence", "evidence", "expertise", "data", "technology",
                "experience", "knowledge")
TIES_OBJECTS = ("ties", "relations", "links", "contacts", "embassy", "cooperation")
# Security measures a state imposes (ACLED: Strategic developments).
MEASURE_OBJECTS = ("lockdown", "curfew", "quarantine", "restrictions", "ban", "bans",
                   "closure", "cordon", "blockade")
# What armed groups build when they dig in, and the bases they set up.
FORTIFY_OBJECTS = ("fortification", "fortifications", "position", "positions", "trench",
                   "trenches", "checkpoint", "checkpoints", "barricade", "barricades",
                   "roadblock", "roadblocks", "outpost", "outposts")
# Movement a state halts: entries, departures, traffic (a security measure).
MOVEMENT_OBJECTS = ("entries", "entry", "departures", "movement", "traffic")
BASE_OBJECTS = ("base", "bases", "headquarters", "camp", "camps", "garrison", "barracks",
                "post", "posts", "airbase")
# Property whose destruction is an event of its own (ACLED: property destruction).
PROPERTY_OBJECTS = ("house", "houses", "home", "homes", "building", "buildings", "shop", "shops",
                    "store", "stores", "vehicle", "vehicles", "car", "cars", "crop", "crops",
                    "field", "fields", "property", "properties", "school", "schools", "church",
                    "churches", "mosque", "mosques", "office", "offices", "hut", "huts", "farm",
                    "farms", "scheme", "plant", "plantation", "bridge", "tower", "market",
                    "equipment", "machinery", "excavator", "excavators", "truck", "trucks",
                    "tractor", "tractors", "bulldozer", "bulldozers", "tent", "tents", "shelter",
                    "shelters", "depot", "depots", "warehouse", "warehouses", "hideout",
                    "hideouts", "boat", "boats", "motorcycle", "motorcycles", "barn", "barns",
                    "airstrip", "airstrips", "laboratory", "laboratories", "lab", "labs",
                    "stadium")
EXPLOSIVE_OBJECTS = ("ied", "ieds", "mine", "mines", "landmine", "landmines", "bomb", "bombs",
                     "explosive", "explosives", "device", "devices")
REMOTE_WEAPONS = ("artillery", "mortar", "mortars", "rocket", "rockets", "missile", "missiles",
                  "explosive", "explosives", "bomb", "bombs", "drone", "drones", "ied", "ieds",
                  "grenade", "grenades", "dynamite", "shells")
# Trees and plants whose cutting or uprooting destroys someone's livelihood.
TREE_OBJECTS = ("tree", "trees", "seedling", "seedlings", "sapling", "saplings", "vine", "vines",
                "orchard", "orchards", "grove", "groves")
# What a state can silence: a paper's publication, a station's broadcasts.
PRESS_OBJECTS = ("publication", "broadcast", "broadcasts", "broadcasting", "transmission",
                 "transmissions")
# Visitors one receives (PLOVER CONSULT, host): delegations, envoys, missions.
VISITOR_OBJECTS = ("delegation", "delegations", "mission", "missions", "envoy", "envoys",
                   "emissary", "visitor", "visitors", "delegate", "delegates", "counterpart")
RESTRICTION_OBJECTS = ("ban", "bans", "curfew", "restrictions", "sanctions", "embargo",
                       "blockade", "siege", "state", "emergency", "law", "measures", "limits")

VERBAL_TRIGGERS: dict[str, Trigger] = {
    # AGREE: agree to, offer, promise, or otherwise commit to cooperate
    "accept": _t("AGREE", weak=True), "promise": _t("AGREE"), "pledge": _t("AGREE"),
    "offer": _t("AGREE", weak=True), "consent": _t("AGREE"), "vow": _t("AGREE", weak=True),
    "ratify": _t("AGREE"),
    # CONSULT
    "telephone": _t("CONSULT", "phone"), "phone": _t("CONSULT", "phone"),
    "host": _t("CONSULT", "visit", weak=True), "negotiate": _t("CONSULT"),
    "mediate": _t("CONSULT", "third-party"), "confer": _t("CONSULT"),
    "discuss": _t("CONSULT", weak=True), "welcome": _t("SUPPORT", weak=True),
    # SUPPORT
    "back": _t("SUPPORT", weak=True), "commend": _t("SUPPORT"), "hail": _t("SUPPORT"),
    "defend": _t("SUPPORT", weak=True), "applaud": _t("SUPPORT"), "forgive": _t("SUPPORT"),
    "congratulate": _t("SUPPORT"), "recognize": _t("SUPPORT", weak=True),
    # CONCEDE
    "concede": _t("CONCEDE"), "pardon": _t("CONCEDE"), "ease": _t("CONCEDE", weak=True),
    "relent": _t("CONCEDE"),
    # COOPERATE
    "collaborate": _t("COOPERATE"), "extradite": _t("COOPERATE"), "coordinate": _t("COOPERATE"),
    # AID
    "evacuate": _t("AID", weak=True), "rescue": _t("AID"), "shelter": _t("AID"),
    # RETREAT
    "surrender": _t("RETREAT", "disarm"), "retreat": _t("RETREAT", "withdraw"),
    "demobilize": _t("RETREAT", "disarm"), "free": _t("RETREAT", "release", weak=True),
    # REQUEST
    "request": _t("REQUEST"), "seek": _t("REQUEST", weak=True), "plead": _t("REQUEST"),
    "press": _t("REQUEST", weak=True), "petition": _t("REQUEST"),
    # ACCUSE
    "allege": _t("ACCUSE", "allege"), "charge": _t("ACCUSE", "allege", weak=True),
    "deplore": _t("ACCUSE", "disapprove"), "decry": _t("ACCUSE", "disapprove"),
    "probe": _t("ACCUSE", "investigate"), "slam": _t("ACCUSE", "disapprove"),
    "protest": _t("PROTEST", "demo"), "chide": _t("ACCUSE", "disapprove"),
    "rebuke": _t("ACCUSE", "disapprove"), "attack": _t("ASSAULT"),
    # REJECT
    "decline": _t("REJECT", weak=True), "rebuff": _t("REJECT"), "dismiss": _t("REJECT", weak=True),
    "oppose": _t("REJECT", weak=True), "deny": _t("REJECT", weak=True), "boycott": _t("PROTEST", "boycott"),
    # THREATEN
    "warn": _t("THREATEN", weak=True), "menace": _t("THREATEN"),
    # SANCTION
    "embargo": _t("SANCTION"), "sever": _t("SANCTION", "discontinue", weak=True),
    # COERCE in cyberspace
    "hack": _t("COERCE", "cyber"), "deface": _t("COERCE", "cyber"),
}

OBJECT_SENSES: dict[str, tuple[tuple[tuple[str, ...], Trigger], ...]] = {
    "give": ((AID_OBJECTS, _t("AID")), (("welcome",), _t("CONSULT", "visit"))),
    "provide": ((AID_OBJECTS, _t("AID")),),
    "send": ((AID_OBJECTS, _t("AID")),),
    "deliver": ((AID_OBJECTS, _t("AID")),),
    "hand": ((AID_OBJECTS, _t("AID")),),
    "grant": ((AID_OBJECTS, _t("AID")), (("amnesty", "pardon", "concessions"), _t("CONCEDE"))),
    "hold": ((TALK_OBJECTS, _t("CONSULT")),),
    "launch": ((TALK_OBJECTS, _t("CONSULT", "third-party")),
               (("investigation", "inquiry", "probe"), _t("ACCUSE", "investigate"))),
    "undertake": ((TALK_OBJECTS, _t("CONSULT", "third-party")),),
    "renew": ((TALK_OBJECTS, _t("CONSULT")),),
    "open": ((BASE_OBJECTS, _t("MOBILIZE", "base")), (TALK_OBJECTS, _t("CONSULT")),
             (("investigation", "inquiry"), _t("ACCUSE", "investigate")),
             (("border", "borders"), _t("CONCEDE"))),
    "reach": ((DEAL_OBJECTS, _t("AGREE")),),
    "sign": ((DEAL_OBJECTS, _t("AGREE")),),
    "conclude": ((DEAL_OBJECTS, _t("AGREE")),),
    "broker": ((DEAL_OBJECTS, _t("AGREE")),),
    "share": ((INFO_OBJECTS, _t("COOPERATE")),),
    "exchange": ((INFO_OBJECTS + ("prisoners", "ambassadors"), _t("COOPERATE")),),
    "establish": ((TIES_OBJECTS, _t("SUPPORT")), (BASE_OBJECTS, _t("MOBILIZE", "base")),
                  (FORTIFY_OBJECTS, _t("MOBILIZE", "fortify"))),
    "build": ((BASE_OBJECTS, _t("MOBILIZE", "base")), (FORTIFY_OBJECTS, _t("MOBILIZE", "fortify"))),
    "construct": ((BASE_OBJECTS, _t("MOBILIZE", "base")),
                  (FORTIFY_OBJECTS, _t("MOBILIZE", "fortify"))),
    "erect": ((FORTIFY_OBJECTS, _t("MOBILIZE", "fortify")),),
    # "installed a new base", "set up a camp", "turned the schools into barracks"
    "install": ((BASE_OBJECTS, _t("MOBILIZE", "base")), (FORTIFY_OBJECTS, _t("MOBILIZE", "fortify"))),
    "set": ((BASE_OBJECTS, _t("MOBILIZE", "base")), (FORTIFY_OBJECTS, _t("MOBILIZE", "fortify"))),
    "place": ((FORTIFY_OBJECTS, _t("MOBILIZE", "fortify")),),  # "placed two checkpoints"
    # "used artillery to bombard areas", "used explosives in a robbery": the weapon was used
    # (its kind decides the mode: hit_rules.refined_mode); not tear gas, batons or force
    "use": ((REMOTE_WEAPONS, _t("ASSAULT")),),
    "transform": ((BASE_OBJECTS, _t("MOBILIZE", "base")),),
    "convert": ((BASE_OBJECTS, _t("MOBILIZE", "base")),),
    "turn": ((BASE_OBJECTS, _t("MOBILIZE", "base")),),
    "dig": ((FORTIFY_OBJECTS, _t("MOBILIZE", "fortify")),),
    # property destroyed; explosives destroyed before use (crosswalk: disrupted weapons use)
    "destroy": ((PROPERTY_OBJECTS + EXPLOSIVE_OBJECTS, _t("COERCE", "destroy")),),
    "demolish": ((PROPERTY_OBJECTS, _t("COERCE", "destroy")),),
    "raze": ((PROPERTY_OBJECTS, _t("COERCE", "destroy")),),
    # "troops burned down a hut", "members burned the main house and three tractors"
    "burn": ((PROPERTY_OBJECTS, _t("COERCE", "destroy")),),
    "declare": ((MEASURE_OBJECTS, _t("COERCE", "restrict")),
                (("ceasefire", "truce"), _t("RETREAT", "ceasefire"))),
    "restore": ((TIES_OBJECTS, _t("SUPPORT")),),
    "upgrade": ((TIES_OBJECTS, _t("SUPPORT")),),
    "normalize": ((TIES_OBJECTS, _t("SUPPORT")),),
    "cut": ((TIES_OBJECTS + ("aid",), _t("SANCTION", "discontinue")),
            (TREE_OBJECTS, _t("COERCE", "destroy"))),  # "cut down 30 olive trees"
    "suspend": ((TIES_OBJECTS + ("aid", "talks", "membership", "flights", "links"),
                 _t("SANCTION", "discontinue")),
                (PRESS_OBJECTS, _t("COERCE", "censor"))),  # "ordered the paper to suspend publication"
    # "received a delegation of observers": a visit hosted
    "receive": ((VISITOR_OBJECTS, _t("CONSULT", "host")),),
    "halt": ((MOVEMENT_OBJECTS, _t("COERCE", "restrict")),
             (TIES_OBJECTS + ("aid", "talks", "links", "flights", "mediation"),
              _t("SANCTION", "discontinue"))),
    # "announced a lockdown", "announced the mandatory use of face masks"
    "announce": ((MEASURE_OBJECTS + ("mask", "masks"), _t("COERCE", "restrict")),),
    "prohibit": ((("aid", "exports", "imports", "trade", "entry", "flights"),
                  _t("SANCTION", "discontinue")),),
    "freeze": ((TIES_OBJECTS + ("assets", "aid", "accounts"), _t("SANCTION")),),
    "recall": (((("ambassador", "envoy", "diplomats")), _t("SANCTION", "withdraw")),),
    "impose": ((("sanctions", "embargo", "tariffs", "penalties"), _t("SANCTION")),
               (MEASURE_OBJECTS, _t("COERCE", "restrict"))),
    "enforce": ((MEASURE_OBJECTS, _t("COERCE", "restrict")),),
    "extend": ((MEASURE_OBJECTS + ("emergency",), _t("COERCE", "restrict")),),
    "introduce": ((MEASURE_OBJECTS, _t("COERCE", "restrict")),),
    "lift": ((("blockade", "siege"), _t("RETREAT")), (RESTRICTION_OBJECTS, _t("CONCEDE"))),
    "tighten": ((RESTRICTION_OBJECTS + ("grip", "security", "controls"), _t("COERCE", "restrict")),),
    "contribute": ((("troops", "forces", "soldiers", "peacekeepers", "police") + AID_OBJECTS,
                    _t("AID")),),
    "ease": ((RESTRICTION_OBJECTS + ("curbs", "controls"), _t("CONCEDE")),),
    "relax": ((RESTRICTION_OBJECTS + ("curbs", "controls"), _t("CONCEDE")),),
    "shorten": ((RESTRICTION_OBJECTS, _t("CONCEDE")),),
    "cancel": ((RESTRICTION_OBJECTS, _t("CONCEDE")),
               (("visit", "trip", "talks", "meeting", "summit"), _t("SANCTION", "discontinue"))),
    "end": ((RESTRICTION_OBJECTS, _t("CONCEDE")),
            (("mediation", "talks", "cooperation", "aid", "efforts"), _t("SANCTION", "discontinue"))),
    "reduce": ((TIES_OBJECTS + ("aid", "supplies", "assistance", "funding"),
                _t("SANCTION", "discontinue")),),
    "reiterate": ((("demand", "demands", "call", "appeal"), _t("REQUEST")),),
    "allow": ((("return", "access", "inspectors", "entry", "observers", "aid", "participation"),
               _t("CONCEDE")),),
    "call": ((("minister", "president", "counterpart", "leader", "premier"), _t("CONSULT", "phone")),),
    "return": ((("weapons", "territory", "land", "prisoners", "bodies"), _t("RETREAT", "release")),),
    "pull": ((("troops", "forces", "soldiers"), _t("RETREAT", "withdraw")),),
    "expel": ((("ambassador", "diplomats", "diplomat", "envoy"), _t("SANCTION", "expel")),),
}
