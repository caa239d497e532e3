"""Deprecated: moved to :mod:`biocorr.data.read` (reading), :mod:`biocorr.data.table` (RawTable)
and :mod:`biocorr.data.write` (``write_csv``). Kept for one release so 0.2 code still imports."""

from __future__ import annotations

from .data.read import EXCEL_SUFFIXES, decode_bytes, read_table, read_text_table, sniff_delimiter
from .data.table import RawTable, cell_text, column_letter
from .data.write import neutralise_cell, write_csv

__all__ = [
    "EXCEL_SUFFIXES",
    "RawTable",
    "cell_text",
    "column_letter",
    "decode_bytes",
    "neutralise_cell",
    "read_table",
    "read_text_table",
    "sniff_delimiter",
    "write_csv",
]
