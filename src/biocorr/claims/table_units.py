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

NUM = r"[-+−–]?(?:\d+(?:[.,]\d+)?|[.,]\d+)"
UNIT = (
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


def unit_rows(header: str, lines: list[tuple[int, str]]) -> list[tuple[int, str, str, str, str, str]]:
    """Rows read against the header's kinds: (line index, row group, label, r unit, p unit, n unit).

    A line without value units is a row group ('Hand hygiene behaviour') for the rows after it;
    a row whose units do not match the header's kinds one to one is skipped.

    Examples
    --------
    >>> lines = [(1, "Walking"), (2, " Pain 40 3.1 (1.2) 0.41 [0.11, 0.64] 0.009")]
    >>> unit_rows("Factor N Mean (SD) rs [95% CI] p", lines)
    [(2, 'Walking', 'Pain', '0.41 [0.11, 0.64]', '0.009', '40')]
    """
    kinds = header_kinds(header)
    if kinds.count("r") != 1 or kinds.count("p") != 1 or kinds.index("p") < kinds.index("r"):
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
        n = units[kinds.index("n")] if "n" in kinds else ""
        out.append((i, group, label, units[kinds.index("r")], units[kinds.index("p")], n))
    return out
