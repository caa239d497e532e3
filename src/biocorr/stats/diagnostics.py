"""Per-row diagnostics for correlation tables: any method's engine, leave-one-out summaries and
detectable effect size (all on paired columns, NaN = missing). BCa bootstrap intervals are in
:mod:`biocorr.stats.bootstrap`."""

from __future__ import annotations

import numpy as np
from scipy.special import ndtri

from .correlation import correlate_columns
from .influence import leave_one_out
from .robust import ROBUST_METHODS, robust_columns

ALPHA = 0.05


def method_columns(a: np.ndarray, b: np.ndarray, method: str, confidence: float = 0.95) -> dict:
    """Any method's results for paired columns: classical (R-identical) or robust."""
    if method in ROBUST_METHODS:
        return robust_columns(a, b, method)
    return correlate_columns(a, b, method, confidence)


def no_loo(m: int) -> dict[str, np.ndarray]:
    return {"loo_min": np.full(m, np.nan), "loo_max": np.full(m, np.nan), "loo_max_p": np.full(m, np.nan),
            "loo_most_influential": np.full(m, "", dtype=object),
            "loo_changes_significance": np.zeros(m, bool)}


def detectable_r_at(n) -> np.ndarray:
    """Smallest |r| detected with 80% power (two-sided .05) at n, by Fisher z (NaN for n <= 3).

    Examples
    --------
    >>> detectable_r_at(np.array([14, 24])).round(2).tolist()
    [0.69, 0.55]
    """
    n = np.asarray(n, float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(n > 3, np.tanh((ndtri(0.975) + ndtri(0.8)) / np.sqrt(n - 3)), np.nan)


def loo_summary(a: np.ndarray, b: np.ndarray, method: str, estimate: np.ndarray, p: np.ndarray,
                ids: np.ndarray) -> dict[str, np.ndarray]:
    """Leave-one-out range, largest p, most influential subject and significance flips per pair."""
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
