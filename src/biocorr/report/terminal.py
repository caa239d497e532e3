"""The terminal summary of an analysis (rich tables; user text is never read as markup)."""

from __future__ import annotations

import pandas as pd
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..analysis import Results
from ..analysis.summary import subset_names
from ..format import fmt_ci_level, fmt_num, fmt_p
from .findings import exclusion_summary


def strongest(correlations: pd.DataFrame, k: int = 10, pooled: frozenset = frozenset()) -> pd.DataFrame:
    """The k correlations with the smallest adjusted p (ties broken by |estimate|); rows of a
    ``pooled`` subset (the declared groups together) come after the within-group rows, as in the
    report's findings (pooling patients with controls mostly restates how the groups differ)."""
    t = correlations.dropna(subset=["p"]).copy()
    t["_abs"] = -t["estimate"].abs()
    t["_pooled"] = t["subset"].isin(pooled)
    return t.sort_values(["_pooled", "p_adjusted", "p", "_abs"]).head(k).drop(columns=["_abs", "_pooled"])


def _plain(text: object, style: str = "") -> Text:
    """User text (labels, ids, messages) as a rich Text: printed as written, never parsed as markup."""
    return Text(str(text), style=style)


def print_summary(
    results: Results,
    console: Console | None = None,
    top: int = 10,
    hints: dict[str, str] | None = None,
    per_kind: int = 3,
) -> None:
    """Print groups, the strongest correlations and the warnings to the terminal.

    Every piece of user text (file name, labels, subsets, messages) is printed as plain
    text, so brackets in a label cannot be read as rich markup.

    Parameters
    ----------
    results : Results
    console : rich Console, optional
    top : int
        Rows of the strongest-correlations table.
    per_kind : int
        Warnings shown of a kind (code) that has more than ``per_kind + 2``; the rest are counted
        and left to warnings.csv.
    hints : dict, optional
        Extra lines keyed by topic (the CLI passes its flag hints, e.g. for the bootstrap).
    """
    console = console or Console()
    study = results.study
    subjects = (
        f" ({study.data['id'].nunique()} subjects)" if study.spec.visit_column and "id" in study.data.columns else ""
    )  # long data: rows are subject x visit, so say both
    counts = f": {study.n_rows_read} rows read, {len(study.data)} rows used{subjects}"
    console.print(Text.assemble(_plain(study.source, "bold"), f"{counts}; {exclusion_summary(study.exclusions)}"))
    subsets = study.subsets()
    names = subset_names(results)  # 'all' over declared groups reads 'pooled: A + B'
    console.print(
        _plain("Subsets: " + ", ".join(f"{names.get(str(n), n)} (n = {int(mask.sum())})" for n, mask in subsets))
    )
    opts = study.spec.analysis
    methods = list(opts.methods)
    if study.visits:  # long data: the within-subject correlation over the visits is a headline result
        methods.append("rmcorr")
        console.print(
            _plain(
                f"Long data: {study.data['id'].nunique()} subjects at {len(study.visits)} visits "
                f"({', '.join(study.visits)}); rmcorr rows (subset 'all visits') correlate within subjects."
            )
        )
    table = Table(
        title=f"Strongest correlations of the spec's methods{' and rmcorr' if study.visits else ''} "
        f"(p adjusted by {opts.adjust} within each family; robust, partial and diagnostic columns in "
        "correlations.csv)",
        title_justify="left",
    )
    ci_head = f"estimate [{fmt_ci_level(opts.confidence, opts.alternative)} CI]"
    for col in ("subset", *study.spec.pair_roles, "method", "n", ci_head, "p", "p adj."):
        table.add_column(col, justify="right" if col in ("n", "p", "p adj.") else "left")
    primary = results.correlations[results.correlations["method"].isin(methods)]
    for _, r in strongest(primary, top, frozenset(study.subset_pools().values())).iterrows():
        table.add_row(
            _plain(names.get(str(r["subset"]), r["subset"])),
            _plain(r["x_label"]),
            _plain(r["y_label"]),
            r["method"],
            str(int(r["n"])),
            f"{fmt_num(r['estimate'])} [{fmt_num(r['ci_low'])}, {fmt_num(r['ci_high'])}]",
            fmt_p(r["p"]),
            fmt_p(r["p_adjusted"]),
        )
    if table.row_count:
        console.print(table)
    else:  # an empty frame of headings says nothing: say why instead
        console.print(_plain("No correlation could be computed (the warnings below say why)."))
    w = results.warnings
    serious = w[w["severity"] == "warning"]
    for code, rows in serious.groupby("code", sort=False):  # a kind with many: counted, its first few shown
        shown = len(rows) if len(rows) <= per_kind + 2 else per_kind
        if shown < len(rows):
            console.print(
                Text.assemble(
                    (f"{len(rows)} warnings", "yellow"),
                    f" of kind {code}; the first {shown} (all of them are in warnings.csv):",
                )
            )
        for _, row in rows.head(shown).iterrows():
            console.print(Text.assemble(("warning", "yellow"), f" ({row['subset']}): {row['message']}"))
    notes = len(w) - len(serious)
    if notes:
        console.print(f"{notes} note(s) more in warnings.csv")
    if len(study.exclusions):
        console.print(
            Text.assemble(
                (f"{len(study.exclusions)} exclusion(s)", "yellow"),
                "; every one is listed with its reason in exclusions.csv",
            )
        )
    for hint in (hints or {}).values():
        console.print(_plain(hint))


VERDICT_COLOURS = {
    "consistent": "green",
    "reproduced": "green",
    "robust": "green",
    "inconsistent": "red",
    "decision error": "bold red",
    "not reproduced": "red",
    "close": "yellow",
    "fragile": "yellow",
    "depends on n": "yellow",
    "fails at inferred n": "yellow",
}


def verdicts_table(verdicts: pd.DataFrame) -> Table:
    """``biocorr check``'s terminal table: one row per check that gave a verdict (plain text cells).

    Examples
    --------
    >>> v = pd.DataFrame({"claim_id": ["c1", "c2"], "check": ["p vs r and n"] * 2,
    ...                   "verdict": ["consistent", "not checked"], "reported": ["p = .04", ""],
    ...                   "recomputed": ["0.041", ""]})
    >>> verdicts_table(v).row_count
    1
    """
    table = Table(title="Claims", title_justify="left")
    for col in ("claim", "check", "verdict", "reported", "recomputed"):
        table.add_column(col)
    from ..claims import ordered_for_review

    for r in ordered_for_review(verdicts).itertuples():
        if r.verdict in ("info", "not read"):
            continue
        table.add_row(
            Text(str(r.claim_id)),
            Text(str(r.check)),
            Text(str(r.verdict), style=VERDICT_COLOURS.get(str(r.verdict), "")),
            Text(str(r.reported)),
            Text(str(r.recomputed)),
        )
    return table
