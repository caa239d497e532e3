"""API input checks: missing columns and text cells get messages, numeric frames the fast path."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import biocorr
from biocorr.analysis.inputs import numeric_columns
from biocorr.errors import DataError


def test_numbers_stored_as_text_are_read_and_empty_cells_are_missing():
    d = pd.DataFrame({"a": ["1", " 2 ", "", None], "b": [1.5, 2.5, np.nan, 4.0]})
    out = numeric_columns(d, ["a", "b"], "correlate")
    assert np.array_equal(out, np.array([[1, 1.5], [2, 2.5], [np.nan, np.nan], [np.nan, 4]]), equal_nan=True)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda d: biocorr.correlate(d, ["tnf"], ["vas"]), r"correlate: column 'vas' row 2: 'n/a\?' is not a number"),
        (lambda d: biocorr.correlate(d, ["tnf"], ["VAS"]), "correlate: no column named 'VAS'; the data have: 'id'"),
        (lambda d: biocorr.correlation_matrix(d, ["tnf", "vas"]), "correlation_matrix: column 'vas' row 2"),
        (lambda d: biocorr.rmcorr(d, ["tnf"], ["vas"]), "rmcorr: column 'vas' row 2"),
    ],
)
def test_api_functions_say_which_cell_is_wrong(call, message):
    d = pd.DataFrame({"id": ["a", "a", "b", "b"], "tnf": [1.0, 2, 3, 4], "vas": ["3", "5", "n/a?", "4"]})
    d.index = [0, 1, 2, 3]
    with pytest.raises(DataError, match=message):
        call(d)
