"""The shared reader: a wide table (omics) read by the csv module equals pandas' reading of it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from biocorr.data import read
from biocorr.errors import InputFileError


def _wide(tmp_path, width: int, extra: str = ""):
    rng = np.random.default_rng(7)
    header = ["id", "pain"] + [f"g{i}" for i in range(width)]
    rows = [",".join([f"s{k}", f"{k}"] + [f"{v:.3f}" for v in rng.normal(size=width)]) for k in range(5)]
    rows.insert(2, "")  # a blank line inside the table keeps its row
    text = ",".join(header) + "\n" + "\n".join(rows) + "\n\n" + extra
    path = tmp_path / "wide.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_wide_table_reads_the_same_through_either_reader(tmp_path, monkeypatch):
    path = _wide(tmp_path, 2_500)
    wide = read.read_table(path)
    monkeypatch.setattr(read, "WIDE_COLUMNS", 10**9)  # force pandas' C reader
    narrow = read.read_table(path)
    pd.testing.assert_frame_equal(wide.frame, narrow.frame)
    assert wide.frame.shape == (6, 2_502) and wide.frame.iloc[2].eq("").all()  # blank row kept, trailing one not
    assert all(d == np.dtype(object) for d in wide.frame.dtypes) and isinstance(wide.frame.iat[0, 2], str)


def test_a_ragged_row_in_a_wide_table_is_refused_with_its_row(tmp_path):
    path = _wide(tmp_path, 2_500, extra="s9,9" + ",1" * 2_501 + "\n")
    with pytest.raises(InputFileError, match=r"row 9 has 2503 values but the header names 2502 columns"):
        read.read_table(path)


def test_a_ragged_tab_file_with_commas_in_free_text_is_read_by_tabs(tmp_path):
    """As the NIMH demographics export: rows end early (no trailing empty cells) and one free-text
    cell holds commas ('Serbian, Hungarian'); the lines the comma does not split are no evidence for
    it (it was sniffed as the delimiter and the file refused)."""
    rows = ["id\tvisit\tage\tlanguage\tother\tscore", "P1\tscreen\t25\tEnglish", "P2\tscreen\t31\tEnglish\t-999\t4"]
    rows += ["P3\tscreen\t28\tSerbian\tSerbian, Hungarian, English\t2", "P4\tscreen\t40"]
    rows += ["P5\tscreen\t52\tEnglish\t-999"]
    (tmp_path / "d.tsv").write_text("\n".join(rows) + "\n")
    raw = read.read_table(tmp_path / "d.tsv")
    assert raw.delimiter == "\t" and list(raw.frame.columns) == ["id", "visit", "age", "language", "other", "score"]
    assert raw.frame.loc[2, "other"] == "Serbian, Hungarian, English" and raw.frame.loc[3, "language"] == ""
