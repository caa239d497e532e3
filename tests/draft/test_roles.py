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


def test_items_answering_on_the_scale_of_a_drafted_rating_are_drafted_alike():
    """NIMH's gad7.tsv: NERVOUS (0-3 observed) was drafted as a rating while WORRY, IRRITATED, RELAX
    (0-2 or 0-1 observed, most answers 0) were only offered: items of one questionnaire, told apart
    by how many answers happened to occur. Whole-number columns within a drafted rating's span, in its
    run of columns, with three answers or more, are drafted alike; a yes/no flag, a column outside the
    span (which also ends the run: N_KIDS after AGE_YEARS) or a count by its name is not (opt.csv's
    'N.living.kids' and 0/1 history flags had been taken for Apgar items by a first version)."""
    import numpy as np

    from biocorr.draft.roles import UNKNOWN, items_alike

    values = {
        "NERVOUS": np.array([0, 1, 2, 3, 0, 0], float),
        "WORRY": np.array([0, 0, 1, 2, 0, 0], float),
        "RELAX": np.array([0, 1, 0, 2, 0, 1], float),
        "FLAG": np.array([0, 1, 0, 0, 0, 1], float),
        "AGE_YEARS": np.array([22, 31, 45, 60, 38, 29], float),
        "N_KIDS": np.array([0, 1, 2, 0, 1, 3], float),
    }
    roles = [
        ("NERVOUS", "score", "guess: whole numbers from 0 to 3 (4 distinct), as a rating gives"),
        ("WORRY", "score", UNKNOWN + " (or delete)"),
        ("RELAX", "score", UNKNOWN + " (or delete)"),
        ("FLAG", "score", UNKNOWN + " (or delete)"),
        ("AGE_YEARS", "score", UNKNOWN + " (or delete)"),
        ("N_KIDS", "score", UNKNOWN + " (or delete)"),
    ]
    out = items_alike(roles, values)
    assert [(n, why.split(":")[0]) for n, _, why in out] == [
        ("NERVOUS", "guess"), ("WORRY", "guess"), ("RELAX", "guess"), ("FLAG", "role unknown"),
        ("AGE_YEARS", "role unknown"), ("N_KIDS", "role unknown"),
    ]  # fmt: skip
    assert "same 0-3 scale as NERVOUS" in out[1][2]
