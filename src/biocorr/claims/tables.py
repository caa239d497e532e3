"""Correlation tables in pasted or pdftotext text: captions, headers, cells, star footnotes.

Two layouts are read, each from a caption line (``Table 2. ...``) to the first blank line
(footnotes right after the table are read too), with cells aligned by tabs or spaces or
between pipes (a Markdown table, which may follow its caption after one blank line):

- **one statement per row**: a header naming an r-like column (``r``, ``ρ``, ``rho``, ``rs``,
  ``τ``, ``Spearman's ρ``, ``coefficient``) and a ``p`` column, optionally ``n``/``N`` and
  ``95% CI``; several r/p column pairs (patients | controls) pair in order;
- **a matrix**: a header of variable names and rows of coefficients, significance by stars
  (``*``, ``**``, ``†`` defined by a footnote ``*p < .05``) or ``r (p)`` cells; a cell without
  a star is read as p above the largest starred threshold.

The method comes from the caption, header or footnotes (Spearman/ρ/rs, Kendall/τ, else
Pearson); n from an ``n`` column, else the caption (``n = 30``, ``30 patients``), else the one
sample size of the passage. Every table statement records ``n_source`` (column, caption,
passage) and ``table`` (the caption). A table that mentions correlations but cannot be laid
out is reported as unparsed with the reason.
"""

from __future__ import annotations

import re

from .adjusted import as_partial, corrected_test, estimate_test, p_not_from_r_and_n, partial_covariates
from .model import Claim, parse_number
from .sample_sizes import group_of
from .table_cells import (
    CELL,
    CI_CELL,
    CI_HEADER,
    DUAL_P_CELL,
    EMPTY_CELL,
    INLINE_STATEMENT,
    META_CAPTION,
    META_COLUMN,
    META_WHY,
    N_HEADER,
    OTHER_STATISTIC,
    P_HEADER,
    P_ROW,
    P_THEN_R,
    PIPE_RULE,
    R_HEADER,
    SHORT_HEADER,
    carry_spanned_labels,
    cells_of,
    fill_missing_groups,
    is_pipe_row,
    merge_cell_lines,
    merge_continuations,
    n_column,
    spaced_signs,
    split_row,
    stacked_rows,
    swap_p_r,
    triangle_pairs,
    unadjusted_slot,
    words_per_column,
)
from .table_claim import cell_claim
from .table_header import continued_names
from .table_inline import inline_cell_claims
from .table_lines import one_cell_per_line, unread_value_rows
from .table_notes import is_note, lettered_n, lettered_sizes, notes_after, span_end
from .table_ranges import column_ranges
from .table_sizes import SIZE_END, caption_n, label_n, named_n, sized_groups
from .table_units import sizes_in_order, unit_rows

CAPTION = re.compile(  # 'Table 2.', 'Table S3:', 'Tab. 4', 'Table III.' (Roman numerals, as many journals print)
    r"^[ \t]*(?:Table|Tab\.)\s*(?:[A-Z]?\d+[A-Za-z]?|(?=[IVXL])X{0,3}(?:IX|IV|V?I{0,3})(?![a-z]))\b[.:]?", re.I | re.M
)
# a line above the rows that says what every cell is, the columns unnamed ('Spearman's rank correlation coefficients')
KIND_TITLE = re.compile(r"\b(?:correlation\s+coefficients|(?:rho|ρ|r)\s+values)\s*$", re.I)
# a row label that swallowed a cell: 'r, n=62' ('Communication-0.40, n=61') or a starred value ('dimension0.56***')
GLUED_N_CELL = re.compile(r"\d*\.\d+,\s*n\s*=\s*\d|[A-Za-z]\d*\.\d+[*†‡§]")
COUNT_CELL = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")  # an n column's cell: '568', '25,948' (never a decimal comma)
STAR_LEGEND = re.compile(  # '*p < 0.05', and SPSS's '**Correlation is significant at the 0.01 level'
    r"(?P<mark>[*†‡§¶#°]+|\b[a-d]\b)\s*(?:=\s*)?(?:p(?:[- ]?values?)?\s*(?P<comp>[<≤])\s*|"
    r"(?:correlation\s+)?(?:is\s+)?significant\s+at\s+(?:the\s+)?(?:p\s*[<≤]?\s*)?)(?P<p>0?\.\d+)",
    re.I,
)


def _method(text: str) -> str:
    if re.search(r"spearman|ρ|\brho\b|\brs\b|r_s|rₛ", text, re.I):
        return "spearman"
    if re.search(r"kendall|τ|\btau\b", text, re.I):
        return "kendall"
    return "pearson"


def extract_table_claims(
    text: str, source: str, passage_n, bound=lambda pos: 0
) -> tuple[list, list, list[tuple[int, int, bool]]]:
    """Claims read from the tables of a text.

    Parameters
    ----------
    text : str
        Minus signs already normalised.
    source : str
    passage_n : callable
        ``passage_n(text, pos) -> (n, source, note)``: the passage's sample size, for a table
        whose caption and columns give none.
    bound : callable
        ``bound(pos) -> int``: every size the text gives around the table, added up. An n from the
        caption or the passage is the sample's, not necessarily the pair's (repeated measures
        give more pairs): a check fails there as an accusation only when no n up to this bound fits.

    Returns
    -------
    (found, unparsed, spans)
        ``found``: (claim, line, column, raw) tuples; ``unparsed``: (line, column, text,
        reason); ``spans``: (start, end, read) of each correlation table (read: it gave claims).

    Examples
    --------
    >>> t = "Table 2. Spearman correlations with TNF (n = 30)\\nScore  ρ  p\\nVAS  0.41  0.025\\nHADS  0.12  0.53\\n"
    >>> found, _, _ = extract_table_claims(t, "paper", lambda *a: (None, "", ""))
    >>> [(c.x, c.r.text, c.p.text, c.n, c.method) for c, *_ in found]
    [('VAS', '0.41', '0.025', 30, 'spearman'), ('HADS', '0.12', '0.53', 30, 'spearman')]
    """
    found: list = []
    unparsed: list = []
    spans: list[tuple[int, int, bool]] = []
    for cap in CAPTION.finditer(text):
        start = cap.start()
        end = text.find("\n\n", cap.end())
        end = len(text) if end < 0 else end
        look = end
        for _ in range(3):  # blank lines between the caption, its title, a line of column groups and the table
            if _has_rows(text[start:end]) or look >= len(text):
                break
            nxt = look + len(text[look:]) - len(text[look:].lstrip("\n"))
            look = text.find("\n\n", nxt)
            look = len(text) if look < 0 else look
            if _has_rows(text[nxt:look]):
                end = look
        run = None if _has_rows(text[start:end]) else one_cell_per_line(text, cap.end())
        if run is not None:  # a web table copied one cell per line: its rows rebuilt, each on its label's line
            end = run[0]
        # a note's mark alone on the block's last line ('a', its text 'P value<0.01' below) begins the notes
        elif (mark := re.search(r"\n[ \t]*[a-h*†‡§¶#]{1,2}[ \t]*$", text[start:end])) and mark.start() > 0:
            end = start + mark.start()
        # footnotes may follow one blank line after the body
        after = text[end:].lstrip("\n")
        foot_end = after.find("\n\n")
        foot = after[: foot_end if foot_end >= 0 else len(after)]
        first = foot.split("\n")[0]
        sizes_note = len(re.findall(r"\(\s*[nN]\s*=\s*\d+", first)) >= 2 and not INLINE_STATEMENT.search(first)
        if not sizes_note:  # a note of the groups' sizes ('All (n = 40); C (n = 20)'), else the note paragraphs
            foot = notes_after(after)
        block = text[start:end]
        lines = ["" if PIPE_RULE.match(line) else line for line in block.split("\n")]  # line numbers kept
        caption = lines[0]
        body = run[1] if run is not None else lines[1:]
        # a caption may run over several lines before the header: up to the first line with a number cell
        context = caption + " " + " ".join(line for line in body if not split_row(line)[1]) + " " + foot
        if not re.search(r"correlat|\br\b|ρ|rho|τ|tau|coefficient", context, re.I):
            continue
        claims, problems = _read_table(caption, body, foot, context)
        if corrected := corrected_test(after[: foot_end if foot_end >= 0 else len(after)]):  # a note below
            for claim_kw, _ in claims:  # 'p values were Bonferroni-corrected for 4 comparisons.'
                claim_kw["extra"].setdefault("p_not_from_r_and_n", corrected)
        if claims and (unread := unread_value_rows(body)):
            problems = [*problems, f"{unread} row(s) printing numbers whose cells could not be read: not read"]
        spans.append((start, span_end(text, start, end, len(text[end:]) - len(after), foot), bool(claims)))
        line0 = text.count("\n", 0, start) + 1
        n_pass, n_pass_source, _ = passage_n(text, start)
        for i, (claim_kw, row_line) in enumerate(claims, start=1):
            if (cell_n := claim_kw["extra"].pop("cell_n", None)) is not None and claim_kw.get("df") is None:
                claim_kw["n"], claim_kw["extra"]["n_source"] = cell_n, "cell"  # '0.45* (n=40)': printed with r
            k = claim_kw["extra"].get("partial", 0)
            unknown_test = k is True or "p_not_from_r_and_n" in claim_kw["extra"]
            if claim_kw.get("n") is None and claim_kw.get("df") is None and n_pass is not None and not unknown_test:
                claim_kw["n"], claim_kw["extra"]["n_source"] = n_pass, n_pass_source
                as_partial(claim_kw, k)
            if claim_kw["extra"]["n_source"] not in ("column", "cell", "header", "row group") and not group_of(
                claim_kw["extra"]["n_source"]
            ):
                claim_kw["extra"]["n_bound"] = bound(start)
            claim = Claim(id=f"{source}:{line0}:table:{i}", source=f"{source} line {line0 + row_line}", **claim_kw)
            found.append((claim, line0 + row_line, 1, claim.raw))
        for reason in problems:
            unparsed.append((line0, 1, caption.strip()[:80], reason))
    return found, unparsed, spans


def _has_rows(block: str) -> bool:
    """True when a block of lines holds a table row: a label followed by number cells."""
    return any(any(CELL.match(c) for c in split_row(line)[1]) for line in block.split("\n")[1:] if line.strip())


def _read_table(caption: str, body: list[str], foot: str, context: str) -> tuple[list, list[str]]:
    foot = " ".join([line for line in body if is_note(line)] + [foot])
    body = [line for line in body if not is_note(line)]
    if inline := inline_cell_claims(body, _method):  # 'ρ = 0.263 | 0.003': the p in the next cell
        size = caption_n(caption)  # a partial r prints its df ('r(122) = 0.168'): no covariates to count
        for row_kw, _ in inline:
            if size is not None and row_kw.get("n") is None and row_kw.get("df") is None:
                row_kw["n"], row_kw["extra"]["n_source"] = size, "caption"  # inferred: a row may be a subset
        read = {i for _, i in inline}
        after = range(min(read), len(body) + 1)  # rows below the first one read that print a coefficient too
        missed = sum(1 for i in after if i not in read and INLINE_STATEMENT.search(body[i - 1]))
        return inline, [f"{missed} row(s) printing a coefficient whose p could not be read: not read"] if missed else []
    if any(INLINE_STATEMENT.search(line) for line in body):  # 'r = 0.62,' / 'p = 0.010*' cells: read as text
        return [], []
    body = carry_spanned_labels(merge_continuations(merge_cell_lines(body)))
    rows = [(i + 1, *split_row(line)) for i, line in enumerate(body) if line.strip()]
    if any(GLUED_N_CELL.search(label) for _, label, _ in rows):  # 'Communication-0.40, n=615-150'
        return [], ["cells glued to their row labels ('r, n=...', 'label0.56***'): which value is whose cannot be told"]
    # a row of empty cells under a spanning group header ('| Patients (n = 14) | |') is a header, not data
    # 'Healthy n = 52 ... Whole group n = 267': a header of sizes, its last number no cell
    rows = [
        (i, label + " " + " ".join(cells), []) if SIZE_END.search(label) else (i, label, cells)
        for i, label, cells in rows
    ]
    data = spaced_signs(
        [(i, label, cells) for i, label, cells in rows if any(CELL.match(c) or DUAL_P_CELL.match(c) for c in cells)]
    )
    headers = [
        (i, body[i - 1]) for i, label, cells in rows if not any(CELL.match(c) or DUAL_P_CELL.match(c) for c in cells)
    ]
    if not data or not headers or headers[0][0] > data[0][0]:
        return [], ["a table about correlations whose header or rows could not be told apart"]
    # lines after the last row that hold no values are the table's notes ('Group 1 (n = 33) = ...')
    foot = " ".join([text for i, text in headers if i > data[-1][0]] + [foot])
    above_data = [h for h in headers if h[0] < data[0][0]]
    # the header is the last line above the rows that names r or p columns ('r  p  r  p'); lines
    # after it that hold only a label ('Patients') are row groups
    named = [  # a '|' line naming the r column ('| R (p-value, adjusted/unadjusted) |') too, not a title's word
        h
        for h in above_data
        if any(SHORT_HEADER.match(c) or (is_pipe_row(h[1]) and R_HEADER.match(c)) for c in cells_of(h[1]))
    ]
    header_i, header_text = named[-1] if named else above_data[-1]
    sized = [h for h in above_data if sized_groups(h[1])]  # 'RA (n = 42) PsA (n = 50)'
    if not named and sized and sized[-1][0] != header_i and len(cells_of(header_text)) <= 2:
        header_i, header_text = sized[-1]  # the lines after it that hold only a phrase are row groups
    row_groups = {  # a line that holds nothing but its label ('Patients', '| Controls (n = 20) | | |')
        i: label
        for i, label, _ in rows
        if i > header_i
        and re.sub(r"[|\s]", "", body[i - 1]) == re.sub(r"\s", "", label)
        and (not is_pipe_row(body[i - 1]) or sum(c != "–" for c in cells_of(body[i - 1])) <= 1)  # several cells: a row
    }
    names = cells_of(header_text)
    if sized_groups(header_text):
        names = sized_groups(header_text)
    width = max(len(c) for _, _, c in data)
    title = len(re.split(r"\t|\s{2,}|\|", header_text.strip())) == 1  # one phrase, or cells apart by single spaces
    columns = continued_names(names, width)[-width:] if len(names) >= width else names
    if title and width >= 2 and len(names) >= width + 2 and not KIND_TITLE.search(header_text):
        columns = words_per_column(names, width)  # 'Plasma TNF-α Plasma IL-10 ...': names of several words
    method = _method(context)
    caption_size = caption_n(caption + " " + " ".join(line for i, line in headers if i <= header_i))  # title lines too
    # a table of univariate (unadjusted) next to adjusted associations: its r column is the univariate one
    two_kinds = re.search(r"\b(?:univariate|unadjusted|bivariate|crude)\b", context, re.I)
    partial_k = 0 if two_kinds and not re.search(r"\bpartial\b", context, re.I) else partial_covariates(context)
    other_test = p_not_from_r_and_n(context)  # weighted data, or p-values corrected for multiple comparisons
    legend = {m["mark"]: (m["p"], m["comp"] or "<") for m in STAR_LEGEND.finditer(foot + " " + caption)}
    if META_COLUMN.search(" | ".join(names)) or META_CAPTION.search(caption):
        return [], [META_WHY]  # a pooled r over k studies: its p is a random-effects z, not a t test at N - 2
    r_cols = [k for k, c in enumerate(columns) if R_HEADER.match(c.strip())]
    if title and KIND_TITLE.search(header_text) and not named:  # 'Spearman's rank correlation
        r_cols, columns = list(range(width)), [""] * width  # coefficients' over unnamed columns: every cell an r
    p_cols = [k for k, c in enumerate(columns) if P_HEADER.match(c.strip())]
    ci_cols = [k for k, c in enumerate(columns) if CI_HEADER.search(c) and k not in r_cols]
    n_cols = [k for k, c in enumerate(columns) if N_HEADER.match(c.strip())]
    if not n_cols and len(names) > width and names and N_HEADER.match(re.sub(r"\s*\(.*\)$", "", names[0]).strip()):
        n_cols = [0]  # 'n (%) Cortisol mean s.d. r p-value': the n column first, the others by their ends
    out: list = []
    problems: list[str] = []
    if r_cols and len(columns) == width:
        groups = _column_groups(headers, header_i, len(r_cols))
        notes = caption + " " + foot  # 'All (n = 40); patients (n = 20)': sizes by group name
        group_n = [caption_n(g) or named_n(g, notes) for g in groups]
        lettered = lettered_sizes(foot)  # 'a' / 'Global Functioning analyses, n = 142.' under the table
        row_group = ""
        skipped = 0
        step = r_cols[1] - r_cols[0] if len(r_cols) > 1 else 0
        dual, undecided = unadjusted_slot(header_text), 0  # 'r (p adjusted/unadjusted)': which p is r's own
        grouped = len(r_cols) > 1 and r_cols[0] < step and r_cols == list(range(r_cols[0], width, step))
        for i, label, cells in sorted(data + [(i, t, []) for i, t in row_groups.items()]):
            if i in row_groups:
                row_group = label
                continue
            if len(cells) != width and not is_pipe_row(body[i - 1]):
                skipped += 1  # cells apart by spaces that do not line up: which value is whose cannot be told
                continue
            if grouped and is_pipe_row(body[i - 1]):
                cells = fill_missing_groups(cells, width, step)  # 'N/A' for all of a group's cells
                if len(cells) == len(r_cols) < width:  # '| Sex | .15 | .23 | .61 | ||||': one value per group,
                    skipped += 1  # the rest empty: merged cells (another test's p), not each group's r and p
                    continue
            cells = cells + [""] * (width - len(cells))
            row_n = (
                caption_n(row_group) or named_n(row_group, notes) or lettered_n(row_group, lettered)
                if row_group
                else None
            )
            for g, rk in enumerate(r_cols):
                if p_cols and p_cols[0] < rk and p_cols[0] < r_cols[0]:  # 'p r p r': each r's p is before it
                    pk = next((k for k in reversed(p_cols) if k < rk and (g == 0 or k > r_cols[g - 1])), None)
                else:
                    pk = next((k for k in p_cols if k > rk and (g + 1 == len(r_cols) or k < r_cols[g + 1])), None)
                nk = n_column(n_cols, r_cols, g)
                y = " ".join(t for t in (groups[g], f"({row_group})" if row_group else "") if t)
                kw = cell_claim(label, y, cells[rk], cells[pk] if pk is not None else "", legend, method, dual=dual)
                if kw is None:
                    undecided += bool(DUAL_P_CELL.match(cells[rk].strip()))
                    continue
                # the interval right after r (or after its p): not one after a slope's or an odds ratio's column
                ck = next((k for k in ci_cols if k > rk and all(j in p_cols for j in range(rk + 1, k))), None)
                if ck is not None and (ci := CI_CELL.match(cells[ck].strip())):  # '(0.15 to 0.82)' beside r
                    kw["ci_low"], kw["ci_high"] = parse_number(ci.group("lo")), parse_number(ci.group("hi"))
                    kw["ci_level"] = (
                        float(lv.group(1)) / 100 if (lv := re.search(r"(\d{2})\s?%", columns[ck])) else 0.95
                    )
                if nk is not None and COUNT_CELL.fullmatch(cells[nk]):
                    kw["n"], kw["extra"]["n_source"] = int(cells[nk].replace(",", "")), "column"
                elif row_n is not None and len(r_cols) == 1:  # one column group is the whole table: the row's own n
                    kw["n"], kw["extra"]["n_source"] = row_n, "row group"
                elif group_n[g] is not None:
                    kw["n"], kw["extra"]["n_source"] = group_n[g], "header"
                elif row_n is not None:
                    kw["n"], kw["extra"]["n_source"] = row_n, "row group"
                elif (label_size := label_n(label, notes, groups[g])) is not None:
                    kw["n"], kw["extra"]["n_source"] = label_size, "row label"  # 'BD0' with 'BD0 (n = 10)' in a note
                elif caption_size is not None:
                    kw["n"], kw["extra"]["n_source"] = caption_size, "caption"
                # 'r | β | p' and 'β | SE | p | r': a p beside another estimate is that estimate's test
                start = (r_cols[g - 1] + 1 if g else 0) if pk is not None and pk < rk else rk + 1
                between = " ".join(columns[start:pk]) if pk is not None else ""
                out.append((as_partial(kw, partial_k, other_test or estimate_test(between)), i))
        if skipped:
            problems.append(f"{skipped} row(s) whose cells do not line up with the header: not read")
        if undecided:
            problems.append(f"{undecided} cell(s) 'r (p/p)' whose header does not say which p is unadjusted: not read")
        return out, problems
    following = [(i, body[i - 1]) for i in range(header_i + 1, len(body) + 1) if body[i - 1].strip()]
    if units := unit_rows(header_text, following):  # cells apart by single spaces: read by units
        above = [text for i, text in headers if i < header_i]
        sizes = sizes_in_order(above[-1]) if above else []
        n_groups = 1 + max(unit[3] for unit in units)
        sizes = sizes if len(sizes) == n_groups and n_groups > 1 else []
        for i, row_group, label, g, r_unit, p_unit, n_unit in units:
            r_text = re.sub(r"^([-−–])\s+", r"\1", r_unit.split("(")[0].split("[")[0].strip())
            group_names = (f"group {g + 1}" if n_groups > 1 else "", f"({row_group})" if row_group else "")
            y = " ".join(t for t in group_names if t)
            kw = cell_claim(label, y, r_text, p_unit, legend, method)
            if kw is None:
                continue
            if COUNT_CELL.fullmatch(n_unit):
                kw["n"], kw["extra"]["n_source"] = int(n_unit.replace(",", "")), "column"
            elif sizes:
                kw["n"], kw["extra"]["n_source"] = sizes[g], "header"
            elif caption_size is not None:
                kw["n"], kw["extra"]["n_source"] = caption_size, "caption"
            out.append((as_partial(kw, partial_k, other_test), i))
        return out, problems
    if r_cols or p_cols:
        return [], ["a table with r/p columns whose rows do not line up with the header"]
    # 'X r ...' then 'p-value ...' (then 'N ...') under it; the column names are the last line above the
    # rows with a cell per column (the lines naming a variable between them hold one cell)
    lined = [cells_of(t) for _, t in above_data if not re.fullmatch(r"[|:\-\s]*", t)]
    if stacked := stacked_rows(rows, next((c for c in reversed(lined) if len(c) in (width, width + 1)), columns)):
        for i, x, y, r_cell, p_cell, n_cell in stacked:
            kw = cell_claim(x, y, r_cell, p_cell, legend, method)
            if kw is None:
                continue
            if COUNT_CELL.fullmatch(n_cell):
                kw["n"], kw["extra"]["n_source"] = int(n_cell.replace(",", "")), "column"
            elif caption_size is not None:
                kw["n"], kw["extra"]["n_source"] = caption_size, "caption"
            out.append((as_partial(kw, partial_k, other_test), i))
        return out, problems
    if any(P_ROW.match(label) for _, label, cells in data):
        return [], ["a table with rows of p-values that do not follow rows of coefficients"]
    if triangle := triangle_pairs(data):  # a lower triangle whose cells are 'r' then 'p'
        for i, x, y, r_cell, p_cell in triangle:
            kw = cell_claim(x, y, r_cell, p_cell, legend, method)
            if kw is None:
                continue
            if caption_size is not None:
                kw["n"], kw["extra"]["n_source"] = caption_size, "caption"
            out.append((as_partial(kw, partial_k, other_test), i))
        return out, problems
    # a matrix: every numeric cell is a coefficient of (row, column); 'a (b)' is r (p) unless the header
    # says p (r); a negative value in brackets is no p, so without that header no pair is read
    bracketed = [m for _, _, cells in data for c in cells if (m := CELL.match(c.strip())) and m.group("paren")]
    if bracketed and P_THEN_R.search(caption + " " + " ".join(t for i, t in headers if i < data[0][0])):
        data = [(i, label, [swap_p_r(c) for c in cells]) for i, label, cells in data]
    elif any(parse_number(m.group("paren")).value < 0 for m in bracketed):
        return [], [
            "cells 'a (b)' with a negative value in brackets: not an r with its p, and no header says which is which"
        ]
    if OTHER_STATISTIC.search(caption + " " + foot) and any(
        (m := CELL.match(c.strip())) and "." in m.group("num") and abs(float(m.group("num"))) > 1
        for _, _, cells in data
        for c in cells
    ):  # 'chi-square among the categorical traits': a cell 184.9 is no r, and a .3 beside it may be none
        return [], ["a matrix whose notes name another statistic and whose cells exceed 1: statistics mixed, not read"]
    if len(columns) != width:
        columns = [f"column {k + 1}" for k in range(width)]
    if any(re.search(r"[*†‡§¶#]", c) for _, _, cells in data for c in cells) and not legend:
        problems.append("stars in the table but no footnote saying which p they mean: significance not read")
    # 'RA (n = 42)': a column group's own size; 'HAQ (clinical remission)' sized by a note
    column_n = [caption_n(c) or (named_n(c, caption + " " + foot) if "(" in c else None) for c in columns]
    ranged = column_ranges(header_text, width, names)  # 'A (n ranged from 175 to 181)': each n of the range
    if ranged:
        columns = [name for name, *_ in ranged]
    row_group = ""
    for i, label, cells in sorted(data + [(i, t, []) for i, t in row_groups.items()]):
        if i in row_groups:
            row_group = label
            continue
        for k, cell in enumerate(cells):
            if k >= len(columns) or label.strip() == columns[k].strip():
                continue
            y = columns[k] + (f" ({row_group})" if row_group else "")
            kw = cell_claim(label, y, cell, "", legend, method, matrix=True)
            if kw is None:
                continue
            if ranged:
                _, lo, hi, ambiguous = ranged[k]
                kw["n"], kw["extra"]["n_source"], kw["extra"]["n_range"] = hi, "header range", (lo, hi)
                kw["extra"]["n_range_ambiguous"] = ambiguous
            elif column_n[k] is not None:
                kw["n"], kw["extra"]["n_source"] = column_n[k], "header"
            elif caption_size is not None:
                kw["n"], kw["extra"]["n_source"] = caption_size, "caption"
            out.append((as_partial(kw, partial_k, other_test), i))
    return out, problems


def _column_groups(headers: list[tuple[int, str]], header_i: int, k: int) -> list[str]:
    """Names of k column groups (``Patients (n = 14)   Controls (n = 10)``) from the line above the header."""
    above = [label for i, label in headers if i < header_i and label.strip(" |")]  # not a row of bare pipes
    if above:
        names = [c for c in cells_of(above[-1]) if c and not EMPTY_CELL.match(c)]  # spanned cells are empty
        if len(names) == k + 1 or (len(names) > k and is_pipe_row(above[-1])):
            names = names[-k:]  # the row-label columns' own headers ('Variable', 'Treatment') come first
        if len(names) == k:
            return names
    return [""] * k
