"""init-spec drafts: censored cells, name hints, group choice, categorical covariates, skipped columns."""

from __future__ import annotations

import contextlib
import io
import json
import tomllib

import numpy as np
import pytest

from biocorr.data.read import read_table, read_text_table
from biocorr.draft.qpcr import draft_qpcr
from biocorr.draft.study import draft_spec
from biocorr.qpcr.instruments import read_ct_export
from biocorr.spec import parse_spec


def _draft(text: str) -> tuple[str, object]:
    draft = draft_spec(read_text_table(text))
    return draft, parse_spec(tomllib.loads(draft))


def _rows(header: str, make, n: int = 12) -> str:
    return header + "\n" + "\n".join(make(i) for i in range(1, n + 1)) + "\n"


def test_censored_cells_become_a_lower_limit_not_missing_values():
    text = _rows(
        "id,group,IL6,VAS", lambda i: f"{i},{'P' if i % 2 else 'C'},{'<1.2' if i % 3 == 0 else 1 + i / 3},{i * 5}"
    )
    draft, spec = _draft(text)
    assert "missing = []" in draft  # '<1.2' is not a missing marker
    il6 = spec.variable("IL6")
    assert il6.role == "biomarker" and il6.lower_limit == 1.2
    assert "excluded as censored-value" in draft


def test_a_biomarker_mostly_below_its_limit_is_drafted_with_its_limit_and_not_detected_is_never_missing():
    # 8 of 12 IL-6 cells are '<0,5' or 'n.d.' (European decimal commas): still a biomarker
    cells = ["<0,5", "n.d.", "3,2", "<0,5", "n.d.", "<0,5", "4,1", "n.d.", "<0,5", "2,7", "n.d.", "5,5"]
    text = _rows("id;group;IL6;VAS", lambda i: f"{i};{'P' if i % 2 else 'C'};{cells[i - 1]};{i * 5}")
    draft, spec = _draft(text)
    il6 = spec.variable("IL6")
    assert il6.role == "biomarker" and il6.lower_limit == 0.5
    assert spec.missing == () and "'n.d.' (4 cell(s)) read as 'not detected'" in draft


def test_act_subscales_are_not_ct_values_and_real_ct_columns_are_biomarkers():
    text = _rows("id,group,FFMQ_ACT,TNF_dCt,VAS", lambda i: f"{i},{'P' if i % 2 else 'C'},{i % 7},{20 + i / 4},{i * 3}")
    draft, spec = _draft(text)
    assert spec.variable("TNF_dCt").role == "biomarker"
    assert "FFMQ_ACT" not in {v.column for v in spec.biomarkers} and 'column = "FFMQ_ACT"' in draft


def test_a_diagnosis_column_is_the_group_and_sex_a_categorical_covariate():
    text = _rows(
        "id,sex,Diag,site,TNF,VAS",
        lambda i: f"{i},{'F' if i % 3 else 'M'},{'FM' if i % 2 else 'HC'},{'A' if i < 6 else 'B'},{i * i / 4},{i * 4}",
    )
    draft, spec = _draft(text)
    assert spec.group_column == "Diag"
    sex = spec.variable("sex")
    assert sex.role == "covariate" and sex.categorical
    assert "# [[covariate]]             # offered: text column with levels A, B" in draft  # site: offered only
    assert "site" not in [v.column for v in spec.variables]


def test_columns_not_used_are_listed_with_the_reason():
    text = _rows("id,group,TNF,VAS,comment,empty", lambda i: f"{i},{'P' if i % 2 else 'C'},{i * i},{i * 2},note {i},")
    draft, _ = _draft(text)
    assert "# Not used: 'comment' (text with 12 distinct values); 'empty' (empty)" in draft


def test_scores_named_like_known_scales_get_their_range_when_the_data_fit():
    text = _rows(
        "id,group,TNF,HADS_A,VAS", lambda i: f"{i},{'P' if i % 2 else 'C'},{i * i},{i},{i * 8 if i < 12 else 140}"
    )
    draft, spec = _draft(text)
    assert spec.variable("HADS_A").range == (0, 21) and "# guess: HADS anxiety 0-21" in draft
    assert spec.variable("VAS").range is None  # 140 fits no VAS scoring: a comment says to check
    assert "visual analogue scale: no scoring holds the values (8 to 140); check the column" in draft


def test_newlines_in_headers_and_cells_cannot_break_or_inject_into_the_draft():
    header = 'id,"sex\nrange = [0, 1]",group,TNF,VAS'
    text = _rows(header, lambda i: f'{i},"{"F" if i % 2 else "M"}\n[x]",{"P" if i % 3 else "C"},{i * i},{i * 3}')
    draft, spec = _draft(text)  # parses: nothing injected
    assert any(v.column == "sex\nrange = [0, 1]" for v in spec.variables)
    assert "[x]" not in [line.strip() for line in draft.splitlines()]


def _variables(spec: dict) -> dict[str, tuple]:
    return {
        v["column"]: (
            role,
            tuple(v["range"]) if "range" in v else None,
            v.get("lower_limit"),
            v.get("categorical", False),
        )
        for role in ("biomarker", "score", "covariate")
        for v in spec.get(role, [])
    }


@pytest.mark.parametrize("name", ["hivsn", "opt", "qpcr_demo"])
def test_drafts_of_the_embedded_datasets_agree_with_the_hand_written_specs(name):
    """Every variable of the hand-written spec is drafted with the same role, lower limit and
    categorical flag, and every range the draft proposes is the hand-written one (qpcr_demo's
    biomarker comes from the qPCR section drafted from its Ct table). Not drafted: ranges no
    catalogue scale gives (a CD4 count's, OPT's mean attachment level's and its "BL.GE", a gingival
    index by an unusual name): the draft leaves a placeholder."""
    from biocorr.datasets import example_path

    folder = example_path(name)
    data = {"hivsn": "data_all.csv", "opt": "opt_serum_periodontal.csv", "qpcr_demo": "clinical.csv"}[name]
    hand = tomllib.loads((folder / "spec.toml").read_text(encoding="utf-8"))
    qpcr = draft_qpcr(read_ct_export(folder / "ct_export.csv")) if name == "qpcr_demo" else None
    draft = tomllib.loads(draft_spec(read_table(folder / data), qpcr))
    assert draft["data"].get("group") == hand["data"].get("group")
    assert draft["data"].get("id") == hand["data"].get("id")
    h, d = _variables(hand), _variables(draft)
    text = draft_spec(read_table(folder / data), qpcr)
    offered = {c for c in h if c not in d}  # no evidence of a role: offered, commented out, not analysed
    assert all(f"# column = {json.dumps(c)}" in text for c in offered)
    assert offered == ({"BL.GE", "BL.CAL.avg"} if name == "opt" else set())  # a gingival index, an attachment level
    for column in (c for c in h if c in d):
        role, rng, limit, categorical = h[column]
        assert d[column][0] == role, column
        assert d[column][2] == limit and d[column][3] == categorical, column
        if d[column][1] is not None:
            assert d[column][1] == rng, column
    ranged = sum(d[c][1] is not None for c in h if c in d)
    assert ranged == {"hivsn": 5, "opt": 8, "qpcr_demo": 3}[name]


@pytest.mark.parametrize("name", ["hivsn", "opt", "qpcr_demo"])
def test_the_draft_of_each_embedded_dataset_runs_unedited(name, tmp_path):
    from biocorr.cli import main
    from biocorr.datasets import example_path

    folder = example_path(name)
    data = {"hivsn": "data_all.csv", "opt": "opt_serum_periodontal.csv", "qpcr_demo": "clinical.csv"}[name]
    qpcr = ["--qpcr", str(folder / "ct_export.csv")] if name == "qpcr_demo" else []
    draft = tmp_path / "draft.toml"
    with contextlib.redirect_stdout(io.StringIO()) as out:
        assert main(["init-spec", str(folder / data), *qpcr]) == 0
    draft.write_text(out.getvalue(), encoding="utf-8")
    args = ["analyze", str(folder / data), "--spec", str(draft), *qpcr, "--out", str(tmp_path / "o"), "--no-report"]
    assert main([*args, "--quiet"]) == 0
    assert (tmp_path / "o" / "correlations.csv").stat().st_size > 0


def test_a_missing_code_does_not_hide_a_scale_and_a_scale_name_makes_a_score():
    text = _rows(
        "id,group,CRP,BDI-II,ODI",
        lambda i: f"{i},{'P' if i % 2 else 'C'},{i / 3:.2f},{999 if i == 5 else i * 4},{i * 5}",
    )
    draft, spec = _draft(text)
    assert spec.missing == ("999",)  # proposed as missing, so the BDI-II range need not hold it
    assert spec.variable("BDI-II").role == "score" and spec.variable("BDI-II").range == (0, 63)
    assert spec.variable("ODI").range == (0, 100) and "named like a scale of the catalogue" in draft


def test_pre_post_pairs_are_offered_as_commented_change_scores_that_parse_when_uncommented():
    text = _rows("id,group,IL6_pre,IL6_post,VAS_PRE,VAS_POST,age",
                 lambda i: f"{i},{'P' if i % 2 else 'C'},{i * i},{i * i + i % 3},"
                 f"{i * 3 % 17},{i * 4 % 19},{30 + i * i % 23}")  # fmt: skip
    draft, spec = _draft(text)
    assert not any(v.derived for v in spec.variables)  # offered only: the draft runs as it is
    assert '# difference = ["IL6_post", "IL6_pre"]' in draft and '# difference = ["VAS_POST", "VAS_PRE"]' in draft
    active = draft.replace("# [[biomarker]]             # offered", "[[biomarker]] # offered")
    active = active.replace('# column = "IL6_change"', 'column = "IL6_change"')
    active = active.replace('# difference = ["IL6_post", "IL6_pre"]', 'difference = ["IL6_post", "IL6_pre"]')
    uncommented = parse_spec(tomllib.loads(active))
    assert uncommented.variable("IL6_change").derived == ("difference", ("IL6_post", "IL6_pre"))


def test_time_since_diagnosis_and_disease_duration_are_drafted_as_covariates():
    text = _rows(
        "id,group,IL6,VAS,time_since_diag,disease_duration",
        lambda i: f"{i},{'P' if i % 2 else 'C'},{i * i / 3:.2f},{i * 5 % 23},{i % 5},{i + 2}",
    )
    _, spec = _draft(text)
    assert spec.variable("time_since_diag").role == "covariate"
    assert spec.variable("disease_duration").role == "covariate"


def test_entry_errors_are_not_proposed_as_missing_and_a_title_block_is_named():
    rows = _rows("id,group,TNF,VAS", lambda i: f"{i},{'P' if i % 2 else 'C'},{i / 3:.2f},{i * 5}").splitlines()
    rows[3] = "3,P,#DIV/0!,15"
    rows[5] = "5,P,1.67,85 mm"
    rows[7] = "7,P,.,35"
    text = "\n".join(["Lab export (FM study)", "", *rows]) + "\n"
    draft, spec = _draft(text)
    assert spec.missing == (".",)  # a missing marker; the entry errors are left to be excluded and listed
    assert "# Not proposed as missing: '#DIV/0!' in 'TNF'; '85 mm' in 'VAS'." in draft
    assert "# The header is row 3; rows 1-2 above it ('Lab export (FM study)') are not read as data." in draft


def test_units_under_the_header_become_the_drafts_units_and_stray_words_are_not_missing_markers():
    rows = _rows("id,group,TNF,VAS", lambda i: f"{i},{'P' if i % 2 else 'C'},{i / 3:.2f},{i * 5}").splitlines()
    rows.insert(1, ",,pg/mL,mm")
    rows[4] = "3,P,abc,15"
    draft, spec = _draft("\n".join(rows) + "\n")
    assert spec.variable("TNF").unit == "pg/mL" and spec.variable("VAS").unit == "mm"
    assert spec.missing == () and "'abc' in 'TNF'" in draft


def test_roles_only_on_evidence_and_unusable_columns_listed_with_the_reason():
    """Real files: a Likert item with answers piled at 1 was drafted as a biomarker with a made-up
    detection limit; a saved pandas index became a score; a column that is -999 but for one value
    was drafted and stopped the unedited draft."""
    from biocorr.data.read import read_text_table

    rng = np.random.default_rng(5)
    n = 44
    likert = np.r_[np.ones(13), rng.integers(2, 6, n - 13)].astype(int)
    assay = np.r_[np.full(8, 1.2), rng.uniform(1.5, 9, n - 8)].round(2)
    insulin = ["-999"] * (n - 1) + ["6.4"]
    vas = rng.integers(0, 100, n)
    rows = [f"{i},p{i},{likert[i]},{assay[i]},{insulin[i]},{vas[i]},{-999 if i == 3 else rng.integers(20, 60)}"
            for i in range(n)]  # fmt: skip
    text = draft_spec(read_text_table(",pid,Q7,analyte,INSULIN,VAS,X2\n" + "\n".join(rows) + "\n"))
    assert "[[biomarker]]               # guess: 8 of 44 values equal the minimum 1.2" in text
    assert "lower_limit = 1.2" in text and "lower_limit = 1 " not in text
    assert "13 of 44 values at the minimum 1, the floor of a whole-number scale" in text
    assert "'(unnamed column A)' (a saved row index: 0, 1, 2, ... in order)" in text
    assert "'INSULIN' (1 value(s): too few to correlate besides the missing code -999)" in text
    assert 'column = "INSULIN"' not in text and 'column = "(unnamed column A)"' not in text


def test_a_0_1_item_is_not_drafted_as_the_group_unless_its_name_says_group():
    """The NIMH GAD-7 file's item RESTLESS (0/1) was drafted as 'group = "RESTLESS"'."""
    text = _rows("id,RESTLESS,NERVOUS,CRP", lambda i: f"{i},{i % 2},{i % 4},{1 + i / 7:.2f}")
    draft, spec = _draft(text)
    assert spec.group_column is None and 'column = "RESTLESS"' in draft  # a variable (drafted or offered)
    arm = _rows("id,arm,NERVOUS,CRP", lambda i: f"{i},{i % 2},{i % 4},{1 + i / 7:.2f}")  # named as a group: it is one
    assert _draft(arm)[1].group_column == "arm"
    labelled = _rows("id,dx,NERVOUS,CRP", lambda i: f"{i},{'FM' if i % 2 else 'HC'},{i % 4},{1 + i / 7:.2f}")
    assert _draft(labelled)[1].group_column == "dx"


def test_a_concentration_unit_in_the_name_is_an_assay_and_unknown_roles_are_offered_not_analysed():
    """The NIMH lab export names its columns with units ('VITAMIN D,  25-HYDROXY TOTAL NG/ML' was a
    score for its 'TOTAL'); columns with no evidence of a role are offered commented out, so an
    unedited draft of OPT no longer correlates 113 columns (152 s, now 24 with evidence)."""
    text = _rows(
        "id,VITAMIN D 25-HYDROXY TOTAL NG/ML,CALCIUM MMOL/L,VAS,visits_attended,teeth",
        lambda i: f"{i},{20 + i},{2 + i * i / 100:.2f},{i * 7 % 23},{i % 5},{28 - i % 4}",
    )
    draft, spec = _draft(text)
    assert {v.column for v in spec.biomarkers} == {"VITAMIN D 25-HYDROXY TOTAL NG/ML", "CALCIUM MMOL/L"}
    assert [v.column for v in spec.scores] == ["VAS"]
    assert '# column = "visits_attended"' in draft and '# column = "teeth"' in draft
    assert "2 more numeric column(s) of unknown role, offered" in draft


def test_a_lab_table_without_scores_correlates_its_biomarkers_and_says_how_to_add_scores():
    """Two vitamins and an age: the draft correlates the two biomarkers with each other (it runs
    unedited) and says how to name a score or join the scores' table instead."""
    rng = np.random.default_rng(3)
    values = zip(rng.uniform(200, 900, 30), rng.uniform(10, 60, 30), rng.integers(20, 70, 30))
    rows = "\n".join(f"P{i},{b12:.0f},{d:.1f},{age}" for i, (b12, d, age) in enumerate(values))
    text = draft_spec(read_text_table("participant_id,VITAMIN B12 PG/ML,VITAMIN D NG/ML,age\n" + rows + "\n"))
    assert "# No column looks like a score: this draft correlates the biomarkers with each other" in text
    assert "[data] join" in text and "No column looks like a biomarker" not in text
    spec = parse_spec(tomllib.loads(text))
    assert spec.among == "biomarker" and not spec.scores and len(spec.biomarkers) == 2


def test_a_long_file_with_one_visit_entered_twice_is_still_drafted_long():
    """40 subjects at baseline, 6 re-evaluated, one baseline entered twice: id and visit, not a
    'visit' group (the checks then report the repeated visit); a unit in MCG/L or MEQ/L is an
    assay's."""
    rng = np.random.default_rng(4)
    ids = [f"S{i:02d}" for i in range(40)] + [f"S{i:02d}" for i in range(6)] + ["S07"]
    visits = ["baseline"] * 40 + ["re-evaluation"] * 6 + ["baseline"]
    lines = [f"{s},{v},{rng.uniform(10, 300):.1f},{rng.uniform(130, 145):.0f},{rng.integers(0, 21)}"
             for s, v in zip(ids, visits)]  # fmt: skip
    text = draft_spec(
        read_text_table("participant_id,visit,FERRITIN MCG/L,SODIUM MEQ/L,GAD7 total\n" + "\n".join(lines))
    )
    spec = tomllib.loads(text)
    assert (spec["data"]["id"], spec["data"]["visit"]) == ("participant_id", "visit") and "group" not in spec["data"]
    assert {v["column"] for v in spec["biomarker"]} == {"FERRITIN MCG/L", "SODIUM MEQ/L"}
    assert [v["column"] for v in spec["score"]] == ["GAD7 total"]


def _analyze_draft(text: str, table: str, tmp_path):
    """The unedited draft analysed: its correlations.csv."""
    import pandas as pd

    from biocorr.cli import main

    (tmp_path / "t.csv").write_text(table, encoding="utf-8")
    (tmp_path / "draft.toml").write_text(text, encoding="utf-8")
    args = ["analyze", str(tmp_path / "t.csv"), "--spec", str(tmp_path / "draft.toml"), "--out", str(tmp_path / "o")]
    assert main([*args, "--no-report", "--quiet"]) == 0
    return pd.read_csv(tmp_path / "o" / "correlations.csv")


def test_ratings_without_a_biomarker_are_correlated_with_each_other_unedited(tmp_path):
    """Pain at three times (whole numbers 0-10) and no assay: no biomarker is invented; the draft
    says it correlates the scores with each other and runs unedited, each pair once."""
    rng = np.random.default_rng(7)
    table = "ID,T1,T2,T3\n" + "".join(f"E{i},{a},{b},{c}\n" for i, (a, b, c) in enumerate(rng.integers(0, 11, (30, 3))))
    text = draft_spec(read_text_table(table))
    assert "biomarker" not in tomllib.loads(text)
    assert "this draft correlates the scores with each other" in text
    assert "# wide_visits =" in text and "leaves one variable and nothing to correlate it with" in text
    assert text.count("guess: whole numbers from 0 to 10") == 3
    c = _analyze_draft(text, table, tmp_path)
    assert sorted(set(zip(c["x"], c["y"]))) == [("T1", "T2"), ("T1", "T3"), ("T2", "T3")]


def test_a_column_of_unknown_role_beside_one_score_is_drafted_as_a_score_not_a_biomarker(tmp_path):
    """An amount (whole numbers over 100: no evidence of a role) beside a pain rating: the draft
    needs a second variable; it is drafted as a score and says so, never as a biomarker."""
    rng = np.random.default_rng(8)
    rows = list(zip(rng.choice([25, 50, 75, 100, 125], 30), rng.integers(0, 11, 30)))
    table = "ID,Amount,Pain\n" + "".join(f"E{i},{d},{p}\n" for i, (d, p) in enumerate(rows))
    text = draft_spec(read_text_table(table))
    spec = parse_spec(tomllib.loads(text))
    assert spec.among == "score" and [v.column for v in spec.scores] == ["Amount", "Pain"]
    assert "role unknown: drafted as a score, to correlate the scores with each other" in text
    c = _analyze_draft(text, table, tmp_path)
    assert set(zip(c["x"], c["y"])) == {("Amount", "Pain")}
    # named a dose, the same column is the exposure: the x side of the correlation (session 21)
    dosed = table.replace("ID,Amount,Pain", "ID,Dose,Pain")
    text = draft_spec(read_text_table(dosed))
    assert [v.column for v in parse_spec(tomllib.loads(text)).biomarkers] == ["Dose"]
    (tmp_path / "dose").mkdir()
    c = _analyze_draft(text, dosed, tmp_path / "dose")
    assert set(zip(c["x"], c["y"])) == {("Dose", "Pain")}
