"""Merge mentions of one event inside an article (ACLED: one event per type, place, day).

Rules, in order:
1. Same family, same day, same place, same flags -> one event. Police crowd control
   merges into the protest it targeted (ACLED codes it as the protest's sub-type).
2. An event placed only at country level, with no counts of its own, is dropped when the
   article also places an event of the same type and mode inside that country within a
   week (the country-level mention is a summary of the specific ones).
Counts follow ACLED's rule: the most conservative (lowest) figure reported.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from eventwire.coding.actors import dedupe, generic_actor, rioters
from eventwire.coding.crosswalk import ARMED_SECTORS, NON_STATE_ARMED, crosswalk
from eventwire.coding.lexicon import LOOT_LEMMAS
from eventwire.coding.weapons import small_arms, weapon_class
from eventwire.records import Actor, Event

# Which mention names a merged event: the most informative mode first.
MODE_PRIORITY = {"sexual": -2, "seize": -1, "riot": 0, "vandalize": 1, "demo": 2, "sideAB": 0, "suicide-attack": 1,
                 "aerial": 1, "heavy-weapons": 2, "explosives": 2, "abduct": 2, "firearms": 3,
                 "destroy": 6, "crowd-control": 9}
COUNT_FIELDS = ("dead", "injured", "arrested", "size")
FOLDED_MODES = ("arrest", "seize", "destroy")  # part of a fight or protest at the same place
SUBSUME_DAYS = 7
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
SCENE_TYPES = VIOLENT_TYPES | {"Riots", "Protests"}  # events others can be part of


def family(ev: Event) -> str:
    """Mentions of one family at one place and day are one ACLED event."""
    if ev.event_type == "ASSAULT" and ev.mode == "crowd-control":
        return "PROTEST"
    if ev.event_type == "COERCE" and ev.mode == "seize" and "territory" in ev.context:
        return "ASSAULT"  # a change of territory is a kind of battle
    if ev.event_type == "COERCE":
        return f"COERCE:{ev.mode}"  # an arrest, a curfew and a seizure are different acts
    return ev.event_type


def merge_key(ev: Event) -> tuple[object, ...]:
    place = ev.location.geonameid or ev.location.name if ev.location else None
    return (family(ev), ev.date, place, ev.negated, ev.hypothetical, ev.historical)


def merge_events(events: list[Event]) -> list[Event]:
    groups: dict[tuple[object, ...], list[Event]] = {}
    for ev in events:
        groups.setdefault(merge_key(ev), []).append(ev)
    _fold_policing(groups)
    _fold_arrests(groups)
    merged = [_merge_group(g) for g in groups.values()]
    kept = _drop_subsumed(_merge_same_acled(merged))
    _displacement_as_consequence(kept)
    _surrender_as_outcome(kept)
    _response_as_consequence(kept)
    _violence_in_protests(kept)
    _looting_in_attacks(kept)
    _casualties_of_clashes(kept)
    for ev in kept:
        if ev.acled_event_type:
            _impute_parties(ev, ev.acled_event_type)
    return kept


def _uncode(ev: Event) -> None:
    """Keep the PLOVER event, drop its ACLED code: it is part of another ACLED event."""
    ev.disorder_type = ev.acled_event_type = ev.acled_sub_event_type = None


def _displacement_as_consequence(events: list[Event]) -> None:
    """People fleeing an attack, a battle or a riot reported with it are its
    consequence, not an ACLED event of their own; displacement alone is one (Other)."""
    if not any(e.acled_event_type in SCENE_TYPES for e in events):
        return
    for ev in events:
        if ev.event_type == "RETREAT" and ev.mode == "flee":
            _uncode(ev)


RESPONSE = re.compile(r"\b(arriv\w*|deployed|rushed|reinforcements)\b", re.IGNORECASE)
RESPONSE_AIMS = re.compile(
    r"\bto (bring|restore|secure|settle|control|calm|contain|quell|intervene|disperse|"
    r"stabili[sz]e|maintain|prevent)\b|\bunder control\b|\bthe scene\b|\bthe situation\b|"
    r"\bin the area\b|\bwhen\b|\blater\b|\bin support of\b|"
    r"\bthe (?:demonstration|protest|rally|march|sit-in)\b", re.IGNORECASE)


def _response_as_consequence(events: list[Event]) -> None:
    """Police or troops arriving or deployed to answer a fight, an attack or a riot the
    report told ("the police arrived at the scene", "the army was deployed to restore
    order") are part of it, not a change to their activity. Forces sent from abroad
    (an alliance's peacekeepers) stay a strategic development."""
    if not any(e.acled_event_type in SCENE_TYPES for e in events):
        return
    scenes = {merge_key(e)[1:] for e in events if e.acled_event_type in SCENE_TYPES}
    for ev in events:
        evidence = " ".join(e.text for e in ev.evidence)
        if ev.event_type == "MOBILIZE" and ev.mode == "troops" and RESPONSE.search(evidence) \
                and (RESPONSE_AIMS.search(evidence) or merge_key(ev)[1:] in scenes) and not any(
                    a.sector in ("IGO", "PKO") or (a.country and ev.location and
                                                   a.country != ev.location.country_code)
                    for a in ev.actors if a.text):
            _uncode(ev)


CROWD_OR_POLICE = frozenset({"PRO", "RIO", "CVL", "COP", "MIL"})


def _violence_in_protests(events: list[Event]) -> None:
    """Violence at the place and on the day of a protest or riot, by no one the text names
    ("two people were injured in the clash", "they clashed with the police"), is the
    protest's: ACLED codes the demonstration, with its dead, not a separate attack."""
    crowds = {merge_key(e)[1:]: e for e in events
              if e.acled_event_type in ("Protests", "Riots") and e.event_type == "PROTEST"}
    for ev in events:
        host = crowds.get(merge_key(ev)[1:])
        if host is None or ev.event_type != "ASSAULT" or not ev.acled_event_type or \
                ev.acled_event_type in ("Protests", "Riots"):
            continue
        named = [a for a in ev.actors + ev.recipients if a.text]
        on_crowd = host.acled_event_type == "Protests" and any(
            r.text and r.sector == "PRO" for r in ev.recipients)  # "opened fire, killing a protester"
        if any(a.text for a in ev.actors) and not on_crowd and not (
                ev.mode == "sideAB" and all(a.sector in CROWD_OR_POLICE for a in named)):
            continue  # a named attacker's own attack
        if on_crowd:
            _union(host.recipients, [a for a in ev.actors if a.text])
        if ev.dead is not None or on_crowd:
            _take_dead(host, ev)
            recode(host, intervened=on_crowd)  # deaths make policing excessive force
        _uncode(ev)


def _casualties_of_clashes(events: list[Event]) -> None:
    """People killed or hurt, by no one the text names, on the day of an armed clash the
    report tells ("a shoot-out broke out between police and suspects ... one was killed")
    are the clash's casualties, not an attack of their own."""
    clashes = [e for e in events if e.acled_sub_event_type == "Armed clash"]
    for ev in events:
        if ev.acled_sub_event_type != "Attack" or any(a.text for a in ev.actors):
            continue
        host = next((c for c in clashes if c.date == ev.date), None)
        if host is None:
            continue
        _take_dead(host, ev)
        _uncode(ev)


def _take_dead(host: Event, part: Event) -> None:
    """The event another is folded into carries its dead (the lower figure of the two)."""
    if part.dead is not None:
        host.dead = part.dead if host.dead is None else _conservative(host.dead, part.dead)


LOOTING = re.compile(r"\b(?:" + "|".join(sorted(w.rstrip("e") for w in LOOT_LEMMAS)) + r")\w*",
                     re.IGNORECASE)  # "looted", "pillaging"
HARMING_MODES = frozenset({"abduct", "sideAB", "beat", "torture"})


def _looting_in_attacks(events: list[Event]) -> None:
    """Looting or burning reported with an attack, a battle or a shelling that harmed
    people on the same day ("killed a policeman ... the assailants also looted some
    households") is part of it: ACLED codes the violence against people, not a second
    event for the property."""
    violent_days = {e.date for e in events if e.acled_event_type in VIOLENT_TYPES and (
        e.dead or e.injured or e.mode in HARMING_MODES)}  # (not "they threatened the
    # workers with guns, before setting the vehicles on fire": the burning is the event)
    armed_days = {e.date for e in events if e.acled_event_type in VIOLENT_TYPES and any(
        a.text and a.sector in ARMED_SECTORS for a in e.actors)}
    for ev in events:
        if ev.acled_sub_event_type == "Looting/property destruction" and ev.date in violent_days:
            _uncode(ev)
        elif ev.acled_event_type == "Riots" and ev.date in armed_days and not any(
                a.text for a in ev.actors) and LOOTING.search(" ".join(e.text for e in ev.evidence)):
            _uncode(ev)  # "gunmen attacked two villages ... and the villages looted": no crowd


def _surrender_as_outcome(events: list[Event]) -> None:
    """Fighters surrendering, or disarmed, at the place and on the day of a fight or an
    attack ("there was a clash with the rebels; three of them surrendered") are its outcome:
    a PLOVER event of their own, not an ACLED agreement."""
    fights = {merge_key(e)[1:] for e in events if e.acled_event_type in VIOLENT_TYPES}
    for ev in events:
        if ev.event_type == "RETREAT" and ev.mode == "disarm" and "accord" not in ev.context \
                and merge_key(ev)[1:] in fights:
            _uncode(ev)


def _merge_same_acled(events: list[Event]) -> list[Event]:
    """ACLED's unit: one event per type, place and day, whatever PLOVER types led to it."""
    groups: dict[tuple[object, ...], list[Event]] = {}
    for ev in events:
        kind = (ev.acled_sub_event_type if ev.acled_event_type == "Strategic developments"
                else ev.acled_event_type)  # distinct developments stay distinct
        key = (kind, *merge_key(ev)[1:]) if ev.acled_event_type else (id(ev),)
        groups.setdefault(key, []).append(ev)
    return [g[0] if len(g) == 1 else _merge_group(g) for g in groups.values()]


STATE_SECTORS = frozenset({"COP", "MIL", "GOV"})


def _fold_policing(groups: dict[tuple[object, ...], list[Event]]) -> None:
    """Force used on the crowd at the town and on the day of a protest (with any harm
    reported there in the same breath) is the protest's policing (ACLED: 'Excessive force
    against protesters' when people die). A country-level protest mention hosts nothing."""
    for key in [k for k in groups if k[0] == "ASSAULT"]:
        host = ("PROTEST", *key[1:])
        if host not in groups or not any(_specific(e) for e in groups[host]):
            continue
        if any(_policing(e) for e in groups[key]) and not any(_armed_attacker(e) for e in groups[key]):
            for ev in groups[key]:
                ev.mode = "crowd-control"
            groups[host].extend(groups.pop(key))


def _specific(ev: Event) -> bool:
    return ev.location is not None and ev.location.geo_precision < 3


def _policing(ev: Event) -> bool:
    """Force used on the crowd itself ('fired on the crowd', 'dispersed protesters')."""
    return ev.mode == "crowd-control" or bool({r.sector for r in ev.recipients} & {"PRO", "RIO"})


def _armed_attacker(ev: Event) -> bool:
    """A named armed group (not one imputed by ACLED's convention) took part."""
    return any(a.sector in NON_STATE_ARMED and a.text for a in ev.actors)


def _fold_arrests(groups: dict[tuple[object, ...], list[Event]]) -> None:
    """Arrests and seizures at the place and on the day of a protest or a fight are part of it
    (ACLED: police detaining demonstrators is a protest 'with intervention'; an arrest
    told in the background of a protest is not an event of its own either)."""
    for key in [k for k in groups if k[0] in ("COERCE:arrest", "COERCE:seize", "COERCE:destroy")]:
        arrests = [e for e in groups[key] if e.mode in FOLDED_MODES]
        for fam in ("PROTEST", "ASSAULT"):
            host = (fam, *key[1:])
            if arrests and host in groups:
                groups[host].extend(arrests)
                groups[key] = [e for e in groups[key] if e.mode not in FOLDED_MODES]
                break
        if not groups[key]:
            del groups[key]


SCENE_WORDS = re.compile(r"\b(them|protesters|protestors|demonstrators|participants|marchers|"
                         r"activists|rioters|mob|crowd|intervened|dispersed|fighters|suspects|"
                         r"militants|attackers|assailants|perpetrators)\b", re.IGNORECASE)


def _at_the_scene(arrest: Event) -> bool:
    """Were the people arrested those at the protest or fight ('arrested them',
    'detained 12 protesters'), rather than someone in a background sentence?"""
    return any(r.sector in ("PRO", "RIO", "REB", "UAF") for r in arrest.recipients) or any(
        SCENE_WORDS.search(e.text) for e in arrest.evidence)


def _priority(ev: Event) -> int:
    """Which mention names a merged event; a seizure folded into a fight (weapons taken
    after a clash) does not, a change of territory does."""
    if ev.event_type == "COERCE" and ev.mode in FOLDED_MODES and "territory" not in ev.context:
        return 8
    return MODE_PRIORITY.get(ev.mode or "", 5)


def _merge_group(group: list[Event]) -> Event:
    main = sorted(group, key=_priority)[0]
    out = replace(main, context=list(main.context), actors=list(main.actors),
                  recipients=list(main.recipients), evidence=list(main.evidence))
    intervened = any(e.mode == "crowd-control" or (e.mode == "arrest" and _at_the_scene(e))
                     for e in group) and out.event_type == "PROTEST"
    for ev in group:
        if ev is main or (ev.mode in ("seize", "destroy") and out.mode != ev.mode and
                          any(a.text for a in out.actors)):
            continue  # a seizure or burning told with a fight is part of it, and changes
            # nothing in it (but may name its perpetrators: "her car was torched by locals")
        _union(out.context, ev.context)
        if ev.mode in ("crowd-control", "arrest") and out.event_type == "PROTEST":
            _union(out.actors, [r for r in ev.recipients if r.sector in ("PRO", "RIO")])
            _union(out.recipients, ev.actors)
        elif ev.mode == "arrest" and out.event_type == "ASSAULT":
            pass  # the police arresting the attackers afterwards are no side of the attack
        else:
            _union(out.actors, ev.actors)
            _union(out.recipients, ev.recipients)
        _union(out.evidence, ev.evidence)
        for name in COUNT_FIELDS:
            setattr(out, name, _conservative(getattr(out, name), getattr(ev, name)))
        out.time_precision = min(out.time_precision or 3, ev.time_precision or 3)
    out.evidence.sort(key=lambda e: e.start)
    out.actors, out.recipients = _named_first(out.actors), _named_first(out.recipients)
    if len(group) > 1:
        out.confidence = round(min(0.95, max(e.confidence for e in group) + 0.05), 2)
    return recode(out, intervened=intervened)


def recode(ev: Event, *, intervened: bool) -> Event:
    """Set the ACLED fields from the PLOVER coding (flagged events get none)."""
    if ev.negated or ev.hypothetical or ev.historical:
        return ev
    evidence = " ".join(e.text for e in ev.evidence)
    found = weapon_class(evidence)
    actor_sectors, recipient_sectors = _party_sectors(ev)
    code = crosswalk(ev.event_type, ev.mode,
                     actor_sectors=actor_sectors, recipient_sectors=recipient_sectors,
                     dead=ev.dead, weapon_sub=found[1] if found else "",
                     small_arms=small_arms(evidence),
                     context=tuple(ev.context) + _text_tags(ev, evidence, found),
                     rioting=re.search(r"\briot", evidence, re.IGNORECASE) is not None)
    if code is None:
        return ev
    if code.sub_event_type == "Arrests" and not political_arrest(ev):
        return ev  # police work on ordinary crime: PLOVER's arrest, not an ACLED event
    sub = code.sub_event_type
    intervened = intervened or "intervened" in ev.context  # hit_rules.policed
    if intervened and code.event_type == "Protests":
        sub = "Protest with intervention"
    if sub == "Protest with intervention" and (ev.dead or LETHAL_FORCE.search(evidence)):
        sub = "Excessive force against protesters"  # deaths, or live fire at the crowd
    ev.disorder_type, ev.acled_event_type, ev.acled_sub_event_type = (
        code.disorder_type, code.event_type, sub)
    if code.event_type == "Riots":  # ACLED names the crowd of a riot "Rioters (Country)"
        ev.actors = dedupe([rioters(a) if a.sector == "PRO" else a for a in ev.actors])
    _impute_parties(ev, code.event_type)
    return ev


BRAWL_CUES = re.compile(
    r"\b(stones?|sticks?|machetes?|acid|knives|knife|rods?|clubs?|bricks?|batons?|lathis?|"
    r"swords?|axes?|spears?|arrows?|pelt\w*|brawl|scuffle|fist\w*|dispute|villagers|"
    r"(?:two|rival|both) groups|"
    r"supporters|residents|famil(y|ies)|communit(y|ies)|youths?|students|relatives|"
    r"neighbou?rs|locals|inhabitants|mobs?|crowds?|fought (?:each other|one another|with)|"
    r"fights? between)\b", re.IGNORECASE)
DISPUTE_CUES = re.compile(r"\bdisputes?\b|\b(clash\w*|scuffle\w*|brawl\w*|fight\w*) "
                          r"(between|among|over)\b", re.IGNORECASE)
_PEOPLE = (r"(?:people|persons|youths?|men|villagers|locals|residents|inhabitants|workers|"
           r"labou?rers|students|women|relatives)")
_BLOW_STEMS = r"attack|assault|beat|pelt|thrash|ston|lynch|hit|torch"
_BLOWS = rf"(?:{_BLOW_STEMS})\w*"
# ordinary people doing the violence: "a group of 10 youths attacked", "villagers beat",
# "beaten up by locals"
CROWD_ATTACK = re.compile(
    rf"\b(?:group|mob|crowd|band) of\b[^.]{{0,30}}?\b{_PEOPLE}\b[^.]{{0,60}}?\b{_BLOWS}|"
    rf"\b(?:villagers|locals|residents|inhabitants|youths)\b[^.]{{0,30}}?\b{_BLOWS}|"
    rf"\b(?:mobs?|rioters)\b[^.]{{0,40}}?\b(?:{_BLOW_STEMS}|vandali[sz]|set|burn)\w*|"
    rf"\b(?:beaten|attacked|assaulted|lynched|thrashed)\b[^.]{{0,60}}?\bby (?:a |an )?"
    rf"(?:angry )?(?:mob|crowd|group of|locals|villagers|residents)\b", re.IGNORECASE)
_GUN_WORDS = r"armed|shoot\w*|shot|gun\w*|fir(e|ed|ing)|militia\w*|militants?|rebels?"
GUN_CUES = re.compile(rf"\b({_GUN_WORDS})\b", re.IGNORECASE)
ARMED_CUES = re.compile(rf"\b({_GUN_WORDS}|fighters?|troops?|soldiers?|military|army|forces|"
                        r"battalions?|brigades?)\b", re.IGNORECASE)


# A weapon stopped before it could strike, or going off before its time (ACLED's
# "Disrupted weapons use"): drones and missiles shot down or intercepted, bombs defused,
# recovered or destroyed in a controlled detonation, devices that failed or went off early.
DISRUPTION = re.compile(
    r"\bsh(?:ot|oot|ooting) down\b|\bdowned\b|\bintercept\w*|\bprematurely\b|"
    r"\b(?:did not|didn't|failed to) (?:explode|detonate|go off)\b|\bdefus\w*|"
    r"\bcontrolled (?:explosion|detonation)\b|"
    r"\b(?:recovered|found|seized|dismantled)\b[^.]{0,40}\b(?:ieds?|explosives?|bombs?|"
    r"mines?|grenades?|devices?)\b|\bdetonated\b[^.]{0,40}\bplanted\b", re.IGNORECASE)
# Weapons destroyed as the act itself (not an attack's damage: "airstrikes ... destroying
# heavy weapons"): "the army destroyed an IED", "destroyed a number of arms" (not "by bombs")
DESTROYED_WEAPONS = re.compile(
    r"\bdestroy(?:ed|s|ing)?\s+(?:(?:a|an|the|some|several|a number of|\d+|their|its)\s+)*"
    r"(?:(?!by\b|with\b|in\b|at\b|on\b)[a-z-]+\s+)?"
    r"(?:arms|weapons|ammunition|munitions|ieds?|explosives?|bombs?|mines?)\b", re.IGNORECASE)


# Force that can kill, used on a crowd: ACLED's excessive force even when no one died.
LETHAL_FORCE = re.compile(
    r"\blive (?:ammunition|rounds|bullets|fire)\b|"
    r"\bopen(?:ed|s|ing)? fire (?:on|at) (?:the )?(?:protesters|demonstrators|crowd|"
    r"marchers|residents)\b|\bshot (?:dead|at) (?:the )?(?:protesters|demonstrators)\b",
    re.IGNORECASE)


# What makes a violent crowd a demonstration (ACLED: violent demonstration) rather than a
# mob (mob violence): a cause, demand or protest told with it.
DEMANDS = re.compile(r"\b(protest\w*|demonstrat\w*|rall(y|ies|ied)|march\w*|slogans?|"
                     r"demand\w*|strike|sit-in|picket\w*|denounc\w*|condemn\w*|agitat\w*|"
                     r"reject\w*|oppos\w*|call(ing|ed)? for|tyres?|tires?|dispers\w*)\b",
                     re.IGNORECASE)  # burning tyres, a crowd dispersed: a demonstration


LONE_PERSON = re.compile(r"^(?:a|an|one|the)\s+(?:\w+\s+)?(?:man|woman|youth|person|"
                         r"individual|boy|girl|teenager|resident|villager|neighbou?r)$",
                         re.IGNORECASE)


UNNAMED_MEN = re.compile(r"^(?:the\s+)?(?:two|three|four|five|six|seven|eight|nine|ten|\d+|"
                         r"several|some|a few|unknown|unidentified)\s+(?:\w+\s+)?"
                         r"(?:men|persons|individuals)$", re.IGNORECASE)


MOB_DISPERSED = re.compile(r"\bdispers\w*\s+(?:the\s+|a\s+)?(?:lynch\s+|angry\s+)?mobs?\b",
                           re.IGNORECASE)


def _text_tags(ev: Event, evidence: str, found: tuple[str, str] | None) -> tuple[str, ...]:
    """Context the crosswalk reads off the evidence: weapons named, a brawl, small arms,
    a weapon's use disrupted."""
    tags = ["weapons"] if found else []
    if found and found[0] not in ("firearms", "primitive") and (
            DISRUPTION.search(evidence) or (
                ev.event_type == "COERCE" and DESTROYED_WEAPONS.search(evidence))):
        tags.append("disrupted")
    if not DEMANDS.search(MOB_DISPERSED.sub("", evidence)):
        tags.append("no-demands")  # (a mob dispersed held no demonstration)
    if _brawl(ev, evidence, found is not None and found[0] != "primitive"):
        tags.append("brawl")
    if "small arms" in evidence.lower():
        tags.append("small-arms")
    if ARMED_DOERS.search(evidence):
        tags.append("armed-doers")
    if ev.actors and all(a.sector == "CVL" and LONE_PERSON.match(a.text) for a in ev.actors):
        tags.append("lone")  # "a man threw stones at a nurse": no mob (ACLED: 3 or more)
    if ev.actors and all(a.sector == "CVL" and UNNAMED_MEN.match(a.text) for a in ev.actors):
        tags.append("unnamed-men")  # "two men on a motorcycle", not "villagers" or a crowd
    if ev.dead is None and ev.injured is None and PROPERTY_BURNED.search(evidence) and \
            not any(r.text and r.sector in PERSON_TARGETS for r in ev.recipients):
        tags.append("property-only")
    return tuple(tags)


# Property burned, bombed with petrol or wrecked, with no one hurt: ACLED's property
# destruction when no crowd does it
_BURNING = r"set (?:on )?fire|set ablaze|torched|burn(?:ed|t) down"
_PROPERTY = (r"vehicles?|trucks?|cars?|buses|machinery|tractors?|stores?|shops?|houses?|"
             r"buildings?|masts?|offices?")
PROPERTY_BURNED = re.compile(
    rf"\b(?:{_BURNING}|molotov|petrol bombs?|arson\w*|vandali[sz]\w*)\b[^.]{{0,80}}?\b"
    rf"(?:{_PROPERTY}|bus|excavators?|homes?|towers?|pipelines?|church(?:es)?|mosques?|"
    rf"temples?|schools?|warehouses?|property)\b|"
    rf"\b(?:{_PROPERTY})\b[^.]{{0,60}}?\b(?:{_BURNING}|vandali[sz]ed)\b", re.IGNORECASE)
PERSON_TARGETS = frozenset({"CVL", "COP", "MIL", "GOV", "PRO", "JRN", "REB", "MLT", "REF"})


# people the report calls armed: ACLED's unidentified armed group, whatever their trade
ARMED_DOERS = re.compile(r"\barmed (?:men|individuals|persons|people|youths?|inmates|"
                         r"assailants|attackers|group|gang|civilians|villagers)\b", re.IGNORECASE)


def _brawl(ev: Event, evidence: str, weapons: bool) -> bool:
    """A clash between crowds, villagers or supporters, with stones, sticks or fists and
    no armed party or gun named: ACLED's mob violence, not an armed clash."""
    if weapons or small_arms(evidence):
        return False
    if ev.mode != "sideAB" and not (ev.mode in (None, "beat", "primitive") and (
            DISPUTE_CUES.search(evidence) or CROWD_ATTACK.search(evidence))):
        return False  # one-sided violence is a brawl only when told as a dispute or fight,
        # or as done by a crowd of ordinary people
    named = {a.sector for a in ev.actors + ev.recipients if a.text and a.sector in ARMED_SECTORS}
    if named - {"COP", "MIL", "MLT"} or "MLT" in named and (ev.mode != "sideAB" or ev.dead):
        return False  # (a party's militia trading blows with its rivals is a brawl)
    if all(any(a.text and a.sector in ARMED_SECTORS for a in side)
           for side in (ev.actors, ev.recipients)):
        return False  # forces on both sides ("forces conducted an incursion against groups")
    # a crowd against police or soldiers with stones is a riot too ("laborers clashed with
    # police and pelted stones"); then only guns tell an armed clash
    cues = GUN_CUES if named else ARMED_CUES
    return BRAWL_CUES.search(evidence) is not None and cues.search(evidence) is None


ORDINARY_DETAINEES = frozenset({"CVL", "CRM"})
# The doers of an incident told before, arrested after it
PERPETRATORS = re.compile(
    r"\b(?:they|the (?:shooters?|attackers?|assailants?|suspects?|perpetrators?|culprits?|"
    r"accused|gunmen|killers?|robbers?|thieves))\s+(?:were|was|have been|had been)\s+"
    r"(?:\w+\s+)?(?:arrested|detained|apprehended|caught)|\barrest of (?:the |two |three )?"
    r"(?:suspects?|perpetrators?|culprits?|accused)\b", re.IGNORECASE)
MASS_ARREST = 10


def political_arrest(ev: Event) -> bool:
    """ACLED codes arrests of significant people (officials, politicians, journalists,
    activists, fighters, officers, named people) and mass arrests, not the arrest of a
    few ordinary suspects ("a man was arrested" after a drug raid)."""
    if ev.arrested is not None and ev.arrested >= MASS_ARREST:
        return True
    if PERPETRATORS.search(" ".join(e.text for e in ev.evidence[:1])):
        return False  # "the shooters were arrested the next day": police work after a crime
    named = [r for r in ev.recipients if r.text]
    if any(r.sector not in ORDINARY_DETAINEES for r in named):
        return True
    return ev.arrested is None and not named


def _party_sectors(ev: Event) -> tuple[frozenset[str], frozenset[str]]:
    """Sectors of the parties for the crosswalk. Parties imputed by an earlier coding
    (empty text) count only as ACLED's convention has it: an unnamed attacker is an
    armed group (kept when the text names no attacker), and imputed victims are never
    evidence. Shots with no named party and no casualty are fire between unnamed sides."""
    named_actors = frozenset(_acting_sector(a) for a in ev.actors if a.sector and a.text)
    recipients = frozenset(a.sector for a in ev.recipients if a.sector and a.text)
    if not named_actors and not recipients and not (ev.dead or ev.injured):
        return frozenset(), frozenset()
    imputed = frozenset(a.sector for a in ev.actors if a.sector and not a.text)
    return named_actors or imputed, recipients


def _acting_sector(actor: Actor) -> str | None:
    """The sector the text gave a party: a crowd renamed "Rioters" by an earlier coding
    of this event is still the protesters the text named, unless it called them a mob."""
    if actor.sector == "RIO" and not any(w in actor.text.lower() for w in ("riot", "mob", "loot")):
        return "PRO"
    return actor.sector


def _impute_parties(ev: Event, acled_type: str) -> None:
    """ACLED's convention for parties a report does not name: an unknown attacker is an
    'Unidentified Armed Group', the victims of an attack 'Civilians'. Imputed actors carry
    an empty ``text`` (nothing in the article names them)."""
    country = ev.location.country_code if ev.location else None
    if acled_type in VIOLENT_TYPES and not ev.actors:
        ev.actors = [generic_actor("UAF", country)]
    if acled_type == "Violence against civilians" and not ev.recipients:
        ev.recipients = [generic_actor("CVL", country)]


def _named_first(parties: list[Actor]) -> list[Actor]:
    """Drop parties imputed by ACLED's convention once a mention names a real one."""
    named = [a for a in parties if a.text]
    imputed = [a for a in parties if not a.text and (not named or a.sector not in ("UAF", "CVL"))]
    return dedupe(imputed + named)


HARM_COUNTS = ("dead", "injured", "arrested")


def _drop_subsumed(events: list[Event]) -> list[Event]:
    """A country-level mention of an event the report also places in a town or region
    of that country ("rallied at Syntagma square" left unplaced, "... rallies in Athens")
    is that event, unless it tells a toll of its own; its crowd size fills the placed
    event's gap."""
    keep = []
    for ev in events:
        country_level = (ev.location is None or (
            ev.location.admin1 == "" and ev.location.geo_precision == 3)) and all(
            getattr(ev, name) is None for name in HARM_COUNTS)  # (a toll of its own: another
        # incident, as "ten bodies were recovered from a well" beside a town's riot)
        cover = next((
            other for other in events
            if country_level and other is not ev and _in_region(other)
            and family(other) == family(ev)
            and other.mode == ev.mode and other.negated == ev.negated
            and (ev.location is None or other.location.country_code == ev.location.country_code)
            and _days_apart(ev, other) <= SUBSUME_DAYS), None)
        if cover is None:
            keep.append(ev)
            continue
        for name in COUNT_FIELDS:
            if getattr(cover, name) is None:
                setattr(cover, name, getattr(ev, name))
        _union(cover.evidence, ev.evidence)
        cover.evidence.sort(key=lambda e: e.start)
    return keep


def _in_region(ev: Event) -> bool:
    return ev.location is not None and (ev.location.geo_precision < 3 or bool(ev.location.admin1))


def _days_apart(a: Event, b: Event) -> int:
    if not a.date or not b.date:
        return 0
    return abs((dt.date.fromisoformat(a.date) - dt.date.fromisoformat(b.date)).days)


def _conservative(a: int | None, b: int | None) -> int | None:
    if a is None:
        return b
    if b is None:
        return a
    return min(a, b)


def _union(into: list, items: list) -> None:  # type: ignore[type-arg]
    for item in items:
        if item not in into:
            into.append(item)

