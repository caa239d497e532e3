"""The terminal summary of an analysis (rich tables), and number formatting shared by reports."""

from __future__ import annotations

import math

import pandas as pd
from rich.console import Console
from rich.table import Table

from ..analysis import Results


def fmt_num(v: float, digits: int = 2) -> str:
    """A number with fixed decimals, or an em dash when missing.

    Examples
    --------
    >>> fmt_num(0.4567), fmt_num(float("nan"))
    ('0.46', '—')
    """
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "—"
    return f"{v:.{digits}f}"


def fmt_p(p: float) -> str:
    """A p-value for a table: three decimals, '<.001' below that.

    Examples
    --------
    >>> fmt_p(0.04567), fmt_p(0.0002), fmt_p(float("nan"))
    ('0.046', '<0.001', '—')
    """
    if p is None or (isinstance(p, float) and math.isnan(p)):
        return "—"
    return "<0.001" if p < 0.001 else f"{p:.3f}"


def strongest(correlations: pd.DataFrame, k: int = 10) -> pd.DataFrame:
    """The k correlations with the smallest adjusted p (ties broken by |estimate|)."""
    t = correlations.dropna(subset=["p"]).copy()
    t["_abs"] = -t["estimate"].abs()
    return t.sort_values(["p_adjusted", "p", "_abs"]).head(k).drop(columns="_abs")


def print_summary(results: Results, console: Console | None = None, top: int = 10) -> None:
    """Print groups, the strongest correlations and the warnings to the terminal."""
    console = console or Console()
    study = results.study
    console.print(f"[bold]{study.source}[/]: {study.n_rows_read} rows read, {len(study.data)} used, "
                  f"{len(study.exclusions)} excluded cell(s)/row(s)")
    subsets = study.subsets()
    console.print("Subsets: " + ", ".join(f"{name} (n = {int(mask.sum())})" for name, mask in subsets))
    opts = study.spec.analysis
    table = Table(title=f"Strongest correlations of the spec's methods (p adjusted by {opts.adjust} "
                        "within each family; robust, partial and diagnostic columns in correlations.csv)",
                  title_justify="left")
    for col in ("subset", "biomarker", "score", "method", "n", "estimate [95% CI]", "p", "p adj."):
        table.add_column(col, justify="right" if col in ("n", "p", "p adj.") else "left")
    primary = results.correlations[results.correlations["method"].isin(opts.methods)]
    for _, r in strongest(primary, top).iterrows():
        table.add_row(r["subset"], r["x_label"], r["y_label"], r["method"], str(int(r["n"])),
                      f"{fmt_num(r['estimate'])} [{fmt_num(r['ci_low'])}, {fmt_num(r['ci_high'])}]",
                      fmt_p(r["p"]), fmt_p(r["p_adjusted"]))
    console.print(table)
    w = results.warnings
    serious = w[w["severity"] == "warning"]
    for _, row in serious.iterrows():
        console.print(f"[yellow]warning[/] ({row['subset']}): {row['message']}")
    notes = len(w) - len(serious)
    if notes:
        console.print(f"{notes} note(s) more in warnings.csv")
    if len(study.exclusions):
        console.print(f"[yellow]{len(study.exclusions)} exclusion(s)[/]; every one is listed with its "
                      "reason in exclusions.csv")
