"""The row-level checks of validation: the ``where`` filter, ids, visits, duplicates and groups.

Each row that cannot be used is excluded whole, with its spreadsheet row and reason
(``hidden-row``, ``note-row``, ``summary-row``, ``not-selected``, ``empty-row``, ``missing-id``, ``missing-visit``,
``duplicate-id``, ``missing-group``, ``unknown-group``; see :mod:`biocorr.data.validate`).
Cell-level checks (numbers, ranges, transforms) come after, on the rows kept here.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..columns import finding
from ..errors import SpecError, did_you_mean
from ..spec import StudySpec
from .checks import rows_text
from .table import cell_text


@dataclass
class RowChecks:
    """What the row checks found.

    Attributes
    ----------
    ids : Series
        Each row's subject id (``row N`` without an id column).
    groups : Series or None
        Each row's group code (a label in the data mapped to its code), or None without groups.
    drop : ndarray of bool
        Rows excluded.
    selected : ndarray of bool
        Rows the ``where`` filter keeps (a long-format hint looks at these).
    exclusions : list of dict
        ``row, id, column, value, reason, scope, message`` of every excluded row.
    notes : list of dict
        Warnings (rows of :data:`biocorr.columns.WARNINGS`) on how cells were read, e.g. a group
        cell matched to a declared group ignoring capitals.
    """

    ids: pd.Series
    groups: pd.Series | None
    drop: np.ndarray
    selected: np.ndarray
    exclusions: list[dict]
    notes: list[dict] = field(default_factory=list)


SUMMARY_LABEL = re.compile(  # the word alone or with words after it ('Mean (SD)', 'Mean of controls'); never an id
    r"^(?:mean|means|average|avg\.?|sd|s\.d\.|sem|s\.e\.m\.|se|std\.?\s?dev\.?|standard deviation|median|"
    r"total|totals|sum|min|max|minimum|maximum|count|iqr|range|cv|cv\s?%|%\s?cv)(?:[\s(:±/,.]+[^\d]*)?$",
    re.I,
)


def _prose(text: str) -> bool:
    """Text that reads as a note, not an id: 'ND = not detected', 'Source: lab X', '* p < .05'.

    Examples
    --------
    >>> [_prose(t) for t in ("ND = not detected", "Values are means of duplicates", "P11", "S 12")]
    [True, True, False, False]
    """
    return bool(re.search(r"[=:*†‡§]", text)) or (len(text) >= 12 and len(text.split()) >= 3)


def _notes_below_table(frame: pd.DataFrame, key: str | None, limit: int = 20) -> list[tuple[int, str, str, str]]:
    """Rows at the end of the table that are not subjects, as (position, column, text, reason).

    Scanned from the last row up, at most ``limit`` rows, while each row is a footnote (one
    filled cell, outside the id column or reading as prose there, :func:`_prose`; an id alone
    is a subject without values: ``note-row``) or a summary row (its ``key`` cell, the id, or else its first
    filled cell, reads 'Mean', 'SD', 'Total', 'Median', ...: ``summary-row``); empty rows are
    passed over (reported as ``empty-row``). Only with three or more columns, so a two-column
    table's subject with a missing value is never taken for a note.

    Examples
    --------
    >>> f = pd.DataFrame({"id": ["1", "2", "Mean", "", "ND = not detected"], "TNF": ["3", "4", "3.5", "", ""],
    ...                   "VAS": ["10", "20", "15", "", ""]})
    >>> _notes_below_table(f, "id")
    [(2, 'id', 'Mean', 'summary-row'), (4, 'id', 'ND = not detected', 'note-row')]
    """
    if frame.shape[1] < 3:
        return []
    notes = []
    for i in range(len(frame) - 1, max(-1, len(frame) - 1 - limit), -1):
        cells = {str(c): cell_text(v) for c, v in frame.iloc[i].items()}
        filled = [(c, t) for c, t in cells.items() if t]
        if not filled:
            continue
        column = key if key is not None and cells.get(key) else filled[0][0]
        if SUMMARY_LABEL.match(cells[column]):
            notes.append((i, column, cells[column], "summary-row"))
        elif len(filled) == 1 and (filled[0][0] != key or _prose(filled[0][1])):
            notes.append((i, filled[0][0], filled[0][1], "note-row"))
        else:
            break
    return notes[::-1]  # a table of summaries only is excluded whole: the usable-rows error then says why


def _match_ignoring_case(groups: pd.Series, declared: tuple) -> tuple[pd.Series, dict[str, tuple[str, list[int]]]]:
    """Group cells that are a declared code or label in other capitals ('patient', 'PATIENT ' for
    'Patient'), mapped to its code when no two declared names differ only in capitals.

    Returns the mapped cells and, for each cell text so matched, its code and row positions.
    """
    names: dict[str, set[str]] = {}
    for code, label in declared:
        for name in (code, label):
            names.setdefault(name.casefold(), set()).add(code)
    codes = {code for code, _ in declared}
    folded: dict[str, tuple[str, list[int]]] = {}
    out = groups.copy()
    for i, g in enumerate(groups):
        if g and g not in codes and len(names.get(g.casefold(), ())) == 1:
            code = next(iter(names[g.casefold()]))
            out.iloc[i] = code
            folded.setdefault(g, (code, []))[1].append(i)
    return out, folded


def check_rows(frame: pd.DataFrame, spec: StudySpec, rows: np.ndarray, hidden: Collection[int] = ()) -> RowChecks:
    """Apply the spec's row filter and the id, visit, duplicate and group checks to a raw text frame.

    Parameters
    ----------
    frame : DataFrame
        The file's cells as text.
    spec : StudySpec
    rows : ndarray
        Each row's spreadsheet row number (for messages).
    hidden : collection of int
        Spreadsheet rows the workbook hides (by hand or by a filter): left out as Excel shows them.

    Returns
    -------
    RowChecks

    Examples
    --------
    >>> from biocorr.spec import parse_spec
    >>> frame = pd.DataFrame({"id": ["1", "2", "2", ""], "VAS": ["3", "4", "5", "6"]})
    >>> spec = parse_spec({"data": {"id": "id"}, "biomarker": [{"column": "VAS"}], "score": [{"column": "VAS2"}]})
    >>> [e["reason"] for e in check_rows(frame, spec, np.arange(2, 6)).exclusions]
    ['missing-id', 'duplicate-id', 'duplicate-id']
    """
    if spec.id_column is not None:
        ids = frame[spec.id_column].map(cell_text)
    else:
        ids = pd.Series([f"row {r}" for r in rows], index=frame.index)
    ledger = _RowLedger(rows, ids, np.zeros(len(frame), dtype=bool))
    _hidden_rows(ledger, frame, hidden)  # what the workbook hides, the analysis does not see either
    _layout_rows(ledger, frame, spec)  # 'Mean' and footnote rows below the table, blank rows
    _where_filter(ledger, frame, spec)  # rows outside the filter first: duplicates are judged on those kept
    selected = ~ledger.drop  # rows the where filter keeps: the ones a long-format hint looks at
    if spec.id_column is not None:
        _id_rows(ledger, frame, spec)
    groups, notes = _group_rows(ledger, frame, spec)
    return RowChecks(ids=ids, groups=groups, drop=ledger.drop, selected=selected, exclusions=ledger.exclusions,
                     notes=notes)  # fmt: skip


@dataclass
class _RowLedger:
    """Rows excluded so far (``drop``) and their exclusion records."""

    rows: np.ndarray
    ids: pd.Series
    drop: np.ndarray
    exclusions: list[dict] = field(default_factory=list)

    def exclude(self, i: int, column: str, value: str, reason: str, message: str) -> None:
        self.exclusions.append(
            dict(row=int(self.rows[i]), id=self.ids.iloc[i], column=column, value=value, reason=reason, scope="row",
                 message=message)
        )  # fmt: skip
        self.drop[i] = True


def _hidden_rows(ledger: _RowLedger, frame: pd.DataFrame, hidden: Collection[int]) -> None:
    """Rows hidden in the workbook (by hand, or by an AutoFilter) excluded as hidden-row."""
    if not hidden:
        return
    hidden_set = set(hidden)
    for i in np.flatnonzero(np.isin(ledger.rows, list(hidden_set))).tolist():
        first = next((str(c) for c, v in frame.iloc[i].items() if cell_text(v)), "")
        ledger.exclude(
            i,
            first,
            cell_text(frame.iloc[i][first]) if first else "",
            "hidden-row",
            f"row {ledger.rows[i]} is hidden in the workbook (by hand or by a filter), so it is left out as Excel "
            "shows the sheet; unhide it (or clear the filter) to analyse it",
        )


def _layout_rows(ledger: _RowLedger, frame: pd.DataFrame, spec: StudySpec) -> None:
    """Summary and footnote rows below the table, and empty rows anywhere, excluded as such."""
    rows = ledger.rows
    label = spec.id_column or str(frame.columns[0])  # without an id, the file's first column (kept by load_study)
    for i, column, text, reason in _notes_below_table(frame, label):  # 'Mean', 'ND = not detected'
        if reason == "note-row":
            why = "read as a note, not as a subject (a subject on this row would have no values)"
            message = f"row {rows[i]} holds only '{text}' (in '{column}') below the table: {why}"
        else:
            message = (
                f"row {rows[i]} ('{text}' in '{column}') is a summary row below the table (a mean, SD or total of "
                "the rows above), not a subject"
            )
        ledger.exclude(i, column, text, reason, message)
    first = ledger.ids if spec.id_column is not None else frame.iloc[:, 0].map(cell_text)  # the id, else column 1
    for i in np.flatnonzero(first.eq("").to_numpy() & ~ledger.drop).tolist():  # an empty row has an empty first cell
        if all(cell_text(v) == "" for v in frame.iloc[i]):
            ledger.exclude(i, "", "", "empty-row", f"row {rows[i]} is empty (a blank line or a row of empty cells)")


def _where_filter(ledger: _RowLedger, frame: pd.DataFrame, spec: StudySpec) -> None:
    """Rows outside ``[data] where`` excluded as not-selected."""
    for column, accepted in spec.where:
        cells = frame[column].map(cell_text)
        wanted = " or ".join(f"'{v}'" for v in accepted)
        for i in np.flatnonzero(~cells.isin(accepted).to_numpy() & ~ledger.drop).tolist():
            message = f"row {ledger.rows[i]}: {column} is '{cells.iloc[i]}', not {wanted} ([data] where)"
            ledger.exclude(i, column, cells.iloc[i], "not-selected", message)


def _id_rows(ledger: _RowLedger, frame: pd.DataFrame, spec: StudySpec) -> None:
    """Rows without an id or (long data) a visit, and every row of a repeated id (at one visit)."""
    assert spec.id_column is not None
    rows, ids = ledger.rows, ledger.ids
    for i in np.flatnonzero((ids.eq("").to_numpy()) & ~ledger.drop).tolist():
        ledger.exclude(
            i,
            spec.id_column,
            "",
            "missing-id",
            f"row {rows[i]}: the id cell ('{spec.id_column}') is empty; "
            "the subject cannot be identified, so the row is excluded",
        )
    visits = None
    if spec.visit_column is not None:  # long data: one row per subject and visit
        visits = frame[spec.visit_column].map(cell_text)
        for i in np.flatnonzero(visits.eq("").to_numpy() & ~ledger.drop).tolist():
            ledger.exclude(
                i,
                spec.visit_column,
                "",
                "missing-visit",
                f"row {rows[i]}: the visit cell ('{spec.visit_column}') is empty; which time point the row "
                "belongs to cannot be told, so the row is excluded",
            )
    kept_ids = ids.where(~ledger.drop, "")
    keys = kept_ids if visits is None else kept_ids + "\x1f" + visits  # the same subject at another visit is fine
    dup = keys.duplicated(keep=False) & kept_ids.ne("")
    for _, idx in keys[dup].groupby(keys[dup]).groups.items():
        positions = [int(frame.index.get_loc(j)) for j in idx]  # type: ignore[arg-type]
        where = ", ".join(str(rows[p]) for p in positions)
        value = str(kept_ids.iloc[positions[0]])
        at = "" if visits is None else f" at visit '{visits.iloc[positions[0]]}'"
        for p in positions:
            ledger.exclude(
                p,
                spec.id_column,
                value,
                "duplicate-id",
                f"row {rows[p]}: id '{value}'{at} appears on rows {where}; which row is right "
                "cannot be decided, so all of them are excluded",
            )


def _group_rows(ledger: _RowLedger, frame: pd.DataFrame, spec: StudySpec) -> tuple[pd.Series | None, list[dict]]:
    """Each row's group code (labels mapped to codes, capitals folded with a note); rows without a
    group or with an undeclared one excluded. A declared code that no row has, while rows hold
    undeclared groups, is a spec error (a typo in [groups] would otherwise empty a group silently)."""
    if spec.group_column is None:
        return None, []
    rows, notes = ledger.rows, []
    declared = [code for code, _ in spec.groups]
    label_to_code = {label: code for code, label in spec.groups}
    codes = set(declared)
    # a cell holding a code is that group; one holding a label (not also a code) is the labelled group
    groups = frame[spec.group_column].map(cell_text).map(lambda g: g if g in codes else label_to_code.get(g, g))
    groups, folded = _match_ignoring_case(groups, spec.groups)
    for cell, (code, cell_positions) in folded.items():
        shown = rows_text(rows[cell_positions])
        notes.append(
            finding(
                code="group-case",
                severity="note",
                column=spec.group_column,
                subset="all",
                message=f"group cell '{cell}' (row(s) {shown}) was read as group '{code}': the same name in "
                "other capitals. Correct the cells if they mean another group.",
                rows=rows[cell_positions],
            )
        )
    _refuse_unmatched_groups(groups[~ledger.drop], spec)
    for i, g in enumerate(groups):
        if ledger.drop[i]:
            continue
        if g == "":
            message = f"row {rows[i]}: the group cell ('{spec.group_column}') is empty, so the subject is excluded"
            ledger.exclude(i, spec.group_column, "", "missing-group", message)
        elif declared and g not in declared:
            ledger.exclude(
                i,
                spec.group_column,
                g,
                "unknown-group",
                f"row {rows[i]}: group '{g}' is not declared in [groups] "
                f"(declared: {', '.join(declared)}).{did_you_mean(g, declared)}",
            )
    return groups, notes


def _refuse_unmatched_groups(groups: pd.Series, spec: StudySpec) -> None:
    """A code in [groups] that matches no row, while rows hold groups [groups] does not declare."""
    declared = [code for code, _ in spec.groups]
    present = set(groups) - {""}
    absent = [code for code in declared if code not in present]
    undeclared = sorted(present - set(declared))
    if declared and absent and undeclared:
        found = ", ".join(f"'{g}' ({int((groups == g).sum())} rows)" for g in undeclared[:5])
        raise SpecError(
            f"[groups] declares '{absent[0]}', which no row of column '{spec.group_column}' holds, while rows hold "
            f"undeclared group(s) {found}.{did_you_mean(absent[0], undeclared)} Correct the code in [groups] "
            "(codes are the cells' text) or the cells."
        )


def fold_visit_labels(frame: pd.DataFrame, spec: StudySpec) -> tuple[pd.DataFrame, list[dict]]:
    """The visit column with labels that differ only in capitals ('pre'/'Pre') or in how a number is
    written ('1'/'1.0'/'01') made one visit, the most frequent spelling, said in a note.

    Examples
    --------
    >>> from biocorr.spec import parse_spec
    >>> spec = parse_spec({"data": {"id": "PID", "visit": "T"}, "biomarker": [{"column": "a"}],
    ...                    "score": [{"column": "b"}]})
    >>> frame = pd.DataFrame({"T": ["Pre", "pre", "Pre", "1", "1.0"]})
    >>> folded, notes = fold_visit_labels(frame, spec)
    >>> folded["T"].tolist(), notes[0]["message"][:60]
    (['Pre', 'Pre', 'Pre', '1', '1'], "visit column 'T': 'pre' read as visit 'Pre', '1.0' read as v")
    """
    if spec.visit_column is None or spec.visit_column not in frame.columns:
        return frame, []
    labels = frame[spec.visit_column].map(cell_text)

    def key(label: str) -> str:
        try:
            number = float(label)
        except ValueError:
            return label.casefold()
        return f"\x00{number!r}" if np.isfinite(number) else label.casefold()

    counts = labels[labels.ne("")].value_counts(sort=False)
    spelling: dict[str, str] = {}
    for label, _ in sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0]))):  # most frequent first
        spelling.setdefault(key(str(label)), str(label))
    folded = {str(v): spelling[key(str(v))] for v in counts.index if spelling[key(str(v))] != v}
    if not folded:
        return frame, []
    shown = ", ".join(f"'{a}' read as visit '{b}'" for a, b in folded.items())
    note = finding(
        "visit-labels",
        "note",
        spec.visit_column,
        "all",
        f"visit column '{spec.visit_column}': {shown} (the same visit written two ways).",
        rows=[],
    )
    out = frame.copy()
    out[spec.visit_column] = labels.map(lambda v: folded.get(v, v))
    return out, [note]
