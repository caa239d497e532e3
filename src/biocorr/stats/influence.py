"""How much does one subject matter? Leave-one-out correlations and Cook's distance.

All functions take paired columns ``a, b`` of shape (n, m) (NaN = missing; see
:func:`biocorr.stats.correlation.pair_columns`) and return (n, m) arrays whose
row k is the value with subject k deleted (NaN where subject k is not in the pair).

Pearson leave-one-out estimates use the closed-form update of the centred
sums (no refitting). Spearman and Kendall are recomputed on every deletion at
once (the deleted subject's column of an (n, n·m) array is masked) with the
same p-value rules as the full analysis; that costs O(n^2) per pair and is
done for n <= ``RANK_LOO_MAX_N``.

References
----------
Cook RD (1977). Detection of influential observation in linear regression.
*Technometrics* 19, 15-18. Wilcox RR (2012). *Introduction to Robust Estimation
and Hypothesis Testing*, 3rd ed., section 9.4 (single-observation influence on r).
"""

from __future__ import annotations

import numpy as np
from scipy.special import stdtr

from .correlation import correlate_columns
from .ties import count_finite

RANK_LOO_MAX_N = 200


def _centred(a, b):
    n = count_finite(a).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        da = a - np.nansum(a, axis=0) / n
        db = b - np.nansum(b, axis=0) / n
    return n, da, db


def pearson_leave_one_out(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pearson r and its two-sided t-test p with each subject deleted (closed form).

    Examples
    --------
    >>> a = np.array([[1.0], [2.0], [3.0], [4.0], [10.0]])
    >>> b = np.array([[1.0], [3.0], [2.0], [4.0], [12.0]])
    >>> r, p = pearson_leave_one_out(a, b)
    >>> round(float(r[4, 0]), 6) == round(float(np.corrcoef([1, 2, 3, 4], [1, 3, 2, 4])[0, 1]), 6)
    True
    """
    n, da, db = _centred(a, b)
    sa, sb = np.nansum(da, axis=0), np.nansum(db, axis=0)  # ~0, kept for exactness
    saa, sbb, sab = np.nansum(da * da, axis=0), np.nansum(db * db, axis=0), np.nansum(da * db, axis=0)
    m = n - 1
    # sums without subject k, then centred cross-products: S_xy - S_x S_y / m
    sa_k, sb_k = sa - da, sb - db
    cab = (sab - da * db) - sa_k * sb_k / m
    caa = (saa - da * da) - sa_k**2 / m
    cbb = (sbb - db * db) - sb_k**2 / m
    with np.errstate(invalid="ignore", divide="ignore"):
        r = np.clip(cab / np.sqrt(caa * cbb), -1.0, 1.0)
        df = m - 2
        t = r * np.sqrt(df / (1 - r * r))
        p = np.where(np.abs(r) >= 1, 0.0, 2 * stdtr(df, -np.abs(t)))
    ok = ~np.isnan(a) & (m >= 3)
    return np.where(ok, r, np.nan), np.where(ok, p, np.nan)


def leave_one_out(a: np.ndarray, b: np.ndarray, method: str) -> tuple[np.ndarray, np.ndarray]:
    """Estimates and p-values with each subject deleted in turn, shape (n, m).

    Pearson uses :func:`pearson_leave_one_out`; Spearman and Kendall recompute
    every deletion (all at once) for n <= RANK_LOO_MAX_N and return NaN beyond.
    """
    if method == "pearson":
        return pearson_leave_one_out(a, b)
    n, m = a.shape
    out_r = np.full((n, m), np.nan)
    out_p = np.full((n, m), np.nan)
    counts = count_finite(a)
    cols = np.flatnonzero((counts >= 4) & (counts <= RANK_LOO_MAX_N))
    if len(cols) == 0:
        return out_r, out_p
    keep = ~np.eye(n, dtype=bool)  # column k of a block: everyone but subject k
    aa = np.where(keep[:, None, :], a[:, cols][:, :, None], np.nan).reshape(n, -1)
    bb = np.where(keep[:, None, :], b[:, cols][:, :, None], np.nan).reshape(n, -1)
    res = correlate_columns(aa, bb, method)
    r = res["estimate"].reshape(len(cols), n).T
    p = res["p"].reshape(len(cols), n).T
    present = ~np.isnan(a[:, cols])
    out_r[:, cols] = np.where(present, r, np.nan)
    out_p[:, cols] = np.where(present, p, np.nan)
    return out_r, out_p


def cooks_distance(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cook's distance of each subject in the simple regression of b on a, shape (n, m).

    Examples
    --------
    >>> d = cooks_distance(np.array([[1.0], [2], [3], [4], [10]]), np.array([[1.0], [3], [2], [4], [12]]))
    >>> int(np.nanargmax(d[:, 0]))
    4
    """
    n, da, db = _centred(a, b)
    with np.errstate(invalid="ignore", divide="ignore"):
        sxx = np.nansum(da * da, axis=0)
        slope = np.nansum(da * db, axis=0) / sxx
        resid = db - slope * da
        s2 = np.nansum(resid * resid, axis=0) / (n - 2)
        h = 1 / n + da * da / sxx
        return resid**2 / (2 * s2) * h / (1 - h) ** 2
