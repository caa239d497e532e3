"""Where a reported statistic's n comes from when the statement itself does not print it.

Sample sizes in words ("fourteen patients"), the one sample size of a paragraph, an n right
after the statement's clause ("...; n = 30"), and a "respectively" list of sample sizes that
follows several statements ("(r = .48, p = .08) ... (r = .05, p = .89); n = 14 and n = 10,
respectively").
"""

from __future__ import annotations

import re

NVAL = re.compile(r"(?:\b[nN]\s*=\s*|\b[Ss]ample\s+size\s*(?:(?:of|was|=|:)\s*)?)(?P<n>\d{1,3}(?:,\d{3})+(?!\d)|\d+)")
UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
WORD_NUMBERS = {w: i for i, w in enumerate(UNITS)} | {w: 10 * (i + 2) for i, w in enumerate(TENS)}
PEOPLE = re.compile(
    r"(?<![.\d])\b(?P<n>\d{1,3}(?:,\d{3})+|\d+|"
    + "|".join(UNITS[1:] + TENS)
    + r")(?:[- ](?:"
    + "|".join(UNITS[1:10])
    + r"))?\s+(?:\w+\s+){0,2}?"
    r"(?:patients|participants|subjects|people|persons|individuals|women|men|children|adults|volunteers|"
    r"controls|cases|donors|mice|rats)\b",
    re.I,
)
NOT_ANALYSED = re.compile(
    r"\b(?:were |was )?(?:excluded|dropped|withdrew|withdrawn|lost|declined|died|refused)\b", re.I
)
SEMICOLON_N = re.compile(r"^\s*;\s*[nN]\s*=\s*(?P<n>\d{1,3}(?:,\d{3})+(?!\d)|\d+)")
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
    return int(m.group("n").replace(",", ""))


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


def passage_n(text: str, pos: int) -> tuple[int | None, str, str]:
    """n for a statement that prints none: the one sample size its paragraph gives, else nothing.

    Returns (n, source, note): source is 'passage' (n = X) or 'words' ('fourteen patients');
    when the paragraph gives several different sizes, n is None and the note says which.
    """
    start = text.rfind("\n\n", 0, pos)
    end = text.find("\n\n", pos)
    para = text[start + 1 if start >= 0 else 0 : end if end >= 0 else len(text)]
    found: dict[int, str] = {}
    for m in NVAL.finditer(para):
        found.setdefault(int(m.group("n").replace(",", "")), "passage")
    for m in PEOPLE.finditer(para):
        clause = re.split(r"[.;,:]", para[m.end() : m.end() + 40], maxsplit=1)[0]
        if NOT_ANALYSED.search(clause):  # "three patients dropped out" is no sample size
            continue
        word = m.group(0).split()[0].lower()
        if word.replace(",", "").isdigit():
            found.setdefault(int(word.replace(",", "")), "passage")
        else:
            value = _words_to_int(m.group(0))
            if value:
                found.setdefault(value, "words")
    if len(found) == 1:
        ((n, source),) = found.items()
        return n, source, ""
    if len(found) > 1:
        sizes = ", ".join(str(k) for k in sorted(found))
        return None, "", f"n not printed with the statement, and the passage gives several sizes ({sizes})"
    return None, "", ""


def _words_to_int(phrase: str) -> int | None:
    """'fourteen patients' -> 14, 'twenty-four women' -> 24."""
    words = re.split(r"[\s-]+", phrase.lower())
    total = 0
    for w in words[:2]:
        if w in WORD_NUMBERS:
            total += WORD_NUMBERS[w]
        else:
            break
    return total or None
