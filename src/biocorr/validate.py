"""Validation: from a raw table and a spec to an analysable :class:`Study`.

Nothing is dropped silently. Every value that cannot be used is listed in
``Study.exclusions`` with its spreadsheet row, the subject id, the column, the
text found and the reason:

=====================  =====  ==================================================
reason code            scope  meaning
=====================  =====  ==================================================
``not-a-number``       cell   text that is neither a number nor a missing marker
``censored-value``     cell   '<1.2' / '>1000': a value reported beyond a limit
``out-of-range``       cell   outside the spec's ``range``
``missing-id``         row    the id cell is empty
``duplicate-id``       row    the id occurs on more than one row (all are excluded)
``missing-group``      row    the group cell is empty
``unknown-group``      row    a group not declared in ``[groups]``
=====================  =====  ==================================================

Empty cells, ``NA``-like markers and the spec's ``missing`` markers are missing
values, not exclusions; they are counted per column in the descriptives.

Warnings (``Study.warnings``) flag what a careful analyst wants to know before
trusting a Pearson r: pile-ups at the minimum or at the assay ``lower_limit``,
values below the declared limit, and heavy ties.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .errors import DataError, SpecError, did_you_mean
from .io import RawTable
from .stats.ties import tied_fraction
from .study import StudySpec

NA_MARKERS = frozenset({"", "na", "n/a", "nan", "#n/a", "null", "none", "missing"})
PILEUP_FRACTION = 0.20
MIN_USABLE_ROWS = 3

EXCLUSION_COLUMNS = ["row", "id", "column", "value", "reason", "scope", "message"]
WARNING_COLUMNS = ["code", "severity", "column", "subset", "message"]

_DECIMAL_COMMA = re.compile(r"^[+-]?\d*,\d+(?:[eE][+-]?\d+)?$")
_CENSORED = re.compile(r"^\s*(<=?|>=?|≤|≥)\s*[+-]?\d")


@dataclass(frozen=True)
class Study:
    """A validated per-subject table.

    Attributes
    ----------
    data : DataFrame
        One row per usable subject: ``row`` (spreadsheet row number), ``id``,
        ``group`` (the group code, when the spec has a group column) and one
        float column per declared variable (NaN = missing or excluded cell).
    spec : StudySpec
    exclusions : DataFrame
        Columns ``row, id, column, value, reason, scope, message`` (see module doc).
    warnings : DataFrame
        Columns ``code, severity, column, subset, message``.
    source : str
        File name.
    sha256 : str
        Hash of the input file.
    n_rows_read : int
        Data rows in the file (before exclusions).
    """

    data: pd.DataFrame
    spec: StudySpec
    exclusions: pd.DataFrame
    warnings: pd.DataFrame
    source: str
    sha256: str
    n_rows_read: int

    @property
    def group_codes(self) -> list[str]:
        """Group codes in display order (empty without a group column)."""
        if self.spec.group_column is None:
            return []
        if self.spec.groups:
            return [code for code, _ in self.spec.groups]
        return sorted(self.data["group"].dropna().unique().tolist())

    def subsets(self, which: tuple[str, ...] | None = None) -> list[tuple[str, np.ndarray]]:
        """(name, row mask) for ``all`` and each group (named by its label).

        Examples
        --------
        >>> from biocorr.datasets import load
        >>> [name for name, _ in load("hivsn").subsets()]
        ['all', 'Painful HIV-SN', 'Non-painful HIV-SN']
        """
        which = self.spec.analysis.subsets if which is None else which
        out: list[tuple[str, np.ndarray]] = []
        if "all" in which:
            out.append(("all", np.ones(len(self.data), dtype=bool)))
        if "by-group" in which and self.spec.group_column is not None:
            for code in self.group_codes:
                out.append((self.spec.group_label(code), (self.data["group"] == code).to_numpy()))
        return out


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


def _parse_numeric(series: pd.Series, allow_decimal_comma: bool, missing: set[str]):
    """Return (numbers, missing mask, failed mask) for one raw column."""
    is_number = series.map(lambda v: isinstance(v, (int, float, np.number)) and not isinstance(v, bool))
    text = series.map(lambda v: "" if v is None else str(v).strip())
    text = text.str.replace("\u2212", "-", regex=False)  # Unicode minus from Word/Excel
    lowered = text.str.lower()
    is_missing = ~is_number & (lowered.isin(NA_MARKERS) | text.isin(missing))
    num_missing = is_number & series.map(lambda v: isinstance(v, float) and np.isnan(v))
    is_missing |= num_missing
    if allow_decimal_comma:
        comma = text.str.match(_DECIMAL_COMMA)
        text = text.where(~comma, text.str.replace(",", ".", regex=False))
    values = pd.to_numeric(text.where(~is_missing & ~is_number), errors="coerce")
    values = values.where(~is_number, pd.to_numeric(series.where(is_number), errors="coerce"))
    values = values.where(~is_missing)
    failed = values.isna() & ~is_missing
    return values.astype(float), is_missing, failed


def _check_columns(raw: RawTable, spec: StudySpec) -> None:
    columns = list(raw.frame.columns)
    needed = [(v.column, f"[[{v.role}]]") for v in spec.variables]
    if spec.id_column is not None:
        needed.append((spec.id_column, "[data] id"))
    if spec.group_column is not None:
        needed.append((spec.group_column, "[data] group"))
    missing = [(c, where) for c, where in needed if c not in columns]
    if missing:
        lines = [f"  - '{c}' (named in {where}).{did_you_mean(c, columns)}" for c, where in missing]
        shown = ", ".join(f"'{c}'" for c in columns[:30]) + (" ..." if len(columns) > 30 else "")
        raise SpecError(f"{raw.source}: the spec names column(s) that the data does not have:\n"
                        + "\n".join(lines) + f"\nColumns in the file: {shown}")


def validate(raw: RawTable, spec: StudySpec) -> Study:
    """Check a raw table against a spec and build the analysable :class:`Study`.

    Parameters
    ----------
    raw : RawTable
        From :func:`biocorr.io.read_table`.
    spec : StudySpec

    Returns
    -------
    Study

    Raises
    ------
    SpecError
        A column named in the spec is not in the file (with a did-you-mean hint).
    DataError
        Fewer than three usable rows, or a declared variable with no usable or
        no varying values.

    Examples
    --------
    >>> from biocorr.io import read_text_table
    >>> from biocorr.study import parse_spec
    >>> raw = read_text_table("id,CD4,VAS\\n1,500,20\\n2,abc,30\\n3,700,130\\n4,650,45\\n")
    >>> spec = parse_spec({"data": {"id": "id"}, "biomarker": [{"column": "CD4"}],
    ...                    "score": [{"column": "VAS", "range": [0, 100]}]})
    >>> validate(raw, spec).exclusions[["row", "column", "value", "reason"]].values.tolist()
    [[3, 'CD4', 'abc', 'not-a-number'], [4, 'VAS', '130', 'out-of-range']]
    """
    _check_columns(raw, spec)
    frame = raw.frame
    if len(frame) == 0:
        raise DataError(f"{raw.source}: the file has a header but no data rows.")
    rows = np.arange(len(frame)) + raw.header_row + 1
    exclusions: list[dict] = []
    if spec.id_column is not None:
        ids = frame[spec.id_column].map(cell_text)
    else:
        ids = pd.Series([f"row {r}" for r in rows], index=frame.index)
    drop = pd.Series(False, index=frame.index)

    def exclude_row(i, column, value, reason, message):
        exclusions.append(dict(row=int(rows[i]), id=ids.iloc[i], column=column, value=value,
                               reason=reason, scope="row", message=message))

    if spec.id_column is not None:
        for i in np.flatnonzero(ids.eq("").to_numpy()):
            exclude_row(i, spec.id_column, "", "missing-id",
                        f"row {rows[i]}: the id cell ('{spec.id_column}') is empty; "
                        "the subject cannot be identified, so the row is excluded")
            drop.iloc[i] = True
        dup = ids.duplicated(keep=False) & ids.ne("")
        for value, idx in ids[dup].groupby(ids[dup]).groups.items():
            positions = [frame.index.get_loc(j) for j in idx]
            where = ", ".join(str(rows[p]) for p in positions)
            for p in positions:
                exclude_row(p, spec.id_column, value, "duplicate-id",
                            f"row {rows[p]}: id '{value}' appears on rows {where}; which row is right "
                            "cannot be decided, so all of them are excluded")
                drop.iloc[p] = True

    groups = None
    if spec.group_column is not None:
        groups = frame[spec.group_column].map(cell_text)
        declared = [code for code, _ in spec.groups]
        label_to_code = {label: code for code, label in spec.groups}
        groups = groups.map(lambda g: label_to_code.get(g, g))
        for i, g in enumerate(groups):
            if drop.iloc[i]:
                continue
            if g == "":
                exclude_row(i, spec.group_column, "", "missing-group",
                            f"row {rows[i]}: the group cell ('{spec.group_column}') is empty, "
                            "so the subject is excluded")
                drop.iloc[i] = True
            elif declared and g not in declared:
                exclude_row(i, spec.group_column, g, "unknown-group",
                            f"row {rows[i]}: group '{g}' is not declared in [groups] "
                            f"(declared: {', '.join(declared)}).{did_you_mean(g, declared)}")
                drop.iloc[i] = True

    out = pd.DataFrame({"row": rows, "id": ids.to_numpy()})
    if groups is not None:
        out["group"] = groups.to_numpy()
    missing_markers = set(spec.missing)
    for var in spec.variables:
        if var.categorical:
            text = frame[var.column].map(cell_text)
            out[var.column] = text.where(text != "", None).to_numpy(object)
            continue
        values, _, failed = _parse_numeric(frame[var.column], raw.decimal_comma_allowed,
                                           missing_markers)
        for i in np.flatnonzero((failed & ~drop).to_numpy()):
            text = str(frame[var.column].iloc[i]).strip()
            if _CENSORED.match(text):
                reason = "censored-value"
                msg = (f"column '{var.column}' row {rows[i]}: '{text}' is a value reported beyond a "
                       "limit; biocorr does not guess a number for it. Enter the value you want "
                       "analysed (e.g. the limit, declared as lower_limit) or leave the cell blank")
            else:
                reason = "not-a-number"
                msg = f"column '{var.column}' row {rows[i]}: '{text}' is not a number"
            exclusions.append(dict(row=int(rows[i]), id=ids.iloc[i], column=var.column, value=text,
                                   reason=reason, scope="cell", message=msg))
        if var.range is not None:
            lo, hi = var.range
            outside = values.notna() & ((values < lo) | (values > hi)) & ~drop
            for i in np.flatnonzero(outside.to_numpy()):
                v = values.iloc[i]
                exclusions.append(dict(
                    row=int(rows[i]), id=ids.iloc[i], column=var.column,
                    value=str(frame[var.column].iloc[i]).strip(), reason="out-of-range", scope="cell",
                    message=f"column '{var.column}' row {rows[i]}: value {v:g} is outside the declared "
                            f"range {lo:g}–{hi:g}"))
            values = values.where(~outside)
        out[var.column] = values.to_numpy(float)

    out = out.loc[~drop.to_numpy()].reset_index(drop=True)
    excl = pd.DataFrame(exclusions, columns=EXCLUSION_COLUMNS)
    if not excl.empty:
        excl = excl.sort_values(["row", "column"], kind="stable").reset_index(drop=True)
    _check_usable(out, spec, raw.source, excl)
    warnings = pd.DataFrame(_data_warnings(out, spec), columns=WARNING_COLUMNS)
    return Study(data=out, spec=spec, exclusions=excl, warnings=warnings, source=raw.source,
                 sha256=raw.sha256, n_rows_read=len(frame))


def _check_usable(data: pd.DataFrame, spec: StudySpec, source: str, excl: pd.DataFrame) -> None:
    n = len(data)
    if n < MIN_USABLE_ROWS:
        detail = f" ({len(excl)} exclusion(s); run 'biocorr validate' to list them)" if len(excl) else ""
        raise DataError(f"{source}: only {n} usable row(s){detail}; correlations need at least "
                        f"{MIN_USABLE_ROWS} subjects.")
    for var in spec.biomarkers + spec.scores:
        col = data[var.column]
        if col.notna().sum() == 0:
            raise DataError(f"{source}: column '{var.column}' has no usable numeric value "
                            "(all cells are empty, missing or excluded).")
        if col.nunique() < 2:
            raise DataError(f"{source}: column '{var.column}' is constant (every value is "
                            f"{col.dropna().iloc[0]:g}); it cannot correlate with anything. "
                            f"Remove it from the spec or check the export.")


def _data_warnings(data: pd.DataFrame, spec: StudySpec) -> list[dict]:
    out = []
    for var in spec.biomarkers + spec.scores:
        v = data[var.column].dropna().to_numpy()
        n = len(v)
        if var.lower_limit is not None:
            at = int(np.sum(v <= var.lower_limit))
            below = int(np.sum(v < var.lower_limit))
            if at and at / n >= PILEUP_FRACTION / 2:
                out.append(dict(code="detection-limit-pileup", severity="warning", column=var.column,
                                subset="all", message=(
                                    f"'{var.column}': {at} of {n} values ({at / n:.0%}) are at or below "
                                    f"the lower limit {var.lower_limit:g}. They are tied, not measured; "
                                    "Pearson r is unreliable here; prefer Spearman/Kendall (tie-corrected) "
                                    "or analyse detectable values separately.")))
            if below:
                out.append(dict(code="below-lower-limit", severity="note", column=var.column,
                                subset="all", message=(
                                    f"'{var.column}': {below} value(s) are below the declared lower "
                                    f"limit {var.lower_limit:g}; check whether they are extrapolated.")))
        at_min = int(np.sum(v == v.min()))
        if at_min >= 3 and at_min / n >= PILEUP_FRACTION and (
                var.lower_limit is None or v.min() > var.lower_limit):
            out.append(dict(code="minimum-pileup", severity="warning", column=var.column, subset="all",
                            message=(f"'{var.column}': {at_min} of {n} values ({at_min / n:.0%}) sit at "
                                     f"the minimum {v.min():g} (a floor or detection-limit substitute?). "
                                     "Pearson r is unreliable; rank methods handle the ties.")))
        distinct = len(np.unique(v))
        if n >= 4 and distinct <= n / 2:
            tf = float(tied_fraction(v.reshape(-1, 1))[0])
            out.append(dict(code="heavy-ties", severity="note", column=var.column, subset="all",
                            message=(f"'{var.column}': only {distinct} distinct values among {n} "
                                     f"({tf:.0%} of values are tied); Spearman and Kendall use tie "
                                     "corrections, and no exact p-value exists with ties.")))
    return out
