"""Dispatch over input paths: files, directories (recursive) and ``-`` for stdin."""

from __future__ import annotations

import datetime as dt
import logging
import os
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TextIO

from eventwire.errors import ConfigError, InputError
from eventwire.ingest.html import html_article
from eventwire.ingest.jsonl import is_jsonl_articles, read_json_text, read_jsonl_text
from eventwire.ingest.text import (
    check_not_binary,
    date_from_filename,
    decode_utf8,
    text_article,
)
from eventwire.ingest.warc import WARC_SUFFIXES, WarcTally, is_warc, read_warc
from eventwire.records import Article, Failure

logger = logging.getLogger(__name__)

STDIN_PATH = "-"
STDIN_LABEL = "stdin"
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
JSON_SUFFIXES = (".json",)
INPUT_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + JSON_SUFFIXES + WARC_SUFFIXES
"""Extensions picked up when a directory is given (case-insensitive)."""


@dataclass(slots=True, kw_only=True, frozen=True)
class ReadOptions:
    """Settings that apply to every input of one ``read_inputs`` call."""

    published: dt.date | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    warc_tally: WarcTally | None = None  # counts WARC records read and skipped, by reason

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ConfigError(
                f"max_bytes must be positive, got {self.max_bytes}; pass a size in bytes"
            )


def format_size(size: int) -> str:
    """``52428800`` -> ``"50 MB"``, ``54945382`` -> ``"52.4 MB"`` (MB of 1024 * 1024 bytes);
    under 1 MB, in bytes (``"2000 bytes"``)."""
    if size < 1024 * 1024:
        return f"{size} bytes"
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0") + " MB"


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def iter_directory(root: Path) -> Iterator[Path]:
    """Input files under ``root``: recursive, sorted by name at every level, hidden names skipped.

    Files of a directory come before its subdirectories. Symlinked directories are not followed.
    """
    for current, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not _is_hidden(d))
        for name in sorted(filenames):
            if not _is_hidden(name) and name.lower().endswith(INPUT_SUFFIXES):
                yield Path(current) / name


def load_bytes(path: str, max_bytes: int) -> bytes:
    """Read a whole file after checking (with stat, before reading) that it exists and fits."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; check the path") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot access ({exc.strerror}); check the path") from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{path}: not a regular file; pass a file or a directory")
    if info.st_size > max_bytes:
        raise InputError(
            f"{path}: file is {format_size(info.st_size)}, over the "
            f"{format_size(max_bytes)} limit; split it or pass --max-bytes"
        )
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror}); check its permissions") from None
    if not data:
        raise InputError(f"{path}: empty file: nothing to code")
    return data


def parse_document(
    data: bytes, *, path: str, options: ReadOptions
) -> Iterator[Article | Failure]:
    """Turn one file's bytes into Articles (or Failures), choosing the reader by extension."""
    filename = os.path.basename(path)
    suffix = os.path.splitext(filename)[1].lower()
    fallback = options.published or date_from_filename(filename)
    check_not_binary(data, path)
    if suffix in HTML_SUFFIXES:
        yield html_article(
            data, doc_id=filename, name=path, source=path, fallback_published=fallback
        )
    elif suffix in JSONL_SUFFIXES + JSON_SUFFIXES:
        reader = read_jsonl_text if suffix in JSONL_SUFFIXES else read_json_text
        text = decode_utf8(data, path)
        yield from reader(
            text, source=path, label=path, id_prefix=filename, fallback_published=fallback
        )
    else:
        yield text_article(data, doc_id=filename, name=path, source=path, published=fallback)


def read_file(path: str, options: ReadOptions) -> Iterator[Article | Failure]:
    """Articles from one file; any file-level problem becomes a single Failure."""
    if is_warc(path):
        yield from _read_warc_file(path, options)
        return
    try:
        data = load_bytes(path, options.max_bytes)
        yield from parse_document(data, path=path, options=options)
    except InputError as exc:
        yield Failure(source=path, message=str(exc))


def _read_warc_file(path: str, options: ReadOptions) -> Iterator[Article | Failure]:
    """A WARC archive, streamed: ``max_bytes`` bounds each record, not the file."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{path}: not a regular file; pass a file or a directory")
        if info.st_size == 0:
            raise InputError(f"{path}: empty file: nothing to code")
        yield from read_warc(path, published=options.published, max_bytes=options.max_bytes,
                             tally=options.warc_tally)
    except FileNotFoundError:
        yield Failure(source=path, message=str(InputError(f"{path}: no such file; check the path")))
    except OSError as exc:
        message = str(InputError(f"{path}: cannot read ({exc.strerror}); check the path"))
        yield Failure(source=path, message=message)
    except InputError as exc:
        yield Failure(source=path, message=str(exc))


def read_directory(path: str, options: ReadOptions) -> Iterator[Article | Failure]:
    """Articles from every input file under a directory, in :func:`iter_directory` order."""
    found = False
    for file in iter_directory(Path(path)):
        found = True
        yield from read_file(str(file), options)
    if not found:
        kinds = "/".join(INPUT_SUFFIXES)
        message = str(InputError(f"{path}: directory has no {kinds} files; check the path"))
        yield Failure(source=path, message=message)


def _stdin_bytes(stream: TextIO | BinaryIO, max_bytes: int) -> bytes:
    try:
        raw = stream.read(max_bytes + 1)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{STDIN_LABEL}: invalid UTF-8 at byte {exc.start}; re-encode the input as UTF-8 "
            "(e.g. iconv -f latin1 -t utf-8)"
        ) from None
    data = raw.encode("utf-8", "surrogateescape") if isinstance(raw, str) else raw
    if len(data) > max_bytes:
        raise InputError(
            f"{STDIN_LABEL}: input is over the {format_size(max_bytes)} limit; "
            "split it or pass --max-bytes"
        )
    if not data:
        raise InputError(f"{STDIN_LABEL}: empty input: nothing to code")
    return data


def read_stdin(
    stream: TextIO | BinaryIO, options: ReadOptions
) -> Iterator[Article | Failure]:
    """Plain text from stdin, or JSONL when every non-blank line is an object with "text"."""
    try:
        data = _stdin_bytes(stream, options.max_bytes)
        check_not_binary(data, STDIN_LABEL)
        text = decode_utf8(data, STDIN_LABEL)
        if is_jsonl_articles(text):
            yield from read_jsonl_text(
                text,
                source=STDIN_PATH,
                label=STDIN_LABEL,
                id_prefix=STDIN_LABEL,
                fallback_published=options.published,
            )
            return
        yield text_article(
            data,
            doc_id=STDIN_LABEL,
            name=STDIN_LABEL,
            source=STDIN_PATH,
            published=options.published,
        )
    except InputError as exc:
        yield Failure(source=STDIN_PATH, message=str(exc))


def default_stdin() -> BinaryIO | TextIO:
    """The process's stdin, as bytes when possible so that decoding stays strict UTF-8."""
    return getattr(sys.stdin, "buffer", sys.stdin)


def read_source(
    path: str, options: ReadOptions, stdin: TextIO | BinaryIO | None = None
) -> Iterator[Article | Failure]:
    """Articles from one command-line path: ``-``, a directory, or a file."""
    if path == STDIN_PATH:
        yield from read_stdin(stdin if stdin is not None else default_stdin(), options)
    elif os.path.isdir(path):
        yield from read_directory(path, options)
    else:
        yield from read_file(path, options)
