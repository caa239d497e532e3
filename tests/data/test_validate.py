"""Reading and validation: odd files, bad cells, every exclusion reported."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from biocorr import load
from biocorr.data.cells import parse_numeric
from biocorr.data.read import read_table, read_text_table
from biocorr.data.validate import load_study, validate
from biocorr.errors import DataError, InputFileError, SpecError
from biocorr.spec import parse_spec

SPEC_TOML = """
[data]
id = "id"
group = "group"
missing = ["."]

[groups]
P = "Patients"
C = "Controls"

[[biomarker]]
column = "TNF"
lower_limit = 1.2

[[score]]
column = "VAS"
range = [0, 100]

[[score]]
column = "HADS_A"
range = [0, 21]
"""

GOOD = """id,group,TNF,VAS,HADS_A
1,P,2.5,40,8
2,P,3.1,55,11
3,C,1.2,10,3
4,C,1.9,20,5
5,P,4.0,70,14
6,C,1.4,15,4
"""


@pytest.fixture
def spec_file(write_text):
    return write_text("spec.toml", SPEC_TOML)


def test_good_file_reads_cleanly(write_text, spec_file):
    study = load(write_text("d.csv", GOOD), spec_file)
    assert len(study.data) == 6 and study.exclusions.empty
    assert study.data["TNF"].tolist() == [2.5, 3.1, 1.2, 1.9, 4.0, 1.4]
    assert [name for name, _ in study.subsets()] == ["all", "Patients", "Controls"]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "latin-1"])
def test_line_endings_and_encodings(write_text, spec_file, newline, encoding):
    text = GOOD.replace("id,", "id,", 1).replace("\n", newline)
    study = load(write_text("d.csv", text, encoding=encoding), spec_file)
    assert len(study.data) == 6 and list(study.data.columns[:3]) == ["row", "id", "group"]


def test_latin1_header_is_decoded(write_text):
    raw = read_table(write_text("d.csv", "id;Gr\u00f6\u00dfe\n1;2\n", encoding="latin-1"))
    assert list(raw.frame.columns) == ["id", "Gr\u00f6\u00dfe"]


def test_semicolon_file_with_decimal_commas(write_text, spec_file):
    text = GOOD.replace(",", ";").replace("2.5", "2,5").replace("3.1", "3,1").replace("1.2", "1,2")
    study = load(write_text("d.csv", text), spec_file)
    assert study.data["TNF"].tolist()[:3] == [2.5, 3.1, 1.2]


def test_tab_separated(write_text, spec_file):
    study = load(write_text("d.tsv", GOOD.replace(",", "\t")), spec_file)
    assert len(study.data) == 6


def test_xlsx_with_sheet(tmp_path, spec_file):
    frame = pd.read_csv(pd.io.common.StringIO(GOOD))
    path = tmp_path / "d.xlsx"
    with pd.ExcelWriter(path) as xl:
        pd.DataFrame({"note": ["cover sheet"]}).to_excel(xl, sheet_name="Info", index=False)
        frame.to_excel(xl, sheet_name="Data", index=False)
    study = load(path, spec_file, sheet="Data")
    assert study.data["VAS"].tolist() == [40, 55, 10, 20, 70, 15]
    assert study.data["id"].tolist() == ["1", "2", "3", "4", "5", "6"]


def test_bad_cells_are_excluded_with_row_column_value_and_reason(write_text, spec_file):
    text = (
        GOOD.replace("2,P,3.1,55", "2,P,3.1x,55")
        .replace("5,P,4.0,70", "5,P,<1.2,130")
        .replace("4,C,1.9,20,5", "4,C,.,20,NA")
    )
    study = load(write_text("d.csv", text), spec_file)
    ex = study.exclusions
    assert ex[["row", "column", "value", "reason", "scope"]].values.tolist() == [
        [3, "TNF", "3.1x", "not-a-number", "cell"],
        [6, "TNF", "<1.2", "censored-value", "cell"],
        [6, "VAS", "130", "out-of-range", "cell"],
    ]
    assert "column 'VAS' row 6: value 130 is outside the declared range 0–100" in ex["message"].iloc[2]
    assert len(study.data) == 6  # cells, not rows, were excluded
    assert np.isnan(study.data.loc[1, "TNF"]) and np.isnan(study.data.loc[3, "TNF"])  # '.' = missing


def test_not_detected_written_in_words_is_a_censored_value_not_a_typo(write_text, spec_file):
    text = GOOD.replace("2,P,3.1,55", "2,P,n.d.,55").replace("5,P,4.0,70", "5,P,BLQ,70")
    ex = load(write_text("d.csv", text), spec_file).exclusions
    assert ex[["row", "value", "reason"]].values.tolist() == [
        [3, "n.d.", "censored-value"],
        [6, "BLQ", "censored-value"],
    ]
    assert "reads as 'not detected'" in ex["message"].iloc[0] and "lower_limit" in ex["message"].iloc[0]


def test_duplicate_missing_id_and_unknown_group_exclude_rows(write_text, spec_file):
    text = GOOD + "2,C,1.5,30,6\n,P,2.0,35,7\n7,X,2.0,35,7\n8,,2.0,35,7\n"
    study = load(write_text("d.csv", text), spec_file)
    rows = study.exclusions[study.exclusions.scope == "row"]
    assert rows[["row", "reason"]].values.tolist() == [
        [3, "duplicate-id"],
        [8, "duplicate-id"],
        [9, "missing-id"],
        [10, "unknown-group"],
        [11, "missing-group"],
    ]
    assert "appears on rows 3, 8" in rows["message"].iloc[0]
    assert len(study.data) == 5 and "2" not in study.data["id"].tolist()


def test_group_given_by_label_is_accepted(write_text, spec_file):
    study = load(write_text("d.csv", GOOD.replace(",P,", ",Patients,")), spec_file)
    assert study.exclusions.empty and set(study.data["group"]) == {"P", "C"}


def test_missing_column_gets_did_you_mean(write_text):
    spec = parse_spec({"biomarker": [{"column": "TNFa"}], "score": [{"column": "vas"}]})
    raw = read_table(write_text("d.csv", GOOD))
    with pytest.raises(SpecError) as err:
        validate(raw, spec)
    msg = str(err.value)
    assert "'TNFa'" in msg and "Did you mean 'TNF'?" in msg and "Did you mean 'VAS'?" in msg


@pytest.mark.parametrize(
    "content, error, fragment",
    [
        ("", InputFileError, "the file is empty"),
        ("id,group,TNF,VAS,HADS_A\n", DataError, "no data rows"),
        ("id,group,TNF,VAS,HADS_A\n1,P,2.5,40,8\n", DataError, "only 1 usable row"),
        (
            GOOD.replace(",8\n", ",5\n")
            .replace(",11\n", ",5\n")
            .replace(",3\n", ",5\n")
            .replace(",14\n", ",5\n")
            .replace(",4\n", ",5\n"),
            DataError,
            "'HADS_A' is constant",
        ),
    ],
)
def test_unusable_files_raise_clear_errors(write_text, spec_file, content, error, fragment):
    with pytest.raises(error, match=fragment):
        load(write_text("d.csv", content), spec_file)


def test_missing_file_and_folder(tmp_path, spec_file):
    with pytest.raises(InputFileError, match="does not exist"):
        load(tmp_path / "nope.csv", spec_file)
    with pytest.raises(InputFileError, match="is a folder"):
        load(tmp_path, spec_file)


def test_warnings_for_floor_pileup_and_ties(write_text, spec_file):
    rows = ["id,group,TNF,VAS,HADS_A"] + [
        f"{i},{'P' if i % 2 else 'C'},{1.2 if i < 8 else 2 + i / 10},{i * 3},{i % 3}" for i in range(1, 13)
    ]
    study = load(write_text("d.csv", "\n".join(rows) + "\n"), spec_file)
    tnf_codes = set(study.warnings.loc[study.warnings.column == "TNF", "code"])
    assert tnf_codes == {"detection-limit-pileup", "heavy-ties"}
    msg = study.warnings[study.warnings.code == "detection-limit-pileup"]["message"].iloc[0]
    assert "7 of 12 values (58%)" in msg
    assert (study.warnings[study.warnings.column == "HADS_A"]["code"] == "heavy-ties").any()


class TestSpec:
    def test_unknown_key_suggests(self):
        with pytest.raises(SpecError, match=r"unknown key 'metods'.*Did you mean 'methods'"):
            parse_spec(
                {"biomarker": [{"column": "a"}], "score": [{"column": "b"}], "analysis": {"metods": ["pearson"]}}
            )

    def test_bad_range_and_method(self):
        with pytest.raises(SpecError, match=r"range .* is empty"):
            parse_spec({"biomarker": [{"column": "a"}], "score": [{"column": "b", "range": [5, 1]}]})
        with pytest.raises(SpecError, match="unknown method 'spearmann'"):
            parse_spec(
                {"biomarker": [{"column": "a"}], "score": [{"column": "b"}], "analysis": {"methods": ["spearmann"]}}
            )

    def test_needs_biomarker_and_score(self):
        with pytest.raises(SpecError, match="at least one \\[\\[biomarker\\]\\]"):
            parse_spec({"score": [{"column": "b"}]})

    def test_column_declared_twice(self):
        with pytest.raises(SpecError, match="declared twice"):
            parse_spec({"biomarker": [{"column": "a"}], "score": [{"column": "a"}]})

    def test_invalid_toml_file(self, write_text):
        from biocorr.spec import load_spec

        with pytest.raises(SpecError, match="not valid TOML"):
            load_spec(write_text("s.toml", "[data\nid = 1"))


LONG = "id,visit,TNF,VAS\n" + "".join(
    f"P{i},{v},{(i * 7 % 5 + 1) * (2 if v == 'post' else 1)},{(i * 3) % 11 + (5 if v == 'post' else 0)}\n"
    for i in range(1, 13)
    for v in ("pre", "post")
)


def test_where_selects_one_visit_of_a_long_file_and_reports_the_rest():
    spec = parse_spec(
        {
            "data": {"id": "id", "where": {"visit": "pre"}},
            "biomarker": [{"column": "TNF"}],
            "score": [{"column": "VAS"}],
        }
    )
    study = validate(read_text_table(LONG), spec)
    assert len(study.data) == 12 and set(study.exclusions["reason"]) == {"not-selected"}
    assert len(study.exclusions) == 12 and "not 'pre'" in study.exclusions["message"].iloc[0]


def test_where_names_a_missing_column():
    spec = parse_spec(
        {
            "data": {"id": "id", "where": {"Visit": "pre"}},
            "biomarker": [{"column": "TNF"}],
            "score": [{"column": "VAS"}],
        }
    )
    with pytest.raises(SpecError, match=r"'Visit' \(named in \[data\] where\)\. Did you mean 'visit'"):
        validate(read_text_table(LONG), spec)


def test_log_transform_is_applied_after_the_range_and_refuses_non_positive_values():
    from biocorr.stats.diagnostics import correlation_test

    text = "id,IL6,VAS\nA,10,20\nB,100,35\nC,1000,30\nD,0,50\nE,50,45\nF,5,15\n"
    spec = parse_spec(
        {
            "data": {"id": "id"},
            "biomarker": [{"column": "IL6", "transform": "log10", "lower_limit": 5}],
            "score": [{"column": "VAS"}],
        }
    )
    study = validate(read_text_table(text), spec)
    ex = study.exclusions
    assert ex[["row", "column", "reason"]].values.tolist() == [[5, "IL6", "not-transformable"]]
    assert study.data["IL6"].round(12).tolist()[:3] == [1.0, 2.0, 3.0]
    assert study.floored == {"IL6": pytest.approx(np.log10(5))}  # 1 of 5 at the limit: judged in pg/mL
    from biocorr import analyze

    row = analyze(study, methods=["pearson"], robust=[]).correlations.query("subset == 'all'").iloc[0]
    x = np.log10([10, 100, 1000, 50, 5])
    ref = correlation_test(x, [20, 35, 30, 45, 15], "pearson")  # the R-checked engine on log10 values
    assert row["estimate"] == ref.estimate and row["p"] == ref.p


def test_transform_must_be_known():
    with pytest.raises(SpecError, match="transform must be one of log, log2, log10, log1p"):
        parse_spec({"biomarker": [{"column": "a", "transform": "ln"}], "score": [{"column": "b"}]})


def test_a_numeric_missing_code_matches_excel_numbers_and_text_alike(tmp_path):
    # 999 stored by Excel as a number, as "999.0" text and as 999 text: all three are missing;
    # without the code a biomarker without a range would have been analysed as 999.
    frame = pd.DataFrame({"id": range(1, 9), "TNF": [1.0, 999, 2.5, 3.1, 4.2, 999, 2.2, 3.3], "VAS": list(range(8))})
    path = tmp_path / "d.xlsx"
    frame.to_excel(path, index=False)
    spec = {"data": {"id": "id", "missing": [999]}, "biomarker": [{"column": "TNF"}], "score": [{"column": "VAS"}]}
    study = validate(read_table(path), parse_spec(spec))
    assert study.data["TNF"].isna().tolist() == [False, True, False, False, False, True, False, False]
    values, missing, failed, _ = parse_numeric(pd.Series(["999.0", "999", "999,0", "9990", 999.5]), True, {"999"})
    assert missing.tolist() == [True, True, True, False, False] and not failed.any()
    assert values.tolist()[3:] == [9990.0, 999.5]


def test_blank_lines_keep_the_row_numbers_of_the_file_and_are_reported(write_text, spec_file):
    lines = GOOD.splitlines()
    text = "\n".join([*lines[:3], "", *lines[3:]]).replace("3,C,1.2,10,3", "3,C,1.2x,10,3") + "\n\n\n"
    study = load(write_text("d.csv", text), spec_file)
    ex = study.exclusions
    # line 4 is blank; '1.2x' stands on line 5 of the file, as a spreadsheet shows it
    assert ex[["row", "reason", "value"]].values.tolist() == [[4, "empty-row", ""], [5, "not-a-number", "1.2x"]]
    assert "number with text beside it" in ex["message"].iloc[1]
    assert len(study.data) == 6  # the blank lines at the end are not rows of the table


def _write_rows(path, lines: list[list[str]]):
    """Rows of text cells as a CSV or, by the suffix, an XLSX sheet; returns the path."""
    if path.suffix == ".csv":
        path.write_text("\n".join(",".join(cells) for cells in lines) + "\n", encoding="utf-8")
    else:
        from openpyxl import Workbook

        wb = Workbook()
        for cells in lines:
            wb.active.append(cells)
        wb.save(path)
    return path


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_title_block_above_the_header_is_skipped_reported_and_rows_keep_their_numbers(tmp_path, spec_file, kind):
    lines = [["FM iMG study, export 2024-03-01"], [], *[line.split(",") for line in GOOD.strip().splitlines()]]
    lines[5][2] = "#DIV/0!"  # subject 3 on spreadsheet row 6
    path = _write_rows(tmp_path / f"d.{kind}", lines)
    raw = read_table(path)
    assert (raw.header_row, raw.above_header) == (3, ("FM iMG study, export 2024-03-01", ""))
    study = load(path, spec_file)
    assert study.exclusions[["row", "id", "value"]].values.tolist() == [[6, "3", "#DIV/0!"]]
    assert "spreadsheet error" in study.exclusions["message"].iloc[0]
    assert study.warnings[study.warnings.code == "rows-above-header"]["rows"].item() == "1, 2"
    note = study.warnings[study.warnings.code == "rows-above-header"]["message"].item()
    assert note == (
        "the header is row 3; rows 1-2 above it ('FM iMG study, export 2024-03-01') were read as a title, not as data."
    )


def test_a_first_row_of_data_or_a_two_column_table_is_never_taken_for_a_title(write_text, spec_file):
    assert read_text_table(GOOD).header_row == 1
    assert read_text_table("x\n1\n2\n3\n").header_row == 1  # one column: nothing to tell a title by
    two = read_text_table("note\n\nid,VAS\n1,2\n")  # a header needs three filled cells to be found below a title
    assert two.header_row == 1


def test_thousands_separators_are_read_where_unambiguous_and_said_so(write_text, spec_file):
    us = GOOD.replace("2,P,3.1,55", '2,P,"1,003.1",55')
    study = load(write_text("d.csv", us), spec_file)
    assert study.data.loc[1, "TNF"] == 1003.1 and study.exclusions.empty
    assert study.warnings[study.warnings.code == "thousands-separators"]["rows"].item() == "3"
    note = study.warnings[study.warnings.code == "thousands-separators"]["message"].item()
    assert note == (
        "column 'TNF': 1 value(s) written with thousands separators were read as numbers "
        "('1,003.1' at row 3 as 1003.1)."
    )
    eu = GOOD.replace(",", ";").replace("2;P;3.1;55", "2;P;1.003,1;55").replace("3;C;1.2;10", "3;C;1.234;10")
    study = load(write_text("d.csv", eu), spec_file)
    assert study.data.loc[1, "TNF"] == 1003.1  # '1.003,1' can only be thousands and a decimal comma
    # '1.234' may be 1.234 or 1234, and this column writes both marks ('2.5' and '1.003,1'): not guessed
    assert study.exclusions[["value", "reason"]].values.tolist() == [["1.234", "ambiguous-number"]]
    points = GOOD.replace(",", ";").replace("3;C;1.2;10", "3;C;1.234;10")  # every other value has a point
    assert load(write_text("p.csv", points), spec_file).data.loc[2, "TNF"] == 1.234
    spaced = GOOD.replace(",", ";").replace("2;P;3.1;55", "2;P;1\u00a0003,1;55")  # a no-break space (French Excel)
    assert load(write_text("s.csv", spaced), spec_file).data.loc[1, "TNF"] == 1003.1


def test_spec_names_with_stray_spaces_match_the_stripped_headers_and_percent_signs_are_explained(write_text):
    spec = parse_spec(
        {"data": {"id": " id", "group": "group "}, "biomarker": [{"column": "TNF "}], "score": [{"column": " VAS"}]}
    )
    assert (spec.id_column, spec.group_column, spec.variable("TNF").column) == ("id", "group", "TNF")
    study = validate(read_text_table(GOOD.replace("2,P,3.1,55", "2,P,31%,55")), spec)
    assert (
        "'31%' is a percentage written with its sign; enter the number alone (31)" in study.exclusions["message"].item()
    )


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_units_row_under_the_header_is_read_as_units_not_as_a_subject(tmp_path, spec_file, kind):
    lines = [line.split(",") for line in GOOD.strip().splitlines()]
    lines.insert(1, ["", "", "pg/mL", "mm", "(points)"])
    lines[3][2] = "3.1x"  # subject 2 on spreadsheet row 4
    path = _write_rows(tmp_path / f"d.{kind}", lines)
    raw = read_table(path)
    assert raw.units == {"TNF": "pg/mL", "VAS": "mm", "HADS_A": "points"} and raw.first_data_row == 3
    study = load(path, spec_file)
    assert len(study.data) == 6 and study.exclusions[["row", "id", "value"]].values.tolist() == [[4, "2", "3.1x"]]
    note = study.warnings[study.warnings.code == "units-row"]
    assert note["message"].item().startswith("row 2, under the header, holds units (TNF: pg/mL; VAS: mm")
    assert note["rows"].item() == "2"


def test_a_first_row_of_words_that_are_not_units_stays_a_row():
    text = GOOD.replace("1,P,2.5,40,8", "1,P,n.d.,missing,8")
    assert read_text_table(text).units == {}
    qualitative = GOOD.replace("1,P,2.5,40,8", "S1,P,pos,neg,high")  # no number in the row, but no units
    assert read_text_table(qualitative).units == {} and len(read_text_table(qualitative).frame) == 6


def test_footnotes_below_the_table_are_notes_not_subjects(write_text, spec_file):
    text = GOOD + "\nND = not detected\n,,Source: lab X,,\n"
    study = load(write_text("d.csv", text), spec_file)
    assert study.exclusions[["row", "reason", "value"]].values.tolist() == [
        [8, "empty-row", ""],
        [9, "note-row", "ND = not detected"],
        [10, "note-row", "Source: lab X"],
    ]
    assert len(study.data) == 6
    # a last subject with values is never a note
    assert load(write_text("e.csv", GOOD + "7,C,,,\n"), spec_file).exclusions.empty


def test_summary_rows_below_the_table_are_not_subjects(write_text, spec_file):
    study = load(write_text("d.csv", GOOD + "Mean,P,2.4,36,8\nSD,P,0.9,22,4\n"), spec_file)  # a 'P' subject before
    assert study.exclusions[["row", "reason", "value"]].values.tolist() == [
        [8, "summary-row", "Mean"],
        [9, "summary-row", "SD"],
    ]
    assert len(study.data) == 6 and "Mean" not in set(study.data["id"])
    # an id that starts like a summary word is a subject: 'SE-07' (a Swedish site) stays
    kept = load(write_text("k.csv", GOOD + "SE-07,C,2.0,30,5\n"), spec_file)
    assert kept.exclusions.empty and "SE-07" in set(kept.data["id"])


def test_a_blank_line_is_an_empty_row_without_an_id_column_too():
    spec = parse_spec({"data": {"group": "group"}, "groups": {"P": "P", "C": "C"},
                       "biomarker": [{"column": "TNF"}], "score": [{"column": "VAS"}]})  # fmt: skip
    lines = GOOD.splitlines()
    study = validate(read_text_table("\n".join([*lines[:3], "", *lines[3:]]) + "\n"), spec)
    assert study.exclusions[["row", "reason"]].values.tolist() == [[4, "empty-row"]]


def test_group_cells_in_other_capitals_are_matched_and_said_so_unless_ambiguous(write_text, spec_file):
    text = GOOD.replace("1,P,", "1,p,").replace("2,P,", "2,patients ,")  # a code and a label in other capitals
    study = load(write_text("d.csv", text), spec_file)
    assert study.exclusions.empty and study.data["group"].tolist()[:2] == ["P", "P"]
    assert study.warnings[study.warnings.code == "group-case"]["rows"].tolist() == ["2", "3"]
    notes = study.warnings[study.warnings.code == "group-case"]["message"].tolist()
    assert notes == [
        "group cell 'p' (row(s) 2) was read as group 'P': the same name in other capitals. "
        "Correct the cells if they mean another group.",
        "group cell 'patients' (row(s) 3) was read as group 'P': the same name in other capitals. "
        "Correct the cells if they mean another group.",
    ]
    ambiguous = parse_spec(
        {"data": {"id": "id", "group": "group"}, "groups": {"a": "A1", "A": "A2"},
         "biomarker": [{"column": "TNF"}], "score": [{"column": "VAS"}]}
    )  # fmt: skip
    raw = read_text_table("id,group,TNF,VAS\n1,a,1,2\n2,A,2,3\n3,a,3,1\n4,A,4,4\n5,A,5,5\n")
    assert validate(raw, ambiguous).exclusions.empty  # exact codes: nothing to fold


def test_a_date_in_a_numeric_xlsx_column_is_named_as_a_date(tmp_path, spec_file):
    import datetime

    from openpyxl import Workbook

    wb = Workbook()
    for cells in [line.split(",") for line in GOOD.strip().splitlines()]:
        wb.active.append([float(c) if c.replace(".", "").isdigit() and i > 1 else c for i, c in enumerate(cells)])
    wb.active["C3"] = datetime.datetime(2024, 1, 3)  # subject 2's TNF, formatted as a date by the spreadsheet
    wb.save(tmp_path / "d.xlsx")
    ex = load(tmp_path / "d.xlsx", spec_file).exclusions
    assert ex[["row", "value", "reason"]].values.tolist() == [[3, "2024-01-03 00:00:00", "not-a-number"]]
    assert "is a date, not a measurement" in ex["message"].item()


def test_without_an_id_column_a_summary_row_is_known_by_the_files_first_column(tmp_path):
    spec = parse_spec({"data": {"group": "group"}, "groups": {"P": "P", "C": "C"},
                       "biomarker": [{"column": "TNF"}], "score": [{"column": "VAS"}]})  # fmt: skip
    rows = [f"subject {line.split(',')[0]},{line}" for line in GOOD.strip().splitlines()[1:]]
    text = "\n".join(["label,id,group,TNF,VAS,HADS_A", *rows, "Mean,,P,2.4,36,8"]) + "\n"
    (tmp_path / "d.csv").write_text(text, encoding="utf-8")
    study = load_study(tmp_path / "d.csv", spec)  # reads the spec's columns and the file's first one
    assert study.exclusions[["row", "reason", "value"]].values.tolist() == [[8, "summary-row", "Mean"]]
    assert len(study.data) == 6


def test_a_declared_group_that_matches_no_row_is_an_error_not_a_silent_subset():
    """[groups] LPS for cells 'Endotoxin': 0.2 excluded those rows as unknown groups and went on."""
    from biocorr.data.read import read_text_table
    from biocorr.errors import SpecError
    from biocorr.spec import parse_spec

    rows = "".join(f"{i},{'Endotoxin' if i % 2 else 'Control'},{i},{i * 2 % 7}\n" for i in range(1, 13))
    raw = read_text_table("id,stim,TNF,VAS\n" + rows)
    doc = {
        "data": {"id": "id", "group": "stim"},
        "groups": {"Control": "Unstimulated", "LPS": "LPS"},
        "biomarker": [{"column": "TNF"}],
        "score": [{"column": "VAS"}],
    }
    with pytest.raises(SpecError, match=r"\[groups\] declares 'LPS', which no row of column 'stim' holds, while rows "
                                        r"hold undeclared group\(s\) 'Endotoxin' \(6 rows\)"):  # fmt: skip
        validate(raw, parse_spec(doc))
    doc["groups"] = {"Control": "Unstimulated", "Endotoxin": "LPS"}
    assert validate(raw, parse_spec(doc)).group_codes == ["Control", "Endotoxin"]
    doc["groups"] = {"Control": "Unstimulated"}  # declaring fewer groups still leaves the others out, with reasons
    study = validate(raw, parse_spec(doc))
    assert (study.exclusions["reason"] == "unknown-group").sum() == 6


def test_categorical_levels_placeholders_capitals_and_abbreviations_are_each_said():
    """'.' was a level (and, sorted first, the reference level of the dummies); 'm' a third sex."""
    spec = parse_spec(
        {"data": {"id": "id"}, "biomarker": [{"column": "TNF"}], "score": [{"column": "VAS"}],
         "covariate": [{"column": "sex", "categorical": True}]}
    )  # fmt: skip
    text = "id,TNF,VAS,sex\n1,2,40,M\n2,3,55,m\n3,1,20,male\n4,4,70,F\n5,2,45,.\n6,3,66,NA\n7,2,35,?\n"
    study = validate(read_text_table(text), spec)
    assert study.data["sex"].tolist()[:4] == ["M", "M", "male", "F"] and study.data["sex"][4:].isna().all()
    notes = study.warnings.set_index("code")["message"]
    assert notes["categorical-missing"] == "column 'sex': 2 cell(s) '.', '?' read as missing, not as a level."
    assert notes["categorical-case"] == "column 'sex': 'm' read as level 'M' (the same in other capitals)."
    assert notes["categorical-abbreviation"].startswith("column 'sex': levels 'M' and 'male' may be one level")


def test_visit_labels_written_two_ways_are_one_visit_and_said_so():
    """'pre' and 'Pre' were two visits (each subject then had two rows at neither)."""
    spec = parse_spec(
        {"data": {"id": "PID", "visit": "Time"}, "biomarker": [{"column": "IL6"}], "score": [{"column": "VAS"}]}
    )
    text = "PID,Time,IL6,VAS\n1,Pre,1.2,30\n1,Post,2.0,20\n2,pre,3.4,50\n2,Post,3.1,45\n3,Pre,2.2,40\n3,post,2.5,35\n"
    study = validate(read_text_table(text), spec)
    assert study.data["visit"].tolist() == ["Pre", "Post", "Pre", "Post", "Pre", "Post"] and study.exclusions.empty
    note = study.warnings.set_index("code").loc["visit-labels", "message"]
    assert note == (
        "visit column 'Time': 'pre' read as visit 'Pre', 'post' read as visit 'Post' (the same visit written two ways)."
    )
    numbers = validate(read_text_table(text.replace("Pre", "1").replace("pre", "1.0").replace("post", "Post")), spec)
    assert set(numbers.data["visit"]) == {"1", "Post"}
