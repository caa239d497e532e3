"""Analysis warnings: constant variables and thin pairs per subset, pooled-vs-within-group
disagreements (Simpson) and single-subject influence. Each is computed from the tables, and
each warning is a row of :data:`biocorr.columns.WARNINGS`."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..columns import finding
from ..data.study import Study
from ..format import fmt_p_apa
from ..stats.methods import ALPHA, CLASSICAL_METHODS, MIN_PAIRS


def subset_warnings(study: Study) -> list[dict]:
    """Fewer than two groups, variables constant within a subset, and pairs with too few complete rows."""
    out = []
    spec = study.spec
    if spec.group_column is not None and len(study.group_codes) < 2:
        found = ", ".join(f"'{spec.group_label(c)}'" for c in study.group_codes) or "none"
        out.append(
            finding(
                code="fewer-than-two-groups",
                severity="warning",
                column=spec.group_column,
                subset="all",
                message=(
                    f"group column '{spec.group_column}' has fewer than two groups with rows "
                    f"(found: {found}); no group comparison is made. Check the column or the [groups] codes."
                ),
            )
        )
    for name in study.empty_subsets():
        out.append(
            finding(
                code="empty-subset",
                severity="note",
                column=spec.group_column or "",
                subset=name,
                message=f"{name}: no subject of this group has a row at this visit; the subset has no results.",
            )
        )
    for name, mask in study.subsets():
        sub = study.data.loc[mask]
        for var in spec.biomarkers + spec.scores:
            v = sub[var.column].dropna()
            if len(v) >= 1 and v.nunique() < 2:
                out.append(
                    finding(
                        code="constant-in-subset",
                        severity="warning",
                        column=var.column,
                        subset=name,
                        message=(
                            f"'{var.column}' is constant ({v.iloc[0]:g}) in "
                            f"subset '{name}'; its correlations there are "
                            "undefined."
                        ),
                    )
                )
        for x, y in spec.pairs:
            n = int((sub[x].notna() & sub[y].notna()).sum())
            if n < MIN_PAIRS:
                out.append(
                    finding(
                        code="too-few-pairs",
                        severity="warning",
                        column=f"{x} × {y}",
                        subset=name,
                        message=(
                            f"'{x}' × '{y}' in subset '{name}': only {n} complete pair(s); no correlation is computed."
                        ),
                    )
                )
    return out


def simpson_warnings(corr: pd.DataFrame, pools: dict[str, str] | None = None) -> list[dict]:
    """Pooled vs within-group disagreements (Simpson's paradox check).

    Flags a pair and method when the pooled estimate's sign is opposite to
    every within-group estimate and the pooled or a within-group test reaches p < .05,
    or the pooled test is significant (p < .05) while no within-group test is.

    ``pools`` maps each group subset to the subset that pools it (:meth:`Study.subset_pools`;
    in long data one per visit); by default every subset but 'all' is a group of 'all'.
    """
    out: list[dict] = []
    base = corr[corr["method"].isin(CLASSICAL_METHODS)].dropna(subset=["estimate", "p"])
    if pools is None:
        pools = {s: "all" for s in base["subset"].unique() if s != "all"}
    if not pools:  # no groups: nothing to compare with a pooled estimate
        return out
    keys = ["x", "y", "method", "pool"]
    pooled = base[base["subset"].isin(set(pools.values()))].assign(pool=lambda f: f["subset"]).set_index(keys)
    groups = base.assign(pool=base["subset"].map(pools)).dropna(subset=["pool"])
    groups = groups.join(pooled[["estimate", "p"]].add_suffix("_all"), on=keys)
    groups = groups.dropna(subset=["estimate_all"])
    if groups.empty:
        return out
    groups["opposite"] = np.sign(groups["estimate"]) == -np.sign(groups["estimate_all"])
    groups["ns"] = groups["p"] >= ALPHA
    agg = groups.groupby(keys).agg(opposite=("opposite", "all"), ns=("ns", "all"))
    agg = agg.join(pooled[["estimate", "p"]])
    # an opposite sign is worth a warning only when either side is more than noise: the pooled or
    # some within-group test reaches p < .05 (a pooled r = -.03, p = .78 against +.05 is noise)
    any_sig = groups.groupby(keys)["p"].min() < ALPHA
    agg["opposite"] &= (agg["estimate"] != 0) & ((agg["p"] < ALPHA) | any_sig.reindex(agg.index, fill_value=False))
    flagged = agg[agg["opposite"] | ((agg["p"] < ALPHA) & agg["ns"])]
    for key_, row in flagged.iterrows():
        key: tuple = tuple(key_)  # type: ignore[arg-type]  # (x, y, method, pooled subset): four levels
        pr = row
        g = groups.set_index(keys).loc[[key]]
        opposite = bool(row["opposite"])
        # pooled stronger than every group: the group difference itself may carry the association
        stronger = abs(pr["estimate"]) > g["estimate"].abs().max() and not opposite
        within = ", ".join(f"{s}: {e:+.2f} ({fmt_p_apa(p)})" for s, e, p in zip(g["subset"], g["estimate"], g["p"]))
        if opposite:
            why, tail, severity = (
                "has the opposite sign to every within-group estimate",
                "a group difference may be masquerading as a correlation",
                "warning",
            )
        elif stronger:
            why, tail, severity = (
                "is significant while no within-group estimate is, and is stronger than each of them",
                "a group difference may be masquerading as a correlation",
                "warning",
            )
        else:
            why, tail, severity = (
                "is significant while no within-group estimate is",
                "the within-group estimates are as large, so pooling may only add power",
                "note",
            )
        out.append(
            finding(
                code="pooled-vs-within",
                severity=severity,
                column=f"{key[0]} × {key[1]}",
                subset=key[3],
                message=(
                    f"{key[2]} {key[0]} × {key[1]}: the pooled estimate {pr['estimate']:+.2f} "
                    f"({fmt_p_apa(pr['p'])}) {why} ({within}); {tail}."
                ),
            )
        )
    return out


def influence_warnings(corr: pd.DataFrame) -> list[dict]:
    """Classical correlations whose verdict at p < .05 one subject's deletion flips."""
    flips = corr[corr["loo_changes_significance"].astype(bool) & corr["method"].isin(CLASSICAL_METHODS)]
    out = []
    ps = (flips[c].to_numpy(float) for c in ("p", "loo_min_p", "loo_max_p"))
    for r, p, lo, hi in zip(flips.itertuples(), *ps):
        crossing = crossing_p_text(p, lo, hi)
        out.append(
            finding(
                code="single-subject-influence",
                severity="warning",
                column=f"{r.x} × {r.y}",
                subset=r.subset,
                message=(
                    f"{r.method} {r.x} × {r.y} in subset '{r.subset}': deleting one subject changes "
                    f"the verdict at p < .05 ({fmt_p_apa(p)}; leave-one-out r from {r.loo_min:.2f} to "
                    f"{r.loo_max:.2f}, {crossing}; most influential: "
                    f"{r.loo_most_influential})."
                ),
            )
        )
    return out


def crossing_loo_p(p: float, loo_min_p: float, loo_max_p: float) -> float:
    """The leave-one-out p that crosses .05: the largest when p < .05, else the smallest.

    Examples
    --------
    >>> crossing_loo_p(0.03, 0.01, 0.2), crossing_loo_p(0.08, 0.004, 0.3)
    (0.2, 0.004)
    """
    return loo_max_p if p < ALPHA else loo_min_p


def crossing_p_text(p: float, loo_min_p: float, loo_max_p: float) -> str:
    """:func:`crossing_loo_p` in words, APA style.

    Examples
    --------
    >>> crossing_p_text(0.03, 0.01, 0.2), crossing_p_text(0.08, 0.004, 0.3)
    ('largest p with one subject left out = .200', 'smallest p with one subject left out = .004')
    """
    which = "largest" if p < ALPHA else "smallest"
    return fmt_p_apa(crossing_loo_p(p, loo_min_p, loo_max_p), f"{which} p with one subject left out")


def resampling_warnings(permutations: int, bootstrap: int) -> list[dict]:
    """Too few resamples for what they are asked to show (rows of :data:`biocorr.columns.WARNINGS`).

    References
    ----------
    Efron B, Tibshirani RJ (1993). *An Introduction to the Bootstrap*, section 14.8 (BCa
    intervals need 1,000-2,000 resamples); Phipson & Smyth (2010) (the smallest permutation p).

    Examples
    --------
    >>> [w["code"] for w in resampling_warnings(99, 200)]
    ['few-permutations', 'few-bootstrap-resamples']
    """
    out = []
    if 0 < permutations < 1000:
        out.append(
            finding(
                code="few-permutations",
                severity="note",
                column="",
                subset="all",
                message=(
                    f"permutation p-values come from {permutations} shuffles: none can be below "
                    f"1/({permutations} + 1) = {1 / (permutations + 1):.4f}, and each carries Monte Carlo error; "
                    "2,000 or more are usual."
                ),
            )
        )
    if 0 < bootstrap < 1000:
        out.append(
            finding(
                code="few-bootstrap-resamples",
                severity="warning",
                column="",
                subset="all",
                message=(
                    f"BCa intervals come from {bootstrap} resamples; their ends move from seed to seed at this number. "
                    "Use 2,000 or more for intervals to report (Efron & Tibshirani 1993, section 14.8)."
                ),
            )
        )
    return out


def drop_one_group_pooled_rows(corr: pd.DataFrame, study: Study) -> tuple[pd.DataFrame, list[dict]]:
    """Pooled rows ('all', or a visit) of a pair whose values come from one group only, and a note.

    A score collected in patients only (FM impact, pain in painful neuropathy) has no pair in the
    other group: its pooled correlation is the patients' test again, which would then be reported
    twice, once as 'all participants', with two adjusted p-values. Those rows are left out of the
    pooled subset (and of its family); the group's rows stay.

    Returns
    -------
    (correlations without those rows, notes for warnings)
    """
    if study.spec.group_column is None or corr.empty:
        return corr, []
    pools = set(study.subset_pools().values())
    subsets = dict(study.subsets())
    codes = study.group_codes
    drop = np.zeros(len(corr), dtype=bool)
    notes = []
    for pool in pools:
        if pool not in subsets:
            continue
        sub = study.data.loc[subsets[pool]]
        groups = [sub[sub["group"] == g] for g in codes]
        in_pool = (corr["subset"] == pool).to_numpy()
        for xs, ys in study.spec.pair_blocks:
            # complete pairs of every x and y of the block in each group: one matrix product per group, no pair loop
            has = np.stack([(d[xs].notna().to_numpy(float).T @ d[ys].notna().to_numpy(float)) > 0 for d in groups])
            only = has.sum(axis=0) == 1
            for i, j in zip(*np.nonzero(only)):
                x, y, label = xs[i], ys[j], study.spec.group_label(codes[int(np.argmax(has[:, i, j]))])
                drop |= in_pool & (corr["x"] == x).to_numpy() & (corr["y"] == y).to_numpy()
                notes.append(
                    finding(
                        code="one-group-pair",
                        severity="note",
                        column=f"{x}, {y}",
                        subset=pool,
                        message=f"{pool}: every subject with both {x} and {y} is in group '{label}', so the pooled "
                        f"correlation is that group's test again; it is shown once, under '{label}'.",
                    )
                )
    return corr.loc[~drop].reset_index(drop=True), notes
