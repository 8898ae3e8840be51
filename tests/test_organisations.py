"""Named armed organisations decide who an actor is when the head noun cannot."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.coding import organisations
from eventwire.records import Article

DAY = dt.date(2021, 3, 9)


def _acled(pipeline, text):
    events = pipeline.extract(Article(id="t", text=text, published=DAY))
    return [e for e in events if e.acled_event_type and not e.flagged]


def test_acronyms_match_as_written_and_names_ignore_case_and_hyphens():
    assert organisations.acronym("FARDC").sector == "MIL"
    assert organisations.acronym("FARDCs").name == organisations.acronym("FARDC").name
    assert organisations.acronym("Fardc") is None  # an acronym is written in capitals
    assert organisations.NAMES[organisations._key("Al Shabaab")].name == "al-Shabaab"
    assert organisations.NAMES[organisations._key("the Kurdistan Workers Party")].country == "TR"


def test_every_entry_has_a_known_sector_and_country_code():
    orgs = set(organisations.ACRONYMS.values()) | set(organisations.NAMES.values())
    assert len(orgs) > 150
    for org in orgs:
        assert org.sector in {"MIL", "COP", "SPY", "GOV", "REB", "MLT", "CRM"}, org
        assert org.country is None or (len(org.country) == 2 and org.country.isupper()), org


@pytest.mark.parametrize(("text", "name"), [
    ("Tehrik-i-Taliban Pakistan fighters attacked the post.", "Tehrik-i-Taliban Pakistan"),
    ("Members of the Lord's Resistance Army looted the village.", "Lord's Resistance Army"),
    ("Al Shabaab militants attacked the base.", "al-Shabaab"),
])
def test_names_split_by_hyphens_and_possessives_are_found(pipeline, text, name):
    org, _ = organisations.find(pipeline.nlp(text))
    assert org.name == name


def test_the_longer_name_wins(pipeline):
    doc = pipeline.nlp("Fighters of the Islamic State Khorasan Province attacked the post.")
    org, _ = organisations.find(doc)
    assert org.name == "Islamic State Khorasan Province"


@pytest.mark.parametrize(("text", "sector", "acled"), [
    # a member of a named armed group killed is a clash, not violence against a civilian
    ("On 2 March 2021, gunmen shot dead an SDF member in Raqqa.", "REB", "Battles"),
    ("On 2 March 2021, soldiers killed a suspected ISWAP commander near Monguno.", "REB",
     "Battles"),
    ("On 2 March 2021, two members of the Sinaloa Cartel were shot dead in Culiacan.", "CRM",
     "Battles"),
    # the organisation only owns something of the victim's: the victim stays a civilian
    ("On 2 March 2021, gunmen shot dead the wife of a Taliban commander in Kandahar.", "CVL",
     "Violence against civilians"),
])
def test_the_victims_organisation_decides_their_side(pipeline, text, sector, acled):
    events = _acled(pipeline, text)
    assert [e.acled_event_type for e in events] == [acled]
    assert events[0].recipients[0].sector == sector


def test_a_state_agency_named_by_acronym_is_a_state_force(pipeline):
    events = _acled(pipeline, "On 2 March 2021, Taliban fighters killed two NDS officers in Herat.")
    assert [e.acled_event_type for e in events] == ["Battles"]
    assert events[0].actors[0].name == "Taliban"
    assert events[0].recipients[0].sector in {"MIL", "COP", "SPY"}
    assert events[0].recipients[0].country == "AF"


def test_an_armed_group_handing_out_aid_changes_its_activity(pipeline):
    events = _acled(pipeline, "On 2 March 2021, members of the Gulf Cartel delivered food "
                              "packages to families in Reynosa.")
    assert [(e.acled_event_type, e.acled_sub_event_type) for e in events] == [
        ("Strategic developments", "Change to group/activity")]
    assert events[0].actors[0].sector == "CRM"


def test_supporters_of_an_armed_group_stay_civilians_of_their_kind(pipeline):
    events = _acled(pipeline, "On 2 March 2021, PKK supporters protested in Diyarbakir.")
    assert [e.acled_event_type for e in events] == ["Protests"]
    assert events[0].actors[0].sector != "REB"


def test_a_bracketed_aside_does_not_hide_the_victim(pipeline):
    # the small parser makes "]" the passive subject; the victim is the phrase before it
    events = _acled(pipeline, "On 2 March 2021, 1 security personnel [assumed police] was "
                              "shot and killed by gunmen in Kandahar.")
    assert [e.acled_event_type for e in events] == ["Battles"]
    assert events[0].recipients[0].sector in {"MIL", "COP"}


def test_fighters_surrendering_after_a_clash_are_part_of_it(pipeline):
    events = _acled(pipeline, "On 2 March 2021, soldiers clashed with ELN rebels in Tame. "
                              "Four ELN rebels surrendered to the soldiers.")
    assert [e.acled_sub_event_type for e in events] == ["Armed clash"]


def test_a_subject_the_parser_made_an_apposition_of_the_place_still_acts(pipeline):
    # the small parser reads "members" as an apposition of "Nuevo Laredo, Tamaulipas"
    events = _acled(pipeline, "As reported on 2 March 2021, in Nuevo Laredo, Tamaulipas, "
                              "members of the Gulf Cartel delivered boxes with food to families "
                              "as a financial help during the lockdown.")
    assert [e.acled_sub_event_type for e in events] == ["Change to group/activity"]
    assert events[0].actors[0].name == "Gulf Cartel"


@pytest.mark.parametrize(("text", "sector"), [
    ("On 3 March 2021, gunmen opened fire on a convoy of the 5th Corps near Daraa.", "MIL"),
    # the parser makes the patrol an apposition of the place's names
    ("On 3 March 2021, in El Carmen, Colima, a state police patrol was shot at by gunmen.",
     "COP"),
])
def test_forces_named_by_their_unit_or_behind_a_place(pipeline, text, sector):
    events = _acled(pipeline, text)
    assert [e.acled_event_type for e in events] == ["Battles"]
    assert events[0].recipients[0].sector == sector
