"""The indexed free-text search (migration 4: ``event_text`` with SQLite FTS5 trigram tables or
PostgreSQL pg_trgm indexes) answers exactly what the substring search it replaced answered:
for assorted texts, after review edits (a corrected place, merge, split), after re-ingest
and further reports, without the index, and on a store migrated from version 3 (SQLite, and
PostgreSQL when EVENTWIRE_TEST_PG is set)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import zlib

import pytest

from eventwire.records import Actor, Article, Doc, Event, Evidence, Location
from eventwire.store import EventStore, schema, search
from eventwire.store.queries import EventQuery, _like, count_events, list_events
from eventwire.store.review import merge_events, patch_event, split_event

CITIES = (("Nairobi", "KE", -1.29, 36.82), ("Zürich", "CH", 47.37, 8.54),
          ("São Paulo", "BR", -23.55, -46.63), ("Khartoum", "SD", 15.5, 32.56),
          ("Port-au-Prince", "HT", 18.59, -72.31), ("ÉVORA", "PT", 38.57, -7.91))
SENTENCES = ("Police fired tear gas at {n} protesters in {city} over fuel prices.",
             "Gunmen killed {n} villagers near {city}, a \"local\" official said.",
             "Workers marched in {city} against the 100% tax rise_ on Monday.",
             "An air strike hit a market in {city}; {n} people died (AFP).")
TEXTS = ("nairobi", "NAIROBI", "zürich", "ZÜRICH", "zur", "são", "SÃO PAULO", "évora", "Évora",
         "tear gas", "Tear Gas", "100%", "100% tax", "rise_", "_", "%", "e_r", "\"local\"",
         "\"", "ai", "a", "port-au", "(afp)", "AFP).", "near khartoum", "no such words",
         "fuel prices.", "in nairobi over", "Breaking:", "breaking: police", "*", "gas*",
         "NEAR(a b)", "AND", "^police", "market in", "  ", "killed 3")
ACTORS = ("police", "POLICE FORCES", "rebels (zür", "of kenya", "ai", "_", "%", "\"")


def oracle_q(db, text: str) -> set[str]:
    """The substring search before migration 4: evidence, titles and place names, per table."""
    like = "ILIKE" if db.dialect == "postgresql" else "LIKE"
    sql = (f"SELECT e.event_key FROM events e WHERE e.status = 'active' AND ("
           f"e.id IN (SELECT m.event_id FROM mentions m WHERE m.id IN (SELECT v.mention_id "
           f"FROM evidence v WHERE v.text {like} ? ESCAPE '\\')) "
           f"OR e.id IN (SELECT m.event_id FROM mentions m WHERE m.article_id IN (SELECT a.id "
           f"FROM articles a WHERE a.title {like} ? ESCAPE '\\')) "
           f"OR e.place_id IN (SELECT pl.id FROM places pl WHERE pl.name {like} ? "
           f"ESCAPE '\\'))")
    return {key for (key,) in db.rows(sql, [_like(text)] * 3)}


def oracle_actor(db, text: str) -> set[str]:
    return {key for (key,) in db.rows("SELECT event_key FROM events WHERE status = 'active' "
                                      "AND names LIKE ? ESCAPE '\\'", (_like(text.lower()),))}


def found(db, **filters: str) -> set[str]:
    query = EventQuery(limit=500, **filters)
    page = list_events(db, query)
    keys = {event.record.split('"id": "', 1)[1].split('"', 1)[0] for event in page.events}
    assert page.total == len(keys) == count_events(db, query) < 500
    return keys


def same_group(a: Event, b: Event) -> object:
    same = a.id.split(":")[0] == b.id.split(":")[0]
    return dataclasses.make_dataclass("Same", ["same", "score", "matched", "conflicts"])(
        same, 1.0 if same else 0.0, ("group",) if same else (), ())


def documents(count: int, seed: int = 3) -> list[Doc]:
    """Articles of one to three events; one event in five is a further report of an earlier
    one (same group id), so events have several mentions, titles and sentences."""
    rng = random.Random(seed)
    docs, earlier = [], []
    for n in range(count):
        events, text = [], ""
        for i in range(rng.choice((1, 1, 2, 3))):
            again = earlier and rng.random() < 0.2
            group = rng.choice(earlier) if again else f"g{n}-{i}"
            city, iso, lat, lon = CITIES[zlib.crc32(group.encode()) % len(CITIES)] if again else \
                rng.choice(CITIES)
            sentence = rng.choice(SENTENCES).format(n=rng.choice((3, 12, 100)), city=city)
            loc = Location(name=city, geonameid=None, lat=lat, lon=lon, country_code=iso,
                           admin1=city, geo_precision=1, reason="test")
            actor = Actor(text="police", name=rng.choice(
                ("Police Forces of Kenya", "Rebels (Zürich)", "Protesters (Sudan)")),
                country=iso, sector="COP")
            events.append(Event(
                id=f"{group}:{n}", doc_id=f"doc-{n}", event_type="PROTEST", mode="demo",
                acled_event_type="Protests", acled_sub_event_type="Peaceful protest",
                disorder_type="Demonstrations", date=(dt.date(2022, 1, 1) + dt.timedelta(
                    days=rng.randrange(60))).isoformat(), time_precision=1, location=loc,
                actors=[actor], recipients=[], dead=None, injured=None, arrested=None,
                size=None, evidence=[Evidence(text=sentence, start=len(text),
                                              end=len(text) + len(sentence))],
                confidence=0.9))
            text += sentence + " "
            if not again:
                earlier.append(group)
        title = rng.choice((f"Breaking: {events[0].location.name} unrest", None,
                            "Wire report 100% verified", f"Día de protesta en {city}"))
        docs.append(Doc(article=Article(id=f"doc-{n}", text=text, title=title,
                                        published=dt.date(2022, 3, 1)), events=events))
    return docs


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'events.db'}"
    return request.getfixturevalue("pg_url")


def assert_same_as_substring_search(db) -> None:
    for text in TEXTS:
        if not text.strip():
            continue
        assert found(db, q=text.strip()) == oracle_q(db, text.strip()), text
    for text in ACTORS:
        assert found(db, actor=text) == oracle_actor(db, text), text


def test_search_finds_what_the_substring_search_found(url):
    with EventStore.open(url, compare=same_group) as store:
        for doc in documents(80):
            store.add(doc)
        db = store.db
        assert search.has_indexes(db)
        assert db.row("SELECT COUNT(*) FROM event_text")[0] == store.count("events")
        assert len(oracle_q(db, "nairobi")) > 5 and oracle_q(db, "breaking:")
        assert_same_as_substring_search(db)
        if db.dialect == "sqlite":  # and without the FTS5 tables: the same answers
            db.features["text_index"] = False
            assert_same_as_substring_search(db)


def test_search_follows_review_and_later_reports(url):
    with EventStore.open(url, compare=same_group) as store:
        docs = documents(40)
        for doc in docs:
            store.add(doc)
        db = store.db
        keys = [key for (key,) in db.rows("SELECT event_key FROM events ORDER BY id")]
        # a corrected place: the old name no longer finds it (unless its text has it)
        key = keys[0]
        patch_event(db, key, {"location": {"name": "Mombasa Old Town", "lat": -4.06,
                                           "lon": 39.67, "country": "KE"}}, who="alice")
        assert key in found(db, q="mombasa old") == oracle_q(db, "mombasa old") == {key}
        # merge: the merged-away event's sentences now find the event that kept them
        a, b = keys[1], keys[2]
        merge_events(db, [a, b], who="alice")
        b_text = db.row("SELECT v.text FROM evidence v JOIN mentions m ON m.id = v.mention_id "
                        "JOIN events e ON e.id = m.event_id WHERE e.event_key = ?", (a,))[0]
        assert a in found(db, q=b_text[:40]) and b not in found(db, q=b_text[:40], status="all")
        # split: a mention and its sentence move to a new event
        many = db.row("SELECT e.event_key FROM events e WHERE e.mention_count > 1 AND "
                      "e.status = 'active' ORDER BY e.id")[0]
        mention_id, sentence = db.row(
            "SELECT m.id, v.text FROM mentions m JOIN evidence v ON v.mention_id = m.id "
            "JOIN events e ON e.id = m.event_id WHERE e.event_key = ? ORDER BY m.id DESC",
            (many,))
        new = split_event(db, many, [mention_id], who="alice")
        assert new in found(db, q=sentence)
        assert_same_as_substring_search(db)
        # re-ingest changes nothing; a further report adds its title and sentence
        before = db.rows("SELECT event_id, text FROM event_text ORDER BY event_id")
        assert all(store.add(doc) == "duplicate" for doc in docs[:10])
        assert db.rows("SELECT event_id, text FROM event_text ORDER BY event_id") == before
        event = docs[3].events[0]
        group = event.id.split(":")[0]
        further = dataclasses.replace(event, id=f"{group}:late", doc_id="late",
                                      evidence=[Evidence(text="Quoted late sentence xyzzy.",
                                                         start=0, end=27)])
        store.add(Doc(article=Article(id="late", text="Quoted late sentence xyzzy.",
                                      title="Late wire: qwerty", published=dt.date(2022, 3, 2)),
                      events=[further]))
        by_sentence, by_title = found(db, q="xyzzy"), found(db, q="WIRE: QWERTY")
        assert len(by_sentence) == 1 and by_sentence == by_title == oracle_q(db, "xyzzy")
        assert_same_as_substring_search(db)


def test_a_store_of_version_3_gets_the_search_text(url, monkeypatch):
    with monkeypatch.context() as patch:
        patch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:3])
        patch.setattr(schema, "LATEST", 3)
        patch.setattr(search, "refresh", lambda db, ids: None)  # code of version 3
        with EventStore.open(url, compare=same_group) as store:
            for doc in documents(30, seed=5):
                store.add(doc)
    with EventStore.open(url) as store:
        db = store.db
        assert db.row("SELECT MAX(version) FROM schema_version")[0] == 4
        assert search.has_indexes(db)
        assert db.row("SELECT COUNT(*) FROM event_text")[0] == store.count("events") > 30
        assert_same_as_substring_search(db)


def test_line_breaks_are_refused_in_searched_text():
    with pytest.raises(Exception, match="one line"):
        EventQuery(q="a\nb")
    with pytest.raises(Exception, match="one line"):
        EventQuery(actor="x\r")


def test_few_events_are_sorted_as_the_index_orders_them(url, monkeypatch):
    """A small selection is found, then sorted (a materialized CTE); a large one is read in
    the sort's index order: the same pages either way, in every order, past the end too."""
    from eventwire.store import queries

    with EventStore.open(url, compare=same_group) as store:
        for doc in documents(60, seed=11):
            store.add(doc)
        db = store.db
        for sort in queries.SORTS:
            for filters in ({}, {"q": "nairobi"}, {"country": "CH"}):
                pages = {}
                for few in (0, 10_000):
                    monkeypatch.setattr(queries, "FEW", few)
                    pages[few] = [
                        (page.total, [e.record for e in page.events]) for page in (
                            list_events(db, EventQuery(sort=sort, limit=7, offset=offset,
                                                       **filters))
                            for offset in range(0, 120, 7))]
                assert pages[0] == pages[10_000], (sort, filters)
                assert pages[0][0][0] > 7 and pages[0][-1][1] == []
