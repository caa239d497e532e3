"""``[data] join``: the columns a spec needs from a second table, joined to the data table by key.

The data table decides the rows (a left join): each of its rows takes the cells of the second
table's row with the same key (the id, and the visit in long data; cells compared as text, as
ids are). A data row without a partner keeps empty cells there, and a second-table row without
a partner is not analysed: both are reported by id in warnings.csv, never dropped silently. A
key that occurs twice in the second table is refused (which row belongs to the subject cannot be
told). Joined cells keep their own row numbers, so a message names the row of the file they are in.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

from ..columns import finding
from ..errors import DataError, SpecError, did_you_mean
from ..spec import StudySpec
from .table import RawTable, cell_text

SHOWN = 10  # ids listed in a note, then how many more


def join_keys(spec: StudySpec) -> tuple[str, ...]:
    """The key columns: ``[data] join`` ``on``, else the id (and the visit in long data; the id alone
    for a wide table with ``wide_visits``, joined before its visits become rows).

    Examples
    --------
    >>> from biocorr.spec import parse_spec
    >>> spec = parse_spec({"data": {"id": "PID", "visit": "Visit", "join": "labs.csv"},
    ...                    "biomarker": [{"column": "IL6"}], "score": [{"column": "VAS"}]})
    >>> join_keys(spec)
    ('PID', 'Visit')
    """
    assert spec.join is not None
    if spec.join.on:
        return spec.join.on
    if spec.wide_visits is not None:  # a wide table is joined subject by subject, before its visits become rows
        return tuple(k for k in (spec.id_column,) if k)
    return tuple(k for k in (spec.id_column, spec.visit_column) if k)


def second_table_path(spec: StudySpec, data: str | Path) -> Path:
    """Where the second table is: its file, relative to the data file's folder, or the data file."""
    assert spec.join is not None
    if spec.join.file is None:
        return Path(data)
    path = Path(spec.join.file).expanduser()
    return path if path.is_absolute() else Path(data).resolve().parent / path


def join_tables(main: RawTable, other: RawTable, spec: StudySpec, wanted: list[str]) -> RawTable:
    """``main`` with the ``wanted`` columns it lacks taken from ``other``, row by row on the keys.

    Parameters
    ----------
    main, other : RawTable
        The data table and the second table.
    spec : StudySpec
        With ``join`` set.
    wanted : list of str
        The columns the spec names (those ``main`` has stay its own).

    Returns
    -------
    RawTable
        ``main`` plus the joined columns (their ``cell_rows`` the rows of ``other``), and notes.

    Raises
    ------
    SpecError
        A key column is missing from either table.
    DataError
        A key occurs on two rows of the second table.

    Examples
    --------
    >>> from biocorr.data.read import read_text_table
    >>> from biocorr.spec import parse_spec
    >>> spec = parse_spec({"data": {"id": "PID", "join": "scores.csv"},
    ...                    "biomarker": [{"column": "IL6"}], "score": [{"column": "VAS"}]})
    >>> main = read_text_table("PID,IL6\\nA,1.2\\nB,3.4\\nC,2.0\\n", "labs.csv")
    >>> other = read_text_table("PID,VAS\\nB,40\\nA,25\\nD,60\\n", "scores.csv")
    >>> joined = join_tables(main, other, spec, ["PID", "IL6", "VAS"])
    >>> joined.frame["VAS"].tolist(), joined.cell_rows["VAS"].tolist()
    (['25', '40', ''], [3, 2, 0])
    >>> [n["code"] for n in joined.notes]
    ['join-unmatched', 'join-unmatched', 'joined-table']
    """
    keys = join_keys(spec)
    for table in (main, other):
        absent = [k for k in keys if k not in table.frame.columns]
        if absent:
            raise SpecError(
                f"[data] join: {table.source} has no key column '{absent[0]}'.{did_you_mean(absent[0], table.columns)} "
                "Both tables need the key columns (on = [...], default: the id and the visit)."
            )
    taken = [c for c in wanted if c not in main.columns and c in other.frame.columns and c not in keys]
    main_keys = _key_text(main.frame, keys)
    other_keys = _key_text(other.frame, keys)
    other_rows = (  # the rows as the file numbers them (layout rows the reader skipped are not counted twice)
        np.asarray(other.row_numbers)
        if other.row_numbers is not None
        else np.arange(len(other.frame)) + other.first_data_row
    )
    _refuse_repeated_keys(other_keys, other_rows, other.source, keys)
    position = pd.Series(np.arange(len(other_keys)), index=other_keys.to_numpy())
    present = main_keys.ne(_EMPTY_KEY * len(keys))
    where = main_keys.map(position).where(present)  # the partner's position in other, NaN: none
    matched = where.notna().to_numpy()
    at = where.fillna(0).astype(int).to_numpy()
    frame = main.frame.copy()
    cell_rows = dict(main.cell_rows)
    for column in taken:
        cells = other.frame[column].to_numpy(dtype=object)[at]
        frame[column] = np.where(matched, cells, "")
        cell_rows[column] = np.where(matched, other_rows[at], 0)
    notes = _unmatched_notes(main, other, keys, main_keys[present & ~where.notna()], other_keys, main_keys)
    notes.append(
        finding(
            "joined-table",
            "note",
            ", ".join(taken),
            "all",
            f"column(s) {', '.join(taken) or '(none)'} joined from {other.source} (sha256 {other.sha256[:16]}) "
            f"on {', '.join(keys)}: {int(matched.sum())} of {len(frame)} rows found a partner.",
        )
    )
    return replace(
        main, frame=frame, header=tuple(main.columns) + tuple(taken), cell_rows=cell_rows, notes=tuple(notes)
    )


_EMPTY_KEY = "\x1f"


def _key_text(frame: pd.DataFrame, keys: tuple[str, ...]) -> pd.Series:
    """Each row's key as one text (its cells as text, joined by a separator no cell holds)."""
    parts = [frame[k].map(cell_text) for k in keys]
    out = parts[0]
    for part in parts[1:]:
        out = out + _EMPTY_KEY + part
    return out + _EMPTY_KEY


def _shown_key(key: str) -> str:
    return " / ".join(key.split(_EMPTY_KEY)[:-1])


def _refuse_repeated_keys(keys: pd.Series, rows: np.ndarray, source: str, names: tuple[str, ...]) -> None:
    filled = keys.ne(_EMPTY_KEY * len(names))
    twice = keys.duplicated(keep=False) & filled
    if twice.any():
        first = keys[twice].iloc[0]
        at = ", ".join(str(r) for r in rows[(keys == first).to_numpy()][:5])
        raise DataError(
            f"[data] join: {source} has {', '.join(names)} '{_shown_key(first)}' on rows {at} "
            f"({int(twice.sum())} rows share a key in all); which row belongs to the subject cannot be told. "
            "Keep one row per key in the second table (or add the visit to on = [...])."
        )


def _listed(keys) -> str:
    keys = list(keys)
    shown = ", ".join(_shown_key(k) for k in keys[:SHOWN])
    return shown + (f" and {len(keys) - SHOWN} more" if len(keys) > SHOWN else "")


def _unmatched_notes(main, other, keys, unmatched_main, other_keys, main_keys) -> list[dict]:
    alone = sorted(set(other_keys[other_keys.ne(_EMPTY_KEY * len(keys))]) - set(main_keys))
    sides = (
        (unmatched_main, f"of {main.source} have no partner in {other.source} (their joined cells are missing)"),
        (alone, f"of {other.source} have no partner in {main.source} and are not analysed"),
    )
    return [
        finding("join-unmatched", "warning", ", ".join(keys), "all", f"{len(rows)} row(s) {what}: {_listed(rows)}.")
        for rows, what in sides
        if len(rows)
    ]
