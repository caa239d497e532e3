"""English numbers in words ('One hundred thirty-one', 'twenty four'), read whole: a passage's
sample size is often written so."""

from __future__ import annotations

import re

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
SCALES = {"hundred": 100, "thousand": 1000}
_WORD = "|".join(sorted([*UNITS[1:], *TENS, *SCALES], key=len, reverse=True))
NUMBER_WORDS = (  # 'one hundred thirty-one', 'six hundred and ninety-seven', 'twenty four': read whole
    rf"(?:{_WORD})(?:(?:[\s-]+|\s+and\s+)(?:{_WORD}))*"
)


def words_to_int(phrase: str) -> int | None:
    """An English number in words, read whole; None when the phrase does not start with one.

    Examples
    --------
    >>> words_to_int("One hundred thirty-one patients"), words_to_int("six hundred and ninety-seven")
    (131, 697)
    >>> words_to_int("fourteen"), words_to_int("twenty four women"), words_to_int("two thousand and five")
    (14, 24, 2005)
    >>> words_to_int("patients") is None
    True
    """
    total, current, seen = 0, 0, False
    for w in re.split(r"[\s-]+", phrase.lower().strip()):
        if w == "and" and seen:
            continue
        if w in WORD_NUMBERS:
            current += WORD_NUMBERS[w]
        elif w == "hundred" and seen:
            current = max(current, 1) * 100
        elif w == "thousand" and seen:
            total, current = total + max(current, 1) * 1000, 0
        else:
            break
        seen = True
    return total + current if seen and total + current > 0 else None
