"""Per-row diagnostics for correlation tables: any method's engine (the registry's dispatch) and
leave-one-out summaries, all on paired columns (NaN = missing). BCa intervals are in
:mod:`biocorr.stats.bootstrap`, Fisher-z intervals and detectable r in :mod:`biocorr.stats.fisher`."""

from __future__ import annotations

import numpy as np

from .correlation import CorrelationResult, correlate_columns, pair_columns, r_t_test
from .influence import (
    cooks_distance,
    cooks_distance_of_variables,
    leave_one_out,
    pearson_leave_one_out_r,
    spearman_loo_p_range,
    spearman_loo_p_range_complete,
)
from .methods import ALPHA, method_info
from .options import check_alternative, check_confidence, check_method
from .pair_stats import PairStats
from .robust import robust_columns
from .ties import count_finite


def method_columns(
    a: np.ndarray,
    b: np.ndarray,
    method: str,
    confidence: float = 0.95,
    alternative: str = "two-sided",
    variables: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None,
) -> PairStats:
    """Any classical or robust method's results for paired columns (the registry's dispatch).

    Classical methods give R-identical p-values and Fisher-z CIs
    (:func:`biocorr.stats.correlation.correlate_columns`); robust ones their t-tests and no
    analytic CI (:func:`biocorr.stats.robust.robust_columns`). ``variables``: see
    :func:`biocorr.stats.correlation.correlate_columns`.

    Examples
    --------
    >>> a = np.array([[1.0], [2], [3], [4], [5]]); b = np.array([[2.0], [1], [4], [3], [5]])
    >>> float(method_columns(a, b, "kendall").estimate[0])
    0.6
    """
    if method_info(check_method(method)).kind == "robust":
        return robust_columns(a, b, method, check_alternative(alternative))
    return correlate_columns(a, b, method, confidence, alternative, variables)


def no_loo(m: int) -> dict[str, np.ndarray]:
    """Empty leave-one-out columns for m rows (methods without a leave-one-out engine)."""
    return {
        "loo_min": np.full(m, np.nan),
        "loo_max": np.full(m, np.nan),
        "loo_min_p": np.full(m, np.nan),
        "loo_max_p": np.full(m, np.nan),
        "loo_most_influential": np.full(m, "", dtype=object),
        "loo_changes_significance": np.zeros(m, bool),
    }


def _masked_extreme(v: np.ndarray, largest: bool) -> np.ndarray:
    """Row index of each column's largest (or smallest) non-NaN value (0 for an all-NaN column)."""
    if not np.isnan(v).any():  # nothing to mask: the same index without a masked copy
        return np.argmax(v, axis=0) if largest else np.argmin(v, axis=0)
    if largest:
        return np.argmax(np.where(np.isnan(v), -np.inf, v), axis=0)
    return np.argmin(np.where(np.isnan(v), np.inf, v), axis=0)


def _pearson_loo_p_range(r_loo: np.ndarray, n: np.ndarray, alternative: str) -> tuple[np.ndarray, np.ndarray]:
    """Smallest and largest leave-one-out p of each Pearson pair from two t-tests per pair.

    Every deletion of a pair leaves n - 1 subjects, so all its p-values share n - 3 degrees of
    freedom and p is monotone in the deleted-sample r: decreasing in |r| (two-sided), in r
    ('greater') or in -r ('less'). The extremes of r therefore give the extremes of p, and
    only 2 of the n p-values per pair are computed (the t distribution function dominates
    the cost of the full table).
    """
    key = np.abs(r_loo) if alternative == "two-sided" else (r_loo if alternative == "greater" else -r_loo)
    cols = np.arange(r_loo.shape[1])
    strongest = r_loo[_masked_extreme(key, True), cols]
    weakest = r_loo[_masked_extreme(key, False), cols]
    df = n - 3.0
    return r_t_test(strongest, df, alternative)[1], r_t_test(weakest, df, alternative)[1]


BLOCK_CELLS = 1 << 15  # subjects x pair columns per block of a per-row extra (256 KiB of float64)


def column_blocks(n: int, m: int, cells: int | None = None) -> list[slice]:
    """Slices of m pair columns whose n x columns blocks hold about ``cells`` values each.

    Per-row extras (leave-one-out, Cook's distance) are computed a block at a time: their
    (n, columns) intermediates stay in the processor's cache and are reused by the allocator
    instead of being faulted in afresh, and memory stays bounded whatever the number of pairs.

    Examples
    --------
    >>> column_blocks(24, 3000)
    [slice(0, 1365, None), slice(1365, 2730, None), slice(2730, 3000, None)]
    """
    step = max(1, (BLOCK_CELLS if cells is None else cells) // max(n, 1))
    return [slice(s, min(s + step, m)) for s in range(0, m, step)] or [slice(0, 0)]


def by_column_blocks(summary, a: np.ndarray, b: np.ndarray, *per_column, **options) -> dict[str, np.ndarray]:
    """``summary(a, b, *per_column, **options)`` (a dict of (m,) arrays) over :func:`column_blocks`."""
    parts = [
        summary(a[:, cut], b[:, cut], *(v[cut] for v in per_column), **options)
        for cut in column_blocks(a.shape[0], a.shape[1])
    ]
    return parts[0] if len(parts) == 1 else {key: np.concatenate([part[key] for part in parts]) for key in parts[0]}


def loo_summary(
    a: np.ndarray,
    b: np.ndarray,
    method: str,
    estimate: np.ndarray,
    p: np.ndarray,
    ids: np.ndarray,
    alternative: str = "two-sided",
    variables: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None,
) -> dict[str, np.ndarray]:
    """Leave-one-out range, smallest and largest p, most influential subject and significance flips.

    A pair's significance flips when its p is below ALPHA (.05) and some deletion's p is not
    (``loo_max_p`` crosses), or its p is not below ALPHA and some deletion's p is
    (``loo_min_p`` crosses).

    Parameters
    ----------
    a, b : ndarray (n, m)
        Paired columns (NaN = missing).
    method : str
        'pearson', 'spearman' or 'kendall'.
    estimate, p : ndarray (m,)
        The full-sample estimate and p of each pair.
    ids : ndarray (n,) of object
        Subject ids, for ``loo_most_influential``.
    alternative : {'two-sided', 'greater', 'less'}
    variables : (xv, yv, ix, iy), optional
        The variables the pair columns were made of (pair j is ``xv[:, ix[j]]``, ``yv[:, iy[j]]``):
        with complete data, Spearman's leave-one-out ranks each variable once (the same numbers).

    Returns
    -------
    dict of ndarray (m,)
        ``loo_min``, ``loo_max``, ``loo_min_p``, ``loo_max_p``, ``loo_most_influential``,
        ``loo_changes_significance``.

    References
    ----------
    Belsley DA, Kuh E, Welsch RE (1980). *Regression Diagnostics*. Wiley, ch. 2.

    Examples
    --------
    >>> a = np.array([[1.0], [2], [3], [4], [10]]); b = np.array([[1.0], [3], [2], [4], [12]])
    >>> res = correlate_columns(a, b, "pearson")
    >>> s = loo_summary(a, b, "pearson", res.estimate, res.p, np.array(list("ABCDE"), dtype=object))
    >>> s["loo_most_influential"][0], bool(s["loo_changes_significance"][0]), round(float(s["loo_max_p"][0]), 4)
    ('E', True, 0.2)
    """
    if a.shape[0] == 0:
        return no_loo(a.shape[1])
    if method == "spearman" and variables is not None and a.shape[0] >= 4:
        xv, yv, ix, iy = variables
        if not (np.isnan(xv).any() or np.isnan(yv).any()):  # complete data: each variable ranked once
            parts = []
            for cut in column_blocks(a.shape[0], a.shape[1]):
                used_x, px = np.unique(ix[cut], return_inverse=True)
                used_y, py = np.unique(iy[cut], return_inverse=True)
                ranged = spearman_loo_p_range_complete(xv[:, used_x], yv[:, used_y], px, py, alternative)
                parts.append(_loo_summary_block(a[:, cut], b[:, cut], estimate[cut], p[cut], method, ids, alternative,
                                                ranged))  # fmt: skip
            return parts[0] if len(parts) == 1 else {key: np.concatenate([q[key] for q in parts]) for key in parts[0]}
    return by_column_blocks(_loo_summary_block, a, b, estimate, p, method=method, ids=ids, alternative=alternative)


def _loo_summary_block(
    a: np.ndarray,
    b: np.ndarray,
    estimate: np.ndarray,
    p: np.ndarray,
    method: str,
    ids: np.ndarray,
    alternative: str,
    ranged: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
) -> dict[str, np.ndarray]:
    """:func:`loo_summary` of one block of pair columns (``ranged``: Spearman's leave-one-out rho
    and p range of the block, when computed from its variables)."""
    if ranged is not None:
        r_loo, min_p, max_p = ranged
    elif method == "pearson":
        r_loo = pearson_leave_one_out_r(a, b)
        min_p, max_p = _pearson_loo_p_range(r_loo, count_finite(a).astype(float), alternative)
    elif method == "spearman":  # p only at the extremes of rho in each tie state
        r_loo, min_p, max_p = spearman_loo_p_range(a, b, alternative)
    else:
        r_loo, p_loo = leave_one_out(a, b, method, alternative)
        cols = np.arange(a.shape[1])
        min_p = p_loo[_masked_extreme(p_loo, False), cols]
        max_p = p_loo[_masked_extreme(p_loo, True), cols]
    have = ~np.all(np.isnan(r_loo), axis=0)
    with np.errstate(invalid="ignore"):
        shift = np.abs(r_loo - estimate)
        flips = np.where(p < ALPHA, max_p >= ALPHA, min_p < ALPHA)
    return {
        "loo_min": np.where(have, r_loo[_masked_extreme(r_loo, False), np.arange(a.shape[1])], np.nan),
        "loo_max": np.where(have, r_loo[_masked_extreme(r_loo, True), np.arange(a.shape[1])], np.nan),
        "loo_min_p": np.where(have, min_p, np.nan),
        "loo_max_p": np.where(have, max_p, np.nan),
        "loo_most_influential": np.where(have, ids[_masked_extreme(shift, True)], ""),
        "loo_changes_significance": have & flips,
    }


def cooks_summary(
    a: np.ndarray,
    b: np.ndarray,
    ids: np.ndarray,
    variables: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None,
) -> dict[str, np.ndarray]:
    """Each pair's largest Cook's distance and the subject it belongs to (block by block).

    Parameters
    ----------
    a, b : ndarray (n, m)
        Paired columns (NaN = missing).
    ids : ndarray (n,) of object
        Subject ids.
    variables : (xv, yv, ix, iy), optional
        The variables of the pair columns: with complete data each is centred once.

    Returns
    -------
    dict of ndarray (m,)
        ``cooks_d_max`` (NaN when no subject has a distance) and ``cooks_d_subject`` ('' then).

    References
    ----------
    Cook RD (1977). Detection of influential observation in linear regression.
    *Technometrics* 19, 15-18.

    Examples
    --------
    >>> a = np.array([[1.0], [2], [3], [4], [10]]); b = np.array([[1.0], [3], [2], [4], [12]])
    >>> s = cooks_summary(a, b, np.array(list("ABCDE"), dtype=object))
    >>> s["cooks_d_subject"][0], round(float(s["cooks_d_max"][0]), 3)  # R: cooks.distance(lm(b ~ a))[5]
    ('E', 6.081)
    """
    if a.shape[0] == 0:
        return {"cooks_d_max": np.full(a.shape[1], np.nan), "cooks_d_subject": np.full(a.shape[1], "", dtype=object)}
    if variables is not None and not (np.isnan(variables[0]).any() or np.isnan(variables[1]).any()):
        xv, yv, ix, iy = variables  # complete data: per variable, a block of pairs at a time
        parts = []
        for cut in column_blocks(a.shape[0], a.shape[1]):
            used_x, px = np.unique(ix[cut], return_inverse=True)
            used_y, py = np.unique(iy[cut], return_inverse=True)
            cooks = cooks_distance_of_variables(xv[:, used_x], yv[:, used_y], px, py)
            parts.append(_cooks_summary_block(a[:, cut], b[:, cut], ids, cooks))
        return parts[0] if len(parts) == 1 else {key: np.concatenate([q[key] for q in parts]) for key in parts[0]}
    return by_column_blocks(_cooks_summary_block, a, b, ids=ids)


def _cooks_summary_block(
    a: np.ndarray, b: np.ndarray, ids: np.ndarray, cooks: np.ndarray | None = None
) -> dict[str, np.ndarray]:
    """:func:`cooks_summary` of one block of pair columns (``cooks``: its distances, when formed
    from the variables)."""
    cooks = cooks_distance(a, b) if cooks is None else cooks
    has = ~np.all(np.isnan(cooks), axis=0)
    masked = np.where(np.isnan(cooks), -np.inf, cooks)
    return {
        "cooks_d_max": np.where(has, masked.max(axis=0), np.nan),
        "cooks_d_subject": np.where(has, ids[np.argmax(masked, axis=0)], ""),
    }


def correlation_test(
    x, y, method: str = "pearson", confidence: float = 0.95, alternative: str = "two-sided"
) -> CorrelationResult:
    """Test the correlation of two variables (pairwise-complete), as R's ``cor.test``.

    Parameters
    ----------
    x, y : array-like of float
        Equal-length vectors; NaN marks a missing value (the pair is dropped).
    method : str
        Any method of the registry that works on a pair alone: 'pearson', 'spearman',
        'kendall' (p-values and CIs as R's cor.test) or the robust 'percbend', 'bicor',
        'skipped_spearman' (t-test p-values, no analytic CI: ``ci_low``/``ci_high`` are NaN).
    confidence : float
        Level of the confidence interval (default 0.95).
    alternative : {'two-sided', 'greater', 'less'}
        As R's ``cor.test``: one-sided tests give a one-sided p and interval.

    Returns
    -------
    CorrelationResult

    References
    ----------
    R Core Team, ``stats::cor.test``; see :mod:`biocorr.stats.correlation` and
    :mod:`biocorr.stats.robust` for each method's reference.

    Examples
    --------
    >>> res = correlation_test([1, 2, 3, 4, 5, 6], [2, 1, 4, 3, 6, 5])
    >>> round(res.estimate, 4), round(res.p, 4), res.p_method
    (0.8286, 0.0416, 't distribution')
    >>> correlation_test([1, 2, 3, 4, 5, 6], [2, 1, 4, 3, 6, 5], "kendall").p_method
    'exact'
    >>> round(correlation_test([1, 2, 3, 4, 5, 6, 7, 30], [2, 1, 4, 3, 6, 5, 8, -20], "percbend").estimate, 4)
    0.4333
    """
    x = np.asarray(x, float).reshape(-1, 1)
    y = np.asarray(y, float).reshape(-1, 1)
    if x.shape != y.shape:
        raise ValueError(f"x and y must have the same length, got {len(x)} and {len(y)}")
    method, confidence = check_method(method), check_confidence(confidence)
    alternative = check_alternative(alternative)
    a, b = pair_columns(x, y)
    res = method_columns(a, b, method, confidence, alternative)
    return CorrelationResult(
        method=method,
        n=int(res.n[0]),
        estimate=float(res.estimate[0]),
        ci_low=float(res.ci_low[0]),
        ci_high=float(res.ci_high[0]),
        ci_level=confidence,
        ci_method=str(res.ci_method[0]),
        statistic=float(res.statistic[0]),
        statistic_name=str(res.statistic_name[0]),
        df=float(res.df[0]),
        p=float(res.p[0]),
        p_method=str(res.p_method[0]),
    )
