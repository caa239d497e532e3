"""Checks of reported correlations that need no data.

p vs r and n follows statcheck (Nuijten et al. 2016; R package statcheck 1.4):
the p-value is recomputed from both ends of the rounding interval of the
printed r (t = r sqrt(df / (1 - r^2)) on df = n - 2); a printed "p = .049" is
consistent when it lies between the two recomputed p-values rounded to the
printed decimals; "p < .05" when the smallest recomputed p is below it. An
inconsistency that flips significance at alpha = .05 is a *decision error*
(p = .05 counts as significant, statcheck's default). A claim inconsistent as
two-tailed but consistent as one-tailed is reported as such.

For Spearman claims the exact/AS 89 p-value (R's default without ties) is
tried too, and for Kendall the normal approximation and the exact
distribution; the verdict accepts any of them and names the one that fits.

References
----------
Nuijten MB, Hartgerink CHJ, van Assen MALM, Epskamp S, Wicherts JM (2016). The
prevalence of statistical reporting errors in psychology (1985-2013).
*Behav Res Methods* 48, 1205-1226.
Brown NJL, Heathers JAJ (2017). The GRIM test. *Soc Psychol Personal Sci* 8, 363-369.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from scipy.special import ndtr

from ..stats.correlation import r_t_test
from ..stats.fisher import fisher_ci as stats_fisher_ci
from ..stats.methods import ALPHA
from ..stats.nulldist import KENDALL_EXACT_MAX_N, SPEARMAN_AS89_MAX_N, kendall_exact_p, spearman_as89_p
from .model import Claim, Reported, parse_number

CONSISTENT = "consistent"
INCONSISTENT = "inconsistent"
DECISION_ERROR = "decision error"
NOT_CHECKED = "not checked"
DEPENDS_ON_N = "depends on n"  # consistent under one sample size the passage gives, not under the one inferred
FAILS_AT_INFERRED_N = "fails at inferred n"  # inconsistent at every size the passage gives, none printed with it
CERTAIN_N = {
    "statement",
    "df",
    "column",
    "cell",
    "claims file",
}  # printed with the statement (or a claims file's column)


@dataclass(frozen=True)
class CheckResult:
    """One verdict on one claim (a row of verdicts.csv)."""

    claim_id: str
    check: str
    verdict: str
    reported: str
    recomputed: str
    tolerance: str
    explanation: str


def p_from_r_t(r: float, df: float, tails: int = 2) -> float:
    """p-value of r on df degrees of freedom by the t distribution (as statcheck).

    Examples
    --------
    >>> round(p_from_r_t(0.53, 12), 4)
    0.0512
    """
    two_sided = r_t_test(float(np.clip(r, -1.0, 1.0)), df)[1]
    return float(two_sided / 2 * tails)


def p_from_r_spearman_exact(r: float, n: int, tails: int = 2) -> float:
    """R's default Spearman p for untied data (AS 89), from rho and n."""
    nn = float(n)
    q = (nn**3 - nn) * (1 - r) / 6
    upper = q > (nn**3 - nn) / 6
    s = np.round(q) if upper else np.round(q) + 2
    one = float(spearman_as89_p(np.array([n]), np.array([s]), np.array([not upper]))[0])
    return min(one * tails, 1.0)


def p_from_r_kendall(r: float, n: int, tails: int = 2, exact: bool = False) -> float:
    """Kendall p from tau and n: exact (no ties, n < 50) or the no-ties normal approximation."""
    if exact:
        return float(kendall_exact_p(np.array([n]), np.array([r]))[0]) * tails / 2
    z = 3 * r * np.sqrt(n * (n - 1)) / np.sqrt(2 * (2 * n + 5))
    return float(ndtr(-abs(z)) * tails)


def _p_candidates(claim: Claim, r: float, tails: int) -> dict[str, float]:
    n = claim.n_effective
    if n is None:
        raise ValueError("a p-value from r needs the claim's n or df")
    df = n - 2
    out = {"t approximation": p_from_r_t(r, df, tails)}
    if claim.method == "spearman" and 2 < n <= SPEARMAN_AS89_MAX_N:
        out["AS 89 (R's exact default)"] = p_from_r_spearman_exact(r, n, tails)
    if claim.method == "kendall":
        out = {"normal approximation": p_from_r_kendall(r, n, tails)}
        if n <= KENDALL_EXACT_MAX_N:
            out["exact"] = p_from_r_kendall(r, n, tails, exact=True)
    return out


def _r_interval(r: Reported) -> tuple[float, float]:
    """Ends of the rounding interval, ordered from smaller |r| to larger |r|."""
    lo, hi = r.value - r.half_unit, r.value + r.half_unit
    if r.value < 0:
        lo, hi = hi, lo
    return lo, hi


def _round(x: float, d: int) -> float:
    return float(np.round(x, d))


def statcheck_error(
    reported_p: float, comparator: str, p_dec: int, p_small_r: float, p_large_r: float, p_exponent: int = 0
) -> bool:
    """statcheck's ``error_test`` for a test statistic reported with '='.

    ``p_small_r`` is the p of the smaller-|r| end (the larger p), ``p_large_r`` the other. A p
    printed as 2.1 × 10^-4 (``p_exponent`` = -4) is compared to the computed p rounded to the
    printed digits of its mantissa.
    """
    if reported_p <= 0:
        return True
    if comparator == "=" and p_exponent:
        scale = 10.0**p_exponent
        if scale == 0.0:  # 'p = 2.1e-400', below a float's range: a computed p that is itself a float contradicts it
            return p_small_r > 0.0
        return reported_p > _round(p_small_r / scale, p_dec) * scale * (1 + 1e-12) or (
            reported_p < _round(p_large_r / scale, p_dec) * scale * (1 - 1e-12)
        )
    if comparator == "=":
        return reported_p > _round(p_small_r, p_dec) or reported_p < _round(p_large_r, p_dec)
    if comparator == "<":
        return reported_p < p_large_r
    if comparator == ">":
        return reported_p > p_small_r
    return False


def statcheck_decision_error(reported_p: float, comparator: str, computed_p: float, alpha: float = ALPHA) -> bool:
    """statcheck's ``decision_error_test`` (pEqualAlphaSig = TRUE)."""
    if comparator == "=":
        return (reported_p <= alpha < computed_p) or (reported_p > alpha >= computed_p)
    if comparator == "<":
        return reported_p <= alpha < computed_p
    if comparator == ">":
        return reported_p >= alpha >= computed_p
    return False


def _r_outside_range(claim: Claim, name: str) -> CheckResult | None:
    """A 'not checked' row when the printed r is impossible: nothing can be recomputed from it."""
    if abs(claim.r.value) <= 1:
        return None
    return CheckResult(
        claim.id, name, NOT_CHECKED, "", "", "", f"r = {claim.r.text} lies outside [-1, 1] (see the range check)"
    )


def check_p(claim: Claim) -> CheckResult:
    """Is the printed p consistent with the printed r and n (or df)?"""
    name = "p vs r and n"
    if (why := claim.extra.get("p_not_from_r_and_n")) and claim.p is not None:  # weighted data, a corrected p
        plain = check_p(replace(claim, extra={k: v for k, v in claim.extra.items() if k != "p_not_from_r_and_n"}))
        shown = f" (a plain t test would say: {plain.explanation})" if plain.verdict != NOT_CHECKED else ""
        return CheckResult(claim.id, name, NOT_CHECKED, plain.reported, plain.recomputed, "", why + shown)
    if claim.p is None or claim.n_effective is None:
        why = (claim.extra or {}).get("p_unread") or "p or n/df not reported"  # a p cell that is no p says so
        return CheckResult(claim.id, name, NOT_CHECKED, "", "", "", why)
    if (impossible := _r_outside_range(claim, name)) is not None:
        return impossible
    n = claim.n_effective
    if n < 3:
        return CheckResult(claim.id, name, NOT_CHECKED, "", "", "", f"n = {n} is too small")
    small, large = _r_interval(claim.r)
    p_text = f"p {claim.p_comparator} {claim.p.text}"
    tol = f"r in [{min(small, large):.{claim.r.decimals + 1}f}, {max(small, large):.{claim.r.decimals + 1}f}]"
    readings = []
    tail_options = [claim.tails] + ([1] if claim.tails == 2 else [])
    for tails in tail_options:
        for label, p_mid in _p_candidates(claim, claim.r.value, tails).items():
            cands_small = _p_candidates(claim, small, tails)[label]
            cands_large = _p_candidates(claim, large, tails)[label]
            err = statcheck_error(
                claim.p.value, claim.p_comparator, claim.p.decimals, cands_small, cands_large, claim.p.exponent
            )
            dec = err and statcheck_decision_error(claim.p.value, claim.p_comparator, p_mid)
            readings.append((tails, label, p_mid, cands_large, cands_small, err, dec))
    primary = [x for x in readings if x[0] == claim.tails]
    ok = [x for x in primary if not x[5]]
    if ok:
        tails, label, p_mid, lo, hi = ok[0][:5]
        note = (
            ""
            if len(primary) == 1 or all(not x[5] for x in primary)
            else (f" (only with the {label}; " + ", ".join(f"{x[1]} gives {x[2]:.4f}" for x in primary if x[5]) + ")")
        )
        return CheckResult(
            claim.id,
            name,
            CONSISTENT,
            p_text,
            f"{p_mid:.4g} ({label}, {tails}-tailed)",
            tol,
            f"the printed p lies within the p-values [{lo:.4g}, {hi:.4g}] of every r that "
            f"rounds to {claim.r.text} at n = {n}{note}.",
        )
    one_tail_ok = [x for x in readings if x[0] == 1 and not x[5]]
    worst = primary[0]
    if one_tail_ok and (claim.extra or {}).get("one_tailed_in_text"):  # statcheck's OneTailedTxt reading
        return CheckResult(
            claim.id, name, CONSISTENT, p_text, f"{one_tail_ok[0][2]:.4g} ({one_tail_ok[0][1]}, 1-tailed)", tol,
            f"consistent as a one-tailed p ({one_tail_ok[0][2]:.4g}), as the text says its tests were one-tailed"
            f" (two-tailed, r = {claim.r.text} with n = {n} gives {worst[2]:.4g}).",
        )  # fmt: skip
    verdict = DECISION_ERROR if all(x[6] for x in primary) else INCONSISTENT
    expl = (
        f"a p-value is never exactly 0 ('{p_text}'); print it as p < .001 or with its exponent"
        if claim.p.value <= 0
        else f"r = {claim.r.text} with n = {n} gives p between {worst[3]:.4g} and {worst[4]:.4g} "
        f"({worst[1]}, {claim.tails}-tailed), so '{p_text}' cannot be right"
    )
    if verdict == DECISION_ERROR:
        expl += "; the significance verdict at α = .05 flips"
    if one_tail_ok:
        expl += f"; it is consistent as a one-tailed p ({one_tail_ok[0][2]:.4g}), which the paper should say"
    return CheckResult(
        claim.id, name, verdict, p_text, f"{worst[2]:.4g} ({worst[1]}, {claim.tails}-tailed)", tol, expl + "."
    )


def check_df(claim: Claim) -> CheckResult:
    """df = n - 2 when both are printed."""
    name = "df vs n"
    if claim.n is None or claim.df is None:
        return CheckResult(claim.id, name, NOT_CHECKED, "", "", "", "n and df are not both reported")
    ok = claim.df == claim.n - 2
    return CheckResult(
        claim.id,
        name,
        CONSISTENT if ok else INCONSISTENT,
        f"df = {claim.df}, n = {claim.n}",
        f"df = {claim.n - 2}",
        "exact",
        "df = n − 2 as it should be."
        if ok
        else f"a correlation on n = {claim.n} has df = {claim.n - 2}, not {claim.df}.",
    )


def check_range(claim: Claim) -> list[CheckResult]:
    """|r| <= 1 and 0 <= p <= 1."""
    out = [
        CheckResult(
            claim.id,
            "r within [-1, 1]",
            CONSISTENT if abs(claim.r.value) <= 1 else INCONSISTENT,
            claim.r.text,
            "",
            "",
            "a correlation lies between −1 and 1.",
        )
    ]
    if claim.p is not None:
        ok = 0 <= claim.p.value <= 1
        out.append(
            CheckResult(
                claim.id,
                "p within [0, 1]",
                CONSISTENT if ok else INCONSISTENT,
                claim.p.text,
                "",
                "",
                "a p-value lies between 0 and 1.",
            )
        )
    return out


def fisher_ci(r: float, n: int, level: float, method: str = "pearson") -> tuple[float, float]:
    """The Fisher-z CI biocorr computes (:func:`biocorr.stats.fisher.fisher_ci`), for a printed r that may be ±1."""
    lo, hi = stats_fisher_ci(float(np.clip(r, -0.999999999, 0.999999999)), n, level, method)
    return float(lo), float(hi)


def check_ci(claim: Claim) -> CheckResult:
    """Do the printed CI bounds follow from the printed r and n (Fisher z)?"""
    name = "CI vs r and n"
    n = claim.n_effective
    if claim.ci_low is None or claim.ci_high is None or n is None:
        return CheckResult(claim.id, name, NOT_CHECKED, "", "", "", "no CI or no n reported")
    if (impossible := _r_outside_range(claim, name)) is not None:
        return impossible
    if n <= 4:
        return CheckResult(claim.id, name, NOT_CHECKED, "", "", "", f"n = {n} is too small for a CI")
    if why := (claim.extra or {}).get("ci_resampled"):  # a bootstrap interval: no Fisher z to meet
        return CheckResult(claim.id, name, NOT_CHECKED, "", "", "", why)
    methods = ["pearson"] if claim.method == "pearson" else [claim.method, "pearson"]
    r_lo, r_hi = sorted([claim.r.value - claim.r.half_unit, claim.r.value + claim.r.half_unit])
    tried = []
    for m in methods:
        lo_a, hi_a = fisher_ci(r_lo, n, claim.ci_level, m)
        lo_b, hi_b = fisher_ci(r_hi, n, claim.ci_level, m)
        lo_ok = lo_a - claim.ci_low.half_unit - 1e-12 <= claim.ci_low.value <= lo_b + claim.ci_low.half_unit + 1e-12
        hi_ok = hi_a - claim.ci_high.half_unit - 1e-12 <= claim.ci_high.value <= hi_b + claim.ci_high.half_unit + 1e-12
        mid = fisher_ci(claim.r.value, n, claim.ci_level, m)
        tried.append((m, lo_ok and hi_ok, mid, (lo_a, lo_b), (hi_a, hi_b)))
    reported = f"[{claim.ci_low.text}, {claim.ci_high.text}]"
    label = {"pearson": "Fisher z", "spearman": "Fisher z, Bonett–Wright SE", "kendall": "Fisher z, Fieller SE"}
    for m, ok, mid, _, _ in tried:
        if ok:
            return CheckResult(
                claim.id,
                name,
                CONSISTENT,
                reported,
                f"[{mid[0]:.3f}, {mid[1]:.3f}]",
                "rounding of r and of each bound",
                f"matches the {label[m]} interval ({int(claim.ci_level * 100)}%) for n = {n}.",
            )
    m, _, mid, lo_rng, _ = tried[0]
    return CheckResult(
        claim.id,
        name,
        INCONSISTENT,
        reported,
        f"[{mid[0]:.3f}, {mid[1]:.3f}]",
        "rounding of r and of each bound",
        f"with r = {claim.r.text} and n = {n} the {label[m]} interval is "
        f"[{mid[0]:.3f}, {mid[1]:.3f}] (lower bound between {lo_rng[0]:.3f} and "
        f"{lo_rng[1]:.3f} over r's rounding); the printed bounds do not fit.",
    )


def grim_consistent(mean: str, n: int, items: int = 1) -> bool | None:
    """GRIM: can a mean printed as ``mean`` arise from n integer scores (of ``items`` items)?

    Returns None when the test is uninformative (n * items >= 10^decimals).

    Examples
    --------
    >>> grim_consistent("5.19", 28), grim_consistent("5.18", 28)
    (False, True)
    """
    rep = parse_number(mean)
    total = n * items
    if total >= 10**rep.decimals:
        return None
    base = int(np.floor(rep.value * total))
    for k in (base - 1, base, base + 1, base + 2):
        m = k / total
        if abs(m - rep.value) <= rep.half_unit + 1e-12:
            return True
    return False
