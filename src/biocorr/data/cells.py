"""Reading spreadsheet cells as numbers: missing markers, numeric missing codes, decimal commas,
Unicode minus signs, and the texts that are not measurements (overflow, censored values).

Used by validation (every declared column) and by ``init-spec`` (guessing which columns are
numeric), so both read a cell the same way.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

import numpy as np
import pandas as pd

NA_MARKERS = frozenset({"", "na", "n/a", "nan", "#n/a", "null", "none", "missing"})
_DECIMAL_COMMA = re.compile(r"^[+-]?\d*,\d+(?:[eE][+-]?\d+)?$")
_SPACE_GROUPS = re.compile(r"^[+-]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?$")
_THOUSANDS = {
    ",": re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$"),
    ".": re.compile(r"^[+-]?\d{1,3}(?:\.\d{3})+,\d+$"),
}
# '1,234' (or '1.234') where the decimal mark may be either: 1.234, or 1234 with a thousands separator
AMBIGUOUS_POINT = re.compile(r"^[+-]?[1-9]\d{0,2}\.\d{3}$")
_AMBIGUOUS = {",": re.compile(r"^[+-]?[1-9]\d{0,2},\d{3}$"), ".": AMBIGUOUS_POINT}
_DECIMAL_POINT = re.compile(r"^[+-]?\d*\.\d+(?:[eE][+-]?\d+)?$")
NOT_FINITE = re.compile(r"^\s*[+-]?(inf|infinity|\d*\.?\d+[eE][+-]?\d{3,})\s*$", re.I)  # only for failed cells
CENSORED = re.compile(r"^\s*(<=?|>=?|≤|≥)\s*[+-]?\d")
DATE_TEXT = re.compile(r"^\s*(?:\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?|\d{1,2}[./]\d{1,2}[./]\d{2,4})\s*$")
SPREADSHEET_ERROR = re.compile(
    r"^\s*#(?:DIV/0!|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|FIELD!|GETTING_DATA)\s*$", re.I
)
NUMBER_WITH_TEXT = re.compile(r"^\s*[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)\s*[^\d\s.,+-]")  # '85 mm', '12.5 pg/ml', '3x'
# 'n.d.', 'ND', 'BLQ', '<LOD', 'below LOQ', 'not detected', 'undetectable': a value below the
# assay's limit written as words, censored like '<1.2' rather than missing
NON_DETECT = re.compile(
    r"^\s*(?:n\.?\s?d\.?|bdl|b\.?d\.?l\.?|blq|bql|blod|bloq|[<≤]\s*(?:lod|lloq|loq|dl|ll)|"
    r"below\s+(?:the\s+)?(?:lod|lloq|loq|limit|detection)[\w\s]*|not\s+detect(?:ed|able)|undetect(?:ed|able))\s*$",
    re.I,
)


def _numeric_markers(missing: set[str]) -> list[float]:
    """The missing-value codes that are numbers ("999", "-99.0"), as floats."""
    out = []
    for marker in missing:
        try:
            value = float(marker.replace("\u2212", "-"))
        except ValueError:
            continue
        if math.isfinite(value):
            out.append(value)
    return out


def thousands_cells(text: pd.Series, thousands: str | None) -> pd.Series:
    """Which cells are numbers written with thousands separators, unambiguously.

    ``thousands=','`` (a comma-delimited file, where such a cell had to be quoted): '1,234',
    '12,345.6'. ``thousands='.'`` (a file with decimal commas): '1.234,5' only, since '1.234'
    alone may be a decimal point. None (XLSX text cells, where '1,234' may be a European
    decimal): none. In every format, groups of three digits set apart by a space, a no-break
    or a thin space ('1 234', '12 345,6': SI and French style), since a space is never a
    decimal mark.

    Examples
    --------
    >>> thousands_cells(pd.Series(["1,234", "1,5", "12,345.6"]), ",").tolist()
    [True, False, True]
    >>> thousands_cells(pd.Series(["1.234,5", "1.234", "1 234,5"]), ".").tolist()
    [True, False, True]
    """
    grouped = pd.Series(False, index=text.index)
    if text.str.contains(" ", regex=False).any() or text.str.contains("[\u00a0\u202f]", regex=True).any():
        grouped |= text.str.match(_SPACE_GROUPS)
    if thousands is not None and text.str.contains(thousands, regex=False).any():
        grouped |= text.str.match(_THOUSANDS[thousands])
    return grouped


def decimal_marks(text: pd.Series) -> set[str]:
    """The decimal marks a column's text cells show unambiguously: ',' ('1,5', '0,234', '1.234,5')
    and '.' ('1.8', '0.234'); '1,234' and '1.234' show neither (see :func:`parse_numeric`).

    Examples
    --------
    >>> sorted(decimal_marks(pd.Series(["1,234", "1,5"]))), sorted(decimal_marks(pd.Series(["1,234", "987"])))
    ([','], [])
    """
    text = text.astype(str).str.strip()
    marks = set()
    if (text.str.match(_DECIMAL_COMMA) & ~text.str.match(_AMBIGUOUS[","])).any() or text.str.match(
        _THOUSANDS["."]
    ).any():
        marks.add(",")
    if (text.str.match(_DECIMAL_POINT) & ~text.str.match(_AMBIGUOUS["."])).any():
        marks.add(".")
    return marks


def _resolve_ambiguous(text: pd.Series, ambiguous: pd.Series, marks: set[str]) -> tuple[pd.Series, pd.Series]:
    """Read '1,234' / '1.234' by the one decimal mark the column (or the file) shows: (text, read as
    thousands). With no single mark the cells are made unreadable (reason: ambiguous-number)."""
    if len(marks) != 1:
        return text.where(~ambiguous, "\x00"), pd.Series(False, index=text.index)
    (mark,) = marks
    other = "." if mark == "," else ","
    grouped = ambiguous & text.str.contains(other, regex=False)  # the other mark separates thousands
    return text.where(~grouped, text.str.replace(other, "", regex=False)), grouped


def parse_numeric(
    series: pd.Series,
    allow_decimal_comma: bool,
    missing: set[str],
    thousands: str | None = None,
    file_marks: Callable[[], set[str]] | None = None,
):
    """Numbers, missing mask, failed mask and thousands-separated mask of one raw column.

    Cells come as text or as stored. ``thousands`` is the thousands separator the file's format
    allows (see :func:`thousands_cells`); the fourth mask marks the cells read through one, so a
    caller can say so without parsing the column again.

    Where a decimal comma is allowed, '1,234' may be 1.234 or 1234 (and '1.234' either too): such a
    cell is read by the decimal mark the column's other cells show ('1,5' -> a decimal comma;
    '1.8' -> a decimal point), else by the one the file's other columns show (``file_marks``, asked
    only then), else not at all (a failed cell: :func:`unreadable` says why).

    Examples
    --------
    >>> v, missing, failed, _ = parse_numeric(pd.Series(["1,5", "NA", "x"]), True, set())
    >>> v.tolist()[0], missing.tolist(), failed.tolist()
    (1.5, [False, True, False], [False, False, True])
    >>> parse_numeric(pd.Series(["1.234,5", "2,5"]), True, set(), thousands=".")[0].tolist()
    [1234.5, 2.5]
    >>> [parse_numeric(pd.Series(["1,234", other]), True, set(), ".")[0].tolist() for other in ("1.8", "1,5", "987")]
    [[1234.0, 1.8], [1.234, 1.5], [nan, 987.0]]
    """
    is_number = series.map(lambda v: isinstance(v, (int, float, np.number)) and not isinstance(v, bool))
    text = series.map(lambda v: "" if v is None else str(v).strip())
    text = text.str.replace("\u2212", "-", regex=False)  # Unicode minus from Word/Excel
    lowered = text.str.lower()
    is_missing = ~is_number & (lowered.isin(NA_MARKERS) | text.isin(missing))
    num_missing = is_number & series.map(lambda v: isinstance(v, float) and np.isnan(v))
    is_missing |= num_missing
    grouped = thousands_cells(text, thousands)
    if grouped.any():
        ungrouped = text.str.replace(r"[ \u00a0\u202f]", "", regex=True)
        if thousands is not None:  # '1.234,5' -> '1234,5'; a space-grouped '1 234.5' keeps its point
            ungrouped = ungrouped.where(
                text.str.match(_SPACE_GROUPS), ungrouped.str.replace(thousands, "", regex=False)
            )
        text = text.where(~grouped, ungrouped)
    if allow_decimal_comma:
        ambiguous = (text.str.match(_AMBIGUOUS[","]) | text.str.match(_AMBIGUOUS["."])) & ~grouped & ~is_missing
        if ambiguous.any():
            marks = decimal_marks(text[~ambiguous & ~is_missing & ~is_number])
            if len(marks) != 1 and file_marks is not None:
                marks = file_marks()
            text, resolved = _resolve_ambiguous(text, ambiguous, marks)
            grouped = grouped | resolved
        comma = text.str.match(_DECIMAL_COMMA)
        text = text.where(~comma, text.str.replace(",", ".", regex=False))
    values = pd.to_numeric(text.where(~is_missing & ~is_number), errors="coerce")
    values = values.where(~is_number, pd.to_numeric(series.where(is_number), errors="coerce"))
    # a numeric code (999, -99) marks a missing cell whether Excel stored it as a number or as text
    coded = values.isin(_numeric_markers(missing))
    is_missing |= coded
    values = values.where(~is_missing)
    with np.errstate(invalid="ignore"):
        values = values.where(~np.isinf(values.astype(float)))  # inf, Infinity, 1e309: not measurements
    # text such as 1e-400 underflows to 0: a number that is not zero must not be read as one
    underflow = ~is_number & (values == 0) & text.str.contains(r"[1-9]", regex=True)
    values = values.where(~underflow)
    failed = values.isna() & ~is_missing
    return values.astype(float), is_missing, failed, grouped & ~is_missing & ~failed


def unreadable(text: str, column: str, row: int) -> tuple[str, str]:
    """Reason code and message for a cell that is not a number (see :func:`parse_numeric`).

    Examples
    --------
    >>> unreadable("<1.2", "TNF", 7)[0], unreadable("n.d.", "TNF", 7)[0], unreadable("abc", "TNF", 7)[1]
    ('censored-value', 'censored-value', "column 'TNF' row 7: 'abc' is not a number")
    """
    if _AMBIGUOUS[","].match(text) or _AMBIGUOUS["."].match(text):
        mark = "," if "," in text else "."
        whole, kind = text.replace(mark, ""), "comma" if mark == "," else "point"
        return "ambiguous-number", (
            f"column '{column}' row {row}: '{text}' may be {text.replace(',', '.')} (a decimal {kind}) "
            f"or {whole} (a thousands separator), and the file's other cells do not show one decimal mark (none "
            "does, or both are used); "
            f"write it as {whole} or with the decimal mark of the column's other values"
        )
    if NOT_FINITE.match(text.replace("\u2212", "-")):
        return "not-finite", (
            f"column '{column}' row {row}: '{text}' is beyond the numbers a computer can hold "
            "(an overflow, underflow or division by zero in the spreadsheet?); the cell is left out"
        )
    if CENSORED.match(text):
        return "censored-value", (
            f"column '{column}' row {row}: '{text}' is a value reported beyond a "
            "limit; biocorr does not guess a number for it. Enter the value you want "
            "analysed (e.g. the limit, declared as lower_limit) or leave the cell blank"
        )
    if NON_DETECT.match(text):
        return "censored-value", (
            f"column '{column}' row {row}: '{text}' reads as 'not detected' (below the assay's limit); "
            "biocorr does not guess a number for it. Enter the limit and declare it as lower_limit, "
            "or, if it means 'not done', add it to [data] missing"
        )
    if DATE_TEXT.match(text):
        return "not-a-number", (
            f"column '{column}' row {row}: '{text}' is a date, not a measurement (a spreadsheet may have "
            "formatted the number as a date); enter the value as a number"
        )
    if SPREADSHEET_ERROR.match(text):
        return "not-a-number", (
            f"column '{column}' row {row}: '{text}' is a spreadsheet error (the formula behind the cell failed); "
            "fix the formula or leave the cell blank"
        )
    if re.match(r"^\s*[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)\s*%\s*$", text):
        return "not-a-number", (
            f"column '{column}' row {row}: '{text}' is a percentage written with its sign; enter the number alone "
            f"({text.strip().rstrip('%').strip()}), the same way in every row of the column"
        )
    if NUMBER_WITH_TEXT.match(text):
        return "not-a-number", (
            f"column '{column}' row {row}: '{text}' is a number with text beside it (a unit or a note); enter the "
            "number alone (a unit belongs in the spec's unit)"
        )
    return "not-a-number", f"column '{column}' row {row}: '{text}' is not a number"
