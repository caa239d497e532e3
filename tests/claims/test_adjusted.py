"""The test behind a p beyond r and n (issue #25, session 16): partial correlations named by
'after correction for', and correlations on sample-weighted data, which are never accused."""

from __future__ import annotations

import pytest
from scipy import stats

from biocorr.claims import check_text, review_summary
from biocorr.claims.adjusted import partial_covariates, weighted_test

WEIGHTED_TABLE = """Table 2. Correlation of the change in walking with the change in strength using sample-weighted data
| Measure | n | Correlation | p Value |
| Knee power change | 117 | .182 | .054 |
| Grip change | 117 | .267 | .004 |
"""


def test_a_weighted_table_is_never_accused_and_says_what_a_plain_test_would_give():
    v = check_text(WEIGHTED_TABLE).query("check == 'p vs r and n'")
    assert v["verdict"].tolist() == ["not checked", "not checked"]  # a plain t test calls the first a decision error
    first = v.iloc[0]["explanation"]
    assert first.startswith("the passage says the correlations are on weighted data ('sample-weighted')")
    assert "a plain t test would say: r = .182 with n = 117 gives p between" in first
    t = 0.182 * (115 / (1 - 0.182**2)) ** 0.5
    assert f"{2 * stats.t.sf(t, 115):.4g}"[:5] in v.iloc[0]["recomputed"]
    assert "2 statement(s) whose p was not checked (most often: the passage says" in review_summary(
        check_text(WEIGHTED_TABLE)
    )


def test_the_same_table_without_weights_is_checked_and_the_decision_error_found():
    v = check_text(WEIGHTED_TABLE.replace(" using sample-weighted data", "")).query("check == 'p vs r and n'")
    assert v["verdict"].tolist() == ["decision error", "consistent"]


def test_a_sentence_on_weighted_data_is_not_checked():
    text = "In the survey-weighted sample of 400 adults, pain correlated with CRP (r = .20, p = .20)."
    v = check_text(text).query("check == 'p vs r and n'")
    assert v["verdict"].tolist() == ["not checked"] and "weighted data ('survey-weighted')" in v.iloc[0]["explanation"]
    assert weighted_test("Pearson r in 400 adults") == ""


@pytest.mark.parametrize(
    ("context", "k"),
    [
        ("partial correlations after correction for apnea, smoking, diabetes, blood pressure, and cholesterol", 5),
        ("corrected for age and sex", 2),
        ("after adjustment for age", 1),
        ("Spearman rank correlations", 0),
    ],
)
def test_covariates_named_after_correction_for_are_counted(context, k):
    assert partial_covariates(context) == k


def test_a_partial_correlation_after_correction_for_five_covariates_is_tested_on_n_minus_seven_df():
    text = (
        "In 70 participants, after correction for apnea, smoking, diabetes, blood pressure and cholesterol, "
        "sleep hours correlated with IL-10 (r = 0.26, p = 0.04)."
    )
    row = check_text(text).query("check == 'p vs r and n'").iloc[0]
    t = 0.26 * (63 / (1 - 0.26**2)) ** 0.5  # df = 70 - 2 - 5: consistent; at 68 df p = 0.0297 would not be
    assert row["verdict"] == "consistent" and 0.035 < 2 * stats.t.sf(t, 63) < 0.045
