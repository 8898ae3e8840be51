"""The pipeline: parse -> geoparse -> dates -> quantities -> events [-> types].

Each stage is a plain callable ``(Doc) -> None`` that fills one field of the ``Doc``
container (see records.py). Stages that hold a model or the gazetteer are built once
by ``Pipeline.load`` and reused for every document. A stage failure on one document
raises ``StageError`` naming the stage and the document; batch runners turn that into
a ``Failure`` record and carry on with the next document. The optional "types" stage
re-types the events' ACLED fields with a model the user trained (coding/type_model.py);
without one the pipeline is rules only.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from eventwire.coding.coder import Coder
from eventwire.coding.type_model import TypeModel
from eventwire.errors import EventwireError, StageError
from eventwire.geo.build import ASCII
from eventwire.geo.gazetteer import Gazetteer
from eventwire.geo.locale import publisher_country
from eventwire.geo.publishers import PublisherProfiles, publisher_of
from eventwire.geo.resolve import Geoparser
from eventwire.nlp.dates import find_dates
from eventwire.nlp.parse import (NOUN_FLOOR, dictionary_words, load_model, mentions_of,
                                 sentences_of)
from eventwire.nlp.quantities import find_quantities
from eventwire.nlp.truecase import lower_cased, truecase
from eventwire.records import Article, Doc, Event, Failure

log = logging.getLogger(__name__)
advice = logging.getLogger("eventwire.advice")  # shown by the CLI even without -v

Stage = Callable[[Doc], None]
MAX_SPACY_CHARS = 1_000_000
BATCH_SIZE = 32
# Truecasing: a country always counts as a name, a first-level region when the word's
# floor is a noun's (nlp/parse.py dictionary_words)
COUNTRY_CODES = frozenset({"PCLI", "PCLD", "PCLS", "PCLF", "PCL"})


@dataclass(slots=True, kw_only=True)
class Pipeline:
    """Holds the loaded resources and runs the stages in order."""

    nlp: Any
    gazetteer: Gazetteer
    geoparser: Geoparser
    coder: Coder
    publishers: PublisherProfiles | None = None  # read-only while coding (publishers.py)
    type_model: TypeModel | None = None  # re-types ACLED fields after "events" when given
    truecase: bool = False  # restore capitals to lower-cased documents (nlp/truecase.py)
    dictionary: dict[str, int] = field(default_factory=dict)  # for truecasing
    warned_lower_case: bool = False  # the one warning of a run without truecase

    @classmethod
    def load(cls, *, gazetteer: Gazetteer | None = None,
             publishers: PublisherProfiles | None = None,
             type_model: TypeModel | None = None, truecase: bool = False) -> Pipeline:
        gaz = gazetteer or Gazetteer.open()
        nlp = load_model()
        nlp.max_length = MAX_SPACY_CHARS * 2
        return cls(nlp=nlp, gazetteer=gaz, geoparser=Geoparser(gaz),
                   coder=Coder(country_of=_country_of(gaz), country_entry=gaz.country),
                   publishers=publishers, type_model=type_model, truecase=truecase,
                   dictionary=dictionary_words(nlp) if truecase else {})

    @property
    def stages(self) -> list[tuple[str, Stage]]:
        stages = [("parse", self._parse), ("geoparse", self._geoparse), ("dates", self._dates),
                  ("quantities", self._quantities), ("events", self._events)]
        return stages + [("types", self._types)] if self.type_model is not None else stages

    def process(self, article: Article, *, until: str = "events", parse: Any = None) -> Doc:
        """Run the stages on one article (up to and including ``until``; "events" includes
        "types" when a type model is loaded); ``parse`` is a spaCy Doc already made for it
        (batch runs parse with ``nlp.pipe``)."""
        doc = Doc(article=article, parse=parse)
        last = "types" if until == "events" and self.type_model is not None else until
        for name, stage in self.stages:
            try:
                stage(doc)
            except EventwireError:
                raise
            except Exception as exc:  # noqa: BLE001 - any stage bug becomes a named StageError
                raise StageError(name, article.id, exc) from exc
            if name == last:
                break
        return doc

    def extract(self, article: Article) -> list[Event]:
        return self.process(article).events

    def run(self, items: Iterable[Article | Failure], *, until: str = "events",
            batch_size: int = BATCH_SIZE) -> Iterator[Doc | Failure]:
        """Process a stream in input order; a failing document yields a Failure and the
        batch goes on. Texts are parsed ``batch_size`` at a time with ``nlp.pipe``."""
        batch: list[Article | Failure] = []
        for item in items:
            batch.append(item)
            if len(batch) >= batch_size:
                yield from self._run_batch(batch, until)
                batch = []
        yield from self._run_batch(batch, until)

    def _run_batch(self, batch: list[Article | Failure], until: str) -> Iterator[Doc | Failure]:
        articles = [a for a in batch if isinstance(a, Article)]
        parses = self._parse_many(articles)
        for item in batch:
            if isinstance(item, Failure):
                yield item
                continue
            try:
                yield self.process(item, until=until, parse=parses.get(id(item)))
            except EventwireError as exc:
                log.warning("%s", exc)
                yield Failure(source=item.source or item.id, message=str(exc))

    def _parse_many(self, articles: list[Article]) -> dict[int, Any]:
        """spaCy parses for a batch; on any error, none (each is then parsed alone, so
        that the failure is pinned to its document)."""
        try:
            texts = (self.parse_text(a.text) for a in articles)
            return {id(a): d for a, d in zip(articles, self.nlp.pipe(texts))}
        except Exception:  # noqa: BLE001 - fall back to per-document parsing and errors
            log.warning("batch parse failed; parsing documents one by one")
            return {}

    def parse_text(self, text: str) -> str:
        """The text the parser reads: ``text``, or with ``truecase`` for a document
        written all in lower case a copy with its capitals restored (nlp/truecase.py; same
        offsets). Without it, the first such document of a run gets a warning."""
        if not lower_cased(text):
            return text
        if self.truecase:
            return truecase(text, self._is_name, self.dictionary)
        if not self.warned_lower_case:
            self.warned_lower_case = True
            advice.warning("a document is written in lower case: names and places in it "
                           "will be missed; rerun with --truecase to restore its capitals")
        return text

    def _is_name(self, phrase: str, floor: int) -> bool:
        """A nationality, or the primary or ASCII gazetteer name of a country or of a
        place of at least ``floor`` people (or a first-level region, unless the floor
        is over a noun's)."""
        if self.gazetteer.demonym(phrase) is not None:
            return True
        return any(m.kind <= ASCII and (
            m.entry.population >= floor or m.entry.feature_code in COUNTRY_CODES
            or (m.entry.feature_code == "ADM1" and floor <= NOUN_FLOOR))
            for m in self.gazetteer.matches(phrase, 5, fuzzy=False))

    # -- stages ---------------------------------------------------------------
    def _parse(self, doc: Doc) -> None:
        if doc.parse is None:
            doc.parse = self.nlp(self.parse_text(doc.article.text))
        doc.sentences = sentences_of(doc.parse, doc.article.text)
        doc.mentions = mentions_of(doc.parse)

    def _geoparse(self, doc: Doc) -> None:
        art = doc.article
        profile = self.publishers.support(publisher_of(art.url), art.id) \
            if self.publishers is not None else None
        doc.places = self.geoparser(doc.parse.text, doc.parse, doc.sentences,
                                    locale=publisher_country(art), publisher=profile)

    def _dates(self, doc: Doc) -> None:
        doc.dates = find_dates(doc.article.text, doc.article.published, sentences=doc.sentences)

    def _quantities(self, doc: Doc) -> None:
        doc.quantities = find_quantities(doc.article.text, sentences=doc.sentences)

    def _events(self, doc: Doc) -> None:
        doc.events = self.coder(doc)
        text = doc.article.text
        if doc.parse is not None and doc.parse.text != text:  # truecased: quote the original
            for ev in doc.events:
                ev.evidence = [replace(x, text=text[x.start:x.end]) for x in ev.evidence]

    def _types(self, doc: Doc) -> None:
        if self.type_model is not None:
            doc.events = self.type_model.retype(doc.events)


def _country_of(gaz: Gazetteer) -> Callable[[str], str | None]:
    """Word -> ISO2 for demonyms ('Kazakh') and country names ('Kazakhstan')."""

    def lookup(word: str) -> str | None:
        code = gaz.demonym(word)
        if code:
            return code
        for entry in gaz.candidates(word, limit=5):
            if entry.feature_code.startswith("PCL") or entry.feature_code == "PPLC":
                return entry.country_code  # "Washington demanded": a capital for its state
        return None

    return lookup
