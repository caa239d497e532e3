"""Partial correlations against R psych::partial.r and lm residuals."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from biocorr import analyze
from biocorr.datasets import load
from biocorr.stats.partial import design_matrix, partial_correlation
from tests.helpers import assert_close, read_fixture


@pytest.fixture(scope="module")
def hivsn_results():
    return analyze(load("hivsn"))


def test_partial_correlations_match_r_psych(hivsn_results):
    ref = read_fixture("r_partial_hivsn.csv")
    c = hivsn_results.correlations
    for row in ref.itertuples():
        ours = c[(c.subset == "all") & (c.method == f"partial_{row.method}") & (c.y == row.y)].iloc[0]
        assert ours["n"] == row.n and "controlling for age, sex=male" in ours["note"]
        assert_close(
            [ours.estimate, ours.statistic, ours.p, ours.ci_low, ours.ci_high],
            [row.estimate, row.t, row.p, row.ci_low, row.ci_high],
            what=f"{row.method} {row.y}",
        )
        assert ours["df"] == row.n - 4


def test_partial_with_no_covariate_effect_equals_plain_correlation():
    rng = np.random.default_rng(1)
    x, y = rng.normal(size=30), rng.normal(size=30)
    z = np.ones((30, 1))  # constant covariate: dropped, k = 0
    res = partial_correlation(x, y, z)
    assert res["k"] == 0 and res["estimate"] == pytest.approx(np.corrcoef(x, y)[0, 1], abs=1e-14)
    zz, names = design_matrix(pd.DataFrame({"site": ["a", "b", "c", "a"]}))
    assert names == ["site=b", "site=c"] and zz.tolist() == [[0, 0], [1, 0], [0, 1], [0, 0]]
