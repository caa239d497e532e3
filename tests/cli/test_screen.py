"""`biocorr screen` end to end: both layouts, outputs, notes, and clear errors."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from biocorr.cli import main
from biocorr.screen.compute import screen
from tests.helpers import FIXTURES

INPUTS = pd.read_csv(FIXTURES / "screen_inputs.csv")
GENES = [c for c in INPUTS.columns if c.startswith("gene")]


def test_samples_by_features_table_with_covariates(tmp_path, capsys):
    path = tmp_path / "omics.csv"
    INPUTS.to_csv(path, index=False)
    args = ["screen", str(path), "--phenotypes", "pain,fatigue,mood", "--id", "id", "--covariates", "age,sex"]
    assert main([*args, "--methods", "pearson,spearman", "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "60 features x 3 phenotypes x 2 method(s): 360 tests" in out
    table = pd.read_csv(tmp_path / "out" / "screen.csv")
    expected = screen(INPUTS[GENES], INPUTS[["pain", "fatigue", "mood"]], ["pearson", "spearman"],
                      covariates=INPUTS[["age", "sex"]])  # fmt: skip
    np.testing.assert_allclose(table["p_adjusted"], expected["p_adjusted"], rtol=1e-12)
    parquet = pd.read_parquet(tmp_path / "out" / "screen.parquet")  # pyarrow is a dev dependency
    np.testing.assert_allclose(parquet["p"], table["p"], rtol=0)
    hits = pd.read_csv(tmp_path / "out" / "top_hits.csv")
    assert (hits["p_adjusted"] < 0.05).all() and len(hits) == int((expected["p_adjusted"] < 0.05).sum())
    page = (tmp_path / "out" / "screen.html").read_text(encoding="utf-8")
    assert "7 of 360 tests have adjusted p &lt; .05" in page and "<img" in page
    assert (tmp_path / "out" / "volcano.png").exists()
    settings = json.loads((tmp_path / "out" / "screen.json").read_text())["settings"]
    assert settings["covariates"] == "age, sex" and settings["features"] == "60"


def test_samples_without_their_covariates_are_counted_in_the_notes(tmp_path, capsys):
    data = INPUTS.copy()
    data.loc[[0, 5], "age"] = np.nan
    data.to_csv(tmp_path / "omics.csv", index=False)
    args = ["screen", str(tmp_path / "omics.csv"), "--phenotypes", "pain", "--id", "id", "--covariates", "age,sex"]
    assert main([*args, "--out", str(tmp_path / "o")]) == 0
    assert "note: 2 sample(s) without every covariate are left out of the adjusted tests" in capsys.readouterr().out
    table = pd.read_csv(tmp_path / "o" / "screen.csv")
    assert table["n"].max() == 38


def test_features_by_samples_matrix_with_a_sample_sheet_gives_the_same_tests(tmp_path):
    matrix = INPUTS.set_index("id")[GENES].T.rename_axis("feature").reset_index()
    matrix.to_csv(tmp_path / "matrix.tsv", sep="\t", index=False)
    sheet = INPUTS[["id", "pain", "fatigue", "mood"]].iloc[::-1]  # another order, two extra samples
    sheet = pd.concat([sheet, pd.DataFrame({"id": ["x1", "x2"], "pain": [1, 2]})])
    sheet.to_csv(tmp_path / "sheet.csv", index=False)
    args = ["screen", str(tmp_path / "matrix.tsv"), "--transpose", "--samples", str(tmp_path / "sheet.csv")]
    assert (
        main([*args, "--id", "id", "--phenotypes", "pain,fatigue,mood", "--out", str(tmp_path / "o"), "--quiet"]) == 0
    )
    table = pd.read_csv(tmp_path / "o" / "screen.csv").set_index(["feature", "phenotype"])
    expected = screen(INPUTS[GENES], INPUTS[["pain", "fatigue", "mood"]]).set_index(["feature", "phenotype"])
    np.testing.assert_allclose(table.loc[expected.index, "p"], expected["p"], rtol=1e-12)
    notes = json.loads((tmp_path / "o" / "screen.json").read_text())["notes"]
    assert notes == ["2 sample(s) of the sample sheet are not in matrix.tsv: x1, x2"]


def test_cells_that_are_not_numbers_are_listed_not_dropped_silently(tmp_path, capsys):
    bad = INPUTS.astype(object).copy()
    bad.loc[4, "gene07"] = "<0.1"
    bad.to_csv(tmp_path / "bad.csv", index=False)
    assert main(["screen", str(tmp_path / "bad.csv"), "--phenotypes", "pain", "--id", "id",
                 "--out", str(tmp_path / "o")]) == 0  # fmt: skip
    assert "1 cell(s) were not numbers" in capsys.readouterr().out
    assert pd.read_csv(tmp_path / "o" / "not_numeric.csv").to_dict("records") == [
        {"sample": "s05", "column": "gene07", "value": "<0.1", "reason": "censored-value"}
    ]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--phenotypes", "pian"], "no phenotype/covariate column(s) 'pian'. Did you mean 'pain'?"),
        (["--phenotypes", "pain", "--transpose"], "needs a sample sheet"),
        (["--phenotypes", "pain", "--memory", "lots"], "not a size such as 4GB"),
        (["--phenotypes", "pain", "--methods", "kendall", "--permutations", "5"], "not Kendall"),
    ],
)
def test_bad_requests_exit_2_with_a_message(tmp_path, capsys, extra, message):
    INPUTS.to_csv(tmp_path / "omics.csv", index=False)
    assert main(["screen", str(tmp_path / "omics.csv"), "--id", "id", *extra, "--out", str(tmp_path / "o")]) == 2
    assert message in capsys.readouterr().err


def test_a_parquet_matrix_over_dask_threads_equals_the_in_memory_screen(tmp_path, capsys):
    pytest.importorskip("dask.dataframe")
    matrix = INPUTS.set_index("id")[GENES].T.rename_axis("feature")
    matrix.reset_index().to_parquet(tmp_path / "m.parquet", row_group_size=20)
    INPUTS[["id", "pain", "mood"]].to_csv(tmp_path / "sheet.csv", index=False)
    args = ["screen", str(tmp_path / "m.parquet"), "--transpose", "--samples", str(tmp_path / "sheet.csv")]
    args += ["--id", "id", "--phenotypes", "pain,mood", "--methods", "pearson,spearman", "--out", str(tmp_path / "o")]
    assert main([*args, "--scheduler", "threads"]) == 0
    assert "240 tests over Dask (threads)" in capsys.readouterr().out
    ours = pd.read_parquet(tmp_path / "o" / "screen.parquet")
    expected = screen(INPUTS[GENES], INPUTS[["pain", "mood"]], ["pearson", "spearman"])
    pd.testing.assert_frame_equal(ours, expected, check_exact=False, rtol=1e-13, atol=1e-15)
    assert main([*args[:2], "--phenotypes", "pain", "--scheduler", "threads", "--out", str(tmp_path / "x")]) == 2
    assert "features x samples Parquet matrix" in capsys.readouterr().err


def test_na_phenotype_cells_under_dask_are_missing_not_a_traceback(tmp_path, capsys):
    pytest.importorskip("dask.dataframe")
    matrix = INPUTS.set_index("id")[GENES].T.rename_axis("feature")
    matrix.reset_index().to_parquet(tmp_path / "m.parquet", row_group_size=20)
    sheet = INPUTS[["id", "pain"]].astype({"pain": object})
    sheet.loc[[0, 1], "pain"] = ["NA", ""]
    sheet.loc[2, "pain"] = "high"
    sheet.to_csv(tmp_path / "sheet.csv", index=False)
    args = ["screen", str(tmp_path / "m.parquet"), "--transpose", "--samples", str(tmp_path / "sheet.csv")]
    assert (
        main([*args, "--id", "id", "--phenotypes", "pain", "--scheduler", "threads", "--out", str(tmp_path / "o")]) == 0
    )
    assert "1 cell(s) of the sample sheet were not numbers" in capsys.readouterr().out
    ours = pd.read_parquet(tmp_path / "o" / "screen.parquet")
    pain = INPUTS["pain"].astype(float).copy()
    pain.iloc[[0, 1, 2]] = float("nan")
    expected = screen(INPUTS[GENES], pain.to_frame("pain"), ["pearson"])
    pd.testing.assert_frame_equal(ours, expected, check_exact=False, rtol=1e-13, atol=1e-15)
    assert ours["n"].max() == len(INPUTS) - 3


def test_negative_permutations_are_refused(tmp_path, capsys):
    INPUTS.to_csv(tmp_path / "d.csv", index=False)
    args = ["screen", str(tmp_path / "d.csv"), "--phenotypes", "pain", "--id", "id", "--permutations", "-5"]
    assert main([*args, "--out", str(tmp_path / "o")]) == 2
    assert "--permutations -5: give 0 (none) or a positive number" in capsys.readouterr().err
