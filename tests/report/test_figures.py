"""Figures say the right n: a panel's shared legend has no n (each score has its own), each box does."""

from __future__ import annotations

from biocorr.report.figures import biomarker_panel


def test_panel_legend_has_no_n_and_each_statistics_box_has_its_scores_n(hivsn_results):
    results = hivsn_results
    fig = biomarker_panel(results, "current_cd4")
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == ["Painful HIV-SN", "Non-painful HIV-SN"]  # was 'Painful HIV-SN (n = 125)' from panel 1
    c = results.correlations
    boxes = {ax.get_ylabel(): ax.texts[0].get_text() for ax in fig.axes if ax.texts}
    for score in results.study.spec.scores:
        row = c[(c.x == "current_cd4") & (c.y == score.column) & (c.method == "spearman") & (c.subset == "all")]
        if row.empty:  # measured in one group only: its test is shown once, under that group
            continue
        assert "all: rₛ = " in boxes[score.display] and f"n = {int(row['n'].item())}" in boxes[score.display]
    pain = boxes[results.study.spec.variable("pain_intensity").display]
    assert "Non-painful" not in pain and "all:" not in pain  # not measured in controls: one line, the group's
    assert pain.startswith("Painful HIV-SN: rₛ = ") and "n = 125" in pain
