"""results.xlsx: every table on its sheet with the exact numbers, the column dictionary, no formulas."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import openpyxl

from biocorr import analyze
from biocorr.columns import TABLES
from biocorr.report.workbook import SHEETS, write_workbook


def test_sheets_hold_the_tables_and_the_dictionary(tmp_path, hivsn_results):
    results = hivsn_results
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


def test_text_that_looks_like_a_formula_stays_text(tmp_path, hivsn_results):
    results = hivsn_results
    spec = results.study.spec
    hostile = replace(spec.biomarkers[0], label='=HYPERLINK("http://x","click")')
    study = replace(results.study, spec=replace(spec, biomarkers=(hostile,)))
    book = openpyxl.load_workbook(write_workbook(analyze(study), tmp_path / "r.xlsx"))
    sheet = book["correlations"]
    header = [c.value for c in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("x_label") + 1)
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://x","click")'
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_control_characters_in_ids_labels_and_cells_do_not_end_the_run(tmp_path):
    """0.2 computed everything, then died writing results.xlsx (openpyxl IllegalCharacterError)."""
    import numpy as np
    from openpyxl import load_workbook

    from biocorr import analyze
    from biocorr.data.read import read_text_table
    from biocorr.data.validate import validate
    from biocorr.report.tables import write_tables
    from biocorr.spec import parse_spec

    rng = np.random.default_rng(2)
    rows = [f"P{i:02d}{chr(12) if i == 5 else ''},{rng.uniform(1, 9):.2f},{rng.integers(0, 100)}" for i in range(12)]
    rows[9] = "P09,bad\x0bcell,40"
    spec = parse_spec({"data": {"id": "id"}, "biomarker": [{"column": "TNF", "label": "TNF\x1b alpha"}],
                       "score": [{"column": "VAS"}]})  # fmt: skip
    results = analyze(validate(read_text_table("id,TNF,VAS\n" + "\n".join(rows) + "\n"), spec))
    paths = write_tables(results, tmp_path)
    book = load_workbook(paths["results.xlsx"])
    texts = {str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value}
    assert "TNF<U+001B> alpha" in texts and "bad<U+000B>cell" in texts
    from docx import Document

    assert any("TNF<U+001B> alpha" in cell.text for t in Document(paths["tables.docx"]).tables for cell in t._cells)
