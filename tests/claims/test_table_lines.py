"""Web tables copied one cell per line (issue #25, session 16: a BMC table page in before-s16, a
Nature one in before-s15), written anew here: read when the lines can only be read one way."""

from __future__ import annotations

from biocorr.claims import check_claims, check_text, extract_claims

ONE_PER_LINE = """Table 2 Bivariate correlations between fatigue, markers and covariates

From: A made-up study of fatigue and inflammatory markers in sixty adults with a long title line



Fatigue score

Marker index

Age

0.07

− 0.21*

Waist

0.31**

0.12

Glucose

–

0.29*

  1. The marker index sums standardised CRP and IL-6
  2. *P < 0.05
  3. **P < 0.01
"""


def test_a_table_copied_one_cell_per_line_is_read_with_its_star_legend():
    found, unparsed = extract_claims(ONE_PER_LINE)
    got = [(f.claim.x, f.claim.y, f.claim.r.text, f.claim.p_comparator, f.claim.p.text) for f in found]
    assert got == [
        ("Age", "Fatigue score", "0.07", ">", "0.05"), ("Age", "Marker index", "-0.21", "<", "0.05"),
        ("Waist", "Fatigue score", "0.31", "<", "0.01"), ("Waist", "Marker index", "0.12", ">", "0.05"),
        ("Glucose", "Marker index", "0.29", "<", "0.05"),
    ]  # fmt: skip
    assert [f.line for f in found][:2] == [11, 11] and unparsed == []  # the row's label line


def test_a_table_with_a_row_group_and_statistic_rows_is_not_rebuilt_but_listed():
    text = """Table 3 Correlations between imaging markers and clinical scores in patients.

Marker

Age

Pain

Amygdala

r

−0.18

0.39**

BF10

0.59

242.0

  1. r Pearson's correlation coefficient, BF Bayes factor.
  2. *p < 0.05, **p < 0.002.
"""
    v = check_text(text)
    assert "p vs r and n" not in set(v["check"])  # a Bayes factor of 0.59 is never read as an r
    assert v["verdict"].tolist() == ["not read"]


DUAL_P = """Table 2 Spearman correlations of the plasma marker with the spinal fluid ratio

Plasma marker

Spinal fluid ratio

R (p-value, adjusted/unadjusted)

All (n = 80)

 Frozen at once

 − 0.515 (< 0.001/ < 0.001)

 Frozen after an hour

 − 0.436 (< 0.001/ < 0.001)

Positive (n = 40)

 Frozen at once

 − 0.215 (0.300/0.183)

 Frozen after an hour

 − 0.394 (0.026/0.012)

  1. Data are Spearman coefficients (p-values, adjusted/unadjusted).
"""


def test_cells_r_with_adjusted_and_unadjusted_p_under_sized_row_groups_use_the_unadjusted_p():
    """A real table copied one cell per line printed 'r (p adjusted/p unadjusted)' under row groups
    'All (n = 100)', 'Aβ+ (n = 50)': not read (8 statements). Each r is checked with the p the
    header calls unadjusted, at its row group's n (R statcheck: all consistent); a header that
    does not say which p is which leaves the cells unread."""
    found, unparsed = extract_claims(DUAL_P)
    got = [(f.claim.r.value, f.claim.n, f.claim.p_comparator, f.claim.p.value) for f in found]
    assert unparsed == [] and got == [
        (-0.515, 80, "<", 0.001), (-0.436, 80, "<", 0.001), (-0.215, 40, "=", 0.183), (-0.394, 40, "=", 0.012),
    ]  # fmt: skip
    verdicts = check_claims([f.claim for f in found]).query("check == 'p vs r and n'")["verdict"]
    assert verdicts.eq("consistent").all() and len(verdicts) == 4
    unsaid = DUAL_P.replace("adjusted/unadjusted)", "two kinds)")
    found, unparsed = extract_claims(unsaid)
    assert found == [] and any("which p is unadjusted" in u.reason for u in unparsed)


def test_a_score_spanning_its_r_and_p_columns_is_read_one_cell_per_line():
    """A web table copied one cell per line under 'Metabolite types | P3 | r | p', the score P3
    spanning its r and p columns: not read before (four header cells for three-cell rows)."""
    text = "Table 4 Correlations of the hallucination item with metabolites (n = 80).\n\n"
    text += "\n\n".join(["Metabolite types", "P3", "r", "p", "tNAA", "−0.24", "0.014*", "Glx", "−0.30", "0.002**"])
    text += "\n\n*p < 0.05; **p < 0.01.\n"
    found, unparsed = extract_claims(text)
    got = [(f.claim.x, f.claim.r.value, f.claim.p.value, f.claim.n) for f in found]
    assert unparsed == [] and got == [("tNAA", -0.24, 0.014, 80), ("Glx", -0.30, 0.002, 80)]
