"""Sentence-level rules on trigger hits, applied before events are built.

Each rule is a codebook convention: accidents are not attacks; weapons decide an attack's
mode; a protest is a riot only when the crowd itself turns violent; verbal events need a
political actor; "killed in the riots" makes the riot the setting of the killing; victims
reported after an event, with nothing of their own, belong to that event.
"""

from __future__ import annotations

import re
from typing import Any

from eventwire.coding.crosswalk import ARMED_SECTORS
from eventwire.coding.detect import BODY_NOUNS, Hit
from eventwire.coding.lexicon import (
    LOOT_LEMMAS,
    MATERIAL_CONFLICT,
    POLITICAL_SECTORS,
    RIOT_ACTORS,
    RIOT_CUES,
    RIOT_PHRASES,
)
from eventwire.coding.weapons import (
    PRIMITIVE_LEMMAS,
    WEAPON_LEMMAS,
    WEAPON_RANK,
    small_arms,
    weapon_class,
)
from eventwire.records import Actor, Doc, Event

ARMED_WORDS = frozenset({"soldier", "troop", "force", "militant", "rebel", "gunman", "police",
                         "officer", "fighter", "militia", "raider", "bandit", "assailant",
                         "attacker", "insurgent", "jihadist"})


ACCIDENT_LEMMAS = frozenset({"leak", "spill", "collapse", "electrocute", "electrocution",
                            "crash", "wreck", "accident", "collision", "collide", "overturn",
                            "derail", "drown", "blaze", "tornado", "hurricane", "storm", "flood",
                            "earthquake", "landslide", "avalanche", "lightning", "overdose"})


WARNING_SHOTS = re.compile(r"\b(?:in|into|to) the air\b|\bwarning shots?\b|\baerial firing\b")
# Who policing shots in the air are meant for; without them, warning shots are a show of
# force (border guards firing in the air), which ACLED codes Strategic developments/Other.
# Crowds that are a gathering by their name; other people need a cue of policing (crowd_in)
GATHERED_CROWDS = frozenset({"crowd", "protester", "protestor", "demonstrator", "protest",
                             "demonstration", "mob", "rioter", "gathering"})
CROWD_WORDS = GATHERED_CROWDS | {"people", "student", "worker", "resident", "villager",
                                 "supporter", "worshipper", "group"}
# Things beaten in protest (pots and pans): no one is assaulted.
NOISE_OBJECTS = frozenset({"utensil", "pot", "pan", "drum", "plate", "thali", "casserole",
                           "bucket", "tin", "gong"})


def crowd_in(sent: Any) -> bool:
    """Does the sentence name a crowd that shots in the air could be meant for? Not people
    going about their work near a border ("while villagers were herding their cattle"),
    unless the sentence says they were dispersed or protesting."""
    if any(t.lemma_.lower() in GATHERED_CROWDS for t in sent):
        return True
    return any(t.lemma_.lower() in CROWD_WORDS or t.ent_type_ == "NORP" for t in sent) and \
        any(t.lemma_.lower() in CONTROL_CUES and t.pos_ in ("VERB", "NOUN") for t in sent)


CONTROL_CUES = frozenset({"disperse", "scatter", "control", "calm", "protest", "demonstrate",
                          "gather", "rally", "march", "chase", "stop", "prevent", "block",
                          "storm", "clash", "riot", "crowd", "agitate"})


def warning_shots(sent: Any) -> bool:
    return WARNING_SHOTS.search(sent.text.lower()) is not None


def noise_making(hit: Hit) -> bool:
    """'protesting by beating utensils': a protest, not an assault."""
    return hit.trigger.event_type == "ASSAULT" and bool(hit.objects) and all(
        o.lemma_.lower() in NOISE_OBJECTS for o in hit.objects)


def accident(hit: Hit, sent: Any, actors: list[Actor]) -> bool:
    """'19-year-old killed in fiery crash', 'a fire killed two': harm with no attacker."""
    if hit.trigger.event_type != "ASSAULT" or actors:
        return False
    if any(tok.lemma_.lower() in ACCIDENT_LEMMAS for tok in sent):
        return True
    lowered = sent.text.lower()
    return any(p in lowered for p in ("fire broke out", "caught fire", "house fire", "fire engulfed",
                                      "fire gutted", "fire destroyed"))


# fire both ways: a clash ("the police shot back", "soldiers responded with their guns")
_WITH_GUNS = r"with (their )?(guns|gunfire|fire|weapons)\b"
RETURN_FIRE = re.compile(r"both directions|exchange of fire|\b(shot|fired|shoot|fire|shooting|"
                         r"firing) back\b|\breturn(ed|ing)? (the )?fire\b|\b(responded|reacted) "
                         + _WITH_GUNS + r"|\b(responded|reacted) to "
                         r"(the )?(\w+ )?(shelling|attack|fire)\b|\bshelling exchange|"
                         r"\bexchange(d)? (of )?shelling\b|\bkilled (\w+ ){0,4}suicide bombers?\b")
# the same told in the next sentence: "... threw a grenade at the checkpoint. Soldiers reacted
# with gunfire."
RETURN_FIRE_AFTER = re.compile(r"^[^.]*\b(responded|reacted|retaliated) " + _WITH_GUNS)


def next_sentence(sent: Any) -> Any:
    """The sentence after ``sent`` in its document, or None at the end."""
    return sent.doc[sent.end].sent if sent.end < len(sent.doc) else None


def _answered_next(sent: Any) -> bool:
    after = next_sentence(sent)
    return after is not None and RETURN_FIRE_AFTER.search(after.text.lower()) is not None


def refined_mode(hit: Hit, sent: Any) -> str | None:
    """Weapons decide an attack's mode; violence in a protest's sentence makes it a riot."""
    etype, mode = hit.trigger.event_type, hit.mode
    lowered = sent.text.lower()
    if etype == "ASSAULT" and (RETURN_FIRE.search(lowered) or _answered_next(sent)):
        return "sideAB"  # fire both ways is a clash
    if etype == "ASSAULT" and warning_shots(sent) and not any(
            t.lemma_.lower() in ("kill", "injure", "wound", "die", "dead") for t in sent):
        if crowd_in(sent):
            return "crowd-control"  # "shot in the air to regain control": policing, no attack
        return "firearms"  # warning shots at a border: a show of force (crosswalk: Other)
    if etype == "ASSAULT" and mode in (None, "firearms", "explosives", "heavy-weapons"):
        found = weapon_class(sent.text)
        if found is not None and (mode is None or WEAPON_RANK[found[0]] < WEAPON_RANK.get(mode, 9)):
            return found[0]
    if etype == "ASSAULT" and mode is None and property_only(hit, sent):
        return "destroy"  # "an arson attack targeting a factory": property destruction
    if etype == "PROTEST" and mode in ("demo", "obstruct") and (
            hit.token.lemma_.lower() == "barricade" or crowd_violence(hit, sent) or any(
                t.lemma_.lower() in RIOT_ACTORS for t in hit.subjects)):
        return "riot"
    return mode


PROPERTY_NOUNS = frozenset({"building", "dormitory", "mall", "plant", "factory", "shop",
                            "store", "office", "house", "home", "vehicle", "car", "truck",
                            "bus", "tractor", "machinery", "tree", "crop", "field", "school",
                            "church", "mosque", "temple", "shrine", "bank", "atm", "gate",
                            "property", "facility", "warehouse", "depot", "market", "kiosk",
                            "tower", "mast", "pipeline", "bridge", "farm", "hotel",
                            "restaurant", "monument", "statue", "billboard", "equipment",
                            "domicile", "residence", "antenna"})
ARSON_CUES = ("arson", "set fire", "set on fire", "on fire", "set ablaze", "torched",
              "material damage", "property damage", "cut down", "vandalis", "vandaliz")
HARM_LEMMAS = frozenset({"kill", "injure", "wound", "die", "hurt", "dead", "death",
                         "casualty", "hostage", "kidnap", "abduct", "beat", "shoot", "stab",
                         "rape", "fatality", "injury", "victim"})


# Harm told as absent: "no casualties reported", "neither injuries nor fatalities".
NO_HARM = re.compile(r"\b(?:no|neither|nor|without|zero)\s+(?:\w+\s+)?(?:casualt|injur|fatalit|"
                     r"deaths?\b|victims?\b)|\b(?:no one|nobody|no-one)\b", re.IGNORECASE)


def harmless(sent: Any) -> bool:
    """Nobody is killed, hurt, held or shot at in the sentence (harm told as absent does
    not count), and no gun is named."""
    if small_arms(sent.text):
        return False
    denials = list(NO_HARM.finditer(sent.text))
    denied = {t.i for m in denials for t in sent
              if m.start() <= t.idx - sent.start_char < m.end()}
    if any(m.group(0).lower() in ("no one", "nobody", "no-one") for m in denials):
        denied |= {t.i for t in sent if t.pos_ == "VERB"}  # "no one was hurt"
    return not any(t.lemma_.lower() in HARM_LEMMAS and t.i not in denied for t in sent)


def property_only(hit: Hit, sent: Any) -> bool:
    """An attack on things, not people: its targets are buildings, vehicles or crops, or
    it is an arson, and nobody is killed, hurt, held or shot at in the sentence or the
    next, no explosive went off, and the vehicle or post is no force's ("ambushed an army
    vehicle": a fight)."""
    after = next_sentence(sent)
    if not harmless(sent) or (after is not None and not harmless(after)):
        return False
    if weapon_class(sent.text + " " + (after.text if after is not None else "")) is not None:
        return False  # "attacked pipelines ... set off explosive devices": a bombing
    if any(c.lemma_.lower() in ARMED_WORDS | {"military", "army", "police"}
           for o in hit.objects for c in o.subtree):
        return False
    targets = [o.lemma_.lower() for o in hit.objects]
    lowered = sent.text.lower()
    return bool(targets) and all(t in PROPERTY_NOUNS for t in targets) or any(
        c in lowered for c in ARSON_CUES)


GRIEVANCE_WORDS = frozenset({"against", "over", "about", "demand", "demanding", "accuse",
                             "accused", "accusing", "call", "calling", "condemn", "denounce",
                             "protest", "detention", "arrest", "release", "due", "because",
                             "deplore", "mourn", "reaction", "response", "after", "following"})
SOLIDARITY = frozenset({"solidarity", "sympathy"})  # "in solidarity with the protest in Brest"
GRIEVANCE_MARKS = GRIEVANCE_WORDS | SOLIDARITY  # what a place in a protest's purpose hangs on
CAUSE_MARKS = frozenset({"after", "because", "since", "as"})  # "... after a gendarme shot X"
CLAIM_VERBS = frozenset({"claim", "allege"})
GRIEVANCE_HOSTS = frozenset({"PROTEST", "ACCUSE"})  # events whose cause is named with them
CROWD_SUBJECTS = frozenset({"protester", "protestor", "demonstrator", "they", "rioter", "crowd",
                            "participant", "youth", "resident", "mob", "student", "worker",
                            "prisoner", "inmate", "people", "villager", "local", "trader",
                            "citizen", "inhabitant"})


def crowd_violence(hit: Hit, sent: Any) -> bool:
    """Did the crowd itself turn violent (stones, fire, looting) in this or the next
    sentence? Violence named in the grievance ('against the arrest of activists accused of
    vandalising a bank') does not count."""
    if any(c.dep_ == "amod" and c.lower_ in ("violent", "riotous") for c in hit.token.children):
        return True  # "a second day of violent demonstrations"
    if _crowd_strikes(hit, sent):
        return True  # "traders demonstrated ... and attacked the task force"
    tokens = [t for t in sent if t.i != hit.token.i and not in_grievance(t, hit.token)]
    doc = sent.doc
    nxt = next_sentence(sent)
    prev = doc[sent.start - 1].sent if sent.start > 0 else None
    for other in (prev, nxt):  # the crowd's own deeds told just before or after
        if other is not None and _scuffle(other):
            return True  # "... There was a small scuffle with counter-demonstrators."
        if other is not None and (_crowd_subject(other) or _damage_without_agent(other)):
            tokens += list(other)
    text = " ".join(t.text for t in tokens).lower()
    tokens = [t for t in tokens if not _symbolic_burning(t) and not _not_the_crowds(t)]
    return any(t.lemma_.lower() in RIOT_CUES and (t.dep_ != "amod" or (
        t.lemma_.lower() == "burn" and t.tag_ == "VBG"))  # "burning tyres", not "a burnt
               # transformer" (a past state)
               and not (t.pos_ == "PROPN" or t.ent_type_ in ("GPE", "LOC", "FAC", "ORG"))
               and not _blocked_with(t)
               for t in tokens) or any(p in text for p in RIOT_PHRASES)  # not Tyre, Lebanon


def _blocked_with(tok: Any) -> bool:
    """'blocked the road with stones': stones laid, not thrown."""
    return tok.dep_ == "pobj" and tok.head.lower_ == "with" and tok.head.head.lemma_.lower() in (
        "block", "barricade", "close", "seal", "obstruct")


CROWD_BLOWS = frozenset({"attack", "assault", "fire", "shoot", "beat", "stone", "stab", "hack"})


def _crowd_strikes(hit: Hit, sent: Any) -> bool:
    """Do the protesters themselves attack or fire, told with a verb whose subject they
    are (or that is joined to the protest verb by "and")? "Traders demonstrated ... and
    attacked the task force", "soldiers staged a demonstration and fired shots in the air"."""
    crowd = {t.i for t in hit.subjects}
    if not crowd or hit.trigger.event_type != "PROTEST":
        return False
    verb = hit.token if hit.token.pos_ in ("VERB", "AUX") else hit.token.head
    for tok in sent:
        if tok.lemma_.lower() not in CROWD_BLOWS or tok.pos_ != "VERB" or tok.i == hit.token.i:
            continue
        subjects = {c.i for c in tok.children if c.dep_ == "nsubj"}
        if subjects & crowd or (not subjects and tok.dep_ == "conj" and tok.head.i == verb.i):
            return True
        if not subjects and tok.dep_ == "pcomp" and tok.head.lower_ == "by" and \
                tok.head.head.i == verb.i and not any(
                    c.lemma_.lower() in NOISE_OBJECTS for c in tok.children if c.dep_ == "dobj"):
            return True  # "soldiers demonstrated by firing their weapons into the air" (not
            # "protesting by beating utensils")
    return False


POLICE_LEMMAS = frozenset({"police", "policeman", "policemen", "officer", "gendarme",
                           "gendarmerie", "security", "force", "troop", "soldier", "army",
                           "guard", "cop", "authority"})
INTERVENE_LEMMAS = frozenset({"intervene", "interfere", "disperse", "detain", "arrest",
                              "remove", "evict", "expel", "chase", "beat", "repel", "drag",
                              "stop", "prevent", "clear", "break", "round", "baton-charge",
                              "lathicharge", "tear-gas", "teargas", "manhandle"})
INTERVENE_PHRASES = ("baton charge", "baton-charge", "lathi charge", "lathi-charge",
                     "lathicharge", "tear gas", "teargas", "water cannon", "rubber bullet",
                     "in the air", "into the air", "pepper spray", "stun grenade")
POLICED_LOOKAHEAD = 2  # sentences after the protest's own that can tell its policing


def policed(hit: Hit, sent: Any) -> bool:
    """Did police or troops intervene in the protest (disperse, detain, remove, tear gas,
    baton charges, shots in the air), in its own sentence or the next two? ACLED codes
    such a protest 'with intervention'. The grievance ('against the arrest of ...') and
    arrests by anyone else do not count."""
    if hit.trigger.event_type != "PROTEST":
        return False
    doc = sent.doc
    spans = [[t for t in sent if not in_grievance(t, hit.token)]]
    end = sent.end
    for _ in range(POLICED_LOOKAHEAD):
        if end >= len(doc):
            break
        nxt = doc[end].sent
        spans.append(list(nxt))
        end = nxt.end
    for tokens in spans:
        if any(_police_did(t) for t in tokens):
            return True
        text = " ".join(t.text for t in tokens).lower()
        if any(p in text for p in INTERVENE_PHRASES) and any(
                t.lemma_.lower() in POLICE_LEMMAS for t in tokens):
            return True
    return False


def _police_did(tok: Any) -> bool:
    """An intervention verb whose doer (subject, 'by' agent, or the subject of the verb
    it is coordinated with) is the police or troops."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in INTERVENE_LEMMAS:
        return False
    if tok.lemma_.lower() in ("break", "round") and not any(
            c.dep_ == "prt" and c.lower_ == "up" for c in tok.children):
        return False  # "broke up the march", "rounded up protesters"; not "broke windows"
    verb = tok
    doers = [c for c in verb.children if c.dep_ == "nsubj"]
    doers += [g for c in verb.children if c.dep_ == "agent" for g in c.children
              if g.dep_ == "pobj"]
    if not doers and _crowd_arrested(tok):
        return True  # "15 demonstrators were arrested": by the police, unless told otherwise
    while not doers and verb.dep_ in ("conj", "xcomp") and verb.head is not verb:
        verb = verb.head
        doers = [c for c in verb.children if c.dep_ == "nsubj"]
    return any(_names_police(d) for d in doers)


def _names_police(tok: Any) -> bool:
    """"police", "security forces", "a police team": the police or troops."""
    return tok.lemma_.lower() in POLICE_LEMMAS or any(
        c.lemma_.lower() in POLICE_LEMMAS for c in tok.children if c.dep_ == "compound")


ARRESTED_CROWDS = frozenset({"protester", "protestor", "demonstrator", "participant",
                             "marcher", "rioter", "they", "some", "several", "many", "dozen",
                             "dozens", "one"})


def _crowd_arrested(tok: Any) -> bool:
    """"At least one protester was arrested", "The 42 were detained", "dozens of them were
    arrested": the crowd (not someone else) arrested, told in the passive with no doer."""
    if tok.lemma_.lower() not in ("arrest", "detain") or not any(
            c.dep_ == "auxpass" for c in tok.children):
        return False
    return any(c.dep_ == "nsubjpass" and (c.lemma_.lower() in ARRESTED_CROWDS or c.pos_ == "NUM")
               for c in tok.children)


SYMBOLS = frozenset({"effigy", "effigies", "flag", "flags", "poster", "posters", "copy",
                     "copies", "photo", "photos", "picture", "pictures", "portrait"})


def _not_the_crowds(tok: Any) -> bool:
    """"Pollution destroyed their crops", "teachers barricaded themselves in an office": a
    destruction someone else did, a barricade that blocks no road."""
    lemma = tok.lemma_.lower()
    if lemma == "destroy":
        return not any(c.dep_ == "nsubj" and c.lemma_.lower() in CROWD_SUBJECTS
                       for c in tok.children)
    return lemma == "barricade" and any(c.lower_ in ("themselves", "himself", "herself")
                                        for c in tok.children)


def _symbolic_burning(tok: Any) -> bool:
    """'burnt the effigy of the minister': a protest ritual, not violence (ACLED)."""
    return tok.lemma_.lower() in ("burn", "torch") and any(
        c.lower_ in SYMBOLS for c in tok.children if c.dep_ in ("dobj", "nsubjpass"))


COLLECTIVES = frozenset({"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands",
                         "group", "number", "scores"})


def _crowd_subject(sent: Any) -> bool:
    """A sentence whose subject is a crowd ("dozens of residents burned tyres")."""
    for t in sent:
        if t.dep_ not in ("nsubj", "nsubjpass") and not (t.dep_ == "ROOT" and any(
                c.dep_ == "acl" and c.tag_ in ("VBD", "VBN") for c in t.children)):
            continue  # (the small parser hangs "a group of citizens built ..." on the noun)
        heads = [t] + ([g for c in t.children if c.lower_ == "of" for g in c.children
                        if g.dep_ == "pobj"] if t.lemma_.lower() in COLLECTIVES else [])
        if any(h.lemma_.lower() in CROWD_SUBJECTS for h in heads):
            return True
    return False


SCUFFLES = frozenset({"clash", "scuffle", "skirmish"})


def crowd_scuffle(hit: Hit, before: list[Event]) -> bool:
    """"They protested outside the ministry. Clashes with the police broke out.": clashes
    with no side named of their own, in the sentence after a crowd's protest, are that
    protest turning violent (crowd_violence makes it a riot), not a battle."""
    if hit.token.lemma_.lower() not in SCUFFLES or \
            hit.token.pos_ != "NOUN" or not before or before[-1].event_type != "PROTEST":
        return False
    if not _told_just_before(hit, before[-1]):
        return False  # the protest was told earlier in the article
    sides = [t for t in hit.subjects + hit.objects if t.lemma_.lower() not in POLICE_LEMMAS]
    return not sides


def fight_policed(hit: Hit, before: list[Event]) -> bool:
    """"Inmates clashed inside the prison. The guards intervened to disperse the mob.":
    police dispersing the crowd of a fight or attack told just before is the end of that
    event, not a protest of its own."""
    if hit.trigger.mode != "crowd-control" or not before or \
            before[-1].event_type != "ASSAULT" or before[-1].mode == "crowd-control":
        return False
    if HARM_OF_ITS_OWN.search(hit.token.sent.text):
        return False  # "police fired to disperse mobs pelting stones; one was killed"
    return _told_just_before(hit, before[-1])


def _told_just_before(hit: Hit, event: Event) -> bool:
    """Is ``event`` told in the hit's sentence or the one before it?"""
    sent = hit.token.sent
    prev = sent.doc[sent.start - 1].sent if sent.start > 0 else sent
    return any(prev.start_char <= e.start < sent.end_char for e in event.evidence)


HARM_OF_ITS_OWN = re.compile(r"\b(?:kill\w*|dead|died|injur\w*|wound\w*|pelt\w*|stones?|"
                             r"fired|firing|shot|shoot\w*)\b", re.IGNORECASE)


def abduction_of_victim(hit: Hit, before: list[Event]) -> bool:
    """"The body of a woman was found ... She was abducted on 1 May.", "a man who was
    abducted by gunmen on 24 April was found dead": a kidnapping told as what befell the
    victim of the killing reported is part of that killing (ACLED codes the one event)."""
    if hit.trigger.mode != "abduct" or not before or before[-1].event_type != "ASSAULT" or \
            before[-1].mode == "abduct":
        return False
    tok = hit.token
    return tok.dep_ in ("relcl", "acl") or any(c.dep_ in ("auxpass", "nsubjpass")
                                               for c in tok.children)


def _claimed_by_a_crowd(hit: Hit) -> bool:
    """"families who claim their children have been kidnapped by the PKK continued their
    sit-in": harm a crowd says it suffered, in a clause about the crowd. The parser may
    hang the claim on the victims ("kidnapped" as the root), so the words before count."""
    if hit.trigger.event_type not in ("ASSAULT", "COERCE"):
        return False
    tok = hit.token
    window = tok.doc[max(tok.sent.start, tok.i - 8):tok.i]
    return any(t.lemma_.lower() in CLAIM_VERBS | {"say"} and t.dep_ == "relcl"
               for t in list(tok.ancestors) + list(window))


def _scuffle(sent: Any) -> bool:
    """"Clashes with the police broke out", "there was a small scuffle", "police clashed
    with the demonstrators": fighting told without naming who fought, or with the crowd as
    a side, beside a crowd's protest, is the crowd's."""
    for t in sent:
        lemma = t.lemma_.lower()
        if lemma in SCUFFLES and t.pos_ == "NOUN" and t.dep_ in ("nsubj", "attr"):
            return True
        if lemma == "confrontation" and t.dep_ in ("nsubj", "attr") and any(
                c.lower_ in ("physical", "violent") for c in t.children):
            return True  # "there was a physical confrontation with MPs"
        if lemma in SCUFFLES and t.pos_ == "VERB" and any(
                g.lemma_.lower() in CROWD_SUBJECTS
                for c in t.children if c.dep_ in ("nsubj", "prep")
                for g in ([c] if c.dep_ == "nsubj" else c.children)):
            return True  # "police clashed with the demonstrators"
    return False


def _damage_without_agent(sent: Any) -> bool:
    """"Chairs were burnt and property destroyed": damage told without naming who did it,
    beside a crowd's protest, is the crowd's."""
    return any(t.lemma_.lower() in RIOT_CUES and t.tag_ == "VBN" and
               any(c.dep_ == "auxpass" for c in t.children) and
               not any(c.dep_ == "agent" for c in t.children) for t in sent)


def grievances_dropped(hits: list[Hit]) -> list[Hit]:
    """Violence or arrests named as what a protest is about are its grievance, not events
    of the article ("protested against an attack on a journalist", "families who claim
    their children were kidnapped continued their sit-in")."""
    hits = [h for h in hits if not _claimed_by_a_crowd(h)]
    protests = [h for h in hits if h.trigger.event_type in GRIEVANCE_HOSTS]
    if not protests:
        return hits
    return [h for h in hits if (h.trigger.event_type in GRIEVANCE_HOSTS and not _riot_named(h))
            or not any(_grievance_of(h.token, p.token) for p in protests if p is not h)]


def _riot_named(hit: Hit) -> bool:
    """Riots named by a noun: inside a protest's grievance they are a reference ("against
    the detention of people involved in riots")."""
    return hit.token.pos_ == "NOUN" and hit.mode == "riot"


MEASURE_MODES = frozenset({"curfew", "restrict", "martial-law"})
BACKGROUND_PREPS = frozenset({"amid", "amidst", "due", "because", "despite", "during",
                              "against", "over", "while"})  # not "under": "put under curfew"
BACKGROUND_VERBS = frozenset({"violate", "breach", "defy", "flout", "relax", "ease", "lift",
                              "strand"})


def backgrounded(hits: list[Hit]) -> list[Hit]:
    """Security measures and deployments told as the setting of another event are not
    events of their own (ACLED codes the fight or the protest): "police enforcing the
    curfew were attacked", "killed while on patrol", "a protest against the curfew",
    "stuck due to the travel restrictions"."""
    hits = [h for h in hits if not (h.trigger.event_type == "PROTEST" and _banned(h.token))]
    action = any(h.trigger.event_type in ("PROTEST", "ASSAULT") and not is_setting(h)
                 and not _cause(h.token) for h in hits)
    return [h for h in hits if not (_setting_kind(h) and (action or _background(h.token)))]


BAN_WORDS = frozenset({"ban", "prohibition", "prohibit", "outlaw", "forbid", "bar", "moratorium"})


def _banned(tok: Any) -> bool:
    """"the ban on all forms of marches, protests and sit-ins": what a measure forbids
    is no protest that took place."""
    cur = tok
    for _ in range(6):
        if cur.head.i == cur.i:
            break
        cur = cur.head
        if cur.lemma_.lower() in BAN_WORDS:
            return True
        if cur.pos_ in ("VERB", "AUX"):
            break
    doc = tok.doc  # the parser often hangs "on ..." on the verb: read the words before
    for i in range(tok.i - 1, max(tok.sent.start, tok.i - 20) - 1, -1):
        if doc[i].pos_ in ("VERB", "AUX") and doc[i].tag_ != "VBG":
            return False
        if doc[i].lemma_.lower() in BAN_WORDS and i + 1 < len(doc) and \
                doc[i + 1].lower_ in ("on", "of", "against"):
            return True
    return False


CAUSE_WORDS = frozenset({"after", "following", "because", "since", "over", "due", "response",
                         "retaliation", "wake", "related", "linked"})  # "likely related to
# recent demonstrations against banking policies"


def _cause(tok: Any) -> bool:
    """An event told as the reason for another ("imposed a curfew after a demonstration",
    "reimposed blockades following the shooting deaths")."""
    return any(a.lower_ in CAUSE_WORDS for a in tok.ancestors)


def named_cause(hit: Hit) -> bool:
    """A protest or attack only named, as a noun, as the cause of another ("this happened
    because of the judges' decision, after the riots in the prisons last week"): a
    reference to something reported before, not a new event. (A cause told with its own verb, "after
    police shot a student", is still coded.)"""
    return hit.trigger.event_type in ("PROTEST", "ASSAULT") and hit.token.pos_ == "NOUN" \
        and _cause(hit.token)


def solidarity_dropped(hits: list[Hit]) -> list[Hit]:
    """"A protest was held in Lida in solidarity with the protest in Brest": the protest
    one shows solidarity with is a reference (reported on its own), not a second event of
    this sentence."""
    if len(hits) < 2:
        return hits
    return [h for h in hits if not (h.token.pos_ == "NOUN" and _in_solidarity(h.token))]


def _in_solidarity(tok: Any) -> bool:
    """Is the noun the object of "(in) solidarity with", "in support of" (the preposition
    attached to the word or, by the small parser, to the verb after it)?"""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ not in ("with", "of", "for", "to"):
        return False
    before = tok.doc[max(prep.i - 2, 0):prep.i]
    return prep.head.lemma_.lower() in SOLIDARITY | {"support"} or any(
        t.lemma_.lower() in SOLIDARITY for t in before)


ARMED_PARTIES = ARMED_SECTORS - {"COP", "PKO"}  # police looting is a riot's policing
PLUNDER_LEMMAS = LOOT_LEMMAS | {"vandalize", "vandalise", "torch", "burn", "storm"}


def plunder_of(hit: Hit, before: list[Event]) -> bool:
    """Looting or burning told without a doer of its own (or with only "they") right after
    an armed group's attack ("militants attacked the village, beheaded one person and
    looted goods"): part of that attack (ACLED folds it in), not a riot of unnamed people.
    (Looting by the attackers of the same sentence: settings_folded.)
    ``before``: the events coded so far; the last three are looked at."""
    doers = [t for t in hit.subjects + hit.agent
             if t.pos_ != "PRON" and t.dep_ not in ("nsubjpass", "csubjpass")]
    if hit.token.lemma_.lower() not in PLUNDER_LEMMAS or doers:
        return False
    return any(e.event_type in ("ASSAULT", "COERCE") and
               any(a.sector in ARMED_PARTIES for a in e.actors) for e in before[-3:])


def plunder_by_group(hit: Hit, actors: list[Actor]) -> bool:
    """Looting done by a named organisation ("Boko Haram looted several houses"): an armed
    group's looting, not a riot."""
    return hit.token.lemma_.lower() in LOOT_LEMMAS and any(
        a.sector is None and a.text[:1].isupper() for a in actors)


def _setting_kind(hit: Hit) -> bool:
    return (hit.trigger.event_type == "COERCE" and hit.mode in MEASURE_MODES) or (
        hit.trigger.event_type == "MOBILIZE" and (
            hit.token.pos_ == "NOUN" or hit.token.lemma_.lower() in PRESENCE_VERBS))


PRESENCE_VERBS = frozenset({"arrive", "patrol"})  # "police arrived and dispersed them"


def _background(tok: Any) -> bool:
    """A measure named under "amid/due to/during ..." or as what someone violated,
    relaxed or lifted."""
    for anc in [tok, *list(tok.ancestors)[:3]]:
        head = anc.head
        if anc.dep_ == "pobj" and head.lower_ in BACKGROUND_PREPS:
            return True
        if anc.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in BACKGROUND_VERBS:
            return True
    return False


def _grievance_of(tok: Any, protest: Any) -> bool:
    """Is ``tok`` reached from the protest through a grievance word ("against", "over"),
    or told as someone's claim beside it?"""
    anchors = {protest.i, protest.head.i} if protest.pos_ == "NOUN" else {protest.i}
    passed = _after_clause(tok)  # the violence is told as what the protest followed
    claimed = False
    # "the families of people killed by Palestinian attacks protested", "coffins of those
    # killed in the movement": a participle describing the protesters or their props
    described = tok.dep_ == "acl" and tok.tag_ == "VBN"
    for anc in tok.ancestors:
        if anc.i in anchors:
            return passed or claimed or described
        lemma = anc.lemma_.lower()
        passed = passed or anc.lower_ in GRIEVANCE_WORDS or lemma in GRIEVANCE_WORDS or \
            _after_clause(anc)
        claimed = claimed or lemma in CLAIM_VERBS
    return claimed


def _after_clause(tok: Any) -> bool:
    """Does ``tok`` head a clause opened by "after/because/since/as"?"""
    return any(c.dep_ == "mark" and c.lower_ in CAUSE_MARKS for c in tok.children)


def in_grievance(tok: Any, trigger: Any) -> bool:
    """Is ``tok`` (a place) inside what the protest is about or shows solidarity with
    ("in solidarity with the strike in Grodno")?"""
    for anc in tok.ancestors:
        if anc.i == trigger.i:
            return False
        if anc.lower_ in GRIEVANCE_WORDS or anc.lemma_.lower() in GRIEVANCE_MARKS or (
                anc.pos_ == "NOUN" and _in_solidarity(anc)):
            return True
    return False


def in_scope(event_type: str, participants: list[Actor]) -> bool:
    """Verbal and cooperative events count only between political actors (PLOVER): a
    state, an organisation or group of a political sector, or a national community."""
    if event_type in MATERIAL_CONFLICT:
        return True
    return any(a.sector in POLITICAL_SECTORS or a.country or (a.sector is None and a.text)
               for a in participants)  # named people and organisations count too


def is_setting(hit: Hit) -> bool:
    """'killed in the riots', 'during clashes': the event is the scene of another."""
    tok = hit.token
    return tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.lower_ in (
        "in", "during", "amid", "amidst")


def aftermath(hit: Hit, sent: Any, doc: Doc) -> bool:
    """A report of victims or seizures with no actor, place or date of its own, after an
    event ('At least one girl was wounded.', '2 canoes were seized.'). Detentions stay
    events: merge.py decides whether they were the police's intervention."""
    kind = (hit.trigger.event_type, hit.mode)
    if not (kind[0] == "ASSAULT" or kind == ("COERCE", "seize")) or (
            hit.subjects or hit.agent):
        return False
    own_date = any(sent.start_char <= d.start < sent.end_char for d in doc.dates)
    own_place = any(sent.start_char <= p.start < sent.end_char for p in doc.places)
    return not own_date and not own_place and hit.token.tag_ in ("VBN", "VBD")


def bodies_folded(hits: list[Hit]) -> list[Hit]:
    """'a man's body was found ..., killed by gunmen; his body was found on 7 May': a body
    found is the killing told in the same sentence, and one body told twice is one event
    (the later date is when it was found)."""
    bodies = [h for h in hits if h.token.pos_ == "NOUN" and h.token.lemma_.lower() in BODY_NOUNS
              and h.trigger.event_type == "ASSAULT"]
    if not bodies:
        return hits
    killings = [h for h in hits if h.trigger.event_type == "ASSAULT" and h.mode != "destroy"
                and h not in bodies]  # (a car set on fire beside the body kills no one)
    dropped = bodies if killings else bodies[1:]
    return [h for h in hits if h not in dropped]


BLOWS_BY_HAND = frozenset({"pelt", "stone", "stick", "lathi", "brick", "rod", "fist", "club",
                           "punch", "kick", "slap"})
# Anything that fires or explodes (weapons.py), and firing told as a verb.
GUN_LEMMAS = (WEAPON_LEMMAS - PRIMITIVE_LEMMAS) | {"fire", "firing"}


def fought_by_hand(hit: Hit) -> bool:
    """'Two groups clashed and pelted stones at each other': a clash whose own clause (its
    verb and the verbs joined to it) tells stones, sticks or fists and no gun is a brawl,
    whatever shots a later clause tells of."""
    tok = hit.token
    verbs = [tok, *tok.conjuncts] if tok.pos_ == "VERB" else [tok]
    words = {t.lemma_.lower() for v in verbs for t in v.subtree if t.head.i == v.i or t.i == v.i
             or t.head.head.i == v.i}
    return bool(words & BLOWS_BY_HAND) and not words & GUN_LEMMAS


# Fights between two sides (not an incursion or offensive, which may strike civilians)
CLASH_LEMMAS = frozenset({"clash", "fighting", "skirmish", "gunfight", "firefight", "shootout",
                          "shoot-out", "battle", "exchange"})
# Places only armed men hold: attacking one is fighting them (ACLED: armed clash).
ARMED_POSTS = frozenset({"checkpoint", "base", "outpost", "post", "position", "garrison",
                         "barracks", "patrol", "trench"})


def armed_post(objects: list[Any]) -> bool:
    """'attacked three check points', 'stormed a base': the target is held by forces."""
    return any(o.lemma_.lower() in ARMED_POSTS or (o.lemma_.lower() == "point" and any(
        c.lower_ == "check" for c in o.children)) for o in objects)


def settings_folded(hits: list[Hit]) -> list[Hit]:
    """'eight police were killed in the riots': the riot is the setting of the killing.

    A protest noun governed by "in/during/amid" in a sentence that reports violence does
    not make a second event; the crowd becomes the attacker when none is named.
    """
    violent = [h for h in hits if h.trigger.event_type == "ASSAULT" and h.mode != "crowd-control"
               or h.mode == "destroy"]  # property destroyed in a riot or attack is part of it
    if not violent:
        return hits
    if any(h.trigger.event_type == "PROTEST" for h in hits):
        # "set a bus on fire and threw stones at a vehicle during a demonstration": the
        # stones make the demonstration violent, they are no attack of their own
        thrown = [h for h in violent if h.token.lemma_.lower() in ("throw", "hurl")
                  and h.mode == "primitive"]
        hits = [h for h in hits if h not in thrown]
        violent = [h for h in violent if h not in thrown]
        if not violent:
            return hits
    # "raiders attacked a camp, killing one and looting cattle": the looting is their
    # attack's (not a crowd's, nor that of people scattered by shots)
    doers = [t for h in violent for t in h.subjects + h.agent]
    attackers = {t.i for t in doers}
    if attackers and not any(t.lemma_.lower() in RIOT_ACTORS for t in doers) and not any(
            h.mode == "crowd-control" for h in hits):
        hits = [h for h in hits if not (h.token.lemma_.lower() in LOOT_LEMMAS and {
            t.i for t in h.subjects + h.agent} <= attackers)]
    if any(h.trigger.event_type == "PROTEST" and h.mode == "riot" and not is_setting(h)
           for h in hits) and not any(
            t.lemma_.lower() in ARMED_WORDS for h in violent for t in h.subjects + h.agent):
        return [h for h in hits if h not in violent]  # "a prison riot in which inmates beat guards"
    if any(h.mode == "crowd-control" for h in hits):
        if any(_crowd_on_police(h) for h in violent):
            # "youths attacked a home guard who had dispersed their game": the crowd's
            # own violence is the event; the dispersal is its background
            return [h for h in hits if h.mode != "crowd-control"]
        # "police fired tear gas ..., and two people were killed": one event, the
        # protest policing, carries the deaths (ACLED: excessive force).
        return [h for h in hits if h not in violent]
    out = []
    for h in hits:
        setting = h.trigger.event_type in ("PROTEST", "ASSAULT") and h not in violent[:1] and (
            is_setting(h))
        if not setting:
            out.append(h)
            continue
        for v in violent:
            if not (v.subjects or v.agent):  # "injured in an attack by a mob": the mob
                v.agent.extend(h.subjects + h.agent or [h.token])
            if v.mode is None and h.token.lemma_.lower() in CLASH_LEMMAS:
                v.mode = "sideAB"  # "one person was killed during clashes": the clash's dead
    return out


def _crowd_on_police(hit: Hit) -> bool:
    """Unarmed people (youths, residents, "six people") who attack police or soldiers."""
    doers = hit.subjects + hit.agent
    if hit.mode == "sideAB" or hit.token.lemma_.lower() in CLASH_LEMMAS:
        return False  # a clash is both sides' (and may follow the dispersal)
    return bool(doers) and all(
        t.lemma_.lower() in CROWD_SUBJECTS - {"they"} or t.lemma_.lower() == "person"
        for t in doers) and any(_names_police(t) for t in hit.objects)


VICTIM_WORDS = frozenset({"victim", "man", "woman", "deceased", "one", "both", "body"})
ARMED_PAST = re.compile(r"drug[- ]traffick|\bgang members?\b|\bmember of (a|the|an?) \w* ?"
                        r"(gang|cartel|militia)|\binvolved (in|with) (a |the )?gangs?\b|"
                        r"\b(was|were) armed\b|\bdrug dealers?\b|\bmilitiam[ae]n\b")
VICTIM_LOOKAHEAD = 2


def victim_was_armed(sents: list[Any], si: int) -> str | None:
    """"A man was shot dead ... The victim had charges against him for drug trafficking",
    "The victim was armed": the report says the person attacked was himself a gang member
    or armed, so ACLED codes a clash between armed parties, not violence against a
    civilian. Told in the next two sentences, with the victim as their subject; gives the
    words that name the victim there."""
    for sent in sents[si + 1: si + 1 + VICTIM_LOOKAHEAD]:
        victims = [t for t in sent if t.dep_ in ("nsubj", "nsubjpass")
                   and t.lemma_.lower() in VICTIM_WORDS]
        if victims and ARMED_PAST.search(sent.text.lower()) and not any(
                t.dep_ == "neg" or t.lower_ in ("nor", "never") for t in sent):
            return sent.doc[victims[0].left_edge.i: victims[0].i + 1].text
    return None


MILITARY_CARGO = frozenset({"tank", "armored", "armoured", "weapon", "troop", "soldier",
                            "military", "warship", "ammunition", "artillery", "missile"})


def military_cargo(hit: Hit) -> bool:
    """"A ship loaded with tanks arrived", "a military convoy arrived": what arrives is
    military, though no armed party is named."""
    return any(w.lemma_.lower() in MILITARY_CARGO for s in hit.subjects for w in s.subtree)
