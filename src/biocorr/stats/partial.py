"""Partial correlations controlling for covariates (numeric or categorical).

The partial correlation of x and y given covariates Z is the correlation of
the residuals of x and of y after least-squares regression on [1, Z]
(categorical covariates dummy-coded, first level as reference). Its test is
t = r sqrt(df / (1 - r^2)) with df = n - 2 - k, k the number of covariate
columns, and its CI is Fisher's z with SE 1/sqrt(n - 3 - k). The Spearman
version ranks x, y and the numeric covariates first (as ``psych::partial.r``
with ``method = "spearman"`` and ``ppcor::pcor.test``).

Rows are used when x, y and every covariate are present.

References
----------
Fisher RA (1924). The distribution of the partial correlation coefficient.
*Metron* 3, 329-332. Kim S (2015). ppcor: an R package for a fast calculation
to semi-partial correlation coefficients. *Commun Stat Appl Methods* 22, 665-674.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .correlation import r_t_test, rank_columns
from .fisher import fisher_ci
from .ties import scale_columns


def design_matrix(covariates: pd.DataFrame) -> tuple[np.ndarray, list[str]]:
    """Numeric covariates as they are; text covariates as 0/1 dummies (first level dropped).

    Returns the (n, k) matrix (NaN where a covariate is missing) and the column names.

    Examples
    --------
    >>> z, names = design_matrix(pd.DataFrame({"age": [30.0, 40, 50], "sex": ["f", "m", "f"]}))
    >>> names, z[:, 1].tolist()
    (['age', 'sex=m'], [0.0, 1.0, 0.0])
    """
    cols, names = [], []
    for name in covariates.columns:
        s = covariates[name]
        numeric = pd.to_numeric(s, errors="coerce")
        if numeric.notna().sum() == s.replace("", np.nan).notna().sum() and s.dtype != object:
            cols.append(numeric.to_numpy(float))
            names.append(name)
            continue
        text = s.astype(object).where(s.notna() & (s.astype(str) != ""), None)
        levels = sorted({v for v in text if v is not None}, key=str)
        for level in levels[1:]:
            col = np.where(text.isna(), np.nan, (text == level).astype(float))
            cols.append(col)
            names.append(f"{name}={level}")
    if not cols:
        return np.empty((len(covariates), 0)), []
    return np.column_stack(cols), names


def partial_correlation(
    x, y, z: np.ndarray, method: str = "pearson", confidence: float = 0.95, alternative: str = "two-sided"
) -> dict:
    """Partial correlation of x and y given the columns of z (rows complete on all).

    Parameters
    ----------
    x, y : array-like (n,)
    z : ndarray (n, k)
        Covariate design matrix (see :func:`design_matrix`).
    method : {'pearson', 'spearman'}
    confidence : float

    Returns
    -------
    dict with ``n, k, estimate, statistic, df, p, ci_low, ci_high, note``: k is the rank of the
    covariate design (collinear columns count once, and ``note`` says so); a biomarker or score
    that the covariates explain exactly gives NaN with the reason in ``note``.

    Examples
    --------
    >>> rng = np.random.default_rng(0); z = rng.normal(size=(50, 1))
    >>> x = z[:, 0] + rng.normal(size=50); y = z[:, 0] + rng.normal(size=50)
    >>> bool(abs(partial_correlation(x, y, z)["estimate"]) < abs(np.corrcoef(x, y)[0, 1]))
    True
    """
    x = np.asarray(x, float)
    y = np.asarray(y, float)
    z = np.asarray(z, float).reshape(len(x), -1)
    x, y = scale_columns(x[:, None])[:, 0], scale_columns(y[:, None])[:, 0]  # exact; no overflow in the sums
    with np.errstate(invalid="ignore"):
        extreme = (
            np.nanmax(np.abs(z), initial=0.0) > 1e100
            or np.nanmin(np.where(z == 0, np.inf, np.abs(z)), initial=np.inf) < 1e-100
        )
    if extreme:  # covariates near the floating-point limits (ordinary ones are left as they are: lstsq's
        z = scale_columns(z)  # rounding depends on the design's scale, so scaling would move the last digit)
    ok = ~np.isnan(x) & ~np.isnan(y) & ~np.isnan(z).any(axis=1)
    x, y, z = x[ok], y[ok], z[ok]
    # drop covariate columns that are constant among the complete rows (e.g. an absent level)
    z = z[:, np.ptp(z, axis=0) > 0] if z.shape[1] and len(z) else z
    n, columns = len(x), z.shape[1]
    # collinear columns count once (judged only when the rows can show it)
    k = int(np.linalg.matrix_rank(z - z.mean(axis=0))) if columns and n > columns + 1 else columns
    nan = float("nan")
    out = dict(n=n, k=k, estimate=nan, statistic=nan, df=float(n - 2 - k), p=nan, ci_low=nan, ci_high=nan, note="")
    if k < columns:
        out["note"] = f"{columns - k} covariate column(s) are linear combinations of the others: df counts {k}"
    if n - 2 - k < 1:
        return out
    if method == "spearman":
        ranked = rank_columns(np.column_stack([x, y, z]))
        x, y, z = ranked[:, 0], ranked[:, 1], ranked[:, 2:]
    design = np.column_stack([np.ones(n), z])
    coef, *_ = np.linalg.lstsq(design, np.column_stack([x, y]), rcond=None)
    res = np.column_stack([x, y]) - design @ coef
    centred = np.column_stack([x, y]) - np.column_stack([x, y]).mean(axis=0)
    explained = (res**2).sum(axis=0) <= 1e-10 * (centred**2).sum(axis=0)
    if explained.any():  # what is left is rounding noise: a partial r of it would be an artefact
        which = " and ".join(n for n, e in zip(("the biomarker", "the score"), explained) if e)
        out["note"] = f"{which} is a linear function of the covariates (nothing is left to correlate)"
        return out
    denom = np.sqrt((res[:, 0] ** 2).sum() * (res[:, 1] ** 2).sum())
    if denom == 0:
        return out
    r = float(np.clip((res[:, 0] * res[:, 1]).sum() / denom, -1, 1))
    df = n - 2 - k
    t, p = r_t_test(r, df, alternative)
    out.update(estimate=r, statistic=float(t), p=float(p))
    if n - 3 - k > 0:
        lo, hi = fisher_ci(r, n, confidence, "partial", k, alternative)
        out.update(ci_low=float(lo), ci_high=float(hi))
    return out
