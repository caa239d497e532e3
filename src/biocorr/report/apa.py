"""Written results: APA-style sentences and a methods paragraph, generated from the tables.

Nothing here computes a statistic: every number is read from the Results
tables and formatted, so the text cannot disagree with the tables.

Reference: American Psychological Association (2020). *Publication Manual*,
7th ed., section 6.43-6.46 (statistics in text): no leading zero for values
that cannot exceed 1 (r, p), exact p to three decimals, p < .001 below that.
"""

from __future__ import annotations

import platform
from importlib import metadata

import pandas as pd

from ..analysis import Results
from ..analysis.repeated import ACROSS_VISITS
from ..format import describe_cell, fmt_level, fmt_p_apa, fmt_r
from ..spec.derived import describe
from ..stats.methods import method_label, method_symbol
from ..stats.multiplicity import ADJUST_METHODS

FAMILY_WORDS = {
    "method-subset": "all biomarker × score tests of one method within one subset",
    "method": "all biomarker × score tests of one method across subsets",
    "all": "all correlation tests together",
}


def family_words(family: str, among: str | None = None) -> str:
    """What one family of adjusted tests holds, in words (``among``: the role of a study of one
    role, whose tests are pairs of that role).

    Examples
    --------
    >>> family_words("method-subset"), family_words("method", among="score")
    ('all biomarker × score tests of one method within one subset', 'all score-pair tests of one method across subsets')
    """
    words = FAMILY_WORDS[family]
    return words.replace("biomarker × score", f"{among}-pair") if among else words


def _subset_phrase(subset: str) -> str:
    if subset == ACROSS_VISITS:
        return "Within subjects over all visits"
    if subset.startswith(f"{ACROSS_VISITS}: "):
        return f"Within subjects over all visits, in the {subset[len(ACROSS_VISITS) + 2 :]} group"
    return "In all participants" if subset == "all" else f"In the {subset} group"


def correlation_sentence(row: pd.Series, adjust: str) -> str:
    """One APA sentence for one correlation row.

    Examples
    --------
    >>> row = pd.Series(dict(subset="Painful", x_label="CD4 count", y_label="Depression",
    ...     method="pearson", n=125, estimate=-0.1981, ci_low=-0.3594, ci_high=-0.0234,
    ...     p=0.0268, p_adjusted=0.1072))
    >>> print(correlation_sentence(row, "holm"))
    In the Painful group, CD4 count and Depression: r(123) = −.20, 95% CI [−.36, −.02], p = .027
    (Holm-adjusted p = .107).
    >>> print(correlation_sentence(row.to_dict() | dict(method="rmcorr", subset="all visits", df=29.0), "holm"))
    Within subjects over all visits, CD4 count and Depression: rᵣₘ(29) = −.20, 95% CI [−.36, −.02], p = .027
    (Holm-adjusted p = .107), 125 observations.
    """
    one_sided = "one-sided" in str(row.get("p_method", ""))
    level = ("one-sided " if one_sided else "") + fmt_level(row.get("ci_level", 0.95))
    n = int(row["n"])
    if row["method"] == "kendall":
        head = f"τ = {fmt_r(row['estimate'])}"
        tail = f", n = {n}"
    elif row["method"] == "rmcorr":  # df = N - subjects - 1, not n - 2
        head = f"{method_symbol('rmcorr')}({int(row['df'])}) = {fmt_r(row['estimate'])}"
        tail = f", {n} observations"
    else:
        sym = "r" if row["method"] == "pearson" else "rₛ"
        head = f"{sym}({n - 2}) = {fmt_r(row['estimate'])}"
        tail = ""
    adj_name = ADJUST_METHODS[adjust][1]
    adjusted = "" if adjust == "none" else f" ({adj_name}-adjusted {fmt_p_apa(row['p_adjusted'])})"
    sided = ", one-tailed" if one_sided else ""
    return (
        f"{_subset_phrase(row['subset'])}, {row['x_label']} and {row['y_label']}: {head}, "
        f"{level} CI [{fmt_r(row['ci_low'])}, {fmt_r(row['ci_high'])}], "
        f"{fmt_p_apa(row['p'])}{sided}{adjusted}{tail}."
    )


def results_sentences(results: Results, method: str | None = None) -> list[str]:
    """APA sentences for every computed correlation of one method (default: the primary method)."""
    adjust = results.study.spec.analysis.adjust
    method = method or results.study.spec.analysis.primary_method
    c = results.correlations
    c = c[(c.method == method) & c.p.notna()]
    return [correlation_sentence(row, adjust) for _, row in c.iterrows()]


def _count_phrase(counts: pd.Series) -> str:
    return "; ".join(f"{what} for {k} test{'s' if k != 1 else ''}" for what, k in counts.items())


def methods_paragraph(results: Results) -> str:
    """A methods paragraph describing exactly what was run (methods, CIs, p-values, families).

    Examples
    --------
    >>> from biocorr import analyze, datasets
    >>> text = methods_paragraph(analyze(datasets.load("hivsn")))
    >>> "Holm" in text and "Bonett" in text and "pairwise-complete" in text
    True
    """
    study = results.study
    spec = study.spec
    opts = spec.analysis
    c = results.correlations
    subsets = study.subsets()
    n_text = ", ".join(f"{name}: n = {int(mask.sum())}" for name, mask in subsets)
    methods = ", ".join(method_label(m) for m in opts.methods)
    among = f"Associations between {len(spec.biomarkers)} biomarker(s) and {len(spec.scores)} clinical score(s)"
    if spec.among is not None:
        other = "biomarker" if spec.among == "score" else "score"
        among = (
            f"Associations among {len(spec.variables) - len(spec.covariates)} "
            f"{'clinical scores' if spec.among == 'score' else 'biomarkers'} (each pair once; no {other} was declared)"
        )
    parts = [
        f"{among} were estimated with {methods}, in each analysed subset ({n_text}), using pairwise-complete "
        "observations."
    ]
    if spec.where:
        rule = "; ".join(f"{c} = " + " or ".join(v) for c, v in spec.where)
        parts.append(f"Rows were selected by {rule}; the others are listed as not selected.")
    if study.visits:
        parts.append(
            f"The data were in long format ({len(study.data)} rows: {study.data['id'].nunique()} subjects "
            f"at up to {len(study.visits)} visits, {', '.join(study.visits)}); correlations and group comparisons "
            "were computed at each visit separately, and the within-subject association over all visits by "
            "the repeated-measures correlation (Bakdash & Marusich, 2017): the ANCOVA of the score on subject "
            "and biomarker, tested by t on N − k − 1 df (N observations, k subjects), with a Fisher-z interval "
            "of standard error 1/√(df − 1)."
        )
    if spec.per_subject:
        parts.append(
            f"The file had one row per subject and time point ({study.n_rows_read} rows, time point column "
            f"{spec.visit_column}); it was reshaped to one row per subject ({len(study.data)} subjects), "
            "COLUMN@VISIT naming a column's value at one time point (missing when the subject had no row "
            "then); a subject whose rows disagreed on a per-subject column was excluded."
        )
    derived = [(v.column, *v.derived) for v in spec.variables if v.derived is not None]
    if derived:
        parts.append(
            "Derived variables were computed per row from the file's columns: "
            + "; ".join(describe(*d) for d in derived)
            + " (missing when a source value was missing; a ratio with a zero denominator was excluded and is listed)."
        )
    transformed = [v for v in spec.variables if v.transform]
    if transformed:
        parts.append(
            "Before analysis, "
            + "; ".join(f"{v.label} was {v.transform}-transformed" for v in transformed)
            + " (values the transform is undefined for were excluded and are listed)."
        )
    why = (
        "as the spec chose"
        if opts.primary
        else (
            "rank-based, so robust to the skew and detection-limit pile-ups of biomarker data"
            if opts.primary_method == "spearman"
            else "the first method the spec names"
        )
    )
    parts.append(
        f"The primary method, used in the findings, the figures and the sentences below, was "
        f"{method_label(opts.primary_method)} ({why}); the other methods are reported alongside."
    )
    ci_bits = []
    if "pearson" in opts.methods:
        ci_bits.append("Fisher's z transformation for r")
    if "spearman" in opts.methods:
        ci_bits.append("Fisher's z with the Bonett–Wright (2000) standard error for ρ")
    if "kendall" in opts.methods:
        ci_bits.append("Fisher's z with the Fieller–Hartley–Pearson (1957) standard error for τ-b")
    parts.append(f"{fmt_level(opts.confidence)} confidence intervals used " + "; ".join(ci_bits) + ".")
    used = c.dropna(subset=["p"]).groupby("p_method").size()
    if opts.alternative == "two-sided":
        parts.append("Two-sided p-values followed R's cor.test defaults: " + _count_phrase(used) + ".")
    else:
        direction = "positive" if opts.alternative == "greater" else "negative"
        parts.append(
            f"Correlation tests were one-sided (alternative '{opts.alternative}': a {direction} correlation), "
            "as R's cor.test with that alternative, with one-sided confidence intervals: " + _count_phrase(used) + "."
        )
    if opts.permutations:
        parts.append(
            f"Monte Carlo permutation p-values ({opts.permutations} shuffles per test, "
            f"seed {opts.seed}) are reported alongside."
        )
    n_boot = int(c["n_bootstrap"].max()) if len(c) else 0
    if n_boot > 0:
        parts.append(
            f"Bias-corrected and accelerated (BCa; Efron, 1987) bootstrap intervals were formed from "
            f"{n_boot} paired resamples per test (seed {opts.seed}), resampling each pair's complete "
            "rows; resamples with an undefined estimate were left out and are counted per test."
        )
    if opts.adjust == "none":
        parts.append("p-values were not adjusted for multiple testing.")
    else:
        sizes = c.dropna(subset=["p"]).groupby("family").size()
        size_text = f"{sizes.min()}" if sizes.min() == sizes.max() else f"{sizes.min()}–{sizes.max()}"
        parts.append(
            f"p-values were adjusted with the {ADJUST_METHODS[opts.adjust][1]} method within "
            f"families of {family_words(opts.family, spec.among)} ({len(sizes)} families of "
            f"{size_text} tests)."
        )
    extra = set(c["method"]) - set(opts.methods)
    if extra:
        bits = []
        if {"partial_pearson", "partial_spearman"} & extra:
            bits.append(
                "partial correlations controlling for "
                + ", ".join(v.label for v in spec.covariates)
                + " (t on n − 2 − k df, categorical covariates dummy-coded)"
            )
        if {"percbend", "bicor", "skipped_spearman"} & extra:
            bits.append(
                "robust estimates (percentage bend, β = .2; biweight midcorrelation; skipped "
                "Spearman correlation after removing bivariate outliers by the projection method)"
            )
        if "spearman_detected" in extra:
            bits.append("Spearman's ρ among values above the assay's lower limit")
        parts.append(
            "As checks, we report " + "; ".join(bits) + ". For every test, the range of the "
            "estimate over single-subject deletions, the largest p and Cook's distance are given."
        )
    g = results.group_comparisons
    if not g.empty:
        mw = g[g.test == "mann_whitney"].dropna(subset=["p"]).groupby("p_method").size()
        parts.append(
            "Groups were compared with Welch's t-test (Hedges' g with a noncentral-t "
            "confidence interval) and the Mann–Whitney U test (rank-biserial correlation "
            "with a Fisher-z interval); Mann–Whitney p-values: " + _count_phrase(mw) + "."
        )
    n_ex = len(study.exclusions)
    if n_ex:
        rows = int((study.exclusions.scope == "row").sum())
        parts.append(
            f"{n_ex} value(s) were excluded before analysis ({rows} whole row(s)); each is "
            "listed with its reason in the data-quality section."
        )
    parts.append(
        f"Analyses used biocorr {_version('biocorr')} (Python {platform.python_version()}, "
        f"NumPy {_version('numpy')}, SciPy {_version('scipy')})."
    )
    return " ".join(parts)


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:  # pragma: no cover
        return "?"


__all__ = ["correlation_sentence", "describe_cell", "methods_paragraph", "results_sentences"]
