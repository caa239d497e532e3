"""Derived variables: a spec variable computed from other columns of the same row.

A change score (``difference = ["VAS_post", "VAS_pre"]``), a ratio (``ratio = ["IL6", "IL10"]``),
the mean or sum of several columns (visits, items), or the area under the curve of visits at
given times (``auc = ["IL6_0h", "IL6_2h", "IL6_6h"]`` with ``times = [0, 2, 6]``: the trapezoidal
rule, as R's ``sum(diff(t) * (head(y, -1) + tail(y, -1)) / 2)``) is declared like any variable,
with the new column's name::

    [[score]]
    column = "dVAS"
    label = "Change in pain (post - pre)"
    difference = ["VAS_post", "VAS_pre"]

Sources are read as numbers like any column (their bad cells are excluded with reasons);
a source that is itself a declared variable contributes its values after its range check and
before its transform. A derived value is missing when any of its sources is (a mean of the
visits a subject happens to have would silently mean different things for different
subjects); a ratio with a zero denominator, or a result too large for a double, is excluded
as ``not-derivable``. The derived
variable's own ``range`` and ``transform`` then apply as for any column.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import SpecError

DERIVATIONS = ("difference", "ratio", "mean", "sum", "auc")
SYMBOLS = {"difference": " − ", "ratio": " / "}


def parse_derivation(entry: dict[str, Any], where: str) -> tuple[str, tuple[str, ...]] | None:
    """The (kind, source columns) a variable entry declares, or None; a SpecError for a bad one.

    Examples
    --------
    >>> parse_derivation({"column": "dVAS", "difference": ["VAS2", "VAS1"]}, "[[score]]")
    ('difference', ('VAS2', 'VAS1'))
    >>> parse_derivation({"column": "VAS"}, "[[score]]") is None
    True
    """
    kinds = [k for k in DERIVATIONS if k in entry]
    if not kinds:
        return None
    if len(kinds) > 1:
        raise SpecError(f"{where}: give one of {', '.join(kinds)}, not several.")
    kind = kinds[0]
    sources = entry[kind]
    example = {
        "difference": 'difference = ["VAS_post", "VAS_pre"]',
        "ratio": 'ratio = ["IL6", "IL10"]',
        "auc": 'auc = ["IL6_0h", "IL6_2h", "IL6_6h"]',
    }.get(kind, f'{kind} = ["VAS_w1", "VAS_w2", "VAS_w3"]')
    if not isinstance(sources, list) or not all(isinstance(s, str) and s.strip() for s in sources):
        raise SpecError(f"{where}: {kind} must be a list of column names in quotes, e.g. {example}.")
    if kind in SYMBOLS and len(sources) != 2:
        raise SpecError(f"{where}: {kind} takes exactly two columns (the first {_role(kind)}), e.g. {example}.")
    if len(sources) < 2:
        raise SpecError(f"{where}: {kind} needs at least two columns, e.g. {example}.")
    if len(set(sources)) < len(sources):
        raise SpecError(f"{where}: {kind} names a column twice.")
    if entry.get("column") in sources:
        raise SpecError(f"{where}: a derived variable needs a new name, not one of its own sources.")
    if entry.get("categorical"):
        raise SpecError(f"{where}: a derived variable is a number; it cannot be categorical.")
    return kind, tuple(sources)


def parse_times(entry: dict[str, Any], derived: tuple[str, tuple[str, ...]] | None, where: str) -> tuple[float, ...]:
    """The ``times`` of an ``auc`` (one per source, strictly increasing); () for other variables.

    Examples
    --------
    >>> parse_times({"times": [0, 2, 6]}, ("auc", ("a", "b", "c")), "[[score]]")
    (0.0, 2.0, 6.0)
    """
    times = entry.get("times")
    is_auc = derived is not None and derived[0] == "auc"
    if times is None:
        if is_auc:
            raise SpecError(f"{where}: auc needs the time of each column, e.g. times = [0, 2, 6] (hours).")
        return ()
    if not is_auc:
        raise SpecError(f"{where}: times belong to an auc (area under the curve); remove them or add auc = [...].")
    assert derived is not None
    ok = isinstance(times, list) and all(isinstance(t, (int, float)) and not isinstance(t, bool) for t in times)
    values = tuple(float(t) for t in times) if ok else ()
    if not ok or len(values) != len(derived[1]) or not all(np.isfinite(values)):
        raise SpecError(f"{where}: times must be {len(derived[1])} numbers, one per auc column, e.g. [0, 2, 6].")
    if (np.diff(values) <= 0).any():
        raise SpecError(f"{where}: times must increase from one auc column to the next, got {list(times)}.")
    return values


def _role(kind: str) -> str:
    return "minus the second" if kind == "difference" else "divided by the second"


def derive(
    kind: str, sources: list[np.ndarray], times: tuple[float, ...] = ()
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The derived values, where a ratio's denominator is zero and where the result overflows.

    Missing in any source gives a missing derived value; a zero denominator or a result beyond
    the largest double (1e308 - -1e308) gives NaN and is flagged, for the caller to exclude with
    its reason rather than let an infinity into the analysis.

    Examples
    --------
    >>> v, zero, overflow = derive("ratio", [np.array([2.0, 3.0, np.nan, 1e300]), np.array([4.0, 0.0, 1.0, 1e-300])])
    >>> v.tolist(), zero.tolist(), overflow.tolist()
    ([0.5, nan, nan, nan], [False, True, False, False], [False, False, False, True])
    >>> derive("mean", [np.array([1.0, 2.0]), np.array([3.0, np.nan])])[0].tolist()
    [2.0, nan]
    >>> derive("auc", [np.array([1.0]), np.array([3.0]), np.array([2.0])], (0.0, 2.0, 6.0))[0].tolist()
    [14.0]
    """
    stack = np.vstack(sources)
    zero = np.zeros(stack.shape[1], bool)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        if kind == "difference":
            values = stack[0] - stack[1]
        elif kind == "ratio":
            zero = (stack[1] == 0) & ~np.isnan(stack[0])
            values = np.where(zero, np.nan, stack[0] / stack[1])
        elif kind == "mean":
            values = stack.mean(axis=0)  # NaN when any source is missing
        elif kind == "sum":
            values = stack.sum(axis=0)
        elif kind == "auc":  # trapezoids between consecutive times
            widths = np.diff(np.asarray(times, float))[:, None]
            values = (widths * (stack[1:] + stack[:-1]) / 2.0).sum(axis=0)
        else:
            raise ValueError(f"unknown derivation {kind!r}; use one of {DERIVATIONS}")
    overflow = np.isinf(values) & np.isfinite(stack).all(axis=0)
    return np.where(overflow, np.nan, values), zero, overflow


def describe(column: str, kind: str, sources: tuple[str, ...]) -> str:
    """The derivation in words, for messages and the methods text.

    Examples
    --------
    >>> describe("dVAS", "difference", ("VAS_post", "VAS_pre"))
    'dVAS = VAS_post − VAS_pre'
    >>> describe("VAS_mean", "mean", ("w1", "w2", "w3"))
    'VAS_mean = mean of w1, w2, w3'
    """
    if kind in SYMBOLS:
        return f"{column} = {SYMBOLS[kind].join(sources)}"
    if kind == "auc":
        return f"{column} = area under the curve (trapezoidal rule) of {', '.join(sources)}"
    return f"{column} = {kind} of {', '.join(sources)}"
