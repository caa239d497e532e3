"""The table as read, before validation: :class:`RawTable`, and how cells and columns are named."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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
        :func:`biocorr.data.layout.title_rows`); data row k (0-based) is spreadsheet row k + first_data_row.
    above_header : tuple of str
        The text of the rows above the header (a title, notes), reported as a warning.
    units : dict of str to str
        Units written in the row under the header (:func:`biocorr.data.layout.units_row`); that row is then not a
        row of ``frame``, and data begin at :attr:`first_data_row`.
    header : tuple of str
        Every column name of the file, in order (also those not kept in ``frame``).
    duplicates : dict of str to tuple of int
        Names that occur more than once in the header, with their 1-based column positions.
    sheets : tuple of str
        The workbook's sheet names (XLSX), for messages.
    hidden_rows : tuple of int
        Spreadsheet rows the sheet hides, by hand or by a filter (XLSX): left out as Excel shows them.
    hidden_columns : tuple of str
        Columns the sheet hides (XLSX): read when the spec names them, and said so.
    skipped_sheets : tuple of str
        Chart sheets before the sheet read (XLSX): they hold no cells.
    cell_rows : dict of str to ndarray
        For columns joined from a second table (``[data] join``): each cell's row in that table
        (messages name it); other columns are at ``first_data_row + k``.
    notes : tuple of dict
        Findings made while the table was put together (the join's unmatched ids), for warnings.csv.
    row_numbers : ndarray or None
        Spreadsheet row of each row of ``frame`` when it is not ``first_data_row + k`` (a wide
        file read as long rows: several rows share their subject's row).
    """

    frame: pd.DataFrame
    source: str
    sha256: str
    delimiter: str | None
    encoding: str
    header_row: int = 1
    above_header: tuple[str, ...] = ()
    units: dict[str, str] = field(default_factory=dict)
    header: tuple[str, ...] = ()
    duplicates: dict[str, tuple[int, ...]] = field(default_factory=dict)
    sheets: tuple[str, ...] = ()
    hidden_rows: tuple[int, ...] = ()
    hidden_columns: tuple[str, ...] = ()
    skipped_sheets: tuple[str, ...] = ()
    cell_rows: dict[str, Any] = field(default_factory=dict)
    notes: tuple[dict, ...] = ()
    row_numbers: Any = None

    @property
    def decimal_comma_allowed(self) -> bool:
        """True when the delimiter is not a comma, so '1,5' can mean 1.5."""
        return self.delimiter is not None and self.delimiter != ","

    @property
    def first_data_row(self) -> int:
        """Spreadsheet row of ``frame``'s first row: below the header, and below a units row."""
        return self.header_row + 1 + bool(self.units)

    @property
    def thousands_separator(self) -> str | None:
        """The thousands separator this format allows: ',' in a comma-delimited file, '.' with
        decimal commas, None in XLSX (see :func:`biocorr.data.cells.thousands_cells`)."""
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


FIRST_COLUMN = "\x00first column"
"""Put in a reader's ``columns`` to keep the file's first column too (a row label, when the spec
has no id column: summary rows such as 'Mean' are recognised by it)."""
