"""The table as read, before validation: :class:`RawTable`, and how cells and columns are named."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True)
class RawTable:
    """A table as read, before validation.

    Attributes
    ----------
    frame : DataFrame
        Cells as text (CSV) or as stored (XLSX); columns named by the header row. With
        ``columns=`` given to :func:`read_table`, only those columns.
    source : str
        File name shown in messages.
    sha256 : str
        Hash of the file's bytes, for the reproducibility record.
    delimiter : str or None
        The CSV delimiter found (None for XLSX).
    encoding : str
    header_row : int
        Spreadsheet row number of the header (1 unless a title block stands above it, see
        :func:`title_rows`); data row k (1-based) is spreadsheet row k + header_row.
    above_header : tuple of str
        The text of the rows above the header (a title, notes), reported as a warning.
    header : tuple of str
        Every column name of the file, in order (also those not kept in ``frame``).
    duplicates : dict of str to tuple of int
        Names that occur more than once in the header, with their 1-based column positions.
    sheets : tuple of str
        The workbook's sheet names (XLSX), for messages.
    """

    frame: pd.DataFrame
    source: str
    sha256: str
    delimiter: str | None
    encoding: str
    header_row: int = 1
    above_header: tuple[str, ...] = ()
    header: tuple[str, ...] = ()
    duplicates: dict[str, tuple[int, ...]] = field(default_factory=dict)
    sheets: tuple[str, ...] = ()

    @property
    def decimal_comma_allowed(self) -> bool:
        """True when the delimiter is not a comma, so '1,5' can mean 1.5."""
        return self.delimiter is not None and self.delimiter != ","

    @property
    def thousands_separator(self) -> str | None:
        """The thousands separator this format allows: ',' in a comma-delimited file, '.' with
        decimal commas, None in XLSX (see :func:`biocorr.cells.thousands_cells`)."""
        if self.delimiter is None:
            return None
        return "." if self.decimal_comma_allowed else ","

    @property
    def columns(self) -> tuple[str, ...]:
        """Every column name of the file (the header), whether or not it was kept."""
        return self.header or tuple(map(str, self.frame.columns))


def column_letter(position: int) -> str:
    """Spreadsheet letters of a 1-based column position.

    Examples
    --------
    >>> column_letter(1), column_letter(27), column_letter(703)
    ('A', 'AA', 'AAA')
    """
    letters = ""
    while position > 0:
        position, rest = divmod(position - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_text(value) -> str:
    """A cell as text: integer-valued numbers without '.0' (Excel ids), strings stripped, None as ''.

    Examples
    --------
    >>> cell_text(12.0), cell_text(" P01 "), cell_text(None)
    ('12', 'P01', '')
    """
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


TITLE_SCAN_ROWS = 20
"""How many rows at the top of a sheet may be a title block above the header."""


def title_rows(rows: list[list[str]]) -> int:
    """How many rows above the header hold a title, a note or nothing (not the header, not data).

    Exports from Excel and lab software often start with a title line ("Study X, export
    2024-03-01") and a blank row. The header is the first row (within the first 20) with at
    least three filled cells, at least half of the widest row's, mostly text (a header, not a
    row of numbers); the rows above it may hold at most one filled cell each (two when the
    header has four or more, as a title with a comma fills two cells of a CSV line).
    Otherwise 0: the first row is the header.

    Parameters
    ----------
    rows : list of list of str
        The first rows' cells as text ('' for empty).

    Returns
    -------
    int
        Rows to skip above the header.

    Examples
    --------
    >>> title_rows([["Study FM, export"], [], ["id", "group", "TNF"], ["1", "P", "2.5"]])
    2
    >>> title_rows([["id", "group", "TNF"], ["1", "P", "2.5"]])
    0
    """
    head = [[c.strip() for c in r] for r in rows[:TITLE_SCAN_ROWS]]
    filled = [sum(bool(c) for c in r) for r in head]
    if not filled or filled[0] >= 3:
        return 0
    widest = max(filled)
    for k, n in enumerate(filled):
        if n < 3:
            continue
        cells = [c for c in head[k] if c]
        texty = sum(not _looks_numeric(c) for c in cells)
        above_limit = 2 if n >= 4 else 1  # a title cut at its commas fills two cells of a CSV line
        if k and n * 2 >= widest and texty * 2 > n and max(filled[:k]) <= above_limit:
            return k
        return 0
    return 0


def above_header_text(raw: RawTable) -> str:
    """The rows above the header, for a message: "row 1 ('Study X, export 2024')", "rows 1-2 (...)".

    Examples
    --------
    >>> import pandas as pd
    >>> t = RawTable(pd.DataFrame(), "f.csv", "", ",", "utf-8", header_row=3, above_header=("Study X", ""))
    >>> above_header_text(t)
    "rows 1-2 above it ('Study X')"
    """
    last = raw.header_row - 1
    where = "row 1" if last == 1 else f"rows 1-{last}"
    text = "; ".join(f"'{t[:80]}'" for t in raw.above_header if t)
    return f"{where} above it" + (f" ({text})" if text else " (empty)")


def _looks_numeric(text: str) -> bool:
    try:
        float(text.replace(",", "."))
    except ValueError:
        return False
    return True
