"""Per-subject dominance counts: for every i, how many j have x_j < x_i and y_j < y_i.

These counts give each subject's own row of Kendall's sign matrix and the rank shifts of a
Spearman deletion without forming the n x n matrix: leave-one-out and the bootstrap's
jackknife for the rank methods then cost O(n^1.5 log n) time and O(n) memory per pair,
instead of O(n^2) of both.

Method: sort by x; cut the sorted order into blocks of about sqrt(n); subject i's count is
the number of smaller y among the subjects strictly before its x-tie group, found by binary
search in each earlier block's sorted y (one vectorised search per block) plus a direct
comparison inside the block where its tie group starts.

References
----------
Knight WR (1966). A computer method for calculating Kendall's tau with ungrouped data.
*JASA* 61, 436-439 (the same counts, summed over subjects).
"""

from __future__ import annotations

from typing import Literal

import numpy as np

MIN_BLOCK = 256


def below_both(x: np.ndarray, y: np.ndarray, y_inclusive: bool = False) -> np.ndarray:
    """For every i, #{j: x_j < x_i and y_j < y_i} (``y_inclusive``: y_j <= y_i), as int64.

    Parameters
    ----------
    x, y : ndarray (n,)
        Finite values (no NaN).
    y_inclusive : bool
        Count y_j equal to y_i too (x stays strict, so a subject never counts itself).

    Examples
    --------
    >>> below_both(np.array([1.0, 2, 3, 3]), np.array([4.0, 1, 2, 5])).tolist()
    [0, 0, 1, 2]
    >>> below_both(np.array([1.0, 2, 3]), np.array([1.0, 1, 1]), y_inclusive=True).tolist()
    [0, 1, 2]
    """
    x = np.asarray(x, float)
    y = np.asarray(y, float)
    n = len(x)
    out = np.zeros(n, np.int64)
    if n < 2:
        return out
    order = np.argsort(x, kind="stable")
    xs, ys = x[order], y[order]
    group_start = np.searchsorted(xs, xs, side="left")  # subjects before this are strictly smaller in x
    size = max(MIN_BLOCK, int(np.ceil(np.sqrt(n))))
    side: Literal["left", "right"] = "right" if y_inclusive else "left"
    counts = np.zeros(n, np.int64)
    full_blocks = group_start // size  # blocks lying wholly before each subject's tie group
    for b, lo in enumerate(range(0, n, size)):
        hi = min(lo + size, n)
        block = np.sort(ys[lo:hi])
        later = full_blocks > b  # this block is wholly before these subjects' groups
        if later.any():
            counts[later] += np.searchsorted(block, ys[later], side=side)
        here = np.flatnonzero((full_blocks == b) & (group_start > lo))  # groups starting inside this block
        if len(here):
            span = ys[lo:hi][None, :]
            before = np.arange(lo, hi)[None, :] < group_start[here][:, None]
            smaller = span <= ys[here][:, None] if y_inclusive else span < ys[here][:, None]
            counts[here] += (before & smaller).sum(axis=1)
    out[order] = counts
    return out


def kendall_row_sums(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """For every i, sum_j sign(x_i - x_j) sign(y_i - y_j): concordant minus discordant pairs with i.

    Examples
    --------
    >>> x = np.array([1.0, 2, 3, 4, 5]); y = np.array([2.0, 1, 4, 3, 5])
    >>> kendall_row_sums(x, y).tolist() == (np.sign(x[:, None] - x) * np.sign(y[:, None] - y)).sum(axis=1).tolist()
    True
    """
    concordant = below_both(x, y) + below_both(-x, -y)
    discordant = below_both(x, -y) + below_both(-x, y)
    return concordant - discordant


def spearman_leave_one_out(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Spearman's rho (mid-ranks) with each subject left out, shape (n,), in O(n^1.5 log n).

    Deleting subject i lowers every other subject's rank by a_ij = [x_j > x_i] + 0.5 [x_j = x_i];
    the sums of the new ranks' squares and cross-products follow from the full-sample ranks,
    one-dimensional tie sums and the dominance counts of :func:`below_both`. The remaining
    k - 1 mid-ranks average k / 2. All sums are exact (quarter-integers times 4 are integers).
    NaN where a variable is constant without subject i.

    Examples
    --------
    >>> x = np.array([1.0, 2, 3, 4, 5, 6]); y = np.array([2.0, 1, 4, 3, 6, 5])
    >>> rho = spearman_leave_one_out(x, y)
    >>> round(float(rho[0]), 12)  # without subject 1: ranks of (2..6, 1 4 3 6 5) give rho = .8
    0.8
    """
    x = np.asarray(x, float)
    y = np.asarray(y, float)
    k = len(x)
    if k < 3:
        return np.full(k, np.nan)
    rx, sq_x = _twice_ranks_and_shifts(x)  # integer twice-ranks; sum_{j != i} (2 a_ij)^2
    ry, sq_y = _twice_ranks_and_shifts(y)
    # sums over j != i, all in units of 1/4 (twice-ranks times twice-ranks), exact in int64
    sxy = int(np.dot(rx, ry)) - rx * ry - _shift_dot(x, ry) - _shift_dot(y, rx) + _shift_cross(x, y)
    sxx = int(np.dot(rx, rx)) - rx * rx - 2 * _shift_dot(x, rx) + sq_x
    syy = int(np.dot(ry, ry)) - ry * ry - 2 * _shift_dot(y, ry) + sq_y
    return _rho_from_sums(sxy, sxx, syy, k)


def _rho_from_sums(sxy: np.ndarray, sxx: np.ndarray, syy: np.ndarray, k: int) -> np.ndarray:
    """rho from 4 x the sums of products of the k - 1 remaining mid-ranks (which average k / 2)."""
    mean_term = (k - 1) * k * k  # 4 * (k - 1) * (k / 2)^2
    cov = np.asarray(sxy - mean_term, float)  # exact integers (int64 or float64)
    vx = np.asarray(sxx - mean_term, float)
    vy = np.asarray(syy - mean_term, float)
    with np.errstate(invalid="ignore", divide="ignore"):
        rho = cov / np.sqrt(vx * vy)
    return np.where((vx > 0) & (vy > 0), np.clip(rho, -1.0, 1.0), np.nan)


def _twice_ranks_and_shifts(v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """2 x mid-ranks (integers), and for each i sum_{j != i} (2 a_ij)^2 with a_ij = [v_j > v_i] + .5 [v_j = v_i]."""
    k = len(v)
    s = np.sort(v)
    less = np.searchsorted(s, v, side="left")
    equal = np.searchsorted(s, v, side="right") - less  # includes i itself
    twice_rank = 2 * less + equal + 1
    greater = k - less - equal
    return twice_rank.astype(np.int64), (4 * greater + (equal - 1)).astype(np.int64)


def _shift_dot(v: np.ndarray, w: np.ndarray) -> np.ndarray:
    """For every i, sum_{j != i} (2 a_ij) w_j with a_ij = [v_j > v_i] + .5 [v_j = v_i] (integer w)."""
    order = np.argsort(v, kind="stable")
    s, ws = v[order], w[order]
    total = np.concatenate([[0], np.cumsum(ws[::-1])])[::-1]  # total[p] = sum of ws[p:]
    after = np.searchsorted(s, v, side="right")
    start = np.searchsorted(s, v, side="left")
    greater_sum = total[after]
    tie_sum = total[start] - total[after] - w  # ties other than i
    return 2 * greater_sum + tie_sum


def _shift_cross(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """For every i, sum_{j != i} (2 a_ij)(2 b_ij): 4 GG + 2 GE + 2 EG + (EE - 1) in dominance counts."""
    gg = below_both(-x, -y)
    ge = below_both(-x, -y, y_inclusive=True) - gg  # x_j > x_i, y_j = y_i
    eg = below_both(-y, -x, y_inclusive=True) - below_both(-y, -x)  # y_j > y_i, x_j = x_i
    pairs = np.stack([x, y], axis=1)
    _, inverse, counts = np.unique(pairs, axis=0, return_inverse=True, return_counts=True)
    ee = counts[inverse.ravel()]  # subjects with the same (x, y), i included
    return 4 * gg + 2 * ge + 2 * eg + (ee - 1)


SMALL_K = 160  # below this, sign matrices of every variable are formed and pairs are handled together
PAIR_CELLS = 8_000_000  # (pairs x k x k) cells per block of pairs


def small_rank_jackknife(x: np.ndarray, y: np.ndarray, ix: np.ndarray, iy: np.ndarray, method: str) -> np.ndarray:
    """Leave-one-out Spearman rho or Kendall numerators for many pairs of a small panel at once.

    ``x`` (k, vx) and ``y`` (k, vy) hold each variable once; pair j uses columns ``ix[j]``,
    ``iy[j]``. The same sums as :func:`spearman_leave_one_out` and :func:`kendall_row_sums`,
    from each variable's k x k sign matrix, so a screen of thousands of pairs at small k costs
    a few matrix operations rather than a Python loop.

    Returns
    -------
    ndarray (k, pairs)
        Spearman's rho with each subject left out, or, for 'kendall', each subject's row sum of
        the sign matrix (concordant minus discordant pairs with that subject).

    Examples
    --------
    >>> x = np.array([[1.0], [2], [3], [4], [5], [6]]); y = np.array([[2.0], [1], [4], [3], [6], [5]])
    >>> bool(np.allclose(small_rank_jackknife(x, y, np.array([0]), np.array([0]), "spearman")[:, 0],
    ...                  spearman_leave_one_out(x[:, 0], y[:, 0])))
    True
    """
    k = x.shape[0]
    out = np.empty((k, len(ix)))
    if method == "kendall":
        gx, gy = _sign_matrices(x), _sign_matrices(y)
        step = max(1, PAIR_CELLS // max(k * k, 1))
        for s in range(0, len(ix), step):
            a, b = gx[ix[s : s + step]], gy[iy[s : s + step]]
            out[:, s : s + step] = np.einsum("pij,pij->ip", a, b, dtype=np.int64)
        return out
    rx, sx, sqx, dotx = _spearman_per_variable(x)
    ry, sy, sqy, doty = _spearman_per_variable(y)
    vx, vy = sx.shape[0], sy.shape[0]
    if _every_combination(ix, iy, vx, vy) and k * vx * vy <= PAIR_CELLS:
        # pair j = (j // vy, j % vy): the (vx, vy, k) arrays are the (pairs, k) ones, by broadcasting
        cross = np.matmul(sx.transpose(1, 0, 2), sy.transpose(1, 2, 0)).transpose(1, 2, 0) - 1.0  # (vx, vy, k)
        x_dot_ry = (sx.reshape(vx * k, k) @ ry.T.astype(np.float32)).reshape(vx, k, vy).transpose(0, 2, 1)
        y_dot_rx = (sy.reshape(vy * k, k) @ rx.T.astype(np.float32)).reshape(vy, k, vx).transpose(2, 0, 1)
        rxb, ryb = rx[:, None, :], ry[None, :, :]
        products = rxb * ryb
        sxy = products.sum(axis=2, keepdims=True) - products - (x_dot_ry - ryb) - (y_dot_rx - rxb) + cross
        sxx = _self_sums(rx, dotx, sqx, slice(None))[:, None, :]
        syy = _self_sums(ry, doty, sqy, slice(None))[None, :, :]
        out[:] = _rho_from_sums(sxy, sxx, syy, k).reshape(vx * vy, k).T
        return out
    if vx * vy <= 2 * len(ix) and k * vx * vy <= PAIR_CELLS:
        # (nearly) every x with every y: the three k-by-k sums for all combinations as matrix
        # products of the sign matrices, then picked per pair
        cross_all = np.matmul(sx.transpose(1, 0, 2), sy.transpose(1, 2, 0))  # (k, vx, vy)
        x_dot_ry_all = (sx.reshape(vx * k, k) @ ry.T.astype(np.float32)).reshape(vx, k, vy)
        y_dot_rx_all = (sy.reshape(vy * k, k) @ rx.T.astype(np.float32)).reshape(vy, k, vx)
        rxa, rya = rx[ix], ry[iy]
        cross = cross_all[:, ix, iy].T.astype(float) - 1
        x_dot_ry = x_dot_ry_all[ix, :, iy] - rya
        y_dot_rx = y_dot_rx_all[iy, :, ix] - rxa
        sums = _spearman_deletion_sums(rxa, rya, cross, x_dot_ry, y_dot_rx, (rx, dotx, sqx, ix), (ry, doty, sqy, iy))
        out[:] = _rho_from_sums(*sums, k).T
        return out
    step = max(1, PAIR_CELLS // max(k * k, 1))
    for s in range(0, len(ix), step):
        a, b = ix[s : s + step], iy[s : s + step]
        rxa, rya = rx[a], ry[b]  # (p, k)
        cross = np.einsum("pij,pij->pi", sx[a], sy[b], dtype=float) - 1
        x_dot_ry = np.einsum("pij,pj->pi", sx[a], rya) - rya
        y_dot_rx = np.einsum("pij,pj->pi", sy[b], rxa) - rxa
        sums = _spearman_deletion_sums(rxa, rya, cross, x_dot_ry, y_dot_rx, (rx, dotx, sqx, a), (ry, doty, sqy, b))
        out[:, s : s + step] = _rho_from_sums(*sums, k).T
    return out


def _every_combination(ix: np.ndarray, iy: np.ndarray, vx: int, vy: int) -> bool:
    """True when the pairs are every (x, y) combination, x-major: pair j is (j // vy, j % vy)."""
    if len(ix) != vx * vy:
        return False
    j = np.arange(len(ix))
    return bool(np.array_equal(ix, j // vy) and np.array_equal(iy, j % vy))


def _sign_matrices(v: np.ndarray) -> np.ndarray:
    """sign(v_j - v_i) of every column as an int8 (columns, i, j) array, by comparison (exact)."""
    vt = v.T
    return (vt[:, None, :] > vt[:, :, None]).astype(np.int8) - (vt[:, None, :] < vt[:, :, None])


def _spearman_per_variable(v: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per column of ``v`` (k, columns): 2 x mid-ranks, the shift matrices 2 a_ij (1 on the
    diagonal) as float32, sum_{j != i} (2 a_ij)^2 and sum_{j != i} 2 a_ij 2 R_j.

    With L, E, G the numbers of values below, equal to (i included) and above v_i: twice the
    mid-rank is 2L + E + 1; the squared shifts sum to 4G + E - 1; the ranks above v_i are the
    positions L + E + 1 .. k (mid-ranks of whole tie groups sum to their positions), so
    sum_{j != i} 2 a_ij 2 R_j = 2 (k (k + 1) - (L + E)(L + E + 1)) + (E - 1)(2L + E + 1).
    The float32 matrices hold 0, 1, 2 and their products with ranks sum below 2^24 for
    k < SMALL_K, so every matrix product of them is exact.
    """
    k = v.shape[0]
    vt = v.T
    above = vt[:, None, :] > vt[:, :, None]  # (columns, i, j): v_j > v_i
    below = vt[:, None, :] < vt[:, :, None]
    n_above = above.sum(axis=2)
    n_below = below.sum(axis=2)
    n_equal = k - n_above - n_below
    shift = above.astype(np.float32)
    shift += 1
    shift -= below
    twice_rank = 2 * n_below + n_equal + 1
    upto = n_below + n_equal
    own_dot = 2 * (k * (k + 1) - upto * (upto + 1)) + (n_equal - 1) * twice_rank
    return (
        twice_rank.astype(float),
        shift,
        (4 * n_above + n_equal - 1).astype(float),
        own_dot.astype(float),
    )


def _spearman_deletion_sums(
    rxa, rya, cross, x_dot_ry, y_dot_rx, x_own, y_own
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """4 x the cross- and self-products of the mid-ranks left when each subject is deleted, (p, k) each.

    ``x_own`` = (twice-ranks, own dot, own squares, pair index) of the distinct x variables: their
    self-products are formed once per variable and then picked per pair (likewise ``y_own``)."""
    sxy = (rxa * rya).sum(axis=1, keepdims=True) - rxa * rya - x_dot_ry - y_dot_rx + cross
    return sxy, _self_sums(*x_own), _self_sums(*y_own)


def _self_sums(twice_rank, own_dot, own_sq, pick):
    """sum_{j != i} (2 R_j - 2 a_ij)^2 for each variable and deleted i, picked per pair."""
    per_variable = (twice_rank * twice_rank).sum(axis=1, keepdims=True) - twice_rank * twice_rank
    return (per_variable - 2 * own_dot + own_sq)[pick]
