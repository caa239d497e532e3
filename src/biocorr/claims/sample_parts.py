"""Counts that are a part of a sample: people not analysed ('three dropped out') and the analysed
part printed without a noun ('of which 102 were included', '49 complied with the criteria').

A dropped count is no sample size of its own (see :mod:`biocorr.claims.sample_sizes`); an included
count is one, a candidate next to the count it was taken from.
"""

from __future__ import annotations

import re

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
