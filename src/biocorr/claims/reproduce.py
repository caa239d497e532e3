"""Checks of reported correlations against the shared data.

Each claim is recomputed with the core engine (same x, y, subset, method,
pairwise-complete, R's p-value rules) and judged:

- ``reproduced``: the recomputed r rounds to the printed r, the printed n (if
  any) equals the recomputed n, and the printed p agrees with the recomputed p
  (rounds to it for "=", satisfies the bound for "<" / ">");
- ``close``: r within one unit of the last printed digit, the rest agreeing;
- ``not reproduced``: otherwise.

When a claim does not reproduce, the analyses an author may have run instead
are tried and every one that reproduces is listed (never silently chosen):
the other correlation methods, the other subsets (pooled vs within-group),
the one-tailed p, each single subject left out, and complete cases on all the
spec's variables instead of pairwise-complete pairs.

Fragility of reproduced claims: does the verdict survive Spearman, every
single-subject deletion (range of r, largest p), and the adjustment within
the analysis family?
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..analysis import Results
from ..data.study import Study
from ..stats.correlation import METHODS, correlate_columns
from ..stats.diagnostics import loo_summary
from ..stats.influence import leave_one_out
from .consistency import ALPHA, CheckResult
from .model import Claim

REPRODUCED, CLOSE, NOT_REPRODUCED = "reproduced", "close", "not reproduced"


def _subset_mask(study: Study, subset: str) -> np.ndarray | None:
    spec = study.spec
    if subset in ("", "all", "pooled", "everyone"):
        return np.ones(len(study.data), bool)
    for code in study.group_codes:
        if subset in (code, spec.group_label(code)):
            return (study.data["group"] == code).to_numpy()
    return None


def _p_agrees(claim: Claim, p: float) -> bool:
    if claim.p is None:
        return True
    if claim.p_comparator == "<":
        return p < claim.p.value
    if claim.p_comparator == ">":
        return p > claim.p.value
    return claim.p.matches(p)


def _judge(claim: Claim, r: float, p: float, n: int) -> str:
    if not np.isfinite(r):
        return NOT_REPRODUCED
    n_ok = claim.n_effective is None or claim.n_effective == n
    if not (n_ok and _p_agrees(claim, p)):
        return NOT_REPRODUCED
    if claim.r.matches(r):
        return REPRODUCED
    if abs(r - claim.r.value) <= 10.0**-claim.r.decimals + 1e-12:
        return CLOSE
    return NOT_REPRODUCED


def _pairs(study: Study, claim: Claim, mask: np.ndarray, complete_case: bool = False):
    data = study.data.loc[mask]
    if complete_case:
        cols = [v.column for v in study.spec.biomarkers + study.spec.scores]
        data = data.dropna(subset=cols)
    ok = data[claim.x].notna() & data[claim.y].notna()
    return data.loc[ok, claim.x].to_numpy(float), data.loc[ok, claim.y].to_numpy(float), data.loc[ok, "id"].tolist()


def _test(x: np.ndarray, y: np.ndarray, method: str) -> tuple[float, float, int]:
    res = correlate_columns(x.reshape(-1, 1), y.reshape(-1, 1), method)
    return float(res.estimate[0]), float(res.p[0]), int(res.n[0])


def _fmt(r: float, p: float, n: int) -> str:
    return f"r = {r:.4f}, p = {p:.4g}, n = {n}"


def reproduce_claim(claim: Claim, study: Study, results: Results | None = None) -> list[CheckResult]:
    """Recompute one claim from the data: verdict, matching variants, fragility."""
    if not claim.x or not claim.y:
        return [CheckResult(claim.id, "reproduce", "not checked", "", "", "", "the claim names no x and y columns")]
    for col in (claim.x, claim.y):
        if col not in study.data.columns:
            from ..errors import SpecError, did_you_mean

            raise SpecError(
                f"claim '{claim.id}': column '{col}' is not a biomarker or score of the spec."
                + did_you_mean(col, [c for c in study.data.columns if c not in ("row", "id", "group")])
            )
    mask = _subset_mask(study, claim.subset)
    if mask is None:
        names = ["all"] + [study.spec.group_label(c) for c in study.group_codes]
        return [
            CheckResult(
                claim.id,
                "reproduce",
                NOT_REPRODUCED,
                claim.subset,
                "",
                "",
                f"subset '{claim.subset}' does not exist (subsets: {', '.join(names)}).",
            )
        ]
    x, y, ids = _pairs(study, claim, mask)
    r, p, n = _test(x, y, claim.method)
    if claim.tails == 1:
        p = p / 2
    verdict = _judge(claim, r, p, n)
    reported = (
        f"r = {claim.r.text}"
        + (f", p {claim.p_comparator} {claim.p.text}" if claim.p else "")
        + (f", n = {claim.n_effective}" if claim.n_effective else "")
    )
    tol = f"±{claim.r.half_unit:g} on r (printed precision)"
    expl = {
        REPRODUCED: "the recomputed values round to the printed ones.",
        CLOSE: "r differs from the printed value by at most one unit of its last digit.",
        NOT_REPRODUCED: "the recomputed values do not round to the printed ones.",
    }[verdict]
    out = [
        CheckResult(
            claim.id,
            "reproduce",
            verdict,
            reported,
            _fmt(r, p, n),
            tol,
            f"{claim.method}, subset {claim.subset}, pairwise-complete: {expl}",
        )
    ]
    if verdict == NOT_REPRODUCED:
        out.append(_variants(claim, study, mask, x, y, ids))
    else:
        out.append(_fragility(claim, study, results, x, y, ids, p))
    return out


def _variants(claim: Claim, study: Study, mask, x, y, ids) -> CheckResult:
    hits = []
    for m in METHODS:
        if m != claim.method:
            r, p, n = _test(x, y, m)
            if _judge(claim, r, p / (2 if claim.tails == 1 else 1), n) != NOT_REPRODUCED:
                hits.append(f"method {m} ({_fmt(r, p, n)})")
    names = ["all"] + [study.spec.group_label(c) for c in study.group_codes]
    for s in names:
        if s == claim.subset or (claim.subset in ("", "pooled") and s == "all"):
            continue
        subset_mask = _subset_mask(study, s)
        if subset_mask is None:
            continue
        xs, ys, _ = _pairs(study, claim, subset_mask)
        if len(xs) >= 3:
            r, p, n = _test(xs, ys, claim.method)
            if _judge(claim, r, p, n) != NOT_REPRODUCED:
                hits.append(f"subset {s} ({_fmt(r, p, n)})")
    r, p, n = _test(x, y, claim.method)
    if claim.tails == 2 and _judge(claim, r, p / 2, n) != NOT_REPRODUCED:
        hits.append(f"one-tailed p reported as two-tailed (one-tailed p = {p / 2:.4g})")
    loo_note = ""
    if len(x) >= 4:
        r_loo, p_loo = leave_one_out(x.reshape(-1, 1), y.reshape(-1, 1), claim.method)
        r_loo, p_loo = r_loo[:, 0], p_loo[:, 0]
        if np.isnan(r_loo).all():
            loo_note = " (single-subject deletion: no deletion leaves a defined estimate)"
        for i in range(len(x)):
            if _judge(claim, r_loo[i], p_loo[i], len(x) - 1) != NOT_REPRODUCED:
                hits.append(f"subject '{ids[i]}' left out ({_fmt(r_loo[i], p_loo[i], len(x) - 1)})")
    xc, yc, _ = _pairs(study, claim, mask, complete_case=True)
    if len(xc) >= 3 and len(xc) != len(x):
        r, p, n = _test(xc, yc, claim.method)
        if _judge(claim, r, p, n) != NOT_REPRODUCED:
            hits.append(f"complete cases on all variables ({_fmt(r, p, n)})")
    if hits:
        return CheckResult(
            claim.id,
            "variants",
            "variant reproduces",
            "",
            "; ".join(hits),
            "",
            "these nearby analyses reproduce the printed numbers; the paper should say which was run.",
        )
    return CheckResult(
        claim.id,
        "variants",
        "no variant reproduces",
        "",
        "",
        "",
        "none of: other methods, other subsets, one-tailed p, single-subject deletion, "
        f"complete cases reproduces the printed numbers{loo_note}.",
    )


def _fragility(claim: Claim, study: Study, results: Results | None, x, y, ids, p_claim) -> CheckResult:
    significant = p_claim < ALPHA
    parts = []
    flips = []
    if claim.method != "spearman":
        _, p_s, _ = _test(x, y, "spearman")
        parts.append(f"Spearman p = {p_s:.4g}")
        if (p_s < ALPHA) != significant:
            flips.append("Spearman")
    if len(x) >= 4:
        r, p, _ = _test(x, y, claim.method)
        loo = loo_summary(
            x.reshape(-1, 1),
            y.reshape(-1, 1),
            claim.method,
            np.array([r]),
            np.array([p]),
            np.asarray(ids, dtype=object),
        )
        lo, hi = loo["loo_min"][0], loo["loo_max"][0]
        min_p, max_p = loo["loo_min_p"][0], loo["loo_max_p"][0]
        if np.isnan(lo):
            parts.append("leave-one-out: no deletion leaves a defined estimate")
        else:
            parts.append(
                f"leave-one-out r from {lo:.3f} to {hi:.3f}, p from {min_p:.4g} to {max_p:.4g} "
                f"(most influential: '{loo['loo_most_influential'][0]}')"
            )
        if (significant and max_p >= ALPHA) or (not significant and min_p < ALPHA):
            flips.append("a single deletion")
    if results is not None:
        c = results.correlations
        row = c[
            (c.x == claim.x)
            & (c.y == claim.y)
            & (c.method == claim.method)
            & (c.subset.isin([claim.subset, "all" if claim.subset in ("", "pooled") else claim.subset]))
        ]
        if len(row):
            r0 = row.iloc[0]
            parts.append(
                f"{r0['adjust_method']}-adjusted p = {r0['p_adjusted']:.4g} in family "
                f"'{r0['family']}' ({int(r0['family_size'])} tests)"
            )
            if significant and r0["p_adjusted"] >= ALPHA:
                flips.append("the family's multiple-testing adjustment")
    verdict = "fragile" if flips else "robust"
    expl = "; ".join(parts) + "."
    if flips:
        expl += (
            (
                " Significance at α = .05 does not survive: "
                if significant
                else " Non-significance at α = .05 does not survive (the verdict turns significant): "
            )
            + ", ".join(flips)
            + "."
        )
    return CheckResult(claim.id, "fragility", verdict, "", "", "", expl)


def verdict_table(results: list[CheckResult]) -> pd.DataFrame:
    """verdicts.csv as a DataFrame (one row per claim and check)."""
    return pd.DataFrame(
        [r.__dict__ for r in results],
        columns=["claim_id", "check", "verdict", "reported", "recomputed", "tolerance", "explanation"],
    )
