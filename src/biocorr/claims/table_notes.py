"""The notes under a table, as web pages and PDFs give them: an abbreviation legend, then each
lettered note as its mark on a line of its own and its text below ('a' / 'Global Functioning
analyses, n = 142.'). A row group whose label carries a note's letter ('Global Functioninga', the
superscript glued on) takes the n that note prints.
"""

from __future__ import annotations

import re

from .table_cells import INLINE_STATEMENT, split_row

NOTE_START = re.compile(
    r"\s*(?:(?i:Note|[*†‡§¶#°a-d]\s*p\s*[<≤]|p\s*[<≤]\s*0?\.\d|Abbreviations|r\b|ρ|Values)"
    r"|(?i:[*†‡§¶#°]{1,3}\s*(?:correlation\s+)?(?:is\s+)?significant\b)"  # SPSS: '** Correlation is significant'
    # an abbreviation legend: 'BAI, Beck Anxiety Inventory; ...' (two capitals at least: not 'However, ...')
    r"|(?=[A-Z0-9-]*[A-Z][A-Z0-9-]*[A-Z])[A-Z][A-Z0-9-]{1,11}s?(?:(?:,|\s=|:)\s+[A-Z]|:\s+[a-z]+\s[a-z])"
    r"|[a-h*†‡§¶#]{1,3}\s*$)",  # a note's mark alone, its text in the next paragraph
)
A_STATEMENT = re.compile(r"(?<![\w-])(?:r|ρ|rho)\s*[=<>]\s*[-+]?\d*\.\d", re.I)  # prose, not a note
LETTERED_N = re.compile(r"(?<![\w])(?P<mark>[a-h])\s+(?P<text>[A-Z][^.;]*?)\b[nN]\s*=\s*(?P<n>\d{1,6})\b")


def notes_after(after: str, limit: int = 8) -> str:
    """The note paragraphs at the start of ``after`` (the text right after a table, blank lines
    stripped), up to the first paragraph that is not a note, at most ``limit`` paragraphs; '' when
    the first is no note.

    Examples
    --------
    >>> notes_after("BAI, Beck Anxiety Inventory.\\n\\na\\n\\nGlobal analyses, n = 142.\\n\\nResults were clear.")
    'BAI, Beck Anxiety Inventory.\\n\\na\\n\\nGlobal analyses, n = 142.'
    >>> notes_after("Results were clear."), notes_after("Note. x.\\n\\nHowever, IL-6 (r = .40) rose.")
    ('', 'Note. x.')
    """
    paragraphs = after.split("\n\n")
    kept: list[str] = []
    i = 0
    while i < len(paragraphs) and len(kept) < limit:
        para = paragraphs[i]
        numbered = len(re.findall(r"(?m)^\s*\d{1,2}\.\s+\S", para)) >= 2  # '1. The score ... 3. *P < 0.05' (BMC)
        if not (NOTE_START.match(para) or numbered) or (kept and A_STATEMENT.search(para)):
            break
        kept.append(para)
        if re.fullmatch(r"\s*[a-h*†‡§¶#]{1,3}\s*", para) and i + 1 < len(paragraphs):
            kept.append(paragraphs[i + 1])  # the text of a mark printed alone
            i += 1
        i += 1
    return "\n\n".join(kept)


def lettered_sizes(notes: str) -> dict[str, tuple[int, str]]:
    """{mark: (n, note text)} for each lettered note that prints one n ('a Global Functioning
    analyses, n = 142').

    Examples
    --------
    >>> lettered_sizes("a\\n\\nGlobal Functioning analyses, n = 142.\\n\\nb\\n\\nQuality of Life analyses, n = 144.")
    {'a': (142, 'Global Functioning analyses, '), 'b': (144, 'Quality of Life analyses, ')}
    """
    flat = re.sub(r"\s+", " ", notes)
    return {m.group("mark"): (int(m.group("n")), m.group("text")) for m in LETTERED_N.finditer(flat)}


def lettered_n(label: str, sizes: dict[str, tuple[int, str]]) -> int | None:
    """The n of the lettered note a label carries ('Global Functioninga' or 'Global Functioning a'),
    when that note names the label's first word; None otherwise.

    Examples
    --------
    >>> s = {"a": (142, "Global Functioning analyses, ")}
    >>> lettered_n("Global Functioninga", s), lettered_n("Anemia", s), lettered_n("GAF current", s)
    (142, None, None)
    """
    m = re.fullmatch(r"(?P<stem>.*?[A-Za-z])\s?(?P<mark>[a-h])", label.strip())
    if not m or m.group("mark") not in sizes:
        return None
    n, text = sizes[m.group("mark")]
    first = re.match(r"[A-Za-z]{3,}", m.group("stem"))
    return n if first and re.search(rf"\b{re.escape(first.group(0))}", text, re.I) else None


FOOTNOTE = re.compile(r"^\s*(?:\d{1,2}\.\s+)?(?:Note|Abbreviations|[*†‡§¶#]|[a-d]\s*p\s*[<≤])", re.I)  # '3. a p < .001'


def is_note(line: str) -> bool:
    """A footnote line inside a table's block: 'Note', '*p < .05', or a numbered note in prose
    ('  1. Data indicate ... (n =40). *P <0.05; †P <0.1', or a superscript's '3 Removing ...') whose
    line ends in no value cells."""
    numbered = re.match(r"^\s*\d{1,2}\.?\s+[A-Z]", line) and len(line.strip()) > 40 and not split_row(line)[1]
    if re.match(r"^\s*[*†‡§¶#]+\s*(?!p\b)[A-Za-z]", line, re.I) and len(split_row(line)[1]) >= 2:
        return False  # '* WURSS total 0.068 0.0072 <0.008': a row whose label carries a mark, not a note
    return bool(FOOTNOTE.match(line) or numbered)


def span_end(text: str, start: int, end: int, gap: int, foot: str) -> int:
    """Where a table's span ends: after its notes, unless a note prints a statement of its own
    ('3 Without the outlier: Rho = 0.57, p = 0.018'), which the prose reader then reads."""
    lines = text[start:end].split("\n")
    k = len(lines)
    while k > 1 and (not lines[k - 1].strip() or is_note(lines[k - 1])):
        k -= 1
    if any(INLINE_STATEMENT.search(line) for line in lines[k:]):
        return start + len("\n".join(lines[:k]))
    return end if INLINE_STATEMENT.search(foot) else end + gap + len(foot)
