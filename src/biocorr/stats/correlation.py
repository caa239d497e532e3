"""Pearson, Spearman and Kendall correlations with CIs and R-identical p-values.

The engine works on *paired columns*: two arrays ``a`` and ``b`` of shape
(n, m), where column j of each holds the two variables of pair j and NaN marks a
missing value. :func:`pair_columns` builds them from an (n, p) block of
biomarkers and an (n, q) block of scores, with pairwise-complete deletion
(a row counts for a pair when both of its values are present). Every
statistic is then computed for all m = p*q pairs at once.

p-values follow R's ``cor.test`` (R Core Team, *stats* package) with its default
``exact = NULL`` choice:

========  =========================================================================
pearson   t = r sqrt((n-2)/(1-r^2)) on n-2 df.
spearman  no ties and n <= 1290: AS 89 (enumeration for n <= 9, Edgeworth series
          for n >= 10); otherwise t = r sqrt((n-2)/(1-r^2)) on n-2 df.
kendall   no ties and n < 50: exact distribution of T; otherwise normal
          approximation with R's tie-corrected variance of S, no continuity
          correction.
========  =========================================================================

Confidence intervals are Fisher-z intervals, with the standard error of
Fisher (1921) for Pearson, of Bonett & Wright (2000) for Spearman,
sqrt((1 + r^2/2)/(n - 3)), and of Fieller, Hartley & Pearson (1957) for Kendall,
sqrt(0.437/(n - 4)).

References
----------
Bonett DG, Wright TA (2000). Sample size requirements for estimating Pearson,
Kendall and Spearman correlations. *Psychometrika* 65(1), 23-28.
Fieller EC, Hartley HO, Pearson ES (1957). Tests for rank correlation
coefficients I. *Biometrika* 44, 470-481.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy.special import ndtr, stdtr

from .fisher import fisher_ci
from .kendall_shuffles import KendallShuffles, pairs_within_runs, strict_inversions
from .methods import CLASSICAL_METHODS, METHOD_INFO, MIN_PAIRS
from .nulldist import (
    KENDALL_EXACT_MAX_N,
    SPEARMAN_AS89_MAX_N,
    SPEARMAN_ENUMERATION_MAX_N,
    kendall_exact_p,
    spearman_as89_p,
)
from .options import check_alternative, check_confidence, check_method
from .pair_stats import PairStats
from .ties import (
    average_ranks,
    column_sum_for,
    count_distinct,
    count_finite,
    distinct_columns,
    is_constant,
    scale_columns,
    tie_group_sums,
)

METHODS = CLASSICAL_METHODS

P_SPEARMAN_ENUMERATION = "exact (AS 89 enumeration)"
P_SPEARMAN_EDGEWORTH = "AS 89 Edgeworth series"
P_SPEARMAN_T_TIES = "t approximation (ties)"
P_SPEARMAN_T_LARGE = "t approximation (n > 1290)"
P_T = "t distribution"
P_KENDALL_EXACT = "exact"
P_KENDALL_NORMAL_TIES = "normal approximation (ties)"
P_KENDALL_NORMAL_LARGE = "normal approximation (n >= 50)"


@dataclass(frozen=True)
class CorrelationResult:
    """One correlation test.

    Attributes
    ----------
    method : {'pearson', 'spearman', 'kendall'}
    n : int
        Number of complete pairs used.
    estimate : float
        r, Spearman's rho or Kendall's tau-b.
    ci_low, ci_high : float
        Two-sided confidence interval at ``ci_level`` (NaN when n is too small).
    ci_level : float
    ci_method : str
    statistic : float
        t (Pearson, and Spearman with the t approximation), S (Spearman, AS 89),
        T (Kendall exact) or z (Kendall normal approximation); see ``statistic_name``.
    statistic_name : str
    df : float
        Degrees of freedom of the t statistic (NaN otherwise).
    p : float
        Two-sided p-value.
    p_method : str
        How ``p`` was computed.
    """

    method: str
    n: int
    estimate: float
    ci_low: float
    ci_high: float
    ci_level: float
    ci_method: str
    statistic: float
    statistic_name: str
    df: float
    p: float
    p_method: str


def pair_columns(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Paired columns for every (x column, y column) combination, pairwise-complete.

    Parameters
    ----------
    x : ndarray, shape (n, p)
    y : ndarray, shape (n, q)

    Returns
    -------
    a, b : ndarray, shape (n, p*q)
        Column ``i*q + j`` holds x[:, i] and y[:, j], NaN wherever either is missing.

    Examples
    --------
    >>> a, b = pair_columns(np.array([[1.0], [np.nan], [3.0]]), np.array([[4.0], [5.0], [6.0]]))
    >>> b.ravel()
    array([ 4., nan,  6.])
    """
    x = np.asarray(x, float)
    y = np.asarray(y, float)
    n, p = x.shape
    q = y.shape[1]
    both = ~np.isnan(x)[:, :, None] & ~np.isnan(y)[:, None, :]
    a = np.where(both, x[:, :, None], np.nan).reshape(n, p * q)
    b = np.where(both, y[:, None, :], np.nan).reshape(n, p * q)
    return a, b


def mask_unpaired(a, b) -> tuple[np.ndarray, np.ndarray]:
    """Paired columns from two same-shaped arrays: a value missing on either side is NaN on both.

    Examples
    --------
    >>> mask_unpaired([[1.0], [2.0]], [[np.nan], [3.0]])[0].ravel().tolist()
    [nan, 2.0]
    """
    a = np.asarray(a, float)
    b = np.asarray(b, float)
    gap = np.isnan(a) | np.isnan(b)
    return np.where(gap, np.nan, a), np.where(gap, np.nan, b)


def _pearson_columns(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    n = count_finite(a)
    colsum = column_sum_for(a, b)
    with np.errstate(invalid="ignore", divide="ignore"):
        da = a - colsum(a) / n
        db = b - colsum(b) / n
        sab = colsum(da * db)
        saa = colsum(da * da)
        sbb = colsum(db * db)
        r = sab / np.sqrt(saa * sbb)
    return np.clip(r, -1.0, 1.0)


def _pearson_of_variables(x: np.ndarray, y: np.ndarray, ix: np.ndarray, iy: np.ndarray) -> np.ndarray:
    """:func:`_pearson_columns` of the complete pair columns ``x[:, ix]``, ``y[:, iy]``, each
    variable centred and its sum of squares formed once (to ~1e-16 of the pair-column result)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        dx = x - x.sum(axis=0) / x.shape[0]
        dy = y - y.sum(axis=0) / y.shape[0]
        sab = (dx[:, ix] * dy[:, iy]).sum(axis=0)
        saa = (dx * dx).sum(axis=0)[ix]
        sbb = (dy * dy).sum(axis=0)[iy]
        r = sab / np.sqrt(saa * sbb)
    return np.clip(r, -1.0, 1.0)


def rank_columns(a: np.ndarray) -> np.ndarray:
    """Mid-ranks (average method, as R's ``rank``) within each column; NaN stays NaN.

    A column repeated (a biomarker paired with several scores) is ranked once.

    Examples
    --------
    >>> rank_columns(np.array([[3.0, 3.0], [1.0, 1.0], [3.0, np.nan]])).tolist()
    [[2.5, 2.0], [1.0, 1.0], [2.5, nan]]
    """
    return ranks_and_ties(a)[0]


def ranks_and_ties(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`rank_columns` and whether each column has tied non-missing values.

    When at most half the columns are distinct (a biomarker paired with several scores) both
    are computed once per distinct column.

    Examples
    --------
    >>> ranks, tied = ranks_and_ties(np.array([[3.0, 3.0], [1.0, 1.0], [3.0, np.nan]]))
    >>> tied.tolist()
    [True, False]
    """
    if a.shape[0] == 0:
        return a.copy(), np.zeros(a.shape[1], bool)
    if a.shape[1] > 64:
        distinct, index = distinct_columns(a)
        if distinct.shape[1] <= a.shape[1] // 2:
            ranks, tied = ranks_and_ties(distinct)
            return ranks[:, index], tied[index]
    return average_ranks(a), count_distinct(a) < count_finite(a)


def _sorted_codes(v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each column sorted (NaN last) and, as rows (columns × rows), its dense integer codes in
    row order: equal values share a code; each NaN gets its own code above every value's."""
    rows = np.ascontiguousarray(v.T)  # sorts along contiguous memory
    order = np.argsort(rows, axis=1, kind="stable")
    s = np.take_along_axis(rows, order, axis=1)
    step = np.ones(s.shape, np.int64)
    step[:, 0] = 0
    step[:, 1:] = s[:, 1:] != s[:, :-1]  # NaN != NaN
    codes = np.empty(rows.shape, np.int64)
    np.put_along_axis(codes, order, np.cumsum(step, axis=1), axis=1)
    return s.T, codes


def _kendall_counts(a: np.ndarray, b: np.ndarray, tie_sums: dict | None = None):
    """S = concordant - discordant, and the numbers of pairs untied in a and in b.

    Knight's (1966) method, vectorised over columns: with rows ordered by (a, b) the
    discordant pairs are the strict inversions of b. With n0 = n(n-1)/2 and n1, n2, n3 the
    pairs tied in a, in b and in both, S = n0 - n1 - n2 + n3 - 2 * discordant. Each distinct
    column (a biomarker paired with several scores appears once per score) is sorted and coded
    once; a pair's rows are then ordered by one integer sort of (a code, b code) keys. NaN rows
    (the same in a and b) get codes of their own above every value, so they sort last and form
    no tie and no inversion. ``tie_sums``, when given, receives :func:`tie_group_sums` of a and
    of b (keys ``"a"`` and ``"b"``, arrays over the columns) for the tie-corrected variance of S.
    """
    n = count_finite(a).astype(float)
    m = a.shape[1]
    if a.shape[0] == 0 or m == 0:
        zero = np.zeros(m)
        if tie_sums is not None:
            tie_sums["a"] = tie_sums["b"] = tie_group_sums(a)
        return zero, zero, zero
    (da, ia), (db, ib) = distinct_columns(a), distinct_columns(b)
    (sa, ca), (sb, cb) = _sorted_codes(da), _sorted_codes(db)
    sums_a, sums_b = tie_group_sums(sa, presorted=True), tie_group_sums(sb, presorted=True)
    b_bits = int(cb.max()).bit_length()
    small = b_bits + int(ca.max()).bit_length() < 31
    keys = (ca.astype(np.int32) if small else ca)[ia] << b_bits  # (pairs, rows): one row per pair
    keys |= cb[ib]
    keys.sort(axis=1)  # rows ordered by (a, b): ties in both are adjacent
    discordant = strict_inversions(keys & ((1 << b_bits) - 1))
    n3 = pairs_within_runs(keys)
    n1, n2 = sums_a["t2"][ia] / 2.0, sums_b["t2"][ib] / 2.0
    if tie_sums is not None:
        tie_sums["a"] = {key: value[ia] for key, value in sums_a.items()}
        tie_sums["b"] = {key: value[ib] for key, value in sums_b.items()}
    n0 = n * (n - 1) / 2.0
    return n0 - n1 - n2 + n3 - 2.0 * discordant, n0 - n1, n0 - n2


def one_or_two_sided_p(t, df, alternative: str = "two-sided"):
    """p of a t statistic on ``df`` degrees of freedom: two-sided, or one tail ('greater': P[T >= t]).

    Examples
    --------
    >>> [round(float(one_or_two_sided_p(1.8257, 10, a)), 4) for a in ("two-sided", "greater", "less")]
    [0.0979, 0.049, 0.951]
    """
    if alternative == "greater":
        return stdtr(df, -np.asarray(t, float))
    if alternative == "less":
        return stdtr(df, np.asarray(t, float))
    return 2.0 * stdtr(df, -np.abs(t))


def r_t_test(r, df, alternative: str = "two-sided") -> tuple[np.ndarray, np.ndarray]:
    """t = r sqrt(df/(1-r^2)) (infinite at |r| = 1) and its p on ``df`` degrees of freedom
    (two-sided, or one-sided: 'greater' tests a positive, 'less' a negative correlation).

    df is n - 2 for a correlation, n - 2 - k for a partial correlation on k covariates.

    Examples
    --------
    >>> [round(float(v), 4) for v in r_t_test(0.5, 10.0)]  # R: cor.test at n = 12 gives t = 1.8257, p = .0979
    [1.8257, 0.0979]
    """
    r = np.asarray(r, float)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(np.abs(r) >= 1.0, np.sign(r) * np.inf, r * np.sqrt(df / (1.0 - r**2)))
    return t, one_or_two_sided_p(t, df, alternative)


def exact_null_branch(method: str, n: np.ndarray, ties: np.ndarray) -> np.ndarray:
    """Where R's ``cor.test`` uses the null distribution of the rank statistic itself: no ties and
    n <= 1290 (Spearman, AS 89) or n <= 49 (Kendall, exact); elsewhere a t or normal approximation.

    The one place :func:`rank_p` (numbers) and :func:`rank_p_values` (labels) take the branch from.

    Examples
    --------
    >>> exact_null_branch("kendall", np.array([20, 60, 20]), np.array([False, False, True])).tolist()
    [True, False, False]
    """
    limit = SPEARMAN_AS89_MAX_N if method == "spearman" else KENDALL_EXACT_MAX_N
    return ~np.asarray(ties, bool) & (np.asarray(n) <= limit)


def _spearman_as89(r: np.ndarray, n: np.ndarray, nf: np.ndarray, alternative: str) -> tuple[np.ndarray, np.ndarray]:
    """R's S = (n^3 - n)(1 - rho)/6 and its AS 89 p (R's ``prho`` arguments)."""
    n3n = nf * nf * nf - nf
    q = n3n * (1.0 - r) / 6.0
    rounded = np.round(q)
    if alternative == "two-sided":
        upper = q > n3n / 6.0
        return q, np.minimum(2.0 * spearman_as89_p(n, rounded + 2.0 * ~upper, ~upper), 1.0)
    lower = np.full(len(q), alternative == "greater")  # R: 'greater' is the lower tail of S
    return q, spearman_as89_p(n, rounded + 2.0 * lower, lower)


def rank_p(
    method: str,
    r: np.ndarray,
    n: np.ndarray,
    ties: np.ndarray,
    s: np.ndarray | None = None,
    ties_a: dict | None = None,
    ties_b: dict | None = None,
    alternative: str = "two-sided",
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Statistic, df and p of Spearman's rho or Kendall's tau-b, by R's ``cor.test`` branches.

    The numbers of :func:`rank_p_values` without its labels (statistic name, p method), for
    callers that need only p for many values (leave-one-out). Arguments as there.

    Examples
    --------
    >>> round(float(rank_p("spearman", np.array([0.8]), np.array([5]), np.array([False]))[2][0]), 6)
    0.133333
    """
    m = len(r)
    nf = np.asarray(n, float)
    n = np.asarray(n)
    stat = np.full(m, np.nan)
    df = np.full(m, np.nan)
    p = np.full(m, np.nan)
    if method == "spearman":
        as89 = exact_null_branch(method, n, ties)
        if not as89.all():
            df[~as89] = nf[~as89] - 2.0
            stat[~as89], p[~as89] = r_t_test(r[~as89], df[~as89], alternative)
        if as89.all():  # the common case: no masked copies
            stat, p = _spearman_as89(r, n, nf, alternative)
        elif as89.any():
            stat[as89], p[as89] = _spearman_as89(r[as89], n[as89], nf[as89], alternative)
    elif method == "kendall":
        exact = exact_null_branch(method, n, ties)
        normal = ~exact
        if np.any(exact):
            p[exact] = kendall_exact_p(n[exact], r[exact], alternative)
            nn = nf[exact]
            stat[exact] = np.round((r[exact] + 1) * nn * (nn - 1) / 4.0)
        if np.any(normal):
            if ties_a is None or ties_b is None or s is None:
                raise ValueError("Kendall's normal approximation needs S and both variables' tie sums")
            nn = nf[normal]
            ta = {k: v[normal] for k, v in ties_a.items()}
            tb = {k: v[normal] for k, v in ties_b.items()}
            var_s = (
                (nn * (nn - 1) * (2 * nn + 5) - ta["t25"] - tb["t25"]) / 18.0
                + ta["t2"] * tb["t2"] / (2 * nn * (nn - 1))
                + ta["t3"] * tb["t3"] / (9 * nn * (nn - 1) * (nn - 2))
            )
            z = s[normal] / np.sqrt(var_s)
            stat[normal] = z
            p[normal] = {"greater": ndtr(-z), "less": ndtr(z)}.get(alternative, 2.0 * ndtr(-np.abs(z)))
    else:
        raise ValueError(f"rank p-values are for spearman and kendall, not {method!r}")
    return stat, df, np.minimum(p, 1.0)


def rank_p_values(
    method: str,
    r: np.ndarray,
    n: np.ndarray,
    ties: np.ndarray,
    s: np.ndarray | None = None,
    ties_a: dict | None = None,
    ties_b: dict | None = None,
    alternative: str = "two-sided",
) -> dict[str, np.ndarray]:
    """p-values of Spearman's rho or Kendall's tau-b, choosing the branch as R's ``cor.test``
    (``alternative``: 'two-sided', or 'greater'/'less' for one tail, as R's).

    Parameters
    ----------
    method : {'spearman', 'kendall'}
    r, n, ties : ndarray (m,)
        Estimates (finite), sample sizes, and whether either variable has ties.
    s : ndarray (m,), Kendall only
        Kendall's S (concordant minus discordant pairs).
    ties_a, ties_b : dict, Kendall only
        :func:`biocorr.stats.ties.tie_group_sums` of each variable (``t2``, ``t3``, ``t25``).

    Returns
    -------
    dict of ndarray (m,)
        ``statistic, statistic_name, df, p, p_method``.

    References
    ----------
    R Core Team, ``stats::cor.test``; Best & Roberts (1975) AS 89; Kendall MG (1970).

    Examples
    --------
    >>> res = rank_p_values("spearman", np.array([0.8]), np.array([5]), np.array([False]))
    >>> round(float(res["p"][0]), 6), res["p_method"][0]
    (0.133333, 'exact (AS 89 enumeration)')
    """
    stat, df, p = rank_p(method, r, n, ties, s, ties_a, ties_b, alternative)
    n = np.asarray(n)
    stat_name = np.full(len(r), "", dtype=object)
    p_method = np.full(len(r), "", dtype=object)
    if method == "spearman":
        as89 = exact_null_branch(method, n, ties)
        stat_name[:] = np.where(as89, "S", "t")
        p_method[~as89 & ties] = P_SPEARMAN_T_TIES
        p_method[~as89 & ~ties] = P_SPEARMAN_T_LARGE
        p_method[as89] = np.where(n[as89] <= SPEARMAN_ENUMERATION_MAX_N, P_SPEARMAN_ENUMERATION, P_SPEARMAN_EDGEWORTH)
    else:
        exact = exact_null_branch(method, n, ties)
        stat_name[:] = np.where(exact, "T", "z")
        p_method[exact] = P_KENDALL_EXACT
        p_method[~exact] = np.where(ties[~exact], P_KENDALL_NORMAL_TIES, P_KENDALL_NORMAL_LARGE)
    return {"statistic": stat, "statistic_name": stat_name, "df": df, "p": p, "p_method": p_method}


def correlate_columns(
    a: np.ndarray,
    b: np.ndarray,
    method: str,
    confidence: float = 0.95,
    alternative: str = "two-sided",
    variables: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None,
) -> PairStats:
    """Correlation tests for every column pair of ``a`` and ``b``, vectorised.

    Parameters
    ----------
    a, b : ndarray, shape (n, m)
        Paired columns with identical NaN patterns (see :func:`pair_columns`).
    method : {'pearson', 'spearman', 'kendall'}
    confidence : float
        Level of the confidence interval.
    alternative : {'two-sided', 'greater', 'less'}
        As R's ``cor.test``: 'greater' tests a positive correlation (one-sided p, interval
        [lower, 1]), 'less' a negative one.
    variables : (x, y, ix, iy), optional
        The variables the pair columns were made of (column j is ``x[:, ix[j]]`` and
        ``y[:, iy[j]]``). With complete data each variable is scaled, ranked, centred and tested
        for constancy once instead of once per pair: the same numbers (a sum over a narrower
        array may round differently in the last bit: agreement to ~1e-16).

    Returns
    -------
    PairStats
        Arrays of length m: ``n, estimate, ci_low, ci_high, statistic, statistic_name, df,
        p, p_method, ci_method``. Pairs with fewer than 3 complete rows, or a constant
        variable, get NaN estimate and p.

    References
    ----------
    R Core Team, ``stats::cor.test``; Best & Roberts (1975) AS 89; Kendall MG
    (1970) *Rank Correlation Methods*, 4th ed.; Bonett & Wright (2000).

    Examples
    --------
    >>> a = np.array([[1.0], [2.0], [3.0], [4.0], [5.0]])
    >>> b = np.array([[2.0], [1.0], [4.0], [3.0], [5.0]])
    >>> round(float(correlate_columns(a, b, "spearman").p[0]), 6)
    0.133333
    """
    method = check_method(method, METHODS)
    confidence = check_confidence(confidence)
    alternative = check_alternative(alternative)
    per_variable = variables is not None and not (np.isnan(variables[0]).any() or np.isnan(variables[1]).any())
    if per_variable:  # complete data: a pair's column is a copy of its variable's
        xv, yv, ix, iy = variables  # type: ignore[misc]
        xv, yv = scale_columns(xv), scale_columns(yv)
        a, b = xv[:, ix], yv[:, iy]
    else:
        a = scale_columns(a)  # exact; keeps squares from overflowing or underflowing
        b = scale_columns(b)
    m = a.shape[1]
    n = count_finite(a)
    nf = n.astype(float)
    enough = n >= MIN_PAIRS
    stat_name = np.full(m, "", dtype=object)
    p_method = np.full(m, "", dtype=object)
    df = np.full(m, np.nan)
    stat = np.full(m, np.nan)
    p = np.full(m, np.nan)

    if method == "pearson":
        r = _pearson_of_variables(xv, yv, ix, iy) if per_variable else _pearson_columns(a, b)
    elif method == "spearman" and per_variable:
        (rank_x, tie_x), (rank_y, tie_y) = ranks_and_ties(xv), ranks_and_ties(yv)
        ties_a, ties_b = tie_x[ix], tie_y[iy]
        r = _pearson_of_variables(rank_x, rank_y, ix, iy)
    elif method == "spearman":
        (ranks_a, ties_a), (ranks_b, ties_b) = ranks_and_ties(a), ranks_and_ties(b)
        r = _pearson_columns(ranks_a, ranks_b)
    else:
        kendall_ties: dict[str, dict[str, np.ndarray]] = {}
        s_kendall, untied_a, untied_b = _kendall_counts(a, b, kendall_ties)
        with np.errstate(invalid="ignore", divide="ignore"):
            r = np.clip(s_kendall / np.sqrt(untied_a * untied_b), -1.0, 1.0)
    constant = (is_constant(xv)[ix] | is_constant(yv)[iy]) if per_variable else (is_constant(a) | is_constant(b))
    r = np.where(enough & ~constant, r, np.nan)  # as R: a zero SD gives NA
    valid = enough & np.isfinite(r)

    if method == "pearson":
        df[valid] = nf[valid] - 2.0
        stat[valid], p[valid] = r_t_test(r[valid], df[valid], alternative)
        stat_name[valid] = "t"
        p_method[valid] = P_T
    else:
        if method == "spearman":
            ties = ties_a | ties_b
            res = rank_p_values("spearman", r[valid], n[valid], ties[valid], alternative=alternative)
        else:
            sums_a = {key: value[valid] for key, value in kendall_ties["a"].items()}
            sums_b = {key: value[valid] for key, value in kendall_ties["b"].items()}
            ties = (sums_a["t2"] > 0) | (sums_b["t2"] > 0)  # some group of two or more equal values
            res = rank_p_values(
                "kendall", r[valid], n[valid], ties, s_kendall[valid], sums_a, sums_b, alternative=alternative
            )
        stat[valid], stat_name[valid], df[valid] = res["statistic"], res["statistic_name"], res["df"]
        p[valid], p_method[valid] = res["p"], res["p_method"]

    lo, hi = fisher_ci(np.where(valid, r, np.nan), nf, confidence, method, alternative=alternative)
    p = np.where(valid, np.minimum(p, 1.0), np.nan)
    if alternative != "two-sided":
        p_method = np.where(p_method != "", [f"{pm}; one-sided ({alternative})" for pm in p_method], p_method)
    ci_method = METHOD_INFO[method].ci_method + ("" if alternative == "two-sided" else f", one-sided ({alternative})")
    return PairStats(
        n=n, estimate=r, ci_low=lo, ci_high=hi, statistic=stat, statistic_name=stat_name, df=df, p=p,
        p_method=p_method, ci_method=np.full(m, ci_method, dtype=object),
    )  # fmt: skip


def _compact(a: np.ndarray, b: np.ndarray, cols: np.ndarray, n_val: int):
    """Move each column's complete rows to the top (order kept) and cut at n_val."""
    sub_a = a[:, cols]
    order = np.argsort(np.isnan(sub_a), axis=0, kind="stable")
    ca = np.take_along_axis(sub_a, order, axis=0)[:n_val]
    cb = np.take_along_axis(b[:, cols], order, axis=0)[:n_val]
    return ca, cb


def _standardise(v: np.ndarray) -> np.ndarray:
    d = v - v.mean(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return d / np.sqrt((d * d).sum(axis=0))


def permutation_p_values(
    a: np.ndarray,
    b: np.ndarray,
    method: str,
    n_permutations: int,
    seed: int | None = None,
    progress: Callable[[int], None] | None = None,
    alternative: str = "two-sided",
) -> np.ndarray:
    """Monte Carlo permutation p-values for every column pair.

    Within each pair, the complete values of ``b`` are shuffled relative to
    ``a``; the statistic is r (Pearson, Spearman) or S (Kendall, whose
    tau-b denominator is invariant under shuffling). The two-sided p-value is
    (1 + #{|stat*| >= |stat|}) / (1 + n_permutations), which never reports 0
    (Phipson & Smyth 2010); 'greater' counts stat* >= stat, 'less' stat* <= stat.

    Parameters
    ----------
    a, b : ndarray, shape (n, m)
        Paired columns (see :func:`pair_columns`).
    method : {'pearson', 'spearman', 'kendall'}
    n_permutations : int
        Number of random shuffles per pair.
    seed : int, optional
        Seed of numpy's PCG64 generator; the same seed gives the same p-values.
    progress : callable, optional
        Called with the number of shuffles just completed (for a progress bar).

    Returns
    -------
    ndarray (m,)

    References
    ----------
    Phipson B, Smyth GK (2010). Permutation p-values should never be zero.
    *Stat Appl Genet Mol Biol* 9(1), Article 39.

    Examples
    --------
    >>> a = np.arange(10.0).reshape(-1, 1); b = a ** 2
    >>> float(permutation_p_values(a, b, "spearman", 999, seed=1)[0])
    0.001
    """
    if n_permutations < 1:
        raise ValueError("n_permutations must be at least 1")
    rng = np.random.default_rng(seed)
    a = scale_columns(a)
    b = scale_columns(b)
    incomplete = np.isnan(a) | np.isnan(b)
    a = np.where(incomplete, np.nan, a)
    b = np.where(incomplete, np.nan, b)
    n = count_finite(a)
    out = np.full(a.shape[1], np.nan)
    groups = [nv for nv in np.unique(n) if nv >= MIN_PAIRS]
    for n_val in groups:
        cols = np.flatnonzero(n == n_val)
        ca, cb = _compact(a, b, cols, int(n_val))
        g = len(cols)
        if method == "kendall":  # |S| by merge counting, every shuffle of every pair a column: O(n log^2 n) each
            observed = _kendall_counts(ca, cb)[0]
            shuffles = KendallShuffles(ca, cb)  # a sorted, both ranked and their ties counted once
            per_batch = max(1, 500_000 // (n_val * g))
        else:
            if method == "spearman":
                ca, cb = average_ranks(ca), average_ranks(cb)
            sa, sb = _standardise(ca), _standardise(cb)
            observed = np.sum(sa * sb, axis=0)
            per_batch = max(1, 4_000_000 // (n_val * g))
        tol = 1e-9 * np.maximum(1.0, np.abs(observed))
        hits = np.zeros(g)
        done = 0
        while done < n_permutations:
            bs = min(per_batch, n_permutations - done)
            perms = rng.permuted(np.tile(np.arange(n_val), (bs, 1)), axis=1)
            if method == "kendall":
                stat = shuffles.s(perms)
            else:
                stat = np.einsum("ik,bik->bk", sa, sb[perms])
            if alternative == "greater":
                hits += np.sum(stat >= observed - tol, axis=0)
            elif alternative == "less":
                hits += np.sum(stat <= observed + tol, axis=0)
            else:
                hits += np.sum(np.abs(stat) >= np.abs(observed) - tol, axis=0)
            done += bs
            if progress is not None:
                progress(bs * g)
        with np.errstate(invalid="ignore"):
            out[cols] = np.where(np.isfinite(observed), (hits + 1.0) / (n_permutations + 1.0), np.nan)
    return out
