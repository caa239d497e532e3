"""HTML building blocks of the report: the inlined assets, escaped tables, full tables as print appendices."""

from __future__ import annotations

import html
from collections.abc import Sequence
from importlib import resources

import numpy as np
import pandas as pd


def _asset(name: str) -> str:
    return (resources.files("biocorr.report") / "assets" / name).read_text(encoding="utf-8")


CSS = _asset("report.css")
SORT_JS = _asset("sort.js")
FILTER_JS = _asset("filter.js")

e = html.escape


def html_table(
    frame: pd.DataFrame,
    numeric: Sequence[str] = (),
    sortable: bool = False,
    raw: dict[str, pd.Series] | None = None,
    row_classes: Sequence[str] | None = None,
    table_id: str | None = None,
    row_data: dict[str, Sequence[str]] | None = None,
) -> str:
    """An HTML table; ``raw`` gives sort keys for formatted numeric columns, ``row_data`` each
    row's ``data-*`` attributes (for the filter bars)."""
    cls = (' class="sortable"' if sortable else "") + (f' id="{table_id}"' if table_id else "")
    columns = list(frame.columns)
    head = "".join(f'<th class="num">{e(c)}</th>' if c in numeric else f"<th>{e(c)}</th>" for c in columns)
    # column by column (no per-row Series): each cell's text, its sort key and its class
    texts = [[e(str(v)) for v in frame[c].tolist()] for c in columns]
    keys = [
        [f' data-v="{float(k)!r}"' if k is not None and np.isfinite(k) else "" for k in raw[c].tolist()]
        if raw and c in raw
        else [""] * len(frame)
        for c in columns
    ]
    opens = ['<td class="num"' if c in numeric else "<td" for c in columns]
    attrs = [""] * len(frame)
    for i in range(len(frame)):
        klass = f' class="{row_classes[i]}"' if row_classes is not None and row_classes[i] else ""
        attrs[i] = klass + "".join(f' data-{k}="{e(str(v[i]))}"' for k, v in (row_data or {}).items())
    rows = [
        f"<tr{attrs[i]}>" + "".join(f"{opens[j]}{keys[j][i]}>{texts[j][i]}</td>" for j in range(len(columns))) + "</tr>"
        for i in range(len(frame))
    ]
    return f"<table{cls}><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


PRINT_ROWS = 60
"""Tables up to this many rows are printed whole; longer ones print ``print_html`` (or a note)."""


def appendix(table_html: str, csv_name: str, rows: int, print_html: str = "") -> str:
    """A table: scrollable on screen; in print the same table when it has at most
    :data:`PRINT_ROWS` rows, else ``print_html`` (a shorter table made for paper) and a note naming
    the CSV beside the report that holds every row."""
    if rows <= PRINT_ROWS and not print_html:
        return f"<div class='scroll'>{table_html}</div>"
    note = f"<p class='print-only note'>Every row ({rows}) is in {csv_name} beside this report.</p>"
    printed = f"<div class='print-only'>{print_html}</div>" if print_html else ""
    return f"<div class='scroll print-hide'>{table_html}</div>{printed}{note}"
