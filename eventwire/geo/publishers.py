"""Where a publisher writes about, learnt from its own other articles.

A local paper's articles mostly place their stories in one country and one state or
province: "Dublin" in an article from a paper whose other stories resolve to Ohio
is Dublin, Ohio, even when it is the only place the article names. ``PublisherProfiles``
keeps, for each publisher (the registrable part of the article's URL host: "news.example.com"
and "www.example.com" are one publisher), one vote per article: the shares of its
confidently resolved toponyms by country and by admin-1 area. An article's profile is
the mean vote of the publisher's *other* articles (its own places never vouch for
themselves); each country and admin-1 area becomes context worth ``PUBLISHER_WEIGHT``
agreeing mentions times its share (shares under ``MIN_SHARE`` are dropped as noise).

Profiles are read-only while documents are coded (``Pipeline.publishers``), so results
do not depend on the order of the documents or on how a run is split among workers.
They are learnt between runs: ``eventwire extract|geoparse|ingest --profiles FILE``
reads the file, codes with it, then adds this run's votes and writes it back (an article
coded again replaces its vote); ``eventwire eval geoparse`` learns them from a first
pass over the corpus. Nothing is learnt from labels.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.errors import InputError
from eventwire.geo.context import Support
from eventwire.geo.locale import host_labels
from eventwire.records import Place

CONFIDENT = 0.6  # a place counts towards its article's vote at this resolution score
MIN_ARTICLES = 2  # other articles of the publisher needed before it says anything
MIN_SHARE = 0.1  # shares below this are noise, not the publisher's beat
PUBLISHER_WEIGHT = 2.0  # worth this many agreeing mentions in the document
FORMAT_VERSION = 1  # of the --profiles file
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "edu", "or", "ne", "go"})


def publisher_of(url: str | None) -> str | None:
    """The registrable domain of a URL ("http://news.bbc.co.uk/x" -> "bbc.co.uk")."""
    labels = host_labels(url)
    if len(labels) < 2 or labels[-1].isdigit():
        return None
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL \
        else 2
    return ".".join(labels[-keep:])


@dataclass(slots=True, frozen=True)
class Vote:
    """One article's shares of confident places by country and by admin-1 area."""

    countries: dict[str, float]
    admin1s: dict[tuple[str, str], float]


def vote_of(places: list[Place]) -> Vote | None:
    """The article's vote, or None when it resolved nothing confidently."""
    sure = [p.entry for p in places if p.score >= CONFIDENT and p.entry.country_code]
    if not sure:
        return None
    countries = Counter(e.country_code for e in sure)
    admin1s = Counter((e.country_code, e.admin1) for e in sure if e.admin1)
    n = len(sure)
    return Vote(countries={k: v / n for k, v in countries.items()},
                admin1s={k: v / n for k, v in admin1s.items()})


PendingVote = tuple["str | None", str, "Vote | None"]  # (publisher, article id, vote)


def pending_vote(url: str | None, article_id: str, places: list[Place]) -> PendingVote:
    """What one coded article will add to the profiles when the run is over (its vote,
    not its places, so that a long run keeps little)."""
    return publisher_of(url), article_id, vote_of(places)


@dataclass(slots=True)
class PublisherProfiles:
    """Per-publisher votes of the articles seen so far in this run."""

    votes: dict[str, dict[str, Vote]] = field(default_factory=dict)
    # per publisher: summed country shares and summed admin-1 shares; made on first use
    # and dropped when a vote changes, so that an article's profile does not pass over
    # all the publisher's articles again
    _totals: dict[str, tuple[Counter[str], Counter[tuple[str, str]]]] = field(
        default_factory=dict, repr=False, compare=False)

    def observe(self, publisher: str | None, article_id: str, places: list[Place]) -> None:
        """Record (or replace) one article's vote for its publisher."""
        self.record(publisher, article_id, vote_of(places))

    def record(self, publisher: str | None, article_id: str, vote: Vote | None) -> None:
        """Set one article's vote (None: it has none any more)."""
        if not publisher:
            return
        self._totals.pop(publisher, None)
        by_article = self.votes.setdefault(publisher, {})
        if vote is None:
            by_article.pop(article_id, None)
        else:
            by_article[article_id] = vote

    def support(self, publisher: str | None, article_id: str) -> Support | None:
        """Context from the publisher's other articles, or None when they say too little."""
        by_article = self.votes.get(publisher or "", {})
        own = by_article.get(article_id)
        n = len(by_article) - (own is not None)
        if n < MIN_ARTICLES:
            return None
        countries, admin1s = self._sums(publisher or "")
        if own is not None:  # its own places never vouch for themselves
            countries, admin1s = countries.copy(), admin1s.copy()
            countries.subtract(own.countries)
            admin1s.subtract(own.admin1s)
        out = Support(key="")
        out.countries = {k: PUBLISHER_WEIGHT * s / n for k, s in countries.items()
                         if s / n >= MIN_SHARE}
        out.admin1s = {k: PUBLISHER_WEIGHT * s / n for k, s in admin1s.items()
                       if s / n >= MIN_SHARE}
        return out if out.countries or out.admin1s else None

    def _sums(self, publisher: str) -> tuple[Counter[str], Counter[tuple[str, str]]]:
        if publisher not in self._totals:
            countries: Counter[str] = Counter()
            admin1s: Counter[tuple[str, str]] = Counter()
            for v in self.votes.get(publisher, {}).values():
                countries.update(v.countries)
                admin1s.update(v.admin1s)
            self._totals[publisher] = (countries, admin1s)
        return self._totals[publisher]

    def to_json(self) -> dict[str, object]:
        return {"version": FORMAT_VERSION,
                "publishers": {pub: {aid: {"countries": v.countries,
                                           "admin1s": {f"{c}/{a}": s
                                                       for (c, a), s in v.admin1s.items()}}
                                     for aid, v in arts.items()}
                               for pub, arts in sorted(self.votes.items())}}

    @classmethod
    def from_json(cls, obj: object, where: str) -> PublisherProfiles:
        try:
            if not isinstance(obj, dict) or obj.get("version") != FORMAT_VERSION:
                raise ValueError("unknown format")
            votes = {str(pub): {str(aid): Vote(
                countries={str(k): float(s) for k, s in v["countries"].items()},
                admin1s={tuple(k.split("/", 1)): float(s)  # type: ignore[misc]
                         for k, s in v["admin1s"].items()})
                for aid, v in arts.items()} for pub, arts in obj["publishers"].items()}
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise InputError(f"{where} is not an eventwire publisher-profiles file "
                             f"(version {FORMAT_VERSION}); delete it or name another "
                             "--profiles file") from exc
        return cls(votes=votes)


def load_profiles(path: Path) -> PublisherProfiles:
    """The profiles saved at ``path``; empty when the file does not exist yet."""
    if not path.exists():
        return PublisherProfiles()
    try:
        obj = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read publisher profiles {path}: {exc}; delete it or name "
                         "another --profiles file") from exc
    return PublisherProfiles.from_json(obj, str(path))


def save_profiles(profiles: PublisherProfiles, path: Path) -> None:
    """Write the profiles atomically (a temporary file renamed over ``path``)."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(profiles.to_json(), separators=(",", ":")), encoding="utf-8")
    os.replace(tmp, path)
