"""Reviewer checks: statcheck agreement, the text extractor, and reproduction from data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from biocorr.claims import check_claims, check_text, extract_claims, failing, read_claims
from biocorr.claims.consistency import check_ci, check_p, grim_consistent
from biocorr.claims.model import Claim, parse_number, parse_p
from biocorr.claims.sensitivity import (
    critical_r,
    detectable_r,
    n_for_power,
    replication_power,
    sensitivity,
    sensitivity_table,
)
from biocorr.cli import main
from biocorr.data.read import read_text_table
from biocorr.data.validate import validate
from biocorr.datasets import example_path, load
from biocorr.errors import SpecError
from biocorr.spec import parse_spec
from tests.helpers import FIXTURES, read_fixture

CORPUS = (FIXTURES / "claims_corpus.md").read_text(encoding="utf-8")
EXAMPLES = example_path("claims")


def _statcheck_verdict(row) -> str:
    if not row.error:
        return "consistent"
    return "decision error" if row.decision_error else "inconsistent"


def test_p_verdicts_agree_with_r_statcheck_on_every_corpus_statement():
    expected = read_fixture("statcheck_verdicts.csv")
    found, _ = extract_claims(CORPUS, "corpus")
    with_df = [f.claim for f in found if f.claim.df is not None and f.claim.method == "pearson"]
    assert len(with_df) == len(expected) == 36
    for claim, row in zip(with_df, expected.itertuples()):
        assert claim.df == row.df and claim.r.value == pytest.approx(row.r)
        assert claim.p.value == pytest.approx(row.reported_p) and claim.p_comparator == row.p_comparison
        # statcheck's default reading: two-tailed, whatever the text says elsewhere about one-tailed tests
        two_tailed = {k: v for k, v in (claim.extra or {}).items() if k != "one_tailed_in_text"}
        ours = check_p(Claim(**{**claim.__dict__, "tails": 2, "extra": two_tailed}))
        assert ours.verdict == _statcheck_verdict(row), (row.raw, ours.explanation)


def test_one_tailed_statement_is_read_as_one_tailed():
    found, _ = extract_claims(CORPUS, "corpus")
    (claim,) = [f.claim for f in found if f.claim.df == 18 and f.claim.r.value > 0]
    assert claim.tails == 1 and check_p(claim).verdict == "consistent"
    assert check_p(Claim(**{**claim.__dict__, "tails": 2})).verdict == "decision error"


def test_extractor_reads_every_format_and_reports_what_it_cannot():
    found, unparsed = extract_claims(CORPUS, "corpus")
    other = [f.claim for f in found if f.claim.df is None or f.claim.method != "pearson"]
    by_r = {c.r.text: c for c in other}
    assert by_r["0.61"].n == 14 and by_r["0.61"].p_comparator == "<"
    rho = by_r["-.42"]  # Unicode minus, bare bracket CI
    assert rho.method == "spearman" and (rho.ci_low.text, rho.ci_high.text) == ("-.71", "-.02") and rho.n == 24
    assert by_r[".38"].method == "spearman" and by_r["-.50"].p.text == ".001"
    tau = by_r[".30"]
    assert tau.method == "kendall" and tau.ci_level == 0.95 and tau.n == 20
    assert by_r["0.33"].method == "kendall" and by_r[".56"].method == "spearman"
    assert by_r[".5"].n == 14  # n from earlier in the same sentence
    assert by_r[".45"].ci_low.text == ".05"
    assert by_r[".41"].method == "spearman" and by_r[".41"].df == 22
    one = [f.claim for f in found if "one-tailed" in CORPUS.splitlines()[f.line - 1]]
    assert one and all(c.tails == 1 for c in one)
    assert any("'3' is not a correlation coefficient" in u.reason for u in unparsed)
    assert all(f.line >= 1 and f.column >= 1 for f in found)


def test_reported_numbers_keep_their_precision():
    assert parse_number(".530").decimals == 3 and parse_number("\u2212.42").value == -0.42
    assert parse_p("p<.001") == ("<", parse_number(".001"))
    assert parse_p(".049", "=")[0] == "="
    with pytest.raises(ValueError):
        parse_number("abc")


def test_spearman_claim_accepts_the_exact_or_the_t_reading():
    claim = Claim(id="s", r=parse_number(".53"), p=parse_number(".056"), n=14, method="spearman")
    res = check_p(claim)
    assert res.verdict == "consistent" and "AS 89" in res.recomputed
    claim = Claim(id="s", r=parse_number(".53"), p=parse_number(".049"), n=14, method="spearman")
    assert "t approximation" in check_p(claim).recomputed


def test_ci_check_uses_fisher_z_with_rounding():
    good = Claim(id="c", r=parse_number(".45"), n=24, ci_low=parse_number(".06"), ci_high=parse_number(".73"))
    assert check_ci(good).verdict == "consistent"
    bad = Claim(id="c", r=parse_number(".45"), n=24, ci_low=parse_number(".20"), ci_high=parse_number(".73"))
    assert check_ci(bad).verdict == "inconsistent"


def test_sensitivity_numbers_by_hand():
    # critical r at n = 14: t(.975, 12) = 2.178813; r = t / sqrt(12 + t^2)
    t = 2.1788128296634177
    assert critical_r(14) == pytest.approx(t / np.sqrt(12 + t * t), abs=1e-12)
    # Fisher-z power and sample size (Cohen 1988): r = .5 needs n = 30 for 80%
    assert n_for_power(0.5) == 30 and n_for_power(0.3) == 85
    assert replication_power(0.5, 30) == pytest.approx(0.8, abs=0.015)
    assert detectable_r(24) == pytest.approx(np.tanh((1.959963984540054 + 0.8416212335729143) / np.sqrt(21)))
    table = sensitivity_table((14, 24))
    assert set(table["n"]) == {14, 24} and (table["ci_width"] > 0).all()


def test_rank_critical_values_equal_r_cor_test():
    """The smallest attainable rho / tau with p < .05 by R's cor.test (make_reference_critical.R)."""
    ref = read_fixture("r_critical.csv")
    assert len(ref) == 14
    for row in ref.itertuples():
        assert critical_r(int(row.n), method=row.method) == pytest.approx(row.critical, abs=1e-12), row
        assert row.p_one_step_below >= 0.05 > row.p_at_critical  # the fixture brackets the threshold


def test_a_kendall_claims_sensitivity_is_on_the_tau_scale():
    claim = Claim(id="k", r=parse_number("0.40"), p=parse_number("0.045"), n=14, method="kendall")
    text = sensitivity(claim).explanation
    # tau = .40 is not attainable at n = 14; 37/91 = .4066 is the smallest with exact p < .05 (R)
    assert "|τ| ≥ 0.41 is needed for p < .05" in text
    assert "this n detects |τ| ≥ 0.53 with 80% power" in text  # R: tanh(2.8016 * sqrt(.437 / 10))
    assert "with power 53%" in text and "needs n = 24" in text  # R: ceiling(.437 * (2.8016 / atanh(.4))^2 + 4)
    pearson = sensitivity(Claim(id="p", r=parse_number("0.40"), n=14)).explanation
    assert "|r| ≥ 0.53 is needed" in pearson and "detects |r| ≥ 0.69" in pearson


@pytest.mark.parametrize(
    "mean, n, items, expected",
    [
        ("5.19", 28, 1, False),
        ("5.18", 28, 1, True),
        ("3.44", 25, 1, True),
        ("3.45", 25, 1, False),
        ("2.5", 300, 1, None),
        ("1.63", 14, 1, False),
        ("1.64", 14, 1, True),
        ("10.93", 14, 2, True),
    ],
)
def test_grim(mean, n, items, expected):
    assert grim_consistent(mean, n, items) is expected


# --------------------------------------------------------------- with data ----
HIVSN_CLAIMS = """id,x,y,subset,method,n,r,p,ci_low,ci_high
correct,current_cd4,eq-5d_vas,Painful HIV-SN,pearson,125,.26,.004,.09,.41
rounded_wrong,current_cd4,eq-5d_vas,Painful HIV-SN,pearson,125,.28,.004,,
wrong_n,current_cd4,hscl_depression,Painful HIV-SN,pearson,197,-.20,.027,,
one_tailed,current_cd4,hscl_depression,Painful HIV-SN,pearson,125,-.20,.014,,
subset_swapped,current_cd4,eq-5d_vas,Painful HIV-SN,pearson,197,.22,.002,,
method_swapped,current_cd4,hscl_depression,Painful HIV-SN,pearson,125,-.18,.049,,
"""


@pytest.fixture(scope="module")
def hivsn_verdicts(tmp_path_factory):
    path = tmp_path_factory.mktemp("claims") / "claims.csv"
    path.write_text(HIVSN_CLAIMS)
    return check_claims(read_claims(path), load("hivsn")).set_index(["claim_id", "check"])


def test_correct_claim_reproduces_and_is_assessed_for_fragility(hivsn_verdicts):
    v = hivsn_verdicts
    assert v.loc[("correct", "reproduce"), "verdict"] == "reproduced"
    assert v.loc[("correct", "p vs r and n"), "verdict"] == "consistent"
    assert v.loc[("correct", "CI vs r and n"), "verdict"] == "consistent"
    frag = v.loc[("correct", "fragility")]
    assert frag["verdict"] == "robust" and "leave-one-out r from" in frag["explanation"]
    assert "holm-adjusted p" in frag["explanation"]


@pytest.mark.parametrize(
    "claim_id, variant",
    [
        ("one_tailed", "one-tailed p reported as two-tailed"),
        ("subset_swapped", "subset all"),
        ("method_swapped", "method spearman"),
    ],
)
def test_each_misreport_is_caught_and_its_variant_found(hivsn_verdicts, claim_id, variant):
    v = hivsn_verdicts
    assert v.loc[(claim_id, "reproduce"), "verdict"] == "not reproduced"
    assert v.loc[(claim_id, "variants"), "verdict"] == "variant reproduces"
    assert variant in v.loc[(claim_id, "variants"), "recomputed"]


def test_wrong_rounding_and_wrong_n_are_caught(hivsn_verdicts):
    v = hivsn_verdicts
    for cid in ("rounded_wrong", "wrong_n"):
        assert v.loc[(cid, "reproduce"), "verdict"] == "not reproduced"
        assert v.loc[(cid, "p vs r and n"), "verdict"] == "inconsistent"


def test_check_cli_exit_codes(tmp_path, capsys):
    good = tmp_path / "good.csv"
    good.write_text(HIVSN_CLAIMS.splitlines()[0] + "\n" + HIVSN_CLAIMS.splitlines()[1] + "\n")
    assert main(["check", str(good), "--example", "hivsn", "--out", str(tmp_path / "o1"), "--quiet"]) == 0
    bad = tmp_path / "bad.csv"
    bad.write_text(HIVSN_CLAIMS)
    assert main(["check", str(bad), "--example", "hivsn", "--out", str(tmp_path / "o2"), "--quiet"]) == 1
    verdicts = pd.read_csv(tmp_path / "o2" / "verdicts.csv")
    assert list(verdicts.columns) == [
        "claim_id",
        "check",
        "verdict",
        "reported",
        "recomputed",
        "tolerance",
        "explanation",
        "raw",
        "n_source",
        "n_printed",
    ]
    assert set(verdicts["n_source"]) == {"claims file"} and verdicts["n_printed"].all()
    text = tmp_path / "paper.md"
    text.write_text("TNF and pain, r(12) = .53, p = .049; CRP and pain, r(22) = .30, p = .02.")
    assert main(["check", "--text", str(text), "--out", str(tmp_path / "o3")]) == 1
    out = capsys.readouterr().out
    assert "2 correlation statement(s) and 0 t/F/χ²/z/Q statement(s) found" in out and "decision error" in out
    broken = tmp_path / "broken.csv"
    broken.write_text("id,n,rr,p\nx,14,.5,.07\n")
    assert main(["check", str(broken), "--out", str(tmp_path / "o4")]) == 2
    assert "unknown column 'rr'" in capsys.readouterr().err


def test_motivating_claims_example_reads_and_checks():
    claims = read_claims(EXAMPLES / "motivating_claims.csv")
    assert [c.n for c in claims] == [14] * 4
    verdicts = check_claims(claims)
    assert not failing(verdicts)


def test_check_writes_a_claims_section(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(HIVSN_CLAIMS)
    main(["check", str(bad), "--example", "hivsn", "--out", str(tmp_path / "o"), "--quiet"])
    html = (tmp_path / "o" / "report.html").read_text(encoding="utf-8")
    assert 'id="claims"' in html and "subset_swapped" in html
    # check draws only its own section: the data's report (figures and all) is biocorr analyze's
    assert 'id="correlations"' not in html and not (tmp_path / "o" / "figures").exists()
    main(["check", str(bad), "--out", str(tmp_path / "p"), "--quiet"])
    page = (tmp_path / "p" / "report.html").read_text(encoding="utf-8")
    assert 'id="claims"' in page and "rounded_wrong" in page


@pytest.mark.parametrize(
    "text, method, r, comparator, p, n, n_source",
    [
        ("TNF correlated with pain (r = −0.55; P < 0.02) in 14 patients.", "pearson", -0.55, "<", 0.02, 14, "passage"),
        ("CRP and fatigue, r = 0.41, P = 2.1 × 10−4, n = 120.", "pearson", 0.41, "=", 2.1e-4, 120, "statement"),
        ("CRP and fatigue, r = 0.41, p = 2.1e-05, n = 120.", "pearson", 0.41, "=", 2.1e-5, 120, "statement"),
        ("CRP and fatigue, r = 0.41, p = 3 × 10⁻⁶, n = 120.", "pearson", 0.41, "=", 3e-6, 120, "statement"),
        ("IL-6 and pain, ρ = 0.10, n = 20, P ≤ .001.", "spearman", 0.10, "<", 0.001, 20, "statement"),
        ("IL-6 and pain, r = 0.45, p-value = 0.04, n = 20.", "pearson", 0.45, "=", 0.04, 20, "statement"),
        ("Fourteen patients took part. TNF and pain: r = .53, p = .049.", "pearson", 0.53, "=", 0.049, 14, "words"),
        ("BMI and CRP: r = .10, p < .001, n = 136,485.", "pearson", 0.10, "<", 0.001, 136485, "statement"),
        ("Spearman r = 0.45, p = 0.04, n = 20.", "spearman", 0.45, "=", 0.04, 20, "statement"),
    ],
)
def test_the_extractor_reads_what_real_papers_print(text, method, r, comparator, p, n, n_source):
    found, _ = extract_claims(text)
    assert len(found) == 1
    c = found[0].claim
    assert (c.method, c.r.value, c.p_comparator, c.n, c.extra["n_source"]) == (method, r, comparator, n, n_source)
    assert c.p.value == pytest.approx(p, rel=1e-12)


def test_ci_with_to_ranges_and_ambiguous_sizes_are_handled_honestly():
    found, _ = extract_claims("IL-6 and pain, r = 0.45 (95% CI 0.14 to 0.86), p = .04, n = 20.")
    assert (found[0].claim.ci_low.value, found[0].claim.ci_high.value) == (0.14, 0.86)
    found, unparsed = extract_claims("TNF and pain r = 0.3–0.5, n = 40.")
    assert not found and "range" in unparsed[0].reason
    text = "Fourteen patients and ten controls took part. TNF and pain: r = .53, p = .049."
    found, unparsed = extract_claims(text)
    assert found[0].claim.n is None and not unparsed  # no n of its own: checked at each size the passage gives
    from biocorr.claims import check_text

    row = check_text(text).query("check == 'p vs r and n'").iloc[0]
    assert (
        row["verdict"] == "depends on n"
        and "consistent at n = 14 (patients); not at 10 (controls)" in row["explanation"]
    )  # R statcheck: r(12) = .53, p = .049 consistent (computed .0512); r(8) = .53: error (.115)
    found, unparsed = extract_claims("Pearson correlation: r(22) = .35, p = .09.")
    assert len(found) == 1 and not unparsed  # the method word is not listed as unread too


def test_p_less_or_equal_is_checked_not_waved_through():
    from biocorr.claims import check_text

    v = check_text("IL-6 and pain, ρ = 0.10, n = 20, P ≤ .001.")
    assert v.query("check == 'p vs r and n'")["verdict"].item() == "decision error"


def test_a_passage_without_statements_is_not_bad_input(tmp_path, capsys):
    text = tmp_path / "t.md"
    text.write_text("The methods are described elsewhere.\n")
    assert main(["check", "--text", str(text), "--out", str(tmp_path / "o"), "--quiet"]) == 0


def test_people_who_left_are_not_taken_as_the_sample_size():
    found, _ = extract_claims(
        "Fourteen patients took part; three patients dropped out. TNF and pain: r = .53, p = .049."
    )
    assert found[0].claim.n == 14 and found[0].claim.extra["n_source"] == "words"


def test_an_impossible_r_is_flagged_once_not_given_a_recomputed_p_or_ci():
    from biocorr.claims import check_text

    v = check_text("IL-6 and pain, rho = -1.3, 95% CI [-0.9, -0.1], p = .2, N = 10.").set_index("check")
    assert v.loc["r within [-1, 1]", "verdict"] == "inconsistent"
    for check in ("p vs r and n", "CI vs r and n"):
        assert v.loc[check, "verdict"] == "not checked"
        assert "outside [-1, 1]" in v.loc[check, "explanation"]
    # r = 1.00 is a legal rounded value: its p is still checked
    ok = check_text("TNF and VAS, r = 1.00, p < .001, n = 12.").set_index("check")
    assert ok.loc["p vs r and n", "verdict"] == "consistent"


def test_p_printed_as_exactly_zero_says_why_it_is_wrong():
    from biocorr.claims import check_text

    v = check_text("TNF and VAS, r = 0.62, n = 40, p = 0.").set_index("check")
    assert v.loc["p vs r and n", "verdict"] == "inconsistent"
    assert "never exactly 0" in v.loc["p vs r and n", "explanation"]


def test_a_null_claim_that_one_subject_turns_significant_is_fragile():
    # 11 subjects on a line and one far off it: r = .08, p = .80; without subject 12, r = .999
    y = [1.2, 2.1, 2.9, 4.3, 5.2, 5.8, 7.1, 8.3, 8.8, 10.2, 11.1, 0.0]
    x = list(range(1, 12)) + [30]
    text = "id,TNF,VAS\n" + "".join(f"S{i + 1},{a},{b}\n" for i, (a, b) in enumerate(zip(x, y)))
    spec = parse_spec({"data": {"id": "id"}, "biomarker": [{"column": "TNF"}], "score": [{"column": "VAS"}]})
    study = validate(read_text_table(text), spec)
    claim = Claim(id="null", r=parse_number("-.08"), p=parse_p(".80")[1], n=12, x="TNF", y="VAS")
    v = check_claims([claim], study).set_index("check")
    assert v.loc["reproduce", "verdict"] == "reproduced"
    frag = v.loc["fragility"]
    assert frag["verdict"] == "fragile" and "a single deletion" in frag["explanation"]
    assert "Non-significance at α = .05 does not survive" in frag["explanation"] and "'S12'" in frag["explanation"]


def test_a_respectively_list_becomes_one_claim_per_value_with_its_own_p():
    text = "IL-6 and TNF correlated with pain (r = 0.40 and 0.52, respectively; p = .01 and .02; n = 40)."
    found, unparsed = extract_claims(text, "t")
    claims = [f.claim for f in found]
    assert [(c.r.text, c.p.text, c.n) for c in claims] == [("0.40", ".01", 40), ("0.52", ".02", 40)]
    assert [c.id for c in claims] == ["t:1:36:1", "t:1:36:2"] and unparsed == []
    # r = .40, n = 40 gives p = .0105 (consistent with .01); r = .52 gives p = .0006, not .02
    assert [check_p(c).verdict for c in claims] == ["consistent", "inconsistent"]


def test_a_respectively_list_shares_one_p_and_refuses_mismatched_lists():
    found, _ = extract_claims("A, B and C: r = .40, .52, and .61, respectively, p < .05, n = 30.", "t")
    assert [(f.claim.r.text, f.claim.p.text, f.claim.p_comparator, f.claim.n) for f in found] == [
        (".40", ".05", "<", 30),
        (".52", ".05", "<", 30),
        (".61", ".05", "<", 30),
    ]
    found, unparsed = extract_claims("A and B (r = 0.40 and 0.52, respectively; p = .01, .02 and .001; n = 40).", "t")
    assert [f.claim.p for f in found] == [None, None]
    assert "2 r values with 3 p-values: none attached" in unparsed[0].reason


def test_a_list_without_respectively_reads_the_first_value_and_says_so():
    found, unparsed = extract_claims("r = 0.40 and 0.52 (n = 40, p = .01).", "t")
    assert [f.claim.r.text for f in found] == ["0.40"]
    assert "(0.40, 0.52) without 'respectively'" in unparsed[0].reason


def test_lists_printed_with_commas_only_are_read_value_by_value():
    """Session 14's fresh passages: a 'respectively' list of r and of p without 'and' between the
    values lost its second pair without a word; a list of r with one bound after it ('; P < .05')
    lost every value but the first. R statcheck at n = 30: .56 with .001, .40 with .03 consistent;
    at n = 40: r = .20 gives p = .216, so 'p < .05' is a decision error (a doubt at an inferred n)."""
    found, unparsed = extract_claims(
        "X and Y with the score (r=0.56, 0.40 and p=0.001, 0.03, respectively; n = 30).", "t"
    )
    assert [(f.claim.r.text, f.claim.p.text, f.claim.n) for f in found] == [("0.56", "0.001", 30), ("0.40", "0.03", 30)]
    assert unparsed == [] and [check_p(f.claim).verdict for f in found] == ["consistent", "consistent"]
    text = "In 40 patients, X correlated with A, B, C and D (r =0.45, 0.20, 0.38, 0.52; P<0.05)."
    found, unparsed = extract_claims(text, "t")
    assert [(f.claim.r.text, f.claim.p_comparator, f.claim.p.text) for f in found] == [
        ("0.45", "<", "0.05"), ("0.20", "<", "0.05"), ("0.38", "<", "0.05"), ("0.52", "<", "0.05")
    ]  # fmt: skip
    assert [check_p(f.claim).verdict for f in found] == ["consistent", "decision error", "consistent", "consistent"]
    # one exact p after a list without 'respectively' belongs to no single value: the first is read, and said
    found, unparsed = extract_claims("X with A, B, C (r = 0.45, 0.20, 0.38; p = 0.004; n = 40).", "t")
    assert [f.claim.r.text for f in found] == ["0.45"] and "without 'respectively'" in unparsed[0].reason
    # two numbers after r are not a list: an interval or a p
    found, _ = extract_claims("X and Y (r = 0.45, 95% CI 0.16 to 0.67, p = .004, n = 40).", "t")
    assert [f.claim.r.text for f in found] == ["0.45"]


def test_a_list_with_a_whole_number_beyond_1_is_not_expanded():
    found, _ = extract_claims("A and B (r = .40 and 5, respectively; n = 20).", "t")
    assert [f.claim.r.text for f in found] == [".40"]


def test_statements_not_read_are_rows_of_the_verdicts_with_their_text(tmp_path):
    from biocorr.claims import check_text

    table = check_text("IL-6 and pain, r = 0.3–0.5, n = 20. TNF and VAS, r(12) = .53, p = .049.", "paper")
    unread = table[table["verdict"] == "not read"]
    assert len(unread) == 1 and unread["raw"].item().startswith("r = 0.3-0.5")
    assert unread["explanation"].item() == "a range of r values: each end would need its own p and n"
    assert unread["claim_id"].item() == "paper:1:16:not-read:1" and not failing(table)
    path = tmp_path / "paper.txt"
    path.write_text("IL-6 and pain, r = 0.3–0.5, n = 20.\n", encoding="utf-8")
    assert main(["check", "--text", str(path), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    verdicts = pd.read_csv(tmp_path / "out" / "verdicts.csv")
    assert verdicts["verdict"].tolist() == ["not read"]
    assert "a range of r values" in (tmp_path / "out" / "report.html").read_text(encoding="utf-8")


def test_extra_columns_of_a_claims_file_are_carried_to_the_verdicts(tmp_path):
    path = tmp_path / "claims.csv"
    path.write_text("id,n,r,p,table,page note\nc1,14,.53,2.1e-02,Table 2,p. 7\n", encoding="utf-8")
    (claim,) = read_claims(path)
    assert claim.p.value == 0.021 and claim.extra["annotations"] == {"table": "Table 2", "page note": "p. 7"}
    verdicts = check_claims([claim])
    assert set(verdicts["table"]) == {"Table 2"} and set(verdicts["page note"]) == {"p. 7"}
    path.write_text("id,n,r,pvalue\nc1,14,.53,.049\n", encoding="utf-8")
    with pytest.raises(Exception, match="unknown column 'pvalue'"):
        read_claims(path)


@pytest.mark.parametrize(
    "text",
    [
        "r = 0.71, 95% confidence interval 0.30–0.90, P = 0.004, n = 14.",  # en dash, keyword without 'CI'
        "r = 0.71 (95% CI 0.30–0.90), p = 0.004, n = 14.",
        "r = 0.71 [0.30-0.90], p = 0.004, n = 14.",
        "r = 0.71 (95% CI 0.30 to 0.90; p = 0.004; n = 14).",  # semicolons inside the bracket
        "r = 0.71, p = 0.004, n = 14 (95% confidence interval from 0.30 to 0.90).",
    ],
)
def test_intervals_printed_with_dashes_or_in_words_are_read_and_checked(text):
    found, unparsed = extract_claims(text)
    (f,) = found
    assert (f.claim.ci_low.text, f.claim.ci_high.text, f.claim.n, f.claim.p.text) == ("0.30", "0.90", 14, "0.004")
    assert unparsed == []
    assert check_ci(f.claim).verdict == "consistent"  # R: tanh(atanh(.71) + c(-1, 1) * qnorm(.975) / sqrt(11))


def test_negative_intervals_with_dashes_keep_their_signs_and_ages_are_not_an_interval():
    (f,), _ = extract_claims("r = −0.45, 95% CI: −0.72–−0.05, p = .03, n = 24.")
    assert (f.claim.ci_low.value, f.claim.ci_high.value) == (-0.72, -0.05)
    (g,), _ = extract_claims("r = 0.45, p = .03 (n = 24, ages 20-40).")
    assert g.claim.ci_low is None and g.claim.n == 24


def test_sample_size_in_words_and_squared_correlations_are_reported_not_skipped():
    (f,), _ = extract_claims("A moderate correlation (R = 0.44, P-value = 0.03, sample size 24).")
    assert f.claim.n == 24 and f.claim.p.text == "0.03"
    found, unparsed = extract_claims("We found r2 = 0.25 (p = 0.01, n = 24) and R² = .30 in the model.")
    assert found == [] and len(unparsed) == 2
    assert all("squared correlation" in u.reason for u in unparsed)


def test_decimal_commas_of_european_papers_are_read_never_truncated_to_zero():
    (f,), _ = extract_claims("r = -0,45 (p = 0,03, n = 24).")
    assert (f.claim.r.value, f.claim.p.value, f.claim.n) == (-0.45, 0.03, 24)
    assert check_p(f.claim).verdict == "consistent"  # R: cor.test p for r = -.45, n = 24 is .027
    (g,), _ = extract_claims("ρ = 0,52 [0,12; 0,78], p = 0,01, n = 30.")
    assert (g.claim.ci_low.value, g.claim.ci_high.value, g.claim.method) == (0.12, 0.78, "spearman")
    (h,), _ = extract_claims("r = 0.52, 0.61 and 0.70 were read as a list, n = 20.")  # a comma and a space: no decimal
    assert h.claim.r.value == 0.52


def test_p_n_and_interval_after_semicolons_belong_to_the_statement_and_a_symbol_in_brackets_is_read():
    (f,), _ = extract_claims("TNF and pain: r = 0.45; 95% CI 0.05-0.72; p = 0.03; n = 24.")
    assert (f.claim.p.text, f.claim.n, f.claim.ci_low.text, f.claim.extra["n_source"]) == (
        "0.03",
        24,
        "0.05",
        "sentence",
    )
    (g,), unparsed = extract_claims("The Spearman correlation coefficient (rs) was 0.56 (p = 0.01, n = 20).")
    assert (g.claim.method, g.claim.r.text, g.claim.n) == ("spearman", "0.56", 20) and unparsed == []
    (h,), unparsed = extract_claims("r = 0.45; patients were older.")
    assert h.claim.p is None and "nothing to check" in unparsed[0].reason


def test_a_toml_claims_file_keeps_printed_precision_and_refuses_wrong_shapes(tmp_path):
    path = tmp_path / "claims.toml"
    path.write_text('[[claim]]\nid = "c1"\nr = 0.50  # two decimals\nn = 20\np = 0.030\n', encoding="utf-8")
    (claim,) = read_claims(path)
    assert (claim.r.text, claim.r.decimals, claim.p.text, claim.n) == ("0.50", 2, "0.030", 20)
    shapes = {
        "[claim]\nr = 0.5\nn = 20\n": r"write \[\[claim\]\] \(two brackets\)",
        "[[claims]]\nr = 0.5\nn = 20\n": r"unknown table or key 'claims'\. Did you mean 'claim'\?",
        "title = 'x'\n": r"unknown table or key 'title'",
        "": r"no \[\[claim\]\] table",
        "claim = [1, 2]\n": r"'claim' must be \[\[claim\]\] tables",
    }
    for text, message in shapes.items():
        path.write_text(text, encoding="utf-8")
        with pytest.raises(SpecError, match=message):
            read_claims(path)


def test_a_claims_row_with_more_values_than_the_header_is_refused_not_shifted(tmp_path):
    path = tmp_path / "claims.csv"
    path.write_text("x,y,r,n,p\nTNF,VAS,0.5,20,0.03,extra\n", encoding="utf-8")
    with pytest.raises(SpecError, match=r"claims\.csv row 2: more values than the header's 5 columns \('extra' left"):
        read_claims(path)
    path.write_text("x,y,r,n,p\nTNF,VAS,0.5,20\n", encoding="utf-8")  # a short row: p simply not given
    (claim,) = read_claims(path)
    assert claim.p is None and claim.n == 20


def test_a_minus_sign_a_pdf_turned_into_2_is_not_read_never_judged_out_of_range():
    """'Rho = 20.19' is '−0.19' in the paper: 0.2 judged 'r within [-1, 1]: inconsistent'."""
    text = "TNF correlated with fatigue (Spearman's Rho = 20.19, p = .05) and mood (Spearman's Rho = 0.35, p = .001)."
    verdicts = check_text(text)
    assert not failing(verdicts)
    unread = verdicts[verdicts["verdict"] == "not read"]["explanation"].tolist()
    assert unread == [
        "'20.19' is no correlation; it reads as -0.19 with its minus sign lost in the PDF's text (a '2' in its "
        "place): check the printed paper"
    ]
    assert "r = 1.20" not in text and check_text("r = 1.20, p = .01, n = 30").pipe(failing)  # a real r > 1 still fails


def test_a_pdf_that_writes_z_for_equals_is_read_and_an_rp_is_listed_not_dropped():
    """Some publishers' PDFs give 'rZ.40, PZ.028' for 'r=.40, P=.028' (a real MS paper, collected
    after tuning: its 'rpZ.315, PZ.028' was neither read nor listed)."""
    v = check_text("Temperature and fatigue were related (rZ.40, PZ.004; nZ50).")
    row = v.set_index("check").loc["p vs r and n"]
    assert row["raw"].startswith("r=.40, P=.004") and row["verdict"] == "consistent"
    unread = check_text("Temperature was associated with fatigue (FSS; rpZ.315, PZ.028).")
    assert unread["verdict"].tolist() == ["not read"] and unread["raw"].iloc[0].startswith("rp=.315")
