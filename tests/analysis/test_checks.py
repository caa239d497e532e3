"""Analysis warnings earn their place: the opposite-sign (Simpson) rule needs more than noise."""

from __future__ import annotations

import pandas as pd

from biocorr.analysis.checks import resampling_warnings, simpson_warnings


def _rows(pooled, groups):
    rows = [dict(x="TNF", y="VAS", method="pearson", subset="all", estimate=pooled[0], p=pooled[1])]
    rows += [
        dict(x="TNF", y="VAS", method="pearson", subset=f"g{i}", estimate=e, p=p) for i, (e, p) in enumerate(groups)
    ]
    return pd.DataFrame(rows)


def test_an_opposite_sign_made_of_noise_is_not_a_warning():
    assert simpson_warnings(_rows((-0.03, 0.78), [(0.05, 0.8), (0.02, 0.9)])) == []


def test_a_real_reversal_is_a_warning():
    out = simpson_warnings(_rows((-0.45, 0.001), [(0.30, 0.04), (0.25, 0.09)]))
    assert [w["code"] for w in out] == ["pooled-vs-within"] and out[0]["severity"] == "warning"
    assert "opposite sign" in out[0]["message"]


def test_a_pooled_only_significance_is_still_flagged():
    out = simpson_warnings(_rows((0.40, 0.01), [(0.10, 0.5), (0.05, 0.7)]))
    assert len(out) == 1 and "no within-group estimate is" in out[0]["message"]


def test_resampling_counts_below_usual_are_named():
    assert resampling_warnings(0, 0) == [] and resampling_warnings(5000, 2000) == []
