"""Input readers: plain text, HTML, JSON Lines, directories and stdin -> ``Article`` records."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Sequence
from typing import BinaryIO, TextIO

from eventwire.ingest.sources import DEFAULT_MAX_BYTES, INPUT_SUFFIXES, ReadOptions, read_source
from eventwire.ingest.text import looks_english
from eventwire.ingest.warc import WarcTally
from eventwire.records import Article, Failure

__all__ = ["DEFAULT_MAX_BYTES", "INPUT_SUFFIXES", "WarcTally", "looks_english", "read_inputs"]


def read_inputs(
    paths: Sequence[str | os.PathLike[str]],
    *,
    published: dt.date | None = None,
    stdin: TextIO | BinaryIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    warc_tally: WarcTally | None = None,
) -> Iterator[Article | Failure]:
    """Read articles from files, directories and ``-`` (stdin), in a stable order.

    Each path is one of:

    * a file: ``.html``/``.htm`` (main text extracted with trafilatura), ``.jsonl`` (one
      ``{"id", "text", "published"?, "url"?, "title"?}`` object per line), ``.json`` (one such
      object, a list of them, or JSON Lines), ``.warc``/``.warc.gz`` (a web archive, streamed:
      each HTML response with article text; see :mod:`eventwire.ingest.warc`, whose skips
      are counted in ``warc_tally``), anything else as UTF-8 plain text;
    * a directory: every ``.txt .text .md .html .htm .jsonl .json .warc .warc.gz`` file below
      it, recursively,
      sorted by name at every level (a directory's files before its subdirectories), hidden
      files and directories skipped;
    * ``-``: ``stdin`` (default ``sys.stdin``) as plain text, or as JSON Lines when every
      non-blank line is a JSON object with a string ``"text"``.

    Text is returned with its original characters (offsets into ``Article.text`` are what the
    pipeline uses); only line endings are normalised (``\\r\\n`` and lone ``\\r`` -> ``\\n``).
    A leading UTF-8 BOM is dropped.

    ``Article.id`` is the file name (``kazakhstan_2022-01-06.txt``), ``"stdin"`` for stdin,
    or for JSON input the object's ``"id"``, else ``<file name>:<line>``.

    ``Article.published`` is resolved in this order, first hit wins:

    1. the JSON/JSONL object's ``"published"`` field (``YYYY-MM-DD`` or an ISO datetime);
    2. the HTML page's own publication date (trafilatura/htmldate metadata);
    3. the ``published`` argument (CLI ``--published``);
    4. a file name of the form ``*_YYYY-MM-DD.ext``;
    5. otherwise None: relative dates ("on Tuesday") then resolve as unknown, while absolute
       dates that carry a year still work.

    Every problem with one input becomes a ``Failure`` (a one-line ``[EW100]`` message naming
    the problem and the fix) and the rest of the batch carries on: missing path, empty file,
    binary content, a file over ``max_bytes`` (checked with ``stat`` before reading), invalid
    UTF-8, no usable text, non-English text, no article text in HTML, and for JSON input each
    bad line (``file:line``).

    Raises ConfigError only for a non-positive ``max_bytes``.
    """
    options = ReadOptions(published=published, max_bytes=max_bytes,  # validates eagerly
                          warc_tally=warc_tally)
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    return _read_all([os.fspath(p) for p in paths], options, stdin)


def _read_all(
    paths: list[str], options: ReadOptions, stdin: TextIO | BinaryIO | None
) -> Iterator[Article | Failure]:
    for path in paths:
        yield from read_source(path, options, stdin)
