"""PLOVER type/mode -> ACLED disorder type, event type and sub-event type.

Follows the ACLED codebook: protests need a crowd, state arrests are Strategic
developments / Arrests, force against protesters makes a Protest "with intervention"
(non-lethal) or "Excessive force" (lethal), riots are violent crowds, and verbal
events (requests, accusations, threats) are outside ACLED's scope (None).
"""

from __future__ import annotations

from dataclasses import dataclass

POLITICAL_VIOLENCE = "Political violence"
DEMONSTRATIONS = "Demonstrations"
STRATEGIC = "Strategic developments"


@dataclass(slots=True, kw_only=True, frozen=True)
class AcledCode:
    disorder_type: str
    event_type: str
    sub_event_type: str


def _code(disorder: str, event: str, sub: str) -> AcledCode:
    return AcledCode(disorder_type=disorder, event_type=event, sub_event_type=sub)


ASSAULT_BY_MODE = {
    "explosives": _code(POLITICAL_VIOLENCE, "Explosions/Remote violence",
                        "Shelling/artillery/missile attack"),
    "suicide-attack": _code(POLITICAL_VIOLENCE, "Explosions/Remote violence", "Suicide bomb"),
    "aerial": _code(POLITICAL_VIOLENCE, "Explosions/Remote violence", "Air/drone strike"),
    "drone": _code(POLITICAL_VIOLENCE, "Explosions/Remote violence", "Air/drone strike"),
    "heavy-weapons": _code(POLITICAL_VIOLENCE, "Explosions/Remote violence",
                           "Shelling/artillery/missile attack"),
    "unconventional": _code(POLITICAL_VIOLENCE, "Explosions/Remote violence", "Chemical weapon"),
    "abduct": _code(POLITICAL_VIOLENCE, "Violence against civilians", "Abduction/forced disappearance"),
    "sexual": _code(POLITICAL_VIOLENCE, "Violence against civilians", "Sexual violence"),
    "sideAB": _code(POLITICAL_VIOLENCE, "Battles", "Armed clash"),
    "lynch": _code(DEMONSTRATIONS, "Riots", "Mob violence"),  # a lynching is a mob's
}
ARMED_SECTORS = frozenset({"MIL", "COP", "REB", "MLT", "UAF", "SPY", "CRM", "PKO"})
# UAF: unidentified armed group; PKO: a peace operation's forces (AMISOM, MINUSMA)
CROWD_SECTORS = frozenset({"PRO", "RIO"})
MOB_SECTORS = frozenset({"CVL", "PTY", "OPP"})  # people and party supporters who attack:
# ACLED's mob violence (rioters, inter 5)
NON_STATE_ARMED = frozenset({"REB", "MLT", "UAF", "CRM"})
STATE = frozenset({"GOV", "MIL", "COP", "JUD", "SPY"})
STATE_FORCES = frozenset({"COP", "MIL", "GOV", "SPY"})  # the state's arms (not its courts)
PEOPLE_HARMED = frozenset({"CVL", "PRO", "RIO", "REF", "JRN"})  # shots at them: no show of force
UNARMED_SIDES = frozenset({"CVL", "PTY", "PRO", "RIO", "OPP", "JRN", "REF", "BUS"})  # sides of a brawl, not a battle


DISORDER_OF_TYPE = {
    "Battles": POLITICAL_VIOLENCE, "Explosions/Remote violence": POLITICAL_VIOLENCE,
    "Violence against civilians": POLITICAL_VIOLENCE, "Protests": DEMONSTRATIONS,
    "Riots": DEMONSTRATIONS, STRATEGIC: STRATEGIC,
}  # as the rules below assign them (mob violence too is a Demonstrations disorder here)
TYPE_OF_SUB = {
    **dict.fromkeys(("Armed clash", "Government regains territory",
                     "Non-state actor overtakes territory"), "Battles"),
    **dict.fromkeys(("Chemical weapon", "Air/drone strike", "Suicide bomb",
                     "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
                     "Grenade"), "Explosions/Remote violence"),
    **dict.fromkeys(("Sexual violence", "Attack", "Abduction/forced disappearance"),
                    "Violence against civilians"),
    **dict.fromkeys(("Peaceful protest", "Protest with intervention",
                     "Excessive force against protesters"), "Protests"),
    **dict.fromkeys(("Violent demonstration", "Mob violence"), "Riots"),
    **dict.fromkeys(("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                     "Headquarters or base established", "Looting/property destruction",
                     "Non-violent transfer of territory", "Other"), STRATEGIC),
}  # ACLED's 25 sub-event types and the event type each belongs to


def code_of_sub(sub_event_type: str) -> AcledCode | None:
    """The full ACLED code a sub-event type implies; None for a name outside the codebook."""
    event_type = TYPE_OF_SUB.get(sub_event_type)
    if event_type is None:
        return None
    return _code(DISORDER_OF_TYPE[event_type], event_type, sub_event_type)


def crosswalk(event_type: str, mode: str | None, *, actor_sectors: frozenset[str],
              recipient_sectors: frozenset[str], dead: int | None,
              weapon_sub: str = "", small_arms: bool = False,
              context: tuple[str, ...] = (), rioting: bool = False) -> AcledCode | None:
    """ACLED code for a PLOVER event, or None when ACLED would not code it.

    ``weapon_sub`` is the explosion sub-type the evidence's weapons point to (weapons.py).
    """
    if mode == "destroy":  # property set on fire or destroyed (PLOVER: COERCE)
        event_type = "COERCE"
    if event_type == "PROTEST":
        if mode == "vandalize" and actor_sectors == {"UAF"} and "weapons" not in context:
            return _code(DEMONSTRATIONS, "Riots", "Mob violence")  # "unknown persons
            # vandalised gravestones": no arms, no armed group named
        if mode in ("riot", "vandalize") and actor_sectors & (ARMED_SECTORS - {"COP"}) and \
                "demonstrated" not in context:  # (soldiers who demonstrate are protesters)
            return _code(STRATEGIC, STRATEGIC, "Looting/property destruction")  # armed looters
        if mode in ("riot", "vandalize") and "no-demands" in context:
            return _code(DEMONSTRATIONS, "Riots", "Mob violence")  # violence, no demonstration
        return _protest(mode, dead)
    if event_type in ("ASSAULT", "COERCE") and "disrupted" in context and \
            mode != "sideAB" and "territory" not in context:  # merge._text_tags
        return _code(STRATEGIC, STRATEGIC, "Disrupted weapons use")
    if event_type == "ASSAULT" and not dead and "warning-shots" in context and \
            mode != "crowd-control" and not recipient_sectors & PEOPLE_HARMED:
        return _code(STRATEGIC, STRATEGIC, "Other")  # shots in the air, no crowd: a show of force
    if event_type == "ASSAULT" and "war-remnant" in context and weapon_sub != "Grenade":
        return _code(STRATEGIC, STRATEGIC, "Other")  # a mine or shell left from a past war
    crowd = CROWD_SECTORS | (frozenset() if "armed-doers" in context else {"CVL"})
    if event_type in ("ASSAULT", "COERCE") and "property-only" in context and mode in (
            None, "destroy", "primitive") and not actor_sectors & crowd:
        # vehicles or shops burned, no one hurt, no crowd: property destruction
        return _code(STRATEGIC, STRATEGIC, "Looting/property destruction")
    if event_type == "ASSAULT":
        # Small arms between armed sides are a clash; so is small-arms fire between
        # unnamed sides, unless heavier weapons are named too.
        if small_arms and (actor_sectors & ARMED_SECTORS and recipient_sectors & ARMED_SECTORS
                           or not (actor_sectors or recipient_sectors) and not weapon_sub) \
                and mode != "abduct":
            return _code(POLITICAL_VIOLENCE, "Battles", "Armed clash")
        if "small-arms" in context and not recipient_sectors & {"CVL"} and mode not in (
                "abduct", "aerial", "drone"):
            # heavy weapons fired with small arms at armed positions: ACLED's armed clash
            return _code(POLITICAL_VIOLENCE, "Battles", "Armed clash")
        code = _assault(mode, actor_sectors, recipient_sectors, dead, rioting,
                        armed_weapons=small_arms or weapon_sub != "", context=context)
        if code.event_type == "Explosions/Remote violence" and weapon_sub:
            return _code(POLITICAL_VIOLENCE, code.event_type, weapon_sub)
        return code
    if event_type == "COERCE":
        if mode == "arrest" and actor_sectors & NON_STATE_ARMED and not actor_sectors & STATE:
            # ACLED: "arrests" by non-state groups are abductions
            return _code(POLITICAL_VIOLENCE, "Violence against civilians",
                         "Abduction/forced disappearance")
        if mode == "arrest":
            return _code(STRATEGIC, STRATEGIC, "Arrests")
        if mode == "seize" and "unopposed" in context:  # captures.py
            return _code(STRATEGIC, STRATEGIC, "Non-violent transfer of territory")
        if mode == "seize" and "territory" in context:
            state = bool(actor_sectors & {"MIL", "GOV", "COP"})
            return _code(POLITICAL_VIOLENCE, "Battles", "Government regains territory" if state
                         else "Non-state actor overtakes territory")
        if mode == "seize" and weapon_sub is not None and "weapons" in context:
            return _code(STRATEGIC, STRATEGIC, "Disrupted weapons use")
        if mode == "destroy" and actor_sectors & (CROWD_SECTORS | MOB_SECTORS):
            demo = actor_sectors & CROWD_SECTORS and not (
                "no-demands" in context and not actor_sectors & {"PRO"})  # "a mob set fire"
            return _code(DEMONSTRATIONS, "Riots", "Violent demonstration" if demo
                         else "Mob violence")  # a crowd burning property
        if mode in ("seize", "destroy"):  # looting, seizing goods or land, property destroyed
            return _code(STRATEGIC, STRATEGIC, "Looting/property destruction")
        if mode in ("martial-law", "curfew", "restrict"):  # security measures
            return _code(STRATEGIC, STRATEGIC, "Change to group/activity")
        if mode == "censor":
            return _code(STRATEGIC, STRATEGIC, "Other")
        return None
    if event_type == "MOBILIZE" and mode == "base":  # not a protest or refugee camp
        return _code(STRATEGIC, STRATEGIC, "Headquarters or base established") if (
            actor_sectors & ARMED_SECTORS or not actor_sectors) else None
    if event_type == "MOBILIZE" and mode in ("fortify", "troops") and actor_sectors and \
            actor_sectors <= UNARMED_SIDES:
        return None  # a crowd's barricades or mobilising are part of its demonstration
    if event_type == "MOBILIZE" and mode == "fortify" and not actor_sectors & (ARMED_SECTORS | STATE):
        return None  # a crowd's barricades are part of its demonstration or riot
    if event_type == "MOBILIZE":
        return _code(STRATEGIC, STRATEGIC, "Change to group/activity")
    if event_type in ("AGREE", "COOPERATE") and actor_sectors & ARMED_SECTORS and \
            "accord" in context:  # a truce, deal or prisoner swap between armed actors
        return _code(STRATEGIC, STRATEGIC, "Agreement")
    if event_type == "AGREE" and mode in (None, "ceasefire"):
        return None
    if event_type == "RETREAT" and mode == "withdraw" and recipient_sectors & ARMED_SECTORS:
        # forces pulled out ("withdrew 300 troops"); fighters retreating are part of a fight
        return _code(STRATEGIC, STRATEGIC, "Change to group/activity")
    if event_type == "AID" and actor_sectors & NON_STATE_ARMED and not actor_sectors & STATE:
        return _code(STRATEGIC, STRATEGIC, "Change to group/activity")  # an armed group's aid
    if event_type == "RETREAT" and mode == "flee":  # displacement of civilians
        return _code(STRATEGIC, STRATEGIC, "Other")
    if event_type == "RETREAT" and mode in ("disarm", "release") and \
            actor_sectors & ARMED_SECTORS and (mode == "disarm" or "accord" in context):
        return _code(STRATEGIC, STRATEGIC, "Agreement")  # a surrender, or captives exchanged
    if event_type == "RETREAT" and mode == "release" and "captives-freed" in context:
        # prisoners, captured fighters or hostages freed: a non-violent act (captures.py)
        return _code(STRATEGIC, STRATEGIC, "Other")
    if event_type == "RETREAT" and mode == "ceasefire":
        return _code(STRATEGIC, STRATEGIC, "Agreement")
    return None


def _protest(mode: str | None, dead: int | None) -> AcledCode | None:
    if mode in ("riot", "vandalize"):
        return _code(DEMONSTRATIONS, "Riots", "Violent demonstration")
    if mode in ("demo", "obstruct", None):
        return _code(DEMONSTRATIONS, "Protests", "Peaceful protest")
    return None  # strikes, boycotts, hunger strikes alone are not ACLED protests


def _assault(mode: str | None, actors: frozenset[str], recipients: frozenset[str],
             dead: int | None, rioting: bool, armed_weapons: bool,
             context: tuple[str, ...] = ()) -> AcledCode:
    if mode == "crowd-control" or (recipients & CROWD_SECTORS and actors & {"COP", "MIL"}
                                   and "no-demands" not in context):  # not "a student killed"
        sub = "Excessive force against protesters" if dead else "Protest with intervention"
        return _code(DEMONSTRATIONS, "Protests", sub)
    actors = actors or frozenset({"UAF"})  # an unnamed attacker is an unidentified armed group
    if "armed-doers" in context and actors <= MOB_SECTORS | {"RIO"}:
        actors = frozenset({"UAF"})  # "four armed inmates stabbed ...", "armed men set fire"
    if actors <= MOB_SECTORS and (mode == "firearms" or armed_weapons) and mode != "sideAB":
        actors = frozenset({"UAF"})  # "armed men shot": ACLED's unidentified armed group
    if actors <= MOB_SECTORS and "unnamed-men" in context and dead and mode != "sideAB":
        actors = frozenset({"UAF"})  # "four men stabbed him to death": killers, no mob
    if "PRO" in actors or ("RIO" in actors and rioting):
        return _code(DEMONSTRATIONS, "Riots", "Violent demonstration")
    if (actors & (MOB_SECTORS | {"RIO"})) and not actors & ARMED_SECTORS:
        if "lone" in context and mode != "sideAB":
            return _code(POLITICAL_VIOLENCE, "Violence against civilians", "Attack")
        if recipients & {"COP", "MIL"} and "no-demands" not in context:
            # a crowd fighting the police over a demand: a demonstration turned violent
            return _code(DEMONSTRATIONS, "Riots", "Violent demonstration")
        return _code(DEMONSTRATIONS, "Riots", "Mob violence")
    if mode == "sideAB":
        if "brawl" in context:
            return _code(DEMONSTRATIONS, "Riots", "Mob violence")  # merge._brawl
        if (actors | recipients) & {"PRO"} and not (actors & recipients & ARMED_SECTORS):
            # demonstrators fighting the police: a demonstration turned violent
            return _code(DEMONSTRATIONS, "Riots", "Violent demonstration")
        if dead:  # groups fighting to the death are armed for ACLED (communal militias)
            return _code(POLITICAL_VIOLENCE, "Battles", "Armed clash")
        if actors & UNARMED_SIDES and len(actors & ARMED_SECTORS) < 2 and not armed_weapons:
            return _code(DEMONSTRATIONS, "Riots", "Mob violence")  # stones against soldiers
        return _code(POLITICAL_VIOLENCE, "Battles", "Armed clash")
    if "brawl" in context and mode in (None, "beat", "primitive"):
        return _code(DEMONSTRATIONS, "Riots", "Mob violence")  # a dispute come to blows
    if mode == "abduct" and recipients and recipients <= {"COP", "MIL", "SPY"} and \
            actors & NON_STATE_ARMED:  # soldiers or police seized by an armed group:
        # fighting between armed actors (ACLED keeps abduction for civilians)
        return _code(POLITICAL_VIOLENCE, "Battles", "Armed clash")
    if mode in ASSAULT_BY_MODE:
        return ASSAULT_BY_MODE[mode]
    if actors & ARMED_SECTORS and (recipients & ARMED_SECTORS or (
            "armed-target" in context and not recipients)):  # "attacked a checkpoint"
        return _code(POLITICAL_VIOLENCE, "Battles", "Armed clash")
    if recipients & ARMED_SECTORS and not actors:
        return _code(DEMONSTRATIONS, "Riots", "Mob violence") if "RIO" in actors else _code(
            POLITICAL_VIOLENCE, "Battles", "Armed clash")
    return _code(POLITICAL_VIOLENCE, "Violence against civilians", "Attack")
