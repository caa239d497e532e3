"""XLSX as the person sees it: hidden and filtered rows, chart sheets, damaged files, a styled far cell."""

from __future__ import annotations

import time
import zipfile

import pytest
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference

from biocorr.data.read import read_table
from biocorr.data.validate import validate
from biocorr.errors import InputFileError
from biocorr.spec import parse_spec

SPEC = {"data": {"id": "id"}, "biomarker": [{"column": "TNF"}], "score": [{"column": "VAS"}]}


def _book(path, hide_row=None, hide_col=None, chart_first=False, far_cell=False):
    wb = Workbook()
    ws = wb.active
    ws.title = "data"
    ws.append(["id", "TNF", "VAS"])
    for i in range(1, 11):
        ws.append([f"P{i}", i * 1.5, (i * 7) % 11])
    if hide_row:
        ws.row_dimensions[hide_row].hidden = True
        ws.auto_filter.ref = "A1:C11"
    if hide_col:
        ws.column_dimensions[hide_col].hidden = True
    if chart_first:
        chart = BarChart()
        chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=11))
        wb.create_chartsheet("chart", 0).add_chart(chart)
    if far_cell:
        from openpyxl.styles import Font

        ws.cell(row=2_000, column=16_384).font = Font(bold=True)  # styled, no value: the declared range explodes
    wb.save(path)
    return path


def test_a_hidden_or_filtered_row_is_left_out_with_its_reason(tmp_path):
    """0.2 analysed rows an AutoFilter or the user had hidden, without a word."""
    raw = read_table(_book(tmp_path / "b.xlsx", hide_row=4, hide_col="C"))
    assert raw.hidden_rows == (4,) and raw.hidden_columns == ("VAS",)
    study = validate(raw, parse_spec(SPEC))
    row = study.exclusions.query("reason == 'hidden-row'")
    assert row[["row", "id", "scope"]].values.tolist() == [[4, "P3", "row"]]
    assert len(study.data) == 9 and "P3" not in set(study.data["id"])
    assert "hidden-columns" in set(study.warnings["code"])


def test_a_chart_sheet_first_is_skipped_with_a_note(tmp_path):
    raw = read_table(_book(tmp_path / "c.xlsx", chart_first=True))  # 0.2: AttributeError traceback
    assert raw.skipped_sheets == ("chart",) and len(raw.frame) == 10
    assert "chart-sheets" in set(validate(raw, parse_spec(SPEC)).warnings["code"])
    with pytest.raises(InputFileError, match="sheet 'chart' is a chart, not a table"):
        read_table(tmp_path / "c.xlsx", sheet="chart")


def test_a_damaged_sheet_is_a_one_line_error(tmp_path):
    path = _book(tmp_path / "d.xlsx")
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"][:400]  # truncated XML
    with zipfile.ZipFile(path, "w") as z:
        for n, b in parts.items():
            z.writestr(n, b)
    with pytest.raises(InputFileError, match="is damaged and cannot be read"):
        read_table(path)


def test_a_styled_cell_at_column_xfd_does_not_widen_every_row(tmp_path):
    """The declared range (A1:XFD2000) is not trusted: rows are read as stored and trimmed. (The 21 s /
    4.9 GB case of the issue came from another writer; this openpyxl-written file was already fast.)"""
    path = _book(tmp_path / "f.xlsx", far_cell=True)
    t0 = time.perf_counter()
    raw = read_table(path)
    assert time.perf_counter() - t0 < 5
    assert list(raw.frame.columns) == ["id", "TNF", "VAS"] and len(raw.frame) == 10


def test_a_workbook_whose_xml_unpacks_beyond_the_limit_is_refused_unread(tmp_path, monkeypatch):
    from biocorr.data import xlsx

    wb = Workbook()
    ws = wb.active
    ws.append(["id", "note"])
    for i in range(2000):
        ws.append([f"S{i}", "x" * 200])  # ~0.5 MB of sheet XML, a few KB packed
    path = tmp_path / "big.xlsx"
    wb.save(path)
    monkeypatch.setattr(xlsx, "MAX_WORKBOOK_XML", 100_000)
    with pytest.raises(InputFileError, match=r"big\.xlsx: its XML unpacks to [\d,]+ bytes, more than the 100,000"):
        read_table(path)
    monkeypatch.setattr(xlsx, "MAX_WORKBOOK_XML", 10_000_000)
    assert len(read_table(path).frame) == 2000
