"""What the data look like before any test: pile-ups at a detection limit or a minimum, heavy ties,
and ids that repeat over the levels of a column (long data without ``[data] visit``).

Computed once from spec and data (:func:`pile_ups`); the warnings, the detected-only rows and
the rank panels all read these results, never the warning text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..columns import finding
from ..spec import StudySpec
from ..spec.scales import part_of_total, scale_for
from ..stats.ties import tied_fraction
from .table import cell_text

PILEUP_FRACTION = 0.20


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
    >>> from biocorr.spec import parse_spec
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


def data_warnings(data: pd.DataFrame, spec: StudySpec, piles: dict[str, PileUp]) -> list[dict]:
    """Warnings about the data themselves: detection-limit and minimum pile-ups, values below the
    declared limit, heavy ties (rows of :data:`biocorr.columns.WARNINGS`)."""
    out = []
    for var in spec.biomarkers + spec.scores:
        v = data[var.column].dropna().to_numpy()
        n = len(v)
        pile = piles[var.column]
        if var.lower_limit is not None:
            at, below = pile.at_limit, pile.below_limit
            if pile.floored:
                out.append(
                    finding(
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
                    finding(
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
                finding(
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
                finding(
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


MISSING_CODES = (99.0, 999.0, 9999.0, -9.0, -99.0, -999.0, -9999.0)
"""Numbers that spreadsheets and statistics packages often use for 'missing'."""
EXTREME_RATIO = 10.0


def suspicious_values(data: pd.DataFrame, spec: StudySpec, rows: np.ndarray) -> list[dict]:
    """Warnings for values that look like missing-value codes or typing errors, for every biomarker
    and score without a declared ``range`` (a range already excludes such values, and says so).

    - ``possible-missing-code``: a common missing code (99, 999, 9999, -9, -99, -999, -9999)
      far outside the other values (above twice their largest, or negative among values that
      are all >= 0);
    - ``extreme-value``: the largest few values more than 10 times the next largest (in
      absolute value): a typing or unit error, or a real but dominating value.

    Parameters
    ----------
    data : DataFrame
        The analysed values before any transform, one row per kept spreadsheet row.
    spec : StudySpec
    rows : ndarray
        Spreadsheet row number of each row of ``data``.

    Returns
    -------
    list of dict
        Rows of :data:`biocorr.columns.WARNINGS` naming the column, the values and their rows.

    Examples
    --------
    >>> from biocorr.spec import parse_spec
    >>> spec = parse_spec({"biomarker": [{"column": "CRP"}], "score": [{"column": "NRS"}]})
    >>> d = pd.DataFrame({"CRP": [1.2, 3.4, 2.2, 0.8, 95.0], "NRS": [3.0, 5, 999, 7, 2]})
    >>> [(w["code"], w["column"]) for w in suspicious_values(d, spec, np.arange(2, 7))]
    [('extreme-value', 'CRP'), ('possible-missing-code', 'NRS')]
    """
    out = []
    for var in spec.biomarkers + spec.scores:
        if var.range is not None:
            continue
        values = data[var.column].to_numpy(float)
        present = ~np.isnan(values)
        codes = far_missing_codes(values[present])
        if codes.any():
            where = rows[present][codes]
            found = sorted(set(values[present][codes].tolist()))
            listed = ", ".join(f"{v:g}" for v in found)
            out.append(
                finding(
                    code="possible-missing-code",
                    severity="warning",
                    column=var.column,
                    subset="all",
                    message=(
                        f"'{var.column}': {len(where)} value(s) {listed} (row(s) {rows_text(where)}) lie far outside "
                        f"the other values and are common missing-value codes. If they mean missing, add them to "
                        f"[data] missing (e.g. missing = [{found[0]:g}]); otherwise declare range = [low, high] "
                        "for the column."
                    ),
                    rows=where,
                )
            )
        rest = values[present][~codes]
        extreme = _beyond_the_rest(rest)
        if extreme.any():
            where = rows[present][~codes][extreme]
            out.append(
                finding(
                    code="extreme-value",
                    severity="warning",
                    column=var.column,
                    subset="all",
                    message=(
                        f"'{var.column}': {', '.join(f'{v:g}' for v in rest[extreme])} (row(s) {rows_text(where)}) "
                        f"is more than {EXTREME_RATIO:g} times every other value ({np.abs(rest[~extreme]).max():g} "
                        "at most): a typing or unit error? Correct the cell, or declare range = [low, high] to "
                        "exclude values like it; if it is real, it dominates Pearson r (see the leave-one-out "
                        "columns)."
                    ),
                    rows=where,
                )
            )
        if var in spec.scores and (outside := _outside_its_scale(var, rest, rows[present][~codes])) is not None:
            out.append(outside)
    return out


def _outside_its_scale(var, values: np.ndarray, rows: np.ndarray) -> dict | None:
    """A score named like a catalogued scale (:mod:`biocorr.spec.scales`) whose values no scoring of
    that scale holds: the values outside all of them (a VAS of 720 on 0-100), or two scorings mixed."""
    scale = scale_for(var.column) or (scale_for(var.label) if var.label else None)
    if scale is None or len(values) == 0 or part_of_total(var.column, scale):  # an item or subscale: no range known
        return None
    if any(values.min() >= low and values.max() <= high for _, low, high in scale.scorings):
        return None
    scorings = ", ".join(name for name, _, _ in scale.scorings)
    low, high = min(s[1] for s in scale.scorings), max(s[2] for s in scale.scorings)
    outside = (values < low) | (values > high)
    if outside.any():
        shown = ", ".join(f"{v:g}" for v in values[outside][:8])
        what = f"{shown} (row(s) {rows_text(rows[outside])}) lie outside every scoring"
    else:
        what = f"values from {values.min():g} to {values.max():g} fit no single scoring (two scorings mixed?)"
    return finding(
        code="outside-scale-range",
        severity="warning",
        column=var.column,
        subset="all",
        message=f"'{var.column}': {what} of the {scale.name} its name suggests ({scorings}); the values are "
        "analysed as they are. Correct the cells, or declare range = [low, high] for the column to exclude "
        "values beyond it.",
        rows=rows[outside] if outside.any() else (),
    )


def far_missing_codes(v: np.ndarray) -> np.ndarray:
    """Which values are common missing codes far outside the other values."""
    code = np.isin(v, MISSING_CODES)
    others = v[~code]
    if not code.any() or len(others) < 3:
        return np.zeros(len(v), bool)
    far_above = (v > 0) & (v > 2 * max(float(others.max()), 0.0))
    negative_among_positive = (v < 0) & bool(others.min() >= 0)
    return code & (far_above | negative_among_positive)


def _beyond_the_rest(v: np.ndarray) -> np.ndarray:
    """The largest few |values| (at most a quarter, at most 5) that exceed EXTREME_RATIO x the next one."""
    flagged = np.zeros(len(v), bool)
    if len(v) < 4:
        return flagged
    order = np.argsort(-np.abs(v), kind="stable")
    size = np.abs(v)[order]
    for top in range(1, min(5, len(v) // 4) + 1):
        if size[top] > 0 and size[top - 1] > EXTREME_RATIO * size[top]:
            flagged[order[:top]] = True
    return flagged


def rows_text(rows) -> str:
    """Row numbers for a message: the first 8, then how many more.

    Examples
    --------
    >>> rows_text(range(2, 12))
    '2, 3, 4, 5, 6, 7, 8, 9 and 2 more'
    """
    rows = list(rows)
    shown = ", ".join(str(int(r)) for r in rows[:8])
    return shown + (f" and {len(rows) - 8} more" if len(rows) > 8 else "")


VISIT_NAME = re.compile(r"visit|time|session|wave|week|month|day|period|phase|occasion|follow|baseline|round", re.I)


def repeat_levels_column(
    frame: pd.DataFrame, ids: pd.Series, skip: set, tolerate: float = 0.0
) -> tuple[str, list[str]] | None:
    """The column whose levels the ids repeat over (long data), with its levels; None if none.

    The candidate is a column (not in ``skip``) with 2-30 levels, given on at least 90% of
    the rows, in which no id has the same level twice (or at most a ``tolerate`` share of the
    rows repeat a level: a visit entered twice, which the checks then report); among several,
    the one with the fewest levels (visits rather than dates). Rows without an id are ignored.

    Examples
    --------
    >>> frame = pd.DataFrame({"PID": ["1", "1", "2", "2"], "Time": ["Pre", "Post", "Pre", "Post"]})
    >>> repeat_levels_column(frame, frame["PID"], {"PID"})
    ('Time', ['Pre', 'Post'])
    """
    named = ids.ne("")
    best = None
    for column in frame.columns:
        if column in skip:
            continue
        levels = frame[column].map(cell_text)[named]
        has = levels.ne("")
        distinct = list(dict.fromkeys(levels[has]))
        if not 2 <= len(distinct) <= 30 or has.mean() < 0.9:
            continue
        repeated = pd.DataFrame({"id": ids[named][has], "level": levels[has]}).duplicated()
        if repeated.sum() > tolerate * len(repeated) or repeated.all():
            continue
        rank = (not VISIT_NAME.search(str(column)), len(distinct))  # a column named like a visit first
        if best is None or rank < best[0]:
            best = (rank, (str(column), distinct))
    return best[1] if best is not None else None


def visit_column_hint(frame: pd.DataFrame, ids: pd.Series, spec: StudySpec) -> str:
    """A sentence naming the column whose levels the ids repeat over (long data), or ''.

    Examples
    --------
    >>> from biocorr.spec import parse_spec
    >>> spec = parse_spec({"data": {"id": "PID"}, "biomarker": [{"column": "IL6"}], "score": [{"column": "VAS"}]})
    >>> frame = pd.DataFrame({"PID": ["1", "1", "2", "2"], "Time": ["Pre", "Post", "Pre", "Post"],
    ...                       "IL6": [1, 2, 3, 4], "VAS": [5, 6, 7, 8]})
    >>> print(visit_column_hint(frame, frame["PID"], spec)[:75])
    Ids repeat once per level of 'Time' (Pre, Post): declare visit = "Time" in
    """
    declared = {v.column for v in spec.variables} | {spec.id_column, spec.group_column}  # a where column may be it
    found = repeat_levels_column(frame, ids, declared)
    if found is None:
        return ""
    column, distinct = found
    shown = ", ".join(distinct[:6]) + (", ..." if len(distinct) > 6 else "")
    return (
        f"Ids repeat once per level of '{column}' ({shown}): declare visit = \"{column}\" in [data] for "
        "per-visit and repeated-measures correlations, or keep one visit with "
        f'where = {{ {column} = "{distinct[0]}" }}.'
    )
