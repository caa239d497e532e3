"""The main job: descriptives, group comparisons and correlation tables for a Study.

Pure computation on a validated :class:`~biocorr.validate.Study`; reading and
writing files happen elsewhere (:mod:`biocorr.io`, :mod:`biocorr.output`).
Every table's columns are documented in :mod:`biocorr.columns`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np
import pandas as pd

from . import columns as cols
from .stats.correlation import METHODS, MIN_PAIRS, correlate_columns, pair_columns, permutation_p_values
from .stats.groups import compare_two_groups
from .stats.multiplicity import adjust_by_family
from .stats.ties import count_distinct
from .validate import WARNING_COLUMNS, Study

Progress = Callable[[int], None]


@dataclass(frozen=True)
class Results:
    """Everything one analysis produced, as tidy DataFrames.

    Attributes
    ----------
    study : Study
    correlations, group_comparisons, descriptives : DataFrame
        See :mod:`biocorr.columns` for their columns.
    warnings : DataFrame
        Data warnings from validation plus analysis warnings (per subset).
    """

    study: Study
    correlations: pd.DataFrame
    group_comparisons: pd.DataFrame
    descriptives: pd.DataFrame
    warnings: pd.DataFrame

    @property
    def exclusions(self) -> pd.DataFrame:
        """Excluded cells and rows with reasons (from validation)."""
        return self.study.exclusions


def family_name(method: str, subset: str, scheme: str) -> str:
    """Name of the multiple-testing family a correlation belongs to.

    Examples
    --------
    >>> family_name("spearman", "all", "method-subset")
    'spearman correlations, subset all'
    """
    if scheme == "method-subset":
        return f"{method} correlations, subset {subset}"
    if scheme == "method":
        return f"{method} correlations, all subsets"
    return "all correlations"


def correlate(data: pd.DataFrame, x: Sequence[str], y: Sequence[str],
              methods: Sequence[str] = METHODS, subset: str = "all", confidence: float = 0.95,
              permutations: int = 0, seed: int | None = None, labels: dict[str, str] | None = None,
              progress: Progress | None = None) -> pd.DataFrame:
    """Correlate every column in ``x`` with every column in ``y`` (pairwise-complete).

    Parameters
    ----------
    data : DataFrame
        Numeric columns (NaN = missing).
    x, y : sequence of str
        Column names (biomarkers, scores).
    methods : sequence of {'pearson', 'spearman', 'kendall'}
    subset : str
        Name written to the ``subset`` column.
    confidence : float
        CI level.
    permutations : int
        If > 0, also a Monte Carlo permutation p-value with this many shuffles.
    seed : int, optional
        Seed for the permutations.
    labels : dict, optional
        Display labels of the columns.
    progress : callable, optional
        Receives the number of pair-shuffles done (permutations only).

    Returns
    -------
    DataFrame
        One row per (x, y, method), columns as :data:`biocorr.columns.CORRELATIONS`,
        with ``p_adjusted`` NaN (adjustment needs the family; see :func:`analyze`).

    References
    ----------
    See :mod:`biocorr.stats.correlation`.

    Examples
    --------
    >>> df = pd.DataFrame({"tnf": [1.0, 2, 3, 4, 5, 6], "vas": [2.0, 1, 4, 3, 6, 5]})
    >>> t = correlate(df, ["tnf"], ["vas"], methods=["pearson"])
    >>> t[["n", "estimate", "p"]].round(4).values.tolist()
    [[6.0, 0.8286, 0.0416]]
    """
    labels = labels or {}
    xv = data[list(x)].to_numpy(float)
    yv = data[list(y)].to_numpy(float)
    a, b = pair_columns(xv, yv)
    xs = np.repeat(list(x), len(y))
    ys = np.tile(list(y), len(x))
    n = (~np.isnan(a)).sum(axis=0)
    const = (count_distinct(a) < 2) | (count_distinct(b) < 2)
    note = np.where(n < MIN_PAIRS, f"fewer than {MIN_PAIRS} complete pairs",
                    np.where(const, "a variable is constant among the complete pairs", ""))
    frames = []
    for method in methods:
        res = correlate_columns(a, b, method, confidence)
        p_perm = np.full(a.shape[1], np.nan)
        if permutations > 0:
            p_perm = permutation_p_values(a, b, method, permutations, seed=seed, progress=progress)
        frames.append(pd.DataFrame({
            "x": xs, "y": ys,
            "x_label": [labels.get(v, v) for v in xs], "y_label": [labels.get(v, v) for v in ys],
            "subset": subset, "method": method, "n": res["n"], "estimate": res["estimate"],
            "ci_low": res["ci_low"], "ci_high": res["ci_high"], "ci_level": confidence,
            "ci_method": res["ci_method"], "statistic": res["statistic"],
            "statistic_name": res["statistic_name"], "df": res["df"], "p": res["p"],
            "p_method": res["p_method"], "p_adjusted": np.nan, "adjust_method": "",
            "family": "", "family_size": 0, "p_permutation": p_perm,
            "n_permutations": permutations, "note": note,
        }))
    return pd.concat(frames, ignore_index=True)[list(cols.CORRELATIONS)]


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
            v = sub[var.column].to_numpy(float)
            v = v[~np.isnan(v)]
            has = len(v) > 0
            rows.append(dict(
                variable=var.column, label=var.label, role=var.role, subset=name, n=len(v),
                n_missing=int(mask.sum() - len(v)),
                mean=v.mean() if has else np.nan,
                sd=v.std(ddof=1) if len(v) > 1 else np.nan,
                median=np.median(v) if has else np.nan,
                q1=np.quantile(v, 0.25) if has else np.nan,
                q3=np.quantile(v, 0.75) if has else np.nan,
                min=v.min() if has else np.nan, max=v.max() if has else np.nan))
    return pd.DataFrame(rows, columns=list(cols.DESCRIPTIVES))


def compare_groups(study: Study) -> pd.DataFrame:
    """Welch t and Mann-Whitney U for every biomarker and score, for each pair of groups.

    p-values are adjusted (the spec's method) within the family of one test
    type and one pair of groups over all variables.

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
    for c1, c2 in combinations(codes, 2):
        g1, g2 = spec.group_label(c1), spec.group_label(c2)
        m1 = (study.data["group"] == c1).to_numpy()
        m2 = (study.data["group"] == c2).to_numpy()
        for var in spec.biomarkers + spec.scores:
            x = study.data.loc[m1, var.column].to_numpy(float)
            y = study.data.loc[m2, var.column].to_numpy(float)
            c = compare_two_groups(x, y, opts.confidence)
            note = "" if min(c.n1, c.n2) >= 2 else "fewer than 2 values in a group"
            if not note and np.isnan(c.t):
                note = "no variation within either group"
            base = dict(variable=var.column, label=var.label, role=var.role, group1=g1, group2=g2,
                        n1=c.n1, n2=c.n2, ci_level=opts.confidence, note=note)
            rows.append({**base, "test": "welch_t", "statistic_name": "t", "statistic": c.t,
                         "df": c.t_df, "p": c.t_p, "p_method": "Welch t distribution",
                         "difference_name": "mean difference", "difference": c.mean_diff,
                         "difference_ci_low": c.mean_diff_ci_low,
                         "difference_ci_high": c.mean_diff_ci_high,
                         "effect_size_name": "hedges_g", "effect_size": c.hedges_g,
                         "effect_size_ci_low": c.hedges_g_ci_low,
                         "effect_size_ci_high": c.hedges_g_ci_high,
                         "family": f"welch_t, {g1} vs {g2}"})
            mw_note = ("complete separation of the groups: the rank-biserial Fisher-z interval "
                       "degenerates to a point" if abs(c.rank_biserial) == 1 else note)
            rows.append({**base, "note": mw_note, "test": "mann_whitney", "statistic_name": "U", "statistic": c.mw_u,
                         "df": np.nan, "p": c.mw_p, "p_method": c.mw_p_method,
                         "difference_name": "", "difference": np.nan, "difference_ci_low": np.nan,
                         "difference_ci_high": np.nan, "effect_size_name": "rank_biserial",
                         "effect_size": c.rank_biserial,
                         "effect_size_ci_low": c.rank_biserial_ci_low,
                         "effect_size_ci_high": c.rank_biserial_ci_high,
                         "family": f"mann_whitney, {g1} vs {g2}"})
    table = pd.DataFrame(rows, columns=[c for c in cols.GROUP_COMPARISONS])
    return _adjust(table, opts.adjust)


def _adjust(table: pd.DataFrame, method: str) -> pd.DataFrame:
    if table.empty:
        return table
    table = table.copy()
    table["p_adjusted"] = adjust_by_family(table, method)
    table["adjust_method"] = method
    table["family_size"] = table.groupby("family")["p"].transform(lambda s: int(s.notna().sum()))
    return table


def _subset_warnings(study: Study) -> list[dict]:
    out = []
    spec = study.spec
    for name, mask in study.subsets():
        sub = study.data.loc[mask]
        for var in spec.biomarkers + spec.scores:
            v = sub[var.column].dropna()
            if len(v) >= 1 and v.nunique() < 2:
                out.append(dict(code="constant-in-subset", severity="warning", column=var.column,
                                subset=name, message=(f"'{var.column}' is constant ({v.iloc[0]:g}) in "
                                                      f"subset '{name}'; its correlations there are "
                                                      "undefined.")))
        for bm in spec.biomarkers:
            for sc in spec.scores:
                n = int((sub[bm.column].notna() & sub[sc.column].notna()).sum())
                if n < MIN_PAIRS:
                    out.append(dict(code="too-few-pairs", severity="warning",
                                    column=f"{bm.column} × {sc.column}", subset=name,
                                    message=(f"'{bm.column}' × '{sc.column}' in subset '{name}': only "
                                             f"{n} complete pair(s); no correlation is computed.")))
    return out


def analyze(study: Study, permutations: int | None = None, progress: Progress | None = None) -> Results:
    """Run the whole analysis the study's spec asks for.

    Parameters
    ----------
    study : Study
        Validated data (see :func:`biocorr.load`).
    permutations : int, optional
        Overrides the spec's ``[analysis] permutations``.
    progress : callable, optional
        Progress callback for the permutations (receives the units done).

    Returns
    -------
    Results

    Examples
    --------
    >>> from biocorr.datasets import load
    >>> res = analyze(load("hivsn"))
    >>> sorted(res.correlations["subset"].unique())
    ['Non-painful HIV-SN', 'Painful HIV-SN', 'all']
    """
    spec = study.spec
    opts = spec.analysis
    n_perm = opts.permutations if permutations is None else permutations
    labels = {v.column: v.label for v in spec.variables}
    x = [v.column for v in spec.biomarkers]
    y = [v.column for v in spec.scores]
    frames = []
    for name, mask in study.subsets():
        frames.append(correlate(study.data.loc[mask], x, y, opts.methods, subset=name,
                                confidence=opts.confidence, permutations=n_perm, seed=opts.seed,
                                labels=labels, progress=progress))
    corr = pd.concat(frames, ignore_index=True)
    corr["family"] = [family_name(m, s, opts.family) for m, s in zip(corr["method"], corr["subset"])]
    corr = _adjust(corr, opts.adjust)[list(cols.CORRELATIONS)]
    warnings = pd.concat([study.warnings, pd.DataFrame(_subset_warnings(study), columns=WARNING_COLUMNS)],
                         ignore_index=True)
    return Results(study=study, correlations=corr, group_comparisons=compare_groups(study),
                   descriptives=describe(study), warnings=warnings)


def permutation_work(study: Study, permutations: int) -> int:
    """Units of work :func:`analyze` reports to ``progress`` for ``permutations`` shuffles."""
    spec = study.spec
    total = 0
    for _, mask in study.subsets():
        sub = study.data.loc[mask]
        for bm in spec.biomarkers:
            for sc in spec.scores:
                if (sub[bm.column].notna() & sub[sc.column].notna()).sum() >= MIN_PAIRS:
                    total += permutations
    return total * len(spec.analysis.methods)
