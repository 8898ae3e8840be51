"""The demonstration article: each event the brief lists, typed, placed, dated, counted."""

from __future__ import annotations

import math

import pytest

ALMATY = (43.25, 76.92)
ZHANAOZEN = (43.34, 52.86)
AKTAU = (43.65, 51.20)
KAZAKHSTAN = (48.0, 68.0)


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    (la1, lo1), (la2, lo2) = (map(math.radians, a), map(math.radians, b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def near(ev, point, tol_km) -> bool:
    return ev.location is not None and km((ev.location.lat, ev.location.lon), point) <= tol_km


@pytest.fixture(scope="module")
def events(pipeline, seed_article):
    return pipeline.extract(seed_article)


@pytest.fixture(scope="module")
def real(events):
    return [e for e in events if not (e.negated or e.hypothetical or e.historical)]


def test_evidence_offsets_point_into_the_text(events, seed_article):
    assert events
    for ev in events:
        assert ev.evidence
        for ev_span in ev.evidence:
            assert seed_article.text[ev_span.start:ev_span.end] == ev_span.text


def test_nothing_from_the_junk_footer(events, seed_article):
    footer = seed_article.text.index("You may also like")
    assert all(s.start < footer for ev in events for s in ev.evidence)


def test_storming_in_almaty_is_a_riot_on_wednesday(real):
    riots = [e for e in real if e.event_type == "PROTEST" and e.acled_event_type == "Riots"
             and near(e, ALMATY, 30) and e.date == "2022-01-05"]
    assert riots, "no riot in Almaty on 2022-01-05"
    assert riots[0].disorder_type == "Demonstrations"
    assert any(a.sector in ("PRO", "RIO") and a.country == "KZ" for a in riots[0].actors)


def test_protests_in_zhanaozen_and_aktau(real):
    protests = [e for e in real if e.event_type == "PROTEST"]
    assert any(near(e, ZHANAOZEN, 40) for e in protests), "no protest placed at Zhanaozen"
    assert any(near(e, AKTAU, 40) for e in protests), "no protest placed at Aktau"
    weekend = [e for e in protests if near(e, ZHANAOZEN, 40)][0]
    assert weekend.time_precision == 2 and weekend.date in ("2022-01-01", "2022-01-02")


def test_security_forces_killed_and_injured(real):
    assaults = [e for e in real if e.dead == 8]
    assert assaults, "no event with 8 dead"
    ev = assaults[0]
    assert ev.event_type == "ASSAULT" and ev.injured == 317
    assert ev.date == "2022-01-06"
    assert ev.location is not None and ev.location.country_code == "KZ"
    assert any(r.sector in ("COP", "MIL") for r in ev.recipients)
    # killed "at the hands of an angry mob" in the riots: ACLED codes the crowd's violence
    assert (ev.acled_event_type, ev.acled_sub_event_type) == ("Riots", "Violent demonstration")


def test_dispersal_with_tear_gas_counts_the_crowd(real):
    crowd = [e for e in real if e.size == 5000]
    assert crowd and crowd[0].date == "2022-01-04" and near(crowd[0], ALMATY, 30)
    assert crowd[0].acled_sub_event_type == "Protest with intervention"


def test_state_of_emergency(real):
    soe = [e for e in real if e.event_type == "COERCE" and e.mode == "martial-law"]
    assert soe and all(e.location.country_code == "KZ" for e in soe)
    assert {e.date for e in soe} & {"2022-01-05", "2022-01-06"}
    assert soe[0].acled_event_type == "Strategic developments"


def test_internet_cut(real):
    cut = [e for e in real if e.event_type == "COERCE" and e.mode == "censor"]
    assert cut and cut[0].location.country_code == "KZ"
    assert "cyber" in cut[0].context


def test_officials_arrested_in_mangystau(real):
    arrests = [e for e in real if e.acled_sub_event_type == "Arrests"]
    assert arrests, "no arrest event"
    ev = arrests[0]
    assert ev.event_type == "COERCE" and ev.mode == "arrest" and ev.date == "2022-01-05"
    assert ev.location.country_code == "KZ" and ev.location.geo_precision >= 2
    assert km((ev.location.lat, ev.location.lon), (44.0, 53.5)) < 250  # Mangystau region


def test_csto_sends_peacekeeping_forces(real):
    mob = [e for e in real if e.event_type == "MOBILIZE"]
    assert mob, "no MOBILIZE event"
    ev = mob[0]
    assert any(a.sector == "IGO" and a.country == "CSTO" for a in ev.actors)
    assert ev.location.country_code == "KZ" and "peacekeeping" in ev.context
    assert ev.acled_sub_event_type == "Change to group/activity"


def test_background_is_not_coded_as_news(real, seed_article):
    nazarbayev = seed_article.text.index("led the country until 2019")
    for ev in real:
        for s in ev.evidence:
            assert not (s.start <= nazarbayev < s.end and ev.date and ev.date < "2021-01-01")
