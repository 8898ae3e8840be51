"""Plain-text checks and decoding shared by every reader.

Each check raises :class:`~eventwire.errors.InputError` with a one-line message that names
the problem and the fix; :mod:`eventwire.ingest.sources` turns those into ``Failure`` records.
"""

from __future__ import annotations

import datetime as dt
import logging
import re

from eventwire.errors import InputError
from eventwire.records import Article

logger = logging.getLogger(__name__)

BINARY_SNIFF_BYTES = 8192
"""How much of a file the binary check looks at."""

MAX_CONTROL_SHARE = 0.10
"""Share of control bytes in the sniffed prefix above which a file counts as binary."""

MIN_WORDS_FOR_LANGUAGE_CHECK = 30
"""Documents shorter than this (in word tokens) always pass :func:`looks_english`."""

MIN_ENGLISH_FUNCTION_SHARE = 0.06
"""Share of English function words among word tokens below which text is not English.

English news prose runs at 30-45 % and terse wire copy full of headline fragments still at
about 11 %; Spanish, German, French and Russian news stay under 3 % (the list leaves out words
those languages share with English), so the threshold errs towards keeping documents.
"""

# The ~100 most frequent English function words (articles, pronouns, prepositions,
# auxiliaries, conjunctions). Words that are also common in other Latin-script languages
# ("a", "in", "an", "so", "also", "die") are left out on purpose.
ENGLISH_FUNCTION_WORDS: frozenset[str] = frozenset(
    """
    the of and to that is was for it with as his on be at by this had not are but from or
    have they which one you were her all she there their has been if more when will would
    who so no he we i them its than other into could our these two may then do any only my
    what about up out can after over said did such should where most through before
    while since because between against during under those us him both each how very
    without being does until upon within whether among who's it's there's would've
    can't don't won't didn't wasn't isn't aren't weren't hasn't haven't hadn't
    shouldn't couldn't however although though yet your himself herself themselves itself
    """.split()
)

_WORD_RE = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")
_FILENAME_DATE_RE = re.compile(r"_(\d{4}-\d{2}-\d{2})\.[^.]+$")
_CONTROL_BYTES = frozenset(range(0x00, 0x09)) | frozenset(range(0x0E, 0x20)) - {0x1B} | {0x7F}


def word_tokens(text: str) -> list[str]:
    """Lower-cased alphabetic word tokens (apostrophe contractions kept whole)."""
    return [m.group(0).lower().replace("\u2019", "'") for m in _WORD_RE.finditer(text)]


def english_function_share(text: str) -> float:
    """Share of word tokens that are common English function words (0.0 when no words)."""
    words = word_tokens(text)
    if not words:
        return 0.0
    return sum(1 for w in words if w in ENGLISH_FUNCTION_WORDS) / len(words)


def looks_english(text: str) -> bool:
    """Cheap language check: does ``text`` read like English prose?

    Texts under :data:`MIN_WORDS_FOR_LANGUAGE_CHECK` words are given the benefit of the doubt.
    """
    if len(word_tokens(text)) < MIN_WORDS_FOR_LANGUAGE_CHECK:
        return True
    return english_function_share(text) >= MIN_ENGLISH_FUNCTION_SHARE


def check_not_binary(data: bytes, name: str) -> None:
    """Raise when the first 8 KB of ``data`` hold NUL bytes or many control characters."""
    head = data[:BINARY_SNIFF_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(
            f"{name}: UTF-16 text, not UTF-8; re-encode the file as UTF-8 "
            "(e.g. iconv -f utf-16 -t utf-8)"
        )
    control = sum(1 for b in head if b in _CONTROL_BYTES)
    if b"\x00" in head or (head and control / len(head) > MAX_CONTROL_SHARE):
        raise InputError(
            f"{name}: binary content, not text; convert it to .txt or .html first"
        )


def decode_utf8(data: bytes, name: str) -> str:
    """Decode strictly as UTF-8 (a leading BOM is dropped); raise naming the bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: invalid UTF-8 at byte {exc.start}; re-encode the file as UTF-8 "
            "(e.g. iconv -f latin1 -t utf-8)"
        ) from None


def normalise_newlines(text: str) -> str:
    """Turn ``\\r\\n`` and lone ``\\r`` into ``\\n``; every other character is kept as is."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_usable(text: str, name: str) -> None:
    """Raise when ``text`` has nothing to code or is not English."""
    if not text.strip():
        raise InputError(f"{name}: no usable text (only whitespace); nothing to code")
    if not looks_english(text):
        raise InputError(
            f"{name}: text looks like non-English (language check); "
            "eventwire codes English news only"
        )


def date_from_filename(filename: str) -> dt.date | None:
    """The date in a ``*_YYYY-MM-DD.ext`` file name, or None."""
    match = _FILENAME_DATE_RE.search(filename)
    if match is None:
        return None
    try:
        return dt.date.fromisoformat(match.group(1))
    except ValueError:
        logger.debug("ignoring impossible date in file name %s", filename)
        return None


def text_article(
    data: bytes, *, doc_id: str, name: str, source: str, published: dt.date | None
) -> Article:
    """Build an Article from the raw bytes of a plain-text document."""
    text = normalise_newlines(decode_utf8(data, name))
    check_usable(text, name)
    return Article(id=doc_id, text=text, published=published, source=source)
