"""Repeated-measures correlation against R (lm + drop1 + psych::r.con, as rmcorr computes it)."""

from __future__ import annotations

import numpy as np
import pytest

from biocorr.stats.rmcorr import rmcorr_columns, subject_codes
from tests.helpers import assert_close, read_fixture

INPUTS = read_fixture("rmcorr_inputs.csv")
REFERENCE = read_fixture("r_rmcorr.csv")


def _case(case):
    d = INPUTS[INPUTS["case"] == case]
    codes, _ = subject_codes(d["subject"])
    return d[["x"]].to_numpy(float), d[["y"]].to_numpy(float), codes


@pytest.mark.parametrize(
    "row", REFERENCE.to_dict("records"), ids=lambda r: f"{r['case']}-{r['transform']}-{r['level']:.2f}"
)
def test_rmcorr_equals_r_ancova(row):
    a, b, codes = _case(row["case"])
    if row["transform"] == "log":
        a = np.log(a)
    res = rmcorr_columns(a, b, codes, confidence=row["level"])
    assert res["n"][0] == row["n"] and res["n_subjects"][0] == row["n_subjects"]
    assert res["df"][0] == row["df"]
    assert_close(res["estimate"], [row["r"]], what="r_rm")
    assert_close(res["statistic"], [row["t"]], what="t")
    assert_close(res["p"], [row["p"]], what="p")
    assert_close(res["ci_low"], [row["ci_low"]], what="ci low")
    assert_close(res["ci_high"], [row["ci_high"]], what="ci high")
    greater = rmcorr_columns(a, b, codes, confidence=row["level"], alternative="greater")
    less = rmcorr_columns(a, b, codes, confidence=row["level"], alternative="less")
    assert_close(greater["p"], [row["p_greater"]], what="p greater")
    assert_close(less["p"], [row["p_less"]], what="p less")
    assert_close(greater["ci_low"], [row["ci_greater_low"]], what="one-sided low")
    assert_close(less["ci_high"], [row["ci_less_high"]], what="one-sided high")
    assert greater["ci_high"][0] == 1.0 and less["ci_low"][0] == -1.0


def test_simpson_case_within_and_pooled_run_opposite_ways():
    from biocorr.stats.diagnostics import correlation_test

    row = REFERENCE[(REFERENCE["case"] == "simpson") & (REFERENCE["transform"] == "none")].iloc[0]
    a, b, codes = _case("simpson")
    pooled = correlation_test(a[:, 0], b[:, 0]).estimate
    within = rmcorr_columns(a, b, codes)["estimate"][0]
    assert_close([pooled, within], [row["pooled_r"], row["r"]], what="pooled r and r_rm (R)")
    assert pooled > 0.3 and within < -0.5  # the case shows what rmcorr is for


def test_pairs_vectorised_equal_one_pair_at_a_time_with_their_own_gaps():
    rng = np.random.default_rng(3)
    codes = np.repeat(np.arange(9), 4)
    a = rng.normal(size=(36, 5)) + rng.normal(size=(9, 1)).repeat(4, axis=0)
    b = 0.3 * a + rng.normal(size=(36, 5))
    a[rng.random(a.shape) < 0.15] = np.nan
    b[rng.random(b.shape) < 0.15] = np.nan
    both = rmcorr_columns(a, b, codes)
    for j in range(5):
        one = rmcorr_columns(a[:, j : j + 1], b[:, j : j + 1], codes)
        keep = ~(np.isnan(a[:, j]) | np.isnan(b[:, j]))
        alone = rmcorr_columns(a[keep, j : j + 1], b[keep, j : j + 1], subject_codes(codes[keep])[0])
        for key in ("n", "n_subjects", "estimate", "p", "ci_low", "ci_high"):
            assert both[key][j] == pytest.approx(one[key][0], rel=1e-13)
            assert both[key][j] == pytest.approx(alone[key][0], rel=1e-13)


def test_undefined_rmcorr_is_nan_not_an_error():
    codes = np.array([0, 1, 2, 3])  # every subject seen once: df = 4 - 4 - 1 < 1
    res = rmcorr_columns(np.arange(4.0).reshape(-1, 1), np.arange(4.0).reshape(-1, 1), codes)
    assert np.isnan(res["estimate"][0]) and np.isnan(res["p"][0]) and res["n_subjects"][0] == 4
    codes = np.array([0, 0, 1, 1, 2, 2])  # x constant within every subject
    a = np.array([[1.0], [1], [2], [2], [3], [3]])
    res = rmcorr_columns(a, np.arange(6.0).reshape(-1, 1), codes)
    assert np.isnan(res["estimate"][0])
    with pytest.raises(ValueError, match="one code per row"):
        rmcorr_columns(a, a, codes[:3])
