"""Small-n honesty: partial correlations, influence, bootstrap and Bayes factors against references."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from biocorr import analyze, correlate
from biocorr.analysis import analysis_work
from biocorr.datasets import load
from biocorr.stats.bayes import jzs_bayes_factor
from biocorr.stats.bootstrap import bootstrap_ci_columns
from biocorr.stats.correlation import correlate_columns, pair_columns
from biocorr.stats.influence import cooks_distance, leave_one_out
from biocorr.stats.partial import design_matrix, partial_correlation
from tests.conftest import assert_close, read_fixture

INPUTS = read_fixture("correlation_inputs.csv")


@pytest.fixture(scope="module")
def hivsn_results():
    return analyze(load("hivsn"))


def test_partial_correlations_match_r_psych(hivsn_results):
    ref = read_fixture("r_partial_hivsn.csv")
    c = hivsn_results.correlations
    for row in ref.itertuples():
        ours = c[(c.subset == "all") & (c.method == f"partial_{row.method}") & (c.y == row.y)].iloc[0]
        assert ours["n"] == row.n and "controlling for age, sex=male" in ours["note"]
        assert_close([ours.estimate, ours.statistic, ours.p, ours.ci_low, ours.ci_high],
                     [row.estimate, row.t, row.p, row.ci_low, row.ci_high], what=f"{row.method} {row.y}")
        assert ours["df"] == row.n - 4


def test_partial_with_no_covariate_effect_equals_plain_correlation():
    rng = np.random.default_rng(1)
    x, y = rng.normal(size=30), rng.normal(size=30)
    z = np.ones((30, 1))  # constant covariate: dropped, k = 0
    res = partial_correlation(x, y, z)
    assert res["k"] == 0 and res["estimate"] == pytest.approx(np.corrcoef(x, y)[0, 1], abs=1e-14)
    zz, names = design_matrix(pd.DataFrame({"site": ["a", "b", "c", "a"]}))
    assert names == ["site=b", "site=c"] and zz.tolist() == [[0, 0], [1, 0], [0, 1], [0, 0]]


def test_cooks_distance_matches_r():
    d = INPUTS[INPUTS["case"] == "cont_n14"]
    ref = read_fixture("r_cooks_cont_n14.csv")
    assert_close(cooks_distance(d[["x"]].to_numpy(), d[["y"]].to_numpy())[:, 0], ref["cooks"])


def test_jzs_bayes_factor_matches_r_bayesfactor():
    ref = read_fixture("r_jzs_bf.csv")
    ours = np.array([jzs_bayes_factor(r, int(n)) for r, n in zip(ref["r"], ref["n"])])
    np.testing.assert_allclose(ours, ref["bf10"], rtol=1e-7)  # both integrate numerically


@pytest.mark.parametrize("method", ["pearson", "spearman", "kendall"])
def test_leave_one_out_equals_refitting(method):
    d = INPUTS[INPUTS["case"].isin(["cont_n14", "ties_n14"])]
    a = np.column_stack([d[d.case == c]["x"] for c in ("cont_n14", "ties_n14")])
    b = np.column_stack([d[d.case == c]["y"] for c in ("cont_n14", "ties_n14")])
    a[3, 1] = b[3, 1] = np.nan  # a missing pair: its row is NaN, the others use n - 2
    r_loo, p_loo = leave_one_out(a, b, method)
    for j in range(2):
        for k in range(14):
            keep = np.ones(14, bool)
            keep[k] = False
            ok = keep & ~np.isnan(a[:, j])
            ref = correlate_columns(a[ok, j:j + 1], b[ok, j:j + 1], method)
            if np.isnan(a[k, j]):
                assert np.isnan(r_loo[k, j])
                continue
            assert r_loo[k, j] == pytest.approx(ref["estimate"][0], abs=1e-12)
            assert p_loo[k, j] == pytest.approx(ref["p"][0], abs=1e-12)


@pytest.mark.parametrize("method", ["spearman", "kendall"])
def test_rank_leave_one_out_equals_refitting_at_large_n_with_ties_and_gaps(method):
    rng = np.random.default_rng(21)
    n = 230  # above the old recomputation limit (200), and past Kendall's exact and Spearman's tie-free branches
    x = rng.lognormal(size=(n, 2))
    x[:, 0] = np.round(x[:, 0], 1)
    x[:60, 0] = x[:, 0].min()  # a detection-limit pile-up; column 1 has no ties
    y = np.column_stack([np.round(x[:, 0] + rng.normal(size=n), 2), rng.normal(size=n)])  # column 1 untied
    y[[5, 77], 0] = np.nan
    a, b = pair_columns(x, y)
    r_loo, p_loo = leave_one_out(a, b, method)
    untied = correlate_columns(a[:, 3:], b[:, 3:], method)["p_method"][0]
    assert untied == ("AS 89 Edgeworth series" if method == "spearman" else "normal approximation (n >= 50)")
    for j in range(a.shape[1]):
        for k in rng.choice(n, 25, replace=False):
            if np.isnan(a[k, j]):
                assert np.isnan(r_loo[k, j])
                continue
            keep = ~np.isnan(a[:, j])
            keep[k] = False
            ref = correlate_columns(a[keep, j:j + 1], b[keep, j:j + 1], method)
            assert r_loo[k, j] == pytest.approx(ref["estimate"][0], abs=1e-12)
            assert p_loo[k, j] == pytest.approx(ref["p"][0], rel=1e-10, abs=1e-300)


def test_kendall_leave_one_out_beyond_2048_subjects_uses_row_blocks_and_still_equals_refitting():
    rng = np.random.default_rng(30)
    n = 2100
    x = np.round(rng.normal(size=(n, 1)), 1)
    y = np.round(0.05 * x + rng.normal(size=(n, 1)), 1)
    r_loo, p_loo = leave_one_out(x, y, "kendall")
    for k in (0, 777, n - 1):
        keep = np.ones(n, bool)
        keep[k] = False
        ref = correlate_columns(x[keep], y[keep], "kendall")
        assert r_loo[k, 0] == pytest.approx(ref["estimate"][0], abs=1e-12)
        assert p_loo[k, 0] == pytest.approx(ref["p"][0], rel=1e-10)


def test_planted_outlier_in_fourteen_patients():
    """One extreme subject makes an unrelated biomarker 'correlate' with pain: the package says so."""
    rng = np.random.default_rng(14)
    tnf = rng.normal(10, 1, 14)
    vas = rng.normal(40, 10, 14)
    tnf[6], vas[6] = 25.0, 95.0  # the planted subject
    data = pd.DataFrame({"id": [f"P{i:02d}" for i in range(1, 15)], "TNF": tnf, "VAS": vas})
    t = correlate(data, ["TNF"], ["VAS"], methods=["pearson", "spearman"]).set_index("method")
    pearson = t.loc["pearson"]
    assert pearson["p"] < 0.05
    assert bool(pearson["loo_changes_significance"]) and pearson["loo_most_influential"] == "P07"
    assert pearson["loo_min"] < 0.3 < pearson["estimate"] and pearson["cooks_d_subject"] == "P07"
    assert pearson["loo_max_p"] > 0.05
    assert t.loc["spearman", "p"] > pearson["p"]


def test_bootstrap_bca_is_seeded_and_equals_scipy():
    d = INPUTS[INPUTS["case"] == "cont_n24"]
    data = d[["x", "y"]].reset_index(drop=True)
    t1 = correlate(data, ["x"], ["y"], methods=["pearson"], bootstrap=999, seed=5)
    t2 = correlate(data, ["x"], ["y"], methods=["pearson"], bootstrap=999, seed=5)
    assert t1[["boot_ci_low", "boot_ci_high"]].equals(t2[["boot_ci_low", "boot_ci_high"]])
    direct = stats.bootstrap((data.x.to_numpy(), data.y.to_numpy()),
                             lambda x, y, axis=-1: np.array([np.corrcoef(xx, yy)[0, 1] for xx, yy in zip(
                                 np.atleast_2d(x), np.atleast_2d(y))]).reshape(np.shape(x)[:-1]),
                             paired=True, vectorized=True, n_resamples=999, method="BCa",
                             rng=np.random.default_rng(5))
    assert t1["boot_ci_low"].item() == pytest.approx(direct.confidence_interval.low, abs=1e-12)
    assert t1["boot_ci_high"].item() == pytest.approx(direct.confidence_interval.high, abs=1e-12)
    assert t1["boot_ci_low"].item() < t1["estimate"].item() < t1["boot_ci_high"].item()


def test_bootstrap_on_real_data_covers_every_row_it_can():
    study = load("opt")
    done = []
    res = analyze(study, bootstrap=120, progress=done.append).correlations
    assert sum(done) == analysis_work(study, 0, 120)  # the progress bar ends exactly full
    boot_methods = {"pearson", "spearman", "kendall", "percbend", "bicor", "spearman_detected"}
    rows = res[res.method.isin(boot_methods) & res.estimate.notna()]
    assert rows.boot_ci_low.notna().all() and (rows.n_bootstrap == 120).all()
    assert ((rows.boot_ci_low <= rows.estimate) & (rows.estimate <= rows.boot_ci_high)).mean() > 0.95
    assert (res.loc[res.method.str.startswith("partial"), "n_bootstrap"] == 0).all()
    skipped = res[(res.method == "skipped_spearman") & res.estimate.notna()]
    assert skipped.boot_ci_low.isna().all() and skipped.note.str.contains("no bootstrap for the skipped").all()
    # detected-only rows are resampled among the detected values, with the spec's seed
    row = res[(res.method == "spearman_detected") & (res.subset == "all")].iloc[0]
    sub = study.data[study.data[row.x] > 1.2]
    both = sub[[row.x, row.y]].dropna().to_numpy()
    direct = bootstrap_ci_columns(both[:, :1], both[:, 1:], "spearman", 120, 0.95, study.spec.analysis.seed)
    assert (row.boot_ci_low, row.boot_ci_high) == (direct.low[0], direct.high[0])


def test_diagnostic_columns_and_warnings_on_real_data(hivsn_results):
    c = hivsn_results.correlations
    p = c[(c.method == "pearson") & (c.subset == "all") & (c.y == "eq-5d_vas")].iloc[0]
    assert p["loo_min"] <= p["estimate"] <= p["loo_max"] and p["loo_most_influential"].startswith("row ")
    assert p["detectable_r"] == pytest.approx(np.tanh(2.8015852 / np.sqrt(194)), abs=1e-6)
    assert p["bf10"] > 3  # r = .22 at n = 197
    opt = analyze(load("opt"))
    oc = opt.correlations
    det = oc[(oc.method == "spearman_detected") & (oc.x == "OTNF1") & (oc.subset == "all")]
    assert len(det) == 10 and (det["n"] == 205).all() and "above the lower limit 1.2" in det["note"].iloc[0]
    assert (opt.warnings.code == "pooled-vs-within").any()


ROBUST = read_fixture("r_robust.csv")


def _robust_case(case):
    if case == "planted_n14":
        d = read_fixture("planted_outlier_n14.csv")
    else:
        d = INPUTS[INPUTS["case"] == case]
    return d[["x"]].to_numpy(), d[["y"]].to_numpy()


@pytest.mark.parametrize("case", sorted(set(ROBUST["case"])))
def test_percentage_bend_and_biweight_match_the_r_transcription(case):
    from biocorr.stats.robust import biweight_midcorrelation, percentage_bend

    a, b = _robust_case(case)
    ref = ROBUST[ROBUST.case == case].set_index("method")
    for name, fn in (("percbend", percentage_bend), ("bicor", biweight_midcorrelation)):
        res = fn(a, b)
        assert_close([res["estimate"][0], res["statistic"][0], res["p"][0]],
                     ref.loc[name, ["estimate", "t", "p"]].to_numpy(float), what=f"{case} {name}")


# pingouin 0.7.0 (pg.corr with method='percbend' / 'bicor' / 'skipped'), run once outside the
# suite on the same fixture files: r and p as printed there (repr).
PINGOUIN = {
    ("planted_n14", "percbend"): (0.5179693894481909, 0.057789066775251204),
    ("planted_n14", "bicor"): (0.4633059432071922, 0.09522390251834864),
    ("cont_n24", "percbend"): (0.3741407927858753, 0.07168335669541205),
    ("cont_n24", "bicor"): (0.3136371034345451, 0.13558597690497767),
    ("ties_n24", "percbend"): (0.854727607751956, 1.0534358883462511e-07),
    ("ties_n24", "bicor"): (0.8365915220119517, 3.5153972061708365e-07),
    # skipped: pingouin's centre is scikit-learn's MCD, biocorr's the marginal medians (Wilcox's
    # cop = 3); they remove the same points here. On heavily tied data they can differ
    # (ties_n24: pingouin removes none, biocorr 3), which the method note makes visible.
    ("planted_n14", "skipped"): (0.46703296703296704, 0.10760914039913913),
    ("cont_n24", "skipped"): (0.32956521739130434, 0.11580045288804075),
}


@pytest.mark.parametrize("case, method", sorted(PINGOUIN))
def test_robust_methods_agree_with_pingouin(case, method):
    from biocorr.stats.robust import biweight_midcorrelation, percentage_bend, skipped_correlation

    a, b = _robust_case(case)
    fn = {"percbend": percentage_bend, "bicor": biweight_midcorrelation, "skipped": skipped_correlation}[method]
    res = fn(a, b)
    assert_close([res["estimate"][0], res["p"][0]], PINGOUIN[(case, method)], tol=1e-12, what=f"{case} {method}")
    if method == "skipped" and case == "planted_n14":
        assert res["n_removed"][0] == 1 and res["n"][0] == 13


def test_planted_outlier_report_rows():
    d = read_fixture("planted_outlier_n14.csv")
    data = pd.DataFrame({"id": [f"P{i:02d}" for i in range(1, 15)], "TNF": d.x, "VAS": d.y})
    t = correlate(data, ["TNF"], ["VAS"], methods=["pearson", "skipped_spearman", "percbend"]).set_index("method")
    assert t.loc["pearson", "p"] < 0.05 and bool(t.loc["pearson", "loo_changes_significance"])
    assert t.loc["pearson", "loo_most_influential"] == "P07"
    assert t.loc["skipped_spearman", "p"] > 0.05 and "1 bivariate outlier(s) removed" in t.loc["skipped_spearman", "note"]
    assert abs(t.loc["percbend", "estimate"]) < t.loc["pearson", "estimate"]
    # the bootstrap sees the planted subject too: Pearson's BCa interval reaches far below the Fisher-z one,
    # and the robust rows get intervals of their own
    b = correlate(data, ["TNF"], ["VAS"], methods=["pearson", "skipped_spearman"], bootstrap=2000,
                  seed=1).set_index("method")
    assert b.loc["pearson", "boot_ci_low"] < b.loc["pearson", "ci_low"] - 0.2
    skipped = b.loc["skipped_spearman"]
    assert skipped["n_bootstrap"] > 1900 and skipped["boot_ci_low"] < 0 < skipped["estimate"] < skipped["boot_ci_high"]
    assert "use --bootstrap" not in skipped["note"] and "1 bivariate outlier(s) removed" in skipped["note"]
