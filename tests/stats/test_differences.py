"""Differences between correlations equal R (psych::r.test; Zou 2007 intervals written out in R)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from biocorr.stats.differences import dependent_difference, independent_difference
from tests.helpers import FIXTURES


def test_independent_groups_equal_r_to_1e10():
    ref = pd.read_csv(FIXTURES / "r_differences_independent.csv")
    got = independent_difference(ref["r1"], ref["n1"], ref["r2"], ref["n2"])  # every row at once
    np.testing.assert_allclose(np.abs(got["statistic"]), ref["z"], rtol=0, atol=1e-10)  # psych prints |z|
    assert (np.sign(got["statistic"]) == np.sign(ref["r1"] - ref["r2"])).all()  # ours keeps the direction
    np.testing.assert_allclose(got["p"], ref["p"], rtol=0, atol=1e-10)
    np.testing.assert_allclose(got["ci_low"], ref["ci_low"], rtol=0, atol=1e-10)
    np.testing.assert_allclose(got["ci_high"], ref["ci_high"], rtol=0, atol=1e-10)


def test_dependent_overlapping_equal_r_to_1e10():
    ref = pd.read_csv(FIXTURES / "r_differences_dependent.csv")
    got = dependent_difference(ref["r12"], ref["r13"], ref["r23"], ref["n"])
    np.testing.assert_allclose(got["statistic"], ref["t"], rtol=0, atol=1e-10)
    np.testing.assert_allclose(got["p"], ref["p"], rtol=0, atol=1e-10)
    np.testing.assert_allclose(got["ci_low"], ref["ci_low"], rtol=0, atol=1e-10)
    np.testing.assert_allclose(got["ci_high"], ref["ci_high"], rtol=0, atol=1e-10)
    assert (got["df"] == ref["n"] - 3).all()


def test_equal_correlations_differ_by_nothing_and_too_small_groups_give_nan():
    same = independent_difference(0.4, 30, 0.4, 30)
    assert same["difference"][0] == 0 and same["p"][0] == 1
    tiny = independent_difference(0.4, 3, 0.2, 30)
    assert np.isnan(tiny["p"][0]) and np.isnan(tiny["ci_low"][0])
