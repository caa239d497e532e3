"""Statements that look like a correlation but are not a checkable one are listed with why, never
checked (issue #25, session 20)."""

from __future__ import annotations

from biocorr.claims import check_text, extract_claims


def test_r_with_2_in_brackets_is_r_squared_as_pubmed_prints_it_never_checked_at_df_2():
    """A real abstract (342 outpatients) printed r² as 'r(2) = 0.008, P = .15' (PubMed flattens the
    superscript). Read as df 2 it was called inconsistent (R's statcheck on 'r(2) = .008': p = .992);
    it is listed as a squared correlation now. An r with a real df beside it is still checked
    (statcheck, r(38) = .45: p = .0036)."""
    text = (
        "We studied 342 outpatients. BNP and KCCQ were not correlated (r(2) = 0.008, P = .15). "
        "Pain correlated with IL-6 (r(38) = .45, p = .004)."
    )
    found, unparsed = extract_claims(text)
    assert [(f.claim.r.value, f.claim.df) for f in found] == [(0.45, 38)]
    assert [u.text for u in unparsed] == ["r(2) = 0.008"]
    assert unparsed[0].reason.startswith("'r(2)' is r² with its superscript lost")
    v = check_text(text).query("check == 'p vs r and n'")
    assert v["verdict"].tolist() == ["consistent"]
    assert v["recomputed"].tolist() == ["0.003575 (t approximation, 2-tailed)"]  # statcheck: 3.575e-03
