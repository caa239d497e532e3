"""A long file with one variable per visit: drafted as per_subject, its visits correlated."""

from __future__ import annotations

import tomllib

import numpy as np
import pandas as pd
from scipy import stats

from biocorr.cli import main
from biocorr.data.read import read_text_table
from biocorr.draft.study import draft_spec


def test_one_score_per_period_is_drafted_per_subject_and_runs_unedited(tmp_path):
    """A crossover's baseline pain per period (the shape of the amitriptyline Baselines table): the
    treatment changes between a subject's periods, so it is no group; the unedited draft correlates
    Pain@1 with Pain@2 over the subjects, equal to scipy on the table pivoted by hand."""
    rng = np.random.default_rng(11)
    rows = [(f"E{i:03d}", p, "PA"[(i + p) % 2], int(rng.integers(0, 11))) for i in range(40) for p in (1, 2)]
    table = "ID,Period,Treatment,Pain\n" + "".join(f"{i},{p},{t},{v}\n" for i, p, t, v in rows)
    text = draft_spec(read_text_table(table))
    spec = tomllib.loads(text)
    assert spec["data"]["per_subject"] is True and "group" not in spec["data"]
    assert '# group = "Treatment"    # not used: it changes between a subject\'s visits' in text
    assert [v["column"] for v in spec["score"]] == ["Pain@1", "Pain@2"] and "biomarker" not in spec
    (tmp_path / "t.csv").write_text(table, encoding="utf-8")
    (tmp_path / "d.toml").write_text(text, encoding="utf-8")
    out = tmp_path / "o"
    assert main(["analyze", str(tmp_path / "t.csv"), "--spec", str(tmp_path / "d.toml"), "--out", str(out),
                 "--no-report", "--quiet"]) == 0  # fmt: skip
    c = pd.read_csv(out / "correlations.csv")
    wide = pd.DataFrame(rows, columns=["ID", "Period", "Treatment", "Pain"]).pivot(index="ID", columns="Period")["Pain"]
    for method, ref in (("pearson", stats.pearsonr(wide[1], wide[2])), ("spearman", stats.spearmanr(wide[1], wide[2]))):
        row = c[c["method"] == method].iloc[0]
        assert (row["x"], row["y"], row["n"]) == ("Pain@1", "Pain@2", 40)
        assert abs(row["estimate"] - ref.statistic) < 1e-12 and abs(row["p"] - ref.pvalue) < 1e-12


def test_two_variables_per_visit_stay_a_long_analysis():
    rows = "".join(f"E{i},{p},{(i * p) % 11},{(i + p) % 7}\n" for i in range(20) for p in (1, 2))
    text = draft_spec(read_text_table("ID,Period,Pain,Sleep\n" + rows))
    assert "per_subject" not in text and 'column = "Pain"' in text


def test_a_column_fixed_within_each_subject_is_the_group_when_the_treatment_changes(tmp_path):
    """The amitriptyline Baselines table also holds ARV (yes/no, the same at both periods): with the
    crossover's treatment set aside, ARV is drafted as the group, and the unedited draft's by-group
    correlation equals scipy on each ARV group's subjects."""
    rng = np.random.default_rng(12)
    arv = {i: "Yes" if i % 3 else "No" for i in range(45)}
    rows = [(f"E{i:03d}", arv[i], p, "PA"[(i + p) % 2], int(rng.integers(0, 11))) for i in range(45) for p in (1, 2)]
    table = "ID,ARV,Period,Treatment,Pain\n" + "".join(f"{i},{a},{p},{t},{v}\n" for i, a, p, t, v in rows)
    text = draft_spec(read_text_table(table))
    spec = tomllib.loads(text)
    assert spec["data"]["group"] == "ARV" and 'drafted as the group instead of "Treatment"' in text
    (tmp_path / "t.csv").write_text(table, encoding="utf-8")
    (tmp_path / "d.toml").write_text(text, encoding="utf-8")
    out = tmp_path / "o"
    assert main(["analyze", str(tmp_path / "t.csv"), "--spec", str(tmp_path / "d.toml"), "--out", str(out),
                 "--no-report", "--quiet"]) == 0  # fmt: skip
    c = pd.read_csv(out / "correlations.csv").query("method == 'pearson'").set_index("subset")
    frame = pd.DataFrame(rows, columns=["ID", "ARV", "Period", "Treatment", "Pain"])
    for level in ("Yes", "No"):
        wide = frame[frame["ARV"] == level].pivot(index="ID", columns="Period")["Pain"]
        ref = stats.pearsonr(wide[1], wide[2])
        assert c.loc[level, "n"] == len(wide) and abs(c.loc[level, "estimate"] - ref.statistic) < 1e-12
