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
from .stats.correlation import METHODS, MIN_PAIRS, mask_unpaired, pair_columns, permutation_p_values
from .stats.bayes import jzs_bayes_factor
from .stats.groups import compare_two_groups
from .stats.bootstrap import BOOTSTRAP_METHODS, bootstrap_ci_columns
from .stats.diagnostics import detectable_r_at, loo_summary, method_columns, no_loo
from .stats.influence import cooks_distance
from .stats.partial import design_matrix, partial_correlation
from .stats.robust import ROBUST_METHODS
from .stats.multiplicity import adjust_by_family
from .stats.ties import count_distinct
from .validate import WARNING_COLUMNS, Study

Progress = Callable[[int], None]
ALPHA = 0.05


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


def join_notes(*notes: str) -> str:
    """Non-empty notes joined by '; '.

    Examples
    --------
    >>> join_notes("a", "", "b")
    'a; b'
    """
    return "; ".join(n for n in notes if n)


def correlate(data: pd.DataFrame, x: Sequence[str], y: Sequence[str],
              methods: Sequence[str] = METHODS, subset: str = "all", confidence: float = 0.95,
              permutations: int = 0, seed: int | None = None, labels: dict[str, str] | None = None,
              progress: Progress | None = None, ids: Sequence[str] | None = None,
              bootstrap: int = 0) -> pd.DataFrame:
    """Correlate every column in ``x`` with every column in ``y`` (pairwise-complete).

    Parameters
    ----------
    data : DataFrame
        Numeric columns (NaN = missing).
    x, y : sequence of str
        Column names (biomarkers, scores).
    methods : sequence of str
        Any of 'pearson', 'spearman', 'kendall' (R-identical p-values) and the robust
        'percbend', 'bicor', 'skipped_spearman'.
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
    ids : sequence of str, optional
        Subject ids of the rows (default: the ``id`` column, else the row labels),
        named in the leave-one-out and Cook's distance columns.
    bootstrap : int
        If > 0, BCa bootstrap CIs with this many resamples (seeded by ``seed``).

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
    if ids is None:
        ids = data["id"].astype(str).tolist() if "id" in data.columns else [str(i) for i in data.index]
    ids = np.asarray(list(ids), dtype=object)
    cooks = cooks_distance(a, b)
    has_cooks = ~np.all(np.isnan(cooks), axis=0)
    masked_cooks = np.where(np.isnan(cooks), -np.inf, cooks)
    cooks_max = np.where(has_cooks, masked_cooks.max(axis=0), np.nan)
    cooks_id = np.where(has_cooks, ids[np.argmax(masked_cooks, axis=0)], "")
    frames = []
    for method in methods:
        res = method_columns(a, b, method, confidence)
        p_perm = np.full(a.shape[1], np.nan)
        if permutations > 0 and method in METHODS:
            p_perm = permutation_p_values(a, b, method, permutations, seed=seed, progress=progress)
        loo = (loo_summary(a, b, method, res["estimate"], res["p"], ids) if method in METHODS
               else no_loo(a.shape[1]))
        method_note = note
        if method in ROBUST_METHODS:
            method_note = np.where(note == "", BOOTSTRAP_HINT, note)
            method_note = np.where(np.isnan(res["estimate"]) & (note == ""),
                                   "undefined: the robust scale is zero (half or more of the values tied)",
                                   method_note)
            if method == "skipped_spearman":
                method_note = np.where(note == "", [join_notes(f"{int(k)} bivariate outlier(s) removed (projection "
                                                               "method)", BOOTSTRAP_HINT)
                                                    for k in res["n_removed"]], note)
        bf = (np.array([jzs_bayes_factor(r, k) for r, k in zip(res["estimate"], res["n"])])
              if method == "pearson" else np.full(a.shape[1], np.nan))
        frames.append(pd.DataFrame({
            "x": xs, "y": ys,
            "x_label": [labels.get(v, v) for v in xs], "y_label": [labels.get(v, v) for v in ys],
            "subset": subset, "method": method, "n": res["n"], "estimate": res["estimate"],
            "ci_low": res["ci_low"], "ci_high": res["ci_high"], "ci_level": confidence,
            "ci_method": res["ci_method"], "statistic": res["statistic"],
            "statistic_name": res["statistic_name"], "df": res["df"], "p": res["p"],
            "p_method": res["p_method"], "p_adjusted": np.nan, "adjust_method": "",
            "family": "", "family_size": 0, "p_permutation": p_perm,
            "n_permutations": permutations if method in METHODS else 0, **loo,
            "cooks_d_max": cooks_max, "cooks_d_subject": cooks_id,
            "detectable_r": detectable_r_at(res["n"]),
            "boot_ci_low": np.nan, "boot_ci_high": np.nan, "n_bootstrap": 0, "bf10": bf, "note": method_note,
        }))
    table = pd.concat(frames, ignore_index=True)[list(cols.CORRELATIONS)]
    if bootstrap > 0:
        table = bootstrap_rows(table, data, bootstrap, confidence, seed, progress)
    return table


BOOTSTRAP_HINT = "CI: use --bootstrap N (BCa)"


def bootstrap_rows(table: pd.DataFrame, data: pd.DataFrame, n_resamples: int, confidence: float = 0.95,
                   seed: int | None = None, progress: Progress | None = None,
                   method: str | None = None) -> pd.DataFrame:
    """Fill the BCa bootstrap columns of correlation rows computed from ``data``.

    Parameters
    ----------
    table : DataFrame
        Rows of a correlation table (columns as :data:`biocorr.columns.CORRELATIONS`) whose
        ``x`` and ``y`` are columns of ``data``; rows of methods without a bootstrap
        (partial correlations) are returned unchanged.
    data : DataFrame
        The rows the estimates were computed from.
    n_resamples, confidence, seed
        As :func:`biocorr.stats.bootstrap.bootstrap_ci_columns` (the same seed gives every
        method the same resamples).
    progress : callable, optional
        Receives pair-resamples done.
    method : str, optional
        Bootstrap these rows as this method (e.g. 'spearman' for 'spearman_detected' rows);
        default: each row's own method.

    Returns
    -------
    DataFrame
        A copy with ``boot_ci_low``, ``boot_ci_high``, ``n_bootstrap`` filled and the
        bootstrap's notes added (the "use --bootstrap" hint removed).

    References
    ----------
    Efron B (1987). Better bootstrap confidence intervals. *JASA* 82, 171-185.

    Examples
    --------
    >>> df = pd.DataFrame({"tnf": [1.0, 2, 3, 4, 5, 6, 7, 9], "vas": [2.0, 1, 4, 3, 6, 5, 8, 7]})
    >>> t = bootstrap_rows(correlate(df, ["tnf"], ["vas"], methods=["pearson"]), df, 999, seed=1)
    >>> bool(t.boot_ci_low[0] < t.estimate[0] < t.boot_ci_high[0]), int(t.n_bootstrap[0])
    (True, 999)
    """
    out = table.copy()
    for own_method, rows in out.groupby("method", sort=False):
        engine = method or own_method
        if engine not in BOOTSTRAP_METHODS:
            continue
        a, b = mask_unpaired(data[list(rows["x"])].to_numpy(float), data[list(rows["y"])].to_numpy(float))
        boot = bootstrap_ci_columns(a, b, engine, n_resamples, confidence, seed,
                                    estimate=rows["estimate"].to_numpy(float), progress=progress)
        out.loc[rows.index, "boot_ci_low"] = boot.low
        out.loc[rows.index, "boot_ci_high"] = boot.high
        out.loc[rows.index, "n_bootstrap"] = boot.n_used
        out.loc[rows.index, "note"] = [
            join_notes(*(part for part in old.split("; ") if part != BOOTSTRAP_HINT), new)
            for old, new in zip(rows["note"], boot.note)]
    return out


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
                rows.append(dict(variable=var.column, label=var.label, role=var.role, subset=name,
                                 n=present, n_missing=int(mask.sum() - present)))
                continue
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
    table["family_size"] = table.groupby("family")["p"].transform("count").astype(int)
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


def _floored_biomarkers(study: Study) -> dict[str, float]:
    """Biomarkers with a lower_limit and a pile-up warning: column -> limit."""
    w = study.warnings
    piled = set(w.loc[w["code"] == "detection-limit-pileup", "column"])
    return {v.column: v.lower_limit for v in study.spec.biomarkers if v.column in piled}


def _detected_only(study: Study, sub: pd.DataFrame):
    """(biomarker, limit, rows above the limit) for each piled-up biomarker with >= 3 such rows in ``sub``:
    the data of the detected-only rows (analyze), of their bootstrap and of its progress count."""
    for bm, limit in _floored_biomarkers(study).items():
        detected = sub[sub[bm] > limit]
        if len(detected) >= 3:
            yield bm, limit, detected


def partial_rows(data: pd.DataFrame, spec, subset: str) -> pd.DataFrame:
    """Partial Pearson/Spearman rows controlling for the spec's covariates (one row per pair).

    Covariates constant within the subset are left out of that subset's model
    (and the note says which were used). See :mod:`biocorr.stats.partial`.
    """
    covs = [v.column for v in spec.covariates]
    methods = [m for m in spec.analysis.methods if m in ("pearson", "spearman")]
    if not covs or not methods:
        return pd.DataFrame(columns=list(cols.CORRELATIONS))
    z, znames = design_matrix(data[covs])
    labels = {v.column: v.label for v in spec.variables}
    rows = []
    for method in methods:
        for bm in spec.biomarkers:
            for sc in spec.scores:
                res = partial_correlation(data[bm.column].to_numpy(float), data[sc.column].to_numpy(float),
                                          z, method, spec.analysis.confidence)
                ok = np.isfinite(res["estimate"])
                rows.append({
                    "x": bm.column, "y": sc.column, "x_label": labels[bm.column], "y_label": labels[sc.column],
                    "subset": subset, "method": f"partial_{method}", "n": res["n"], "estimate": res["estimate"],
                    "ci_low": res["ci_low"], "ci_high": res["ci_high"], "ci_level": spec.analysis.confidence,
                    "ci_method": "Fisher z, SE 1/sqrt(n - 3 - k)", "statistic": res["statistic"],
                    "statistic_name": "t" if ok else "", "df": res["df"] if ok else np.nan, "p": res["p"],
                    "p_method": f"t distribution (df = n - 2 - {res['k']})" if ok else "",
                    "p_adjusted": np.nan, "adjust_method": "", "family": "", "family_size": 0,
                    "p_permutation": np.nan, "n_permutations": 0, "loo_min": np.nan, "loo_max": np.nan,
                    "loo_max_p": np.nan, "loo_most_influential": "", "loo_changes_significance": False,
                    "cooks_d_max": np.nan, "cooks_d_subject": "", "detectable_r": np.nan,
                    "boot_ci_low": np.nan, "boot_ci_high": np.nan, "n_bootstrap": 0, "bf10": np.nan,
                    "note": (f"controlling for {', '.join(znames)} (rows complete on all)" if ok else
                             f"too few complete rows for {res['k']} covariate column(s)"),
                })
    return pd.DataFrame(rows, columns=list(cols.CORRELATIONS))


def simpson_warnings(corr: pd.DataFrame) -> list[dict]:
    """Pooled vs within-group disagreements (Simpson's paradox check).

    Flags a pair and method when the pooled estimate's sign is opposite to
    every within-group estimate, or the pooled test is significant (p < .05)
    while no within-group test is.
    """
    out = []
    base = corr[corr["method"].isin(METHODS)].dropna(subset=["estimate", "p"])
    keys = ["x", "y", "method"]
    pooled = base[base["subset"] == "all"].set_index(keys)
    groups = base[base["subset"] != "all"].join(pooled[["estimate", "p"]].add_suffix("_all"), on=keys)
    groups = groups.dropna(subset=["estimate_all"])
    if groups.empty:
        return out
    groups["opposite"] = np.sign(groups["estimate"]) == -np.sign(groups["estimate_all"])
    groups["ns"] = groups["p"] >= ALPHA
    agg = groups.groupby(keys).agg(opposite=("opposite", "all"), ns=("ns", "all"))
    agg = agg.join(pooled[["estimate", "p"]])
    agg["opposite"] &= agg["estimate"] != 0
    flagged = agg[agg["opposite"] | ((agg["p"] < ALPHA) & agg["ns"])]
    for key, row in flagged.iterrows():
        pr = row
        g = groups.set_index(keys).loc[[key]]
        opposite = bool(row["opposite"])
        # pooled stronger than every group: the group difference itself may carry the association
        stronger = abs(pr["estimate"]) > g["estimate"].abs().max() and not opposite
        within = ", ".join(f"{s}: {e:+.2f} (p = {p:.3f})" for s, e, p in zip(g["subset"], g["estimate"], g["p"]))
        if opposite:
            why, tail, severity = ("has the opposite sign to every within-group estimate",
                                   "a group difference may be masquerading as a correlation", "warning")
        elif stronger:
            why, tail, severity = ("is significant while no within-group estimate is, and is stronger than "
                                   "each of them", "a group difference may be masquerading as a "
                                   "correlation", "warning")
        else:
            why, tail, severity = ("is significant while no within-group estimate is",
                                   "the within-group estimates are as large, so pooling may only add power",
                                   "note")
        out.append(dict(code="pooled-vs-within", severity=severity, column=f"{key[0]} × {key[1]}",
                        subset="all", message=(
                            f"{key[2]} {key[0]} × {key[1]}: the pooled estimate {pr['estimate']:+.2f} "
                            f"(p = {pr['p']:.3f}) {why} ({within}); {tail}.")))
    return out


def _influence_warnings(corr: pd.DataFrame) -> list[dict]:
    flips = corr[corr["loo_changes_significance"].astype(bool) & corr["method"].isin(METHODS)]
    out = []
    for r in flips.itertuples():
        out.append(dict(code="single-subject-influence", severity="warning", column=f"{r.x} × {r.y}",
                        subset=r.subset, message=(
                            f"{r.method} {r.x} × {r.y} in subset '{r.subset}': deleting one subject changes "
                            f"the verdict at p < .05 (p = {r.p:.3f}; leave-one-out r from {r.loo_min:.2f} to "
                            f"{r.loo_max:.2f}, largest p {r.loo_max_p:.3f}; most influential: "
                            f"{r.loo_most_influential}).")))
    return out


def analyze(study: Study, permutations: int | None = None, progress: Progress | None = None,
            bootstrap: int | None = None) -> Results:
    """Run the whole analysis the study's spec asks for.

    Parameters
    ----------
    study : Study
        Validated data (see :func:`biocorr.load`).
    permutations : int, optional
        Overrides the spec's ``[analysis] permutations``.
    progress : callable, optional
        Progress callback for the permutations (receives the units done).
    bootstrap : int, optional
        Overrides the spec's ``[analysis] bootstrap`` (BCa resamples).

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
    n_boot = opts.bootstrap if bootstrap is None else bootstrap
    frames = []
    for name, mask in study.subsets():
        sub = study.data.loc[mask]
        frames.append(correlate(sub, x, y, list(opts.methods) + list(opts.robust), subset=name,
                                confidence=opts.confidence, permutations=n_perm, seed=opts.seed,
                                labels=labels, progress=progress))
        frames.append(partial_rows(sub, spec, name))
        for bm, limit, detected in _detected_only(study, sub):
            extra = correlate(detected, [bm], y, ["spearman"], subset=name, confidence=opts.confidence,
                              labels=labels)
            n_out = int((sub[bm] <= limit).sum())
            extra["method"] = "spearman_detected"
            extra["note"] = [join_notes(f"only values above the lower limit {limit:g} ({n_out} at or below it "
                                        "left out); compare with kendall over all values", other)
                             for other in extra["note"]]
            frames.append(extra)
    corr = pd.concat([f for f in frames if not f.empty], ignore_index=True)
    corr["family"] = [family_name(m, s, opts.family) for m, s in zip(corr["method"], corr["subset"])]
    corr = _adjust(corr, opts.adjust)[list(cols.CORRELATIONS)]
    warnings = pd.concat([study.warnings, pd.DataFrame(_subset_warnings(study), columns=WARNING_COLUMNS),
                          pd.DataFrame(simpson_warnings(corr), columns=WARNING_COLUMNS),
                          pd.DataFrame(_influence_warnings(corr), columns=WARNING_COLUMNS)],
                         ignore_index=True)
    results = Results(study=study, correlations=corr, group_comparisons=compare_groups(study),
                      descriptives=describe(study), warnings=warnings)
    return add_bootstrap(results, n_boot, progress) if n_boot > 0 else results


def add_bootstrap(results: Results, n_resamples: int, progress: Progress | None = None) -> Results:
    """The same results with BCa bootstrap intervals on every row that has one (see :func:`bootstrap_rows`).

    Kept apart from :func:`analyze` so that slow resampling can run while the report's
    figures (which do not show it) are drawn. Detected-only rows are resampled among the
    detected values, as they were estimated.

    Examples
    --------
    >>> from biocorr.datasets import load
    >>> res = add_bootstrap(analyze(load("hivsn")), 200)
    >>> int(res.correlations.query("method == 'pearson'").n_bootstrap.max())
    200
    """
    study = results.study
    opts = study.spec.analysis
    corr = results.correlations
    parts = []
    for name, mask in study.subsets():
        sub = study.data.loc[mask]
        rows = corr[corr["subset"] == name]
        detected = rows["method"] == "spearman_detected"
        parts.append(bootstrap_rows(rows[~detected], sub, n_resamples, opts.confidence, opts.seed, progress))
        for bm, _, values in _detected_only(study, sub):
            parts.append(bootstrap_rows(rows[detected & (rows["x"] == bm)], values, n_resamples, opts.confidence,
                                        opts.seed, progress, method="spearman"))
    filled = pd.concat(parts).reindex(corr.index)
    return Results(study=study, correlations=filled, group_comparisons=results.group_comparisons,
                   descriptives=results.descriptives, warnings=results.warnings)


def analysis_work(study: Study, permutations: int, bootstrap: int = 0) -> int:
    """Units of work :func:`analyze` reports to ``progress``: pair-shuffles and pair-resamples.

    Examples
    --------
    hivsn: 3 classical methods x 13 testable pairs (pain is scored in one group only) x 100
    shuffles; 6 methods (3 robust) x 15 pairs x 10 resamples:

    >>> from biocorr.datasets import load
    >>> study = load("hivsn")
    >>> analysis_work(study, 100, 0), analysis_work(study, 0, 10)
    (3900, 900)
    """
    spec = study.spec
    opts = spec.analysis
    total = 0
    for _, mask in study.subsets():
        sub = study.data.loc[mask]
        for bm in spec.biomarkers:
            for sc in spec.scores:
                if (sub[bm.column].notna() & sub[sc.column].notna()).sum() >= MIN_PAIRS:
                    total += permutations * len(opts.methods)
        n_pairs = len(spec.biomarkers) * len(spec.scores)
        total += bootstrap * n_pairs * (len(opts.methods) + len(opts.robust))
        total += bootstrap * len(spec.scores) * len(list(_detected_only(study, sub)))
    return total
