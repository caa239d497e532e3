"""Sample sizes printed away from the statement: after the clause, in a trailing 'respectively' list."""

from __future__ import annotations

import pytest

from biocorr.claims import check_text, extract_claims
from biocorr.claims.sample_sizes import repeated_measures, size_candidates


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


def test_number_words_are_read_whole_never_a_suffix():
    """'One hundred thirty-one patients' was read as 31, so eleven correct correlations were accused."""
    from biocorr.claims import check_text
    from biocorr.claims.sample_sizes import words_to_int

    assert [words_to_int(w) for w in ("One hundred thirty-one", "Six hundred and ninety-seven", "twelve")] == [
        131,
        697,
        12,
    ]
    text = "One hundred thirty-one patients completed the survey. Pain correlated with TNF (r = .30, p < .001)."
    v = check_text(text).set_index("check")
    assert v.loc["p vs r and n", "verdict"] == "consistent" and "n = 131" in v.loc["p vs r and n", "explanation"]


def test_a_clause_naming_a_group_takes_that_groups_n():
    """A paragraph with 109 patients and 163 controls: patient correlations were checked at 163."""
    from biocorr.claims import check_text

    text = (
        "We enrolled patients (n = 109) and controls (n = 163). In patients, TNF correlated with pain, "
        "r = .20, p = .037, and in controls it did not, r = .05, p = .53."
    )
    v = check_text(text)
    p_rows = v[v["check"] == "p vs r and n"]
    assert p_rows["verdict"].tolist() == ["consistent", "consistent"]
    assert p_rows["n_source"].tolist() == ["passage (patients)", "passage (controls)"]
    assert p_rows["n_printed"].tolist() == [False, False]


def test_an_inferred_n_that_fails_is_tried_at_every_size_the_passage_gives():
    """The nearest n before the statement belongs to the controls: 'depends on n', not 'inconsistent'."""
    from scipy import stats

    from biocorr.claims import check_text, failing, review_summary

    text = "Patients (n = 109) and controls (n = 163) were studied; TNF correlated with pain, r = .20, p = .037."
    v = check_text(text).set_index("check")
    row = v.loc["p vs r and n"]
    assert row["verdict"] == "depends on n" and not failing(v.reset_index())
    assert "consistent at n = 109 (patients)" in row["explanation"] and "at n = 163" in row["explanation"]
    t109 = 0.20 * (107 / (1 - 0.04)) ** 0.5  # the reference: the t-test of r at each n
    t163 = 0.20 * (161 / (1 - 0.04)) ** 0.5
    assert round(2 * stats.t.sf(t109, 107), 3) == 0.037 and round(2 * stats.t.sf(t163, 161), 3) != 0.037
    assert (
        "0 inconsistent with its printed n or df, 0 at every n the passage allows (n not printed), 0 failing only at "
        "an inferred n, 1 depending"
    ) in review_summary(v.reset_index())
    wrong = "Patients (n = 109) and controls (n = 163) were studied; TNF correlated with pain, r = .20, p = .60."
    checked = check_text(wrong)
    w = checked.set_index("check").loc["p vs r and n"]
    assert w["verdict"] == "fails at inferred n" and not failing(checked)  # worth a look, not an accusation
    # the statement names neither group: both sizes are candidates (since session 22; the nearest, 163,
    # had been taken first and 109 tried after it)
    assert w["explanation"].startswith("would be decision error at every size the passage gives: ")
    assert "several sizes (109 (patients), 163 (controls))" in w["explanation"]
    assert "1 failing only at an inferred n" in review_summary(checked)


def test_a_printed_n_is_a_fact_and_accuses():
    from biocorr.claims import check_text, review_summary

    v = check_text("Patients (n = 109) were studied; TNF correlated with pain, r(161) = .20, p = .037.")
    assert v.set_index("check").loc["p vs r and n", "verdict"] == "inconsistent"  # judged on its df, not on 109
    assert v.set_index("check").loc["df vs n", "verdict"] == "not checked"  # 0.2 accused df 161 against n = 109
    assert "1 inconsistent with its printed n or df" in review_summary(v)


def test_a_sample_size_grouped_by_spaces_is_read_whole():
    """'n = 1 234' was read as n = 1 (then 'too small to check'): a count is read whole or not at all."""
    from biocorr.claims import extract_claims

    for text in ("r = .53, p = .04, n = 1 234.", "r = .53, p = .04, n = 1\u2009234.", "r = .53, p = .04, n = 1,234."):
        (found,), _ = extract_claims(text)
        assert found.claim.n == 1234, text
    (found,), _ = extract_claims("r = .53, p = .04, n = 24 100% of them agreed.")  # 24, then a percentage
    assert found.claim.n == 24


def test_a_p_too_small_for_the_largest_size_in_the_passage_is_still_an_accusation():
    """A pair's own n is at most the passage's largest size, and a smaller n only raises p: a printed
    p below what r allows at that size is wrong whatever the pair's n (the caption's n = 10 here)."""
    from biocorr.claims import check_text, failing

    text = "Twenty patients took part. Pain and IL-6 correlated, r = .25, p = .01."
    v = check_text(text)
    row = v.set_index("check").loc["p vs r and n"]
    assert row["verdict"] == "decision error" and failing(v)
    assert "allows no p this small at any n up to 20" in row["explanation"]
    lenient = check_text("Twenty patients took part. Pain and IL-6 correlated, r = .25, p = .60.")
    assert lenient.set_index("check").loc["p vs r and n", "verdict"] == "fails at inferred n"  # fewer pairs could


def test_groups_the_passage_lists_bound_a_pooled_analysis_by_their_sum():
    """'15 patients with fatigue and 15 without', then r = .64, p = .001: at n = 15 p would be .01,
    but pooled (30) it fits; no accusation on the per-group size (a real paper, collected after tuning)."""
    from biocorr.claims import check_text, failing

    text = (
        "We studied 15 MS patients with marked fatigue and 15 patients without fatigue. "
        "TNF values correlated with daytime sleepiness (r = 0.64, p = 0.001)."
    )
    v = check_text(text)
    row = v.set_index("check").loc["p vs r and n"]
    assert row["verdict"] == "fails at inferred n" and not failing(v)
    from biocorr.claims.sample_sizes import PassageSizes

    assert PassageSizes(text).bound(0) == 30


def test_a_paragraph_without_sizes_takes_the_documents_as_candidates_never_as_facts():
    """A Results paragraph's r with the sample in the Methods paragraph (a real MDD paper, collected
    after tuning: 51 patients and 51 controls; its r fit about 100 pairs, not 51)."""
    from biocorr.claims import check_text, failing
    from biocorr.claims.sample_sizes import PassageSizes

    text = (
        "Fifty-one patients with MDD and 51 healthy controls were studied.\n\n"
        "BDNF correlated with HAMD17 (r = -0.183, p = 0.071). Pain and BDNF, r = .30, p = .033."
    )
    sizes = PassageSizes(text)
    assert {(c.n, c.source) for c in sizes.at(len(text) - 5)} == {(51, "document")}  # patients and controls
    assert sizes.bound(len(text) - 5) == 102
    v = check_text(text).set_index("claim_id")
    p_rows = v[v["check"] == "p vs r and n"]
    assert p_rows["verdict"].tolist() == ["fails at inferred n", "consistent"]  # .30 at 51: p = .032
    assert set(p_rows["n_source"]) == {"document"} and not failing(v.reset_index())


def test_a_group_written_as_its_two_sexes_is_read_as_their_sum():
    """'patients (15F + 15M)' (a real BDNF paper, collected after tuning) is 30 patients."""
    from biocorr.claims import check_text
    from biocorr.claims.sample_sizes import PassageSizes

    text = (
        "Depressed patients (15F + 15M) and healthy controls (15F + 15M) took part. "
        "BDNF was negatively correlated with MADRS scores (r = -0.55; P < 0.02)."
    )
    assert {(c.n, c.label) for c in PassageSizes(text).at(0)} == {(30, "patients"), (30, "controls")}
    row = check_text(text).set_index("check").loc["p vs r and n"]
    assert row["verdict"] == "consistent" and "at n = 30" in row["explanation"]  # R statcheck: consistent at 30


def test_a_word_labelling_a_size_binds_no_statement_unless_it_names_a_group():
    """'with fatigue (n = 27)' labels 27 with 'fatigue'; a statement about the variable fatigue is
    not thereby the 27's. R statcheck 1.5: r(25) = .35, p = .02 (computed .0735) and r(38), the 40
    (.0268), are errors, r(65), both groups, too (.0037), yet some n between 40 and 67 fits: a
    doubt ('depends on n' or 'fails at inferred n'), never the decision error an n bound to the
    27 would make."""
    from biocorr.claims import check_text

    text = "With fatigue (n = 27) and without (n = 40). IL-6 correlated with physical fatigue (r = 0.35, P = 0.02)."
    row = check_text(text).query("check == 'p vs r and n'").iloc[0]
    assert row["verdict"] not in ("inconsistent", "decision error")


def test_a_number_in_a_web_address_is_no_sample_size():
    """'...?id=2519498' above a 'Participants' heading read as 2,519,498 participants; the
    statement then depended on n. R statcheck 1.5: r(48) = .33, p = .02 consistent (.0193)."""
    text = (
        "Source: https://example.org/view?id=2519498\nMethods\nParticipants were 50 adults.\n"
        "Melatonin correlated with sleep (r = .33, p = .02)."
    )
    assert [(c.n, c.label) for c in size_candidates(text, text.find("r ="))] == [(50, "adults")]
    assert check_text(text).set_index("check").loc["p vs r and n", "verdict"] == "consistent"


def test_inpatients_are_the_patients_a_statement_names_when_no_other_group_is_patients():
    """Session 14: '109 inpatients ... and 163 controls', then 'in patients with MDD, r = -0.19,
    p = 0.044': the inpatients are the patients (R statcheck: consistent at 109, not at 163). With
    inpatients and outpatients both sized, 'patients' names neither: the verdict depends on n."""
    text = (
        "Serum X was measured in 109 inpatients with depression and 163 controls. In patients with "
        "depression, X correlated with the total score (r = -0.19, p = 0.044)."
    )
    row = check_text(text).set_index("check").loc["p vs r and n"]
    assert (row["verdict"], row["n_source"]) == ("consistent", "passage (inpatients)")
    text = (
        "X was measured in 109 inpatients and 163 outpatients. In patients, X correlated with the total "
        "score (r = -0.19, p = 0.044)."
    )
    assert check_text(text).set_index("check").loc["p vs r and n", "verdict"] == "depends on n"


def test_a_size_with_two_adjectives_joined_by_and_is_a_size_and_counts_in_the_bound():
    """Session 14: 'fifty healthy obese and overweight subjects' was no size, so a bound of 50 (the
    other group's fifty) made 'r = 0.372, p = 0.001' a definite inconsistency. Both groups count
    now: the bound is 100, at which some n fits (R statcheck: r(76) = 0.372 gives p = .0009), so the
    verdict is a doubt. '30 older and 20 younger adults' counts 50 in the bound, not 20."""
    from biocorr.claims.sample_sizes import PassageSizes

    text = (
        "We enrolled fifty healthy obese and overweight subjects. Fifty healthy lean subjects served as "
        "controls. In the obese group, X correlated with Y (r = 0.372 & p = 0.001)."
    )
    assert PassageSizes(text).bound(text.index("r = 0.372")) == 100
    assert check_text(text).set_index("check").loc["p vs r and n", "verdict"] == "fails at inferred n"
    text = "We studied 30 older and 20 younger adults. X correlated with Y (r = .50, p = .02)."
    assert PassageSizes(text).bound(text.index("r = .50")) == 50


def test_people_excluded_from_a_sample_are_no_sample_of_their_own():
    """Session 14: 'after excluding 4 women' made 4 a candidate size beside the 55 women, so a
    consistent statement became 'depends on n'. R statcheck: r(53) = .40 gives p = .0025."""
    text = (
        "We followed 55 women for eight years. X correlated with the change in score (r = 0.40, p = 0.002); "
        "so it did after excluding 4 women who fell ill (r = 0.34, p = 0.019)."
    )
    v = check_text(text)
    verdicts = v[v["check"] == "p vs r and n"]["verdict"].tolist()
    assert verdicts == ["consistent", "fails at inferred n"]


def test_hyphenated_in_patients_are_a_group_and_a_pooled_n_is_never_ruled_out_by_a_missed_one():
    """after-s16: a passage giving 'N ... in-patients and M healthy subjects' had its patients missed, so
    the bound on any pooled n was M and three statements consistent at N + M were called decision
    errors (written anew here)."""
    text = (
        "Study groups: 31 depressed in-patients and 25 healthy subjects. Inter-variable correlations were found: "
        "NGF-TMT (r = 0.33, p = 0.01), NGF-VFT (r = 0.35, p < 0.01)."
    )
    v = check_text(text).query("check == 'p vs r and n'")
    assert not v["verdict"].isin(["decision error", "inconsistent"]).any()  # consistent at 56, pooled
    assert set(v["verdict"]) == {"fails at inferred n"}
    unknown_noun = text.replace("depressed in-patients", "dialysers")  # a noun no list knows: still in the bound
    v = check_text(unknown_noun).query("check == 'p vs r and n'")
    assert not v["verdict"].isin(["decision error", "inconsistent"]).any()


def test_a_group_named_right_after_a_statements_bracket_is_its_group():
    """'IL-6 went with pain (r = .45, p = .004) in patients, but not with fatigue (r = .10, p = .64)
    in controls': the second statement was bound to the patients named before it (the first
    statement's) and 'depended on n'; the controls named right after its own bracket are its group
    (at 25, p = .63: consistent). A clause that starts anew ('and in controls with fatigue') keeps
    its group before the statement."""
    sizes = "We studied 40 patients and 25 controls. "
    text = sizes + (
        "IL-6 correlated with pain (r = 0.45, p = 0.004) in patients, but not with fatigue (r = 0.10, p = 0.64) "
        "in controls."
    )
    rows = check_text(text).query("check == 'p vs r and n'")
    assert rows["verdict"].tolist() == ["consistent", "consistent"]
    explained = rows["explanation"].tolist()
    assert "at n = 40" in explained[0] and "at n = 25" in explained[1]
    anew = sizes + "In patients, IL-6 went with pain (r = .45, p = .004) and in controls with mood (r = .20, p = .34)."
    assert "at n = 25" in check_text(anew).query("check == 'p vs r and n'")["explanation"].iloc[1]


@pytest.mark.parametrize(
    "design",
    [
        "Patients (N = 405) were evaluated at baseline and at six and 12 months.",
        "We enrolled 405 patients; both eyes were measured.",
        "We enrolled 405 patients (810 eyes).",
        "Samples from 405 patients (1215 samples in all) were analysed.",
    ],
)
def test_visits_eyes_or_samples_lift_the_bound_of_the_subject_count(design):
    """A real abstract (after-s19b): 405 patients seen at three visits, correlations whose p fits
    only more pairs than patients ('r = 0.06; P = 0.03'): called decision errors at the 405 as a
    bound. Visits, eyes and samples counted apart are several observations per subject: a doubt,
    never an accusation."""
    text = design + " TO was weakly correlated with tear film break-up time (r = 0.06; P = 0.03).\n"
    row = check_text(text).set_index("check").loc["p vs r and n"]
    assert row["verdict"] == "fails at inferred n"  # before: 'decision error' (at most 405 pairs)


def test_a_count_of_cases_in_chinese_is_a_sample_size():
    """A real Chinese abstract gave its 112 COPD patients as '共112例' (and 112 controls as '112名'):
    its four correlations went unchecked. R's statcheck, r(110) = .465, p < .001: p = 2.4e-07."""
    text = (
        "选择COPD稳定期患者共112例为研究组,另随机选择同期112名健康体检者为对照组。"
        "血清PA与FEV1%(r = 0.465,P < 0.001)呈正相关。"
    )
    assert [(c.n, c.label) for c in size_candidates(text, 0)] == [(112, "")]
    v = check_text(text).query("check == 'p vs r and n'")
    assert v["verdict"].tolist() == ["consistent"]
    assert v["recomputed"].tolist() == ["2.4e-07 (t approximation, 2-tailed)"]


def test_eyes_counted_in_korean_are_sizes_and_repeated_measures():
    """A real Korean abstract gave '1군 50명(67안)과 2군 40명(91안), 총 90명(158안)' (patients and
    their eyes); its correlations are over the 158 eyes (R's statcheck, r(156) = .05: p = .53, as
    printed), but only the patients were read, so each was doubted at 90. The eyes are sizes now,
    and more eyes than patients lift the patients' bound."""
    text = (
        "1군 50명(67안)과 2군 40명(91안), 총 90명(158안)의 건성안 환자들을 대상으로 하였다. "
        "눈물 삼투압은 증상 점수와 상관이 없었다(r=0.05, p=0.54)."
    )
    assert (158, "eyes") in [(c.n, c.label) for c in size_candidates(text, 0)]
    v = check_text(text).query("check == 'p vs r and n'")
    assert v["verdict"].tolist() == ["consistent"]
    assert "n = 158" in v["explanation"].iloc[0]


def test_a_group_counted_with_its_bare_abbreviation_binds_the_statement_naming_it():
    """'60 patients (30 with RA and 30 with OA)' then 'In the RA group ... (r = 0.52, p = 0.003)':
    only the 60 was a size, so the statement was doubted there (statcheck r(58) = .52: p = 2.1e-05);
    at the RA group's 30 it is consistent (statcheck r(28) = .52: p = .0032)."""
    text = (
        "We enrolled 60 patients (30 with RA and 30 with OA). In the RA group, CRP correlated with DAS28 "
        "(r = 0.52, p = 0.003)."
    )
    assert {(c.n, c.label) for c in size_candidates(text, 0)} >= {(30, "RA"), (30, "OA")}
    v = check_text(text).query("check == 'p vs r and n'")
    assert v["verdict"].tolist() == ["consistent"] and "n = 30" in v["explanation"].iloc[0]


def test_a_duration_before_a_group_noun_is_no_count_of_people():
    """'Samples were taken 4 weeks apart in patients' made 4 a size of patients, so 'r = 0.60,
    p = 0.02' was called a decision error at n = 4 (R's statcheck, r(2) = .60: p = .40). A count
    followed by a unit (weeks, months, mg, visits) counts no one."""
    text = "Samples were taken 4 weeks apart in patients with pain; IL-6 correlated with VAS (r = 0.60, p = 0.02)."
    assert size_candidates(text, 0) == []
    assert check_text(text).query("check == 'p vs r and n'")["verdict"].tolist() == ["not checked"]
    later = "We followed them for 6 months after surgery patients reported pain (r = 0.30, p = 0.01)."
    assert size_candidates(later, 0) == []


@pytest.mark.parametrize(
    "opening",
    [
        "We studied stage 3 patients with chronic kidney disease.",
        "Visit 3 patients completed the HADS.",
        "Group 4 patients received the drug.",
        "Between 2015 and 2019 patients were recruited at two centres.",
    ],
)
def test_a_number_that_labels_or_dates_is_no_count_of_people(opening):
    """'stage 3 patients' made n = 3, and 'r = 0.45, p = 0.001' a decision error whatever its n
    (R's statcheck, r(1) = .45: p = .70); a stage, visit or group number labels, and a year after
    'between ... and' dates: neither counts anyone."""
    text = opening + " FGF23 correlated with phosphate (r = 0.45, p = 0.001)."
    assert size_candidates(text, 0) == []
    assert check_text(text).query("check == 'p vs r and n'")["verdict"].tolist() == ["not checked"]


@pytest.mark.parametrize(
    "opening, r, p",
    [
        ("Two groups of 20 patients were studied. Across all patients,", "0.45", "0.004"),
        ("We enrolled 20 patients in each arm. Across both arms,", "0.45", "0.004"),
        ("Thirty patients were assessed twice. Across both assessments,", "0.30", "0.02"),
    ],
)
def test_counts_per_group_or_per_visit_bound_no_pooled_pairs(opening, r, p):
    """'Two groups of 20 patients' (40 in all) bounded a pooled correlation at 20 and called it
    inconsistent; 'assessed twice' (60 observations) called one a decision error at 30. R's
    statcheck at the pairs they have: r(38) = .45, p = .004 (computed .0036) and r(58) = .30,
    p = .02 (computed .0199), both consistent. Now a doubt at most."""
    text = f"{opening} IL-6 correlated with pain (r = {r}, p = {p})."
    assert repeated_measures(text)
    assert check_text(text).query("check == 'p vs r and n'")["verdict"].tolist() == ["fails at inferred n"]


def test_a_count_after_a_study_word_with_its_determiner_is_still_a_count():
    """The label rule ('stage 3 patients') must not take counts: 'In this study 40 patients' and 'the
    cohort 8 patients' are sizes (a first version dropped them)."""
    for text, n in [("In this study 40 patients were enrolled.", 40), ("In the cohort 8 patients had pain.", 8)]:
        assert [(c.n, c.label) for c in size_candidates(text, 0)] == [(n, "patients")]


def test_counts_followed_by_a_defined_abbreviation_are_group_sizes():
    """'100 children with Crohn's disease (CD) or ulcerative colitis (UC) ... (60 CD, 40 UC)': the
    60 and 40 were not sizes, so a statement of the CD index alone was doubted at the 100 (R,
    statcheck r(98) = .32, p = .003: computed .0012, inconsistent); at the 60 CD it is consistent
    (r(58) = .32, p = .013: .0127). A measure's abbreviation after a count ('12 CRP tests') is no
    group, nor is one the passage does not define."""
    text = (
        "We included 100 children with Crohn's disease (CD) or ulcerative colitis (UC) (60 CD, 40 UC). "
        "Fecal calprotectin correlated with the CD activity index (rs = 0.32, p = 0.013)."
    )
    assert {(c.n, c.label) for c in size_candidates(text, 0)} >= {(60, "CD"), (40, "UC")}
    v = check_text(text).query("check == 'p vs r and n'")
    assert v["verdict"].str.startswith("consistent").tolist() == [True] and "60" in v["explanation"].iloc[0]
    other = "C-reactive protein (CRP) was measured twice in 40 adults, 12 CRP, 5 ESR."
    assert {c.n for c in size_candidates(other, 0)} == {40}


@pytest.mark.parametrize(
    ("opening", "n"),
    [
        ("A total of 102 type 2 diabetes mellitus (T2DM) patients were recruited.", 102),
        ("Twelve male Division I football players took part.", 12),
    ],
)
def test_a_count_with_four_describing_words_or_an_abbreviation_before_its_noun_is_a_size(opening, n):
    """Two real passages (sessions 20 and 21) sized their sample with four words, or a type number
    and an abbreviation, between count and noun: the size was not read and nothing was checked.
    A year, a duration or 'of the' between count and noun still counts no one."""
    assert [c.n for c in size_candidates(opening, 0)] == [n]
    none = ("In 2019 we recruited new adult patients.", "At 6 months after surgery the patients", "3 of the patients")
    for text in none:
        assert size_candidates(text, 0) == []


@pytest.mark.parametrize(
    ("opening", "sizes"),
    [
        ("Of 120 adults screened, 96 were included in the analysis.", {120, 96}),
        ("Out of 274 records of patients with PD, 49 complied with the inclusion criteria.", {274, 49}),
        ("A number of 111 subjects underwent surgery, of which 102 were included.", {111, 102}),
        ("Thirty-one third-year dental undergraduates rated their stress.", {31}),
    ],
)
def test_a_count_that_was_included_or_met_the_criteria_is_a_size(opening, sizes):
    """Real passages (session 21) gave their analysed sample as a count without a noun ('of which 102
    were included', '49 complied with the ... criteria') or a noun not on the list ('undergraduates'):
    the 102 and 49 were missed (the 111 operated explained a verdict), the 31 was no size at all.
    A count of variables or items included ('12 were included in the model') is no sample."""
    assert {c.n for c in size_candidates(opening, 0)} == sizes
    assert {c.n for c in size_candidates("Of 30 candidate variables, 12 were included in the model.", 0)} == set()


def test_a_bracketed_list_of_abbreviated_groups_adding_up_to_the_count_before_it_gives_sizes():
    """'120 patients (80 RA, 40 OA)': undefined abbreviations, but the list adds up to the count it
    follows, so each is a group's size; 'In RA, ... (r = 0.30, p = 0.001)' was checked at the 120
    and called consistent (statcheck r(118) = .30, p = .001: computed .00095), where the RA group
    has 80 at most (r(78) = .30: .0068, inconsistent; no n up to 80 allows p = .001, so the verdict
    holds whatever the pair's own n, as for '80 with RA'). A list that does not add up ('(12 CRP,
    5 ESR)' after 40) gives no sizes."""
    text = "We enrolled 120 patients (80 RA, 40 OA). In RA, CRP correlated with DAS28 (r = 0.30, p = 0.001)."
    assert {(c.n, c.label) for c in size_candidates(text, 0)} >= {(80, "RA"), (40, "OA")}
    v = check_text(text).query("check == 'p vs r and n'")
    assert v["verdict"].tolist() == ["inconsistent"] and "at any n up to 80, the RA" in v["explanation"].iloc[0]
    assert {c.n for c in size_candidates("We saw 40 adults (12 CRP, 5 ESR).", 0)} == {40}


def test_a_group_numbered_in_words_is_no_count_and_whole_participants_are_the_whole_sample():
    """A real abstract (session 21): 'Group one (n = 45) ... group three participants (n = 45)' made
    3 a size ('three participants'). Read right, the 45 took the label 'participants', and 'in whole
    participants (r = 0.28, P < 0.001)' was bound to it and accused (statcheck r(43) = .28: computed
    .063, a decision error), though the whole sample, 135, is meant (r(133) = .28: .00099,
    consistent). A clause naming the whole sample binds to no group: 'depends on n', consistent at
    the 135."""
    text = (
        "A total of 135 subjects enrolled. Group one (n = 45) were patients, group two (n = 45) siblings and "
        "group three participants (n = 45) controls. Sun exposure correlated with vitamin D in whole "
        "participants (r = 0.28, P < 0.001)."
    )
    assert 3 not in {c.n for c in size_candidates(text, 0)}
    v = check_text(text).query("check == 'p vs r and n'")
    assert v["verdict"].tolist() == ["depends on n"] and "consistent at n = 135" in v["explanation"].iloc[0]


def _p_rows(text: str):
    """The 'p vs r and n' rows of ``check_text(text)``, in statement order."""
    verdicts = check_text(text)
    return verdicts[verdicts["check"] == "p vs r and n"]


def test_levels_counted_apart_from_the_patients_bound_no_accusation():
    """before-s22: '470 serum levels from 90 patients' counts observations, not people; two
    statements were called decision errors at the 90 patients (R: inconsistent, not decision
    errors, at the samples' n). The levels mean repeated measures now (no bound), and the two
    bracketed sizes '(n 85)' and '(n 360)' before a statement are both candidates, neither its own."""
    text = (
        "We reviewed 470 serum levels from 90 patients. Levels were lower in relapse (n 85) than in "
        "remission (n 360) (r -0.16, p 0.003). Outside a relapse, levels went with disability (r -0.15, p 0.001)."
    )
    verdicts = _p_rows(text)
    assert verdicts["verdict"].tolist() == ["depends on n", "fails at inferred n"]
    assert "consistent at n = 360" in verdicts["explanation"].iloc[0]


def test_dose_levels_in_words_count_no_observations():
    """Probe after session 22: 'two dose levels' made the text one of repeated measures (no bound),
    so a p impossible at the 25 patients was only doubted; levels count observations in digits only
    ('478 serum levels')."""
    text = "We enrolled 25 patients at two dose levels. IL-6 correlated with pain (r = 0.10, p = 0.0001)."
    assert _p_rows(text)["verdict"].tolist() == ["decision error"]


def test_more_units_than_people_bound_no_accusation_at_the_people():
    """Probe after session 22: '40 patients with 120 lesions' and '300 teeth from 50 children' gave
    accusations at the 40 and the 50, where a per-lesion or per-tooth analysis has up to 120 or 300
    pairs (consistent at some of them); '12 patients in 3 centres' still accuses at 12."""
    texts = [
        "In 40 patients with 120 lesions, lesion volume correlated with EDSS (r = 0.45, p = 0.0001).",
        "We examined 300 teeth from 50 children. Plaque correlated with bleeding (r = 0.30, p = 0.0001).",
        "We studied 12 patients in 3 centres. IL-6 correlated with pain (r = 0.30, p = 0.0001).",
    ]
    verdicts = [_p_rows(t)["verdict"].item() for t in texts]
    assert verdicts == ["fails at inferred n", "fails at inferred n", "decision error"]


def test_a_statements_own_n_is_no_count_of_its_group_for_other_statements():
    """after-s22b: '(r = -0.37, P < 0.05 for men, n = 27 ...)' printed a follow-up subset's n; the next
    sentence's 'r = -0.31, P < 0.05 for men' (its n not printed; 117 men in all) was bound to the 27
    and called a decision error. The 27 is that statement's, a candidate for the other, never a bound."""
    text = (
        "We compared 181 patients on dialysis and 185 controls. Leptin did not differ for the men (dialysis, "
        "n = 117; controls, n = 89) or the women (dialysis, n = 64; controls, n = 96). The ratio went with weight "
        "change (r = -0.37, P < 0.05 for men, n = 27 and r = -0.53, P < 0.005 for women, n = 28). The ratio also "
        "went with the duration of dialysis (r = -0.31, P < 0.05 for men and r = -0.49, P < 0.05 for women)."
    )
    verdicts = _p_rows(text)
    assert verdicts["verdict"].tolist() == ["decision error", "consistent", "fails at inferred n", "consistent"]
    # 'P < 0.05 for women' right after its p names its group (it had been bound to the men named before)
    assert verdicts["n_source"].tolist()[2:] == ["passage (men)", "passage (women)"]


def test_another_statements_bracketed_n_neither_sizes_nor_counts_the_next_one():
    """Probe after session 22: 'In men (n = 30, r = 0.40, p = 0.03) and in women (r = 0.50, p =
    0.0001)' took the men's 30 for the women's statement (from the sentence) and, the 30 counting
    the sample, called it inconsistent; the women's n is printed nowhere."""
    text = "In men (n = 30, r = 0.40, p = 0.03) and in women (r = 0.50, p = 0.0001), IL-6 went with pain."
    assert _p_rows(text)["verdict"].tolist() == ["consistent", "fails at inferred n"]


def test_replicates_per_patient_bound_no_accusation_at_the_patients():
    """Probe after session 22 (the lab's own designs): '3 replicates per patient', 'triplicate
    cultures' and '48 wells' give more pairs than patients; a p impossible at the 24 patients was
    called inconsistent."""
    texts = [
        "We enrolled 24 patients; 3 replicates per patient were assayed. TNF went with IL-6 (r = 0.50, p = 0.0003).",
        "Cells of 14 patients grew in triplicate cultures. TNF mRNA correlated with protein (r = 0.50, p = 0.0003).",
    ]
    verdicts = [_p_rows(t)["verdict"].item() for t in texts]
    assert verdicts == ["fails at inferred n", "fails at inferred n"]


def test_a_respectively_list_of_sizes_labels_each_group_named_before_it():
    """Probe after session 22: 'Patients and controls (n = 40 and 25, respectively)' gave the 40 to
    the controls (the word before the bracket) and no size to the patients, so 'In controls, r = 0.60,
    p = 0.0001' was consistent at 40; at the controls' 25 it is not (R: p from r at 25 is 0.0015)."""
    text = (
        "Patients and controls (n = 40 and 25, respectively) were studied. "
        "In controls, IL-6 correlated with pain (r = 0.60, p = 0.0001)."
    )
    row = _p_rows(text).iloc[0]
    assert (row["verdict"], row["n_source"]) == ("inconsistent", "passage (controls)")
    assert [(c.n, c.label) for c in size_candidates(text, 80)] == [(40, "patients"), (25, "controls")]


def test_a_whole_sample_statement_is_tried_at_its_groups_added_up():
    """Probe after session 22: 'We enrolled 14 patients and 10 controls. In all subjects, r = 0.62,
    p = 0.001' failed at 14 and at 10; at the 24 the statement names it is consistent."""
    text = "We enrolled 14 patients and 10 controls. In all subjects, TNF correlated with pain (r = 0.62, p = 0.001)."
    row = _p_rows(text).iloc[0]
    assert row["verdict"] == "depends on n" and "consistent at n = 24, all of them together" in row["explanation"]
