"""Null distributions of rank correlation statistics, as R's ``cor.test`` uses them.

- Spearman: algorithm AS 89 (Best & Roberts 1975, *Appl. Statist.* 24:377-379)
  with R's modifications: complete enumeration for n <= 9, the Edgeworth series
  for 10 <= n <= 1290. R calls both "exact"; only the first is.
- Kendall: the exact distribution of the number of concordant pairs, which is
  the Mahonian (inversion-count) distribution (Kendall 1970, ch. 5), used by R
  for n < 50 without ties.

Functions are vectorised over their arguments.
"""

from __future__ import annotations

from functools import cache, lru_cache
from itertools import permutations

import numpy as np
from scipy.special import ndtr

SPEARMAN_ENUMERATION_MAX_N = 9
SPEARMAN_AS89_MAX_N = 1290
KENDALL_EXACT_MAX_N = 49

# Edgeworth series coefficients of AS 89
_C = (0.2274, 0.2531, 0.1745, 0.0758, 0.1033, 0.3932, 0.0879, 0.0151, 0.0072, 0.0831, 0.0131, 4.6e-4)


@cache
def _spearman_s_distribution(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Support and counts of S = sum (i - pi_i)^2 over all n! permutations."""
    base = np.arange(n)
    perms = np.array(list(permutations(range(n))), dtype=np.int64)
    s = np.sum((perms - base) ** 2, axis=1)
    values, counts = np.unique(s, return_counts=True)
    return values.astype(float), counts.astype(float)


def spearman_as89_p(n: np.ndarray, s: np.ndarray, lower_tail: np.ndarray) -> np.ndarray:
    """AS 89 tail probability of Spearman's S, exactly as R's ``prho``.

    Parameters
    ----------
    n : array of int
        Sample sizes (2 <= n <= 1290).
    s : array of float
        The statistic ``is`` passed to AS 89; R passes ``round(S) + 2*lower_tail``.
    lower_tail : array of bool
        True for P[S < s], False for P[S >= s].

    Returns
    -------
    ndarray
        The probability, by enumeration for n <= 9 and the Edgeworth series otherwise.

    References
    ----------
    Best DJ, Roberts DE (1975). Algorithm AS 89: the upper tail probabilities of
    Spearman's rho. *Applied Statistics* 24(3), 377-379.

    Examples
    --------
    >>> float(spearman_as89_p(np.array([5]), np.array([2.0]), np.array([True]))[0])
    0.008333333333333333
    """
    n, s, lower_tail = np.broadcast_arrays(np.asarray(n), np.asarray(s, float), np.asarray(lower_tail, bool))
    out = np.where(lower_tail, 0.0, 1.0)
    n3 = n * (n.astype(float) ** 2 - 1.0) / 3.0
    done = (n <= 1) | (s <= 0)
    above = ~done & (s > n3)
    out = np.where(above, 1.0 - out, out)
    todo = ~done & ~above
    small = todo & (n <= SPEARMAN_ENUMERATION_MAX_N)
    for n_val in np.unique(n[small]):
        idx = small & (n == n_val)
        values, counts = _spearman_s_distribution(int(n_val))
        total = counts.sum()
        # upper: number of permutations with S >= s (AS 89's `is <= ise`)
        cum_upper = np.cumsum(counts[::-1])[::-1]
        pos = np.searchsorted(values, s[idx], side="left")
        upper = np.where(pos < len(values), cum_upper[np.minimum(pos, len(values) - 1)], 0.0)
        upper = np.where(s[idx] == n3[idx], 1.0, upper)
        out[idx] = np.where(lower_tail[idx], total - upper, upper) / total
    big = todo & (n > SPEARMAN_ENUMERATION_MAX_N)
    if big.all():  # a screen's p-values: no masked copies
        return _edgeworth_or_table(n, s, lower_tail)
    if np.any(big):
        out[big] = _edgeworth_or_table(n[big], s[big], lower_tail[big])
    return out


def _spearman_edgeworth(n: np.ndarray, s: np.ndarray, lower_tail: np.ndarray) -> np.ndarray:
    """AS 89's Edgeworth series (n >= 10), elementwise."""
    y = n.astype(float)
    b = 1.0 / y
    x = (6.0 * (s - 1) * b / (y * y - 1) - 1) * np.sqrt(y - 1)
    y2 = x * x
    c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12 = _C
    u = (
        x
        * b
        * (
            c1
            + b * (c2 + c3 * b)
            + y2 * (-c4 + b * (c5 + c6 * b) - y2 * b * (c7 + c8 * b - y2 * (c9 - c10 * b + y2 * b * (c11 - c12 * y2))))
        )
    )
    corr = u / np.exp(y2 / 2.0)
    pnorm = np.where(lower_tail, ndtr(x), ndtr(-x))
    pv = np.where(lower_tail, -corr, corr) + pnorm
    return np.clip(pv, 0.0, 1.0)


def _edgeworth_or_table(n: np.ndarray, s: np.ndarray, lower_tail: np.ndarray) -> np.ndarray:
    """The Edgeworth series, evaluated once per possible S when many values share one n.

    S takes the integer values 0 .. (n^3 - n)/3 + 2 only, so when more values than that share
    one n (the leave-one-out p-values of a screen) the series is evaluated on every possible S
    for both tails and looked up: the same numbers, from a fraction of the evaluations.
    """
    if len(n) == 0 or not np.all(s == np.round(s)):
        return _spearman_edgeworth(n, s, lower_tail)
    if n.min() == n.max():  # one n (a screen): no grouping
        groups: list = [(int(n[0]), slice(None), len(n))]
    else:
        values, counts = np.unique(n, return_counts=True)
        groups = [(v, n == v, c) for v, c in zip(values.tolist(), counts.tolist())]
    if all(c <= (v**3 - v) // 3 + 3 for v, _, c in groups):
        return _spearman_edgeworth(n, s, lower_tail)
    out = np.empty(s.shape)
    for v, idx, count in groups:  # one pass per distinct n
        size = (v**3 - v) // 3 + 3
        if count <= size:
            out[idx] = _spearman_edgeworth(n[idx], s[idx], lower_tail[idx])
            continue
        tails = _edgeworth_table(v) if size <= TABLE_CACHE_MAX else _edgeworth_grid(v)
        out[idx] = tails[lower_tail[idx].astype(np.intp), np.clip(s[idx], 0, size - 1).astype(np.intp)]
    return out


TABLE_CACHE_MAX = 1 << 20  # tables of up to this many S values (n <= 146) are kept between calls


def _edgeworth_grid(n: int) -> np.ndarray:
    """The Edgeworth series at every S = 0 .. (n^3 - n)/3 + 2, upper tail then lower, (2, size)."""
    size = (n**3 - n) // 3 + 3
    grid = np.arange(size, dtype=float)
    return np.stack([_spearman_edgeworth(np.full(size, n), grid, np.full(size, t)) for t in (False, True)])


@lru_cache(maxsize=32)
def _edgeworth_table(n: int) -> np.ndarray:
    """:func:`_edgeworth_grid`, kept (read-only) for the next call: a screen's blocks share one n."""
    table = _edgeworth_grid(n)
    table.flags.writeable = False
    return table


@cache
def kendall_concordant_cdf(n: int) -> np.ndarray:
    """CDF of the number of concordant pairs T among n untied pairs under independence.

    Returns an array ``F`` with ``F[q] = P(T <= q)`` for q = 0 .. n(n-1)/2,
    built by the recursion for the number of permutations with q inversions.

    Examples
    --------
    >>> kendall_concordant_cdf(3)
    array([0.16666667, 0.5       , 0.83333333, 1.        ])
    """
    dist = np.array([1.0])
    for k in range(2, n + 1):
        # adding the k-th element adds 0..k-1 inversions, each with probability 1/k
        q = np.arange(len(dist) + k - 1)
        c = np.concatenate([[0.0], np.cumsum(dist)])
        lo = np.maximum(0, q - (k - 1))
        hi = np.minimum(q, len(dist) - 1)
        dist = (c[hi + 1] - c[lo]) / k
    return np.minimum(np.cumsum(dist), 1.0)


def kendall_exact_p(n: np.ndarray, tau: np.ndarray, alternative: str = "two-sided") -> np.ndarray:
    """Exact p-value of Kendall's tau without ties, as R's ``cor.test``.

    R computes T = round((tau + 1) n (n - 1) / 4) concordant pairs; 'greater' is P[T >= q],
    'less' P[T <= q], and 'two-sided' doubles the smaller tail.

    Examples
    --------
    >>> round(float(kendall_exact_p(np.array([5]), np.array([1.0]))[0]), 12)  # 2/120
    0.016666666667
    >>> round(float(kendall_exact_p(np.array([5]), np.array([1.0]), "greater")[0]), 12)  # 1/120
    0.008333333333
    """
    n, tau = np.broadcast_arrays(np.asarray(n), np.asarray(tau, float))
    out = np.full(n.shape, np.nan)
    for n_val in np.unique(n):
        idx = n == n_val
        cdf = kendall_concordant_cdf(int(n_val))
        q = np.round((tau[idx] + 1) * n_val * (n_val - 1) / 4.0)
        upper = q > n_val * (n_val - 1) / 4.0
        qi = q.astype(int)
        p_upper = 1.0 - np.where(qi - 1 >= 0, cdf[np.clip(qi - 1, 0, len(cdf) - 1)], 0.0)
        p_lower = cdf[np.clip(qi, 0, len(cdf) - 1)]
        if alternative == "greater":
            out[idx] = p_upper
        elif alternative == "less":
            out[idx] = p_lower
        else:
            out[idx] = np.minimum(2.0 * np.where(upper, p_upper, p_lower), 1.0)
    return out
