"""Tables a web page copies one cell per line: the caption, then each header cell and each cell of
each row on a line of its own, often with blank lines between them (BMC and Nature table pages).

The lines are rebuilt as '|' rows when they can only be read one way: header names first, then
rows that each hold a label and the same number of value cells (a value cell is a number, with its
marks, or an empty-cell dash). Each rebuilt row sits on its label's line, so line numbers hold;
anything else (a line with several numbers, a note, prose) ends the table.

``unread_value_rows`` counts the lines of a pipe table that print numbers but split into no value
cells, so that a table read in part says so instead of dropping them.
"""

from __future__ import annotations

import re

from .table_cells import CELL, DUAL_P_CELL, EMPTY_CELL, R_HEADER, cells_of, is_pipe_row, joined_sign, split_row

NOTE = re.compile(r"^(?:\d{1,2}\.\s+\S|[*†‡§¶#]|note\b|abbreviations?\b|[a-h]\s*$)", re.I)
STATISTIC_LABEL = re.compile(
    r"^(?:r|ρ|rho|r_?s|τ|tau|p|p[- ]?values?|n|bf(?:10|01)?|95\s*%\s*ci|ci|t|z|β|beta|or|se|sd)$", re.I
)
MAX_CELL = 60  # a header cell or row label longer than this is prose, not a cell
SIZED_GROUP = re.compile(r"^.{0,60}\(\s*n\s*=\s*\d+\s*\)\s*$", re.I)  # 'All (n = 100)': a row group


def _value(cell: str) -> bool:
    return bool(CELL.match(cell) or DUAL_P_CELL.match(cell) or EMPTY_CELL.match(cell) or cell in ("–", "—", "-"))


def one_cell_per_line(text: str, after_caption: int) -> tuple[int, list[str]] | None:
    """(end, body) for a table printed one cell per line right after a caption line; None when the
    lines after the caption are not such a table.

    Parameters
    ----------
    text : str
        The passage.
    after_caption : int
        Where the caption line ends (the table's lines start on the next line).

    Returns
    -------
    (end, body) or None
        ``end``: where the table's last cell ends; ``body``: one entry per line from the caption's
        next line to ``end``, the header and each row as a '|' row on its first line, '' elsewhere.

    Examples
    --------
    >>> text = "Table 2 Correlations\\n\\nPain\\n\\nMood\\n\\nAge\\n\\n0.07\\n\\n0.16*\\n\\nBMI\\n\\n0.13\\n\\n–"
    >>> text += "\\n\\n*P < 0.05"
    >>> end, body = one_cell_per_line(text, text.index("\\n"))
    >>> [line for line in body if line]
    ['Pain | Mood |', 'Age | 0.07 | 0.16* |', 'BMI | 0.13 | – |']
    """
    start = text.find("\n", after_caption)
    if start < 0:
        return None
    cells: list[tuple[int, int, str]] = []  # (line index from the caption's next line, end offset, cell)
    offset = start + 1
    for k, line in enumerate(text[start + 1 :].split("\n")):
        cell = joined_sign(line)
        end = offset + len(line)
        offset = end + 1
        if not cell:
            continue
        several_numbers = sum(bool(CELL.match(t)) for t in cell.split()) >= 2 and not _value(cell)
        prose = len(cell) > MAX_CELL and not _value(cell)
        if prose and not cells:
            continue  # a title line between the caption and the cells ('From: ...')
        if NOTE.match(cell) or several_numbers or prose:
            break
        cells.append((k, end, cell))
    first = next((i for i, (_, _, c) in enumerate(cells) if _value(c)), None)
    if first is None or first < 2:  # at least one header cell and a row label before the first value
        return None
    rows: list[tuple[int, str, list[str]]] = []
    groups: list[tuple[int, str]] = []  # sized row groups ('All (n = 100)') on lines of their own
    h_end = first - 1
    while h_end > 1 and SIZED_GROUP.match(cells[h_end - 1][2]):
        h_end -= 1
    i = h_end
    while i < len(cells) and not _value(cells[i][2]):
        j = i + 1
        while j < len(cells) and _value(cells[j][2]):
            j += 1
        if j == i + 1:
            if SIZED_GROUP.match(cells[i][2]) and j < len(cells) and not _value(cells[j][2]):
                groups.append((cells[i][0], cells[i][2]))
                i += 1
                continue
            break  # a label without values: the table has ended
        rows.append((cells[i][0], cells[i][2], [c for _, _, c in cells[i + 1 : j]]))
        i = j
    width = len(rows[0][2]) if rows else 0
    header = [c for _, _, c in cells[:h_end]]
    if width == 1 and len(header) > 2 and R_HEADER.match(header[-1]):  # titles above one named column
        header = header[-1:]
    kinds = header[-width:] if width else []
    if len(header) > width + 1 and all(STATISTIC_LABEL.match(c) for c in kinds) and R_HEADER.match(kinds[0]):
        header = [header[0], *kinds]  # 'Metabolite | P3 | r | p': one score spanning its r and p columns
    # the header names the columns (one more: the row labels' own); more text before the rows may be
    # a row group, and rows labelled 'r', 'p' or 'BF10' are statistics of a group, not variables:
    # which name is whose cannot be told, so such a table is not rebuilt
    if len(rows) < 2 or any(len(v) != width for _, _, v in rows) or len(header) not in (width, width + 1):
        return None
    if any(STATISTIC_LABEL.match(label) for _, label, _ in rows):
        return None
    last = cells[i - 1]
    body = [""] * (last[0] + 1)
    body[cells[h_end - width][0]] = ("| " if width == 1 else "") + " | ".join(header[-width:]) + " |"
    for row_line, label, values in rows:
        body[row_line] = " | ".join([label, *values]) + " |"
    for group_line, label in groups:
        body[group_line] = "| " + label + " |"
    return last[1], body


def unread_value_rows(body: list[str]) -> int:
    """Rows of a pipe table that print numbers in cells after their label but split into no value
    cells: data a reader sees that the table reader could not, to be reported, never dropped.

    Examples
    --------
    >>> unread_value_rows(["| X | r | p (<0.05) |", "| A | 0.56 | 0.002 |", "| B | 0.61 | 0.002 [adj] |", "| C | |"])
    1
    """
    return sum(
        1
        for line in body
        if is_pipe_row(line)
        and not split_row(line)[1]
        and sum(c != "–" for c in cells_of(line)) >= 3
        and any(re.match(r"[-*†‡§<>≤≥=\s]*\d*\.\d+", c) for c in cells_of(line)[1:])  # a cell that is a number
    )
