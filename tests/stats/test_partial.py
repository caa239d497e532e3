"""Partial correlations against R psych::partial.r and lm residuals."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from biocorr import analyze
from biocorr.stats.partial import design_matrix, partial_correlation
from tests.helpers import assert_close, read_fixture


def test_partial_correlations_match_r_psych(hivsn_results):
    ref = read_fixture("r_partial_hivsn.csv")
    c = hivsn_results.correlations
    for row in ref.itertuples():
        ours = c[(c.subset == "all") & (c.method == f"partial_{row.method}") & (c.y == row.y)].iloc[0]
        assert ours["n"] == row.n and "controlling for age, sex=male" in ours["note"]
        assert_close(
            [ours.estimate, ours.statistic, ours.p, ours.ci_low, ours.ci_high],
            [row.estimate, row.t, row.p, row.ci_low, row.ci_high],
            what=f"{row.method} {row.y}",
        )
        assert ours["df"] == row.n - 4


def test_partial_with_no_covariate_effect_equals_plain_correlation():
    rng = np.random.default_rng(1)
    x, y = rng.normal(size=30), rng.normal(size=30)
    z = np.ones((30, 1))  # constant covariate: dropped, k = 0
    res = partial_correlation(x, y, z)
    assert res["k"] == 0 and res["estimate"] == pytest.approx(np.corrcoef(x, y)[0, 1], abs=1e-14)
    zz, names = design_matrix(pd.DataFrame({"site": ["a", "b", "c", "a"]}))
    assert names == ["site=b", "site=c"] and zz.tolist() == [[0, 0], [1, 0], [0, 1], [0, 0]]


def test_collinear_covariates_count_once_in_df():
    """0.2 counted both of two collinear covariates (age in years and in months) in the df."""
    from biocorr.stats.partial import partial_correlation

    rng = np.random.default_rng(11)
    age = rng.normal(40, 10, 30)
    x, y = age + rng.normal(size=30), age + rng.normal(size=30)
    one = partial_correlation(x, y, age[:, None])
    two = partial_correlation(x, y, np.column_stack([age, age * 12]))
    assert two["k"] == one["k"] == 1 and two["df"] == one["df"] == 27
    assert abs(two["estimate"] - one["estimate"]) < 1e-12 and "linear combinations" in two["note"]


def test_a_covariate_equal_to_the_biomarker_gives_no_partial_r():
    """0.2 reported a partial r computed from rounding noise."""
    from biocorr.stats.partial import partial_correlation

    rng = np.random.default_rng(12)
    x, y = rng.normal(size=25), rng.normal(size=25)
    res = partial_correlation(x, y, (2 * x + 1)[:, None])
    assert np.isnan(res["estimate"]) and "the biomarker is a linear function of the covariates" in res["note"]


def test_categorical_missing_codes_and_capitals_are_not_levels():
    """'.' and 'NA' were levels of a categorical covariate ('.' the reference); 'M' and 'm' two levels."""
    from biocorr.data.read import read_text_table
    from biocorr.data.validate import validate
    from biocorr.spec import parse_spec

    rng = np.random.default_rng(13)
    sex = ["M", "m", "F", ".", "NA", "F"] * 4
    rows = [f"P{i},{rng.normal():.3f},{rng.normal():.3f},{s}" for i, s in enumerate(sex)]
    spec = parse_spec(
        {
            "data": {"id": "id", "missing": ["."]},
            "biomarker": [{"column": "TNF"}],
            "score": [{"column": "VAS"}],
            "covariate": [{"column": "sex", "categorical": True}],
        }
    )
    study = validate(read_text_table("id,TNF,VAS,sex\n" + "\n".join(rows) + "\n"), spec)
    assert sorted({v for v in study.data["sex"] if isinstance(v, str)}) == ["F", "M"]
    assert "categorical-case" in set(study.warnings["code"])
    partial = analyze(study).correlations.query("method == 'partial_pearson' and subset == 'all'").iloc[0]
    assert partial["n"] == 16 and partial["df"] == 13  # 8 rows without sex left out; one dummy (sex=M)
    assert "sex=M" in partial["note"]
