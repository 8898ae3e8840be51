"""Actors and recipients: normalised names, ISO country and PLOVER sector.

A noun phrase is typed by its head noun (``SECTOR_NOUNS``), its country comes from a
demonym or a country name inside the phrase (through the gazetteer), and failing that
from the event's location. Names follow ACLED's generic style: "Protesters
(Kazakhstan)", "Police Forces of Kazakhstan".
"""

from __future__ import annotations

import re

from collections.abc import Callable
from typing import Any

import pycountry

from eventwire.coding import organisations
from eventwire.coding.crosswalk import STATE
from eventwire.records import Actor

# head-noun lemma -> PLOVER sector
SECTOR_NOUNS: dict[str, str] = {
    **dict.fromkeys(("police", "policeman", "policemen", "policewoman", "officer", "cop",
                     "gendarme", "gendarmerie", "constable", "policewomen", "patrolman",
                     "ranger"), "COP"),
    **dict.fromkeys(("soldier", "troop", "army", "military", "force", "guard", "marine",
                     "paratrooper", "peacekeeper", "commando", "navy", "airforce", "division",
                     "brigade", "battalion", "regiment", "security", "servicemen",
                     "serviceman", "sergeant", "lieutenant", "colonel", "captain", "general",
                     "trooper", "intelligence", "corps"),  # intelligence services: state forces
                    "MIL"),
    **dict.fromkeys(("government", "authority", "president", "minister", "official",
                     "ministry", "administration", "governor", "mayor", "cabinet", "regime",
                     "state", "prime", "premier", "leader", "spokesman", "spokeswoman",
                     "spokesperson", "embassy", "diplomat", "ambassador", "chancellor",
                     "king", "kremlin", "director", "side", "delegation", "country", "nation",
                     "envoy", "negotiator", "secretary", "foreign", "queen", "emir", "sheikh",
                     "sultan", "chief", "representative", "council"), "GOV"),
    **dict.fromkeys(("parliament", "lawmaker", "legislator", "senator", "congress", "mp"),
                    "LEG"),
    **dict.fromkeys(("court", "judge", "prosecutor"), "JUD"),
    **dict.fromkeys(("rebel", "insurgent", "militant", "guerrilla", "jihadist", "terrorist",
                     "separatist", "fighter"), "REB"),
    **dict.fromkeys(("gunman", "gunmen", "assailant", "attacker", "hitman", "bandit",
                     "kidnapper", "raider", "rustler"), "UAF"),
    **dict.fromkeys(("protester", "protestor", "demonstrator", "activist", "marcher",
                     "crowd", "student", "worker", "striker", "protest",
                     "demonstration"), "PRO"),
    **dict.fromkeys(("rioter", "mob", "looter", "riot"), "RIO"),
    **dict.fromkeys(("civilian", "resident", "villager", "people", "person", "man", "woman",
                     "child", "family", "passenger", "farmer", "citizen", "worshipper",
                     "community", "local", "youth", "inhabitant", "villager", "prisoner",
                     "inmate", "trader", "driver", "teacher", "doctor", "nurse", "victim",
                     "shopkeeper", "vendor", "seller", "merchant", "neighbour", "neighbor",
                     "relative", "fisherman", "fishermen", "miner", "herder", "pedestrian",
                     "national", "homeowner", "tenant", "landowner", "peasant"), "CVL"),
    **dict.fromkeys(("journalist", "reporter", "correspondent"), "JRN"),
    **dict.fromkeys(("company", "firm", "businessman", "plant", "bank", "manager",
                     "executive", "technician", "employee"), "BUS"),
    **dict.fromkeys(("militia", "vigilante", "militiaman", "militiamen", "clansman",
                     "clansmen"), "MLT"),
    **dict.fromkeys(("party", "supporter", "loyalist", "partisan"), "PTY"),
    **dict.fromkeys(("opposition",), "OPP"),
    **dict.fromkeys(("watchdog", "ngo", "charity", "organization", "organisation", "union",
                     "federation", "association", "agency"), "SOC"),
    **dict.fromkeys(("cartel", "gang", "gangster", "criminal", "trafficker", "smuggler",
                     "robber", "thief", "poacher"), "CRM"),
    **dict.fromkeys(("refugee", "migrant"), "REF"),
}

# International organisations: acronym -> (full name, member-neutral code)
IGOS: dict[str, str] = {
    "CSTO": "Collective Security Treaty Organization",
    "UN": "United Nations", "U.N.": "United Nations", "NATO": "North Atlantic Treaty Organization",
    "AU": "African Union", "EU": "European Union", "OSCE": "Organization for Security and Co-operation in Europe",
    "ECOWAS": "Economic Community of West African States", "ASEAN": "Association of Southeast Asian Nations",
    "WHO": "World Health Organization", "IMF": "International Monetary Fund",
    "ICRC": "International Committee of the Red Cross", "SCO": "Shanghai Cooperation Organisation",
    "OPEC": "Organization of the Petroleum Exporting Countries", "UNHCR": "UN Refugee Agency",
    "APEC": "Asia-Pacific Economic Cooperation", "OAS": "Organization of American States",
    "WTO": "World Trade Organization", "WFP": "World Food Programme", "UNICEF": "UNICEF",
    "ICC": "International Criminal Court", "GCC": "Gulf Cooperation Council",
    "SADC": "Southern African Development Community", "IGAD": "Intergovernmental Authority on Development",
    "OIC": "Organisation of Islamic Cooperation", "AMISOM": "African Union Mission in Somalia",
    "MONUSCO": "UN Mission in the DR Congo", "MINUSMA": "UN Mission in Mali",
    "UNIFIL": "UN Interim Force in Lebanon", "UNAMID": "UN-AU Mission in Darfur",
    "MINUSCA": "UN Mission in the Central African Republic",
    "UNMISS": "UN Mission in South Sudan", "Interpol": "Interpol", "G7": "Group of Seven",
    "G20": "Group of Twenty", "Arab League": "League of Arab States",
    "Security Council": "United Nations Security Council", "World Bank": "World Bank",
    "Red Crescent": "Red Crescent", "Red Cross": "Red Cross",
    "European Community": "European Community", "EC": "European Community",
    "Warsaw Pact": "Warsaw Pact", "Commonwealth": "Commonwealth of Nations",
}
IGO_BY_NAME = {name.lower(): code for code, name in IGOS.items()}
# Peace operations: armed forces of an IGO (sector PKO; ACLED's external/other forces).
PEACE_OPERATIONS = frozenset({"AMISOM", "MONUSCO", "MINUSMA", "UNIFIL", "UNAMID", "MINUSCA",
                              "UNMISS"})

# Seats of government that stand for the state in news copy: name -> (ISO2, sector).
METONYMS: dict[str, tuple[str, str]] = {
    "white house": ("US", "GOV"), "pentagon": ("US", "MIL"), "state department": ("US", "GOV"),
    "kremlin": ("RU", "GOV"), "downing street": ("GB", "GOV"), "elysee": ("FR", "GOV"),
    "élysée": ("FR", "GOV"), "quai d'orsay": ("FR", "GOV"), "zhongnanhai": ("CN", "GOV"),
    "blue house": ("KR", "GOV"), "knesset": ("IL", "LEG"), "duma": ("RU", "LEG"),
    "bundestag": ("DE", "LEG"), "congress": ("US", "LEG"), "capitol hill": ("US", "LEG"),
}

GENERIC_NAMES = {
    "PRO": "Protesters ({c})", "RIO": "Rioters ({c})", "CVL": "Civilians ({c})",
    "COP": "Police Forces of {c}", "MIL": "Military Forces of {c}", "GOV": "Government of {c}",
    "REB": "Rebel Group ({c})", "MLT": "Militia ({c})", "JUD": "Judiciary of {c}",
    "LEG": "Legislature of {c}", "JRN": "Journalists ({c})", "BUS": "Private Business ({c})",
    "REF": "Refugees/IDPs ({c})", "PTY": "Political Party ({c})",
    "UAF": "Unidentified Armed Group ({c})", "CRM": "Unidentified Gang ({c})",
    "SPY": "Intelligence Services of {c}",
}

CountryOf = Callable[[str], "str | None"]  # word or name -> ISO2 (gazetteer demonym/country)


def country_name(iso2: str | None) -> str | None:
    if not iso2:
        return None
    c = pycountry.countries.get(alpha_2=iso2)
    return getattr(c, "common_name", None) or (c.name if c else None)


# Heads that say how many or which part, not who: look at their "of" phrase instead.
COLLECTIVE_HEADS = frozenset({"member", "personnel", "unit", "group", "thousand", "hundred",
                              "dozen", "score", "number", "some", "many", "most", "all", "part",
                              "contingent", "delegation", "head", "team", "squad", "position",
                              "post", "base", "checkpoint", "convoy", "patrol", "camp",
                              "headquarters", "stronghold", "vehicle", "department",
                              "station", "point", "commander"})  # "a militia check point"


FORCE_SECTORS = frozenset({"COP", "MIL", "REB", "MLT", "CRM"})
GROUP_HEADS = frozenset({"group", "movement", "organization", "organisation", "front",
                         "faction", "wing", "network", "alliance", "coalition"})
ARMED_MODIFIERS = frozenset({"armed", "masked", "unidentified", "unknown", "hooded"})


def sector_of(span: Any) -> str | None:
    """Sector from the head noun of a noun phrase ("thousands of protesters" -> PRO)."""
    found = _sector_of(span)
    if found is None and span.root.lemma_.lower() in ("commander", "combatant"):
        return "UAF"  # "an Arbaki commander": armed, whoever he commands
    return found


def _sector_of(span: Any) -> str | None:
    root = span.root
    for mod in root.children:  # "NAF rebel forces", "militia members": the modifier decides
        if mod.dep_ in ("compound", "amod") and _sector_word(mod) in ("REB", "MLT", "UAF", "CRM"):
            return _sector_word(mod)
    if root.lemma_.lower() in ("man", "person", "people", "individual", "group", "assailant",
                               "party", "element") and any(
            c.lower_ in ARMED_MODIFIERS for c in root.children if c.dep_ == "amod") and not (
            root.lemma_.lower() == "group" and _of_target(root)):
        return "UAF"  # "armed men", "unidentified individuals": ACLED's unidentified armed group
    if root.like_num or root.ent_type_ in ("GPE", "LOC"):
        found = _misparsed_head(root)
        if found is not None:
            return found
    for _ in range(3):
        word = _sector_word(root)
        if word is not None:
            return word
        if root.lemma_.lower() in ("dealer", "trafficker", "smuggler") or any(
                c.lemma_.lower() in ("narco", "gang") for c in root.children
                if c.dep_ in ("compound", "amod")):
            return "CRM"  # "an alleged drug dealer", "gang members"
        if root.lemma_.lower() not in COLLECTIVE_HEADS and not root.like_num:
            modifier = next((_sector_word(c) for c in root.children if c.dep_ in (
                "compound", "amod") and c.pos_ in ("NOUN", "ADJ") and
                _sector_word(c) in FORCE_SECTORS), None)
            if modifier is not None and root.pos_ == "NOUN":
                return modifier  # "two police agents", "army medics"
            break
        nxt = _of_target(root) or next((c for c in root.children if c.dep_ == "poss"), None)
        if nxt is None:  # "army position", "a state police patrol" (the force decides)
            mods = [c for c in root.children if c.dep_ in ("compound", "amod")]
            mods += [g for c in mods for g in c.children if g.dep_ in ("compound", "amod")]
            words = [_sector_word(c) for c in mods]  # "a militia check point": two deep
            return next((w for w in words if w in FORCE_SECTORS), None) or next(
                (w for w in words if w), None)
        root = nxt
    return None


def _misparsed_head(root: Any) -> str | None:
    """The sector of a phrase the small parser cut wrongly: "killed 3 IS militants" (the
    number made the object, the noun left behind) or "shot the Police Officer of Faskari
    LGA (Katsina)" (the place made the object, the person its modifier)."""
    if root.like_num:
        for tok in root.doc[root.i + 1: root.i + 4]:
            if tok.pos_ in ("ADP", "PUNCT", "VERB", "CCONJ") or tok.ent_type_ in ("GPE", "LOC"):
                break
            word = _sector_word(tok)
            if word is not None:
                return word
        return None
    for child in root.children:
        if child.dep_ in ("nmod", "compound") and child.i < root.i:
            word = _sector_word(child)
            if word is not None:
                return word
    return None


def _of_target(tok: Any) -> Any:
    """The noun of an "of" phrase; "a number of demonstrating workers", which the small
    parser reads as a verb phrase, gives the verb's object."""
    for c in tok.children:
        if c.lower_ != "of":
            continue
        for g in c.children:
            if g.dep_ == "pobj":
                return g
            if g.dep_ == "pcomp":
                return next((o for o in g.children if o.dep_ == "dobj"), None)
    return None


def _sector_word(tok: Any) -> str | None:
    lowered = tok.text.lower()
    return SECTOR_NOUNS.get(tok.lemma_.lower()) or SECTOR_NOUNS.get(lowered) or (
        SECTOR_NOUNS.get(lowered[:-1]) if lowered.endswith("s") else None)  # "Forces" (PROPN)


def igo_of(span: Any) -> str | None:
    text = span.text.strip()
    for tok in span:
        if tok.text in IGOS:
            return tok.text.replace(".", "")
    lowered = text.lower()
    for name, code in IGO_BY_NAME.items():
        if name in lowered:
            return code.replace(".", "")
    return None


def crowd_actor(kind: str, country: str | None) -> Actor:
    """ACLED's generic crowd actor for a protest that names no group."""
    return generic_actor("RIO" if kind == "riot" else "PRO", country)


def generic_actor(sector: str, country: str | None) -> Actor:
    """An actor the text does not name, in ACLED's generic wording (``text`` is empty)."""
    name = GENERIC_NAMES[sector].format(c=country_name(country) or "Unknown")
    return Actor(text="", name=name, country=country, sector=sector)


def rioters(actor: Actor) -> Actor:
    """The same crowd, named as ACLED names the crowd of a riot."""
    name = GENERIC_NAMES["RIO"].format(c=country_name(actor.country) or "Unknown")
    return Actor(text=actor.text, name=name, country=actor.country, sector="RIO")


def dedupe(actors: list[Actor]) -> list[Actor]:
    """One entry per (name, sector, country), keeping the first wording."""
    seen: set[tuple[object, ...]] = set()
    out = []
    for a in actors:
        key = (a.name, a.sector, a.country)
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out


def make_actor(span: Any, *, country_of: CountryOf, fallback_country: str | None) -> Actor | None:
    """Build an Actor from a noun-phrase span, or None when it names no actor."""
    lowered = span.text.lower().removeprefix("the ").strip()
    if lowered in METONYMS:
        code, sector = METONYMS[lowered]
        name = GENERIC_NAMES[sector].format(c=country_name(code) or code)
        return Actor(text=span.text, name=name, country=code, sector=sector)
    igo = igo_of(span)
    if igo:
        return Actor(text=span.text, name=f"{igo}: {IGOS.get(igo, igo)}", country=igo,
                     sector="PKO" if igo in PEACE_OPERATIONS else "IGO")
    sector = sector_of(span)
    country = _country_in(span, country_of)
    org = organisation_of(span)
    if org is not None and sector not in CIVIC_SECTORS and not (
            org.sector in STATE_SECTORS and sector in STATE_SECTORS):  # "GNA forces"
        country = org.country or country or fallback_country
        name = org.name if org.sector not in STATE_SECTORS else GENERIC_NAMES.get(
            org.sector, "{c}").format(c=country_name(country) or "Unknown") + f" ({org.name})"
        return Actor(text=span.text, name=name, country=country, sector=org.sector)
    if sector is None and span.root.ent_type_ == "PERSON":
        sector = "GOV" if _has_title(span) else None
        if sector is None:
            return Actor(text=span.text, name=span.text, country=country, sector=None)
    if sector is None and country and span.root.ent_type_ == "NORP" and span.root.tag_ in (
            "NNPS", "NNS"):
        sector = "CVL"  # "Palestinians clashed with ...": people of that nationality
    if sector is None and country and span.root.ent_type_ in ("GPE", "NORP"):
        sector = "GOV"  # "Russia called for dialogue": the state acts
    if sector is None and span.root.lemma_.lower() in GROUP_HEADS and any(
            c.pos_ == "PROPN" and c.dep_ in ("compound", "nmod") for c in span.root.children):
        # "the Islamic Jihad movement", "the Hizbollah group": a named organisation
        return Actor(text=span.text, name=span.text.removeprefix("the ").removeprefix("The "),
                     country=country, sector=None)
    if sector is None and span.root.ent_type_ == "ORG" and span.root.pos_ == "PROPN":
        # a named organisation of unknown sector ("Amnesty International", "the FDD")
        return Actor(text=span.text, name=span.text.removeprefix("the ").removeprefix("The "),
                     country=country, sector=None)
    if sector is None:
        return None
    if sector in SERVING_SECTORS and _off_duty(span):
        sector = "CVL"  # ACLED: security forces off duty, or former ones, are civilians
    country = country or fallback_country
    name = GENERIC_NAMES.get(sector, "{c}").format(c=country_name(country) or "Unknown")
    return Actor(text=span.text, name=name, country=country, sector=sector)


SERVING_SECTORS = frozenset({"MIL", "COP", "SPY", "REB", "MLT"})  # people who serve in a force
# "an off-duty police officer", "a soldier (assumed off-duty)", "a former military officer"
OFF_DUTY = re.compile(r"\boff[- ]duty\b|\bformer\b|\bretired\b|\bex-", re.IGNORECASE)


def _off_duty(span: Any) -> bool:
    """Is the person of this phrase off duty, retired or formerly in the force (told in the
    phrase, in a bracket just after it, or in its relative clause)? Not when the phrase
    calls them armed: "armed former rebels" still fight."""
    after = span.doc[span.end:min(len(span.doc), span.end + 5)]
    tail = after.text if after.text.lstrip().startswith("(") else ""
    told = [span.text, tail] + [" ".join(t.text for t in c.subtree)  # "... who was off-duty"
                                for c in span.root.children if c.dep_ == "relcl"]
    return OFF_DUTY.search(" ".join(told)) is not None and "armed" not in span.text.lower()


# heads that keep their own sector whoever they belong to ("PKK supporters", "Taliban
# prisoners"); state forces named by an agency keep the head's sector ("NDS officers")
CIVIC_SECTORS = frozenset({"CVL", "PRO", "RIO", "PTY", "JRN", "BUS", "REF", "OPP"})
STATE_SECTORS = STATE | {"LEG"}
NAME_LINKS = frozenset({"compound", "amod", "nmod", "poss", "flat", "nummod", "det",
                        "npadvmod", "case", "punct"})


def organisation_of(span: Any) -> organisations.Organisation | None:
    """The armed organisation or security agency a phrase names as who its people are:
    "a QSD member", "members of the CJNG", "Taliban militants", "the Sultan Murad
    Division". Not one the phrase only mentions ("the wife of a Taliban commander")."""
    found = organisations.find(span)
    if found is None:
        return None
    org, index = found
    cur, root = span[index], span.root
    for _ in range(8):
        if cur.i == root.i:
            return org
        if cur.dep_ == "pobj" and cur.head.lower_ in ("of", "from"):
            owner = cur.head.head  # "members of the CJNG", "a commander of the ADF"
            if owner.lemma_.lower() not in COLLECTIVE_HEADS and _sector_word(owner) is None:
                return None
            if any(t.pos_ == "CCONJ" for t in span.doc[owner.i:cur.head.i]):
                return None  # "forces and members of the FARC", misattached by the parser
            cur = owner
        elif cur.dep_ in NAME_LINKS or cur.dep_ == "appos" and cur.pos_ == "PROPN" or (
                cur.head.i in range(span.start, span.end)) and (
                cur.head.ent_type_ == cur.ent_type_ != ""):  # inside one multi-word name
            cur = cur.head
        else:
            return None
    return None


def _country_in(span: Any, country_of: CountryOf) -> str | None:
    for ent in span.ents:  # "the United States", "Sri Lanka": whole names first
        if ent.label_ in ("GPE", "NORP"):
            code = country_of(ent.text.removeprefix("the ").removeprefix("The "))
            if code:
                return code
    for tok in span:
        if tok.ent_type_ in ("GPE", "NORP") or tok.text[:1].isupper():
            code = country_of(tok.text)
            if code:
                return code
    return None


def _has_title(span: Any) -> bool:
    doc = span.doc
    window = doc[max(0, span.start - 3): span.end]
    return any(t.lemma_.lower() in SECTOR_NOUNS for t in window)


def noun_phrase(token: Any) -> Any:
    """The span of a token's noun phrase (its subtree, trimmed of relative clauses)."""
    doc = token.doc
    left = token.left_edge.i
    right = token.i
    for child in token.rights:
        if child.dep_ == "appos" and child.left_edge.i > right + 2:
            continue  # an apposition the parser hung across the verb is not part of it
        if child.dep_ in ("compound", "flat", "appos") or (child.dep_ == "prep" and child.text == "of"):
            right = max(right, child.right_edge.i)
    return doc[left: right + 1]
