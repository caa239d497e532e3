"""PairStats: the pair engines' typed result, checked for length and defaults."""

from __future__ import annotations

import numpy as np
import pytest

from biocorr.stats.correlation import correlate_columns
from biocorr.stats.diagnostics import method_columns
from biocorr.stats.pair_stats import PairStats


def test_both_engines_return_the_record_with_every_field_per_pair():
    rng = np.random.default_rng(1)
    a, b = rng.normal(size=(12, 3)), rng.normal(size=(12, 3))
    for method in ("pearson", "kendall", "bicor", "skipped_spearman"):
        res = method_columns(a, b, method)
        assert isinstance(res, PairStats) and len(res) == 3
        assert all(len(v) == 3 for v in res.columns().values())
    classical = correlate_columns(a, b, "pearson")
    assert (classical.note == "").all() and (classical.n_removed == 0).all()
    assert classical.ci_method[0] == "Fisher z"


def test_a_field_of_the_wrong_length_is_refused():
    res = correlate_columns(np.arange(6.0).reshape(3, 2), np.ones((3, 2)), "pearson")
    fields = res.columns()
    fields["p"] = fields["p"][:1]
    with pytest.raises(ValueError, match="p not of length 2"):
        PairStats(**fields)
