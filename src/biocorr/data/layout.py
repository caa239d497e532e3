"""Where a sheet's table starts: a title block above the header, a row of units under it.

Exports from Excel, lab software and instruments put a title, notes and blank rows above the
header, and often each column's unit in the row below it. Both readers (CSV and XLSX) ask
these pure functions where the header and the first data row are; what they skip is kept on
the :class:`~biocorr.data.table.RawTable` and reported (``rows-above-header``, ``units-row``).
"""

from __future__ import annotations

import re

import pandas as pd

from .table import RawTable, cell_text

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


_UNIT_WORDS = (
    r"(?:[mµuμnpf]?(?:g|l|mol|m)|[cdk]?m|[cdkm]?l|kg|iu|miu|u|mu|years?|yrs?|y|months?|mo|weeks?|wk|days?|d|"
    r"hours?|hrs?|h|min|s|sec|points?|pts?|score|a\.?u\.?|au|fold|ratio|bpm|mmhg|cells|copies|ct|cq|index|mm|cm|"
    r"ng|pg|mg|µg|ug|ml|dl|µl|ul|mmol|µmol|nmol|pmol|°c|°f|c|f|cm2|m2|kg/m2|kg/m²|%)"
)
_UNIT = re.compile(  # 'pg/mL', 'mm', '(years)', '%', 'kg/m²', '10^9/L', '0-100', 'x10^3/µL', 'mg/dl'
    rf"^[(\[]?\s*(?:{_UNIT_WORDS}(?:\s*[/·*]\s*{_UNIT_WORDS})*|\d+\s*[-–]\s*\d+(?:\s*{_UNIT_WORDS})?|"
    rf"(?:x\s*)?10\s*\^?\s*\d+\s*/\s*{_UNIT_WORDS})\s*[)\]]?$",
    re.I,
)


def units_row(frame: pd.DataFrame) -> dict[str, str]:
    """The units written in the first row below the header ('pg/mL', 'mm', '(years)'), or {}.

    Lab and instrument exports often put each column's unit in the row under its name. That
    row is taken as units when, among the columns whose next 20 rows are numbers (at least
    three, 80 %), it holds text in at least two of them and in at least half, no cell of the
    row is a number, and every such text is a unit of a known word ('pg/mL', 'mm', '(years)',
    '%', 'kg/m²', '10^9/L', 'score', 'a.u.'), so a first subject with words such as 'pos' or
    'n.d.' in its cells stays a subject.

    Parameters
    ----------
    frame : DataFrame
        The table's cells below the header (text or as stored).

    Returns
    -------
    dict of column name to unit text (the numeric columns' units); {} when the first row is data.

    Examples
    --------
    >>> f = pd.DataFrame({"id": ["", "1", "2", "3"], "TNF": ["pg/mL", "1.2", "3.4", "2.2"],
    ...                   "VAS": ["mm", "40", "55", "20"]})
    >>> units_row(f)
    {'TNF': 'pg/mL', 'VAS': 'mm'}
    >>> units_row(f.iloc[1:])
    {}
    """
    if len(frame) < 4:
        return {}
    first = {c: cell_text(v) for c, v in frame.iloc[0].items()}
    if any(_looks_numeric(t) for t in first.values()):
        return {}  # a units row holds no number anywhere (checked first: a wide table stops here)
    block = frame.iloc[1:21].to_numpy(dtype=object)
    numeric = []
    for j, column in enumerate(frame.columns):
        below = [cell_text(v) for v in block[:, j]]
        filled = [t for t in below if t]
        numbers = sum(_looks_numeric(t) for t in filled)
        if numbers >= 3 and numbers >= 0.8 * len(filled):
            numeric.append(column)
    texts = {c: first[c] for c in numeric if first[c]}
    if len(texts) < 2 or len(texts) * 2 < len(numeric):
        return {}
    if all(_UNIT.match(t) for t in texts.values()):
        return {str(c): t.strip("()[] ") for c, t in texts.items()}
    return {}
