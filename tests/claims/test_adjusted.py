"""The test behind a p beyond r and n (issue #25, session 16): partial correlations named by
'after correction for', and correlations on sample-weighted data, which are never accused."""

from __future__ import annotations

import pytest
from scipy import stats

from biocorr.claims import check_text, review_summary
from biocorr.claims.adjusted import corrected_test, partial_covariates, weighted_test

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


@pytest.mark.parametrize(
    ("context", "corrected"),
    [
        ("(r = 0.45, p = 0.016, Bonferroni-corrected)", True),
        ("p values were corrected for multiple comparisons (Holm)", True),
        ("(r = 0.45, pFDR = 0.016)", True),
        ("(r = 0.45, FDR-adjusted p = 0.016)", True),
        ("partial correlations adjusted for age and sex", False),
        ("| r | p value | q value |", False),  # a q-value beside the test's own p: the p is raw
    ],
)
def test_a_p_corrected_for_multiple_comparisons_is_named(context, corrected):
    assert bool(corrected_test(context)) == corrected


def test_a_corrected_p_is_not_checked_against_r_and_n():
    """'(r = 0.45, p = 0.016, Bonferroni-corrected, n = 40)': 0.016 is 4 x 0.004, the raw p at n = 40.
    Checked as a raw p before, an accusation; a corrected p is not the t test of r and n, so it is
    not checked (the explanation says what a plain test would give), in prose and in a table whose
    note says so."""
    prose = "In 40 patients, IL-6 correlated with pain (r = 0.45, p = 0.016, Bonferroni-corrected, n = 40).\n"
    table = (
        "Table 2. Spearman correlations between IL-6 and symptom scores\n\nScore        n     rho     p\n"
        "VAS          40    0.45    0.016\nHADS-A       40    0.30    0.24\n\n"
        "p values were Bonferroni-corrected for 4 comparisons.\n"
    )
    for text, k in ((prose, 1), (table, 2)):
        rows = check_text(text).query("check == 'p vs r and n'")
        assert rows["verdict"].tolist() == ["not checked"] * k
        assert rows["explanation"].str.contains("corrected for multiple comparisons").all()
