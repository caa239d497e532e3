"""What a passage says about the test behind a correlation's p, beyond r and n: a partial
correlation on k covariates (tested on n - 2 - k df), correlations on sample-weighted data (whose
p comes from a design-based test, not from r and n alone), or p-values corrected for multiple
comparisons (Bonferroni, Holm, FDR-adjusted: not the t test of r and n either; a star legend whose
thresholds are 'Bonferroni-corrected' is read the same way, so such a table is not checked: a
recall loss, never an accusation).

Reference: Cohen, Cohen, West & Aiken (2003), *Applied Multiple Regression/Correlation Analysis*,
section 3.3 (the partial correlation's df); Lumley (2010), *Complex Surveys*, chapter 5 (weighted
estimates and design-based tests); Holm (1979), *Scand J Statist* 6:65-70 (corrected p-values).
"""

from __future__ import annotations

import re

_ADJUSTED = (
    r"adjusted for|adjusting for|controlling for|controlled for|partialling out|partialing out|"
    r"after (?:correction|correcting|adjustment|adjusting) for|corrected for"
)
PARTIAL = re.compile(r"\bpartial\b|" + _ADJUSTED, re.I)
_STOP = r"(?:the|a|an|we|r|which|there|this|these|was|were|is|and)\b"  # cannot start a covariate's name
_ITEM = r"(?!" + _STOP + r")[\w-]+(?:\s(?!(?:the|was|were|is|r|and|or|with)\b)[\w-]+){0,2}"
COVARIATES = re.compile(
    r"(?:" + _ADJUSTED + r")\s+"
    r"(?P<items>" + _ITEM + r"(?:\s*,\s*(?:and\s+)?" + _ITEM + r")*(?:\s*,?\s*and\s+" + _ITEM + r")?)",
    re.I,
)
WEIGHTED = re.compile(
    r"\b(?:sample|survey|sampling|inverse[- ]probability|propensity(?:[- ]score)?)[- ]weight(?:ed|s|ing)?\b|"
    r"\bweighted (?:data|sample|correlations?|analys[ie]s|estimates?)\b",
    re.I,
)
# a p corrected for multiple comparisons: 'Bonferroni-corrected', 'FDR-adjusted', 'p_adj'; never 'adjusted for age',
# nor a q-value or FDR printed beside the test's own p
CORRECTED = re.compile(
    r"\bBonferroni|\bHolm\b|\b[SŠ]id[aá]k\b|\b(?:FDR|Benjamini[- ]Hochberg)[- ](?:corrected|adjusted)\b|"
    r"\b(?:corrected|adjusted)[- ]p(?:[- ]?values?)?\b|\bp[- _]?(?:adj|corr|FDR)\b|"
    r"(?:corrected|adjusted|correction)\s+for\s+multiple\s+(?:comparisons?|testing|tests)",
    re.I,
)
CORRECTED_WHY = (
    "the passage says the p-values are corrected for multiple comparisons ({what}): a corrected p is not"
    " the test of r and n alone; not checked"
)
# a table's column between r and its p that holds another estimate ('Regression coefficient', 'β', 'OR')
ESTIMATE = re.compile(r"regression|\bbeta\b|β|\bB\b|slope|odds ratio|\bOR\b|estimate", re.I)
ESTIMATE_WHY = (
    "the table's p column follows another estimate's column ({what}): it is that estimate's test, not the"
    " test of r and n; not checked"
)
# 'bootstrapped 95% CI', 'BCa', '2000 resamples': an interval with no Fisher z to meet
RESAMPLED_CI = re.compile(r"\bbootstrap\w*|\bBCa\b|\bresampl\w+|\bpercentile (?:interval|CI|method)", re.I)
RESAMPLED_WHY = "the text says its intervals come from resampling ({what}): no Fisher z to compare"
WEIGHTED_WHY = (
    "the passage says the correlations are on weighted data ({what}): their p comes from a design-based"
    " test, not from r and n alone; not checked"
)


def partial_covariates(context: str) -> int | None:
    """How many covariates a partial correlation names: 0 when it is not partial, None when uncounted.

    Parameters
    ----------
    context : str
        The sentence, caption or table note around the statement.

    Returns
    -------
    int or None

    Examples
    --------
    >>> [partial_covariates(t) for t in ("adjusted for age, sex and BMI", "After controlling for age and sex, "
    ...  "the partial r was", "a partial correlation", "Pearson r", "after correction for sleep apnea, "
    ...  "history of smoking, diabetes, high blood pressure, and high cholesterol")]
    [3, 2, None, 0, 5]
    """
    m = COVARIATES.search(context)
    if not m:
        return 0 if not PARTIAL.search(context) else None
    items = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", m.group("items").strip())
    return len([i for i in items if i.strip()])


def weighted_test(context: str) -> str:
    """Why a correlation's p cannot be checked from r and n when the context says the data are
    weighted ('Using Sample-Weighted Data'), else ''.

    Examples
    --------
    >>> weighted_test("Correlation of change in SPSM Using Sample-Weighted Data")[:52]
    'the passage says the correlations are on weighted da'
    >>> weighted_test("Pearson correlations in 117 women")
    ''
    """
    return _reason(WEIGHTED, WEIGHTED_WHY, context)


def corrected_test(context: str) -> str:
    """Why a correlation's p cannot be checked from r and n when the context says it is corrected for
    multiple comparisons ('Bonferroni-corrected', 'FDR-adjusted', 'p_adj'), else ''.

    Examples
    --------
    >>> corrected_test("p values were Bonferroni-corrected for 4 comparisons")[:58]
    'the passage says the p-values are corrected for multiple c'
    >>> corrected_test("partial correlations adjusted for age and sex")
    ''
    """
    return _reason(CORRECTED, CORRECTED_WHY, context)


def estimate_test(columns_between: str) -> str:
    """Why a table's p cannot be checked against its r when a column of another estimate stands
    between them ('r | Regression coefficient | P value': the p tests the coefficient), else ''.

    Examples
    --------
    >>> estimate_test("Regression coefficient")[:40], estimate_test("95% CI")
    ("the table's p column follows another est", '')
    """
    return _reason(ESTIMATE, ESTIMATE_WHY, columns_between)


def resampled_interval(text: str) -> str:
    """Why a printed CI is not checked against the Fisher z interval when the text says its intervals
    come from resampling (a bootstrap: Efron & Tibshirani 1993, ch. 13), else ''.

    Examples
    --------
    >>> resampled_interval("95% CIs from 2000 bootstrap resamples")[:42], resampled_interval("95% CI 0.1 to 0.6")
    ('the text says its intervals come from resa', '')
    """
    return _reason(RESAMPLED_CI, RESAMPLED_WHY, text)


def _reason(pattern: re.Pattern, why: str, context: str) -> str:
    """``why`` naming the words of ``context`` that ``pattern`` finds, else ''."""
    m = pattern.search(context)
    return why.format(what=repr(m.group(0))) if m else ""


def p_not_from_r_and_n(context: str) -> str:
    """Why the p of a correlation in ``context`` is not the t test of r and n (weighted data, a
    correction for multiple comparisons), else ''.

    Parameters
    ----------
    context : str
        The statement with its sentence, or a table's caption, header and notes.

    Returns
    -------
    str
        The reason, to be shown with the verdict 'not checked'; '' when the p is the t test's own.

    Reference: Lumley (2010), chapter 5; Holm (1979).

    Examples
    --------
    >>> bool(p_not_from_r_and_n("(r = .45, p = .016, Bonferroni-corrected)")), p_not_from_r_and_n("(r = .45, p = .004)")
    (True, '')
    """
    return weighted_test(context) or corrected_test(context)


def as_partial(kw: dict, k: int | None, other_test: str = "") -> dict:
    """A table claim's keywords as a partial correlation on k covariates: tested on n - 2 - k df;
    with k unknown, no n is attached; when its p is not the test of r and n (``other_test``, the
    reason: weighted data, a corrected p) the claim is flagged.

    Examples
    --------
    >>> as_partial({"n": 70, "extra": {"n_source": "caption"}}, 5)
    {'n': None, 'extra': {'n_source': 'caption', 'partial': 5}, 'df': 63}
    >>> as_partial({"n": 117, "extra": {"n_source": "column"}}, 0, "weighted")["extra"]["p_not_from_r_and_n"]
    'weighted'
    """
    if other_test:  # its n is kept, to say what a plain test would give (never a verdict)
        kw["extra"]["p_not_from_r_and_n"] = other_test
        return kw
    if k == 0:
        return kw
    kw["extra"]["partial"] = True if k is None else k  # True: a partial r with an unknown number of covariates
    if kw.get("n") is not None:
        if k is None:
            kw["n"], kw["extra"]["n_source"] = None, ""
        else:
            kw["df"], kw["n"] = kw["n"] - 2 - k, None
    return kw
