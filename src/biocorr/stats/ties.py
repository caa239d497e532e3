"""Column-wise tie bookkeeping for rank statistics.

All functions take a 2-D float array and work down its columns at once; NaN
marks a missing value and is ignored. They exist so that rank correlations and
rank tests can be computed for hundreds of variable pairs without a Python loop.
"""

from __future__ import annotations

import numpy as np


def average_ranks(a: np.ndarray) -> np.ndarray:
    """Ranks within each column, ties given their average rank, NaN left NaN (and not counted).

    What ``scipy.stats.rankdata(a, axis=0, nan_policy="omit")`` returns (checked in the tests), in
    numpy alone: importing ``scipy.stats`` costs ~0.45 s of every command's start-up.

    Parameters
    ----------
    a : ndarray, shape (n,) or (n, m)

    Returns
    -------
    ndarray of float, the shape of ``a``

    References
    ----------
    Kendall MG, Gibbons JD (1990). *Rank Correlation Methods*, 5th ed., ch. 3 (mid-ranks for ties).

    Examples
    --------
    >>> average_ranks(np.array([[3.0, 1.0], [1.0, np.nan], [3.0, 2.0]])).tolist()
    [[2.5, 1.0], [1.0, nan], [2.5, 2.0]]
    """
    x = np.asarray(a, dtype=float)
    flat = x.ndim == 1
    x = x[:, None] if flat else x
    n = x.shape[0]
    if n == 0:
        return x.reshape(a.shape).copy()
    order = np.argsort(x, axis=0, kind="stable")  # NaN sort last: the ranks of the values start at 1
    s = np.take_along_axis(x, order, axis=0)
    starts = np.ones(s.shape, dtype=bool)
    starts[1:] = s[1:] != s[:-1]  # NaN != NaN: each NaN its own group, after every value
    ends = np.ones(s.shape, dtype=bool)
    ends[:-1] = starts[1:]
    pos = np.broadcast_to(np.arange(n)[:, None], s.shape)
    first = np.maximum.accumulate(np.where(starts, pos, 0), axis=0)
    last = np.minimum.accumulate(np.where(ends, pos, n - 1)[::-1], axis=0)[::-1]
    ranks = np.empty(s.shape)
    np.put_along_axis(ranks, order, (first + last) / 2.0 + 1.0, axis=0)
    ranks[np.isnan(x)] = np.nan
    return ranks[:, 0] if flat else ranks


def count_finite(a: np.ndarray) -> np.ndarray:
    """Number of non-missing values in each column.

    Examples
    --------
    >>> count_finite(np.array([[1.0, np.nan], [2.0, 3.0]]))
    array([2, 1])
    """
    return np.sum(~np.isnan(a), axis=0)


def is_constant(a: np.ndarray) -> np.ndarray:
    """Whether each column's non-missing values are all equal (True for empty columns).

    Sums of a constant column's values are not exactly n times the value in floating
    point, so a constant column would give a tiny non-zero spread instead of a zero
    one; callers use this exact test to return an undefined estimate instead.

    Examples
    --------
    >>> is_constant(np.array([[-0.7, 1.0], [-0.7, 2.0], [np.nan, 2.0]])).tolist()
    [True, False]
    """
    if a.shape[0] == 0:
        return np.ones(a.shape[1], bool)
    missing = np.isnan(a)
    if not missing.any():  # complete data: no masked copies
        return ~(a.max(axis=0) > a.min(axis=0))
    with np.errstate(invalid="ignore"):
        hi = np.max(np.where(missing, -np.inf, a), axis=0)
        lo = np.min(np.where(missing, np.inf, a), axis=0)
    return ~(hi > lo)


def count_distinct(a: np.ndarray) -> np.ndarray:
    """Number of distinct non-missing values in each column.

    Examples
    --------
    >>> count_distinct(np.array([[1.0, 5.0], [1.0, 6.0], [2.0, np.nan]]))
    array([2, 2])
    """
    s = np.sort(a, axis=0)  # NaN sort last
    finite = ~np.isnan(s)
    if s.shape[0] == 0:
        return np.zeros(s.shape[1], dtype=int)
    new_value = np.ones_like(finite)
    new_value[1:] = s[1:] != s[:-1]
    return np.sum(new_value & finite, axis=0)


def tie_group_sums(a: np.ndarray, presorted: bool = False) -> dict[str, np.ndarray]:
    """Sums over tie groups of the polynomials used by tie-corrected rank tests.

    For each column, with t the size of each group of equal values (NaN ignored):

    - ``t2``  = sum t(t - 1)
    - ``t3``  = sum t(t - 1)(t - 2)
    - ``t25`` = sum t(t - 1)(2t + 5)
    - ``cube`` = sum (t^3 - t)

    These are the quantities in the variance of Kendall's S (Kendall 1970,
    *Rank Correlation Methods*, ch. 4; R ``cor.test``) and in the tie correction
    of the Mann-Whitney statistic (R ``wilcox.test``).

    Parameters
    ----------
    a : ndarray, shape (n, m)
    presorted : bool
        ``a`` is already sorted within each column (NaN last): no sort is made.

    Returns
    -------
    dict of str to ndarray of shape (m,)

    Examples
    --------
    >>> tie_group_sums(np.array([[1.0], [1.0], [1.0], [2.0]]))["t2"]
    array([6.])
    """
    s = a if presorted else np.sort(a, axis=0)
    n, m = s.shape
    if n == 0:
        return {k: np.zeros(m) for k in ("t2", "t3", "t25", "cube")}
    starts = np.ones(s.shape, dtype=bool)
    starts[1:] = s[1:] != s[:-1]  # NaN != NaN: each NaN a group of one, dropped below
    ends = np.ones(s.shape, dtype=bool)
    ends[:-1] = starts[1:]
    pos = np.arange(n)[:, None]
    first = np.maximum.accumulate(np.where(starts, pos, 0), axis=0)
    # each group's size t at its last row (0 elsewhere and for NaN): no dense groups x columns table
    t = np.where(ends & ~np.isnan(s), pos - first + 1, 0).astype(float)
    return {
        "t2": np.sum(t * (t - 1), axis=0),
        "t3": np.sum(t * (t - 1) * (t - 2), axis=0),
        "t25": np.sum(t * (t - 1) * (2 * t + 5), axis=0),
        "cube": np.sum(t**3 - t, axis=0),
    }


def tie_sums_without_each(v: np.ndarray) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """:func:`tie_group_sums` of a 1-D sample (no NaN) with each value deleted in turn.

    Deleting a value from a tie group of size t turns that group's term f(t) into
    f(t - 1); the other groups are unchanged.

    Returns
    -------
    sums : dict of str to ndarray (n,)
        ``t2``, ``t3``, ``t25`` without value i.
    tied : ndarray of bool (n,)
        Whether any tie is left without value i.

    Examples
    --------
    >>> sums, tied = tie_sums_without_each(np.array([1.0, 1.0, 2.0]))
    >>> sums["t2"].tolist(), tied.tolist()
    ([0.0, 0.0, 2.0], [False, False, True])
    """
    sums, tied = tie_sums_without_each_column(np.asarray(v, float).reshape(-1, 1))
    return {key: s[:, 0] for key, s in sums.items()}, tied[:, 0]


def tie_sums_without_each_column(a: np.ndarray) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """:func:`tie_sums_without_each` for every column of ``a`` (k, v) at once (no NaN).

    Returns ``sums`` (``t2``, ``t3``, ``t25``, each (k, v)) and ``tied`` (k, v).

    Examples
    --------
    >>> sums, tied = tie_sums_without_each_column(np.array([[1.0, 5.0], [1.0, 6.0], [2.0, 6.0]]))
    >>> sums["t2"].tolist(), tied.tolist()
    ([[0.0, 2.0], [0.0, 0.0], [2.0, 0.0]], [[False, True], [False, False], [True, False]])
    """
    k, v = a.shape
    empty = {key: np.zeros((k, v)) for key in ("t2", "t3", "t25")}
    if k == 0 or v == 0:
        return empty, np.zeros((k, v), bool)
    s = np.sort(a, axis=0)
    with_ties = np.flatnonzero((s[1:] == s[:-1]).any(axis=0))
    if len(with_ties) < v:  # columns without ties have no tie sums with or without any value
        tied = np.zeros((k, v), bool)
        if len(with_ties):
            sums, tied[:, with_ties] = tie_sums_without_each_column(a[:, with_ties])
            for key in empty:
                empty[key][:, with_ties] = sums[key]
        return empty, tied
    order = np.argsort(a, axis=0, kind="stable")
    s = np.take_along_axis(a, order, axis=0)
    new = np.ones((k, v), bool)
    new[1:] = s[1:] != s[:-1]
    group = np.cumsum(new, axis=0) - 1 + np.arange(v)[None, :] * k  # group id, unique across columns
    sizes_sorted = np.bincount(group.ravel(), minlength=k * v)[group].astype(float)
    own = np.empty((k, v))
    np.put_along_axis(own, order, sizes_sorted, axis=0)  # size of each value's tie group, original order
    polynomials = {
        "t2": lambda t: t * (t - 1),
        "t3": lambda t: t * (t - 1) * (t - 2),
        "t25": lambda t: t * (t - 1) * (2 * t + 5),
    }
    sums = {}
    for key, f in polynomials.items():
        total = (f(own) / own).sum(axis=0)  # each group counted once: its size times f(t) / t
        sums[key] = total[None, :] - f(own) + f(own - 1)
    groups_of_two_or_more = ((own >= 2) / own).sum(axis=0)  # number of tie groups with t >= 2
    tied = (np.round(groups_of_two_or_more)[None, :] - (own == 2)) > 0
    return sums, tied


def tied_fraction(a: np.ndarray) -> np.ndarray:
    """Share of non-missing values that equal at least one other value, per column.

    Examples
    --------
    >>> tied_fraction(np.array([[1.0], [1.0], [2.0], [3.0]]))
    array([0.5])
    """
    s = np.sort(a, axis=0)
    n = count_finite(a)
    if s.shape[0] < 2:
        return np.zeros(s.shape[1])
    eq = s[1:] == s[:-1]
    in_tie = np.zeros(s.shape, dtype=bool)
    in_tie[1:] |= eq
    in_tie[:-1] |= eq
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(n > 0, in_tie.sum(axis=0) / np.maximum(n, 1), np.nan)


def column_sum_for(*arrays: np.ndarray):
    """A column sum that skips NaN (``np.nansum``) only when one of ``arrays`` has a NaN.

    ``np.nansum`` copies its input to replace NaN; on complete data the plain sum gives the
    same numbers (the same order of addition) without the copy.

    Examples
    --------
    >>> a = np.array([[1.0, 2.0], [3.0, np.nan]])
    >>> column_sum_for(a)(a).tolist(), column_sum_for(a[:1])(a[:1]).tolist()
    ([4.0, 2.0], [1.0, 2.0])
    """
    if any(np.isnan(v).any() for v in arrays):
        return lambda v: np.nansum(v, axis=0)
    return lambda v: v.sum(axis=0)


def scale_columns(a: np.ndarray) -> np.ndarray:
    """Each column times the power of two that brings its largest |value| into [0.5, 1); NaN kept.

    Multiplying by a power of two is exact in binary floating point, and every correlation,
    rank, sign and tie is invariant to a positive scale, so results are unchanged to the last
    bit on ordinary data, while squares and sums of squares can no longer overflow (values
    near 1e200) or underflow (near 1e-170) and turn r into 0 or ±1.

    Examples
    --------
    >>> scale_columns(np.array([[3e200, 1.0], [-1e200, np.nan]])).tolist()[0][1]
    0.5
    >>> bool(np.all(np.abs(scale_columns(np.array([[3e200], [-1e200]]))) < 1))
    True
    """
    a = np.asarray(a, float)
    if a.size == 0:
        return a
    largest = np.fmax.reduce(np.abs(a), axis=0)  # fmax skips NaN
    if not np.isfinite(largest).all():  # an infinite value: the largest finite one sets the scale
        with np.errstate(invalid="ignore"):
            largest = np.where(np.isfinite(a), np.abs(a), 0.0).max(axis=0)
    exponent = np.where(largest > 0, np.frexp(largest)[1], 0)
    with np.errstate(over="ignore"):
        factor = np.ldexp(1.0, -exponent)
    if np.all(np.isfinite(factor) & (factor > 0)):
        return a * factor  # a product with a power of two is correctly rounded, as ldexp is: identical
    return np.ldexp(a, -exponent)


def distinct_columns(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct columns of ``a`` and, for each column, the index of its distinct column.

    Columns are compared by their bytes: each column's bytes are hashed to one 64-bit word (a
    fixed random linear combination of its 8-byte words), the words are sorted once, and the
    grouping is then verified byte for byte; should two different columns ever share a hash,
    the columns' full byte strings are sorted instead. An order of magnitude faster than
    ``np.unique(a.T, axis=0)``. Values equal as numbers but not as bytes (0.0 and -0.0) count
    as distinct, which only costs a repeated column.

    Returns
    -------
    (ndarray (rows, d), ndarray (columns,) of int)
        ``distinct[:, index]`` equals ``a`` (as bytes); distinct columns come in the order of
        their first appearance.

    Examples
    --------
    >>> a = np.array([[1.0, 2.0, 1.0], [3.0, 4.0, 3.0]])
    >>> d, index = distinct_columns(a)
    >>> d.tolist(), index.tolist()
    ([[1.0, 2.0], [3.0, 4.0]], [0, 1, 0])
    """
    rows = np.ascontiguousarray(np.asarray(a).T)
    if rows.shape[0] == 0:  # no columns
        return rows.T, np.zeros(0, dtype=np.intp)
    if rows.shape[1] == 0:  # no rows: every column is the same empty column
        return rows[:1].T, np.zeros(rows.shape[0], dtype=np.intp)
    words = _column_words(rows)
    _, first, index = np.unique(words @ _hash_multipliers(words.shape[1]), return_index=True, return_inverse=True)
    index = index.ravel()
    if not np.array_equal(words[first][index], words):  # a hash shared by different columns
        keys = rows.view(np.dtype((np.void, rows.dtype.itemsize * rows.shape[1]))).ravel()
        _, first, index = np.unique(keys, return_index=True, return_inverse=True)
        index = index.ravel()
    order = np.argsort(first)  # first appearance
    renumber = np.empty(len(order), dtype=np.intp)
    renumber[order] = np.arange(len(order))
    return rows[first[order]].T, renumber[index]


def _column_words(rows: np.ndarray) -> np.ndarray:
    """Each row's bytes as unsigned 64-bit words, zero-padded to a whole word, (rows, words)."""
    raw = rows.reshape(rows.shape[0], -1).view(np.uint8).reshape(rows.shape[0], -1)
    pad = -raw.shape[1] % 8
    if pad:
        raw = np.concatenate([raw, np.zeros((raw.shape[0], pad), np.uint8)], axis=1)
    return raw.view(np.uint64)


def _hash_multipliers(k: int) -> np.ndarray:
    """k fixed odd 64-bit multipliers (the same in every run): products and sums wrap mod 2^64."""
    return np.random.default_rng(0x6B1C0).integers(0, 2**63, size=k, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
