"""Columns a table built from two others: 'Delta' equal to 'Delta.Ami' − 'Delta.P' in every row. A
draft that keeps all three would correlate them with each other as if they were separate measures;
it says which column is the sum or difference of which, so the analyst can drop it or read its r
as partly fixed by construction."""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd

MIN_ROWS = 5  # rows where all three columns hold numbers: fewer prove nothing
MAX_COLUMNS = 40  # a wider table is not searched (k^3 comparisons); a draft of so many columns is edited anyway


def sums_and_differences(frame: pd.DataFrame, names: list[str]) -> dict[str, str]:
    """{column: 'A − B' or 'A + B'} for each of ``names`` that equals the sum or the difference of two
    columns before it in ``names`` in every row where all three hold numbers (at least ``MIN_ROWS``
    rows, none of the three constant). Of the three, the last is named as the one built.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table as read (cells converted to numbers here; text cells are not numbers).
    names : list of str
        The columns a draft keeps (at most ``MAX_COLUMNS`` are searched).

    Returns
    -------
    dict
        Each constructed column with the expression it equals, as printed.

    Examples
    --------
    >>> df = pd.DataFrame({"P": [3, 3, 0, 0, 5, 1], "Ami": [4, 1, 1, 2, 2, 0], "Delta": [1, -2, 1, 2, -3, -1]})
    >>> sums_and_differences(df, ["P", "Ami", "Delta"])
    {'Delta': 'Ami − P'}
    """
    names = [n for n in names if n in frame.columns][:MAX_COLUMNS]
    if len(names) < 3:
        return {}
    x = frame[names].apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)
    finite = np.isfinite(x)
    varied = [np.nanstd(x[:, k]) > 0 if finite[:, k].any() else False for k in range(len(names))]
    found: dict[str, str] = {}
    triples: set[frozenset[int]] = set()  # A − B = C is also B + C = A: one statement per triple,
    for i, j in combinations(range(len(names)), 2):  # naming the column that comes last as the built one
        if not (varied[i] and varied[j]):
            continue
        rows = finite & (finite[:, [i]] & finite[:, [j]])  # rows where the pair and each column hold numbers
        for value, text in (
            (x[:, i] + x[:, j], f"{names[i]} + {names[j]}"),
            (x[:, i] - x[:, j], f"{names[i]} − {names[j]}"),
            (x[:, j] - x[:, i], f"{names[j]} − {names[i]}"),
        ):
            scale = np.nanmax(np.abs(value)) if np.isfinite(value).any() else 0.0
            close = np.abs(x - value[:, None]) <= 1e-9 * max(scale, 1.0)
            equal = np.all(close | ~rows, axis=0) & (rows.sum(axis=0) >= MIN_ROWS)
            for k in (int(k) for k in np.flatnonzero(equal)):
                if k > max(i, j) and varied[k] and frozenset((i, j, k)) not in triples:
                    triples.add(frozenset((i, j, k)))
                    found.setdefault(names[k], text)
    return found
