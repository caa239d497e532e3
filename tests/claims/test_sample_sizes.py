"""Sample sizes printed away from the statement: after the clause, in a trailing 'respectively' list."""

from __future__ import annotations

from biocorr.claims import extract_claims


def _sizes(text: str):
    found, unparsed = extract_claims(text)
    return [(f.claim.r.text, f.claim.n, f.claim.extra.get("n_source")) for f in found], [u.reason for u in unparsed]


def test_an_n_right_after_the_clause_belongs_to_the_statement():
    assert _sizes("Pain and CRP correlated, r = .45, p = .02; n = 30.")[0] == [(".45", 30, "sentence")]
    # an n after another statement's clause is that statement's
    found, _ = _sizes("Pain and CRP, r = .52, p = .01; fatigue and CRP, r = .40, p = .03, n = 30.")
    assert found[1] == (".40", 30, "statement")


def test_a_trailing_respectively_list_of_sizes_goes_to_the_statements_in_order():
    text = (
        "IL-6 and pain in patients (r = .48, p = .08) but not in controls (r = .05, p = .89); "
        "n = 14 and n = 10, respectively."
    )
    found, unparsed = _sizes(text)
    assert found == [(".48", 14, "sentence"), (".05", 10, "sentence")] and unparsed == []


def test_a_list_that_does_not_match_the_statements_is_not_guessed():
    text = (
        "IL-6 and pain (r = .48, p = .08), fatigue (r = .30, p = .20) and mood (r = .05, p = .89); "
        "n = 14 and n = 10, respectively."
    )
    found, _ = _sizes(text)
    assert all(n is None for _, n, _ in found)
