"""Correlation rows: every biomarker × score pair for every method, with per-row diagnostics.

Pure computation on numeric DataFrames; every row is built from
:data:`biocorr.columns.CORRELATIONS_SCHEMA` (:func:`biocorr.columns.build_table`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..columns import CORRELATIONS_SCHEMA, build_table
from ..spec import StudySpec
from ..stats.bayes import jzs_bayes_factors
from ..stats.bootstrap import bootstrap_ci_columns
from ..stats.correlation import mask_unpaired, pair_columns, permutation_p_values
from ..stats.diagnostics import cooks_summary, loo_summary, method_columns, no_loo
from ..stats.fisher import detectable_r
from ..stats.methods import BOOTSTRAP_METHODS, CLASSICAL_METHODS, MIN_PAIRS, PARTIAL_BASES
from ..stats.options import check_alternative, check_confidence, check_methods
from ..stats.pair_stats import PairStats
from ..stats.partial import design_matrix, partial_correlation
from ..stats.ties import is_constant
from .inputs import numeric_columns
from .results import Progress

BOOTSTRAP_HINT = "no analytic CI: BCa with bootstrap=N"
"""The note of a robust row without bootstrap intervals (the CLI prints its flag, --bootstrap N)."""


def join_notes(*notes: str) -> str:
    """Non-empty notes joined by '; '.

    Examples
    --------
    >>> join_notes("a", "", "b")
    'a; b'
    """
    return "; ".join(n for n in notes if n)


def _robust_notes(method: str, res: PairStats, note: np.ndarray) -> np.ndarray:
    """Each robust row's note: the pair's own note, else why the method is undefined there, else what it did."""
    own = res.note
    if method == "skipped_spearman":
        did = [
            join_notes(f"{int(k)} bivariate outlier(s) removed (projection method)", BOOTSTRAP_HINT)
            if np.isfinite(k)
            else ""
            for k in res.n_removed
        ]
    else:
        did = [BOOTSTRAP_HINT] * len(note)
    return np.where(note != "", note, np.where(own != "", own, did))


ENGINE_COLUMNS = (
    "n",
    "estimate",
    "ci_low",
    "ci_high",
    "ci_method",
    "statistic",
    "statistic_name",
    "df",
    "p",
    "p_method",
)
"""The columns of a correlations row that a method's engine (:func:`method_columns`) gives directly."""


def engine_columns(res: PairStats) -> dict[str, np.ndarray]:
    """The engine's result arrays under their correlations-table names."""
    return {key: getattr(res, key) for key in ENGINE_COLUMNS}


def correlate(
    data: pd.DataFrame,
    x: Sequence[str],
    y: Sequence[str],
    methods: Sequence[str] = CLASSICAL_METHODS,
    subset: str = "all",
    confidence: float = 0.95,
    permutations: int = 0,
    seed: int | None = None,
    labels: dict[str, str] | None = None,
    progress: Progress | None = None,
    ids: Sequence[str] | None = None,
    bootstrap: int = 0,
    diagnostics: str | Sequence[str] = "full",
    alternative: str = "two-sided",
) -> pd.DataFrame:
    """Correlate every column in ``x`` with every column in ``y`` (pairwise-complete).

    Cost: the estimates, CIs and R-identical p-values are vectorised over pairs (a screen of
    10,000 pairs at n = 24: ~30 ms). The per-row extras cost more and can be chosen with
    ``diagnostics``: leave-one-out ('loo'; O(n) per pair for Pearson, O(n^2) per pair from
    matrix products below n = 160 and O(n^1.5 log n) above for the rank methods), Cook's
    distance ('cooks', O(n)) and the JZS Bayes factor ('bf10'; a 339-point quadrature per
    distinct n, interpolated in r^2 when 400+ Pearson pairs share it). With all three the same
    screen takes ~55 ms (Pearson) and ~60 ms (Spearman); README "Speed" has the measurements.
    With complete data each variable is scaled, ranked and centred once, not once per pair.

    Parameters
    ----------
    data : DataFrame
        Numeric columns (NaN = missing).
    x, y : sequence of str
        Column names (biomarkers, scores).
    methods : sequence of str
        Any of 'pearson', 'spearman', 'kendall' (R-identical p-values) and the robust
        'percbend', 'bicor', 'skipped_spearman' (:data:`biocorr.stats.methods.METHOD_INFO`).
    subset : str
        Name written to the ``subset`` column.
    confidence : float
        CI level.
    permutations : int
        If > 0, also a Monte Carlo permutation p-value with this many shuffles.
    seed : int, optional
        Seed for the permutations and the bootstrap.
    labels : dict, optional
        Display labels of the columns.
    progress : callable, optional
        Receives the number of pair-shuffles (and pair-resamples) done.
    ids : sequence of str, optional
        Subject ids of the rows (default: the ``id`` column, else the row labels),
        named in the leave-one-out and Cook's distance columns.
    bootstrap : int
        If > 0, BCa bootstrap CIs with this many resamples (seeded by ``seed``).
    alternative : {'two-sided', 'greater', 'less'}
        As R's ``cor.test``: one-sided p-values (also the permutation and leave-one-out ones)
        and one-sided intervals; BCa bootstrap intervals stay two-sided.
    diagnostics : {'full', 'basic', 'none'} or sequence of {'loo', 'cooks', 'bf10'}
        Per-row extras: 'full' (all three; what :func:`biocorr.analyze` reports), 'basic'
        (Cook's distance and BF10, no leave-one-out), 'none' (estimates, CIs and p only;
        the extras' columns are empty).

    Returns
    -------
    DataFrame
        One row per (x, y, method), columns as :data:`biocorr.columns.CORRELATIONS`,
        with ``p_adjusted`` NaN (adjustment needs the family; see :func:`biocorr.analyze`).

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
    extras = diagnostic_set(diagnostics)
    methods = check_methods(methods)  # a method named twice is computed (and adjusted) once
    confidence, alternative = check_confidence(confidence), check_alternative(alternative)
    x, y = [x] if isinstance(x, str) else x, [y] if isinstance(y, str) else y  # one column named alone
    x, y = list(dict.fromkeys(x)), list(dict.fromkeys(y))  # so is a column: families keep their true size
    xv = numeric_columns(data, x, "correlate")
    yv = numeric_columns(data, y, "correlate")
    a, b = pair_columns(xv, yv)
    variables = (xv, yv, np.repeat(np.arange(len(x)), len(y)), np.tile(np.arange(len(y)), len(x)))  # pair j's
    xs = np.repeat(list(x), len(y))
    ys = np.tile(list(y), len(x))
    x_labels = np.repeat([labels.get(v, v) for v in x], len(y))  # looked up once per variable
    y_labels = np.tile([labels.get(v, v) for v in y], len(x))
    m = a.shape[1]
    n = (~np.isnan(a)).sum(axis=0)
    if np.isnan(xv).any() or np.isnan(yv).any():
        const = is_constant(a) | is_constant(b)
    else:  # complete data: a pair's column is its variable's, so each variable is tested once
        const = np.repeat(is_constant(xv), len(y)) | np.tile(is_constant(yv), len(x))
    note = np.where(
        n < MIN_PAIRS,
        f"fewer than {MIN_PAIRS} complete pairs",
        np.where(const, "a variable is constant among the complete pairs", ""),
    )
    if ids is None:
        ids = data["id"].astype(str).tolist() if "id" in data.columns else [str(i) for i in data.index]
    id_array = np.asarray(list(ids), dtype=object)
    cooks = (
        cooks_summary(a, b, id_array, variables)
        if "cooks" in extras
        else {"cooks_d_max": np.full(m, np.nan), "cooks_d_subject": np.full(m, "", dtype=object)}
    )
    frames = []
    for method in methods:
        res = method_columns(a, b, method, confidence, alternative, variables)
        classical = method in CLASSICAL_METHODS
        p_perm = np.full(m, np.nan)
        if permutations > 0 and classical:
            p_perm = permutation_p_values(
                a, b, method, permutations, seed=seed, progress=progress, alternative=alternative
            )
        loo = (
            loo_summary(a, b, method, res.estimate, res.p, id_array, alternative, variables)
            if classical and "loo" in extras
            else no_loo(m)
        )
        bf = jzs_bayes_factors(res.estimate, res.n) if method == "pearson" and "bf10" in extras else np.full(m, np.nan)
        frames.append(
            build_table(
                CORRELATIONS_SCHEMA,
                x=xs,
                y=ys,
                x_label=x_labels,
                y_label=y_labels,
                subset=subset,
                method=method,
                **engine_columns(res),
                ci_level=confidence,
                p_permutation=p_perm,
                n_permutations=permutations if classical else 0,
                **loo,
                **cooks,
                detectable_r=detectable_r(res.n, method=method if classical else "pearson"),
                bf10=bf,
                note=note if classical else _robust_notes(method, res, note),
            )
        )
    table = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)  # one method: no copy
    if bootstrap > 0:
        table = bootstrap_rows(table, data, bootstrap, confidence, seed, progress)
    return table


DIAGNOSTIC_LEVELS = {"full": ("loo", "cooks", "bf10"), "basic": ("cooks", "bf10"), "none": ()}


def diagnostic_set(diagnostics: str | Sequence[str]) -> frozenset[str]:
    """The extras named by a level ('full', 'basic', 'none') or by a list of 'loo', 'cooks', 'bf10'.

    Examples
    --------
    >>> sorted(diagnostic_set("basic")), sorted(diagnostic_set(["loo"]))
    (['bf10', 'cooks'], ['loo'])
    """
    if isinstance(diagnostics, str):
        if diagnostics not in DIAGNOSTIC_LEVELS:
            raise ValueError(f"diagnostics: unknown level {diagnostics!r}; use one of {', '.join(DIAGNOSTIC_LEVELS)}")
        return frozenset(DIAGNOSTIC_LEVELS[diagnostics])
    unknown = set(diagnostics) - set(DIAGNOSTIC_LEVELS["full"])
    if unknown:
        raise ValueError(f"diagnostics: unknown extra(s) {sorted(unknown)}; use loo, cooks, bf10")
    return frozenset(diagnostics)


def bootstrap_rows(
    table: pd.DataFrame,
    data: pd.DataFrame,
    n_resamples: int,
    confidence: float = 0.95,
    seed: int | None = None,
    progress: Progress | None = None,
    method: str | None = None,
) -> pd.DataFrame:
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
        bootstrap's notes added (the "no analytic CI" hint removed).

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
        boot = bootstrap_ci_columns(
            a,
            b,
            str(engine),
            n_resamples,
            confidence,
            seed,
            estimate=rows["estimate"].to_numpy(float),
            progress=progress,
        )
        out.loc[rows.index, "boot_ci_low"] = boot.low
        out.loc[rows.index, "boot_ci_high"] = boot.high
        out.loc[rows.index, "n_bootstrap"] = boot.n_used
        out.loc[rows.index, "note"] = [
            join_notes(*(part for part in old.split("; ") if part != BOOTSTRAP_HINT), new)
            for old, new in zip(rows["note"], boot.note)
        ]
    return out


def partial_rows(data: pd.DataFrame, spec: StudySpec, subset: str) -> pd.DataFrame:
    """Partial Pearson/Spearman rows controlling for the spec's covariates (one row per pair).

    Covariates constant within the subset are left out of that subset's model
    (and the note says which were used). See :mod:`biocorr.stats.partial`.

    Examples
    --------
    >>> from biocorr.datasets import load
    >>> study = load("hivsn")
    >>> t = partial_rows(study.data, study.spec, "all")
    >>> sorted(set(t["method"])), t["note"].iloc[0]
    (['partial_pearson', 'partial_spearman'], 'controlling for age, sex=male (rows complete on all)')
    """
    covs = [v.column for v in spec.covariates]
    methods = [m for m in spec.analysis.methods if m in PARTIAL_BASES]
    if not covs or not methods:
        return build_table(CORRELATIONS_SCHEMA)
    z, znames = design_matrix(data[covs])
    alt = spec.analysis.alternative
    one_sided = "" if alt == "two-sided" else f", one-sided ({alt})"
    labels = {v.column: v.label for v in spec.variables}
    records = []
    for method in methods:
        for x, y in spec.pairs:
            res = partial_correlation(
                data[x].to_numpy(float),
                data[y].to_numpy(float),
                z,
                method,
                spec.analysis.confidence,
                spec.analysis.alternative,
            )
            ok = np.isfinite(res["estimate"])
            records.append(
                dict(
                    x=x,
                    y=y,
                    x_label=labels[x],
                    y_label=labels[y],
                    subset=subset,
                    method=f"partial_{method}",
                    n=res["n"],
                    estimate=res["estimate"],
                    ci_low=res["ci_low"],
                    ci_high=res["ci_high"],
                    ci_level=spec.analysis.confidence,
                    ci_method="Fisher z, SE 1/sqrt(n - 3 - k)" + one_sided,
                    statistic=res["statistic"],
                    statistic_name="t" if ok else "",
                    df=res["df"] if ok else np.nan,
                    p=res["p"],
                    p_method=f"t distribution (df = n - 2 - {res['k']}){one_sided}" if ok else "",
                    note=join_notes(
                        f"controlling for {', '.join(znames)} (rows complete on all)"
                        if ok
                        else res["note"] or f"too few complete rows for {res['k']} covariate column(s)",
                        res["note"] if ok else "",
                    ),
                )
            )
    return build_table(CORRELATIONS_SCHEMA, **{k: [r[k] for r in records] for k in records[0]})


def detected_rows(
    study_floored: dict[str, float],
    sub: pd.DataFrame,
    y: Sequence[str],
    subset: str,
    confidence: float,
    labels: dict[str, str],
    alternative: str = "two-sided",
) -> list[pd.DataFrame]:
    """Spearman rows among the values above each floored biomarker's lower limit (``spearman_detected``).

    Only biomarkers with at least 3 values above the limit in the subset get such rows.
    """
    frames = []
    for bm, limit, detected in detected_subsets(study_floored, sub):
        n_out = int((sub[bm] <= limit).sum())
        extra = correlate(
            detected,
            [bm],
            y,
            ["spearman"],
            subset=subset,
            confidence=confidence,
            labels=labels,
            alternative=alternative,
        )
        extra["method"] = "spearman_detected"
        extra["note"] = [
            join_notes(
                f"only values above the lower limit {limit:g} ({n_out} at or below it "
                "left out); compare with kendall over all values",
                other,
            )
            for other in extra["note"]
        ]
        frames.append(extra)
    return frames


def detected_subsets(floored: dict[str, float], sub: pd.DataFrame):
    """(biomarker, limit, rows above the limit) for each floored biomarker with >= 3 such rows in ``sub``:
    the data of the detected-only rows, of their bootstrap and of its progress count."""
    for bm, limit in floored.items():
        detected = sub[sub[bm] > limit]
        if len(detected) >= 3:
            yield bm, limit, detected
