"""Correlations in long data (one row per subject and visit): the repeated-measures correlation."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..columns import CORRELATIONS_SCHEMA, build_table
from ..data.study import Study
from ..errors import DataError
from ..stats.correlation import pair_columns
from ..stats.rmcorr import CI_METHOD, P_METHOD, rmcorr_columns, subject_codes
from .inputs import numeric_columns

ACROSS_VISITS = "all visits"
"""The subset name of repeated-measures rows (every visit of every subject)."""


def rmcorr(
    data: pd.DataFrame,
    x: Sequence[str],
    y: Sequence[str],
    subject: str = "id",
    confidence: float = 0.95,
    alternative: str = "two-sided",
    labels: dict[str, str] | None = None,
    subset: str = "all",
) -> pd.DataFrame:
    """Repeated-measures correlation of every column in ``x`` with every column in ``y``.

    For data with several rows per subject (visits, time points): the association of the
    two measures within subjects, ignoring stable differences between subjects (which a
    correlation of all rows pooled mistakes for association, and whose p-value would treat
    repeated rows as independent subjects).

    Parameters
    ----------
    data : DataFrame
        Long data: one row per subject and visit; numeric measure columns (NaN = missing).
    x, y : sequence of str
        Column names (biomarkers, scores).
    subject : str
        The column identifying the subject of each row.
    confidence : float
        CI level.
    alternative : {'two-sided', 'greater', 'less'}
    labels : dict, optional
        Column -> label for ``x_label`` / ``y_label``.
    subset : str
        Written to the ``subset`` column.

    Returns
    -------
    DataFrame
        One row per (x, y) in the columns of :data:`biocorr.columns.CORRELATIONS`, method
        ``rmcorr``: ``n`` counts observations (rows), ``df`` = n - subjects - 1, and ``note``
        says how many subjects they came from and which rows were left out.

    Raises
    ------
    DataError
        A named column is missing, or no row has a subject id.

    References
    ----------
    Bakdash JZ, Marusich LR (2017). Repeated measures correlation. *Frontiers in Psychology*
    8, 456; R ``rmcorr::rmcorr`` (equal to ``lm(y ~ subject + x)``).

    Examples
    --------
    >>> long = pd.DataFrame({"id": ["a"] * 3 + ["b"] * 3,
    ...                      "il6": [1.0, 2, 3, 11, 12, 13], "pain": [3.0, 2, 1, 13, 12, 11]})
    >>> t = rmcorr(long, ["il6"], ["pain"])
    >>> t[["method", "n", "estimate", "df"]].values.tolist()
    [['rmcorr', 6, -1.0, 3.0]]
    """
    labels = labels or {}
    x, y = [x] if isinstance(x, str) else x, [y] if isinstance(y, str) else y  # one column named alone
    x, y = list(dict.fromkeys(x)), list(dict.fromkeys(y))  # a column named twice is one pair (one test)
    missing = [c for c in [subject, *x, *y] if c not in data.columns]
    if missing:
        raise DataError(
            "rmcorr: no column named "
            + ", ".join(f"'{c}'" for c in missing)
            + "; the data have: "
            + ", ".join(f"'{c}'" for c in data.columns)
        )
    ids = data[subject]
    no_id = ids.isna() | ids.astype(str).str.strip().eq("")
    if no_id.all():
        raise DataError(f"rmcorr: column '{subject}' has no subject id on any row.")
    rows = data.loc[~no_id]
    codes, _ = subject_codes(rows[subject].astype(str).str.strip())
    xv, yv = numeric_columns(rows, x, "rmcorr"), numeric_columns(rows, y, "rmcorr")
    a, b = pair_columns(xv, yv)
    res = rmcorr_columns(a, b, codes, confidence, alternative)
    no_id_text = f"; {int(no_id.sum())} row(s) without a subject id left out" if no_id.any() else ""
    note = []
    for n, k, r in zip(res["n"], res["n_subjects"], res["estimate"]):
        text = f"{n} observations from {k} subjects (df = n - subjects - 1)"
        if not np.isfinite(r):
            text = f"undefined: {n} observations from {k} subjects leave df < 1 or no within-subject variation"
        if len(rows) > n:
            text += f"; {len(rows) - n} row(s) missing either value left out"
        note.append(text + no_id_text)
    p_method = P_METHOD if alternative == "two-sided" else f"{P_METHOD}; one-sided ({alternative})"
    return build_table(
        CORRELATIONS_SCHEMA,
        x=np.repeat(list(x), len(y)),
        y=np.tile(list(y), len(x)),
        x_label=np.repeat([labels.get(v, v) for v in x], len(y)),
        y_label=np.tile([labels.get(v, v) for v in y], len(x)),
        subset=subset,
        method="rmcorr",
        n=res["n"],
        estimate=res["estimate"],
        ci_low=res["ci_low"],
        ci_high=res["ci_high"],
        ci_level=confidence,
        ci_method=np.where(np.isfinite(res["ci_low"]), CI_METHOD, ""),
        statistic=res["statistic"],
        statistic_name=np.where(np.isfinite(res["statistic"]), "t", ""),
        df=res["df"],
        p=res["p"],
        p_method=np.where(np.isfinite(res["p"]), p_method, ""),
        note=note,
    )


def repeated_rows(study: Study) -> list[pd.DataFrame]:
    """The repeated-measures correlation of every biomarker with every score, for long data.

    One row per pair over all visits (subset 'all visits') and, when the spec asks for
    groups, per group ('all visits: <group>'); nothing for wide data (no ``[data] visit``).

    Examples
    --------
    >>> from biocorr.datasets import load
    >>> repeated_rows(load("hivsn"))
    []
    """
    spec = study.spec
    if not spec.long_format:
        return []
    opts = spec.analysis
    everyone = np.ones(len(study.data), dtype=bool)
    subsets = [(ACROSS_VISITS, everyone)] if "all" in opts.subsets else []
    if "by-group" in opts.subsets and spec.group_column is not None:
        subsets += [
            (f"{ACROSS_VISITS}: {spec.group_label(code)}", (study.data["group"] == code).to_numpy())
            for code in study.group_codes
        ]
    labels = {v.column: v.label for v in spec.variables}
    return [
        rmcorr(
            study.data.loc[rows],
            xs,
            ys,
            subject="id",
            confidence=opts.confidence,
            alternative=opts.alternative,
            labels=labels,
            subset=name,
        )
        for name, rows in subsets
        for xs, ys in spec.pair_blocks
    ]
