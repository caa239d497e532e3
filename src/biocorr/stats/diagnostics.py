"""Per-row diagnostics for correlation tables: any method's engine (the registry's dispatch) and
leave-one-out summaries, all on paired columns (NaN = missing). BCa intervals are in
:mod:`biocorr.stats.bootstrap`, Fisher-z intervals and detectable r in :mod:`biocorr.stats.fisher`."""

from __future__ import annotations

import numpy as np

from .correlation import correlate_columns
from .influence import leave_one_out
from .methods import ALPHA, CLASSICAL_METHODS, ROBUST_METHODS, method_info
from .robust import robust_columns


def method_columns(a: np.ndarray, b: np.ndarray, method: str, confidence: float = 0.95) -> dict:
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
        return robust_columns(a, b, method)
    if kind == "classical":
        return correlate_columns(a, b, method, confidence)
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
    a: np.ndarray, b: np.ndarray, method: str, estimate: np.ndarray, p: np.ndarray, ids: np.ndarray
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
    r_loo, p_loo = leave_one_out(a, b, method)
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
