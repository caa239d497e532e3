"""Column utilities: exact power-of-two scaling and byte-wise distinct columns."""

from __future__ import annotations

import numpy as np
import pytest

from biocorr.stats.ties import distinct_columns, scale_columns


def _ldexp_reference(a):
    finite = np.where(np.isfinite(a), np.abs(a), 0.0)
    largest = finite.max(axis=0)
    return np.ldexp(a, -np.where(largest > 0, np.frexp(largest)[1], 0))


@pytest.mark.parametrize(
    "a",
    [
        np.random.default_rng(0).normal(size=(24, 300)) * 10.0 ** np.random.default_rng(1).integers(-300, 300, 300),
        np.array([[1e-310, 5e-324], [2e-320, np.nan]]),  # subnormal columns: 2^-e would overflow
        np.array([[np.inf, 1.0], [3.0, -np.inf]]),
        np.array([[1.7e308], [-1e-300]]),
        np.array([[np.nan], [np.nan]]),
        np.array([[0.0, -0.0], [0.0, 2.0]]),
    ],
)
def test_scale_columns_equals_ldexp_bit_for_bit(a):
    got, ref = scale_columns(a), _ldexp_reference(a)
    assert np.array_equal(got, ref, equal_nan=True) and np.array_equal(np.signbit(got), np.signbit(ref))
    finite = np.isfinite(got) & (got != 0)
    assert np.all(np.abs(got[finite]) < 1)


def test_distinct_columns_rebuild_the_input_and_merge_only_equal_columns():
    rng = np.random.default_rng(3)
    base = rng.normal(size=(7, 40))
    base[rng.random(base.shape) < 0.2] = np.nan
    a = base[:, rng.integers(0, 40, 500)]
    d, index = distinct_columns(a)
    assert np.array_equal(d[:, index], a, equal_nan=True)
    assert d.shape[1] == len({col.tobytes() for col in a.T})


def test_rank_columns_ranks_repeated_columns_once_and_equals_ranking_each():
    from scipy.stats import rankdata

    from biocorr.stats.correlation import rank_columns

    rng = np.random.default_rng(5)
    base = np.round(rng.normal(size=(9, 30)), 1)  # ties
    base[rng.random(base.shape) < 0.15] = np.nan
    a = base[:, rng.integers(0, 30, 400)]  # 400 columns, at most 30 distinct: the de-duplicated path
    expected = np.column_stack([rankdata(col, nan_policy="omit") for col in a.T])
    np.testing.assert_array_equal(rank_columns(a), expected)
