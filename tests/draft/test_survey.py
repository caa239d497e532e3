"""guess_role: a role only on evidence (whole-number ratings are scores; codes and counts are not)."""

from __future__ import annotations

import numpy as np
import pytest

from biocorr.draft.survey import RATING_SPAN, guess_role


@pytest.mark.parametrize(
    ("name", "values", "evidence"),
    [
        ("T1", [8, 5, 10, 10, 6, 8, 6, 6, 10, 7, 0, 3], "whole numbers from 0 to 10 (7 distinct)"),
        ("Delta.Ami", [-3, 0, 2, -9, 1, 4, 0, -1, -5, 10, 2, 0], "whole numbers from -9 to 10 (9 distinct)"),
        ("NERVOUS", [0, 1, 2, 3] * 4, "whole numbers from 0 to 3 (4 distinct)"),
    ],
)
def test_whole_numbers_over_a_short_span_are_a_rating_score(name, values, evidence):
    role, why = guess_role(name, np.array(values, float))
    assert role == "score" and why.startswith("guess: " + evidence)


@pytest.mark.parametrize(
    ("name", "values"),
    [
        ("Dose", [25, 50, 75, 100, 125] * 3),  # whole numbers over 100 mg: not a rating
        ("RACE_1", [1, 2, 3, 4, 5] * 3),  # the codes of a category
        ("N.extractions", [0, 1, 2, 3, 5, 8] * 2),  # a count
        ("flag", [0, 1, 2] * 5),  # three values: as likely codes as a rating
        ("PARTICIPATE_STUDY_2", [0, 1, 2, 3] * 4),  # an answer about a study (NIMH demographics): coded
        ("ratio", [0.5, 1.25, 2.0, 3.5] * 3),  # not whole numbers
        ("Q", [1, 2, 3, 4]),  # too few values to judge
    ],
)
def test_codes_counts_and_wide_or_few_values_stay_of_unknown_role(name, values):
    assert guess_role(name, np.array(values, float))[1].startswith("role unknown")


def test_the_span_bound_is_inclusive():
    wide = np.arange(0, RATING_SPAN + 1, dtype=float)
    assert guess_role("x", wide)[1].startswith("guess: whole numbers")
    assert guess_role("x", np.append(wide, RATING_SPAN + 1))[1].startswith("role unknown")
