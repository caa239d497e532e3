"""Pipe tables whose coefficient cells print their symbol ('ρ = 0.263', 'r(122) = 0.168') and whose
p sits in the next cell, under a header that names a p column after each coefficient column and a
sample-size column ('Samples (n)'). Rows may hold fewer leading cells than the header (a group
label spanning rows): each row is aligned on its first coefficient cell.
"""

from __future__ import annotations

import re

from .model import parse_number
from .table_cells import CELL, P_HEADER

CELL_STATEMENT = re.compile(
    r"^(?P<sym>ρ|rho|r_?s|rₛ|r|τ|tau)\s*(?:\(\s*(?P<df>\d+)\s*\))?\s*=\s*(?P<num>[-+]?\s?(?:\d*\.\d+|\d+))$", re.I
)
N_COLUMN = re.compile(r"^(?:n|no\.?|samples?|(?:\w+\s+)?\(\s*n\s*\))$", re.I)  # 'n', 'Samples (n)'


def _cells(line: str) -> list[str]:
    line = re.sub(r"([<>≤≥])\s+(?=[\d.])", r"\1", line.strip())
    cells = [c.strip() for c in line.strip("|").split("|")]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def inline_cell_claims(body: list[str], method_of) -> list[tuple[dict, int]]:
    """(claim keywords, line) for every coefficient cell of a pipe table that prints its symbol,
    with the p of the next cell and the n of the row's n column (or the df the cell prints);
    [] when the table is not laid out so.

    Examples
    --------
    >>> body = ["Group | Marker | Samples (n) | Correlation | p-value | Partial | p-value |",
    ...         "All | MMSE | 125 | ρ = 0.263 | 0.003 | r(122) = 0.168 | 0.062 |",
    ...         "CSF Ab42 | 119 | ρ = 0.340 | < 0.001 | r(116) = 0.220 | 0.017 | |"]
    >>> [(kw["x"], kw["r"].text, kw["p_comparator"], kw["p"].text, kw.get("n"), kw.get("df"))
    ...  for kw, _ in inline_cell_claims(body, lambda s: "spearman" if s == "ρ" else "pearson")]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('MMSE', '0.263', '=', '0.003', 125, None), ('MMSE', '0.168', '=', '0.062', None, 122),
     ('CSF Ab42', '0.340', '<', '0.001', 119, None), ('CSF Ab42', '0.220', '=', '0.017', None, 116)]
    """
    pipe = [(i, _cells(line)) for i, line in enumerate(body, start=1) if line.count("|") >= 2]
    header = next(((i, c) for i, c in pipe if any(P_HEADER.match(x) for x in c)), None)
    if header is None:
        return spaced_inline_claims(body, method_of)
    h_i, names = header
    coef_cols = [k for k in range(len(names) - 1) if P_HEADER.match(names[k + 1]) and not P_HEADER.match(names[k])]
    n_col = next((k for k, x in enumerate(names) if N_COLUMN.match(x)), None)
    out: list[tuple[dict, int]] = []
    for i, cells in pipe:
        if i <= h_i:
            continue
        stated = [k for k, c in enumerate(cells) if CELL_STATEMENT.match(c)]
        if not stated or len(stated) > len(coef_cols):
            continue
        shift = stated[0] - coef_cols[0]  # a spanning group label in the first column leaves later rows shorter
        n_k = None if n_col is None else n_col + shift
        n_cell = cells[n_k] if n_k is not None and 0 <= n_k < len(cells) else ""
        label_k = (n_k if n_k is not None else stated[0]) - 1
        x = cells[label_k] if 0 <= label_k < len(cells) else ""
        for g, k in enumerate(stated):
            m = CELL_STATEMENT.match(cells[k])
            pm = CELL.match(cells[k + 1]) if k + 1 < len(cells) else None
            if m is None or pm is None:
                continue
            comp = {"≤": "<", "≥": ">"}.get((pm.group("lt") or "=").strip(), (pm.group("lt") or "=").strip())
            y = names[coef_cols[g]] if g < len(coef_cols) else ""
            kw: dict = dict(
                r=parse_number(m.group("num").replace(" ", "")), p=parse_number(pm.group("num")),
                p_comparator=comp if comp in "<>=" else "=", method=method_of(m.group("sym")), x=x, y=y,
                raw=f"{x}: {y}, {cells[k]}, p {comp} {pm.group('num')}", extra={"n_source": ""},
            )  # fmt: skip
            if m.group("df"):
                kw["df"], kw["extra"]["n_source"] = int(m.group("df")), "df"
            elif re.fullmatch(r"\d+", n_cell):
                kw["n"], kw["extra"]["n_source"] = int(n_cell), "column"
            out.append((kw, i))
    return out


SPACED_ROW = re.compile(
    r"^(?P<label>\S.*?)[\s#*†‡§]*\s(?P<stmt>(?:ρ|rho|r_?s|rₛ|r|τ|tau)\s*=\s*[-+−]?\s?(?:\d*\.\d+|\d+))[*†‡§]*"
    r"\s+(?P<p>[<>≤≥]?\s*(?:\d*\.\d+|\d+))[*†‡§]*$",
    re.I,
)
P_LAST = re.compile(r"(?:^|\s)(?:p|p[- ]?values?|sig\.?)$", re.I)


def spaced_inline_claims(body: list[str], method_of) -> list[tuple[dict, int]]:
    """(claim keywords, line) for rows apart by spaces that print their coefficient with its symbol
    and the p after it ('H-Y stages III-V # rs = 0.481 0.096') under a header whose last column is
    p ('Variable  BDNF (correlation coefficient)  p value'); [] when the table is not laid out so.

    Examples
    --------
    >>> body = ["Variable BDNF (correlation coefficient) p value", "Stage I-V # rs = 0.907 <0.001",
    ...         "Stage III-V # rs = 0.481 0.096"]
    >>> [(kw["x"], kw["r"].text, kw["p_comparator"], kw["p"].text) for kw, _ in spaced_inline_claims(body, lambda s: s)]
    [('Stage I-V', '0.907', '<', '0.001'), ('Stage III-V', '0.481', '=', '0.096')]
    """
    header = next((i for i, line in enumerate(body, start=1) if P_LAST.search(line.strip())), None)
    if header is None:
        return []
    out: list[tuple[dict, int]] = []
    for i, line in enumerate(body, start=1):
        row = SPACED_ROW.match(line.strip()) if i > header else None
        if row is None:
            continue
        m = CELL_STATEMENT.match(re.sub(r"\s*=\s*", " = ", row.group("stmt").replace("−", "-")).replace(" = ", "="))
        pm = CELL.match(re.sub(r"\s+", "", row.group("p")))
        if m is None or pm is None:
            continue
        comp = {"≤": "<", "≥": ">"}.get((pm.group("lt") or "=").strip(), (pm.group("lt") or "=").strip())
        x = row.group("label").strip()
        kw: dict = dict(
            r=parse_number(m.group("num").replace(" ", "")), p=parse_number(pm.group("num")),
            p_comparator=comp if comp in "<>=" else "=", method=method_of(m.group("sym")), x=x, y="",
            raw=f"{x}: {row.group('stmt')}, p {comp} {pm.group('num')}", extra={"n_source": ""},
        )  # fmt: skip
        out.append((kw, i))
    return out
