"""Counts that are a part of a sample: people not analysed ('three dropped out') and the analysed
part printed without a noun ('of which 102 were included', '49 complied with the criteria'); and
whether a text counts its sample at all, or a group only as a part of it ('12 with CD had surgery').

A dropped count is no sample size of its own (see :mod:`biocorr.claims.sample_sizes`); an included
count is one, a candidate next to the count it was taken from. An accusation at an inferred n
(:mod:`biocorr.claims.inferred_n`) rests on a bound only when the sample, or the named group, is
counted where the text says who was studied.
"""

from __future__ import annotations

import re

from .number_words import NUMBER_WORDS

NOT_ANALYSED = re.compile(
    r"\b(?:were |was )?(?:excluded|dropped|withdrew|withdrawn|lost|declined|died|refused)\b", re.I
)
# 'of which 102 were included', '49 complied with the inclusion criteria': the analysed sample, no noun
INCLUDED = re.compile(
    r"(?<![.\d\w=<>±-])(?P<n>\d{1,5})\s+(?:were\s+|was\s+)?(?:finally\s+|eventually\s+)?"
    r"(?:included|enrolled|analy[sz]ed|eligible|complied\s+with|met\s+the|fulfilled)\b",
    re.I,
)
NOT_A_SAMPLE_BEFORE = re.compile(
    r"\b(?:variables|items|questions|factors|predictors|covariates|genes|studies|articles)\b", re.I
)
EXCLUDING = re.compile(r"\b(?:excluding|except(?:ing)?|omitting|removing|minus)\s+(?:the\s+)?$", re.I)


def included_counts(para: str) -> list[int]:
    """Counts of the sample analysed, printed without a noun, never a count of variables or studies.

    Parameters
    ----------
    para : a paragraph of the text.

    Returns
    -------
    The counts in the order printed. (Reference: none; the wording of CONSORT-style flow sentences.)

    Examples
    --------
    >>> included_counts("A number of 111 subjects underwent surgery, of which 102 were included.")
    [102]
    >>> included_counts("Of 30 candidate variables, 12 were included in the model.")
    []
    """
    return [
        int(m["n"])
        for m in INCLUDED.finditer(para)
        if not NOT_A_SAMPLE_BEFORE.search(para[max(0, m.start() - 60) : m.start()])
    ]


def dropped(para: str, m: re.Match) -> bool:
    """Whether the count matched by ``m`` counts people not analysed: 'three patients dropped out',
    'two were excluded', 'after excluding 4 women' (a part of the sample, not a sample of its own).

    Examples
    --------
    >>> m = re.search(r"\\d+ patients", "In all, 3 patients dropped out.")
    >>> dropped("In all, 3 patients dropped out.", m)
    True
    """
    clause = re.split(r"[.;,:]", para[m.end() : m.end() + 40], maxsplit=1)[0]
    return bool(NOT_ANALYSED.search(clause) or EXCLUDING.search(para[max(0, m.start() - 30) : m.start()]))


# a sentence that counts the study's sample: 'We enrolled 60 patients', 'a total of', 'n = 40',
# 'In 40 patients, ...', '40 patients took part'; never 'In all, 12 patients had surgery' (a part)
ENROLMENT = re.compile(
    r"\b(?:enrol+(?:ed|ing|ment)?|recruit(?:ed|ing|ment)?|includ(?:ed|ing)|inclusion|studied|"
    r"study (?:of|population|sample|group|cohort)|"
    r"participat(?:ed|ing|ion|ants?)|took part|sample|cohort|total|comprised?|consist(?:ed|ing)? of|examined|"
    r"investigated|evaluated|screened|selected|admitted|registered|analy[sz]ed|assessed|measured|followed|"
    r"eligible|complied|met the|fulfilled|were (?:compared|matched)|served)\b|\b[nN]\s*=\s*\d|"
    r"^\s*(?:In|Among|Of|For)\s+(?:the\s+|all\s+|these\s+|our\s+)?\S*\d",
    re.I,
)
# what a number counts when it counts no one: a duration, a dose, a measure ('12 months', '4 weeks')
UNITS = (
    r"years?|months?|weeks?|days?|nights?|hours?|h|minutes?|min|seconds?|s|times?|mg|g|kg|ml|mL|l|cm|mm|"
    r"sessions?|visits?|samples?|doses?|cycles?|tablets?|points?|items?"
)
NOT_A_UNIT = r"(?!\s*(?:(?:" + UNITS + r")\b|%))"  # after a number: '12 months' counts no one
COUNTED = re.compile(r"(?:(?<![\d.,])\d+(?:[.,]\d+)?(?![\d.,]?\d)|\b(?:" + NUMBER_WORDS + r")\b)" + NOT_A_UNIT, re.I)
SENTENCE_BREAK = re.compile(r"(?<=[.;!?])\s+(?=[A-Z(\d])|\n")  # never inside a decimal: 0.05


# '(r = -0.37, P < 0.05 for men, n=27 ...)': a statement's own n, printed in its bracket, is that
# analysis's pairs (a follow-up subset), not a count of the group for other statements
STATEMENT_BRACKET = re.compile(r"\([^()]*?\b(?:r|rs|rho|ρ|p)\s*[=<>≤≥][^()]*\)?", re.I)


def sample_counted(scope: str) -> bool:
    """Whether a passage (or paragraph) counts its sample, not only parts of it: some sentence with
    a number says who was studied ('We enrolled 60 patients', 'n = 40', 'In 40 patients, ...').

    Parameters
    ----------
    scope : the paragraph or text whose sizes bound a statement's n.

    Returns
    -------
    True when a counted sample is named. (Reference: none; an inferred n can bound a statement's
    pairs only when the text gives the whole sample, CONSORT's flow of participants.)

    Examples
    --------
    >>> sample_counted("We enrolled 60 patients. In all, 12 patients had surgery.")
    True
    >>> sample_counted("We studied children with Crohn disease. In all, 12 patients had surgery.")
    False
    >>> sample_counted("Forty patients were enrolled.")
    True
    >>> sample_counted("In men (n = 30, r = 0.40, p = 0.03) and in women (r = 0.50, p = 0.0001), IL-6 went with pain.")
    False
    """
    sentences = (STATEMENT_BRACKET.sub(" ", s) for s in SENTENCE_BREAK.split(scope))  # a statement's own n counts none
    return any(COUNTED.search(s) and ENROLMENT.search(s) for s in sentences)


def enrolment_sentences(text: str) -> list[str]:
    """The sentences of ``text`` that say who was studied (:data:`ENROLMENT`), found once per text.

    Examples
    --------
    >>> enrolment_sentences("We enrolled 80 with RA. In all, 12 with CD had surgery.")
    ['We enrolled 80 with RA.']
    """
    # each with its statements' brackets blanked: a statement's own n counts no group (once per text)
    return [STATEMENT_BRACKET.sub(" ", s) for s in SENTENCE_BREAK.split(text) if ENROLMENT.search(s)]


def group_counted(sentences: list[str], n: int) -> bool:
    """Whether a group's size ``n`` is printed in one of the ``sentences`` that count the sample
    (:func:`enrolment_sentences`: 'We enrolled 80 with RA', '120 patients (80 RA, 40 OA)'), not only
    as a part of it ('12 with CD had surgery').

    Examples
    --------
    >>> group_counted(enrolment_sentences("We enrolled 80 with RA and 40 with OA."), 80)
    True
    >>> group_counted(enrolment_sentences("We enrolled 100 children. In all, 12 with CD had surgery."), 12)
    False
    >>> group_counted(enrolment_sentences("Weight fell (r = -0.37, P < 0.05 for men, n=27)."), 27)
    False
    """
    number = re.compile(rf"(?<![\d.,]){n}(?![\d.,]\d)" + NOT_A_UNIT)
    return any(number.search(s) for s in sentences)
