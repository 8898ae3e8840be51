"""Event types: do two codings describe the same kind of happening?

Reports of one event are often coded differently: one article calls a crowd a protest,
another a riot; one reports a mob's attack, another the police firing that stopped it.
Following ACLED's coding rules, the PLOVER types fall into families:

- ``violence``: attacks, clashes, riots, armed seizures of territory (ACLED Battles,
  Explosions/Remote violence, Violence against civilians, Riots). ACLED merges
  explosions inside a battle and a riot's victims into one event, so these are
  compatible with each other.
- ``demonstration``: protests of any mode and the policing of a crowd (PLOVER
  ASSAULT:crowd-control is ACLED's "Protest with intervention").
- ``COERCE:<mode>``: an arrest, a ban and a deportation are different acts; a curfew is
  a restriction of movement (one report's "curfew imposed" is another's restriction).
- any other PLOVER type (statements, requests, meetings...): its own family.

Compatible across families: a demonstration and a violent event when one side is a riot
or a policed crowd (a protest that turned violent); an arrest and a protest or riot that
itself reports arrests (ACLED: detentions at a protest are its "intervention").
"""

from __future__ import annotations

from eventwire.dedup.verdict import Verdict, conflict
from eventwire.records import Event

# points (log-odds, see compare.py); fitted on the dev pairs, rounded
SAME_SUBTYPE = 0.46
SAME_FAMILY = 0.0
CROSS_FAMILY = 0.0
CROWD_MODES = frozenset({"riot", "vandalize", "crowd-control"})
RESTRICTIONS = {"curfew": "restrict"}
CROWD_ACLED = frozenset({"Riots", "Protest with intervention", "Excessive force against protesters"})


def family(ev: Event) -> str:
    if ev.event_type == "ASSAULT" and ev.mode == "crowd-control":
        return "demonstration"
    if ev.event_type == "COERCE" and ev.mode == "seize" and "territory" in ev.context:
        return "violence"
    if ev.event_type == "ASSAULT" or (ev.event_type == "PROTEST" and ev.mode in CROWD_MODES):
        return "violence"
    if ev.event_type == "PROTEST":
        return "demonstration"
    if ev.event_type == "COERCE":
        return f"COERCE:{RESTRICTIONS.get(ev.mode or '', ev.mode)}"
    return ev.event_type


def _crowd(ev: Event) -> bool:
    return ev.mode in CROWD_MODES or bool(
        {ev.acled_event_type, ev.acled_sub_event_type} & CROWD_ACLED)


def _label(ev: Event) -> str:
    return f"{ev.event_type}:{ev.mode}" if ev.mode else ev.event_type


def _cross_compatible(a: Event, b: Event, fa: str, fb: str) -> bool:
    pair = {fa, fb}
    if pair == {"violence", "demonstration"}:
        return _crowd(a) or _crowd(b)
    if "COERCE:arrest" in pair and pair & {"violence", "demonstration"}:
        other = b if fa == "COERCE:arrest" else a
        return other.arrested is not None
    return False


def compare_types(a: Event, b: Event) -> Verdict:
    fa, fb = family(a), family(b)
    if fa == fb:
        exact = (a.event_type, a.mode) == (b.event_type, b.mode) or (
            a.acled_sub_event_type is not None
            and a.acled_sub_event_type == b.acled_sub_event_type)
        if exact:
            return Verdict("type", "weak", SAME_SUBTYPE, f"both {_label(a)}")
        return Verdict("type", "weak", SAME_FAMILY, f"{_label(a)} and {_label(b)}: both {fa}")
    if _cross_compatible(a, b, fa, fb):
        return Verdict("type", "weak", CROSS_FAMILY, f"{_label(a)} and {_label(b)} can be one event")
    return conflict("type", f"{_label(a)} vs {_label(b)}")
