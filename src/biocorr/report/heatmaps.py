"""Heat maps: biomarkers x scores (one per subset and method) and the lower-triangle matrices among
the biomarkers and among the scores (collinearity). Every function returns a Figure."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..analysis import Results
from ..format import fmt_r
from ..stats.methods import ALPHA
from .figures import styled, subplots


def _heat_cells(est: np.ndarray, padj: np.ndarray, rows: list[str], cols: list[str], method: str, blank=None):
    """A figure of estimate cells labelled r ('*' where adjusted p < ALPHA), rows and columns named,
    a colour bar; ``blank`` cells (a matrix's upper half) stay empty. Sized for a printed page
    (0.55 in per cell column); cells are vector quads, not an image."""
    blank = np.zeros(est.shape, bool) if blank is None else blank
    # laid out from the label lengths and cell counts: 0.075 in per character of an 8-pt label;
    # column labels run vertically (no two can touch), a colour bar needs 1.6 in of height
    col_len = max((len(c) for c in cols), default=0)
    row_len = max((len(r) for r in rows), default=0)
    width = max(4.6, 1.6 + 0.075 * row_len + 0.42 * len(cols))
    height = max(2.9, 1.3 + 0.075 * col_len + 0.3 * len(rows))
    fig, ax = subplots((width, height))
    cells = np.where(blank, np.nan, est)
    im = ax.pcolormesh(
        np.arange(len(cols) + 1) - 0.5, np.arange(len(rows) + 1) - 0.5, cells, cmap="RdBu_r", vmin=-1, vmax=1
    )
    ax.invert_yaxis()
    for i, j in zip(*np.nonzero(~blank)):
        v, p = float(est[i, j]), float(padj[i, j])
        text = fmt_r(v) + ("*" if np.isfinite(p) and p < ALPHA else "")
        ax.text(
            j,
            i,
            text,
            ha="center",
            va="center",
            fontsize=7,
            color="white" if np.isfinite(v) and abs(v) > 0.6 else "black",
        )
    ax.set_xticks(range(len(cols)), cols, rotation=90, ha="center")
    ax.set_yticks(range(len(rows)), rows)
    ax.spines[:].set_visible(False)
    fig.colorbar(im, ax=ax, shrink=0.8, label=f"{method} estimate")
    return fig, ax


def _title(fig: Figure, title: str) -> None:
    """The figure's title, left-aligned and broken into lines that fit its width (0.075 in per character)."""
    fig.suptitle(textwrap.fill(title, max(20, int((fig.get_figwidth() - 0.3) / 0.075))), x=0.01, ha="left")


@styled
def matrix_figure(results: Results, among: str = "biomarkers", subset: str = "all", method: str = "spearman") -> Figure:
    """Lower-triangle heat map of the correlations among the biomarkers (or the scores); '*' marks
    adjusted p < .05 within the matrix (rows of ``results.matrices``).

    Examples
    --------
    >>> from biocorr import analyze, datasets
    >>> fig = matrix_figure(analyze(datasets.load("opt")), "biomarkers", "all", "spearman")
    >>> fig.axes[0].collections[0].get_array().shape  # 7 biomarkers: rows 2-7 against columns 1-6
    (6, 6)
    """
    spec = results.study.spec
    names = [v.column for v in (spec.biomarkers if among == "biomarkers" else spec.scores)]
    m = results.matrices
    m = m[(m.subset == subset) & (m.method == method) & m.family.str.contains(f" among {among},", regex=False)]
    both = pd.concat([m, m.rename(columns={"x": "y", "y": "x"})])  # each pair in both orders, then the lower half
    below = np.tril(np.ones((len(names), len(names)), bool), -1)[1:, :-1]
    est, padj = (
        both.pivot(index="x", columns="y", values=v).reindex(index=names[1:], columns=names[:-1]).to_numpy(float)
        for v in ("estimate", "p_adjusted")
    )
    labels = [spec.variable(v).label for v in names]
    fig, _ = _heat_cells(est, padj, labels[1:], labels[:-1], method, blank=~below)
    _title(fig, f"{method} among the {among}, subset {subset}; * adjusted p < .05 within the matrix")
    return fig


@styled
def heatmap_figure(results: Results, subset: str = "all", method: str = "spearman") -> Figure:
    """Biomarkers × scores heat map of the estimates; '*' marks p_adjusted < .05.

    Examples
    --------
    >>> from biocorr import analyze, datasets
    >>> fig = heatmap_figure(analyze(datasets.load("opt")), "all", "spearman")
    >>> fig.axes[0].collections[0].get_array().shape
    (7, 10)
    """
    spec = results.study.spec
    c = results.correlations
    c = c[(c.subset == subset) & (c.method == method)]
    xs = list(dict.fromkeys(x for x, _ in spec.pairs))  # biomarkers x scores; or, scores only, an upper triangle
    ys = list(dict.fromkeys(y for _, y in spec.pairs))
    est = c.pivot(index="x", columns="y", values="estimate").reindex(index=xs, columns=ys)
    padj = c.pivot(index="x", columns="y", values="p_adjusted").reindex(index=xs, columns=ys)
    label = spec.variable
    fig, _ = _heat_cells(
        est.to_numpy(float), padj.to_numpy(float), [label(v).label for v in xs], [label(v).label for v in ys], method
    )
    _title(fig, f"{method}, subset {subset}; * adjusted p < .05 ({spec.analysis.adjust}, within family)")
    return fig
