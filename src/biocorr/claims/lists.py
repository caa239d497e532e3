"""'Respectively' lists: several coefficients, p-values or sizes printed as one statement.

'r = .45 and .52, p = .01 and .003, respectively' is two statements; '... (n = 14 and n = 10,
respectively)' after two statements gives each its n. A list whose lengths do not match is not
paired at all (and a note says so): a value is never given to the wrong statement.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .model import Found, parse_number, parse_p
from .patterns import EXPONENT, MANTISSA
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


def respectively_items(r, more_r: list[str], p_part, n_part) -> tuple[list, str]:
    """(r, p, n) for each value of a 'respectively' list: a list of p (or n) of the same length is
    paired value by value, a single p (or n) is shared, any other length attaches none (and says so)."""
    rs = [r] + [parse_number(v) for v in more_r]
    notes: list[str] = []

    def spread(part: tuple, pattern: str, parse, what: str) -> list:
        first, match, tail = part
        more = list_after(tail[match.end() :], pattern) if match else []
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
    for start, _, sizes in respectively_sizes(text):
        sentence = max(text.rfind(". ", 0, start), text.rfind("\n\n", 0, start))
        waiting = [
            i
            for i, (f, pos) in enumerate(zip(found, positions))
            if pos is not None and sentence < pos < start and f.claim.n is None and f.claim.df is None
        ]
        if len(waiting) != len(sizes):
            continue
        for i, size in zip(waiting, sizes):
            claim = replace(out[i].claim, n=size, extra={**out[i].claim.extra, "n_source": "sentence"})
            out[i] = replace(out[i], claim=claim)
            sized.add((out[i].line, out[i].column))
    return out, sized
