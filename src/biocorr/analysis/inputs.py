"""The columns an API caller passes: present, and numbers (a text cell is an error, not a NaN)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import DataError


def numeric_columns(data: pd.DataFrame, columns: Sequence[str], who: str) -> np.ndarray:
    """``data[columns]`` as a float array, with a message a person can act on for bad input.

    Parameters
    ----------
    data : DataFrame
    columns : sequence of str
    who : str
        The function's name, to start the message with.

    Raises
    ------
    DataError
        A column is missing, or a cell holds text that is not a number.

    Examples
    --------
    >>> numeric_columns(pd.DataFrame({"a": [1, 2], "b": ["3", ""]}), ["a", "b"], "correlate").tolist()
    [[1.0, 3.0], [2.0, nan]]
    >>> numeric_columns(pd.DataFrame({"a": [1, 2]}), ["a", "c"], "correlate")
    Traceback (most recent call last):
    ...
    biocorr.errors.DataError: correlate: no column named 'c'; the data have: 'a'
    """
    columns = list(columns)
    if data.columns.is_unique:  # one hash lookup per name, not a set of every column's name
        missing = [c for c, i in zip(columns, data.columns.get_indexer(pd.Index(columns))) if i < 0]
    else:
        present = set(data.columns)
        missing = [c for c in columns if c not in present]
    if missing:
        raise DataError(
            f"{who}: no column named "
            + ", ".join(f"'{c}'" for c in missing)
            + "; the data have: "
            + ", ".join(f"'{c}'" for c in data.columns)
        )
    frame = data[columns]
    values = frame.to_numpy()
    if values.dtype.kind in "iuf":  # numpy ints and floats: the common case (one block, no copy per column)
        return values.astype(float, copy=False)
    out = frame.apply(pd.to_numeric, errors="coerce")
    for column in columns:
        text = frame[column].astype(str).str.strip()
        bad = out[column].isna() & frame[column].notna() & text.ne("")
        if bad.any():
            where = bad.idxmax()
            raise DataError(
                f"{who}: column '{column}' row {where}: {frame[column][where]!r} is not a number "
                "(leave the cell empty for a missing value)."
            )
    return out.to_numpy(float)
