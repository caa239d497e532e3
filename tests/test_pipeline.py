"""The whole main job on the embedded real datasets against R (cor.test + p.adjust per family)."""

from __future__ import annotations

import numpy as np
import pytest

from biocorr import analyze, columns
from biocorr.datasets import load
from tests.helpers import assert_close, read_fixture


@pytest.mark.parametrize("dataset", ["hivsn", "opt"])
def test_correlations_and_holm_families_match_r(dataset, hivsn_results, opt_results):
    res = hivsn_results if dataset == "hivsn" else opt_results
    ref = read_fixture(f"r_pipeline_{dataset}.csv")
    c = res.correlations
    ours = c[c.method.isin(["pearson", "spearman", "kendall"])].dropna(subset=["p"])
    merged = ref.merge(ours, on=["x", "y", "subset", "method"], how="outer", suffixes=("_r", ""), indicator=True)
    assert (merged["_merge"] == "both").all(), merged.loc[merged["_merge"] != "both", ["x", "y", "subset"]]
    assert (merged["n_r"] == merged["n"]).all()
    for col in ("estimate", "p", "p_adjusted"):
        assert_close(merged[col], merged[f"{col}_r"], what=f"{dataset} {col}")


def test_tables_have_the_documented_columns(hivsn_results):
    assert list(hivsn_results.correlations.columns) == list(columns.CORRELATIONS)
    assert list(hivsn_results.group_comparisons.columns) == list(columns.GROUP_COMPARISONS)
    assert list(hivsn_results.descriptives.columns) == list(columns.DESCRIPTIVES)
    assert list(hivsn_results.exclusions.columns) == list(columns.EXCLUSIONS)
    assert list(hivsn_results.warnings.columns) == list(columns.WARNINGS)


def test_descriptives_match_r_psych(hivsn_results):
    ref = read_fixture("r_descriptives_hivsn.csv")
    ref["subset"] = ref["group"].map({"Yes": "Painful HIV-SN", "No": "Non-painful HIV-SN"})
    merged = ref.merge(hivsn_results.descriptives, on=["variable", "subset"], suffixes=("_r", ""))
    assert len(merged) == len(ref)
    for col in ("n", "mean", "sd", "median", "q1", "q3", "min", "max"):
        assert_close(merged[col], merged[f"{col}_r"], what=col)


def test_group_comparisons_match_r_on_real_data(hivsn_results):
    ref = read_fixture("r_group_tests.csv").set_index("case")
    g = hivsn_results.group_comparisons
    welch = g[g.test == "welch_t"].set_index("variable")
    mw = g[g.test == "mann_whitney"].set_index("variable")
    for v in ("current_cd4", "hscl_anxiety", "hscl_depression", "eq-5d_vas"):
        r = ref.loc[f"hivsn_{v}"]
        assert_close(
            [
                welch.loc[v, "statistic"],
                welch.loc[v, "p"],
                welch.loc[v, "effect_size"],
                mw.loc[v, "statistic"],
                mw.loc[v, "p"],
                mw.loc[v, "effect_size"],
            ],
            [r.t, r.t_p, r.hedges_g, r.mw_u, r.mw_p, r.rank_biserial],
            what=v,
        )


def test_families_are_explicit_and_sized(hivsn_results):
    c = hivsn_results.correlations
    fam = c[(c.method == "spearman") & (c.subset == "Painful HIV-SN")]
    assert fam["family"].nunique() == 1
    assert fam["family_size"].iloc[0] == 5  # CD4 x five scores
    assert (c["adjust_method"] == "holm").all()
    # structurally missing pain scores in the non-painful group: no test, a note and a warning
    gone = c[
        (c.subset == "Non-painful HIV-SN")
        & (c.y == "pain_intensity")
        & c.method.isin(["pearson", "spearman", "kendall", "percbend", "bicor", "skipped_spearman"])
    ]
    assert gone["p"].isna().all() and (gone["note"] == "fewer than 3 complete pairs").all()
    w = hivsn_results.warnings
    assert ((w.code == "too-few-pairs") & (w.subset == "Non-painful HIV-SN")).sum() == 2


def test_opt_detection_limit_pileup_is_flagged(opt_results):
    w = opt_results.warnings
    tnf = w[(w.code == "detection-limit-pileup") & (w.column == "OTNF1")]
    assert len(tnf) == 1 and "591 of 796 values (74%)" in tnf["message"].iloc[0]
    c = opt_results.correlations
    assert (c.loc[c.x == "OTNF1", "n"].max()) == 796  # '.' read as missing, never as a number


def test_permutation_p_values_are_added_when_asked():
    study = load("hivsn")
    study = type(study)(**{**study.__dict__, "spec": study.spec.with_options(methods=["spearman"])})
    res = analyze(study, permutations=199)
    c = res.correlations
    c = c[c.method == "spearman"].dropna(subset=["p"])  # permutation p for the classical methods
    assert (c["n_permutations"] == 199).all()
    assert c["p_permutation"].between(1 / 200, 1).all()
    again = analyze(study, permutations=199)
    assert np.array_equal(
        again.correlations["p_permutation"].to_numpy(), res.correlations["p_permutation"].to_numpy(), equal_nan=True
    )
