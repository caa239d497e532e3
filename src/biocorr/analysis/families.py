"""Multiple-testing families: how tests are grouped for adjustment, and the adjustment of a table."""

from __future__ import annotations

import pandas as pd

from ..stats.multiplicity import adjust_by_family

FAMILY_SCHEMES = ("method-subset", "method", "all")


def family_name(method: str, subset: str, scheme: str) -> str:
    """Name of the multiple-testing family a correlation belongs to.

    Parameters
    ----------
    method, subset : str
        The row's method and subset.
    scheme : {'method-subset', 'method', 'all'}
        The spec's ``[analysis] family``.

    Examples
    --------
    >>> family_name("spearman", "all", "method-subset")
    'spearman correlations, subset all'
    """
    if scheme == "method-subset":
        return f"{method} correlations, subset {subset}"
    if scheme == "method":
        return f"{method} correlations, all subsets"
    return "all correlations"


def adjust_table(table: pd.DataFrame, method: str) -> pd.DataFrame:
    """A copy of a test table with ``p_adjusted``, ``adjust_method`` and ``family_size`` filled per ``family``.

    References
    ----------
    Holm S (1979). A simple sequentially rejective multiple test procedure. *Scand J Stat* 6,
    65-70. Benjamini Y, Hochberg Y (1995). *J R Stat Soc B* 57, 289-300.

    Examples
    --------
    >>> t = pd.DataFrame({"p": [0.01, 0.04, 0.03], "family": ["f", "f", "g"]})
    >>> adjust_table(t, "holm")[["p_adjusted", "family_size"]].values.tolist()
    [[0.02, 2.0], [0.04, 2.0], [0.03, 1.0]]
    """
    if table.empty:
        return table
    table = table.copy()
    table["p_adjusted"] = adjust_by_family(table, method)
    table["adjust_method"] = method
    table["family_size"] = table.groupby("family")["p"].transform("count").astype(int)
    return table
