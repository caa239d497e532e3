"""[data] join: a second table's columns joined by id (and visit), against a pandas merge."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import biocorr
from biocorr.errors import DataError, SpecError
from biocorr.spec import parse_spec

LABS = "PID,Visit,IL6\nA,1,1.2\nA,2,2.0\nB,1,3.4\nB,2,3.1\nC,1,2.2\nC,2,abc\nD,1,0.9\nE,1,4.0\n"
SCORES = "PID,Visit,VAS,age\nB,1,40,31\nA,1,25,44\nA,2,30,44\nB,2,45,31\nC,1,50,52\nC,2,55,52\nZ,1,70,60\nE,1,65,38\n"


def _spec(**data):
    return parse_spec(
        {"data": {"id": "PID", "visit": "Visit", **data}, "biomarker": [{"column": "IL6"}],
         "score": [{"column": "VAS"}], "covariate": [{"column": "age"}]}
    )  # fmt: skip


def test_the_joined_table_is_a_left_merge_with_every_unmatched_row_reported(tmp_path):
    (tmp_path / "labs.csv").write_text(LABS, encoding="utf-8")
    (tmp_path / "scores.csv").write_text(SCORES, encoding="utf-8")
    study = biocorr.load(tmp_path / "labs.csv", _spec(join="scores.csv"))
    labs = pd.read_csv(tmp_path / "labs.csv", dtype=str)
    merged = labs.merge(pd.read_csv(tmp_path / "scores.csv", dtype=str), on=["PID", "Visit"], how="left")
    expected = pd.to_numeric(merged["VAS"]).to_numpy(float)  # D has no partner: NaN
    np.testing.assert_array_equal(study.data["VAS"].to_numpy(float), expected)
    assert study.exclusions[["row", "column", "value"]].values.tolist() == [[7, "IL6", "abc"]]  # labs.csv's row
    w = study.warnings.set_index("code")
    unmatched = w.loc["join-unmatched", "message"].tolist()
    assert unmatched == [
        "1 row(s) of labs.csv have no partner in scores.csv (their joined cells are missing): D / 1.",
        "1 row(s) of scores.csv have no partner in labs.csv and are not analysed: Z / 1.",
    ]
    assert w.loc["joined-table", "message"].startswith("column(s) VAS, age joined from scores.csv (sha256 ")


def test_a_correlation_on_the_joined_data_equals_scipy_on_the_pandas_merge(tmp_path):
    rng = np.random.default_rng(4)
    ids = [f"S{i:02d}" for i in range(40)]
    labs = pd.DataFrame({"PID": ids, "IL6": rng.lognormal(size=40).round(3)})
    scores = pd.DataFrame({"PID": ids[::-1][:35], "VAS": rng.integers(0, 100, 35)})  # reversed order, 5 missing
    labs.to_csv(tmp_path / "labs.csv", index=False)
    scores.to_csv(tmp_path / "scores.csv", index=False)
    spec = parse_spec({"data": {"id": "PID", "join": "scores.csv"}, "biomarker": [{"column": "IL6"}],
                       "score": [{"column": "VAS"}], "analysis": {"methods": ["spearman"]}})  # fmt: skip
    res = biocorr.analyze(biocorr.load(tmp_path / "labs.csv", spec))
    row = res.correlations.query("method == 'spearman'").iloc[0]
    merged = labs.merge(scores, on="PID").dropna()
    ref = stats.spearmanr(merged["IL6"], merged["VAS"])
    assert row["n"] == 35 and row["estimate"] == pytest.approx(ref.statistic, abs=1e-12)


def test_a_repeated_key_or_a_missing_key_column_is_refused(tmp_path):
    (tmp_path / "labs.csv").write_text(LABS, encoding="utf-8")
    (tmp_path / "scores.csv").write_text(SCORES + "B,1,41,31\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"scores\.csv has PID, Visit 'B / 1' on rows 2, 10"):
        biocorr.load(tmp_path / "labs.csv", _spec(join="scores.csv"))
    (tmp_path / "scores.csv").write_text(SCORES.replace("PID,", "ID,"), encoding="utf-8")
    with pytest.raises(SpecError, match=r"scores\.csv has no key column 'PID'\. Did you mean 'ID'\?"):
        biocorr.load(tmp_path / "labs.csv", _spec(join="scores.csv"))
    with pytest.raises(SpecError, match=r"\[data\] join: name the second table's file, or its sheet"):
        _spec(join={"on": "PID"})


def test_a_join_then_one_row_per_subject_equals_scipy_on_the_pandas_merge_pivoted(tmp_path):
    """#27: a lab file and a score file, long by visit, joined on id and visit, then reshaped to
    one row per subject (per_subject): IL6 at baseline against the change in VAS equals scipy on
    pandas' merge pivoted by hand; the subject whose scores lack a visit is missing there, said."""
    rng = np.random.default_rng(7)
    ids = [f"S{i:02d}" for i in range(20)]
    labs = pd.DataFrame(
        {"PID": np.repeat(ids, 2), "Visit": ["pre", "post"] * 20, "IL6": rng.lognormal(size=40).round(3)}
    )
    scores = pd.DataFrame({"PID": np.repeat(ids, 2), "Visit": ["pre", "post"] * 20, "VAS": rng.integers(0, 100, 40)})
    scores = scores.drop(index=7)  # S03 has no post score
    labs.to_csv(tmp_path / "labs.csv", index=False)
    scores.sample(frac=1, random_state=1).to_csv(tmp_path / "scores.csv", index=False)  # any row order
    spec = parse_spec(
        {"data": {"id": "PID", "visit": "Visit", "per_subject": True, "join": "scores.csv"},
         "biomarker": [{"column": "IL6@pre"}],
         "score": [{"column": "dVAS", "difference": ["VAS@post", "VAS@pre"]}],
         "analysis": {"methods": ["pearson", "spearman"]}}
    )  # fmt: skip
    study = biocorr.load(tmp_path / "labs.csv", spec)
    unmatched = study.warnings.set_index("code").loc[["join-unmatched"], "message"].tolist()
    assert unmatched == [
        "1 row(s) of labs.csv have no partner in scores.csv (their joined cells are missing): S03 / post."
    ]
    res = biocorr.analyze(study)
    wide = labs.merge(scores, on=["PID", "Visit"], how="left").pivot(index="PID", columns="Visit")
    x, y = wide[("IL6", "pre")], wide[("VAS", "post")] - wide[("VAS", "pre")]
    keep = x.notna() & y.notna()
    for method, ref in (("pearson", stats.pearsonr(x[keep], y[keep])), ("spearman", stats.spearmanr(x[keep], y[keep]))):
        c = res.correlations
        row = c[(c["method"] == method) & (c["subset"] == "all")].iloc[0]
        assert row["n"] == 19 == int(keep.sum())
        assert row["estimate"] == pytest.approx(ref.statistic, abs=1e-12)
        assert row["p"] == pytest.approx(ref.pvalue, abs=1e-12)


def test_a_second_sheet_of_the_same_workbook_joins(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    for name, text in (("Labs", LABS), ("Scores", SCORES)):
        ws = wb.active if name == "Labs" else wb.create_sheet(name)
        ws.title = name
        for line in text.strip().splitlines():
            ws.append([float(c) if c.replace(".", "").isdigit() else c for c in line.split(",")])
    wb.save(tmp_path / "study.xlsx")
    study = biocorr.load(tmp_path / "study.xlsx", _spec(sheet="Labs", join={"sheet": "Scores"}))
    assert study.data.loc[study.data["id"].eq("E"), "VAS"].tolist() == [65.0]


def test_a_second_table_with_decimal_commas_is_read_in_its_own_format(tmp_path):
    """#27: the lab file prints decimal points, the score file (a European export) decimal commas:
    each joined column is read in its own table's format."""
    (tmp_path / "labs.csv").write_text("PID;IL6\nA;1.2\nB;3.4\nC;2.2\nD;0.9\nE;4.0\n", encoding="utf-8")
    (tmp_path / "scores.csv").write_text("PID;VAS\nA;40,5\nB;45,25\nC;50,0\nD;61,5\nE;65,75\n", encoding="utf-8")
    spec = parse_spec({"data": {"id": "PID", "join": "scores.csv"}, "biomarker": [{"column": "IL6"}],
                       "score": [{"column": "VAS"}]})  # fmt: skip
    study = biocorr.load(tmp_path / "labs.csv", spec)
    assert study.data["VAS"].tolist() == [40.5, 45.25, 50.0, 61.5, 65.75]
    assert study.data["IL6"].tolist() == [1.2, 3.4, 2.2, 0.9, 4.0] and study.exclusions.empty
