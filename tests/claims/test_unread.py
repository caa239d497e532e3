"""Places not read are listed, never skipped (issue #25, session 16): table rows whose numbers a copy
glued together; addresses (a DOI, a URL) are no such rows."""

from __future__ import annotations

from biocorr.claims import check_text, extract_claims

GLUED = """Table 1. Correlations between serum ferritin and attributes among 210 participants.
AttributeFerritin, Interpretation
Age (y)44.112.32079-0.21-0.33–0.09<0.01Negative
BMI (kg/m2)27.44.818.241.00.180.05–0.300.01Positive
HbA1c (%)5.90.84.69.80.050.47
"""


def test_rows_whose_numbers_are_glued_are_listed_as_not_read_and_nothing_is_guessed_from_them():
    v = check_text(GLUED)
    assert "p vs r and n" not in set(v["check"])  # no r read from '44.112.32079-0.21...'
    reasons = v.query("verdict == 'not read'")["explanation"].tolist()
    assert sum(r.startswith("3 line(s) whose numbers run together without separators") for r in reasons) == 1


def test_a_doi_or_web_address_is_no_glued_row():
    text = (
        "SOURCE: https://example.org/10.59218/abc.2023.6.943.947\nPain correlated with CRP (r = .30, p = .02, n = 60)."
    )
    v = check_text(text)
    assert not v["verdict"].eq("not read").any() and v.query("check == 'p vs r and n'")["verdict"].tolist() == [
        "consistent"
    ]


def test_a_value_with_two_decimal_points_is_never_read_as_r_and_is_listed():
    """'r = 0.0.561' (a typo in a real abstract) was read as r = 0.0 and called a decision error at
    the paper's 44 patients; the members of the same list around it are still read."""
    text = (
        "Forty-four patients were assessed. Pain (r = 0.0.561, P < 0.01), fatigue (r = 0.635, P < 0.01) "
        "and sleep (r = 0.492, P < 0.01) were correlated with the score."
    )
    found, unparsed = extract_claims(text)
    assert [f.claim.r.value for f in found] == [0.635, 0.492]
    assert [(u.text, u.reason.split(" (")[0]) for u in unparsed] == [("r = 0.0.561", "a value with two decimal points")]
    v = check_text(text).query("check == 'p vs r and n'")["verdict"]
    assert v.tolist() == ["consistent", "consistent"]


def test_a_coefficient_and_its_p_glued_to_each_other_and_to_the_label_are_listed():
    """A real web table (Hindawi) lost its cell separators: 'Duration of disease0.2840.007 *' and
    'Part II-ADL0.519<0.001*'. Its eight rows were dropped without a word; they are listed now."""
    text = (
        "The Spearman correlation of the FSS with disease variables.\n\n"
        "Scale/variableSpearman Rho value\n\n"
        "Duration of disease0.2840.007 *\n Part I-mental 0.2640.012 *\n Part II-ADL0.519<0.001*\n"
        "Schwab and England ADL scale−0.487<0.001*\n"
    )
    v = check_text(text)
    assert "p vs r and n" not in set(v["check"])
    reasons = v.query("verdict == 'not read'")["explanation"].tolist()
    assert [r.split(" whose")[0] for r in reasons] == ["4 line(s)"]


def test_a_date_or_a_version_number_is_no_glued_pair():
    text = "Data of 1.03.2019 (SPSS 22.0.1) were analysed; pain correlated with CRP (r = .30, p = .02, n = 60)."
    v = check_text(text)
    assert not v["verdict"].eq("not read").any()


def test_signed_values_glued_to_a_label_ending_in_a_digit_are_listed():
    """A real BMJ table copied without separators: 'IL-6−0.158−0.205***0.062−0.258***' (values glued by
    their minus signs) and 'IL-60.0800.260***' (after a label ending in a digit) were dropped without a
    word (only the 'VEGF' rows were listed). A date ('10.05.2020') and a CI written with a hyphen
    ('95% CI 0.05-0.52') are no glued row."""
    text = (
        "Table 2 Univariate correlations between biomarker levels and change in BASDAI\n"
        "Baseline\n    IL-6\u22120.158\u22120.205***0.062\u22120.258***\n"
        "    CRP\u22120.047\u22120.291***0.169\u22120.322***\n"
        "Week 2\n    IL-60.0800.260***0.0660.297***\n"
    )
    reasons = check_text(text).query("verdict == 'not read'")["explanation"].tolist()
    assert [r.split(" whose")[0] for r in reasons] == ["2 line(s)", "1 line(s)"]
    prose = "On 10.05.2020, IL-6 correlated with pain in 40 patients (r = .40, 95% CI 0.10-0.63, p = .01)."
    assert not check_text(prose)["verdict"].eq("not read").any()


def test_a_correlation_row_whose_cells_follow_its_label_one_per_line_is_listed():
    """A web table (session 21) printed 'Pearson's correlation' on a line and each group's
    'r (P < 0.001)' on the lines below it: nine statements were neither read nor listed."""
    text = (
        "PCT (ng/ml) at four SOFA categories\n"
        "     Pearson's correlation\n0.108 (P = n.s.)\n0.247 (P < 0.001)\n\n0.465 (P <0.001)\n"
        "     Regression, y = a + bx\n0.27 + 0.02 × SOFA score\n"
    )
    found, unparsed = extract_claims(text)
    assert found == [] and [u.text for u in unparsed] == ["Pearson's correlation"]
    assert "lines below" in unparsed[0].reason


def test_a_coefficient_after_the_word_correlation_without_a_symbol_is_listed():
    """before-s22: a slash list after 'correlations:' and SPSS's 'cc. ..., Sig ...' were dropped
    without a note; both are listed now, and a p or a CI after the word is no coefficient."""
    text = (
        "Correlations by extent (A/B/C correlations: 0.31/0.52/0.57; p-values: 0.010/0.001/0.001). "
        "Vitamin D went with disability (cc. -0.61, Sig 0.02, relapse). "
        "No correlation with age (p = 0.16); the correlation (95% CI 0.12 to 0.45) was weak."
    )
    found, unparsed = extract_claims(text)
    assert found == []
    assert [(u.text, u.reason) for u in unparsed] == [
        ("correlations: 0.31", "mentions a correlation but no 'symbol = value' could be read"),
        ("cc. -0.61", "mentions a correlation but no 'symbol = value' could be read"),
    ]


def test_a_coefficient_read_after_the_word_correlation_is_not_listed_again():
    found, unparsed = extract_claims("The correlation coefficient between A and B was 0.45 (p = 0.003, n = 40).")
    assert [f.claim.r.text for f in found] == ["0.45"] and unparsed == []


def test_a_bare_coefficient_in_brackets_after_correlated_is_listed():
    """after-s22: 'correlated positively with BMI percentile (0.387), waist (0.373), and fat mass
    (0.353; p<0.05)' read the last (its p printed) and dropped the first two without a note."""
    found, unparsed = extract_claims(
        "In 40 children, leptin correlated positively with BMI (0.391), waist (0.377), and fat mass (0.352; p<0.05)."
    )
    assert [f.claim.r.text for f in found] == ["0.352"]
    assert [u.text for u in unparsed] == ["correlated positively with BMI (0.391"]
