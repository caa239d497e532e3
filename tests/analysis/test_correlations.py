"""Correlation rows with their small-n diagnostics: planted outliers, real data, bootstrap columns."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from biocorr import analyze, correlate
from biocorr.analysis import analysis_work
from biocorr.datasets import load
from biocorr.stats.bootstrap import bootstrap_ci_columns
from tests.helpers import read_fixture

INPUTS = read_fixture("correlation_inputs.csv")


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


def test_bootstrap_on_real_data_covers_every_row_it_can():
    study = load("opt")
    done = []
    res = analyze(study, bootstrap=120, progress=done.append).correlations
    assert sum(done) == analysis_work(study, 0, 120)  # the progress bar ends exactly full
    boot_methods = {"pearson", "spearman", "kendall", "percbend", "bicor", "spearman_detected"}
    rows = res[res.method.isin(boot_methods) & res.estimate.notna()]
    assert rows.boot_ci_low.notna().all()
    # resamples where a robust scale is zero (heavily tied cytokines) are left out, and counted
    short = rows.n_bootstrap < 120
    assert (rows.n_bootstrap <= 120).all() and rows[~short].method.isin(boot_methods).all()
    lost = rows[short].note.str.extract(r"bootstrap: (\d+) of 120 resamples had an undefined")[0].astype(float)
    assert (lost + rows[short].n_bootstrap == 120).all()
    assert set(rows[short].method) <= {"percbend", "bicor"}
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


def test_diagnostic_columns_and_warnings_on_real_data(hivsn_results, opt_results):
    c = hivsn_results.correlations
    p = c[(c.method == "pearson") & (c.subset == "all") & (c.y == "eq-5d_vas")].iloc[0]
    assert p["loo_min"] <= p["estimate"] <= p["loo_max"] and p["loo_most_influential"].startswith("row ")
    assert p["detectable_r"] == pytest.approx(np.tanh(2.8015852 / np.sqrt(194)), abs=1e-6)
    k = c[(c.method == "kendall") & (c.subset == "all") & (c.y == "eq-5d_vas")].iloc[0]
    assert k["n"] == p["n"] and k["detectable_r"] == pytest.approx(np.tanh(2.8015852 * np.sqrt(0.437 / 193)), abs=1e-6)
    assert p["bf10"] > 3  # r = .22 at n = 197
    opt = opt_results
    oc = opt.correlations
    det = oc[(oc.method == "spearman_detected") & (oc.x == "OTNF1") & (oc.subset == "all")]
    assert len(det) == 10 and (det["n"] == 205).all() and "above the lower limit 1.2" in det["note"].iloc[0]
    assert (opt.warnings.code == "pooled-vs-within").any()


def test_planted_outlier_report_rows():
    d = read_fixture("planted_outlier_n14.csv")
    data = pd.DataFrame({"id": [f"P{i:02d}" for i in range(1, 15)], "TNF": d.x, "VAS": d.y})
    t = correlate(data, ["TNF"], ["VAS"], methods=["pearson", "skipped_spearman", "percbend"]).set_index("method")
    assert t.loc["pearson", "p"] < 0.05 and bool(t.loc["pearson", "loo_changes_significance"])
    assert t.loc["pearson", "loo_most_influential"] == "P07"
    assert t.loc["skipped_spearman", "p"] > 0.05
    assert "1 bivariate outlier(s) removed" in t.loc["skipped_spearman", "note"]
    assert abs(t.loc["percbend", "estimate"]) < t.loc["pearson", "estimate"]
    # the bootstrap sees the planted subject too: Pearson's BCa interval reaches far below the Fisher-z one,
    # and the robust rows get intervals of their own
    b = correlate(data, ["TNF"], ["VAS"], methods=["pearson", "skipped_spearman"], bootstrap=2000, seed=1).set_index(
        "method"
    )
    assert b.loc["pearson", "boot_ci_low"] < b.loc["pearson", "ci_low"] - 0.2
    skipped = b.loc["skipped_spearman"]
    assert skipped["n_bootstrap"] > 1900 and skipped["boot_ci_low"] < 0 < skipped["estimate"] < skipped["boot_ci_high"]
    assert "use --bootstrap" not in skipped["note"] and "1 bivariate outlier(s) removed" in skipped["note"]


def test_bootstrap_bca_is_seeded_and_equals_scipy():
    d = INPUTS[INPUTS["case"] == "cont_n24"]
    data = d[["x", "y"]].reset_index(drop=True)
    t1 = correlate(data, ["x"], ["y"], methods=["pearson"], bootstrap=999, seed=5)
    t2 = correlate(data, ["x"], ["y"], methods=["pearson"], bootstrap=999, seed=5)
    assert t1[["boot_ci_low", "boot_ci_high"]].equals(t2[["boot_ci_low", "boot_ci_high"]])
    direct = stats.bootstrap(
        (data.x.to_numpy(), data.y.to_numpy()),
        lambda x, y, axis=-1: np.array(
            [np.corrcoef(xx, yy)[0, 1] for xx, yy in zip(np.atleast_2d(x), np.atleast_2d(y))]
        ).reshape(np.shape(x)[:-1]),
        paired=True,
        vectorized=True,
        n_resamples=999,
        method="BCa",
        rng=np.random.default_rng(5),
    )
    assert t1["boot_ci_low"].item() == pytest.approx(direct.confidence_interval.low, abs=1e-12)
    assert t1["boot_ci_high"].item() == pytest.approx(direct.confidence_interval.high, abs=1e-12)
    assert t1["boot_ci_low"].item() < t1["estimate"].item() < t1["boot_ci_high"].item()


def test_diagnostics_can_be_chosen_and_leave_the_statistics_unchanged():
    rng = np.random.default_rng(4)
    data = pd.DataFrame(rng.normal(size=(30, 4)), columns=["a", "b", "c", "d"])
    full = correlate(data, ["a", "b"], ["c", "d"], methods=["pearson", "kendall"])
    none = correlate(data, ["a", "b"], ["c", "d"], methods=["pearson", "kendall"], diagnostics="none")
    basic = correlate(data, ["a", "b"], ["c", "d"], methods=["pearson"], diagnostics="basic")
    same = ["n", "estimate", "ci_low", "ci_high", "statistic", "p"]
    assert full[same].equals(none[same])
    assert none[["loo_min", "cooks_d_max", "bf10"]].isna().all().all() and full["loo_min"].notna().all()
    assert basic["loo_min"].isna().all() and basic["cooks_d_max"].notna().all() and basic["bf10"].notna().all()
    with pytest.raises(ValueError, match="unknown level"):
        correlate(data, ["a"], ["c"], diagnostics="some")


def test_small_panels_give_the_same_leave_one_out_as_large_ones():
    """The sign-matrix path (k < 160) and the dominance-count path agree with refitting."""
    from scipy.stats import kendalltau, spearmanr

    from biocorr.stats.influence import leave_one_out

    rng = np.random.default_rng(9)
    for k in (40, 200):
        a = np.round(rng.normal(size=(k, 2)) * 2)
        b = np.round(a + rng.normal(size=(k, 2)) * 2)
        a[3, 0] = np.nan
        r, _ = leave_one_out(a, b, "spearman")
        t, _ = leave_one_out(a, b, "kendall")
        for j in range(2):
            ok = np.flatnonzero(~np.isnan(a[:, j]))
            for i in ok[:15]:
                keep = ok[ok != i]
                assert r[i, j] == pytest.approx(spearmanr(a[keep, j], b[keep, j]).statistic, abs=1e-12)
                assert t[i, j] == pytest.approx(kendalltau(a[keep, j], b[keep, j]).statistic, abs=1e-12)


def test_one_sided_analysis_reaches_every_row_and_the_methods_text(tmp_path):
    from biocorr.report.apa import methods_paragraph, results_sentences

    study = load("hivsn")
    two = analyze(study, methods=["pearson", "spearman"], robust=["percbend"])
    one = analyze(study, methods=["pearson", "spearman"], robust=["percbend"], alternative="less")
    assert one.study.spec.analysis.alternative == "less"
    c1, c2 = one.correlations, two.correlations
    assert (c1["estimate"].fillna(9) == c2["estimate"].fillna(9)).all()  # estimates do not change
    classical = c1["method"].isin(["pearson", "spearman", "partial_pearson", "partial_spearman", "percbend"])
    assert c1.loc[classical & c1.p.notna(), "p_method"].str.contains("one-sided (less)", regex=False).all()
    neg = c1[(c1.method == "pearson") & (c1.estimate < 0)]
    both = c2.loc[neg.index, "p"]
    assert np.allclose(neg["p"], both / 2)  # t is symmetric: the 'less' p is half the two-sided one
    pear = c1[(c1.method == "pearson") & c1.estimate.notna()]
    assert (pear["ci_low"] == -1).all() and (pear["ci_high"] < 1).all()
    assert "one-sided" in methods_paragraph(one) and "one-tailed" in results_sentences(one)[0]


def test_one_column_named_alone_is_one_column_and_a_misspelt_method_gets_a_suggestion():
    import biocorr

    df = pd.DataFrame({"tnf": [1, 2, 3, 4, 5, 6.0], "vas": [2, 1, 4, 3, 6, 5]})
    one = biocorr.correlate(df, "tnf", "vas", methods=["pearson"])
    assert len(one) == 1 and one["estimate"].item() == pytest.approx(0.8285714285714286, abs=1e-15)  # R: cor()
    with pytest.raises(ValueError, match=r"methods: unknown method 'pearsn'\. Did you mean"):
        biocorr.correlate(df, "tnf", "vas", methods=["pearsn"])
    assert "correlate" in dir(biocorr) and "import_module" not in dir(biocorr)
