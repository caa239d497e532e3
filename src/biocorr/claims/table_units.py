"""Table rows whose cells are separated by single spaces (a web page's table copied as text, a
PDF without column gaps): read as *units* under a header of known column kinds.

A unit is one printed value with what is bracketed right after it: ``293``, ``4.41 (1.96)``,
``0.13 [0.06, 0.26]``, ``<0.001``, ``0.45*``. The header's columns are told apart by kind
(``N``, ``Mean (SD)``, ``Median (IQR)``, an r-like name, ``95% CI``, ``p``); a row is read only
when it has exactly one unit per column kind after its label, so a row that does not line up is
left unread rather than guessed.

Reference: the layouts are those of PubMed Central's table pages and of ``pdftotext`` output
without ``-layout``; see issue #25.
"""

from __future__ import annotations

import re

NUM = r"(?:[-−–]\s)?[-+−–]?(?:\d+(?:[.,]\d+)?|[.,]\d+)"  # '- 0.34': a sign set apart
UNIT = (
    r"(?:p\s?(?:[=<>≤≥]|<=|>=)\s?)?"  # 'p< 0.0001', 'p = 0.0011': a p cell that names itself
    r"(?:[<>≤≥]\s?)?" + NUM + r"(?:[*†‡§¶#]+|[a-z](?![\w]))?"  # the value, with its stars or superscript
    r"(?:\s?[(\[][^()\[\]]{1,40}[)\]])?"  # what is bracketed after it: SD, IQR, a CI
    r"|"
    + NUM
    + r"\s?(?:–|—|-|to)\s?"
    + NUM  # a range printed bare: '0.02–0.23'
    + r"|[–—-]|NA|n\.?s\.?"  # an empty cell
)
UNITS = re.compile(r"(?:\s+|^)(" + UNIT + r")(?=\s|$)")
ROW = re.compile(r"^(?P<label>.*?[^\s\d.,<>≤≥*()\[\]–—-][^\s]*)(?P<values>(?:\s+(?:" + UNIT + r"))+)\s*$")
KINDS = [
    ("n", r"(?<![\w-])[Nn](?![\w-])|\bno\.?(?=\s)"),
    ("mean", r"\bmean\b|\baverage\b"),
    ("median", r"\bmedian\b"),
    ("r", r"(?<![\w-])(?:r|rs|r_s|rₛ|rho|ρ|tau|τ)(?![\w-])|spearman|pearson|kendall|correlation|coefficient"),
    ("ci", r"\bCI\b|confidence interval"),
    ("p", r"(?<![\w-])p(?:[- ]?values?)?(?![\w-])|\bsig\.?(?!\w)|significance"),
]
BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


def header_kinds(header: str) -> list[str]:
    """The kinds of a header's columns, in order: an r-like name printed twice in a row
    ('Spearman's correlation rs') is one column, and a CI printed right after r belongs to it.

    Parameters
    ----------
    header : str
        The header line as printed.

    Returns
    -------
    list of str
        Kinds among 'n', 'mean', 'median', 'r', 'ci', 'p'.

    Examples
    --------
    >>> header_kinds("Factor N Mean (SD) Median (IQR) a Spearman's correlation rs (2-tailed) [95% BCa CI] b p")
    ['n', 'mean', 'median', 'r', 'p']
    >>> header_kinds("Variable r 95% CI p")
    ['r', 'ci', 'p']
    """
    text = BRACKETED.sub(" ", header)  # '(SD)', '[95% CI]' belong to the column before
    found = sorted((m.start(), kind) for kind, pattern in KINDS for m in re.finditer(pattern, text, re.I))
    kinds: list[str] = []
    for _, kind in found:
        if kinds and kind == kinds[-1] == "r":
            continue  # 'Spearman's correlation rs' is one column
        kinds.append(kind)
    return kinds


def row_units(line: str) -> tuple[str, list[str]] | None:
    """(label, units) of a row, or None when the line does not end in value units.

    Examples
    --------
    >>> row_units(" Probability 293 4.41 (1.96) 4.0 (3.0) 0.13 (0.02, 0,23] 0.031")
    ('Probability', ['293', '4.41 (1.96)', '4.0 (3.0)', '0.13 (0.02, 0,23]', '0.031'])
    >>> row_units("Hand hygiene behaviour") is None
    True
    """
    m = ROW.match(line.strip())
    if m is None:
        return None
    return m.group("label").strip(), [u.strip() for u in UNITS.findall(m.group("values"))]


def column_groups(kinds: list[str]) -> list[tuple[int, int, int | None]]:
    """(r position, p position, n position or None) of each r/p column pair, in order: every r
    takes the first p after it (before the next r), and the n column printed before it in its
    group, or the table's one n column. Empty when some r has no p.

    Examples
    --------
    >>> column_groups(["n", "mean", "r", "p"]), column_groups(["r", "p", "r", "p"]), column_groups(["r", "r"])
    ([(2, 3, 0)], [(0, 1, None), (2, 3, None)], [])
    """
    rs = [k for k, kind in enumerate(kinds) if kind == "r"]
    ns = [k for k, kind in enumerate(kinds) if kind == "n"]
    out = []
    for g, rk in enumerate(rs):
        end = rs[g + 1] if g + 1 < len(rs) else len(kinds)
        pk = next((k for k in range(rk + 1, end) if kinds[k] == "p"), None)
        if pk is None:
            return []
        start = rs[g - 1] + 1 if g else 0
        own_n = [k for k in ns if start <= k < rk]
        out.append((rk, pk, own_n[-1] if own_n else (ns[0] if len(ns) == 1 else None)))
    return out


def unit_rows(header: str, lines: list[tuple[int, str]]) -> list[tuple[int, str, str, int, str, str, str]]:
    """Rows read against the header's kinds: (line index, row group, label, column group, r unit,
    p unit, n unit), one per r/p column pair of the row.

    A line without value units is a row group ('Hand hygiene behaviour') for the rows after it;
    a row whose units do not match the header's kinds one to one is skipped.

    Examples
    --------
    >>> lines = [(1, "Walking"), (2, " Pain 40 3.1 (1.2) 0.41 [0.11, 0.64] 0.009")]
    >>> unit_rows("Factor N Mean (SD) rs [95% CI] p", lines)
    [(2, 'Walking', 'Pain', 0, '0.41 [0.11, 0.64]', '0.009', '40')]
    """
    kinds = header_kinds(header)
    groups = column_groups(kinds)
    if not groups:
        return []
    out = []
    group = ""
    for i, line in lines:
        parsed = row_units(line)
        if parsed is None:
            group = line.strip()
            continue
        label, units = parsed
        if len(units) != len(kinds):
            continue
        for g, (rk, pk, nk) in enumerate(groups):
            p_unit = re.sub(r"^p\s?", "", units[pk])  # 'p = 0.0011' -> '= 0.0011'
            out.append((i, group, label, g, units[rk], p_unit, units[nk] if nk is not None else ""))
    return out


def sizes_in_order(line: str) -> list[int]:
    """The sample sizes a line of column-group names gives, left to right ('Overall (212 patients)
    Cohort 1 of 119 patients Cohort 2 (n = 93)' -> 212, 119, 93).

    Examples
    --------
    >>> sizes_in_order("Overall Cohort (212 patients) Cohort n°1 of 119 patients Cohort n°2 (n = 93)")
    [212, 119, 93]
    """
    people = r"(?:patients|participants|subjects|cases|controls)"
    found = re.finditer(r"\b[nN]\s*=\s*(\d+)|\b(\d+)\s+(?:[a-z]+\s+)?" + people + r"\b", line)
    return [int(m.group(1) or m.group(2)) for m in found]
