"""Kendall's S of shuffles against the definition (every pair's signs), with ties in a, b and both."""

import numpy as np
import pytest

from biocorr.stats.kendall_shuffles import KendallShuffles, dense_codes, pairs_within_runs, strict_inversions


def s_by_definition(a: np.ndarray, b: np.ndarray) -> float:
    return float((np.sign(a[:, None] - a[None, :]) * np.sign(b[:, None] - b[None, :])).sum() / 2)


@pytest.mark.parametrize("n", [3, 5, 14, 31, 200])
def test_every_shuffle_equals_the_sign_matrix_sum(n):
    rng = np.random.default_rng(n)
    a = np.column_stack([rng.normal(size=n), np.maximum(np.round(rng.exponential(size=n), 1), 0.5),
                         rng.integers(0, 3, n).astype(float)])  # fmt: skip
    b = np.column_stack([rng.integers(0, 5, n).astype(float), rng.normal(size=n), rng.integers(0, 2, n) * 1.0])
    perms = rng.permuted(np.tile(np.arange(n), (7, 1)), axis=1)
    got = KendallShuffles(a, b).s(perms)
    want = [[s_by_definition(a[:, j], b[perms[k], j]) for j in range(3)] for k in range(7)]
    assert got.tolist() == want


def test_helpers_against_brute_force():
    rng = np.random.default_rng(5)
    v = rng.integers(0, 6, size=(4, 40))
    inversions = [sum(int(r[i] > r[j]) for i in range(40) for j in range(i + 1, 40)) for r in v]
    assert strict_inversions(v).tolist() == inversions
    assert strict_inversions(v.astype(float)).tolist() == inversions
    ties = [sum(int(r[i] == r[j]) for i in range(40) for j in range(i + 1, 40)) for r in v]
    assert pairs_within_runs(np.sort(v, axis=1)).tolist() == ties
    codes = dense_codes(v.T.astype(float))
    assert all((np.unique(col, return_inverse=True)[1] == c).all() for col, c in zip(v, codes.T))


@pytest.mark.parametrize("fixed_levels", [0, 2, 3, 9])
def test_inversions_at_every_length_and_block_split(monkeypatch, fixed_levels):
    """Rows of every length 0-70 (short last blocks, odd lengths, one element) and codes of 1-50
    values, with the merge switching from block sorts to whole-row sorts at each level."""
    import biocorr.stats.kendall_shuffles as module

    monkeypatch.setattr(module, "FIXED_BLOCK_LEVELS", fixed_levels)
    rng = np.random.default_rng(fixed_levels)
    for n in range(71):
        v = rng.integers(0, int(rng.integers(1, 50)), size=(3, n))
        want = [sum(int(r[i] > r[j]) for i in range(n) for j in range(i + 1, n)) for r in v]
        assert strict_inversions(v).tolist() == want, n
