"""Screening many features (transcripts, proteins, metabolites, regions) against a few phenotypes.

The same statistics as :func:`biocorr.correlate` (R-identical estimates and p-values for
Pearson, Spearman and Kendall, pairwise-complete n, Fisher-z CIs), computed in chunks of
features sized to a memory budget, without the per-pair diagnostics; then, per family (one
phenotype and one method by default), Benjamini-Hochberg, Holm, Bonferroni or Storey
q-values, and optionally family-wise p-values from shared permutations (max-T: every feature
of a family sees the same shuffles of the phenotype, so the maximum |r| per shuffle gives a
single-step adjusted p that keeps the features' dependence).

Covariates are removed by residualisation: each feature and each phenotype is regressed on
the covariates (with an intercept; ranks first for Spearman) over the rows where the
covariates are present, and the residuals are correlated; p and CI then use n − 2 − k
degrees of freedom (k covariate columns), which is the partial correlation when the feature
has no missing values (with missing values each feature is residualised on its own rows).

References
----------
Benjamini Y, Hochberg Y (1995). *J R Stat Soc B* 57, 289-300. Storey JD, Tibshirani R
(2003). Statistical significance for genomewide studies. *PNAS* 100, 9440-9445 (q-values
with a fixed λ = 0.5: R ``qvalue(p, lambda = 0.5)``). Westfall PH, Young SS (1993).
*Resampling-Based Multiple Testing* (single-step max-T).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..analysis.correlations import correlate
from ..errors import DataError
from ..stats.correlation import r_t_test, rank_p_values, ranks_and_ties
from ..stats.fisher import fisher_ci
from ..stats.multiplicity import adjust_p, storey_q
from ..stats.options import check_adjust, check_confidence, check_methods
from .permutations import masked_pearson, max_t_pvalues

SCREEN_METHODS = ("pearson", "spearman", "kendall")
ADJUSTMENTS = ("bh", "holm", "bonferroni", "storey", "none")
BYTES_PER_PAIR_ROW = 8 * 16  # float64 working arrays per pair and row in the engine (measured, rounded up)
SCREEN_COLUMNS = [
    "feature", "phenotype", "method", "n", "estimate", "ci_low", "ci_high", "p", "p_method",
    "family", "p_adjusted", "adjust_method", "p_fwer_maxt", "n_permutations",
]  # fmt: skip


def parse_memory(text: str | int | float) -> int:
    """'4GB', '500 MB', '2GiB', or a number of bytes -> bytes.

    Examples
    --------
    >>> parse_memory("4GB"), parse_memory("512 MiB"), parse_memory(1e6)
    (4000000000, 536870912, 1000000)
    """
    if isinstance(text, (int, float)):
        return int(text)
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmgt]?i?b?)\s*", str(text), re.I)
    if not m:
        raise DataError(f"--memory: '{text}' is not a size such as 4GB or 500MB.")
    unit = m.group(2).lower().rstrip("b")
    base = 1024 if unit.endswith("i") else 1000
    power = {"": 0, "k": 1, "m": 2, "g": 3, "t": 4}[unit.rstrip("i")]
    return int(float(m.group(1)) * base**power)


def _residualise(values: pd.DataFrame, design: np.ndarray) -> pd.DataFrame:
    """Residuals of each column regressed on the design (intercept included), column by column missingness."""
    out = np.full(values.shape, np.nan)
    v = values.to_numpy(float)
    present = np.isfinite(v)
    for pattern in {tuple(col) for col in present.T}:  # one least-squares solve per missingness pattern
        rows = np.array(pattern)
        cols = np.flatnonzero((present == rows[:, None]).all(axis=0))
        if rows.sum() <= design.shape[1]:
            continue
        beta, *_ = np.linalg.lstsq(design[rows], v[np.ix_(rows, cols)], rcond=None)
        out[np.ix_(rows, cols)] = v[np.ix_(rows, cols)] - design[rows] @ beta
    return pd.DataFrame(out, index=values.index, columns=values.columns)


def screen(
    features: pd.DataFrame,
    phenotypes: pd.DataFrame,
    methods: Sequence[str] = ("pearson",),
    adjust: str = "bh",
    family: str = "phenotype",
    covariates: pd.DataFrame | None = None,
    permutations: int = 0,
    seed: int = 20171,
    memory: str | int = "2GB",
    confidence: float = 0.95,
    progress: Callable[[int], None] | None = None,
) -> pd.DataFrame:
    """Correlate every feature with every phenotype; adjust within families.

    Parameters
    ----------
    features : DataFrame
        Samples × features, numeric (NaN = missing).
    phenotypes : DataFrame
        Samples × phenotypes on the same rows (same index).
    methods : sequence of {'pearson', 'spearman', 'kendall'}
    adjust : {'bh', 'holm', 'bonferroni', 'storey', 'none'}
        Within each family; 'storey' gives q-values (λ = 0.5).
    family : {'phenotype', 'all'}
        'phenotype': one family per phenotype and method (the usual screen); 'all': one per method.
    covariates : DataFrame, optional
        Numeric covariates on the same rows (dummy-code categorical ones first). Samples lacking a
        covariate are left out of every adjusted test (their count shows in ``n``; the CLI notes it).
    permutations : int
        If > 0, single-step max-T family-wise p-values from this many shared shuffles
        (Pearson; Spearman when the features have no missing values).
    seed : int
    memory : str or int
        Budget for the working arrays ('4GB'); features are processed in chunks that fit.
    confidence : float
    progress : callable, optional
        Receives the number of features finished after each chunk.

    Returns
    -------
    DataFrame
        One row per feature × phenotype × method: ``feature, phenotype, method, n, estimate,
        ci_low, ci_high, p, p_method, family, p_adjusted, adjust_method, p_fwer_maxt,
        n_permutations``.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> f = pd.DataFrame(rng.normal(size=(30, 4)), columns=["g1", "g2", "g3", "g4"])
    >>> y = pd.DataFrame({"pain": f["g1"] + rng.normal(size=30)})
    >>> t = screen(f, y, methods=["pearson"])
    >>> t.sort_values("p").iloc[0]["feature"], bool(t["p_adjusted"].ge(t["p"]).all())
    ('g1', True)
    """
    methods = check_methods(methods, SCREEN_METHODS)
    adjust = adjust if adjust == "storey" else check_adjust(adjust)  # q-values: a screen's own choice
    confidence = check_confidence(confidence)
    if family not in ("phenotype", "all"):
        raise DataError("screen: family must be 'phenotype' or 'all'.")
    if not features.index.equals(phenotypes.index):
        raise DataError("screen: features and phenotypes must have the same rows (samples) in the same order.")
    clash = features.columns.intersection(phenotypes.columns)
    if len(clash):
        raise DataError(f"screen: '{sorted(map(str, clash))[0]}' is both a feature and a phenotype; rename one.")
    k = 0
    x_all, y_all = features.astype(float), phenotypes.astype(float)
    if covariates is not None and covariates.shape[1]:
        keep = covariates.notna().all(axis=1).to_numpy()
        design = np.column_stack([np.ones(int(keep.sum())), covariates[keep].to_numpy(float)])
        k = covariates.shape[1]
        x_all, y_all = x_all[keep], y_all[keep]
        resid = {m: _resid_pair(x_all, y_all, design, m) for m in methods}
    n = len(x_all)
    budget = parse_memory(memory)
    chunk = max(1, int(budget // (BYTES_PER_PAIR_ROW * max(n, 1) * max(len(y_all.columns), 1))))
    parts: list[dict[str, np.ndarray]] = []
    n_pheno = len(y_all.columns)
    for m_code, m in enumerate(methods):
        xm, ym = resid[m] if k else (x_all, y_all)
        xv, yv = xm.to_numpy(float), ym.to_numpy(float)
        for start in range(0, xm.shape[1], chunk):
            cols = xm.columns[start : start + chunk]
            arrays = matrix_arrays(xv[:, start : start + chunk], yv, "pearson" if k else m, confidence)
            if arrays is None:  # Kendall, or Spearman with missing values: the pair engine
                block = pd.concat([xm.iloc[:, start : start + chunk], ym], axis=1)
                rows = correlate(block, list(cols), list(ym.columns), methods=[m], confidence=confidence,
                                 diagnostics="none")  # fmt: skip
                arrays = {c: rows[c].to_numpy() for c in ("n", "estimate", "ci_low", "ci_high", "p", "p_method")}
                arrays["feature"] = start + pd.Index(cols).get_indexer(pd.Index(rows["x"]))
                arrays["phenotype"] = pd.Index(ym.columns).get_indexer(pd.Index(rows["y"]))
            else:
                arrays["feature"] = start + np.repeat(np.arange(len(cols)), n_pheno)
                arrays["phenotype"] = np.tile(np.arange(n_pheno), len(cols))
            arrays["method"] = np.full(len(arrays["p"]), m_code)
            parts.append(arrays)
            if progress is not None:
                progress(len(cols))
    col = {c: np.concatenate([part[c] for part in parts]) for c in parts[0]}
    if k:  # partial correlation on k covariates: t on n - 2 - k df, Fisher z with n - 3 - k
        col["p"] = r_t_test(col["estimate"], col["n"].astype(float) - 2 - k)[1]
        col["p_method"] = np.full(len(col["p"]), f"t on n - 2 - {k} df (partial, {k} covariate column(s) residualised)")
        col["ci_low"], col["ci_high"] = fisher_ci(col["estimate"], col["n"].astype(float), confidence, "pearson", k=k)
    family_code, family_names = family_codes(col["method"], col["phenotype"], list(methods), list(y_all.columns),
                                             family)  # fmt: skip
    p_method_code, p_method_names = pd.factorize(col["p_method"], use_na_sentinel=False)
    adjusted = adjust_within(col["p"], family_code, adjust)
    table = pd.DataFrame({
        "feature": _labels(x_all.columns, col["feature"]), "phenotype": _labels(y_all.columns, col["phenotype"]),
        "method": _labels(methods, col["method"]), "n": col["n"].astype(int), "estimate": col["estimate"],
        "ci_low": col["ci_low"], "ci_high": col["ci_high"], "p": col["p"],
        "p_method": _labels(p_method_names, p_method_code), "family": _labels(family_names, family_code),
        "p_adjusted": adjusted, "adjust_method": adjust, "p_fwer_maxt": np.nan, "n_permutations": 0,
    })  # fmt: skip
    if permutations:
        for idx in table.groupby("family", sort=False).groups.values():
            m = str(table.loc[idx[0], "method"])
            xm, ym = resid[m] if k else (x_all, y_all)
            names = table.loc[idx, "phenotype"].unique().tolist()
            table.loc[idx, "p_fwer_maxt"] = max_t_pvalues(xm, ym[names], table.loc[idx], m, permutations, seed, budget)
            table.loc[idx, "n_permutations"] = permutations
    return table


def _labels(names: Sequence[Any] | pd.Index | np.ndarray, codes: np.ndarray) -> Any:
    """A text column from integer codes into a few names (one string per name, then a take)."""
    return pd.Index(names).astype("str").array.take(codes)


def family_codes(method: np.ndarray, phenotype: np.ndarray, methods: list[str], phenotypes: list[str], family: str):
    """One integer per family (method and phenotype, or method) and the families' names.

    Examples
    --------
    >>> code, names = family_codes(np.array([0, 0, 1]), np.array([0, 1, 0]), ["pearson", "kendall"], ["a", "b"],
    ...                            "phenotype")
    >>> code.tolist(), names
    ([0, 1, 2], ['pearson: a', 'pearson: b', 'kendall: a', 'kendall: b'])
    """
    if family == "phenotype":
        return method * len(phenotypes) + phenotype, [f"{m}: {ph}" for m in methods for ph in phenotypes]
    return method, [f"{m}: all phenotypes" for m in methods]


def adjust_within(p: np.ndarray, family: np.ndarray, adjust: str) -> np.ndarray:
    """p adjusted within each family (integer codes): one sort, then each family's slice.

    Examples
    --------
    >>> adjust_within(np.array([0.01, 0.04, 0.02, 0.03]), np.array([0, 0, 1, 1]), "bonferroni").tolist()
    [0.02, 0.08, 0.04, 0.06]
    """
    order = np.argsort(family, kind="stable")
    bounds = np.flatnonzero(np.diff(family[order])) + 1
    adjusted = np.full(len(p), np.nan)
    for at in np.split(order, bounds) if len(order) else []:
        adjusted[at] = storey_q(p[at]) if adjust == "storey" else adjust_p(p[at], adjust)
    return adjusted


def adjust_families(table: pd.DataFrame, adjust: str, family: str) -> pd.DataFrame:
    """Name each row's family (method and phenotype, or method) and adjust p within it.

    ``table`` has ``feature, phenotype, method, p`` (and the other estimate columns); adds
    ``family, p_adjusted, adjust_method, p_fwer_maxt`` (NaN) and ``n_permutations`` (0).
    """
    m_code, m_names = pd.factorize(table["method"].to_numpy(object))
    p_code, p_names = pd.factorize(table["phenotype"].to_numpy(object))
    code, names = family_codes(m_code, p_code, list(m_names), list(p_names), family)
    adjusted = adjust_within(table["p"].to_numpy(float), code, adjust)
    return table.assign(family=_labels(names, code), p_adjusted=adjusted, adjust_method=adjust,
                        p_fwer_maxt=np.nan, n_permutations=0)  # fmt: skip


def spearman_pairwise_complete(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Spearman's rho of every column of ``x`` with ``y``, each pair ranked on its own complete rows.

    As R's ``cor.test`` on the pair's complete rows: mid-ranks of x among the rows where y is
    present, and of y among the rows where that column of x is present. The second come from one
    cumulative count: with y sorted, a row's rank is the number of the column's present rows in
    lower tie groups plus (present rows in its own tie group + 1) / 2.

    Returns
    -------
    (rho, n, tied) : arrays over the columns of ``x``

    Examples
    --------
    >>> x = np.array([[1.0, 4], [2, np.nan], [3, 1], [4, 2], [5, 3]])
    >>> rho, n, tied = spearman_pairwise_complete(x, np.array([2.0, 1, 3, 3, 5]))
    >>> np.round(rho, 6).tolist(), n.tolist(), tied.tolist()  # R: cor(x, y, "spearman") per pair
    ([0.872082, -0.316228], [5.0, 4.0], [True, True])
    """
    keep = np.isfinite(y)
    xv, yv = x[keep], y[keep]
    present = np.isfinite(xv)
    ranks, tied_x = ranks_and_ties(np.where(present, xv, np.nan))  # mid-ranks among each column's present rows
    rx = np.where(present, ranks, 0.0)
    order = np.argsort(yv, kind="stable")
    ys = yv[order]
    starts = np.flatnonzero(np.r_[True, ys[1:] != ys[:-1]])
    group = np.cumsum(np.r_[True, ys[1:] != ys[:-1]]) - 1
    counts = np.cumsum(present[order], axis=0)  # present rows at or before each sorted position
    ends = np.r_[starts[1:], len(ys)] - 1
    below = np.where(starts[:, None] > 0, counts[np.maximum(starts - 1, 0)], 0)
    in_group = counts[ends] - below
    ry_sorted = below[group] + (in_group[group] + 1) / 2.0
    ry = np.empty_like(ry_sorted)
    ry[order] = ry_sorted
    ry = np.where(present, ry, 0.0)
    n = present.sum(axis=0).astype(float)
    mean = (n + 1) / 2.0
    dx, dy = np.where(present, rx - mean, 0.0), np.where(present, ry - mean, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        rho = (dx * dy).sum(axis=0) / np.sqrt((dx * dx).sum(axis=0) * (dy * dy).sum(axis=0))
    tied_y = (in_group >= 2).any(axis=0)
    return rho, n, tied_x | tied_y


def matrix_rows(x: pd.DataFrame, y: pd.DataFrame, method: str, confidence: float) -> pd.DataFrame | None:
    """Every feature × phenotype row (columns ``x, y, n, estimate, ci_low, ci_high, p, p_method``)
    from :func:`matrix_arrays`, or None where only the pair engine applies."""
    arrays = matrix_arrays(x.to_numpy(float), y.to_numpy(float), method, confidence)
    if arrays is None:
        return None
    names_x = np.repeat(np.asarray(x.columns, dtype=object), y.shape[1])
    names_y = np.tile(np.asarray(y.columns, dtype=object), x.shape[1])
    return pd.DataFrame({"x": names_x, "y": names_y, **arrays})


def matrix_arrays(xv: np.ndarray, yv: np.ndarray, method: str, confidence: float) -> dict[str, np.ndarray] | None:
    """Every feature × phenotype pair (feature-major) from matrix products, or None where only the
    pair engine applies: arrays ``n, estimate, ci_low, ci_high, p, p_method``.

    Pearson: pairwise-complete r from masked products (:func:`masked_pearson`), p by t on n − 2
    df. Spearman without missing values: mid-ranks once per column, r from one product of the
    standardised ranks, p by R's branches (:func:`biocorr.stats.correlation.rank_p_values`: AS 89
    without ties for n ≤ 1290, else t). CIs: Fisher z with the method's standard error. The
    same numbers as :func:`biocorr.correlate` (to rounding, ~1e-15).
    """
    if method == "pearson":
        r = masked_pearson(xv, yv)
        n = np.isfinite(xv).T.astype(float) @ np.isfinite(yv).astype(float)
    elif method == "spearman" and np.isfinite(xv).all() and np.isfinite(yv).all():
        rx, tx = ranks_and_ties(xv)
        ry, ty = ranks_and_ties(yv)
        r = masked_pearson(rx, ry)
        n = np.full(r.shape, float(len(xv)))
        tied = tx[:, None] | ty[None, :]
    elif method == "spearman":
        r, n = np.empty((xv.shape[1], yv.shape[1])), np.empty((xv.shape[1], yv.shape[1]))
        tied = np.zeros(r.shape, bool)
        for j in range(yv.shape[1]):  # one phenotype at a time, every feature at once
            r[:, j], n[:, j], tied[:, j] = spearman_pairwise_complete(xv, yv[:, j])
    else:
        return None
    r = np.clip(r, -1.0, 1.0).ravel()
    n = n.ravel()
    ok = np.isfinite(r) & (n >= 3)
    r = np.where(ok, r, np.nan)
    p = np.full(r.shape, np.nan)
    label = np.full(r.shape, "", dtype=object)
    if method == "pearson":
        p[ok] = r_t_test(r[ok], n[ok] - 2.0)[1]
        label[ok] = "t distribution"
    elif ok.any():
        ties = tied.ravel()
        res = rank_p_values("spearman", r[ok], n[ok].astype(int), ties[ok])
        p[ok], label[ok] = res["p"], res["p_method"]
    lo, hi = fisher_ci(r, n, confidence, method)
    return {"n": n.astype(int), "estimate": r, "ci_low": lo, "ci_high": hi, "p": p, "p_method": label}


def _resid_pair(x: pd.DataFrame, y: pd.DataFrame, design: np.ndarray, method: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    if method == "kendall":
        raise DataError("screen: covariate adjustment is defined for Pearson and Spearman, not Kendall.")
    if method == "spearman":  # partial Spearman: ranks (of each column's present values) residualised
        x, y = x.rank(), y.rank()
        design = np.column_stack([design[:, :1], pd.DataFrame(design[:, 1:]).rank().to_numpy()])
    return _residualise(x, design), _residualise(y, design)
