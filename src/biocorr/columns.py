"""The columns of every table biocorr writes: stable API, documented once here.

The README's "Output columns" section is generated from these dicts
(``python -m biocorr.columns``), and the tests check every table against them.
"""

from __future__ import annotations

CORRELATIONS = {
    "x": "biomarker column",
    "y": "score column",
    "x_label": "biomarker label from the spec",
    "y_label": "score label from the spec",
    "subset": "'all' or a group label",
    "method": "pearson, spearman, kendall; partial_pearson/partial_spearman (covariates in note); "
              "spearman_detected (values above the lower limit only); robust: percbend, bicor, "
              "skipped_spearman",
    "n": "complete (x, y) pairs used (pairwise-complete deletion)",
    "estimate": "r, Spearman's rho or Kendall's tau-b",
    "ci_low": "lower bound of the two-sided CI (NaN when n is too small)",
    "ci_high": "upper bound of the CI",
    "ci_level": "confidence level of the CI, e.g. 0.95",
    "ci_method": "how the CI was computed",
    "statistic": "test statistic (see statistic_name)",
    "statistic_name": "t, S (Spearman AS 89), T (Kendall exact) or z (Kendall normal)",
    "df": "degrees of freedom of t (NaN otherwise)",
    "p": "two-sided p-value, as R's cor.test with exact = NULL",
    "p_method": "how p was computed (exact, AS 89 Edgeworth series, t or normal approximation)",
    "p_adjusted": "p adjusted within its family",
    "adjust_method": "holm, bh, bonferroni or none",
    "family": "name of the family of tests adjusted together",
    "family_size": "number of tests (with a p-value) in the family",
    "p_permutation": "Monte Carlo permutation p-value (NaN unless permutations were asked for)",
    "n_permutations": "number of permutations behind p_permutation (0 if none)",
    "loo_min": "smallest estimate with one subject left out",
    "loo_max": "largest estimate with one subject left out",
    "loo_max_p": "largest p with one subject left out",
    "loo_most_influential": "subject whose deletion moves the estimate most",
    "loo_changes_significance": "True when deleting a single subject flips p < .05",
    "cooks_d_max": "largest Cook's distance in the simple regression of score on biomarker",
    "cooks_d_subject": "subject with that Cook's distance",
    "detectable_r": "smallest |r| this n detects with 80% power (two-sided .05, Fisher z)",
    "boot_ci_low": "BCa bootstrap CI (NaN unless --bootstrap N)",
    "boot_ci_high": "",
    "n_bootstrap": "resamples with a defined estimate behind the BCa CI (0 if none; see note when fewer than asked)",
    "bf10": "JZS Bayes factor for a correlation vs none (Pearson rows; Wetzels & Wagenmakers 2012)",
    "note": "why a value is missing, if it is; what a special row (partial, detected-only) did",
}

GROUP_COMPARISONS = {
    "variable": "column compared between the groups",
    "label": "its label from the spec",
    "role": "biomarker or score",
    "group1": "first group's label (differences are group1 - group2)",
    "group2": "second group's label",
    "n1": "non-missing values in group 1",
    "n2": "non-missing values in group 2",
    "test": "welch_t or mann_whitney",
    "statistic_name": "t or U",
    "statistic": "Welch t, or the Mann-Whitney U of group 1 (R's W)",
    "df": "Welch-Satterthwaite degrees of freedom (NaN for Mann-Whitney)",
    "p": "two-sided p-value, as R's t.test / wilcox.test defaults",
    "p_method": "how p was computed",
    "difference_name": "mean difference (Welch) or empty",
    "difference": "group1 mean - group2 mean",
    "difference_ci_low": "CI of the difference (Welch)",
    "difference_ci_high": "",
    "effect_size_name": "hedges_g or rank_biserial",
    "effect_size": "Hedges' g (pooled SD, exact J) or rank-biserial r (positive: group 1 larger)",
    "effect_size_ci_low": "noncentral-t CI (g) or Fisher-z CI (rank-biserial)",
    "effect_size_ci_high": "",
    "ci_level": "confidence level of the CIs",
    "p_adjusted": "p adjusted within its family",
    "adjust_method": "holm, bh, bonferroni or none",
    "family": "name of the family: one test type for one pair of groups, all variables",
    "family_size": "number of tests (with a p-value) in the family",
    "note": "why a value is missing, if it is",
}

DESCRIPTIVES = {
    "variable": "column",
    "label": "label from the spec",
    "role": "biomarker, score or covariate",
    "subset": "'all' or a group label",
    "n": "non-missing values",
    "n_missing": "missing or excluded values among the subset's subjects",
    "mean": "",
    "sd": "standard deviation (n - 1 denominator)",
    "median": "",
    "q1": "25th percentile (R type 7)",
    "q3": "75th percentile (R type 7)",
    "min": "",
    "max": "",
}

EXCLUSIONS = {
    "row": "spreadsheet row number (the header is row 1)",
    "id": "subject id (or 'row N' when the spec has no id column)",
    "column": "column of the excluded value",
    "value": "the text found in the cell",
    "reason": "not-a-number, censored-value, out-of-range, missing-id, duplicate-id, "
              "missing-group or unknown-group",
    "scope": "cell (that value is treated as missing) or row (the subject is left out)",
    "message": "a sentence saying what was found and what to do",
}

WARNINGS = {
    "code": "short name of the problem",
    "severity": "warning (can change conclusions) or note",
    "column": "column(s) concerned",
    "subset": "'all' or a group label",
    "message": "a sentence for the analyst",
}

TABLES = {
    "correlations.csv": CORRELATIONS,
    "group_comparisons.csv": GROUP_COMPARISONS,
    "descriptives.csv": DESCRIPTIVES,
    "exclusions.csv": EXCLUSIONS,
    "warnings.csv": WARNINGS,
}


def markdown() -> str:
    """The column reference as Markdown (for the README)."""
    lines = []
    for name, cols in TABLES.items():
        lines.append(f"**`{name}`**\n\n| column | meaning |\n| --- | --- |")
        lines += [f"| `{c}` | {d} |" for c, d in cols.items()]
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    print(markdown())
