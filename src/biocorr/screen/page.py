"""A screen's figure and page: a volcano plot per method and a short self-contained HTML summary."""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..format import fmt_p_apa, fmt_r
from ..report.embed import figure_html
from ..report.figures import styled, subplots
from ..report.html_table import CSS, SORT_JS, html_table
from ..stats.methods import ALPHA, method_label

e = html.escape
TOP = 25
VOLCANO_CAPTION = "Volcano plot: estimate against −log10 p, per method"


def top_hits(table: pd.DataFrame, k: int = TOP) -> pd.DataFrame:
    """The rows with adjusted p < .05 (all of them), else the k smallest adjusted p, by adjusted p then |r|."""
    t = table.dropna(subset=["p"]).assign(_abs=lambda d: -d["estimate"].abs())
    t = t.sort_values(["p_adjusted", "p", "_abs"]).drop(columns="_abs")
    hits = t[t["p_adjusted"] < ALPHA]
    return hits if len(hits) else t.head(k)


@styled
def volcano_figure(table: pd.DataFrame) -> Figure:
    """Estimate against −log10 p, one panel per method; adjusted p < .05 in colour.

    Examples
    --------
    >>> t = pd.DataFrame({"method": ["pearson"] * 3, "estimate": [0.5, -0.1, 0.05], "p": [1e-4, 0.5, 0.8],
    ...                   "p_adjusted": [3e-4, 0.75, 0.8], "feature": ["a", "b", "c"], "phenotype": ["y"] * 3})
    >>> len(volcano_figure(t).axes)
    1
    """
    methods = list(dict.fromkeys(table["method"]))
    fig, axes = subplots((3.6 * len(methods) + 0.6, 3.6), 1, len(methods), squeeze=False)
    for ax, method in zip(axes.ravel(), methods):
        t = table[(table["method"] == method) & table["p"].notna()]
        sig = t["p_adjusted"] < ALPHA
        logp = -np.log10(t["p"].clip(lower=1e-300))
        ax.scatter(t.loc[~sig, "estimate"], logp[~sig], s=6, color="0.65", linewidths=0, rasterized=True)
        ax.scatter(t.loc[sig, "estimate"], logp[sig], s=8, color="#D55E00", linewidths=0, rasterized=True)
        ax.set_xlim(-1, 1)
        ax.set_xlabel(f"{method_label(method)}")
        ax.set_ylabel("−log10 p")
        ax.set_title(f"{int(sig.sum())} of {len(t)} with adjusted p < .05", loc="left")
    fig.suptitle("Features × phenotypes (colour: adjusted p < .05 within family)", x=0.01, ha="left")
    return fig


def _p_cell(p: float) -> str:
    """'.032', '< .001', '> .999' (APA, in a table cell)."""
    return fmt_p_apa(p).removeprefix("p = ").removeprefix("p ")


def screen_page(
    table: pd.DataFrame,
    settings: dict[str, str],
    notes: list[str],
    set_aside: pd.DataFrame,
    volcano_svg: str | None = None,
) -> str:
    """The self-contained HTML summary of a screen (figure inlined, every user text escaped).

    ``volcano_svg``: the volcano plot already saved as SVG (its text), so it is not drawn twice.
    """
    hits = top_hits(table)
    families = table.groupby("family", sort=False).agg(
        tests=("p", lambda p: int(p.notna().sum())), below=("p_adjusted", lambda p: int((p < ALPHA).sum()))
    )
    fam = pd.DataFrame(
        {"family": families.index, "tests": families["tests"], "adjusted p < .05": families["below"]}
    ).reset_index(drop=True)
    shown = pd.DataFrame(
        {
            "feature": hits["feature"],
            "phenotype": hits["phenotype"],
            "method": hits["method"],
            "n": hits["n"],
            "estimate [CI]": [
                f"{fmt_r(r)} [{fmt_r(lo)}, {fmt_r(hi)}]"
                for r, lo, hi in zip(hits["estimate"], hits["ci_low"], hits["ci_high"])
            ],
            "p": [_p_cell(p) for p in hits["p"]],
            "adjusted p": [_p_cell(p) for p in hits["p_adjusted"]],
            "max-T p": ["" if not np.isfinite(v) else f"{v:.4g}" for v in hits["p_fwer_maxt"]],
        }
    )
    raw = {"n": hits["n"], "p": hits["p"], "adjusted p": hits["p_adjusted"], "max-T p": hits["p_fwer_maxt"]}
    raw = {k: v.reset_index(drop=True).astype(float) for k, v in raw.items()}
    lead = f"{int((table['p_adjusted'] < ALPHA).sum())} of {int(table['p'].notna().sum())} tests have adjusted p < .05"
    facts = "".join(f"<li>{e(k)}: {e(v)}</li>" for k, v in settings.items())
    note_items = "".join(f"<li>{e(n)}</li>" for n in notes)
    if len(set_aside):
        note_items += f"<li>{len(set_aside)} cell(s) were not numbers and were set aside (not_numeric.csv).</li>"
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>biocorr screen</title>"
        f"<style>{CSS}</style></head><body><h1>biocorr screen</h1><section id='findings' class='findings'>"
        f"<h2>Findings</h2><p>{e(lead)} (within each family). Top hits:</p>"
        f"<div class='scroll'>{html_table(shown, numeric=['n'], sortable=True, raw=raw)}</div></section>"
        f"<h2>Families</h2>{html_table(fam, numeric=['tests', 'adjusted p < .05'])}"
        + figure_html(None if volcano_svg else volcano_figure(table), VOLCANO_CAPTION, volcano_svg)
        + f"<h2>Settings</h2><ul>{facts}</ul>"
        + (f"<h2>Notes</h2><ul>{note_items}</ul>" if note_items else "")
        + f"<script>{SORT_JS}</script></body></html>"
    )
