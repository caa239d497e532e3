"""Columns built from two others are named in the draft (issue #27): the amitriptyline trial's
PainChange is T3 − T1 and Delta is Delta.Ami − Delta.P, each drafted beside the columns it is built
from, so that their correlations were partly fixed by construction without a word."""

from __future__ import annotations

import numpy as np
import pandas as pd

from biocorr.data.read import read_table
from biocorr.draft.constructed import sums_and_differences
from biocorr.draft.study import draft_spec


def test_a_difference_and_a_sum_are_found_and_named_once():
    rng = np.random.default_rng(3)
    a, b, c = rng.normal(size=(3, 30))
    frame = pd.DataFrame({"T1": a, "T3": b, "other": c, "Change": b - a, "Total": a + c})
    assert sums_and_differences(frame, list(frame.columns)) == {"Change": "T3 − T1", "Total": "T1 + other"}


def test_missing_cells_constant_columns_and_near_misses_are_no_construction():
    frame = pd.DataFrame(
        {
            "A": [1, 2, 3, 4, 5, 6, np.nan],
            "B": [2, 2, 5, 1, 0, 3, 4],
            "C": [-1, 0, -2, 3, 5, 3, 9],  # A − B wherever A holds a number
            "K": [7] * 7,  # constant: B + K is no construction worth naming
            "D": [-1, 0, -2, 3, 5, 3.001, 1],  # one row off
        }
    )
    assert sums_and_differences(frame, ["A", "B", "C", "K", "D"]) == {"C": "A − B"}


def test_the_draft_says_which_column_is_built_from_which(tmp_path):
    rows = ["ID,Placebo,Drug,Delta,Dose"] + [
        f"E{i:03d},{i % 7 + 2},{i % 5 + 1},{i % 5 + 1 - (i % 7 + 2)},{25 * (i % 4 + 1)}" for i in range(40)
    ]
    (tmp_path / "pain.csv").write_text("\n".join(rows) + "\n")
    draft = draft_spec(read_table(tmp_path / "pain.csv"), None, None, path=tmp_path / "pain.csv")
    block = draft.split('column = "Delta"')[0].rsplit("\n", 2)[-2]
    assert block.endswith(
        "; equals Drug − Placebo in every row: its r with them is partly fixed by construction (keep one)"
    )
