"""Statements that look like a correlation but are not a checkable one, each with why: a range of r,
a count or label ('r = 12'), a minus sign a PDF lost, a squared r printed as 'r(2)', a regression's R."""

from __future__ import annotations

import re

from .model import parse_number
from .patterns import LOST_MINUS, MULTIPLE_R, RANGE_AFTER
from .unread import SQUARED_WHY


def not_a_coefficient(r) -> bool:
    """A whole number beyond 1 ('r = 12') is a count or a label, not a correlation; '1.2' is a wrong r.

    Examples
    --------
    >>> not_a_coefficient(parse_number("12")), not_a_coefficient(parse_number("0.45"))
    (True, False)
    """
    return abs(r.value) > 1 and r.decimals == 0


def refused(text: str, m: re.Match, before: str, sentence_start: int) -> tuple[str, str, tuple[int, int] | None] | None:
    """Why a statement is not a checkable correlation, or None when it is one.

    Parameters
    ----------
    text : the passage; m : the statement's match (groups ``sym``, ``df``, ``r``); before : the
        sentence up to the statement; sentence_start : where that sentence starts.

    Returns
    -------
    (text shown, reason, span covered or None) when refused, else None. A printed 'r(2)' is r² as
    PubMed flattens its superscript (a df of 2 would mean 4 pairs): listed, never checked as df 2.

    Examples
    --------
    >>> from .patterns import STATEMENT
    >>> text = "BNP and KCCQ were not correlated (r(2) = 0.008, P = .15)."
    >>> refused(text, STATEMENT.search(text), "", 0)[1].split(" (")[0]
    "'r(2)' is r² with its superscript lost"
    """
    raw = m.group(0).strip()
    if RANGE_AFTER.match(text[m.end() : m.end() + 4]):
        reason = "a range of r values: each end would need its own p and n"
        return text[m.start() : m.end() + 8].strip(), reason, (sentence_start, m.end() + 8)
    try:
        r = parse_number(m.group("r"))
    except ValueError as exc:
        return raw, str(exc), None
    if not_a_coefficient(r):
        return raw, f"'{r.text}' is not a correlation coefficient", (m.start(), m.end())
    if LOST_MINUS.match(r.text):  # '−0.19' printed, '20.19' extracted: the PDF font maps U+2212 to '2'
        reason = (
            f"'{r.text}' is no correlation; it reads as -{r.text[1:]} with its minus sign lost in the PDF's text "
            "(a '2' in its place): check the printed paper"
        )
        return raw, reason, (m.start(), m.end())
    if m.group("df") == "2" and m.group("sym") in ("r", "R"):  # 'r(2) = 0.008': r² from PubMed, not df 2
        reason = "'r(2)' is r² with its superscript lost (as PubMed prints it) or a df of 2: " + SQUARED_WHY
        return raw, reason, (m.start(), m.end())
    if m.group("sym") == "R" and MULTIPLE_R.search(before):
        return raw, "a multiple/regression R, not a correlation test: not checked", (sentence_start, m.end())
    return None
