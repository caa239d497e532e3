"""Which group a statement names, among the sample sizes its passage gives.

'In patients, r = .20' takes the patients' size, '(r = .10, p = .64) in controls' the controls',
'in MCI (r = .25, ...)' the size of '82 with mild cognitive impairment (MCI)'; a statement that
names no group of the passage is bound to none (then every size is a candidate).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .patterns import PVAL

GROUP_NOUNS = (
    r"patients|participants|subjects|people|persons|individuals|women|men|children|adults|volunteers|"
    r"controls|cases|donors|mice|rats|hasta|pacientes|patienten|"
    r"adolescents|students|infants|neonates|newborns|girls|boys|athletes|players|runners|respondents|"
    r"employees|workers|nurses|physicians|veterans|smokers|twins|couples|mothers|fathers|families|pregnancies|"
    r"out-?patients|in-?patients|survivors|residents|recruits|soldiers|older adults|elderly|eyes|knees|"
    r"females|males|girls|boys|diabetics|asthmatics|migraineurs|epileptics|drinkers|"
    r"undergraduates|postgraduates|graduates|trainees|interns|pupils|"
    r"in each group|per group|in each arm"
)
GROUP_NOUN = re.compile(GROUP_NOUNS, re.I)


@dataclass(frozen=True)
class SizeCandidate:
    """A sample size a passage gives: ``n``, the group it names ('patients', 'controls', or ''),
    and ``source`` ('passage' for digits, 'words' for a number in words)."""

    n: int
    label: str
    source: str


# a group named by its abbreviation ('82 with mild cognitive impairment (MCI)'): two capitals or more
ABBREVIATION = re.compile(r"(?=(?:[^A-Z]*[A-Z]){2})[A-Z][A-Za-z0-9]{1,7}")
# the same, with its two capitals looked for inside the word only: ABBREVIATION's look-ahead may scan
# to the end of a text without capitals at every position tried (quadratic over a paragraph)
WORD_ABBREVIATION = r"(?=[a-z0-9]*[A-Z][a-z0-9]*[A-Z])[A-Z][A-Za-z0-9]{1,7}(?![A-Za-z0-9])"
# 'with Crohn's disease (CD) or ulcerative colitis (UC)': a group of both, named by neither
EITHER_CONDITION = re.compile(r"\s*\)?\s*(?:or|and)\s+[^,;()\d]{2,60}?\s*\(" + WORD_ABBREVIATION + r"\)")
# '(82 CD, 45 UC)': a count right before an abbreviation the passage defines ('Crohn's disease (CD)'),
# ending the phrase; a measure's abbreviation ('C-reactive protein (CRP)') counts no people
DEFINED = re.compile(r"(?P<phrase>[A-Za-z'’-]+(?:\s[A-Za-z'’-]+){0,3})\s\((?P<abbr>" + WORD_ABBREVIATION + r")\)")
MEASURE_WORD = re.compile(
    r"(?:protein|score|index|scale|level|ratio|count|test|questionnaire|inventory|rate|factor|marker|"
    r"hormone|peptide|interleukin|antigen|antibody|enzyme|acid|volume|concentration|assessment|grade)s?$",
    re.I,
)


def abbreviated_counts(para: str) -> list[tuple[int, str, int]]:
    """(n, abbreviation, position) of each count written as a number and the abbreviation of a
    group the paragraph defines ('127 patients (82 CD, 45 UC)'), or of a bracketed list whose
    counts add up to the count before it ('120 patients (80 RA, 40 OA)').

    Examples
    --------
    >>> abbreviated_counts("children with Crohn's disease (CD) or ulcerative colitis (UC) (60 CD, 40 UC)")
    [(60, 'CD', 63), (40, 'UC', 70)]
    >>> abbreviated_counts("C-reactive protein (CRP) in 40 adults: 12 CRP, 5 ESR")
    []
    """
    found = _summing_list(para)
    groups = {m["abbr"] for m in DEFINED.finditer(para) if not MEASURE_WORD.search(m["phrase"])}
    if not groups:
        return found
    count = re.compile(
        r"(?<![.\d\w=<>±-])(?P<n>\d{1,5})\s(?P<abbr>" + "|".join(map(re.escape, sorted(groups))) + r")"
        r"(?=\s*(?:[,;)]|and\b|or\b|vs\b|$))"
    )
    listed = {at for _, _, at in found}
    return found + [(int(m["n"]), m["abbr"], m.start("n")) for m in count.finditer(para) if m.start("n") not in listed]


# '120 patients (80 RA, 40 OA)': a bracketed list of counts, each before an abbreviation
LISTED = re.compile(
    r"(?P<total>\d{1,5})\s+[A-Za-z][\w-]*\s*\(\s*(?P<items>\d{1,5}\s+[A-Z][A-Za-z0-9]{1,7}"
    r"(?:\s*(?:,|;|and)\s*\d{1,5}\s+[A-Z][A-Za-z0-9]{1,7})+)\s*\)"
)
LISTED_ITEM = re.compile(r"(?P<n>\d{1,5})\s+(?P<abbr>[A-Z][A-Za-z0-9]{1,7})")


def _summing_list(para: str) -> list[tuple[int, str, int]]:
    """Items of a bracketed list of abbreviated groups whose counts add up to the count it follows
    ('120 patients (80 RA, 40 OA)'): the sum is the evidence that each is a group of the sample."""
    out = []
    for m in LISTED.finditer(para):
        items = [(int(i["n"]), i["abbr"], m.start("items") + i.start()) for i in LISTED_ITEM.finditer(m["items"])]
        if sum(n for n, _, _ in items) == int(m["total"]) and all(
            re.fullmatch(WORD_ABBREVIATION, a) for _, a, _ in items
        ):
            out += items
    return out


# 'in the whole sample', 'in whole participants', 'in all subjects': the whole sample, no one group of it
WHOLE_SAMPLE = re.compile(
    r"\b(?:whole|entire|total|overall)\s+(?:study\s+)?(?:group|sample|cohort|population|participants|subjects)\b|"
    r"\ball\s+(?:the\s+)?(?:participants|subjects)\b",
    re.I,
)
# where a statement names such a group: 'in MCI', 'and MCI (r = ...)', 'the IPD group' (the word
# itself, capitals and all; not 'AD-related')
IN_GROUP = r"(?<![\w-])({})\b(?!-)"
# 'rho 0.735, P<0.001 M, rho 0.452, P = 0.011 F': a sex's letter right after a statement's p
SEX_LETTER = re.compile(r"^[^()]{0,30}?\b[pP]\s*(?:[<=>≤≥]|<=|>=)\s*[\d.]+\s*(?P<sex>[MF])\s*[),;]")
SEXES = {"M": ("males", "men", "boys"), "F": ("females", "women", "girls")}
# '(r = .10, p = .64) in controls', '(r = -0.49, P < 0.05 for women)': a group right after the bracket, or
# right after the statement's p inside it
RIGHT_AFTER = re.compile(
    r"(?:[^()]{0,60}?\)\s*|[^()]{0,30}?\b[pP]\s*[<=>≤≥]\s*[\d.]+\s+)(?:in|among|for|within)\s+"
    r"(?:the\s+|all\s+|our\s+)?(?P<group>[A-Za-z-]+(?:\s[A-Za-z-]+)?)"
)


@functools.lru_cache(maxsize=64)
def _group_names(
    candidates: tuple[SizeCandidate, ...], plain: frozenset[int]
) -> tuple[tuple[str, re.Pattern[str], tuple[SizeCandidate, ...]], ...]:
    """Each name a statement may call a group by: the literal a text must hold for the name to match
    (tried first: a quick test), its pattern and the candidates it names. Cached per candidate list: a
    paragraph of many groups compiled a pattern per group at every statement (quadratic)."""
    named: dict[tuple[str, bool], list[SizeCandidate]] = {}
    for i, c in enumerate(candidates):
        # only a group's name binds ('patients', 'controls'): a word that labels a size in the
        # text ('with fatigue (n = 27)') may be a variable the statement names ('... with fatigue')
        if c.label and GROUP_NOUN.fullmatch(c.label):
            for name in dict.fromkeys([c.label.rstrip("s")] + (["patient"] if i in plain else [])):
                named.setdefault((name.casefold(), True), []).append(c)
        elif c.label and ABBREVIATION.fullmatch(c.label):  # 'in MCI', 'in the OD group'
            named.setdefault((c.label, False), []).append(c)
    return tuple(
        (
            name,
            re.compile(rf"\b{re.escape(name)}\w*", re.I) if noun else re.compile(IN_GROUP.format(re.escape(name))),
            tuple(cs),
        )
        for (name, noun), cs in named.items()
    )


def _mentions(
    text: str, names: tuple[tuple[str, re.Pattern[str], tuple[SizeCandidate, ...]], ...]
) -> list[tuple[int, SizeCandidate]]:
    """(position, candidate) of each group name in ``text``, in order; in 'male patients' the word
    before the noun names the part ('38 males' of '60 patients'), so the noun is left out."""
    folded = text.casefold()
    found = []
    for name, pattern, cs in names:
        if name in (folded if name.islower() else text):
            for m in pattern.finditer(text):
                span = m.span(1) if pattern.groups else m.span()
                found += [(span[0], span[1], c) for c in cs]
    ends: dict[int, set[int]] = {}
    for _, end, c in found:
        ends.setdefault(end, set()).add(id(c))
    heads = set()
    for start, _, c in found:
        word_end = start
        while word_end and text[word_end - 1].isspace():
            word_end -= 1
        if word_end < start and ends.get(word_end, set()) - {id(c)}:
            heads.add(start)
    return sorted(((start, c) for start, _, c in found if start not in heads), key=lambda x: x[0])


# 'patients (n = 40) and controls': two groups joined (a word, its size, 'and'/'or'/a comma), pooled
POOLED = re.compile(r"[A-Za-z-]+\s*(?:\(\s*n\s*=\s*\d+\s*\)\s*)?(?:,?\s*(?:and|or|&)|,)\s*(?:the\s+)?", re.I)


def bound_to_group(candidates: list[SizeCandidate], before: str, after: str = "") -> SizeCandidate | None:
    """The candidate whose group the statement's clause names: the group named last before the
    statement ('..., and in controls it did not, r = .05'), else the first named after it.

    Examples
    --------
    >>> c = [SizeCandidate(109, "patients", "passage"), SizeCandidate(163, "controls", "passage")]
    >>> bound_to_group(c, "In patients, TNF correlated with pain, ").n
    109
    >>> bound_to_group(c, "In patients, r = .20, p = .04, and in controls it did not, ").n
    163
    >>> bound_to_group(c, "TNF correlated with pain, ") is None
    True
    >>> bound_to_group([SizeCandidate(27, "fatigue", "passage")], "IL-6 correlated with fatigue, ") is None
    True
    >>> c = [SizeCandidate(109, "inpatients", "passage"), SizeCandidate(163, "controls", "passage")]
    >>> bound_to_group(c, "We found, in patients with MDD, ").n  # the only patients of the passage
    109
    >>> c = [SizeCandidate(40, "patients", "passage"), SizeCandidate(25, "controls", "passage")]
    >>> before = "IL-6 went with pain (r = .45, p = .004) in patients, but not with fatigue ("
    >>> bound_to_group(c, before, ", p = .64) in controls.").n  # its own group, named right after it
    25
    >>> bound_to_group(c, "... (r = -0.31, P < 0.05 for patients and ", ", P < 0.05 for controls).").n
    25
    >>> c = [SizeCandidate(60, "patients", "passage"), SizeCandidate(38, "males", "passage")]
    >>> bound_to_group(c, "In male patients, grip went with albumin (").n  # the part the noun's word names
    38
    >>> c = [SizeCandidate(31, "women", "passage"), SizeCandidate(29, "men", "passage")]
    >>> bound_to_group(c, "In both (rho 0.735, P<0.001 M, ", ", P = 0.011 F). In men, ...").n
    31
    >>> c = [SizeCandidate(54, "controls", "passage"), SizeCandidate(82, "MCI", "passage")]
    >>> bound_to_group(c, "Tau correlated weakly in MCI (").n
    82
    >>> bound_to_group(c, "In MCI (n = 82) and controls (n = 54), tau went with age (") is None  # pooled
    True
    >>> bound_to_group(c, "In MCI, r = .30, p = .006, and in controls, ").n  # the first named is the last p's
    54
    """
    # 'inpatients' (or 'outpatients') is what a statement calls 'patients' when no other group of the
    # passage is patients of some kind: then the plain word binds to it too
    patients = [c for c in candidates if c.label and c.label.lower() in ("inpatients", "outpatients", "patients")]
    plain = {id(c) for c in patients} if len({c.label.lower() for c in patients}) == 1 else set()

    names = _group_names(tuple(candidates), frozenset(i for i, c in enumerate(candidates) if id(c) in plain))

    def mentions(text: str) -> list[tuple[int, SizeCandidate]]:
        return _mentions(text, names)

    if (letter := SEX_LETTER.match(after)) is not None:  # '(rho 0.452, P = 0.011 F)': the women's
        sexed = [c for c in candidates if c.label.lower() in SEXES[letter["sex"]]]
        if len({c.n for c in sexed}) == 1:
            return sexed[0]
    # '... (r = .10, p = .64) in controls': a group named right after the statement's own bracket is
    # its group, before one named earlier in the sentence (that one is the previous statement's)
    if (right := RIGHT_AFTER.match(after)) is not None and (named := mentions(right.group("group"))):
        sizes = {c.n for _, c in named}
        if len(sizes) == 1:
            return named[0][1]
    # 'In patients (n = 40) and controls (n = 30), IL-6 went with pain (r = ...)': its own clause (after
    # the last p before it) names two groups of different sizes, so it pools them: bound to neither
    since = max((m.end() for m in PVAL.finditer(before)), default=0)  # a neighbour's clause ends at its p
    own = mentions(before[since:])
    if (
        len(own) >= 2
        and own[-1][1].n != own[-2][1].n
        and POOLED.fullmatch(before[since + own[-2][0] : since + own[-1][0]])
    ):
        return None
    for named, pick in ((mentions(before), -1), (mentions(after), 0)):
        if named:
            at = named[pick][0]
            sizes = {c.n for pos, c in named if pos == at}
            return named[pick][1] if len(sizes) == 1 else None
    return None
