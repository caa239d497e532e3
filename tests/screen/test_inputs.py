"""Reading a screen's inputs: Parquet, XLSX and CSV agree; ids, sheets and cells are checked."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from biocorr.errors import BiocorrError, DataError
from biocorr.screen.inputs import load_screen_inputs
from tests.helpers import FIXTURES

INPUTS = pd.read_csv(FIXTURES / "screen_inputs.csv")


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".xlsx"])
def test_every_format_gives_the_same_numbers(tmp_path, suffix):
    path = tmp_path / f"omics{suffix}"
    {".csv": lambda: INPUTS.to_csv(path, index=False), ".parquet": lambda: INPUTS.to_parquet(path),
     ".xlsx": lambda: INPUTS.to_excel(path, index=False)}[suffix]()  # fmt: skip
    got = load_screen_inputs(path, ["pain", "fatigue"], "id", covariates=["age"])
    genes = [c for c in INPUTS.columns if c.startswith("gene")]
    pd.testing.assert_frame_equal(got.features[genes].reset_index(drop=True), INPUTS[genes].astype(float))
    assert list(got.phenotypes.columns) == ["pain", "fatigue"] and list(got.covariates.columns) == ["age"]
    assert list(got.features.columns) == genes + ["mood", "sex"]  # every other column is a feature
    assert got.features.index[0] == "s01" and got.set_aside.empty


def test_duplicate_ids_and_a_sheet_without_shared_samples_are_refused(tmp_path):
    m = INPUTS.set_index("id")[["gene01", "gene02"]].T.rename_axis("feature").reset_index()
    m.to_csv(tmp_path / "m.csv", index=False)
    sheet = pd.DataFrame({"id": ["a", "a"], "pain": [1, 2]})
    sheet.to_csv(tmp_path / "s.csv", index=False)
    with pytest.raises(DataError, match="sample 'a' appears twice"):
        load_screen_inputs(tmp_path / "m.csv", ["pain"], "id", tmp_path / "s.csv", True)
    pd.DataFrame({"id": ["a", "b"], "pain": [1, 2]}).to_csv(tmp_path / "s.csv", index=False)
    with pytest.raises(DataError, match=r"no sample id of m\.csv is in the sample sheet"):
        load_screen_inputs(tmp_path / "m.csv", ["pain"], "id", tmp_path / "s.csv", True)


def _analyze_error(tmp_path, name, capsys) -> str:
    from biocorr.cli import main

    spec = tmp_path / "s.toml"
    spec.write_text('[data]\nid = "id"\n[[biomarker]]\ncolumn = "g1"\n[[score]]\ncolumn = "pain"\n', encoding="utf-8")
    assert main(["validate", str(tmp_path / name), "--spec", str(spec)]) == 2
    return capsys.readouterr().err


@pytest.mark.parametrize(
    "content, message",
    [
        ("id,pain,g1,g2\na,1,2,3\nb,2,3,4,9\nc,3,4,5\nd,4,5,7\n", "row 3 has 5 values but the header names 4 columns"),
        ("id,pain,g1,g1\na,1,2,3\nb,2,3,4\nc,3,4,5\nd,4,5,7\n", "2 times in the header (spreadsheet columns C, D)"),
    ],
)  # fmt: skip
def test_ragged_rows_and_duplicate_headers_are_refused_as_analyze_refuses_them(tmp_path, capsys, content, message):
    """0.2's screen read with its own pandas path: a ragged row was a traceback, a second 'g1' became 'g1.1'."""
    (tmp_path / "d.csv").write_text(content, encoding="utf-8")
    with pytest.raises(BiocorrError, match=re.escape(message)):
        load_screen_inputs(tmp_path / "d.csv", ["pain"], "id")
    assert message in _analyze_error(tmp_path, "d.csv", capsys)


def test_decimal_commas_thousands_and_inf_are_read_as_analyze_reads_them(tmp_path):
    (tmp_path / "d.csv").write_text(
        "id;pain;g1;g2;g3\na;1,5;2,25;1.234,5;3\nb;2,5;3,5;2.000;inf\nc;3;4,75;10;5\nd;4;NA;7,5;6\n", encoding="utf-8"
    )
    got = load_screen_inputs(tmp_path / "d.csv", ["pain"], "id")
    assert got.phenotypes["pain"].tolist() == [1.5, 2.5, 3.0, 4.0]
    assert got.features["g1"].tolist()[:3] == [2.25, 3.5, 4.75] and pd.isna(got.features["g1"].iloc[3])
    # '2.000' may be 2 or 2000: beside decimal commas ('7,5', '1.234,5') it is 2000, as analyze reads it
    assert got.features["g2"].tolist() == [1234.5, 2000.0, 10.0, 7.5]
    assert got.features["g3"].iloc[[0, 2, 3]].tolist() == [3.0, 5.0, 6.0] and pd.isna(got.features["g3"].iloc[1])
    assert got.set_aside.to_dict("records") == [  # listed, not silent
        {"sample": "b", "column": "g3", "value": "inf", "reason": "not-finite"}
    ]


@pytest.mark.parametrize(
    "phenotypes, covariates, id_column, message",
    [
        (["id"], [], "id", "'id' is the sample id column"),
        (["pain"], ["pain"], "id", "'pain' is named as a phenotype and as a covariate"),
        (["pain", "pain"], [], "id", "phenotype 'pain' is named twice"),
    ],
)
def test_a_column_cannot_be_two_things(tmp_path, phenotypes, covariates, id_column, message):
    INPUTS.to_csv(tmp_path / "d.csv", index=False)
    with pytest.raises(DataError, match=re.escape(message)):
        load_screen_inputs(tmp_path / "d.csv", phenotypes, id_column, covariates=covariates)


def test_one_or_two_samples_are_refused_and_a_constant_covariate_is_set_aside(tmp_path):
    INPUTS.head(2).to_csv(tmp_path / "two.csv", index=False)
    with pytest.raises(DataError, match="2 sample"):
        load_screen_inputs(tmp_path / "two.csv", ["pain"], "id")
    INPUTS.assign(batch=1.0).to_csv(tmp_path / "d.csv", index=False)
    got = load_screen_inputs(tmp_path / "d.csv", ["pain"], "id", covariates=["age", "batch"])
    assert list(got.covariates.columns) == ["age"]
    assert any("batch take one value in every sample" in note for note in got.notes)


def test_hidden_rows_of_a_workbook_are_not_screened_and_are_named(tmp_path):
    """As analyze: a row hidden by hand or by a filter is left out, with a note."""
    path = tmp_path / "omics.xlsx"
    INPUTS.to_excel(path, index=False)
    from openpyxl import load_workbook

    wb = load_workbook(path)
    wb.active.row_dimensions[3].hidden = True  # the second sample
    wb.save(path)
    got = load_screen_inputs(path, ["pain"], "id")
    assert len(got.features) == len(INPUTS) - 1 and INPUTS["id"].iloc[1] not in set(got.features.index)
    assert any("hidden in the workbook (rows 3)" in note for note in got.notes)
