"""Which group a statement names, among the sample sizes its passage gives.

'In patients, r = .20' takes the patients' size, '(r = .10, p = .64) in controls' the controls',
'in MCI (r = .25, ...)' the size of '82 with mild cognitive impairment (MCI)'; a statement that
names no group of the passage is bound to none (then every size is a candidate).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

GROUP_NOUNS = (
    r"patients|participants|subjects|people|persons|individuals|women|men|children|adults|volunteers|"
    r"controls|cases|donors|mice|rats|hasta|pacientes|patienten|"
    r"adolescents|students|infants|neonates|newborns|girls|boys|athletes|players|runners|respondents|"
    r"employees|workers|nurses|physicians|veterans|smokers|twins|couples|mothers|fathers|families|pregnancies|"
    r"out-?patients|in-?patients|survivors|residents|recruits|soldiers|older adults|elderly|eyes|knees|"
    r"females|males|girls|boys|in each group|per group|in each arm"
)
GROUP_NOUN = re.compile(GROUP_NOUNS, re.I)


@dataclass(frozen=True)
class SizeCandidate:
    """A sample size a passage gives: ``n``, the group it names ('patients', 'controls', or ''),
    and ``source`` ('passage' for digits, 'words' for a number in words)."""

    n: int
    label: str
    source: str


RIGHT_AFTER = re.compile(
    r"[^()]{0,60}?\)\s*(?:in|among|for|within)\s+(?:the\s+|all\s+|our\s+)?(?P<group>[A-Za-z-]+(?:\s[A-Za-z-]+)?)"
)


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
    """
    # 'inpatients' (or 'outpatients') is what a statement calls 'patients' when no other group of the
    # passage is patients of some kind: then the plain word binds to it too
    patients = [c for c in candidates if c.label and c.label.lower() in ("inpatients", "outpatients", "patients")]
    plain = {id(c) for c in patients} if len({c.label.lower() for c in patients}) == 1 else set()

    def mentions(text: str) -> list[tuple[int, SizeCandidate]]:
        found = []
        for c in candidates:
            # only a group's name binds ('patients', 'controls'): a word that labels a size in the
            # text ('with fatigue (n = 27)') may be a variable the statement names ('... with fatigue')
            if c.label and GROUP_NOUN.fullmatch(c.label):
                names = [c.label.rstrip("s")] + (["patient"] if id(c) in plain else [])
                for name in dict.fromkeys(names):
                    for m in re.finditer(rf"\b{re.escape(name)}", text, re.I):
                        found.append((m.start(), c))
        return sorted(found, key=lambda x: x[0])

    # '... (r = .10, p = .64) in controls': a group named right after the statement's own bracket is
    # its group, before one named earlier in the sentence (that one is the previous statement's)
    if (right := RIGHT_AFTER.match(after)) is not None and (named := mentions(right.group("group"))):
        sizes = {c.n for _, c in named}
        if len(sizes) == 1:
            return named[0][1]
    for named, pick in ((mentions(before), -1), (mentions(after), 0)):
        if named:
            at = named[pick][0]
            sizes = {c.n for pos, c in named if pos == at}
            return named[pick][1] if len(sizes) == 1 else None
    return None
