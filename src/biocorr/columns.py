"""The columns of every table biocorr writes: stable API, documented and typed once here.

Each table is a schema of :class:`Column` records (name, kind, meaning). Producers build
their rows with :func:`build_table`, which fills every column they do not compute with its
kind's empty value and refuses a column the schema lacks, so adding a column is one line
here plus its producer. The README's "Output columns" section is generated from these
schemas (``python -m biocorr.columns``) and the tests check every table against them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

EMPTY = {"float": np.nan, "int": 0, "str": "", "bool": False}


@dataclass(frozen=True)
class Column:
    """One column of an output table: its name, kind ('float', 'int', 'str', 'bool') and meaning."""

    name: str
    kind: str
    meaning: str


def schema(*columns: Column) -> dict[str, Column]:
    """A table's columns by name, in order."""
    return {c.name: c for c in columns}


CORRELATIONS_SCHEMA = schema(
    Column("x", "str", "biomarker column"),
    Column("y", "str", "score column"),
    Column("x_label", "str", "biomarker label from the spec"),
    Column("y_label", "str", "score label from the spec"),
    Column("subset", "str", "'all' or a group label"),
    Column(
        "method",
        "str",
        "pearson, spearman, kendall; partial_pearson/partial_spearman (covariates in note); "
        "spearman_detected (values above the lower limit only); robust: percbend, bicor, skipped_spearman; "
        "rmcorr (repeated measures, biocorr.rmcorr)",
    ),
    Column("n", "int", "complete (x, y) pairs used (pairwise-complete deletion; rmcorr: observations)"),
    Column("estimate", "float", "r, Spearman's rho or Kendall's tau-b"),
    Column("ci_low", "float", "lower bound of the two-sided CI (NaN when n is too small)"),
    Column("ci_high", "float", "upper bound of the CI"),
    Column("ci_level", "float", "confidence level of the CI, e.g. 0.95"),
    Column("ci_method", "str", "how the CI was computed"),
    Column("statistic", "float", "test statistic (see statistic_name)"),
    Column("statistic_name", "str", "t, S (Spearman AS 89), T (Kendall exact) or z (Kendall normal)"),
    Column("df", "float", "degrees of freedom of t (NaN otherwise)"),
    Column("p", "float", "two-sided p-value, as R's cor.test with exact = NULL"),
    Column("p_method", "str", "how p was computed (exact, AS 89 Edgeworth series, t or normal approximation)"),
    Column("p_adjusted", "float", "p adjusted within its family"),
    Column("adjust_method", "str", "holm, bh, bonferroni or none"),
    Column("family", "str", "name of the family of tests adjusted together"),
    Column("family_size", "int", "number of tests (with a p-value) in the family"),
    Column("p_permutation", "float", "Monte Carlo permutation p-value (NaN unless permutations were asked for)"),
    Column("n_permutations", "int", "number of permutations behind p_permutation (0 if none)"),
    Column("loo_min", "float", "smallest estimate with one subject left out"),
    Column("loo_max", "float", "largest estimate with one subject left out"),
    Column("loo_min_p", "float", "smallest p with one subject left out"),
    Column("loo_max_p", "float", "largest p with one subject left out"),
    Column("loo_most_influential", "str", "subject whose deletion moves the estimate most"),
    Column("loo_changes_significance", "bool", "True when deleting a single subject flips p < .05"),
    Column("cooks_d_max", "float", "largest Cook's distance in the simple regression of score on biomarker"),
    Column("cooks_d_subject", "str", "subject with that Cook's distance"),
    Column(
        "detectable_r",
        "float",
        "smallest |estimate| this n detects with 80% power (two-sided .05, Fisher z; Kendall rows on the tau "
        "scale, SE of Fieller et al.)",
    ),
    Column("boot_ci_low", "float", "BCa bootstrap CI (NaN unless bootstrap resamples were asked for)"),
    Column("boot_ci_high", "float", ""),
    Column(
        "n_bootstrap",
        "int",
        "resamples with a defined estimate behind the BCa CI (0 if none; see note when fewer than asked)",
    ),
    Column("bf10", "float", "JZS Bayes factor for a correlation vs none (Pearson rows; Wetzels & Wagenmakers 2012)"),
    Column("note", "str", "why a value is missing, if it is; what a special row (partial, detected-only) did"),
)
CORRELATIONS = {c.name: c.meaning for c in CORRELATIONS_SCHEMA.values()}

GROUP_COMPARISONS_SCHEMA = schema(
    Column("variable", "str", "column compared between the groups"),
    Column("label", "str", "its label from the spec"),
    Column("role", "str", "biomarker or score"),
    Column("group1", "str", "first group's label (differences are group1 - group2)"),
    Column("group2", "str", "second group's label"),
    Column("n1", "int", "non-missing values in group 1"),
    Column("n2", "int", "non-missing values in group 2"),
    Column("test", "str", "welch_t or mann_whitney"),
    Column("statistic_name", "str", "t or U"),
    Column("statistic", "float", "Welch t, or the Mann-Whitney U of group 1 (R's W)"),
    Column("df", "float", "Welch-Satterthwaite degrees of freedom (NaN for Mann-Whitney)"),
    Column("p", "float", "two-sided p-value, as R's t.test / wilcox.test defaults"),
    Column("p_method", "str", "how p was computed"),
    Column("difference_name", "str", "mean difference (Welch) or empty"),
    Column("difference", "float", "group1 mean - group2 mean"),
    Column("difference_ci_low", "float", "CI of the difference (Welch)"),
    Column("difference_ci_high", "float", ""),
    Column("effect_size_name", "str", "hedges_g or rank_biserial"),
    Column("effect_size", "float", "Hedges' g (pooled SD, exact J) or rank-biserial r (positive: group 1 larger)"),
    Column("effect_size_ci_low", "float", "noncentral-t CI (g) or Fisher-z CI (rank-biserial)"),
    Column("effect_size_ci_high", "float", ""),
    Column("ci_level", "float", "confidence level of the CIs"),
    Column("p_adjusted", "float", "p adjusted within its family"),
    Column("adjust_method", "str", "holm, bh, bonferroni or none"),
    Column("family", "str", "name of the family: one test type for one pair of groups, all variables"),
    Column("family_size", "int", "number of tests (with a p-value) in the family"),
    Column("note", "str", "why a value is missing, if it is"),
)
GROUP_COMPARISONS = {c.name: c.meaning for c in GROUP_COMPARISONS_SCHEMA.values()}

DESCRIPTIVES_SCHEMA = schema(
    Column("variable", "str", "column"),
    Column("label", "str", "label from the spec"),
    Column("role", "str", "biomarker, score or covariate"),
    Column("subset", "str", "'all' or a group label"),
    Column("n", "int", "non-missing values"),
    Column("n_missing", "int", "missing or excluded values among the subset's subjects"),
    Column("mean", "float", ""),
    Column("sd", "float", "standard deviation (n - 1 denominator)"),
    Column("median", "float", ""),
    Column("q1", "float", "25th percentile (R type 7)"),
    Column("q3", "float", "75th percentile (R type 7)"),
    Column("min", "float", ""),
    Column("max", "float", ""),
)
DESCRIPTIVES = {c.name: c.meaning for c in DESCRIPTIVES_SCHEMA.values()}

EXCLUSIONS_SCHEMA = schema(
    Column(
        "row",
        "int",
        "spreadsheet row number, as the file counts it (blank lines and a title block above the header included)",
    ),
    Column("id", "str", "subject id (or 'row N' when the spec has no id column)"),
    Column("column", "str", "column of the excluded value"),
    Column("value", "str", "the text found in the cell"),
    Column(
        "reason",
        "str",
        "not-a-number, ambiguous-number, not-finite, censored-value, out-of-range, not-transformable, not-derivable, "
        "not-selected, hidden-row, note-row, summary-row, empty-row, missing-id, "
        "missing-visit, duplicate-id, missing-group, unknown-group or varies-across-visits",
    ),
    Column("scope", "str", "cell (that value is treated as missing) or row (the subject is left out)"),
    Column("message", "str", "a sentence saying what was found and what to do"),
)
EXCLUSIONS = {c.name: c.meaning for c in EXCLUSIONS_SCHEMA.values()}

WARNINGS_SCHEMA = schema(
    Column("code", "str", "short name of the problem"),
    Column("severity", "str", "warning (can change conclusions) or note"),
    Column("column", "str", "column(s) concerned"),
    Column("subset", "str", "'all' or a group label"),
    Column("rows", "str", "the file's row numbers concerned, comma-separated (empty: the whole column or table)"),
    Column("message", "str", "a sentence for the analyst"),
)
WARNINGS = {c.name: c.meaning for c in WARNINGS_SCHEMA.values()}
SEVERITIES = ("warning", "note")


def finding(code: str, severity: str, column: str, subset: str, message: str, rows: Iterable[int] = ()) -> dict:
    """One row of ``warnings.csv``: a warning or a note, built here and nowhere else.

    Decisions read ``code`` (a stable short name), never the message. ``rows`` are the file's
    row numbers the finding is about, all of them (a message may show only the first few).

    Examples
    --------
    >>> finding("heavy-ties", "note", "VAS", "all", "column 'VAS': 40% of values are tied.")["code"]
    'heavy-ties'
    >>> finding("extreme-value", "warning", "CRP", "all", "'CRP': 9999 (row 7) ...", rows=[7])["rows"]
    '7'
    >>> finding("x", "info", "", "all", "m")
    Traceback (most recent call last):
    ...
    ValueError: severity 'info' is not one of warning, note
    """
    if severity not in SEVERITIES:
        raise ValueError(f"severity '{severity}' is not one of {', '.join(SEVERITIES)}")
    if not code or not message:
        raise ValueError("a finding needs a code and a message")
    return dict(
        code=code,
        severity=severity,
        column=column,
        subset=subset,
        rows=", ".join(str(int(r)) for r in rows),
        message=message,
    )


DIFFERENCES_SCHEMA = schema(
    Column("kind", "str", "independent (the same pair in two groups) or dependent (one biomarker, two scores)"),
    Column("x", "str", "biomarker column"),
    Column("y", "str", "score column (of estimate_a)"),
    Column("y_b", "str", "score of estimate_b (y itself for independent rows)"),
    Column("method", "str", "pearson, spearman or kendall (kendall: independent rows only)"),
    Column("subset_a", "str", "subset of estimate_a"),
    Column("subset_b", "str", "subset of estimate_b (subset_a for dependent rows)"),
    Column("estimate_a", "float", "the first correlation"),
    Column("estimate_b", "float", "the second correlation"),
    Column("n_a", "int", "pairs behind estimate_a (dependent rows: subjects with all three values)"),
    Column("n_b", "int", "pairs behind estimate_b"),
    Column("difference", "float", "estimate_a - estimate_b"),
    Column("ci_low", "float", "Zou (2007) interval for the difference"),
    Column("ci_high", "float", ""),
    Column("ci_level", "float", "confidence level of the interval"),
    Column("statistic_name", "str", "z (Fisher z test, independent) or t (Williams/Steiger, dependent)"),
    Column("statistic", "float", "the test statistic (signed: positive when estimate_a is larger)"),
    Column("df", "float", "degrees of freedom of t (n - 3; NaN for z)"),
    Column("p", "float", "two-sided p of no difference (not adjusted: a follow-up question)"),
    Column("note", "str", "the third correlation of a dependent row; approximations for rank methods"),
)
DIFFERENCES = {c.name: c.meaning for c in DIFFERENCES_SCHEMA.values()}

TABLES = {
    "correlations.csv": CORRELATIONS,
    "group_comparisons.csv": GROUP_COMPARISONS,
    "descriptives.csv": DESCRIPTIVES,
    "exclusions.csv": EXCLUSIONS,
    "warnings.csv": WARNINGS,
    "correlation_differences.csv": DIFFERENCES,
}


def build_table(columns: Mapping[str, Column], **values: Any) -> pd.DataFrame:
    """A table in schema order from column values (arrays or scalars); absent columns get their empty value.

    Parameters
    ----------
    columns : dict of Column
        The schema, e.g. :data:`CORRELATIONS_SCHEMA`.
    **values
        Column name to value (arrays of one length, or a scalar for every row; only scalars:
        an empty table).

    Returns
    -------
    DataFrame

    Raises
    ------
    KeyError
        A value names a column the schema does not have (a producer's bug, not the user's).

    Examples
    --------
    >>> t = build_table(WARNINGS_SCHEMA, code=["heavy-ties"], severity="note")
    >>> t.to_dict("records")
    [{'code': 'heavy-ties', 'severity': 'note', 'column': '', 'subset': '', 'rows': '', 'message': ''}]
    """
    unknown = set(values) - set(columns)
    if unknown:
        raise KeyError(f"not columns of this table: {sorted(unknown)}")
    lengths = {len(v) for v in values.values() if not np.isscalar(v) and v is not None}
    if len(lengths) > 1:
        raise ValueError(f"columns of different lengths: {sorted(lengths)}")
    rows = lengths.pop() if lengths else 0
    data = {name: values.get(name, EMPTY[col.kind]) for name, col in columns.items()}
    data = {k: v.to_numpy() if isinstance(v, pd.Series) else v for k, v in data.items()}  # no index alignment
    if rows:  # a text repeated on every row: converted once and repeated (not once per row)
        data = {k: _repeated_text(v, rows) if isinstance(v, str) else v for k, v in data.items()}
    return pd.DataFrame(data, index=pd.RangeIndex(rows))


def _repeated_text(text: str, rows: int):
    """``text`` on each of ``rows`` rows, as the array pandas would build for it (its default
    string dtype), made from one converted value: the same column, a few times faster."""
    return pd.Series([text]).array.take(np.zeros(rows, dtype=np.intp))


def build_records(columns: Mapping[str, Column], records: list[dict[str, Any]]) -> pd.DataFrame:
    """A table in schema order from one dict per row; absent keys get their column's empty value.

    Examples
    --------
    >>> build_records(EXCLUSIONS_SCHEMA, [{"row": 3, "column": "VAS"}]).to_dict("records")
    [{'row': 3, 'id': '', 'column': 'VAS', 'value': '', 'reason': '', 'scope': '', 'message': ''}]
    """
    for rec in records:
        unknown = set(rec) - set(columns)
        if unknown:
            raise KeyError(f"not columns of this table: {sorted(unknown)}")
    filled = [{name: rec.get(name, EMPTY[col.kind]) for name, col in columns.items()} for rec in records]
    return pd.DataFrame(filled, columns=list(columns))


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
