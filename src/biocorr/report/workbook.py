"""``results.xlsx``: every table on its own formatted sheet, and the column dictionary.

Written with openpyxl (already a dependency, for reading XLSX). Headers are bold and frozen,
columns sized to their content, numbers stay numbers (16 significant digits, as openpyxl writes
them and Excel keeps them; the display format shows 4 decimals); every text cell is stored as
text, so a label or cell that starts with '=' is never a formula (spreadsheet formula
injection, OWASP "CSV Injection").
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from ..analysis import Results
from ..columns import TABLES
from ..data.write import xml_safe

SHEETS = ("correlations", "group_comparisons", "descriptives", "exclusions", "warnings", "matrices")


def column_dictionary() -> pd.DataFrame:
    """Every output column with its table and meaning (the README's column reference as a table)."""
    rows = [
        {"table": table.removesuffix(".csv"), "column": column, "meaning": meaning}
        for table, columns in TABLES.items()
        for column, meaning in columns.items()
    ]
    return pd.DataFrame(rows)


def write_workbook(results: Results, path: str | Path) -> Path:
    """Write ``results.xlsx``: one sheet per table (correlations, group comparisons, descriptives,
    exclusions, warnings, matrices) and a ``columns`` sheet explaining every column.

    Parameters
    ----------
    results : Results
    path : path of the .xlsx to write

    Returns
    -------
    Path

    Examples
    --------
    >>> import tempfile, openpyxl
    >>> from biocorr import analyze, datasets
    >>> p = write_workbook(analyze(datasets.load("hivsn")), Path(tempfile.mkdtemp()) / "results.xlsx")
    >>> openpyxl.load_workbook(p).sheetnames[:3]
    ['correlations', 'group_comparisons', 'descriptives']
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    frames = {name: getattr(results, name) for name in SHEETS} | {"columns": column_dictionary()}
    for name, frame in frames.items():
        sheet = book.create_sheet(name)
        sheet.append([str(c) for c in frame.columns])
        for row in frame.itertuples(index=False):
            sheet.append([_cell(v) for v in row])
        for cells in sheet.iter_rows():
            for cell in cells:
                if cell.data_type == "f":  # text that openpyxl would store as a formula stays text
                    cell.data_type = "s"
                elif cell.data_type == "n" and isinstance(cell.value, float):
                    cell.number_format = "0.0000" if abs(cell.value) >= 1e-3 or cell.value == 0 else "0.00E+00"
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for k, column in enumerate(frame.columns, start=1):
            width = max([len(str(column))] + [len(str(v)) for v in frame[column].head(200)])
            sheet.column_dimensions[get_column_letter(k)].width = min(60, max(8, width + 2))
    path = Path(path)
    book.save(path)
    return path


def _cell(value):
    """A value openpyxl can store: NaN and None empty, numpy scalars as Python numbers."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
        return None if isinstance(value, float) and math.isnan(value) else value
    if isinstance(value, (int, float, bool)):
        return value
    return xml_safe(value if isinstance(value, str) else str(value))  # control characters shown, not fatal
