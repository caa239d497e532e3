"""Is an association specific to one group, or stronger for one score? Differences between correlations.

Two kinds of rows (columns documented in :data:`biocorr.columns.DIFFERENCES`):

- ``independent``: the same biomarker and score in two groups (patients vs controls), from the
  correlation rows already computed for each group: Fisher z test and Zou's interval for
  r(group a) - r(group b).
- ``dependent``: one biomarker with two scores in the same subset (TNF-pain vs TNF-anxiety), on the
  subjects with all three values: Williams' t (Steiger 1980) and Zou's interval for r(y) - r(y_b).

Pearson, Spearman and Kendall rows are compared (Kendall only between groups: the dependent test has
no standard form for τ). See :mod:`biocorr.stats.differences` for the formulas and references.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from ..columns import DIFFERENCES_SCHEMA, build_records
from ..data.study import Study
from ..stats.differences import dependent_difference, independent_difference
from ..stats.ties import average_ranks

RANK_NOTE = "rank coefficients in the Pearson formulas (an approximation)"


def _independent(corr: pd.DataFrame, study: Study, level: float) -> list[dict]:
    """Each pair of group subsets (within one visit), for every biomarker, score and classical method."""
    by_pool: dict[str, list[str]] = {}
    for name, pool in study.subset_pools().items():
        by_pool.setdefault(pool, []).append(name)
    classic = corr[corr["method"].isin(("pearson", "spearman", "kendall"))]
    rows: list[dict] = []
    for names in by_pool.values():
        for a, b in itertools.combinations(names, 2):
            pairs = classic[classic["subset"] == a].merge(
                classic[classic["subset"] == b], on=["method", "x", "y"], suffixes=("_a", "_b")
            )
            for method, m in pairs.groupby("method", sort=False):
                d = independent_difference(m["estimate_a"], m["n_a"], m["estimate_b"], m["n_b"], str(method), level)
                note = "" if method == "pearson" else f"{method}: its own SE of atanh (Fisher z)"
                est_a, est_b = m["estimate_a"].to_numpy(float), m["estimate_b"].to_numpy(float)
                n_a, n_b = m["n_a"].to_numpy(int), m["n_b"].to_numpy(int)
                for k, (x, y) in enumerate(zip(m["x"], m["y"])):
                    why = _too_few(min(n_a[k], n_b[k]), est_a[k], est_b[k]) or note
                    rows.append(
                        dict(kind="independent", x=x, y=y, y_b=y, method=method, subset_a=a, subset_b=b,
                             estimate_a=est_a[k], estimate_b=est_b[k], n_a=int(n_a[k]), n_b=int(n_b[k]),
                             statistic_name="z", df=np.nan, ci_level=level, note=why,
                             **{key: float(d[key][k]) for key in ("difference", "ci_low", "ci_high", "statistic", "p")})
                    )  # fmt: skip
    return rows


def _too_few(n: float, a: float, b: float) -> str:
    """Why a difference has no value ('' when it has one)."""
    if n < 4:
        return f"{int(n)} subject(s) with both values: no difference (a score measured in one group only?)"
    if not (np.isfinite(a) and np.isfinite(b)):
        return "a correlation is undefined (a constant variable)"
    return ""


def _triple(x: np.ndarray, y1: np.ndarray, y2: np.ndarray, method: str) -> tuple[float, float, float, int]:
    """r(x, y1), r(x, y2), r(y1, y2) on the subjects with all three values."""
    keep = np.isfinite(x) & np.isfinite(y1) & np.isfinite(y2)
    cols = [v[keep] for v in (x, y1, y2)]
    if method == "spearman":
        cols = [average_ranks(c) for c in cols]
    if keep.sum() < 4 or any(np.ptp(c) == 0 for c in cols):
        return np.nan, np.nan, np.nan, int(keep.sum())
    m = np.corrcoef(np.vstack(cols))
    return float(m[0, 1]), float(m[0, 2]), float(m[1, 2]), int(keep.sum())


def _dependent(study: Study, methods: tuple[str, ...], level: float) -> list[dict]:
    """Each biomarker with each pair of scores, in every subset, for Pearson and Spearman."""
    spec = study.spec
    rows: list[dict] = []
    scores = [v.column for v in spec.scores]
    for name, mask in study.subsets():
        sub = study.data.loc[mask]
        for method in (m for m in ("pearson", "spearman") if m in methods):
            for x in (v.column for v in spec.biomarkers):
                values = {c: sub[c].to_numpy(float) for c in [x, *scores]}
                triples = [(y1, y2, *_triple(values[x], values[y1], values[y2], method))
                           for y1, y2 in itertools.combinations(scores, 2)]  # fmt: skip
                if not triples:
                    continue
                _, _, r12, r13, r23, n = (np.array(v) for v in zip(*triples))
                d = dependent_difference(r12, r13, r23, n, method, level)
                for k, (y1, y2, *_) in enumerate(triples):
                    rows.append(
                        dict(kind="dependent", x=x, y=y1, y_b=y2, method=method, subset_a=name, subset_b=name,
                             estimate_a=r12[k], estimate_b=r13[k], n_a=int(n[k]), n_b=int(n[k]),
                             statistic_name="t", df=float(d["df"][k]), ci_level=level,
                             **{key: float(d[key][k]) for key in ("difference", "ci_low", "ci_high", "statistic", "p")},
                             note=_too_few(n[k], r12[k], r13[k])
                             or f"r({y1}, {y2}) = {r23[k]:.3f} on the {int(n[k])} subjects with all three"
                             + ("" if method == "pearson" else f"; {RANK_NOTE}"))
                    )  # fmt: skip
    return rows


def correlation_differences(study: Study, correlations: pd.DataFrame, level: float | None = None) -> pd.DataFrame:
    """Differences between correlations: groups against each other, and scores against each other.

    Parameters
    ----------
    study : Study
    correlations : DataFrame
        The analysis' correlation rows (the group estimates are taken from them, not recomputed).
    level : float, optional
        Confidence level (default: the spec's).

    Returns
    -------
    DataFrame
        Columns of :data:`biocorr.columns.DIFFERENCES`; p is not adjusted (a difference is a
        follow-up question, each reported with its interval).

    References
    ----------
    Zou GY (2007). *Psychol Methods* 12, 399-413; Steiger JH (1980). *Psychol Bull* 87, 245-251.

    Examples
    --------
    >>> from biocorr import analyze
    >>> from biocorr.datasets import load
    >>> res = analyze(load("hivsn"), methods=["pearson"])
    >>> d = correlation_differences(res.study, res.correlations)
    >>> sorted(set(d["kind"]))
    ['dependent', 'independent']
    """
    level = study.spec.analysis.confidence if level is None else level
    rows = _independent(correlations, study, level) + _dependent(study, study.spec.analysis.methods, level)
    return build_records(DIFFERENCES_SCHEMA, rows)
