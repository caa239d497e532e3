"""'Respectively' lists: several coefficients, p-values or sizes printed as one statement.

'r = .45 and .52, p = .01 and .003, respectively' is two statements; '... (n = 14 and n = 10,
respectively)' after two statements gives each its n. A list whose lengths do not match is not
paired at all (and a note says so): a value is never given to the wrong statement. A bracket of
pairs that print p first ('(p < .001, rs = .50; p = .02, rs = .21)') gives each coefficient the p
before it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from .model import Found, parse_number, parse_p
from .patterns import EXPONENT, MANTISSA, PVAL, STATEMENT
from .sample_sizes import respectively_sizes


def list_end(text: str) -> int:
    """Where a coefficient list's own words end ('.44, respectively (both ' -> at 'both')."""
    m = re.match(r"^[\s,]*(?:respectively)?[\s,(]*(?:both|all|each)?[\s,:]*", text, re.I)
    return m.end() if m else 0


def list_after(after: str, value: str) -> list[str]:
    """The further values of a list that starts right before ``after``: ', .52 and .61' -> ['.52', '.61'].

    Examples
    --------
    >>> from biocorr.claims.patterns import LIST_NUM
    >>> [list_after(t, LIST_NUM) for t in (" and 0.52, respectively", ", .3, and .4)", ", p")]
    [['0.52'], ['.3', '.4'], []]
    """
    # every space has one place to go (``value`` must not start with optional space): an ambiguous
    # split of ', .5' between two patterns would backtrack exponentially in a list without 'and'
    m = re.match(r"((?:\s*,\s*" + value + r")*(?:\s*,)?\s*(?:and|&)\s*" + value + r")", after)
    return [v.group(0).strip() for v in re.finditer(value, m.group(1))] if m else []


def comma_list_after(after: str, value: str) -> list[str]:
    """The further values of a list printed with commas only (', .392' in 'r = .556, .392 and p = ...';
    ', 0.213, 0.252; P<0.05'), not followed by a digit, '%' or a unit's letter: [] otherwise.
    Only for a statement that says 'respectively', or a list of three or more values (a pair of
    numbers after r may be its interval or its p).

    Examples
    --------
    >>> from biocorr.claims.patterns import LIST_NUM
    >>> comma_list_after(", 0.392 and p=0.001", LIST_NUM), comma_list_after(", 0.213, 0.252; P<0.05", LIST_NUM)
    (['0.392'], ['0.213', '0.252'])
    >>> comma_list_after(", 95% CI", LIST_NUM), comma_list_after(", 12 patients", LIST_NUM)
    ([], [])
    """
    m = re.match(r"((?:\s*,\s*" + value + r")+)(?![\d.%]|\s*[-–]\s*\d|\s*[A-Za-zµ%](?!nd\b))", after)
    if m is None or re.match(r"\s*(?:and|&)\s*" + value, after[m.end() :]):
        return []  # ends in 'and .61': list_after reads it whole
    return [v.group(0).strip() for v in re.finditer(value, m.group(1))]


def after_list(tail: str, values: list[str]) -> int:
    """Where the list's last value ends in ``tail`` (its values in order), or len(tail) + 1 when
    they are not all there.

    Examples
    --------
    >>> after_list(", 0.213, 0.252; P<0.05", ["0.213", "0.252"])
    14
    """
    end = 0
    for value in values:
        at = tail.find(value, end)
        if at < 0:
            return len(tail) + 1
        end = at + len(value)
    return end


def respectively_items(r, more_r: list[str], p_part, n_part) -> tuple[list, str]:
    """(r, p, n) for each value of a 'respectively' list: a list of p (or n) of the same length is
    paired value by value, a single p (or n) is shared, any other length attaches none (and says so)."""
    rs = [r] + [parse_number(v) for v in more_r]
    notes: list[str] = []

    def spread(part: tuple, pattern: str, parse, what: str) -> list:
        first, match, tail = part
        rest = tail[match.end() :] if match else ""
        more = (list_after(rest, pattern) or comma_list_after(rest, pattern)) if match else []
        if not more:
            return [first] * len(rs)
        if len(more) + 1 == len(rs):
            return [first] + [parse(v) for v in more]
        notes.append(f"a 'respectively' list of {len(rs)} r values with {len(more) + 1} {what}: none attached")
        return [None] * len(rs)

    ps = spread(p_part, MANTISSA + EXPONENT, lambda v: parse_p(v)[1], "p-values")
    ns = spread(n_part, r"\d+", int, "sample sizes")
    return list(zip(rs, ps, ns)), "; ".join(notes)


def respectively_statement_sizes(
    text: str, found: list[Found], positions: list[int | None]
) -> tuple[list[Found], set[tuple[int, int]]]:
    """'(r = .48, p = .08) ... (r = .05, p = .89); n = 14 and n = 10, respectively': the sizes of a
    trailing list go, in order, to the statements of its sentence that print no n, when the counts match."""
    out = list(found)
    sized: set[tuple[int, int]] = set()
    placed = sorted((pos, i) for i, pos in enumerate(positions) if pos is not None)  # once: bisected per list
    starts = [pos for pos, _ in placed]
    breaks = [m.start() for m in re.finditer(r"(?=\. |\n\n)", text)]  # where sentences end, found once
    for start, _, sizes in respectively_sizes(text):
        k = bisect.bisect_right(breaks, start - 2) - 1  # the last '. ' or blank line wholly before the list
        sentence = breaks[k] if k >= 0 else -1
        between = placed[bisect.bisect_right(starts, sentence) : bisect.bisect_left(starts, start)]
        waiting = [i for _, i in between if found[i].claim.n is None and found[i].claim.df is None]
        if len(waiting) != len(sizes):
            continue
        for i, size in zip(waiting, sizes):
            claim = replace(out[i].claim, n=size, extra={**out[i].claim.extra, "n_source": "sentence"})
            out[i] = replace(out[i], claim=claim)
            sized.add((out[i].line, out[i].column))
    return out, sized


def p_first(before: str) -> re.Match | None:
    """The p printed right before a statement in a bracket whose pairs put p first: '(p = .003,
    r = .52)', '[p<0.001, Spearman's (rs)=0.327]', '(p<0.001, rs=0.497; p<0.001, rs=0.987, p<0.001,
    rs=0.401, respectively)'; None when the bracket opens with a coefficient ('(r = .45, p = .01;
    r = .30, p = .04)': there each p follows its r).

    Examples
    --------
    >>> p_first("pain (p < .001, ").group("p"), p_first("pain (p<.001, rs=.49; p=.02, ").group("p")
    ('.001', '.02')
    >>> p_first("pain (r = .45, p = .01; ") is None, p_first("pain, p = .01, ") is None
    (True, True)
    """
    depth, opened = 0, -1
    for i in range(len(before) - 1, -1, -1):  # the innermost bracket still open before the statement
        ch = before[i]
        if ch in ")]":
            depth += 1
        elif ch in "([":
            if depth == 0:
                opened = i
                break
            depth -= 1
    if opened < 0:
        return None
    inside = before[opened + 1 :]
    first = STATEMENT.search(inside)
    if PVAL.search(inside[: first.start()] if first else inside) is None:
        return None  # the bracket opens with a coefficient, not a p
    since = [*STATEMENT.finditer(inside)]
    rest = inside[since[-1].end() :] if since else inside
    found = [*PVAL.finditer(rest)]
    return found[-1] if found else None
