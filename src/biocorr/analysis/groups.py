"""Descriptives and group comparisons (Welch t, Mann-Whitney U, Hedges' g, rank-biserial r)."""

from __future__ import annotations

from itertools import combinations, product

import numpy as np
import pandas as pd

from ..columns import DESCRIPTIVES_SCHEMA, GROUP_COMPARISONS_SCHEMA, build_records, build_table
from ..data.study import Study
from ..stats.groups import compare_two_groups
from .families import adjust_table


def describe(study: Study) -> pd.DataFrame:
    """Descriptive statistics per variable and subset (columns: :data:`biocorr.columns.DESCRIPTIVES`).

    Examples
    --------
    >>> from biocorr.datasets import load
    >>> d = describe(load("hivsn"))
    >>> d.query("variable == 'current_cd4' and subset == 'all'")["n"].item()
    197
    """
    rows = []
    for name, mask in study.subsets(("all", "by-group")):
        sub = study.data.loc[mask]
        for var in study.spec.variables:
            if var.categorical:
                present = int(sub[var.column].notna().sum())
                rows.append(
                    dict(
                        variable=var.column,
                        label=var.label,
                        role=var.role,
                        subset=name,
                        n=present,
                        n_missing=int(mask.sum() - present),
                    )
                )
                continue
            v = sub[var.column].to_numpy(float)
            v = v[~np.isnan(v)]
            has = len(v) > 0
            rows.append(
                dict(
                    variable=var.column,
                    label=var.label,
                    role=var.role,
                    subset=name,
                    n=len(v),
                    n_missing=int(mask.sum() - len(v)),
                    mean=v.mean() if has else np.nan,
                    sd=_sd(v) if len(v) > 1 else np.nan,
                    median=np.median(v) if has else np.nan,
                    q1=np.quantile(v, 0.25) if has else np.nan,
                    q3=np.quantile(v, 0.75) if has else np.nan,
                    min=v.min() if has else np.nan,
                    max=v.max() if has else np.nan,
                )
            )
    return build_records(DESCRIPTIVES_SCHEMA, rows) if rows else build_table(DESCRIPTIVES_SCHEMA)


def _sd(v: np.ndarray) -> float:
    """Sample SD (n - 1) computed on power-of-two-scaled values, so 1e200-sized data do not overflow."""
    scale = float(np.max(np.abs(v))) or 1.0
    e = int(np.frexp(scale)[1])
    return float(np.ldexp(np.ldexp(v, -e).std(ddof=1), e))


def compare_groups(study: Study) -> pd.DataFrame:
    """Welch t and Mann-Whitney U for every biomarker and score, for each pair of groups.

    p-values are adjusted (the spec's method) within the family of one test
    type and one pair of groups over all variables. In long data (``[data] visit``) the
    groups are compared at each visit, labelled 'Patients (Time = Pre)'.

    Returns
    -------
    DataFrame
        Columns :data:`biocorr.columns.GROUP_COMPARISONS`; empty without a group column.

    Examples
    --------
    >>> from biocorr.datasets import load
    >>> g = compare_groups(load("hivsn"))
    >>> g.query("variable == 'current_cd4' and test == 'welch_t'")[["n1", "n2"]].values.tolist()
    [[125, 72]]
    """
    spec = study.spec
    opts = spec.analysis
    rows = []
    codes = study.group_codes
    for (visit, at), (c1, c2) in product(study.visit_rows(), combinations(codes, 2)):
        g1, g2 = spec.group_label(c1), spec.group_label(c2)
        if visit:  # long data: groups compared at each visit (a subject's visits are not independent)
            g1, g2 = f"{g1} ({visit})", f"{g2} ({visit})"
        m1 = at & (study.data["group"] == c1).to_numpy()
        m2 = at & (study.data["group"] == c2).to_numpy()
        for var in spec.biomarkers + spec.scores:
            x = study.data.loc[m1, var.column].to_numpy(float)
            y = study.data.loc[m2, var.column].to_numpy(float)
            c = compare_two_groups(x, y, opts.confidence)
            note = "" if min(c.n1, c.n2) >= 2 else "fewer than 2 values in a group"
            if not note and np.isnan(c.t):
                note = "no variation within either group"
            base = dict(
                variable=var.column,
                label=var.label,
                role=var.role,
                group1=g1,
                group2=g2,
                n1=c.n1,
                n2=c.n2,
                ci_level=opts.confidence,
                note=note,
            )
            rows.append(
                {
                    **base,
                    "test": "welch_t",
                    "statistic_name": "t",
                    "statistic": c.t,
                    "df": c.t_df,
                    "p": c.t_p,
                    "p_method": "Welch t distribution",
                    "difference_name": "mean difference",
                    "difference": c.mean_diff,
                    "difference_ci_low": c.mean_diff_ci_low,
                    "difference_ci_high": c.mean_diff_ci_high,
                    "effect_size_name": "hedges_g",
                    "effect_size": c.hedges_g,
                    "effect_size_ci_low": c.hedges_g_ci_low,
                    "effect_size_ci_high": c.hedges_g_ci_high,
                    "family": f"welch_t, {g1} vs {g2}",
                }
            )
            mw_note = (
                "complete separation of the groups: the rank-biserial Fisher-z interval degenerates to a point"
                if abs(c.rank_biserial) == 1
                else note
            )
            rows.append(
                {
                    **base,
                    "note": mw_note,
                    "test": "mann_whitney",
                    "statistic_name": "U",
                    "statistic": c.mw_u,
                    "df": np.nan,
                    "p": c.mw_p,
                    "p_method": c.mw_p_method,
                    "difference_name": "",
                    "difference": np.nan,
                    "difference_ci_low": np.nan,
                    "difference_ci_high": np.nan,
                    "effect_size_name": "rank_biserial",
                    "effect_size": c.rank_biserial,
                    "effect_size_ci_low": c.rank_biserial_ci_low,
                    "effect_size_ci_high": c.rank_biserial_ci_high,
                    "family": f"mann_whitney, {g1} vs {g2}",
                }
            )
    table = pd.DataFrame(rows, columns=list(GROUP_COMPARISONS_SCHEMA))
    return adjust_table(table, opts.adjust)
