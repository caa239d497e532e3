"""Results.summary(), the notebook view and results.write_report: the findings of the primary method."""

from __future__ import annotations

import biocorr
from biocorr.analysis.summary import primary_findings


def test_summary_is_the_findings_of_the_primary_method(tmp_path, hivsn_results):
    results = hivsn_results
    summary = results.summary()
    c = results.correlations
    surviving = c[(c["method"] == "spearman") & (c["p_adjusted"] < 0.05)]
    surviving = surviving.assign(pooled=surviving["subset"] == "all").sort_values(["pooled", "p_adjusted"])
    assert summary["estimate"].tolist() == surviving["estimate"].tolist()  # within-group rows first
    assert summary["biomarker"].unique().tolist() == ["CD4 count"] and summary["survives"].all()
    rows, survive = primary_findings(results)
    assert survive and len(rows) == len(summary)
    html = results._repr_html_()
    assert "primary method spearman" in html and "Quality of life (EQ-5D VAS)" in html
    assert repr(results).startswith("Results(data_all.csv: 104 correlation rows")
    path = results.write_report(tmp_path, per_pair=False)
    assert path.name == "report.html" and 'id="findings"' in path.read_text(encoding="utf-8")


def test_summary_labels_are_escaped_in_the_notebook_view(hivsn_results):
    results = hivsn_results
    spec = results.study.spec
    odd = spec.biomarkers[0].__class__(**{**spec.biomarkers[0].__dict__, "label": "<b>CD4</b>"})
    from dataclasses import replace

    study = replace(results.study, spec=replace(spec, biomarkers=(odd,)))
    html = biocorr.analyze(study)._repr_html_()
    assert "<b>CD4</b>" not in html and "&lt;b&gt;CD4&lt;/b&gt;" in html


def test_write_report_is_a_method_of_the_class_itself():
    """Defined in the class body, not attached when ``biocorr`` resolves a lazy name."""
    import subprocess
    import sys

    code = "from biocorr.analysis.results import Results; print('write_report' in vars(Results))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "True"
