"""biocorr's p check equals R's statcheck on 600 random correlation statements (issue #25: 'statcheck
agreement 100 % where both read a statement'). The statements and R's verdicts are written by
tests/fixtures/make_reference_statcheck_fuzz.R (seeded)."""

from __future__ import annotations

from biocorr.claims import extract_claims
from biocorr.claims.consistency import check_p
from tests.helpers import read_fixture


def test_every_random_statement_gets_r_statcheck_s_verdict():
    expected = read_fixture("r_statcheck_fuzz.csv")
    assert len(expected) == 600 and expected["verdict"].nunique() == 3  # consistent, inconsistent, decision error
    disagree = []
    for row in expected.itertuples():
        found, unparsed = extract_claims(f"Pain correlated with IL-6 ({row.raw}).")
        assert len(found) == 1 and not unparsed, row.raw
        verdict = check_p(found[0].claim).verdict
        if verdict != row.verdict:
            disagree.append((row.raw, verdict, row.verdict))
    assert disagree == []


def test_an_interval_the_text_says_was_bootstrapped_is_not_held_to_fisher_z():
    """'bootstrapped 95% CI 0.15 to 0.67' beside r = 0.45 at n = 30 was called inconsistent: R's
    Fisher z interval, tanh(atanh(.45) -+ 1.96/sqrt(27)), is [0.107, 0.697], but a bootstrap interval
    need not be. Not checked now; the same interval stated plainly is still held to Fisher z."""
    from biocorr.claims import check_text

    plain = check_text("IL-6 correlated with pain (r = 0.45, 95% CI 0.15 to 0.67, p = 0.013, n = 30).")
    boot = check_text("IL-6 correlated with pain (r = 0.45, bootstrapped 95% CI 0.15 to 0.67, p = 0.013, n = 30).")
    ci = "check == 'CI vs r and n'"
    assert plain.query(ci)["verdict"].tolist() == ["inconsistent"]
    assert plain.query(ci)["recomputed"].tolist() == ["[0.107, 0.697]"]
    assert boot.query(ci)["verdict"].tolist() == ["not checked"]
    assert boot.query("check == 'p vs r and n'")["verdict"].tolist() == ["consistent"]


def test_what_the_text_says_for_all_its_tests_holds_for_its_tables_too():
    """'All tests were one-tailed' and 'bootstrapped intervals' were applied to prose statements only: a
    table's r = 0.30, p = 0.03 at its caption's 40 was still a decision error at two tails (R statcheck
    with OneTailedTxt: .03, consistent) and its interval was held to Fisher z."""
    from biocorr.claims import check_text

    text = (
        "Correlations were tested one-tailed; 95% CIs are bootstrapped.\n\n"
        "Table 2. Correlations with pain (n = 40)\n\nMarker  r (95% CI)  p\nIL-6  0.30 (0.05 to 0.58)  0.03\n"
    )
    v = check_text(text)
    assert v.query("check == 'p vs r and n'")["verdict"].tolist() == ["consistent"]
    assert v.query("check == 'p vs r and n'")["explanation"].iloc[0].startswith("consistent as a one-tailed p")
    assert v.query("check == 'CI vs r and n'")["explanation"].iloc[0].startswith("the text says its intervals")
