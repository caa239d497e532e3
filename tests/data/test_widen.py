"""[data] per_subject: a long file becomes one row per subject; cross-visit change scores and AUCs
equal R's (tests/fixtures/make_reference_widen.R), and every exclusion names its long row."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from biocorr import analyze, load
from biocorr.errors import DataError, SpecError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SPEC = """
[data]
id = "PID"
group = "Diag"
visit = "Time"
per_subject = true
where = { Phase = "main" }

[[biomarker]]
column = "IL6@0h"
transform = "log10"
[[biomarker]]
column = "IL6_auc"
auc = ["IL6@0h", "IL6@2h", "IL6@6h"]
times = [0, 2, 6]
[[score]]
column = "dVAS"
difference = ["VAS@6h", "VAS@0h"]
range = [-100, 100]
[[covariate]]
column = "Sex"
categorical = true

[analysis]
methods = ["pearson", "spearman", "kendall"]
robust = []
"""


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    spec = tmp_path_factory.mktemp("widen") / "spec.toml"
    spec.write_text(SPEC)
    return load(FIXTURES / "widen_inputs.csv", spec)


@pytest.mark.parametrize("alternative", ["two-sided", "less"])
def test_cross_visit_change_score_auc_and_log_baseline_equal_r(study, alternative):
    ref = pd.read_csv(FIXTURES / "r_widen.csv")
    ref = ref[ref["alternative"] == alternative.replace("-", ".")]
    got = analyze(study.with_options(alternative=alternative)).correlations
    labels = {"FM": "FM", "HC": "HC", "all": "all"}
    names = {"IL6_0h_log": "IL6@0h", "IL6_auc": "IL6_auc"}
    assert len(ref) == 18
    for r in ref.itertuples():
        row = got[(got["x"] == names[r.x]) & (got["y"] == "dVAS") & (got["method"] == r.method)
                  & (got["subset"] == labels[r.subset])]  # fmt: skip
        assert len(row) == 1, (r.subset, r.x, r.method)
        assert int(row["n"].iloc[0]) == r.n
        assert row["estimate"].iloc[0] == pytest.approx(r.estimate, abs=1e-12)
        assert row["p"].iloc[0] == pytest.approx(r.p, rel=1e-9, abs=1e-13)


def test_one_row_per_subject_and_every_exclusion_names_its_long_row(study):
    long = pd.read_csv(FIXTURES / "widen_inputs.csv", dtype=str, keep_default_na=False)
    spreadsheet_row = {(p, t, ph): i + 2 for i, (p, t, ph) in enumerate(zip(long.PID, long.Time, long.Phase))}
    assert len(study.data) == 23 and study.data["id"].is_unique and "S11" not in set(study.data["id"])
    assert study.n_rows_read == len(long) and study.visits == []  # wide now: no per-visit analysis
    ex = study.exclusions
    assert (ex["reason"] == "not-selected").sum() == 5
    sex = ex[ex["reason"] == "varies-across-visits"]
    assert sex["id"].tolist() == ["S11"] and sex["column"].tolist() == ["Sex"]
    for t in ("0h", "2h", "6h"):  # the message lists every row of the subject with its value
        assert f"at row {spreadsheet_row[('S11', t, 'main')]}" in sex["message"].iloc[0]
    bad = ex[ex["reason"] == "censored-value"]  # 'n.d.': not detected, excluded as '<x' is (R: NA)
    assert bad["id"].tolist() == ["S15"] and bad["column"].tolist() == ["IL6@2h"]
    assert bad["row"].tolist() == [spreadsheet_row[("S15", "2h", "main")]] and bad["value"].tolist() == ["n.d."]
    s07 = study.data[study.data["id"] == "S07"].iloc[0]
    assert np.isnan(s07["dVAS"]) and np.isnan(s07["IL6_auc"]) and np.isfinite(s07["IL6@0h"])
    s15 = study.data[study.data["id"] == "S15"].iloc[0]
    assert np.isnan(s15["IL6_auc"]) and np.isfinite(s15["dVAS"])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ('per_subject = "yes"', "per_subject: expected true or false"),
        ('visit = "Time"\nper_subject = true\n[[biomarker]]\ncolumn = "IL6@3h"', "no kept row has Time = '3h'"),
    ],
)
def test_spec_mistakes_say_what_to_write(tmp_path, change, message):
    spec = SPEC.replace('visit = "Time"\nper_subject = true', change.split("\n[[")[0])
    if "[[biomarker]]" in change:
        spec = spec.replace('column = "IL6@0h"\ntransform = "log10"', 'column = "IL6@3h"')
    (tmp_path / "s.toml").write_text(spec)
    with pytest.raises(SpecError, match=message):
        load(FIXTURES / "widen_inputs.csv", tmp_path / "s.toml")


def test_per_subject_needs_the_visit_column(tmp_path):
    (tmp_path / "s.toml").write_text(SPEC.replace('visit = "Time"\n', ""))
    with pytest.raises(SpecError, match="per_subject: needs the visit column"):
        load(FIXTURES / "widen_inputs.csv", tmp_path / "s.toml")


def test_methods_text_says_the_file_was_reshaped(study):
    from biocorr.report.apa import methods_paragraph

    text = methods_paragraph(analyze(study))
    assert f"({study.n_rows_read} rows, time point column Time)" in text and "(23 subjects)" in text
    assert "dVAS = VAS@6h − VAS@0h" in text and "area under the curve (trapezoidal rule) of IL6@0h" in text


def test_a_changing_column_named_without_a_visit_is_explained(tmp_path):
    (tmp_path / "s.toml").write_text(SPEC + '[[covariate]]\ncolumn = "IL6"\n')
    with pytest.raises(DataError, match=r"IL6, Sex differ\(s\) between a subject's visits.*COLUMN@VISIT"):
        load(FIXTURES / "widen_inputs.csv", tmp_path / "s.toml")
    (tmp_path / "none.toml").write_text(SPEC.replace('Phase = "main"', 'Phase = "nothing"'))
    with pytest.raises(DataError, match=r"only 0 usable row\(s\) of 76 \(76 row\(s\) not-selected\)"):
        load(FIXTURES / "widen_inputs.csv", tmp_path / "none.toml")


def test_the_reports_data_section_says_the_file_was_reshaped(study):
    from biocorr.report.html import build_html

    html = build_html(analyze(study), {}, None)
    assert "reshaped to one row per subject: COLUMN@VISIT" in html and "<code>Time</code>" in html
