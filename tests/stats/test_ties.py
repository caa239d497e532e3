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


def test_distinct_columns_fall_back_to_byte_strings_when_hashes_collide(monkeypatch):
    import biocorr.stats.ties as ties

    rng = np.random.default_rng(4)
    base = np.round(rng.normal(size=(5, 30)), 1)
    base[rng.random(base.shape) < 0.2] = np.nan
    a = base[:, rng.integers(0, 30, 200)]
    expected_d, expected_index = distinct_columns(a)
    # every column hashes to 0: the verification must catch it and group by the bytes instead
    monkeypatch.setattr(ties, "_hash_multipliers", lambda k: np.zeros(k, dtype=np.uint64))
    d, index = distinct_columns(a)
    assert np.array_equal(d, expected_d, equal_nan=True) and np.array_equal(index, expected_index)
    assert np.array_equal(d[:, index], a, equal_nan=True)


def test_distinct_columns_keep_first_appearance_order_for_any_byte_width():
    # packed presence patterns are 1-3 bytes per column: hashed after zero padding to a word
    present = np.array([[1, 0, 1, 1, 0]] * 11, dtype=bool)
    present[10, 3] = False
    packed = np.packbits(present, axis=0)  # (2, 5) uint8
    d, index = distinct_columns(packed)
    assert index.tolist() == [0, 1, 0, 2, 1]
    assert np.array_equal(d, packed[:, [0, 1, 3]])


def test_tie_sums_without_each_column_equal_deleting_each_value():
    from biocorr.stats.ties import tie_group_sums, tie_sums_without_each_column

    rng = np.random.default_rng(8)
    a = np.column_stack([np.round(rng.normal(size=9), 0), rng.normal(size=9), [1.0, 1, 1, 2, 2, 3, 4, 5, 6]])
    sums, tied = tie_sums_without_each_column(a)  # tied, untied and mixed columns in one call
    for j in range(a.shape[1]):
        for i in range(a.shape[0]):
            rest = np.delete(a[:, j], i).reshape(-1, 1)
            ref = tie_group_sums(rest)
            for key in ("t2", "t3", "t25"):
                assert sums[key][i, j] == ref[key][0]
            assert tied[i, j] == (len(np.unique(rest)) < len(rest))
    assert not tied[:, 1].any() and tied[:, 0].any()


def test_average_ranks_equal_scipys_rankdata_on_ties_nans_and_empty_columns():
    from scipy.stats import rankdata

    from biocorr.stats.ties import average_ranks

    rng = np.random.default_rng(3)
    for _ in range(300):
        n, m = int(rng.integers(1, 40)), int(rng.integers(1, 6))
        a = rng.integers(0, 6, size=(n, m)).astype(float) if rng.random() < 0.7 else rng.normal(size=(n, m))
        a[rng.random((n, m)) < 0.2] = np.nan
        expected = rankdata(a, axis=0, nan_policy="omit")
        np.testing.assert_array_equal(average_ranks(a), expected)
    np.testing.assert_array_equal(average_ranks(np.array([2.0, 2.0, 1.0])), [2.5, 2.5, 1.0])
    assert average_ranks(np.empty((0, 3))).shape == (0, 3)


def test_the_skipped_correlation_cut_off_is_rs_qchisq():
    from scipy.stats import chi2

    from biocorr.stats.robust import CHI2_2DF_975

    assert abs(CHI2_2DF_975**2 - 7.377758908227871) < 1e-14  # R: qchisq(0.975, 2)
    assert abs(CHI2_2DF_975 - np.sqrt(chi2.ppf(0.975, 2))) < 1e-15


def test_tied_pairs_and_the_group_sums_agree_with_a_count_by_hand():
    from biocorr.stats.kendall_shuffles import pairs_within_runs
    from biocorr.stats.ties import tie_group_sums

    rng = np.random.default_rng(7)
    for _ in range(200):
        n, m = int(rng.integers(1, 40)), int(rng.integers(1, 5))
        a = rng.integers(0, 5, size=(n, m)).astype(float)
        a[rng.random((n, m)) < 0.2] = np.nan
        sums = tie_group_sums(a)
        for j in range(m):
            _, t = np.unique(a[~np.isnan(a[:, j]), j], return_counts=True)  # the reference: group sizes
            t = t.astype(float)
            present = np.sort(a[~np.isnan(a[:, j]), j])
            assert pairs_within_runs(present[None, :])[0] == (t * (t - 1) / 2).sum()
            assert sums["t2"][j] == (t * (t - 1)).sum() and sums["t3"][j] == (t * (t - 1) * (t - 2)).sum()
            assert sums["t25"][j] == (t * (t - 1) * (2 * t + 5)).sum() and sums["cube"][j] == (t**3 - t).sum()
