"""Reading per-subject tables from CSV/TSV/XLSX exactly as the user saved them.

Everything is read as text (CSV) or as the cell's own value (XLSX): turning
text into numbers is the validator's job, so that every cell that fails to
parse can be reported with the text that was found.

CSV handling covers what spreadsheets and instruments write: UTF-8 with or
without BOM (Latin-1/cp1252 as a fallback), CR, LF or CRLF line ends, and the
delimiter sniffed among comma, semicolon, tab and pipe. A semicolon- or
tab-delimited file may use decimal commas (European Excel); see
:attr:`RawTable.decimal_comma_allowed`.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
from collections.abc import Collection
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InputFileError
from .layout import TITLE_SCAN_ROWS, title_rows, units_row
from .table import FIRST_COLUMN, RawTable, cell_text, column_letter

__all__ = ["RawTable", "cell_text", "column_letter", "read_table", "read_text_table"]

DELIMITERS = [",", ";", "\t", "|"]
EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
CHUNK_ROWS = 50_000  # rows parsed at a time: only the kept columns of each chunk stay in memory
SNIFF_BYTES = 65_536  # the delimiter is guessed from at most this much text (and 50 lines)
_EXPECTED_FIELDS = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


def _decode(data: bytes, name: str) -> tuple[str, str]:
    head = data[:4096]
    if b"\x00" in head and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        odd, even = head[1::2], head[0::2]  # UTF-16 text without a byte-order mark: every other byte is 0
        for enc, zeros, chars in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
            if zeros.count(0) > 0.95 * len(zeros) and chars.count(0) < 0.05 * len(chars):
                try:
                    return data.decode(enc), enc
                except UnicodeDecodeError:
                    break
        raise InputFileError(
            f"{name}: this is not a text table (it contains binary data); "
            "save it from the spreadsheet program as CSV or XLSX."
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode Text" is UTF-16 with a BOM
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InputFileError(f"{name}: starts like a UTF-16 file but cannot be decoded as one.") from None
    for enc in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    raise InputFileError(f"{name}: cannot decode the file as text.")  # pragma: no cover


def decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    """A text file's bytes decoded (UTF-8/16 with or without BOM, cp1252, latin-1): (text, encoding)."""
    return _decode(data, name)


def sniff_delimiter(text: str) -> str:
    """The delimiter among comma, semicolon, tab and pipe that splits the first lines most consistently.

    Linear in the sample (at most 64 KB and 50 lines): each candidate splits the lines with the
    csv module (quotes respected); the winner splits the most lines into two or more fields, then
    gives the most of them the same number of fields, with ties going to the most fields, then to
    the order above. (A line a candidate does not split is no evidence for it: in a tab file whose
    rows end in empty cells, the lines without a comma once made the comma win.)

    Examples
    --------
    >>> sniff_delimiter("id;CD4;VAS\\n1;3,5;20\\n2;4,0;30\\n"), sniff_delimiter('a,"b;c"\\n1,2\\n')
    (';', ',')
    >>> sniff_delimiter("id\\tx\\ty\\tz\\nA\\t2\\nB\\t2\\t3\\nC\\tSerbian, English\\t3\\t4\\nD\\t6\\t7\\n")
    '\\t'

    """
    sample = text[:SNIFF_BYTES]
    lines = [line for line in sample.splitlines()[:50] if line.strip()]
    if len(sample) == SNIFF_BYTES and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut
    best, best_key = ",", (-1, -1, -1, 0)
    for rank, delim in enumerate(DELIMITERS):
        counts = [len(row) for row in csv.reader(lines, delimiter=delim)]
        if not counts or max(counts) < 2:
            continue
        split = [c for c in counts if c >= 2]
        mode = max(set(split), key=split.count)
        key = (len(split), split.count(mode), mode, -rank)
        if key > best_key:
            best, best_key = delim, key
    return best


def _drop_trailing_blank_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame without the empty rows at its end (blank lines, or only delimiters, after the last row).

    Blank rows inside the table are kept (validation reports each with its row number); those
    at the end hold nothing and are not rows of the table, as in a spreadsheet.
    """
    end = len(frame)
    while end > 0:
        start = max(0, end - 256)
        blank = np.ones(end - start, dtype=bool)
        for j in range(frame.shape[1]):  # column by column, only over rows still blank: stops at the id column
            rows = np.flatnonzero(blank)
            cells = frame.iloc[start + rows, j]
            blank[rows] = cells.astype(str).str.strip().eq("").to_numpy()
            if not blank.any():
                break
        filled = np.flatnonzero(~blank)
        if len(filled):
            end = start + int(filled[-1]) + 1
            break
        end = start
    return frame.iloc[:end] if end < len(frame) else frame


def _refuse_extra_values(chunk: pd.DataFrame, width: int, offset: int, source: str, delim: str, first: int) -> None:
    """Extra fields beyond the header must be empty (a delimiter at the end of the line); else refuse."""
    extra = chunk.iloc[:, width:].apply(lambda c: c.str.strip().ne("")).any(axis=1).to_numpy()
    if extra.any():
        bad = np.flatnonzero(extra)
        more = f" (and {len(bad) - 1} more row(s))" if len(bad) > 1 else ""
        raise InputFileError(
            f"{source}: row {int(bad[0]) + offset + first} has {chunk.shape[1]} values but the header names {width} "
            f"columns{more}; its values cannot be matched to columns. Add the missing column name to the header, "
            f"or remove the stray delimiter ('{delim}') from that row."
        )


WIDE_COLUMNS = 2_000  # above this many columns the csv module reads the table (pandas makes a block per column)


class _Wide(Exception):
    """Internal: the table is wide enough for the csv-module reader."""


def _fallback_body(text: str, delim: str, source: str, skip: int, keep: list[int]) -> pd.DataFrame:
    """The table below the header by the csv module, as one block of strings (short rows padded)."""
    rows = _parse_fallback(text, delim, source, skip)[1:]
    width = max((len(r) for r in rows), default=0)
    if rows and all(len(r) == width for r in rows) and keep == list(range(width)):
        return pd.DataFrame(np.array(rows, dtype=object).reshape(len(rows), width), columns=keep, dtype=object)
    return pd.DataFrame([[row[i] if i < len(row) else "" for i in keep] for row in rows], columns=keep, dtype=object)


def _parse_fallback(text: str, delim: str, source: str, skip: int = 0) -> list[list[str]]:
    """Rows by the csv module from the header on (``skip`` title rows above it), when some row
    has more fields than the header.

    Extra fields that are empty (a delimiter at the end of the line) are dropped; a row
    with extra values is an error, since its values cannot be matched to columns. Blank lines
    stay rows, so that row numbers are the file's.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    rows, lines = [], []
    for row in reader:
        rows.append(row)
        lines.append(reader.line_num)
    rows, lines = rows[skip:], lines[skip:]
    width = len(rows[0])
    long = [(lines[k], row) for k, row in enumerate(rows) if k and len(row) > width]
    bad = [(i, row) for i, row in long if any(c.strip() for c in row[width:])]
    if bad:
        i, row = bad[0]
        more = f" (and {len(bad) - 1} more row(s))" if len(bad) > 1 else ""
        raise InputFileError(
            f"{source}: row {i} has {len(row)} values but the header names {width} columns{more}; its values "
            "cannot be matched to columns. Add the missing column name to the header, or remove the stray "
            f"delimiter ('{delim}') from that row."
        )
    return [row[:width] + [""] * (width - len(row)) for row in rows]


def read_text_table(
    text: str, source: str = "<text>", sha256: str = "", encoding: str = "utf-8", columns: Collection[str] | None = None
) -> RawTable:
    """Parse delimited text into a :class:`RawTable` (all cells as strings).

    Rows with more values than the header are refused (unless the extra fields are empty:
    a delimiter at the end of each line); rows with fewer are padded with empty cells.

    Examples
    --------
    >>> t = read_text_table("id;CD4\\r1;3,5\\r2;4,0\\r")
    >>> t.delimiter, t.frame["CD4"].tolist(), t.decimal_comma_allowed
    (';', ['3,5', '4,0'], True)
    >>> read_text_table("x,y,z\\n1,10,500,\\n2,20,400,\\n").frame["x"].tolist()  # trailing delimiters
    ['1', '2']
    """
    if not text.strip():
        raise InputFileError(f"{source}: the file is empty.")
    if "\r" in text and "\n" not in text:  # old Mac line ends: pandas' C parser shifts cells after skiprows
        text = text.replace("\r", "\n")
    return _read_delimited(
        lambda: io.StringIO(text), lambda: text, text[:SNIFF_BYTES], None, source, sha256, encoding, columns
    )


def _read_delimited(
    open_buffer,
    full_text,
    sample: str,
    pandas_encoding: str | None,
    source: str,
    sha256: str,
    encoding: str,
    columns: Collection[str] | None,
) -> RawTable:
    """The delimited-table reader behind :func:`read_text_table` and :func:`read_table`.

    ``open_buffer()`` gives the file to pandas (bytes are parsed without a decoded copy);
    ``full_text()`` is called only when some row has more fields than the header. Only the
    wanted columns are converted to Python strings.
    """
    delim = sniff_delimiter(sample)
    first = csv.reader(io.StringIO(sample, newline=""), delimiter=delim)
    top = [row for _, row in zip(range(TITLE_SCAN_ROWS), first)]
    skip = title_rows(top)  # a title block above the header: its lines are skipped and reported
    above = tuple(f"{delim} ".join(c.strip() for c in row if c.strip()) for row in top[:skip])
    lines_before = 0
    if skip:
        counter = csv.reader(io.StringIO(sample, newline=""), delimiter=delim)
        for _ in range(skip):
            next(counter)
        lines_before = counter.line_num  # physical lines: a quoted cell may span several
    header_cells = top[skip] if len(top) > skip else []
    if len(sample) >= SNIFF_BYTES and "\n" not in sample and "\r" not in sample:
        header_cells = next(csv.reader(io.StringIO(full_text(), newline=""), delimiter=delim), [])
    header = tuple(str(c).strip() or f"(unnamed column {column_letter(i)})" for i, c in enumerate(header_cells, 1))
    wanted = None if columns is None else set(columns)
    keep = [
        i for i, name in enumerate(header) if wanted is None or name in wanted or (i == 0 and FIRST_COLUMN in wanted)
    ]
    parts = []
    try:
        if len(header) > WIDE_COLUMNS:  # omics-wide: the csv module beats pandas' one block per column
            raise _Wide
        reader = pd.read_csv(
            open_buffer(),
            sep=delim,
            header=None,
            dtype=object,  # Python strings at once: no string-array conversion per column
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,  # a blank line keeps its row number, so messages cite the right row
            engine="c",
            skiprows=lines_before + 1,
            encoding=pandas_encoding,
            chunksize=CHUNK_ROWS,
        )
        offset = 0
        for chunk in reader:
            # rows are parsed whole (an extra value anywhere is seen); only the kept columns stay in memory
            if chunk.shape[1] > len(header):
                _refuse_extra_values(chunk, len(header), offset, source, delim, lines_before + 2)
            if len(keep) != chunk.shape[1] or list(chunk.columns) != keep:
                chunk = chunk.reindex(columns=keep, fill_value="")
            parts.append(chunk)
            offset += len(chunk)
        if len(parts) == 1:  # one 2-D block of Python strings: a wide table is not 150,000 column blocks
            body = pd.DataFrame(parts[0].to_numpy(dtype=object), columns=keep, dtype=object)
        else:
            body = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=keep, dtype=object)
    except pd.errors.ParserError as exc:
        if not _EXPECTED_FIELDS.search(str(exc)):
            raise InputFileError(f"{source}: cannot parse as a delimited table ({exc}).") from None
        body = _fallback_body(full_text(), delim, source, skip, keep)
    except _Wide:
        body = _fallback_body(full_text(), delim, source, skip, keep)
    except pd.errors.EmptyDataError:
        body = pd.DataFrame(columns=keep, dtype=object)
    positions: dict[str, list[int]] = {}
    for i, name in enumerate(header, 1):
        positions.setdefault(name, []).append(i)
    duplicates = {k: tuple(v) for k, v in positions.items() if len(v) > 1}
    frame = _drop_trailing_blank_rows(body.reset_index(drop=True))
    frame.columns = [
        header[i] if header[i] not in duplicates else f"{header[i]} (column {column_letter(i + 1)})" for i in keep
    ]
    units = units_row(frame)
    if units:  # the row under the header names units: not a subject
        frame = frame.iloc[1:].reset_index(drop=True)
    return RawTable(
        frame=frame if all(d == np.dtype(object) for d in frame.dtypes) else frame.astype(object),
        source=source,
        sha256=sha256,
        delimiter=delim,
        encoding=encoding,
        header_row=lines_before + 1,
        above_header=above,
        units=units,
        header=header,
        duplicates=duplicates,
    )


def read_table(path: str | Path, sheet: str | int | None = None, columns: Collection[str] | None = None) -> RawTable:
    """Read a CSV, TSV or XLSX file as a :class:`RawTable`.

    Parameters
    ----------
    path : str or Path
    sheet : str or int, optional
        XLSX sheet name or 0-based index (default: the first sheet).
    columns : collection of str, optional
        Keep only these columns (the spec's): a large file then needs memory for them alone.

    Returns
    -------
    RawTable

    Raises
    ------
    InputFileError
        The file is missing, empty, binary, encrypted, or not a table.

    Examples
    --------
    >>> from biocorr.datasets import data_path
    >>> t = read_table(data_path("hivsn"))
    >>> t.frame.shape
    (197, 21)
    """
    path = Path(path)
    if not path.exists():
        raise InputFileError(f"data file '{path}' does not exist.")
    if path.is_dir():
        raise InputFileError(f"'{path}' is a folder; give the path of a .csv, .tsv or .xlsx file.")
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if not data:
        raise InputFileError(f"{path.name}: the file is empty.")
    if path.suffix.lower() in EXCEL_SUFFIXES:
        from .xlsx import read_workbook

        return read_workbook(data, path.name, digest, sheet, columns)
    if path.suffix.lower() == ".xls" or data.startswith(OLE_SIGNATURE):
        raise InputFileError(
            f"{path.name}: an old .xls workbook or a password-protected file; save it as .xlsx (without a "
            "password) or as .csv in Excel."
        )
    enc = _byte_encoding(data, path.name)
    if enc is None:  # UTF-16: decoded once, read as text
        text, enc = _decode(data, path.name)
        if not text.strip():
            raise InputFileError(f"{path.name}: the file is empty.")
        return read_text_table(text, source=path.name, sha256=digest, encoding=enc, columns=columns)
    if b"\r" in data and b"\n" not in data:  # old Mac line ends (CR only): see read_text_table
        data = data.replace(b"\r", b"\n")
    sample = data[:SNIFF_BYTES].decode(enc, errors="ignore").lstrip("\ufeff")
    if not data.strip():
        raise InputFileError(f"{path.name}: the file is empty.")
    return _read_delimited(
        lambda: io.BytesIO(data),
        lambda: _decode(data, path.name)[0],
        sample,
        "utf-8-sig" if enc == "utf-8-sig" else enc,
        path.name,
        digest,
        enc,
        columns,
    )


def _byte_encoding(data: bytes, name: str) -> str | None:
    """The encoding to parse ``data`` with, validated in chunks (no decoded copy); None for UTF-16."""
    head = data[:4096]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (b"\x00" in head):
        _decode(data[:4096], name)  # raises for binary data
        return None
    for enc in ("utf-8-sig", "cp1252"):
        decoder = codecs.getincrementaldecoder(enc)()
        try:
            for start in range(0, len(data), 1 << 24):
                decoder.decode(data[start : start + (1 << 24)], final=start + (1 << 24) >= len(data))
            return enc
        except UnicodeDecodeError:
            continue
    return "latin-1"


OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls and encrypted .xlsx are OLE compound files
