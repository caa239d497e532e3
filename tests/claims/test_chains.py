"""Coefficients named once in words and listed with a p each (issue #25, session 17): each value
is read with its own bracketed p, never a value another statistic's words name."""

from __future__ import annotations

from biocorr.claims import check_text, extract_claims

RESPECTIVELY = (
    "A total of 58 patients took part. The Spearman coefficient values (r) of the correlation between "
    "grip strength, gait speed, muscle area and muscle density and the frailty score were 0.3428 (P = 0.009), "
    "-0.2658 (P = 0.04), -0.2683 (P = 0.42), and -0.3703 (P = 0.004), respectively."
)
WAS_CHAIN = (
    "This prospective study included 30 patients. The correlation coefficient for the association between "
    "thickness and acuity was -0.273 (p=0.144), contrast was 0.095 ( p-value 0.617), speed was 0.344 "
    "(p-value 0.063) and the odds ratio was 0.82 (p = 0.30)."
)


def test_a_respectively_list_with_a_p_after_each_value_gives_four_statements():
    """A real passage of this form was not read at all; its third value (p printed .38 where the
    n gives .03) is a decision error R confirms, here on an n the passage does not print with
    the statement, so only a doubt ('fails at inferred n'), never an accusation."""
    found, _ = extract_claims(RESPECTIVELY)
    assert [(f.claim.r.value, f.claim.p.value, f.claim.method) for f in found] == [
        (0.3428, 0.009, "spearman"),
        (-0.2658, 0.04, "spearman"),
        (-0.2683, 0.42, "spearman"),
        (-0.3703, 0.004, "spearman"),
    ]
    v = check_text(RESPECTIVELY).query("check == 'p vs r and n'")["verdict"].tolist()
    assert v == ["consistent", "consistent", "fails at inferred n", "consistent"]


def test_a_was_chain_reads_each_value_and_its_p_value_without_sign_but_no_odds_ratio():
    found, _ = extract_claims(WAS_CHAIN)
    assert [(f.claim.r.value, f.claim.p.value) for f in found] == [(-0.273, 0.144), (0.095, 0.617), (0.344, 0.063)]
    v = check_text(WAS_CHAIN).query("check == 'p vs r and n'")["verdict"].tolist()
    assert v == ["consistent"] * 3


def test_a_single_coefficient_takes_the_one_p_later_in_its_sentence_but_a_list_does_not():
    one = "Sixty-two patients were seen. There was a positive correlation (r=0.262) between A & B (p-value = 0.040)."
    found, _ = extract_claims(one)
    assert [(f.claim.r.value, f.claim.p.value) for f in found] == [(0.262, 0.040)]
    two = "Sixty-two patients were seen. A (r=0.262) and C (r = 0.31) correlated with B (p-value = 0.040)."
    found, _ = extract_claims(two)
    assert [f.claim.p for f in found] == [None, None]


def test_a_list_member_printed_without_its_symbol_is_read_as_the_lists_next_coefficient():
    """A real list '... (r = 0.38, p < 0.01), Borg scale (-0.22, p = 0.04), Charlson index (r =
    -0.25, p = 0.02) ...' skipped the Borg value without a word. A bracket of two numbers without
    a p ('(0.45, 0.78)', an interval) is no member."""
    text = (
        "In 81 patients the distance correlated with grip (r = 0.38, p < 0.01), Borg scale (-0.22, p = 0.04), "
        "Charlson index (r = -0.25, p = 0.02) and BMI (0.45, 0.78)."
    )
    found, _ = extract_claims(text)
    assert [(f.claim.r.value, f.claim.p.value) for f in found] == [(0.38, 0.01), (-0.22, 0.04), (-0.25, 0.02)]
    v = check_text(text).query("check == 'p vs r and n'")["verdict"].tolist()
    assert v == ["consistent"] * 3
