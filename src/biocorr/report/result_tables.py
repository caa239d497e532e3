"""The report's two long tables, ordered by evidence, with their filter bars.

:func:`correlation_table_html`: every correlation row (tabs by kind of method: classical,
robust, partial, detected only, repeated measures; selects for method, subset and biomarker;
the primary method shown first). :func:`group_table_html`: every group comparison (tabs by
test; a select for the variable). Both are ordered by adjusted p, then p
(:func:`~biocorr.report.html_filters.evidence_order`), and sortable by any column.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from ..analysis import Results
from ..analysis.summary import subset_names
from ..format import fmt_ci_level, fmt_level, fmt_num, fmt_p
from ..stats.methods import ALPHA, method_info, method_label, method_symbol
from .html_filters import KIND_TITLES, evidence_order, filter_bar
from .html_table import appendix, html_table

TEST_TITLES = {"welch_t": "Welch t", "mann_whitney": "Mann–Whitney U"}
EFFECT_SYMBOLS = {"hedges_g": "g", "rank_biserial": "r_rb"}
"""APA symbols of the effect sizes (Hedges' g; the rank-biserial correlation)."""


def statistic_cell(name: str, value: float, df: float) -> str:
    """A test statistic as APA prints it: with its df when it has one.

    Examples
    --------
    >>> statistic_cell("t", -1.37996, 178.75), statistic_cell("U", 3703.5, float("nan"))
    ('t(178.8) = -1.38', 'U = 3703.50')
    """
    if value != value:
        return "—"
    dof = f"({df:.1f})" if df == df else ""
    return f"{name}{dof} = {fmt_num(value)}"


def _significant(p_adjusted: pd.Series) -> list[str]:
    return ["sig" if p < ALPHA else "" for p in p_adjusted.fillna(1.0)]


def group_cells(g: pd.DataFrame, p_format: Callable[[float], str]) -> pd.DataFrame:
    """The group comparisons' shown cells, shared by the HTML report and the Word tables:
    Variable, Groups, n, Test, Statistic (with its df), Effect size, CI, p, p adj. (p in
    ``p_format``); one statistic per cell.

    Examples
    --------
    >>> from biocorr import analyze, datasets
    >>> group_cells(analyze(datasets.load("hivsn")).group_comparisons, fmt_p).columns.tolist()[:4]
    ['Variable', 'Groups', 'n', 'Test']
    """
    level = fmt_level(float(g["ci_level"].iloc[0])) if len(g) else "95%"
    return pd.DataFrame(
        {
            "Variable": g["label"].to_numpy(),
            "Groups": (g["group1"] + " vs " + g["group2"]).to_numpy(),
            "n": (g["n1"].astype(str) + " / " + g["n2"].astype(str)).to_numpy(),
            "Test": [TEST_TITLES.get(t, t) for t in g["test"]],
            "Statistic": [statistic_cell(*v) for v in zip(g["statistic_name"], g["statistic"], g["df"])],
            "Effect size": [
                f"{EFFECT_SYMBOLS.get(n, n)} = {fmt_num(v)}" if v == v else "—"
                for n, v in zip(g["effect_size_name"], g["effect_size"])
            ],
            f"{level} CI": [
                f"[{fmt_num(lo)}, {fmt_num(hi)}]" if lo == lo else "—"
                for lo, hi in zip(g["effect_size_ci_low"], g["effect_size_ci_high"])
            ],
            "p": [p_format(v) for v in g["p"]],
            "p adj.": [p_format(v) for v in g["p_adjusted"]],
        }
    )


def group_table_html(results: Results) -> str:
    """The group comparisons as a filterable table (tabs: Welch t, Mann–Whitney U), by evidence.

    Examples
    --------
    >>> from biocorr import analyze, datasets
    >>> html = group_table_html(analyze(datasets.load("hivsn")))
    >>> 'id="group-table"' in html and 'data-test="welch_t"' in html and "Mann–Whitney U (" in html
    True
    """
    g = results.group_comparisons
    g = g.iloc[evidence_order(g["p_adjusted"], g["p"])].reset_index(drop=True)
    shown = group_cells(g, fmt_p)
    shown.columns = ["variable", "groups", "n", "test", "statistic", "effect size", shown.columns[6], "p", "p adj."]
    shown["p method"], shown["note"] = g["p_method"].to_numpy(), g["note"].to_numpy()
    raw = {"p": g["p"], "p adj.": g["p_adjusted"], "statistic": g["statistic"]}
    tests = list(dict.fromkeys(results.group_comparisons["test"].astype(str)))  # the table's order
    tabs = ("test", [(t, TEST_TITLES.get(t, t), int((g["test"] == t).sum())) for t in tests], tests[0])
    variables = list(dict.fromkeys(zip(g["variable"].astype(str), g["label"].astype(str))))
    table = html_table(
        shown,
        numeric=["statistic", "p", "p adj."],
        sortable=True,
        raw=raw,
        table_id="group-table",
        row_data={"test": g["test"].astype(str).tolist(), "variable": g["variable"].astype(str).tolist()},
        row_classes=_significant(g["p_adjusted"]),
    )
    bar = filter_bar("group-table", tabs, [("variable", "variable", variables, "*")])
    return bar + appendix(table, "group_comparisons.csv", len(shown))


def correlation_table_html(results: Results) -> str:
    """Every correlation row as a filterable table, by evidence; the primary method's rows shown first.

    Examples
    --------
    >>> from biocorr import analyze, datasets
    >>> html = correlation_table_html(analyze(datasets.load("hivsn")))
    >>> 'data-kind="robust"' in html and '<option value="spearman" selected>' in html
    True
    """
    c = results.correlations
    c = c.iloc[evidence_order(c["p_adjusted"], c["p"])].reset_index(drop=True)
    level = fmt_ci_level(results.study.spec.analysis.confidence, results.study.spec.analysis.alternative)
    x_role, y_role = results.study.spec.pair_roles
    shown = pd.DataFrame(
        {
            "subset": c["subset"].astype(str).map(subset_names(results)),
            x_role: c["x_label"],
            y_role: c["y_label"],
            "method": c["method"],
            "n": c["n"],
            "estimate": [fmt_num(v) for v in c["estimate"]],
            f"{level} CI": [f"[{fmt_num(lo)}, {fmt_num(hi)}]" for lo, hi in zip(c["ci_low"], c["ci_high"])],
            "p": [fmt_p(v) for v in c["p"]],
            "p adj.": [fmt_p(v) for v in c["p_adjusted"]],
            "p method": c["p_method"],
            "family size": c["family_size"],
            "note": c["note"],
        }
    )
    if c["n_permutations"].max() > 0:
        shown.insert(9, "p perm.", [fmt_p(v) for v in c["p_permutation"]])
    if c["n_bootstrap"].max() > 0:
        shown.insert(
            7,
            f"BCa {level} CI",
            [
                f"[{fmt_num(lo)}, {fmt_num(hi)}]" if np.isfinite(lo) else "—"
                for lo, hi in zip(c["boot_ci_low"], c["boot_ci_high"])
            ],
        )
    raw = {
        "estimate": c["estimate"],
        "p": c["p"],
        "p adj.": c["p_adjusted"],
        "n": c["n"],
        "p perm.": c["p_permutation"],
    }
    kinds = [method_info(m).kind for m in c["method"]]
    table = html_table(
        shown,
        numeric=["n", "estimate", "p", "p adj.", "p perm.", "family size"],
        sortable=True,
        raw=raw,
        row_classes=_significant(c["p_adjusted"]),
        table_id="correlation-table",
        row_data={
            "kind": kinds,
            "method": c["method"].tolist(),
            "subset": c["subset"].astype(str).tolist(),
            "biomarker": c["x"].astype(str).tolist(),
        },
    )
    present = [k for k in KIND_TITLES if k in kinds]  # the registry's order, not the rows'
    primary = results.study.spec.analysis.primary_method
    default_kind = method_info(primary).kind if method_info(primary).kind in present else present[0]
    tabs = ("kind", [(k, KIND_TITLES[k], kinds.count(k)) for k in present], default_kind)
    selects = [
        ("method", "method", [(m, method_label(m)) for m in dict.fromkeys(c["method"])],
         primary if primary in set(c["method"]) else "*"),
        ("subset", "subset", [(str(s), subset_names(results).get(str(s), str(s))) for s in dict.fromkeys(c["subset"])],
         "*"),
        ("biomarker", x_role, list(dict.fromkeys(zip(c["x"].astype(str), c["x_label"].astype(str)))), "*"),
    ]  # fmt: skip
    printed = _primary_for_print(results, c, level)
    return filter_bar("correlation-table", tabs, selects) + appendix(table, "correlations.csv", len(c), printed)


PRINT_PRIMARY_ROWS = 40
"""The primary method's rows printed at most (within-group rows first, each part by adjusted p)."""


def _primary_for_print(results: Results, c: pd.DataFrame, level: str) -> str:
    """The primary method's rows for paper: within-group subsets first, then pooled, each by adjusted p."""
    primary = results.study.spec.analysis.primary_method
    rows = c[c["method"] == primary]
    names = subset_names(results)
    pooled = [names.get(str(s), str(s)).startswith("pooled: ") for s in rows["subset"]]
    rows = rows.assign(_pooled=pooled).sort_values("_pooled", kind="stable")
    total = len(rows)
    rows = rows.head(PRINT_PRIMARY_ROWS)
    x_role, y_role = results.study.spec.pair_roles
    shown = pd.DataFrame(
        {
            "subset": rows["subset"].astype(str).map(names),
            x_role: rows["x_label"],
            y_role: rows["y_label"],
            "n": rows["n"],
            method_symbol(primary): [fmt_num(v) for v in rows["estimate"]],
            f"{level} CI": [f"[{fmt_num(lo)}, {fmt_num(hi)}]" for lo, hi in zip(rows["ci_low"], rows["ci_high"])],
            "p": [fmt_p(v) for v in rows["p"]],
            "p adj.": [fmt_p(v) for v in rows["p_adjusted"]],
        }
    )
    which = f"the {len(rows)} rows" if len(rows) == total else f"the first {len(rows)} of {total} rows (by adjusted p)"
    title = f"<p class='note'>Printed: {which} of {method_label(primary)}, the primary method; within groups first.</p>"
    return title + html_table(
        shown, numeric=["n", method_symbol(primary), "p", "p adj."], row_classes=_significant(rows["p_adjusted"])
    )
