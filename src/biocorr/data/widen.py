"""Long rows to one row per subject (``[data] per_subject = true``): ``COLUMN@VISIT`` columns.

A trial file often has one row per subject and visit. Correlating a change (post − pre), a
mean of visits or an area under the curve with something else needs one row per subject.
With ``per_subject = true`` (and ``[data] id`` and ``visit``), the spec names a column at a
visit as ``COLUMN@VISIT`` (``VAS@Post``), alone or as a derivation's source::

    [data]
    id = "PID"
    visit = "Time"
    per_subject = true

    [[score]]
    column = "dVAS"
    difference = ["VAS@Post", "VAS@Pre"]

The row checks (``where``, ids, visits, duplicates of a subject at one visit, groups) run on
the long rows first, with their spreadsheet rows. Then each subject becomes one row: a
``COLUMN@VISIT`` cell is that subject's cell at that visit (empty, so missing, when the
subject has no row at the visit), and every exclusion of it names the row it came from. A
column named without ``@`` (the group, a covariate such as sex or age) must agree across the
subject's rows: a subject whose rows disagree is excluded whole (``varies-across-visits``)
with the rows and values that disagree, rather than one of them being picked.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import SpecError, did_you_mean
from ..spec import StudySpec
from .rows import RowChecks
from .table import cell_text

SEPARATOR = "@"


def split_visit_name(name: str) -> tuple[str, str] | None:
    """``'VAS@Post'`` -> ``('VAS', 'Post')``; None for a name without a visit.

    Examples
    --------
    >>> split_visit_name("VAS@Post"), split_visit_name("Age")
    (('VAS', 'Post'), None)
    """
    base, sep, visit = name.rpartition(SEPARATOR)
    return (base, visit) if sep and base and visit else None


def visit_names(spec: StudySpec) -> list[str]:
    """Every ``COLUMN@VISIT`` the spec names (as a variable or a derivation's source), once each.

    Examples
    --------
    >>> from biocorr.spec import parse_spec
    >>> spec = parse_spec({"data": {"id": "id", "visit": "t", "per_subject": True},
    ...                    "biomarker": [{"column": "IL6@0"}],
    ...                    "score": [{"column": "d", "difference": ["VAS@1", "VAS@0"]}]})
    >>> visit_names(spec)
    ['IL6@0', 'VAS@1', 'VAS@0']
    """
    names: list[str] = []
    for v in spec.variables:
        for name in (v.column,) + (v.derived[1] if v.derived else ()):
            if split_visit_name(name) and (v.derived is None or name != v.column) and name not in names:
                names.append(name)
    return names


@dataclass
class Widened:
    """One row per subject: the text ``frame``, each subject's first spreadsheet ``rows``, the
    spreadsheet row of every ``COLUMN@VISIT`` cell (``cell_rows``) and the row checks, re-keyed."""

    frame: pd.DataFrame
    rows: np.ndarray
    cell_rows: dict[str, np.ndarray]
    checks: RowChecks


def widen(frame: pd.DataFrame, spec: StudySpec, rows: np.ndarray, checks: RowChecks) -> Widened:
    """Turn the long rows the row checks kept into one row per subject.

    Parameters
    ----------
    frame : DataFrame
        The long file's cells as text (every column the spec uses).
    spec : StudySpec
        With ``per_subject``, ``id_column`` and ``visit_column``.
    rows : ndarray
        Spreadsheet row numbers of ``frame``.
    checks : RowChecks
        From :func:`biocorr.data.rows.check_rows` on the long rows.

    Returns
    -------
    Widened

    Examples
    --------
    >>> from biocorr.spec import parse_spec
    >>> from biocorr.data.rows import check_rows
    >>> long = pd.DataFrame({"id": ["a", "a", "b"], "t": ["0", "1", "0"], "VAS": ["3", "5", "4"]})
    >>> spec = parse_spec({"data": {"id": "id", "visit": "t", "per_subject": True},
    ...                    "biomarker": [{"column": "VAS@0"}], "score": [{"column": "VAS@1"}]})
    >>> w = widen(long, spec, np.arange(2, 5), check_rows(long, spec, np.arange(2, 5)))
    >>> w.frame.to_dict("list"), w.cell_rows["VAS@1"].tolist()
    ({'id': ['a', 'b'], 'VAS@0': ['3', '4'], 'VAS@1': ['5', '']}, [3, 4])
    """
    assert spec.id_column is not None and spec.visit_column is not None
    kept = np.flatnonzero(~checks.drop)
    ids = checks.ids.to_numpy(object)[kept]
    visits = frame[spec.visit_column].map(cell_text).to_numpy(object)[kept]
    subjects, first = np.unique(ids, return_index=True)
    order = np.argsort(first, kind="stable")  # subjects in order of first appearance
    subjects, first = subjects[order], first[order]
    at = pd.Index(subjects).get_indexer(ids)  # each kept row's subject
    levels = list(dict.fromkeys(visits))
    out: dict[str, object] = {spec.id_column: subjects}
    cell_rows: dict[str, np.ndarray] = {}
    for name in visit_names(spec):
        base, visit = split_visit_name(name)  # type: ignore[misc]
        if visit not in levels and levels:  # (no kept row at all: the usable-row check says so)
            raise SpecError(
                f"'{name}': no kept row has {spec.visit_column} = '{visit}' (the visits are "
                f"{', '.join(repr(v) for v in levels)}).{did_you_mean(visit, levels)}"
            )
        here = visits == visit  # at most one row per subject and visit: duplicates were excluded
        cells = np.full(len(subjects), "", dtype=object)
        cells[at[here]] = frame[base].map(cell_text).to_numpy(object)[kept][here]
        where = rows[kept][first].copy()  # a subject without the visit: its first row
        where[at[here]] = rows[kept][here]
        out[name], cell_rows[name] = cells, where
    excluded = np.zeros(len(subjects), bool)
    exclusions = list(checks.exclusions)
    per_subject = [spec.group_column] + [v.column for v in spec.variables if v.derived is None]
    per_subject += [s for v in spec.variables if v.derived for s in v.derived[1]]
    for column in dict.fromkeys(c for c in per_subject if c is not None and not split_visit_name(c)):
        texts = checks.groups if column == spec.group_column and checks.groups is not None else frame[column]
        values = texts.map(cell_text).to_numpy(object)[kept]
        table = pd.DataFrame({"subject": at, "value": values, "row": rows[kept]})
        filled = table[table["value"] != ""]
        n_values = filled.groupby("subject")["value"].nunique()
        for subject in n_values.index[n_values > 1]:
            seen = filled[filled["subject"] == subject]
            found = "; ".join(f"'{v}' at row {r}" for v, r in zip(seen["value"], seen["row"]))
            exclusions.append(
                dict(row=int(seen["row"].iloc[0]), id=str(subjects[subject]), column=column,
                     value=" / ".join(dict.fromkeys(seen["value"])), reason="varies-across-visits", scope="row",
                     message=f"id '{subjects[subject]}': {column} is {found}; a column named without @visit must "
                     f"agree across a subject's rows, so the subject is excluded (if {column} changes over time, "
                     f"name it at a visit: {column}@{levels[0]})")
            )  # fmt: skip
            excluded[subject] = True
        single = filled.drop_duplicates("subject")
        cells = np.full(len(subjects), "", dtype=object)
        cells[single["subject"].to_numpy()] = single["value"].to_numpy(object)
        out[column] = cells
    wide = pd.DataFrame(out)
    groups = None if spec.group_column is None else wide[spec.group_column].astype(str)
    ids_wide = wide[spec.id_column].astype(str)
    checks_wide = RowChecks(ids=ids_wide, groups=groups, drop=excluded, selected=np.ones(len(wide), bool),
                            exclusions=exclusions)  # fmt: skip
    return Widened(frame=wide, rows=rows[kept][first], cell_rows=cell_rows, checks=checks_wide)
