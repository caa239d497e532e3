"""Power, detectable coefficient and n for 80% power by method, against base-R formulas."""

from __future__ import annotations

import pytest

from biocorr.stats.fisher import detectable_r, n_for_power, power_at
from tests.helpers import read_fixture


def test_power_detectable_and_n_for_80_equal_the_r_formulas_per_method():
    ref = read_fixture("r_power.csv")
    assert len(ref) == 36
    for row in ref.itertuples():
        n, r, m = int(row.n), float(row.r), row.method
        assert float(power_at(r, n, method=m)) == pytest.approx(row.power, abs=1e-13), row
        assert float(detectable_r(n, method=m)) == pytest.approx(row.detectable, abs=1e-13), row
        assert n_for_power(r, method=m) == row.n_for_80, row


def test_a_kendall_tau_needs_fewer_subjects_than_the_same_pearson_r_and_unknown_methods_are_refused():
    assert n_for_power(0.4, method="kendall") < n_for_power(0.4)
    assert float(detectable_r(14, method="kendall")) < float(detectable_r(14))
    with pytest.raises(ValueError, match="no power formula"):
        power_at(0.3, 20, method="biweight")
