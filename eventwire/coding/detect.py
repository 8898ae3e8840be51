"""Find event triggers in a parsed sentence and the noun phrases around them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from eventwire.coding.lexicon import (
    NOUN_TRIGGERS,
    PHRASE_TRIGGERS,
    PROTEST_FRAMES,
    REQUEST_MODES,
    REQUEST_VERBS,
    RIOT_ACTORS,
    VERB_TRIGGERS,
    Trigger,
)
from eventwire.coding.actors import SECTOR_NOUNS
from eventwire.coding.mentions import about_a_persons_past, charged_with, standing_or_asked
from eventwire.coding.arguments import (
    PASSIVE_SUBJECTS,
    SPEECH_VERBS,
    SUBJECTS,
    arguments,
    expand_conj,
)
from eventwire.coding.organisations import find as find_organisation
from eventwire.coding.verbal import BASE_OBJECTS, OBJECT_SENSES, VERBAL_TRIGGERS
from eventwire.coding.weapons import WEAPON_LEMMAS

COLUMNS = frozenset({"column", "convoy", "reinforcement"})  # forces on the move
ARMED_GROUP_SECTORS = frozenset({"REB", "MLT", "CRM"})  # joined by defectors (not "the army")
MONTH_NAMES = frozenset({"March", "May"})  # capitalised, these are months, not verbs
HAPPEN_VERBS = frozenset({"erupt", "break", "take", "spread", "begin", "start", "continue",
                          "hold", "complete", "make", "issue", "reiterate", "insist", "press",
                          "voice", "express", "pay", "speed", "order",
                          "arrive", "reach", "send", "deploy", "dispatch", "bring", "conduct",
                          "carry", "launch",
                          "hold", "stage", "organize", "organise", "face", "occur", "turn",
                          "escalate", "rock", "hit", "see", "trigger", "spark", "report",
                          "declare", "impose", "extend", "lift", "announce", "be", "do",
                          "perform", "lead"})


@dataclass(slots=True, kw_only=True)
class Hit:
    """One trigger occurrence: the token that anchors it and what the parse says."""

    token: Any  # spaCy Token (the verb or noun)
    trigger: Trigger
    mode: str | None
    subjects: list[Any] = field(default_factory=list)  # noun tokens
    objects: list[Any] = field(default_factory=list)
    agent: list[Any] = field(default_factory=list)  # "by X" / "at the hands of X"


def find_hits(sent: Any) -> list[Hit]:
    """All trigger hits in one spaCy sentence span (headings without a verb have none)."""
    hits: list[Hit] = []
    if not any(t.pos_ in ("VERB", "AUX") for t in sent):
        return hits
    for tok in sent:
        hit = _verb_hit(tok) or _noun_hit(tok) or _must_hit(tok) or _rioters_hit(tok)
        if hit is not None:
            hits.append(hit)
        if hit is None or hit.trigger.event_type == "REQUEST":
            crowd = _gathering(tok)  # "protesters demanded ...": a demand and a protest
            if crowd is not None:
                hits.append(crowd)
    hits.extend(_phrase_hits(sent, {h.token.i for h in hits}))
    protests = [h for h in hits if h.trigger.event_type == "PROTEST"]
    if any(h.token.lemma_.lower() not in CROWD_DEMANDS for h in protests):
        # "workers held a protest demanding their pay": the demand is that protest's
        hits = [h for h in hits if not (
            h.trigger.event_type == "PROTEST" and h.token.lemma_.lower() in CROWD_DEMANDS
            and not any(t.lemma_.lower() in PROTESTERS for t in h.subjects))]
    return hits


CALLED_OFF = frozenset({"postpone", "cancel", "delay", "suspend", "defer", "adjourn"})
GATHER_VERBS = frozenset({"gather", "assemble", "congregate", "converge", "mass"})
PURPOSE_VERBS = frozenset({"demand", "protest", "call", "denounce", "demonstrate", "reject",
                           "condemn", "oppose", "press", "urge", "voice", "express", "march",
                           "decry", "claim", "ask", "seek", "show", "support", "pressure",
                           "defend"})
PROTEST_CAUSES = frozenset({"protest", "rejection", "solidarity", "opposition", "defiance",
                            "support", "demonstration"})
PROTESTERS = frozenset({"protester", "protestor", "demonstrator", "marcher", "picketer"})
CROWD_DEMANDS = REQUEST_VERBS | {"denounce", "condemn"}  # "protesters demanded ..."
# What protesters do at a protest: "protesters shouted at the official", "chanted slogans"
PROTEST_ACTS = frozenset({"shout", "chant", "sing", "carry", "wave", "hold", "raise", "march",
                          "occupy", "boo", "heckle", "display", "brandish", "whistle"})
# "air strike", "terrorist strike", "US strikes": an attack, not a walk-out
ARMED_STRIKES = {"air": "aerial", "aerial": "aerial", "drone": "aerial", "missile": "heavy-weapons",
                 "rocket": "heavy-weapons", "artillery": "heavy-weapons", "terrorist": None,
                 "terror": None, "military": None, "militant": None, "retaliatory": None,
                 "surgical": None, "precision": None, "nuclear": None}


# People who press demands as a crowd ("workers of a construction company demanded their
# wages": ACLED's protest), unlike an organisation or an official issuing a statement.
ORDINARY_CROWDS = frozenset({"worker", "employee", "resident", "farmer", "student", "trader",
                             "merchant", "vendor", "driver", "nurse", "teacher", "villager",
                             "miner", "fisherman", "labourer", "laborer", "inhabitant",
                             "neighbour", "neighbor", "pensioner", "retiree", "parent"})


def _ordinary_crowd(tok: Any) -> bool:
    return tok.tag_ == "NNS" and tok.lemma_.lower() in ORDINARY_CROWDS and tok.ent_type_ != "ORG"


def _purpose_told_beside(tok: Any) -> bool:
    """"Gathered in the square, to march in demand of ...", "gathered in Rashayya, held up
    photographs and condemned the policy": the purpose as "to" and a noun the small
    parser made of the verb, or as a verb joined to the gathering by "and"."""
    if any(c.dep_ == "prep" and c.lower_ == "to" and any(
            g.dep_ == "pobj" and g.lemma_.lower() in PURPOSE_VERBS for g in c.children)
           for c in tok.children):
        return True
    joined, frontier = [], [tok]
    while frontier:  # the verbs of a chain of "and ... and ..."
        nxt = [c for t in frontier for c in t.children if c.dep_ == "conj" and c.pos_ == "VERB"]
        joined += nxt
        frontier = nxt
    return any(v.lemma_.lower() in PURPOSE_VERBS for v in joined)


def _to_infinitive(verb: Any) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _purpose_below(tok: Any) -> bool:
    """"gathered ..., to commemorate the day and denounce ...", "gathered ... during a
    visit of the minister to demand ...": a purpose verb in the gathering's clause, as "to"
    and a verb, or joined by "and" to one (wherever the small parser hung it)."""
    return any(t.pos_ == "VERB" and t.lemma_.lower() in PURPOSE_VERBS and (
        _to_infinitive(t) or t.dep_ == "conj" and _to_infinitive(t.head))
        for t in tok.subtree if t.i > tok.i)


def _gathering(tok: Any) -> Hit | None:
    """A crowd gathering to demand or in protest is a protest ("workers gathered at the
    square to demand their wages", "hundreds gathered in rejection of the vote"); and
    protesters demanding something have protested."""
    lemma = tok.lemma_.lower()
    if tok.pos_ != "VERB" or lemma not in GATHER_VERBS | CROWD_DEMANDS | PROTEST_ACTS:
        return None  # (checked first: this runs for every verb of every sentence)
    subjects, objects, agent = arguments(tok)
    heads = subjects + [g for s in subjects for c in s.children if c.lower_ == "of"
                        for g in c.children if g.dep_ == "pobj"]  # "hundreds of protesters"
    by_protesters = any(h.lemma_.lower() in PROTESTERS for h in heads) or (
        lemma in CROWD_DEMANDS and any(_ordinary_crowd(h) for h in heads))
    if lemma in GATHER_VERBS:
        purpose = any(c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in PURPOSE_VERBS
                      for c in tok.children) or _purpose_below(tok) or any(
            c.dep_ == "prep" and (c.lower_ == "against" or c.lower_ == "in" and any(
                g.lemma_.lower() in PROTEST_CAUSES for g in c.children)) for c in tok.children) \
            or _purpose_told_beside(tok)
        if not (purpose or by_protesters):
            return None
    elif not by_protesters or lemma in PROTEST_ACTS and any(
            c.dep_ == "auxpass" for c in tok.children):
        return None
    trig = Trigger(event_type="PROTEST", mode="demo")
    return Hit(token=tok, trigger=trig, mode="demo", subjects=subjects, objects=[], agent=agent)


def _verb_hit(tok: Any) -> Hit | None:
    if tok.pos_ not in ("VERB", "AUX") and tok.tag_ not in ("VBN", "VBD"):
        return None
    lemma = tok.lemma_.lower()
    trig = VERB_TRIGGERS.get(lemma) or VERBAL_TRIGGERS.get(lemma)
    if trig is None or trig.needs_object:
        trig = _object_sense(tok, lemma) or trig
    if lemma in REQUEST_VERBS:
        req = _request_hit(tok)
        if req is not None:
            return req
    if trig is None and lemma == "fire":
        trig = _firing(tok)
    if trig is None and lemma in PROJECTILE_VERBS:
        trig = _projectiles(tok, lemma)
    if lemma in ("close", "shut", "barricade") and _crowd_closes_road(tok):
        trig = Trigger(event_type="PROTEST", mode="obstruct")  # "residents closed the RN11"
    if trig is None and lemma == "execute" and _people_executed(tok):
        trig = Trigger(event_type="ASSAULT")  # "soldiers executed two herders"
    if trig is not None and lemma in ("fight", "combat", "battle", "tackle") and any(
            c.dep_ == "dobj" and c.lemma_.lower() in ABSTRACT_FOES for c in tok.children):
        return None  # "measures to fight the coronavirus pandemic"
    if lemma in ("throw", "hurl") and _stones_at(tok):
        trig = Trigger(event_type="ASSAULT", mode="primitive")  # as "pelted police with stones"
    if trig is None and lemma in ("leave", "respond", "return"):
        trig = _violent_outcome(tok, lemma)
    if trig is None and lemma == "enter" and any(
            c.dep_ in SUBJECTS and c.lemma_.lower() in COLUMNS for c in tok.children):
        trig = Trigger(event_type="MOBILIZE", mode="troops")  # "a military column entered"
    if lemma in ("return", "arrive") and (any(
            c.dep_ in SUBJECTS and c.lemma_.lower() in MOVERS for c in tok.children) or (
            tok.dep_ == "acl" and tok.head.lemma_.lower() in MOVERS)):  # (parsed "migrants
        # returned" as a noun and its participle)
        trig = Trigger(event_type="RETREAT", mode="flee")  # "210 migrants returned from Peru"
    if lemma == "evacuate" and not any(c.dep_ == "dobj" for c in tok.children) and any(
            c.lemma_.lower() in PEOPLE_WHO_LEAVE for c in tok.children
            if c.dep_ in SUBJECTS + ("nsubjpass",)):
        trig = Trigger(event_type="RETREAT", mode="flee")  # "400 families evacuated"
    if trig is None and lemma == "join" and tok.tag_ in ("VBD", "VBZ", "VBP") and \
            _joins_armed_group(tok):  # not "charges of joining IS", "went to join"
        trig = Trigger(event_type="MOBILIZE")  # fighters changing sides: a defection
    if lemma == "use" and trig is not None and (tok.tag_ == "VBG" or any(
            k.lower_ in ("smoke", "stun", "tear", "sound") for c in tok.children
            if c.dep_ == "dobj" for k in c.children)):
        return None  # "attacked a patrol using grenades" is the attack; smoke bombs harm no one
    if trig is not None and trig.mode == "base" and not _founds_base(tok, lemma):
        return None  # "opened fire near the base", "set fire to a camp"
    if trig is None or _imperative(tok) or tok.text in MONTH_NAMES:
        return None
    if trig.event_type == "COERCE" and trig.mode in ("restrict", "curfew") and \
            tok.dep_ == "relcl" and tok.tag_ == "VBN":
        return None  # "cigarettes that had been banned under the lockdown": in force before
    if lemma == "storm" and any(c.dep_ == "prt" for c in tok.children):
        return None  # "stormed out of the hospital"
    if tok.dep_ == "amod" and tok.tag_ == "VBN" and tok.i < tok.head.i:
        return None  # "the return of the looted funds": a state, no event told
        # ("two clashing groups" still tells one)
    if lemma == "blow" and not any(c.dep_ == "prt" and c.lower_ == "up" for c in tok.children):
        return None  # "blew up a railway track", not "blew the whistle"
    subjects, objects, agent = arguments(tok)
    if _struck_mine(tok, lemma):
        subjects, objects = [], subjects  # "an army vehicle struck an IED": the vehicle is hit
    if trig.intransitive and any(c.dep_ == "dobj" for c in tok.children):
        return None
    named = {o.lemma_.lower() for o in objects} | {o.text.lower() for o in objects}
    if trig.needs_object:  # "improvised explosive devices": what the object is made of
        named |= {c.lemma_.lower() for o in objects for c in o.children
                  if c.dep_ == "amod"}
    if trig.event_type == "ASSAULT":  # "fired mortars at the positions of X": X is hit
        objects = [o for o in objects if o.lemma_.lower() not in WEAPON_LEMMAS] + _targets([tok])
    if trig.mode == "sideAB":  # "workers clashed with police": the other side
        objects += expand_conj([g for c in tok.children if c.dep_ == "prep" and c.lower_ in (
            "with", "against") for g in c.children if g.dep_ == "pobj"])
    obj_lemmas = named | {o.lemma_.lower() for o in objects} | {o.text.lower() for o in objects}
    if lemma == "block" and any(_road_number(o) for o in objects):
        obj_lemmas.add("road")  # "blocked the RN 12", "blocked National Highway 44"
    if trig.needs_object and not (obj_lemmas & trig.needs_object):
        return None
    if trig.weak and not (subjects or objects or agent):
        return None
    return Hit(token=tok, trigger=trig, mode=trig.mode, subjects=subjects, objects=objects,
               agent=agent)


ROAD_NUMBER = re.compile(r"^[A-Z]{1,3}-?\d{1,4}[A-Z]?$")  # N7, RN12, NH-44


def _road_number(tok: Any) -> bool:
    """A road named by its number: "the RN 12", "the N7", "Highway 44"."""
    return ROAD_NUMBER.match(tok.text) is not None or (tok.text[:1].isupper() and any(
        c.dep_ == "nummod" and c.i > tok.i for c in tok.children))


def _must_hit(tok: Any) -> Hit | None:
    """'X said Y must do Z': a demand (PLOVER REQUEST)."""
    if tok.pos_ not in ("VERB", "AUX") or not any(
            c.dep_ == "aux" and c.lower_ == "must" for c in tok.children):
        return None
    head = tok.head
    if tok.dep_ != "ccomp" or head.lemma_.lower() not in SPEECH_VERBS:
        return None
    subjects, _, agent = arguments(head)
    objects = [c for c in tok.children if c.dep_ in SUBJECTS]
    trig = Trigger(event_type="REQUEST", mode="change")
    return Hit(token=head, trigger=trig, mode="change", subjects=subjects, objects=objects,
               agent=agent)


RIOTERS = RIOT_ACTORS - {"mob"}  # (a mob's attack is mob violence: merge.CROWD_ATTACK)
RIOTERS_DEEDS = frozenset({"damage", "burn", "smash", "vandalize", "vandalise", "wreck", "break",
                           "destroy", "set", "throw", "hurl", "ransack", "block", "storm"})
CROWD_DAMAGE = RIOTERS_DEEDS - {"block", "storm"}


PROJECTILES = frozenset({"rocket", "missile", "shell", "mortar", "projectile", "bomb",
                         "katyusha", "grenade", "drone", "barrel"})
MINES = frozenset({"ied", "mine", "landmine", "explosive", "device"})  # set off by their target
PROJECTILE_VERBS = frozenset({"fall", "land", "hit", "strike", "slam", "launch", "drop",
                              "fire"})


def _projectiles(tok: Any, lemma: str) -> Trigger | None:
    """Weapons sent or landing: "rockets fell near the airport", "a shell hit a house",
    "launched two ballistic missiles", "aircraft dropped bombs". The weapon decides the
    mode later (hit_rules.refined_mode)."""
    role = ("nsubj",) if lemma in ("fall", "land", "hit", "strike", "slam") else ("dobj",)
    if lemma == "hit":
        role = ("nsubj", "pobj")  # "a house was hit by a shell"
    words = {c.lemma_.lower() for c in tok.children if c.dep_ in role}
    words |= {g.lemma_.lower() for c in tok.children if c.dep_ == "agent" for g in c.children}
    if lemma in ("hit", "strike"):  # "hit by a roadside IED"
        words |= {t.lemma_.lower() for c in tok.children if c.dep_ == "agent"
                  for g in c.children for t in g.subtree} & MINES
    hit = words & (PROJECTILES | MINES) or _struck_mine(tok, lemma)
    return Trigger(event_type="ASSAULT") if hit else None


# What one executes that is no person: "executed the plan", "executed a warrant"
EXECUTED_THINGS = frozenset({"plan", "order", "operation", "strategy", "project", "warrant",
                             "contract", "agreement", "program", "programme", "task", "mission",
                             "duty", "policy", "decision", "deal", "transfer", "payment",
                             "budget", "sentence", "attack", "raid", "ambush", "strike", "move",
                             "manoeuvre", "maneuver", "exercise", "drill", "search"})


def _people_executed(tok: Any) -> bool:
    taken = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    return bool(taken) and all(c.lemma_.lower() not in EXECUTED_THINGS and c.pos_ in (
        "NOUN", "PROPN", "NUM", "PRON") and c.lemma_.lower() not in NOUN_TRIGGERS for c in taken)


ROADS = frozenset({"road", "highway", "street", "route", "bridge", "junction", "motorway",
                   "avenue", "crossing", "expressway"})


def _crowd_closes_road(tok: Any) -> bool:
    """"Residents closed the RN11", "workers barricaded roads": a crowd (not the police)
    closing a road is a road blockade, ACLED's protest."""
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    heads = subjects + [g for s in subjects for c in s.children if c.lower_ == "of"
                        for g in c.children if g.dep_ == "pobj"]
    if not any(_ordinary_crowd(h) or h.lemma_.lower() in PROTESTERS for h in heads):
        return False
    return any(c.dep_ == "dobj" and (c.lemma_.lower() in ROADS or _road_number(c))
               for c in tok.children)


# What one fights that is no party: "to fight the pandemic", "fight corruption"
ABSTRACT_FOES = frozenset({"pandemic", "virus", "coronavirus", "covid", "covid-19", "disease",
                           "epidemic", "outbreak", "corruption", "crime", "poverty", "fire",
                           "blaze", "hunger", "inflation", "unemployment", "drug", "trafficking",
                           "impunity", "spread", "locust", "malaria", "cancer", "climate",
                           "illiteracy", "smuggling", "extremism", "terrorism"})
STONES = frozenset({"stone", "rock", "brick", "bottle", "stick"})


def _stones_at(tok: Any) -> bool:
    """"threw stones at police": stones thrown at someone (not "threw stones" alone, which
    only makes a protest violent)."""
    if any(t.lemma_.lower() in RIOTERS | PROTESTERS for t in arguments(tok)[0]):
        return False  # rioters' or protesters' stones are their riot (_rioters_hit)
    return any(c.dep_ == "dobj" and c.lemma_.lower() in STONES for c in tok.children) and any(
        c.dep_ == "prep" and c.lower_ == "at" for c in tok.children)


def _struck_mine(tok: Any, lemma: str) -> bool:
    """"An army vehicle struck an IED": the mine is the object, the vehicle its target."""
    return lemma in ("hit", "strike") and any(
        c.dep_ == "dobj" and c.lemma_.lower() in MINES for c in tok.children)


def _violent_outcome(tok: Any, lemma: str) -> Trigger | None:
    """"An operation against IS left 2 militants dead": killing told by its outcome; "the
    forces responded to the fire": fire both ways."""
    near = [t for t in tok.subtree if t.head.i == tok.i or t.head.head.i == tok.i]
    if lemma == "leave" and any(t.lower_ in ("dead", "injured", "wounded") and t.pos_ == "ADJ"
                                for t in near):
        return Trigger(event_type="ASSAULT")
    if lemma in ("respond", "return") and any(
            t.lemma_.lower() in ("fire", "gunfire", "attack") and t.dep_ in ("pobj", "dobj")
            for t in near):
        return Trigger(event_type="ASSAULT", mode="sideAB")
    return None


def _rioters_hit(tok: Any) -> Hit | None:
    """"Rioters damaged the facade of a bank", "the demonstrators destroyed the posts": a
    riot, though no word of the sentence names a protest or a trigger of its own."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in RIOTERS_DEEDS:
        return None
    if tok.lemma_.lower() == "set" and not any(t.lower_ in ("fire", "ablaze", "alight", "afire")
                                               for t in tok.subtree):
        return None  # "set out on a march"
    subjects, objects, agent = arguments(tok)
    doers = {s.lemma_.lower() for s in subjects + agent}
    if not doers & RIOTERS and not (doers & PROTESTERS and tok.lemma_.lower() in CROWD_DAMAGE):
        return None  # protesters who block a road or storm a building may yet be peaceful
    trig = Trigger(event_type="PROTEST", mode="riot")
    return Hit(token=tok, trigger=trig, mode="riot", subjects=subjects + agent, objects=objects)


FINDING_VERBS = frozenset({"find", "discover", "recover", "dump", "retrieve", "unearth",
                           "exhume", "abandon"})
BODY_NOUNS = frozenset({"body", "corpse"})  # a killing found (also hit_rules.bodies_folded)
HUMAN_REMAINS = frozenset({"head", "skull", "bone", "remains", "torso", "limb"})


def _remains_found(tok: Any, lemma: str) -> bool:
    """"The body of a man was found", "a human head was found", "human remains were
    discovered": a violent death found (ACLED: an attack, its perpetrator unknown).
    Bones and heads only when told as human; the finding verb also as the sentence's root
    when the small parser hangs the body elsewhere."""
    if lemma == "remain":
        lemma = tok.lower_  # (the lemmatizer makes "remains" the verb's)
    if lemma not in BODY_NOUNS | {"cadaver"} and not (
            lemma in HUMAN_REMAINS and any(c.lower_ in ("human", "severed", "male", "female")
                                           for c in tok.children if c.dep_ in ("amod", "compound"))):
        return False
    root = tok.sent.root
    return tok.head.lemma_.lower() in FINDING_VERBS or (
        root.lemma_.lower() in FINDING_VERBS and any(c.dep_ == "auxpass" for c in root.children)
        and not any(c.dep_ == "nsubjpass" and c.i != tok.i for c in root.children))


def _noun_hit(tok: Any) -> Hit | None:
    if tok.pos_ != "NOUN" or tok.ent_type_ in ("ORG", "PERSON", "WORK_OF_ART", "DATE", "EVENT"):
        return None
    if tok.text[:1].isupper() and tok.i > tok.sent.start:  # "March 15", "Arab Spring"
        return None
    if any(c.dep_ == "amod" and c.lower_ in ("previous", "past", "earlier", "former", "prior")
           for c in tok.children):
        return None  # "ordnance from previous fighting", "past attacks": background
    if tok.dep_ == "pobj" and tok.head.lower_ == "by" and tok.head.head.lemma_.lower() in (
            "back", "support", "assist", "aid", "cover"):
        return None  # "an operation backed by airstrikes": support of the operation told
    if tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text == ":" and all(
            t.text[:1].isupper() for t in tok.doc[tok.sent.start: tok.i + 1]):
        return None  # a heading ("Arrests: On 8 May, ..."), not an event
    lemma = tok.lemma_.lower()
    trig = NOUN_TRIGGERS.get(lemma)
    if trig is not None and trig.event_type in ("COERCE", "MOBILIZE") and standing_or_asked(tok):
        return None
    if trig is not None and trig.event_type == "PROTEST" and (
            about_a_persons_past(tok) or charged_with(tok)):
        return None  # "a man who died of an injury he got during riots in Tripoli"
    if trig is None and "/" in lemma:  # "explosions/bursts", "projectiles/explosions"
        parts = [p.rstrip("s") for p in lemma.split("/")]
        trig = next((NOUN_TRIGGERS[p] for p in parts if p in NOUN_TRIGGERS), None)
    if trig is None and _remains_found(tok, lemma):
        trig = Trigger(event_type="ASSAULT")  # "the body of a man was found"
    if trig is None and lemma == "fire" and any(
            c.lemma_.lower() in WEAPON_LEMMAS | {"heavy", "live", "sniper"} for c in tok.children):
        trig = Trigger(event_type="ASSAULT", mode="firearms")  # "artillery fire", "heavy fire"
    if trig is None and lemma in PROTEST_FRAMES and any(
            c.dep_ == "prep" and c.lower_ == "against" for c in tok.children):
        trig = Trigger(event_type="PROTEST", mode="demo")
    if lemma == "strike":
        trig = _armed_strike(tok) or trig
    if lemma in EXERCISES and not any(c.lemma_.lower() in MILITARY_EXERCISE for c in tok.children):
        return None  # "a fire drill", "an exercise in futility"
    if trig is None:
        return None
    head = tok.head
    if trig.weak and head.lemma_.lower() not in HAPPEN_VERBS and tok.dep_ != "pobj":
        return None
    if tok.dep_ in ("compound", "amod"):
        return None
    if tok.dep_ in ("dobj", "nsubjpass") and (head.lemma_.lower() in CALLED_OFF or (
            head.lemma_.lower() == "call" and any(c.lower_ == "off" for c in head.children))):
        return None  # "agreed to postpone the demonstration": none took place
    subjects = [c for c in tok.children if c.dep_ in ("compound", "amod", "poss")
                and c.pos_ in ("NOUN", "PROPN")]
    objects = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("against", "on")
               for g in c.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN", "PRON")
               and g.ent_type_ not in ("DATE", "TIME")]  # "a visit on Wednesday": no party
    if trig.event_type == "ASSAULT" and objects and not any(_concrete(o) for o in objects):
        return None  # "an attack on media freedom"
    of_args = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
               for g in c.children if g.dep_ == "pobj"]
    by_args = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "by"
               for g in c.children if g.dep_ == "pobj"]  # "an attack by a mob": the doer
    if trig.event_type == "PROTEST":
        of_args += by_args
    else:
        subjects.extend(expand_conj(by_args))
    between = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "between"]
    if not between and head.lemma_.lower() in HAPPEN_VERBS:  # "clashes erupted between A and B"
        between = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "between"]
    subjects.extend(expand_conj([g for c in between for g in c.children if g.dep_ == "pobj"]))
    if not subjects and tok.dep_ == "dobj" and head.lemma_.lower() in DOER_VERBS:
        subjects = arguments(head)[0]  # "forces carried out airstrikes": the forces struck
    if not subjects and trig.event_type == "CONSULT" and tok.dep_ == "pobj" and \
            head.lower_ in ("on", "for") and head.head.pos_ == "VERB":
        subjects = arguments(head.head)[0]  # "arrived on a visit", "flew in for talks"
    (subjects if trig.event_type == "PROTEST" else objects).extend(expand_conj(of_args))
    return Hit(token=tok, trigger=trig, mode=trig.mode, subjects=subjects, objects=objects)


# People whose return or arrival in a group is displacement (ACLED: Strategic developments,
# Other), and people who evacuate (leave) rather than evacuate others.
MOVERS = frozenset({"refugee", "migrant", "returnee", "deportee", "evacuee", "asylum-seeker"})
PEOPLE_WHO_LEAVE = MOVERS | frozenset({"family", "resident", "villager", "civilian",
                                       "inhabitant", "household", "people"})
EXERCISES = frozenset({"exercise", "drill", "manoeuvre", "maneuver"})
MILITARY_EXERCISE = frozenset({"military", "naval", "army", "joint", "war", "live-fire", "combat",
                               "tactical", "air"})
DOER_VERBS = frozenset({"conduct", "carry", "launch", "stage", "mount", "wage", "perform",
                        "execute", "undertake", "unleash", "complete", "begin", "start",
                        "finish", "resume"})


def _armed_strike(tok: Any) -> Trigger | None:
    """'air strikes', 'a terrorist strike', 'US strikes': an attack (a labour strike has
    no armed or national modifier)."""
    for c in tok.children:
        if c.dep_ not in ("compound", "amod", "nmod", "poss"):
            continue
        word = c.lemma_.lower()
        if word in ARMED_STRIKES:
            return Trigger(event_type="ASSAULT", mode=ARMED_STRIKES[word])
        if c.ent_type_ in ("GPE", "NORP") and c.dep_ != "poss":
            return Trigger(event_type="ASSAULT")
    return None


def _phrase_hits(sent: Any, taken: set[int]) -> list[Hit]:
    lowered = sent.text.lower()
    out = []
    for phrase, trig in PHRASE_TRIGGERS:
        pos = lowered.find(phrase)
        if pos < 0:
            continue
        tok = sent.doc.char_span(sent.start_char + pos, sent.start_char + pos + len(phrase),
                                 alignment_mode="expand")
        if tok is None or any(t.i in taken for t in tok):
            continue
        anchor = tok.root
        if trig.mode in ("martial-law", "curfew") and not _imposed(anchor):
            continue  # "amid the curfew", "violating the state of emergency": context only
        if trig.mode == "ceasefire" and _broken(anchor):
            continue  # "ceasefire violations", "the end of the ceasefire": no agreement
        verb = _governing_verb(anchor) or sent.root
        subjects, objects, agent = arguments(verb)
        if trig.event_type == "ASSAULT":  # "opened fire on the crowd"
            objects = objects + _targets([verb, *tok])
        out.append(Hit(token=anchor, trigger=trig, mode=trig.mode, subjects=subjects,
                       objects=[o for o in objects if o.i not in range(tok.start, tok.end)],
                       agent=agent))
    return out


TARGET_NOUNS = frozenset({"base", "post", "checkpoint", "convoy", "village", "town", "city",
                          "house", "home", "school", "church", "mosque", "market", "vehicle",
                          "camp", "position", "station", "office", "building", "bus", "car",
                          "truck", "patrol", "residence", "hospital", "farm", "shop", "store",
                          "headquarters", "compound", "area", "district", "border", "target",
                          "site", "airbase", "airport", "depot", "hideout", "room", "plane",
                          "aircraft", "hill", "front", "frontline", "neighbourhood",
                          "neighborhood", "road", "bridge", "facility", "outpost", "barracks",
                          "group", "element", "vicinity", "outskirts", "surroundings",
                          "periphery", "locality", "region", "zone", "port", "harbour", "harbor",
                          "garrison", "warehouse", "factory", "plant", "gathering"})


def _concrete(tok: Any) -> bool:
    """Can this be the target of a physical attack (people, places, buildings, forces)?"""
    lemma = tok.lemma_.lower()
    return tok.ent_type_ in ("GPE", "LOC", "FAC", "ORG", "NORP", "PERSON") or (
        lemma in SECTOR_NOUNS or lemma in TARGET_NOUNS or tok.pos_ == "PRON") or any(
        g.pos_ == "PROPN" for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
        for g in c.children if g.dep_ == "pobj")  # "the premises of Sanaa University"


IMPOSING = frozenset({"declare", "impose", "extend", "announce", "introduce", "order",
                      "proclaim", "reimpose", "expand", "tighten"})  # not "enforce": routine


BREAKING = frozenset({"violation", "breach", "end", "collapse", "violate", "break", "abandon",
                      "scrap"})


def _broken(anchor: Any) -> bool:
    """Is the truce named as broken or ended ("ceasefire violations", "the end of the
    ceasefire", "violated the truce")?"""
    head = anchor.head
    if head.dep_ == "prep":
        head = head.head
    return head.lemma_.lower() in BREAKING


def _imposed(anchor: Any) -> bool:
    """Is the measure being declared or imposed here (not merely mentioned)?"""
    head = anchor.head
    for _ in range(3):
        if head.lemma_.lower() in IMPOSING:
            return True
        if head.head is head:
            return False
        head = head.head
    return False


def _targets(tokens: list[Any]) -> list[Any]:
    """What was fired at or attacked: 'at/on/upon/against X'."""
    found = [g for t in tokens for c in t.children if c.dep_ == "prep"
             and c.lower_ in ("at", "on", "upon", "against") for g in c.children if g.dep_ == "pobj"
             and g.ent_type_ not in ("DATE", "TIME")]  # "On 4 May, X attacked": no target
    return expand_conj(found)


# Verbs whose object must be what they act on, not a place in a phrase after them ("the fire
# burned for hours in the market" destroys no market).
DIRECT_OBJECT_ONLY = frozenset({"burn", "use"})


def _object_sense(tok: Any, lemma: str) -> Trigger | None:
    """'give aid' -> AID, 'hold talks' -> CONSULT: the object decides the sense."""
    senses = OBJECT_SENSES.get(lemma)
    if not senses or lemma == "set" and not any(
            c.dep_ == "prt" and c.lower_ == "up" for c in tok.children):
        return None  # "set up checkpoints", not "set barricades on fire"
    words = {c.lemma_.lower() for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "dative")}
    words |= {c.lower_ for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "dative")}
    words |= {k.lower_ + c.lower_ for c in tok.children if c.dep_ in ("dobj", "nsubjpass")
              for k in c.children if k.dep_ == "compound"}  # "check points", "road blocks"
    if lemma not in DIRECT_OBJECT_ONLY:
        words |= {g.lower_ for c in tok.children if c.dep_ in ("dobj", "prt", "prep")
                  for g in c.subtree}
    for objects, trig in senses:
        if words & set(objects):
            return trig
    return None


# Plain nouns for an armed group one can join ("joined the rebels", "joined its ranks").
ARMED_RANKS = frozenset({"rebel", "insurgent", "militant", "militia", "guerrilla", "jihadist",
                         "ranks", "insurgency", "rebellion"})


def _joins_armed_group(tok: Any) -> bool:
    """"35 soldiers joined the Taliban", "fighters joined the ranks of the SDF": the
    object is an armed group (a named one of organisations.py, or a plain word for one)."""
    for obj in (c for c in tok.children if c.dep_ == "dobj"):
        words = list(obj.subtree)
        if any(w.lemma_.lower() in ARMED_RANKS for w in words):
            return True
        named = find_organisation(words)
        if named is not None and named[0].sector in ARMED_GROUP_SECTORS:
            return True
    return False


def _founds_base(tok: Any, lemma: str) -> bool:
    """Is a base itself what is set up ("installed a base", "set up a camp", "turned the
    schools into barracks"), not something near what the verb acts on?"""
    taken = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    taken += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "into"
              for g in c.children if g.dep_ == "pobj"]
    return any(t.lower_ in BASE_OBJECTS for t in taken)


def _firing(tok: Any) -> Trigger | None:
    """'fired mortars at', 'fired on the crowd' (not 'fired the minister')."""
    preps = {c.lower_ for c in tok.children if c.dep_ == "prep"}
    objs = {c.lemma_.lower() for c in tok.children if c.dep_ == "dobj"}
    fired = tok.head.lemma_.lower() if tok.dep_ in ("acl", "relcl") else ""  # "shells fired by"
    if preps & {"at", "on", "upon", "into"} or (objs | {fired}) & WEAPON_LEMMAS:
        return Trigger(event_type="ASSAULT", mode="firearms")
    return None


def _governing_verb(tok: Any) -> Any:
    """The verb a phrase hangs on ('took' for 'took to the streets'), or None."""
    cur = tok
    for _ in range(4):
        if cur.pos_ in ("VERB", "AUX"):
            return cur
        if cur.head is cur:
            return None
        cur = cur.head
    return None


def _imperative(tok: Any) -> bool:
    """'For tickets, call Gordy': a base-form root verb without a subject."""
    return tok.tag_ == "VB" and tok.dep_ == "ROOT" and not any(
        c.dep_ in SUBJECTS + PASSIVE_SUBJECTS for c in tok.children)


def _request_hit(tok: Any) -> Hit | None:
    """'called on Russia to help', 'asked X for restraint', 'appealed to X'."""
    if _imperative(tok):
        return None
    words = {t.lemma_.lower() for t in tok.subtree}
    if tok.lemma_.lower() == "call" and not ({"on", "for", "upon"} & {c.lower_ for c in tok.children}):
        return None
    mode = "change"
    for vocab, m in REQUEST_MODES:
        if words & vocab:
            mode = m
            break
    subjects, objects, agent = arguments(tok)
    objects += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("on", "to", "upon")
                for g in c.children if g.dep_ == "pobj"]
    trig = Trigger(event_type="REQUEST", mode=mode)
    return Hit(token=tok, trigger=trig, mode=mode, subjects=subjects, objects=objects, agent=agent)
