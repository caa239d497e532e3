"""Every number formatter of the reports, in one place (no plotting or terminal library needed).

APA rules (American Psychological Association 2020, *Publication Manual*, 7th ed.,
sections 6.36 and 6.43-6.46): no leading zero for statistics that cannot exceed 1
(r, p), exact p to three decimals, "p < .001" below that and "p > .999" above.
"""

from __future__ import annotations

import math

import numpy as np

MINUS = "−"  # U+2212, the typographic minus APA text uses


def _missing(v) -> bool:
    return v is None or (isinstance(v, (float, np.floating)) and math.isnan(v))


def fmt_num(v: float, digits: int = 2) -> str:
    """A number with fixed decimals, or an em dash when missing.

    Examples
    --------
    >>> fmt_num(0.4567), fmt_num(float("nan"))
    ('0.46', '—')
    """
    if _missing(v):
        return "—"
    return f"{v:.{digits}f}"


def fmt_p(p: float) -> str:
    """A p-value for a table: three decimals, '<0.001' below and '>0.999' above that.

    Examples
    --------
    >>> fmt_p(0.04567), fmt_p(0.0002), fmt_p(1.0), fmt_p(float("nan"))
    ('0.046', '<0.001', '>0.999', '—')
    """
    if _missing(p):
        return "—"
    if p > 0.999:
        return ">0.999"
    return "<0.001" if p < 0.001 else f"{p:.3f}"


def fmt_r(v: float) -> str:
    """A correlation without the leading zero, APA style ('.43', '−.07').

    Examples
    --------
    >>> fmt_r(0.4321), fmt_r(-0.07), fmt_r(1.0)
    ('.43', '−.07', '1.00')
    """
    if v is None or not np.isfinite(v):
        return "—"
    s = f"{abs(v):.2f}"
    s = s[1:] if s.startswith("0") else s
    return (MINUS if v < 0 and s != ".00" else "") + s


def fmt_p_apa(p: float, prefix: str = "p") -> str:
    """APA p: 'p = .032', 'p < .001', 'p > .999', no leading zero.

    Examples
    --------
    >>> fmt_p_apa(0.0321), fmt_p_apa(0.0004), fmt_p_apa(1.0), fmt_p_apa(0.9996)
    ('p = .032', 'p < .001', 'p > .999', 'p > .999')
    """
    if p is None or not np.isfinite(p):
        return f"{prefix} = —"
    if p < 0.001:
        return f"{prefix} < .001"
    if p > 0.999:  # three decimals would print 1.000 (APA 2020, section 6.36)
        return f"{prefix} > .999"
    s = f"{p:.3f}"
    return f"{prefix} = {s[1:] if s.startswith('0') else s}"


def fmt_level(confidence: float) -> str:
    """A confidence level as a percentage label ('95%', '90%', '99.5%').

    Examples
    --------
    >>> fmt_level(0.95), fmt_level(0.995)
    ('95%', '99.5%')
    """
    pct = round(100 * confidence, 6)
    return f"{pct:g}%"


def fmt_ci_level(confidence: float, alternative: str = "two-sided") -> str:
    """The confidence level as a CI's label says it: '95%', or 'one-sided 95%' for a one-sided
    test's interval ([lower, 1] or [-1, upper]), so '[.12, 1.00]' is never read as two-sided.

    Examples
    --------
    >>> fmt_ci_level(0.95), fmt_ci_level(0.9, "greater")
    ('95%', 'one-sided 90%')
    """
    return ("" if alternative == "two-sided" else "one-sided ") + fmt_level(confidence)


def describe_cell(mean: float, sd: float, median: float, q1: float, q3: float, n: int) -> str:
    """'mean (SD); median [Q1, Q3]; n' for Table 1.

    Examples
    --------
    >>> describe_cell(2.5, 0.81, 2.4, 1.9, 3.1, 20)
    '2.50 (0.81); 2.40 [1.90, 3.10]; n = 20'
    """
    if n == 0 or not np.isfinite(mean):
        return "—"
    digits = _digits(mean)

    def f(v):
        return "—" if not np.isfinite(v) else f"{v:.{digits}f}"

    return f"{f(mean)} ({f(sd)}); {f(median)} [{f(q1)}, {f(q3)}]; n = {n}"


def count_cell(levels) -> str:
    """'level n (%)' for each level of a categorical variable (sorted), then n, for Table 1.

    Percentages are of the values present; missing values are not a level.

    Examples
    --------
    >>> count_cell(["F", "M", "F", "F"])
    'F 3 (75%); M 1 (25%); n = 4'
    >>> count_cell([])
    '—'
    """
    levels = [str(v) for v in levels]
    if not levels:
        return "—"
    counts = {level: levels.count(level) for level in sorted(set(levels))}
    parts = [f"{level} {k} ({100 * k / len(levels):.0f}%)" for level, k in counts.items()]
    return "; ".join(parts) + f"; n = {len(levels)}"


def _digits(v: float) -> int:
    a = abs(v)
    return 0 if a >= 100 else 1 if a >= 10 else 2
