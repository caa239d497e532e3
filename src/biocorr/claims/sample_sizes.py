"""Where a reported statistic's n comes from when the statement itself does not print it.

Sample sizes in words ("fourteen patients"), the one sample size of a paragraph, an n right
after the statement's clause ("...; n = 30"), and a "respectively" list of sample sizes that
follows several statements ("(r = .48, p = .08) ... (r = .05, p = .89); n = 14 and n = 10,
respectively").
"""

from __future__ import annotations

import bisect
import re

from .group_binding import (
    ABBREVIATION,
    EITHER_CONDITION,
    GROUP_NOUN,
    GROUP_NOUNS,
    WHOLE_SAMPLE,
    SizeCandidate,
    abbreviated_counts,
    bound_to_group,
)
from .number_words import NUMBER_WORDS, words_to_int
from .patterns import LIST_BREAK
from .repeated_measures import NO_BOUND, repeated_measures
from .sample_parts import UNITS, dropped, enrolment_sentences, group_counted, included_counts, sample_counted

# a count, whole: '1,234', '1 234' and '1\u2009234' (thin space) are 1234; '12' alone is 12
COUNT = r"\d{1,3}(?:[,\u2009\u202f ]\d{3})+(?![\d%]|[.,]\d)|\d+"
# 'n = 40', 'sample size of 40', '(n 90)' (a bracket's n printed without its '=')
NVAL = re.compile(
    r"(?:\b[nN]\s*=\s*|(?<=\()\s*[nN]\s+(?=\d+\s*\))|\b[Ss]ample\s+size\s*(?:(?:of|was|=|:)\s*)?)(?P<n>" + COUNT + ")"
)
# 'patients (15F + 15M)', 'controls (12 women, 8 men)': a group's size written as its two sexes
SEX = r"(?:F|M|women|men|females?|males?)"
BY_SEX = re.compile(
    r"\b(?P<noun>"
    + GROUP_NOUNS
    + r")\s*\(\s*(?P<a>\d{1,4})\s*"
    + SEX
    + r"\s*(?:\+|,|and|/)\s*(?P<b>\d{1,4})\s*"
    + SEX
    + r"\s*\)",
    re.I,
)
# up to four describing words between a count and its noun ('46 terminally ill cancer patients'),
# none a word that makes the count a part ('3 of the patients'), a preposition or a verb ('two
# indexes in 16 knees'); a number only as 'type 2' or in a word ('45-year-old'); two words may be
# joined by 'and'/'or' ('fifty healthy obese and overweight subjects'), never a number after it ('30
# older and 20 younger adults' is two groups); an abbreviation last ('102 type 2 diabetes (T2DM)
# patients'); never a duration or a dose ('4 weeks apart in patients')
_DESCRIBING_WORD = (
    r"(?!(?:of|the|out|than|to|per|from|with|and|or|in|at|on|for|among|by|were|was|are|is|had|have)\b)"
    r"(?:type\s+\d\s+|\d+-[A-Za-z][\w-]*\s+|[^\W\d][\w-]*\s+)"
)
_NOT_A_COUNT_OF_PEOPLE = r"(?!(?:" + UNITS + r")\b)"
_WORDS = r"(?:" + _DESCRIBING_WORD + r"(?:(?:and|or)\s+(?!\d)" + _DESCRIBING_WORD + r")?){0,4}?"
DESCRIBING = _NOT_A_COUNT_OF_PEOPLE + _WORDS + r"(?:\([A-Za-z0-9-]{2,10}\)\s+)?"
SIZE = COUNT + "|" + NUMBER_WORDS  # a count in digits or in words
GROUP_PHRASE = DESCRIBING + r"(?:" + GROUP_NOUNS + r")\b"  # 'healthy obese and overweight subjects'
PEOPLE = re.compile(
    r"(?<![.\d\w-])(?P<n>" + SIZE + r")\s+(?P<words>" + DESCRIBING + ")(?P<noun>" + GROUP_NOUNS + r")\b", re.I
)
# '30 older and 20 younger adults': the first size shares the noun of the second (counted in the bound)
SHARED_NOUN = re.compile(
    r"(?<![.\d\w-])(?P<n>" + SIZE + r")\s+[A-Za-z][\w-]*\s+(?:and|or)\s+(?=(?:" + SIZE + r")\s+" + GROUP_PHRASE + ")",
    re.I,
)
# '33 schizophrenic in-patients', '40 dialysers': a count before a plural word the noun list does not
# know; never a size to check at, but the bound on any pooled n counts it (an accusation resting on
# the bound must not miss a group the passage gives)
UNKNOWN_PLURAL = re.compile(
    r"(?<![.\d\w=<>≤≥±-])(?P<n>\d{1,4})\s+(?:[A-Za-z][\w-]*\s+){0,2}?(?P<noun>[A-Za-z][\w-]*[a-z]s)\b"
)
NOT_PEOPLE = re.compile(  # plural words that count things other than people
    r"^(?:years|months|weeks|days|hours|minutes|seconds|times|items|points|questions|samples|visits|sessions|"
    r"trials|studies|articles|papers|centers|centres|sites|hospitals|clinics|genes|variables|factors|groups|"
    r"levels|units|cells|copies|cycles|doses|tablets|pairs|degrees|words|pages|tables|figures|scores|"
    r"measures|tests|scales|domains|subscales|regions|lesions|teeth|sides|steps|repetitions|sets|episodes|"
    r"correlations|associations|analyses|models|comparisons|results|outcomes|parameters|markers|biomarkers)$",
    re.I,
)
# '82 with mild cognitive impairment (MCI)', '46 patients with Alzheimer's disease (AD)', '30 with RA':
# a group named by its condition's abbreviation, which the statements use ('in MCI', 'the RA group')
WITH_CONDITION = re.compile(
    r"(?<![.\d\w=<>±-])(?P<n>\d{1,5})\s+(?:(?:[a-z-]+\s+){0,2}?(?:" + GROUP_NOUNS + r")\s+)?with\s+"
    r"(?:[^,;()\d]{2,60}?\s*\((?P<abbr>" + ABBREVIATION.pattern + r")\)|(?P<bare>" + ABBREVIATION.pattern + r")\b)",
    re.I,
)
# '共112例', '112名健康体检者', '30명': a count of cases or people in Chinese, Japanese or Korean (no group
# is bound by these: the statements' own words are not read in those languages)
CJK_COUNT = re.compile(r"(?<![\d.,])(?P<n>\d{1,6})\s?(?:(?P<eyes>眼|안(?=[)\s,;]))|例|名|人|명)")  # '(158안)': eyes
YEAR = re.compile(r"(?:19|20)\d\d")  # 'between 2015 and 2019 patients were recruited': a year, maybe
YEAR_BEFORE = re.compile(r"\b(?:between|and|from|to|since|until|during|in)\s+$", re.I)
LABEL_BEFORE = re.compile(r"([A-Za-z][\w-]*)[\s(\[,:]*$")  # the word before 'n = 109': its group
NUMBERED_PART = re.compile(r"(?:table|fig\.?|figure|section|model|step|supplement(?:ary)?)\s*$", re.I)  # 'Table 2'
# 'stage 3 patients', 'Visit 3 patients', 'group 2 patients': a small number after a label word labels,
# counts no one ('In this study 8 patients', 'the cohort 40 patients': a count, after a determiner)
LABELLED = re.compile(
    r"(?<!\bthis\s)(?<!\bthe\s)(?<!\bour\s)(?<!\beach\s)(?<!\bthat\s)\b(?:stage|grade|type|group|visit|class|"
    r"phase|level|cohort|arm|day|week|month|year|wave|round|cycle|session|tier|category|NYHA|GOLD|Tanner|KL)\s*$",
    re.I,
)
# 'r = .30, p = .02 in 24 patients': the statement's own clause names its sample
IN_PEOPLE = re.compile(
    r"\b(?:in|among|from|across)\s+(?:the\s+|all\s+|these\s+)?(?P<n>" + SIZE + r")\s+" + GROUP_PHRASE, re.I
)
# a web or DOI address: its digits ('...?RID=2519498', '.../full-text/1124') are no sample size
ADDRESS = re.compile(r"(?:https?://|www\.|doi:\s*|\b10\.\d{4,9}/)\S+", re.I)
SEMICOLON_N = re.compile(r"^\s*;\s*[nN]\s*=\s*(?P<n>" + COUNT + ")")
N_LIST = re.compile(r"[nN]\s*=\s*(\d+)((?:\s*(?:,|and|&)\s*(?:[nN]\s*=\s*)?\d+)+)\s*,?\s*respectively", re.I)


def semicolon_n(after: str) -> int | None:
    """An n printed right after the statement's clause: '; n = 30' (nothing else between).

    Examples
    --------
    >>> semicolon_n("; n = 30."), semicolon_n("; r = .40, n = 30"), semicolon_n("; n = 14 and n = 10, respectively")
    (30, None, None)
    """
    m = SEMICOLON_N.match(after)
    if m is None or N_LIST.match(after.lstrip(" ;")):  # '; n = 14 and n = 10, respectively': a list, not one n
        return None
    return count_value(m.group("n"))


def clause_sample(tail: str) -> int | None:
    """The sample a statement's own clause names after it ('... p = .02 in 24 patients'); None
    when it names none, or more than one.

    Examples
    --------
    >>> clause_sample(", p = .02 in 24 patients"), clause_sample(" among twenty women"), clause_sample(", p = .01")
    (24, 20, None)
    >>> clause_sample(" in 14 patients and in 10 controls") is None
    True
    """
    found = list(IN_PEOPLE.finditer(tail))
    if len(found) != 1:
        return None
    digits = re.sub(r"[,\u2009\u202f ]", "", found[0].group("n"))
    return int(digits) if digits.isdigit() else words_to_int(found[0].group("n"))


def count_value(text: str) -> int:
    """A count as printed, its thousands separators (comma, space, thin space) removed.

    Examples
    --------
    >>> count_value("1,234"), count_value("1 234"), count_value("12")
    (1234, 1234, 12)
    """
    return int(re.sub(r"[,\u2009\u202f ]", "", text))


def respectively_sizes(text: str) -> list[tuple[int, int, list[int]]]:
    """Every 'n = 14 and n = 10, respectively' list: (start, end, sizes).

    Examples
    --------
    >>> respectively_sizes("(r = .48) but (r = .05); n = 14 and n = 10, respectively.")
    [(25, 56, [14, 10])]
    """
    out = []
    for m in N_LIST.finditer(text):
        sizes = [int(m.group(1))] + [int(v) for v in re.findall(r"\d+", m.group(2))]
        out.append((m.start(), m.end(), sizes))
    return out


def passage_n(
    text: str, pos: int, before: str = "", after: str = "", sizes: PassageSizes | None = None
) -> tuple[int | None, str, str]:
    """n for a statement that prints none: the size its clause's group has, or the one size the
    paragraph gives, else nothing.

    Returns (n, source, note): source is 'passage' (n = X) or 'words' ('fourteen patients'), with
    the group in brackets when the clause named it ('passage (patients)'); when the paragraph gives
    several different sizes and the clause names none of their groups, n is None and the note says
    which.
    """
    candidates = (sizes or PassageSizes(text)).at(pos)
    distinct = sorted({c.n for c in candidates})
    if len(distinct) == 1:
        return distinct[0], candidates[0].source, ""
    whole = WHOLE_SAMPLE.search(before)  # 'in whole participants (r = ...)': no one group's size
    bound = None if whole else bound_to_group(candidates, before, after)
    own = clause_sample(before)  # 'In 200 HD patients, higher than in CKD patients, r = ...': its own count,
    if bound is not None and own is not None and own != bound.n and not re.search(rf"(?<!\d){bound.n}(?!\d)", before):
        bound = None  # not CKD's (a group the sentence names but does not size, as '60 adults (31 women, ...)' does)
    if bound is not None:
        return bound.n, f"{bound.source} ({bound.label})", ""  # the size of the group the clause names
    if len(distinct) > 1:
        listed = ", ".join(str(k) for k in distinct)
        return None, "", f"n not printed with the statement, and the passage gives several sizes ({listed})"
    return None, "", ""


def group_of(n_source: str) -> str | None:
    """The group a statement's inferred n was bound to, from :func:`passage_n`'s source
    ('passage (patients)' -> 'patients'); None when the n was not bound to a named group.

    Examples
    --------
    >>> group_of("passage (patients)"), group_of("words (controls)"), group_of("passage"), group_of("statement")
    ('patients', 'controls', None, None)
    """
    m = re.fullmatch(r"(?:passage|words|document) \((?P<label>[^()]+)\)", n_source)
    return m.group("label") if m else None


def rest_of_sentence(text: str, pos: int) -> str:
    """The text from ``pos`` to the end of its sentence (at most 300 characters), or to a word that
    turns to another group ('while', 'but', 'not', a semicolon): a group named there ('... (r = .38,
    p = .01) among patients.') is the statement's; one named after 'while in controls it did not'
    is not.

    Examples
    --------
    >>> rest_of_sentence("r = .38, p = .01) among patients. In controls r = .05", 0)
    'r = .38, p = .01) among patients'
    >>> rest_of_sentence("r = .40, p = .01), while in controls it did not (r = .05)", 0)
    'r = .40, p = .01), '
    """
    rest = text[pos : pos + 300]
    end = re.search(r"\.(?=\s+(?:[A-Z(]|[a-z]{1,2}-?[A-Z])|\s*$)|\n", rest)  # '. t-Tau ...' starts one too
    rest = rest[: end.start()] if end else rest
    turn = LIST_BREAK.search(rest)
    return rest[: turn.start()] if turn else rest


class PassageSizes:
    """The sample sizes of each paragraph of one text, found once per paragraph (statements of a
    long paragraph share them: asking at every statement stays linear in the text)."""

    def __init__(self, text: str) -> None:
        self.text = without_addresses(text)
        self.breaks = [m.start() for m in re.finditer(r"\n\n", text)]
        self._found: dict[tuple[int, int], list[SizeCandidate]] = {}
        self._bounds: dict[tuple[int, int], int] = {}
        self._document: list[SizeCandidate] | None = None
        self._document_bound: int | None = None
        self._counted: dict[tuple[int, int], bool] = {}
        self._group_counted: dict[int, bool] = {}
        self._enrolment: list[str] | None = None  # the sentences that count the sample, found once
        self.repeated = repeated_measures(text)

    def paragraph(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.breaks, pos)
        start = self.breaks[i - 1] + 1 if i else 0
        return start, self.breaks[i] if i < len(self.breaks) else len(self.text)

    def at(self, pos: int) -> list[SizeCandidate]:
        """The sizes of the paragraph around ``pos``; when it gives none, those of the whole text
        (a Methods paragraph's '51 patients' for a Results paragraph's r), source 'document'."""
        found = self._in_paragraph(pos)
        return found if found else self.document()

    def counts_sample(self, pos: int) -> bool:
        """Whether the scope of :meth:`at` (the paragraph, else the text) counts its sample, not
        only parts of it (:func:`biocorr.claims.sample_parts.sample_counted`)."""
        bounds = self.paragraph(pos) if self._in_paragraph(pos) else (0, len(self.text))
        if bounds not in self._counted:  # once per scope: linear in the text
            self._counted[bounds] = sample_counted(self.text[bounds[0] : bounds[1]])
        return self._counted[bounds]

    def counts_group(self, n: int) -> bool:
        """Whether a group size ``n`` is printed where the text counts its sample, not only as a
        part of it (:func:`biocorr.claims.sample_parts.group_counted`), once per size."""
        if self._enrolment is None:
            self._enrolment = enrolment_sentences(self.text)
        if n not in self._group_counted:
            self._group_counted[n] = group_counted(self._enrolment, n)
        return self._group_counted[n]

    def _in_paragraph(self, pos: int) -> list[SizeCandidate]:
        bounds = self.paragraph(pos)
        if bounds not in self._found:
            self._found[bounds] = _paragraph_sizes(self.text[bounds[0] : bounds[1]])
        return self._found[bounds]

    def document(self) -> list[SizeCandidate]:
        """Every size the text gives, once each (found once)."""
        if self._document is None:
            seen: dict[tuple[int, str], SizeCandidate] = {}
            for start in [0, *(b + 1 for b in self.breaks)]:
                for c in self._in_paragraph(start):
                    seen.setdefault((c.n, c.label), SizeCandidate(c.n, c.label, "document"))
            self._document = list(seen.values())
        return self._document

    def bound(self, pos: int) -> int:
        """Every size the paragraph mentions, added up, repeats included ('15 patients with fatigue and
        15 without' bounds a pooled analysis at 30): no analysis of the paragraph has more pairs.
        When the paragraph gives no size, every size the text mentions, added up. A text that
        speaks of repeated measures (several samples per subject, mixed models) has no such bound:
        its pairs may outnumber its subjects (``NO_BOUND``)."""
        if self.repeated:
            return NO_BOUND
        if self._in_paragraph(pos):
            return self._paragraph_bound(self.paragraph(pos))
        if self._document_bound is None:
            paragraphs = {self.paragraph(start) for start in [0, *(b + 1 for b in self.breaks)]}
            self._document_bound = sum(self._paragraph_bound(b) for b in paragraphs)
        return self._document_bound

    def _paragraph_bound(self, bounds: tuple[int, int]) -> int:
        if bounds not in self._bounds:
            para = self.text[bounds[0] : bounds[1]]
            total = sum(_people_n(m) or 0 for m in PEOPLE.finditer(para) if not dropped(para, m))
            total += sum(_people_n(m) or 0 for m in SHARED_NOUN.finditer(para))
            total += sum(int(m.group("a")) + int(m.group("b")) for m in BY_SEX.finditer(para))
            people = {m.start("n") for m in PEOPLE.finditer(para)}
            total += sum(int(m.group("n")) for m in WITH_CONDITION.finditer(para) if m.start("n") not in people)
            total += sum(n for n, _, _ in abbreviated_counts(para)) + sum(included_counts(para))
            total += _unlisted_counts(para) + sum(int(m.group("n")) for m in CJK_COUNT.finditer(para))
            self._bounds[bounds] = total + sum(count_value(m.group("n")) for m in NVAL.finditer(para))
        return self._bounds[bounds]


def without_addresses(text: str) -> str:
    """The text with every web or DOI address blanked out, character for character (positions
    stay): a number in an address is no sample size.

    Examples
    --------
    >>> without_addresses("see https://x.org/read?id=2519498 Participants: 74 adults")
    'see                                   Participants: 74 adults'
    """
    return ADDRESS.sub(lambda m: " " * len(m.group()), text)


def size_candidates(text: str, pos: int) -> list[SizeCandidate]:
    """Every sample size the paragraph around ``pos`` gives, with the group it belongs to.

    Digits and numbers in words of any size ('One hundred thirty-one patients' is 131, never 31);
    'n = 109' takes the word before it as its group ('patients (n = 109)'); sizes of people who
    dropped out or were excluded are no sample size. (For many statements of one text, ask a
    :class:`PassageSizes`.)

    Examples
    --------
    >>> [(c.n, c.label) for c in size_candidates("Patients (n = 109) and controls (n = 163) took part.", 0)]
    [(109, 'patients'), (163, 'controls')]
    >>> [(c.n, c.source) for c in size_candidates("One hundred thirty-one patients completed it.", 0)]
    [(131, 'words')]
    """
    return PassageSizes(text).at(pos)


def _unlisted_counts(para: str) -> int:
    """Counts before a plural word the noun list does not know ('33 schizophrenic in-patients'), added
    up: never a size to check at, only more room in the bound. Things counted (weeks, items,
    correlations) and numbered parts ('Table 2 Correlations') are not people.

    Examples
    --------
    >>> _unlisted_counts("Study groups: 33 dialysers and 27 healthy subjects; 12 weeks; Table 2 Correlations")
    33
    """
    known = {m.start("n") for m in PEOPLE.finditer(para)}
    return sum(
        int(m.group("n"))
        for m in UNKNOWN_PLURAL.finditer(para)
        if m.start("n") not in known
        and not GROUP_NOUN.fullmatch(m.group("noun"))
        and not NOT_PEOPLE.match(m.group("noun"))
        and not NUMBERED_PART.search(para[max(0, m.start() - 16) : m.start()])
    )


def _people_n(m: re.Match) -> int | None:
    """The count of a PEOPLE match, in digits or in words."""
    digits = re.sub(r"[,\u2009\u202f ]", "", m.group("n"))
    return int(digits) if digits.isdigit() else words_to_int(m.group("n"))


# 'Patients and controls (n = 40 and 25, respectively)': the groups named before the list, in its order
GROUPS_BEFORE = re.compile(r"(?P<names>[A-Za-z-]+(?:\s*,\s*[A-Za-z-]+)*,?\s+(?:and|&)\s+[A-Za-z-]+)\s*\(\s*$")


def _respectively_groups(para: str, found: dict[tuple[int, str], SizeCandidate]) -> list[tuple[int, int]]:
    """Add each size of every 'n = 40 and 25, respectively' list to ``found``, labelled by the groups
    named right before its bracket when they are as many as the sizes (else unlabelled); returns
    the lists' spans (their sizes are not read again one by one)."""
    spans = []
    for start, end, sizes in respectively_sizes(para):
        named = GROUPS_BEFORE.search(para[max(0, start - 80) : start])
        names = re.split(r"\s*,\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+", named["names"]) if named else []
        labels = [w.lower() for w in names] if len(names) == len(sizes) else [""] * len(sizes)
        for n, label in zip(sizes, labels, strict=True):
            found.setdefault((n, label), SizeCandidate(n, label, "passage"))
        spans.append((start, end))
    return spans


def _paragraph_sizes(para: str) -> list[SizeCandidate]:
    found: dict[tuple[int, str], SizeCandidate] = {}
    for m in PEOPLE.finditer(para):
        ahead = para[max(0, m.start() - 16) : m.start()]
        labelled = LABELLED.search(ahead) and (_people_n(m) or 0) <= 12  # 'group 3', 'group three': labels
        if (
            dropped(para, m)
            or NUMBERED_PART.search(ahead)
            or labelled
            or (YEAR_BEFORE.search(ahead) and YEAR.fullmatch(m["n"]))
        ):
            continue  # "three patients dropped out", "stage 3 patients", "between 2015 and 2019 patients"
        n = _people_n(m)
        digits = re.sub(r"[,\u2009\u202f ]", "", m.group("n"))
        if n:
            label = m.group("noun").lower()
            found.setdefault((n, label), SizeCandidate(n, label, "passage" if digits.isdigit() else "words"))
    for m in BY_SEX.finditer(para):  # 'patients (15F + 15M)' is 30 patients
        n = int(m.group("a")) + int(m.group("b"))
        found.setdefault((n, m.group("noun").lower()), SizeCandidate(n, m.group("noun").lower(), "passage"))
    for m in WITH_CONDITION.finditer(para):  # '82 with mild cognitive impairment (MCI)', '30 with RA'
        abbr = m.group("abbr") or m.group("bare")
        either = EITHER_CONDITION.match(para, m.end())  # 'with A (X) or B (Y)': a group of both
        if ABBREVIATION.fullmatch(abbr):  # (case-sensitive: two capitals)
            label = "" if either else abbr
            found.setdefault((int(m.group("n")), label), SizeCandidate(int(m.group("n")), label, "passage"))
    for n, abbr, _ in abbreviated_counts(para):  # '(82 CD, 45 UC)'
        found.setdefault((n, abbr), SizeCandidate(n, abbr, "passage"))
    for n in included_counts(para):  # 'of which 102 were included'
        found.setdefault((n, ""), SizeCandidate(n, "", "passage"))
    for m in CJK_COUNT.finditer(para):  # '共112例': cases counted in Chinese, no group named
        label = "eyes" if m.group("eyes") else ""
        found.setdefault((int(m.group("n")), label), SizeCandidate(int(m.group("n")), label, "passage"))
    listed = _respectively_groups(para, found)  # 'Patients and controls (n = 40 and 25, respectively)'
    listed_starts = [a for a, _ in listed]  # in text order: the last list starting before an n may hold it
    for m in NVAL.finditer(para):
        k = bisect.bisect_right(listed_starts, m.start()) - 1
        if k >= 0 and m.start() < listed[k][1]:
            continue
        n = count_value(m.group("n"))
        before = LABEL_BEFORE.search(para[max(0, m.start() - 40) : m.start()])
        # lower case: a capitalised word before 'n = 27' may name a variable measured in 27, not a
        # group, so it never binds by its capitals ('82 with ... (MCI)' names a group, and does)
        word = before.group(1).lower() if before else ""
        label = "" if word in {"and", "with", "of", "in", "the", "sample", "size", "total", "all", "r", "p"} else word
        if not any(c.n == n for c in found.values()) or label:
            found.setdefault((n, label), SizeCandidate(n, label, "passage"))
    first: dict[str, int] = {}  # each number's first place, found in one pass (a find per size was quadratic)
    for m in re.finditer(r"\d+", para):
        first.setdefault(m.group(), m.start())
    return sorted(found.values(), key=lambda c: first.get(str(c.n), 0))
