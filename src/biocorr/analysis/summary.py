"""What an analysis found, in one table: the primary method's correlations that survive adjustment.

Used by the report's first screen, :meth:`Results.summary` and the notebook view of
:class:`~biocorr.analysis.Results`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..format import fmt_r
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


def _pooled_caution(row: pd.Series, c: pd.DataFrame, groups: pd.DataFrame, members: list[str]) -> str:
    """Why a pooled estimate needs care: the groups differ in one of its variables, and what each says."""
    differ = [
        str(label)
        for v, label, padj in zip(groups["variable"], groups["label"], groups["p_adjusted"])
        if v in (row["x"], row["y"]) and padj < ALPHA
    ]
    within = c[(c["x"] == row["x"]) & (c["y"] == row["y"]) & (c["method"] == row["method"]) & c["subset"].isin(members)]
    said = ", ".join(f"{s}: {fmt_r(e)}" for s, e in zip(within["subset"], within["estimate"]) if e == e)
    if not differ:
        return f"pooled over the groups (within them {said})" if said else ""
    return (
        f"pooled over groups that differ in {', '.join(dict.fromkeys(differ))} (adjusted p < .05), so it partly "
        f"restates the group difference; within the groups {said}"
    )


def subset_names(results: Any) -> dict[str, str]:
    """How each subset is named to a reader: a pooled subset over declared groups is ``pooled: A + B``
    (the tables and CSVs keep the name 'all'), every other subset its own name.

    Examples
    --------
    >>> from biocorr import analyze, datasets
    >>> subset_names(analyze(datasets.load("hivsn")))["all"]
    'pooled: Painful HIV-SN + Non-painful HIV-SN'
    """
    pools = results.study.subset_pools()
    names = {str(s): str(s) for s in results.correlations["subset"].unique()}
    for pool in set(pools.values()):
        names[str(pool)] = f"pooled: {' + '.join(g for g, p in pools.items() if p == pool)}"
    return names


def primary_findings(results: Any) -> tuple[pd.DataFrame, bool]:
    """The primary method's correlations that survive adjustment (or, if none, the strongest three).

    ``results`` is a :class:`~biocorr.analysis.Results` (typed loosely: results.py imports this module).

    With groups declared, the within-group rows lead and a pooled row (the groups together) comes
    after them, named ``pooled: A + B`` and cautioned, since pooling patients with controls mostly
    restates how the groups differ.

    Returns
    -------
    (DataFrame, bool)
        Rows of ``results.correlations`` ordered by adjusted p (within-group rows first), with
        ``caution`` and ``subset_shown`` columns; True when they survive adjustment, False when
        they are the strongest of none.

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
    pools = results.study.subset_pools()  # group subset -> the pooled subset over it
    pooled = set(pools.values())
    primary["_abs"] = -primary["estimate"].abs()
    primary["_pooled"] = primary["subset"].isin(pooled)  # with groups, the within-group answers lead
    primary = primary.sort_values(["_pooled", "p_adjusted", "p", "_abs"]).drop(columns=["_abs", "_pooled"])
    survive = primary[primary["p_adjusted"] < ALPHA]
    rows = survive if len(survive) else primary.head(3)
    w = results.warnings
    piled = set(w.loc[w["code"] == "detection-limit-pileup", "column"].astype(str))
    members = {pool: [g for g, p in pools.items() if p == pool] for pool in pooled}
    cautions, shown = [], []
    for _, r in rows.iterrows():
        found = _cautions(r, classical, piled)
        name = str(r["subset"])
        if name in members:
            found.insert(0, _pooled_caution(r, classical, results.group_comparisons, members[name]))
            name = subset_names(results)[name]
        cautions.append("; ".join(f for f in found if f))
        shown.append(name)
    rows = rows.assign(caution=cautions, subset_shown=shown)
    return rows, bool(len(survive))
