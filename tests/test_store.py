"""The event store, in process, on SQLite and PostgreSQL: round trip, idempotence, canonical
events and their mentions, export filters, parquet, migrations."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json

import pytest

from eventwire.errors import ConfigError, StoreError
from eventwire.export import write_events
from eventwire.records import Article, Event, Failure
from eventwire.store import EventStore, ExportFilter, IngestCounts, parse_url, write_parquet
from eventwire.store.canonical import conservative, load_compare
from eventwire.store.codec import content_hash, event_from_dict
from eventwire.store.schema import LATEST

TEXTS = {
    "mombasa": ("2023-05-10", "Police fired tear gas at hundreds of traders who marched through "
                "Mombasa on Monday to protest against a new market levy. Three people were killed "
                "and 14 were injured, the Kenya Red Cross said."),
    "lima": ("2023-06-02", "Riot police arrested 27 students in Lima on Thursday after they "
             "blocked a highway to demand lower bus fares, the interior ministry said."),
    # Two reports of one march in Khartoum, with different death tolls; the second also
    # carries a negated event ("did not attack").
    "khartoum-1": ("2023-01-16", "Security forces killed five protesters in Khartoum on Sunday "
                   "as thousands marched against military rule, medics said."),
    "khartoum-2": ("2023-01-17", "At least seven protesters were killed in Khartoum on Sunday "
                   "when soldiers opened fire on a march against military rule, a doctors' "
                   "committee said. The army did not attack the hospital, a spokesman said."),
}


def article(name: str, **changes: object) -> Article:
    published, text = TEXTS[name]
    base = Article(id=name, text=text, published=dt.date.fromisoformat(published),
                   source=f"{name}.txt")
    return dataclasses.replace(base, **changes)


@dataclasses.dataclass(frozen=True)
class SameReport:
    """A comparer with eventwire.dedup's shape: same PLOVER type, day and place."""

    same: bool
    score: float
    matched: tuple[str, ...]
    conflicts: tuple[str, ...]


def same_type_day_place(a: Event, b: Event) -> SameReport:
    checks = {"event_type": a.event_type == b.event_type, "date": a.date == b.date,
              "location": bool(a.location and b.location
                               and a.location.geonameid == b.location.geonameid)}
    matched = tuple(k for k, ok in checks.items() if ok)
    conflicts = tuple(k for k in ("dead", "injured", "arrested")
                      if None not in (getattr(a, k), getattr(b, k))
                      and getattr(a, k) != getattr(b, k))
    return SameReport(same=len(matched) == 3, score=len(matched) / 3, matched=matched,
                      conflicts=conflicts)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'events.db'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture(scope="module")
def coded(pipeline):
    """Each test article coded once: name -> Doc."""
    return {name: pipeline.process(article(name)) for name in TEXTS}


def counts(store: EventStore) -> dict[str, int]:
    return {t: store.count(t) for t in ("articles", "places", "events", "mentions", "evidence",
                                         "changes")}


def test_round_trip_gives_back_the_coded_events(store_url, coded):
    with EventStore.open(store_url, compare=None) as store:
        for doc in coded.values():
            assert store.add(doc) == "new"
        stored = list(store.events())
    coded_events = {e.id: e.as_dict() for doc in coded.values() for e in doc.events}
    assert {s.event.id: s.event.as_dict() for s in stored} == coded_events
    assert all(s.mention_count == 1 and s.sources == (s.event.doc_id,) for s in stored)
    dates = [s.event.date or "9999" for s in stored]
    assert dates == sorted(dates)
    # The existing writers take the reconstructed records as they are.
    out = io.StringIO()
    write_events((s.event for s in stored), out, "jsonl")
    assert [json.loads(line) for line in out.getvalue().splitlines()] == [
        s.event.as_dict() for s in stored]


def test_seed_article_round_trip(store_url, pipeline, seed_article):
    doc = pipeline.process(seed_article)
    with EventStore.open(store_url, compare=None) as store:
        store.add(doc)
        n = counts(store)
        assert {s.event.id: s.event for s in store.events()} == {e.id: e for e in doc.events}
    assert n["mentions"] == n["events"] == len(doc.events)
    assert n["evidence"] == sum(len(e.evidence) for e in doc.events)
    assert n["places"] == len({e.location.geonameid for e in doc.events if e.location})


def test_ingesting_the_same_article_twice_changes_nothing(store_url, coded, pipeline):
    with EventStore.open(store_url, compare=same_type_day_place) as store:
        assert store.add(coded["mombasa"]) == "new"
        before = counts(store)
        assert store.add(coded["mombasa"]) == "duplicate"
        # Same text with other line breaks and spacing, same date: the same article.
        respaced = article("mombasa", id="copy.txt",
                           text=TEXTS["mombasa"][1].replace(". ", ".\r\n\n   "))
        assert store.contains(respaced)
        assert store.add(pipeline.process(respaced)) == "duplicate"
        assert counts(store) == before
        # Another publication date is another article.
        assert not store.contains(article("mombasa", published=dt.date(2023, 5, 17)))


def test_reopening_keeps_the_data_and_the_schema_version(store_url, coded):
    with EventStore.open(store_url) as store:
        store.add(coded["lima"])
    with EventStore.open(store_url) as store:
        assert store.db.rows("SELECT MAX(version) FROM schema_version") == [(LATEST,)]
        assert store.count("articles") == 1
        assert store.add(coded["lima"]) == "duplicate"


def test_a_newer_schema_is_refused(store_url):
    with EventStore.open(store_url) as store:
        store.db.execute("INSERT INTO schema_version (version, description, applied_at) "
                         "VALUES (?, ?, ?)", (LATEST + 1, "from the future", "2099-01-01"))
    with pytest.raises(StoreError, match=r"\[EW500\].*newer than this eventwire.*upgrade"):
        EventStore.open(store_url)


def test_reports_of_one_event_share_a_canonical_event(store_url, coded):
    with EventStore.open(store_url, compare=same_type_day_place) as store:
        store.add(coded["khartoum-2"])  # seven dead, first
        store.add(coded["khartoum-1"])  # five dead, and a crowd size
        protests = list(store.events(ExportFilter(event_type="PROTEST", country="SD")))
        assert len(protests) == 1
        (march,) = protests
        assert march.mention_count == 2 and set(march.sources) == {"khartoum-1", "khartoum-2"}
        assert march.event.dead == 5  # ACLED: the most conservative figure reported
        assert march.event.size == 1000  # the only figure reported
        mentions = store.db.rows("SELECT m.dead, m.matched, m.merge_score FROM mentions m "
                                 "JOIN events e ON e.id = m.event_id WHERE e.event_key = ? "
                                 "ORDER BY m.id",
                                 (march.event.id,))
        assert [m[0] for m in mentions] == [7, 5]  # every reported figure is kept
        assert mentions[0][1] is None  # the first report made the event
        assert json.loads(mentions[1][1]) == ["event_type", "date", "location"]
        changes = store.db.rows("SELECT field, old, new, who FROM changes ORDER BY id")
        assert [(f, o, n) for f, o, n, _ in changes] == [("dead", "7", "5"), ("size", None, "1000")]
        assert all(who == "eventwire ingest" for *_, who in changes)
        # The negated "did not attack" is kept as its own flagged event and never merged.
        flagged = [s for s in store.events() if s.event.negated]
        assert len(flagged) == 1 and flagged[0].mention_count == 1


def test_without_a_comparer_every_report_is_its_own_event(store_url, coded):
    with EventStore.open(store_url, compare=None) as store:
        store.add(coded["khartoum-1"])
        store.add(coded["khartoum-2"])
        assert store.count("events") == store.count("mentions") == 3


def test_events_of_one_article_are_not_merged(store_url, coded):
    """The coder keeps an article's events apart; the store does not undo that."""
    doc = coded["khartoum-1"]
    twin = dataclasses.replace(doc.events[0], id="twin")
    doc2 = dataclasses.replace(doc, events=[doc.events[0], twin])
    with EventStore.open(store_url, compare=same_type_day_place) as store:
        store.add(doc2)
        assert store.count("events") == 2


def test_lazy_dedup_import():
    compare = load_compare()
    try:
        import eventwire.dedup  # noqa: F401
    except ImportError:
        assert compare is None
    else:
        assert callable(compare)


def test_canonical_events_agree_with_their_mentions(store_url, coded):
    """With whatever comparer is installed (eventwire.dedup, or none): each canonical event
    counts its mentions, lists their documents, and carries the smallest figures reported."""
    with EventStore.open(store_url) as store:
        for name in ("khartoum-2", "khartoum-1", "mombasa", "lima"):
            store.add(coded[name])
        events = store.db.rows("SELECT id, mention_count, sources, dead, injured, arrested, size "
                               "FROM events")
        for event_id, mention_count, sources, *figures in events:
            mentions = store.db.rows(
                "SELECT a.doc_id, m.dead, m.injured, m.arrested, m.size, m.matched FROM mentions m "
                "JOIN articles a ON a.id = m.article_id WHERE m.event_id = ? ORDER BY m.id",
                (event_id,))
            assert mention_count == len(mentions)
            assert set(json.loads(sources)) == {m[0] for m in mentions}
            for i, figure in enumerate(figures, 1):
                reported = [m[i] for m in mentions if m[i] is not None]
                assert figure == (min(reported) if reported else None)
            assert mentions[0][5] is None  # the first report made the event
            assert all(isinstance(json.loads(m[5]), list) for m in mentions[1:])
        assert store.count("mentions") == sum(len(d.events) for d in coded.values())


def test_conservative_figures():
    assert conservative(None, None) is None
    assert conservative(None, 4) == 4
    assert conservative(4, None) == 4
    assert conservative(7, 5) == 5
    assert conservative(0, 3) == 0


def test_export_filters(store_url, coded):
    with EventStore.open(store_url, compare=None) as store:
        for doc in coded.values():
            store.add(doc)

        def ids(**kw: object) -> set[str]:
            return {s.event.doc_id for s in store.events(ExportFilter(**kw))}

        assert ids() == set(TEXTS)
        assert ids(country="ke") == {"mombasa"}
        assert ids(since=dt.date(2023, 5, 1)) == {"mombasa", "lima"}
        assert ids(until=dt.date(2023, 5, 8)) == {"khartoum-1", "khartoum-2", "mombasa"}
        assert ids(since=dt.date(2023, 5, 9), until=dt.date(2023, 5, 10)) == {"mombasa"}
        assert ids(event_type="Violence against civilians") == set()  # deaths at the marches
        # are the police's excessive force (Protests), not separate attacks
        assert ids(event_type="protests", country="PE") == {"lima"}
        assert ids(event_type="Protests", country="KE") == {"mombasa"}
        assert ids(event_type="assault", include_flagged=False) == {"mombasa"}
        assert ids(event_type="ASSAULT") == {"mombasa", "khartoum-2"}


@pytest.mark.parametrize("bad, message", [
    ({"country": "Kenya"}, "ISO 3166-1 alpha-2"),
    ({"event_type": "Riot"}, "Riots"),
    ({"since": dt.date(2023, 2, 1), "until": dt.date(2023, 1, 1)}, "swap"),
])
def test_bad_filters_name_the_fix(bad, message):
    with pytest.raises(ConfigError, match=message):
        ExportFilter(**bad)


def test_parquet_export(tmp_path, coded):
    import pyarrow.parquet as pq

    with EventStore.open(f"sqlite:///{tmp_path / 'p.db'}", compare=None) as store:
        for doc in coded.values():
            store.add(doc)
        written = write_parquet(store.events(), tmp_path / "events.parquet")
        expected = {s.event.id: s.event for s in store.events()}
    table = pq.read_table(tmp_path / "events.parquet")
    assert written.written == table.num_rows == len(expected)
    for column in ("id", "doc_id", "event_type", "mode", "acled_event_type", "date",
                   "location_lat", "location_lon", "location_country_code", "actors", "dead",
                   "injured", "arrested", "negated", "evidence", "confidence",
                   "mention_count", "sources"):
        assert column in table.column_names
    assert str(table.schema.field("date").type) == "date32[day]"
    rows = {r["id"]: r for r in table.to_pylist()}
    for event_id, event in expected.items():
        row = rows[event_id]
        assert row["date"] == dt.date.fromisoformat(event.date)
        assert row["dead"] == event.dead
        assert row["location_country_code"] == (event.location.country_code
                                                 if event.location else None)
        assert [a["name"] for a in row["actors"]] == [a.name for a in event.actors]
        assert [(e["start"], e["end"]) for e in row["evidence"]] == [
            (e.start, e.end) for e in event.evidence]


def test_ingest_counts_and_carries_on_past_failures(tmp_path, coded):
    failures: list[Failure] = []
    items = [coded["lima"], Failure(source="bad.txt", message="[EW100] bad.txt: empty file"),
             coded["mombasa"], coded["lima"]]
    with EventStore.open(f"sqlite:///{tmp_path / 'c.db'}") as store:
        result = store.ingest(items, on_failure=failures.append)
    assert (result.new, result.duplicate, result.failed) == (2, 1, 1)
    assert str(result) == "2 new, 1 skipped-duplicate, 1 failed"
    assert [f.source for f in failures] == ["bad.txt"]


def test_a_document_the_database_refuses_does_not_stop_the_others(pg_url, pipeline):
    """PostgreSQL text cannot hold NUL characters: that document fails alone."""
    nul = article("lima", id="nul", text=TEXTS["lima"][1].replace("highway", "high\x00way"))
    failures: list[Failure] = []
    with EventStore.open(pg_url) as store:
        result = store.ingest([pipeline.process(nul), pipeline.process(article("mombasa"))],
                              on_failure=failures.append)
        assert (result.new, result.failed) == (1, 1)
        assert store.count("articles") == 1 and store.count("mentions") > 0
    (failure,) = failures
    assert failure.message.startswith("[EW500] nul: not stored:")
    assert "\n" not in failure.message


def test_content_hash_ignores_spacing_not_words():
    a = article("lima")
    assert content_hash(a) == content_hash(dataclasses.replace(a, text=" " + a.text + "\n\n"))
    assert content_hash(a) != content_hash(dataclasses.replace(a, text=a.text.replace("27", "28")))
    assert content_hash(a) != content_hash(dataclasses.replace(a, published=None))


def test_event_from_dict_ignores_unknown_fields(coded):
    event = coded["mombasa"].events[0]
    data = {**event.as_dict(), "added_in_a_later_version": 1}
    assert event_from_dict(data) == event


@pytest.mark.parametrize("url, message", [
    ("eventwire.db", "not a database URL"),
    ("mysql://root@localhost/ew", "unsupported database 'mysql'"),
    ("sqlite://events.db", "three slashes"),
    ("postgresql://localhost:port/ew", "Port could not be cast"),
    ("postgresql://localhost:5432", "no database name"),
])
def test_bad_urls_name_the_accepted_forms(url, message):
    with pytest.raises(ConfigError, match=message) as info:
        parse_url(url)
    assert "sqlite:///" in str(info.value) and "\n" not in str(info.value)


def test_urls():
    assert parse_url("sqlite:///rel/e.db").target == "rel/e.db"
    assert parse_url("sqlite:////abs/e.db").target == "/abs/e.db"
    url = parse_url("postgres://ew:secret@db.example:5433/events")
    assert url.dialect == "postgresql"
    assert url.target == "postgresql://ew:secret@db.example:5433/events"
    assert "secret" not in str(url)


def test_counts_str():
    assert str(IngestCounts(new=3)) == "3 new, 0 skipped-duplicate, 0 failed"
