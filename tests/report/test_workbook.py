"""results.xlsx: every table on its sheet with the exact numbers, the column dictionary, no formulas."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import openpyxl

from biocorr import analyze
from biocorr.columns import TABLES
from biocorr.datasets import load
from biocorr.report.workbook import SHEETS, write_workbook


def test_sheets_hold_the_tables_and_the_dictionary(tmp_path):
    results = analyze(load("hivsn"))
    book = openpyxl.load_workbook(write_workbook(results, tmp_path / "r.xlsx"))
    assert book.sheetnames == [*SHEETS, "columns"]
    sheet = book["correlations"]
    header = [c.value for c in sheet[1]]
    assert header == list(results.correlations.columns) and sheet.freeze_panes == "A2"
    estimates = [row[header.index("estimate")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    # openpyxl writes 16 significant digits (Excel keeps 15-17): equal to the last digit Excel shows
    np.testing.assert_allclose(np.array(estimates, float), results.correlations["estimate"].to_numpy(), rtol=1e-15)
    dictionary = list(book["columns"].iter_rows(min_row=2, values_only=True))
    assert len(dictionary) == sum(len(cols) for cols in TABLES.values())
    assert ("correlations", "estimate") in {(t, c) for t, c, _ in dictionary}


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    results = analyze(load("hivsn"))
    spec = results.study.spec
    hostile = replace(spec.biomarkers[0], label='=HYPERLINK("http://x","click")')
    study = replace(results.study, spec=replace(spec, biomarkers=(hostile,)))
    book = openpyxl.load_workbook(write_workbook(analyze(study), tmp_path / "r.xlsx"))
    sheet = book["correlations"]
    header = [c.value for c in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("x_label") + 1)
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://x","click")'
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
