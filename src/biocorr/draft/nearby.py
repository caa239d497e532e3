"""A lab's table whose clinical scores are in another file of the same folder: the draft proposes
``[data] join``.

Core labs and clinics keep assay results and questionnaires apart (a blood chemistry export and a
GAD-7 table, both keyed by the participant's id). When a table gives no column with the evidence
of a score, the other tables beside it are read: one that has the same id column, shares ids with
this table (at least 10, and a fifth of this table's), and holds columns with the evidence of a
score is proposed as the second table, its score columns drafted as scores. Evidence only, as for
every other role: no shared id, no score-like name, no proposal.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..data.checks import VISIT_NAME
from ..data.table import RawTable, cell_text
from ..errors import BiocorrError
from .sidecar import read_sidecar
from .survey import Survey, survey_columns

UNKNOWN = "role unknown"

SUFFIXES = {".csv", ".tsv", ".txt", ".xlsx"}
MAX_BYTES = 20_000_000  # a neighbour larger than this is not read for a draft
MIN_SHARED = 10
MIN_SHARE = 0.2


@dataclass(frozen=True)
class NearbyScores:
    """The table beside the data that holds its scores: ``file`` (its name in the folder), the
    key columns both share (``on``), how many of this table's keys it has (``shared`` of
    ``total``), its score columns with why each is one, and its read table and survey."""

    file: str
    on: tuple[str, ...]
    shared: int
    total: int
    scores: tuple[tuple[str, str], ...]
    raw: RawTable
    survey: Survey


def _keys(frame, columns: list[str]) -> set[tuple[str, ...]]:
    cells = [frame[c].map(cell_text) for c in columns]
    return {key for key in zip(*cells) if key[0] != ""}


def _join_keys(raw: RawTable, theirs: RawTable, wanted: list[str]) -> tuple[str, ...] | None:
    """The columns to join on: this table's id (and visit) when the neighbour has them, else the id
    with a visit-like column both tables have; None when no such key is unique in the neighbour."""
    common = [c for c in theirs.frame.columns if c in raw.frame.columns and c not in wanted]
    options = [tuple(k for k in wanted if k in theirs.frame.columns)]
    options += [(wanted[0], str(c)) for c in common if VISIT_NAME.search(str(c))]
    for on in options:
        if on and on[0] == wanted[0]:
            keys = [tuple(row) for row in zip(*(theirs.frame[c].map(cell_text) for c in on)) if row[0] != ""]
            if len(keys) == len(set(keys)):
                return on
    return None


def scores_next_door(path: str | Path, raw: RawTable, survey: Survey) -> NearbyScores | None:
    """The table in ``path``'s folder that holds the scores of this one, or None.

    Parameters
    ----------
    path : str or Path
        The data file the draft is for.
    raw, survey : RawTable, Survey
        Its table and the survey of its columns (an id column is needed).

    Returns
    -------
    NearbyScores or None
        The neighbour sharing the most keys (id, and visit when both tables have it).

    Examples
    --------
    >>> import tempfile
    >>> from biocorr.data.read import read_table
    >>> from biocorr.draft.survey import survey_columns
    >>> folder = Path(tempfile.mkdtemp())
    >>> ids = [f"P{i:02d}" for i in range(12)]
    >>> labs = "".join(f"{p},{i % 5 + 1}.5\\n" for i, p in enumerate(ids))
    >>> _ = (folder / "labs.csv").write_text("pid,CRP\\n" + labs)
    >>> scores = "".join(f"{p},{i % 9}\\n" for i, p in enumerate(ids))
    >>> _ = (folder / "gad.csv").write_text("pid,anxiety_total\\n" + scores)
    >>> raw = read_table(folder / "labs.csv")
    >>> found = scores_next_door(folder / "labs.csv", raw, survey_columns(raw))
    >>> found.file, found.on, found.shared, [name for name, _ in found.scores]
    ('gad.csv', ('pid',), 12, ['anxiety_total'])
    """
    if survey.id_col is None:
        return None
    here = Path(path).resolve()
    wanted = [survey.id_col] + ([survey.visit_col] if survey.visit_col else [])
    best: NearbyScores | None = None
    for other in sorted(here.parent.iterdir()):
        if other == here or other.suffix.lower() not in SUFFIXES or not other.is_file():
            continue
        if other.stat().st_size > MAX_BYTES:
            continue
        from ..data.read import read_table  # the reader imports plotting-free modules only, but lazily

        try:
            theirs_raw = read_table(other)
        except (BiocorrError, OSError, ValueError):
            continue  # not a table biocorr reads: not a neighbour
        if survey.id_col not in theirs_raw.frame.columns:
            continue
        on = _join_keys(raw, theirs_raw, wanted)
        if on is None:
            continue  # no key that names one row of theirs: a join could not tell which row is whose
        mine_on = _keys(raw.frame, list(on))
        shared = len(mine_on & _keys(theirs_raw.frame, list(on)))
        if shared < MIN_SHARED or shared < MIN_SHARE * len(mine_on):
            continue
        theirs = survey_columns(theirs_raw)
        theirs.notes = read_sidecar(other)
        codes = [float(c) for c in theirs.code_columns]
        scores = []
        for name in theirs.numeric:
            if name in raw.frame.columns:
                continue  # the join takes only the columns this table lacks
            values = theirs.observed[name]
            role, why = theirs.role_of(name, values[~np.isin(values, codes)])
            if role == "score" and not why.startswith(UNKNOWN):  # evidence (a name, a scale), not a floor
                scores.append((name, why))
        if scores and (best is None or shared > best.shared):
            best = NearbyScores(other.name, on, shared, len(mine_on), tuple(scores), theirs_raw, theirs)
    return best


def join_line(found: NearbyScores, survey: Survey) -> str:
    """The ``[data] join`` line for a neighbour: the file alone when it shares every key (id and
    visit), else with ``on`` (a per-subject score table beside a long lab table).

    Examples
    --------
    >>> s = Survey(id_col="pid")
    >>> f = NearbyScores("gad.csv", ("pid",), 12, 12, (("anxiety_total", "name"),), None, None)
    >>> join_line(f, s)
    'join = "gad.csv"    # guess: the scores are in gad.csv (same \\'pid\\'; 12 of 12 keys shared)'
    """
    keys = [survey.id_col] + ([survey.visit_col] if survey.visit_col else [])
    named = " and ".join(f"'{k}'" for k in found.on)
    why = f"# guess: the scores are in {found.file} (same {named}; {found.shared} of {found.total} keys shared)"
    if list(found.on) == keys:
        return f'join = "{found.file}"    {why}'
    on = ", ".join(f'"{k}"' for k in found.on)
    return f'join = {{ file = "{found.file}", on = [{on}] }}    {why}'
