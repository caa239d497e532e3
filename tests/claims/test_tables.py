"""Correlation tables in text: every layout of the fixture read cell by cell, n and method attached."""

from __future__ import annotations

from biocorr.claims import check_claims, extract_claims
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
