"""Correlation estimates, CIs and p-values against R's cor.test (fixtures/r_cor_test.csv)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from biocorr.stats.correlation import correlate_columns, pair_columns, permutation_p_values
from biocorr.stats.diagnostics import correlation_test
from biocorr.stats.nulldist import kendall_concordant_cdf, spearman_as89_p
from tests.helpers import assert_close, read_fixture

INPUTS = read_fixture("correlation_inputs.csv")
REFERENCE = read_fixture("r_cor_test.csv")


def _case_columns():
    """All fixture cases as paired columns of one (n_max, m) array (NaN padding)."""
    names = list(dict.fromkeys(INPUTS["case"]))
    n_max = INPUTS.groupby("case").size().max()
    a = np.full((n_max, len(names)), np.nan)
    b = np.full((n_max, len(names)), np.nan)
    for j, name in enumerate(names):
        d = INPUTS[INPUTS["case"] == name]
        a[: len(d), j] = d["x"]
        b[: len(d), j] = d["y"]
    return names, a, b


@pytest.mark.parametrize("method", ["pearson", "spearman", "kendall"])
def test_vectorised_engine_matches_r_cor_test(method):
    names, a, b = _case_columns()
    res = correlate_columns(a, b, method)
    ref = REFERENCE[REFERENCE["method"] == method].set_index("case").loc[names]
    assert (res.n == ref["n"].to_numpy()).all()
    assert_close(res.estimate, ref["estimate"], what=f"{method} estimate")
    assert_close(res.p, ref["p"], what=f"{method} p")
    assert_close(res.ci_low, ref["ci_low"], what=f"{method} ci_low")
    assert_close(res.ci_high, ref["ci_high"], what=f"{method} ci_high")
    same = res.statistic_name == ref["statistic_name"].to_numpy()
    assert_close(res.statistic[same], ref["statistic"].to_numpy()[same], tol=1e-8, what=f"{method} statistic")


def test_every_p_value_branch_is_exercised():
    _, a, b = _case_columns()
    seen = set()
    for method in ("pearson", "spearman", "kendall"):
        seen |= {(method, pm) for pm in correlate_columns(a, b, method).p_method}
    assert {
        ("spearman", "exact (AS 89 enumeration)"),
        ("spearman", "AS 89 Edgeworth series"),
        ("spearman", "t approximation (ties)"),
        ("spearman", "t approximation (n > 1290)"),
        ("kendall", "exact"),
        ("kendall", "normal approximation (ties)"),
        ("kendall", "normal approximation (n >= 50)"),
        ("pearson", "t distribution"),
    } <= seen


def test_single_pair_api_equals_engine_and_r():
    d = INPUTS[INPUTS["case"] == "cont_n14"]
    ref = REFERENCE[(REFERENCE["case"] == "cont_n14") & (REFERENCE["method"] == "spearman")].iloc[0]
    res = correlation_test(d["x"], d["y"], "spearman")
    assert res.n == 14 and res.p_method == "AS 89 Edgeworth series"
    assert_close(
        [res.estimate, res.p, res.ci_low, res.ci_high], ref[["estimate", "p", "ci_low", "ci_high"]].to_numpy(float)
    )


def test_pairwise_complete_deletion_matches_dropping_rows():
    rng = np.random.default_rng(3)
    x = rng.normal(size=30)
    y = x + rng.normal(size=30)
    x_missing = x.copy()
    x_missing[[2, 7]] = np.nan
    y_missing = y.copy()
    y_missing[[7, 19]] = np.nan
    keep = ~np.isnan(x_missing) & ~np.isnan(y_missing)
    for method in ("pearson", "spearman", "kendall"):
        with_nan = correlation_test(x_missing, y_missing, method)
        dropped = correlation_test(x[keep], y[keep], method)
        assert with_nan.n == 27
        assert with_nan.estimate == pytest.approx(dropped.estimate, abs=1e-15)
        assert with_nan.p == pytest.approx(dropped.p, abs=1e-15)


def test_pair_columns_masks_each_pair_separately():
    x = np.array([[1.0, 2.0], [np.nan, 3.0], [4.0, np.nan]])
    y = np.array([[5.0], [6.0], [np.nan]])
    a, b = pair_columns(x, y)
    assert a.shape == (3, 2)
    np.testing.assert_array_equal(np.isnan(a), [[False, False], [True, False], [True, True]])
    np.testing.assert_array_equal(np.isnan(a), np.isnan(b))


def test_too_few_pairs_and_constant_give_nan_not_error():
    res = correlate_columns(
        np.array([[1.0, 1.0], [2.0, 1.0], [np.nan, 1.0]]), np.array([[3.0, 2.0], [4.0, 5.0], [5.0, 6.0]]), "pearson"
    )
    assert np.isnan(res.estimate).all() and np.isnan(res.p).all()
    assert list(res.n) == [2, 3]


def test_spearman_as89_enumeration_is_a_distribution():
    # P[S >= s] + P[S < s] = 1, and S = 0 (perfect agreement) has probability 1/n!
    for n in (3, 5, 9):
        s = np.arange(0, n * (n * n - 1) // 3 + 4, 2.0)
        up = spearman_as89_p(np.full(len(s), n), s, np.zeros(len(s), bool))
        lo = spearman_as89_p(np.full(len(s), n), s, np.ones(len(s), bool))
        assert_close(up + lo, np.ones(len(s)), tol=1e-15)
        assert np.all(np.diff(up) <= 0)
    assert spearman_as89_p(np.array([5]), np.array([2.0]), np.array([True]))[0] == pytest.approx(1 / 120)


def test_kendall_null_distribution_matches_enumeration():
    from itertools import combinations, permutations

    n = 6
    counts = np.zeros(n * (n - 1) // 2 + 1)
    for perm in permutations(range(n)):
        concordant = sum(perm[i] < perm[j] for i, j in combinations(range(n), 2))
        counts[concordant] += 1
    assert_close(kendall_concordant_cdf(n), np.cumsum(counts) / counts.sum(), tol=1e-15)


class TestPermutation:
    def setup_method(self):
        d = INPUTS[INPUTS["case"] == "cont_n10"]
        self.a, self.b = d[["x"]].to_numpy(), d[["y"]].to_numpy()

    def test_seeded_and_reproducible(self):
        p1 = permutation_p_values(self.a, self.b, "pearson", 500, seed=7)
        p2 = permutation_p_values(self.a, self.b, "pearson", 500, seed=7)
        p3 = permutation_p_values(self.a, self.b, "pearson", 500, seed=8)
        assert p1[0] == p2[0] and p1[0] != p3[0]

    @pytest.mark.parametrize("method", ["spearman", "kendall"])
    def test_agrees_with_exact_p_within_monte_carlo_error(self, method):
        # n = 10 without ties: Kendall's R p-value is exact; Spearman's AS 89 is close to exact
        n_perm = 20000
        p_exact = correlation_test(self.a[:, 0], self.b[:, 0], method).p
        p_perm = permutation_p_values(self.a, self.b, method, n_perm, seed=1)[0]
        se = np.sqrt(p_exact * (1 - p_exact) / n_perm)
        assert abs(p_perm - p_exact) < 4 * se + 2e-3

    def test_never_zero_and_handles_missing(self):
        x = np.arange(12.0).reshape(-1, 1)
        y = x**3
        y[3] = np.nan
        p = permutation_p_values(x, y, "spearman", 99, seed=1)
        assert p[0] == pytest.approx(1 / 100)

    def test_progress_reports_all_work(self):
        done = []
        permutation_p_values(self.a, self.b, "kendall", 250, seed=1, progress=done.append)
        assert sum(done) == 250


def test_unknown_method_is_rejected():
    with pytest.raises(ValueError, match="method: unknown method 'pearsn'"):
        correlate_columns(np.ones((4, 1)), np.ones((4, 1)), "pearsn")


def test_matches_scipy_on_untied_large_sample():
    # independent second reference: scipy's implementations where they agree with R
    from scipy import stats

    rng = np.random.default_rng(11)
    x = rng.normal(size=200)
    y = x + rng.normal(size=200)
    assert correlation_test(x, y, "pearson").p == pytest.approx(stats.pearsonr(x, y).pvalue, abs=1e-12)
    assert correlation_test(x, y, "kendall").estimate == pytest.approx(stats.kendalltau(x, y).statistic, abs=1e-14)
    frame = pd.DataFrame({"x": x, "y": y})
    assert correlation_test(x, y, "spearman").estimate == pytest.approx(frame.corr("spearman").iloc[0, 1], abs=1e-14)


def test_kendall_merge_counting_equals_scipy_on_random_ties_and_gaps():
    # Knight's algorithm vectorised over columns: check tau-b against scipy on many
    # random columns with heavy ties, missing values and n that is not a power of two.
    from scipy import stats

    rng = np.random.default_rng(5)
    n, m = 37, 60
    a = rng.integers(0, 6, size=(n, m)).astype(float)
    b = np.round(a + rng.normal(scale=2, size=(n, m)))
    a[rng.random((n, m)) < 0.1] = np.nan
    b[rng.random((n, m)) < 0.1] = np.nan
    gap = np.isnan(a) | np.isnan(b)
    a[gap] = np.nan
    b[gap] = np.nan
    ours = correlate_columns(a, b, "kendall").estimate
    ref = [stats.kendalltau(a[~gap[:, j], j], b[~gap[:, j], j]).statistic for j in range(m)]
    assert_close(ours, ref, tol=1e-13)


@pytest.mark.parametrize("method", ["pearson", "spearman", "kendall", "percbend", "bicor"])
def test_a_constant_variable_gives_na_as_r(method):
    """R: cor.test(1:7, rep(-0.7, 7)) gives estimate NA and p NA ("the standard deviation is zero").
    Seven times -0.7 does not sum to exactly 7 * -0.7, so a mean-based engine would return r = 0, p = 1."""
    from biocorr.stats.diagnostics import method_columns

    res = method_columns(np.arange(1.0, 8.0)[:, None], np.full((7, 1), -0.7), method)
    assert np.isnan(res.estimate[0]) and np.isnan(res.p[0])


def test_kendall_permutations_by_merge_counting_equal_the_sign_matrix_reference():
    """Every shuffle's |S| from the merge-count engine equals sum of sign products (ties, gaps)."""
    rng = np.random.default_rng(3)
    a = np.round(rng.normal(size=(30, 3)) * 2)
    b = 0.3 * a + np.round(rng.normal(size=(30, 3)) * 2)
    a[3, 1] = np.nan
    got = permutation_p_values(a, b, "kendall", 400, seed=11)
    # reference: the same generator's shuffles, S from the full sign matrices
    ref_rng = np.random.default_rng(11)
    expected = []
    ok = ~np.isnan(a[:, 1])
    cols = {29: [1], 30: [0, 2]}
    ps = {}
    for n_val in sorted(cols):
        idx = cols[n_val]
        perms = ref_rng.permuted(np.tile(np.arange(n_val), (400, 1)), axis=1)
        for j in idx:
            keep = ok if j == 1 else np.ones(30, bool)
            x, y = a[keep, j], b[keep, j]
            sx = np.sign(x[:, None] - x)
            s_obs = abs((sx * np.sign(y[:, None] - y)).sum())
            hits = sum(abs((sx * np.sign(y[p][:, None] - y[p])).sum()) >= s_obs for p in perms)
            ps[j] = (hits + 1) / 401
    expected = [ps[0], ps[1], ps[2]]
    assert got.tolist() == expected


ALTERNATIVE = read_fixture("r_cor_test_alternative.csv")


@pytest.mark.parametrize("alternative", ["greater", "less"])
@pytest.mark.parametrize("method", ["pearson", "spearman", "kendall"])
def test_one_sided_tests_match_r_cor_test_on_every_branch(method, alternative):
    """R's cor.test(alternative = ...): t, AS 89 enumeration and Edgeworth, Spearman t with ties,
    Kendall exact and normal; Pearson's one-sided interval [lower, 1] or [-1, upper]."""
    ref = ALTERNATIVE[(ALTERNATIVE.method == method) & (ALTERNATIVE.alternative == alternative)]
    got_p, got_lo, got_hi, seen = [], [], [], set()
    for case in ref["case"]:
        d = INPUTS[INPUTS["case"] == case]
        res = correlate_columns(d[["x"]].to_numpy(), d[["y"]].to_numpy(), method, alternative=alternative)
        got_p.append(res.p[0])
        got_lo.append(res.ci_low[0])
        got_hi.append(res.ci_high[0])
        seen.add(res.p_method[0])
    assert_close(got_p, ref["p"], what=f"{method} {alternative} p")
    if method == "pearson":
        assert_close(got_lo, ref["ci_low"], what="one-sided CI low")
        assert_close(got_hi, ref["ci_high"], what="one-sided CI high")
    assert all(f"one-sided ({alternative})" in s for s in seen if s)
    assert len(seen) >= (1 if method == "pearson" else 3)  # every p-value branch reached (Pearson has one)


def test_one_sided_permutation_p_values_count_one_tail():
    a = np.arange(12.0).reshape(-1, 1)
    b = a + np.random.default_rng(2).normal(size=(12, 1)) * 3
    greater = permutation_p_values(a, b, "pearson", 2000, seed=1, alternative="greater")[0]
    less = permutation_p_values(a, b, "pearson", 2000, seed=1, alternative="less")[0]
    both = permutation_p_values(a, b, "pearson", 2000, seed=1)[0]
    assert greater < both < 1 and less > 0.9
    assert greater + less == pytest.approx(1 + 1 / 2001, abs=2 / 2001)  # the tails split the shuffles


@pytest.mark.parametrize("n", [10, 23, 40])
def test_spearman_edgeworth_lookup_table_equals_the_series_bit_for_bit(n):
    # more values than possible S at one n (a screen's leave-one-out p-values) use a table of S
    rng = np.random.default_rng(n)
    size = (n**3 - n) // 3
    s = rng.integers(1, size, size=3 * size).astype(float)
    lower = rng.random(len(s)) < 0.5
    table = spearman_as89_p(np.full(len(s), n), s, lower)
    one_by_one = np.array(
        [spearman_as89_p(np.array([n]), np.array([v]), np.array([t]))[0] for v, t in zip(s[:300], lower[:300])]
    )
    assert np.array_equal(table[:300], one_by_one)


def test_kendall_of_repeated_columns_equals_scipy_pair_by_pair():
    """A feature paired with several scores and a score with several features (the screen's
    shape), sorted and coded once per distinct column, with missing values in both and heavy
    ties: tau-b and p equal scipy's per-pair ``kendalltau`` (R's cor.test branches: normal
    approximation with ties, exact without ties below n = 50)."""
    from scipy import stats

    rng = np.random.default_rng(11)
    n = 60
    x = np.column_stack([rng.normal(size=n), rng.integers(0, 4, n), np.round(rng.normal(size=n), 1)]).astype(float)
    y = np.column_stack([rng.integers(0, 11, n), rng.normal(size=n)]).astype(float)
    x[rng.random(x.shape) < 0.15] = np.nan
    y[rng.random(y.shape) < 0.1] = np.nan
    a, b = pair_columns(x, y)
    res = correlate_columns(a, b, "kendall")
    for k in range(a.shape[1]):
        keep = ~np.isnan(a[:, k])
        ref = stats.kendalltau(a[keep, k], b[keep, k])
        assert res.estimate[k] == pytest.approx(ref.statistic, abs=1e-14)
        assert res.p[k] == pytest.approx(ref.pvalue, rel=1e-10)


@pytest.mark.parametrize("method", ["pearson", "spearman", "kendall"])
@pytest.mark.parametrize("alternative", ["two-sided", "less"])
def test_per_variable_path_equals_the_pair_columns_to_the_last_bit(method, alternative):
    """With complete data, scaling, ranking, centring and the constancy test run once per
    variable (``variables``); every field equals the pair-column computation to rounding (a sum
    over a narrower array may differ in the last bit): ties, a constant variable, and values near
    1e200 and 1e-170 (scaled by powers of two) included."""
    rng = np.random.default_rng(11)
    x = rng.normal(size=(30, 6)) * np.array([1.0, 1e200, 1e-170, 1.0, 1.0, 1.0])
    x[:, 3] = np.round(x[:, 3])  # ties
    x[:, 4] = 2.5  # constant
    y = rng.normal(size=(30, 3))
    y[:, 0] = np.round(y[:, 0] * 2)
    a, b = pair_columns(x, y)
    ix, iy = np.repeat(np.arange(6), 3), np.tile(np.arange(3), 6)
    plain = correlate_columns(a, b, method, alternative=alternative)
    hinted = correlate_columns(a, b, method, alternative=alternative, variables=(x, y, ix, iy))
    for field in ("n", "df"):
        assert np.array_equal(getattr(plain, field), getattr(hinted, field), equal_nan=True), field
    for field in ("estimate", "ci_low", "ci_high", "statistic", "p"):
        want, got = getattr(plain, field), getattr(hinted, field)
        assert np.array_equal(np.isnan(want), np.isnan(got)), field
        assert np.allclose(got, want, rtol=1e-13, atol=1e-15, equal_nan=True), field
    assert list(plain.p_method) == list(hinted.p_method)
    x[2, 0] = np.nan  # a missing value: the hint is not used (pairs differ in their rows)
    a, b = pair_columns(x, y)
    plain = correlate_columns(a, b, method)
    hinted = correlate_columns(a, b, method, variables=(x, y, ix, iy))
    assert np.array_equal(plain.p, hinted.p, equal_nan=True) and int(plain.n[0]) == 29
