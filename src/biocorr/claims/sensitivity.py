"""Sensitivity of a reported correlation: what its n can and cannot show, on the claim's own scale.

The critical value (smallest attainable coefficient with p < .05 by R's default test), the
95% interval with the method's standard error, the power of a same-size replication, the n
for 80% power and the smallest coefficient this n detects with 80% power. Pearson by the
t test and Fisher z; Spearman by AS 89 (exact) and Pearson's power formula; Kendall by its
exact distribution and Fieller's standard error (:mod:`biocorr.stats.fisher` has the
formulas and the simulation behind the choice).

References
----------
Cohen J (1988). *Statistical Power Analysis for the Behavioral Sciences*, 2nd ed.
Bonett DG, Wright TA (2000). Sample size requirements for estimating Pearson, Kendall and
Spearman correlations. *Psychometrika* 65, 23-28.
"""

from __future__ import annotations

import numpy as np

from ..stats.fisher import critical_r as stats_critical_r
from ..stats.fisher import detectable_r as stats_detectable_r
from ..stats.fisher import n_for_power, power_at
from ..stats.methods import ALPHA
from ..stats.nulldist import KENDALL_EXACT_MAX_N, SPEARMAN_AS89_MAX_N
from .consistency import (
    NOT_CHECKED,
    CheckResult,
    check_ci,
    check_df,
    check_p,
    check_range,
    fisher_ci,
    p_from_r_kendall,
    p_from_r_spearman_exact,
)
from .inferred_n import over_candidate_ns
from .model import Claim


def critical_r(n: int, alpha: float = ALPHA, tails: int = 2, method: str = "pearson") -> float:
    """Smallest |r| with p < alpha at n, by the test R's ``cor.test`` runs without ties.

    Pearson: the t test (:func:`biocorr.stats.fisher.critical_r`). Spearman: the AS 89 exact
    p up to n = 1290, else the t approximation; Kendall: the exact null distribution up to
    n = 49, else the normal approximation; the smallest attainable coefficient (rho on the grid
    1 - 12 j / (n^3 - n), tau on 4 k / (n (n - 1)) - 1) with p < alpha is found by bisection.

    Examples
    --------
    >>> round(critical_r(14), 3)
    0.532
    >>> round(critical_r(14, method="kendall"), 4)  # R: tau = 37/91, exact p .0472; 35/91 gives .0617
    0.4066
    """
    if method == "pearson" or (method == "spearman" and n > SPEARMAN_AS89_MAX_N):
        return float(stats_critical_r(n, alpha, tails))
    if method == "spearman":  # attainable rho = 1 - 12 j / (n^3 - n), j = 0 .. (n^3 - n) / 6

        def value(i: int) -> float:
            return 1 - 12 * (top - i) / (n**3 - n)

        def p_at(r: float) -> float:
            return p_from_r_spearman_exact(r, n, tails)

        top = (n**3 - n) // 12  # value(top) = 1, value(0) = rho nearest above 0
    elif method == "kendall":  # attainable tau = 4 k / (n (n - 1)) - 1, k = 0 .. n (n - 1) / 2

        def value(i: int) -> float:
            return 4 * (i + base) / (n * (n - 1)) - 1

        def p_at(r: float) -> float:
            return p_from_r_kendall(r, n, tails, exact=n <= KENDALL_EXACT_MAX_N)

        base = (n * (n - 1) + 3) // 4  # smallest k with tau >= 0
        top = n * (n - 1) // 2 - base
    else:
        raise ValueError(f"no critical value for method {method!r}")
    if p_at(value(top)) >= alpha:
        return float("nan")  # no attainable value reaches alpha at this n
    lo, hi = -1, top  # p_at(value(hi)) < alpha; value(lo) is below the grid
    while hi - lo > 1:  # the smallest attainable value with p < alpha
        mid = (lo + hi) // 2
        lo, hi = (lo, mid) if p_at(value(mid)) < alpha else (mid, hi)
    return float(value(hi))


def replication_power(r: float, n: int, alpha: float = ALPHA, method: str = "pearson") -> float:
    """Power of a same-size study to detect r (see :func:`biocorr.stats.fisher.power_at`).

    Examples
    --------
    >>> round(replication_power(0.5, 14), 2)
    0.45
    """
    return float(power_at(r, n, alpha, method))


def detectable_r(n: int, power: float = 0.8, alpha: float = ALPHA, method: str = "pearson") -> float:
    """Smallest |r| detectable with ``power`` at n (see :func:`biocorr.stats.fisher.detectable_r`).

    Examples
    --------
    >>> round(detectable_r(14), 2)
    0.69
    """
    return float(stats_detectable_r(n, power, alpha, method))


SYMBOLS = {"pearson": "r", "spearman": "ρ", "kendall": "τ"}


def sensitivity(claim: Claim) -> CheckResult:
    """Context for a reviewer: critical value, CI width and replication power at this n, on the claim's scale.

    A Spearman or Kendall claim gets its own test's critical value (exact where R's default is),
    its own interval (Bonett-Wright or Fieller standard error) and, for Kendall, power on the tau
    scale: a tau of .40 is not judged as if it were a Pearson r.
    """
    n = claim.n_effective
    if n is None or n < 5:
        return CheckResult(claim.id, "sensitivity", NOT_CHECKED, "", "", "", "n unknown or < 5")
    if not -1 < claim.r.value < 1:
        return CheckResult(claim.id, "sensitivity", NOT_CHECKED, "", "", "", "r is not strictly between -1 and 1")
    method = claim.method if claim.method in SYMBOLS else "pearson"
    sym, r = SYMBOLS[method], claim.r
    lo, hi = fisher_ci(r.value, n, 0.95, method)
    crit = critical_r(n, method=method)
    needed = f"|{sym}| ≥ {crit:.2f} is needed for p < .05" if np.isfinite(crit) else "no value reaches p < .05"
    text = (
        f"at n = {n}, {needed}; the 95% CI around {sym} = {r.text} spans {hi - lo:.2f} ([{lo:.2f}, {hi:.2f}]); "
        f"a same-size replication would detect {sym} = {r.text} with power "
        f"{replication_power(r.value, n, method=method):.0%}; "
        f"80% power needs n = {n_for_power(r.value, method=method)}; "
        f"this n detects |{sym}| ≥ {detectable_r(n, method=method):.2f} with 80% power."
    )
    return CheckResult(claim.id, "sensitivity", "info", r.text, f"critical |{sym}| = {crit:.3f}", "", text)


def check_claim(claim: Claim) -> list[CheckResult]:
    """All data-free checks of one claim."""
    return [
        over_candidate_ns(check_p, claim),
        check_df(claim),
        *check_range(claim),
        over_candidate_ns(check_ci, claim),
        sensitivity(claim),
    ]


def sensitivity_table(ns=(14, 24), rs=(0.3, 0.4, 0.5, 0.6)):
    """What a study of size n can and cannot show about correlations of size r.

    Columns: ``n, r, critical_r`` (smallest |r| with p < .05), ``detectable_r_80``
    (smallest |r| found with 80% power), ``ci_low, ci_high, ci_width`` (95% Fisher-z
    CI around r), ``power`` (to detect r again at the same n) and ``n_for_80``.

    Examples
    --------
    >>> t = sensitivity_table([14], [0.5])
    >>> t[["critical_r", "detectable_r_80", "power"]].round(2).values.tolist()
    [[0.53, 0.69, 0.45]]
    """
    import pandas as pd

    rows = []
    for n in ns:
        for r in rs:
            lo, hi = fisher_ci(r, n, 0.95)
            rows.append(
                dict(
                    n=n,
                    r=r,
                    critical_r=critical_r(n),
                    detectable_r_80=detectable_r(n),
                    ci_low=lo,
                    ci_high=hi,
                    ci_width=hi - lo,
                    power=replication_power(r, n),
                    n_for_80=n_for_power(r),
                )
            )
    return pd.DataFrame(rows)
