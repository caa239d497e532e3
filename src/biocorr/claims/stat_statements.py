"""t, F, χ², z and Q statements in text, checked as R's statcheck checks them.

Recognised (any spacing, Unicode minus, thousands separators in the value):

- ``t(28) = 2.20, p = .036``; Welch df ``t(45.3) = -2.1, p < .05``
- ``F(1, 28) = 4.84, p = .036``; ``F(2,115) = 3.1, p > .05``
- ``χ2(1, N = 120) = 5.4, p = .02``; ``chi-square(2) = 8.1``; ``X2(1) = ...``; ``χ²``
- ``z = 2.31, p = .021``; ``Z = -1.96, p = .05``
- ``Q(12) = 30.1, p = .003`` and ``Qb``/``Qw`` (meta-analytic heterogeneity)

with a p in any notation (``=``, ``<``, ``>``, ``≤``, ``≥``, ``ns``, e-notation, × 10^−k)
in the same clause. p is recomputed from both ends of the statistic's rounding interval
(statcheck's ``error_test``); an inconsistency that changes significance at α = .05 is a
*decision error* (``decision_error_test``, p = .05 significant). A statement inconsistent
two-tailed but consistent one-tailed (t, z) says so.

References
----------
Nuijten MB et al. (2016). The prevalence of statistical reporting errors in psychology
(1985-2013). *Behav Res Methods* 48, 1205-1226 (R package statcheck 1.4: ``compute_p``,
``error_test``, ``decision_error_test``).
Epskamp S, Nuijten MB (2014). statcheck: Extract statistics from articles and recompute p
values. R package.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import numpy as np
from scipy import stats

from ..stats.methods import ALPHA
from .consistency import CONSISTENT, DECISION_ERROR, INCONSISTENT, NOT_CHECKED, CheckResult, statcheck_decision_error
from .consistency import statcheck_error as _statcheck_error_r
from .model import Reported, normalise_passage, parse_number, parse_p
from .patterns import EXPONENT, MANTISSA

# '2,50' or '2,5' is a decimal comma (European papers); '1,234' (three digits) a thousands separator
VALUE = (  # an exponent belongs to the number ('t = 1e400' is not t = 1): read whole, or not at all
    r"(?P<val>(?:-?\s?\d+,(?:\d{1,2}|\d{4,})(?!\d|,\d)|-?\s?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|-?\s?\.\d+)"
    r"(?:\s?[eE][+-]?\d+|\s?[×x]\s?10\s?\^?\s?[+-]?\d+)?)(?![\d.]\d)"
)
COMP = r"(?P<comp>=|<|>|≤|≥)"
DF = r"(?:-?\s?\d+(?:\.\d+)?)"  # a negative df is read, then not checked with its reason
STATEMENT = re.compile(
    r"(?:(?<![\w.])t\s*\(\s*(?P<t_df>" + DF + r")\s*\)"
    r"|(?<![\w.])t(?P<t_glued>\d{2,3})(?=\s*[=<>≤≥])"  # 't37 = 2.1': the df as a subscript the text lost
    r"|(?P<c_bare>(?:χ|chi|X)\s*(?:2|²|\^2|-?squared?))(?=\s*[=<>≤≥])"  # 'χ2 = 9,49 (df = 4; p = 0,050)'
    r"|(?<![\w.])F\s*\(\s*(?P<f_df1>" + DF + r")\s*[,;]\s*(?P<f_df2>" + DF + r")\s*\)"
    r"|(?:χ|chi|X)\s*(?:2|²|\^2|-?squared?)\s*\(\s*(?P<c_df>" + DF + r")"
    r"(?:\s*[,;]\s*N\s*=\s*(?P<c_n>\d{1,3}(?:,\d{3})+|\d+))?\s*\)"
    r"|(?<![\w.])(?P<z>[zZ])(?=\s*[=<>≤≥])"
    r"|(?<![\w.])Q(?P<q_kind>b|w|-?between|-?within)?\s*\(\s*(?P<q_df>" + DF + r")\s*\))"
    r"\s*" + COMP + r"\s*" + VALUE,
    re.I,
)
P_VALUE = re.compile(
    r"\bp(?:[- ]?values?)?\s*(?P<comp><=|>=|=|<|>|≤|≥)\s*(?P<p>" + MANTISSA + EXPONENT + r")|(?P<ns>\bn\.?s\.?(?!\w))",
    re.I,
)
CLAUSE_END = re.compile(r"\.(?=\s|$)|;|\)|\n\s*\n")
DF_AFTER = re.compile(r"\s*[,(]?\s*\(?\s*df\s*=\s*(?P<df>\d+)\s*[;,)]")  # '... (df = 4; ...' after a bare χ²
DECIMAL_COMMA = re.compile(r"-?\d+,(?:\d{1,2}|\d{4,})")
SEMICOLON_P = re.compile(r";\s*(?:p\b|p-values?\b)[^;\n)]*?(?=;|\.(?:\s|$)|\)|\n|$)", re.I)


def _statistic_text(value: str) -> str:
    """A printed statistic as a number's text: '2,50' -> '2.50' (decimal comma), '1,234' -> '1234'.

    Examples
    --------
    >>> _statistic_text("2,50"), _statistic_text("1,234.5"), _statistic_text("- 3.1")
    ('2.50', '1234.5', '-3.1')
    """
    value = value.replace(" ", "")
    return value.replace(",", ".") if DECIMAL_COMMA.fullmatch(value) else value.replace(",", "")


ONE_TAILED = re.compile(r"one[- ]tailed|one[- ]sided|directional", re.I)
LABELS = {"t": "t", "F": "F", "chi2": "χ²", "z": "z", "Q": "Q", "Qb": "Qb", "Qw": "Qw"}


@dataclass(frozen=True)
class TestStatement:
    """A t, F, χ², z or Q statement as printed.

    Attributes
    ----------
    id : str
        ``source:line:column``.
    test : str
        ``t``, ``F``, ``chi2``, ``z``, ``Q``, ``Qb`` or ``Qw``.
    df1, df2 : float or None
        F's numerator and denominator df; χ²/Q's df in ``df1``; t's df in ``df2`` (statcheck's layout).
    value : Reported
        The statistic as printed (its decimals set the rounding interval).
    comparator : str
        ``=``, ``<`` or ``>`` between the statistic and its value.
    p, p_comparator : Reported or None, str
        ``ns`` is read as p > .05.
    tails : int
        1 when the sentence says one-tailed/one-sided/directional.
    n : int or None
        χ²'s ``N = ...`` when printed.
    """

    __test__ = False  # not a pytest class

    id: str
    test: str
    df1: float | None
    df2: float | None
    value: Reported
    comparator: str
    p: Reported | None
    p_comparator: str
    tails: int
    n: int | None
    raw: str
    line: int
    column: int


def extract_test_statements(text: str, source: str = "text") -> list[TestStatement]:
    """Find t, F, χ², z and Q statements in text (linear in its length).

    Examples
    --------
    >>> (s,) = extract_test_statements("Groups differed, t(28) = 2.20, p = .036.")
    >>> s.test, s.df2, s.value.text, s.p.text
    ('t', 28.0, '2.20', '.036')
    >>> [s.test for s in extract_test_statements("F(1, 28) = 4.84, p = .04; χ2(2, N = 90) = 6.1, p = .047")]
    ['F', 'chi2']
    """
    text = normalise_passage(text)
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    out: list[TestStatement] = []
    for m in STATEMENT.finditer(text):
        i = bisect.bisect_right(line_starts, m.start()) - 1
        line, col = i + 1, m.start() - line_starts[i] + 1
        test, df1, df2, n = _kind(m)
        if m.group("c_bare"):
            after = DF_AFTER.match(text, m.end())
            if after is None:
                continue  # 'χ2 = 3.1' with no df anywhere near: nothing to check it against
            df1 = float(after.group("df"))
        end = CLAUSE_END.search(text, m.end(), m.end() + 200)
        tail = text[m.end() : end.start() if end else m.end() + 200]
        if end and end.group() == ";" and (more := SEMICOLON_P.match(text, end.start())):
            tail = text[m.end() : more.end()]  # 't(22) = 2.50; p = .02': the p after a semicolon is the test's
        nxt = STATEMENT.search(tail)
        tail = tail[: nxt.start()] if nxt else tail
        p = None
        p_comp = "="
        pm = P_VALUE.search(tail)
        if pm and pm.group("ns"):
            p, p_comp = parse_number(f"{ALPHA}"), "ns"
        elif pm:
            p_comp, p = parse_p(pm.group("p"), pm.group("comp"))
        if test == "z" and p is None:
            continue  # 'z = 0.5 mm' (a coordinate, a z-score): a z statistic is read only with its p
        sentence = text[max(0, m.start() - 200) : m.end() + len(tail)]
        comp = {"≤": "<", "≥": ">"}.get(m.group("comp"), m.group("comp"))
        out.append(
            TestStatement(
                id=f"{source}:{line}:{col}",
                test=test,
                df1=df1,
                df2=df2,
                value=parse_number(_statistic_text(m.group("val"))),
                comparator=comp,
                p=p,
                p_comparator=p_comp,
                tails=1 if ONE_TAILED.search(sentence) and test in ("t", "z") else 2,
                n=n,
                raw=(m.group(0) + tail).strip(),
                line=line,
                column=col,
            )
        )
    return out


def _kind(m: re.Match) -> tuple[str, float | None, float | None, int | None]:
    def df(group: str) -> float:
        return float(m.group(group).replace(" ", ""))

    if m.group("t_df"):
        return "t", None, df("t_df"), None
    if m.group("t_glued"):
        return "t", None, df("t_glued"), None
    if m.group("f_df1"):
        return "F", df("f_df1"), df("f_df2"), None
    if m.group("c_df"):
        n = int(m.group("c_n").replace(",", "")) if m.group("c_n") else None
        return "chi2", df("c_df"), None, n
    if m.group("c_bare"):  # its df follows the value: see DF_AFTER
        return "chi2", None, None, None
    if m.group("z"):
        return "z", None, None, None
    kind = (m.group("q_kind") or "").lower().lstrip("-")
    return {"": "Q", "b": "Qb", "between": "Qb", "w": "Qw", "within": "Qw"}[kind], df("q_df"), None, None


def statistic_p(test: str, value: float, df1: float | None, df2: float | None, tails: int = 2) -> float:
    """p of a t, F, χ², z or Q value, as statcheck's ``compute_p``.

    Examples
    --------
    >>> round(statistic_p("t", 2.2, None, 28), 6), round(statistic_p("chi2", 3.841459, 1, None), 4)
    (0.036225, 0.05)
    """
    if test == "t":
        p = stats.t.sf(abs(value), df2)
    elif test == "F":
        p = stats.f.sf(value, df1, df2)
    elif test == "z":
        p = stats.norm.sf(abs(value))
    else:  # chi2, Q, Qb, Qw
        p = stats.chi2.sf(value, df1)
    return float(p * 2 if test in ("t", "z") and tails == 2 else p)


def check_statement(s: TestStatement, alpha: float = ALPHA) -> CheckResult:
    """Is the printed p consistent with the printed statistic and df? (statcheck's rules)."""
    label = LABELS[s.test]
    name = f"p vs {label} and df" if s.test != "z" else "p vs z"
    if s.p is None:
        return CheckResult(s.id, name, NOT_CHECKED, "", "", "", "no p-value printed with the statistic")
    if not np.isfinite(s.value.value):
        why = f"{label} = {s.value.text} is not a finite number (beyond double precision): not checked"
        return CheckResult(s.id, name, NOT_CHECKED, s.raw, "", "", why)
    dfs = [d for d in (s.df1, s.df2) if d is not None and not np.isnan(d)]
    if any(d <= 0 for d in dfs):
        why = (
            f"df must be positive for a {label} distribution (printed {', '.join(f'{d:g}' for d in dfs)}): not checked"
        )
        return CheckResult(s.id, name, NOT_CHECKED, s.raw, "", "", why)
    if s.test in ("F", "chi2", "Q", "Qb", "Qw") and s.value.value < 0:
        return CheckResult(s.id, name, INCONSISTENT, s.raw, "", "", f"{label} cannot be negative")
    reported_p = alpha if s.p_comparator == "ns" else s.p.value
    p_comp = ">" if s.p_comparator == "ns" else s.p_comparator
    p_text = "ns" if s.p_comparator == "ns" else f"p {s.p_comparator} {s.p.text}"
    readings = []
    for tails in [s.tails] + ([1] if s.tails == 2 and s.test in ("t", "z") else []):
        half = 0.5 / 10**s.value.decimals
        v = s.value.value
        low_stat, up_stat = (v - half, v + half) if v >= 0 else (v + half, v - half)
        up_p = statistic_p(s.test, low_stat, s.df1, s.df2, tails)
        low_p = statistic_p(s.test, up_stat, s.df1, s.df2, tails)
        computed = statistic_p(s.test, v, s.df1, s.df2, tails)
        error = _error(reported_p, p_comp, s.comparator, s.p.decimals, low_p, up_p, s.p.exponent)
        decision = error and _decision_error(reported_p, p_comp, s.comparator, computed, alpha)
        readings.append((tails, computed, low_p, up_p, error, decision))
    tails, computed, low_p, up_p, error, decision = readings[0]
    d = s.value.decimals + 1
    tol = f"{label} in [{min(v - half, v + half):.{d}f}, {max(v - half, v + half):.{d}f}]"
    recomputed = f"{computed:.4g} ({tails}-tailed)" if s.test in ("t", "z") else f"{computed:.4g}"
    if not error:
        return CheckResult(
            s.id, name, CONSISTENT, p_text, recomputed, tol,
            f"the printed p lies within the p-values [{low_p:.4g}, {up_p:.4g}] of every {label} that rounds to "
            f"{s.value.text}.",
        )  # fmt: skip
    expl = (
        f"a p-value is never exactly 0 ('{p_text}')"
        if reported_p <= 0
        else f"{label} {s.comparator} {s.value.text} gives p between {low_p:.4g} and {up_p:.4g}, so '{p_text}' "
        "cannot be right"
    )
    if decision:
        expl += "; the significance verdict at α = .05 flips"
    if len(readings) > 1 and not readings[1][4]:
        expl += f"; it is consistent as a one-tailed p ({readings[1][1]:.4g}), which the paper should say"
    return CheckResult(s.id, name, DECISION_ERROR if decision else INCONSISTENT, p_text, recomputed, tol, expl + ".")


def _error(reported_p, p_comp, test_comp, p_dec, low_p, up_p, p_exponent) -> bool:
    """statcheck's ``error_test`` for any test comparator."""
    if test_comp == "=":
        return _statcheck_error_r(reported_p, p_comp, p_dec, up_p, low_p, p_exponent)
    if reported_p <= 0:
        return True
    if test_comp == "<":  # the statistic is below its value: p is at least up_p
        return {"=": reported_p < float(np.round(up_p, p_dec)), "<": reported_p < up_p}.get(p_comp, False)
    return {"=": reported_p > float(np.round(low_p, p_dec)), ">": reported_p > low_p}.get(p_comp, False)


def _decision_error(reported_p, p_comp, test_comp, computed, alpha) -> bool:
    """statcheck's ``decision_error_test`` (pEqualAlphaSig = TRUE) for any test comparator."""
    if test_comp == "=":
        return statcheck_decision_error(reported_p, p_comp, computed, alpha)
    if test_comp == "<":
        return p_comp in ("=", "<") and reported_p <= alpha and computed >= alpha
    if p_comp == "=":
        return reported_p > alpha and computed <= alpha
    return p_comp == ">" and reported_p >= alpha and computed <= alpha
