"""Repeated-measures correlation (rmcorr): the common within-subject association of two measures.

Each subject contributes its deviations from its own means, so stable differences between
subjects (one subject always high on both) do not count as association. It equals the
ANCOVA ``lm(y ~ subject + x)``: r_rm = sign(slope) sqrt(SS_x / (SS_x + SS_residual)), tested
by the slope's t on df = N - k - 1 (N complete observations, k subjects with at least one).
A subject seen once has no deviation and only uses up a degree of freedom, as in the ANCOVA.
The analytic CI is Fisher's z with the effective sample size df + 2, i.e. SE 1/sqrt(df - 1),
as the rmcorr package (>= 0.5.4) computes it.

Everything is vectorised over pair columns: subject means come from one matrix product of a
subject indicator matrix with the masked columns.

References
----------
Bakdash JZ, Marusich LR (2017). Repeated measures correlation. *Frontiers in Psychology* 8,
456. doi:10.3389/fpsyg.2017.00456
Bland JM, Altman DG (1995). Calculating correlation coefficients with repeated observations:
Part 1 - correlation within subjects. *BMJ* 310, 446.
"""

from __future__ import annotations

import numpy as np

from .correlation import r_t_test
from .fisher import fisher_ci
from .methods import METHOD_INFO
from .ties import scale_columns

CI_METHOD = METHOD_INFO["rmcorr"].ci_method
P_METHOD = "t distribution (ANCOVA slope, df = N - subjects - 1)"


def subject_codes(subjects) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes 0..k-1 for a sequence of subject ids, and the ids in code order.

    Examples
    --------
    >>> codes, ids = subject_codes(["b", "a", "b"])
    >>> codes.tolist(), ids.tolist()
    ([1, 0, 1], ['a', 'b'])
    """
    ids, codes = np.unique(np.asarray(subjects).astype(str), return_inverse=True)
    return codes.ravel(), ids


def rmcorr_columns(
    a: np.ndarray,
    b: np.ndarray,
    subject: np.ndarray,
    confidence: float = 0.95,
    alternative: str = "two-sided",
) -> dict[str, np.ndarray]:
    """Repeated-measures correlation of every column pair of ``a`` and ``b``.

    Parameters
    ----------
    a, b : ndarray (N, m)
        Paired columns, one row per observation (subject x visit); NaN = missing (a row
        missing in either column of a pair is left out of that pair).
    subject : ndarray (N,) of int
        Subject code of each row, 0..k-1 (see :func:`subject_codes`).
    confidence : float
        Level of the CI.
    alternative : {'two-sided', 'greater', 'less'}
        One-sided tests use the slope's t in one tail and give a one-sided interval.

    Returns
    -------
    dict of ndarray (m,)
        ``n`` (complete observations), ``n_subjects`` (subjects with at least one),
        ``estimate``, ``ci_low``, ``ci_high``, ``statistic`` (t), ``df``, ``p``. The estimate
        is NaN when df < 1 or a measure does not vary within any subject.

    References
    ----------
    Bakdash & Marusich (2017); R: ``rmcorr::rmcorr`` (the ANCOVA above).

    Examples
    --------
    >>> subject = np.array([0, 0, 0, 1, 1, 1])
    >>> a = np.array([[1.0], [2], [3], [11], [12], [13]])
    >>> b = np.array([[3.0], [2], [1], [13], [12], [11]])  # pooled r is positive ...
    >>> res = rmcorr_columns(a, b, subject)
    >>> float(res["estimate"][0]), float(res["df"][0])  # ... within each subject it is -1
    (-1.0, 3.0)
    """
    a = np.asarray(a, float)
    b = np.asarray(b, float)
    if a.shape != b.shape:
        raise ValueError(f"a and b must have the same shape, got {a.shape} and {b.shape}")
    subject = np.asarray(subject)
    if subject.shape != (a.shape[0],):
        raise ValueError(f"subject must give one code per row ({a.shape[0]}), got shape {subject.shape}")
    present = ~(np.isnan(a) | np.isnan(b))
    k = int(subject.max()) + 1 if len(subject) else 0
    indicator = np.zeros((len(subject), k))
    indicator[np.arange(len(subject)), subject] = 1.0
    counts = indicator.T @ present  # (k, m): complete observations per subject and pair
    with np.errstate(invalid="ignore", divide="ignore"):
        deviations = []
        for v in (scale_columns(a), scale_columns(b)):  # exact powers of two: no overflow below
            filled = np.where(present, v, 0.0)
            means = np.where(counts > 0, (indicator.T @ filled) / counts, 0.0)
            deviations.append(np.where(present, filled - indicator @ means, 0.0))
        da, db = deviations
        sxy = (da * db).sum(axis=0)
        sxx = (da * da).sum(axis=0)
        syy = (db * db).sum(axis=0)
        n = present.sum(axis=0)
        n_subjects = (counts > 0).sum(axis=0)
        df = (n - n_subjects - 1).astype(float)
        usable = (df >= 1) & (sxx > 0) & (syy > 0)
        r = np.where(usable, np.clip(sxy / np.sqrt(sxx * syy), -1.0, 1.0), np.nan)
    df = np.where(usable, df, np.nan)
    t, p = r_t_test(r, df, alternative)
    lo, hi = fisher_ci(r, df + 2.0, confidence, "pearson", alternative=alternative)  # SE 1/sqrt(df - 1)
    return {
        "n": n,
        "n_subjects": n_subjects,
        "estimate": r,
        "ci_low": lo,
        "ci_high": hi,
        "statistic": np.where(usable, t, np.nan),
        "df": df,
        "p": np.where(usable, p, np.nan),
    }
