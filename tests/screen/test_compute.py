"""The screen equals R: cor.test per pair, p.adjust and Storey q per phenotype family, partial r
by residualisation (tests/fixtures/make_reference_screen.R on simulated data); max-T p-values
equal a direct count; chunking by the memory budget does not change a digit."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from biocorr.errors import DataError, OptionError
from biocorr.screen.compute import parse_memory, screen
from biocorr.screen.permutations import masked_pearson
from tests.helpers import FIXTURES, read_fixture

INPUTS = pd.read_csv(FIXTURES / "screen_inputs.csv")
FEATURES = INPUTS[[c for c in INPUTS.columns if c.startswith("gene")]]
PHENOTYPES = INPUTS[["pain", "fatigue", "mood"]]


@pytest.fixture(scope="module")
def ours():
    tables = {
        adjust: screen(FEATURES, PHENOTYPES, methods=["pearson", "spearman", "kendall"], adjust=adjust)
        for adjust in ("bh", "holm", "bonferroni", "storey")
    }
    return {a: t.set_index(["feature", "phenotype", "method"]) for a, t in tables.items()}


def test_estimates_p_and_ci_equal_r_cor_test(ours):
    ref = read_fixture("r_screen.csv").set_index(["feature", "phenotype", "method"])
    t = ours["bh"].loc[ref.index]
    assert (t["n"].to_numpy() == ref["n"].to_numpy()).all()
    np.testing.assert_allclose(t["estimate"], ref["estimate"], rtol=0, atol=1e-12)
    np.testing.assert_allclose(t["p"], ref["p"], rtol=1e-9, atol=1e-15)
    pearson = ref.index.get_level_values("method") == "pearson"
    np.testing.assert_allclose(t.loc[pearson, "ci_low"], ref.loc[pearson, "ci_low"], atol=1e-12)
    np.testing.assert_allclose(t.loc[pearson, "ci_high"], ref.loc[pearson, "ci_high"], atol=1e-12)


@pytest.mark.parametrize(("adjust", "column"), [("bh", "p_bh"), ("holm", "p_holm"), ("bonferroni", "p_bonferroni"),
                                                 ("storey", "q_storey")])  # fmt: skip
def test_adjustment_within_each_phenotype_family_equals_r(ours, adjust, column):
    ref = read_fixture("r_screen.csv").set_index(["feature", "phenotype", "method"])
    np.testing.assert_allclose(ours[adjust].loc[ref.index, "p_adjusted"], ref[column], rtol=1e-9, atol=1e-15)
    assert ours[adjust]["family"].nunique() == 9  # 3 methods x 3 phenotypes


def test_covariates_give_rs_partial_correlations():
    ref = read_fixture("r_screen_partial.csv").set_index(["feature", "phenotype"])
    t = screen(FEATURES, PHENOTYPES, covariates=INPUTS[["age", "sex"]]).set_index(["feature", "phenotype"])
    t = t.loc[ref.index]
    assert (t["n"].to_numpy() == ref["n"].to_numpy()).all()
    np.testing.assert_allclose(t["estimate"], ref["estimate"], atol=1e-12)
    np.testing.assert_allclose(t["p"], ref["p"], rtol=1e-9)
    assert t["p_method"].iloc[0].startswith("t on n - 2 - 2 df")


def test_a_small_memory_budget_gives_the_same_table():
    big = screen(FEATURES, PHENOTYPES, methods=["spearman"])
    small = screen(FEATURES, PHENOTYPES, methods=["spearman"], memory=200_000)  # a few features per chunk
    pd.testing.assert_frame_equal(big, small)


@pytest.mark.parametrize("complete", [False, True])
def test_max_t_equals_a_direct_count(complete):
    """Family-wise p by max-T: recount with the same shuffles, pair by pair in a plain loop
    (with missing values: masked products; without: one product of unit-norm columns)."""
    x = (FEATURES.dropna(axis=1) if complete else FEATURES).iloc[:, :8]
    y = PHENOTYPES[["pain"]]
    t = screen(x, y, permutations=199, seed=5)
    rng = np.random.default_rng(5)
    order = np.argsort(rng.random((199, len(y))), axis=1)
    maxima = []
    for b in range(199):
        shuffled = y["pain"].to_numpy()[order[b]]
        rs = []
        for f in x.columns:
            ok = x[f].notna().to_numpy() & np.isfinite(shuffled)
            rs.append(abs(np.corrcoef(x[f].to_numpy()[ok], shuffled[ok])[0, 1]))
        maxima.append(max(rs))
    maxima = np.array(maxima)
    expected = [(1 + np.sum(maxima >= abs(r) - 1e-12)) / 200 for r in t["estimate"]]
    np.testing.assert_allclose(t["p_fwer_maxt"], expected, rtol=0, atol=1e-12)
    assert (t["p_fwer_maxt"] >= t["p"]).all() and set(t["n_permutations"]) == {199}


def test_masked_pearson_equals_pairwise_complete_correlations():
    x = FEATURES.to_numpy(float)
    y = PHENOTYPES.to_numpy(float)
    r = masked_pearson(x, y)
    expected = FEATURES.apply(lambda col: PHENOTYPES.corrwith(col)).T.to_numpy()
    np.testing.assert_allclose(r, expected, atol=1e-12)


def test_bad_requests_are_refused_with_a_reason():
    with pytest.raises(OptionError, match=r"unknown method 'spearmann'\. Did you mean one of: 'spearman'"):
        screen(FEATURES, PHENOTYPES, methods=["spearmann"])
    with pytest.raises(OptionError, match="adjust: unknown adjustment 'qvalue'"):
        screen(FEATURES, PHENOTYPES, adjust="qvalue")
    with pytest.raises(DataError, match="same rows"):
        screen(FEATURES, PHENOTYPES.iloc[:10])
    with pytest.raises(DataError, match="without missing values"):
        screen(FEATURES, PHENOTYPES, methods=["spearman"], permutations=10)
    with pytest.raises(DataError, match="not a size"):
        parse_memory("lots")


def test_the_matrix_path_equals_the_pair_engine():
    """Complete data take the matrix-product path (Pearson always; Spearman without missing values);
    its rows equal biocorr.correlate's, p-value branch labels included."""
    from biocorr import correlate

    complete = FEATURES.dropna(axis=1)
    y = PHENOTYPES[["pain", "mood"]]
    for method in ("pearson", "spearman"):
        fast = screen(complete, y, [method]).set_index(["feature", "phenotype"])
        slow = correlate(pd.concat([complete, y], axis=1), list(complete.columns), list(y.columns), [method],
                         diagnostics="none").set_index(["x", "y"])  # fmt: skip
        fast = fast.loc[slow.index]
        np.testing.assert_allclose(fast["estimate"], slow["estimate"], atol=1e-14)
        np.testing.assert_allclose(fast["p"], slow["p"], rtol=1e-12)
        np.testing.assert_allclose(fast["ci_low"], slow["ci_low"], atol=1e-14)
        assert (fast["p_method"].to_numpy() == slow["p_method"].to_numpy()).all()


def test_a_phenotype_with_no_value_gives_nan_rows_without_a_numpy_warning():
    import warnings

    from biocorr.screen.permutations import masked_pearson

    x = np.array([[1.0, 2], [2, 1], [3, 4], [4, 3]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        r = masked_pearson(x, np.full((4, 1), np.nan))
    assert np.isnan(r).all()
