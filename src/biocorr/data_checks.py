"""What the data look like before any test: pile-ups at a detection limit or a minimum, heavy ties,
and ids that repeat over the levels of a column (long data without ``[data] visit``).

Computed once from spec and data (:func:`pile_ups`); the warnings, the detected-only rows and
the rank panels all read these results, never the warning text.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .io import cell_text
from .stats.ties import tied_fraction
from .study import StudySpec

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


def repeat_levels_column(frame: pd.DataFrame, ids: pd.Series, skip: set) -> tuple[str, list[str]] | None:
    """The column whose levels the ids repeat over (long data), with its levels; None if none.

    The candidate is a column (not in ``skip``) with 2-30 levels, given on at least 90% of
    the rows, in which no id has the same level twice; among several, the one with the fewest levels (visits rather
    than dates). Rows without an id are ignored.

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
        if pd.DataFrame({"id": ids[named][has], "level": levels[has]}).duplicated().any():
            continue
        if best is None or len(distinct) < len(best[1]):
            best = (str(column), distinct)
    return best


def visit_column_hint(frame: pd.DataFrame, ids: pd.Series, spec: StudySpec) -> str:
    """A sentence naming the column whose levels the ids repeat over (long data), or ''.

    Examples
    --------
    >>> from biocorr.study import parse_spec
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
