"""Checks of a claim whose n was not printed with it: an inferred n is a candidate, never a fact.

A check that fails at an n taken from the passage (a neighbouring clause, the paragraph, a
caption) is retried at every size the passage gives; a statement with no n of its own in a passage
giving several sizes is checked at each of them. The verdict says which sizes fit (``depends on
n``), or that none does (``fails at inferred n``); it stays an accusation only when the printed p
is smaller than r allows at every size the passage gives added up, since a smaller n only raises p.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np

from .consistency import (
    CERTAIN_N,
    CONSISTENT,
    DECISION_ERROR,
    DEPENDS_ON_N,
    FAILS_AT_INFERRED_N,
    INCONSISTENT,
    NOT_CHECKED,
    CheckResult,
    _p_candidates,
    p_from_r_t,
)
from .model import Claim
from .sample_sizes import NO_BOUND, group_of


def p_below_every_n(claim: Claim, upper: int) -> bool:
    """True when the printed p is below every p-value that the printed r allows at ``upper`` pairs,
    so at any n up to ``upper`` (p only grows as n falls), one-tailed readings included.

    Examples
    --------
    >>> from biocorr.claims.model import Claim, parse_number
    >>> c = Claim(id="c", r=parse_number(".45"), p=parse_number(".04"), p_comparator="<", n=10)
    >>> p_below_every_n(c, 10), p_below_every_n(replace(c, p=parse_number(".40"), p_comparator="="), 10)
    (True, False)
    """
    if claim.p is None or claim.p_comparator in (">", ">=", "≥") or upper < 3:
        return False
    strongest = max(abs(claim.r.value) + claim.r.half_unit, 0.0)
    at_upper = replace(claim, n=upper, df=None)
    smallest = min(_p_candidates(at_upper, min(strongest, 1.0), 1).values())
    printed_top = claim.p.value if claim.p_comparator in ("<", "<=", "≤") else claim.p.value + claim.p.half_unit
    return bool(printed_top < smallest)


def n_is_printed(claim: Claim) -> bool:
    """True when the claim's n (or df) was printed with the statement, not inferred from the passage."""
    source = str((claim.extra or {}).get("n_source", "claims file")) or ("df" if claim.df is not None else "")
    return source in CERTAIN_N or (claim.df is not None and claim.n is None)


def _sizes_text(sizes: list[tuple[int, str]]) -> str:
    return ", ".join(f"{n}" + (f" ({label})" if label else "") for n, label in sizes)


def _at_every_size(
    check: Callable[[Claim], CheckResult], claim: Claim, candidates: list[tuple[int, str]]
) -> CheckResult:
    """A statement without an n in a passage that gives several sizes, none bound to its clause:
    checked at each of them. Consistent at all, it is consistent whatever its n (p moves with n
    monotonically, so every n between them fits too); at some, it ``depends on n``; at none, it is
    an accusation only when the printed p is smaller than r allows at every size added up, else it
    ``fails at inferred n``, or ``depends on n`` when all the sizes added up (a total the passage
    does not print: three or more groups that are never summed, each printed once, none as large as
    the others together) fit."""
    sizes = sorted(dict(reversed(candidates)).items())  # each size once, with its first label
    results = [(n, label, check(replace(claim, n=n, df=None))) for n, label in sizes]
    if any(r.verdict == NOT_CHECKED for _, _, r in results):
        return check(claim)  # no p (or no CI): nothing to check at any n
    fits = [(n, label) for n, label, r in results if r.verdict == CONSISTENT]
    misses = [(n, label, r) for n, label, r in results if r.verdict != CONSISTENT]
    head = f"n is not printed with the statement; the passage gives several sizes ({_sizes_text(sizes)})"
    whole, parts = _whole_and_parts([n for n, _ in sizes])
    if parts and (claim.extra or {}).get("whole_sample"):  # 'in the whole study group': not one of its parts
        results = [entry for entry in results if entry[0] == whole]
        fits = [(n, label) for n, label, r in results if r.verdict == CONSISTENT]
        misses = [(n, label, r) for n, label, r in results if r.verdict != CONSISTENT]
        head += f"; the statement names the whole sample, n = {whole} = {' + '.join(map(str, parts))}"
    if misses and parts and results[-1][2].verdict == CONSISTENT:
        # '46 patients ... (n = 27) ... (n = 19)': a statement naming no group is the whole sample's
        return replace(
            results[-1][2],
            explanation=f"{head}: consistent at the whole sample, n = {whole} = {' + '.join(map(str, parts))}; the "
            f"statement names none of its parts. {results[-1][2].explanation}",
        )
    if not misses:
        largest = results[-1][2]
        return replace(largest, explanation=f"{head}: consistent at every one of them, so whatever its n.")
    n_miss, _, worst = misses[-1]
    if fits:
        return replace(
            worst,
            verdict=DEPENDS_ON_N,
            explanation=f"{head}: consistent at n = {_sizes_text(fits)}; not at "
            f"{_sizes_text([(n, label) for n, label, _ in misses])} (at n = {n_miss}: {worst.explanation})",
        )
    total = sum(n for n, _ in sizes)
    raw = [n for n, _ in candidates]
    # three or more distinct groups, each printed once, none as large as the others together (not a
    # whole, nor a subset of one: '40 subjects ... 20 and 20', '152 girls ... about 15 in each group')
    disjoint = len(sizes) >= 3 and len(raw) == len(set(raw)) and 2 * sizes[-1][0] < total
    # 'We enrolled 14 patients and 10 controls. In all subjects, r = ...': the whole sample it names
    disjoint |= bool((claim.extra or {}).get("whole_sample")) and len(raw) == len(set(raw)) >= 2
    if disjoint and not parts and (together := check(replace(claim, n=total, df=None))).verdict == CONSISTENT:
        # '11 girls, 17 girls and 18 women': a statement naming none of them may be about all 46
        return replace(
            together,
            verdict=DEPENDS_ON_N,
            explanation=f"{head}: consistent at n = {total}, all of them together ({' + '.join(map(str, raw))}, a "
            f"total the passage does not print); not at any one of them (at n = {n_miss}: {worst.explanation})",
        )
    upper = max([int((claim.extra or {}).get("n_bound", 0))] + [n for n, _ in sizes])
    if upper < NO_BOUND and worst.check == "p vs r and n" and p_below_every_n(claim, upper):
        return replace(
            worst,
            explanation=f"{worst.explanation} ({head}; r = {claim.r.text} allows no p this small at any n up to "
            f"{upper}, every size the passage gives added up, so the verdict holds whatever the pair's own n)",
        )
    nearest = _nearest_miss(claim, misses) if worst.check == "p vs r and n" else worst
    return replace(
        nearest,
        verdict=FAILS_AT_INFERRED_N,
        explanation=f"would be {nearest.verdict} at every size the passage gives: {nearest.explanation} ({head}; not "
        "an accusation: the pair's own n may be another, or the test another)",
    )


def _nearest_miss(claim: Claim, misses: list[tuple[int, str, CheckResult]]) -> CheckResult:
    """Of the sizes at which a p check fails, the reading most favourable to the paper, shown: one
    that keeps the significance verdict if any does, then the one whose p from r comes nearest the
    printed p."""
    if claim.p is None or claim.p.value <= 0:
        return misses[-1][2]
    target = np.log(claim.p.value)
    keys = [
        (r.verdict == DECISION_ERROR, abs(np.log(max(p_from_r_t(claim.r.value, n - 2), 1e-300)) - target))
        for n, _, r in misses
    ]
    return misses[min(range(len(misses)), key=keys.__getitem__)][2]


def _whole_and_parts(sizes: list[int]) -> tuple[int, tuple[int, ...]]:
    """(largest size, the other sizes that add up to it) when the largest is the sum of two or
    more of the others (a sample and its groups), else (largest, ()).

    Examples
    --------
    >>> _whole_and_parts([19, 27, 46]), _whole_and_parts([15, 30]), _whole_and_parts([10, 20, 31])
    ((46, (19, 27)), (30, ()), (31, ()))
    """
    from itertools import combinations

    if len(sizes) < 3:
        return (max(sizes) if sizes else 0), ()
    ordered = sorted(sizes)
    whole, rest = ordered[-1], ordered[:-1][:12]  # a handful of sizes: every subset is cheap
    for k in range(2, len(rest) + 1):
        for parts in combinations(rest, k):
            if sum(parts) == whole:
                return whole, parts
    return whole, ()


def over_candidate_ns(check: Callable[[Claim], CheckResult], claim: Claim) -> CheckResult:
    """``check(claim)``, never accusing on a guessed n, symbol or p (see :func:`_over_candidate_ns`):
    a coefficient printed as 'p' (a PDF's ρ), or one whose p was printed once after its list, that
    fails is a doubt."""
    extra = claim.extra or {}
    result = over_printed_range(check, claim) if extra.get("n_range") else _over_candidate_ns(check, claim)
    guessed = {
        "rho_printed_as_p": "the coefficient is printed as 'p', read as Spearman's rho, as a PDF's text gives ρ",
        "p_shared_by_position": "the p is printed once after the list and taken as each coefficient's",
    }
    why = [text for key, text in guessed.items() if extra.get(key)]
    if why and result.verdict in (INCONSISTENT, DECISION_ERROR):
        return replace(
            result,
            verdict=FAILS_AT_INFERRED_N,
            explanation=f"would be {result.verdict}: {result.explanation} ({'; '.join(why)}; not an accusation: "
            "check the printed paper)",
        )
    return result


def over_printed_range(check: Callable[[Claim], CheckResult], claim: Claim) -> CheckResult:
    """A statement whose n is printed as a range ('n ranged from 124 to 130'), checked at every n
    of it: consistent when some n fits (which, is not printed); inconsistent, or a decision error,
    only when every n of the printed range fails. A range that spans several column groups because
    the cell's group could not be told (``n_range_ambiguous``) is consistent only when every n fits;
    when only some do, the verdict is ``depends on n``.

    Examples
    --------
    >>> from biocorr.claims.consistency import check_p
    >>> from biocorr.claims.model import Claim, parse_number
    >>> c = Claim(id="c", r=parse_number("-.280"), p=parse_number(".001"), p_comparator="<", n=130,
    ...           extra={"n_range": (124, 130)})
    >>> over_printed_range(check_p, c).verdict
    'inconsistent'
    >>> over_printed_range(check_p, replace(c, extra={"n_range": (124, 181)})).verdict
    'consistent'
    >>> wide = replace(c, extra={"n_range": (124, 181), "n_range_ambiguous": True})
    >>> over_printed_range(check_p, wide).verdict
    'depends on n'
    """
    extra = claim.extra or {}
    lo, hi = (int(v) for v in extra["n_range"])
    results = [(n, check(replace(claim, n=n, df=None))) for n in range(lo, hi + 1)]
    if any(r.verdict == NOT_CHECKED for _, r in results):
        return results[-1][1]
    fits = [n for n, r in results if r.verdict == CONSISTENT]
    printed = f"n is printed as a range, {lo} to {hi}"
    if extra.get("n_range_ambiguous"):
        printed += " (the span of the table's column groups: which group the cell is under cannot be told)"
    if len(fits) == len(results):
        last = results[-1][1]
        return replace(last, explanation=f"{printed}: consistent at every n of it. {last.explanation}")
    if fits:
        span = f"{fits[0]}" if fits[0] == fits[-1] else f"{fits[0]} to {fits[-1]}"
        at = dict(results)[fits[-1]]
        if not extra.get("n_range_ambiguous"):
            return replace(at, explanation=f"{printed}: consistent at n = {span}. {at.explanation}")
        miss_n, miss = next((n, r) for n, r in reversed(results) if r.verdict != CONSISTENT)
        return replace(
            miss,
            verdict=DEPENDS_ON_N,
            explanation=f"{printed}: consistent at n = {span}, not at the other n "
            f"(at n = {miss_n}: {miss.explanation})",
        )
    decision = all(r.verdict == DECISION_ERROR for _, r in results)
    worst = results[-1][1]
    return replace(
        worst,
        verdict=DECISION_ERROR if decision else INCONSISTENT,
        explanation=f"{printed}: {INCONSISTENT} at every n of it; at n = {hi}: {worst.explanation}",
    )


def _over_candidate_ns(check: Callable[[Claim], CheckResult], claim: Claim) -> CheckResult:
    """``check(claim)``, never accusing on a guessed n.

    When the claim's n was inferred (a neighbouring clause, the paragraph, a caption) and the
    check finds it inconsistent, every other sample size the passage gives is tried: consistent
    under one of them, the verdict is ``depends on n`` (which sizes fit, which do not). Inconsistent
    under all, it is an accusation only when the printed p is smaller than r allows at every size
    the passage gives added up (``n_bound``; a table's own n for a table): a pair's own n (missing
    values, a subgroup, pooled groups) is at most that, and a smaller n only raises p. Otherwise the
    verdict is ``fails at inferred n``: worth a look, never an accusation.
    """
    candidates = [(int(n), str(label)) for n, label in (claim.extra or {}).get("n_candidates", ()) if int(n) > 2]
    if claim.n is None and claim.df is None and len({n for n, _ in candidates}) >= 2:
        return _at_every_size(check, claim, candidates)
    result = check(claim)
    if result.verdict not in (INCONSISTENT, DECISION_ERROR) or n_is_printed(claim):
        return result
    fits: list[str] = []
    misses: list[str] = []
    for n, label in candidates:
        if n == claim.n:
            continue
        verdict = check(replace(claim, n=n, df=None)).verdict
        (fits if verdict == CONSISTENT else misses).append(f"{n}" + (f" ({label})" if label else ""))
    source = (claim.extra or {}).get("n_source", "")
    inferred = f"n = {claim.n} was not printed with the statement (taken from the {source or 'passage'})"
    if fits:
        return replace(
            result,
            verdict=DEPENDS_ON_N,
            explanation=f"{inferred}: consistent at n = {', '.join(fits)}; at n = {claim.n}: {result.explanation}",
        )
    tried = f"; every size the passage gives was tried ({', '.join(misses)})" if misses else ""
    # the most pairs any analysis of the passage can have: every size it mentions, added up
    upper = max([int(claim.n or 0), int((claim.extra or {}).get("n_bound", 0))] + [n for n, _ in candidates])
    if upper >= NO_BOUND:
        tried += "; the text reports repeated measures, so a pair's n may exceed the number of subjects"
    elif (claim.extra or {}).get("group_uncounted"):
        tried += f"; the size of the group it names is printed only as a part of it ({claim.n}), so it bounds no pairs"
    elif (claim.extra or {}).get("sample_uncounted"):
        tried += "; the passage gives no count of its whole sample, only parts of it, so no n bounds the pairs"
    elif result.check == "p vs r and n" and p_below_every_n(claim, upper):
        group = group_of(source)
        whose = f"the {group} the statement names" if group else "every size the passage gives added up"
        return replace(
            result,
            explanation=f"{result.explanation} ({inferred}{tried}; r = {claim.r.text} allows no p this small at any "
            f"n up to {upper}, {whose}, so the verdict holds whatever the pair's own n)",
        )
    return replace(
        result,
        verdict=FAILS_AT_INFERRED_N,
        explanation=f"would be {result.verdict} at the inferred n: {result.explanation} ({inferred}{tried}; not "
        "an accusation: missing values, a partial correlation or another test give other p-values)",
    )
