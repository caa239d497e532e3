"""Kendall's S for many shuffles of many pairs at once (the permutation test's inner loop).

Under shuffling, the pairs tied in a (n1) and tied in b (n2) do not change, nor does the order
of a; only the discordant pairs and the pairs tied in both (n3) do. So each pair's a is sorted
and ranked once, b is coded as integer ranks once, and a shuffle costs one integer sort of
(a-tie-group, b-rank) keys, a run count for n3 and a merge count of inversions for the
discordant pairs — instead of :func:`biocorr.stats.correlation._kendall_counts` re-ranking
and re-counting ties of both columns for every shuffle. The S values are identical (integers).

References
----------
Knight WR (1966). A computer method for calculating Kendall's tau with ungrouped data.
*JASA* 61, 436-439. Kendall MG (1970). *Rank Correlation Methods*, 4th ed., Griffin.
"""

from __future__ import annotations

import numpy as np

FIXED_BLOCK_LEVELS = 9  # merge levels (runs up to 256) sorted block by block; longer runs by whole rows


def dense_codes(v: np.ndarray) -> np.ndarray:
    """0-based dense ranks of each column (equal values share a code), as int64.

    Examples
    --------
    >>> dense_codes(np.array([[2.5, 1.0], [1.0, 1.0], [2.5, 3.0]])).T.tolist()
    [[1, 0, 1], [0, 0, 1]]
    """
    order = np.argsort(v, axis=0, kind="stable")
    s = np.take_along_axis(v, order, axis=0)
    step = np.vstack([np.zeros((1, v.shape[1]), np.int64), (s[1:] != s[:-1]).astype(np.int64)])
    codes = np.empty(v.shape, np.int64)
    np.put_along_axis(codes, order, np.cumsum(step, axis=0), axis=0)
    return codes


def pairs_within_runs(sorted_keys: np.ndarray) -> np.ndarray:
    """For each row of sorted keys, the number of pairs of equal keys (sum of t(t-1)/2 over runs).

    Examples
    --------
    >>> pairs_within_runs(np.array([[1, 1, 1, 2, 3, 3], [0, 1, 2, 3, 4, 5]])).tolist()
    [4, 0]
    """
    m, n = sorted_keys.shape
    if n < 2:
        return np.zeros(m, np.int64)
    new_run = np.ones(sorted_keys.shape, bool)
    new_run[:, 1:] = sorted_keys[:, 1:] != sorted_keys[:, :-1]
    position = np.broadcast_to(np.arange(n), sorted_keys.shape)
    run_start = np.maximum.accumulate(np.where(new_run, position, 0), axis=1)
    return (position - run_start).sum(axis=1)  # each element pairs with the equal ones before it


def strict_inversions(v: np.ndarray) -> np.ndarray:
    """Number of pairs i < j with v[i] > v[j] in each row of v (m, N), by bottom-up merging.

    Values are integer codes (floats are coded first, +inf as the largest). The first two
    levels compare directly (pairs, then two sorted pairs: four comparisons and Batcher's
    odd-even merge by minima and maxima). Each later level merges sorted runs of width w for all
    rows and runs at once by one sort of integer keys (value, then position in the 2w-block, so
    the left run comes first on ties); a left-run element that lands at merged index k after
    being p-th in its run passed k − p right-run elements smaller than it: those are its
    inversions at this level, summed as (sum of the left elements' merged indices) minus the
    constant sum of their run indices. O(N log^2 N) per row, vectorised across rows; padding
    above the largest code at the end adds no inversion.

    References
    ----------
    Knight WR (1966). *JASA* 61, 436-439 (Kendall's discordant pairs as a merge sort's
    inversions). Knuth DE (1998). *The Art of Computer Programming* 3, 5.3.4 (Batcher's merge).

    Examples
    --------
    >>> strict_inversions(np.array([[3, 1, 2, 2], [1, 2, 3, 4]])).tolist()
    [3, 0]
    >>> strict_inversions(np.array([[np.inf, 0.5, 2.0]])).tolist()
    [2]
    """
    if v.dtype.kind == "f":
        v = dense_codes(v.T).T
    m, n = v.shape
    levels = max(0, int(np.ceil(np.log2(max(n, 1)))))
    fixed = min(levels, max(2, FIXED_BLOCK_LEVELS))  # levels merged in blocks that divide the padded row
    size = -(-n // (1 << fixed)) * (1 << fixed)
    top = int(v.max()) + 1 if v.size else 0
    code_bits = max(1, top.bit_length())
    dtype: type[np.int32] | type[np.int64] = np.int32 if code_bits + levels < 31 else np.int64  # int32 sorts faster
    cur: np.ndarray = np.full((m, size), top, dtype=dtype)
    cur[:, :n] = v
    total = np.zeros(m, np.int64)
    if fixed >= 1:  # runs of one: a comparison per pair, then its minimum and maximum
        lo, hi = cur[:, 0::2], cur[:, 1::2]
        total += np.count_nonzero(lo > hi, axis=1)
        cur = np.stack([np.minimum(lo, hi), np.maximum(lo, hi)], axis=2).reshape(m, size)
    if fixed >= 2:  # runs of two: four comparisons, then Batcher's odd-even merge of 2 + 2
        a0, a1, b0, b1 = (cur[:, k::4] for k in range(4))
        for left in (a0, a1):
            for right in (b0, b1):
                total += np.count_nonzero(left > right, axis=1)
        c1, c2 = np.minimum(a1, b1), np.maximum(a0, b0)
        parts = [np.minimum(a0, b0), np.minimum(c1, c2), np.maximum(c1, c2), np.maximum(a1, b1)]
        cur = np.stack(parts, axis=2).reshape(m, size)
    position: np.ndarray = np.arange(size, dtype=dtype)
    for level in range(2, levels):
        w = 1 << level
        in_block = position & (2 * w - 1)
        keys = cur << (level + 1)
        keys |= in_block
        if level < fixed:  # blocks of 2w divide the row: each sorted on its own
            keys = np.sort(keys.reshape(m, size // (2 * w), 2 * w), axis=2).reshape(m, size)
        else:  # the last block may be short: the block number leads the key and whole rows are sorted
            keys |= (position >> (level + 1)) << (code_bits + level + 1)
            keys.sort(axis=1)
        from_left = ((keys & w) == 0).view(np.uint8)
        merged_index_sum = np.einsum("ij,j->i", from_left, in_block, dtype=np.int64)
        total += merged_index_sum - int(np.where(in_block < w, in_block, 0).sum())
        keys >>= level + 1
        keys &= (1 << code_bits) - 1
        cur = keys
    return total


class KendallShuffles:
    """S = concordant − discordant of shuffles of ``b`` against ``a``, pair by pair (columns).

    Parameters
    ----------
    a, b : ndarray (n, g)
        Complete paired columns (no NaN).

    Examples
    --------
    >>> a = np.array([[1.0], [2.0], [2.0], [4.0]]); b = np.array([[1.0], [3.0], [2.0], [2.0]])
    >>> KendallShuffles(a, b).s(np.array([[0, 1, 2, 3], [3, 2, 1, 0]])).tolist()  # b itself, then reversed
    [[2.0], [-2.0]]
    """

    def __init__(self, a: np.ndarray, b: np.ndarray):
        n, g = a.shape
        self.a_order = np.argsort(a, axis=0, kind="stable")
        a_codes = dense_codes(a)
        self.a_group = np.take_along_axis(a_codes, self.a_order, axis=0)  # a's tie group, in a's order
        self.b_codes = dense_codes(b)
        self.width = int(self.b_codes.max()) + 1 if self.b_codes.size else 1
        n0 = n * (n - 1) // 2
        n1 = pairs_within_runs(np.sort(a_codes, axis=0).T)
        n2 = pairs_within_runs(np.sort(self.b_codes, axis=0).T)
        self.constant = n0 - n1 - n2
        self._cols = np.arange(g)[None, :]

    def s(self, perms: np.ndarray) -> np.ndarray:
        """S for each shuffle (rows of ``perms``, shape (B, n): row r of b moves to perms[s, r]) × pair: (B, g).

        The shuffle pairs a's row i with b's row ``perms[s, i]``, as ``b[perms]`` does.
        """
        bs = perms.shape[0]
        g = self.b_codes.shape[1]
        # b's code paired with a's sorted rows: b_codes[perms[s, a_order[i, j]], j]
        b_rows = perms[:, self.a_order]  # (B, n, g)
        b_in_a_order = self.b_codes[b_rows, self._cols[None, :, :]]
        keys = self.a_group[None, :, :] * self.width + b_in_a_order  # sorts by a's group, then b
        keys = np.sort(keys.transpose(0, 2, 1), axis=2).reshape(bs * g, -1)  # (B*g, n)
        n3 = pairs_within_runs(keys)
        discordant = strict_inversions(keys % self.width)
        return (self.constant[None, :] + (n3 - 2 * discordant).reshape(bs, g)).astype(float)
