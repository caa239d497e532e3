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

from .columns import EXCLUSIONS, WARNINGS
from .errors import DataError, SpecError, did_you_mean
from .io import RawTable, cell_text
from .stats.ties import tied_fraction
from .study import Study, StudySpec

NA_MARKERS = frozenset({"", "na", "n/a", "nan", "#n/a", "null", "none", "missing"})
PILEUP_FRACTION = 0.20
MIN_USABLE_ROWS = 3

EXCLUSION_COLUMNS = list(EXCLUSIONS)
WARNING_COLUMNS = list(WARNINGS)

_DECIMAL_COMMA = re.compile(r"^[+-]?\d*,\d+(?:[eE][+-]?\d+)?$")
_CENSORED = re.compile(r"^\s*(<=?|>=?|≤|≥)\s*[+-]?\d")


def parse_numeric(series: pd.Series, allow_decimal_comma: bool, missing: set[str]):
    """Numbers, missing mask and failed mask of one raw column (cells as text or as stored).

    Examples
    --------
    >>> v, missing, failed = parse_numeric(pd.Series(["1,5", "NA", "x"]), True, set())
    >>> v.tolist()[0], missing.tolist(), failed.tolist()
    (1.5, [False, True, False], [False, False, True])
    """
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
        raise SpecError(
            f"{raw.source}: the spec names column(s) that the data does not have:\n"
            + "\n".join(lines)
            + f"\nColumns in the file: {shown}"
        )


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
    drop = np.zeros(len(frame), dtype=bool)

    def exclude_row(i, column, value, reason, message):
        exclusions.append(
            dict(
                row=int(rows[i]),
                id=ids.iloc[i],
                column=column,
                value=value,
                reason=reason,
                scope="row",
                message=message,
            )
        )

    if spec.id_column is not None:
        for i in np.flatnonzero(ids.eq("").to_numpy()).tolist():
            exclude_row(
                i,
                spec.id_column,
                "",
                "missing-id",
                f"row {rows[i]}: the id cell ('{spec.id_column}') is empty; "
                "the subject cannot be identified, so the row is excluded",
            )
            drop[i] = True
        dup = ids.duplicated(keep=False) & ids.ne("")
        for value, idx in ids[dup].groupby(ids[dup]).groups.items():
            positions = [frame.index.get_loc(j) for j in idx]
            where = ", ".join(str(rows[p]) for p in positions)
            for p in positions:
                exclude_row(
                    p,
                    spec.id_column,
                    value,
                    "duplicate-id",
                    f"row {rows[p]}: id '{value}' appears on rows {where}; which row is right "
                    "cannot be decided, so all of them are excluded",
                )
                drop[p] = True

    groups = None
    if spec.group_column is not None:
        groups = frame[spec.group_column].map(cell_text)
        declared = [code for code, _ in spec.groups]
        label_to_code = {label: code for code, label in spec.groups}
        groups = groups.map(lambda g: label_to_code.get(g, g))
        for i, g in enumerate(groups):
            if drop[i]:
                continue
            if g == "":
                exclude_row(
                    i,
                    spec.group_column,
                    "",
                    "missing-group",
                    f"row {rows[i]}: the group cell ('{spec.group_column}') is empty, so the subject is excluded",
                )
                drop[i] = True
            elif declared and g not in declared:
                exclude_row(
                    i,
                    spec.group_column,
                    g,
                    "unknown-group",
                    f"row {rows[i]}: group '{g}' is not declared in [groups] "
                    f"(declared: {', '.join(declared)}).{did_you_mean(g, declared)}",
                )
                drop[i] = True

    out = pd.DataFrame({"row": rows, "id": ids.to_numpy()})
    if groups is not None:
        out["group"] = groups.to_numpy()
    missing_markers = set(spec.missing)
    for var in spec.variables:
        if var.categorical:
            labels = frame[var.column].map(cell_text)
            out[var.column] = labels.where(labels != "", None).to_numpy(object)
            continue
        values, _, failed = parse_numeric(frame[var.column], raw.decimal_comma_allowed, missing_markers)
        for i in np.flatnonzero(failed.to_numpy() & ~drop).tolist():
            text = str(frame[var.column].iloc[i]).strip()
            if _CENSORED.match(text):
                reason = "censored-value"
                msg = (
                    f"column '{var.column}' row {rows[i]}: '{text}' is a value reported beyond a "
                    "limit; biocorr does not guess a number for it. Enter the value you want "
                    "analysed (e.g. the limit, declared as lower_limit) or leave the cell blank"
                )
            else:
                reason = "not-a-number"
                msg = f"column '{var.column}' row {rows[i]}: '{text}' is not a number"
            exclusions.append(
                dict(
                    row=int(rows[i]),
                    id=ids.iloc[i],
                    column=var.column,
                    value=text,
                    reason=reason,
                    scope="cell",
                    message=msg,
                )
            )
        if var.range is not None:
            lo, hi = var.range
            outside = (values.notna() & ((values < lo) | (values > hi))).to_numpy() & ~drop
            for i in np.flatnonzero(outside).tolist():
                v = values.iloc[i]
                exclusions.append(
                    dict(
                        row=int(rows[i]),
                        id=ids.iloc[i],
                        column=var.column,
                        value=str(frame[var.column].iloc[i]).strip(),
                        reason="out-of-range",
                        scope="cell",
                        message=f"column '{var.column}' row {rows[i]}: value {v:g} is outside the declared "
                        f"range {lo:g}–{hi:g}",
                    )
                )
            values = values.where(~outside)
        out[var.column] = values.to_numpy(float)

    out = out.loc[~drop].reset_index(drop=True)
    excl = pd.DataFrame(exclusions, columns=EXCLUSION_COLUMNS)
    if not excl.empty:
        excl = excl.sort_values(["row", "column"], kind="stable").reset_index(drop=True)
    _check_usable(out, spec, raw.source, excl)
    piles = pile_ups(out, spec)
    warnings = pd.DataFrame(_data_warnings(out, spec, piles), columns=WARNING_COLUMNS)
    floored = {
        v.column: float(v.lower_limit) for v in spec.biomarkers if piles[v.column].floored and v.lower_limit is not None
    }
    piled = tuple(c for c, p in piles.items() if p.floored or p.minimum_pileup)
    return Study(
        data=out,
        spec=spec,
        exclusions=excl,
        warnings=warnings,
        source=raw.source,
        sha256=raw.sha256,
        n_rows_read=len(frame),
        floored=floored,
        piled_up=piled,
    )


def _check_usable(data: pd.DataFrame, spec: StudySpec, source: str, excl: pd.DataFrame) -> None:
    n = len(data)
    if n < MIN_USABLE_ROWS:
        detail = f" ({len(excl)} exclusion(s); run 'biocorr validate' to list them)" if len(excl) else ""
        raise DataError(
            f"{source}: only {n} usable row(s){detail}; correlations need at least {MIN_USABLE_ROWS} subjects."
        )
    for var in spec.biomarkers + spec.scores:
        col = data[var.column]
        if col.notna().sum() == 0:
            raise DataError(
                f"{source}: column '{var.column}' has no usable numeric value "
                "(all cells are empty, missing or excluded)."
            )
        if col.nunique() < 2:
            raise DataError(
                f"{source}: column '{var.column}' is constant (every value is "
                f"{col.dropna().iloc[0]:g}); it cannot correlate with anything. "
                f"Remove it from the spec or check the export."
            )


@dataclass(frozen=True)
class PileUp:
    """Where one variable's values pile up.

    Attributes
    ----------
    column : str
    n : int
        Non-missing values.
    at_limit, below_limit : int
        Values at or below, and strictly below, the declared ``lower_limit`` (0 without one).
    at_minimum : int
        Values equal to the minimum.
    floored : bool
        At least ``PILEUP_FRACTION / 2`` of the values sit at or below the lower limit.
    minimum_pileup : bool
        At least 3 values and ``PILEUP_FRACTION`` sit at a minimum above any lower limit.
    """

    column: str
    n: int
    at_limit: int
    below_limit: int
    at_minimum: int
    floored: bool
    minimum_pileup: bool


def pile_ups(data: pd.DataFrame, spec: StudySpec) -> dict[str, PileUp]:
    """Pile-ups of every biomarker and score, computed once from spec and data.

    The detection-limit and minimum pile-up warnings, the detected-only rows and the
    rank panels all read this (never the warning text).

    Examples
    --------
    >>> from biocorr.study import parse_spec
    >>> spec = parse_spec({"biomarker": [{"column": "TNF", "lower_limit": 1.2}], "score": [{"column": "VAS"}]})
    >>> d = pd.DataFrame({"TNF": [1.2, 1.2, 3.0, 4.0], "VAS": [1.0, 2.0, 3.0, 4.0]})
    >>> p = pile_ups(d, spec)["TNF"]
    >>> p.at_limit, p.floored, p.minimum_pileup
    (2, True, False)
    """
    out = {}
    for var in spec.biomarkers + spec.scores:
        v = data[var.column].dropna().to_numpy()
        n = len(v)
        at = below = 0
        if var.lower_limit is not None:
            at = int(np.sum(v <= var.lower_limit))
            below = int(np.sum(v < var.lower_limit))
        at_min = int(np.sum(v == v.min())) if n else 0
        floored = bool(at) and at / n >= PILEUP_FRACTION / 2
        minimum = (
            n > 0
            and at_min >= 3
            and at_min / n >= PILEUP_FRACTION
            and (var.lower_limit is None or v.min() > var.lower_limit)
        )
        out[var.column] = PileUp(var.column, n, at, below, at_min, floored, bool(minimum))
    return out


def _data_warnings(data: pd.DataFrame, spec: StudySpec, piles: dict[str, PileUp]) -> list[dict]:
    out = []
    for var in spec.biomarkers + spec.scores:
        v = data[var.column].dropna().to_numpy()
        n = len(v)
        pile = piles[var.column]
        if var.lower_limit is not None:
            at, below = pile.at_limit, pile.below_limit
            if pile.floored:
                out.append(
                    dict(
                        code="detection-limit-pileup",
                        severity="warning",
                        column=var.column,
                        subset="all",
                        message=(
                            f"'{var.column}': {at} of {n} values ({at / n:.0%}) are at or below "
                            f"the lower limit {var.lower_limit:g}. They are tied, not measured; "
                            "Pearson r is unreliable here; prefer Spearman/Kendall (tie-corrected) "
                            "or analyse detectable values separately."
                        ),
                    )
                )
            if below:
                out.append(
                    dict(
                        code="below-lower-limit",
                        severity="note",
                        column=var.column,
                        subset="all",
                        message=(
                            f"'{var.column}': {below} value(s) are below the declared lower "
                            f"limit {var.lower_limit:g}; check whether they are extrapolated."
                        ),
                    )
                )
        if pile.minimum_pileup:
            at_min = pile.at_minimum
            out.append(
                dict(
                    code="minimum-pileup",
                    severity="warning",
                    column=var.column,
                    subset="all",
                    message=(
                        f"'{var.column}': {at_min} of {n} values ({at_min / n:.0%}) sit at "
                        f"the minimum {v.min():g} (a floor or detection-limit substitute?). "
                        "Pearson r is unreliable; rank methods handle the ties."
                    ),
                )
            )
        distinct = len(np.unique(v))
        if n >= 4 and distinct <= n / 2:
            tf = float(tied_fraction(v.reshape(-1, 1))[0])
            out.append(
                dict(
                    code="heavy-ties",
                    severity="note",
                    column=var.column,
                    subset="all",
                    message=(
                        f"'{var.column}': only {distinct} distinct values among {n} "
                        f"({tf:.0%} of values are tied); Spearman and Kendall use tie "
                        "corrections, and no exact p-value exists with ties."
                    ),
                )
            )
    return out
