"""Bootstrap BCa confidence intervals for every correlation method, batched.

Resampling
    Each pair is resampled from its own complete rows (the paired bootstrap:
    subjects are drawn with replacement, n fixed). Pairs whose complete rows are
    the same set of subjects (the usual case: one missingness pattern for a whole
    panel) share their resamples, and the per-variable work of a resample (ranks,
    scores) is done once per variable rather than once per pair. Resample indices
    are ``rng.integers(0, k, (B, k))`` with ``rng = numpy.random.default_rng(seed)``,
    the draw ``scipy.stats.bootstrap(..., paired=True)`` makes, so a single
    complete pair gives scipy's interval to rounding (tested).

Statistic on a resample
    :mod:`biocorr.stats.resample` evaluates every method on every resample of every
    pair of a panel at once (no per-resample Python loop); the jackknife for the
    acceleration is the same engine on the leave-one-out index sets. The skipped
    correlation reruns its O(n^2) outlier search per resample, so it is bootstrapped
    for n <= ``SKIPPED_MAX_N`` only; Kendall's resamples use each pair's n x n sign matrix, so it is
    bootstrapped for n <= ``KENDALL_MAX_N`` only (a note says so beyond).

Interval (Efron 1987; Efron & Tibshirani 1993, ch. 14)
    z0 = Phi^-1(share of resample estimates below the estimate, ties counted
    half, as scipy.stats.bootstrap does; estimates within 1e-12 of each other
    count as tied, so rounding cannot decide); a = sum(U^3) / (6 (sum U^2)^1.5)
    with U the jackknife deviations (a = 0 when they are all rounding noise,
    below 1e-12); the interval's ends are the linear-interpolation quantiles of
    the resample estimates at Phi(z0 + (z0 + z)/(1 - a(z0 + z))).
    Resamples whose estimate is undefined (a variable constant in the resample)
    are left out; how many were used is returned per pair.

References
----------
Efron B (1987). Better bootstrap confidence intervals. *JASA* 82, 171-185.
Efron B, Tibshirani RJ (1993). *An Introduction to the Bootstrap*. Chapman & Hall.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy.special import ndtr, ndtri

from .methods import BOOTSTRAP_METHODS
from .resample import panel_jackknife, pattern_panels, run_engine

__all__ = ["BOOTSTRAP_METHODS", "BootstrapIntervals", "bca_interval", "bootstrap_ci_columns", "resample_indices"]

MIN_ROWS = 4


SKIPPED_MAX_N = 100
KENDALL_MAX_N = 10_000  # Kendall's resamples use a k x k sign matrix per pair (400 MB in float32 at 10,000)


TIE_TOLERANCE = 1e-12  # estimates this close count as equal (z0 ties; a flat jackknife has a = 0)


@dataclass(frozen=True)
class BootstrapIntervals:
    """BCa intervals for m pairs.

    Attributes
    ----------
    low, high : ndarray (m,)
        Interval ends (NaN where no interval could be formed).
    n_used : ndarray (m,)
        Resamples with a defined estimate that entered the interval (0 where none ran).
    note : ndarray (m,) of str
        Why a pair has no interval or fewer resamples than asked for ("" otherwise).
    """

    low: np.ndarray
    high: np.ndarray
    n_used: np.ndarray
    note: np.ndarray


def resample_indices(k: int, n_resamples: int, rng: np.random.Generator) -> np.ndarray:
    """Bootstrap index sets, shape (n_resamples, k): subjects drawn with replacement.

    Examples
    --------
    >>> resample_indices(5, 2, np.random.default_rng(1)).shape
    (2, 5)
    """
    return rng.integers(0, k, (n_resamples, k))


def bca_interval(
    estimate: np.ndarray, boot: np.ndarray, jack: np.ndarray, confidence: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """BCa interval ends from resample and jackknife estimates, per column.

    Parameters
    ----------
    estimate : ndarray (m,)
        The estimate on the data.
    boot : ndarray (B, m)
        Bootstrap estimates; NaN (undefined) resamples are left out.
    jack : ndarray (n, m)
        Jackknife (leave-one-out) estimates; NaN ones are left out.
    confidence : float
        Two-sided level.

    Returns
    -------
    low, high, n_used : ndarray (m,)

    References
    ----------
    Efron B (1987), *JASA* 82, 171-185; Efron & Tibshirani (1993), eq. 14.14-14.15.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> lo, hi, used = bca_interval(np.array([0.0]), rng.normal(size=(4000, 1)), np.zeros((10, 1)) + 1e-3, 0.95)
    >>> bool(-2.1 < lo[0] < -1.8 and 1.8 < hi[0] < 2.1), int(used[0])
    (True, 4000)
    """
    # column-major, so every column's sums are taken in the same order whether a pair is bootstrapped
    # alone or with others (numpy sums a contiguous axis pairwise, a strided one sequentially)
    boot = np.asfortranarray(boot, dtype=float)
    jack = np.asfortranarray(jack, dtype=float)
    defined = ~np.isnan(boot)
    used = defined.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        below = (boot < estimate - TIE_TOLERANCE).sum(axis=0)
        at_or_below = (boot <= estimate + TIE_TOLERANCE).sum(axis=0)
        z0 = ndtri((below + at_or_below) / (2.0 * used))
        jack_defined = ~np.isnan(jack)
        jack_mean = np.nansum(jack, axis=0) / jack_defined.sum(axis=0)
        u = np.where(jack_defined, jack_mean - jack, 0.0)
        s2, s3 = (u * u).sum(axis=0), (u**3).sum(axis=0)
        # jackknife estimates equal up to rounding carry no skewness: their a would be noise / noise
        flat = np.abs(u).max(axis=0, initial=0.0) <= TIE_TOLERANCE
        accel = np.where(flat, 0.0, s3 / (6.0 * np.where(flat, 1.0, s2) ** 1.5))
        z = ndtri((1.0 - confidence) / 2.0)
        levels = [ndtr(z0 + (z0 + zz) / (1.0 - accel * (z0 + zz))) for zz in (z, -z)]
    ordered = np.sort(boot, axis=0)  # NaN last
    ends = []
    for level in levels:  # linear interpolation between order statistics (R type 7, numpy default)
        h = (used - 1) * level
        ok = np.isfinite(h) & (used > 0)
        lo_i = np.where(ok, np.floor(h), 0).astype(int)
        hi_i = np.minimum(lo_i + 1, np.maximum(used - 1, 0))
        cols = np.arange(boot.shape[1])
        v_lo, v_hi = ordered[lo_i, cols], ordered[hi_i, cols]
        ends.append(np.where(ok, v_lo + (np.where(ok, h, 0) - lo_i) * (v_hi - v_lo), np.nan))
    return ends[0], ends[1], used


def bootstrap_ci_columns(
    a: np.ndarray,
    b: np.ndarray,
    method: str,
    n_resamples: int,
    confidence: float,
    seed: int | None,
    estimate: np.ndarray | None = None,
    progress: Callable[[int], None] | None = None,
) -> BootstrapIntervals:
    """BCa bootstrap intervals for paired columns (NaN = missing), shared resamples per missingness pattern.

    Parameters
    ----------
    a, b : ndarray, shape (n, m)
        Paired columns with identical NaN patterns (see :func:`biocorr.stats.correlation.pair_columns`).
    method : str
        One of :data:`BOOTSTRAP_METHODS`.
    n_resamples : int
        Bootstrap resamples per pair.
    confidence : float
        Two-sided level.
    seed : int or None
        Seed of ``numpy.random.default_rng``; the same seed gives the same resamples
        to every method, so their intervals are comparable.
    estimate : ndarray (m,), optional
        The estimates on the data (computed here when omitted).
    progress : callable, optional
        Receives the number of pair-resamples done after each group of pairs
        (``n_resamples * m`` in all, pairs without a bootstrap included).

    Returns
    -------
    BootstrapIntervals

    References
    ----------
    Efron B (1987). Better bootstrap confidence intervals. *JASA* 82, 171-185.

    Examples
    --------
    >>> rng = np.random.default_rng(3)
    >>> x = rng.normal(size=(30, 1)); y = x + rng.normal(size=(30, 1))
    >>> ci = bootstrap_ci_columns(x, y, "pearson", 2000, 0.95, seed=1)
    >>> bool(ci.low[0] < np.corrcoef(x[:, 0], y[:, 0])[0, 1] < ci.high[0]), int(ci.n_used[0])
    (True, 2000)
    """
    a = np.asarray(a, float)
    b = np.asarray(b, float)
    m = a.shape[1]
    low, high = np.full(m, np.nan), np.full(m, np.nan)
    used = np.zeros(m, int)
    note = np.full(m, "", dtype=object)
    n = (~np.isnan(a)).sum(axis=0)
    todo = n >= MIN_ROWS
    note[~todo] = f"no bootstrap: fewer than {MIN_ROWS} complete pairs"
    if estimate is not None:
        todo &= ~np.isnan(estimate)  # nothing to bracket; the row's own note says why
    if method == "skipped_spearman":
        large = todo & (n > SKIPPED_MAX_N)
        note[large] = (
            f"no bootstrap for the skipped correlation at n > {SKIPPED_MAX_N} (each resample reruns "
            "the O(n^2) outlier search)"
        )
        todo &= ~large
    if method == "kendall":
        large = todo & (n > KENDALL_MAX_N)
        note[large] = (
            f"no bootstrap for Kendall's tau at n > {KENDALL_MAX_N:,} (each pair's resamples use an n x n "
            "sign matrix); the Fisher-z interval stands"
        )
        todo &= ~large
    rng = np.random.default_rng(seed)
    for group, rows, panel in pattern_panels(a, b, np.flatnonzero(todo)):
        k = len(rows)
        idx = resample_indices(k, n_resamples, rng)
        boot = run_engine(panel, idx, method)
        jack = panel_jackknife(panel, method)
        theta = run_engine(panel, np.arange(k)[None, :], method)[0] if estimate is None else estimate[group]
        low[group], high[group], used[group] = bca_interval(theta, boot, jack, confidence)
        if progress is not None:
            progress(n_resamples * len(group))
    if progress is not None:  # pairs without a bootstrap count as done, so a progress bar ends full
        progress(n_resamples * int(m - todo.sum()))
    short = todo & (used < n_resamples)
    note[short] = [
        f"bootstrap: {n_resamples - u} of {n_resamples} resamples had an undefined estimate "
        "(a variable constant, or its robust scale zero, in the resample) and were left out"
        for u in used[short]
    ]
    degenerate = todo & np.isnan(low) & (used > 0)
    note[degenerate] = "no bootstrap interval: the resample estimates are degenerate"
    return BootstrapIntervals(low=low, high=high, n_used=used, note=note)
