"""How much does one subject matter? Leave-one-out correlations and Cook's distance.

All functions take paired columns ``a, b`` of shape (n, m) (NaN = missing; see
:func:`biocorr.stats.correlation.pair_columns`) and return (n, m) arrays whose
row k is the value with subject k deleted (NaN where subject k is not in the pair).

Pearson leave-one-out estimates use the closed-form update of the centred
sums (no refitting). Spearman's rho with each subject deleted comes from the
weighted-rank engine of :mod:`biocorr.stats.resample` (the deletions are its
jackknife), Kendall's S is downdated exactly (S minus the deleted subject's
row of the sign matrix); the tie-group sums are downdated too, so every
deletion's p-value follows the same R rules as the full analysis
(:func:`biocorr.stats.correlation.rank_p`). All of it is vectorised
over deletions and over pairs sharing their complete rows; O(n^2) per pair.

References
----------
Cook RD (1977). Detection of influential observation in linear regression.
*Technometrics* 19, 15-18. Wilcox RR (2012). *Introduction to Robust Estimation
and Hypothesis Testing*, 3rd ed., section 9.4 (single-observation influence on r).
"""

from __future__ import annotations

import numpy as np

from .correlation import r_t_test, rank_p
from .resample import Panel, kendall_downdated_s, panel_jackknife, pattern_panels
from .ties import column_sum_for, count_finite, scale_columns, tie_sums_without_each_column


def _centred(a, b):
    """n per column, the centred columns, and a column sum that skips NaN only when there is one."""
    n = count_finite(a).astype(float)
    colsum = column_sum_for(a, b)
    with np.errstate(invalid="ignore", divide="ignore"):
        da = a - colsum(a) / n
        db = b - colsum(b) / n
    return n, da, db, colsum


def pearson_leave_one_out_r(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Pearson r with each subject deleted, shape (n, m), in closed form (O(n) per pair).

    NaN where the subject is not in the pair or fewer than 3 pairs would remain. Columns are
    scaled by powers of two first (exact), so sums of squares cannot overflow.

    References
    ----------
    Belsley DA, Kuh E, Welsch RE (1980). *Regression Diagnostics*, ch. 2 (deletion updates of
    sums of squares and cross-products).

    Examples
    --------
    >>> a = np.array([[1.0], [2.0], [3.0], [4.0], [10.0]])
    >>> b = np.array([[1.0], [3.0], [2.0], [4.0], [12.0]])
    >>> r = pearson_leave_one_out_r(a, b)
    >>> round(float(r[4, 0]), 6) == round(float(np.corrcoef([1, 2, 3, 4], [1, 3, 2, 4])[0, 1]), 6)
    True
    """
    n, da, db, colsum = _centred(scale_columns(a), scale_columns(b))
    sa, sb = colsum(da), colsum(db)  # ~0, kept for exactness
    saa, sbb, sab = colsum(da * da), colsum(db * db), colsum(da * db)
    m = n - 1
    # sums without subject k, then centred cross-products: S_xy - S_x S_y / m
    sa_k, sb_k = sa - da, sb - db
    with np.errstate(invalid="ignore", divide="ignore"):
        cab = (sab - da * db) - sa_k * sb_k / m
        caa = (saa - da * da) - sa_k**2 / m
        cbb = (sbb - db * db) - sb_k**2 / m
        r = np.clip(cab / np.sqrt(caa * cbb), -1.0, 1.0)
    return np.where(~np.isnan(a) & (m >= 3), r, np.nan)


def pearson_leave_one_out(
    a: np.ndarray, b: np.ndarray, alternative: str = "two-sided"
) -> tuple[np.ndarray, np.ndarray]:
    """Pearson r and its t-test p with each subject deleted, shape (n, m) each.

    r from :func:`pearson_leave_one_out_r`; p on n - 3 degrees of freedom.

    Examples
    --------
    >>> a = np.array([[1.0], [2.0], [3.0], [4.0], [10.0]])
    >>> b = np.array([[1.0], [3.0], [2.0], [4.0], [12.0]])
    >>> r, p = pearson_leave_one_out(a, b)
    >>> round(float(p[4, 0]), 4)  # without subject 5: r = .8 on 4 pairs
    0.2
    """
    r = pearson_leave_one_out_r(a, b)
    _, p = r_t_test(r, count_finite(a).astype(float) - 3.0, alternative)
    return r, np.where(np.isnan(r), np.nan, p)


def leave_one_out(
    a: np.ndarray, b: np.ndarray, method: str, alternative: str = "two-sided"
) -> tuple[np.ndarray, np.ndarray]:
    """Estimates and p-values with each subject deleted in turn, shape (n, m).

    Pearson uses :func:`pearson_leave_one_out`; Spearman and Kendall
    :func:`rank_leave_one_out`. NaN where the subject is not in the pair, or
    where the pair has fewer than 4 complete rows.

    Examples
    --------
    >>> a = np.array([[1.0], [2.0], [3.0], [4.0], [10.0]])
    >>> b = np.array([[1.0], [3.0], [2.0], [4.0], [12.0]])
    >>> r, p = leave_one_out(a, b, "kendall")
    >>> r[:, 0].round(3).tolist()
    [0.667, 1.0, 1.0, 0.667, 0.667]
    """
    if method == "pearson":  # exact scaling: no overflow in the sums of squares (ranks need none)
        return pearson_leave_one_out(scale_columns(a), scale_columns(b), alternative)
    return rank_leave_one_out(a, b, method, alternative)


def rank_leave_one_out(
    a: np.ndarray, b: np.ndarray, method: str, alternative: str = "two-sided"
) -> tuple[np.ndarray, np.ndarray]:
    """Spearman's rho or Kendall's tau-b and their R p-values with each subject deleted, shape (n, m).

    Pairs are grouped by their complete rows (see
    :func:`biocorr.stats.resample.pattern_panels`); within a group every deletion of
    every pair is evaluated at once.

    Examples
    --------
    >>> a = np.array([[1.0], [2.0], [3.0], [4.0], [5.0], [6.0]])
    >>> b = np.array([[2.0], [1.0], [4.0], [3.0], [6.0], [5.0]])
    >>> r, p = rank_leave_one_out(a, b, "spearman")
    >>> float(r[0, 0]), round(float(p[0, 0]), 4)  # without subject 1: rho = .8, exact p = 16/120
    (0.8, 0.1333)
    """
    n, m = a.shape
    out_r = np.full((n, m), np.nan)
    out_p = np.full((n, m), np.nan)
    cols = np.flatnonzero(count_finite(a) >= 4)
    for group, rows, panel in pattern_panels(a, b, cols):
        k = len(rows)
        r = panel_jackknife(panel, method)  # (k, pairs)
        x_sums, x_tied = tie_sums_without_each_column(panel.x)
        y_sums, y_tied = tie_sums_without_each_column(panel.y)
        tied = x_tied[:, panel.ix] | y_tied[:, panel.iy]
        ok = np.isfinite(r)
        n_left = np.full(r.shape, k - 1)
        if method == "spearman":
            *_, p_ok = rank_p("spearman", r[ok], n_left[ok], tied[ok], alternative=alternative)
        else:
            *_, p_ok = rank_p(
                "kendall",
                r[ok],
                n_left[ok],
                tied[ok],
                kendall_downdated_s(panel)[ok],
                {key: v[:, panel.ix][ok] for key, v in x_sums.items()},
                {key: v[:, panel.iy][ok] for key, v in y_sums.items()},
                alternative=alternative,
            )
        p = np.full(r.shape, np.nan)
        p[ok] = p_ok
        if len(rows) == n and len(group) == m:  # complete data: one panel is the whole table
            return r, p
        out_r[np.ix_(rows, group)] = r
        out_p[np.ix_(rows, group)] = p
    return out_r, out_p


def spearman_loo_p_range(
    a: np.ndarray, b: np.ndarray, alternative: str = "two-sided"
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Spearman's rho with each subject deleted, shape (n, m), and the smallest and largest of
    the deletions' p-values, shape (m,), from at most four p-values per pair.

    Every deletion of a pair leaves the same k - 1 subjects' worth of ranks, and R's p for
    Spearman depends on rho through one monotone function per tie state: the exact null (AS 89)
    when the remaining ranks have no ties, the t approximation when they do. Within each state p
    falls as |rho| grows (two-sided), as rho grows ('greater') or as it falls ('less'), so the
    extremes of p are at the extremes of rho in each state: the same values as
    ``rank_leave_one_out``'s full (n, m) p-table, at a few evaluations per pair instead of n.

    Parameters
    ----------
    a, b : ndarray (n, m)
        Paired columns (NaN = missing).
    alternative : {'two-sided', 'greater', 'less'}

    Returns
    -------
    (r, min_p, max_p)

    References
    ----------
    Best DJ, Roberts DE (1975). Algorithm AS 89. *Applied Statistics* 24, 377-379.

    Examples
    --------
    >>> a = np.array([[1.0], [2.0], [3.0], [4.0], [5.0], [6.0]])
    >>> b = np.array([[2.0], [1.0], [4.0], [3.0], [6.0], [5.0]])
    >>> r, lo, hi = spearman_loo_p_range(a, b)
    >>> _, p = rank_leave_one_out(a, b, "spearman")
    >>> bool(lo[0] == np.nanmin(p[:, 0]) and hi[0] == np.nanmax(p[:, 0]))
    True
    """
    n, m = a.shape
    out_r = np.full((n, m), np.nan)
    min_p, max_p = np.full(m, np.nan), np.full(m, np.nan)
    for group, rows, panel in pattern_panels(a, b, np.flatnonzero(count_finite(a) >= 4)):
        r, lo, hi = _spearman_loo_panel(panel, alternative)
        out_r[np.ix_(rows, group)] = r
        min_p[group], max_p[group] = lo, hi
    return out_r, min_p, max_p


def spearman_loo_p_range_complete(
    x: np.ndarray, y: np.ndarray, ix: np.ndarray, iy: np.ndarray, alternative: str = "two-sided"
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`spearman_loo_p_range` of the pairs (``x[:, ix[j]]``, ``y[:, iy[j]]``) of complete
    variables (no NaN, at least 4 rows): each variable is ranked once, not once per pair, and no
    pair columns are formed or grouped (the same numbers).

    Examples
    --------
    >>> x = np.array([[1.0, 3], [2, 1], [3, 2], [4, 6], [5, 4], [6, 5]]); y = np.array([[2.0], [1], [4], [3], [6], [5]])
    >>> ix, iy = np.array([0, 1]), np.array([0, 0])
    >>> got = spearman_loo_p_range_complete(x, y, ix, iy)
    >>> want = spearman_loo_p_range(x[:, ix], y[:, iy])
    >>> all(bool(np.array_equal(g, w, equal_nan=True)) for g, w in zip(got, want))
    True
    """
    return _spearman_loo_panel(Panel(scale_columns(x), scale_columns(y), np.asarray(ix), np.asarray(iy)), alternative)


def _spearman_loo_panel(panel: Panel, alternative: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(rho with each row deleted (k, pairs), smallest p, largest p) of one panel's pairs."""
    r = panel_jackknife(panel, "spearman")  # (k, pairs)
    _, x_tied = tie_sums_without_each_column(panel.x)
    _, y_tied = tie_sums_without_each_column(panel.y)
    tied = x_tied[:, panel.ix] | y_tied[:, panel.iy]
    key = {"greater": r, "less": -r}.get(alternative, np.abs(r))  # p falls as the key grows
    cols = np.arange(r.shape[1])
    lows: list[np.ndarray] = []
    highs: list[np.ndarray] = []
    finite = np.isfinite(r)
    for state in (False, True):
        inside = finite & (tied == state)
        have = inside.any(axis=0)
        if not have.any():  # no deletion in this tie state (continuous data has no ties): nothing to add
            lows.append(np.full(r.shape[1], np.nan))
            highs.append(np.full(r.shape[1], np.nan))
            continue
        for pick, found in ((np.argmax, lows), (np.argmin, highs)):
            at = pick(np.where(inside, key, -np.inf if pick is np.argmax else np.inf), axis=0)
            p = np.full(r.shape[1], np.nan)
            *_, p[have] = rank_p(
                "spearman", r[at, cols][have], np.full(have.sum(), panel.x.shape[0] - 1), tied[at, cols][have],
                alternative=alternative,
            )  # fmt: skip
            found.append(p)
    with np.errstate(all="ignore"):
        lo, hi = np.fmin(*lows), np.fmax(*highs)
    return r, lo, hi


def cooks_distance(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cook's distance of each subject in the simple regression of b on a, shape (n, m).

    Examples
    --------
    >>> d = cooks_distance(np.array([[1.0], [2], [3], [4], [10]]), np.array([[1.0], [3], [2], [4], [12]]))
    >>> int(np.nanargmax(d[:, 0]))
    4
    """
    n, da, db, colsum = _centred(scale_columns(a), scale_columns(b))  # Cook's D is scale-free; no overflow
    with np.errstate(invalid="ignore", divide="ignore"):
        sxx = colsum(da * da)
        slope = colsum(da * db) / sxx
        resid = db - slope * da
        s2 = colsum(resid * resid) / (n - 2)
        h = 1 / n + da * da / sxx
        return resid**2 / (2 * s2) * h / (1 - h) ** 2


def cooks_distance_of_variables(x: np.ndarray, y: np.ndarray, ix: np.ndarray, iy: np.ndarray) -> np.ndarray:
    """:func:`cooks_distance` of the complete pairs (``x[:, ix[j]]``, ``y[:, iy[j]]``): each
    variable scaled and centred once, its sum of squares and leverages formed once (to ~1e-16 of
    the pair-column result).

    Examples
    --------
    >>> x = np.array([[1.0, 2], [2, 1], [3, 4], [4, 3], [10, 5]]); y = np.array([[1.0], [3], [2], [4], [12]])
    >>> ix, iy = np.array([0, 1]), np.array([0, 0])
    >>> bool(np.allclose(cooks_distance_of_variables(x, y, ix, iy), cooks_distance(x[:, ix], y[:, iy]), rtol=1e-13))
    True
    """
    x, y = scale_columns(x), scale_columns(y)
    n = float(x.shape[0])
    with np.errstate(invalid="ignore", divide="ignore"):
        dx = x - x.sum(axis=0) / n
        dy = y - y.sum(axis=0) / n
        sxx = (dx * dx).sum(axis=0)
        leverage = 1 / n + dx * dx / sxx  # (n, variables of x)
        da, db = dx[:, ix], dy[:, iy]
        slope = (da * db).sum(axis=0) / sxx[ix]
        resid = db - slope * da
        s2 = (resid * resid).sum(axis=0) / (n - 2)
        h = leverage[:, ix]
        return resid**2 / (2 * s2) * h / (1 - h) ** 2
