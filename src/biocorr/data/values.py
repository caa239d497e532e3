"""The cells and derive steps of validation: each declared variable's values, with every cell
that cannot be used excluded with its reason.

A file column is read as numbers once (:func:`biocorr.data.cells.parse_numeric`); then, per
variable in the spec's order, derived values are computed from their sources, the declared
``range`` is applied and the ``transform``. Every cell left out becomes an exclusion row with
its spreadsheet row (for a reshaped long file, the long file's row of that cell).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..columns import finding
from ..spec import StudySpec, Variable
from ..spec.derived import derive, describe
from ..spec.transforms import transformed
from .cells import NA_MARKERS, decimal_marks, parse_numeric, unreadable
from .table import RawTable, cell_text


@dataclass
class CellLedger:
    """The exclusions of one validation as they are found, and where each cell came from.

    ``rows``: spreadsheet row of each table row; ``cell_rows``: for ``COLUMN@VISIT`` cells of a
    reshaped long file, the long file's row of each cell; ``drop``: rows already excluded whole
    (their cells are not excluded again).
    """

    frame: pd.DataFrame
    rows: np.ndarray
    cell_rows: dict[str, np.ndarray]
    ids: pd.Series
    drop: np.ndarray
    exclusions: list[dict] = field(default_factory=list)
    computed: dict[str, np.ndarray] = field(default_factory=dict)  # derived columns: their values were found

    def row_of(self, column: str, i: int) -> int:
        return int(self.cell_rows[column][i] if column in self.cell_rows else self.rows[i])

    def exclude(self, i: int, column: str, value: str, reason: str, message: str, scope: str = "cell") -> None:
        record = dict(row=self.row_of(column, i), id=self.ids.iloc[i], column=column, value=value, reason=reason)
        self.exclusions.append({**record, "scope": scope, "message": message})

    def exclude_cell(self, i: int, column: str, reason: str, message: str) -> None:
        """Exclude one cell, recording the text the file holds (or the value a derivation gave)."""
        if column in self.computed:
            found = f"{self.computed[column][i]:g}"
        else:
            found = str(self.frame[column].iloc[i]).strip()
        self.exclude(i, column, found, reason, message)


@dataclass
class VariableValues:
    """``analysed``: each declared variable's values as analysed (transformed, categorical labels
    as objects), in the spec's order; ``raw``: numeric variables before any transform (pile-ups are
    judged in the assay's units); ``notes``: how cells were read (thousands separators)."""

    analysed: dict[str, np.ndarray]
    raw: dict[str, np.ndarray]
    notes: list[dict]


class _ColumnReader:
    """File columns as numbers, each parsed once; its unreadable cells excluded once."""

    def __init__(self, raw: RawTable, ledger: CellLedger, missing: set[str]) -> None:
        self.raw, self.ledger, self.missing = raw, ledger, missing
        self.numbers: dict[str, pd.Series] = {}
        self.notes: list[dict] = []
        self._file_marks: set[str] | None = None

    def file_marks(self) -> set[str]:
        """The decimal marks the file's columns show (found once, when a '1,234' cell needs them)."""
        if self._file_marks is None:
            frame = self.ledger.frame
            self._file_marks = set().union(*(decimal_marks(frame[c]) for c in frame.columns)) if len(frame) else set()
        return self._file_marks

    def __call__(self, column: str) -> pd.Series:
        if column in self.numbers:
            return self.numbers[column]
        ledger, cells = self.ledger, self.ledger.frame[column]
        sep = self.raw.thousands_separator
        values, _, failed, thousands = parse_numeric(
            cells, self.raw.decimal_comma_allowed, self.missing, sep, self.file_marks
        )
        for i in np.flatnonzero(failed.to_numpy() & ~ledger.drop).tolist():
            ledger.exclude_cell(i, column, *unreadable(str(cells.iloc[i]).strip(), column, ledger.row_of(column, i)))
        grouped = np.flatnonzero(thousands.to_numpy() & ~ledger.drop)
        if len(grouped):  # read as numbers, and said so: '1,234' is 1234 only by the file's format
            first = str(cells.iloc[grouped[0]]).strip()
            self.notes.append(
                finding(
                    code="thousands-separators",
                    severity="note",
                    column=column,
                    subset="all",
                    message=f"column '{column}': {len(grouped)} value(s) written with thousands separators were read "
                    f"as numbers ('{first}' at row {ledger.row_of(column, int(grouped[0]))} as "
                    f"{values.iloc[grouped[0]]:g}).",
                    rows=[ledger.row_of(column, int(i)) for i in grouped],
                )
            )
        self.numbers[column] = values
        return values


def _derived(var: Variable, ledger: CellLedger, read_column: _ColumnReader, raw: dict[str, np.ndarray]) -> pd.Series:
    """A derived variable from its sources (a declared source after its own range check)."""
    assert var.derived is not None
    kind, sources = var.derived
    parts = [raw[c] if c in raw else read_column(c).to_numpy(float) for c in sources]
    derived, zero, overflow = derive(kind, parts, var.times)
    for i in np.flatnonzero((zero | overflow) & ~ledger.drop).tolist():
        why = f"{sources[1]} is 0" if zero[i] else "the result is beyond the numbers a computer can hold"
        ledger.exclude(
            i,
            var.column,
            f"{parts[0][i]:g} / 0" if zero[i] else ", ".join(f"{p[i]:g}" for p in parts),
            "not-derivable",
            f"row {ledger.rows[i]}: {describe(var.column, kind, sources)} is undefined: {why}; the value is left out",
        )
    ledger.computed[var.column] = derived
    return pd.Series(derived, index=ledger.frame.index)


def _in_range(values: pd.Series, var: Variable, ledger: CellLedger) -> pd.Series:
    """Values outside the declared range excluded (reported with the value found)."""
    if var.range is None:
        return values
    lo, hi = var.range
    outside = (values.notna() & ((values < lo) | (values > hi))).to_numpy() & ~ledger.drop
    for i in np.flatnonzero(outside).tolist():
        ledger.exclude_cell(
            i,
            var.column,
            "out-of-range",
            f"column '{var.column}' row {ledger.row_of(var.column, i)}: value {values.iloc[i]:g} is outside the "
            f"declared range {lo:g}–{hi:g}",
        )
    return values.where(~outside)


def _transform(values: pd.Series, var: Variable, ledger: CellLedger) -> pd.Series:
    """Apply the variable's transform; values it is undefined for are excluded with their row."""
    if var.transform is None:
        return values
    floor = -1.0 if var.transform == "log1p" else 0.0
    bad = (values.notna() & (values <= floor)).to_numpy() & ~ledger.drop
    for i in np.flatnonzero(bad).tolist():
        ledger.exclude_cell(
            i,
            var.column,
            "not-transformable",
            f"column '{var.column}' row {ledger.row_of(var.column, i)}: {values.iloc[i]:g} has no {var.transform} "
            f"(it must be above {floor:g}); the cell is left out. Declare another transform "
            "(log1p for counts with zeros) or none.",
        )
    return pd.Series(transformed(values.to_numpy(float), var.transform), index=values.index)


PLACEHOLDER_LEVEL = re.compile(r"^[.?]+$")
"""Cells that hold only '.' or '?' (SAS and Stata write '.' for missing): missing in a categorical column."""


def _levels(cells: pd.Series, column: str, missing: set[str]) -> tuple[np.ndarray, list[dict]]:
    """A categorical column's levels: missing markers ('NA', '.', '?', the spec's) are missing, never
    a level; spellings that differ only in capitals are one level (the most frequent); each said in a
    note, as is a one-letter level that starts another ('M' and 'male': perhaps one level, kept two).

    Examples
    --------
    >>> levels, notes = _levels(pd.Series(["M", "m", "F", ".", "NA", "M"]), "sex", set())
    >>> [v if isinstance(v, str) else None for v in levels], [n["code"] for n in notes]
    (['M', 'M', 'F', None, None, 'M'], ['categorical-missing', 'categorical-case'])
    """
    text = cells.map(cell_text)
    placeholder = text.str.match(PLACEHOLDER_LEVEL) & ~text.isin(missing)
    absent = text.eq("") | text.str.lower().isin(NA_MARKERS) | text.isin(missing) | placeholder
    text = text.where(~absent, None)
    notes = []
    if placeholder.any():
        shown = ", ".join(f"'{v}'" for v in sorted(set(cells.map(cell_text)[placeholder])))
        notes.append(
            finding(
                "categorical-missing", "note", column, "all",
                f"column '{column}': {int(placeholder.sum())} cell(s) {shown} read as missing, not as a level.",
            )
        )  # fmt: skip
    present = text.dropna()
    counts = present.value_counts(sort=False)
    spelling: dict[str, str] = {}
    for value, _ in sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0]))):  # most frequent first
        spelling.setdefault(str(value).casefold(), str(value))
    folded = {v: spelling[str(v).casefold()] for v in counts.index if spelling[str(v).casefold()] != v}
    if folded:
        text = text.map(lambda v: folded.get(v, v) if v is not None else None)
        shown = ", ".join(f"'{a}' read as level '{b}'" for a, b in folded.items())
        notes.append(
            finding(
                "categorical-case", "note", column, "all", f"column '{column}': {shown} (the same in other capitals)."
            )
        )
    levels = sorted(set(spelling.values()))
    pairs = [
        (a, b) for a in levels for b in levels if len(a) == 1 and len(b) > 1 and b.casefold().startswith(a.casefold())
    ]
    if pairs:
        shown = ", ".join(f"'{a}' and '{b}'" for a, b in pairs)
        notes.append(
            finding(
                "categorical-abbreviation", "note", column, "all",
                f"column '{column}': levels {shown} may be one level written two ways; they are analysed as "
                "different levels. Write each level one way in the data if they are the same.",
            )
        )  # fmt: skip
    return text.to_numpy(object), notes


def variable_values(raw: RawTable, spec: StudySpec, ledger: CellLedger) -> VariableValues:
    """Every declared variable's values (cells -> numbers -> derive -> range -> transform).

    Parameters
    ----------
    raw : RawTable
        The table as read (its format says whether '1,5' is a decimal comma).
    spec : StudySpec
    ledger : CellLedger
        The (possibly reshaped) table and the exclusions so far; cells left out are added to it.

    Returns
    -------
    VariableValues
    """
    read_column = _ColumnReader(raw, ledger, set(spec.missing))
    analysed: dict[str, np.ndarray] = {}
    raw_values: dict[str, np.ndarray] = {}
    # derived variables last: a declared source contributes its values after its range check
    for var in sorted(spec.variables, key=lambda v: v.derived is not None):
        if var.categorical:
            labels, notes = _levels(ledger.frame[var.column], var.column, set(spec.missing))
            analysed[var.column] = labels
            read_column.notes += notes
            continue
        values = read_column(var.column) if var.derived is None else _derived(var, ledger, read_column, raw_values)
        values = _in_range(values, var, ledger)
        raw_values[var.column] = values.to_numpy(float)
        analysed[var.column] = _transform(values, var, ledger).to_numpy(float)
    ordered = {v.column: analysed[v.column] for v in spec.variables}  # the spec's order
    return VariableValues(ordered, raw_values, read_column.notes)
