"""What an analysis found, in one table: the primary method's correlations that survive adjustment.

Used by the report's first screen, :meth:`Results.summary` and the notebook view of
:class:`~biocorr.analysis.Results`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..stats.methods import ALPHA, CLASSICAL_METHODS, method_label


def _cautions(row: pd.Series, c: pd.DataFrame, piled: set[str]) -> list[str]:
    out = []
    if bool(row.get("loo_changes_significance")):
        out.append(f"one subject ('{row['loo_most_influential']}') changes p < .05")
    others = c[
        (c["x"] == row["x"]) & (c["y"] == row["y"]) & (c["subset"] == row["subset"]) & (c["method"] != row["method"])
    ]
    disagree = [method_label(m) for m, p in zip(others["method"], others["p"]) if (p < ALPHA) != (row["p"] < ALPHA)]
    if disagree:
        out.append(f"{', '.join(disagree)} disagree{'s' if len(disagree) == 1 else ''} on p < .05")
    if row["x"] in piled:
        out.append("the biomarker piles up at its detection limit")
    return out


def primary_findings(results: Any) -> tuple[pd.DataFrame, bool]:
    """The primary method's correlations that survive adjustment (or, if none, the strongest three).

    ``results`` is a :class:`~biocorr.analysis.Results` (typed loosely: results.py imports this module).

    Returns
    -------
    (DataFrame, bool)
        Rows of ``results.correlations`` ordered by adjusted p, with a ``caution`` column;
        True when they survive adjustment, False when they are the strongest of none.

    Examples
    --------
    >>> from biocorr import analyze, datasets
    >>> rows, survive = primary_findings(analyze(datasets.load("hivsn")))
    >>> survive, rows["method"].unique().tolist()
    (True, ['spearman'])
    """
    opts = results.study.spec.analysis
    c = results.correlations
    classical = c[c["method"].isin(CLASSICAL_METHODS)]
    primary = classical[(classical["method"] == opts.primary_method) & classical["p"].notna()].copy()
    primary["_abs"] = -primary["estimate"].abs()
    primary = primary.sort_values(["p_adjusted", "p", "_abs"]).drop(columns="_abs")
    survive = primary[primary["p_adjusted"] < ALPHA]
    rows = survive if len(survive) else primary.head(3)
    w = results.warnings
    piled = set(w.loc[w["code"] == "detection-limit-pileup", "column"].astype(str))
    rows = rows.assign(caution=["; ".join(_cautions(r, classical, piled)) for _, r in rows.iterrows()])
    return rows, bool(len(survive))
