"""``[data] wide_visits``: a wide table (one column per visit) as long rows, one per subject and visit.

A declared variable the file does not hold under its own name (``IL6``) but at every visit
(``IL6_1``, ``IL6_2``, ...; ``[data] wide_visits`` ``name`` gives the pattern) is read visit by
visit; a column the file holds once (sex, group) is the same at every visit. Each long row keeps
its spreadsheet row (``RawTable.row_numbers``), so a message names the row the value is on.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from ..columns import finding
from ..errors import SpecError
from ..spec import StudySpec
from .table import RawTable


def wide_columns(spec: StudySpec, columns: list[str]) -> list[str]:
    """The file's columns to read: each declared column as it is and at every visit.

    Examples
    --------
    >>> from biocorr.spec import parse_spec
    >>> spec = parse_spec({"data": {"id": "PID", "visit": "Week", "wide_visits": ["0", "4"]},
    ...                    "biomarker": [{"column": "IL6"}], "score": [{"column": "VAS"}]})
    >>> wide_columns(spec, ["IL6", "PID"])
    ['IL6', 'IL6_0', 'IL6_4', 'PID', 'PID_0', 'PID_4']
    """
    assert spec.wide_visits is not None
    out: list[str] = []
    for c in columns:
        out += [c] + [spec.wide_visits.column_at(c, v) for v in spec.wide_visits.visits]
    return out


def lengthen(raw: RawTable, spec: StudySpec, needed: list[str]) -> RawTable:
    """``raw`` (one row per subject) as one row per subject and visit.

    Parameters
    ----------
    raw : RawTable
        The wide table (read with :func:`wide_columns`).
    spec : StudySpec
        With ``wide_visits`` and ``visit_column`` set.
    needed : list of str
        The columns the spec names (the visit column is made here).

    Returns
    -------
    RawTable
        Rows subject by subject, visits in the spec's order; ``row_numbers`` the wide file's rows.

    Examples
    --------
    >>> from biocorr.data.read import read_text_table
    >>> from biocorr.spec import parse_spec
    >>> spec = parse_spec({"data": {"id": "PID", "visit": "Week", "wide_visits": ["0", "4"]},
    ...                    "biomarker": [{"column": "IL6"}], "score": [{"column": "VAS"}]})
    >>> raw = read_text_table("PID,IL6_0,IL6_4,VAS_0,VAS_4\\nA,1,2,30,20\\nB,3,4,50,45\\n")
    >>> long = lengthen(raw, spec, ["IL6", "VAS", "PID"])
    >>> long.frame[["PID", "Week", "IL6", "VAS"]].values.tolist(), long.row_numbers.tolist()
    ([['A', '0', '1', '30'], ['A', '4', '2', '20'], ['B', '0', '3', '50'], ['B', '4', '4', '45']], [2, 2, 3, 3])
    """
    wide, visit = spec.wide_visits, spec.visit_column
    assert wide is not None and visit is not None
    header = list(raw.columns)
    per_visit: dict[str, list[str]] = {}
    for c in needed:
        if c == visit or c in header:
            continue
        names = [wide.column_at(c, v) for v in wide.visits]
        have = [n for n in names if n in header]
        if have and len(have) < len(names):
            lacking = ", ".join(f"'{n}'" for n in names if n not in header)
            raise SpecError(
                f"{raw.source}: [data] wide_visits: '{c}' is in the file at some visits but not as {lacking}."
            )
        if have:
            per_visit[c] = names
    if not per_visit:
        example = wide.column_at(needed[0], wide.visits[0])
        raise SpecError(
            f"{raw.source}: [data] wide_visits: no declared column is in the file once per visit (as '{example}', "
            f'name = "{wide.name}"); give the name pattern of the file\'s columns.'
        )
    if visit in header:
        raise SpecError(
            f"{raw.source}: [data] wide_visits: the file already has a column '{visit}'; name the visit column anew."
        )
    n, k = len(raw.frame), len(wide.visits)
    spread = {name for names in per_visit.values() for name in names}
    kept = [c for c in raw.frame.columns if c not in spread]
    order = np.repeat(np.arange(n), k)  # subject by subject, visits in order
    long = raw.frame[kept].iloc[order].reset_index(drop=True)
    long[visit] = np.tile(np.array(wide.visits, dtype=object), n)
    for column, names in per_visit.items():
        block = raw.frame[names].to_numpy(dtype=object)  # n x k
        long[column] = block.reshape(-1)
    rows = (np.arange(n) + raw.first_data_row)[order]
    note = finding(
        "wide-visits",
        "note",
        ", ".join(per_visit),
        "all",
        f"{raw.source}: {n} row(s) read as {n * k} rows, one per subject and visit ({', '.join(wide.visits)}), "
        f"from the columns {', '.join(names[0] + ' ... ' + names[-1] for names in per_visit.values())}.",
    )
    return replace(
        raw,
        frame=long,
        header=tuple(kept) + (visit,) + tuple(per_visit),
        row_numbers=rows,
        notes=(*raw.notes, note),
        units={c: u for c, u in raw.units.items() if c in kept},
    )
