"""The result record of the pair engines: one method over m column pairs.

:func:`biocorr.stats.correlation.correlate_columns` (Pearson, Spearman, Kendall) and
:func:`biocorr.stats.robust.robust_columns` (percentage bend, biweight, skipped) both return a
:class:`PairStats`; :func:`biocorr.stats.diagnostics.method_columns` dispatches between them. Its
fields are the engine columns of the correlations table (:data:`biocorr.columns.CORRELATIONS`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

import numpy as np


def _zeros() -> np.ndarray:
    return np.zeros(0)


@dataclass(frozen=True)
class PairStats:
    """One correlation method's results for m column pairs; every field is an array of length m.

    Attributes
    ----------
    n : ndarray of int
        Complete pairs of each column pair.
    estimate : ndarray of float
        The coefficient (NaN when undefined: fewer than 3 pairs, a constant column).
    ci_low, ci_high : ndarray of float
        The confidence interval (NaN for the robust methods: no analytic interval).
    statistic, df, p : ndarray of float
        The test statistic, its degrees of freedom (NaN for exact and normal-approximation
        p-values) and the p-value (as R's ``cor.test``).
    statistic_name, p_method, ci_method : ndarray of str (object)
        'S', 'T', 't' or 'z'; how p and the interval were computed ('' where undefined).
    note : ndarray of str (object)
        Why an estimate is undefined ('' otherwise); robust methods only.
    n_removed : ndarray of float
        Pairs the skipped correlation set aside as bivariate outliers (0 for other methods).

    Examples
    --------
    >>> from biocorr.stats.correlation import correlate_columns
    >>> a = np.array([[1.0], [2], [3], [4], [5]]); b = np.array([[2.0], [1], [4], [3], [5]])
    >>> res = correlate_columns(a, b, "pearson")
    >>> len(res), float(res.estimate[0]), sorted(res.columns())[:3]
    (1, 0.8, ['ci_high', 'ci_low', 'ci_method'])
    """

    n: np.ndarray
    estimate: np.ndarray
    ci_low: np.ndarray
    ci_high: np.ndarray
    statistic: np.ndarray
    statistic_name: np.ndarray
    df: np.ndarray
    p: np.ndarray
    p_method: np.ndarray
    ci_method: np.ndarray
    note: np.ndarray = field(default_factory=_zeros)
    n_removed: np.ndarray = field(default_factory=_zeros)

    def __post_init__(self) -> None:
        m = len(self.estimate)
        if len(self.note) != m:  # not given: no note for any pair
            object.__setattr__(self, "note", np.full(m, "", dtype=object))
        if len(self.n_removed) != m:
            object.__setattr__(self, "n_removed", np.zeros(m))
        wrong = [f.name for f in fields(self) if len(getattr(self, f.name)) != m]
        if wrong:
            raise ValueError(f"PairStats: {', '.join(wrong)} not of length {m} (the number of pairs)")

    def __len__(self) -> int:
        return len(self.estimate)

    def columns(self) -> dict[str, np.ndarray]:
        """Every field by name, for a table's columns."""
        return {f.name: getattr(self, f.name) for f in fields(self)}
