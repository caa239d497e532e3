"""correlation_differences on the embedded hivsn data equals R from the raw file (1e-10)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from biocorr import analyze
from biocorr.datasets import load
from tests.helpers import FIXTURES


def test_hivsn_differences_equal_r():
    ref = pd.read_csv(FIXTURES / "r_differences_hivsn.csv")
    ours = analyze(load("hivsn"), methods=["pearson", "spearman"]).differences
    ours = ours[ours["method"].isin(["pearson", "spearman"])]
    key = ["kind", "method", "subset_a", "y", "y_b"]
    merged = ref.rename(columns={"subset": "subset_a"}).merge(ours, on=key, suffixes=("_r", ""), validate="1:1")
    assert len(merged) == len(ref) == len(ours) == 70
    for col in ("difference", "statistic", "p", "ci_low", "ci_high"):
        r_col = merged[f"{col}_r"].to_numpy(float)
        np.testing.assert_allclose(merged[col].to_numpy(float), r_col, rtol=0, atol=1e-10, equal_nan=True, err_msg=col)
    lonely = merged[merged["difference"].isna()]  # non-painful patients have no pain scores: R gives NA there too
    assert len(lonely) == merged["difference_r"].isna().sum() > 0
    assert lonely["note"].str.contains("measured in one group only").all()


def test_the_motivating_question_is_answered():
    """Is CD4's association with depression specific to painful neuropathy? Group a minus group b."""
    d = analyze(load("hivsn"), methods=["pearson"]).differences
    row = d.query("kind == 'independent' and y == 'hscl_depression'").iloc[0]
    assert (row["subset_a"], row["subset_b"]) == ("Painful HIV-SN", "Non-painful HIV-SN")
    assert row["difference"] == row["estimate_a"] - row["estimate_b"] and row["ci_low"] < row["difference"]
    assert row["statistic_name"] == "z" and 0 < row["p"] < 1
