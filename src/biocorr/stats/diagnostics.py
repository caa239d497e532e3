"""Per-row diagnostics for correlation tables: any method's engine (the registry's dispatch) and
leave-one-out summaries, all on paired columns (NaN = missing). BCa intervals are in
:mod:`biocorr.stats.bootstrap`, Fisher-z intervals and detectable r in :mod:`biocorr.stats.fisher`."""

from __future__ import annotations

import numpy as np

from .correlation import CorrelationResult, correlate_columns, pair_columns
from .influence import leave_one_out
from .methods import ALPHA, CLASSICAL_METHODS, ROBUST_METHODS, method_info
from .robust import robust_columns


def method_columns(
    a: np.ndarray, b: np.ndarray, method: str, confidence: float = 0.95, alternative: str = "two-sided"
) -> dict:
    """Any classical or robust method's results for paired columns (the registry's dispatch).

    Classical methods give R-identical p-values and Fisher-z CIs
    (:func:`biocorr.stats.correlation.correlate_columns`); robust ones their t-tests and no
    analytic CI (:func:`biocorr.stats.robust.robust_columns`).

    Examples
    --------
    >>> a = np.array([[1.0], [2], [3], [4], [5]]); b = np.array([[2.0], [1], [4], [3], [5]])
    >>> float(method_columns(a, b, "kendall")["estimate"][0])
    0.6
    """
    kind = method_info(method).kind
    if kind == "robust":
        return robust_columns(a, b, method, alternative)
    if kind == "classical":
        return correlate_columns(a, b, method, confidence, alternative)
    raise ValueError(
        f"{method!r} is not computed from paired columns alone; use one of "
        + ", ".join(CLASSICAL_METHODS + ROBUST_METHODS)
    )


def no_loo(m: int) -> dict[str, np.ndarray]:
    """Empty leave-one-out columns for m rows (methods without a leave-one-out engine)."""
    return {
        "loo_min": np.full(m, np.nan),
        "loo_max": np.full(m, np.nan),
        "loo_max_p": np.full(m, np.nan),
        "loo_most_influential": np.full(m, "", dtype=object),
        "loo_changes_significance": np.zeros(m, bool),
    }


def loo_summary(
    a: np.ndarray,
    b: np.ndarray,
    method: str,
    estimate: np.ndarray,
    p: np.ndarray,
    ids: np.ndarray,
    alternative: str = "two-sided",
) -> dict[str, np.ndarray]:
    """Leave-one-out range, largest p, most influential subject and significance flips per pair.

    Examples
    --------
    >>> a = np.array([[1.0], [2], [3], [4], [10]]); b = np.array([[1.0], [3], [2], [4], [12]])
    >>> res = correlate_columns(a, b, "pearson")
    >>> s = loo_summary(a, b, "pearson", res["estimate"], res["p"], np.array(list("ABCDE"), dtype=object))
    >>> s["loo_most_influential"][0], bool(s["loo_changes_significance"][0])
    ('E', True)
    """
    if a.shape[0] == 0:
        return no_loo(a.shape[1])
    r_loo, p_loo = leave_one_out(a, b, method, alternative)
    have = ~np.all(np.isnan(r_loo), axis=0)
    with np.errstate(invalid="ignore"):
        shift = np.abs(r_loo - estimate)
        idx = np.argmax(np.where(np.isnan(shift), -np.inf, shift), axis=0)
        flips = np.any(((p_loo < ALPHA) != (p < ALPHA)) & ~np.isnan(p_loo), axis=0)
    return {
        "loo_min": np.where(have, np.where(np.isnan(r_loo), np.inf, r_loo).min(axis=0), np.nan),
        "loo_max": np.where(have, np.where(np.isnan(r_loo), -np.inf, r_loo).max(axis=0), np.nan),
        "loo_max_p": np.where(have, np.where(np.isnan(p_loo), -np.inf, p_loo).max(axis=0), np.nan),
        "loo_most_influential": np.where(have, ids[idx], ""),
        "loo_changes_significance": np.where(have, flips, False),
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
    a, b = pair_columns(x, y)
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be between 0 and 1, got {confidence}")
    res = method_columns(a, b, method, confidence, alternative)
    return CorrelationResult(
        method=method,
        n=int(res["n"][0]),
        estimate=float(res["estimate"][0]),
        ci_low=float(res["ci_low"][0]),
        ci_high=float(res["ci_high"][0]),
        ci_level=confidence,
        ci_method=str(res["ci_method"][0]),
        statistic=float(res["statistic"][0]),
        statistic_name=str(res["statistic_name"][0]),
        df=float(res["df"][0]),
        p=float(res["p"][0]),
        p_method=str(res["p_method"][0]),
    )
