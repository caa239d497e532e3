"""Formats real papers print that reviewer mode did not read (issue #25's list): the symbol in
brackets, 'r:', a subscript df, p before r, one p for a list, a t with its df glued on, a χ² whose
df follows its value with decimal commas. Each is read and checked as statcheck would check the
same numbers in APA form (``r(df) = ..., p = ...``). R statcheck 1.5 on those forms: t(38) = 2.10,
p = .04 (computed .0424), χ2(4) = 9.49, p = .050 (.04995), r(38) = .327, p = .04 (.0394),
r(38) = .46, p = .003 (.00282), r(28) = .52, p = .003 (.00323), r(28) = .41, p < .05 (.0244): no
error, no decision error."""

from __future__ import annotations

import pytest

from biocorr.claims import check_text, extract_claims

CASES = [
    # text, the claim's check, verdict, reported p
    ("In 40 patients, IL-6 correlated with pain (rs)=0.327, p=0.04.", "p vs r and n", "consistent", "p = 0.04"),
    ("In 40 patients, TNF correlated with fatigue r: 0.46, p = 0.003.", "p vs r and n", "consistent", "p = 0.003"),
    ("In 30 patients, IL-8 was associated with anxiety (p = 0.003, r = 0.52).", "p vs r and n", "consistent",
     "p = 0.003"),
    ("In 40 patients, pain differed, t38 = 2.10, p = .04.", "p vs t and df", "consistent", "p = .04"),
    ("The association was significant, χ2 = 9,49 (df = 4; p = 0,050).", "p vs χ² and df", "consistent", "p = 0,050"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "check", "verdict", "reported"), CASES)
def test_the_format_is_read_and_checked(text, check, verdict, reported):
    rows = check_text(text)
    row = rows[rows["check"] == check].iloc[0]
    assert (row["verdict"], row["reported"]) == (verdict, reported)


def test_a_subscript_df_is_the_statements_df_and_p_000_is_flagged_as_statcheck_does():
    """R: statcheck("r(38) = .81, p = .000") gives error TRUE (a p is never exactly 0), decision error FALSE."""
    rows = check_text("In 40 patients, CRP correlated with pain, r_(38) = 0.81, p_ = 0.000.").set_index("check")
    assert rows.loc["p vs r and n", "verdict"] == "inconsistent"
    assert "never exactly 0" in rows.loc["p vs r and n", "explanation"]
    assert rows.loc["df vs n", "verdict"] == "not checked"  # the 40 is the passage's, df 38 the statement's


def test_one_p_for_a_list_is_each_members_and_a_p_after_the_sentence_is_not():
    rows = check_text("In 30 patients, IL-6 (r = 0.41), TNF (r = 0.45) and CRP (r = 0.47) correlated with pain "
                      "(all p < 0.05).")  # fmt: skip
    checks = rows[rows["check"] == "p vs r and n"]
    assert checks["verdict"].tolist() == ["consistent"] * 3 and checks["reported"].eq("p < 0.05").all()
    rows = check_text("In 30 patients, IL-6 correlated with pain (r = 0.41). All p < 0.05 were starred.")
    assert rows[rows["check"] == "p vs r and n"]["verdict"].tolist() == ["not checked"]


def test_p_before_r_is_taken_only_inside_the_statements_own_brackets():
    rows = check_text("In 30 patients, group differences were large (p = 0.001). Pain and IL-8 (r = 0.52) correlated.")
    assert rows[rows["check"] == "p vs r and n"]["verdict"].tolist() == ["not checked"]


# Session 12 (issue #25). R statcheck 1.5: r(38) = .43, p = .006 (computed .00562) consistent;
# r(72) = -.651, p < .001 (3.4e-10) and r(72) = -.611, p < .001 (7.4e-9) consistent;
# r(28) = .509, p < .001 (.00407) inconsistent; r(43) = .509, p < .001 (.000356) consistent.


def test_p_with_a_colon_before_r_in_its_brackets_is_read():
    rows = check_text("In 40 patients, CRP went with tiredness (P: 0.006, r = 0.43).")
    row = rows[rows["check"] == "p vs r and n"].iloc[0]
    assert (row["verdict"], row["reported"], row["recomputed"][:6]) == ("consistent", "p = 0.006", "0.0056")


def test_one_p_in_its_own_brackets_after_a_list_of_bracketed_coefficients_is_each_members():
    text = "We enrolled 74 patients. Wellbeing fell with worry (r = -0.651) and mood (r = -0.611) scores (p < 0.001)."
    rows = check_text(text).query("check == 'p vs r and n'")
    assert rows["verdict"].tolist() == ["consistent", "consistent"]
    assert rows["reported"].tolist() == ["p < 0.001", "p < 0.001"]


def test_a_lone_p_after_a_contrast_is_not_shared():
    text = "We enrolled 74 patients. Wellbeing fell with worry (r = -0.151) but not with mood (r = -0.611) (p < 0.001)."
    rows = check_text(text).query("check == 'p vs r and n'")
    assert rows.iloc[0]["verdict"] == "not checked"  # no p of its own and the list is broken by 'but'


def test_a_group_the_sentence_names_after_the_statement_bounds_its_n():
    """30 patients and 15 controls; 'among the patients' after the statement: n is at most 30, and
    r = .509 allows no p below .004 there, so 'p < .001' is inconsistent (R: r(28), .00407). Without
    the group named, the pooled 45 (r(43): .000356) would fit: not an accusation, a doubt."""
    setting = "We studied 30 patients and 15 healthy controls. "
    named = check_text(setting + "Fatigue went with ESR (r = 0.509, p < 0.001) among the patients.")
    unnamed = check_text(setting + "Fatigue went with ESR (r = 0.509, p < 0.001).")
    row = named.query("check == 'p vs r and n'").iloc[0]
    assert (row["verdict"], row["n_source"], bool(row["n_printed"])) == ("inconsistent", "passage (patients)", False)
    assert "the patients the statement names" in row["explanation"]
    assert unnamed.query("check == 'p vs r and n'").iloc[0]["verdict"] == "fails at inferred n"


def test_srcc_is_a_spearman_coefficient_and_a_subset_of_the_sample_is_another_candidate():
    """25 patients, 21 of them with long pain: SRCC = .24, p = .248 fits 25 (R: r(23), .2479) and not
    21 (r(19), .2947): 'depends on n', never an accusation."""
    text = "We enrolled 25 patients; of them, 21 patients had pain for months. The scales agreed (SRCC=0.240, p=0.248)."
    row = check_text(text).query("check == 'p vs r and n'").iloc[0]
    assert (row["verdict"], row["reported"]) == ("depends on n", "p = 0.248")
    assert "consistent at n = 25" in row["explanation"]


def test_adolescents_and_students_are_a_sample():
    """27 adolescents; r = -.44, p < .05 (R: r(25), .0216) consistent."""
    row = check_text("We studied 27 adolescents. Cortisol fell with optimism (r=−0.44, p<0.05).").iloc[0]
    assert (row["check"], row["verdict"]) == ("p vs r and n", "consistent")


def test_rho_printed_as_p_is_read_where_the_sentence_names_spearman_and_never_accused():
    """A PDF's text gives ρ as 'p': '(p = 0.45, p = 0.004)' in a sentence naming Spearman is
    rho = .45 with p = .004 (R statcheck 1.5: r(38) = .45, p = .004 (.00358) consistent). With
    p = .0004 it would be inconsistent (.00358): a doubt, since the symbol is a guess."""
    text = "In 40 patients, the Spearman correlation of IL-6 with pain was significant (p = 0.45, p = 0.004)."
    row = check_text(text).query("check == 'p vs r and n'").iloc[0]
    assert (row["verdict"], row["reported"]) == ("consistent", "p = 0.004")
    doubt = check_text(text.replace("0.004", "0.0004")).query("check == 'p vs r and n'").iloc[0]
    assert doubt["verdict"] == "fails at inferred n" and "printed as 'p'" in doubt["explanation"]
    no_spearman = check_text("In 40 patients, IL-6 and pain differed (p = 0.45, p = 0.004).")
    assert no_spearman.query("check == 'p vs r and n'").empty


def test_a_size_per_group_in_words_and_females_are_sample_sizes():
    """'One hundred females ... fifty in each group': r = .31, p < .05 fits 50 (R: r(48), .0284)
    and 100; no n was found before, so nothing was checked."""
    text = (
        "One hundred females took part, fifty in each group. Bone density went with weight "
        "(r= 0.50, p<0.05; r= 0.31, p<0.05) in both groups."
    )
    verdicts = check_text(text).query("check == 'p vs r and n'")["verdict"].tolist()
    assert verdicts == ["consistent", "consistent"]


def test_markup_left_by_a_web_page_and_a_statement_glued_to_a_number_are_read():
    """'P < /em>=0.012' is p = .012 (R statcheck 1.5: r(239) = -.162, p = .012 (.0118) consistent);
    'p<0.01r= -0.57' holds two statements."""
    rows = check_text("The data of 241 women were analysed. Z-score fell with cholesterol (r=-0.162, P < /em>=0.012).")
    row = rows.query("check == 'p vs r and n'").iloc[0]
    assert (row["verdict"], row["reported"]) == ("consistent", "p = 0.012")
    glued = check_text("In 50 women, age went with density (r= -0.67, p<0.01r= -0.57, p<0.05).")
    assert glued.query("check == 'p vs r and n'")["reported"].tolist() == ["p < 0.01", "p < 0.05"]


def test_a_q_value_is_not_taken_for_the_coefficients_own_p():
    rows = check_text("NfL went with walking speed (r = 0.235, q = 0.036).")
    unread = rows[rows["verdict"].eq("not read")]
    assert "q-value (an adjusted p)" in unread["explanation"].iloc[0]
    assert rows.query("check == 'p vs r and n'")["verdict"].tolist() == ["not checked"]


def test_a_p_shared_by_position_that_fails_is_a_doubt():
    """'A (r = .12) and B (r = .61) scores (p < .001)' at n = 74: the shared p fits B and not A
    (R statcheck 1.5: r(72) = .12, p < .001 (.308) a decision error): since the p was only taken as
    A's by position, A's failure is a doubt, not an accusation."""
    text = "We enrolled 74 patients. Wellbeing fell with worry (r = 0.12) and mood (r = 0.61) scores (p < 0.001)."
    verdicts = check_text(text).query("check == 'p vs r and n'")["verdict"].tolist()
    assert verdicts == ["fails at inferred n", "consistent"]


def test_a_group_named_after_a_turn_in_the_sentence_is_not_the_statements():
    """'... (r = .40, p = .01), while in controls it did not (r = .05)': the first statement is not
    the 10 controls' (at n = 10, R: r(8) = .40, p = .252, it would look like a decision error);
    it fits the 40 patients (r(38), .0106), so it is at most 'depends on n', never an accusation."""
    text = (
        "We studied 40 patients and 10 controls. TNF correlated with pain (r = 0.40, p = 0.01), while in "
        "controls it did not (r = 0.05, p = 0.89)."
    )
    verdicts = check_text(text).query("check == 'p vs r and n'")["verdict"].tolist()
    assert verdicts[0] not in ("inconsistent", "decision error") and verdicts[1] == "consistent"


def test_a_named_group_gives_no_bound_when_the_text_reports_repeated_measures():
    """30 patients gave up to 3 samples each: a pair's n may exceed 30, so r = .509, p < .001 among
    the patients (inconsistent at 30, R: r(28), .00407) is a doubt, not an accusation."""
    text = (
        "We studied 30 patients and 15 controls; each patient gave up to 3 samples. "
        "Fatigue went with ESR (r = 0.509, p < 0.001) among the patients."
    )
    row = check_text(text).query("check == 'p vs r and n'").iloc[0]
    assert row["verdict"] == "fails at inferred n"


def test_p_before_each_coefficient_of_a_list_pairs_with_its_own_coefficient():
    """'(p = .02, rs = .33; p = .049, rs = .28, p < .001, rs = .47, respectively)': each p is the
    coefficient's after it (the first was paired with the next p, the last with none). R statcheck
    1.5 at n = 50: r(48) = .33, p = .02 (.0193), r(48) = .28, p = .049 (.0489), r(48) = .47,
    p < .001 (.00057): consistent."""
    text = (
        "In 50 patients, the index correlated with A, B and C (p = .02, rs = .33; p = .049, rs = .28, "
        "p < .001, rs = .47, respectively)."
    )
    rows = check_text(text)
    rows = rows[rows["check"] == "p vs r and n"]
    assert rows["reported"].tolist() == ["p = .02", "p = .049", "p < .001"]
    assert set(rows["verdict"]) == {"consistent"}
    bracket = check_text("In 121 patients, CAR rose with DAS28 [p<0.001, Spearman's (rs)=0.327].")
    assert bracket.set_index("check").loc["p vs r and n", "verdict"] == "consistent"  # R: r(119), .00025


def test_r_without_an_equals_sign_is_read_only_when_a_p_follows():
    """'(n = 63, r 0.74, p < 0.001)'; R statcheck 1.5: r(61) = .74, p < .001 consistent (4.2e-12)."""
    rows = check_text("Serum and CSF levels correlated (n = 63, r 0.74, p < 0.001).").set_index("check")
    assert (rows.loc["p vs r and n", "verdict"], rows.loc["p vs r and n", "reported"]) == ("consistent", "p < 0.001")
    assert check_text("The r 0.74 cut-off was used in 63 patients.").empty


def test_rho_printed_as_p_in_each_bracket_with_one_p_after_the_list():
    """'(p=.154)' cannot be a p where the text then says all were significant at p < .001: with
    Spearman's rho named before, each is ρ printed as 'p', the shared p its p, and a failure a doubt.
    R statcheck 1.5 at n = 500: r(498) = .154, p < .001 consistent (.00055); r(498) = .197
    consistent (9.1e-06); r(498) = .132 inconsistent (.0031): here a doubt, not an accusation."""
    text = (
        "Spearman's rho was used in 500 adults. Inflammation went with pain (p=.154), fatigue (p=.197) "
        "and sleep (p=.132). All were statistically significant at p<.001."
    )
    rows = check_text(text)
    rows = rows[rows["check"] == "p vs r and n"]
    assert rows["verdict"].tolist() == ["consistent", "consistent", "fails at inferred n"]
    assert check_text("In 500 adults, pain (p=.154) and fatigue (p=.197) were not significant.").empty


def test_a_value_and_p_whose_symbols_the_page_lost_are_listed_as_not_read():
    """Session 15: a web page that drops the statistic's symbols prints '( = -0.41, = 0.03)'; the
    passage was reported as holding no statement, without a word. Each such place is listed as not
    read, and no verdict is guessed for it."""
    text = "In 60 patients, IL-6 fell with mood ( = -0.41, = 0.03), and groups differed ( = 5.2, < 0.01)."
    rows = check_text(text)
    unread = rows[rows["verdict"].eq("not read")]
    assert unread["raw"].tolist() == ["( = -0.41, = 0.03)", "( = 5.2, < 0.01)"]
    assert unread["explanation"].str.contains("without their symbols").all()
    assert not rows["verdict"].isin(["consistent", "inconsistent", "decision error"]).any()


def test_a_semicolon_between_symbol_and_value_reads_as_equals_and_columns_stay():
    """'(r; 0.374)' (a real abstract's style) was silently nothing; the ';' stands for '=' only
    right after a coefficient's symbol inside a bracket or list, never elsewhere."""
    text = "In 60 patients pain went with WOMAC (r; 0.374) and coping (r; 0.429, r; 0.299, respectively) (p<0.01)."
    found, _ = extract_claims(text)
    assert [(f.claim.r.value, f.column) for f in found] == [(0.374, 38), (0.429, 60), (0.299, 70)]
    assert extract_claims("The ratio; 0.5 was high (see r;.2)")[0] == []


def test_r_value_with_its_p_in_a_bracket_of_its_own_is_read():
    """'(r value= -.907**) with (P=0.001)'. R statcheck 1.5: r(114) = -.907, p = .001 is an
    inconsistency (computed 1.3e-44), no decision error: so is biocorr's verdict, at the passage's
    one n (an inferred n: a doubt, not an accusation)."""
    text = "In 116 participants melatonin fell with the trauma score (r value= -.907**) with (P=0.001)."
    [found], _ = extract_claims(text)
    assert (found.claim.r.text, found.claim.p.text, found.claim.n) == ("-.907", "0.001", 116)
    rows = check_text(text).set_index("check")
    assert rows.loc["p vs r and n", "verdict"] == "fails at inferred n"


def test_a_p_after_a_bracket_closed_too_early_is_the_statement_s_own():
    """'(r = 0.665), p = 0.0002)': one closing bracket too many. R statcheck 1.5: r(24) = .665,
    p = .0002 is consistent (computed .000210; p = .0003 would be an inconsistency)."""
    text = "In 26 patients tau went with recall (r = 0.665), p = 0.0002)."
    rows = check_text(text).set_index("check")
    assert (rows.loc["p vs r and n", "verdict"], rows.loc["p vs r and n", "reported"]) == ("consistent", "p = 0.0002")
    # without the stray bracket closing it, a p after the statement's bracket is not taken as its own
    [found], _ = extract_claims("In 40 patients A went with B (r = 0.66), p = 0.02 in the other cohort.")
    assert found.claim.p is None


def test_a_bare_coefficient_in_a_sentence_that_says_correlated_is_read():
    """'(UAS-15; coefficient -0.532, p < 0.01)', '(-0.131, p < 0.05)': no symbol, but the sentence
    says the variables correlated. R statcheck 1.5: r(38) = -.35, p < .05 is consistent (.0268)."""
    text = "In 40 patients, IgE levels correlated with quality of life (-0.35, p < 0.05)."
    rows = check_text(text).set_index("check")
    assert (rows.loc["p vs r and n", "verdict"], rows.loc["p vs r and n", "reported"]) == ("consistent", "p < 0.05")
    [found], _ = extract_claims(
        "Scores correlated with the scale (scale-15; coefficient -0.53, p < 0.01) in 40 patients."
    )
    assert (found.claim.r.text, found.claim.n) == ("-0.53", 40)
    # no 'correlated' in the sentence, or another estimate named: not a coefficient
    assert extract_claims("In 40 patients age predicted quality of life (-0.35, p < 0.05).")[0] == []
    assert extract_claims("In 40 patients IgE correlated with the odds (OR 0.35, p < 0.05).")[0] == []


def test_a_decimal_point_spaced_from_its_digits_is_closed_up_not_read_as_r_zero():
    """Some journals set every decimal point with a space after it ('r=0. 103, P<0. 05', '38. 6%').
    Read before as r = 0, which at the 120 patients made 'P<0. 05' a decision error: a false
    accusation of a consistent statement. R statcheck 1.5: r(118) = .45, p < .05 (2.5e-07)."""
    verdicts = check_text("In 120 patients, IL-6 correlated with pain (r=0. 45, P<0. 05).\n")
    row = verdicts.set_index("check").loc["p vs r and n"]
    assert row["verdict"] == "consistent" and row["raw"].startswith("r=0.45")


def test_a_decimal_point_printed_as_a_middle_dot_is_a_decimal_point():
    """The Lancet prints decimals with a middle dot ('r = 0·45, p < 0·001'). Read before as r = 0,
    which at the 120 patients made the statement a decision error: a false accusation. R statcheck
    1.5: r(118) = .45, p < .001 (2.5e-07) and r(118) = .31, p = .0005 (.00057): consistent."""
    verdicts = check_text("In 120 patients, IL-6 correlated with pain (r = 0·45, p < 0·001; ρ = ·31, p = ·0005).\n")
    rows = verdicts.query("check == 'p vs r and n'")
    assert rows["verdict"].tolist() == ["consistent", "consistent"]
    assert [raw.strip("; ") for raw in rows["raw"]] == ["r = 0.45, p < 0.001", "ρ = .31, p = .0005"]


@pytest.mark.parametrize(
    "statement",
    ["(r = 0.45, p = 0.004, df = 38)", "(r = 0.45, df = 38, p = 0.004)", "(r = 0.45, p = 0.004, d.f. = 38)"],
)
def test_a_df_printed_in_the_statement_s_own_bracket_is_its_df(statement):
    """'(r = 0.45, p = 0.004, df = 38)' was left unchecked (no n): the df is printed with it. R
    statcheck 1.5: r(38) = .45, p = .004 (.0036): consistent."""
    row = check_text(f"CRP correlated with fatigue {statement}.\n").set_index("check").loc["p vs r and n"]
    assert row["verdict"] == "consistent" and "n = 40" in row["explanation"]


def test_a_df_in_another_clause_is_not_the_statement_s():
    text = "CRP correlated with fatigue (r = 0.45, p = 0.004); a t test gave t = 2.1, df = 20.\n"
    assert check_text(text).set_index("check").loc["p vs r and n", "verdict"] == "not checked"


def test_a_ci_printed_after_a_colon_with_a_comma_is_checked():
    """'r = 0.45 [95% CI: 0.30, 0.58], n = 120': the interval was not read (a comma between its ends)."""
    row = check_text("CRP correlated with fatigue (r = 0.45 [95% CI: 0.30, 0.58], n = 120).\n")
    assert row.set_index("check").loc["CI vs r and n", "verdict"] == "consistent"


@pytest.mark.parametrize("bracket", ["(rho 0.45, P 0.004)", "(Spearman rho 0.45; P 0.004)", "(r 0.45, p 0.004)"])
def test_a_coefficient_and_p_printed_without_signs_are_read(bracket):
    """'(rho 0.45, P 0.004)': neither '=' printed; the statement went unread (once without a note)."""
    row = check_text(f"In 40 patients, CRP was correlated with fatigue {bracket}.\n").set_index("check")
    assert row.loc["p vs r and n", "verdict"] == "consistent"


@pytest.mark.parametrize(
    ("statement", "read"),
    [("(r = 0.45.3, p < 0.001)", []), ("(r = 0·45·3, p < 0·001)", []), ("(r = 0.45, p < 0.0.1)", [("0.45", None)])],
)
def test_a_value_with_two_decimal_points_is_listed_never_read_in_part(statement, read):
    """Found by the session-19 attack tests: 'r = 0.45.3' was read as r = 0.4 (the number cut
    where the typo could still pass) and 'p < 0.0.1' as p < 0.0; both are listed as typos now."""
    found, unparsed = extract_claims(f"In 40 patients, IL-6 correlated with pain {statement}.\n")
    assert [(f.claim.r.text, f.claim.p.text if f.claim.p else None) for f in found] == read
    assert any("two decimal points" in u.reason for u in unparsed)


def test_a_bare_power_of_ten_is_a_p_never_p_below_1():
    """'p < 10−4' was read as 'p < 1' (the '1' of the 10, an always-true bound): a decision error
    passed unseen. R's statcheck: r(118) = .05, p < .0001 gives p = .5876 (a decision error);
    r(118) = .35, p = .0001 gives 8.906e-05 (consistent)."""
    text = (
        "In 120 patients, TNF correlated with pain (r = 0.05, p < 10\u22124). "
        "In 120 patients, IL-6 correlated with fatigue (r = 0.35, p = 10^-4)."
    )
    found, _ = extract_claims(text)
    assert [(f.claim.p.value, f.claim.p.exponent) for f in found] == [(0.0001, -4), (0.0001, -4)]
    v = check_text(text).query("check == 'p vs r and n'")
    assert v["verdict"].tolist() == ["decision error", "consistent"]
    assert v["recomputed"].tolist() == ["0.5876 (t approximation, 2-tailed)", "8.906e-05 (t approximation, 2-tailed)"]


def test_a_text_saying_its_tests_were_one_tailed_is_read_as_statcheck_one_tailed_txt_reads_it():
    """Methods said 'all correlations were tested one-tailed'; 'r(38) = 0.30, p = 0.03' in Results was
    called a decision error (two-tailed p = .06) though the paper had said how it tested. R's
    statcheck with OneTailedTxt = TRUE: computed p 0.0300, no error (default: 0.0600, a decision
    error). A statement that fails one-tailed too is still accused (the same R call: p = .003 is a
    decision error at .06)."""
    text = (
        "Methods. Because we predicted positive associations, all correlations were tested one-tailed.\n\n"
        "Results. IL-6 correlated with pain (r(38) = 0.30, p = 0.03) and with fatigue (r(38) = 0.30, p = 0.003)."
    )
    v = check_text(text).query("check == 'p vs r and n'")
    assert v["verdict"].tolist() == ["consistent", "decision error"]  # R, OneTailedTxt: .06, a decision error
    assert v["explanation"].iloc[0].startswith("consistent as a one-tailed p (0.03), as the text says")


def test_a_pdf_s_arabic_date_separator_for_equals_is_read():
    """A real abstract's PDF text printed '=' as '؍' (U+060D): '(r ؍ 0.46, P < 0.001)' was neither read
    nor listed. R's statcheck, r(216) = .46, p < .001: p = 8.2e-13, consistent at the 218 outpatients."""
    text = "In total, 218 RA outpatients took part. Depression correlated with CRP (r \u060d 0.46, P < 0.001)."
    v = check_text(text).query("check == 'p vs r and n'")
    assert v["verdict"].tolist() == ["consistent"] and v["recomputed"].iloc[0].startswith("8.184e-13")


def test_a_subscript_s_printed_in_brackets_is_spearman_s_rs_never_dropped():
    """A real abstract printed Spearman's r_s as 'r(s) = 0.488, p = 0.002': neither read nor listed.
    R's statcheck, r(38) = .488, p = .001: computed p .0014, consistent at the 40 patients."""
    text = "In 40 patients, uric acid correlated with the Hoehn and Yahr stage (r(s) = 0.488, p = 0.001)."
    found, _ = extract_claims(text)
    assert [(f.claim.method, f.claim.r.value) for f in found] == [("spearman", 0.488)]
    v = check_text(text).query("check == 'p vs r and n'")
    assert v["verdict"].tolist() == ["consistent"]


def test_a_coefficient_given_with_resulted_is_read():
    """A real abstract (session 21): 'Pearson correlation index between NT-proBNP and 6MWD resulted
    -0.60 (p<0.05)' was neither read nor listed. R's statcheck, r(32) = -.60, p < .05: computed
    p .00018, consistent at the 34 patients."""
    text = "We followed 34 patients. The Pearson correlation index between NT-proBNP and 6MWD resulted -0.60 (p<0.05)."
    v = check_text(text).query("check == 'p vs r and n'")
    assert v["verdict"].tolist() == ["consistent"] and v["reported"].tolist() == ["p < 0.05"]


def test_a_minus_glued_to_r_and_a_p_value_without_its_sign_are_read():
    """before-s22: '(r-0.449, p-value 0.003)' (both '=' lost) was dropped without a note."""
    found, unparsed = extract_claims("Magnesium went with HbA1c in 41 patients (r-0.449, p-value 0.003).")
    assert [(f.claim.r.text, f.claim.p.text, f.claim.n) for f in found] == [("-0.449", "0.003", 41)]
    assert unparsed == []
    assert extract_claims("Insulin for-0.45, p = 0.01 and CRP-0.047, p = 0.5")[0] == []  # no symbol r


def test_a_p_value_without_its_sign_at_the_end_of_a_sentence_is_read():
    found, _ = extract_claims("In 30 patients, IL-6 and pain, r = 0.40, p-value 0.03. Age did not matter.")
    assert [(f.claim.r.text, f.claim.p.text, f.claim.n) for f in found] == [("0.40", "0.03", 30)]
