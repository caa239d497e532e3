"""A BIDS sidecar's column notes as evidence for a draft (issue #27: drafts that are right): a
description asking for a rating makes a score, a concentration unit a biomarker and a unit line;
a broken sidecar is said and ignored, never a stop."""

from __future__ import annotations

import json
import tomllib

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from biocorr.cli.main import main
from biocorr.data.read import read_table
from biocorr.draft.sidecar import ColumnNotes, read_sidecar, role_from_notes
from biocorr.draft.study import draft_spec


def _bids_folder(tmp_path, sidecar: bool = True):
    """A demographics table (covariates, coded answers, two yes/no flags) and, beside it, a table of
    three 0-100 self-ratings under the same id and visit, described in its sidecar."""
    rng = np.random.default_rng(16)
    ids = [f"sub-{i:03d}" for i in range(60)]
    demo = pd.DataFrame({
        "participant_id": ids, "visit": "online screening", "age_at_visit": rng.integers(18, 80, 60),
        "GENDER": rng.integers(1, 3, 60), "RACE_1": rng.integers(0, 6, 60), "MARITAL_STATUS": rng.integers(0, 5, 60),
        "WORK_CAMPUS": rng.integers(0, 2, 60), "PARTICIPATE_OTHER": rng.integers(0, 2, 60),
    })  # fmt: skip
    demo.to_csv(tmp_path / "demographics.tsv", sep="\t", index=False)
    base = rng.integers(20, 100, 60)
    ratings = pd.DataFrame({
        "participant_id": ids[:55], "visit": "online screening",
        "MEDICAL_HEALTH": base[:55], "MENTAL_HEALTH": np.clip(base[:55] + rng.integers(-30, 30, 55), 0, 100),
        "OVERALL_HEALTH": np.clip(base[:55] + rng.integers(-10, 10, 55), 0, 100),
    })  # fmt: skip
    ratings.loc[4, "MENTAL_HEALTH"] = -999
    ratings.to_csv(tmp_path / "health_rating.tsv", sep="\t", index=False)
    if sidecar:
        notes = {c: {"Description": f"How would you rate your {c.split('_')[0]} health?"} for c in ratings.columns[2:]}
        notes["participant_id"] = {"Description": "OpenNeuro ID of the subject."}
        (tmp_path / "health_rating.json").write_text(json.dumps(notes))
    return tmp_path / "demographics.tsv", ratings


def test_read_sidecar_takes_descriptions_and_units_and_reports_a_broken_one(tmp_path):
    (tmp_path / "labs.json").write_text(json.dumps({
        "FERRITIN": {"LongName": "Ferritin", "Description": "serum, fasting", "Units": "MCG/L"},
        "NOTE": "not an object", "visit": {"Levels": {"1": "first"}},
    }))  # fmt: skip
    notes = read_sidecar(tmp_path / "labs.tsv")
    assert notes == ColumnNotes("labs.json", {"FERRITIN": "Ferritin serum, fasting"}, {"FERRITIN": "MCG/L"})
    assert role_from_notes(notes, "FERRITIN") == ("biomarker", "guess: labs.json gives a concentration unit (MCG/L)")
    assert read_sidecar(tmp_path / "nothing.tsv") == ColumnNotes()
    (tmp_path / "broken.json").write_text("{ not json")
    assert read_sidecar(tmp_path / "broken.tsv").problem == "not read (JSONDecodeError)"
    (tmp_path / "list.json").write_text("[1, 2]")
    assert read_sidecar(tmp_path / "list.tsv").problem == "not an object of column descriptions"


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("How would you rate your MEDICAL health?", "score"),
        ("Pain severity on a scale from 0 to 10", "score"),
        ("How often have you felt nervous?", "score"),
        ("Age of the participant at the time of visit.", None),
        ("Do you work on the NIH campus?", None),
        ("Type of in-person visit.", None),
    ],
)
def test_only_a_description_asking_for_a_rating_is_evidence_of_a_score(text, role):
    found = role_from_notes(ColumnNotes("x.json", {"Q": text}), "Q")
    assert (found[0] if found else None) == role


def test_a_demographics_table_joins_the_ratings_its_sidecar_describes_and_the_unedited_draft_runs(tmp_path):
    data, ratings = _bids_folder(tmp_path)
    text = draft_spec(read_table(data), path=data)
    spec = tomllib.loads(text)
    assert spec["data"]["join"] == "health_rating.tsv" and "55 of 60 keys shared" in text
    assert [v["column"] for v in spec["score"]] == ["MEDICAL_HEALTH", "MENTAL_HEALTH", "OVERALL_HEALTH"]
    assert "health_rating.json asks for a rating" in text
    assert [v["column"] for v in spec["covariate"]] == ["age_at_visit", "GENDER"]
    assert "biomarker" not in spec  # no coded answer nor yes/no flag drafted as anything
    (tmp_path / "spec.toml").write_text(text)
    out = tmp_path / "res"
    argv = ["analyze", str(data), "--spec", str(tmp_path / "spec.toml"), "--out", str(out), "--no-report", "--quiet"]
    assert main(argv) == 0
    table = pd.read_csv(out / "correlations.csv").query("method == 'pearson'")
    row = table.query("x == 'MEDICAL_HEALTH' and y == 'MENTAL_HEALTH'").iloc[0]
    assert row["subset"] == "all"
    kept = ratings[ratings["MENTAL_HEALTH"] != -999]
    assert row["n"] == 54
    assert row["estimate"] == pytest.approx(stats.pearsonr(kept["MEDICAL_HEALTH"], kept["MENTAL_HEALTH"])[0], abs=1e-12)


def test_without_the_sidecar_the_ratings_are_not_evidence_and_no_join_is_proposed(tmp_path):
    data, _ = _bids_folder(tmp_path, sidecar=False)
    text = draft_spec(read_table(data), path=data)
    spec = tomllib.loads(text)
    assert "join" not in spec["data"]
    # coded answers (RACE_1 0-5) and yes/no answers are no scores: nothing is invented, the draft says
    # what is missing and offers the codes as categorical covariates (session 18; they were drafted
    # as scores before, a role flip every analyst had to make)
    assert "score" not in spec and "biomarker" not in spec
    assert "# No column looks like a biomarker or a score (a table of demographics or coded answers?)." in text
    assert '# column = "RACE_1"\n# categorical = true' in text and "phi coefficient" not in text


def test_a_yes_no_flag_is_drafted_as_a_score_only_when_nothing_else_is_left_and_says_phi(tmp_path):
    rng = np.random.default_rng(3)
    flags = pd.DataFrame({"ID": range(1, 41), "taken": rng.integers(0, 2, 40), "para": rng.integers(0, 2, 40)})
    flags.to_csv(tmp_path / "rescue.csv", index=False)
    text = draft_spec(read_table(tmp_path / "rescue.csv"), path=tmp_path / "rescue.csv")
    entries = text.split("[[score]]")[1:]
    assert len(entries) == 2 and all("a yes/no flag (two values): its Pearson r with another is the phi" in b
                                     for b in entries)  # fmt: skip
    assert "the floor of a whole-number scale" not in text  # two values are a flag, not a scale


def test_a_broken_sidecar_is_said_in_the_draft_and_the_units_of_a_good_one_are_used(tmp_path):
    labs = pd.DataFrame({"id": [f"s{i}" for i in range(12)], "FERRITIN": np.arange(12) * 1.5 + 3,
                         "VAS": np.arange(12) % 7})  # fmt: skip
    labs.to_csv(tmp_path / "labs.csv", index=False)
    (tmp_path / "labs.json").write_text(json.dumps({"FERRITIN": {"Units": "MCG/L"}}))
    text = draft_spec(read_table(tmp_path / "labs.csv"), path=tmp_path / "labs.csv")
    spec = tomllib.loads(text)
    assert spec["biomarker"] == [{"column": "FERRITIN", "label": "FERRITIN", "unit": "MCG/L"}]
    assert "guess: labs.json gives a concentration unit (MCG/L)" in text
    (tmp_path / "labs.json").write_text("{")
    text = draft_spec(read_table(tmp_path / "labs.csv"), path=tmp_path / "labs.csv")
    assert "# labs.json beside it: not read (JSONDecodeError); its column notes are not used" in text
    assert "biomarker" not in tomllib.loads(text)  # without its notes nothing says FERRITIN is an assay value
