"""t, F, χ², z and Q statements: extraction and verdicts equal R statcheck 1.4 on the same text.

Reference: tests/fixtures/r_statcheck_tests.csv, written by
tests/fixtures/make_reference_statcheck.R (statcheck on statcheck_tests_corpus.md).
"""

from __future__ import annotations

import re

import pytest

from biocorr.claims import check_text
from biocorr.claims.stat_statements import check_statement, extract_test_statements, statistic_p
from biocorr.cli import main
from tests.helpers import FIXTURES, read_fixture

CORPUS = (FIXTURES / "statcheck_tests_corpus.md").read_text(encoding="utf-8")
TYPES = {"t": "t", "F": "F", "Chi2": "chi2", "Z": "z", "Q": "Q"}


def _key(text: str) -> str:
    return re.sub(r"\s+", "", text.replace("\u2212", "-"))


def _statcheck_verdict(row) -> str:
    return "decision error" if row.decision_error else ("inconsistent" if row.error else "consistent")


def test_every_statement_statcheck_reads_is_read_with_the_same_numbers_and_verdict():
    expected = read_fixture("r_statcheck_tests.csv")
    ours = {_key(s.raw): s for s in extract_test_statements(CORPUS, "corpus")}
    assert len(ours) == len(expected) == 52
    for row in expected.itertuples():
        s = ours[_key(row.raw)]
        assert s.test == TYPES[row.test_type], row.raw
        df1 = None if row.df1 != row.df1 else row.df1  # NaN: no df1
        df2 = None if row.df2 != row.df2 else row.df2
        assert (s.df1, s.df2) == (df1, df2), row.raw
        assert s.value.value == pytest.approx(row.test_value, abs=1e-15) and s.comparator == row.test_comparison
        assert s.p.value == pytest.approx(row.reported_p, abs=1e-15) and s.p_comparator == row.p_comparison
        assert statistic_p(s.test, s.value.value, s.df1, s.df2) == pytest.approx(row.computed_p, rel=1e-12, abs=1e-300)
        assert check_statement(s).verdict == _statcheck_verdict(row), (row.raw, check_statement(s).explanation)


def test_verdicts_cover_every_branch():
    expected = read_fixture("r_statcheck_tests.csv")
    verdicts = [check_statement(s).verdict for s in extract_test_statements(CORPUS)]
    counts = {v: verdicts.count(v) for v in ("consistent", "inconsistent", "decision error")}
    assert counts == {v: [_statcheck_verdict(r) for r in expected.itertuples()].count(v) for v in counts}
    assert min(counts.values()) >= 5


def test_one_tailed_and_ns_and_comparators():
    (s,) = extract_test_statements("With a one-tailed test, t(38) = 1.70, p = .048.")
    assert s.tails == 1 and check_statement(s).verdict == "consistent"
    (s,) = extract_test_statements("A difference, t(38) = 1.70, p = .048.")
    result = check_statement(s)
    assert result.verdict == "decision error" and "consistent as a one-tailed p (0.0486" in result.explanation
    (s,) = extract_test_statements("The effect was not significant, F(1, 40) = 1.10, ns.")
    assert s.p_comparator == "ns" and check_statement(s).verdict == "consistent"
    (s,) = extract_test_statements("F(1, 40) = 9.10, ns.")
    assert check_statement(s).verdict == "decision error"
    (s,) = extract_test_statements("All tests t(30) < 1, p > .30.")
    assert s.comparator == "<" and check_statement(s).verdict == "consistent"
    (s,) = extract_test_statements("χ²(2, N = 1,024) = 6.10, p = 2.1 × 10⁻²")
    assert s.n == 1024 and s.p.exponent == -2 and s.p.value == pytest.approx(0.021)


def test_not_statements():
    """Words and symbols that only look like statistics are not read; a statistic without p is listed."""
    text = "The t-test (Welch) was used; at time t(0) the F-score was high; z-scores; Qi = 3; z = 0.5 mm."
    assert extract_test_statements(text) == []
    assert extract_test_statements("The ratio F/M was 3.") == []
    (s,) = extract_test_statements("F(1, 40) = 4.2")
    assert check_statement(s).verdict == "not checked"


def test_check_text_and_the_cli_read_both_kinds(tmp_path, capsys):
    table = check_text("TNF and pain, r(12) = .53, p = .049. Groups differed, t(22) = 2.00, p < .05.")
    assert set(table["check"]) >= {"p vs r and n", "p vs t and df"}
    row = table[table["check"] == "p vs t and df"].iloc[0]
    assert row["verdict"] == "decision error" and row["raw"] == "t(22) = 2.00, p < .05"
    path = tmp_path / "paper.txt"
    path.write_text("Patients had higher TNF-α, t(22) = 2.45, p = .023.\n", encoding="utf-8")
    assert main(["check", "--text", str(path), "--out", str(tmp_path / "out")]) == 0
    assert "0 correlation statement(s) and 1 t/F/χ²/z/Q statement(s) found" in capsys.readouterr().out
    path.write_text("Patients had higher TNF-α, t(22) = 2.45, p = .23.\n", encoding="utf-8")
    assert main(["check", "--text", str(path), "--out", str(tmp_path / "out2")]) == 1


def test_decimal_commas_and_a_p_after_a_semicolon_are_read_not_misread_as_a_smaller_statistic():
    (t,) = extract_test_statements("t(22) = 2,50; p = 0,02.")
    assert (t.value.value, t.value.decimals, t.p.value) == (2.5, 2, 0.02)
    assert check_statement(t).verdict == "consistent"  # R: 2 * pt(-2.5, 22) = .0203
    (c,) = extract_test_statements("χ2(1, N = 1,234) = 5,12, p = 0,024.")
    assert (c.value.value, c.n, c.p.value) == (5.12, 1234, 0.024)  # R: pchisq(5.12, 1, lower = FALSE) = .0237
    (f,) = extract_test_statements("F(1, 22) = 1,234.5, p < .001.")
    assert f.value.value == 1234.5  # three digits after the comma: a thousands separator


@pytest.mark.parametrize(
    "text, verdict, words",
    [
        ("Groups differed, t(28) = 1e400, p = .04.", "not checked", "not a finite number"),  # 0.2 read t = 1
        ("Effect: z = 1e5, p = .30.", "decision error", "z = 1e5 gives p between 0 and 0"),  # 0.2: z = 1, consistent
        ("F(0, 20) = 4.1, p = .05.", "not checked", "df must be positive"),  # 0.2: p in [nan, nan], consistent
        ("Groups differed, t(-3) = 2.1, p = .04.", "not checked", "df must be positive"),  # 0.2: vanished
        ("Groups differed, t(28) = 2.2\u200b0, p = .0\u200b36.", "consistent", "rounds to 2.20"),  # zero-width spaces
    ],
)
def test_numbers_are_read_whole_or_the_statement_is_not_checked_with_its_reason(text, verdict, words):
    v = check_text(text)
    assert v["verdict"].tolist() == [verdict] and words in v["explanation"].iloc[0]


def test_a_failing_test_statement_counts_as_failing_at_its_printed_df():
    """t(29) = -2.94, p = .023 (R statcheck 1.5: computed .00638, inconsistent): its df is printed,
    so the summary counts it with the printed ones, not among those at an inferred n."""
    from biocorr.claims import review_summary

    verdicts = check_text("Girls scored higher than boys; t(29) = −2.94, df = 29, p =.023.")
    assert verdicts.query("check == 'p vs t and df'")["verdict"].tolist() == ["inconsistent"]
    assert review_summary(verdicts).startswith("1 statement read: 1 inconsistent with its printed n or df, 0 at")
