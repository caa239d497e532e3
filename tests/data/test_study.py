"""The Study's subsets: a group with no row at a visit is left out and named, never a crash."""

from __future__ import annotations

import numpy as np

from biocorr import analyze
from biocorr.data.read import read_text_table
from biocorr.data.validate import validate
from biocorr.spec import parse_spec


def test_a_group_absent_at_one_visit_is_named_and_the_rest_analysed():
    """A real long file (GAD-7 items by visit, grouped by one item) crashed every robust and partial
    engine on the empty visit x group subset (IndexError, reshape of size 0)."""
    rng = np.random.default_rng(3)
    lines = ["id,visit,grp,TNF,VAS,age"]
    for i in range(12):
        for visit in ("base", "follow"):
            grp = "B" if (i % 2 and visit == "base") else "A"  # group B only at baseline
            lines.append(f"s{i},{visit},{grp},{rng.normal():.3f},{rng.integers(0, 100)},{30 + i}")
    spec = parse_spec(
        {
            "data": {"id": "id", "visit": "visit", "group": "grp"},
            "biomarker": [{"column": "TNF"}],
            "score": [{"column": "VAS"}],
            "covariate": [{"column": "age"}],
            "analysis": {"methods": ["pearson", "spearman"], "robust": ["percbend", "bicor"]},
        }
    )
    study = validate(read_text_table("\n".join(lines) + "\n"), spec)
    assert study.empty_subsets() == ["visit = follow: B"]
    results = analyze(study)
    assert "visit = follow: B" not in set(results.correlations["subset"])
    assert {"visit = base: A", "visit = base: B", "visit = follow: A"} <= set(results.correlations["subset"])
    note = results.warnings[results.warnings["code"] == "empty-subset"]
    assert note["subset"].tolist() == ["visit = follow: B"]
