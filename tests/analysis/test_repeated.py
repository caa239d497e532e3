"""biocorr.rmcorr: long data to tidy repeated-measures correlation rows (R reference in tests/stats)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import biocorr
from biocorr.columns import CORRELATIONS
from biocorr.errors import DataError
from tests.helpers import assert_close, read_fixture

INPUTS = read_fixture("rmcorr_inputs.csv")
REFERENCE = read_fixture("r_rmcorr.csv")


def test_rmcorr_rows_carry_r_values_and_say_what_was_left_out():
    d = INPUTS[INPUTS["case"] == "unbalanced_gaps"].copy()
    d.loc[d.index[0], "subject"] = ""  # a row without a subject id: left out, and said
    table = biocorr.rmcorr(d, ["x"], ["y"], subject="subject", labels={"x": "IL-6"})
    assert list(table.columns) == list(CORRELATIONS)
    row = table.iloc[0]
    assert row["method"] == "rmcorr" and row["x_label"] == "IL-6" and row["statistic_name"] == "t"
    assert "1 row(s) without a subject id left out" in row["note"]
    assert "row(s) missing either value left out" in row["note"]
    full = biocorr.rmcorr(INPUTS[INPUTS["case"] == "unbalanced_gaps"], ["x"], ["y"], subject="subject")
    ref = REFERENCE[(REFERENCE["case"] == "unbalanced_gaps") & (REFERENCE["level"] == 0.95)].iloc[0]
    assert_close(full["estimate"], [ref["r"]])
    assert_close(full["p"], [ref["p"]])
    assert full["n"][0] == ref["n"] and full["df"][0] == ref["df"]
    assert "20 observations from 8 subjects" in full["note"][0]


def test_rmcorr_every_x_with_every_y():
    d = INPUTS[INPUTS["case"] == "balanced"].assign(z=lambda f: f["x"] ** 2)
    table = biocorr.rmcorr(d, ["x", "z"], ["y"], subject="subject", alternative="greater")
    assert table[["x", "y"]].values.tolist() == [["x", "y"], ["z", "y"]]
    ref = REFERENCE[(REFERENCE["case"] == "balanced") & (REFERENCE["level"] == 0.95)].iloc[0]
    assert_close(table["p"][:1], [ref["p_greater"]])
    assert table["p_method"][0].endswith("one-sided (greater)") and table["ci_high"][0] == 1.0


def test_rmcorr_bad_input_gets_a_message_a_person_can_act_on():
    d = pd.DataFrame({"id": ["a", "a", "b", "b"], "il6": [1.0, 2, 3, 4], "pain": ["3", "x", "1", "2"]})
    with pytest.raises(DataError, match=r"column 'pain' row 1: 'x' is not a number"):
        biocorr.rmcorr(d, ["il6"], ["pain"])
    with pytest.raises(DataError, match="no column named 'visit_id'"):
        biocorr.rmcorr(d, ["il6"], ["pain"], subject="visit_id")
    with pytest.raises(DataError, match="no subject id on any row"):
        biocorr.rmcorr(d.assign(id=np.nan), ["il6"], ["il6"])
    undefined = biocorr.rmcorr(d.assign(pain=[1.0, 2, 3, 4], id=["a", "b", "c", "d"]), ["il6"], ["pain"])
    assert np.isnan(undefined["estimate"][0]) and undefined["note"][0].startswith("undefined")
