"""Coefficients named once in words and listed with a p each: 'the coefficients (r) of A, B and C
with D were 0.34 (P = 0.005), -0.27 (P = 0.03) and -0.37 (P = 0.002), respectively', or 'the
correlation of A with D was -0.27 (p = 0.22), B was 0.10 (p-value 0.67)'. Each value carries its
own bracketed p, so pairing it is no guess; a value is read only as the next link of a chain that
starts at a statement already read, one bracket after another.
"""

from __future__ import annotations

import re

VALUE = r"[+-]?\s?(?:0?\.\d+|1\.0+)(?![\d.])"
# a coefficient named in words, however long the names between, when its own '(p' follows at once
WERE_WITH_P = re.compile(
    r"(?P<sym>(?:(?:Pearson|Spearman|Kendall)[’']?s?\s+)?(?:rank\s+)?(?:correlation\s+)?coefficients?"
    r"(?:\s+values?)?)(?P<mid>[^.;=<>\n]{0,300}?)\b(?:was|were)\s+(?P<df>)(?P<rcomp>)"
    r"(?P<r>" + VALUE + r")(?=\s*\(\s*p\b)",
    re.I,
)
# the next link after a closing bracket: ', -0.27 (P', 'and MRS was 0.34 (p-value'; never a value
# that its words name as another statistic ('the odds ratio was 0.82 (p = ...)')
CHAINED = re.compile(
    r"(?P<lead>\s*,?\s*(?:and\s+)?(?:(?!(?:[\w\- ]*\b(?:odds|hazard|ratio|beta|slope|AUC|area|kappa|ICC|intraclass"
    r"|mean|median|difference|alpha|R2|regression)\b))[A-Za-z][\w\- ]{0,40}?\s+(?:was|were)\s+)?)"
    r"(?P<sym>)(?P<df>)(?P<rcomp>)(?P<r>" + VALUE + r")(?=\s*\(\s*p\b)",
    re.I,
)
# a member of a list of bracketed statements printed without its symbol: after '(r = 0.38, p < 0.01)',
# ', Borg scale (-0.22, p = 0.04)' is the list's next coefficient, its 'r =' left out
BARE_MEMBER = re.compile(
    r"(?P<lead>[A-Za-z][\w\-' ]{0,50}?)\s*\(\s*(?P<sym>)(?P<df>)(?P<rcomp>)"
    r"(?P<r>" + VALUE + r")(?=\s*[,;]\s*p\s*[=<>≤≥])",
    re.I,
)
# a bracket opening on a bare coefficient and its p, in a sentence that says 'correlated':
# 'IgE correlated with QOL (-0.131, p < 0.05)', '(UAS-15; coefficient -0.532, p < 0.01)'
BARE_IN_BRACKET = re.compile(
    r"(?<=\()\s*(?:[^();=<>]{1,20};\s*)?(?:(?:correlation\s+)?coefficient\s+)?(?P<sym>)(?P<df>)(?P<rcomp>)"
    r"(?P<r>" + VALUE + r")(?=\s*[,;]\s*p\s*[=<>≤≥])",
    re.I,
)
CORRELATED = re.compile(r"\bcorrelat\w*", re.I)
SENTENCE_REACH = 400  # how far back a bare coefficient's 'correlated' is looked for
OTHER_ESTIMATE = re.compile(r"\b(?:odds|hazard|ratio|beta|β|OR|HR|slope|mean|median|difference|AUC|B)\b")
BRACKET_END = re.compile(r"[^()]{0,40}?\)\s*,?\s*(?:and\s+)?")  # the rest of a member's bracket, to the next name
OWN_P = re.compile(r"\s*\(\s*p[^()]{0,40}\)", re.I)  # the bracketed p right after a value


def chained_statements(text: str, statements: list[re.Match]) -> list[re.Match]:
    """The further links of every chain that starts at one of ``statements`` (matches read
    already): each a match with the groups a statement has (``sym`` empty: the sentence names
    the method).

    Examples
    --------
    >>> from biocorr.claims.patterns import STATEMENT
    >>> text = "The correlation of A with D was r = -0.27 (p = 0.22), B was 0.10 (p-value 0.67) and -0.3 (p = 0.1)."
    >>> [m.group("r") for m in chained_statements(text, list(STATEMENT.finditer(text)))]
    ['0.10', '-0.3']
    >>> text = "It went with age (r = -0.27, p = 0.01), Borg scale (-0.22, p = 0.04) and grip (r = 0.38, p = 0.1)."
    >>> [m.group("r") for m in chained_statements(text, list(STATEMENT.finditer(text)))]
    ['-0.22']
    """
    found: list[re.Match] = []
    seen = {m.start("r") for m in statements}  # a link already read (a statement, or another chain's) ends a chain
    for first in statements:
        end = first.end()
        while (p := OWN_P.match(text, end)) and (link := CHAINED.match(text, p.end())) and link.start("r") not in seen:
            seen.add(link.start("r"))
            found.append(link)
            end = link.end()
        # a bracketed statement: '(r = .38, p < .01), Borg (-.22, p = .04)' lists a member without its 'r ='
        if text[max(0, first.start() - 2) : first.start()].strip().endswith("("):
            end = first.end()
            while (
                (gap := BRACKET_END.match(text, end))
                and (bare := BARE_MEMBER.match(text, gap.end()))
                and bare.start("r") not in seen
            ):
                seen.add(bare.start("r"))
                found.append(bare)
                end = bare.end()
    return found


def correlated_bare(text: str) -> list[re.Match]:
    """Bare coefficients in brackets of a sentence that says the variables correlated, the
    bracket holding nothing but the value (a label before a ';', or 'coefficient') and its p:
    'IgE levels correlated with QOL (-0.131, p < 0.05)'. Not where an '=' (a symbol's statement)
    or another estimate's name comes between the 'correlated' and the bracket: those are read by
    their symbol, or are no coefficient.

    Examples
    --------
    >>> text = "QOL correlated with UAS (UAS-15; coefficient -0.532, p < 0.01) more than UAS-6 (-0.502, p < 0.01)."
    >>> [m.group("r") for m in correlated_bare(text)]
    ['-0.532', '-0.502']
    >>> [m.group("r") for m in correlated_bare("Age predicted QOL (-0.13, p < 0.05).")]
    []
    >>> [m.group("r") for m in correlated_bare("QOL correlated with the odds (OR 0.82, p = 0.01), (0.41, p = 0.03).")]
    []
    """
    found = []
    for m in BARE_IN_BRACKET.finditer(text):
        # its sentence, looked back over SENTENCE_REACH characters at most (linear on text without stops)
        low = max(0, m.start() - SENTENCE_REACH)
        start = max(text.rfind(". ", low, m.start()), text.rfind("\n", low, m.start()), low - 1) + 1
        said = list(CORRELATED.finditer(text, start, m.start()))
        between = text[said[-1].end() : m.start()] if said else ""
        if said and "=" not in between and not OTHER_ESTIMATE.search(between):
            found.append(m)
    return found
