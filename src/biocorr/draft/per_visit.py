"""A long file with one variable measured at each visit (pain per treatment period): nothing to
correlate within a visit, so the draft reshapes it to one row per subject (``per_subject``) and
correlates the variable's visits with each other (``Pain@1`` with ``Pain@2``: how a measure
tracks over time), each pair once."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..data.table import RawTable, cell_text
from ..spec.toml_checks import toml_string as _quote
from .survey import COVARIATE_HINTS, NOT_A_GROUP, Survey

MAX_VISITS = 6  # beyond this many visits the pairs outnumber what a reader can take in: rmcorr instead


@dataclass(frozen=True)
class PerVisit:
    """The one variable of a long file, drafted once per visit."""

    column: str
    data_lines: list[str]
    variable_lines: list[str]


def one_variable_over_visits(raw: RawTable, survey: Survey, kept: dict[str, np.ndarray]) -> PerVisit | None:
    """A draft of ``per_subject`` for a long file whose only variable (not a covariate) is measured
    at two to six visits; None otherwise. A group column that changes between a subject's visits
    (the treatment of a crossover period) is a condition, not a group: it is left out, and said.

    Examples
    --------
    >>> from biocorr.data.read import read_text_table
    >>> from biocorr.draft.survey import survey_columns
    >>> rows = "".join(f"E{i},{v},{(i * v) % 11}\\n" for i in range(12) for v in (1, 2))
    >>> raw = read_text_table("ID,Period,Pain\\n" + rows)
    >>> survey = survey_columns(raw)
    >>> p = one_variable_over_visits(raw, survey, survey.observed)
    >>> p.column, [line for line in p.variable_lines if line.startswith("column")]
    ('Pain', ['column = "Pain@1"', 'column = "Pain@2"'])
    """
    if survey.visit_col is None or survey.id_col is None or not 2 <= len(survey.visits) <= MAX_VISITS:
        return None
    measured = [c for c in survey.numeric if not COVARIATE_HINTS.search(c)]
    if len(measured) != 1:
        return None
    column = measured[0]
    role, why = survey.role_of(column, kept[column])
    if role == "covariate":
        return None
    data_lines = [
        f"per_subject = true    # guess: one variable ({_plain_name(column)}) at each visit: its visits "
        "correlated with each other"
    ]
    if survey.group_col is not None and _varies_within_subject(raw, survey.id_col, survey.group_col):
        data_lines.append(
            f"# group = {_quote(survey.group_col)}    # not used: it changes between a subject's visits (a "
            "condition, not a group)"
        )
        dropped, survey.group_col = survey.group_col, None
        fixed = [  # a text column the same at every visit of a subject (ARV: yes or no) is a group instead
            c
            for c in survey._group_candidates
            if c[0] != dropped
            and c[0] not in survey._binary
            and not NOT_A_GROUP.search(c[0])
            and not _varies_within_subject(raw, survey.id_col, c[0])
        ]
        if fixed:
            survey.group_col, survey.groups = fixed[0]
            data_lines.append(
                f"# group = {_quote(survey.group_col)} below: the same at every visit of each subject, drafted as "
                f"the group instead of {_quote(dropped)}"
            )
    variable_lines = [
        f"# {_plain_name(column)} at each visit, one score per visit (per_subject: COLUMN@VISIT)",
    ]
    for visit in survey.visits:
        variable_lines += [
            f"[[{role}]]               # {why.replace(chr(10), ' ')}",
            f"column = {_quote(f'{column}@{visit}')}",
            f"label = {_quote(f'{column} ({visit})')}",
            "",
        ]
    return PerVisit(column, data_lines, variable_lines)


def _varies_within_subject(raw: RawTable, id_col: str, column: str) -> bool:
    frame = raw.frame[[id_col, column]].map(cell_text)
    return bool((frame.groupby(id_col)[column].nunique() > 1).any())


def _plain_name(name: str) -> str:
    return "".join(ch if ch.isprintable() and ch not in "\r\n" else " " for ch in name)
