"""``[data] join``: a second table (a file, or a sheet of the same workbook) joined to the data by id.

Assay results and clinical scores often come as two tables: a core lab's file and a REDCap
export, or two sheets of one workbook. ``join`` names the second one; its columns that the spec
declares are joined to the data table row by row on the key columns (the id, and the visit in
long data), and the rows of either table without a partner are reported (see
:func:`biocorr.data.join.join_tables`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import SpecError
from .toml_checks import check_keys

JOIN_KEYS = ("file", "sheet", "on")


@dataclass(frozen=True)
class JoinSpec:
    """The second table: ``file`` (a path, relative to the data file's folder; None: the data
    file itself, another ``sheet``), ``sheet`` and the key columns ``on`` (empty: the id, and the
    visit in long data)."""

    file: str | None = None
    sheet: str | None = None
    on: tuple[str, ...] = ()


def parse_join(value: Any, where: str) -> JoinSpec:
    """``join = "labs.csv"`` or ``join = { file = "labs.xlsx", sheet = "Labs", on = ["PID", "Visit"] }``.

    Examples
    --------
    >>> parse_join("labs.csv", "[data] join")
    JoinSpec(file='labs.csv', sheet=None, on=())
    >>> parse_join({"sheet": "Scores", "on": "PID"}, "[data] join").on
    ('PID',)
    """
    if isinstance(value, str):
        value = {"file": value}
    if not isinstance(value, dict):
        raise SpecError(
            f'{where}: expected a file name in quotes (join = "labs.csv") or a table '
            '(join = { file = "labs.xlsx", sheet = "Labs" }).'
        )
    check_keys(value, JOIN_KEYS, where)
    file, sheet, on = value.get("file"), value.get("sheet"), value.get("on", [])
    for name, v in (("file", file), ("sheet", sheet)):
        if v is not None and (not isinstance(v, str) or not v.strip()):
            raise SpecError(f'{where} {name}: expected a name in quotes, e.g. {name} = "labs.csv", got {v!r}.')
    if file is None and sheet is None:
        raise SpecError(f"{where}: name the second table's file, or its sheet in the data workbook.")
    keys = [on] if isinstance(on, str) else on
    if not isinstance(keys, list) or not all(isinstance(k, str) and k.strip() for k in keys):
        raise SpecError(f'{where} on: expected column names in quotes, e.g. on = ["PID", "Visit"], got {on!r}.')
    return JoinSpec(file=file, sheet=sheet, on=tuple(k.strip() for k in keys))
