"""Analysis warnings earn their place: the opposite-sign (Simpson) rule needs more than noise."""

from __future__ import annotations

import pandas as pd

from biocorr.analysis.checks import influence_warnings, resampling_warnings, simpson_warnings, subset_warnings
from biocorr.data.read import read_text_table
from biocorr.data.validate import validate
from biocorr.spec import parse_spec


def _rows(pooled, groups):
    rows = [dict(x="TNF", y="VAS", method="pearson", subset="all", estimate=pooled[0], p=pooled[1])]
    rows += [
        dict(x="TNF", y="VAS", method="pearson", subset=f"g{i}", estimate=e, p=p) for i, (e, p) in enumerate(groups)
    ]
    return pd.DataFrame(rows)


def test_an_opposite_sign_made_of_noise_is_not_a_warning():
    assert simpson_warnings(_rows((-0.03, 0.78), [(0.05, 0.8), (0.02, 0.9)])) == []


def test_a_real_reversal_is_a_warning():
    out = simpson_warnings(_rows((-0.45, 0.001), [(0.30, 0.04), (0.25, 0.09)]))
    assert [w["code"] for w in out] == ["pooled-vs-within"] and out[0]["severity"] == "warning"
    assert "opposite sign" in out[0]["message"]


def test_a_pooled_only_significance_is_still_flagged():
    out = simpson_warnings(_rows((0.40, 0.01), [(0.10, 0.5), (0.05, 0.7)]))
    assert len(out) == 1 and "no within-group estimate is" in out[0]["message"]


def test_long_data_checks_each_visit_against_its_own_groups():
    pre = _rows((-0.45, 0.001), [(0.30, 0.04), (0.25, 0.09)]).assign(
        subset=["Time = Pre", "Time = Pre: A", "Time = Pre: B"]
    )
    post = _rows((0.20, 0.30), [(0.25, 0.2), (0.22, 0.3)]).assign(
        subset=["Time = Post", "Time = Post: A", "Time = Post: B"]
    )
    pools = {f"Time = {v}: {g}": f"Time = {v}" for v in ("Pre", "Post") for g in "AB"}
    out = simpson_warnings(pd.concat([pre, post], ignore_index=True), pools)
    assert [(w["subset"], w["code"]) for w in out] == [("Time = Pre", "pooled-vs-within")]
    assert "Time = Pre: A: +0.30" in out[0]["message"] and "Post" not in out[0]["message"]
    assert simpson_warnings(pd.concat([pre, post], ignore_index=True)) == []  # no 'all' subset: nothing pooled
    assert simpson_warnings(pre, {}) == []  # a study without groups


def test_resampling_counts_below_usual_are_named():
    assert resampling_warnings(0, 0) == [] and resampling_warnings(5000, 2000) == []


def test_a_group_column_with_one_group_says_no_comparison_is_made():
    text = "id,group,TNF,VAS\n" + "".join(f"{i},FM,{i},{(i * 7) % 10}\n" for i in range(1, 9))
    spec = parse_spec(
        {"data": {"id": "id", "group": "group"}, "biomarker": [{"column": "TNF"}], "score": [{"column": "VAS"}]}
    )
    warnings = subset_warnings(validate(read_text_table(text), spec))
    assert [w["code"] for w in warnings] == ["fewer-than-two-groups"]
    assert "(found: 'FM'); no group comparison is made" in warnings[0]["message"]
    two = text + "9,HC,3,4\n"
    assert "fewer-than-two-groups" not in {w["code"] for w in subset_warnings(validate(read_text_table(two), spec))}


def test_the_influence_warning_shows_the_p_that_crosses_05():
    row = dict(x="TNF", y="VAS", method="pearson", subset="all", loo_changes_significance=True, loo_min=0.1,
               loo_max=0.9, loo_most_influential="S12", loo_min_p=1e-12, loo_max_p=0.9)  # fmt: skip
    turned_significant = influence_warnings(pd.DataFrame([{**row, "estimate": -0.08, "p": 0.80}]))
    assert "the verdict at p < .05 (p = .800; leave-one-out r from 0.10 to 0.90" in turned_significant[0]["message"]
    assert "smallest p with one subject left out < .001" in turned_significant[0]["message"]
    lost = influence_warnings(pd.DataFrame([{**row, "estimate": 0.6, "p": 0.03}]))
    assert "largest p with one subject left out = .900" in lost[0]["message"]


def test_a_score_measured_in_one_group_is_reported_once_not_as_all_participants(hivsn_results):
    """In hivsn, pain and catastrophizing were collected in painful neuropathy only: the pooled
    'all' rows were the same tests again, adjusted in two families and written up as 'In all
    participants' (issue #26). They are shown once, under the group, with a note."""

    res = hivsn_results
    c = res.correlations
    assert c.query("subset == 'all' and y in ['pain_intensity', 'pcs']").empty
    group = c.query("subset == 'Painful HIV-SN' and y == 'pain_intensity' and method == 'spearman'")
    assert len(group) == 1 and group["n"].iloc[0] == 125
    assert c.query("subset == 'all' and method == 'spearman'")["family_size"].eq(3).all()
    notes = res.warnings.query("code == 'one-group-pair'")
    assert sorted(notes["column"]) == ["current_cd4, pain_intensity", "current_cd4, pcs"]
