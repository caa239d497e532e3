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
    assert ref["transform"] == "none"
    assert_close(full["estimate"], [ref["r"]])
    assert_close(full["p"], [ref["p"]])
    assert full["n"][0] == ref["n"] and full["df"][0] == ref["df"]
    assert "20 observations from 8 subjects" in full["note"][0]


def test_rmcorr_every_x_with_every_y():
    d = INPUTS[INPUTS["case"] == "balanced"].assign(z=lambda f: f["x"] ** 2)
    table = biocorr.rmcorr(d, ["x", "z"], ["y"], subject="subject", alternative="greater")
    assert table[["x", "y"]].values.tolist() == [["x", "y"], ["z", "y"]]
    ref = REFERENCE.query("case == 'balanced' and level == 0.95 and transform == 'none'").iloc[0]
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


def _long_file(tmp_path, visit_line='visit = "Time"', where='where = { Time = ["Pre", "Mid", "Post"] }'):
    """The fixture's balanced case as a spreadsheet: Time levels, two groups, a screening visit."""
    d = INPUTS[INPUTS["case"] == "balanced"].copy()
    d["Time"] = d["visit"].map({1: "Pre", 2: "Mid", 3: "Post"})
    d["Arm"] = np.where(d["subject"] < "S06", "A", "B")
    screening = d[d["visit"] == 1].assign(Time="Screening", x=99.0)  # kept out by the where filter
    pd.concat([d, screening]).rename(columns={"subject": "PID"})[["PID", "Time", "Arm", "x", "y"]].to_csv(
        tmp_path / "long.csv", index=False
    )
    (tmp_path / "spec.toml").write_text(
        f"""[data]
id = "PID"
group = "Arm"
{visit_line}
{where}
[[biomarker]]
column = "x"
transform = "log"

[[score]]
column = "y"
""",
        encoding="utf-8",
    )
    return tmp_path / "long.csv", tmp_path / "spec.toml"


def test_long_file_with_where_and_log_transform_runs_end_to_end_with_r_values(tmp_path):
    data, spec = _long_file(tmp_path)
    study = biocorr.load(data, spec)
    assert study.visits == ["Pre", "Mid", "Post"] and len(study.data) == 30
    assert (study.exclusions["reason"] == "not-selected").sum() == 10  # the screening rows, each listed
    results = biocorr.analyze(study, alternative="greater")
    c = results.correlations
    assert set(c["subset"]) >= {"Time = Pre", "Time = Pre: A", "Time = Post: B", "all visits", "all visits: A"}
    assert "all" not in set(c["subset"])  # no subset pools a subject's visits as if independent
    within = c[(c.method == "rmcorr") & (c.subset == "all visits")].iloc[0]
    log_ref = REFERENCE.query("case == 'balanced' and transform == 'log'").iloc[0]
    assert_close([within["estimate"]], [log_ref["r"]], what="rmcorr on log x")
    assert_close([within["p"]], [log_ref["p_greater"]], what="one-sided rmcorr p")
    assert within["df"] == log_ref["df"] and within["n"] == log_ref["n"]
    assert within["family"] == "rmcorr correlations, subset all visits"
    # each visit's cross-sectional rows are the correlation of that visit's rows alone
    pre = study.data[study.data["visit"] == "Pre"]
    alone = biocorr.correlate(pre, ["x"], ["y"], methods=["pearson"], alternative="greater")
    row = c[(c.method == "pearson") & (c.subset == "Time = Pre")].iloc[0]
    assert row["n"] == 10 and row["estimate"] == alone["estimate"][0] and row["p"] == alone["p"][0]
    g = results.group_comparisons
    assert set(g["group1"]) == {"A (Time = Pre)", "A (Time = Mid)", "A (Time = Post)"}
    assert (g["n1"] + g["n2"] == 10).all()  # one visit's subjects, not their visits pooled
    d = results.descriptives
    assert d[(d.variable == "y") & (d.subset == "Time = Mid")]["n"].item() == 10


def test_long_file_report_and_terminal_lead_with_the_within_subject_result(tmp_path):
    from io import StringIO

    from rich.console import Console

    from biocorr.report import apa
    from biocorr.report.terminal import print_summary

    data, spec = _long_file(tmp_path)
    results = biocorr.analyze(biocorr.load(data, spec))
    out = StringIO()
    print_summary(results, Console(file=out, width=200))
    text = out.getvalue()
    assert "Long data: 10 subjects at 3 visits (Pre, Mid, Post)" in text
    assert "all visits" in text and "rmcorr" in text
    sentence = apa.results_sentences(results, "rmcorr")[0]
    assert sentence.startswith("Within subjects over all visits, x and y: rᵣₘ(19) = ")
    assert "repeated-measures correlation (Bakdash & Marusich, 2017)" in apa.methods_paragraph(results)


def test_long_file_validation_lists_missing_visits_and_true_duplicates(tmp_path):
    data, spec = _long_file(tmp_path, where="")
    frame = pd.read_csv(data)
    frame = frame[frame["Time"] != "Screening"]
    frame.loc[0, "Time"] = ""  # no visit: excluded with its reason
    frame = pd.concat([frame, frame.iloc[[5]]])  # the same subject twice at one visit
    frame.to_csv(data, index=False)
    study = biocorr.load(data, spec)
    reasons = study.exclusions.set_index("row")["reason"]
    assert reasons[2] == "missing-visit"
    dup = study.exclusions[study.exclusions["reason"] == "duplicate-id"]
    assert len(dup) == 2 and dup["id"].nunique() == 1
    assert f"id '{dup['id'].iloc[0]}' at visit '{frame.iloc[5]['Time']}' appears on rows" in dup["message"].iloc[0]
    assert len(study.data) == 30 - 1 - 1  # the row without a visit, and the duplicated row's first copy


def test_long_file_without_visit_names_the_column_the_ids_repeat_over(tmp_path):
    data, spec = _long_file(tmp_path, visit_line="")
    with pytest.raises(DataError) as err:
        biocorr.load(data, spec)
    assert "Ids repeat once per level of 'Time' (Pre, Mid, Post)" in str(err.value)
    assert 'declare visit = "Time" in [data]' in str(err.value)


@pytest.mark.parametrize(
    ("data_lines", "message"),
    [
        ('visit = "Time"\nid = ""', "[data] id: expected a name"),
        ('group = "Arm"\nvisit = "Time"', "long data need the subject id column"),
        ('id = "PID"\nvisit = "x"', "has another role already"),
    ],
)
def test_visit_spec_errors_say_what_to_write(data_lines, message):
    import tomllib

    from biocorr.errors import SpecError

    doc = tomllib.loads(f'[data]\n{data_lines}\n[[biomarker]]\ncolumn = "x"\n[[score]]\ncolumn = "y"\n')
    with pytest.raises(SpecError, match=message.replace("[", r"\[").replace("]", r"\]")):
        biocorr.parse_spec(doc)


def test_bootstrap_keeps_the_repeated_measures_rows_and_the_matrices(tmp_path):
    data, spec = _long_file(tmp_path)
    results = biocorr.analyze(biocorr.load(data, spec))
    boot = biocorr.add_bootstrap(results, 100)
    before = results.correlations[results.correlations["method"] == "rmcorr"]
    after = boot.correlations[boot.correlations["method"] == "rmcorr"]
    assert len(after) == len(before) == 3  # all visits, and per arm
    assert after["estimate"].tolist() == before["estimate"].tolist() and (after["n_bootstrap"] == 0).all()
    assert boot.correlations["method"].notna().all()
    resampled = boot.correlations[boot.correlations["method"] == "pearson"]
    assert (resampled["n_bootstrap"] > 0).any()
    pd.testing.assert_frame_equal(boot.matrices, results.matrices)


def test_a_change_score_in_a_long_file_with_where_and_log_transform_equals_r(tmp_path):
    """The issue's end-to-end case: a long file, a `where` filter, a change score computed in each
    row (stimulated − unstimulated, as the ATP-induced TNF rise) and a log transform of it. The
    score's parts are built so that their difference is the fixture's x (to rounding), whose
    log-scale rmcorr and one-sided p R computed (make_reference_rmcorr.R)."""
    data, _ = _long_file(tmp_path)
    frame = pd.read_csv(data)
    baseline = np.random.default_rng(12).uniform(1, 3, len(frame)).round(6)
    frame["TNF_ATP"], frame["TNF_vehicle"] = frame["x"] + baseline, baseline
    frame.drop(columns="x").to_csv(data, index=False)
    spec = tmp_path / "change.toml"
    spec.write_text(
        """[data]
id = "PID"
group = "Arm"
visit = "Time"
where = { Time = ["Pre", "Mid", "Post"] }

[[biomarker]]
column = "TNF_rise"
label = "ATP-induced TNF rise"
difference = ["TNF_ATP", "TNF_vehicle"]
transform = "log"

[[score]]
column = "y"
""",
        encoding="utf-8",
    )
    results = biocorr.analyze(biocorr.load(data, spec), alternative="greater")
    c = results.correlations
    within = c[(c.method == "rmcorr") & (c.subset == "all visits")].iloc[0]
    ref = REFERENCE.query("case == 'balanced' and transform == 'log'").iloc[0]
    assert_close([within["estimate"]], [ref["r"]], tol=1e-12, what="rmcorr of the log change score")
    assert_close([within["p"]], [ref["p_greater"]], tol=1e-12, what="its one-sided p")
    assert within["df"] == ref["df"] and within["x_label"] == "ATP-induced TNF rise"
    from biocorr.report import apa

    methods = apa.methods_paragraph(results)
    assert "TNF_ATP" in methods and "TNF_vehicle" in methods and "log" in methods
