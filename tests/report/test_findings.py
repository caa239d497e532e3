"""The first screen: findings of the one primary method, cautions, data quality by kind."""

from __future__ import annotations

import html

import numpy as np
import pandas as pd

from biocorr import analyze
from biocorr.data.read import read_text_table
from biocorr.data.validate import validate
from biocorr.report.findings import findings_section, primary_findings, quality_summary
from biocorr.spec import parse_spec


def _study(y_noise: float, primary: str | None = None):
    rng = np.random.default_rng(7)
    x = rng.normal(size=30)
    y = x + y_noise * rng.normal(size=30)
    table = pd.DataFrame({"id": range(30), "TNF": x.round(4), "VAS": y.round(4)}).to_csv(index=False)
    analysis = {"methods": ["pearson", "spearman"], "subsets": ["all"], "robust": []}
    if primary:
        analysis["primary"] = primary
    spec = parse_spec(
        {
            "data": {"id": "id"},
            "biomarker": [{"column": "TNF", "label": "TNF-α"}],
            "score": [{"column": "VAS", "label": "Pain (VAS)"}],
            "analysis": analysis,
        }
    )
    return analyze(validate(read_text_table(table), spec))


def test_hivsn_findings_use_the_primary_method_and_survive_adjustment(hivsn_results):
    results = hivsn_results
    rows, survive = primary_findings(results)
    c = results.correlations
    spearman = c[(c["method"] == "spearman") & (c["p_adjusted"] < 0.05)]
    assert survive and len(rows) == len(spearman) and set(rows["method"]) == {"spearman"}
    pooled = rows["subset"] == "all"
    assert not pooled.iloc[0] and pooled.iloc[-1]  # with groups, the within-group answers lead (issue #26)
    for part in (rows[~pooled], rows[pooled]):
        assert list(part["p_adjusted"]) == sorted(part["p_adjusted"])
    last = rows.iloc[-1]
    assert last["subset_shown"] == "pooled: Painful HIV-SN + Non-painful HIV-SN"
    assert last["caution"].startswith("pooled over groups that differ in Quality of life (EQ-5D VAS)")
    assert "within the groups Painful HIV-SN: .26, Non-painful HIV-SN: −.08" in last["caution"]
    html = findings_section(results)
    assert "(pooled: Painful HIV-SN + Non-painful HIV-SN)" in html
    assert f"{len(rows)} of {int(c[c.method == 'spearman'].p.notna().sum())} Spearman" in html
    assert "Holm adjustment" in html and "adjusted p" in html


def test_when_nothing_survives_the_strongest_are_shown_as_such():
    results = _study(y_noise=30.0)
    rows, survive = primary_findings(results)
    assert not survive and len(rows) == 1
    assert "None of the 1 Spearman" in findings_section(results)


def test_primary_from_the_spec_and_cautions_when_methods_disagree():
    results = _study(y_noise=1.0, primary="pearson")
    assert results.study.spec.analysis.primary_method == "pearson"
    rows, survive = primary_findings(results)
    assert survive and rows["method"].tolist() == ["pearson"]
    c = results.correlations
    pearson_p, spearman_p = (c.loc[c.method == m, "p"].item() for m in ("pearson", "spearman"))
    assert (pearson_p < 0.05) == (spearman_p < 0.05)
    assert "Spearman" not in rows["caution"].item()


def test_quality_summary_counts_warnings_by_kind_with_labels(opt_results):
    results = opt_results
    text = quality_summary(results)
    counts = results.warnings["code"].value_counts()
    for code, k in counts.items():
        assert f"{code}: {k}</summary>" in text
    assert "PGE2" in text and "OPGE21" not in text  # labels, not raw column names


def test_a_one_sided_run_says_so_wherever_its_intervals_are_printed():
    """'95% CI [.12, 1.00]' read as two-sided is wrong: every label says one-sided."""
    from biocorr.datasets import load
    from biocorr.report.apa import correlation_sentence

    results = analyze(load("hivsn"), alternative="greater")
    html = findings_section(results)
    assert "one-sided 95% CI [.12, 1.00]" in html
    row = results.correlations.query("method == 'spearman' and subset == 'Painful HIV-SN'").iloc[0]
    assert "one-sided 95% CI [" in correlation_sentence(row, "holm")
    assert "one-sided" not in findings_section(analyze(load("hivsn")))


def test_the_first_screen_names_the_real_exclusion_apart_from_layout_rows():
    """A blank line and a footnote were counted with the one real exclusion, which was not named."""
    from biocorr.report.findings import exclusion_summary

    spec = parse_spec({"data": {"id": "id"}, "biomarker": [{"column": "TNF"}],
                       "score": [{"column": "VAS", "range": [0, 100]}]})  # fmt: skip
    text = "id,TNF,VAS\n1,2.1,40\n2,3.2,55\n\n3,1.5,720\n4,4.1,70\n5,2.8,45\n6,3.9,66\nND = not detected\n"
    study = validate(read_text_table(text), spec)
    summary = exclusion_summary(study.exclusions)
    assert summary == (
        "1 value or row excluded: 'VAS' row 5: 720 (out-of-range); 2 layout row(s) skipped (blank, note, summary "
        "or hidden)"
    )
    assert html.escape(summary) in quality_summary(analyze(study))  # escaped in the page
