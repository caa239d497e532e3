"""A statement without its own n, in a passage that gives several sizes: checked at each of them
(biocorr.claims.inferred_n); never an accusation that rests on a guessed n."""

from __future__ import annotations

import pytest


def _p_check(text: str):
    from biocorr.claims import check_text

    rows = check_text(text)
    return rows[rows["check"] == "p vs r and n"].iloc[0]


SIZES = "We enrolled 44 patients and 41 controls (85 participants). "


def test_a_statement_naming_no_group_is_checked_at_every_size_the_passage_gives():
    """(issue #25) It was 'not read' when the passage gave several sizes; now each is tried."""
    row = _p_check(SIZES + "BDNF correlated with severity (r = -0.33, p = 0.03).")
    assert row["verdict"] == "depends on n"  # R statcheck: r(42) = -.33, p = .03 consistent; r(83): error
    assert "consistent at n = 41 (controls), 44 (patients); not at 85 (participants)" in row["explanation"]


def test_consistent_at_every_size_is_consistent_whatever_the_n():
    row = _p_check(SIZES + "IL-10 was related to mood (r = 0.60, p < 0.001).")
    assert row["verdict"] == "consistent" and "consistent at every one of them" in row["explanation"]


def test_failing_at_every_size_accuses_only_when_no_n_could_give_the_p():
    row = _p_check(SIZES + "CRP correlated with pain (r = 0.52, p = 0.40).")
    assert row["verdict"] == "fails at inferred n"  # a larger p than r allows: a smaller n could give it
    row = _p_check(SIZES + "CRP correlated with pain (r = 0.10, p = 0.0001).")
    assert row["verdict"] == "decision error"  # r = .10 gives p > .1 even at 85 + 44 + 41 pairs
    assert "holds whatever the pair's own n" in row["explanation"]


def test_a_statement_naming_no_group_is_the_whole_samples_when_the_groups_add_up_to_it():
    """46 patients, 27 with and 19 without fatigue: r = .35, p = .02 fits 46 (R statcheck 1.5:
    r(44) = .35, p = .02 (.0172) consistent) and not the groups; '46 terminally ill cancer
    patients' (three words between count and noun) is a size."""
    from biocorr.claims import check_text

    text = (
        "We studied 46 terminally ill cancer patients: with fatigue (n = 27) and without (n = 19). "
        "IL-6 correlated with physical fatigue (r = 0.35, P = 0.02)."
    )
    row = check_text(text).query("check == 'p vs r and n'").iloc[0]
    assert row["verdict"] == "consistent" and "n = 46 = 19 + 27" in row["explanation"]


def test_a_statement_failing_at_every_size_shows_the_size_nearest_to_its_p():
    """before-s16: 286 screened and 133 enrolled; r = -0.199, p = 0.026 fails at both, and the
    explanation showed 286 (p = 0.0007) rather than 133 (p = 0.022), the reading nearest the paper's."""
    text = "We screened 300 volunteers and enrolled 130 adults. Fatigue fell with vitamin D (r = -0.199, p = 0.026)."
    row = _p_check(text)
    assert row["verdict"] == "fails at inferred n"
    assert "r = -0.199 with n = 130 gives p between" in row["explanation"]


def test_a_statement_naming_the_whole_group_is_checked_at_the_whole_not_at_a_part():
    """'A total of 111 children (48 girls and 63 boys) ... in the whole study group (r = 0.45;
    p = 0.001)': at the 48 girls p would be .0013 and fit, so it 'depended on n'; the clause names
    the whole group, whose 111 give p < .000001 (R statcheck: inconsistent at 111). A doubt at the
    inferred whole n, never 'depends on n' on a part it does not name."""
    text = (
        "A total of 111 children (48 girls and 63 boys) took part. Ghrelin in the whole study group "
        "correlated with leptin (r = 0.45; p = 0.001)."
    )
    row = _p_check(text)
    assert row["verdict"] == "fails at inferred n" and "names the whole sample, n = 111 = 48 + 63" in row["explanation"]
    assert _p_check(text.replace("in the whole study group", "in girls and boys"))["verdict"] == "depends on n"


def test_groups_never_summed_are_tried_together_before_the_statement_is_doubted():
    """'Eleven ... girls, 17 ... girls, and ... 18 ... women' and a correlation naming none of them:
    r = -0.264, p = 0.076 fits no one group but fits all 46 together, a total the passage never
    prints. Before: 'fails at inferred n' (a wrong doubt); now 'depends on n', saying which n fits.
    R statcheck 1.5: r(44) = -.264, p = .076 (.0763) consistent; r(16): .290, an error."""
    text = (
        "Eleven overweight peri-pubertal girls, 17 overweight pubertal girls, and a control group of 18 overweight "
        "premenopausal women ingested a standard meal. Fasting ghrelin tended to be inversely related to fasting "
        "estradiol (r=-0.264, p=0.076).\n"
    )
    row = _p_check(text)
    assert row["verdict"] == "depends on n"
    assert "consistent at n = 46, all of them together (11 + 17 + 18" in row["explanation"]


@pytest.mark.parametrize(
    ("sizes", "statement"),
    [
        ("The study involved 40 subjects: 20 periodontally healthy subjects and 20 patients. ", "r = 0.49, P < 0.001"),
        ("We studied 152 girls, about 15 girls in each age group. ", "r = 0.225, p < 0.005"),
        ("We enrolled 33 in-patients and 27 healthy subjects. ", "r = 0.49, P < 0.001"),  # patients, or all 60?
    ],
)
def test_sizes_that_may_be_a_whole_and_its_parts_are_never_added_up(sizes, statement):
    """A whole and its parts (40 = 20 + 20), a subset of a whole (15 of 152) or just two groups are
    not summed into a total (60, 167, 60), at which each statement here would fit: a doubt stays."""
    row = _p_check(sizes + f"MMP-8 correlated with the index ({statement}).")
    assert row["verdict"] == "fails at inferred n" and "all of them together" not in row["explanation"]


def test_a_count_after_an_em_dash_is_counted_in_the_bound_so_no_accusation_rests_on_a_part():
    """A real abstract (Diabetes Care) opened its methods with 'METHODS—Twenty-three normal-weight and
    26 obese adolescents': the em dash became a hyphen and hid the 23, so the bound on the pairs was
    26 and 'r = 0.54, P < 0.001' was called inconsistent whatever its n. R's statcheck at the 49
    adolescents together: r(47) = .54 gives p = 6.2e-05, consistent (at 26: 4.4e-03). A doubt now."""
    text = (
        "RESEARCH DESIGN AND METHODS\u2014Twenty-three normal-weight and 26 obese adolescents had fasting "
        "adiponectin measured.\n\nRESULTS\u2014Plasma adiponectin correlated with hepatic insulin sensitivity "
        "(r = 0.54, P < 0.001)."
    )
    from biocorr.claims import check_text, extract_claims

    (found,), _ = extract_claims(text)
    assert found.claim.extra["n_bound"] == 49
    v = check_text(text).query("check == 'p vs r and n'")
    assert v["verdict"].tolist() == ["fails at inferred n"]
    assert v["recomputed"].tolist() == ["0.004406 (t approximation, 2-tailed)"]  # at the 26: statcheck 4.406e-03


def test_a_group_named_in_a_comparison_does_not_override_the_count_the_sentence_opens_with():
    """'In 200 haemodialysis patients, hepcidin was higher than in CKD patients and correlated with
    ferritin (r = 0.30, P < 0.0001)': bound to the CKD group's 83 (a size written '83 patients with
    CKD'), the statement was called inconsistent whatever its n (statcheck r(81) = .30: p = .0058),
    though at its own 200 it is consistent (r(198) = .30: p = 1.6e-05). A count the statement's own
    sentence opens with and a group it names that disagree make the n ambiguous: 'depends on n'."""
    from biocorr.claims import check_text

    text = (
        "In 83 patients with CKD not requiring dialysis, hepcidin correlated with ferritin (r = 0.50, P < 0.001). "
        "In 200 haemodialysis patients, hepcidin levels were higher than in CKD patients and correlated with "
        "ferritin (r = 0.30, P < 0.0001)."
    )
    v = check_text(text).query("check == 'p vs r and n'")
    assert v["verdict"].tolist() == ["consistent", "depends on n"]
    assert "consistent at n = 200" in v["explanation"].iloc[1]


@pytest.mark.parametrize(
    "opening",
    [
        "We studied children with Crohn disease. In all, 12 patients had surgery.",
        "We studied children with Crohn's disease (CD) or ulcerative colitis (UC). In all, 12 CD and 5 UC had surgery.",
    ],
)
def test_no_accusation_when_the_passage_counts_only_a_part_of_its_sample(opening):
    """Probing session 21's new size rules: a passage that never counts its sample, only a part of
    it ('12 patients had surgery'), was accused at a bound of those parts ('no p this small at any n
    up to 12'): the sample may be far larger. Now a doubt, saying the whole sample is not counted.
    An enrolment sentence ('We enrolled 12 patients') still bounds it (R statcheck r(10) = .45,
    p = .0005: computed .14, a decision error at every n up to 12)."""
    row = _p_check(opening + " In CD, FC correlated with PCDAI (r = 0.45, p = 0.0005).")
    assert row["verdict"] == "fails at inferred n" and "no count of its whole sample" in row["explanation"]
    assert _p_check("We enrolled 12 patients. FC correlated with PCDAI (r = 0.45, p = 0.0005).")["verdict"] == (
        "decision error"
    )


@pytest.mark.parametrize("part", ["12 CD and 5 UC had surgery", "12 with CD had surgery"])
def test_a_group_sized_only_by_a_part_of_it_bounds_no_accusation(part):
    """Probing (session 21): 'We enrolled 100 children with CD or UC. In all, 12 with CD had surgery.
    In CD, ... (r = 0.45, p = 0.0005)' was accused at 'any n up to 12, the CD the statement names':
    the 12 are the CD children who had surgery, not the CD group (its size is not printed). A group
    counted where the sample is ('We enrolled 60 with CD') still bounds it (statcheck r(10) = .45,
    p = .0005: computed .14, a decision error at every n up to 12)."""
    text = (
        f"We enrolled 100 children with Crohn's disease (CD) or ulcerative colitis (UC). In all, {part}. "
        "In CD, FC correlated with PCDAI (r = 0.45, p = 0.0005)."
    )
    row = _p_check(text)
    assert row["verdict"] == "fails at inferred n" and "only as a part" in row["explanation"]
    row = _p_check("We enrolled 12 with CD and 5 with UC. In CD, FC correlated with PCDAI (r = 0.45, p = 0.0005).")
    assert row["verdict"] == "decision error"


@pytest.mark.parametrize(
    "text",
    [
        "In this study, 12 patients had surgery. FC correlated with PCDAI (r = 0.45, p = 0.0005).",
        "We enrolled patients over 12 months. Of them, 12 with CD had surgery. "
        "In CD, FC correlated with PCDAI (r = 0.45, p = 0.0005).",
    ],
)
def test_a_study_word_or_a_duration_does_not_make_a_part_the_counted_sample(text):
    """Probing (session 21): 'In this study, 12 patients had surgery' counted as the sample (the word
    'study'), and '12 months' in the enrolment sentence counted the '12 with CD' group; both were
    accused at 12. The sample is counted by an enrolment verb or phrase ('study of 40', 'study
    population'), and a group's size by its number followed by no unit of time."""
    assert _p_check(text)["verdict"] == "fails at inferred n"
    assert _p_check("In a study of 12 patients, FC correlated with PCDAI (r = 0.45, p = 0.0005).")["verdict"] == (
        "decision error"
    )
