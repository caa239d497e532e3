"""The cells of a correlation table in text: what a cell, a header and a row look like, and the
row layouts beyond one statement per row (see :mod:`biocorr.claims.tables`): r / p / N rows
stacked per variable, a lower triangle of r then p, and rows continued over lines of values.
"""

from __future__ import annotations

import re

NUMBER = r"[-+]?(?:0,\d+(?![\d.])|1,0+(?![\d.])|\d+(?:\.\d+)?|\.\d+)"  # '0,45': a decimal comma
CELL = re.compile(  # '0.45*', '0.171P' (a superscript letter glued on), '0.45 (0.003)', '<0.001', '0.45* (n=40)',
    # '-.561 (p < 0.001)' (the comparator after the p is the p's), '0.027##)' (a footnote mark 'x)')
    r"^(?P<lt>[<>≤≥=]\s*)?(?P<num>" + NUMBER + r")(?P<marks>[*†‡§¶#°]*(?:[a-z]{1,2})?)(?:(?<=[*†‡§¶#°a-z])\))?"
    r"(?:\s*\(\s*(?:(?P<plt>[<>≤≥=]\s*)?(?:p\s*(?P<plt2>[=<>≤≥])\s*)?(?P<paren>" + NUMBER + r")"
    # the cell's own n: '0.45* (n=40)', '-0.15, n=62**' (a web table's cell, the stars after the n)
    r"|n\s*=\s*(?P<cn>\d{1,6}))\s*\)|\s*,\s*n\s*=\s*(?P<cn2>\d{1,6})(?P<marks2>[*†‡§¶#°]*)"
    # '0.40 (0.14 to 0.61)', '0.40 [0.14, 0.61]': the coefficient with its confidence interval
    r"|\s*[(\[]\s*(?P<lo>" + NUMBER + r")\s*(?:to|,|;|–|-)\s*(?P<hi>" + NUMBER + r")\s*[)\]])?$",
    re.I,
)
# 'r (p/p)': a coefficient with two p-values, adjusted and unadjusted in the order the header says
# ('-0.284 0.079/0.046)' with its opening bracket lost in a copy)
DUAL_P_CELL = re.compile(
    r"^(?P<num>" + NUMBER + r")\s*\(?\s*(?P<lt1>[<>≤≥]\s*)?(?P<p1>" + NUMBER + r")\s*/\s*"
    r"(?P<lt2>[<>≤≥]\s*)?(?P<p2>" + NUMBER + r")\s*\)?$"
)
_RAW = r"unadjusted|raw|nominal|uncorrected"
_ADJUSTED = r"adjusted|corrected|FDR|Bonferroni|Holm|q"
DUAL_P_ORDER = re.compile(rf"\b(?P<first>{_RAW}|{_ADJUSTED})\s*/\s*(?P<second>{_RAW}|{_ADJUSTED})\b", re.I)


def unadjusted_slot(header: str) -> int | None:
    """Which of a cell's two p-values is the unadjusted one (0 or 1), as the header's 'adjusted/
    unadjusted' says; None when it does not say.

    Examples
    --------
    >>> unadjusted_slot("R (p-value, adjusted/unadjusted)"), unadjusted_slot("r (raw/FDR p)"), unadjusted_slot("r (p)")
    (1, 0, None)
    """
    m = DUAL_P_ORDER.search(header)
    if m is None:
        return None
    raw = [bool(re.fullmatch(_RAW, m.group(k), re.I)) for k in ("first", "second")]
    return raw.index(True) if raw.count(True) == 1 else None


THOUSANDS = re.compile(r"^\d{1,3}(?:,\d{3})+$")  # a count with thousands separators ('25,948'): an n cell


# an interval cell: '(0.302, 0.593)', '-0.56 to 0.36', '[0.12; 0.48]' (minus signs already '-')
CI_CELL = re.compile(r"^[(\[]?\s*(?P<lo>-?\d*\.?\d+)\s*(?:,|;|to|-|–)\s*(?P<hi>-?\d*\.?\d+)\s*[)\]]?$", re.I)
CI_HEADER = re.compile(r"\bCI\b|confidence interval", re.I)
EMPTY_CELL = re.compile(r"^(?:[–—-]+|NA|n/?a|n\.?s\.?|\.{1,3})$", re.I)
R_HEADER = re.compile(
    r"^(?:r[a-d*†‡§]?|r[- ]values?|ρ[a-d*†‡§]?|rho|r_?s|rₛ|τ|tau(?:[-_ ]?b)?|coefficient|"
    r"corr(?:elation)?(?: coefficient)?|"
    r"(?:spearman|pearson|kendall)[’']?s?(?:\s+(?:r|ρ|rho|τ|tau))?(?:\s*\((?:r|r_?s|ρ|rho|τ|tau)\))?|"
    r"(?:r|rho|ρ)\s+(?:spearman|pearson)|"
    r"(?:r|rs|rho|ρ)\s*[(\[](?:p|p[- ]?values?)(?:,[^)\]]*)?[)\]]|"  # 'r (P value)', 'rho [p]', 'R (p-value, ...)'
    r"(?:correlation\s+)?coefficient\s*\((?:r|rs|ρ|rho|τ|tau)\)|"  # 'Correlation coefficient (r)'
    r"(?:r|rs|ρ|rho|τ|tau)\s*[(\[]\s*9[05]\s?%\s*CI\s*[)\]])$",  # 'rho (95% CI)': r with its interval in the cell
    re.I,
)
INLINE_STATEMENT = re.compile(r"(?<![\w-])(?:r|ρ|rho|rs)\s*[=≈]\s*[-+−.\d]", re.I)  # a cell 'r = 0.62, p = 0.01'
SHORT_HEADER = re.compile(
    r"^(?:r|rs|r_s|rₛ|ρ|rho|τ|tau|r\s+spearman|r[- ]values?|p|p[- ]?values?|sig\.?)$", re.I
)  # a column, not a title
P_HEADER = re.compile(r"^(?:p|p[- ]?values?|sig\.?|significance|p\s*\(two[- ]tailed\))$", re.I)
N_HEADER = re.compile(r"^(?:n|no\.?)$", re.I)

PIPE_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$")  # |---|:--:|


def joined_sign(cell: str) -> str:
    """'− 0.08': a minus a web page printed apart from its number is the number's sign.

    Examples
    --------
    >>> joined_sign(" − 0.08 "), joined_sign("–"), joined_sign("- .5*")
    ('-0.08', '–', '-.5*')
    """
    return re.sub(r"^[-−–]\s+(?=\.?\d)", "-", cell.strip())


SQUARE_P = re.compile(r"(?<=\d)\s*\[\s*([<>≤≥=]?(?:0?\.\d+|1(?:\.0+)?))\s*\](?![\w.])")  # never '[40]', '[0.1, 0.6]'
LEADING_MARK = re.compile(r"^([*†‡§]+)\s*([<>≤≥=]?\s*\d*\.?\d+)$")


def cells_of(line: str) -> list[str]:
    """A row's cells: between '|' (a Markdown table), tab- or 2+-space-separated when the row is
    laid out so, else by spaces."""
    line = re.sub(r"([<>≤≥])\s+(?=[\d.])", r"\1", line.strip())  # '< .001' is one cell
    line = SQUARE_P.sub(r" (\1)", line)  # '0.45 [0.004]': a p in square brackets, as '0.45 (0.004)'
    if line.count("|") >= 2 and (line.startswith("|") or " | " in line):  # 'IL-6 | 0.31 | 0.04 |' too
        cells = [joined_sign(c) for c in line.strip("|").split("|")]
        cells = [re.sub(r"(?<=\d)\s+(?=[*†‡§¶#]+$)", "", c) for c in cells]  # '<0.01 *': the star is the cell's mark
        cells = [LEADING_MARK.sub(r"\2\1", c) for c in cells]  # '*0.002', '* <0.001': a star printed before its p
        cells = [re.sub(r"^([<>≤≥=]?\d*\.\d+)\s+\d$", r"\1", c) for c in cells]  # '0.013 3': a footnote's number
        while len(cells) > 1 and not cells[-1]:  # 'r | p | ||': empty cells past the last are no column
            cells.pop()
        return [c or "–" for c in cells]
    parts = [joined_sign(c) for c in re.split(r"\t+|\s{2,}", line) if c.strip()]  # a tab cell ' − 0.074' too
    tokens = parts if len(parts) > 1 else line.split()
    glued: list[str] = []
    for token in tokens:  # '-0.639* P': a superscript letter set apart from its number is its mark
        if glued and re.fullmatch(r"[A-Za-z]{1,2}", token) and CELL.match(glued[-1]) and not EMPTY_CELL.match(token):
            glued[-1] += token
        elif glued and glued[-1] == "\u2212" and re.match(r"\.?\d", token):
            glued[-1] = "-" + token  # '− 0.08': a typeset minus (never an empty-cell dash) set apart from its number
        elif glued and PAREN_P_OPEN.match(glued[-1]) and not glued[-1].endswith(")"):
            glued[-1] += " " + token  # '-.561 (p <0.001)' apart by single spaces: one cell
        elif glued and (re.fullmatch(r"\(p?", token, re.I) or PAREN_P.match(token)) and CELL.match(glued[-1]):
            glued[-1] += " " + token  # '0.45 (0.003)', '0.45 (p<.01)': the bracketed p is the cell's
        elif (
            glued
            and glued[-1].count("(") > glued[-1].count(")")
            and not CELL.match(glued[-1])
            and not (CELL.match(token) or EMPTY_CELL.match(token))
        ):
            glued[-1] += " " + token  # 'HAQ (clinical remission)': a bracket of words stays one header cell
        elif glued and token.startswith("(") and not CELL.match(glued[-1]) and not re.match(r"\(\s*[-+.\d]", token):
            glued[-1] += " " + token
        else:
            glued.append(token)
    return glued


# 'p-uncorrected, value (r-statistic)': a header saying each cell is a p with its r in brackets
P_THEN_R = re.compile(r"\bp\b[^()\n]{0,40}\(\s*(?:r|ρ|rho|r_?s|tau|τ)\b(?:[- ]?statistic|[- ]?values?)?\s*\)", re.I)


def swap_p_r(cell: str) -> str:
    """A cell 'p (r)' written as 'r (p)', the order every reader of cells expects.

    Examples
    --------
    >>> swap_p_r("0.024 (−0.441)"), swap_p_r("0.000130 (-0.681)"), swap_p_r("–")
    ('−0.441 (0.024)', '-0.681 (0.000130)', '–')
    """
    m = re.fullmatch(r"\s*(?P<p>[<>≤≥=]?\s*\d*\.?\d+)\s*\(\s*(?P<r>[-−–+]?\d*\.?\d+)\s*\)\s*", cell)
    return f"{m.group('r')} ({m.group('p')})" if m else cell


PAREN_P_OPEN = re.compile(r"^" + NUMBER + r"\s\(p?", re.I)  # a cell whose bracketed p is still open
PAREN_P = re.compile(r"^\((?:p\s*)?[<>≤≥=]?\s*" + NUMBER + r"\)$", re.I)  # '(0.003)', '(p<.01)' as a token


def split_row(line: str) -> tuple[str, list[str]]:
    """(label, value cells): the trailing cells that read as numbers, '–' or 'NA' are values."""
    cells = cells_of(line)
    k = len(cells)
    while k > 0 and (
        CELL.match(cells[k - 1])
        or EMPTY_CELL.match(cells[k - 1])
        or (k > 1 and (CI_CELL.match(cells[k - 1]) or DUAL_P_CELL.match(cells[k - 1]) or THOUSANDS.match(cells[k - 1])))
    ):
        k -= 1
    if k == 0 and cells:  # a row label that is itself a number: keep the first cell as the label
        k = 1
    values = cells[k:]
    if k > 1 and cells[k - 1] == "\u2212" and values and re.match(r"[\d.]", values[0]):
        k, values = k - 1, ["-" + values[0], *values[1:]]  # 'ALT − 0.0424 (0.7562)': a web page's minus, spaced
    return " ".join(cells[:k]), values


def is_pipe_row(line: str) -> bool:
    """A row of a table whose cells are apart by '|' ('IL-6 | 0.31 | 0.04 |' or '| IL-6 | ...')."""
    return line.count("|") >= 2 and (line.lstrip().startswith("|") or " | " in line)


def fill_missing_groups(cells: list[str], width: int, group_width: int) -> list[str]:
    """A short row of a table whose columns come in groups ('n r p' per group) where one 'N/A'
    stands for a whole group: each 'N/A' that opens a group is widened to the group, so the cells
    after it stay under their own group. Unchanged unless the widened row fills the header exactly.

    Examples
    --------
    >>> fill_missing_groups(["70", "-0.02", "0.85", "N/A", "26", "-0.06", "0.78"], 9, 3)
    ['70', '-0.02', '0.85', 'N/A', 'N/A', 'N/A', '26', '-0.06', '0.78']
    """
    if group_width < 2 or len(cells) >= width or width % group_width:
        return cells
    out = list(cells)
    for start in range(0, width, group_width):
        if len(out) >= width:
            break
        if start < len(out) and EMPTY_CELL.match(out[start].strip()):
            out[start : start + 1] = [out[start]] * min(group_width, width - len(out) + 1)
    return out if len(out) == width else cells


def carry_spanned_labels(lines: list[str]) -> list[str]:
    """Rows of a '|' table under a label that spans them: 'NPY | Group 1 | -.15 | .43 |' then
    'Group 2 | .19 | .35 | |' (one label cell fewer, the empty cell last) become 'NPY | Group 2 |
    .19 | .35 |', so each row names its variable and its cells line up.

    Examples
    --------
    >>> carry_spanned_labels(["NPY | Group 1 | -.15 | .430 |", "Group 2 | .19 | .347 | |"])
    ['NPY | Group 1 | -.15 | .430 |', 'NPY | Group 2 | .19 | .347 |']
    """
    out: list[str] = []
    spanning: tuple = ()  # (label cells, number of value cells) of the last row that had them all
    for line in lines:
        if not is_pipe_row(line):
            out.append(line)
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        n_label = next((k for k, c in enumerate(cells) if CELL.match(c)), len(cells))
        if n_label == len(cells):  # a header or a row group: no values
            out.append(line)
            spanning = ()
            continue
        while len(cells) > n_label + 1 and not cells[-1]:
            cells.pop()
        if spanning and n_label == len(spanning[0]) - 1 and len(cells) - n_label == spanning[1]:
            out.append(" | ".join([spanning[0][0], *cells]) + " |")
            continue
        spanning = (cells[:n_label], len(cells) - n_label) if n_label >= 2 else ()
        out.append(line)
    return out


def spaced_signs(rows: list[tuple[int, str, list[str]]]) -> list[tuple[int, str, list[str]]]:
    """Rows whose first value is a minus printed apart from its number ('ALT - 0.0424 (0.7562)'),
    one cell more than every other row of the table: the dash is the sign, not an empty cell.

    Examples
    --------
    >>> spaced_signs([(1, "ESR", ["0.31 (0.02)"]), (2, "ALT", ["-", "0.04 (0.76)"])])
    [(1, 'ESR', ['0.31 (0.02)']), (2, 'ALT', ['-0.04 (0.76)'])]
    """
    widths = {len(cells) for _, _, cells in rows if not (cells and cells[0] in "-–−" and len(cells) > 1)}
    if len(widths) != 1:
        return rows
    (width,) = widths
    out = []
    for i, label, cells in rows:
        if len(cells) == width + 1 and cells[0] in ("-", "–", "−") and re.match(r"[\d.]", cells[1]):
            cells = ["-" + cells[1], *cells[2:]]
        out.append((i, label, cells))
    return out


R_ROW = re.compile(
    r"^(?P<x>.*?)\s*(?<![\w-])(?:r|r-?\s?values?|rs|rho|ρ|tau|τ|(?:pearson|spearman|kendall)[’']?s?\s+(?:correlation|rho|tau)|"
    r"correlation(?:\s+coefficient)?)$",
    re.I,
)
P_ROW = re.compile(r"^(?:p|p[- ]?values?|sig\.?(?:\s*\((?:two|2|one|1)[- ]tailed\))?)$", re.I)


def stacked_rows(rows: list, names: list[str]) -> list[tuple[int, str, str, str, str, str]]:
    """Coefficients and p-values in rows of their own, one pair (and an N row) per variable, as
    SPSS prints them: (line, x, y, r cell, p cell, n cell) for every column.

    Examples
    --------
    >>> rows = [(2, "Pain r", ["0.41", "-0.10"]), (3, "p-value", ["0.002", "0.45"]), (4, "N", ["52", "52"])]
    >>> stacked_rows(rows, ["Variable", "IL-6", "TNF"])
    [(2, 'Pain', 'IL-6', '0.41', '0.002', '52'), (2, 'Pain', 'TNF', '-0.10', '0.45', '52')]
    """
    out = []
    x = ""
    for k, (i, label, cells) in enumerate(rows):
        r_row = R_ROW.match(label)
        if not cells:
            x = label  # SPSS: the variable's name on a line of its own above its rows
            continue
        if r_row is None or k + 1 >= len(rows) or not P_ROW.match(rows[k + 1][1]):
            continue
        p_cells = rows[k + 1][2]
        n_cells = rows[k + 2][2] if k + 2 < len(rows) and N_HEADER.match(rows[k + 2][1]) else []
        if len(p_cells) != len(cells) or (n_cells and len(n_cells) != len(cells)):
            continue
        ys = names[-len(cells) :] if len(names) in (len(cells), len(cells) + 1) else []
        ys = ys or [f"column {j + 1}" for j in range(len(cells))]
        var = r_row.group("x").strip() or x
        for j, cell in enumerate(cells):
            out.append((i, var, ys[j], cell, p_cells[j], n_cells[j] if n_cells else ""))
    return out


def merge_cell_lines(body: list[str]) -> list[str]:
    """Header rows copied one cell per line, each cell followed by a line holding only '|' (a web
    table's header flattened): each such run becomes one pipe row on its first line, the lines it
    took left empty so that line numbers hold.

    Examples
    --------
    >>> lines = ["Variable", "|", "Pain", "|", "Mood", "|", "||", "r", "|", "p", "|", "|", "IL-6 | 0.3 | 0.04 |"]
    >>> merge_cell_lines(lines)
    ['Variable | Pain | Mood |', '', '', '', '', '', '||', 'r | p |', '', '', '', '', 'IL-6 | 0.3 | 0.04 |']
    """
    if sum(line.strip() == "|" for line in body) < 2:
        return list(body)
    out = list(body)
    start: int | None = None  # the run being gathered: where it starts, and its cells
    cells: list[str] = []
    for k, line in enumerate(body):
        text = line.strip()
        if text == "|" and start is not None:
            out[k] = ""
            continue
        if text and "|" not in text and (k + 1 < len(body) and body[k + 1].strip() == "|"):
            if start is None:
                start, cells = k, []
            cells.append(text)
            out[k] = ""
            continue
        if start is not None:  # the run ends: its row goes on its first line
            out[start] = " | ".join(cells) + " |"
            start = None
    if start is not None:
        out[start] = " | ".join(cells) + " |"
    return out


def merge_continuations(body: list[str]) -> list[str]:
    """A line of values alone continues the row above it (a web table copied with each cell after
    the first on a line of its own): merged into that row, its own line left empty so that line
    numbers hold.

    Examples
    --------
    >>> merge_continuations(["Worry 0.69", "<0.0001", "1.00", "Mood 0.77"])
    ['Worry  0.69  <0.0001  1.00', '', '', 'Mood 0.77']
    """
    out = list(body)
    last = None  # the row values are merged into
    for k, line in enumerate(body):
        cells = line.split()
        if cells and last is not None and all(CELL.match(c) or EMPTY_CELL.match(c) for c in cells):
            host = out[last].split()
            lead = len(host)
            while lead > 1 and (CELL.match(host[lead - 1]) or EMPTY_CELL.match(host[lead - 1])):
                lead -= 1  # the host row's own values, apart from its label by single spaces
            out[last] = "  ".join([" ".join(host[:lead]), *host[lead:], *cells])
            out[k] = ""
        elif line.strip():
            last = k
    return out


def triangle_pairs(data: list) -> list[tuple[int, str, str, str, str]]:
    """A lower-triangular matrix whose cells are r then p, each row ending on its diagonal 1: the
    j-th row holds 2j + 1 cells, its pairs belonging to the rows above it. Empty when the rows
    do not follow that shape exactly.

    Examples
    --------
    >>> rows = [(1, "A", ["1.00"]), (2, "B", ["0.69", "<0.001", "1.00"])]
    >>> triangle_pairs(rows + [(3, "C", ["0.10", "0.40", "0.20", "0.08", "1"])])
    [(2, 'B', 'A', '0.69', '<0.001'), (3, 'C', 'A', '0.10', '0.40'), (3, 'C', 'B', '0.20', '0.08')]
    """
    if len(data) < 2 or any(
        len(cells) != 2 * j + 1 or not re.fullmatch(r"1(?:\.0+)?|[–—-]", cells[-1])
        for j, (_, _, cells) in enumerate(data)
    ):
        return []
    labels = [label for _, label, _ in data]
    return [
        (i, label, labels[k], cells[2 * k], cells[2 * k + 1])
        for j, (i, label, cells) in enumerate(data)
        for k in range(j)
    ]


OTHER_STATISTIC = re.compile(  # a table's notes naming a statistic other than r for some of its cells
    r"chi[- ]?squared?|χ\s?2|χ²|kruskal|odds ratio|\bbeta\b|\bF[- ]statistic|t[- ]statistic", re.I
)


def words_per_column(words: list[str], width: int) -> list[str]:
    """Column names from a header whose words are apart by single spaces, when there are two words
    or more beyond one per column: runs of equal length when the words divide evenly (the first
    word may name the row labels' column) and the runs repeat a first word ('Plasma TNF Plasma
    IL-10': the evidence that they line up); else the last ``width`` words, the words before them
    naming the row labels' columns ('Type of data Feature studied PC1 TCMR ...').

    Examples
    --------
    >>> words_per_column("Plasma TNF Plasma IL-10 CSF TNF CSF IL-10".split(), 4)
    ['Plasma TNF', 'Plasma IL-10', 'CSF TNF', 'CSF IL-10']
    >>> words_per_column("Type of data Feature studied PC1 TCMR QCAT".split(), 3)
    ['PC1', 'TCMR', 'QCAT']
    >>> words_per_column("Symptom Pearson correlation coefficient Regression coefficient P value".split(), 3)
    ['correlation coefficient', 'Regression coefficient', 'P value']
    """
    for extra in (0, 1):
        size, rest = divmod(len(words) - extra, width)
        if rest == 0 and size >= 2:
            runs = [words[extra + j * size : extra + (j + 1) * size] for j in range(width)]
            if len({run[0] for run in runs}) < width:
                return [" ".join(run) for run in runs]
    merged: list[str] = []  # 'P value', 'Regression coefficient': a kind's last word ends its name, never a column
    for word in words:
        if merged and re.fullmatch(r"values?|coefficients?", word, re.I):
            merged[-1] += " " + word
        else:
            merged.append(word)
    return merged[-width:]


def n_column(n_cols: list[int], r_cols: list[int], g: int) -> int | None:
    """The n column of the g-th r column: as many n columns as r columns pair in order ('n r p |
    n r p'); one n column before every r serves them all; otherwise the one n column between the
    r columns on either side, and none when that is not a single column."""
    if len(n_cols) == len(r_cols) and len(n_cols) > 1:
        return n_cols[g]
    if len(n_cols) == 1 and n_cols[0] < r_cols[0]:  # the row's n before every r
        return n_cols[0]
    lo, hi = (r_cols[g - 1] if g else -1), (r_cols[g + 1] if g + 1 < len(r_cols) else 10**6)
    inside = [k for k in n_cols if lo < k < hi]
    return inside[0] if len(inside) == 1 else None


# a meta-analysis table: a column of the number of studies ('k', never 'K', potassium) or of heterogeneity (Q, I², τ²),
# or a caption that says so; its r is pooled over studies, its p a random-effects z
META_COLUMN = re.compile(
    r"(?:^|\|)\s*(?:(?-i:k)|no\.? of studies|studies|I\s?2|I²|τ2|τ²|tau2|Q(?:[- ]test)?|Q \(p\))\s*(?:\||$)", re.I
)
META_CAPTION = re.compile(r"meta-analys[ie]s|random[- ]effects?|pooled (?:correlation|r\b|estimate)", re.I)
META_WHY = (
    "a meta-analysis table (r pooled over k studies): its p comes from a random-effects z and its N is the"
    " studies' total, not one sample's pairs: not checked"
)


def named_tails(text: str, tail: re.Pattern, stops: str) -> list[tuple[str, re.Match]]:
    """(name, tail match) for each match of ``tail`` in ``text`` with the words before it, back to
    the previous match or to the last of the ``stops`` characters: what a pattern '[^stops]*?tail'
    finds, in one pass (that pattern is quadratic over a long line without a tail).

    Examples
    --------
    >>> [(name, m.group(0)) for name, m in named_tails("RA (n = 42) PsA (n = 50)", re.compile(r"\\(n = \\d+\\)"), "()")]
    [('RA ', '(n = 42)'), (' PsA ', '(n = 50)')]
    """
    out = []
    previous = 0
    for m in tail.finditer(text):
        start = max(previous, max((text.rfind(c, previous, m.start()) for c in stops), default=-1) + 1)
        out.append((text[start : m.start()], m))
        previous = m.end()
    return out
