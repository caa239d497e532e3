"""One correlation claim from a table's cells (see :mod:`biocorr.claims.tables`)."""

from __future__ import annotations

from .model import Reported, parse_number
from .table_cells import CELL, DUAL_P_CELL


def cell_claim(x, y, r_cell, p_cell, legend, method, matrix=False, dual=None) -> dict | None:
    """The claim (as keyword arguments) of one table cell: r from ``r_cell``, its p from ``p_cell``,
    from the cell's own brackets ('0.45 (0.003)'), from its star and the table's ``legend``
    (no star: p above the largest threshold), or from the unadjusted slot ``dual`` of a cell
    'r (p/p)'; None when the cell holds no coefficient (a count, a diagonal 1 in a ``matrix``,
    a bound '<0.001', or two p's whose header does not say which is whose).

    Examples
    --------
    >>> kw = cell_claim("VAS", "TNF", "0.45**", "", {"**": ("0.01", "<")}, "spearman")
    >>> (kw["r"].value, kw["p_comparator"], kw["p"].value)
    (0.45, '<', 0.01)
    """
    if r_cell and (two := DUAL_P_CELL.match(r_cell.strip())):  # 'r (p adjusted/p unadjusted)'
        if dual is None:  # which p is the test's own the header does not say
            return None
        r_cell, p_cell = two.group("num"), (two.group(f"lt{dual + 1}") or "") + two.group(f"p{dual + 1}")
    m = CELL.match(r_cell.strip()) if r_cell else None
    if not m or m.group("lt"):
        return None
    r = parse_number(m.group("num"))
    if abs(r.value) > 1 or (abs(r.value) == 1 and matrix):  # a diagonal 1 or a count: not a coefficient
        return None
    p: Reported | None = None
    comp, no_p = "=", ""
    pm = CELL.match(p_cell.strip()) if p_cell else None
    if pm:
        lt = (pm.group("lt") or "=").strip()
        p, comp = parse_number(pm.group("num")), {"≤": "<", "≥": ">"}.get(lt, lt)  # '<0.001' is p < 0.001
        comp = comp if comp in "<>=" else "="
        if not 0 <= p.value <= 1:  # '-0.13' under 'P': another statistic's cell, never a p
            no_p = f"the cell under the p column ('{p_cell.strip()}') lies outside 0-1: no p-value, not checked"
            p, comp = None, "="
    elif m.group("paren") and not m.group("marks"):
        p = parse_number(m.group("paren"))
        comp = {"<": "<", "≤": "<", ">": ">", "≥": ">"}.get((m.group("plt") or m.group("plt2") or "=").strip(), "=")
    elif legend:
        marks = m.group("marks") or m.group("marks2") or ""  # '-0.46, n=62**': the stars after the n
        if marks and marks in legend:
            p, comp = parse_number(legend[marks][0]), "<"
        elif not marks:  # no star: not significant at the largest threshold the legend defines
            text = max((t for t, _ in legend.values()), key=float)
            p, comp = parse_number(text), ">"
    raw = f"{x}: {y + ', ' if y else ''}{method} r = {r.text}" + (f", p {comp} {p.text}" if p is not None else "")
    extra: dict = {"n_source": ""} | ({"p_unread": no_p} if no_p else {})
    ci = {}
    if m.group("lo") is not None:  # '0.40 (0.14 to 0.61)': the cell's own 95 % interval
        ci = dict(ci_low=parse_number(m.group("lo")), ci_high=parse_number(m.group("hi")), ci_level=0.95)
        raw += f", 95% CI [{m.group('lo')}, {m.group('hi')}]"
    if cell_n := m.group("cn") or m.group("cn2"):  # '0.45* (n=40)', '-0.15, n=62': the cell's own n
        raw += f", n = {cell_n}"
        extra["cell_n"] = int(cell_n)  # it outranks any other (see tables.py)
    return dict(r=r, p=p, p_comparator=comp, method=method, x=x, y=y, raw=raw, extra=extra, **ci)
