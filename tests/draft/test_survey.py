"""guess_role: a role only on evidence (whole-number ratings are scores; codes and counts are not)."""

from __future__ import annotations

import numpy as np
import pytest

from biocorr.draft.survey import RATING_SPAN, guess_role, survey_columns


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
        ("Tablets", [1, 2, 3, 4, 5, 8, 10, 12, 20, 40] * 2),  # whole numbers over a wide span: not a rating
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


@pytest.mark.parametrize("name", ["Dose", "daily_dose_mg", "Dosage", "AMI dose (mg/day)"])
def test_a_dose_is_the_exposure_drafted_where_a_biomarker_goes(name):
    """The amitriptyline trial's Dose (25-125 mg) was a score of unknown role whose 25s were called
    'the floor of a whole-number scale', and PainDoseReg.csv's draft left it out, though the file
    is there to relate pain to the dose. A dose is the exposure: the x side of each correlation,
    where a biomarker goes; its smallest dose is no floor or detection limit."""
    role, why = guess_role(name, np.array([25, 50, 75, 100, 125] * 3 + [25] * 10, float))
    assert (role, why) == ("biomarker", "guess: name says a dose, the exposure (correlated with the scores)")
    assert guess_role("Dosimetry_flag", np.array([0, 1] * 8, float))[0] != "biomarker"


def test_the_span_bound_is_inclusive():
    wide = np.arange(0, RATING_SPAN + 1, dtype=float)
    assert guess_role("x", wide)[1].startswith("guess: whole numbers")
    assert guess_role("x", np.append(wide, RATING_SPAN + 1))[1].startswith("role unknown")


def test_a_column_that_is_another_rescaled_is_one_variable_twice_and_not_drafted():
    """Dose.csv of the amitriptyline trial holds Dose (mg) and Tablets (Dose / 25): drafted both, they
    correlated at r = 1.0 in every subset. A reversed item is the same variable too; a column equal
    on other rows only is not; a column whose name says what it is stays (two variables, however
    made-up the values), and so do the last two numeric columns (the draft must run)."""
    from biocorr.data.read import read_text_table
    from biocorr.draft.survey import survey_columns

    rng = np.random.default_rng(4)
    dose = rng.choice([25, 50, 75, 100], 30)
    q7 = rng.integers(0, 11, 30)
    weight = rng.normal(70, 9, 30).round(1)
    rows = [
        f"s{i},{dose[i]},{dose[i] // 25},{q7[i]},{10 - q7[i]},{weight[i]},{'' if i == 3 else weight[i] * 2.2046},"
        f"{i * 1.5},{i * 3}"
        for i in range(30)
    ]
    s = survey_columns(read_text_table("id,Dose,Tablets,Q7,Q7_rev,kg,lb,TNF,VAS\n" + "\n".join(rows) + "\n"))
    assert s.numeric == ["Dose", "Q7", "kg", "lb", "TNF", "VAS"]  # lb misses row 3; TNF and VAS are named
    why = dict(s.skipped)
    assert why["Tablets"] == "the same variable as 'Dose' on every row (Tablets = 0.04 × Dose): one variable twice"
    assert why["Q7_rev"] == "the same variable as 'Q7' on every row (Q7_rev = -1 × Q7 + 10): one variable twice"
    two = read_text_table("id,x,y\n" + "".join(f"s{i},{i * i},{2 * i * i}\n" for i in range(12)))
    assert survey_columns(two).numeric == ["x"]
    from biocorr.draft.study import draft_spec

    drafted = draft_spec(two)
    assert 'column = "x"' in drafted and 'column = "y"' in drafted  # put back: the draft must run
    # and says so where the analyst reads it: the pair's r is 1 by construction
    assert "# the same variable as 'x' on every row (y = 2 × x): one variable twice, kept only so" in drafted


@pytest.mark.parametrize(
    ("name", "values", "coded"),
    [
        ("CURRENT_GENDER", [0, 1, 2, 0, 0, 1] * 3, True),  # NIMH demographics: drafted as a score before
        ("LGBT_IDENTITY", [0, 0, 0, 1] * 4, True),
        ("RACE_1", [1, 2, 3, 4, 5, 6, 7], True),  # fewer than ten values: still the codes of a category
        ("PARTICIPATE_NIH_STUDY", [0, 1] * 6, True),
        ("N.living.kids", [0, 1, 2, 3, 4] * 3, False),  # a count of children, no code
        ("ZIP_CODE", list(range(10001, 10031)), False),  # thirty distinct: no list of categories
        ("NYHA_class", [1, 2, 3, 4] * 4, False),  # ordered grades of severity, not categories
    ],
)
def test_whole_numbers_a_category_name_codes_are_a_categorical_covariate_offered(name, values, coded):
    role, why = guess_role(name, np.array(values, float))
    assert (role == "covariate" and why.startswith("role unknown: whole numbers coding a category")) == coded


def test_a_checklist_of_alike_answers_gives_no_group():
    """The amitriptyline trial's side-effect checklist (Placebo.DryMouth 'No'/'Dry', Placebo.Drowsy
    'No'/'Drowsy', ...) had its first item drafted as the study's group ('few distinct values'); a
    history of Yes/No answers gave 'Female'. Items answering alike are a questionnaire, not groups;
    a column named as a group ('Responder' beside them) still is."""
    from biocorr.data.read import read_text_table

    rows = ["ID,DryMouth,Drowsy,ChestPain,Pain"] + [
        f"E{i:02d},{'Dry' if i % 3 else 'No'},{'Drowsy' if i % 4 else 'No'},{'Chest' if i % 5 == 0 else 'No'},{i % 9}"
        for i in range(24)
    ]
    assert survey_columns(read_text_table("\n".join(rows) + "\n")).group_col is None
    rows = ["ID,Responder,ART,Employed,Educated,CD4"] + [
        f"E{i:02d},{'Responder' if i % 2 else 'Non.responder'},{'Yes' if i % 3 else 'No'},"
        f"{'Yes' if i % 4 else 'No'},{'No' if i % 5 else 'Yes'},{200 + 7 * i}"
        for i in range(24)
    ]
    assert survey_columns(read_text_table("\n".join(rows) + "\n")).group_col == "Responder"
