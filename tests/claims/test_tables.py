"""Correlation tables in text: every layout of the fixture read cell by cell, n and method attached."""

from __future__ import annotations

from biocorr.claims import check_claims, check_text, extract_claims
from biocorr.claims.consistency import check_p
from biocorr.claims.tables import extract_table_claims, partial_covariates
from tests.helpers import FIXTURES

TABLES = (FIXTURES / "claims_tables.md").read_text(encoding="utf-8")


def _claims():
    found, unparsed = extract_claims(TABLES, "tables")
    return [f.claim for f in found], unparsed


def test_every_hand_counted_table_statement_is_read_with_its_n_and_method():
    claims, unparsed = _claims()
    assert len(claims) == 29 and unparsed == []  # the hand count in the fixture
    by_table = {}
    for c in claims:
        by_table.setdefault(c.id.split(":table:")[0], []).append(c)
    sizes = [len(v) for v in by_table.values()]
    assert sizes == [4, 9, 2, 4, 4, 4, 2]
    first, matrix, partial, groups, paren, stars, small = by_table.values()
    assert [(c.y, c.p_comparator, c.p.text) for c in stars] == [
        ("VAS", "<", ".05"),
        ("HADS", "<", ".01"),
        ("VAS", ">", ".05"),
        ("HADS", "<", ".05"),
    ]
    assert {c.method for c in first} == {"spearman"} and {c.n for c in first} == {14}
    assert [(c.x, c.r.text, c.p.text) for c in first][3] == ("JFIQ", "-0.61", "0.021")
    assert [(c.y, c.p_comparator, c.p.text) for c in matrix[:3]] == [
        ("Pain", "<", ".01"),
        ("Fatigue", ">", ".05"),
        ("Depression", "<", ".05"),
    ]
    assert {c.n for c in matrix} == {48} and {c.extra["n_source"] for c in matrix} == {"caption"}
    assert [(c.n, c.df, c.extra["partial"]) for c in partial] == [(None, 56, 2)] * 2
    assert [(c.y, c.n, c.extra["n_source"]) for c in groups[:2]] == [
        ("Patients (n = 16)", 16, "header"),
        ("Controls (n = 12)", 12, "header"),
    ]
    assert [(c.r.text, c.p_comparator, c.p.text, c.n) for c in paren][3] == ("0.41", "<", "0.01", 40)
    assert {c.method for c in small} == {"spearman"} and {c.n for c in small} == {10}


def test_table_verdicts():
    claims, _ = _claims()
    verdicts = check_claims(claims)
    p = verdicts[verdicts["check"] == "p vs r and n"].set_index("claim_id")["verdict"]
    assert (p == "decision error").sum() == 1 and (p == "consistent").sum() == 28
    (bad,) = [c for c in claims if p[c.id] == "decision error"]
    assert (bad.x, bad.r.text, bad.n) == ("IL-6", ".45", 10)


def test_tables_that_cannot_be_read_say_why():
    text = "Table 1. Correlations (n = 20)\n        VAS     HADS\nTNF     .50*    .10\n"
    found, unparsed, spans = extract_table_claims(text, "x", lambda *a: (None, "", ""))
    assert len(found) == 2 and "no footnote" in unparsed[0][3] and spans[0][2]
    found, unparsed, _ = extract_table_claims("Table 2. Correlations\nTNF .50 .10\n", "x", lambda *a: (None, "", ""))
    assert found == [] and "header or rows" in unparsed[0][3]
    assert (
        extract_table_claims("Table 3. Baseline characteristics\nAge  45  50\n", "x", lambda *a: (None, "", ""))[2]
        == []
    )


def test_covariates_are_counted_for_partial_correlations():
    assert partial_covariates("adjusted for age, sex, BMI and smoking") == 4
    assert partial_covariates("Partial correlations controlling for age") == 1
    assert partial_covariates("partial correlations") is None and partial_covariates("correlations") == 0
    found, unparsed = extract_claims("A partial correlation, r = .30, p = .02, n = 60.")
    assert found[0].claim.n is None and "covariates are not counted" in unparsed[0].reason
    found, _ = extract_claims(
        "After controlling for age and sex, the partial correlation was r = .30, p = .02, n = 60."
    )
    assert (found[0].claim.df, found[0].claim.extra["partial"]) == (56, 2)


def test_multiple_r_is_not_tested_as_a_correlation():
    found, unparsed = extract_claims("The regression model fitted well, multiple R = .45, p = .01, n = 40.")
    assert found == [] and "multiple/regression R" in unparsed[0].reason
    found, _ = extract_claims("TNF and pain correlated, R = .45, p = .01, n = 40.")
    assert found[0].claim.r.text == ".45"


def test_the_nearest_n_before_a_statement_is_its_n():
    found, _ = extract_claims("In 14 patients (n = 14) and controls (n = 10), in controls r = .70, p = .024.")
    assert found[0].claim.n == 10


def test_markdown_pipe_tables_with_or_without_a_blank_line_after_the_caption_and_decimal_commas():
    text = (
        "Some text.\n\n"
        "Table 2. Correlations between TNF and symptoms (n = 24)\n\n"
        "| Symptom | Spearman's ρ | p |\n"
        "|:--|--:|--:|\n"
        "| VAS | 0,45 | 0,03 |\n"
        "| HADS A | -0,12 | 0,58 |\n"
    )
    found, unparsed = extract_claims(text, "md")
    assert unparsed == []
    rows = [(f.line, f.claim.x, f.claim.method, f.claim.r.value, f.claim.p.value, f.claim.n) for f in found]
    assert rows == [(7, "VAS", "spearman", 0.45, 0.03, 24), (8, "HADS A", "spearman", -0.12, 0.58, 24)]
    tight = text.replace("(n = 24)\n\n|", "(n = 24)\n|")
    assert [f.claim.r.value for f in extract_claims(tight, "md")[0]] == [0.45, -0.12]


def test_a_roman_numbered_table_with_group_headers_over_column_pairs_is_read():
    """Journals print 'Table III.' and 'R Spearman | P-value' pairs under spanning group headers
    ('All subjects (N = 104) | |'): 0.2 did not see the table at all (no statement, no 'not read')."""
    from biocorr.claims import extract_claims

    text = (
        "Table III.\nSpearman rank correlations\n"
        "| Variable | All subjects (N = 104) | | ED-I (N = 34) | |\n|---|---|---|---|---|\n"
        "| | R Spearman | P-value | R Spearman | P-value |\n"
        "| Hypochondria | -0.226 | 0.056 | -0.022 | 0.923 |\n| Depression | -0.207 | 0.082 | -0.033 | 0.887 |\n"
    )
    found, unparsed = extract_claims(text, "t")
    got = [(f.claim.r.text, f.claim.p.text, f.claim.n, f.claim.extra["n_source"], f.claim.method) for f in found]
    assert got == [
        ("-0.226", "0.056", 104, "header", "spearman"),
        ("-0.022", "0.923", 34, "header", "spearman"),
        ("-0.207", "0.082", 104, "header", "spearman"),
        ("-0.033", "0.887", 34, "header", "spearman"),
    ]
    assert not unparsed


# Layouts seen in real papers in session 12 (issue #25), written anew here: no sentence of a paper.
PDF_PAIRS = """Table 3 Markers against symptom scores

                  VAS                HADS-A
                  r        p         r        p
 All
   IL-6           0.31     0.049     0.12     0.46
   TNF            0.45*    0.003     0.05     0.77
 Patients
   IL-6           0.41     0.07      0.30     0.20
Note. All (n = 40); patients (n = 20). *p < 0.05
"""

UNITS_TABLE = """Table 2.

Correlation of three ratings with two habits

Rating N Mean (SD) Spearman's rs [95% CI] p
Walking
 Pain 40 3.1 (1.2) 0.41 [0.11, 0.64] 0.009
 Sleep 38 2.2 (0.9) -0.05 (-0.36, 0,27] 0.77
Reading
 Pain 35 1.0 (0.4) 0.30 [-0.04, 0.58] <0.001
"""

STACKED = """Table 4. Correlations of markers with mood

Variable IL-6 TNF
Worry r 0.41 -0.10
p-value 0.002 0.45
N 52 52
"""

INLINE_CELLS = """Table 5.

Correlations of scores with IL-6 (n = 20)

Score IL-6 TNF
Pain r = 0.52,
p = 0.019*
r = 0.10,
p = 0.67
"""


def test_a_pdf_table_with_r_p_pairs_under_each_score_and_row_groups_sized_in_a_footnote():
    found, _, _ = extract_table_claims(PDF_PAIRS, "t", lambda *a: (None, "", ""))
    claims = [c for c, *_ in found]
    assert [(c.x, c.y, c.r.text, c.p.text, c.n, c.extra["n_source"]) for c in claims] == [
        ("IL-6", "VAS (All)", "0.31", "0.049", 40, "row group"),
        ("IL-6", "HADS-A (All)", "0.12", "0.46", 40, "row group"),
        ("TNF", "VAS (All)", "0.45", "0.003", 40, "row group"),
        ("TNF", "HADS-A (All)", "0.05", "0.77", 40, "row group"),
        ("IL-6", "VAS (Patients)", "0.41", "0.07", 20, "row group"),
        ("IL-6", "HADS-A (Patients)", "0.30", "0.20", 20, "row group"),
    ]


def test_a_table_with_single_spaces_is_read_by_units_under_its_header():
    """R statcheck 1.5: r(38) = .41, p = .009 (computed .00862) consistent; r(33) = .30, p < .001
    (.0799) a decision error; r(36) = -.05, p = .77 (.766) consistent."""
    claims = [f.claim for f in extract_claims(UNITS_TABLE, "t")[0]]
    assert [(c.x, c.y, c.r.text, c.p_comparator, c.p.text, c.n, c.method) for c in claims] == [
        ("Pain", "(Walking)", "0.41", "=", "0.009", 40, "spearman"),
        ("Sleep", "(Walking)", "-0.05", "=", "0.77", 38, "spearman"),
        ("Pain", "(Reading)", "0.30", "<", "0.001", 35, "spearman"),
    ]
    verdicts = check_claims(claims).query("check == 'p vs r and n'")["verdict"].tolist()
    assert verdicts == ["consistent", "consistent", "decision error"]


def test_coefficients_p_values_and_n_in_rows_of_their_own_are_paired_by_column():
    claims = [f.claim for f in extract_claims(STACKED, "t")[0]]
    assert [(c.x, c.y, c.r.text, c.p.text, c.n) for c in claims] == [
        ("Worry", "IL-6", "0.41", "0.002", 52),
        ("Worry", "TNF", "-0.10", "0.45", 52),
    ]


def test_cells_printed_as_statements_are_not_read_as_a_matrix_of_coefficients():
    claims = [f.claim for f in extract_claims(INLINE_CELLS, "t")[0]]
    assert sorted((c.r.text, c.p.text if c.p else "") for c in claims) == [("0.10", "0.67"), ("0.52", "0.019")]


def test_a_p_cell_printed_below_a_bound_keeps_its_comparator():
    """'<.001' in a p column is p < .001, not p = .001 (read as '=' before session 12, which made
    a true r = .41 at n = 100 (R: p = 2.3e-5) look inconsistent)."""
    text = "Table 1. Correlations with IL-6 (n = 100)\nScore  r  p\nVAS  0.41  <.001\nHADS  0.05  0.62\n"
    found, _, _ = extract_table_claims(text, "t", lambda *a: (None, "", ""))
    assert [(c.p_comparator, c.p.text) for c, *_ in found] == [("<", ".001"), ("=", "0.62")]
    assert check_claims([c for c, *_ in found]).query("check == 'p vs r and n'")["verdict"].tolist() == [
        "consistent",
        "consistent",
    ]


def test_a_p_printed_with_its_equals_sign_a_marked_r_header_and_a_row_of_dashes():
    """'=0.0064' in a p column is p = 0.0064; 'rb' is the r column with its footnote mark; a row
    of '—' and 'N.S.' is a row without a coefficient, not the name of the rows after it."""
    text = (
        "Table 7. Spearman correlations with fatigue (n = 130)\n| Variable | rb | P |\n|---|---|---|\n"
        "| Age | — | N.S. |\n| Pain | −0.2380 | =0.0064 |\n| Mood | −0.3948 | <0.0001 |\n"
    )
    claims = [f.claim for f in extract_claims(text, "t")[0]]
    assert [(c.x, c.y, c.r.text, c.p_comparator, c.p.text, c.n) for c in claims] == [
        ("Pain", "", "-0.2380", "=", "0.0064", 130),
        ("Mood", "", "-0.3948", "<", "0.0001", 130),
    ]


TRIANGLE = """Table 3.

Correlations among mood scores and a stress hormone (N = 76).

Worry Mood Hormone
Worry 1.00
Mood 0.69
<0.0001
1.00
Hormone −0.23
0.003
−0.04
0.57
1.00
"""


def test_a_lower_triangle_of_r_then_p_with_each_cell_on_its_own_line():
    """A web table copied as text: the first value beside its label, every other cell on a line of
    its own, r above p, the diagonal 1. N from the title under the caption. R statcheck 1.5:
    r(74) = .69, p < .0001 (5.4e-12) consistent; r(74) = -.23, p = .003 (.0456) inconsistent."""
    found = extract_claims(TRIANGLE, "t")[0]
    claims = [f.claim for f in found]
    assert [(c.x, c.y, c.r.text, c.p_comparator, c.p.text, c.n) for c in claims] == [
        ("Mood", "Worry", "0.69", "<", "0.0001", 76),
        ("Hormone", "Worry", "-0.23", "=", "0.003", 76),
        ("Hormone", "Mood", "-0.04", "=", "0.57", 76),
    ]
    verdicts = check_claims(claims).query("check == 'p vs r and n'")["verdict"].tolist()
    assert verdicts == ["consistent", "inconsistent", "fails at inferred n"]


def test_a_text_with_repeated_measures_has_no_bound_on_a_pairs_n():
    """Several samples per subject: r = -.23 may rest on more pairs than the 76 subjects, so p = .003
    is a doubt, not an accusation (it would be one at N = 76 without that note)."""
    note = "\nNote. Each participant gave up to 3 samples; correlations use the repeated measures.\n"
    claims = [f.claim for f in extract_claims(TRIANGLE + note, "t")[0]]
    verdicts = check_claims(claims).query("check == 'p vs r and n'")["verdict"].tolist()
    assert verdicts == ["consistent", "fails at inferred n", "fails at inferred n"]


GROUPED_UNITS = """Table 3. Spearman correlations of iron with two markers in 212 patients.

Overall (212 patients) Cohort 1 of 119 patients Cohort 2 of 93 patients
Marker Spearman rho [95% CI] P value Spearman rho [95% CI] P value Spearman rho [95% CI] P value
Iron 0.22 [0.09 to 0.35] p = 0.0011 0.26 [0.07 to 0.42] p = 0.0048 0.26 [0.05 to 0.44] p = 0.0128
Transferrin - 0.34 [-0.46 to -0.21] p< 0.0001 -0.24 [-0.41 to -0.05] p = 0.0131 -0.35 [-0.52 to -0.15] p = 0.0006
"""


def test_single_spaced_rho_ci_p_groups_take_their_sizes_from_the_line_above_in_order():
    """Three r [CI] p groups, sized 212, 119, 93 by the line above the header; 'p< 0.0001' and
    'p = 0.0011' cells; '- 0.34' a negative r. R statcheck 1.5: r(210) = .22, p = .0011 (.00126)
    consistent; r(117) = .26, p = .0048 (.00430) consistent; r(91) = .26, p = .0128 (.0118)
    consistent; r(117) = -.24, p = .0131 (.00856) inconsistent, which biocorr calls a doubt at
    an n taken from a header (a smaller pairwise n gives a larger p)."""
    claims = [f.claim for f in extract_claims(GROUPED_UNITS, "t")[0]]
    assert [(c.r.text, c.p_comparator, c.p.text, c.n) for c in claims] == [
        ("0.22", "=", "0.0011", 212),
        ("0.26", "=", "0.0048", 119),
        ("0.26", "=", "0.0128", 93),
        ("-0.34", "<", "0.0001", 212),
        ("-0.24", "=", "0.0131", 119),
        ("-0.35", "=", "0.0006", 93),
    ]
    verdicts = check_claims(claims).query("check == 'p vs r and n'")["verdict"].tolist()
    assert verdicts[:3] == ["consistent"] * 3 and verdicts[4] == "fails at inferred n"


HEADER_CELL_LINES = """Table 3.
Correlations of two scores with serum markers (n = 84)
Variable
|
Speed
|
Memory
|
||
r value
|
P value
|
r value
|
P value
|
|
IL-1b | -0.198 | 0.071 | -0.324a | 0.003 |
IL-6 | -0.412b | < 0.001 | 0.089 | 0.421 |
"""


def test_a_web_table_whose_header_cells_come_one_per_line_between_pipes():
    """R statcheck 1.5 at n = 84: r(82) = -.198, p = .071 (.0710), r(82) = -.324, p = .003
    (.00264), r(82) = .089, p = .421 (.420): consistent."""
    claims = [f.claim for f in extract_claims(HEADER_CELL_LINES, "t")[0]]
    assert [(c.x, c.y, c.r.text, c.p_comparator, c.p.text, c.n) for c in claims] == [
        ("IL-1b", "Speed", "-0.198", "=", "0.071", 84),
        ("IL-1b", "Memory", "-0.324", "=", "0.003", 84),
        ("IL-6", "Speed", "-0.412", "<", "0.001", 84),
        ("IL-6", "Memory", "0.089", "=", "0.421", 84),
    ]
    assert set(check_claims(claims).query("check == 'p vs r and n'")["verdict"]) == {"consistent"}


def test_a_superscript_capital_glued_to_a_coefficient_is_a_mark():
    """'0.171P': the r is .171, its mark is dropped (R statcheck 1.5: r(38) = .171, p = .29
    (.291) consistent)."""
    text = "Table 2. Spearman correlations (n = 40)\nScore  rho  p\nVAS  0.171P  0.29\n"
    claims = [f.claim for f in extract_claims(text, "t")[0]]
    assert [(c.x, c.r.text, c.p.text) for c in claims] == [("VAS", "0.171", "0.29")]
    assert check_claims(claims).query("check == 'p vs r and n'")["verdict"].tolist() == ["consistent"]


LETTERED = """Table 3 Correlations of an ultrasound score with markers

  RA (n = 42) PsA (n = 50)
Doppler score
 Calprotectin 0.570a 0.420b
 CRP 0.338b 0.058
  1. Data presented are Spearman's rho correlations
  2. a p < 0.001
  3. b p < 0.05
"""


def test_column_groups_sized_in_the_header_row_groups_and_a_numbered_lettered_legend():
    """R statcheck 1.5: r(40) = .570, p < .001 (8.1e-5); r(48) = .420, p < .05 (.0024); r(40) =
    .338, p < .05 (.0286); r(48) = .058, p > .05 (.689): all consistent."""
    claims = [f.claim for f in extract_claims(LETTERED, "t")[0]]
    assert [(c.x, c.y, c.r.text, c.p_comparator, c.p.text, c.n) for c in claims] == [
        ("Calprotectin", "RA (n = 42) (Doppler score)", "0.570", "<", "0.001", 42),
        ("Calprotectin", "PsA (n = 50) (Doppler score)", "0.420", "<", "0.05", 50),
        ("CRP", "RA (n = 42) (Doppler score)", "0.338", "<", "0.05", 42),
        ("CRP", "PsA (n = 50) (Doppler score)", "0.058", ">", "0.05", 50),
    ]
    assert set(check_claims(claims).query("check == 'p vs r and n'")["verdict"]) == {"consistent"}


def test_r_value_p_value_and_n_rows_under_each_variable():
    """R statcheck 1.5: r(32) = .412, p = .015 (.0155) consistent; r(66) = -.381, p < .001
    (.00135) inconsistent, at the N printed in the table's own row."""
    text = (
        "Table 3.\n\nCorrelation of two indices with markers (Pearson).\n\nParameter A B\n"
        "HbA1c (%) r- value 0.412 0.514\nP-value 0.015* 0.002*\nN 34 34\n"
        "Teeth present r- value −0.381 −0.432\nP-value <0.001** <0.001**\nN 68 68\n"
    )
    claims = [f.claim for f in extract_claims(text, "t")[0]]
    assert [(c.x, c.r.text, c.p_comparator, c.p.text, c.n) for c in claims] == [
        ("HbA1c (%)", "0.412", "=", "0.015", 34),
        ("HbA1c (%)", "0.514", "=", "0.002", 34),
        ("Teeth present", "-0.381", "<", "0.001", 68),
        ("Teeth present", "-0.432", "<", "0.001", 68),
    ]
    verdicts = check_claims(claims).query("check == 'p vs r and n'")["verdict"].tolist()
    assert verdicts == ["consistent", "consistent", "inconsistent", "consistent"]


FOOTNOTE_SIZED = """TABLE 4.

Correlations of two binding proteins with two chemokines.

Proteins Groups CCL2 CCL4
r p r p
BP-1 All 0.463** 0.003 0.148 0.362
C 0.572** 0.008 0.010P 0.965
BD1 -0.639* P 0.047 0.273 0.446

All (n = 40), both groups; C (n = 20), controls; BD1 (n = 10), patients after treatment.
"""


def test_row_groups_sized_only_in_a_footnote_and_a_mark_set_apart_from_its_number():
    """'All (n = 40) ... C (n = 20)' in the note sizes the rows by their label; '-0.639* P' is one
    cell. R statcheck 1.5: r(38) = .463, p = .003 (.00263); r(18) = .572, p = .008 (.00838);
    r(8) = -.639, p = .047 (.0467): consistent."""
    claims = [f.claim for f in extract_claims(FOOTNOTE_SIZED, "t")[0]]
    got = [(c.r.text, c.p.text, c.n, c.extra["n_source"]) for c in claims]
    assert got == [
        ("0.463", "0.003", 40, "row label"),
        ("0.148", "0.362", 40, "row label"),
        ("0.572", "0.008", 20, "row label"),
        ("0.010", "0.965", 20, "row label"),
        ("-0.639", "0.047", 10, "row label"),
        ("0.273", "0.446", 10, "row label"),
    ]
    assert set(check_claims(claims).query("check == 'p vs r and n'")["verdict"]) == {"consistent"}


def test_a_row_whose_cells_do_not_line_up_is_not_read():
    text = (
        "Table 1. Correlations with pain (n = 30)\nScore  r  p  r  p\nVAS  0.41  0.02  0.30  0.11\n"
        "HADS  0.35  Q  0.05  0.81\n"
    )
    found, unparsed, _ = extract_table_claims(text, "t", lambda *a: (None, "", ""))
    assert [c.x for c, *_ in found] == ["VAS", "VAS"]
    assert any("do not line up" in reason for *_, reason in unparsed)


def test_a_bracketed_p_after_its_comparator_keeps_the_comparator():
    """'0.40 (p < 0.001)' is p < .001, not p = .001 (the comparator was dropped). R statcheck 1.5,
    r(119) = .40: p < .001 consistent, p = .001 inconsistent (5.48e-06; at the caption's n, a
    doubt: a smaller n fits)."""
    text = "Table 2. Correlations with pain (n = 121)\nScore\tr (p)\nVAS\t0.40 (p < 0.001)\nHADS\t0.40 (p = 0.001)\n"
    claims = [f.claim for f in extract_claims(text, "t")[0]]
    assert [(c.p_comparator, c.p.text, c.n) for c in claims] == [("<", "0.001", 121), ("=", "0.001", 121)]
    verdicts = check_claims(claims).query("check == 'p vs r and n'")["verdict"].tolist()
    assert verdicts == ["consistent", "fails at inferred n"]


RANGED_ONE_CELL = """Table 4. Correlations of the symptom index with scores
Index at entry (n ranged from 60 to 64) Change in index (n ranged from 40 to 44)
Pain score -.520 (p < 0.001)
Sleep score .250 (p = 0.048)
Fatigue score -.100 (p < 0.001)
"""

RANGED_TWO_CELLS = """Table 5. Correlations of the symptom index with scores
Score  Entry (n = 60-64)  Change (n = 40-44)
Pain  -.520 (p < 0.001)  -.300 (p = 0.058)
"""


def test_column_groups_sized_by_a_range_are_checked_at_every_n_of_it():
    """'(n ranged from 60 to 64)': each n of the range is tried. Rows of one cell under two ranged
    groups could be under either: their span (40-64) is tried, a fit at part of it 'depends on n'.
    R statcheck 1.5 at each n: -.520, p < .001 consistent at 40-64; .250, p = .048 consistent only
    at 63; -.100, p < .001 a decision error at every n; -.300, p = .058 inconsistent at 40-43 and a
    decision error at 44 (none fits: inconsistent)."""
    claims = [f.claim for f in extract_claims(RANGED_ONE_CELL, "t")[0]]
    assert [c.extra["n_range"] for c in claims] == [(40, 64)] * 3
    verdicts = check_claims(claims).query("check == 'p vs r and n'")["verdict"].tolist()
    assert verdicts == ["consistent", "depends on n", "decision error"]
    claims = [f.claim for f in extract_claims(RANGED_TWO_CELLS, "t")[0]]
    assert [(c.y, c.extra["n_range"]) for c in claims] == [("Entry", (60, 64)), ("Change", (40, 44))]
    verdicts = check_claims(claims).query("check == 'p vs r and n'")["verdict"].tolist()
    assert verdicts == ["consistent", "inconsistent"]


LETTERED_NOTES = """Table 3. Correlations of the stress index with questionnaires

Pearson correlations (n = 96)
r p
Mood
Depression score -0.22 0.03
Functioninga
Work functioning 0.23 0.031

SF, Short Form; PSS, Perceived Stress Scale.

a

Functioning analyses, n = 88.
"""


def test_a_row_group_takes_the_n_of_the_lettered_note_its_label_carries():
    """'Functioninga' carries note a, printed as its mark on a line of its own and its text below,
    after an abbreviation legend: that group's n is 88, not the caption's 96. R statcheck 1.5:
    r(94) = -.22, p = .03 consistent (.0313); r(86) = .23, p = .031 consistent (.0311), while at
    r(94) it would be inconsistent (.0242)."""
    claims = [f.claim for f in extract_claims(LETTERED_NOTES, "t")[0]]
    assert [(c.n, c.extra["n_source"]) for c in claims] == [(96, "header"), (88, "row group")]
    assert set(check_claims(claims).query("check == 'p vs r and n'")["verdict"]) == {"consistent"}


def test_an_n_column_first_in_a_header_longer_than_the_rows_and_univariate_r_not_partial():
    """'n (%) Cortisol mean s.d. r p-value Beta p-value': the rows' cells line up with the
    header's end, and the n column is the first; the r column is the univariate one, though a note
    says the Beta column is adjusted for age. R statcheck 1.5: r(108) = -.21, p = .027 consistent
    (.0277); r(108) = .20, p = .041 consistent (.0362)."""
    text = (
        "Table 1. Associations of hair cortisol with health indicators\n"
        "Indicator Univariate associations Multivariate associations\n"
        "n (%) Cortisol mean s.d. r p-value Beta p-value\n"
        "Self-rated health (min/max: 2/10) 110 - - -0.21 0.027##) -0.21 0.029\n"
        "Stress scale (min/max: 2/33) 110 - - 0.20 0.041##) 0.21 0.031\n"
        "  1. ##)Pearson correlation.\n  2. Adjusted for age in multiple linear regressions.\n"
    )
    claims = [f.claim for f in extract_claims(text, "t")[0]]
    assert [(c.r.text, c.p.text, c.n, c.df, c.extra["n_source"]) for c in claims] == [
        ("-0.21", "0.027", 110, None, "column"),
        ("0.20", "0.041", 110, None, "column"),
    ]
    assert set(check_claims(claims).query("check == 'p vs r and n'")["verdict"]) == {"consistent"}


SYMBOL_CELLS = """Table 6.
Unadjusted | Adjusted for age | |||
---|---|---|---|---|
Group | Marker | Samples (n) | Correlation | p-value | Partial correlation | p-value |
All | Pain score | 100 | ρ = 0.30 | 0.002 | r(60) = 0.25 | 0.050 |
Mood score | 40 | r = − 0.41 | 0.009 | r(35) = − 0.33 | 0.047 | |
"""


def test_coefficient_cells_that_print_their_symbol_pair_with_the_p_of_the_next_cell():
    """'ρ = 0.30 | 0.002' and 'r(60) = 0.25 | 0.050' in a pipe table: the p is the next cell, the n
    the row's 'Samples (n)' cell, or the df the cell prints; a group label spanning rows leaves the
    second row one cell shorter. R statcheck 1.5: r(98) = .30, p = .002 (.00243), r(60) = .25,
    p = .050 (.0500), r(38) = -.41, p = .009 (.00860), r(35) = -.33, p = .047 (.0461): consistent."""
    claims = [f.claim for f in extract_claims(SYMBOL_CELLS, "t")[0]]
    got = [(c.x, c.r.text, c.p.text, c.n, c.df, c.method) for c in claims]
    assert got == [
        ("Pain score", "0.30", "0.002", 100, None, "spearman"),
        ("Pain score", "0.25", "0.050", None, 60, "pearson"),
        ("Mood score", "-0.41", "0.009", 40, None, "pearson"),
        ("Mood score", "-0.33", "0.047", None, 35, "pearson"),
    ]
    assert set(check_claims(claims).query("check == 'p vs r and n'")["verdict"]) == {"consistent"}


NUMBERED_NOTE = """Table 6 Correlation of scores with the disability questionnaire
  Score HAQ HAQ (clinical remission)
Erosion score 0.12 0.36*
Osteophyte score 0.05 0.29†
  1. Data give the correlations in the whole cohort (n =83) and in patients in clinical remission as \
judged by the rheumatologist (n =40). *P <0.05; †P <0.1.
"""


def test_a_numbered_note_holds_the_star_legend_and_sizes_a_column_by_its_qualifier():
    """The legend sits inside a numbered note; 'HAQ (clinical remission)' is sized by the note's
    'patients in clinical remission ... (n =40)'. R statcheck 1.5: r(38) = .36, p < .05 (.0225) and
    r(38) = .29, p < .1 (.0695): consistent."""
    claims = [f.claim for f in extract_claims(NUMBERED_NOTE, "t")[0]]
    remission = [c for c in claims if c.y == "HAQ (clinical remission)"]
    assert [(c.r.text, c.p_comparator, c.p.text, c.n) for c in remission] == [
        ("0.36", "<", "0.05", 40),
        ("0.29", "<", "0.1", 40),
    ]
    assert set(check_claims(remission).query("check == 'p vs r and n'")["verdict"]) == {"consistent"}


SPANNING_FIRST_COLUMN = """Table 3.
Correlations between taxa, clinical variables and inflammation.
| Interactions between variables | Correlation coefficient (r) | p value | q value | |
|---|---|---|---|---|
| Age of first use | g:Collinsella | -0.4853 | 0.019 | 0.04 |
| g:Blautia | 0.5312 | 0.009 | 0.04 | |
| Craving | CRP | 0.4233 | 0.044 | 0.05 |
Spearman partial correlation adjusting for age and BMI (N =25).
"""


def test_a_correlation_coefficient_r_header_and_rows_shortened_by_a_spanning_first_column():
    """'Correlation coefficient (r)' names the r column; a row under a spanning label is one cell
    shorter and ends in an empty pipe cell; the note's partial on 2 covariates at N = 25 gives df 21.
    R statcheck 1.5: r(21) = -.4853, p = .019 (.0189); r(21) = .5312, p = .009 (.0091); r(21) =
    .4233, p = .044 (.0442): consistent."""
    claims = [f.claim for f in extract_claims(SPANNING_FIRST_COLUMN, "t")[0]]
    assert [(c.r.text, c.p.text, c.df) for c in claims] == [("-0.4853", "0.019", 21), ("0.5312", "0.009", 21),
                                                           ("0.4233", "0.044", 21)]  # fmt: skip
    assert set(check_claims(claims).query("check == 'p vs r and n'")["verdict"]) == {"consistent"}


R_P_IN_ONE_COLUMN = """Table 2. Correlation of serum X with disease markers (n = 60)

Disease markers Correlation coefficient r (P value)
Leukocytes 0.3019 (0.019)
ALT \u2212 0.0424 (0.7478)
Ferritin 0.5303 (<0.0001)
ESR 0.3071 (0.0161)
  1. Spearman's correlation coefficient
"""


def test_one_column_of_r_with_its_p_in_brackets_and_a_minus_printed_apart():
    """Session 14: a header 'r (P value)' over cells '0.3019 (0.019)' was not read, and a web page's
    minus printed apart ('ALT − 0.0424') made that row one cell wider, so every other row was
    skipped and ALT read as +0.0424. R statcheck at n = 60: the first three consistent, ESR's
    0.0161 inconsistent (0.0170)."""
    claims = [f.claim for f in extract_claims(R_P_IN_ONE_COLUMN, "t")[0]]
    assert [(c.x, c.r.text, c.p_comparator, c.p.text, c.n) for c in claims] == [
        ("Leukocytes", "0.3019", "=", "0.019", 60),
        ("ALT", "-0.0424", "=", "0.7478", 60),
        ("Ferritin", "0.5303", "<", "0.0001", 60),
        ("ESR", "0.3071", "=", "0.0161", 60),
    ]
    assert [check_p(c).verdict for c in claims] == ["consistent", "consistent", "consistent", "inconsistent"]


SPANNED_LABELS = """Table 4. Correlations of baseline markers with the 4-week change in two scores
Marker | Arm | Change in pain | Change in ODI | ||
---|---|---|---|---|---|
r | p | r | p | ||
IL-6 | Group 1 | .35 | .046 | −.12 | .506 |
Group 2 | .41 | .024 | .22 | .251 | |
TNF | Group 1 | .05 | .782 | .30 | .090 |
Group 2 | −.38 | .038 | .10 | .606 |
Group 1 (n = 33) = arm A Group 2 (n = 30 for pain; n = 29 for ODI) = arm B
r Spearman's correlation coefficient
"""


def test_rows_under_a_spanning_label_with_sizes_per_group_and_column_in_a_note_after_them():
    """Session 14's web table layout: the marker's cell spans its groups' rows (the next rows one cell
    shorter, an empty cell last), the header ends in empty cells, and a note after the rows sizes
    each group, one of them per column. At collection 16 of 42 statements were not read (misaligned)
    and none had an n. Each row is read with its marker and the n its group has in its column; the
    p-values were computed in R at those n, so every verdict is consistent."""
    claims = [f.claim for f in extract_claims(SPANNED_LABELS, "t")[0]]
    assert [(c.x, c.y, c.r.text, c.p.text, c.n) for c in claims] == [
        ("IL-6 Group 1", "Change in pain", ".35", ".046", 33),
        ("IL-6 Group 1", "Change in ODI", "-.12", ".506", 33),
        ("IL-6 Group 2", "Change in pain", ".41", ".024", 30),
        ("IL-6 Group 2", "Change in ODI", ".22", ".251", 29),
        ("TNF Group 1", "Change in pain", ".05", ".782", 33),
        ("TNF Group 1", "Change in ODI", ".30", ".090", 33),
        ("TNF Group 2", "Change in pain", "-.38", ".038", 30),
        ("TNF Group 2", "Change in ODI", ".10", ".606", 29),
    ]
    assert {check_p(c).verdict for c in claims} == {"consistent"}


P_BEFORE_R = """Table 6.

Correlations of a function score with clinical measures at baseline and at five years (n = 30)

Baseline 5 years

p r p r
Pain 0.0008 0.58 0.015 0.44
Stiffness 0.0003 0.61 0.2654 0.21
"""

UNNAMED_COLUMNS = """Table 2 Correlations between fluid markers and two activity indexes in 16 knees

Spearman's rank correlation coefficients
IL-1 0.62* 0.55*
IL-6 0.71** ns
IL-8 ns ns
  1. * P < 0.05; ** P < 0.01; ns, not significant.
"""


def test_p_printed_before_each_r_and_a_table_four_blocks_after_its_caption():
    """Session 14: a table whose header reads 'p r p r' (each r's p before it), printed as caption,
    title, a line of column groups and the rows, each apart by a blank line, was skipped without a
    note; read, each r took the p of the next group. p-values computed in R at n = 30."""
    claims = [f.claim for f in extract_claims(P_BEFORE_R, "t")[0]]
    assert [(c.x, c.r.text, c.p.text, c.n) for c in claims] == [
        ("Pain", "0.58", "0.0008", 30), ("Pain", "0.44", "0.015", 30),
        ("Stiffness", "0.61", "0.0003", 30), ("Stiffness", "0.21", "0.2654", 30),
    ]  # fmt: skip
    assert {check_p(c).verdict for c in claims} == {"consistent"}


def test_unnamed_columns_under_a_title_that_says_every_cell_is_a_coefficient():
    """Session 14: 'Spearman's rank correlation coefficients' above unnamed columns; 'ns' after a
    value had been glued to it as a footnote mark, so that row seemed one cell short. Each value
    is an r with the legend's p; 'ns' cells are no statement. R: at n = 16, .62 gives p = .010,
    .55 gives .027, .71 gives .0021."""
    claims = [f.claim for f in extract_claims(UNNAMED_COLUMNS, "t")[0]]
    assert [(c.x, c.r.text, c.p_comparator, c.p.text, c.n) for c in claims] == [
        ("IL-1", "0.62", "<", "0.05", 16), ("IL-1", "0.55", "<", "0.05", 16), ("IL-6", "0.71", "<", "0.01", 16),
    ]  # fmt: skip
    assert {check_p(c).verdict for c in claims} == {"consistent"}


SPACED_MINUS_PIPES = """Table 2.
Spearman correlation of serum markers with lung function (n = 40).
FEV1 | FVC | DLCO |
---|---|---|
Marker A | − 0.31 | 0.44** | − 0.08 |
Marker B | 0.18 | − 0.12 | 0.05 |
Numbers are correlation coefficients (r), *p < 0.05, **p < 0.01.
"""


def test_a_pipe_table_whose_minus_signs_are_printed_apart_from_their_numbers():
    """Session 15: web tables print '| − 0.31 |'; the spaced minus made the cell no number, so each
    row was read as one label holding every value (two garbled statements out of six). Each cell
    is its own r now, with the legend's p. R at n = 40: -.31 gives p = .052, .44 gives .0045."""
    claims = [f.claim for f in extract_claims(SPACED_MINUS_PIPES, "t")[0]]
    assert [(c.x, c.y, c.r.text, c.p_comparator, c.p.text, c.n) for c in claims] == [
        ("Marker A", "FEV1", "-0.31", ">", "0.05", 40), ("Marker A", "FVC", "0.44", "<", "0.01", 40),
        ("Marker A", "DLCO", "-0.08", ">", "0.05", 40), ("Marker B", "FEV1", "0.18", ">", "0.05", 40),
        ("Marker B", "FVC", "-0.12", ">", "0.05", 40), ("Marker B", "DLCO", "0.05", ">", "0.05", 40),
    ]  # fmt: skip
    assert {check_p(c).verdict for c in claims} == {"consistent"}


SUBSET_ROWS = """Table 4.

Correlation between serum marker X and disease stage in patients and controls (n = 80)

Variable Marker X (correlation coefficient) p value
Stages 1-4 # rs = 0.612 <0.001
Stages 0-4 # rs = 0.050 0.660
Stages 3-4 # rs = 0.520 0.084

#Spearman's rank correlation coefficient (rs)
"""


def test_rows_printing_rs_with_the_p_after_it_and_a_caption_n_that_subsets_do_not_share():
    """Session 15: rows apart by spaces that print 'rs = 0.612' and their p after it, under a
    'p value' header, were read as prose without their p. Read now, each with the caption's n as
    an inferred one: the row of stages 3-4 is a subset of the 80, and at 80 its p (.084) is far
    above what r = .52 gives (R: 7.7e-07), a doubt, never an accusation. R at 80: .050 gives .660."""
    verdicts = check_text(SUBSET_ROWS).set_index("claim_id")
    rows = verdicts[verdicts["check"].eq("p vs r and n")].sort_index()
    assert rows["verdict"].tolist() == ["consistent", "consistent", "fails at inferred n"]
    claims = [f.claim for f in extract_claims(SUBSET_ROWS, "t")[0]]
    assert [(c.x, c.method, c.r.text, c.p_comparator, c.p.text, c.n) for c in claims] == [
        ("Stages 1-4", "spearman", "0.612", "<", "0.001", 80), ("Stages 0-4", "spearman", "0.050", "=", "0.660", 80),
        ("Stages 3-4", "spearman", "0.520", "=", "0.084", 80),
    ]  # fmt: skip


LETTER_MARKS = """Table 3. Spearman correlation (n = 25).

Feature Marker1 Marker2
Activity score 0.74a 0.49b
Bleeding 0.35 -0.52a
a

P value<0.01;

b

P value<0.05
"""


def test_letter_marks_whose_notes_print_the_mark_and_its_p_value_on_lines_of_their_own():
    """Session 15: 'a' on the line after the last row and 'P value<0.01' below it: the mark was taken
    for a row group and the notes never read, so no cell had its p."""
    claims = [f.claim for f in extract_claims(LETTER_MARKS, "t")[0]]
    assert [(c.x, c.y, c.r.text, c.p_comparator, c.p.text) for c in claims] == [
        ("Activity score", "Marker1", "0.74", "<", "0.01"), ("Activity score", "Marker2", "0.49", "<", "0.05"),
        ("Bleeding", "Marker1", "0.35", ">", "0.05"), ("Bleeding", "Marker2", "-0.52", "<", "0.01"),
    ]  # fmt: skip


def test_a_row_printing_a_coefficient_without_a_readable_p_is_listed_not_dropped():
    """Attack: 'D # r = .2 .' under a 'p value' header (the p a dot) among rows that are read: the
    row is listed as not read, never dropped in silence; an r above 1 is refused by the range check."""
    text = (
        "Table 1. Correlations (n = 30)\nVariable Marker (correlation coefficient) p value\n"
        "A # rs = 1.5 0.01\nB # rs = 0.40 0.028\nD # r = .2 .\n"
    )
    rows = check_text(text)
    unread = rows[rows["verdict"].eq("not read")]
    assert unread["explanation"].tolist() == ["1 row(s) printing a coefficient whose p could not be read: not read"]
    ranges = rows[rows["check"].eq("r within [-1, 1]")].set_index("reported")["verdict"]
    assert ranges.to_dict() == {"1.5": "inconsistent", "0.40": "consistent"}
    assert rows.query("check == 'p vs r and n' and reported == 'p = 0.028'")["verdict"].tolist() == ["consistent"]


# Session 16 (#25): layouts met in the before-s16 collection, written anew here (no sentence copied)
def _read(text: str) -> list:
    return [f.claim for f in extract_claims(text)[0]]


def _cells_and_verdicts(text: str) -> tuple[list, list[str]]:
    """(r, comparator, p, n) of each cell read, and the 'p vs r and n' verdict of each."""
    cells = [(c.r.text, c.p_comparator, c.p.text, c.n) for c in _read(text)]
    return cells, check_text(text).query("check == 'p vs r and n'")["verdict"].tolist()


SPACED_TWO_WORD_HEADER = """Table 3. Spearman correlations (p) between sleep and markers (n = 60)

Serum IL6 Serum TNF Urine IL6 Urine TNF
Sleep hours 0.19 (0.14) 0.26 (0.04) ‐0.32 (0.01) 0.01 (0.97)
Sleep quality ‐0.07 (0.57) 0 (0.99) 0.3 (0.02) 0.12 (0.35)
"""


def test_a_spaced_header_of_two_word_names_labels_each_column_and_a_u2010_hyphen_is_a_minus():
    claims = _read(SPACED_TWO_WORD_HEADER)
    got = [(c.x, c.y, c.r.text, c.p.text) for c in claims]
    assert got == [
        ("Sleep hours", "Serum IL6", "0.19", "0.14"), ("Sleep hours", "Serum TNF", "0.26", "0.04"),
        ("Sleep hours", "Urine IL6", "-0.32", "0.01"), ("Sleep hours", "Urine TNF", "0.01", "0.97"),
        ("Sleep quality", "Serum IL6", "-0.07", "0.57"), ("Sleep quality", "Serum TNF", "0", "0.99"),
        ("Sleep quality", "Urine IL6", "0.3", "0.02"), ("Sleep quality", "Urine TNF", "0.12", "0.35"),
    ]  # fmt: skip
    leading = SPACED_TWO_WORD_HEADER.replace(
        "Serum IL6 Serum TNF Urine IL6 Urine TNF", "Sleep measure IL6 TNF CRP IL10"
    )
    assert [c.y for c in _read(leading)][:4] == ["IL6", "TNF", "CRP", "IL10"]  # the first words head the labels


def test_stacked_r_and_p_rows_under_variable_lines_take_the_pipe_headers_names():
    text = """Table 2. Correlations between muscle ultrasound and clinical measures.
| Feature | Muscle index | Grip (kg) | Gait speed (m/s) |
|---|---|---|---|
| Thickness at rest (cm) | |||
| r | 0.515 | 0.463 | 0.292 |
| P value | <0.001* | <0.001* | 0.001* |
| Stiffness (kPa) | |||
| r | 0.107 | 0.082 | 0.109 |
| P value | 0.217 | 0.347 | 0.210 |
"""
    got = [(c.x, c.y, c.r.text, c.p_comparator, c.p.text) for c in _read(text)]
    assert got[:3] == [
        ("Thickness at rest (cm)", "Muscle index", "0.515", "<", "0.001"),
        ("Thickness at rest (cm)", "Grip (kg)", "0.463", "<", "0.001"),
        ("Thickness at rest (cm)", "Gait speed (m/s)", "0.292", "=", "0.001"),
    ]
    assert got[5] == ("Stiffness (kPa)", "Gait speed (m/s)", "0.109", "=", "0.210")


def test_rho_and_p_pairs_under_spanning_headers_with_a_star_set_apart_are_read():
    text = """Table 4. Correlations between bone density and performance.
Spine T-score | Hip T-score | ||
---|---|---|---|---|
rho | p-Value | rho | p-Value | |
Grip strength | 0.24 | <0.01 * | 0.38 | 0.03 * |
Chair test | −0.11 | 0.17 | 0.12 | 0.10 |
Notes: Spearman's rho. * p < 0.05.
"""
    got = [(c.x, c.y, c.method, c.r.text, c.p_comparator, c.p.text) for c in _read(text)]
    assert got == [
        ("Grip strength", "Spine T-score", "spearman", "0.24", "<", "0.01"),
        ("Grip strength", "Hip T-score", "spearman", "0.38", "=", "0.03"),
        ("Chair test", "Spine T-score", "spearman", "-0.11", "=", "0.17"),
        ("Chair test", "Hip T-score", "spearman", "0.12", "=", "0.10"),
    ]


P_THEN_R_TABLE = """Table 3. Cortisol correlations in the patient group (n = 30).
Region T0 T30
Measure p-value (r-statistic)
Left hippocampus 0.474 (−0.136) 0.015 (−0.441)
Right hippocampus 0.003 (−0.524) 0.000034 (−0.681)
"""


def test_cells_p_with_r_in_brackets_are_read_the_right_way_round_when_the_header_says_so():
    got = [(c.x, c.r.text, c.p.text) for c in _read(P_THEN_R_TABLE)]
    assert got == [
        ("Left hippocampus", "-0.136", "0.474"), ("Left hippocampus", "-0.441", "0.015"),
        ("Right hippocampus", "-0.524", "0.003"), ("Right hippocampus", "-0.681", "0.000034"),
    ]  # fmt: skip
    v = check_text(P_THEN_R_TABLE).query("check == 'p vs r and n'")
    assert v["verdict"].tolist() == ["consistent"] * 4  # at the caption's 30 (read as r (p): no r = 0.474 at all)


def test_a_negative_value_in_brackets_without_such_a_header_is_no_pair_and_is_listed():
    text = P_THEN_R_TABLE.replace("Measure p-value (r-statistic)\n", "")
    found, unparsed = extract_claims(text)
    assert found == [] and any("negative value in brackets" in u.reason for u in unparsed)


GROUPED_N_TABLE = """Table 4. Marker levels against clinical measures in three cohorts
Cohort A |
Cohort B |
Cohort C |
---|---|---|---|---|---|---|---|---|---|
n | r | p Value | n | r | p Value | n | r | p Value | |
Pain | 80 | −0.30 | 0.007 | 50 | 0.10 | 0.49 | 20 | −0.20 | 0.40 |
Fatigue | 80 | 0.25 | 0.025 | N/A | 20 | 0.45 | 0.047 | ||
Sleep | 78 | 0.40 | 0.0003 | N/A | N/A | ||||
"""


def test_each_group_of_n_r_p_columns_is_checked_at_its_own_n_and_na_stands_for_a_whole_group():
    """A table printing n, r and p for each group used the first group's n for every group (13
    false accusations on a real lupus table); an 'N/A' standing for a group's three cells shifted
    the rest of its row. r = -0.20 at n = 20 gives p = .398 (at n = 80 it would be .075)."""
    found, unparsed = extract_claims(GROUPED_N_TABLE)
    got = [(f.claim.r.value, f.claim.n, f.claim.p.value) for f in found]
    assert unparsed == [] and got == [
        (-0.30, 80, 0.007), (0.10, 50, 0.49), (-0.20, 20, 0.40),
        (0.25, 80, 0.025), (0.45, 20, 0.047), (0.40, 78, 0.0003),
    ]  # fmt: skip
    verdicts = check_claims([f.claim for f in found]).query("check == 'p vs r and n'")["verdict"]
    assert verdicts.eq("consistent").all() and len(verdicts) == 6


def test_a_matrix_mixing_r_with_chi_squares_its_notes_name_is_not_read():
    """A real matrix printed n above the diagonal and, below it, r for two scores but chi-square
    for the categorical traits; '.3 (.6)' was read as r = .3 (a chi-square). Cells above 1 that
    are not counts, with a note naming another statistic, make the whole matrix unread."""
    text = (
        "Table 3. Associations between traits\n"
        "| A | B | C |\n|---|---|---|\n"
        "| A | — | 900 | 880 |\n| B | .25 (< .001) | — | 870 |\n| C | 52.4 (< .001) | .3 (.6) | — |\n"
        "Coefficients are correlations between A and B and chi-square statistics for C.\n"
    )
    found, unparsed = extract_claims(text)
    assert found == [] and any("statistics mixed" in u.reason for u in unparsed)


BARE_SIZES = """Table 3. Spearman partial correlation coefficients (adjusted for age) of the marker with risk factors

Men Women
Factor Lean n = 40 Obese n = 120 Lean n = 60 Obese n = 150
Waist 0.29 −0.30** −0.16 −0.34***
Insulin −0.28° −0.44*** −0.31* −0.35***

P<0.05 in bold, °p<0.1; *p<0.05; **p<0.01; ***p<0.001
"""


def test_group_sizes_printed_without_brackets_head_the_columns_and_a_degree_mark_is_a_legend():
    """A real table printed 'Healthy n = 52 Unhealthy n = 139 ...' as its header (read as a row
    whose one cell was 267) and '°' for p < 0.1 under a legend starting 'P<0.05': 60 statements
    had no n and no p. Partial on age: df = n - 3. 0.29 unmarked at n = 40 means p >= .1, but
    t(37) gives p = .073: inconsistent, as R's statcheck says at r(37) = .29, p > .1."""
    found, unparsed = extract_claims(BARE_SIZES)
    got = [(f.claim.r.value, f.claim.df, f.claim.p_comparator, f.claim.p.value) for f in found]
    assert unparsed == [] and got == [
        (0.29, 37, ">", 0.1), (-0.30, 117, "<", 0.01), (-0.16, 57, ">", 0.1), (-0.34, 147, "<", 0.001),
        (-0.28, 37, "<", 0.1), (-0.44, 117, "<", 0.001), (-0.31, 57, "<", 0.05), (-0.35, 147, "<", 0.001),
    ]  # fmt: skip
    assert all(f.claim.extra.get("partial") == 1 and f.claim.extra["n_source"] == "header" for f in found)
    verdicts = check_claims([f.claim for f in found]).query("check == 'p vs r and n'")["verdict"].tolist()
    assert verdicts == ["inconsistent"] + ["consistent"] * 7
    assert check_text("r(37) = .29, p > .1").query("check == 'p vs r and n'")["verdict"].tolist() == ["inconsistent"]


CI_TABLE = """Table 2. Spearman correlations of hair metals with the severity score (n = 24)
Metal | Rho | Rho 95% CI | p-value | Slope | 90% CI |
---|---|---|---|---|---|
Lead | −0.31 | −0.64 to 0.11 | 0.14 | 0.2 | (0.1, 0.3) |
Mercury | 0.58 | 0.23 to 0.80 | 0.003 3 | 0.5 | (0.2, 0.8) |
1 Spearman's rank correlation. 3 Without the highest value: Rho = 0.57, 95% CI 0.22 to 0.79, p = 0.004.
"""


def test_interval_cells_line_up_belong_to_the_r_before_them_and_a_footnote_statement_is_read():
    """A real table of rho, its 95% CI and p (and a p cell '0.013 3' carrying a footnote number)
    was read as one row group over the rest, and its footnote's own statement was lost once the
    table was read. The CI after a slope is the slope's, never r's."""
    found, unparsed = extract_claims(CI_TABLE)
    got = [(f.claim.x, f.claim.r.value, f.claim.p.value, f.claim.ci_low and f.claim.ci_low.value) for f in found]
    assert unparsed == [] and got == [
        ("Lead", -0.31, 0.14, -0.64),
        ("Mercury", 0.58, 0.003, 0.23),
        ("", 0.57, 0.004, 0.22),
    ]
    checks = check_claims([f.claim for f in found]).query("check in ('p vs r and n', 'CI vs r and n')")
    assert checks["verdict"].eq("consistent").all() and len(checks) == 6


def test_a_meta_analysis_table_is_not_checked_at_its_pooled_n():
    """A real meta-analysis table (k studies, pooled N, r, CI, z, p, Q, I²) printed as a '|' table
    was checked at N - 2: r = -0.245 over 256 people 'was' a decision error at p = 0.171, which
    is the random-effects z's p. Such a table is listed, never checked."""
    text = (
        "Table 3. Immune markers and cognition\n| Test | k | N | r | 95% CI | z | p | Q test | I2 |\n"
        "|---|---|---|---|---|---|---|---|---|\n"
        "| Memory | 3 | 256 | −0.245 | −0.542 to 0.108 | −1.368 | 0.171 | 13.28 | 84.94 |\n"
    )
    found, unparsed = extract_claims(text)
    assert found == [] and [u.reason.split(" (")[0] for u in unparsed] == ["a meta-analysis table"]
    plain = "Table 3. Immune markers and cognition\n| Test | N | r | p |\n|---|---|---|---|\n"
    plain += "| Memory | 256 | −0.245 | 0.0001 |\n"
    assert len(extract_claims(plain)[0]) == 1  # no column and no caption says meta-analysis: read
    potassium = plain.replace("| Test | N | r | p |", "| Test | K | r | p |").replace("| 256 |", "| 4.1 |")
    assert len(extract_claims(potassium)[0]) == 1  # 'K' is potassium, not k studies
    assert extract_claims(plain.replace("Table 3. Immune", "Table 3. Random-effects pooled immune"))[0] == []


def test_an_n_column_with_thousands_separators_lines_up_and_gives_its_n():
    """'25,948' in a real table's N column was no cell: the row's label swallowed its values. A count
    written with thousands separators is a value cell and an n (R statcheck: r(1248) = .10,
    p < .001 and r(978) = .05, p = .12 consistent)."""
    text = (
        "Table 2. Pearson correlations of the marker with the scores\n| Score | N | r | p |\n|---|---|---|---|\n"
        "| Pain | 1,250 | 0.10 | <0.001 |\n| Mood | 980 | 0.05 | 0.12 |\n"
    )
    found, unparsed = extract_claims(text)
    assert unparsed == [] and [(f.claim.x, f.claim.n) for f in found] == [("Pain", 1250), ("Mood", 980)]
    assert check_text(text).query("check == 'p vs r and n'")["verdict"].tolist() == ["consistent", "consistent"]


def test_stars_set_apart_from_their_number_in_a_single_spaced_row_stay_its_own():
    """'-0.61 **' (a space before the stars) broke the row: only its last value was read, under
    the first column. R statcheck 1.5 at n = 40: r(38) = -.61, p < .01 and r(38) = -.28, p > .05
    are consistent."""
    text = """Table 2. Correlations of the symptom scale with quality of life (n = 40)
Symptoms Function Total
 Physical role -0.52** -0.61 ** -0.58**
 Pain -0.28 -0.21 -0.25
* P < 0.05; ** P < 0.01, Spearman's rank correlation.
"""
    got = [(c.x, c.r.text, c.p_comparator, c.p.text, c.n) for c in _read(text)]
    assert got[:3] == [
        ("Physical role", "-0.52", "<", "0.01", 40),
        ("Physical role", "-0.61", "<", "0.01", 40),
        ("Physical role", "-0.58", "<", "0.01", 40),
    ]
    assert got[3] == ("Pain", "-0.28", ">", "0.05", 40) and len(got) == 6


def test_an_spss_significance_footnote_is_a_star_legend():
    """'**Correlation is significant at the 0.01 level (2-tailed).' (SPSS's own words, which many
    tables keep) gave no p before: every cell went unchecked. R statcheck 1.5 at n = 40:
    r(38) = .45, p < .01 (.0036), .21, p > .05 (.193), .33, p < .05 (.0375), .12, p > .05 (.461):
    all consistent."""
    text = """Table 3. Correlations between grip strength and nutrition scores (n = 40)
Variable Grip Albumin
Energy intake 0.45** 0.21
Protein intake 0.33* 0.12
**Correlation is significant at the 0.01 level (2-tailed). *Correlation is significant at the 0.05 level (2-tailed).
"""
    got, verdicts = _cells_and_verdicts(text)
    assert got == [
        ("0.45", "<", "0.01", 40),
        ("0.21", ">", "0.05", 40),
        ("0.33", "<", "0.05", 40),
        ("0.12", ">", "0.05", 40),
    ]
    assert verdicts == ["consistent"] * 4


def test_a_cell_printing_its_own_n_is_checked_at_that_n():
    """'0.45* (n=40)': the cell's own n, printed with r, outranks a caption's or the passage's (the
    table was listed as not read before). R statcheck 1.5: r(38) = .45, p < .05 (.0036), r(36) = .12,
    p > .05 (.473), r(38) = .21, p > .05 (.193) consistent; r(36) = .20, p < .05 (.229) a decision
    error, at an n printed in the cell: an accusation."""
    text = """Table 2. Correlations of IL-6 with symptom scores in 60 patients
| Score | IL-6 | TNF |
|---|---|---|
| Pain | 0.45* (n=40) | 0.12 (n=38) |
| Fatigue | 0.21 (n=40) | 0.20* (n=38) |
* p < 0.05
"""
    got, verdicts = _cells_and_verdicts(text)
    assert got == [
        ("0.45", "<", "0.05", 40),
        ("0.12", ">", "0.05", 38),
        ("0.21", ">", "0.05", 40),
        ("0.20", "<", "0.05", 38),
    ]
    assert {c.extra["n_source"] for c in _read(text)} == {"cell"}
    assert verdicts == ["consistent", "consistent", "consistent", "decision error"]


def test_cells_printing_r_comma_n_with_stars_after_the_n_and_an_spss_legend_below_are_read():
    """'-0.46, n=62**' (a web table's cell: r, its n, the stars after the n) under an SPSS legend
    a blank line below the table (was: not read). R statcheck 1.5: r(60) = -.15, p > .05 (.245),
    r(60) = -.46, p < .01 (.00017), r(60) = -.28, p < .05 (.0275), r(59) = -.01, p > .05 (.939):
    all consistent."""
    text = """Table 5

Correlation (Spearman) of questionnaire dimensions with SF-36 summaries

| Dimension | MCS | PCS |
|---|---|---|
| Physical mobility | -0.15, n=62 | -0.46, n=62** |
| Eating | -0.28, n=62* | -0.01, n=61 |

* Correlation significant at the 0.05 level; ** Correlation significant at the 0.01 level.
"""
    got, verdicts = _cells_and_verdicts(text)
    assert got == [
        ("-0.15", ">", "0.05", 62),
        ("-0.46", "<", "0.01", 62),
        ("-0.28", "<", "0.05", 62),
        ("-0.01", ">", "0.05", 61),
    ]
    assert verdicts == ["consistent"] * 4


def test_r_comma_n_cells_glued_to_their_row_labels_are_listed_not_garbled():
    """A copy that glued 'Communication' to its first cell ('Communication-0.40, n=61') read the
    label as 'Communication-0.40, n=61' and the next cell under the wrong column: listed as not read."""
    text = """Table 5
Correlation (Spearman) of dimensions with MCS and PCS
MCS PCS
Communication-0.40, n=61  0.03, n=61
Mini-COM-0.30, n=62  0.03, n=62
"""
    found, unparsed = extract_claims(text)
    assert found == [] and "glued to their row labels" in unparsed[0].reason


def test_stars_printed_before_their_p_and_a_symbol_after_the_header_name_are_read():
    """A web table headed "Spearman's rho (ρ)" whose p cells lead with their star ('*0.002',
    '* < 0.001') and whose minus stands apart ('− 0.296'): read before, every row was lost (the
    header was not seen as r's, and star-led cells left a row without values). R statcheck 1.5:
    r(25) = .613, p < .001 (.00067), r(25) = .566, p = .002 (.0021), r(25) = -.296, p = .134
    (.134): consistent."""
    text = """Table 4.
Correlations between NLR and clinical symptoms in FEP patients (n = 27).
| Variables of interest | Spearman's rho (ρ) | p-value |
|---|---|---|
| Clinical symptoms | ||
| PANSS-positive | 0.613 | * < 0.001 |
| PANSS-disorganization | 0.566 | *0.002 |
| Log DUP | − 0.296 | 0.134 |
*Denotes p < 0.05.
"""
    got, verdicts = _cells_and_verdicts(text)
    assert got == [("0.613", "<", "0.001", 27), ("0.566", "=", "0.002", 27), ("-0.296", "=", "0.134", 27)]
    assert verdicts == ["consistent"] * 3


def test_a_row_of_numbers_whose_cells_cannot_be_read_is_listed_not_dropped():
    text = """Table 2. Spearman correlations with NLR in patients (n = 27).
| Variable | rho | p-value |
|---|---|---|
| PANSS-positive | 0.613 | 0.001 |
| PANSS-negative | 0.272 | 0.17 [adj] |
"""
    found, unparsed = extract_claims(text)
    assert [f.claim.r.text for f in found] == ["0.613"]
    assert [u.reason for u in unparsed] == ["1 row(s) printing numbers whose cells could not be read: not read"]


def test_starred_values_glued_to_their_row_labels_are_listed_not_garbled():
    """A copy that glued 'HADS anxiety' to '0.28*' and the next column's label to the value before
    it: read before as two statements whose labels held other cells; listed as not read now."""
    text = """Table 2. Pearson correlations between SIP overall, SGRQ total with other outcome measures (n = 68)
SIP OverallSGRQ Total
HADS anxiety0.28* P a,O2 ns
FEV10.32**SIP communication0.31**
SIP psychosocial dimension0.56*** P a,O2 0.39**
P a,CO2 0.56***
*p<0.05 **p<0.01 ***p<0.001
"""
    found, unparsed = extract_claims(text)
    assert found == [] and "glued to their row labels" in unparsed[0].reason


def test_a_p_in_square_brackets_after_its_coefficient_is_read():
    """'0.45 [0.004]' under 'rho [p]': the table was not read ('header or rows could not be told
    apart'). A decimal in square brackets after a coefficient is its p; '[40]' or an interval
    '[0.16, 0.67]' never is. R statcheck 1.5: r(38) = .45, p = .004 (.0036), r(38) = .30, p = .06
    (.0600): consistent."""
    text = """Table 2. Spearman correlations of IL-6 with symptoms (n = 40)

Score      rho [p]
VAS        0.45 [0.004]
HADS-A     0.30 [0.06]
"""
    got, verdicts = _cells_and_verdicts(text)
    assert got == [("0.45", "=", "0.004", 40), ("0.30", "=", "0.06", 40)] and verdicts == ["consistent"] * 2


def test_a_pipe_row_with_one_value_per_column_group_is_not_read_as_r_and_p():
    """A real PMC table of rs and p under six biomarkers printed its 'Sex' row as six p-values (another
    test's) followed by empty cells: they were read as three (rs, p) pairs under the wrong biomarkers.
    The row is listed as not lining up now; the full rows are read as before."""
    text = (
        "Table 2. The correlations between plasma biomarkers and clinical parameters in the PD group (n = 70)\n"
        "| GFAP | NfL | p-tau181 | |||\n|---|---|---|---|---|---|---|\n"
        "| rs | p value | rs | p value | rs | p value | |\n"
        "| Age | 0.5479 | < 0.0001 | 0.5552 | < 0.0001 | 0.4505 | < 0.0001 |\n"
        "| Sex | 0.1525 | 0.2287 | 0.6082 | |||\n"
        "| HY | 0.3305 | 0.0052 | 0.4941 | < 0.0001 | 0.4245 | 0.0002 |\n"
    )
    found, unparsed = extract_claims(text)
    assert [(f.claim.r.value, f.claim.p.value) for f in found] == [
        (0.5479, 0.0001), (0.5552, 0.0001), (0.4505, 0.0001), (0.3305, 0.0052), (0.4941, 0.0001), (0.4245, 0.0002)
    ]  # fmt: skip
    assert any("1 row(s) whose cells do not line up with the header" in u.reason for u in unparsed)


def test_a_p_column_after_a_regression_coefficient_is_that_estimate_s_p_never_r_s():
    """A real PMC table 'Symptom score Pearson correlation coefficient Regression coefficient P value'
    (cells apart by single spaces) was read with the regression coefficient as r's p ('p = -0.13'),
    and its two rows whose labels carry a star ('* WURSS total') were dropped as notes. With an n in
    the caption, 'r = 0.045, p = 0.18' would have been checked (and accused). Now every row is read,
    the p column is the 'P value' one, and, as it tests the coefficient beside it, none is checked."""
    text = (
        "Table III. IL-8 correlations with ARI symptoms (n = 100)\n\n"
        "Symptom score Pearson correlation coefficient Regression coefficient P value\n"
        "* WURSS total 0.068 0.0072 <0.008\n"
        " Runny nose 0.13 0.18 <0.00001\n"
        " Plugged nose 0.045 0.18 0.003\n"
        " Sneezing −0.024 −0.13 <0.0001\n"
    )
    found, _ = extract_claims(text)
    assert [(f.claim.r.value, f.claim.p.value) for f in found] == [
        (0.068, 0.008), (0.13, 0.00001), (0.045, 0.003), (-0.024, 0.0001)
    ]  # fmt: skip
    v = check_text(text).query("check == 'p vs r and n'")
    assert v["verdict"].eq("not checked").all() and len(v) == 4
    assert v["explanation"].str.contains("follows another estimate's column").all()


def test_a_cell_outside_0_to_1_under_p_is_never_read_as_a_p():
    text = "Table 2. Correlations with pain (n = 40)\n\nMarker  r  p\nIL-6  0.31  -0.13\nTNF  0.42  0.007\n"
    found, _ = extract_claims(text)
    assert [(f.claim.r.value, f.claim.p.value if f.claim.p else None) for f in found] == [(0.31, None), (0.42, 0.007)]
    why = check_text(text).query("check == 'p vs r and n'")["explanation"].tolist()[0]
    assert why == "the cell under the p column ('-0.13') lies outside 0-1: no p-value, not checked"


def test_a_cell_holding_r_with_its_interval_is_read_and_a_row_with_ns_kept():
    """'rho (95% CI)' cells such as '0.40 (0.14 to 0.61)' were taken for row labels: the table was
    read by a fallback, and a row whose p was 'NS' became a row group, its statement lost without
    a note. Each cell is r with its interval now; R: tanh(atanh(0.40) -+ 1.96/sqrt(47)) = [0.137,
    0.610]."""
    text = (
        "Table 3. Spearman correlations with pain (n = 50)\n\n"
        "Marker  rho (95% CI)  p\nIL-6  0.40 (0.14 to 0.61)  0.004\nTNF  0.10 (-0.18 to 0.37)  NS\n"
        "CRP  0.12 (-0.16 to 0.38)  0.41\n"
    )
    found, _ = extract_claims(text)
    assert [(f.claim.x, f.claim.r.value, f.claim.ci_low.value, f.claim.ci_high.value) for f in found] == [
        ("IL-6", 0.40, 0.14, 0.61), ("TNF", 0.10, -0.18, 0.37), ("CRP", 0.12, -0.16, 0.38)
    ]  # fmt: skip
    v = check_text(text).query("check == 'CI vs r and n'")
    assert v["verdict"].tolist() == ["consistent"] * 3 and v["recomputed"].iloc[0] == "[0.137, 0.610]"


def test_a_p_column_before_r_that_follows_a_beta_is_the_beta_s_test():
    """'Marker β SE p r': the p before r was taken as r's own ('p r p r' layout) and r = 0.30 was
    doubted at the caption's 80 (its p = 0.001 tests β)."""
    text = (
        "Table 4. Associations with fatigue (n = 80)\n\nMarker  β  SE  p  r\n"
        "IL-6  0.35  0.10  0.001  0.30\nTNF  0.12  0.11  0.28  0.12\n"
    )
    v = check_text(text).query("check == 'p vs r and n'")
    assert v["verdict"].tolist() == ["not checked", "not checked"]
    assert v["explanation"].str.contains("follows another estimate's column").all()


STARS_ALONE_IN_THEIR_PARAGRAPHS = """Table 2.

Spearman's rank correlation coefficients between serum marker and scores (n = 62).

DAS28 HAQ
Marker 0.488*** 0.327**

DAS28: disease activity score in 28 joints; HAQ: health assessment questionnaire

***

p < 0.001,

**

p < 0.01,

*

p < 0.05
"""


def test_a_legend_whose_three_star_mark_stands_alone_above_its_p_is_read():
    """A web table (session 21) printed its legend one part per paragraph: '***', then 'p < 0.001,'.
    The three-star mark was no note, so the legend was not read ('stars ... no footnote'). R:
    statcheck r(60) = .488, p < .001 (computed 5.7e-05) and r(60) = .327, p < .01 (.0095): consistent."""
    claims = [f.claim for f in extract_claims(STARS_ALONE_IN_THEIR_PARAGRAPHS, "t")[0]]
    assert [(c.r.text, c.p_comparator, c.p.text, c.n) for c in claims] == [
        ("0.488", "<", "0.001", 62), ("0.327", "<", "0.01", 62),
    ]  # fmt: skip
    assert {check_p(c).verdict for c in claims} == {"consistent"}


def test_a_header_word_in_lower_case_continues_the_name_before_it_never_shifts_the_labels():
    """Session 21: 'ESR CRP ... PD syn US7' over rows of eleven values labelled the first row's
    cells one column to the right ('Calprotectin: CRP' for the ESR cell): 'syn' is part of 'PD syn'."""
    text = STARS_ALONE_IN_THEIR_PARAGRAPHS.replace("DAS28 HAQ\nMarker", "DAS28 PD syn\nMarker")
    claims = [f.claim for f in extract_claims(text, "t")[0]]
    assert [(c.x, c.y, c.r.text) for c in claims] == [("Marker", "DAS28", "0.488"), ("Marker", "PD syn", "0.327")]


def test_a_tab_separated_cell_whose_minus_is_printed_apart_from_its_number():
    """before-s22: a web table copied with tabs printed ' − 0.074' in one cell; the row did not line
    up with the header (left unread), or in this layout was misread as r = 0.629 with p = 0.744."""
    text = (
        "Table 4 Correlations between markers and scores\n\n"
        "\tFC\tFIT\tCRP\n\tr\tP\tr\tP\tr\tP\n"
        "Group A (n = 23)\n"
        "Score\t0.285\t0.198\t \u2212 0.074\t0.744\t0.629\t0.002\n"
    )
    found, unparsed = extract_claims(text)
    assert [(f.claim.r.text, f.claim.p.text, f.claim.n) for f in found] == [
        ("0.285", "0.198", 23),
        ("-0.074", "0.744", 23),
        ("0.629", "0.002", 23),
    ]
    assert unparsed == []
