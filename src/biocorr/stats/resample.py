"""The resampling engine shared by the bootstrap and leave-one-out: any method on many index sets.

A *panel* is the set of complete rows shared by a group of pairs, with each distinct
variable once (:func:`pattern_panels` groups the pairs of a table by their missingness
pattern). An *index set* is a list of rows of the panel: a bootstrap resample (drawn with
replacement) or a jackknife set (one row left out). The engine evaluates a method's
estimate on every index set for every pair of the panel at once:

- pearson: frequency weights w (how often each subject was drawn); weighted
  moments of the centred data are matrix products ``w @ x``.
- spearman: the resample's mid-ranks follow from each variable's fixed sort
  order: a subject's rank is the weight of all smaller values plus half its tie
  group's weight plus 1/2. Spearman's rho is the weighted Pearson r of those ranks.
- kendall: tau-b's numerator is the quadratic form w'Sw / 2 over the pair's
  sign matrix S_ij = sign(x_i - x_j) sign(y_i - y_j) (one matrix product per
  pair for all resamples; float32 while every partial sum, an integer of size
  <= k^2, is below 2**24, i.e. k < 4096, float64 above); subjects with equal
  (x, y) are merged into cells first; the tie terms come from tie-group weight sums.
  Its jackknife is downdated in closed form (:func:`kendall_downdated_s`).
- percbend, bicor: the robust scores of each variable's gathered resample
  (:func:`biocorr.stats.robust.bend_scores`, :func:`~biocorr.stats.robust.biweight_scores`),
  then the cosine per pair.
- skipped_spearman: the projection outlier rule is rerun on every index set
  (batched, O(B n^2) per pair).

References
----------
Efron B, Tibshirani RJ (1993). *An Introduction to the Bootstrap*. Chapman & Hall, ch. 11
(jackknife) and 6 (bootstrap). Knight WR (1966). A computer method for calculating
Kendall's tau with ungrouped data. *JASA* 61, 436-439.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .correlation import correlate_columns
from .dominance import SMALL_K, kendall_row_sums, small_rank_jackknife, spearman_leave_one_out
from .methods import BOOTSTRAP_METHODS
from .robust import bend_scores, biweight_scores, skipped_outliers, skipped_scale_defined
from .ties import distinct_columns, scale_columns, tie_sums_without_each_column

CHUNK_ELEMENTS = 4_000_000  # resamples are processed in chunks of about this many (resample, subject) cells


SIGN_CACHE_BYTES = 256 * 2**20  # Kendall's per-variable sign matrices (k^2 each) are kept up to this size


KENDALL_CHUNK = 320  # resamples per matrix product (smaller products stay in cache: measured faster)


@dataclass(frozen=True)
class Panel:
    """The complete rows shared by a group of pairs, with each distinct variable once."""

    x: np.ndarray  # (k, vx)
    y: np.ndarray  # (k, vy)
    ix: np.ndarray  # (p,) column of x for each pair
    iy: np.ndarray  # (p,) column of y for each pair
    cache: dict = field(default_factory=dict, compare=False, repr=False)  # per-panel set-up kept across chunks

    def signs(self, side: str, j: int, dtype) -> np.ndarray:
        """sign(v_i - v_j) of variable j, (k, k); kept while the kept ones stay under SIGN_CACHE_BYTES."""
        key = ("signs", side, j)
        if key in self.cache:
            return self.cache[key]
        out = _signs((self.x if side == "x" else self.y)[:, j], dtype)
        kept = self.cache.get("sign bytes", 0)
        if kept + out.nbytes <= SIGN_CACHE_BYTES:
            self.cache[key] = out
            self.cache["sign bytes"] = kept + out.nbytes
        return out

    def tie_groups(self, side: str, j: int) -> _TieGroups:
        key = ("ties", side, j)
        if key not in self.cache:
            self.cache[key] = _TieGroups((self.x if side == "x" else self.y)[:, j])
        return self.cache[key]


def jackknife_indices(k: int) -> np.ndarray:
    """The k leave-one-out index sets, shape (k, k - 1); row i omits subject i.

    Examples
    --------
    >>> jackknife_indices(3).tolist()
    [[1, 2], [0, 2], [0, 1]]
    """
    return jackknife_rows(k, 0, k)


def jackknife_rows(k: int, start: int, stop: int) -> np.ndarray:
    """Rows ``start`` to ``stop - 1`` of :func:`jackknife_indices`, built without the other rows.

    Examples
    --------
    >>> jackknife_rows(4, 1, 3).tolist()
    [[0, 2, 3], [0, 1, 3]]
    """
    base = np.arange(k - 1)[None, :]
    left_out = np.arange(start, stop)[:, None]
    return base + (base >= left_out)


def _counts(idx: np.ndarray, k: int) -> np.ndarray:
    """How often each of the k subjects occurs in each index set, shape (B, k), float."""
    b = idx.shape[0]
    flat = (idx + k * np.arange(b)[:, None]).ravel()
    return np.bincount(flat, minlength=b * k).reshape(b, k).astype(float)


class _TieGroups:
    """One variable's sort order and tie groups, for weighted ranks and tie counts."""

    def __init__(self, v: np.ndarray):
        self.order = np.argsort(v, kind="stable")
        s = v[self.order]
        new = np.ones(len(s), bool)
        new[1:] = s[1:] != s[:-1]
        self.starts = np.flatnonzero(new)
        self.group = np.empty(len(v), int)  # tie group of each subject, in subject order
        self.group[self.order] = np.cumsum(new) - 1
        self._flat: dict[int, np.ndarray] = {}  # bin numbers per chunk size, for _group_sums

    def weights(self, w: np.ndarray) -> np.ndarray:
        """Total weight of each tie group, shape (B, groups)."""
        return _group_sums(w, self.group, len(self.starts), self._flat)

    def centred_ranks(self, w: np.ndarray, g: np.ndarray, out: np.ndarray) -> None:
        """Write each subject's mid-rank within each weighted resample, minus the mean rank, into ``out``."""
        total = w.sum(axis=1, keepdims=True)
        rank_g = np.cumsum(g, axis=1) - g / 2 - total / 2  # = (before + (G + 1)/2) - (total + 1)/2
        np.take(rank_g, self.group, axis=1, out=out)


def _group_sums(w: np.ndarray, group: np.ndarray, n_groups: int, cache: dict | None = None) -> np.ndarray:
    """Sum of each row of ``w`` (B, k) over the columns of each group, shape (B, n_groups).

    ``cache`` keeps the flattened bin numbers per B (chunks of resamples repeat their size).
    """
    b = len(w)
    flat = None if cache is None else cache.get(b)
    if flat is None:
        flat = (group[None, :] + n_groups * np.arange(b)[:, None]).ravel()
        if cache is not None:
            cache[b] = flat
    return np.bincount(flat, weights=w.ravel(), minlength=b * n_groups).reshape(b, n_groups)


def _untied_pairs(g: np.ndarray, total: np.ndarray) -> np.ndarray:
    """Pairs of draws not tied on the variable: k'(k'-1)/2 - sum G(G-1)/2."""
    return total * (total - 1) / 2 - (g * (g - 1)).sum(axis=1) / 2


def _constant(g: np.ndarray, total: np.ndarray) -> np.ndarray:
    return g.max(axis=1) == total


def _weighted_cross(sx: np.ndarray, sy: np.ndarray, w: np.ndarray | None, panel: Panel) -> np.ndarray:
    """sum_i w_i sx_i sy_i (w = 1 when None) for every pair, shape (B, p); sx (B, k, vx), sy (B, k, vy)."""
    weighted = sx if w is None else sx * w[:, :, None]
    grid = np.matmul(np.swapaxes(weighted, 1, 2), sy)  # (B, vx, vy): one batched matrix product
    return grid[:, panel.ix, panel.iy]


def _pearson(panel: Panel, idx: np.ndarray) -> np.ndarray:
    k = panel.x.shape[0]
    w = _counts(idx, k)
    total = w.sum(axis=1, keepdims=True)
    xc = panel.x - panel.x.mean(axis=0)
    yc = panel.y - panel.y.mean(axis=0)
    mx, my = w @ xc / total, w @ yc / total
    vx = w @ (xc * xc) / total - mx * mx
    vy = w @ (yc * yc) / total - my * my
    cxy = w @ (xc[:, panel.ix] * yc[:, panel.iy]) / total - mx[:, panel.ix] * my[:, panel.iy]
    const_x = np.column_stack(
        [_constant(panel.tie_groups("x", j).weights(w), total[:, 0]) for j in range(panel.x.shape[1])]
    )
    const_y = np.column_stack(
        [_constant(panel.tie_groups("y", j).weights(w), total[:, 0]) for j in range(panel.y.shape[1])]
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        r = np.clip(cxy / np.sqrt(vx[:, panel.ix] * vy[:, panel.iy]), -1.0, 1.0)
    return np.where(const_x[:, panel.ix] | const_y[:, panel.iy], np.nan, r)


def _spearman(panel: Panel, idx: np.ndarray) -> np.ndarray:
    k = panel.x.shape[0]
    w = _counts(idx, k)
    total = w.sum(axis=1)

    def ranks(side, n_vars):  # (B, k, v) centred ranks of each variable and whether it is constant
        out = np.empty((len(w), n_vars, k))
        const = np.empty((len(w), n_vars), bool)
        for j in range(n_vars):
            tg = panel.tie_groups(side, j)
            g = tg.weights(w)
            tg.centred_ranks(w, g, out[:, j, :])
            const[:, j] = _constant(g, total)
        return np.swapaxes(out, 1, 2), const

    (rx, cx), (ry, cy) = ranks("x", panel.x.shape[1]), ranks("y", panel.y.shape[1])
    sxx = np.einsum("bk,bkv,bkv->bv", w, rx, rx)
    syy = np.einsum("bk,bkv,bkv->bv", w, ry, ry)
    sxy = _weighted_cross(rx, ry, w, panel)
    const = cx[:, panel.ix] | cy[:, panel.iy]
    with np.errstate(invalid="ignore", divide="ignore"):
        r = np.clip(sxy / np.sqrt(sxx[:, panel.ix] * syy[:, panel.iy]), -1.0, 1.0)
    return np.where(const, np.nan, r)


def _signs(v: np.ndarray, dtype=float) -> np.ndarray:
    return np.sign(v[:, None] - v[None, :]).astype(dtype)


def _sign_dtype(k: int):
    """float32 while every partial sum of the Kendall products (integers of size <= k^2) is exact in it."""
    return np.float32 if k * k < 2**24 else np.float64


def _kendall_ratio(num: np.ndarray, untied_x: np.ndarray, untied_y: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        den = np.sqrt(untied_x * untied_y)
        return np.where(den > 0, np.clip(num / np.where(den > 0, den, 1.0), -1.0, 1.0), np.nan)


def _kendall_pair_signs(panel: Panel, j: int, dtype):
    """Pair j's sign matrix S, over cells of subjects with equal (x, y) when that halves the work.

    Subjects in one cell are tied with each other, so w'Sw is the same quadratic form over
    cell weights. Returns (cell of each subject or None, S, bin-number cache for the cells).
    Only the cells are kept between calls; S (k^2) is rebuilt from the variables' signs.
    """
    key = ("kendall cells", j)
    i, h = panel.ix[j], panel.iy[j]
    if key not in panel.cache:
        xy = np.column_stack([panel.x[:, i], panel.y[:, h]])
        _, first, cell_of = np.unique(xy, axis=0, return_index=True, return_inverse=True)
        use_cells = len(first) ** 2 <= 0.5 * len(xy) ** 2
        panel.cache[key] = (cell_of.ravel() if use_cells else None), first, {}
    cell_of, first, flat_cache = panel.cache[key]
    sx, sy = panel.signs("x", i, dtype), panel.signs("y", h, dtype)
    if cell_of is None:
        return None, sx * sy, flat_cache
    rep = np.ix_(first, first)
    return cell_of, sx[rep] * sy[rep], flat_cache


def _kendall(panel: Panel, idx: np.ndarray) -> np.ndarray:
    """All index sets at once (not chunked by run_engine): each pair's S is built once, then the
    resample weights go through it in chunks of KENDALL_CHUNK rows."""
    k = panel.x.shape[0]
    w = _counts(idx, k)
    total = w.sum(axis=1)
    dtype = _sign_dtype(k)
    w_low = w.astype(dtype)
    ux = np.column_stack([_untied_pairs(panel.tie_groups("x", j).weights(w), total) for j in range(panel.x.shape[1])])
    uy = np.column_stack([_untied_pairs(panel.tie_groups("y", j).weights(w), total) for j in range(panel.y.shape[1])])
    num = np.empty((len(w), len(panel.ix)))
    for j in range(len(panel.ix)):  # one matrix product per pair and chunk, all resamples
        cell_of, s_pair, flat_cache = _kendall_pair_signs(panel, j, dtype)
        for lo in range(0, len(w), KENDALL_CHUNK):
            hi = min(lo + KENDALL_CHUNK, len(w))
            wc = (
                w_low[lo:hi]
                if cell_of is None
                else _group_sums(w[lo:hi], cell_of, len(s_pair), flat_cache).astype(dtype)
            )
            num[lo:hi, j] = np.einsum("bc,bc->b", wc @ s_pair, wc) / 2
    return _kendall_ratio(num, ux[:, panel.ix], uy[:, panel.iy])


def kendall_downdated_s(panel: Panel) -> np.ndarray:
    """Kendall's S (concordant minus discordant pairs) with each subject left out, shape (k, p).

    S without subject i is S minus row i of the pair's sign matrix summed: an exact integer,
    found from dominance counts (:func:`biocorr.stats.dominance.kendall_row_sums`) without the
    k x k matrix.
    """
    k = panel.x.shape[0]
    if k < SMALL_K:
        row = small_rank_jackknife(panel.x, panel.y, panel.ix, panel.iy, "kendall")
        return row.sum(axis=0) / 2 - row
    num = np.empty((k, len(panel.ix)))
    for j, (i, h) in enumerate(zip(panel.ix, panel.iy)):
        # each subject's row of the sign matrix from dominance counts: O(k^1.5 log k), O(k) memory
        row_sums = kendall_row_sums(panel.x[:, i], panel.y[:, h]).astype(float)
        num[:, j] = row_sums.sum() / 2 - row_sums
    return num


def _kendall_jackknife(panel: Panel) -> np.ndarray:
    """Kendall's tau-b with each subject left out, shape (k, p), by downdating the full-sample sums."""
    k = panel.x.shape[0]

    # k-1 choose 2 minus the tied pairs left when subject i is removed, every variable at once
    ux = (k - 1) * (k - 2) / 2 - tie_sums_without_each_column(panel.x)[0]["t2"] / 2
    uy = (k - 1) * (k - 2) / 2 - tie_sums_without_each_column(panel.y)[0]["t2"] / 2
    return _kendall_ratio(kendall_downdated_s(panel), ux[:, panel.ix], uy[:, panel.iy])


def _score_cosine(score_fn: Callable[[np.ndarray], np.ndarray]):
    def estimate(panel: Panel, idx: np.ndarray) -> np.ndarray:
        def side(values):  # (B, k', v) scores and (B, v) constant flags of each variable's resamples
            scores = np.empty((len(idx), values.shape[1], idx.shape[1]))
            const = np.empty((len(idx), values.shape[1]), bool)
            for j, v in enumerate(values.T):
                drawn = v[idx].T  # score_fn works down columns: resamples are the columns
                scores[:, j, :] = score_fn(drawn).T
                const[:, j] = drawn.max(axis=0) == drawn.min(axis=0)  # resamples have no missing values
            return np.swapaxes(scores, 1, 2), const

        (sx, cx), (sy, cy) = side(panel.x), side(panel.y)
        with np.errstate(invalid="ignore"):
            nx = np.einsum("bkv,bkv->bv", sx, sx)
            ny = np.einsum("bkv,bkv->bv", sy, sy)
            cross = _weighted_cross(sx, sy, None, panel)
        with np.errstate(invalid="ignore", divide="ignore"):
            r = np.clip(cross / np.sqrt(nx[:, panel.ix] * ny[:, panel.iy]), -1.0, 1.0)
        return np.where(cx[:, panel.ix] | cy[:, panel.iy], np.nan, r)

    return estimate


def _skipped_spearman(panel: Panel, idx: np.ndarray) -> np.ndarray:
    out = np.full((len(idx), len(panel.ix)), np.nan)
    for j, (i, h) in enumerate(zip(panel.ix, panel.iy)):  # the outlier search is per pair by definition
        xr, yr = panel.x[idx, i], panel.y[idx, h]  # (B, k')
        drop = skipped_outliers(xr, yr)
        keep_x = np.where(drop, np.nan, xr).T
        keep_y = np.where(drop, np.nan, yr).T
        estimate = correlate_columns(keep_x, keep_y, "spearman").estimate
        out[:, j] = np.where(skipped_scale_defined(xr, yr), estimate, np.nan)  # zero MAD: undefined resample
    return out


_ENGINES = {
    "pearson": _pearson,
    "spearman": _spearman,
    "kendall": _kendall,
    "percbend": _score_cosine(bend_scores),
    "bicor": _score_cosine(biweight_scores),
    "skipped_spearman": _skipped_spearman,
}


def resampled_estimates(
    x: np.ndarray, y: np.ndarray, ix: np.ndarray, iy: np.ndarray, idx: np.ndarray, method: str
) -> np.ndarray:
    """A method's estimate on every index set for every pair, shape (B, p).

    Parameters
    ----------
    x, y : ndarray, shape (k, vx) and (k, vy)
        Complete rows shared by the pairs (no NaN); each distinct variable once.
    ix, iy : ndarray of int, shape (p,)
        The x and y column of each pair.
    idx : ndarray of int, shape (B, k')
        Index sets into the k rows (bootstrap resamples or jackknife sets).
    method : str
        One of :data:`biocorr.stats.methods.BOOTSTRAP_METHODS`.

    Returns
    -------
    ndarray, shape (B, p)
        NaN where the estimate is undefined on that index set.

    Examples
    --------
    >>> x = np.array([[1.0], [2], [3], [4], [5]])
    >>> y = np.array([[2.0], [1], [4], [3], [5]])
    >>> resampled_estimates(x, y, np.array([0]), np.array([0]), np.array([[0, 1, 2, 3, 4]]), "kendall")
    array([[0.6]])
    """
    if method not in _ENGINES:
        raise ValueError(f"no bootstrap for method {method!r}; use one of {BOOTSTRAP_METHODS}")
    return run_engine(Panel(scale_columns(x), scale_columns(y), np.asarray(ix), np.asarray(iy)), idx, method)


def run_engine(panel: Panel, idx: np.ndarray, method: str) -> np.ndarray:
    """A method's engine on chunks of index sets (memory stays near CHUNK_ELEMENTS cells per array)."""
    engine = _ENGINES[method]
    if method == "kendall":  # its memory is (B, k) weights and one k x k matrix: chunked inside
        return engine(panel, idx)
    # arrays are (chunk, k', variables), or (chunk, k', k') for the skipped correlation's projections
    width = idx.shape[1] if method == "skipped_spearman" else max(panel.x.shape[1] + panel.y.shape[1], 1)
    step = max(1, CHUNK_ELEMENTS // (max(idx.shape[1], 1) * width))
    return np.concatenate(
        [engine(panel, idx[s : s + step]) for s in range(0, len(idx), step)] or [np.empty((0, len(panel.ix)))]
    )


def panel_jackknife(panel: Panel, method: str) -> np.ndarray:
    """:func:`jackknife_estimates` for a panel from :func:`pattern_panels`, shape (k, p)."""
    if method == "kendall":
        return _kendall_jackknife(panel)
    if method == "spearman" and panel.x.shape[0] < SMALL_K:  # all pairs at once from sign matrices
        return small_rank_jackknife(panel.x, panel.y, panel.ix, panel.iy, "spearman")
    if method == "spearman":  # closed form from dominance counts: O(k^1.5 log k) per pair, not O(k^2)
        return (
            np.column_stack([spearman_leave_one_out(panel.x[:, i], panel.y[:, h]) for i, h in zip(panel.ix, panel.iy)])
            if len(panel.ix)
            else np.empty((panel.x.shape[0], 0))
        )
    k = panel.x.shape[0]
    # the k index sets are built a block at a time: k x (k - 1) indices would not fit at large k
    width = k if method == "skipped_spearman" else max(panel.x.shape[1] + panel.y.shape[1], 1)
    step = max(1, CHUNK_ELEMENTS // (max(k, 1) * width))
    parts = [run_engine(panel, jackknife_rows(k, s, min(s + step, k)), method) for s in range(0, k, step)]
    return np.concatenate(parts) if parts else np.empty((0, len(panel.ix)))


def jackknife_estimates(x: np.ndarray, y: np.ndarray, ix: np.ndarray, iy: np.ndarray, method: str) -> np.ndarray:
    """A method's estimate with each of the k rows left out, shape (k, p) (arguments as
    :func:`resampled_estimates`). Kendall's tau-b is downdated in closed form; the other
    methods run :func:`resampled_estimates` on the leave-one-out index sets.

    Examples
    --------
    >>> x = np.array([[1.0], [2], [3], [4], [5]])
    >>> y = np.array([[2.0], [1], [4], [3], [5]])
    >>> jackknife_estimates(x, y, np.array([0]), np.array([0]), "kendall").ravel().round(3).tolist()
    [0.667, 0.667, 0.667, 0.667, 0.333]
    """
    if method not in _ENGINES:
        raise ValueError(f"no bootstrap for method {method!r}; use one of {BOOTSTRAP_METHODS}")
    return panel_jackknife(Panel(scale_columns(x), scale_columns(y), np.asarray(ix), np.asarray(iy)), method)


def pattern_panels(a: np.ndarray, b: np.ndarray, cols: np.ndarray):
    """Group pair columns by their complete rows; yield (columns, rows, panel).

    ``panel.x`` (k, vx) and ``panel.y`` (k, vy) hold each distinct variable of the group once
    over its k complete rows; ``panel.ix``, ``panel.iy`` say which pair uses which.
    """
    present = ~np.isnan(a[:, cols])
    packed, which = distinct_columns(np.packbits(present, axis=0))  # one byte per 8 rows: a short key
    for p in range(packed.shape[1]):
        members = which == p
        group = cols[members]
        rows = np.flatnonzero(present[:, np.argmax(members)])  # every member has the same rows
        xa, ix = distinct_columns(scale_columns(a[np.ix_(rows, group)]))
        yb, iy = distinct_columns(scale_columns(b[np.ix_(rows, group)]))
        yield group, rows, Panel(xa, yb, ix, iy)
