"""Texts with several observations per subject (repeated measures, visits, both eyes, samples
counted apart from people): a statement's pairs may outnumber the subjects, so no count of people
bounds them (see :mod:`biocorr.claims.sample_sizes` and :mod:`biocorr.claims.inferred_n`)."""

from __future__ import annotations

import re

from .group_binding import GROUP_NOUNS
from .number_words import NUMBER_WORDS

# several observations per subject: an analysis may have more pairs than the text has subjects
REPEATED_MEASURES = re.compile(
    r"repeated[- ]measure|mixed[- ]effects?\s+model|multilevel|hierarchical linear|within[- ]subjects?\s+correlation|"
    r"\brmcorr\b|up to \d+ (?:days|samples|visits|measurements|time ?points)|"
    r"(?:samples|measurements|observations|replicates|wells|cultures) (?:per|from each) "
    r"(?:subject|participant|patient|person|donor)|\bin (?:duplicate|triplicate|quadruplicate)\b|\btriplicate\b|"
    # follow-up visits ('evaluated at baseline and at six and 12 months') and eyes (two per patient)
    r"\bat baseline,? and (?:at |after )?(?:\w+ ){0,3}(?:days?|weeks?|months?|years?|visits?)\b|"
    r"\b(?:both|each|per) eyes?\b|"
    # each subject seen more than once ('assessed twice', 'at three time points', 'across both assessments')
    r"\b(?:assessed|measured|sampled|tested|evaluated|examined|seen)\s+(?:twice|three times|thrice|repeatedly)\b|"
    r"\b(?:two|three|four|five|\d)\s+(?:time ?points|occasions|assessments)\b|"
    r"\bboth (?:time ?points|assessments|visits)\b|"
    # a count per group ('two groups of 20 patients', '20 patients in each arm', 'n = 20 per group'): the
    # pairs of a pooled analysis outnumber it
    r"\b(?:groups?|arms?)\s+of\s+(?:\d+|[a-z]+(?:-[a-z]+)?)\s+(?:[\w-]+\s+){0,2}?(?:patients|participants|subjects|"
    r"women|men|children|adults|volunteers|controls)\b|\b(?:in|per|for)\s+(?:each|every)\s+(?:group|arm)\b|"
    r"\bper\s+(?:group|arm)\b",
    re.I,
)
# '150 samples', '3 visits', '420 measurements', '478 serum UA levels', '136 complete colonoscopies', 'Ninety
# samples': observations counted apart from the people they came from
# ('levels', 'values' and 'readings' counted in two digits or more only: 'two dose levels' counts none)
OBSERVATIONS = re.compile(
    r"(?:(?<![\w.])\d{1,6}|\b(?:" + NUMBER_WORDS + r"))\s+(?:[A-Za-z-]+\s+){0,2}?"
    r"(?:samples|specimens|measurements|observations|visits|determinations|replicates|wells|cultures|aliquots|"
    r"colonoscopies|endoscopies|examinations|scans|biopsies|recordings|sessions)\b|"
    r"(?<![\w.])\d{2,6}\s+(?:[A-Za-z-]+\s+){0,2}?(?:levels|values|readings)\b",
    re.I,
)
# '300 teeth from 50 children', '40 patients with 120 lesions': more units than the people they belong to
_PEOPLE = r"\d{1,6}\s+(?:[A-Za-z-]+\s+){0,2}?(?:" + GROUP_NOUNS + r")\b"
UNITS_OF_PEOPLE = re.compile(
    r"(?<![\w.])(?P<units>\d{1,6})\s+(?:[A-Za-z-]+\s+){0,2}?(?:[A-Za-z-]+s|teeth|feet)\s+(?:in|from|of|among)\s+(?:the\s+)?"
    r"(?P<people>" + _PEOPLE + r")|(?<![\w.])(?P<people2>" + _PEOPLE + r")\s+(?:with|having)\s+"
    r"(?P<units2>\d{1,6})\s+(?:[A-Za-z-]+\s+){0,2}?(?:[A-Za-z-]+s|teeth|feet)\b",
    re.I,
)
MORE_EYES = re.compile(
    r"(?P<n>\d+)\s*(?:patients|subjects|participants|명|例|名)?\s*\(\s*(?P<eyes>\d+)\s*(?:eyes|안|眼)\s*\)", re.I
)


def repeated_measures(text: str) -> bool:
    """True when a text speaks of several observations per subject (repeated measures, visits,
    both eyes, '90 patients (158 eyes)', '150 samples' counted apart), so that a pair's n may exceed
    its subject count.

    Examples
    --------
    >>> repeated_measures("90 patients (158 eyes)"), repeated_measures("67 patients (67 eyes)")
    (True, False)
    >>> repeated_measures("Samples from 50 patients (150 samples in all)"), repeated_measures("50 patients")
    (True, False)
    >>> repeated_measures("478 serum UA levels in 94 patients"), repeated_measures("Ninety samples were drawn")
    (True, True)
    >>> repeated_measures("25 patients at two dose levels")
    False
    >>> repeated_measures("300 teeth from 50 children"), repeated_measures("40 patients with 120 lesions")
    (True, True)
    >>> repeated_measures("12 patients in 3 centres"), repeated_measures("40 patients with 12 relapses")
    (False, False)
    """
    return (
        REPEATED_MEASURES.search(text) is not None
        or OBSERVATIONS.search(text) is not None
        or any(int(m.group("eyes")) > int(m.group("n")) for m in MORE_EYES.finditer(text))
        or any(_more_units(m) for m in UNITS_OF_PEOPLE.finditer(text))
    )


def _more_units(m: re.Match) -> bool:
    """Whether '300 teeth from 50 children' (or '40 patients with 120 lesions') counts more units than people."""
    units = m.group("units") or m.group("units2")
    people = re.match(r"\d+", m.group("people") or m.group("people2"))
    return people is not None and int(units) > int(people.group(0))


NO_BOUND = 10**9  # the bound of a text with repeated measures: none
