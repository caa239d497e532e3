"""[data] wide_visits: a wide file (one column per visit) analysed as long data, rmcorr equal to R."""

from __future__ import annotations

import pandas as pd
import pytest

import biocorr
from biocorr.errors import SpecError
from biocorr.spec import parse_spec
from tests.helpers import read_fixture

INPUTS = read_fixture("rmcorr_inputs.csv")
REFERENCE = read_fixture("r_rmcorr.csv")


def _wide(case: str) -> pd.DataFrame:
    """The long R fixture pivoted to one row per subject: x_1 x_2 x_3 y_1 y_2 y_3 (plus a group)."""
    d = INPUTS[INPUTS["case"] == case]
    wide = d.pivot(index="subject", columns="visit", values=["x", "y"])
    wide.columns = [f"{v}_w{int(t)}" for v, t in wide.columns]
    return wide.reset_index().assign(sex=lambda t: ["F", "M"] * (len(t) // 2) + ["F"] * (len(t) % 2))


def _spec(**data):
    return parse_spec({"data": {"id": "subject", "visit": "Week", **data},
                       "biomarker": [{"column": "x"}], "score": [{"column": "y"}],
                       "covariate": [{"column": "sex", "categorical": True}],
                       "analysis": {"methods": ["pearson"]}})  # fmt: skip


def test_a_wide_file_gives_the_repeated_measures_correlation_r_gives_on_the_long_data(tmp_path):
    _wide("balanced").to_csv(tmp_path / "wide.csv", index=False)
    weeks = {"visits": ["1", "2", "3"], "name": "{column}_w{visit}"}
    study = biocorr.load(tmp_path / "wide.csv", _spec(wide_visits=weeks))
    assert len(study.data) == 30 and study.data["visit"].tolist()[:4] == ["1", "2", "3", "1"]
    res = biocorr.analyze(study)
    row = res.correlations.query("method == 'rmcorr'").iloc[0]
    ref = REFERENCE[(REFERENCE["case"] == "balanced") & (REFERENCE["transform"] == "none")].iloc[0]
    assert row["estimate"] == pytest.approx(float(ref["r"]), abs=1e-12)
    assert row["p"] == pytest.approx(float(ref["p"]), rel=1e-10) and row["df"] == float(ref["df"])
    per_visit = res.correlations.query("method == 'pearson'")["subset"].unique().tolist()
    assert per_visit == ["Week = 1", "Week = 2", "Week = 3"]
    note = study.warnings.set_index("code").loc["wide-visits", "message"]
    assert note == (
        "wide.csv: 10 row(s) read as 30 rows, one per subject and visit (1, 2, 3), from the columns "
        "x_w1 ... x_w3, y_w1 ... y_w3."
    )


def test_a_bad_cell_is_named_at_its_own_row_and_wrong_patterns_are_refused(tmp_path):
    wide = _wide("balanced").astype(object)
    wide.loc[3, "y_w2"] = "abc"
    wide.to_csv(tmp_path / "wide.csv", index=False)
    spec = _spec(wide_visits={"visits": ["1", "2", "3"], "name": "{column}_w{visit}"})
    study = biocorr.load(tmp_path / "wide.csv", spec)
    assert study.exclusions[["row", "column", "value"]].values.tolist() == [[5, "y", "abc"]]  # file row 5
    with pytest.raises(SpecError, match=r"no declared column is in the file once per visit \(as 'x_1'"):
        biocorr.load(tmp_path / "wide.csv", _spec(wide_visits=["1", "2", "3"]))
    with pytest.raises(SpecError, match=r"'x' is in the file at some visits but not as 'x_w4'"):
        biocorr.load(
            tmp_path / "wide.csv", _spec(wide_visits={"visits": ["1", "2", "3", "4"], "name": "{column}_w{visit}"})
        )
    with pytest.raises(SpecError, match=r"wide_visits: name the id column and the visit column"):
        parse_spec({"data": {"id": "subject", "wide_visits": ["1", "2"]}, "biomarker": [{"column": "x"}],
                    "score": [{"column": "y"}]})  # fmt: skip


def _rmcorr_row(study):
    return biocorr.analyze(study).correlations.query("method == 'rmcorr'").iloc[0]


def _reference(case: str):
    return REFERENCE[(REFERENCE["case"] == case) & (REFERENCE["transform"] == "none")].iloc[0]


def test_a_wide_file_joined_to_a_second_table_by_id_before_its_visits_become_rows(tmp_path):
    """Session 15 (#27): wide_visits with join was refused. The biomarker's columns in one file, the
    score's in another (rows in another order, one subject more, one fewer): joined by id, then
    lengthened, rmcorr equals R on the long data of the subjects both files hold."""
    wide = _wide("balanced")
    wide[["subject", "x_w1", "x_w2", "x_w3", "sex"]].to_csv(tmp_path / "labs.csv", index=False)
    scores = wide[["subject", "y_w1", "y_w2", "y_w3"]].iloc[::-1]
    pd.concat([scores, pd.DataFrame({"subject": [99], "y_w1": [1], "y_w2": [2], "y_w3": [3]})]).to_csv(
        tmp_path / "scores.csv", index=False
    )
    weeks = {"visits": ["1", "2", "3"], "name": "{column}_w{visit}"}
    study = biocorr.load(tmp_path / "labs.csv", _spec(wide_visits=weeks, join="scores.csv"))
    assert len(study.data) == 30
    row, ref = _rmcorr_row(study), _reference("balanced")
    assert row["estimate"] == pytest.approx(float(ref["r"]), abs=1e-12)
    assert row["p"] == pytest.approx(float(ref["p"]), rel=1e-10) and row["df"] == float(ref["df"])
    notes = study.warnings.set_index("code")
    assert "scores.csv have no partner in labs.csv and are not analysed: 99." in notes.loc["join-unmatched", "message"]
    assert "on subject: 10 of 10 rows found a partner" in notes.loc["joined-table", "message"]


def test_a_wide_file_joined_to_a_long_table_on_id_and_visit_and_read_per_subject(tmp_path):
    """on = [id, visit]: the second table is long (one row per subject and week), joined to the
    lengthened rows; rmcorr again equals R. With per_subject, the same wide file gives x@1 and y@3
    per subject, equal to scipy on the columns themselves."""
    from scipy import stats

    wide = _wide("balanced")
    wide[["subject", "x_w1", "x_w2", "x_w3", "sex"]].to_csv(tmp_path / "labs.csv", index=False)
    d = INPUTS[INPUTS["case"] == "balanced"]
    d.assign(Week=d["visit"].astype(int).astype(str))[["subject", "Week", "y"]].to_csv(
        tmp_path / "long.csv", index=False
    )
    weeks = {"visits": ["1", "2", "3"], "name": "{column}_w{visit}"}
    study = biocorr.load(
        tmp_path / "labs.csv", _spec(wide_visits=weeks, join={"file": "long.csv", "on": ["subject", "Week"]})
    )
    row, ref = _rmcorr_row(study), _reference("balanced")
    assert row["estimate"] == pytest.approx(float(ref["r"]), abs=1e-12)
    assert row["p"] == pytest.approx(float(ref["p"]), rel=1e-10)
    spec = parse_spec({"data": {"id": "subject", "visit": "Week", "wide_visits": weeks, "per_subject": True},
                       "biomarker": [{"column": "x@1"}], "score": [{"column": "y@3"}],
                       "analysis": {"methods": ["pearson"], "subsets": ["all"]}})  # fmt: skip
    wide.to_csv(tmp_path / "wide.csv", index=False)
    got = biocorr.analyze(biocorr.load(tmp_path / "wide.csv", spec)).correlations.query("method == 'pearson'")
    expected = stats.pearsonr(wide["x_w1"], wide["y_w3"])
    assert got["estimate"].iloc[0] == pytest.approx(expected.statistic, abs=1e-12)
    assert got["p"].iloc[0] == pytest.approx(expected.pvalue, rel=1e-10)
