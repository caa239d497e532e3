"""Leave-one-out and Cook's distance against refitting and R cooks.distance."""

from __future__ import annotations

import numpy as np
import pytest

from biocorr.stats.correlation import correlate_columns, pair_columns
from biocorr.stats.diagnostics import loo_summary
from biocorr.stats.influence import cooks_distance, leave_one_out, rank_leave_one_out, spearman_loo_p_range
from tests.helpers import assert_close, read_fixture

INPUTS = read_fixture("correlation_inputs.csv")


def test_cooks_distance_matches_r():
    d = INPUTS[INPUTS["case"] == "cont_n14"]
    ref = read_fixture("r_cooks_cont_n14.csv")
    assert_close(cooks_distance(d[["x"]].to_numpy(), d[["y"]].to_numpy())[:, 0], ref["cooks"])


@pytest.mark.parametrize("method", ["pearson", "spearman", "kendall"])
def test_leave_one_out_equals_refitting(method):
    d = INPUTS[INPUTS["case"].isin(["cont_n14", "ties_n14"])]
    a = np.column_stack([d[d.case == c]["x"] for c in ("cont_n14", "ties_n14")])
    b = np.column_stack([d[d.case == c]["y"] for c in ("cont_n14", "ties_n14")])
    a[3, 1] = b[3, 1] = np.nan  # a missing pair: its row is NaN, the others use n - 2
    r_loo, p_loo = leave_one_out(a, b, method)
    for j in range(2):
        for k in range(14):
            keep = np.ones(14, bool)
            keep[k] = False
            ok = keep & ~np.isnan(a[:, j])
            ref = correlate_columns(a[ok, j : j + 1], b[ok, j : j + 1], method)
            if np.isnan(a[k, j]):
                assert np.isnan(r_loo[k, j])
                continue
            assert r_loo[k, j] == pytest.approx(ref.estimate[0], abs=1e-12)
            assert p_loo[k, j] == pytest.approx(ref.p[0], abs=1e-12)


@pytest.mark.parametrize("method", ["spearman", "kendall"])
def test_rank_leave_one_out_equals_refitting_at_large_n_with_ties_and_gaps(method):
    rng = np.random.default_rng(21)
    n = 230  # above the old recomputation limit (200), and past Kendall's exact and Spearman's tie-free branches
    x = rng.lognormal(size=(n, 2))
    x[:, 0] = np.round(x[:, 0], 1)
    x[:60, 0] = x[:, 0].min()  # a detection-limit pile-up; column 1 has no ties
    y = np.column_stack([np.round(x[:, 0] + rng.normal(size=n), 2), rng.normal(size=n)])  # column 1 untied
    y[[5, 77], 0] = np.nan
    a, b = pair_columns(x, y)
    r_loo, p_loo = leave_one_out(a, b, method)
    untied = correlate_columns(a[:, 3:], b[:, 3:], method).p_method[0]
    assert untied == ("AS 89 Edgeworth series" if method == "spearman" else "normal approximation (n >= 50)")
    for j in range(a.shape[1]):
        for k in rng.choice(n, 25, replace=False):
            if np.isnan(a[k, j]):
                assert np.isnan(r_loo[k, j])
                continue
            keep = ~np.isnan(a[:, j])
            keep[k] = False
            ref = correlate_columns(a[keep, j : j + 1], b[keep, j : j + 1], method)
            assert r_loo[k, j] == pytest.approx(ref.estimate[0], abs=1e-12)
            assert p_loo[k, j] == pytest.approx(ref.p[0], rel=1e-10, abs=1e-300)


def test_kendall_leave_one_out_beyond_2048_subjects_uses_row_blocks_and_still_equals_refitting():
    rng = np.random.default_rng(30)
    n = 2100
    x = np.round(rng.normal(size=(n, 1)), 1)
    y = np.round(0.05 * x + rng.normal(size=(n, 1)), 1)
    r_loo, p_loo = leave_one_out(x, y, "kendall")
    for k in (0, 777, n - 1):
        keep = np.ones(n, bool)
        keep[k] = False
        ref = correlate_columns(x[keep], y[keep], "kendall")
        assert r_loo[k, 0] == pytest.approx(ref.estimate[0], abs=1e-12)
        assert p_loo[k, 0] == pytest.approx(ref.p[0], rel=1e-10)


@pytest.mark.parametrize("alternative", ["two-sided", "greater", "less"])
@pytest.mark.parametrize("method", ["pearson", "spearman", "kendall"])
def test_loo_summary_p_range_equals_every_deletions_p(method, alternative):
    # Pearson takes the extremes of p from the extremes of r (two t-tests per pair);
    # the rank methods from every deletion's p. Both must equal refitting every deletion.
    rng = np.random.default_rng(7)
    n, m = 12, 40
    x = rng.normal(size=(n, m))
    a = x.copy()
    b = 0.5 * x + rng.normal(size=(n, m))
    a[rng.random((n, m)) < 0.1] = np.nan
    a, b = pair_columns(a, b)
    full = correlate_columns(a, b, method, alternative=alternative)
    ids = np.array([f"S{i}" for i in range(n)], dtype=object)
    s = loo_summary(a, b, method, full.estimate, full.p, ids, alternative)
    for j in range(m):
        ps = []
        for k in np.flatnonzero(~np.isnan(a[:, j])):
            keep = ~np.isnan(a[:, j])
            keep[k] = False
            ps.append(correlate_columns(a[keep, j : j + 1], b[keep, j : j + 1], method, alternative=alternative).p[0])
        assert s["loo_min_p"][j] == pytest.approx(min(ps), rel=1e-12)
        assert s["loo_max_p"][j] == pytest.approx(max(ps), rel=1e-12)
        flips = any((q < 0.05) != (full.p[j] < 0.05) for q in ps)
        assert bool(s["loo_changes_significance"][j]) == flips
    flipped = s["loo_changes_significance"]
    assert (flipped & (full.p < 0.05)).any() and (flipped & (full.p >= 0.05)).any()  # both directions


@pytest.mark.parametrize("alternative", ["two-sided", "greater", "less"])
def test_spearman_p_range_from_the_extremes_of_each_tie_state_equals_every_deletions_p(alternative):
    """With ties, a deletion can leave the ranks tied (t approximation) or untied (exact AS 89):
    p is monotone in rho within each state, not across, so the extremes are taken per state."""
    rng = np.random.default_rng(11)
    n, m = 14, 60
    a = np.round(rng.normal(size=(n, m)) * 1.5) / 2  # heavy ties in some columns, a few in others
    b = np.round(0.4 * a + rng.normal(size=(n, m)), 1)
    a[rng.random((n, m)) < 0.08] = np.nan
    r, lo, hi = spearman_loo_p_range(a, b, alternative)
    r_all, p_all = rank_leave_one_out(a, b, "spearman", alternative)
    assert np.array_equal(np.isnan(r), np.isnan(r_all)) and np.array_equal(r[~np.isnan(r)], r_all[~np.isnan(r_all)])
    assert np.allclose(lo, np.nanmin(p_all, axis=0), rtol=0, atol=1e-15)
    assert np.allclose(hi, np.nanmax(p_all, axis=0), rtol=0, atol=1e-15)


@pytest.mark.parametrize("method", ["pearson", "spearman", "kendall"])
def test_loo_and_cooks_summaries_by_column_blocks_equal_one_block(method, monkeypatch):
    import biocorr.stats.diagnostics as diagnostics
    from biocorr.stats.diagnostics import column_blocks, cooks_summary

    rng = np.random.default_rng(12)
    n, m = 15, 70
    x = rng.normal(size=(n, m))
    a, b = x.copy(), np.round(0.4 * x + rng.normal(size=(n, m)), 1)
    a[rng.random((n, m)) < 0.1] = np.nan
    b[np.isnan(a)] = np.nan  # paired columns
    full = correlate_columns(a, b, method)
    ids = np.array([f"S{i}" for i in range(n)], dtype=object)
    whole = loo_summary(a, b, method, full.estimate, full.p, ids)
    whole_cooks = cooks_summary(a, b, ids)
    monkeypatch.setattr(diagnostics, "BLOCK_CELLS", 4 * n)  # blocks of 4 columns, the last of 2
    assert len(column_blocks(n, m)) == 18
    calls = []
    block = diagnostics._loo_summary_block

    def counted(a, *rest, **options):
        calls.append(a.shape)
        return block(a, *rest, **options)

    monkeypatch.setattr(diagnostics, "_loo_summary_block", counted)
    blocked = loo_summary(a, b, method, full.estimate, full.p, ids)
    blocked_cooks = cooks_summary(a, b, ids)
    assert calls == [(n, 4)] * 17 + [(n, 2)]
    for key, value in {**whole, **whole_cooks}.items():
        got = {**blocked, **blocked_cooks}[key]
        assert np.array_equal(got, value, equal_nan=value.dtype.kind == "f"), key
    d = cooks_distance(a, b)
    assert np.array_equal(whole_cooks["cooks_d_max"], np.nanmax(d, axis=0))


@pytest.mark.parametrize("alternative", ["two-sided", "greater", "less"])
def test_spearman_loo_from_the_variables_equals_the_pair_columns(alternative):
    """With complete data the Spearman leave-one-out ranks each variable once (``variables``),
    over blocks of pairs: every summary column equals the pair-column computation exactly, ties
    (both tie states) included."""
    rng = np.random.default_rng(3)
    x, y = rng.normal(size=(14, 50)), rng.normal(size=(14, 4))
    x[:, :10] = np.round(x[:, :10])
    y[:, 0] = np.round(y[:, 0])
    a, b = pair_columns(x, y)
    ix, iy = np.repeat(np.arange(50), 4), np.tile(np.arange(4), 50)
    full = correlate_columns(a, b, "spearman", alternative=alternative)
    ids = np.array([f"S{i}" for i in range(14)], dtype=object)
    plain = loo_summary(a, b, "spearman", full.estimate, full.p, ids, alternative)
    hinted = loo_summary(a, b, "spearman", full.estimate, full.p, ids, alternative, (x, y, ix, iy))
    for key, value in plain.items():
        assert np.array_equal(value, hinted[key], equal_nan=value.dtype.kind == "f"), key


def test_rank_jackknife_of_every_combination_equals_any_pair_order():
    """Pairs that are every (x, y) combination in x-major order are computed by broadcasting
    over (x, y, row) instead of gathering per pair: the same rho to the last bit as the same
    pairs in another order (ties included, k from 6 to 24)."""
    from biocorr.stats.dominance import small_rank_jackknife

    rng = np.random.default_rng(4)
    for k in (6, 14, 24):
        x, y = rng.normal(size=(k, 40)), rng.normal(size=(k, 3))
        x[:, :10] = np.round(x[:, :10])
        y[:, 0] = np.round(y[:, 0])
        ix, iy = np.repeat(np.arange(40), 3), np.tile(np.arange(3), 40)
        every = small_rank_jackknife(x, y, ix, iy, "spearman")
        order = rng.permutation(len(ix))
        shuffled = small_rank_jackknife(x, y, ix[order], iy[order], "spearman")
        assert np.array_equal(every[:, order], shuffled, equal_nan=True)
