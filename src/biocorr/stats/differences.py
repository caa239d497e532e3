"""Differences between correlations: two groups (independent), or one group with a shared variable
(dependent, overlapping), with a test and a confidence interval for r1 - r2. Column-wise.

=================  =========================================================  ========================
design             test                                                       interval for r1 - r2
=================  =========================================================  ========================
independent        z = (atanh r1 - atanh r2) / sqrt(se1² + se2²)               Zou (2007), eq. 13
dependent,         Williams' t as given by Steiger (1980, eq. 7), df = n - 3   Zou (2007), eq. 15
overlapping
=================  =========================================================  ========================

se is the method's standard error of atanh(r) (:func:`biocorr.stats.fisher.fisher_se`: 1/sqrt(n - 3)
for Pearson, Bonett & Wright's for Spearman, Fieller's for Kendall), and each r's own interval is the
Fisher-z interval with that SE; for Pearson the test equals R's ``psych::r.test``. For rank methods the
dependent test applies the Pearson formulas to the rank coefficients (an approximation, stated in the
table's note).

References
----------
Steiger JH (1980). Tests for comparing elements of a correlation matrix. *Psychol Bull* 87, 245-251.
Williams EJ (1959). The comparison of regression variables. *J R Stat Soc B* 21, 396-399.
Zou GY (2007). Toward using confidence intervals to compare correlations. *Psychol Methods* 12, 399-413.
"""

from __future__ import annotations

import numpy as np
from scipy.special import ndtr, stdtr

from .fisher import fisher_interval, fisher_se


def independent_difference(r1, n1, r2, n2, method: str = "pearson", level: float = 0.95) -> dict[str, np.ndarray]:
    """r1 - r2 for two independent groups: Fisher z test and Zou's interval, column-wise.

    Parameters
    ----------
    r1, n1, r2, n2 : float or ndarray
        Each group's estimate and complete pairs.
    method : {'pearson', 'spearman', 'kendall'}
        Sets the standard error of atanh(r).
    level : float
        Confidence level of the interval.

    Returns
    -------
    dict of ndarray
        ``difference, ci_low, ci_high, statistic`` (z) and ``p`` (two-sided).

    Examples
    --------
    >>> d = independent_difference(0.68, 14, -0.02, 10)
    >>> round(float(d["statistic"][0]), 4), round(float(d["p"][0]), 4)  # psych::r.test(14, .68, -.02, n2 = 10)
    (1.7562, 0.0791)
    """
    r1, n1, r2, n2 = (np.atleast_1d(np.asarray(v, float)) for v in (r1, n1, r2, n2))
    se1, se2 = fisher_se(method, n1, r1), fisher_se(method, n2, r2)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (np.arctanh(r1) - np.arctanh(r2)) / np.sqrt(se1**2 + se2**2)
    l1, u1 = fisher_interval(r1, se1, level)
    l2, u2 = fisher_interval(r2, se2, level)
    diff = r1 - r2
    low = diff - np.sqrt((r1 - l1) ** 2 + (u2 - r2) ** 2)
    high = diff + np.sqrt((u1 - r1) ** 2 + (r2 - l2) ** 2)
    return {"difference": diff, "ci_low": low, "ci_high": high, "statistic": z, "p": 2 * ndtr(-np.abs(z))}


def dependent_difference(r12, r13, r23, n, method: str = "pearson", level: float = 0.95) -> dict[str, np.ndarray]:
    """r12 - r13 in one group, where variable 1 is shared (TNF-pain vs TNF-anxiety), column-wise.

    Parameters
    ----------
    r12, r13 : float or ndarray
        The two correlations that share variable 1.
    r23 : float or ndarray
        The correlation between the other two variables.
    n : int or ndarray
        Subjects with all three variables.
    method, level
        As :func:`independent_difference`.

    Returns
    -------
    dict of ndarray
        ``difference, ci_low, ci_high, statistic`` (Williams' t), ``df`` (n - 3) and ``p`` (two-sided).

    Examples
    --------
    >>> d = dependent_difference(0.60, 0.20, 0.40, 30)
    >>> round(float(d["statistic"][0]), 4), round(float(d["p"][0]), 4)  # psych::r.test(30, .6, .2, .4)
    (2.3404, 0.0269)
    """
    r12, r13, r23, n = (np.atleast_1d(np.asarray(v, float)) for v in (r12, r13, r23, n))
    det = 1 - r12**2 - r13**2 - r23**2 + 2 * r12 * r13 * r23
    rbar = (r12 + r13) / 2
    with np.errstate(divide="ignore", invalid="ignore"):
        t = (r12 - r13) * np.sqrt((n - 1) * (1 + r23) / (2 * (n - 1) / (n - 3) * det + rbar**2 * (1 - r23) ** 3))
        c = ((r23 - 0.5 * r12 * r13) * (1 - r12**2 - r13**2 - r23**2) + r23**3) / ((1 - r12**2) * (1 - r13**2))
    df = n - 3
    p = np.where(df > 0, 2 * stdtr(np.maximum(df, 1), -np.abs(t)), np.nan)
    l1, u1 = fisher_interval(r12, fisher_se(method, n, r12), level)
    l2, u2 = fisher_interval(r13, fisher_se(method, n, r13), level)
    diff = r12 - r13
    low = diff - np.sqrt((r12 - l1) ** 2 + (u2 - r13) ** 2 - 2 * c * (r12 - l1) * (u2 - r13))
    high = diff + np.sqrt((u1 - r12) ** 2 + (r13 - l2) ** 2 - 2 * c * (u1 - r12) * (r13 - l2))
    return {"difference": diff, "ci_low": low, "ci_high": high, "statistic": t, "df": df, "p": p}
