"""Figures say the right n: a panel's shared legend has no n (each score has its own), each box does."""

from __future__ import annotations

from biocorr.report.figures import biomarker_panel


def test_panel_legend_has_no_n_and_each_statistics_box_has_its_scores_n(hivsn_results):
    results = hivsn_results
    fig = biomarker_panel(results, "current_cd4")
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == ["Painful HIV-SN", "Non-painful HIV-SN"]  # was 'Painful HIV-SN (n = 125)' from panel 1
    c = results.correlations
    # the statistics sit above each panel's data region (its title), never over its points
    boxes = {ax.get_ylabel(): ax.get_title(loc="left") for ax in fig.axes if ax.get_title(loc="left")}
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
