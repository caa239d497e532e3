"""Reading a screen's inputs: Parquet, XLSX and CSV agree; ids, sheets and cells are checked."""

from __future__ import annotations

import pandas as pd
import pytest

from biocorr.errors import DataError
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
