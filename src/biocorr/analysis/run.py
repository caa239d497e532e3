"""The main job: everything the study's spec asks for, in one call (:func:`analyze`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pandas as pd

from ..columns import CORRELATIONS, WARNINGS_SCHEMA, build_records
from ..data.study import Study
from ..errors import DataError
from ..stats.methods import MIN_PAIRS
from .checks import (
    drop_one_group_pooled_rows,
    influence_warnings,
    resampling_warnings,
    simpson_warnings,
    subset_warnings,
)
from .correlations import bootstrap_rows, correlate, detected_rows, detected_subsets, partial_rows
from .differences import correlation_differences
from .families import adjust_table, family_name
from .groups import compare_groups, describe
from .matrices import matrix_rows
from .repeated import repeated_rows
from .results import Progress, Results


def analyze(
    study: Study,
    *,
    methods: Sequence[str] | None = None,
    robust: Sequence[str] | None = None,
    subsets: Sequence[str] | None = None,
    adjust: str | None = None,
    family: str | None = None,
    confidence: float | None = None,
    seed: int | None = None,
    permutations: int | None = None,
    bootstrap: int | None = None,
    alternative: str | None = None,
    primary: str | None = None,
    progress: Progress | None = None,
) -> Results:
    """Run the whole analysis the study's spec asks for; every keyword overrides the spec's option.

    Parameters
    ----------
    study : Study
        Validated data (see :func:`biocorr.load`).
    methods : sequence of str, optional
        Classical methods ('pearson', 'spearman', 'kendall'); ``[analysis] methods``.
    robust : sequence of str, optional
        Robust methods ('percbend', 'bicor', 'skipped_spearman'; [] for none); ``[analysis] robust``.
    subsets : sequence of str, optional
        'all' and/or 'by-group'; ``[analysis] subsets``.
    adjust : str, optional
        'holm', 'bh', 'bonferroni' or 'none'; ``[analysis] adjust``.
    family : str, optional
        'method-subset', 'method' or 'all'; ``[analysis] family``.
    confidence : float, optional
        CI level of every interval, in every table, figure and sentence.
    seed : int, optional
        Seed of the permutations and the bootstrap.
    permutations : int, optional
        Monte Carlo permutation p-values with this many shuffles (0: none).
    bootstrap : int, optional
        BCa bootstrap intervals with this many resamples (0: none).
    alternative : {'two-sided', 'greater', 'less'}, optional
        One-sided correlation tests as R's ``cor.test`` ('greater': a positive correlation);
        group comparisons and BCa intervals stay two-sided.
    primary : str, optional
        The method the findings, the first screen and the printed table lead with (one of
        ``methods``); ``[analysis] primary``.
    progress : callable, optional
        Progress callback for the permutations and the bootstrap (receives the units done;
        :func:`analysis_work` gives the total).

    Returns
    -------
    Results
        Its ``study.spec`` carries the options used.

    Examples
    --------
    >>> from biocorr.datasets import load
    >>> res = analyze(load("hivsn"), methods=["spearman"], confidence=0.9)
    >>> sorted(res.correlations["subset"].unique()), float(res.correlations["ci_level"].max())
    (['Non-painful HIV-SN', 'Painful HIV-SN', 'all'], 0.9)
    """
    study = study.with_options(
        methods=methods,
        robust=robust,
        subsets=subsets,
        adjust=adjust,
        family=family,
        confidence=confidence,
        seed=seed,
        permutations=permutations,
        bootstrap=bootstrap,
        alternative=alternative,
        primary=primary,
    )
    spec = study.spec
    opts = spec.analysis
    labels = {v.column: v.label for v in spec.variables}
    y = [v.column for v in spec.scores]
    blocks = spec.pair_blocks  # no biomarker: each score with each score after it, each pair once
    frames = []
    for name, mask in study.subsets():
        sub = study.data.loc[mask]
        frames += [
            correlate(
                sub,
                x,
                ys,
                list(opts.methods) + list(opts.robust),
                subset=name,
                confidence=opts.confidence,
                permutations=opts.permutations,
                seed=opts.seed,
                labels=labels,
                progress=progress,
                alternative=opts.alternative,
            )
            for x, ys in blocks
        ]
        frames.append(partial_rows(sub, spec, name))
        frames += detected_rows(study.floored, sub, y, name, opts.confidence, labels, opts.alternative)
    frames += repeated_rows(study)  # long data: within-subject correlation over the visits
    frames = [f for f in frames if not f.empty]
    if not frames:
        raise DataError("no subset to analyse: every group is empty, or subsets asks for groups the data do not have.")
    corr = pd.concat(frames, ignore_index=True)
    corr, one_group = drop_one_group_pooled_rows(corr, study)
    corr["family"] = [family_name(m, s, opts.family) for m, s in zip(corr["method"], corr["subset"])]
    corr = adjust_table(corr, opts.adjust)[list(CORRELATIONS)]
    warnings = pd.concat(
        [
            study.warnings,
            build_records(WARNINGS_SCHEMA, subset_warnings(study)),
            build_records(WARNINGS_SCHEMA, one_group),
            build_records(WARNINGS_SCHEMA, simpson_warnings(corr, study.subset_pools())),
            build_records(WARNINGS_SCHEMA, influence_warnings(corr)),
            build_records(WARNINGS_SCHEMA, resampling_warnings(opts.permutations, 0)),  # bootstrap: add_bootstrap
        ],
        ignore_index=True,
    )
    results = Results(
        study=study,
        correlations=corr,
        group_comparisons=compare_groups(study),
        descriptives=describe(study),
        warnings=warnings,
        matrices=matrix_rows(study),
        differences=correlation_differences(study, corr),
    )
    return add_bootstrap(results, opts.bootstrap, progress) if opts.bootstrap > 0 else results


def add_bootstrap(results: Results, n_resamples: int, progress: Progress | None = None) -> Results:
    """The same results with BCa bootstrap intervals on every row that has one (see
    :func:`biocorr.analysis.correlations.bootstrap_rows`).

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
        for bm, _, values in detected_subsets(study.floored, sub):
            parts.append(
                bootstrap_rows(
                    rows[detected & (rows["x"] == bm)],
                    values,
                    n_resamples,
                    opts.confidence,
                    opts.seed,
                    progress,
                    method="spearman",
                )
            )
    resampled = pd.concat(parts)
    # rows outside the subsets (repeated-measures rows over all visits) have no bootstrap: kept as they are
    filled = pd.concat([resampled, corr.drop(index=resampled.index)]).reindex(corr.index)
    warnings = pd.concat(
        [results.warnings, build_records(WARNINGS_SCHEMA, resampling_warnings(0, n_resamples))], ignore_index=True
    )
    return replace(
        results,
        study=study.with_options(bootstrap=n_resamples),  # the record says what ran
        correlations=filled,
        warnings=warnings,
    )


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
        pairs = spec.pairs
        for x, y in pairs:
            if (sub[x].notna() & sub[y].notna()).sum() >= MIN_PAIRS:
                total += permutations * len(opts.methods)
        n_pairs = len(pairs)
        total += bootstrap * n_pairs * (len(opts.methods) + len(opts.robust))
        total += bootstrap * len(spec.scores) * len(list(detected_subsets(study.floored, sub)))
    return total
