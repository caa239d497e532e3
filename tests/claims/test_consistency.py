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
