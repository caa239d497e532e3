"""Two-group tests and effect sizes against R (fixtures/r_group_tests.csv)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from biocorr.datasets import data_path
from biocorr.stats.groups import compare_two_groups, hedges_correction, mann_whitney_test
from tests.helpers import assert_close, read_fixture

REFERENCE = read_fixture("r_group_tests.csv").set_index("case")
INPUTS = read_fixture("group_inputs.csv")
EXACT = [
    "n1",
    "n2",
    "t",
    "t_df",
    "t_p",
    "mean_diff",
    "mean_diff_ci_low",
    "mean_diff_ci_high",
    "hedges_g",
    "mw_u",
    "mw_p",
    "rank_biserial",
    "rank_biserial_ci_low",
    "rank_biserial_ci_high",
]
# The g interval inverts the noncentral t CDF numerically (R: pt(ncp=) + uniroot; here:
# scipy's nct + brentq); both CDFs are accurate to ~1e-12, so the roots agree to ~1e-9.
NCT_TOL = 1e-8


def _groups(case):
    if case.startswith("hivsn_"):
        d = pd.read_csv(data_path("hivsn"))
        v = case.removeprefix("hivsn_")
        return d.loc[d.painful_sn == "Yes", v].to_numpy(float), d.loc[d.painful_sn == "No", v].to_numpy(float)
    d = INPUTS[INPUTS["case"] == case]
    return d.loc[d.group == 1, "value"].to_numpy(), d.loc[d.group == 2, "value"].to_numpy()


@pytest.mark.parametrize("case", list(REFERENCE.index))
def test_two_group_statistics_match_r(case):
    x, y = _groups(case)
    res = compare_two_groups(x, y)
    ref = REFERENCE.loc[case]
    assert_close([getattr(res, k) for k in EXACT], ref[EXACT].to_numpy(float), what=case)
    assert_close(
        [res.hedges_g_ci_low, res.hedges_g_ci_high],
        ref[["hedges_g_ci_low", "hedges_g_ci_high"]].to_numpy(float),
        tol=NCT_TOL,
        what=case,
    )


def test_mann_whitney_switches_to_normal_approximation_as_r_does():
    rng = np.random.default_rng(2)
    assert mann_whitney_test(rng.normal(size=10), rng.normal(size=12))[2] == "exact"
    assert mann_whitney_test(rng.normal(size=50), rng.normal(size=12))[2].startswith("normal")
    assert mann_whitney_test([1, 2, 2, 3], [2, 4, 5])[2].endswith("(ties)")


def test_hedges_correction_approaches_classic_approximation():
    for df in (10, 22, 100):
        assert hedges_correction(df) == pytest.approx(1 - 3 / (4 * df - 1), abs=0.04 / df**2)
    # J(10) = Gamma(5) / (sqrt(5) Gamma(4.5)), by hand
    assert hedges_correction(10) == pytest.approx(24 / (np.sqrt(5) * 11.631728396567448), abs=1e-12)


def test_missing_values_are_dropped_and_tiny_groups_give_nan():
    res = compare_two_groups([1.0, np.nan, 3.0, 4.0], [2.0, 5.0, np.nan])
    assert (res.n1, res.n2) == (3, 2)
    res = compare_two_groups([1.0, 2.0, 3.0], [4.0])
    assert np.isnan(res.t_p) and np.isnan(res.mw_p) and res.n2 == 1
