"""Cells as numbers: '1,234' and '1.234' are read by the decimal mark the file shows, or not at all."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from biocorr.data.cells import decimal_marks, parse_numeric, unreadable
from biocorr.data.read import read_text_table
from biocorr.data.validate import validate
from biocorr.spec import parse_spec

SPEC = parse_spec({"data": {"id": "id"}, "biomarker": [{"column": "TNF"}], "score": [{"column": "VAS"}]})


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["1,234", "1,5", "2,25"], [1.234, 1.5, 2.25]),  # the column writes decimal commas
        (["1,234", "1.8", "987"], [1234.0, 1.8, 987.0]),  # decimal points: the comma separates thousands
        (["1.234", "2,5"], [1234.0, 2.5]),  # decimal commas: '1.234' is 1234 (a point separates thousands)
        (["1.234", "2.5"], [1.234, 2.5]),
        (["0,234", "1,234"], [0.234, 1.234]),  # '0,234' can only be a decimal: it settles the column
        (["1,234", "987"], [np.nan, 987.0]),  # nothing to tell by: not guessed
        (["1,234", "1,5", "1.8"], [np.nan, 1.5, 1.8]),  # both marks in one column: not guessed
    ],
)
def test_an_ambiguous_cell_follows_the_columns_decimal_mark(cells, expected):
    values, _, failed, grouped = parse_numeric(pd.Series(cells), True, set(), ".")
    np.testing.assert_array_equal(values.to_numpy(), expected)
    assert failed.tolist() == [bool(np.isnan(v)) for v in expected]
    assert grouped[0] == (expected[0] == 1234.0)  # read through a thousands separator: said so


def test_the_files_other_columns_settle_a_column_that_shows_nothing():
    asked = []

    def marks():
        asked.append(True)
        return {","}

    values = parse_numeric(pd.Series(["1,234", "987"]), True, set(), ".", marks)[0]
    assert values.tolist() == [1.234, 987.0] and asked == [True]
    parse_numeric(pd.Series(["1,5", "987"]), True, set(), ".", marks)  # no ambiguous cell: the file is not read
    assert asked == [True]
    assert decimal_marks(pd.Series(["1.234,5"])) == {","} and decimal_marks(pd.Series(["12", "x"])) == set()


def test_a_comma_delimited_file_keeps_reading_quoted_groups_as_thousands():
    values, _, failed, grouped = parse_numeric(pd.Series(["1,234", "1.8"]), False, set(), ",")
    assert values.tolist() == [1234.0, 1.8] and grouped.tolist() == [True, False] and not failed.any()


def test_validate_excludes_the_unsettled_cell_with_both_readings_and_the_fix():
    text = "id\tTNF\tVAS\n1\t1,234\t40\n2\t987\t50\n3\t15\t60\n4\t22\t30\n"
    study = validate(read_text_table(text), SPEC)
    ex = study.exclusions
    assert ex[["row", "reason", "value"]].values.tolist() == [[2, "ambiguous-number", "1,234"]]
    assert "may be 1.234 (a decimal comma) or 1234 (a thousands separator)" in ex["message"].item()
    settled = validate(read_text_table(text.replace("\t40\n", "\t40,5\n")), SPEC)  # VAS writes a decimal comma
    assert settled.exclusions.empty and settled.data["TNF"].tolist()[0] == 1.234
    assert unreadable("1.234", "TNF", 4)[1].startswith("column 'TNF' row 4: '1.234' may be 1.234 (a decimal point)")
