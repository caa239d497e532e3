"""Places in a passage that mention a correlation outside every statement read, each listed with why
it was not read: never a silent skip."""

from __future__ import annotations

import bisect
import re

from .model import Unparsed
from .patterns import MENTION, SQUARED
from .sample_sizes import without_addresses

# '( = -0.37, = 0.02)': a value and its p whose symbols a web page or a copy dropped
LOST_SYMBOLS = re.compile(r"\(\s*=\s*[-−]?(?:\d*\.\d+|\d+)\s*[,;]\s*[=<>≤≥]\s*(?:\d*\.\d+|\d+)\s*\)")
LOST_SYMBOLS_WHY = "a value and a p printed without their symbols (lost by the page or the copy): statistic unknown"
# "Pearson's correlation" alone on its line, '0.247 (P < 0.001)' on each line below: a web table's row
# copied one cell per line, whose cells' columns are not read
CELLS_BELOW = re.compile(r"\s*\n(?:\s*\n)?\s*[-−]?\d?\.\d+\s*\(\s*[Pp]\b")
CELLS_BELOW_WHY = (
    "a correlation's values printed on the lines below its label (a table copied one cell per line): not read"
)
SQUARED_WHY = "a squared correlation (r², R²): its sign is not printed and it may come from a regression; not checked"
NO_SYMBOL_WHY = "mentions a correlation but no 'symbol = value' could be read"
# 'correlations: 0.298/0.533/0.574', '(cc. -0.593, Sig 0.03)': a coefficient after the word, no symbol
# ('correlated positively with BMI percentile (0.387)': a bare coefficient in brackets after the verb too)
COEFFICIENT_WORD = re.compile(r"\b(?:correlat(?:ions?|ed)|coefficients?)\b|\bcc\.", re.I)
BARE_COEFFICIENT = re.compile(r"(?<![\w.])-?0?\.\d{2,}(?![\d.])")
# a number after 'p =', 'p-values:', 'Sig', a CI or an interval is no coefficient; one after any '=' or
# comparator is some symbol's (listed by the rules for those, never twice)
NOT_A_COEFFICIENT = re.compile(r"(?:(?:\bp(?:[- ]?values?)?|\bsig\.?|\bCI|interval)\s*[:]?|[=<>≤≥])\s*$", re.I)
# '31.09.21871-0.33-0.41–0.24<0.01': a table row whose cells a copy glued together (three decimal points
# or more with no space between): which number is whose cannot be told
# 'r = 0.0.561', 'p < 0.0.1': a value with two decimal points (a typo): never read as 0.0, always listed
MALFORMED = re.compile(r"(?<![\w.])(?:r|rs|rho|ρ|τ|tau|p)\s*[=:<>≤≥]\s*[-+]?\d*\.\d+\.\d+", re.I)
MALFORMED_WHY = "a value with two decimal points (a typo in the paper): which number was meant cannot be told"
GLUED = re.compile(r"(?<![\d.])[<>≤≥=(\d.\-–−]*\d\.\d+(?:[<>≤≥=()\-–−]*\d*\.\d+){2,}")
# 'Duration of disease0.2840.007 *', 'ADL0.519<0.001*': a coefficient and its p glued to each other
# (and often to the row's label); a coefficient-like value (0.xx) right after a letter or a space
# (never 'r = 0.0.561': a value after its sign is a typo, listed as MALFORMED)
# ('IL-60.0800.260***': after a label ending in a digit, 'IL-6' or 'T2', never a date's '10.05.2020')
GLUED_PAIR = re.compile(
    r"(?:(?<=[A-Za-z)])|(?<=[A-Za-z]\d)|(?<=[A-Za-z]-\d)|(?<![=<>:≤≥]\s)(?<=\s)|^)[-−]?0\.\d+(?:\.\d+|[<>≤≥]\d*\.\d+)"
)
# 'CRP-0.047-0.291***0.169', 'IL-6-0.158-0.205***': signed values glued to their label and to each other
GLUED_SIGNED = re.compile(
    r"(?:(?<=[A-Za-z)])[-−]?|(?<=[A-Za-z]\d)[-−]|(?<=[A-Za-z]-\d)[-−])\d?\.\d+[*†‡§]*[-−]\d?\.\d+"
)
GLUED_WHY = (
    "{k} line(s) whose numbers run together without separators (a table's cells glued when copied): which"
    " number is whose cannot be told"
)


def unread_mentions(
    text: str, covered: list[tuple[int, int]], locate, own: list[tuple[int, int]] | None = None
) -> list[Unparsed]:
    """Places that mention a correlation outside every statement read, as :class:`Unparsed`.

    Parameters
    ----------
    text : the passage; covered : the (start, end) spans of the statements read, each from its
        sentence's start (they may nest or overlap); locate : position -> (line, column); own : each
        statement's own span and each table's (default ``covered``): a bare coefficient before a
        statement in its sentence ('correlated with BMI (0.387), and fat (0.353; p<0.05)') is unread.

    Returns
    -------
    One ``Unparsed`` per place, in reading order: a squared correlation, a correlation named with
    a number but no 'symbol = value', a value and p whose symbols were lost ('( = -0.37, = 0.02)').

    Examples
    --------
    >>> text = "IL-8 correlated with HAMD ( = -0.37, = 0.02)."
    >>> [u.reason.split(" (")[0] for u in unread_mentions(text, [], lambda i: (1, i + 1))]
    ['a value and a p printed without their symbols']
    """
    read = _reader(covered)

    unparsed: list[Unparsed] = []
    for m in MENTION.finditer(text):
        if read(m.start()):
            continue
        line, col = locate(m.start())
        snippet = text[m.start() : m.start() + 60].split("\n")[0]
        if SQUARED.match(snippet):  # its sign is not printed and it may come from a regression
            unparsed.append(Unparsed(line, col, snippet.strip(), SQUARED_WHY))
        elif MALFORMED.match(snippet):
            continue  # listed below, with its own reason
        elif re.search(r"[=<>≤≥]\s*-?\d*\.\d|(?<![\d.])-?0?\.\d\d", snippet):  # a coefficient-like number
            unparsed.append(Unparsed(line, col, snippet.strip(), NO_SYMBOL_WHY))
        elif not re.search(r"\d", snippet) and CELLS_BELOW.match(text, m.start() + len(snippet)):
            unparsed.append(Unparsed(line, col, snippet.strip(), CELLS_BELOW_WHY))
    mentioned = {locate(m.start()) for m in MENTION.finditer(text)}
    unparsed += _bare_coefficients(text, _reader(covered if own is None else own), mentioned, locate)
    if MENTION.search(text) or re.search(r"correlat|association", text, re.I):  # about correlations: glued rows
        unparsed += _glued_blocks(text, locate)
    for m in MALFORMED.finditer(text):  # even inside a list whose other members were read
        line, col = locate(m.start())
        unparsed.append(Unparsed(line, col, m.group(0), MALFORMED_WHY))
    for m in LOST_SYMBOLS.finditer(text):
        if not read(m.start()):
            line, col = locate(m.start())
            unparsed.append(Unparsed(line, col, m.group(0), LOST_SYMBOLS_WHY))
    return sorted(unparsed, key=lambda u: (u.line, u.column))


def _reader(spans: list[tuple[int, int]]):
    """pos -> whether a span holds it (spans may nest or overlap: merged first, then bisected)."""
    merged: list[list[int]] = []
    for a, b in sorted(spans):  # spans may nest or overlap (a refused number inside a read sentence)
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    starts = [a for a, _ in merged]

    def read(pos: int) -> bool:  # merged spans do not overlap: only the last start before pos can cover it
        k = bisect.bisect_right(starts, pos) - 1
        return k >= 0 and pos < merged[k][1]

    return read


def _bare_coefficients(text: str, read, mentioned: set[tuple[int, int]], locate) -> list[Unparsed]:
    """'correlations: 0.298/0.533/0.574', '(cc. -0.593, Sig 0.03)': a coefficient right after the word
    'correlation' (or 'correlated', 'coefficient', 'cc.') in its clause, outside every statement read
    and every place already listed, as :class:`Unparsed`.

    Examples
    --------
    >>> text = "E1/E2 correlations: 0.298/0.533; p-values: 0.010/0.001. No correlation (p = 0.16)."
    >>> [u.text for u in _bare_coefficients(text, lambda i: False, set(), lambda i: (1, i + 1))]
    ['correlations: 0.298']
    """
    nearest: dict[int, re.Match] = {}  # a coefficient's position -> the last such word before it
    for m in COEFFICIENT_WORD.finditer(text):
        window = re.split(r"\.(?=\s|$)|;|\n", text[m.end() : m.end() + 40])[0]
        v = BARE_COEFFICIENT.search(window)
        if v is not None and not read(m.end() + v.start()) and not NOT_A_COEFFICIENT.search(window[: v.start()]):
            nearest[m.end() + v.end()] = m
    by_line: dict[int, list[int]] = {}
    for at_line, at_col in sorted(mentioned):
        by_line.setdefault(at_line, []).append(at_col)
    found: list[Unparsed] = []
    for end, m in nearest.items():
        line, col = locate(m.start())
        cols = by_line.get(line, [])
        if bisect.bisect_right(cols, col) > bisect.bisect_left(cols, col - 60):
            continue  # 'Spearman rank correlation coefficient =0.663': listed at 'Spearman' already
        found.append(Unparsed(line, col, text[m.start() : end].strip(), NO_SYMBOL_WHY))
    return found


def _glued_blocks(text: str, locate) -> list[Unparsed]:
    """One :class:`Unparsed` per run of consecutive lines whose numbers are glued together.

    Examples
    --------
    >>> text = chr(10).join(["Correlations among 409", "Age (y)31.09.21871-0.33-0.41<0.01", "BMI 33.45.124.6"])
    >>> [u.reason[:40] for u in _glued_blocks(text, lambda i: (2, 1))]
    ['2 line(s) whose numbers run together wit']
    """
    found: list[Unparsed] = []
    run: list[tuple[int, str]] = []
    offset = 0
    for line in without_addresses(text).split("\n") + [""]:  # numbers in a DOI or URL are glued by design
        m = GLUED.search(line) or GLUED_PAIR.search(line) or GLUED_SIGNED.search(line)
        if m:  # never a statement's numbers, even inside a table that was tried: always listed
            run.append((offset + m.start(), line.strip()))
        elif run:
            at, first = run[0]
            where = locate(at)
            found.append(Unparsed(where[0], where[1], first[:60], GLUED_WHY.format(k=len(run))))
            run = []
        offset += len(line) + 1
    return found
