"""Batched BCa bootstrap: every resample estimate equals the method run on the gathered resample,
and one pair's interval equals scipy.stats.bootstrap's given the same generator."""

import numpy as np
import pytest
from scipy import stats

from biocorr.stats import bootstrap, resample
from biocorr.stats.bootstrap import BOOTSTRAP_METHODS, SKIPPED_MAX_N, bca_interval, bootstrap_ci_columns
from biocorr.stats.correlation import pair_columns
from biocorr.stats.diagnostics import method_columns
from biocorr.stats.resample import jackknife_estimates, jackknife_indices, resampled_estimates


def _gathered(x, y, ix, iy, idx, method):
    """Reference: the table's own engine on every resample, gathered explicitly (one column each)."""
    out = np.empty((len(idx), len(ix)))
    for j, (i, h) in enumerate(zip(ix, iy)):
        out[:, j] = method_columns(x[idx, i].T, y[idx, h].T, method).estimate
    return out


def _tied_panel(seed, n):
    rng = np.random.default_rng(seed)
    x = np.round(rng.lognormal(size=(n, 2)), 1)
    x[: n // 3, 0] = x[:, 0].min()  # a detection-limit pile-up
    y = np.round(rng.normal(size=(n, 3)) + x[:, :1], 1)
    return x, y, np.array([0, 0, 1, 1]), np.array([0, 2, 1, 2])


@pytest.mark.parametrize("method", BOOTSTRAP_METHODS)
@pytest.mark.parametrize("n", [7, 30])
def test_resample_estimates_equal_the_method_on_gathered_resamples(method, n):
    x, y, ix, iy = _tied_panel(n, n)
    idx = np.random.default_rng(1).integers(0, n, (300, n))
    ours = resampled_estimates(x, y, ix, iy, idx, method)
    ref = _gathered(x, y, ix, iy, idx, method)
    np.testing.assert_array_equal(np.isnan(ours), np.isnan(ref))
    np.testing.assert_allclose(ours, ref, rtol=0, atol=1e-12, equal_nan=True)
    assert np.isfinite(ours).mean() > 0.25  # the comparison is not between two all-NaN arrays


def test_kendall_without_the_sign_cache_gives_the_same_resample_estimates(monkeypatch):
    x, y, ix, iy = _tied_panel(4, 30)
    idx = np.random.default_rng(2).integers(0, 30, (200, 30))
    cached = resampled_estimates(x, y, ix, iy, idx, "kendall")
    monkeypatch.setattr(resample, "SIGN_CACHE_BYTES", 0)  # what a panel of thousands of subjects gets
    np.testing.assert_array_equal(resampled_estimates(x, y, ix, iy, idx, "kendall"), cached)


@pytest.mark.parametrize("method", BOOTSTRAP_METHODS)
def test_jackknife_equals_leaving_each_subject_out(method):
    x, y, ix, iy = _tied_panel(3, 20)
    ours = jackknife_estimates(x, y, ix, iy, method)
    ref = _gathered(x, y, ix, iy, jackknife_indices(20), method)
    np.testing.assert_allclose(ours, ref, rtol=0, atol=1e-12, equal_nan=True)


@pytest.mark.parametrize("method", BOOTSTRAP_METHODS)
def test_one_pair_interval_equals_scipy_bootstrap_with_the_same_generator(method):
    rng = np.random.default_rng(11)
    x = rng.lognormal(size=25)
    y = 0.5 * np.log(x) + rng.normal(size=25)

    def statistic(xs, ys, axis=-1):
        xs, ys = np.moveaxis(xs, axis, -1), np.moveaxis(ys, axis, -1)
        shape = xs.shape[:-1]
        est = method_columns(xs.reshape(-1, xs.shape[-1]).T, ys.reshape(-1, ys.shape[-1]).T, method).estimate
        return est.reshape(shape)

    ref = stats.bootstrap(
        (x, y),
        statistic,
        paired=True,
        vectorized=True,
        n_resamples=1500,
        confidence_level=0.9,
        method="BCa",
        rng=np.random.default_rng(42),
    )
    ours = bootstrap_ci_columns(x[:, None], y[:, None], method, 1500, 0.9, seed=42)
    assert ours.low[0] == pytest.approx(ref.confidence_interval.low, abs=1e-12)
    assert ours.high[0] == pytest.approx(ref.confidence_interval.high, abs=1e-12)
    assert ours.n_used[0] == 1500 and ours.note[0] == ""


def test_pairs_sharing_rows_are_resampled_together_and_missing_rows_are_compacted():
    rng = np.random.default_rng(5)
    x = rng.normal(size=(40, 2))
    y = x @ np.array([[0.6, 0.0, 0.3], [0.0, 0.5, -0.4]]) + rng.normal(size=(40, 3))
    x[[3, 17], :] = np.nan  # the same two subjects miss every biomarker: one pattern for all pairs
    a, b = pair_columns(x, y)
    together = bootstrap_ci_columns(a, b, "spearman", 999, 0.95, seed=9)
    keep = ~np.isnan(x[:, 0])
    for j in range(a.shape[1]):
        alone = bootstrap_ci_columns(a[keep, j : j + 1], b[keep, j : j + 1], "spearman", 999, 0.95, seed=9)
        assert together.low[j] == alone.low[0] and together.high[j] == alone.high[0]
    assert len(set(together.low)) == a.shape[1]  # six different intervals, not one repeated


def test_different_missingness_patterns_each_resample_their_own_complete_rows():
    rng = np.random.default_rng(8)
    x = rng.normal(size=(30, 1))
    y = x + rng.normal(size=(30, 2))
    y[:5, 1] = np.nan
    a, b = pair_columns(x, y)
    res = bootstrap_ci_columns(a, b, "pearson", 500, 0.95, seed=1)
    assert (res.n_used == 500).all() and np.isfinite(res.low).all()
    r = [np.corrcoef(a[~np.isnan(a[:, j]), j], b[~np.isnan(a[:, j]), j])[0, 1] for j in range(2)]
    assert (res.low < r).all() and (r < res.high).all()


def test_undefined_resamples_are_left_out_and_counted():
    x = np.array([[1.0], [1], [1], [1], [1], [2], [3]])  # 5 of 7 tied: some resamples are constant
    y = np.array([[2.0], [1], [3], [5], [4], [6], [7]])
    res = bootstrap_ci_columns(x, y, "spearman", 2000, 0.95, seed=3)
    p_constant = (5 / 7) ** 7 + 2 * (1 / 7) ** 7
    assert 2000 - res.n_used[0] == pytest.approx(2000 * p_constant, abs=4 * np.sqrt(2000 * p_constant))
    assert res.n_used[0] < 2000 and "resamples had an undefined estimate" in res.note[0]
    assert np.isfinite(res.low[0]) and res.low[0] < res.high[0]


def test_pairs_without_a_bootstrap_say_why():
    rng = np.random.default_rng(2)
    big = rng.normal(size=(SKIPPED_MAX_N + 5, 1))
    res = bootstrap_ci_columns(big, big + rng.normal(size=big.shape), "skipped_spearman", 100, 0.95, seed=1)
    assert np.isnan(res.low[0]) and "n > 100" in res.note[0] and res.n_used[0] == 0
    small = bootstrap_ci_columns(big[:3], big[:3], "pearson", 100, 0.95, seed=1)
    assert "fewer than 4 complete pairs" in small.note[0]
    undefined = bootstrap_ci_columns(big, big, "bicor", 100, 0.95, seed=1, estimate=np.array([np.nan]))
    assert undefined.n_used[0] == 0 and undefined.note[0] == ""


def test_bca_interval_matches_the_textbook_formula():
    rng = np.random.default_rng(4)
    boot = rng.gamma(3.0, size=(5000, 1))
    jack = rng.gamma(3.0, size=(30, 1))
    theta = np.array([2.5])
    lo, hi, used = bca_interval(theta, boot, jack, 0.9)
    # Efron & Tibshirani (1993) eq. 14.14-14.15, written out by hand
    z0 = stats.norm.ppf(np.mean(boot[:, 0] < theta[0]))
    d = jack[:, 0].mean() - jack[:, 0]
    a = (d**3).sum() / (6 * (d**2).sum() ** 1.5)
    ends = [stats.norm.cdf(z0 + (z0 + z) / (1 - a * (z0 + z))) for z in stats.norm.ppf([0.05, 0.95])]
    expected = np.quantile(boot[:, 0], ends)
    assert (lo[0], hi[0]) == pytest.approx(tuple(expected), abs=1e-12)
    assert used[0] == 5000


def test_flat_jackknife_gives_no_acceleration_and_a_percentile_interval():
    boot = np.random.default_rng(0).normal(size=(4000, 1))
    lo, hi, _ = bca_interval(np.array([np.median(boot)]), boot, np.full((10, 1), 0.3) + 1e-17, 0.95)
    assert (lo[0], hi[0]) == pytest.approx(tuple(np.quantile(boot[:, 0], [0.025, 0.975])), abs=1e-3)


def test_kendall_bootstrap_stops_with_a_note_where_its_sign_matrix_would_not_fit(monkeypatch):
    monkeypatch.setattr(bootstrap, "KENDALL_MAX_N", 20)
    rng = np.random.default_rng(1)
    x = rng.normal(size=(30, 1))
    res = bootstrap_ci_columns(x, x + rng.normal(size=(30, 1)), "kendall", 200, 0.95, seed=1)
    assert np.isnan(res.low[0]) and res.n_used[0] == 0 and "n > 20" in res.note[0]
