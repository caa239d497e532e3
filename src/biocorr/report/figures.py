"""Publication-quality figures (matplotlib). Every function returns a Figure.

Colours are the Okabe-Ito palette (safe for the common colour-vision
deficiencies); groups keep their colour in every figure. Values at or below a
biomarker's ``lower_limit`` are drawn hollow, so a detection-limit pile-up is
visible rather than hidden among the measured values.

References
----------
Okabe M, Ito K (2008). Color Universal Design (CUD): how to make figures and
presentations that are friendly to colorblind people. https://jfly.uni-koeln.de/color/
"""

from __future__ import annotations

import functools
import io
import textwrap
import weakref
from pathlib import Path
from typing import Any

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator
from scipy.special import stdtrit

from ..analysis import Results
from ..format import fmt_num, fmt_p_apa, fmt_r
from ..spec.transforms import limit_in_data_units
from ..stats.correlation import rank_columns
from ..stats.methods import method_symbol

RANK_METHODS = ("spearman", "kendall", "spearman_detected", "partial_spearman", "skipped_spearman")
"""Methods whose association a least-squares line on the raw values does not show."""

OKABE_ITO = ["#D55E00", "#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]
POOLED_COLOUR = "#000000"
LABEL_CHARS = 30  # characters per line of an axis label (9 pt over a 2.5-inch axis)
RASTER_ABOVE = 2_000  # points in one scatter beyond which they are drawn as an image inside the SVG

# Applied while a figure is built and saved, never to the user's global rcParams.
# Figures are made with matplotlib.figure.Figure, not pyplot: nothing to close, no
# global state, and notebooks show the returned Figure once.
STYLE: dict[str, Any] = {
    "font.size": 9,
    "axes.titlesize": 9.5,
    "axes.labelsize": 9,
    "legend.fontsize": 8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.fonttype": "none",
    "figure.dpi": 100,
    "text.parse_math": False,  # labels, units and group names are the user's text, never mathtext
}


def styled(func):
    """Decorator: build (and save) the figure under the house style, leaving the user's rcParams alone."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with matplotlib.rc_context(STYLE):  # type: ignore[arg-type]
            return func(*args, **kwargs)

    return wrapper


def subplots(figsize, nrows: int = 1, ncols: int = 1, **kw):
    """A pyplot-free Figure with constrained layout and its Axes (as ``plt.subplots``)."""
    fig = Figure(figsize=figsize, layout="constrained")
    return fig, fig.subplots(nrows, ncols, **kw)


def group_colours(results: Results) -> dict[str, str]:
    """Colour of each subset: 'all' black, groups in Okabe-Ito order."""
    labels = [results.study.spec.group_label(c) for c in results.study.group_codes]
    out = {"all": POOLED_COLOUR}
    out.update({g: OKABE_ITO[i % len(OKABE_ITO)] for i, g in enumerate(labels)})
    return out


VISIT_MARKERS = ["o", "s", "^", "D", "v", "P"]
VISIT_LINES = ["-", "--", ":", "-."]


def subset_style(results: Results, name: str) -> tuple[str, str, str]:
    """(colour, marker, line style) of a subset in a scatter: each group its colour, the pooled
    subset black and dashed; in long data each visit its marker and line style, a group keeping its
    colour at every visit (without groups each visit has a colour of its own).

    Examples
    --------
    >>> from biocorr import analyze, datasets
    >>> subset_style(analyze(datasets.load("hivsn")), "all")
    ('#000000', 'o', '--')
    """
    study = results.study
    colours = group_colours(results)
    for k, visit in enumerate(study.visits):
        prefix = study.visit_subset(visit)
        if name == prefix or name.startswith(prefix + ": "):
            group = name[len(prefix) + 2 :]
            own = OKABE_ITO[k % len(OKABE_ITO)] if study.spec.group_column is None else POOLED_COLOUR
            return colours.get(group, own), VISIT_MARKERS[k % len(VISIT_MARKERS)], VISIT_LINES[k % len(VISIT_LINES)]
    return colours.get(name, POOLED_COLOUR), "o", "--" if name == "all" else "-"


# the last table's (x, y, subset, method) -> row index; the table itself is held weakly, so the
# cache keeps no results alive and a new table (or one reusing a freed id) is indexed afresh
_ROW_INDEX: dict[int, tuple[weakref.ref, dict[tuple, int]]] = {}


def _row(results: Results, x: str, y: str, subset: str, method: str) -> pd.Series | None:
    """The first correlation row of (x, y, subset, method), from an index built once per table
    (a 24-biomarker panel report looks up ~500 rows; a boolean filter each cost 2.6 ms)."""
    c = results.correlations
    cached = _ROW_INDEX.get(id(c))
    if cached is None or cached[0]() is not c:
        index: dict[tuple, int] = {}
        for i, key in enumerate(zip(c["x"], c["y"], c["subset"], c["method"])):
            index.setdefault(key, i)
        _ROW_INDEX.clear()
        _ROW_INDEX[id(c)] = cached = (weakref.ref(c), index)
    at = cached[1].get((x, y, subset, method))
    return None if at is None else c.iloc[at]


def _band(xv: np.ndarray, yv: np.ndarray, level: float = 0.95):
    """Least-squares line and the confidence band of the mean response."""
    n = len(xv)
    slope, intercept = np.polyfit(xv, yv, 1)
    grid = np.linspace(xv.min(), xv.max(), 100)
    fit = intercept + slope * grid
    resid = yv - (intercept + slope * xv)
    s = np.sqrt(np.sum(resid**2) / (n - 2))
    sxx = np.sum((xv - xv.mean()) ** 2)
    half = stdtrit(n - 2, (1 + level) / 2) * s * np.sqrt(1 / n + (grid - xv.mean()) ** 2 / sxx)
    return grid, fit, fit - half, fit + half


def _subsets_to_show(results: Results, subset: str | None) -> list[str]:
    names = [name for name, _ in results.study.subsets()]
    return names if subset is None else [subset]


def draw_scatter(
    ax,
    results: Results,
    x: str,
    y: str,
    method: str = "pearson",
    subset: str | None = None,
    ranks: bool = False,
    annotate: bool = True,
    legend_n: bool = True,
) -> None:
    """Draw one biomarker × score scatter on an existing Axes (see :func:`scatter_figure`).

    ``legend_n`` puts each group's n in its legend label; a panel of several scores shares one
    legend and leaves it out (each score has its own n, shown in its statistics lines, which then
    wrap after the interval so that they fit a panel's width at 7 pt)."""
    study = results.study
    spec = study.spec
    data = study.data
    xv_all = data[x].to_numpy(float)
    yv_all = data[y].to_numpy(float)
    lower = limit_in_data_units(spec.variable(x))
    at_limit_all = np.zeros(len(data), bool) if lower is None else xv_all <= lower
    shown = _subsets_to_show(results, subset)
    # points by group (at each visit in long data), else by visit, else all in one colour
    point_sets = [(name, mask) for name, mask in study.subsets(("by-group",)) if subset in (None, "all", name)]
    if not point_sets and study.visits:
        point_sets = [(name, mask) for name, mask in study.visit_rows() if subset in (None, "all", name)]
    point_sets = point_sets or [("all", np.ones(len(data), bool))]
    ok_all = ~np.isnan(xv_all) & ~np.isnan(yv_all)
    if ranks:
        both = np.column_stack([xv_all, yv_all])
        both[~ok_all] = np.nan
        rk = rank_columns(both)
        xv_all, yv_all = rk[:, 0], rk[:, 1]
    for name, mask in point_sets:
        m = mask & ok_all
        colour, marker, _ = subset_style(results, name)
        meas = m & ~at_limit_all
        lim = m & at_limit_all
        ax.scatter(
            xv_all[meas],
            yv_all[meas],
            s=16,
            color=colour,
            marker=marker,
            alpha=0.75,
            linewidths=0,
            rasterized=bool(meas.sum() > RASTER_ABOVE),
            label=(f"{name} (n = {int(m.sum())})" if legend_n else name) if name != "all" else None,
        )
        if lim.any():
            ax.scatter(
                xv_all[lim],
                yv_all[lim],
                s=18,
                marker=marker,
                facecolors="none",
                edgecolors=colour,
                linewidths=0.8,
                alpha=0.9,
                rasterized=bool(lim.sum() > RASTER_ABOVE),
            )
    if at_limit_all[ok_all].any():
        ax.scatter([], [], s=18, facecolors="none", edgecolors="0.3", label=f"at/below detection limit {lower:g}")
    lines: list[str] = []
    pooled_lines: list[str] = []
    # a least-squares line belongs to Pearson's r (or to ranks, where it is Spearman's); under a rank
    # method on the raw axes it would show a different association from the one printed
    fit_line = ranks or method not in RANK_METHODS
    subset_rows = dict(study.subsets())
    for name in shown:
        mask = subset_rows[name] & ok_all
        if fit_line and mask.sum() >= 3 and np.ptp(xv_all[mask]) > 0:
            grid, fit, lo, hi = _band(xv_all[mask], yv_all[mask], results.confidence)
            colour, _, line = subset_style(results, name)
            pooled = name == "all"
            ax.plot(grid, fit, color=colour, lw=1.4, ls=line, label="pooled fit" if pooled else None)
            ax.fill_between(grid, lo, hi, color=colour, alpha=0.12, linewidth=0)
        row = _row(results, x, y, name, method)
        if row is not None and int(row["n"]) > 0:  # a score not measured in a group says nothing there
            among_groups = name == "all" and len(shown) > 1  # within-group estimates lead; the pooled one follows
            (pooled_lines if among_groups else lines).append(
                f"{'pooled' if among_groups else name}: {method_symbol(method)} = {fmt_r(row['estimate'])} "
                f"[{fmt_r(row['ci_low'])}, {fmt_r(row['ci_high'])}],"
                + (" " if legend_n else "\n    ")
                + f"{fmt_p_apa(row['p_adjusted'], 'p_adj')}, n = {int(row['n'])}"
            )
    lines += pooled_lines
    if annotate and lines:  # above the data region, never over points (the layout makes room for it)
        ax.set_title("\n".join(lines), loc="left", fontsize=7)
    xvar, yvar = spec.variable(x), spec.variable(y)
    # a long name on two lines: a panel's axis is ~2.5 inches, and a vertical label longer than it
    # ran into the next row's label and the legend
    ax.set_xlabel(textwrap.fill(("rank of " if ranks else "") + xvar.display, LABEL_CHARS, break_long_words=False))
    ax.set_ylabel(textwrap.fill(("rank of " if ranks else "") + yvar.display, LABEL_CHARS, break_long_words=False))
    if not ranks:  # never an axis beyond a declared range (a band's extrapolation drew VAS down to -20)
        for var, get, put in ((xvar, ax.get_xlim, ax.set_xlim), (yvar, ax.get_ylim, ax.set_ylim)):
            if var.range is not None and var.transform is None:
                low, high = var.range
                pad = 0.03 * (high - low)
                now_low, now_high = get()
                put(max(now_low, low - pad), min(now_high, high + pad))


@styled
def scatter_figure(
    results: Results, x: str, y: str, method: str = "pearson", subset: str | None = None, ranks: bool = False
) -> Figure:
    """Scatter of one biomarker against one score.

    Points are coloured by group; each subset shown gets its least-squares line
    with the confidence band of the mean at the analysis' level (pooled: dashed black); the
    annotation gives each subset's estimate, CI and family-adjusted p. Values at
    or below the biomarker's ``lower_limit`` are hollow.

    Parameters
    ----------
    results : Results
    x, y : str
        Biomarker and score columns.
    method : {'pearson', 'spearman', 'kendall'}
        Whose estimate the annotation shows.
    subset : str, optional
        Show only this subset ('all' or a group label); default: all subsets.
    ranks : bool
        Plot ranks instead of values (the picture behind Spearman's rho).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from biocorr import analyze, datasets
    >>> fig = scatter_figure(analyze(datasets.load("hivsn")), "current_cd4", "eq-5d_vas")
    >>> fig.axes[0].get_xlabel()
    'CD4 count (cells/µL)'
    """
    fig, ax = subplots((4.6, 3.6))
    draw_scatter(ax, results, x, y, method, subset, ranks)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(loc="lower right", frameon=False)
    return fig


@styled
def biomarker_panel(
    results: Results, biomarker: str, method: str = "spearman", ranks: bool = False, ncols: int = 3
) -> Figure:
    """All scores against one biomarker, one panel each (the figure papers show); in a study of
    one role only, one variable against each after it.

    Examples
    --------
    >>> from biocorr import analyze, datasets
    >>> fig = biomarker_panel(analyze(datasets.load("hivsn")), "current_cd4")
    >>> len([a for a in fig.axes if a.has_data()])
    5
    """
    spec = results.study.spec
    scores = next(ys for xs, ys in spec.pair_blocks if biomarker in xs)  # one role only: the later ones
    ncols = min(ncols, len(scores))
    nrows = int(np.ceil(len(scores) / ncols))
    fig, axes = subplots((3.3 * ncols, 2.9 * nrows + 0.5), nrows, ncols, squeeze=False)
    for ax, score in zip(axes.ravel(), scores):
        draw_scatter(ax, results, biomarker, score, method, ranks=ranks, legend_n=False)
        for axis in (ax.xaxis, ax.yaxis):  # at most 5 ticks in a 3.3-inch panel: legible, and a fifth less to lay out
            axis.set_major_locator(MaxNLocator(nbins=4))
    for ax in axes.ravel()[len(scores) :]:
        ax.set_visible(False)
    handles, labels = axes.ravel()[0].get_legend_handles_labels()
    if handles:
        fig.legend(handles, labels, loc="outside lower center", ncol=len(handles), frameon=False)
    fig.suptitle(
        f"{spec.variable(biomarker).display} vs {f'later {spec.among}s' if spec.among else 'clinical scores'} "
        f"({method}; p adjusted within family)",
        fontsize=10,
    )
    return fig


@styled
def group_figure(results: Results, variable: str) -> Figure:
    """Box plot with every subject's value (jittered), n per group, tests and effect sizes.

    In long data (``[data] visit``) each visit has its own boxes, side by side; the title
    then leaves the per-visit tests to the group comparisons table.

    Examples
    --------
    >>> from biocorr import analyze, datasets
    >>> fig = group_figure(analyze(datasets.load("hivsn")), "current_cd4")
    >>> "Welch" in fig.axes[0].get_title(loc="left")
    True
    """
    study = results.study
    spec = study.spec
    colours = group_colours(results)
    codes = study.group_codes
    # long data: one box per visit and group (a subject's visits are not pooled), visits side by side
    cells = [
        (spec.group_label(c), visit_index, at & (study.data["group"] == c).to_numpy())
        for visit_index, (_, at) in enumerate(study.visit_rows())
        for c in codes
    ]
    labels = [label for label, _, _ in cells]
    values = [study.data.loc[rows, variable].dropna().to_numpy() for _, _, rows in cells]
    positions = [i + 0.6 * visit_index for i, (_, visit_index, _) in enumerate(cells)]
    fig, ax = subplots((2.2 + 1.3 * len(cells), 3.8))
    present = [i for i, v in enumerate(values) if len(v)]
    ax.boxplot(
        [values[i] for i in present],
        positions=[positions[i] for i in present],
        widths=0.5,
        showfliers=False,
        medianprops=dict(color="black"),
        boxprops=dict(color="0.4"),
        whiskerprops=dict(color="0.4"),
        capprops=dict(color="0.4"),
    )
    rng = np.random.default_rng(0)
    lower = limit_in_data_units(spec.variable(variable))
    for i, v in enumerate(values):
        jitter = positions[i] + rng.uniform(-0.15, 0.15, len(v))
        at = np.zeros(len(v), bool) if lower is None else v <= lower
        many = len(v) > RASTER_ABOVE
        ax.scatter(jitter[~at], v[~at], s=12, color=colours[labels[i]], alpha=0.7, linewidths=0, rasterized=many)
        ax.scatter(
            jitter[at],
            v[at],
            s=13,
            facecolors="none",
            edgecolors=colours[labels[i]],
            linewidths=0.7,
            rasterized=many,
        )
    visit_names = [f"\n{visit}" for visit in study.visits] or [""]
    ax.set_xticks(
        positions,
        [f"{lab}{visit_names[vi]}\nn = {len(v)}" for (lab, vi, _), v in zip(cells, values)],
    )
    ax.set_ylabel(spec.variable(variable).display)
    g = results.group_comparisons
    title = [spec.variable(variable).label]
    for test, name, es in (("welch_t", "Welch t", "g"), ("mann_whitney", "Mann–Whitney", "r_rb")):
        row = g[(g.variable == variable) & (g.test == test)]
        if len(row) == 1:
            r = row.iloc[0]
            title.append(
                f"{name}: {fmt_p_apa(r['p'])}, {es} = {fmt_num(r['effect_size'])} "
                f"[{fmt_num(r['effect_size_ci_low'])}, {fmt_num(r['effect_size_ci_high'])}]"
            )
    ax.set_title("\n".join(title), loc="left")
    return fig


@styled
def save_figure(fig: Figure, stem: str | Path, dpi: int = 300, png: bool = True) -> tuple[Path | None, Path]:
    """Save as SVG, and as PNG (``dpi``) next to it unless ``png`` is False; returns both paths (None: no PNG)."""
    stem = Path(stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    png_path, svg = (stem.with_suffix(".png") if png else None), stem.with_suffix(".svg")
    engine = fig.get_layout_engine()
    if png_path is None:
        fig.savefig(svg, dpi=150)  # points are rasterised at this resolution, everything else is vector
        return None, svg
    _save_png_rgb(fig, png_path, dpi)
    fig.set_layout_engine("none")  # the layout is in inches, so the PNG's layout holds for the SVG too
    try:
        fig.savefig(svg, dpi=150)  # points are rasterised at this resolution, everything else is vector
    finally:
        fig.set_layout_engine(engine)
    return png_path, svg


def _save_png_rgb(fig: Figure, path: Path, dpi: int) -> None:
    """PNG without the alpha channel (the figures are opaque): a quarter less to compress.

    zlib level 2 instead of 6 halves the encoding time for a few percent more bytes.
    """
    from PIL import Image  # matplotlib's own dependency

    buf = io.BytesIO()
    fig.savefig(buf, format="rgba", dpi=dpi)
    width = round(fig.get_figwidth() * dpi)
    height = buf.tell() // (4 * width)
    if width * height * 4 != buf.tell() or abs(height - fig.get_figheight() * dpi) >= 1:
        # the canvas sized the image in a way not foreseen here: let matplotlib write the PNG
        fig.savefig(path, dpi=dpi, pil_kwargs={"compress_level": 2})
        return
    image = Image.frombuffer("RGBA", (width, height), buf.getvalue(), "raw", "RGBA", 0, 1).convert("RGB")
    image.save(path, format="png", compress_level=2, dpi=(dpi, dpi))


@styled
def svg_text(fig: Figure) -> str:
    """The figure as an inline SVG string (no XML prolog), for the HTML report."""
    buf = io.StringIO()
    fig.savefig(buf, format="svg")
    text = buf.getvalue()
    return text[text.index("<svg") :]
