"""The regular expressions reviewer mode reads statements with (see :mod:`biocorr.claims.extract`).

Text is normalised before matching (Unicode minus signs and dashes become '-', no-break spaces
become spaces), so a pattern here meets only ASCII '-'.
"""

from __future__ import annotations

import re

NUM = r"[+-]?\s?(?:[01],\d+(?![\d.]|,\d)|\d+(?:\.\d+)?|\.\d+)"  # '0,45': a decimal comma (European papers)
LIST_NUM = r"[+-]?(?:\d+(?:\.\d+)?|\.\d+)"  # a list member: no space between sign and digits
SYMBOL = (
    r"(?P<sym>Spearman[’']?s\s+(?:rho|ρ)|Kendall[’']?s\s+(?:tau|τ)|Pearson[’']?s\s+r|\bS?RCC\b|\bPCC\b|"
    r"\(\s?(?:r_?s|rₛ|rho|ρ|r)\s?\)(?=\s?[=:])|"  # '(rs)=0.327': the symbol in brackets
    r"r\(s\)(?=\s?[=:])|"  # 'r(s) = 0.488': Spearman's subscript s printed in brackets, never a df
    r"r_?s|rₛ|r\s?s(?=\s?[=(])|rho|ρ|tau(?:[-_ ]?b)?|τ(?:[-_ ]?b)?|"
    r"\br[- ]value(?=\s?=)|\br)"  # 'r value= -.907': the word 'value' after the symbol
)
STATEMENT = re.compile(
    SYMBOL
    # one run of spaces, then an optional (df) with its own: two adjacent \s* around an optional
    # group would backtrack quadratically over a long run of spaces; 'r_(11)': a subscript df
    + r"\s*(?:_?\(\s*(?:df\s*=\s*)?(?P<df>\d+)\s*\)\s*)?"
    # 'r 0.74, p < 0.001': no sign between symbol and value, read only when a p follows at once
    # 'r-0.449, p-value=0.003': a minus glued to the symbol, its '=' lost, read only when a p follows at once
    + r"(?P<rcomp>=|≈|:(?=\s?[+-]?\s?\.?\d)|(?<=\s)(?=[+-]?0?\.\d{1,4}\s*[,;]\s*p\s*(?:[=<>≤≥]))"
    + r"|(?<=r)(?=-0?\.\d{1,4}\s*[,;]\s*p(?:[- ]?values?)?\s*[=<>≤≥]))\s*(?P<r>"
    + NUM
    + r")(?!\d*\.\d)",  # = value; '0.0.561', '0.45.3' are no number (a typo), never r = 0.0 or 0.4
    re.I,
)
CLAUSE_END = re.compile(r"\.(?=\s|$)|;|\n\s*\n")
STATISTIC_SEGMENTS = re.compile(
    r"(?:\s*;\s*(?:p\b|p-values?\b|[nN]\s*=|\d{2}\s?%\s*(?:CI|confidence)|CI\b)[^;\n]*?(?=;|\.(?:\s|$)|\n|$))*", re.I
)
SENTENCE_START = re.compile(r"(?:\.(?=\s)|\n\s*\n|^)", re.M)
# The text is normalised first (en dashes and minus signs become '-'), so a range's dash is '-':
# '[.03, .73]', '(0.30-0.90)', '95% CI 0.30 to 0.90', '95% confidence interval: -0.70--0.02'.
# A bare range needs the CI keyword before it; a bracket does not.
CI = re.compile(
    r"(?:(?:(?P<level>\d{2}(?:\.\d)?)\s?%\s*)?(?P<kw>\bCI\b|confidence interval)\s*(?:[,:=]\s*)?"
    r"(?:(?:of|was|from|between)\s+)?)?"
    r"(?:[\[(]\s*(?P<lo>" + NUM + r")\s*(?:[,;]|-|to)\s*(?P<hi>" + NUM + r")\s*[\])]"
    r"|(?(kw)(?P<lo2>" + NUM + r")\s*(?:to|and|-|,)\s*(?P<hi2>" + NUM + r")(?![\d.])|(?!)))",
    re.I,
)
EXPONENT = r"(?:\s*[eE]\s*[+-]?\d+|\s*[×xX·*]\s*10\s*\^?\s*[-+]?\s*\d+|\s*[×xX·*]\s*10[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)?"
DF_PRINTED = re.compile(r"(?<![\w.])d\.?f\.?\s*[=:]\s*(?P<df>\d+)(?!\d|\.\d)", re.I)  # '(r = .45, p = .004, df = 38)'
MANTISSA = (  # 'p < 10-4', 'p < 10^-4', 'p < 10⁻⁴': a bare power of ten (never read as 'p < 1')
    r"(?:10\s*\^?\s*-\s*\d+(?![\d.])|10⁻[⁰¹²³⁴⁵⁶⁷⁸⁹]+|"
    r"0,\d+(?![\d.]|,\d)|\d?\.\d+|[01](?:\.\d+)?|[1-9](?:\.\d+)?(?=\s*[eE×xX·*]))"  # 1-9 only before an exponent
)
PVAL = re.compile(  # 'P: 0.006' is 'p = 0.006'
    r"\bp_?(?:[- ]?values?)?\s*(?P<comp><=|>=|=|<|>|≤|≥|:(?=\s*[\d.]))\s*(?P<p>" + MANTISSA + EXPONENT + r")"
    r"(?!\d*\.\d)",  # 'p < 0.0.1' is a typo, never p < 0.0
    re.I,
)
# one p printed for a list of coefficients: '(all p < 0.05)', 'both p < .01', 'p < .001 for all'
SHARED_P = re.compile(
    r"\b(?:all|both|each)\s+(?:p|p[- ]?values?)\s*(?P<comp><=|>=|=|<|>|≤|≥)\s*(?P<p>" + MANTISSA + EXPONENT + r")"
    r"|\bp\s*(?P<comp2><=|<|≤)\s*(?P<p2>" + MANTISSA + EXPONENT + r")\s*(?:for\s+)?(?:all|both|each)\b",
    re.I,
)
# '(p < 0.001)' alone in its brackets after a list of bracketed coefficients without p:
# 'HADS-A (r = -0.65) and HADS-D (r = -0.61) scores (p < 0.001)'
# '(r = 0.26) between A and B (p-value = 0.040)': a statement's one p later in its sentence
LONE_P = re.compile(r"\(\s*p(?:[- ]?values?)?\s*(?P<comp><=|<|≤|=)\s*(?P<p>" + MANTISSA + EXPONENT + r")\s*\)", re.I)
# '(r = 0.665), p = 0.0003)': the statement's p after a bracket closed too early (a typo)
STRAY_P = re.compile(r"\s*\)\s*,\s*p\s*(?P<comp><=|<|≤|=)\s*(?P<p>" + MANTISSA + EXPONENT + r")\s*\)", re.I)
# a clause turning to another group ('..., and in controls (n = 30)'), never 'p = .03 and .01; n = 30'
TURN = re.compile(r"\b(?:and|or)\s+(?:in|among|for|within)\b|\b(?:but|while|whereas)\b")
LIST_BREAK = re.compile(r"\b(?:but|while|whereas|although|though|not|no|nor|however|except)\b|[;:]", re.I)
# Spearman's ρ that a PDF's text layer gives as 'p': 'the Spearman correlation ... (p = 0.45, p = 0.004)'.
# Read only as the first of two p's in one bracket of a sentence that names Spearman or rho.
RHO_AS_P = re.compile(
    r"(?<=[(\[])(?P<sym>p)\s?(?P<df>)(?P<rcomp>=)\s?(?P<r>[+-]?\s?(?:0?\.\d{2,}|1\.0+))(?=\s*[,;]\s*p\s*[=<>])"
)
SPEARMAN_NAMED = re.compile(r"spearman|\brho\b|rank correlation", re.I)
LOST_MINUS = re.compile(r"^2(?:0?[.,]\d+)$")  # '20.19' or '2.45': a minus sign a PDF turned into '2'
RANGE_AFTER = re.compile(r"^\s*[–-]\s*\.?\d")
ONE_TAILED = re.compile(r"one[- ]tailed|one[- ]sided|directional", re.I)
MENTION = re.compile(
    r"(\br\s*[(=]|\brho\b|ρ|τ|\btau\b|\brs\s*[=(]|\br_?p\s*=|Spearman|Kendall|Pearson|\br\s?(?:2|²)\s*[=<>])", re.I
)
SQUARED = re.compile(r"^r\s?(?:2|²)\s*[=<>]", re.I)
RESPECTIVELY = re.compile(r"\brespectively\b", re.I)
# 'the correlation between X and Y was 0.45', "Kendall's tau ... was 0.30": a coefficient in words
VERBAL = re.compile(
    r"(?P<sym>(?:Pearson|Spearman|Kendall)[’']?s?\s+(?:rank[- ])?(?:correlation(?:\s+coefficient)?|rho|ρ|tau|τ|r)"
    r"|correlation\s+coefficient|\bcorrelation|\brho\b|\btau\b)"
    r"(?P<mid>(?:[^.;=()\n<>]|\((?:r|rs|r_s|rₛ|ρ|rho|τ|tau|R)\)){0,80}?)\b(?:was|were|is|of|reached|resulted(?:\s+in)?|amounted\s+to)\s+(?P<df>)(?P<rcomp>)"
    r"(?P<r>[+-]?\s?(?:0?\.\d+|1\.0+))(?![\d.]*\s*(?:%|mm|mg|ng|pg|kg|years))",
    re.I,
)
NOT_SIGNIFICANT = re.compile(r"(?:^|[,;(]\s*)n\.?s\.?(?!\w)", re.I)
MULTIPLE_R = re.compile(r"multiple\s+(?:correlation|R)\b|\bR\s*(?:2|²)|R-squared|adjusted R|regression", re.I)


def printed_df(clause: str) -> int | None:
    """The df a statement prints in its own clause ('(r = .45, p = .004, df = 38)', 'd.f. = 38'),
    up to the clause's end; None when there is none.

    Examples
    --------
    >>> printed_df(", p = .004, d.f. = 38)"), printed_df(", p = .004); t = 2.1, df = 20")
    (38, None)
    """
    clause = re.sub(r"\bd\.f\.", "df  ", clause)  # its points end no clause
    own = clause[: end.start()] if (end := CLAUSE_END.search(clause)) else clause
    return int(m.group("df")) if (m := DF_PRINTED.search(own)) else None
