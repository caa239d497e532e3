"""JZS Bayes factor against R BayesFactor::linearReg.R2stat."""

from __future__ import annotations

import numpy as np

from biocorr.stats.bayes import jzs_bayes_factor
from tests.helpers import read_fixture


def test_jzs_bayes_factor_matches_r_bayesfactor():
    ref = read_fixture("r_jzs_bf.csv")
    ours = np.array([jzs_bayes_factor(r, int(n)) for r, n in zip(ref["r"], ref["n"])])
    np.testing.assert_allclose(ours, ref["bf10"], rtol=1e-7)  # both integrate numerically
