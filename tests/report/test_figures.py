"""Figures say the right n (a panel's shared legend has no n, each box does), and every figure kind
the report and the screen draw is print-ready on the embedded real examples: no two drawn texts
overlap, none is cut by the figure's edge, none is smaller than 7 pt at the size the figure is saved
(issue #26's publication standard; the PNG and SVG are written at that size)."""

from __future__ import annotations

import matplotlib.colors
import numpy as np
import pandas as pd
import pytest

import biocorr
from biocorr import analyze
from biocorr.datasets import example_path
from biocorr.qpcr.expression import run_qpcr
from biocorr.qpcr.instruments import read_ct_export
from biocorr.report import figures, heatmaps, qpcr_figures
from biocorr.report.figures import biomarker_panel, scatter_figure
from biocorr.screen.page import volcano_figure
from biocorr.spec import load_spec
from tests.helpers import drawn_texts, text_overlaps


def test_panel_legend_has_no_n_and_each_statistics_box_has_its_scores_n(hivsn_results):
    results = hivsn_results
    fig = biomarker_panel(results, "current_cd4")
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == ["Painful HIV-SN", "Non-painful HIV-SN"]  # was 'Painful HIV-SN (n = 125)' from panel 1
    c = results.correlations
    # the statistics sit above each panel's data region (its title), never over its points
    boxes = {
        ax.get_ylabel().replace("\n", " "): ax.get_title(loc="left") for ax in fig.axes if ax.get_title(loc="left")
    }
    assert not any(ax.texts for ax in fig.axes)
    for score in results.study.spec.scores:
        row = c[(c.x == "current_cd4") & (c.y == score.column) & (c.method == "spearman") & (c.subset == "all")]
        if row.empty:  # measured in one group only: its test is shown once, under that group
            continue
        box = boxes[score.display]
        assert "pooled: rₛ = " in box and f"n = {int(row['n'].item())}" in box
        # within-group estimates lead, the pooled one (named as such, not 'all') comes last
        assert box.startswith("Painful HIV-SN: ") and box.index("Non-painful HIV-SN: ") < box.index("pooled: ")
    pain = boxes[results.study.spec.variable("pain_intensity").display]
    assert "Non-painful" not in pain and "pooled:" not in pain  # not measured in controls: one line, the group's
    assert pain.startswith("Painful HIV-SN: rₛ = ") and "n = 125" in pain


def test_no_least_squares_line_under_a_rank_method_and_no_axis_beyond_a_declared_range(hivsn_results):
    from biocorr.report.figures import scatter_figure

    spearman = scatter_figure(hivsn_results, "current_cd4", "eq-5d_vas", "spearman").axes[0]
    assert spearman.get_lines() == []  # a least-squares line would show another association
    pearson = scatter_figure(hivsn_results, "current_cd4", "eq-5d_vas", "pearson").axes[0]
    assert len(pearson.get_lines()) == 3  # pooled (dashed, in the legend) and one per group
    assert "pooled fit" in pearson.get_legend_handles_labels()[1]
    low, high = pearson.get_ylim()
    assert low >= -3 and high <= 103  # EQ-5D VAS is declared 0-100: the bands no longer stretch the axis


def test_a_panel_of_a_few_hundred_subjects_keeps_its_points_as_vectors(hivsn_results, tmp_path):
    """Points are drawn as an image inside the SVG only above RASTER_ABOVE per scatter: at 197
    subjects they stay vector markers (sharp in print, and faster to write than an image per panel)."""
    from biocorr.report.figures import RASTER_ABOVE, save_figure

    assert len(hivsn_results.study.data) < RASTER_ABOVE
    _, svg = save_figure(biomarker_panel(hivsn_results, "current_cd4"), tmp_path / "panel", png=False)
    text = svg.read_text()
    assert "<image" not in text and text.count("<use ") > 300  # every subject a marker in each score's panel


MIN_POINTS = 7.0


def _assert_print_ready(fig) -> None:
    overlaps, outside = text_overlaps(fig)
    assert overlaps == [] and outside == []
    small = sorted({(t.get_text()[:30], t.get_fontsize()) for t in drawn_texts(fig) if t.get_fontsize() < MIN_POINTS})
    assert small == []


@pytest.mark.parametrize("kind", ["group", "scatter pearson", "scatter spearman", "panel", "heat map", "matrix"])
def test_every_report_figure_of_hivsn_is_print_ready(hivsn_results, kind):
    res = hivsn_results
    fig = {
        "group": lambda: figures.group_figure(res, "current_cd4"),
        "scatter pearson": lambda: figures.scatter_figure(res, "current_cd4", "eq-5d_vas", "pearson"),
        "scatter spearman": lambda: figures.scatter_figure(res, "current_cd4", "pain_intensity", "spearman"),
        "panel": lambda: figures.biomarker_panel(res, "current_cd4", "spearman"),
        "heat map": lambda: heatmaps.heatmap_figure(res, "all", "spearman"),
        "matrix": lambda: heatmaps.matrix_figure(res, "scores", "all", "spearman"),
    }[kind]()
    _assert_print_ready(fig)


def test_opts_panel_with_its_detection_limit_legend_is_print_ready(opt_results):
    biomarker = opt_results.study.spec.biomarkers[0].column
    _assert_print_ready(figures.biomarker_panel(opt_results, biomarker, "spearman", ranks=True))
    _assert_print_ready(figures.group_figure(opt_results, biomarker))


def test_the_qpcr_figures_are_print_ready():
    folder = example_path("qpcr_demo")
    spec = load_spec(folder / "spec.toml")
    result = run_qpcr(read_ct_export(folder / "ct_export.csv"), spec.qpcr)
    _assert_print_ready(qpcr_figures.qpcr_ct_figure(result.replicates))
    _assert_print_ready(qpcr_figures.qpcr_replicate_sd_figure(result.replicates))
    _assert_print_ready(qpcr_figures.qpcr_fold_change_figure(result.relative))


def test_the_screens_volcano_is_print_ready():
    rng = np.random.default_rng(3)
    m = 3000
    table = pd.DataFrame(
        {
            "method": np.repeat(["pearson", "spearman"], m // 2),
            "estimate": rng.uniform(-0.6, 0.6, m),
            "p": 10.0 ** -rng.uniform(0, 8, m),
            "feature": [f"f{i}" for i in range(m)],
            "phenotype": "pain",
        }
    )
    table["p_adjusted"] = np.minimum(table["p"] * 50, 1.0)
    _assert_print_ready(volcano_figure(table))


def test_the_row_index_keeps_no_table_alive_and_follows_a_new_table(hivsn_results):
    """The figures' (x, y, subset, method) -> row index is built once per table and holds it
    weakly: a copy of the table is indexed afresh, and a dropped table is freed."""
    import dataclasses
    import gc
    import weakref

    row = hivsn_results.correlations.iloc[0]
    key = (row["x"], row["y"], row["subset"], row["method"])
    assert figures._row(hivsn_results, *key)["estimate"] == row["estimate"]
    changed = hivsn_results.correlations.copy()
    changed.loc[changed.index[0], "estimate"] = 0.123
    other = dataclasses.replace(hivsn_results, correlations=changed)
    assert figures._row(other, *key)["estimate"] == 0.123  # not the first table's cached row
    alive = weakref.ref(changed)
    del other, changed
    gc.collect()
    assert alive() is None


def _two_visits(tmp_path, groups: bool):
    rng = np.random.default_rng(8)
    rows = ["id,visit,group,il6,pain"]
    for i in range(12):
        base, level = rng.lognormal(), rng.uniform(20, 80)
        for v in ("w0", "w4"):
            flare = rng.normal()
            rows.append(f"P{i},{v},{'FM' if i < 6 else 'HC'},{base * np.exp(0.3 * flare):.3f},{level + 8 * flare:.1f}")
    (tmp_path / "d.csv").write_text("\n".join(rows) + "\n")
    group = 'group = "group"\n' if groups else ""
    (tmp_path / "s.toml").write_text(
        f'[data]\nid = "id"\n{group}visit = "visit"\n[[biomarker]]\ncolumn = "il6"\n[[score]]\ncolumn = "pain"\n'
    )
    return analyze(biocorr.load(tmp_path / "d.csv", tmp_path / "s.toml"))


def test_long_data_scatter_tells_visits_apart_by_marker_and_line_and_groups_by_colour(tmp_path):
    """Every point and line of a two-visit scatter was black (the per-visit subsets had no colour):
    now a group keeps its colour at each visit, a visit its marker and line style; without groups
    each visit has its own colour."""
    ax = scatter_figure(_two_visits(tmp_path, groups=True), "il6", "pain").axes[0]
    points = [c for c in ax.collections if not c.get_label().startswith("_")]
    colours = [matplotlib.colors.to_hex(c.get_facecolor()[0]) for c in points]
    markers = [c.get_paths()[0].vertices.shape[0] for c in points]  # a circle's path has more vertices than a square's
    assert [c.get_label().split(" (")[0] for c in points] == [
        "visit = w0: FM", "visit = w0: HC", "visit = w4: FM", "visit = w4: HC"
    ]  # fmt: skip
    assert colours[0] == colours[2] != colours[1] == colours[3] and markers[0] != markers[2]
    assert [line.get_linestyle() for line in ax.lines] == ["-", "-", "-", "--", "--", "--"]
    ax = scatter_figure(_two_visits(tmp_path, groups=False), "il6", "pain").axes[0]
    points = [c for c in ax.collections if not c.get_label().startswith("_")]
    assert len(points) == 2 and len({matplotlib.colors.to_hex(c.get_facecolor()[0]) for c in points}) == 2
