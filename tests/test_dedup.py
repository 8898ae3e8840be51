"""Cross-article deduplication: compare() on events built by hand, conservative_count, the
pair scorer's plumbing on a hand-made corpus, and the labelled India police pairs
(skipped when ../shared is not checked out)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from eventwire.dedup import Decision, compare, conservative_count
from eventwire.dedup.where import compare_places
from eventwire.errors import InputError
from eventwire.evaluate.dedup import evaluate
from eventwire.records import Actor, Article, Event, Evidence, Location

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "tests" / "data" / "dedup_pairs.jsonl"
INDIA = ROOT.parent / "shared" / "data" / "india_police_events"

KANO = Location(name="Kano", geonameid=2335204, lat=12.0001, lon=8.5167, country_code="NG",
                admin1="Kano", geo_precision=1, reason="locative in the event's sentence")
KANO_STATE = Location(name="Kano", geonameid=2335196, lat=11.75, lon=8.5, country_code="NG",
                      admin1="Kano", geo_precision=3, reason="locative in the event's sentence")
KADUNA = Location(name="Kaduna", geonameid=2335727, lat=10.5264, lon=7.4388, country_code="NG",
                  admin1="Kaduna", geo_precision=1, reason="locative in the event's sentence")
NIGERIA = Location(name="Nigeria", geonameid=2328926, lat=10.0, lon=8.0, country_code="NG",
                   admin1="", geo_precision=3, reason="document's main country")
POLICE = Actor(text="police", name="Police Forces of Nigeria", country="NG", sector="COP")
PROTESTERS = Actor(text="protesters", name="Protesters (Nigeria)", country="NG", sector="PRO")


def event(text: str, **fields: object) -> Event:
    base: dict[str, object] = {
        "id": "e", "doc_id": "d", "event_type": "ASSAULT", "mode": "firearms",
        "acled_event_type": "Protests", "acled_sub_event_type": "Excessive force against protesters",
        "date": "2024-05-10", "time_precision": 1, "location": KANO,
        "actors": [POLICE], "recipients": [PROTESTERS],
        "evidence": [Evidence(text=text, start=0, end=len(text))]}
    base.update(fields)
    return Event(**base)  # type: ignore[arg-type]


FIRST = event("Police shot dead three protesters at the Sabon Gari market in Kano on Friday.",
              dead=3)


def test_same_event_reworded_and_dated_within_precision():
    later = event("Three demonstrators died when officers opened fire near Sabon Gari market, "
                  "witnesses said.", doc_id="d2", date="2024-05-12", time_precision=2, dead=3)
    decision = compare(FIRST, later)
    assert isinstance(decision, Decision)
    assert decision.same and not decision.conflicts
    assert {"type", "date", "place", "counts"} <= set(decision.matched)
    assert 0 < decision.score <= 1


def test_same_city_same_day_different_type_is_different():
    curfew = event("The governor imposed a curfew on Kano on Friday.", event_type="COERCE",
                   mode="curfew", acled_event_type="Strategic developments",
                   acled_sub_event_type="Other", actors=[], recipients=[])
    decision = compare(FIRST, curfew)
    assert not decision.same
    assert decision.score == 0.0
    assert any(c.startswith("type:") for c in decision.conflicts)


def test_two_clashes_same_day_same_city_with_different_actors():
    army = event("Boko Haram fighters clashed with soldiers in Kano on Friday.", mode="sideAB",
                 acled_event_type="Battles", acled_sub_event_type="Armed clash",
                 actors=[Actor(text="Boko Haram fighters", name="Boko Haram", country="NG",
                               sector="REB")], recipients=[])
    herders = event("Herders and farmers clashed over grazing land in Kano on Friday.",
                    mode="sideAB", acled_event_type="Battles",
                    acled_sub_event_type="Armed clash",
                    actors=[Actor(text="herders", name="Fulani Ethnic Militia (Nigeria)",
                                  country="NG", sector="MLT")],
                    recipients=[Actor(text="farmers", name="Farmers (Nigeria)", country="NG",
                                      sector="CVL")])
    decision = compare(army, herders)
    assert not decision.same
    assert any(c.startswith("actors:") for c in decision.conflicts)


def test_a_city_inside_its_region_is_compatible():
    inside = compare_places(FIRST, replace(FIRST, location=KANO_STATE))
    assert inside.status == "weak" and inside.grade == "within"
    other_region = compare_places(FIRST, replace(FIRST, location=replace(
        KANO_STATE, name="Kaduna", geonameid=2335722, admin1="Kaduna")))
    assert other_region.status == "conflict"
    far_town = compare_places(FIRST, replace(FIRST, location=KADUNA))
    assert far_town.status == "conflict" and "km apart" in far_town.reason


def test_region_level_report_needs_more_than_the_place():
    vague = event("Clashes were reported in Kano state.", location=KANO_STATE, actors=[],
                  recipients=[], dead=None)
    assert not compare(FIRST, vague).same
    # an equal figure of three or more and a particular in common (the market) identify it
    detailed = event("Three people were killed in clashes at Sabon Gari market, Kano state.",
                     location=KANO_STATE, actors=[], recipients=[], dead=3)
    decision = compare(FIRST, detailed)
    assert decision.same
    assert any(r.startswith("counts +2") for r in decision.reasons)
    assert compare(FIRST, replace(detailed, dead=None)).score < decision.score


SABON_GARI = ("Police shot dead three protesters at the Sabon Gari market in Kano on {day}, "
              "after the Emir's palace guards were attacked.")


def test_each_report_naming_its_own_day_is_two_days_not_a_restatement():
    friday = event(SABON_GARI.format(day="Friday"), dead=3)  # 2024-05-10 is a Friday
    saturday = event(SABON_GARI.format(day="Saturday"), doc_id="d2", date="2024-05-11", dead=3)
    decision = compare(friday, saturday)
    assert not decision.same
    assert any(c.startswith("date:") and "Saturday" in c for c in decision.conflicts)
    restated = event(SABON_GARI.format(day="Friday"), doc_id="d2", date="2024-05-11", dead=3)
    decision = compare(friday, restated)  # dated to its own publication day, names Friday
    assert decision.same and not decision.conflicts


def retold(ev: Event, text: str, **fields: object) -> Event:
    """``ev`` as another report tells it: other evidence text, and other fields."""
    return replace(ev, evidence=[Evidence(text=text, start=0, end=len(text))],
                   **fields)  # type: ignore[arg-type]


def test_a_later_day_of_a_series_is_its_own_event():
    first = event("Ram sevaks marched through Karsevakpuram defying prohibitory orders.",
                  event_type="PROTEST", mode="demo", acled_event_type="Protests",
                  acled_sub_event_type="Peaceful protest", actors=[PROTESTERS], recipients=[])
    second = retold(first, "Ram sevaks marched through Karsevakpuram for the second day "
                    "running.", doc_id="d2", date="2024-05-11")
    decision = compare(first, second)
    assert not decision.same
    assert any("series" in c for c in decision.conflicts)
    assert not any("series" in c for c in compare(first, replace(second, date=first.date)
                                                   ).conflicts)


def test_saturday_night_and_sunday_are_one_night():
    night = event("Police arrested Haji Bilal Sujela, the prime accused, on Saturday night in "
                  "Godhra.", event_type="COERCE", mode="arrest", date="2024-05-11",
                  acled_event_type="Strategic developments", acled_sub_event_type="Arrests")
    sunday = retold(night, "Police on Sunday arrested Haji Bilal Sujela, the main accused, "
                    "in Godhra.", doc_id="d2", date="2024-05-12")
    decision = compare(night, sunday)
    assert not decision.conflicts
    assert any("one night" in r for r in decision.reasons)
    evening = retold(night, "Police arrested Haji Bilal Sujela, the prime accused, on "
                     "Saturday in Godhra.")
    assert compare(evening, sunday).conflicts  # each names its own day


def test_a_named_party_in_the_other_reports_evidence_counts_as_shared():
    burman = Actor(text="partha roy burman", name="partha roy burman", country="IN",
                   sector="CVL")
    abduction = event("Aftab Ansari's men abducted the shoe baron Partha Roy Burman in Kolkata.",
                      mode="abduct", actors=[], recipients=[burman], location=None)
    custody = event("Ansari, wanted for the Roy Burman kidnapping, was remanded in custody.",
                    doc_id="d2", mode="abduct", actors=[], recipients=[
                        Actor(text="", name="Civilians (India)", country="IN", sector="CVL")],
                    location=None)
    decision = compare(abduction, custody)
    assert any(r.startswith("actors +") and "named in the other" in r for r in decision.reasons)
    unrelated = retold(custody, "A trader was kidnapped in Howrah.")
    assert not any("named in the other" in r for r in compare(abduction, unrelated).reasons)


def test_a_curfew_and_a_restriction_can_be_one_event():
    curfew = event("Curfew was imposed in Kadi town on Saturday morning.", event_type="COERCE",
                   mode="curfew", acled_event_type="Strategic developments",
                   acled_sub_event_type="Other")
    restrict = replace(curfew, doc_id="d2", mode="restrict")
    assert not any(c.startswith("type") for c in compare(curfew, restrict).conflicts)
    arrest = replace(curfew, doc_id="d2", mode="arrest")
    assert any(c.startswith("type") for c in compare(curfew, arrest).conflicts)


def test_reworded_report_sharing_rare_particulars_merges_and_explains_itself():
    a = event("Gunmen abducted the Emir of Dankwaro and his driver near Tudun Wada on Friday.",
              location=KANO_STATE, actors=[], recipients=[], dead=None, mode="abduct")
    b = event("The traditional ruler of Dankwaro was kidnapped with his driver on the Tudun "
              "Wada road, officials said.", doc_id="d2", date="2024-05-11", location=None,
              actors=[], recipients=[], dead=None, mode="abduct")
    decision = compare(a, b)
    assert decision.same
    assert any(r.startswith("evidence +") and "dankwaro" in r for r in decision.reasons)
    assert decision.reasons[-1].startswith("total ")
    other = replace(b, evidence=[Evidence(text="Gunmen kidnapped a trader on the Zaria road, "
                                               "officials said.", start=0, end=60)])
    assert not compare(a, other).same


def test_namesake_in_another_country_is_waived_only_by_matching_evidence():
    peru_kano = replace(KANO, geonameid=1, country_code="PE", admin1="Lima", lat=-12.0,
                        lon=-77.0)
    namesake = replace(FIRST, doc_id="d2", location=peru_kano)
    decision = compare(FIRST, namesake)
    assert decision.same and any("waived" in r for r in decision.reasons)
    elsewhere = event("Police fired tear gas at traders in Lima's central market on Friday.",
                      doc_id="d2", location=peru_kano, dead=3)
    assert any(c.startswith("place:") for c in compare(FIRST, elsewhere).conflicts)


def test_country_level_guess_never_rules_a_pair_out():
    verdict = compare_places(replace(FIRST, location=KADUNA), replace(FIRST, location=NIGERIA))
    assert verdict.status != "conflict"


def test_dates_beyond_precision_and_window_conflict():
    late = replace(FIRST, date="2024-05-16")
    decision = compare(FIRST, late)
    assert not decision.same and any(c.startswith("date:") for c in decision.conflicts)


def test_republished_report_is_the_same_even_a_day_later():
    text = ("Gunmen abducted 20 pupils from the Government Secondary School in Kuriga "
            "village, local officials said, and fled into the forest.")
    a = event(text, location=NIGERIA, actors=[], recipients=[], mode="abduct")
    b = replace(a, doc_id="d2", date="2024-05-11")
    assert compare(a, b).same


def test_contradictory_counts_and_flags():
    assert "counts: dead 3 vs 40" in compare(FIRST, replace(FIRST, dead=40)).conflicts
    denied = compare(FIRST, replace(FIRST, negated=True))
    assert not denied.same and denied.conflicts == ("flags: one report is negated",)


def test_missing_fields_are_not_conflicts():
    bare = replace(FIRST, location=None, actors=[], recipients=[], dead=None, date=None)
    assert compare(FIRST, bare).conflicts == ()


@pytest.mark.parametrize(("values", "expected"), [
    ([None, 5, 3, None], 3), ([None, None], None), ([], None), ([0, 4], 0),
    ([-1, 2], 2), ([True, 7], 7), ([12], 12)])
def test_conservative_count(values, expected):
    assert conservative_count(values) == expected


def _corpus(tmp_path: Path) -> Path:
    texts = {1: "Police shot dead three protesters in Kano on Friday.",
             2: "Three protesters were shot dead by police in Kano on Friday, witnesses said."}
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "docs.jsonl").write_text("".join(json.dumps({"doc_id": k, "doc_text": v}) + "\n"
                                               for k, v in texts.items()), encoding="utf-8")
    (folder / "metadata.jsonl").write_text("".join(json.dumps({"doc_id": k, "date": "2024-05-11"})
                                                   + "\n" for k in texts), encoding="utf-8")
    return folder


@pytest.mark.slow
def test_scorer_plumbing_on_a_hand_made_corpus(pipeline, tmp_path):
    folder = _corpus(tmp_path)
    coded = {k: pipeline.extract(Article(id=str(k), text=json.loads(line)["doc_text"]))
             for k, line in enumerate((folder / "docs.jsonl").read_text().splitlines(), 1)}
    refs = [{"doc_id": k, "event_type": evs[0].event_type,
             "evidence": [[e.start, e.end] for e in evs[0].evidence]} for k, evs in coded.items()]
    lost = dict(refs[1], evidence=[[900, 950]])
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(json.dumps({"id": "p1", "a": refs[0], "b": refs[1], "label": "same"}) + "\n"
                     + json.dumps({"id": "p2", "a": refs[0], "b": lost, "label": "different"})
                     + "\n", encoding="utf-8")
    report = evaluate(pairs=str(pairs), corpus=str(folder), pipeline=pipeline)
    assert report["scored"] == 1 and report["not_reidentified_ids"] == ["p2"]
    assert report["confusion"]["true_same"] + report["confusion"]["missed_same"] == 1


def test_scorer_rejects_a_corpus_without_its_files(tmp_path):
    pairs = tmp_path / "pairs.jsonl"
    ref = {"doc_id": 1, "event_type": "ASSAULT", "evidence": [[0, 5]]}
    pairs.write_text(json.dumps({"a": ref, "b": ref, "label": "same"}) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="docs.jsonl"):
        evaluate(pairs=str(pairs), corpus=str(tmp_path))
    pairs.write_text(json.dumps({"a": ref, "b": ref, "label": "maybe"}) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="same"):
        evaluate(pairs=str(pairs), corpus=str(tmp_path))


def test_labelled_pairs_file_holds_ids_and_labels_only():
    rows = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 150
    labels = [r["label"] for r in rows]
    assert labels.count("same") >= 60 and labels.count("different") >= 60
    for row in rows:
        assert set(row) <= {"id", "a", "b", "label", "note", "set"}
        assert set(row["a"]) == set(row["b"]) == {"doc_id", "event_type", "mode", "evidence"}


@pytest.mark.slow
def test_labelled_india_police_pairs(pipeline):
    if not (INDIA / "docs.jsonl").is_file():
        pytest.skip(f"india_police_events not found at {INDIA} (../shared is not checked out)")
    report = evaluate(pairs=str(PAIRS), corpus=str(INDIA), pipeline=pipeline)
    assert report["not_reidentified"] <= 0.05 * report["pairs"]
    # measured: precision 0.920, recall 0.821 over all 397 scored pairs (16 name references
    # the coder no longer codes as events); the untouched "fresh2" set, labelled after the
    # ninth session's rules were frozen: 0.909 / 0.769 (docs/accuracy.md, Deduplication)
    assert report["precision"] >= 0.90
    assert report["recall"] >= 0.78


def test_cli_eval_dedup_options():
    from eventwire.cli import build_parser

    args = build_parser().parse_args(["eval", "dedup", "--pairs", "p.jsonl", "--corpus", "c"])
    assert (args.what, args.pairs, args.corpus, args.limit) == ("dedup", "p.jsonl", "c", None)


def test_two_towns_both_reports_name_are_no_conflict():
    """Each report tells of both towns; its coder picked a different one as the event's."""
    a = event("Police fired on mobs in Kano and Kaduna on Friday, killing three.", dead=3)
    b = event("In Kaduna and Kano, three were killed on Friday when police fired on mobs.",
              doc_id="d2", location=KADUNA, dead=3)
    found = compare_places(a, b)
    assert found.status == "unknown" and "both reports name both places" in found.reason
    assert compare(a, b).same


def test_two_towns_only_one_report_names_stay_a_conflict():
    a = event("Police fired on mobs in Kano on Friday, killing three.", dead=3)
    b = event("In Kaduna, three were killed on Friday when police fired on mobs, as in Kano.",
              doc_id="d2", location=KADUNA, dead=3)
    assert compare_places(a, b).status == "conflict"
    assert not compare(a, b).same


def test_an_event_sentence_retold_word_for_word_is_enough():
    """Agency copy lightly edited inside a rewritten report: the event sentence's words run
    in the same order, although few of them are particulars."""
    riot = event("A mob tried to set shops and houses ablaze but was foiled by the police, "
                 "who fired 20 rounds and lobbed about 20 tear gas shells.", location=None,
                 actors=[], recipients=[], dead=None, mode="sideAB")
    summary = ("Violence was also reported from Zaria, Funtua and Gusau on Friday, followed "
               "by stray stabbings in Katsina.")
    copy = replace(riot, doc_id="d2", date="2024-05-11", evidence=[
        Evidence(text=summary, start=0, end=len(summary)),
        Evidence(text="A mob attempted to set shops and houses ablaze and was foiled by the "
                      "police, who fired 20 rounds and lobbed around 20 tear-gas shells.",
                 start=200, end=330)])
    decision = compare(riot, copy)
    assert decision.same
    assert any("retold" in r for r in decision.reasons)
    # without the retold sentence the rest does not make them one event
    assert not compare(riot, replace(copy, evidence=copy.evidence[:1])).same


def test_a_stock_phrase_or_a_shared_background_sentence_is_no_retelling():
    fired = event("Police opened fire to disperse the mob at the cattle market in Kano.",
                  location=None, actors=[], recipients=[], dead=None)
    other = event("Police opened fire to disperse the mob outside the district court in Zaria.",
                  doc_id="d2", location=None, actors=[], recipients=[], dead=None)
    assert not any("retold" in r for r in compare(fired, other).reasons)
    recalled = ("It may be recalled that police had to fire 31 rounds and lob six tear gas "
                "shells to disperse a mob that was about to attack Adas village on Friday.")
    first = replace(fired, evidence=[*fired.evidence, Evidence(text=recalled, start=100, end=250)])
    second = replace(other, evidence=[*other.evidence, Evidence(text=recalled, start=90, end=240)])
    assert not any("retold" in r for r in compare(first, second).reasons)


def test_dates_neither_report_states_do_not_rule_a_pair_out():
    """Both records carry their reports' own days (no date in the evidence): two reports
    published three days apart may look back on one attack."""
    recalled = event("The attack on the Kaduna-Abuja train, in which 58 passengers died, "
                     "sparked the riots.", location=None, actors=[], recipients=[], dead=58)
    later = retold(recalled, "Mourners recalled the attack on the Kaduna-Abuja train that "
                   "killed 58 passengers.", doc_id="d2", date="2024-05-13")
    decision = compare(recalled, later)
    assert not decision.conflicts
    assert any("neither report's evidence dates" in r for r in decision.reasons)
    assert decision.same
    # a report that tells its own day keeps the conflict, and so does a gap of weeks
    told = retold(later, "On Monday mourners recalled the attack on the Kaduna-Abuja train "
                  "that killed 58 passengers.")
    assert any(c.startswith("date:") for c in compare(recalled, told).conflicts)
    weeks = replace(later, date="2024-06-10")
    assert any(c.startswith("date:") for c in compare(recalled, weeks).conflicts)


def test_a_town_both_reports_name_is_their_place_whatever_the_coders_made_of_it():
    placed = event("Two traders returning from Rigasa market were attacked by a mob in Kaduna.",
                   location=KADUNA, actors=[], recipients=[], dead=None, mode="primitive")
    unplaced = retold(placed, "A mob attacked two men on their way home from Rigasa market, "
                      "Kaduna police said.", doc_id="d2", location=None)
    found = compare_places(placed, unplaced)
    assert found.grade == "same" and "both reports name Kaduna" in found.reason
    guessed_region = replace(unplaced, location=replace(
        KANO_STATE, name="Kaduna State", admin1="Kaduna", reason="place of the event before it"))
    assert compare_places(placed, guessed_region).grade == "same"
    # a town only one report names is still unknown on the other side
    silent = retold(unplaced, "A mob attacked two men on their way home from Rigasa market.")
    assert compare_places(placed, silent).status == "unknown"


def test_agreeing_guesses_never_score_below_one_country():
    """Two coders who both carried Kano over from the story before: weak, but no worse
    than one of them against the bare country."""
    carried = replace(KANO, reason="place of the event before it")
    a = event("Shops were set on fire near the motor park.", location=carried, doc_id="d1")
    b = event("A mob burnt shops by the motor park.", location=carried, doc_id="d2")
    agree = compare_places(a, b)
    against_country = compare_places(a, replace(b, location=NIGERIA))
    assert agree.status == "weak" and "guessed" in agree.reason
    assert agree.weight >= against_country.weight == 0.0
    stated = compare_places(replace(a, location=KANO), replace(b, location=KANO))
    assert stated.weight > agree.weight  # a town both coders found still counts more


def test_a_name_spelt_two_ways_is_a_particular_in_common():
    """Transliterated names have no fixed spelling: 'Dankwaro' and 'Dankwarro' are one
    village, 'Sujella' and 'Sujela' one family."""
    a = event("Gunmen abducted Alhaji Musa Sujela, a trader, from his shop in Dankwaro.",
              mode="abduct", location=None, actors=[], recipients=[], dead=None)
    b = event("The kidnapped trader, Alhaji Sujella of Dankwarro, has not been found, "
              "his family said.", doc_id="d2", date="2024-05-11", mode="abduct",
              location=None, actors=[], recipients=[], dead=None)
    decision = compare(a, b)
    assert decision.same
    assert any(r.startswith("evidence +") and "dankwaro" in r for r in decision.reasons)
    # two different names that merely look alike are not one (short ones, or two letters)
    other = retold(b, "The kidnapped trader, Alhaji Sule of Dankawa, has not been found, "
                   "his family said.")
    assert not compare(a, other).same


def test_spelling_variants_only_align_unknown_words_a_letter_apart():
    from eventwire.dedup.spelling import one_letter_apart, variants

    assert one_letter_apart("raval", "rawal") and one_letter_apart("taldih", "taldi")
    assert not one_letter_apart("raval", "raval") and not one_letter_apart("ravel", "rawal")
    found = variants(frozenset({"raval", "march", "kano"}),
                     frozenset({"rawal", "marsh", "kanoo"}))
    assert found == {"rawal": "raval"}  # 'march' is known English, 'kano' too short
