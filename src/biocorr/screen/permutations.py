"""Single-step max-T family-wise p-values for a screen, from permutations shared by all features.

For each shuffle of the samples' phenotype values (the same shuffle for every feature of the
family, so their dependence is kept), |r| is recomputed for every feature × phenotype of the
family and its maximum recorded; a feature's adjusted p is (1 + #{shuffles whose maximum
≥ its observed |r|}) / (B + 1). The correlations of all shuffles come from matrix products
with masks for missing values (counts, sums and sums of squares over each pair's complete
rows), B shuffles at a time within the memory budget.

References
----------
Westfall PH, Young SS (1993). *Resampling-Based Multiple Testing*. Wiley (single-step max-T).
Phipson B, Smyth GK (2010). Permutation p-values should never be zero. *Stat Appl Genet Mol
Biol* 9, 39 ((b + 1)/(B + 1)).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from ..errors import DataError


def masked_pearson(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Pairwise-complete Pearson r of every column of ``x`` (n × p) with every column of ``y`` (n × B).

    NaN marks a missing value; each pair uses the rows where both are present.

    Examples
    --------
    >>> x = np.array([[1.0, 2], [2, np.nan], [3, 1], [4, 5]])
    >>> y = np.array([[1.0], [3], [2], [5]])
    >>> np.round(masked_pearson(x, y), 6).ravel().tolist()  # R: cor(x[,1], y); cor(c(2,1,5), c(1,2,5))
    [0.831522, 0.884615]
    """
    mx, my = np.isfinite(x), np.isfinite(y)
    with warnings.catch_warnings():  # a column with no value (all NA) has no mean: its rows are NaN anyway
        warnings.simplefilter("ignore", RuntimeWarning)
        x0 = np.where(mx, x - np.nanmean(x, axis=0), 0.0)  # centred: sums of squares without cancellation
        y0 = np.where(my, y - np.nanmean(y, axis=0), 0.0)
    mxf, myf = mx.astype(float), my.astype(float)
    n = mxf.T @ myf
    sx, sy = x0.T @ myf, mxf.T @ y0
    sxx, syy = (x0 * x0).T @ myf, mxf.T @ (y0 * y0)
    sxy = x0.T @ y0
    with np.errstate(divide="ignore", invalid="ignore"):
        return (n * sxy - sx * sy) / np.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy))


def max_t_pvalues(
    x: pd.DataFrame, y: pd.DataFrame, rows: pd.DataFrame, method: str, permutations: int, seed: int, budget: int
) -> np.ndarray:
    """Family-wise p-values of ``rows`` (feature, phenotype pairs of one family), aligned with them.

    Parameters
    ----------
    x : DataFrame
        Samples × features.
    y : DataFrame
        Samples × the family's phenotypes (shuffled together).
    rows : DataFrame
        The family's rows of the screen table (``feature``, ``phenotype``).
    method : {'pearson', 'spearman'}
        Spearman needs complete data (a shuffle would change which rows each pair ranks).
    permutations : int
    seed : int
    budget : int
        Bytes for the working arrays.
    """
    if method == "kendall":
        raise DataError("screen --permutations: max-T is available for Pearson and Spearman, not Kendall.")
    xv, yv = x.to_numpy(float), y.to_numpy(float)
    if method == "spearman":
        if not (np.isfinite(xv).all() and np.isfinite(yv).all()):
            raise DataError(
                "screen --permutations with Spearman needs features and phenotypes without missing values "
                "(a shuffle would change the rows each pair ranks); use Pearson or impute first."
            )
        xv, yv = x.rank().to_numpy(float), y.rank().to_numpy(float)
    observed = np.abs(masked_pearson(xv, yv))  # features × phenotypes
    complete = bool(np.isfinite(xv).all() and np.isfinite(yv).all())
    if complete:  # unit-norm centred columns: a shuffle's r is one matrix product
        xs = xv - xv.mean(axis=0)
        xs /= np.sqrt((xs * xs).sum(axis=0))
        ys = yv - yv.mean(axis=0)
        ys /= np.sqrt((ys * ys).sum(axis=0))
    feature_at = {f: i for i, f in enumerate(x.columns)}
    pheno_at = {p: j for j, p in enumerate(y.columns)}
    obs = observed[[feature_at[f] for f in rows["feature"]], [pheno_at[p] for p in rows["phenotype"]]]
    rng = np.random.default_rng(seed)
    n, p = xv.shape
    batch = max(1, min(permutations, int(budget // max(1, 8 * 8 * p * yv.shape[1]))))
    maxima = np.empty(permutations)
    done = 0
    while done < permutations:
        b = min(batch, permutations - done)
        order = np.argsort(rng.random((b, n)), axis=1)  # b independent shuffles of the samples
        best = np.zeros(b)
        for j in range(yv.shape[1]):
            if complete:
                r = np.abs(xs.T @ ys[order, j].T)
            else:
                r = np.abs(masked_pearson(xv, yv[order, j].T))  # n × b shuffled columns
            best = np.maximum(best, np.nanmax(np.where(np.isfinite(r), r, 0.0), axis=0))
        maxima[done : done + b] = best
        done += b
    maxima.sort()
    exceed = permutations - np.searchsorted(maxima, obs - 1e-12 * np.maximum(obs, 1.0), side="left")
    return (1.0 + exceed) / (permutations + 1.0)
