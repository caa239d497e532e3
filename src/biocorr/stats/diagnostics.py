"""Per-row diagnostics for correlation tables: any method's engine, leave-one-out summaries,
detectable effect size and BCa bootstrap intervals (all on paired columns, NaN = missing)."""

from __future__ import annotations

import warnings

import numpy as np
from scipy import stats
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


def bootstrap_ci_columns(a: np.ndarray, b: np.ndarray, method: str, n_resamples: int,
                         confidence: float, seed: int | None) -> tuple[np.ndarray, np.ndarray]:
    """BCa bootstrap CI of the estimate for every pair (scipy.stats.bootstrap, paired resampling).

    Each pair's resamples are one batch (the statistic is vectorised over
    resamples); pairs are taken in turn with one seeded generator, so the result
    is reproducible. Reference: Efron B (1987), *JASA* 82, 171-185.
    """
    rng = np.random.default_rng(seed)
    lo = np.full(a.shape[1], np.nan)
    hi = np.full(a.shape[1], np.nan)

    def statistic(x, y, axis=-1):
        x = np.moveaxis(np.asarray(x, float), axis, 0)
        y = np.moveaxis(np.asarray(y, float), axis, 0)
        shape = x.shape[1:]
        res = method_columns(x.reshape(x.shape[0], -1), y.reshape(y.shape[0], -1), method)
        return res["estimate"].reshape(shape)

    for j in range(a.shape[1]):
        ok = ~np.isnan(a[:, j])
        if ok.sum() < 4 or np.ptp(a[ok, j]) == 0 or np.ptp(b[ok, j]) == 0:
            continue
        with np.errstate(invalid="ignore", divide="ignore"), warnings.catch_warnings():
            # a degenerate bootstrap distribution gives a NaN interval, which the table shows
            warnings.simplefilter("ignore")
            res = stats.bootstrap((a[ok, j], b[ok, j]), statistic, paired=True, vectorized=True,
                                  n_resamples=n_resamples, confidence_level=confidence, method="BCa",
                                  rng=rng)
        lo[j], hi[j] = res.confidence_interval
    return lo, hi
