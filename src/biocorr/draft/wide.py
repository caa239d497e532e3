"""Wide files with one column per visit (``pain_w0 pain_w4``, ``IL6_1 … IL6_4``, ``T1 T2 T3``):
what a draft proposes for ``[data] wide_visits``.

A family is the columns that differ only in a trailing visit number. The evidence decides what
the draft does: a time word (``w``, ``week``, ``t``, ``time``, ``visit``, ``day``, ``month`` …)
between the name and the number, or a name that is itself a time word (``T1``, ``Time1``), is
read as visits and proposed as the spec's ``wide_visits`` (the draft then declares ``pain``, not
``pain_w0``); a bare ``_1 _2`` suffix is as often an item number (GAD-7 items ``gad_1 … gad_7``)
and is only offered, commented out. Only families sharing one set of visits are proposed together.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

TIME_MARK = r"(?:w|wk|week|t|time|v|visit|d|day|m|mo|month|y|yr|year)"
VISIT_SUFFIX = re.compile(  # a time word only after a separator: 'gad_1' is not 'ga' on day 1
    rf"^(?P<stem>.*?)(?P<sep>(?:[_.\- ]{TIME_MARK}?[_.\- ]?)?)(?P<visit>\d{{1,3}})$",
    re.I,
)
TIME_WORD = re.compile(r"^(t|time|timepoint|tp|w|wk|week|v|visit|d|day|m|mo|month|y|yr|year|session)$", re.I)
MAX_VISITS = 12


@dataclass(frozen=True)
class WideProposal:
    """Variables read once per visit: ``columns[stem]`` lists the file's columns in visit order."""

    visits: tuple[str, ...]
    template: str  # as [data] wide_visits name, e.g. "{column}_w{visit}"
    columns: dict[str, tuple[str, ...]]
    strong: bool  # a time word says these are visits (else only offered)


def propose_wide_visits(numeric: list[str]) -> WideProposal | None:
    """The visit families among ``numeric`` column names, or None.

    Examples
    --------
    >>> p = propose_wide_visits(["age", "IL6_w0", "IL6_w4", "pain_w0", "pain_w4", "IL10"])
    >>> p.visits, p.template, p.columns, p.strong
    (('0', '4'), '{column}_w{visit}', {'IL6': ('IL6_w0', 'IL6_w4'), 'pain': ('pain_w0', 'pain_w4')}, True)
    >>> propose_wide_visits(["T1", "T2", "T3", "Dose"]).columns
    {'T': ('T1', 'T2', 'T3')}
    >>> propose_wide_visits(["IL6", "IL10", "CD4", "CD8"]) is None  # numbers that are names, not visits
    True
    """
    families: dict[tuple[str, str], dict[str, str]] = {}
    for column in numeric:
        match = VISIT_SUFFIX.match(column)
        if match is None:
            continue
        stem, sep = match["stem"], match["sep"]
        if not stem or (not sep and not TIME_WORD.match(stem)):  # IL6, CD4: the number is part of the name
            continue
        families.setdefault((stem, sep), {})[str(int(match["visit"]))] = column
    families = {k: v for k, v in families.items() if 2 <= len(v) <= MAX_VISITS}
    if not families:
        return None
    shared = Counter((sep, tuple(sorted(v, key=int))) for (_, sep), v in families.items())
    (sep, visits), _ = max(shared.items(), key=lambda item: (item[1], len(item[0][1])))
    chosen = {stem: tuple(cols[v] for v in visits) for (stem, s), cols in families.items()
              if s == sep and tuple(sorted(cols, key=int)) == visits}  # fmt: skip
    strong = any(c.isalpha() for c in sep) or all(TIME_WORD.match(stem) for stem in chosen)
    return WideProposal(visits, "{column}" + sep + "{visit}", chosen, strong)
