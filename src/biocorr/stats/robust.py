"""Robust correlations: percentage bend, biweight midcorrelation, skipped correlation.

All three take paired columns ``a, b`` (n, m) with NaN for missing values and
return estimates, t statistics (n_used - 2 df) and two-sided p-values for every
column, vectorised over columns.

- Percentage bend (Wilcox 1994; 2012 section 9.3.1), bending constant beta = 0.2:
  each variable is centred at its percentage-bend location phi and scaled by
  omega, the ceil-rounded (1 - beta) quantile of |x - median|, then clipped to
  [-1, 1]; r_pb is the cosine of the two vectors; t = r sqrt((n-2)/(1-r^2)).
- Biweight midcorrelation (Wilcox 2012 section 9.3.8): u = (x - median) / (9 MAD),
  weights (1 - u^2)^2 for |u| < 1; the same t test (as pingouin).
- Skipped correlation (Wilcox 2004; Rousselet & Pernet 2012): bivariate outliers
  are removed by the projection method, with the marginal medians as the centre
  (Wilcox's ``cop = 3`` option), distances judged by the boxplot rule with the
  ideal fourths and the constant sqrt(chi2_0.975,2); Spearman's rho (default) or
  Pearson's r is computed on the rest, with the t-test p on the remaining n.
  That p-value is not corrected for the removal (Wilcox's corrected critical
  values need simulation), as in pingouin; the number removed is reported.

References
----------
Wilcox RR (1994). The percentage bend correlation coefficient. *Psychometrika*
59, 601-616. Wilcox RR (2004). Inferences based on a skipped correlation
coefficient. *J Appl Stat* 31, 131-143. Wilcox RR (2012). *Introduction to Robust
Estimation and Hypothesis Testing*, 3rd ed. Pernet CR, Wilcox RR, Rousselet GA
(2013). Robust correlation analyses. *Front Psychol* 3, 606.
"""

from __future__ import annotations

import warnings

import numpy as np

from .correlation import correlate_columns, mask_unpaired, r_t_test
from .methods import NO_ANALYTIC_CI, ROBUST_METHODS
from .pair_stats import PairStats
from .ties import count_finite, is_constant, scale_columns

BETA = 0.2
UNDEFINED_MAD = "undefined: a variable's MAD is zero (half or more of its values are tied at its median)"
SKIPPED_MAX_N = 10_000  # above this many pairs the O(n^2) projection search is not run (a note says so)

CHI2_2DF_975 = float(np.sqrt(-2.0 * np.log(0.025)))
"""Wilcox's skipped-correlation cut-off: the square root of chi-square's 0.975 quantile with 2 df. With
2 df chi-square is exponential with mean 2, so the quantile is -2 ln(0.025) = 7.3778 (R's qchisq(.975, 2))."""


def _t_test(r: np.ndarray, n: np.ndarray):
    t, p = r_t_test(r, n - 2.0)
    bad = n < 3
    return np.where(bad, np.nan, t), np.where(bad, np.nan, p)


def _nanmedian(a):
    n = a.shape[0]
    if n and not np.isnan(a).any():  # complete columns (e.g. bootstrap resamples): one O(n) selection
        part = np.partition(a, n // 2, axis=0)
        upper = part[n // 2]
        return upper if n % 2 else 0.5 * (part[: n // 2].max(axis=0) + upper)
    with warnings.catch_warnings():  # all-missing columns give NaN, reported by the caller
        warnings.simplefilter("ignore", RuntimeWarning)
        return np.nanmedian(a, axis=0) if a.shape[0] else np.full(a.shape[1], np.nan)


def bend_scores(x: np.ndarray, beta: float = BETA) -> np.ndarray:
    """Percentage-bend scores of each column, clipped to [-1, 1] (NaN stays NaN).

    The percentage-bend correlation of two columns is the cosine of their scores. omega is
    the floor((1 - beta) n)-th smallest |x - median|, as WRS2's ``pbcor`` and ``pbos``; a
    column whose omega is zero (more than (1 - beta) of its values tied at the median) has no
    percentage-bend scale, and its scores are NaN (WRS2 gives NA).

    Examples
    --------
    >>> bend_scores(np.array([[1.0], [2], [3], [100]])).ravel().round(3).tolist()
    [-1.0, -0.333, 0.333, 1.0]
    >>> bool(np.isnan(bend_scores(np.array([[5.0], [5], [5], [5], [5], [1]]))).all())
    True
    >>> bend_scores(np.empty((0, 2))).shape
    (0, 2)
    """
    if x.shape[0] == 0:  # an empty subset (a group with no row at a visit): no scores
        return np.full(x.shape, np.nan)
    n = count_finite(x)
    med = _nanmedian(x)
    dev = x - med
    m = np.maximum(np.floor((1 - beta) * n).astype(int), 1)
    if len(x) and (n == len(x)).all():  # no missing values: every column's m is the same, select in O(n)
        omega = np.partition(np.abs(dev), m[0] - 1, axis=0)[m[0] - 1]
    else:
        w = np.sort(np.abs(dev), axis=0)  # NaN last
        omega = np.take_along_axis(w, np.clip(m - 1, 0, max(len(w) - 1, 0))[None, :], axis=0)[0]
    with np.errstate(invalid="ignore", divide="ignore"):
        psi = dev / omega  # NaN compares False below, so plain sums skip missing values
        i1 = np.count_nonzero(psi < -1, axis=0)
        i2 = np.count_nonzero(psi > 1, axis=0)
        inner = np.where(np.abs(psi) <= 1, x, 0.0).sum(axis=0)
        phi = (omega * (i2 - i1) + inner) / (n - i1 - i2)
        scores = np.clip((x - phi) / omega, -1, 1)
    return np.where(omega > 0, scores, np.nan)


def percentage_bend(a: np.ndarray, b: np.ndarray, beta: float = BETA) -> dict[str, np.ndarray]:
    """Percentage bend correlation with its t-test (Wilcox 1994), column-wise.

    Examples
    --------
    >>> x = np.array([[1.0], [2], [3], [4], [5], [6], [7], [30]])
    >>> y = np.array([[2.0], [1], [4], [3], [6], [5], [8], [-20]])
    >>> float(percentage_bend(x, y)["estimate"][0]) > 0 > float(np.corrcoef(x[:, 0], y[:, 0])[0, 1])
    True
    """
    a, b = mask_unpaired(a, b)
    r = cosine_columns(bend_scores(a, beta), bend_scores(b, beta))
    r = np.where(is_constant(a) | is_constant(b), np.nan, r)
    n = count_finite(a).astype(float)
    t, p = _t_test(r, n)
    return {"estimate": r, "statistic": t, "p": p, "n": n}


def biweight_midcorrelation(a: np.ndarray, b: np.ndarray) -> dict[str, np.ndarray]:
    """Biweight midcorrelation with a t-test on n - 2 df, column-wise.

    Examples
    --------
    >>> x = np.array([[1.0], [2], [3], [4], [5], [6], [7], [30]])
    >>> round(float(biweight_midcorrelation(x, x)["estimate"][0]), 12)
    1.0
    """
    a, b = mask_unpaired(a, b)
    r = cosine_columns(biweight_scores(a), biweight_scores(b))
    r = np.where(is_constant(a) | is_constant(b), np.nan, r)
    n = count_finite(a).astype(float)
    t, p = _t_test(r, n)
    return {"estimate": r, "statistic": t, "p": p, "n": n}


def biweight_scores(x: np.ndarray) -> np.ndarray:
    """Biweight-weighted deviations from the median, (x - med) (1 - u^2)^2 with u = (x - med)/(9 MAD).

    The biweight midcorrelation of two columns is the cosine of their scores.

    Examples
    --------
    >>> biweight_scores(np.array([[1.0], [2], [3], [100]])).ravel().round(3).tolist()
    [-1.418, -0.497, 0.497, 0.0]
    """
    med = _nanmedian(x)
    mad = _nanmedian(np.abs(x - med))
    with np.errstate(invalid="ignore", divide="ignore"):
        u = (x - med) / (9 * mad)
        w = np.where(np.abs(u) < 1, (1 - u * u) ** 2, 0.0)
    return np.where(np.isnan(x), np.nan, (x - med) * w)


def ideal_fourths(v: np.ndarray) -> tuple[float, float]:
    """Wilcox's ideal fourths (lower, upper quartile estimates) of a 1-D sample.

    Examples
    --------
    >>> ideal_fourths(np.arange(1.0, 11.0))
    (2.9166666666666665, 8.083333333333334)
    """
    x = np.sort(v)
    n = len(x)
    j = int(np.floor(n / 4 + 5 / 12))
    h = n / 4 + 5 / 12 - j
    lower = (1 - h) * x[j - 1] + h * x[j]
    upper = (1 - h) * x[n - j] + h * x[n - j - 1]
    return float(lower), float(upper)


MAD_CONSTANT = 1.4826  # R's mad(): the MAD scaled to estimate a normal SD
SKIPPED_LINES_PER_CHUNK = 256  # projection lines per block: memory is (block, n) floats, not (n, n)


def _mad(v: np.ndarray) -> np.ndarray:
    """R's ``mad`` along the last axis (constant 1.4826)."""
    med = np.median(v, axis=-1, keepdims=True)
    return MAD_CONSTANT * np.median(np.abs(v - med), axis=-1)


def skipped_scale_defined(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """True where both margins have a non-zero MAD, so the projection method's standardisation exists.

    Examples
    --------
    >>> bool(skipped_scale_defined(np.array([1.0, 2, 3, 4]), np.array([5.0, 5, 5, 6])))
    False
    """
    return (_mad(np.asarray(x, float)) > 0) & (_mad(np.asarray(y, float)) > 0)


def skipped_outliers(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Bivariate outliers by the projection method, boolean mask (Wilcox's ``outpro``, ``cop = 3``).

    Each margin is first standardised by its median and MAD (``STAND = TRUE``, Wilcox's
    default), so the points removed do not depend on the units of either variable. For
    each point P_i, every point is projected onto the line through the centre (the
    marginal medians) and P_i; a point whose projected distance exceeds median +
    sqrt(chi2_.975,2) * IQR (ideal fourths) in any projection is an outlier (Wilcox 2012,
    section 6.4.9). A margin with zero MAD has no standardisation; check
    :func:`skipped_scale_defined` first (its mask here is meaningless).

    ``x`` and ``y`` may carry leading batch axes (shape (..., n), e.g. bootstrap
    resamples); each sample along the last axis is screened on its own. A single sample
    is screened in blocks of projection lines, so memory grows as n, not n^2.

    References
    ----------
    Wilcox RR (2012). *Introduction to Robust Estimation and Hypothesis Testing*, 3rd ed.,
    section 6.4.9; R functions ``outpro`` and ``scor`` (WRS).

    Examples
    --------
    >>> x = np.array([1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 40])
    >>> np.flatnonzero(skipped_outliers(x, -x ** 0.5 + np.r_[np.zeros(10), 30])).tolist()
    [10]
    >>> bool((skipped_outliers(x, x ** 0.5) == skipped_outliers(x / 1000, x ** 0.5)).all())  # units
    True
    """
    pts = np.stack([np.asarray(x, float), np.asarray(y, float)], axis=-1)  # (..., n, 2)
    centre = np.median(pts, axis=-2, keepdims=True)
    scale = MAD_CONSTANT * np.median(np.abs(pts - centre), axis=-2, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        std = (pts - centre) / np.where(scale > 0, scale, 1.0)
    d = std - np.median(std, axis=-2, keepdims=True)
    norms = np.sqrt((d * d).sum(axis=-1))
    n = d.shape[-2]
    if d.ndim == 2 and n > SKIPPED_LINES_PER_CHUNK:
        flags = np.zeros(n, bool)
        for start in range(0, n, SKIPPED_LINES_PER_CHUNK):
            stop = min(start + SKIPPED_LINES_PER_CHUNK, n)
            flags |= _flag_along_lines(d[start:stop], d, norms[start:stop])
        return flags
    return _flag_along_lines(d, d, norms)


def _flag_along_lines(lines_d: np.ndarray, d: np.ndarray, norms: np.ndarray) -> np.ndarray:
    """Points beyond the boxplot cut on any of the given lines (rows of ``lines_d``)."""
    lines = norms > 0  # a point at the centre defines no line: its row of distances is all zero
    with np.errstate(invalid="ignore", divide="ignore"):
        unsorted = np.abs(lines_d @ np.swapaxes(d, -1, -2)) / norms[..., :, None]  # row i: distances along line i
    unsorted = np.where(lines[..., :, None], unsorted, 0.0)
    proj = np.sort(unsorted, axis=-1)
    n = proj.shape[-1]
    j = int(np.floor(n / 4 + 5 / 12))
    h = n / 4 + 5 / 12 - j
    lower = (1 - h) * proj[..., j - 1] + h * proj[..., j]
    upper = (1 - h) * proj[..., n - j] + h * proj[..., n - j - 1]
    median = 0.5 * (proj[..., (n - 1) // 2] + proj[..., n // 2])
    cut = median + CHI2_2DF_975 * (upper - lower)
    return (unsorted > cut[..., :, None]).any(axis=-2)


def skipped_correlation(a: np.ndarray, b: np.ndarray, method: str = "spearman") -> dict[str, np.ndarray]:
    """Skipped correlation: remove projection outliers, then Spearman (or Pearson), column-wise.

    Returns ``estimate, statistic, p, n`` (pairs kept) and ``n_removed``.

    Examples
    --------
    >>> x = np.array([[1.0], [2], [3], [4], [5], [6], [7], [8], [9], [10], [40]])
    >>> y = np.array([[1.0], [3], [2], [5], [4], [6], [8], [7], [10], [9], [-30]])
    >>> int(skipped_correlation(x, y)["n_removed"][0])
    1
    """
    a, b = mask_unpaired(a, b)
    m = a.shape[1]
    keep_a = np.full(a.shape, np.nan)
    keep_b = np.full(b.shape, np.nan)
    removed = np.zeros(m)
    note = np.full(m, "", dtype=object)
    for j in range(m):  # the projection step is per pair (O(n^2) time, O(n) memory); the correlation is vectorised
        ok = ~np.isnan(a[:, j])
        if ok.sum() < 5:
            if ok.sum() >= 3:
                note[j] = "not computed: the projection search needs at least 5 complete pairs"
            removed[j] = np.nan
            continue
        if ok.sum() > SKIPPED_MAX_N:
            note[j] = (
                f"not computed: n = {int(ok.sum())} is above {SKIPPED_MAX_N:,} (the projection search "
                "takes n^2 steps per pair)"
            )
            removed[j] = np.nan
            continue
        if not skipped_scale_defined(a[ok, j], b[ok, j]):
            note[j] = UNDEFINED_MAD
            removed[j] = np.nan
            continue
        out = skipped_outliers(a[ok, j], b[ok, j])
        idx = np.flatnonzero(ok)[~out]
        keep_a[idx, j], keep_b[idx, j] = a[idx, j], b[idx, j]
        removed[j] = out.sum()
    res = correlate_columns(keep_a, keep_b, "pearson" if method == "pearson" else "spearman")
    n = np.where(note == "", res.n, count_finite(a)).astype(float)  # not run: n is the complete pairs
    t, p = _t_test(res.estimate, n)
    return {"estimate": res.estimate, "statistic": t, "p": p, "n": n, "n_removed": removed, "note": note}


def robust_columns(a: np.ndarray, b: np.ndarray, method: str, alternative: str = "two-sided") -> PairStats:
    """A robust method's results in the shape of :func:`correlate_columns` (no analytic CI)."""
    if method not in ROBUST_METHODS:
        raise ValueError(f"unknown robust method {method!r}; use one of {ROBUST_METHODS}")
    a, b = scale_columns(a), scale_columns(b)  # exact; no overflow in the scores' sums of squares
    fn = {
        "percbend": percentage_bend,
        "bicor": biweight_midcorrelation,
        "skipped_spearman": lambda x, y: skipped_correlation(x, y, "spearman"),
    }[method]
    res = fn(a, b)
    if alternative != "two-sided":  # the same t on n - 2 df, one tail
        t, p = r_t_test(res["estimate"], res["n"] - 2.0, alternative)
        res = {
            **res,
            "statistic": np.where(np.isfinite(res["p"]), t, np.nan),
            "p": np.where(np.isfinite(res["p"]), p, np.nan),
        }
    m = len(res["estimate"])
    ok = np.isfinite(res["p"])
    note = res.get("note", np.full(m, "", dtype=object))
    aa, bb = mask_unpaired(a, b)
    undefined = np.isnan(res["estimate"]) & (note == "") & (count_finite(aa) >= 3) & ~is_constant(aa) & ~is_constant(bb)
    note = np.where(undefined, UNDEFINED_SCALE[method], note)
    p_method = {
        "percbend": "t distribution (n - 2 df), Wilcox 1994",
        "bicor": "t distribution (n - 2 df)",
        "skipped_spearman": "t distribution on the pairs kept (not corrected for the removal)",
    }[method]
    if alternative != "two-sided":
        p_method += f"; one-sided ({alternative})"
    return PairStats(
        n=res["n"].astype(int),
        estimate=res["estimate"],
        ci_low=np.full(m, np.nan),
        ci_high=np.full(m, np.nan),
        statistic=res["statistic"],
        statistic_name=np.where(ok, "t", "").astype(object),
        df=np.where(ok, res["n"] - 2, np.nan),
        p=res["p"],
        p_method=np.where(ok, p_method, "").astype(object),
        ci_method=np.full(m, NO_ANALYTIC_CI, dtype=object),
        note=note.astype(object),
        n_removed=res.get("n_removed", np.zeros(m)),
    )


UNDEFINED_SCALE = {
    "percbend": "undefined: the percentage-bend scale omega is zero (more than 80% of a variable's values "
    "are tied at its median)",
    "bicor": UNDEFINED_MAD,
    "skipped_spearman": "undefined: fewer than 3 pairs kept",
}


def cosine_columns(sa: np.ndarray, sb: np.ndarray) -> np.ndarray:
    """Cosine of paired score columns (NaN ignored), clipped to [-1, 1]."""
    with np.errstate(invalid="ignore", divide="ignore"):
        num = np.nansum(sa * sb, axis=0)
        den = np.sqrt(np.nansum(sa * sa, axis=0) * np.nansum(sb * sb, axis=0))
        return np.clip(num / den, -1, 1)
