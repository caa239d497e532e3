"""Default Bayes factor for a Pearson correlation (JZS prior).

BF10 of Wetzels & Wagenmakers (2012), eq. 13: the Jeffreys-Zellner-Siow
Bayes factor of the regression of y on x, with g ~ InvGamma(1/2, n/2):

    BF10 = sqrt(n/2) / Gamma(1/2) * Integral_0^inf (1 + g)^((n-2)/2)
           * (1 + (1 - r^2) g)^(-(n-1)/2) * g^(-3/2) * exp(-n / (2g)) dg

It equals R's ``BayesFactor::linearReg.R2stat(N = n, p = 1, R2 = r^2, rscale = 1)``
(checked in the tests). BF10 > 1 favours a correlation, < 1 favours none.

References
----------
Wetzels R, Wagenmakers E-J (2012). A default Bayesian hypothesis test for
correlations and partial correlations. *Psychon Bull Rev* 19, 1057-1064.
Liang F et al. (2008). Mixtures of g priors for Bayesian variable selection.
*J Am Stat Assoc* 103, 410-423.
"""

from __future__ import annotations

import numpy as np
from scipy import integrate
from scipy.special import gammaln


def jzs_bayes_factor(r: float, n: int) -> float:
    """BF10 for a Pearson correlation r observed on n pairs (JZS prior, Wetzels & Wagenmakers 2012).

    Examples
    --------
    >>> round(jzs_bayes_factor(0.0, 20), 3) < 1 < round(jzs_bayes_factor(0.6, 20), 3)
    True
    """
    if not np.isfinite(r) or n < 3:
        return float("nan")
    if abs(r) >= 1:  # a perfect correlation: the likelihood ratio is unbounded
        return float("inf")
    r2 = min(r * r, 1 - 1e-15)

    def log_integrand(g):
        return (n - 2) / 2 * np.log1p(g) - (n - 1) / 2 * np.log1p((1 - r2) * g) - 1.5 * np.log(g) - n / (2 * g)

    # scale by the integrand's maximum for numerical stability
    grid = np.logspace(-6, 8, 300)
    peak = np.max(log_integrand(grid))
    g_peak = grid[np.argmax(log_integrand(grid))]
    f = lambda g: np.exp(log_integrand(g) - peak)
    value = 0.0
    for lo, hi in ((0, g_peak), (g_peak, np.inf)):
        part, _ = integrate.quad(f, lo, hi, limit=400, epsabs=0, epsrel=1e-12)
        value += part
    log_bf = 0.5 * np.log(n / 2) - gammaln(0.5) + np.log(value) + peak
    return float(np.exp(log_bf))
