"""The n of a table's statements from its caption and notes: a group sized by name ('patients (n =
20)'), a row sized by the end of its label ('Group 2 (n = 27)'), sizes per column in one bracket
('n = 30 for pain; n = 29 for ODI')."""

from __future__ import annotations

import re

from .sample_sizes import NVAL, count_value
from .table_cells import named_tails


def named_n(group: str, notes: str) -> int | None:
    """The size a caption or footnote gives a group by name: 'patients' in '...; patients (n = 20)'.

    Examples
    --------
    >>> named_n("Patients", "Note. All (n = 40); patients (n = 20)."), named_n("Controls", "All (n = 40)")
    (20, None)
    """
    word = re.sub(r"\s*\(.*", "", group).strip()
    qualifier = re.search(r"\(([A-Za-z][A-Za-z -]{3,40})\)", group)  # 'HAQ (clinical remission)'
    if not word:
        return None
    for tail in (r"(?!\w)", r"\w*"):  # the word exactly ('BD' apart from 'BD0'), then with an ending ('patients')
        pattern = r"(?<!\w)" + re.escape(word) + tail + r"\s*[(\[,:]?\s*[nN]\s*=\s*(?P<n>\d+)"
        found = {count_value(m.group("n")) for m in re.finditer(pattern, notes, re.I)}
        if found:
            return found.pop() if len(found) == 1 else None
    if qualifier:  # '... in patients in clinical remission according to ... (n =40)': a few words between
        pattern = rf"(?<!\w){re.escape(qualifier.group(1))}\b[^()=\d;.]{{0,80}}\(\s*[nN]\s*=\s*(?P<n>\d+)\s*\)"
        found = {count_value(m.group("n")) for m in re.finditer(pattern, notes, re.I)}
        return found.pop() if len(found) == 1 else None
    return None


def label_n(label: str, notes: str, column: str) -> int | None:
    """The size a note gives a row by the end of its label ('BD0', 'Group 2' of 'NPY Group 2'); a
    note that sizes the group per column ('Group 3 (n = 30 for pain; n = 29 for ODI)') gives the
    size whose word the column's name holds, else none.

    Examples
    --------
    >>> note = "Group 2 (n = 27) = mechanical Group 3 (n = 30 for pain; n = 29 for ODI) = care"
    >>> [label_n("NPY Group 2", note, "Change in pain"), label_n("NPY Group 3", note, "Change in ODI")]
    [27, 29]
    >>> label_n("NPY Group 3", note, "Change in sleep") is None
    True
    """
    words = label.split()
    for k in (2, 1):
        if len(words) < k:
            continue
        name = " ".join(words[-k:])
        per_column = re.search(rf"(?<!\w){re.escape(name)}(?!\w)\s*\(([^()]*\bn\s*=[^()]*\bn\s*=[^()]*)\)", notes, re.I)
        if per_column:  # several sizes in one bracket: the one for this column, or none
            sizes = re.findall(r"\bn\s*=\s*(\d+)\s+for\s+([\w-]+)", per_column.group(1), re.I)
            fit = {int(n) for n, word in sizes if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", column, re.I)}
            return fit.pop() if len(fit) == 1 else None
        if (n := named_n(name, notes)) is not None:
            return n
    return None


def caption_n(text: str) -> int | None:
    ns = {count_value(m.group("n")) for m in NVAL.finditer(text)}
    return ns.pop() if len(ns) == 1 else None


GROUP_SIZE = re.compile(r"\(\s*[nN]\s*=\s*\d+\s*\)")  # a column group's size, after its name
SIZE_END = re.compile(r"\b[nN]\s*=\s*$")
# 'Healthy n = 52 Unhealthy n = 139': sizes without brackets (not '(n = 60-64)', a range)
BARE_SIZE = re.compile(r"(?<![(\w])[nN]\s*=\s*\d+(?![\d.\-–])")


def sized_groups(text: str) -> list[str]:
    """The column groups a header names with their sizes, bracketed or not (two or more, else []).

    Examples
    --------
    >>> sized_groups("RA (n = 42) PsA (n = 50)"), sized_groups("Factor Lean n = 40 Obese n = 120")
    (['RA (n = 42)', 'PsA (n = 50)'], ['Factor Lean n = 40', 'Obese n = 120'])
    """
    groups = [name + m.group(0) for name, m in named_tails(text, GROUP_SIZE, "()")]
    groups = groups if len(groups) >= 2 else [name + m.group(0) for name, m in named_tails(text, BARE_SIZE, "=()")]
    return [g.strip() for g in groups] if len(groups) >= 2 else []
