"""Formats real papers print that reviewer mode did not read (issue #25's list): the symbol in
brackets, 'r:', a subscript df, p before r, one p for a list, a t with its df glued on, a χ² whose
df follows its value with decimal commas. Each is read and checked as statcheck would check the
same numbers in APA form (``r(df) = ..., p = ...``). R statcheck 1.5 on those forms: t(38) = 2.10,
p = .04 (computed .0424), χ2(4) = 9.49, p = .050 (.04995), r(38) = .327, p = .04 (.0394),
r(38) = .46, p = .003 (.00282), r(28) = .52, p = .003 (.00323), r(28) = .41, p < .05 (.0244): no
error, no decision error."""

from __future__ import annotations

import pytest

from biocorr.claims import check_text

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
