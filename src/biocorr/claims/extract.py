"""Find reported correlations in pasted text, Markdown or PDF (via pdftotext).

Recognised, with Unicode minus signs and any spacing:

- ``r(12) = .53, p = .049``; ``r = 0.61, p < 0.05, n = 14``; ``r=.5``
- ``rs = .40``, ``r_s``, ``rₛ``, ``ρ = −.42 [−.71, −.02]``, ``Spearman's rho = .38``
- ``τ = .30``, ``tau``, ``Kendall's tau``
- ``95% CI [.10, .70]`` or a bare bracket right after the coefficient
- ``p<.001``, ``p = .049``, ``p > .05``; ``n = 14`` or ``N = 24`` in the same sentence

Every statement found is returned with its line and column; a sentence that
mentions a correlation symbol but cannot be read is listed as unparsed, with
the reason, so nothing is skipped silently.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .adjusted import PARTIAL, p_not_from_r_and_n, partial_covariates, resampled_interval
from .chains import WERE_WITH_P, chained_statements, correlated_bare
from .group_binding import WHOLE_SAMPLE
from .lists import (
    after_list,
    comma_list_after,
    list_after,
    list_end,
    p_first,
    respectively_items,
    respectively_statement_sizes,
)
from .model import Claim, Found, Reported, Unparsed, normalise_passage, parse_number, parse_p
from .patterns import (
    CI,
    CLAUSE_END,
    LIST_BREAK,
    LIST_NUM,
    LONE_P,
    NOT_SIGNIFICANT,
    ONE_TAILED,
    PVAL,
    RESPECTIVELY,
    RHO_AS_P,
    SENTENCE_START,
    SHARED_P,
    SPEARMAN_NAMED,
    STATEMENT,
    STATISTIC_SEGMENTS,
    STRAY_P,
    TURN,
    VERBAL,
    printed_df,
)
from .refusals import not_a_coefficient, refused
from .rho_as_p import lone_rho_as_p, shared_p_after
from .sample_sizes import (
    N_LIST,
    NO_BOUND,
    NVAL,
    PassageSizes,
    clause_sample,
    count_value,
    group_of,
    passage_n,
    rest_of_sentence,
    semicolon_n,
)
from .tables import extract_table_claims
from .unread import unread_mentions


def _method(sym: str, before: str = "") -> str:
    s = sym.lower().strip("() ")
    if s == "p":  # a PDF's ρ, read only where the sentence names Spearman
        return "spearman"
    if s in ("r", "") and re.search(r"spearman", before, re.I):  # "Spearman correlation ... r = .45"
        return "spearman"
    if s == "r" and re.search(r"kendall", before, re.I):
        return "kendall"
    if "kendall" in s or "tau" in s or "τ" in s:
        return "kendall"
    if (
        "spearman" in s
        or s in ("srcc", "rcc")  # 'SRCC = 0.62': the Spearman rank correlation coefficient
        or "rho" in s
        or "ρ" in s
        or s.startswith("r_s")
        or s in ("rs", "rₛ", "r(s")  # 'r(s)': the brackets' last ')' stripped above
        or (s.startswith("r") and s.replace(" ", "") == "rs")
    ):
        return "spearman"
    return "pearson"


def _clause(text: str, m: re.Match, before: str) -> tuple[str, str, int | None]:
    """(tail, after_clause, own): the text after a statement that belongs to it, the text right
    after its clause, and where its own clause ends in ``tail`` when semicolon segments extend it."""
    own = None  # where the statement's own clause ends in ``tail`` when semicolon segments extend it
    if before.count("(") > before.count(")"):  # inside parentheses: the clause runs to the closing one
        close = text.find(")", m.end(), m.end() + 240)
        tail = text[m.end() : close if close >= 0 else m.end() + 240]
        after_clause = text[close + 1 : close + 40] if close >= 0 else ""
    else:
        end = CLAUSE_END.search(text, m.end(), m.end() + 240)
        tail = text[m.end() : end.start() if end else m.end() + 240]
        after_clause = text[end.start() : end.start() + 40] if end else ""
        opener = "(" if tail.count("(") > tail.count(")") else "[" if tail.count("[") > tail.count("]") else ""
        closer = {"(": ")", "[": "]"}.get(opener, "")
        if opener and (close := text.find(closer, m.end() + len(tail), m.end() + 240)) > 0:
            # 'r = .45 (95% CI .05 to .72; p = .03; n = 24)': a bracket opened in the clause holds it all
            tail = text[m.end() : close + 1]
            after_clause = text[close + 1 : close + 40]
        elif (more := STATISTIC_SEGMENTS.match(text, m.end() + len(tail))) and more.end() > more.start():
            # 'r = .45; p = .03; n = 24': segments after a semicolon that hold only p, n or the CI
            own = len(tail)
            tail = text[m.end() : more.end()]
            after_clause = text[more.end() : more.end() + 40]
    nxt = STATEMENT.search(tail)
    if nxt and re.fullmatch(r"[\s,;&]*(?:and|or)?[\s,]*", tail[: nxt.start()]):
        # 'r = .52 and r = .44, respectively (both p < .05, n = 22)': the list shares what follows it
        *_, last = STATEMENT.finditer(tail)
        shared = tail[last.end() :]
        shared = shared[list_end(shared) :]
        tail = tail[: nxt.start()] + " " + shared
    else:
        tail = tail[: nxt.start()] if nxt else tail
    return tail, after_clause, own


@dataclass
class _Numbers:
    """What a statement prints besides r: df, p, n (and where n came from), covariates, tails, CI."""

    df: int | None
    pm: re.Match | None
    nm: re.Match | None
    p_comp: str
    p: Reported | None
    n: int | None
    n_source: str
    k: int | None
    tails: int
    lo: Reported | None
    hi: Reported | None
    level: float
    p_guess: bool = False  # a p printed once after a list, taken as each member's by position


SENTENCE_END = re.compile(r"\.(?=\s|$)|\n\s*\n")
SHARED_REACH = 2000  # how far after a statement its list's one p ('... (all p < .05)') is looked for


def _p_elsewhere(text: str, m: re.Match, before: str):
    """(comparator, p) printed for a statement outside its tail, or None: before it inside its own
    brackets ('(p = .003, r = .52)'), or once for the list it belongs to, later in its sentence
    ('IL-6 (r = .41), TNF (r = .45) ... (all p < .05)')."""
    if (pm := p_first(before)) is not None:
        return parse_p(pm.group("p"), pm.group("comp"))
    if (stray := STRAY_P.match(text, m.end())) is not None:  # '(r = 0.665), p = 0.0003)'
        return parse_p(stray.group("p"), stray.group("comp"))
    # to the sentence's end, at most SHARED_REACH characters on: a text without full stops (a
    # paste of thousands of statements) is searched in time linear in its length, not quadratic
    reach = min(len(text), m.end() + SHARED_REACH)
    end = SENTENCE_END.search(text, m.end(), reach)
    stop = end.start() if end else reach
    shared = SHARED_P.search(text, m.end(), stop)
    if shared is not None:
        value, comp = (
            (shared.group("p"), shared.group("comp"))
            if shared.group("p")
            else (shared.group("p2"), shared.group("comp2"))
        )
        return parse_p(value, comp)
    if m.group("sym") == "p" and (after := shared_p_after(text, m.end())) is not None:
        return (*parse_p(after[1], after[0]), True)  # ρ printed as 'p': the list's one p, a guess
    lone = LONE_P.search(text, m.end(), min(stop, m.end() + 160))
    if lone is not None and lone.start() - m.end() <= 100:
        between = text[m.end() : lone.start()]  # the rest of the list: coefficients and names, no p, no 'but'
        alone = lone.group("comp") != "=" or not (  # an exact p: the sentence's one coefficient only
            re.search(r"(?<![\w.])[-+]?\d*\.\d", between) or STATEMENT.search(before)
        )
        if PVAL.search(between) is None and LIST_BREAK.search(between) is None and alone:
            return (*parse_p(lone.group("p"), lone.group("comp")), True)  # shared by position: a guess
    return None


def _statement_numbers(
    text: str, m: re.Match, before: str, tail: str, own: int | None, after_clause: str, sizes: PassageSizes,
    where: tuple[int, int, str], unparsed: list[Unparsed],
) -> _Numbers:  # fmt: skip
    """The numbers of one statement; an n not printed with it is taken as the passage allows (a
    candidate: see :mod:`biocorr.claims.sample_sizes`); what cannot be read goes to ``unparsed``."""
    df = int(m.group("df")) if m.group("df") else None
    if df is None:  # '(r = .45, p = .004, df = 38)': its own df, printed in its own clause
        df = printed_df(tail[:own] if own is not None else tail)
    # in a bracket of p-first pairs, the p after a coefficient is the next one's
    pm = PVAL.search(tail) if p_first(before) is None else None
    in_tail = NVAL.search(tail)
    if in_tail and TURN.search(tail, pm.end() if pm and pm.end() <= in_tail.start() else 0, in_tail.start()):
        in_tail = None  # 'r = .50, p = .001, and in controls (n = 30), r = .10': the next clause's n
    # the nearest n before the statement, after the last p before it ('In men (n = 30, r = .40, p = .03)
    # and in women (r = ...)': the men's n is theirs); two there ('relapse (n 90) than remission (n 368)
    # (r = ...)') are candidates, its own neither
    since_p = max((x.end() for x in PVAL.finditer(before)), default=0)
    # ('Patients and controls (n = 40 and 25, respectively)': a list of the groups' sizes, no one n)
    own_ns = [x for x in NVAL.finditer(before, since_p) if not N_LIST.match(before, x.start())]
    nm = in_tail or (own_ns[-1] if own_ns else None)
    if in_tail is None and len({x.group("n") for x in own_ns}) > 1:
        nm = None
    cm = CI.search(tail)
    p_comp, p, p_guess = "=", None, False
    if pm is None and NOT_SIGNIFICANT.search(tail):  # 'r = .12, ns': p above .05
        p_comp, p = ">", parse_number(".05")
    elif pm is None and (found := _p_elsewhere(text, m, before)) is not None:
        p_comp, p, *guessed = found
        p_guess = bool(guessed)
    if pm:
        try:
            p_comp, p = parse_p(pm.group("p"), pm.group("comp"))
        except ValueError as exc:
            unparsed.append(Unparsed(*where, str(exc)))
    n = count_value(nm.group("n")) if nm else None
    in_clause = in_tail is not None and (own is None or in_tail.start() < own)
    n_source = ("statement" if in_clause else "sentence") if nm else ""  # an n before it is a neighbour's
    if df is not None and not in_clause:  # 'r(161) = ...' prints its own df: a neighbouring n is not its n
        n, n_source = None, ""
    if n is None and df is None and (after_n := semicolon_n(after_clause)) is not None:
        n, n_source = after_n, "sentence"  # 'r = .45, p = .02; n = 30'
    if n is None and df is None and (own_n := clause_sample(tail[:own] if own is not None else tail)) is not None:
        n, n_source = own_n, "statement"  # 'r = .30, p = .02 in 24 patients'
    if n is None and df is None:
        n, n_source, note = passage_n(text, m.start(), before, rest_of_sentence(text, m.end()), sizes)
        several = len({c.n for c in sizes.at(m.start()) if c.n > 2}) >= 2  # then checked at each of them
        if note and p is not None and not several:
            unparsed.append(Unparsed(*where, note))
    k = partial_covariates(before + m.group(0) + tail) if PARTIAL.search(before + tail) else 0
    if k is None and df is None and n is not None:
        unparsed.append(Unparsed(*where, "a partial correlation whose covariates are not counted: no df"))
        n, n_source = None, ""
    elif k and df is None and n is not None:
        df, n = n - 2 - k, None  # a partial r on k covariates has n - 2 - k df
    tails = 1 if ONE_TAILED.search(before + m.group(0) + tail) else 2
    lo = hi = None
    level = 0.95
    if cm:
        lo, hi = parse_number(cm.group("lo") or cm.group("lo2")), parse_number(cm.group("hi") or cm.group("hi2"))
        if cm.group("level"):
            level = float(cm.group("level")) / 100
    return _Numbers(df, pm, nm, p_comp, p, n, n_source, k, tails, lo, hi, level, p_guess)


@dataclass
class _Scan:
    """What one pass over a text has read so far: claims, what could not be read, spans covered."""

    text: str
    source: str
    sizes: PassageSizes  # each paragraph's sample sizes, found once
    line_starts: list[int]
    found: list[Found] = field(default_factory=list)
    unparsed: list[Unparsed] = field(default_factory=list)
    covered: list[tuple[int, int]] = field(default_factory=list)
    own: list[tuple[int, int]] = field(default_factory=list)  # each statement's own extent, tables' spans
    positions: list[int | None] = field(default_factory=list)  # where each sentence statement starts

    def locate(self, pos: int) -> tuple[int, int]:
        """(line, column), both from 1, of a position in the text."""
        i = bisect.bisect_right(self.line_starts, pos) - 1
        return i + 1, pos - self.line_starts[i] + 1


def _read_tables(scan: _Scan) -> list[tuple[int, int]]:
    """Read the text's tables cell by cell into ``scan``; returns the spans of tables read."""
    sizes = scan.sizes
    found, unparsed, spans = extract_table_claims(
        scan.text, scan.source, lambda t, pos: passage_n(t, pos, sizes=sizes), scan.sizes.bound
    )
    scan.found += [Found(claim, line, col, raw) for claim, line, col, raw in found]
    scan.positions += [None] * len(found)
    scan.unparsed += [Unparsed(*u) for u in unparsed]
    scan.covered += [(a, b) for a, b, _ in spans]
    scan.own += [(a, b) for a, b, _ in spans]
    return [(a, b) for a, b, read in spans if read]


def _statements(text: str) -> list[re.Match]:
    """Symbolic statements ('r = .45') and, where none overlaps, coefficients in words, in text order."""
    statements = list(STATEMENT.finditer(text))
    for m in RHO_AS_P.finditer(text):  # a PDF's ρ as 'p', in a sentence that names Spearman
        start = max(text.rfind(". ", 0, m.start()), text.rfind("\n\n", 0, m.start()), 0)
        inside = any(s.start() <= m.start() < s.end() for s in statements)
        if SPEARMAN_NAMED.search(text[start : m.start()]) and not inside:
            statements.append(m)
    statements += lone_rho_as_p(text)  # '(p=.179), ... All were significant at p<.001': ρ printed as 'p'
    symbolic = [(m.start(), m.end()) for m in statements]
    verbal = [v for v in VERBAL.finditer(text) if not any(a < v.end() and v.start() < b for a, b in symbolic)]
    spans = symbolic + [(v.start(), v.end()) for v in verbal]
    verbal += [v for v in WERE_WITH_P.finditer(text) if not any(a < v.end() and v.start() < b for a, b in spans)]
    spans = symbolic + [(v.start(), v.end()) for v in verbal]  # 'correlated with QOL (-0.131, p < 0.05)'
    verbal += [v for v in correlated_bare(text) if not any(a < v.end() and v.start() < b for a, b in spans)]
    spans = symbolic + [(v.start(), v.end()) for v in verbal]
    read = statements + verbal
    chained = [c for c in chained_statements(text, read) if not any(a <= c.start("r") < b for a, b in spans)]
    return sorted(read + chained, key=lambda match: match.start())


def _values(text: str, m: re.Match, num: _Numbers, tail: str) -> tuple[list, str, bool]:
    """(items, note, listed): the (r, p, n) of each coefficient of a statement ('.45 and .52,
    respectively' gives two), a note on what could not be paired, and whether it was a list."""
    r = parse_number(m.group("r"))
    after = text[m.end() : m.end() + 120]
    more_r = list_after(after, LIST_NUM)
    if not more_r and (
        (commas := comma_list_after(after, LIST_NUM)) and (RESPECTIVELY.search(tail) or len(commas) >= 2)
    ):
        more_r = commas  # 'r = .556, .392 and p = .001, .032, respectively'; 'r = .42, .21, .25; P < .05'
    if any(not_a_coefficient(parse_number(v)) for v in more_r):  # '.40 and 5 patients': not a list of r
        more_r = []
    if more_r and RESPECTIVELY.search(tail):
        items, note = respectively_items(r, more_r, (num.p, num.pm, tail), (num.n, num.nm, tail))
        return items, note, True
    if more_r and num.p_comp == "<" and num.pm is not None and after_list(tail, more_r) <= num.pm.start():
        # '(r = .42, .21, .25; P < .05)': one bound printed after the whole list holds for each value
        return [(r, num.p, num.n)] + [(parse_number(v), num.p, num.n) for v in more_r], "", True
    if more_r:
        values = ", ".join([r.text, *more_r])
        note = f"a list of r values ({values}) without 'respectively': only the first was read"
        return [(r, num.p, num.n)], note, False
    return [(r, num.p, num.n)], "", False


def _read_statement(scan: _Scan, m: re.Match) -> None:
    """Read one statement into ``scan``: its claims, or why it could not be read."""
    text = scan.text
    line, col = scan.locate(m.start())
    raw = m.group(0).strip()
    starts = [s.end() for s in SENTENCE_START.finditer(text, max(0, m.start() - 300), m.start())]
    sentence_start = starts[-1] if starts else max(0, m.start() - 300)
    before = text[sentence_start : m.start()]
    if refusal := refused(text, m, before, sentence_start):
        shown, reason, span = refusal
        scan.unparsed.append(Unparsed(line, col, shown, reason))
        scan.covered += [span] if span else []
        scan.own += [span] if span else []
        return
    tail, after_clause, own = _clause(text, m, before)
    num = _statement_numbers(text, m, before, tail, own, after_clause, scan.sizes, (line, col, raw), scan.unparsed)
    items, note, listed = _values(text, m, num, tail)
    if note:
        scan.unparsed.append(Unparsed(line, col, raw, note))
    lo, hi = (None, None) if listed else (num.lo, num.hi)  # one interval beside a list belongs to no single value
    candidates = tuple((c.n, c.label) for c in scan.sizes.at(m.start()))  # for an inferred n
    bound = scan.sizes.bound(m.start())  # every size of the paragraph added up: no analysis has more pairs
    part = False  # a group sized only where a part of it is counted ('12 with CD had surgery') bounds nothing
    if group_of(num.n_source) and num.n is not None and bound < NO_BOUND:  # the clause names a group: its
        candidates, bound = tuple(c for c in candidates if c[0] <= num.n), num.n  # pairs are at most its size
        part = not scan.sizes.counts_group(num.n)
    raw = (raw + tail).strip()
    for i, (r_i, p_i, n_i) in enumerate(items, start=1):
        claim = Claim(
            id=f"{scan.source}:{line}:{col}" + (f":{i}" if len(items) > 1 else ""),
            r=r_i, p=p_i, p_comparator=num.p_comp, n=n_i, df=num.df,
            method=_method(m.group("sym"), before),
            ci_low=lo, ci_high=hi, ci_level=num.level, tails=num.tails,
            source=f"{scan.source} line {line}", raw=raw,
            extra={
                "index": len(scan.found) + 1,
                "n_source": (num.n_source if n_i is not None else "") or ("df" if num.df is not None else ""),
                "n_candidates": candidates,
                **({"rho_printed_as_p": True} if m.group("sym") == "p" else {}),
                **({"p_shared_by_position": True} if num.p_guess else {}),
                "n_bound": bound,
                **({"sample_uncounted": True} if not scan.sizes.counts_sample(m.start()) else {}),
                **({"group_uncounted": True} if part else {}),
                **({"whole_sample": True} if WHOLE_SAMPLE.search(before) else {}),
                **({"partial": num.k} if num.k else {}),
                **({"p_not_from_r_and_n": w} if (w := p_not_from_r_and_n(before + raw)) else {}),
                **({"respectively": i} if len(items) > 1 else {}),
            },
        )  # fmt: skip
        if p_i is None and n_i is None and num.df is None and lo is None:
            why = "a coefficient without p, n, df or CI: nothing to check"
            if re.search(r"\bq\s*[=<]", tail):  # 'r = .24, q = .036': an FDR-adjusted value, not r's own p
                why = "a coefficient with a q-value (an adjusted p) but not its own p: nothing to check"
            scan.unparsed.append(Unparsed(line, col, raw, why))
        scan.found.append(Found(claim, line, col, raw))
        scan.positions.append(m.start())
    scan.covered.append((sentence_start, m.end() + len(tail)))
    scan.own.append((m.start(), m.end() + len(tail)))


def _text_wide(text: str, found: list[Found]) -> None:
    """What the text says once for all its statements, prose and tables alike: its tests were
    one-tailed (statcheck's OneTailedTxt reading), its intervals come from resampling (no Fisher z)."""
    one_tailed = ONE_TAILED.search(text) is not None
    resampled = resampled_interval(text)
    for f in found:
        if f.claim.extra is None:
            continue
        if one_tailed and f.claim.tails == 2:
            f.claim.extra["one_tailed_in_text"] = True
        if resampled and f.claim.ci_low is not None:
            f.claim.extra["ci_resampled"] = resampled


def extract_claims(text: str, source: str = "text") -> tuple[list[Found], list[Unparsed]]:
    """Extract correlation statements from text.

    Tables are read first, cell by cell (:mod:`biocorr.claims.tables`); then each statement in
    the prose, with the p, n, df and CI of its own clause; then 'n = 14 and n = 10,
    respectively' lists are given to the statements of their sentence; last, every mention of a
    correlation that no statement covered is listed as not read.

    Parameters
    ----------
    text : str
    source : str
        Name used in each claim's ``source`` and id.

    Returns
    -------
    (found, unparsed)

    Examples
    --------
    >>> found, _ = extract_claims("TNF correlated with pain, r(12) = .53, p = .049.")
    >>> c = found[0].claim
    >>> c.df, c.r.text, c.p_comparator, c.p.text, c.method
    (12, '.53', '=', '.049', 'pearson')
    """
    text = normalise_passage(text)
    scan = _Scan(text, source, PassageSizes(text), [0] + [m.end() for m in re.finditer("\n", text)])
    read_tables = _read_tables(scan)
    for m in _statements(text):
        if not any(a <= m.start() < b for a, b in read_tables):  # a table already read cell by cell
            _read_statement(scan, m)
    found, sized = respectively_statement_sizes(text, scan.found, scan.positions)
    _text_wide(text, found)
    unparsed = [u for u in scan.unparsed if not ((u.line, u.column) in sized and u.reason.startswith("n not printed"))]
    return found, unparsed + unread_mentions(text, scan.covered, scan.locate, scan.own)
