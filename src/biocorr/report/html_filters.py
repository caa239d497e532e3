"""Filter bars for the report's long tables: tabs by kind, selects by method/subset/variable.

The table rows carry ``data-*`` attributes (escaped here); ``assets/filter.js`` shows the rows
whose attributes equal every chosen value. Without JavaScript (or in print) every row shows.
Rows are ordered by evidence first: adjusted p, then p, undefined last.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .html_table import e

KIND_TITLES = {
    "classical": "Classical",
    "robust": "Robust",
    "partial": "Partial",
    "detected": "Detected only",
    "repeated": "Repeated measures",
}


def evidence_order(p_adjusted: pd.Series, p: pd.Series) -> np.ndarray:
    """Row positions by adjusted p, then p (undefined last; ties keep the table's order).

    Examples
    --------
    >>> evidence_order(pd.Series([0.5, np.nan, 0.01, 0.5]), pd.Series([0.2, 0.3, 0.001, 0.1])).tolist()
    [2, 3, 0, 1]
    """
    adj = p_adjusted.to_numpy(float)
    raw = p.to_numpy(float)
    return np.lexsort((np.arange(len(adj)), np.nan_to_num(raw, nan=np.inf), np.nan_to_num(adj, nan=np.inf)))


def filter_bar(
    table_id: str,
    tabs: tuple[str, Sequence[tuple[str, str, int]], str] | None,
    selects: Sequence[tuple[str, str, Sequence[tuple[str, str]], str]],
    significant: bool = True,
) -> str:
    """The controls above a table.

    Parameters
    ----------
    table_id : str
        The ``id`` of the table they filter.
    tabs : (attribute, [(value, title, rows)], default value), optional
        One button per value; exactly one is selected.
    selects : [(attribute, label, [(value, text)], default value)]
        A drop-down each, with an "all" entry ('*').
    significant : bool
        Add an "adjusted p < .05 only" check box (rows with class ``sig``).

    Examples
    --------
    >>> html = filter_bar("t", ("kind", [("classical", "Classical", 3)], "classical"),
    ...                   [("method", "method", [("spearman", "Spearman <&>")], "spearman")])
    >>> 'aria-selected="true"' in html and "Spearman &lt;&amp;&gt;" in html and 'selected>Spearman' in html
    True
    """
    parts = [f'<div class="filters print-hide" data-table="{e(table_id)}">']
    if tabs is not None:
        key, values, default = tabs
        parts.append('<span class="tabs" role="group">')
        for value, title, rows in values:
            chosen = "true" if value == default else "false"
            parts.append(
                f'<button type="button" class="tab" name="{e(key)}" value="{e(value)}" '
                f'aria-selected="{chosen}">{e(title)} ({rows})</button>'
            )
        parts.append("</span>")
    for key, label, options, default in selects:
        items = [f'<option value="*"{" selected" if default == "*" else ""}>every {e(label)}</option>']
        items += [
            f'<option value="{e(value)}"{" selected" if value == default else ""}>{e(text)}</option>'
            for value, text in options
        ]
        parts.append(f'<label>{e(label)} <select name="{e(key)}">{"".join(items)}</select></label>')
    if significant:
        parts.append('<label><input type="checkbox" name="significant"> adjusted p &lt; .05 only</label>')
    parts.append('<span class="count"></span></div>')
    return "".join(parts)
