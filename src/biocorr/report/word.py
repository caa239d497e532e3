"""``tables.docx``: the tables a manuscript needs, in APA style, ready to paste into Word.

Table 1 (descriptives by group, :func:`~biocorr.report.table_one.table_one`), the primary
method's correlations of every biomarker with every score (n, estimate [CI] and adjusted p for
each subset side by side) and, with groups, the group comparisons. APA 7 layout (American
Psychological Association, *Publication Manual*, 7th ed., 2020, sections 7.8-7.21): the table
number in bold, the title in italics, horizontal rules only (above and below the header, below
the body), no leading zero on r and p, p < .001 and p > .999 at the ends, a *Note.* under each
table naming the method, the CI, the adjustment and its family. Written with python-docx.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..analysis import Results
from ..data.write import xml_safe
from ..format import fmt_ci_level, fmt_p_apa, fmt_r
from ..stats.methods import ALPHA, method_info, method_label
from ..stats.multiplicity import ADJUST_METHODS
from .result_tables import group_cells
from .table_one import table_one


def apa_table_p(p: float) -> str:
    """A p-value for an APA table cell: '.032', '< .001', '> .999', '—'.

    Examples
    --------
    >>> apa_table_p(0.0321), apa_table_p(0.0004), apa_table_p(1.0), apa_table_p(float("nan"))
    ('.032', '< .001', '> .999', '—')
    """
    return fmt_p_apa(p, "").removeprefix(" = ").strip()


MAX_SIDE_BY_SIDE = 3  # subsets shown as column groups; more (visits × groups) get a Subset column


def _cells(rows: pd.DataFrame) -> tuple[list[str], list[str], list[str]]:
    """n, 'estimate* [low, high]' and APA adjusted p of correlation rows (* adjusted p < .05)."""
    star = ["*" if p < ALPHA else "" for p in rows["p_adjusted"].fillna(1.0)]
    n = [str(int(v)) if v == v else "—" for v in rows["n"]]
    bounds = zip(rows["estimate"], star, rows["ci_low"], rows["ci_high"])
    est = [f"{fmt_r(r)}{s} [{fmt_r(lo)}, {fmt_r(hi)}]" if r == r else "—" for r, s, lo, hi in bounds]  # no test: a dash
    return n, est, [apa_table_p(p) for p in rows["p_adjusted"]]


def correlation_table(results: Results, method: str | None = None) -> pd.DataFrame:
    """One method's rows (default: the primary) as an APA table.

    Up to three subsets side by side (Biomarker, Score, then n, estimate [CI] and adjusted p per
    subset); more (each visit of long data, by group) one row per subset with a Subset column.
    An adjusted p below .05 is marked with an asterisk after the estimate.

    Examples
    --------
    >>> from biocorr import analyze, datasets
    >>> t = correlation_table(analyze(datasets.load("hivsn")))
    >>> list(t.columns[:4])
    ['Biomarker', 'Score', 'all: n', 'all: rₛ [95% CI]']
    """
    c = results.correlations
    method = method or results.study.spec.analysis.primary_method
    rows = c[c["method"] == method]
    opts = results.study.spec.analysis
    x_role, y_role = (role[0].upper() + role[1:] for role in results.study.spec.pair_roles)  # 'Score', 'With score'
    head = f"{method_info(method).symbol} [{fmt_ci_level(opts.confidence, opts.alternative)} CI]"
    subsets = list(dict.fromkeys(rows["subset"]))
    if len(subsets) > MAX_SIDE_BY_SIDE:
        n, est, p = _cells(rows)
        return pd.DataFrame({"Subset": rows["subset"].astype(str).to_numpy(), x_role: rows["x_label"].to_numpy(),
                             y_role: rows["y_label"].to_numpy(), "n": n, head: est, "p adj.": p})  # fmt: skip
    out = rows[["x", "y", "x_label", "y_label"]].drop_duplicates(["x", "y"]).reset_index(drop=True)
    table = pd.DataFrame({x_role: out["x_label"], y_role: out["y_label"]})
    for subset in subsets:
        sub = rows[rows["subset"] == subset].set_index(["x", "y"]).reindex(pd.MultiIndex.from_frame(out[["x", "y"]]))
        table[f"{subset}: n"], table[f"{subset}: {head}"], table[f"{subset}: p adj."] = _cells(sub)
    return table


def group_table(results: Results) -> pd.DataFrame:
    """The group comparisons as an APA table (variable, n, test, statistic, effect size [CI], p, p adj.).

    Examples
    --------
    >>> from biocorr import analyze, datasets
    >>> group_table(analyze(datasets.load("hivsn"))).columns.tolist()[:3]
    ['Variable', 'Groups', 'n']
    """
    return group_cells(results.group_comparisons, apa_table_p)


def _rules(table) -> None:
    """APA rules: a line above and below the header row and below the last row, nothing else."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def border(cell, *edges: str) -> None:
        props = cell._tc.get_or_add_tcPr()
        borders = OxmlElement("w:tcBorders")
        for edge in edges:
            line = OxmlElement(f"w:{edge}")
            line.set(qn("w:val"), "single")
            line.set(qn("w:sz"), "6")
            line.set(qn("w:color"), "000000")
            borders.append(line)
        props.append(borders)

    last = len(table.rows) - 1
    for i, row in enumerate(table.rows):
        edges = (("top", "bottom") if i == 0 else ()) + (("bottom",) if i == last and i > 0 else ())
        if edges:
            for cell in row.cells:
                border(cell, *edges)


def _repeat_header(table) -> None:
    """The header row repeats at the top of every page the table runs onto (Word's 'tblHeader')."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(flag)


def _fit_widths(document, table, cells: list) -> None:
    """Column widths in proportion to their longest text (a word never broken across lines while a
    wider column has room), within the page's text width."""
    section = document.sections[-1]
    available = section.page_width - section.left_margin - section.right_margin
    longest = [
        max(max((len(w) for w in cells[i][j].text.split()), default=1) * 1.6, min(len(cells[i][j].text), 28))
        for j in range(len(cells[0]))
        for i in range(len(cells))
    ]
    columns = len(cells[0])
    need = [max(longest[j * len(cells) : (j + 1) * len(cells)]) + 2 for j in range(columns)]
    table.autofit = False
    for j, width in enumerate(need):
        share = int(available * width / sum(need))
        for row in cells:
            row[j].width = share


def _add_table(document, number: int, title: str, frame: pd.DataFrame, note: str) -> None:
    from docx.shared import Pt

    heading = document.add_paragraph()
    heading.add_run(f"Table {number}").bold = True
    document.add_paragraph().add_run(xml_safe(title)).italic = True
    table = document.add_table(rows=len(frame) + 1, cols=frame.shape[1])
    cells = [row.cells for row in table.rows]  # once: python-docx looks cells up by walking the XML
    for j, name in enumerate(frame.columns):
        cells[0][j].text = xml_safe(str(name))
    for i, values in enumerate(frame.itertuples(index=False), start=1):
        for j, value in enumerate(values):
            cells[i][j].text = xml_safe(str(value))
    for row in cells:
        for cell in row:
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(9)
    _rules(table)
    _repeat_header(table)
    _fit_widths(document, table, cells)
    paragraph = document.add_paragraph()
    paragraph.add_run("Note. ").italic = True
    paragraph.add_run(xml_safe(note))


def write_word_tables(results: Results, path: str | Path) -> Path:
    """Write ``tables.docx``: Table 1, the primary method's correlations and the group comparisons.

    Parameters
    ----------
    results : Results
    path : path of the .docx to write

    Returns
    -------
    Path

    References
    ----------
    American Psychological Association (2020). *Publication Manual*, 7th ed., sections 7.8-7.21.

    Examples
    --------
    >>> import tempfile, docx
    >>> from biocorr import analyze, datasets
    >>> p = write_word_tables(analyze(datasets.load("hivsn")), Path(tempfile.mkdtemp()) / "tables.docx")
    >>> len(docx.Document(p).tables)
    3
    """
    import docx

    spec = results.study.spec
    opts = spec.analysis
    method = opts.primary_method
    level = fmt_ci_level(opts.confidence, opts.alternative)
    document = docx.Document()
    correlations = correlation_table(results)
    within = correlation_table(results, "rmcorr") if (results.correlations["method"] == "rmcorr").any() else None
    if max(correlations.shape[1], 0 if within is None else within.shape[1]) > 7:  # subsets side by side: landscape
        from docx.enum.section import WD_ORIENT

        section = document.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    _add_table(
        document,
        1,
        "Characteristics of the Participants",
        table_one(results),
        "Mean (SD); median [Q1, Q3]; n with a value. Categorical variables: n (%) of each level among those "
        "with a value.",
    )
    info = method_info(method)
    adjusted = "p not adjusted"
    if opts.adjust != "none":
        adjusted = f"p adjusted by the {ADJUST_METHODS[opts.adjust][1]} method"
    family = {"method-subset": "each method and subset", "method": "each method", "all": "all tests"}.get(
        opts.family, opts.family
    )
    _add_table(
        document,
        2,
        f"{method_label(method)} {_pairs_title(results.study.spec.among)}",
        correlations,
        f"{method_label(method)}; {level} CI by {info.ci_method}; {adjusted} within {family}. *Adjusted p < .05.",
    )
    number = 3
    if within is not None:  # long data: the within-subject association over all visits
        _add_table(
            document,
            number,
            "Repeated-Measures Correlations Over All Visits",
            within,
            f"Repeated-measures correlation (Bakdash & Marusich, 2017); {level} CI by "
            f"{method_info('rmcorr').ci_method}; {adjusted}. *Adjusted p < .05.",
        )
        number += 1
    if not results.group_comparisons.empty:
        _add_table(
            document,
            number,
            "Group Comparisons",
            group_table(results),
            f"Differences and effect sizes are the first group minus the second; {adjusted} within each test type.",
        )
    path = Path(path)
    document.save(str(path))
    return path


def _pairs_title(among: str | None) -> str:
    """What the correlation table pairs, as its APA title ends.

    Examples
    --------
    >>> _pairs_title(None), _pairs_title("score")
    ('Between Each Biomarker and Each Clinical Score', 'Between Each Pair of Clinical Scores')
    """
    if among is None:
        return "Between Each Biomarker and Each Clinical Score"
    return "Between Each Pair of " + ("Clinical Scores" if among == "score" else "Biomarkers")
