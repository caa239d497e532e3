"""Correlation matrices among the biomarkers and among the scores: the collinearity a reviewer asks
about ("are IL-6 and TNF-α measuring the same thing?", "are anxiety and depression one score?")."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..columns import CORRELATIONS, CORRELATIONS_SCHEMA, build_table
from ..data.study import Study
from ..stats.diagnostics import method_columns
from ..stats.methods import CLASSICAL_METHODS
from .correlations import engine_columns
from .families import adjust_table
from .inputs import numeric_columns


def correlation_matrix(
    data: pd.DataFrame,
    columns: Sequence[str],
    method: str = "pearson",
    confidence: float = 0.95,
    adjust: str = "holm",
    alternative: str = "two-sided",
    labels: dict[str, str] | None = None,
    subset: str = "all",
    among: str = "variables",
) -> pd.DataFrame:
    """Every unordered pair of ``columns`` correlated (pairwise-complete), as a tidy table.

    Parameters
    ----------
    data : DataFrame
        Numeric columns (NaN = missing).
    columns : sequence of str
        The variables of the matrix (at least two).
    method : str
        'pearson', 'spearman' or 'kendall' (R ``cor.test`` p-values) or a robust method.
    confidence : float
        CI level.
    adjust : str
        p-value adjustment over the pairs of this matrix ('holm', 'bh', 'bonferroni', 'none'),
        as ``psych::corr.test`` adjusts the upper triangle.
    alternative : {'two-sided', 'greater', 'less'}
    labels : dict, optional
        Column -> label.
    subset : str
        Written to the ``subset`` column.
    among : str
        What the variables are ('biomarkers', 'scores'); names the family.

    Returns
    -------
    DataFrame
        One row per pair (x before y in ``columns`` order), columns of
        :data:`biocorr.columns.CORRELATIONS`; ``family`` is the matrix, e.g. 'spearman among
        biomarkers, subset all'. The square matrix: ``pivot(index="x", columns="y", values=...)``.

    References
    ----------
    R: ``cor.test`` per pair and ``p.adjust`` over the pairs; Revelle W, ``psych::corr.test``.

    Examples
    --------
    >>> d = pd.DataFrame({"il6": [1.0, 2, 3, 4, 5], "tnf": [2.0, 1, 4, 3, 5], "crp": [5.0, 3, 4, 1, 2]})
    >>> m = correlation_matrix(d, ["il6", "tnf", "crp"], "pearson", among="biomarkers")
    >>> m[["x", "y", "estimate"]].round(2).values.tolist()  # R: cor(d)[c(2, 3, 6)]
    [['il6', 'tnf', 0.8], ['il6', 'crp', -0.8], ['tnf', 'crp', -0.3]]
    >>> m["family"][0], int(m["family_size"][0])
    ('pearson among biomarkers, subset all', 3)
    """
    labels = labels or {}
    columns = list(dict.fromkeys(columns))  # a column named twice is one variable (no self-correlation)
    if len(columns) < 2:
        return build_table(CORRELATIONS_SCHEMA)
    i, j = np.triu_indices(len(columns), 1)
    values = numeric_columns(data, columns, "correlation_matrix")
    a, b = values[:, i], values[:, j]
    missing = np.isnan(a) | np.isnan(b)  # pairwise-complete: each pair's own rows
    a, b = np.where(missing, np.nan, a), np.where(missing, np.nan, b)
    res = method_columns(a, b, method, confidence, alternative)
    x = np.asarray(columns, dtype=object)[i]
    y = np.asarray(columns, dtype=object)[j]
    table = build_table(
        CORRELATIONS_SCHEMA,
        x=x,
        y=y,
        x_label=[labels.get(v, v) for v in x],
        y_label=[labels.get(v, v) for v in y],
        subset=subset,
        method=method,
        **engine_columns(res),
        ci_level=confidence,
        family=f"{method} among {among}, subset {subset}",
        note=f"{among} x {among}: collinearity, not a biomarker-score test",
    )
    return adjust_table(table, adjust)[list(CORRELATIONS)]


def matrix_rows(study: Study) -> pd.DataFrame:
    """The biomarker and score matrices of a study for each of its classical methods and subsets.

    Examples
    --------
    >>> from biocorr.datasets import load
    >>> m = matrix_rows(load("hivsn"))  # one biomarker: only the score matrix
    >>> sorted(set(m["family"]))[:2]
    ['kendall among scores, subset Non-painful HIV-SN', 'kendall among scores, subset Painful HIV-SN']
    """
    spec = study.spec
    opts = spec.analysis
    labels = {v.column: v.label for v in spec.variables}
    frames = [
        correlation_matrix(
            study.data.loc[mask],
            [v.column for v in variables],
            method,
            opts.confidence,
            opts.adjust,
            opts.alternative,
            labels,
            name,
            among,
        )
        for name, mask in study.subsets()
        for among, variables in (("biomarkers", spec.biomarkers), ("scores", spec.scores))
        if len(variables) >= 2
        for method in opts.methods
        if method in CLASSICAL_METHODS
    ]
    frames = [f for f in frames if not f.empty]
    return pd.concat(frames, ignore_index=True) if frames else build_table(CORRELATIONS_SCHEMA)
