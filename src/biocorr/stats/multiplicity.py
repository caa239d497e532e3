"""Multiple-testing adjustment over explicit families of tests.

A *family* is the set of tests whose p-values are adjusted together. biocorr
names every family in its tables (column ``family``), so a reader can see what
was corrected for. Holm, Benjamini-Hochberg and Bonferroni are R's ``p.adjust``
formulas in numpy, a few lines each: statsmodels' ``multipletests`` gives the same
values (to 2e-16) but importing it costs ~0.5 s of every command's start-up, and its
Holm branch calls ``gc.collect()`` on every call. All three equal R's ``p.adjust``
(checked in the tests, ties and zeros included); missing p-values are left out of the
family, as ``p.adjust`` does with NA.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from .options import ADJUST_ALIASES, ADJUST_METHODS, check_adjust

__all__ = ["ADJUST_ALIASES", "ADJUST_METHODS", "adjust_by_family", "adjust_p", "normalise_adjust_method"]

normalise_adjust_method = check_adjust  # the 0.2 name


def adjust_p(p, method: str = "holm") -> np.ndarray:
    """Adjust p-values for multiple testing, as R's ``p.adjust``.

    Parameters
    ----------
    p : array-like of float
        p-values of one family; NaN entries are ignored and stay NaN.
    method : {'holm', 'bh', 'bonferroni', 'none'}

    Returns
    -------
    ndarray
        Adjusted p-values in the input order.

    References
    ----------
    Holm S (1979). *Scand J Stat* 6, 65-70. Benjamini Y, Hochberg Y (1995).
    *J R Stat Soc B* 57, 289-300.

    Examples
    --------
    >>> adjust_p([0.01, 0.04, 0.03, np.nan], "holm")
    array([0.03, 0.06, 0.06,  nan])
    """
    key = normalise_adjust_method(method)
    p = np.asarray(p, float)
    out = np.full(p.shape, np.nan)
    ok = ~np.isnan(p)
    if not ok.any():
        return out
    steps: dict[str, Callable[[np.ndarray], np.ndarray]] = {
        "holm": holm_step_down,
        "bh": bh_step_up,
        "bonferroni": bonferroni,
        "none": np.asarray,
    }
    out[ok] = steps[key](p[ok])
    return out


def holm_step_down(p: np.ndarray) -> np.ndarray:
    """Holm's adjusted p-values: the running maximum of (m - i + 1) p_(i) over the sorted p, capped at 1.

    Reference: Holm S (1979). A simple sequentially rejective multiple test procedure.
    *Scand J Stat* 6, 65-70 (R ``p.adjust(method = "holm")``).

    Examples
    --------
    >>> holm_step_down(np.array([0.01, 0.04, 0.03])).tolist()
    [0.03, 0.06, 0.06]
    """
    m = len(p)
    order = np.argsort(p, kind="stable")
    adjusted = np.minimum(1.0, np.maximum.accumulate((m - np.arange(m)) * p[order]))
    out = np.empty(m)
    out[order] = adjusted
    return out


def bh_step_up(p: np.ndarray) -> np.ndarray:
    """Benjamini-Hochberg adjusted p-values, R's formula: the running minimum of m / i * p_(i) from
    the largest p down, capped at 1.

    Reference: Benjamini Y, Hochberg Y (1995). *J R Stat Soc B* 57, 289-300 (R ``p.adjust(method =
    "BH")``: ``pmin(1, cummin(n / i * p[o]))[ro]`` with ``o`` the decreasing order).

    Examples
    --------
    >>> bh_step_up(np.array([0.01, 0.04, 0.03])).tolist()
    [0.03, 0.04, 0.04]
    """
    m = len(p)
    order = np.argsort(-p, kind="stable")  # decreasing; tied p-values end equal whatever their order
    i = m - np.arange(m)
    adjusted = np.minimum(1.0, np.minimum.accumulate(m / i * p[order]))
    out = np.empty(m)
    out[order] = adjusted
    return out


def bonferroni(p: np.ndarray) -> np.ndarray:
    """Bonferroni adjusted p-values, ``min(1, m p)`` (R ``p.adjust(method = "bonferroni")``).

    Examples
    --------
    >>> bonferroni(np.array([0.01, 0.4])).tolist()
    [0.02, 0.8]
    """
    return np.minimum(1.0, len(p) * p)


def adjust_by_family(table: pd.DataFrame, method: str, p_column: str = "p", family_column: str = "family") -> pd.Series:
    """Adjust ``table[p_column]`` separately within each value of ``family_column``.

    Examples
    --------
    >>> t = pd.DataFrame({"p": [0.01, 0.02, 0.04], "family": ["a", "a", "b"]})
    >>> adjust_by_family(t, "bonferroni").tolist()
    [0.02, 0.04, 0.04]
    """
    p = table[p_column].to_numpy(float)
    out = np.full(len(table), np.nan)
    for positions in table.groupby(family_column, sort=False).indices.values():
        out[positions] = adjust_p(p[positions], method)
    return pd.Series(out, index=table.index)


def storey_q(p, lam: float = 0.5) -> np.ndarray:
    """Storey–Tibshirani q-values with a fixed λ: π0 = #{p ≥ λ} / (m (1 − λ)) (at most 1), q = π0 × BH.

    Missing p-values are left out (NaN), as in :func:`adjust_p`. Equal to R
    ``qvalue::qvalue(p, lambda = 0.5)$qvalues`` (Storey & Tibshirani 2003, PNAS 100, 9440).

    Examples
    --------
    >>> [round(float(v), 4) for v in storey_q([0.001, 0.01, 0.02, 0.6, 0.8, 0.9])]
    [0.006, 0.03, 0.04, 0.9, 0.9, 0.9]
    """
    p = np.asarray(p, float)
    out = np.full(p.shape, np.nan)
    ok = np.isfinite(p)
    if not ok.any():
        return out
    pi0 = min(1.0, float(np.mean(p[ok] >= lam)) / (1.0 - lam))
    out[ok] = np.minimum(1.0, pi0 * adjust_p(p[ok], "bh"))
    return out
