"""A lab's table whose scores are in another file of its folder (issue #27: two tables joined by
id): the draft proposes the join on evidence only, and the unedited draft runs."""

from __future__ import annotations

import tomllib

import numpy as np
import pandas as pd

from biocorr.cli.main import main
from biocorr.data.read import read_table
from biocorr.draft.study import draft_spec


def _folder(tmp_path, long_scores: bool = False):
    rng = np.random.default_rng(9)
    ids = [f"sub-{i:03d}" for i in range(40)]
    labs = pd.DataFrame({"participant_id": ids, "CRP MG/L": rng.lognormal(0, 0.6, 40).round(2),
                         "IL6 PG/ML": rng.lognormal(1, 0.5, 40).round(2)})  # fmt: skip
    labs.loc[3, "CRP MG/L"] = -999
    labs.to_csv(tmp_path / "labs.csv", index=False)
    scores = pd.DataFrame({"participant_id": ids[5:] + ["sub-999"], "anxiety_total": rng.integers(0, 22, 36)})
    scores.loc[7, "anxiety_total"] = -999
    if long_scores:  # two rows per subject: no row of theirs is the subject's alone
        scores = pd.concat([scores.assign(week=1), scores.assign(week=2)])
    scores.to_csv(tmp_path / "scores.csv", index=False)
    pd.DataFrame({"participant_id": ["x1", "x2"], "pain_score": [1, 2]}).to_csv(tmp_path / "other.csv", index=False)
    return tmp_path / "labs.csv"


def test_the_scores_table_beside_a_lab_table_is_proposed_as_the_join_and_the_draft_runs(tmp_path):
    data = _folder(tmp_path)
    text = draft_spec(read_table(data), path=data)
    spec = tomllib.loads(text)
    assert spec["data"]["join"] == "scores.csv"  # not other.csv: it shares no id
    assert "35 of 40 keys shared" in text
    assert [v["column"] for v in spec["score"]] == ["anxiety_total"]
    assert spec["data"]["missing"] == [-999]  # the codes of both tables
    (tmp_path / "spec.toml").write_text(text)
    out = tmp_path / "res"
    assert main(["analyze", str(data), "--spec", str(tmp_path / "spec.toml"), "--out", str(out), "--no-report",
                 "--quiet"]) == 0  # fmt: skip
    table = pd.read_csv(out / "correlations.csv")
    assert (
        set(table["y"]) == {"anxiety_total"} and table.query("method == 'pearson' and subset == 'all'")["n"].max() == 34
    )


def test_no_join_is_proposed_when_the_neighbour_has_several_rows_per_id_or_no_score(tmp_path):
    data = _folder(tmp_path, long_scores=True)
    text = draft_spec(read_table(data), path=data)
    assert "join" not in tomllib.loads(text)["data"] and "# No column looks like a score" in text
