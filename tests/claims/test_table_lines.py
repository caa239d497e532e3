"""Web tables copied one cell per line (issue #25, session 16: a BMC table page in before-s16, a
Nature one in before-s15), written anew here: read when the lines can only be read one way."""

from __future__ import annotations

from biocorr.claims import check_text, extract_claims

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
