"""init-spec --biomarkers/--scores/--covariates: the draft keeps to the columns the analyst names."""

from __future__ import annotations

import tomllib

import numpy as np
import pandas as pd
import pytest

from biocorr.cli import main
from biocorr.data.read import read_text_table
from biocorr.draft.focus import named_roles
from biocorr.draft.study import draft_spec
from biocorr.errors import DataError

rng = np.random.default_rng(7)
N = 30
TABLE = pd.DataFrame(
    {
        "id": [f"S{i}" for i in range(N)],
        "group": ["patient"] * 18 + ["control"] * 12,
        "IL6": np.round(np.exp(rng.normal(size=N)), 2),
        "IL10": np.round(np.exp(rng.normal(size=N)), 2),
        "cyt_x": np.round(rng.normal(5, 1, N), 2),  # a name the guesses do not know
        "VAS": rng.integers(0, 101, N),
        "HADS_A": rng.integers(0, 22, N),
        "age": rng.integers(20, 70, N),
        "sex": rng.choice(["F", "M"], N),
        "notes_score": rng.integers(0, 5, N),
    }
)
TEXT = TABLE.to_csv(index=False)


def test_patterns_and_names_in_header_order():
    header = list(TABLE.columns)
    assert named_roles(header, biomarkers="IL*,cyt_x", scores="VAS,HADS_?", covariates="age") == {
        "IL6": "biomarker", "IL10": "biomarker", "cyt_x": "biomarker", "VAS": "score", "HADS_A": "score",
        "age": "covariate",
    }  # fmt: skip
    assert named_roles(header) == {}


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        ({"biomarkers": "TNF"}, "--biomarkers 'TNF': no column"),
        ({"scores": "VSA"}, "Did you mean 'VAS'"),
        ({"biomarkers": "IL*", "scores": "IL6"}, "'IL6' is named as a biomarker and as a score"),
    ],
)
def test_a_name_matching_nothing_or_two_roles_is_an_error(flags, message):
    with pytest.raises(DataError, match=message):
        named_roles(list(TABLE.columns), **flags)


def test_the_draft_keeps_to_the_named_columns_with_their_roles():
    raw = read_text_table(TEXT)
    named = named_roles(list(TABLE.columns), biomarkers="IL*,cyt_x", scores="VAS,HADS_A", covariates="age,sex")
    text = draft_spec(raw, named=named)
    spec = tomllib.loads(text)
    assert [v["column"] for v in spec["biomarker"]] == ["IL6", "IL10", "cyt_x"]
    assert [v["column"] for v in spec["score"]] == ["VAS", "HADS_A"]
    assert [v["column"] for v in spec["covariate"]] == ["age", "sex"]
    assert spec["covariate"][1]["categorical"] is True
    assert spec["data"]["id"] == "id" and spec["data"]["group"] == "group"
    assert "'notes_score' (not named with --biomarkers, --scores or --covariates)" in text
    assert "role unknown" not in text and "guess: name looks like" not in text
    # unnamed, the same table drafts every numeric column with guessed roles
    guessed = tomllib.loads(draft_spec(raw))
    assert "notes_score" in [v["column"] for v in guessed["score"]]


def test_named_columns_that_cannot_be_variables():
    raw = read_text_table(TEXT)
    with pytest.raises(DataError, match="'group' is the table's group column"):
        draft_spec(raw, named={"group": "score", "IL6": "biomarker"})
    with pytest.raises(DataError, match=r"'sex' holds text .*categorical covariate"):
        draft_spec(raw, named={"sex": "score", "IL6": "biomarker"})
    no_biomarker = draft_spec(raw, named={"VAS": "score"})
    assert "No biomarker was named (--biomarkers)" in no_biomarker


def test_the_command_drafts_a_spec_that_runs(tmp_path, capsys):
    (tmp_path / "t.csv").write_text(TEXT)
    assert main(["init-spec", str(tmp_path / "t.csv"), "--biomarkers", "IL*", "--scores", "VAS,HADS_A"]) == 0
    (tmp_path / "s.toml").write_text(capsys.readouterr().out)
    out = tmp_path / "o"
    assert main(["analyze", str(tmp_path / "t.csv"), "--spec", str(tmp_path / "s.toml"), "--out", str(out),
                 "--no-report", "--quiet"]) == 0  # fmt: skip
    rows = pd.read_csv(out / "correlations.csv")
    assert set(rows["x"]) == {"IL6", "IL10"} and set(rows["y"]) == {"VAS", "HADS_A"}
    assert main(["init-spec", str(tmp_path / "t.csv"), "--biomarkers", "TNF*"]) == 2
    assert "--biomarkers 'TNF*': no column" in capsys.readouterr().err
