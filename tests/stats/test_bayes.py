"""JZS Bayes factor against R BayesFactor::linearReg.R2stat."""

from __future__ import annotations

import numpy as np
import pytest

from biocorr.stats.bayes import jzs_bayes_factor
from tests.helpers import read_fixture


def test_jzs_bayes_factor_matches_r_bayesfactor():
    ref = read_fixture("r_jzs_bf.csv")
    ours = np.array([jzs_bayes_factor(r, int(n)) for r, n in zip(ref["r"], ref["n"])])
    np.testing.assert_allclose(ours, ref["bf10"], rtol=1e-7)  # both integrate numerically


def test_screen_bayes_factors_match_r_bayesfactor():
    # the fixture's r values inside a screen of 600 pairs per n: interpolated for |r| <= .894
    from biocorr.stats.bayes import jzs_bayes_factors

    ref = read_fixture("r_jzs_bf.csv")
    filler = np.linspace(-0.85, 0.85, 600)
    r_parts, n_parts, at_ref, start = [], [], [], 0
    for n_value, rows in ref.groupby("n", sort=False):
        r_parts.append(np.concatenate([rows["r"], filler]))
        n_parts.append(np.full(len(rows) + len(filler), n_value))
        at_ref.extend(start + np.arange(len(rows)))
        start += len(rows) + len(filler)
    got = jzs_bayes_factors(np.concatenate(r_parts), np.concatenate(n_parts))
    np.testing.assert_allclose(got[at_ref], ref["bf10"], rtol=1e-7)


def _adaptive_bf(r, n):
    """Independent reference: scipy's adaptive quadrature in g at relative tolerance 1e-13."""
    import warnings

    from scipy import integrate
    from scipy.special import gammaln

    r2 = r * r

    def log_f(g):
        return (n - 2) / 2 * np.log1p(g) - (n - 1) / 2 * np.log1p((1 - r2) * g) - 1.5 * np.log(g) - n / (2 * g)

    grid = np.logspace(-8, 12, 4000)
    peak, g_peak = log_f(grid).max(), grid[np.argmax(log_f(grid))]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = sum(
            integrate.quad(lambda g: np.exp(log_f(g) - peak), lo, hi, limit=1000, epsabs=0, epsrel=1e-13)[0]
            for lo, hi in ((0, g_peak), (g_peak, np.inf))
        )
    with np.errstate(over="ignore"):
        return np.exp(0.5 * np.log(n / 2) - gammaln(0.5) + np.log(value) + peak)


def test_vectorised_bayes_factors_equal_adaptive_quadrature_at_extreme_r_and_n():
    from biocorr.stats.bayes import jzs_bayes_factors

    cases = [(r, n) for n in (3, 4, 10, 100, 10_000) for r in (0.0, 0.05, 0.5, 0.9, 0.999, -0.45)]
    got = jzs_bayes_factors([r for r, _ in cases], [n for _, n in cases])
    ref = np.array([_adaptive_bf(r, n) for r, n in cases])
    finite = np.isfinite(ref)
    np.testing.assert_allclose(got[finite], ref[finite], rtol=1e-11)
    assert np.isinf(got[~finite]).all()  # beyond 1e308 both say infinite


def test_bayes_factor_edges():
    from biocorr.stats.bayes import jzs_bayes_factors

    out = jzs_bayes_factors([1.0, -1.0, np.nan, 0.3], [10, 10, 10, 2])
    assert np.isinf(out[:2]).all() and np.isnan(out[2:]).all()


def test_bayes_factor_with_mass_far_from_the_peak():
    """n = 4 with r near 1: the integrand has mass far below its peak; the window must reach it."""
    from biocorr.stats.bayes import jzs_bayes_factors

    for r, n in ((0.9999, 4), (0.999, 4), (0.99999, 5)):
        assert jzs_bayes_factors(r, n) == pytest.approx(_adaptive_bf(r, n), rel=1e-11)


@pytest.mark.parametrize("n", [3, 5, 24, 300, 10_000])
def test_a_screen_interpolates_log_bf_in_r2_within_1e_11_of_the_quadrature(n):
    from biocorr.stats.bayes import _log_bf_quadrature, jzs_bayes_factors

    rng = np.random.default_rng(n)
    r = np.concatenate([rng.normal(size=1500) * 0.25, [0.0, 0.894, -0.894]]).clip(-0.999, 0.999)
    got = jzs_bayes_factors(r, np.full(r.shape, n))
    with np.errstate(over="ignore"):
        quadrature = np.exp(_log_bf_quadrature(r * r, np.full(r.shape, float(n))))
    finite = np.isfinite(quadrature)
    np.testing.assert_allclose(got[finite], quadrature[finite], rtol=1e-11)
    assert np.isinf(got[~finite]).all()
    some = [0, 1, 2, len(r) - 2]  # and the interpolated values against the independent adaptive quadrature
    np.testing.assert_allclose(got[some], [_adaptive_bf(v, n) for v in r[some]], rtol=1e-11)


def test_an_interpolant_that_fails_its_check_gives_way_to_the_quadrature(monkeypatch):
    from biocorr.stats import bayes

    r = np.linspace(-0.6, 0.6, 500)
    n = np.full(r.shape, 30)
    quadrature = np.exp(bayes._log_bf_quadrature(r * r, n.astype(float)))
    assert not np.array_equal(bayes.jzs_bayes_factors(r, n), quadrature)  # interpolated: equal only to ~1e-12
    monkeypatch.setattr(bayes, "INTERPOLATE_CHECK", 0.0)  # no interpolant can pass
    np.testing.assert_array_equal(bayes.jzs_bayes_factors(r, n), quadrature)
