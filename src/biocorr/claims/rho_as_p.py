"""Spearman's ρ that a PDF or a database gave as 'p', one per bracket, with the p printed once
after the list: '... pain (p=.154), fatigue (p=.197), ... All were statistically significant at
p<.001.' Each bracketed value is read as ρ only when the text cannot mean it as a p: the text names
Spearman or ρ before it, and the shared threshold after the list is below every bracketed value
(a p of .154 is not significant at p < .001). Read so, a coefficient that fails its check is a
doubt, never an accusation (the symbol and the p are both inferred).
"""

from __future__ import annotations

import re

from .patterns import EXPONENT, MANTISSA, SPEARMAN_NAMED

LONE_RHO_AS_P = re.compile(r"(?<=[(\[])(?P<sym>p)\s?(?P<df>)(?P<rcomp>=)\s?(?P<r>[+-]?\s?0?\.\d{2,})(?=\s*[)\]])", re.I)
ALL_SIGNIFICANT = re.compile(  # 'All were statistically significant at p<.001', 'all at p < .001'
    r"\ball\b[^.;]{0,40}?\bsignificant\b[^.;]{0,20}?\bp\s*(?P<comp><|≤|<=)\s*(?P<p>" + MANTISSA + EXPONENT + r")",
    re.I,
)


def lone_rho_as_p(text: str) -> list[re.Match]:
    """The bracketed 'p=.179' values of a text that are Spearman's ρ printed as 'p' (see the
    module): at least two in one list, Spearman or ρ named before them, and an 'all ... significant
    at p < X' after them with X below every value.

    Examples
    --------
    >>> t = ("Spearman's rho was used. Inflammation went with pain (p=.154), fatigue (p=.197) and "
    ...      "sleep (p=.132). All were statistically significant at p<.001.")
    >>> [m.group("r") for m in lone_rho_as_p(t)]
    ['.154', '.197', '.132']
    >>> lone_rho_as_p("Spearman's rho was used. Pain (p=.154), fatigue (p=.197). All were significant at p<.20.")
    []
    """
    found = list(LONE_RHO_AS_P.finditer(text))
    out: list[re.Match] = []
    i = 0
    while i < len(found):
        run = [found[i]]
        while i + 1 < len(found) and not re.search(r"[.;]\s", text[run[-1].end() : found[i + 1].start()]):
            i += 1
            run.append(found[i])
        i += 1
        shared = ALL_SIGNIFICANT.search(text, run[-1].end(), run[-1].end() + 400)
        named = (
            SPEARMAN_NAMED.search(text, max(0, run[0].start() - 3000), run[0].start())
            or "ρ" in text[max(0, run[0].start() - 3000) : run[0].start()]
        )
        if len(run) < 2 or shared is None or not named:
            continue
        threshold = float(shared.group("p"))
        if all(float(m.group("r").replace(" ", "")) > threshold for m in run):
            out += run
    return out


def shared_p_after(text: str, pos: int) -> tuple[str, str] | None:
    """(comparator, p) of the 'all ... significant at p < X' that follows a list of ρ printed as 'p'.

    Examples
    --------
    >>> shared_p_after("pain (p=.154). All were statistically significant at p<.001.", 0)
    ('<', '.001')
    """
    m = ALL_SIGNIFICANT.search(text, pos, pos + 800)
    return (m.group("comp"), m.group("p")) if m else None
