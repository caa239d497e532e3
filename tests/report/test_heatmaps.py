"""Heat maps and panels laid out from their labels and cell counts: no two drawn texts overlap,
none is cut by the figure's edge, from the qPCR demo's 1 × 4 to 40 scores."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from biocorr import analyze
from biocorr.data.read import read_text_table
from biocorr.data.validate import validate
from biocorr.datasets import example_path
from biocorr.qpcr.join import load_with_qpcr
from biocorr.report.figures import biomarker_panel
from biocorr.report.heatmaps import heatmap_figure, matrix_figure
from biocorr.spec import parse_spec
from tests.helpers import drawn_texts, text_overlaps


@pytest.fixture(scope="module")
def forty_scores():
    """60 simulated subjects, one biomarker, 40 scores with long names (labelled simulated)."""
    rng = np.random.default_rng(1)
    n = 60
    data = {"id": range(n), "group": rng.choice(["A", "B"], n), "TNF": rng.lognormal(size=n).round(4)}
    names = [f"Symptom questionnaire subscale {k + 1}" for k in range(40)]
    for name in names:
        data[name] = rng.normal(size=n).round(4)
    spec = parse_spec(
        {
            "data": {"id": "id", "group": "group"},
            "biomarker": [{"column": "TNF"}],
            "score": [{"column": name} for name in names],
            "analysis": {"methods": ["spearman"], "robust": [], "subsets": ["all"]},
        }
    )
    return analyze(validate(read_text_table(pd.DataFrame(data).to_csv(index=False)), spec))


def test_the_qpcr_demo_1_by_4_heat_map_has_no_overlapping_or_cut_text():
    folder = example_path("qpcr_demo")
    study, _ = load_with_qpcr(folder / "clinical.csv", folder / "spec.toml", folder / "ct_export.csv")
    fig = heatmap_figure(analyze(study), "all", "spearman")
    assert text_overlaps(fig) == ([], [])
    texts = [t.get_text() for t in drawn_texts(fig)]
    assert "Quality of life" in texts and any(t.endswith("*") for t in texts)  # labels and starred cells drawn


@pytest.mark.parametrize("kind", ["panel", "heat map", "matrix"])
def test_forty_scores_stay_readable(forty_scores, kind):
    fig = {
        "panel": lambda: biomarker_panel(forty_scores, "TNF", "spearman"),
        "heat map": lambda: heatmap_figure(forty_scores, "all", "spearman"),
        "matrix": lambda: matrix_figure(forty_scores, "scores", "all", "spearman"),
    }[kind]()
    overlaps, outside = text_overlaps(fig)
    assert overlaps == [] and outside == []
    assert len(drawn_texts(fig)) > 40


def test_the_checker_sees_an_overlap(hivsn_results):
    """The layout test can fail: two labels drawn on the same spot are caught."""
    fig = heatmap_figure(hivsn_results, "all", "spearman")
    fig.axes[0].text(0, 0, "an overlapping note")
    fig.axes[0].text(0, 0, "another note")
    overlaps, _ = text_overlaps(fig)
    assert ("an overlapping note", "another note") in overlaps
