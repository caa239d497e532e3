"""Reading XLSX workbooks cell by cell, so that nothing a spreadsheet shows is lost or invented.

Formula cells are read as their stored (cached) value. A formula whose value was never
stored (the workbook was written by a program that does not calculate, or saved without
recalculation) is kept as its formula text, which validation then reports as "not a number"
with the row and column; it never silently becomes an empty cell. Error values (#DIV/0!,
#VALUE!) are kept as text too. The sheet names travel with the table, so a message about a
missing column can say which sheets the workbook has.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Collection

import pandas as pd

from ..errors import InputFileError
from .archive import MAX_WORKBOOK_XML, check_archive
from .layout import TITLE_SCAN_ROWS, title_rows, units_row
from .table import FIRST_COLUMN, RawTable, cell_text, column_letter


def _open(data: bytes, name: str, values_only: bool):
    from openpyxl import load_workbook

    check_archive(data, name, "Excel workbook", MAX_WORKBOOK_XML)
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=values_only)
    except zipfile.BadZipFile:
        raise InputFileError(
            f"{name}: not a readable .xlsx workbook (a password-protected workbook, or another file renamed to "
            ".xlsx); remove the password or save it again as .xlsx or .csv in Excel."
        ) from None
    except Exception as exc:  # openpyxl raises many types for a corrupt file
        raise InputFileError(f"{name}: cannot read as an Excel workbook ({exc}).") from None


def _has_formulas(data: bytes) -> bool:
    """Whether any worksheet of the workbook holds a formula (an <f> element), read from the zip."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                with archive.open(name) as sheet:
                    tail = b""
                    for chunk in iter(lambda: sheet.read(1 << 20), b""):
                        window = tail + chunk  # a tag split across two reads is still seen
                        if b"<f>" in window or b"<f " in window or b"<x:f" in window:
                            return True
                        tail = chunk[-4:]
    return False


_SHEET = re.compile(rb"<(?:\w+:)?sheet\b([^>]*)/?>")
_REL = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)/?>")
_ROW = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
_COL = re.compile(rb"<(?:\w+:)?col\b([^>]*)/?>")


def _attrs(text: bytes) -> dict[str, str]:
    return {k.decode().split(":")[-1]: html.unescape(v.decode()) for k, v in re.findall(rb'([\w:]+)="([^"]*)"', text)}


def hidden_rows_and_columns(data: bytes, title: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Spreadsheet rows and 1-based columns a sheet hides (by hand, or rows a filter hides).

    Read from the workbook's XML (openpyxl's read-only mode does not keep them).
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            rid = next((a.get("id") for a in map(_attrs, _SHEET.findall(archive.read("xl/workbook.xml")))
                        if a.get("name") == title), None)  # fmt: skip
            rels = {a.get("Id"): a.get("Target", "") for a in map(_attrs, _REL.findall(
                archive.read("xl/_rels/workbook.xml.rels")))}  # fmt: skip
            target = rels.get(rid or "", "").lstrip("/")
            path = target if target.startswith("xl/") else f"xl/{target}"
            xml = archive.read(path)
    except (KeyError, zipfile.BadZipFile):
        return (), ()
    rows = tuple(int(a["r"]) for a in map(_attrs, _ROW.findall(xml)) if a.get("hidden") in ("1", "true") and "r" in a)
    cols = tuple(
        c
        for a in map(_attrs, _COL.findall(xml))
        if a.get("hidden") in ("1", "true")
        for c in range(int(a.get("min", "0")), int(a.get("max", "0")) + 1)
    )
    return rows, cols


def _sheet(workbook, sheet: str | int | None, name: str):
    names = list(workbook.sheetnames)
    tables = [ws.title for ws in workbook.worksheets]  # chart sheets hold no cells
    if sheet is None:
        if not tables:
            raise InputFileError(f"{name}: the workbook has no worksheet with cells (only charts: {', '.join(names)}).")
        return workbook[tables[0]]
    if isinstance(sheet, str) and sheet in names and sheet not in tables:
        raise InputFileError(
            f"{name}: sheet '{sheet}' is a chart, not a table; the sheets with cells are: {', '.join(tables)}."
        )
    if isinstance(sheet, int) or (isinstance(sheet, str) and sheet.isdigit() and sheet not in names):
        index = int(sheet)
        if not 0 <= index < len(names):
            raise InputFileError(f"{name}: there is no sheet number {index}; the sheets are: {', '.join(names)}.")
        return workbook[names[index]]
    if sheet not in names:
        from ..errors import did_you_mean

        raise InputFileError(
            f"{name}: there is no sheet '{sheet}'.{did_you_mean(sheet, names)} The sheets are: {', '.join(names)}."
        )
    return workbook[sheet]


def _other_sheets(sheets: tuple[str, ...]) -> str:
    if len(sheets) < 2:
        return ""
    return (
        f" The workbook has the sheets {', '.join(repr(s) for s in sheets)}; give --sheet NAME "
        '(or sheet = "NAME" in [data]) to read another.'
    )


def read_workbook(
    data: bytes, name: str, sha256: str, sheet: str | int | None = None, columns: Collection[str] | None = None
) -> RawTable:
    """One sheet of an XLSX workbook as a :class:`~biocorr.data.table.RawTable` (first row = header).

    Parameters
    ----------
    data : bytes
        The file's bytes.
    name : str
        File name for messages.
    sha256 : str
        Hash of the bytes.
    sheet : str or int, optional
        Sheet name or 0-based index (default: the first sheet).
    columns : collection of str, optional
        Keep only these columns.

    Returns
    -------
    RawTable
        Cells as stored (numbers, text, dates), empty cells as ''.
    """
    values_book = _open(data, name, values_only=True)
    ws = _sheet(values_book, sheet, name)
    sheets = tuple(values_book.sheetnames)
    charts = tuple(n for n in sheets[: sheets.index(ws.title)] if n not in [w.title for w in values_book.worksheets])
    title = ws.title
    ws.reset_dimensions()  # the cells as stored: a styled empty cell at XFD1048576 does not widen every row
    try:
        rows = [_trimmed(r) for r in ws.iter_rows(values_only=True)]
    except Exception as exc:  # a truncated or damaged sheet: lxml/ElementTree errors have no common base
        raise InputFileError(
            f"{name}: sheet '{title}' is damaged and cannot be read ({type(exc).__name__}); open it in Excel and "
            "save it again, or save it as .csv."
        ) from None
    finally:
        values_book.close()
    while rows and all(v is None or (isinstance(v, str) and not v.strip()) for v in rows[-1]):
        rows.pop()
    if not rows:
        raise InputFileError(f"{name}: sheet '{title}' is empty.{_other_sheets(sheets)}")
    hidden_rows, hidden_cols = hidden_rows_and_columns(data, title)
    width = max(len(r) for r in rows)
    rows = [r + [None] * (width - len(r)) for r in rows]
    missing_values = [(i, j) for i, row in enumerate(rows) for j, v in enumerate(row) if v is None]
    if missing_values and _has_formulas(data):  # a formula with no stored value reads as None too: keep its text
        formula_book = _open(data, name, values_only=False)
        formulas = [list(r) for r in _sheet(formula_book, title, name).iter_rows(values_only=True)]
        formula_book.close()
        for i, j in missing_values:
            if i < len(formulas) and j < len(formulas[i]):
                f = formulas[i][j]
                if isinstance(f, str) and f.startswith("="):
                    rows[i][j] = f"{f} (formula without a stored value)"
    skip = title_rows([[cell_text(v) for v in r] for r in rows[:TITLE_SCAN_ROWS]])
    above = tuple(" ".join(cell_text(v) for v in r if cell_text(v)) for r in rows[:skip])
    rows = rows[skip:]
    header_cells = rows[0]
    while header_cells and header_cells[-1] is None and all(r[len(header_cells) - 1] is None for r in rows[1:]):
        header_cells = header_cells[:-1]  # empty trailing columns
    header = tuple(
        (str(c).strip() if c is not None and str(c).strip() else f"(unnamed column {column_letter(i)})")
        for i, c in enumerate(header_cells, 1)
    )
    positions: dict[str, list[int]] = {}
    for i, col in enumerate(header, 1):
        positions.setdefault(col, []).append(i)
    duplicates = {k: tuple(v) for k, v in positions.items() if len(v) > 1}
    wanted = None if columns is None else set(columns)
    keep = [i for i, col in enumerate(header) if wanted is None or col in wanted or (i == 0 and FIRST_COLUMN in wanted)]
    body = [[("" if r[i] is None else r[i]) for i in keep] for r in rows[1:]]
    frame = pd.DataFrame(body, columns=range(len(keep)), dtype=object)
    frame.columns = [
        header[i] if header[i] not in duplicates else f"{header[i]} (column {column_letter(i + 1)})" for i in keep
    ]
    units = units_row(frame)
    if units:  # the row under the header names units: not a subject
        frame = frame.iloc[1:].reset_index(drop=True)
    if len(frame) == 0:
        raise InputFileError(f"{name}: sheet '{title}' has a header but no data rows.{_other_sheets(sheets)}")
    return RawTable(
        frame=frame,
        source=name,
        sha256=sha256,
        delimiter=None,
        encoding="xlsx",
        header_row=skip + 1,
        above_header=above,
        units=units,
        header=header,
        duplicates=duplicates,
        sheets=sheets,
        hidden_rows=hidden_rows,
        hidden_columns=tuple(header[c - 1] for c in hidden_cols if 0 < c <= len(header)),
        skipped_sheets=charts,
    )


def _trimmed(row: tuple) -> list:
    """A row without its trailing empty cells."""
    end = len(row)
    while end and (row[end - 1] is None or (isinstance(row[end - 1], str) and not row[end - 1].strip())):
        end -= 1
    return list(row[:end])
