"""Column groups whose n is printed as a range: 'OP Baseline (n ranged from 175 to 181)'.

A table whose analyses drop a few missing values may print each column's n as a range. Each
statement of such a column is checked at every n of its range (see
:func:`biocorr.claims.inferred_n.over_printed_range`): consistent when some n of the range fits.
When the rows hold fewer cells than the header has sized groups, which group a cell is under
cannot be told, so the statement gets every group's range (and a verdict that depends on n, not
a false one, when only part of it fits).
"""

from __future__ import annotations

import re

from .table_cells import named_tails

RANGE_SIZE = re.compile(  # a column group's size range, after its name
    r"\(\s*[nN]\s*(?:=\s*|ranged?\s+(?:from\s+)?|range[ds]?\s+(?:from\s+)?|:\s*)"
    r"(?P<lo>\d{1,6})\s*(?:to|-|–|—)\s*(?P<hi>\d{1,6})\s*\)"
)


def header_ranges(header: str) -> list[tuple[str, int, int]]:
    """(group name, lowest n, highest n) of each column group sized by a range in a header line.

    Examples
    --------
    >>> header_ranges("OP Baseline (n ranged from 175 to 181) Δ OP (n ranged from 124 to 130)")
    [('OP Baseline', 175, 181), ('Δ OP', 124, 130)]
    >>> header_ranges("Patients (n = 40-44)   Controls (n = 20)"), header_ranges("Patients (n = 14)")
    ([('Patients', 40, 44)], [])
    """
    out = []
    for name, m in named_tails(header, RANGE_SIZE, "()"):
        lo, hi = int(m.group("lo")), int(m.group("hi"))
        if 2 < lo <= hi:
            out.append((name.strip(" |,;"), lo, hi))
    return out


def column_ranges(header: str, width: int, names: list[str] | None = None) -> list[tuple[str, int, int, bool]]:
    """For each of ``width`` value columns: (group name, lowest n, highest n, ambiguous); [] when
    the header sizes no group by a range. With as many ranged groups as columns each column has its
    own (named by its header cell when ``names``, the header's cells, end in one range each);
    otherwise every column gets the span of all groups' ranges, marked ambiguous.

    Examples
    --------
    >>> column_ranges("A (n ranged from 175 to 181) B (n ranged from 124 to 130)", 1)
    [('A or B', 124, 181, True)]
    >>> column_ranges("Score  A (n = 10-12)  B (n = 20-22)", 2, ["Score", "A (n = 10-12)", "B (n = 20-22)"])
    [('A', 10, 12, False), ('B', 20, 22, False)]
    """
    groups = header_ranges(header)
    if not groups:
        return []
    own = [header_ranges(name) for name in (names or [])[-width:]]
    if len(own) == width and all(len(g) == 1 for g in own):
        return [(*g[0], False) for g in own]
    if len(groups) == width:
        return [(name, lo, hi, False) for name, lo, hi in groups]
    name = " or ".join(g[0] for g in groups)
    return [(name, min(g[1] for g in groups), max(g[2] for g in groups), True)] * width
