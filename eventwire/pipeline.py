"""The pipeline: parse -> geoparse -> dates -> quantities -> events.

Each stage is a plain callable ``(Doc) -> None`` that fills one field of the ``Doc``
container (see records.py). Stages that hold a model or the gazetteer are built once
by ``Pipeline.load`` and reused for every document. A stage failure on one document
raises ``StageError`` naming the stage and the document; batch runners turn that into
a ``Failure`` record and carry on with the next document.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from eventwire.coding.coder import Coder
from eventwire.errors import EventwireError, StageError
from eventwire.geo.gazetteer import Gazetteer
from eventwire.geo.resolve import Geoparser
from eventwire.nlp.dates import find_dates
from eventwire.nlp.parse import load_model, mentions_of, sentences_of
from eventwire.nlp.quantities import find_quantities
from eventwire.records import Article, Doc, Event, Failure

log = logging.getLogger(__name__)

Stage = Callable[[Doc], None]
MAX_SPACY_CHARS = 1_000_000


@dataclass(slots=True, kw_only=True)
class Pipeline:
    """Holds the loaded resources and runs the stages in order."""

    nlp: Any
    gazetteer: Gazetteer
    geoparser: Geoparser
    coder: Coder

    @classmethod
    def load(cls, *, gazetteer: Gazetteer | None = None) -> Pipeline:
        gaz = gazetteer or Gazetteer.open()
        nlp = load_model()
        nlp.max_length = MAX_SPACY_CHARS * 2
        return cls(nlp=nlp, gazetteer=gaz, geoparser=Geoparser(gaz),
                   coder=Coder(country_of=_country_of(gaz), country_entry=gaz.country))

    @property
    def stages(self) -> list[tuple[str, Stage]]:
        return [("parse", self._parse), ("geoparse", self._geoparse), ("dates", self._dates),
                ("quantities", self._quantities), ("events", self._events)]

    def process(self, article: Article, *, until: str = "events") -> Doc:
        """Run the stages on one article (up to and including ``until``)."""
        doc = Doc(article=article)
        for name, stage in self.stages:
            try:
                stage(doc)
            except EventwireError:
                raise
            except Exception as exc:  # noqa: BLE001 - any stage bug becomes a named StageError
                raise StageError(name, article.id, exc) from exc
            if name == until:
                break
        return doc

    def extract(self, article: Article) -> list[Event]:
        return self.process(article).events

    def run(self, items: Iterable[Article | Failure], *, until: str = "events"
            ) -> Iterator[Doc | Failure]:
        """Process a batch; a failing document yields a Failure and the batch goes on."""
        for item in items:
            if isinstance(item, Failure):
                yield item
                continue
            try:
                yield self.process(item, until=until)
            except EventwireError as exc:
                log.warning("%s", exc)
                yield Failure(source=item.source or item.id, message=str(exc))

    # -- stages ---------------------------------------------------------------
    def _parse(self, doc: Doc) -> None:
        doc.parse = self.nlp(doc.article.text)
        doc.sentences = sentences_of(doc.parse)
        doc.mentions = mentions_of(doc.parse)

    def _geoparse(self, doc: Doc) -> None:
        doc.places = self.geoparser(doc.article.text, doc.parse, doc.sentences)

    def _dates(self, doc: Doc) -> None:
        doc.dates = find_dates(doc.article.text, doc.article.published, sentences=doc.sentences)

    def _quantities(self, doc: Doc) -> None:
        doc.quantities = find_quantities(doc.article.text, sentences=doc.sentences)

    def _events(self, doc: Doc) -> None:
        doc.events = self.coder(doc)


def _country_of(gaz: Gazetteer) -> Callable[[str], str | None]:
    """Word -> ISO2 for demonyms ('Kazakh') and country names ('Kazakhstan')."""

    def lookup(word: str) -> str | None:
        code = gaz.demonym(word)
        if code:
            return code
        for entry in gaz.candidates(word, limit=5):
            if entry.feature_code.startswith("PCL"):
                return entry.country_code
        return None

    return lookup
