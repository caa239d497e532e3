"""Drafts of wide files: visit columns proposed as [data] wide_visits on evidence, offered otherwise."""

from __future__ import annotations

import tomllib

import pandas as pd
import pytest

import biocorr
from biocorr.data.read import read_text_table
from biocorr.draft.study import draft_spec
from biocorr.draft.wide import propose_wide_visits
from tests.helpers import read_fixture

INPUTS = read_fixture("rmcorr_inputs.csv")
REFERENCE = read_fixture("r_rmcorr.csv")


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        (["age", "IL6_w0", "IL6_w4", "pain_w0", "pain_w4"], ("{column}_w{visit}", ["IL6", "pain"], True)),
        (["ID", "T1", "T2", "T3", "Dose"], ("{column}{visit}", ["T"], True)),
        (["Time1", "Time3"], ("{column}{visit}", ["Time"], True)),
        (["IL6_1", "IL6_2", "CRP_1", "CRP_2", "CRP_3"], ("{column}_{visit}", ["CRP"], False)),  # one each: more visits
        ([f"gad_{i}" for i in range(1, 8)], ("{column}_{visit}", ["gad"], False)),  # items, not 'ga' at day i
        (["pain_week1", "pain_week2", "mood_week1", "mood_week2"], ("{column}_week{visit}", ["pain", "mood"], True)),
        (["IL6", "IL10", "CD4", "CD8", "cyt1", "cyt2"], None),  # numbers that are part of a name
        (["x_1", "y_2"], None),  # no variable at two visits
    ],
)
def test_families_and_the_evidence_for_visits(columns, expected):
    found = propose_wide_visits(columns)
    if expected is None:
        assert found is None
    else:
        assert (found.template, list(found.columns), found.strong) == expected


def _wide_balanced() -> pd.DataFrame:
    d = INPUTS[INPUTS["case"] == "balanced"]
    wide = d.pivot(index="subject", columns="visit", values=["x", "y"])
    wide.columns = [f"{v}_w{int(t)}" for v, t in wide.columns]
    return wide.reset_index()


def test_a_time_suffixed_file_drafts_wide_visits_and_runs_to_rs_rmcorr(tmp_path):
    _wide_balanced().to_csv(tmp_path / "wide.csv", index=False)
    text = draft_spec(biocorr.read_table(tmp_path / "wide.csv"))
    spec = tomllib.loads(text)
    assert spec["data"]["wide_visits"] == {"visits": ["1", "2", "3"], "name": "{column}_w{visit}"}
    assert spec["data"]["visit"] == "visit" and spec["data"]["id"] == "subject"
    variables = [v["column"] for role in ("biomarker", "score") for v in spec.get(role, [])]
    assert sorted(variables) == ["x", "y"]  # one variable each, not x_w1 ... y_w3
    (tmp_path / "draft.toml").write_text(text)
    results = biocorr.analyze(biocorr.load(tmp_path / "wide.csv", tmp_path / "draft.toml"))
    row = results.correlations.query("method == 'rmcorr'").iloc[0]
    ref = REFERENCE[(REFERENCE["case"] == "balanced") & (REFERENCE["transform"] == "none")].iloc[0]
    assert abs(row["estimate"]) == pytest.approx(abs(float(ref["r"])), abs=1e-12)
    assert row["p"] == pytest.approx(float(ref["p"]), rel=1e-10) and row["df"] == float(ref["df"])


def test_bare_numbered_columns_are_offered_not_applied():
    rows = "\n".join(f"S{i},{i % 4},{(i * 3) % 5},{(i * 7) % 6},{i % 3}" for i in range(12))
    text = draft_spec(read_text_table("id,item_1,item_2,item_3,age\n" + rows + "\n"))
    assert '# wide_visits = { visits = ["1", "2", "3"], name = "{column}_{visit}" }' in text
    assert "may be an item, not a visit" in text
    spec = tomllib.loads(text)
    assert "wide_visits" not in spec["data"]
    assert "biomarker" not in spec  # whole-number items: ratings, correlated with each other
    assert [v["column"] for v in spec["score"]] == ["item_1", "item_2", "item_3"]


def test_time_columns_within_a_long_files_visits_are_explained():
    rows = [f"E{i // 2},{i % 2 + 1},{'AP'[i % 2]},{i % 10},{(i + 3) % 10},{(i + 5) % 10}" for i in range(24)]
    text = draft_spec(read_text_table("ID,Period,Treatment,T1,T2,T3\n" + "\n".join(rows) + "\n"))
    spec = tomllib.loads(text)
    assert spec["data"]["visit"] == "Period" and "wide_visits" not in spec["data"]
    assert '# T1, T2, T3 look like one variable at 3 times within each level of "Period"' in text
    assert 'difference = ["T3", "T1"]' in text
