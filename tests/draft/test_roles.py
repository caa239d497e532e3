"""Roles when evidence is short (issue #27): what a spec needs is drafted with its reason, a
yes/no flag last and said to give the phi coefficient; the rest is offered, never guessed."""

from __future__ import annotations

from biocorr.draft.roles import UNKNOWN, at_least_one_biomarker, on_evidence, unknown_roles_offered


def test_two_scores_are_drafted_from_unknown_columns_coded_answers_before_flags():
    roles = [("flag_a", "score", UNKNOWN), ("age", "covariate", "guess"), ("code_b", "score", UNKNOWN),
             ("flag_c", "score", UNKNOWN)]  # fmt: skip
    drafted, advice = at_least_one_biomarker(roles, False, yes_no={"flag_a", "flag_c"})
    promoted = [name for name, role, why in drafted if role == "score" and not why.startswith(UNKNOWN)]
    assert promoted == ["flag_a", "code_b"]  # in file order: code_b first by preference, then one flag
    assert "phi coefficient" in {n: w for n, _, w in drafted}["flag_a"]
    assert "phi coefficient" not in {n: w for n, _, w in drafted}["code_b"]
    assert advice[0].startswith("# No column looks like a biomarker: this draft correlates the scores")


def test_with_scores_on_evidence_or_a_biomarker_nothing_is_promoted():
    roles = [("VAS", "score", "guess: name"), ("HADS", "score", "guess: name"), ("Q", "score", UNKNOWN)]
    drafted, advice = at_least_one_biomarker(list(roles), False, yes_no=())
    assert drafted == roles and "correlates the scores with each other" in advice[0]
    with_biomarker = [("TNF", "biomarker", "guess")] + roles[2:]
    assert at_least_one_biomarker(list(with_biomarker), False) == (with_biomarker, [])
    drafted, offered = unknown_roles_offered(with_biomarker)
    assert [n for n, r, w in drafted if r == "score"] == ["Q"] and offered == []
    assert on_evidence(("score", "guess: name"), "score") and not on_evidence(drafted[1][1:], "score")
