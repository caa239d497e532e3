"""Table 1 (descriptives by group) as a DataFrame, in the tableone / gtsummary convention.

Numeric variables: mean (SD); median [Q1, Q3]; n with a value. Categorical variables: n (%) of
each level among those with a value. Groups first, then all subjects; in long data one block
per visit. Used by the HTML report and the Word tables.
"""

from __future__ import annotations

import pandas as pd

from ..analysis import Results
from ..format import count_cell, describe_cell


def table_one(results: Results) -> pd.DataFrame:
    """One row per variable (``variable``, ``role``), one column per subset (groups, then all).

    Examples
    --------
    >>> from biocorr import analyze, datasets
    >>> t = table_one(analyze(datasets.load("hivsn")))
    >>> list(t.columns[:2]), t.columns[-1]
    (['variable', 'role'], 'all')
    """
    d = results.descriptives
    subsets = list(dict.fromkeys(d["subset"]))
    study = results.study
    if study.visits:  # long data: one block per visit
        blocks = [[s for s in subsets if s == v or s.startswith(f"{v}: ")] for v, _ in study.visit_rows()]
    else:
        blocks = [subsets]
    order = [s for block in blocks for s in block[1:] + block[:1]]  # groups first, then all
    masks = dict(study.subsets(("all", "by-group")))
    rows = []
    for var in results.study.spec.variables:
        sub = d[d.variable == var.column].set_index("subset")
        row = {"variable": var.display, "role": var.role}
        for s in order:
            r = sub.loc[s]
            if var.categorical:  # n (%) of each level, as tableone / gtsummary
                row[s] = count_cell(study.data.loc[masks[s], var.column].dropna().astype(str))
            else:
                row[s] = describe_cell(r["mean"], r["sd"], r["median"], r["q1"], r["q3"], int(r["n"]))
        rows.append(row)
    return pd.DataFrame(rows)
