"""Checking the shapes of TOML values (a table, an array of tables, a list of names, a finite number),
with messages that say what was expected and show an example."""

from __future__ import annotations

import math
import re
from typing import Any

from ..errors import SpecError, did_you_mean

__all__ = [
    "check_keys",
    "finite_number",
    "missing_codes",
    "no_repeats",
    "str_list",
    "table_entries",
    "toml_table",
    "where_cell",
    "where_filter",
]


def check_keys(table: dict, allowed: tuple[str, ...], where: str) -> None:
    for key in table:
        if key not in allowed:
            raise SpecError(
                f"{where}: unknown key '{key}'.{did_you_mean(key, allowed)} Allowed keys: {', '.join(allowed)}."
            )


def finite_number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise SpecError(f"{where}: expected a number, got {value!r}.")
    if not math.isfinite(value):
        raise SpecError(f"{where}: expected a finite number, got {value!r}.")
    return float(value)


def toml_table(value: Any, where: str, example: str) -> dict[str, Any]:
    """A TOML table, or a message saying what was expected instead."""
    if isinstance(value, list):
        raise SpecError(
            f"{where}: write it as a table [{where.strip('[]')}] (single brackets), not an array of "
            f"tables; e.g. {example}"
        )
    if not isinstance(value, dict):
        raise SpecError(f"{where}: expected a table such as {example}, got {value!r}.")
    return value


def table_entries(value: Any, role: str, where: str) -> list[Any]:
    """The entries of an array of tables ([[biomarker]]), or a message."""
    if isinstance(value, dict):
        raise SpecError(f"{where}: write each {role} as [[{role}]] (double brackets), one block per column.")
    if not isinstance(value, list):
        raise SpecError(f'{where}: expected [[{role}]] blocks with column = "...", got {value!r}.')
    return value


def str_list(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise SpecError(f'{where}: expected a list of strings, e.g. ["a", "b"].')
    return tuple(value)


def no_repeats(names: tuple[str, ...], where: str) -> None:
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise SpecError(f"{where}: '{repeated[0]}' is listed more than once; name each once.")


def missing_codes(value: Any, where: str) -> tuple[str, ...]:
    """Missing-value codes as text; numbers are accepted as written (missing = [999, "."])."""
    items = value if isinstance(value, list) else [value]
    as_text = [repr(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v for v in items]
    return str_list(as_text, where)  # anything else (true, a table) is refused there


def where_filter(value: Any, where: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``where = { Time = "Pre", Arm = ["A", "B"] }``: keep rows whose cells equal (one of) the values."""
    table = toml_table(value, where, 'where = { Visit = "baseline" }')
    out = []
    for column, accepted in table.items():
        values = accepted if isinstance(accepted, list) else [accepted]
        if not values or not all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in values):
            raise SpecError(f'{where}: {column} = {accepted!r}; give a value or a list, e.g. {column} = "baseline".')
        out.append((str(column), tuple(where_cell(v) for v in values)))
    return tuple(out)


def where_cell(value: Any) -> str:
    """A where-value as the cell text it matches (3 matches '3' and '3.0' cells)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def group_labels(value: Any, where: str) -> tuple[tuple[str, str], ...]:
    """``[groups]``: (code in the data, display label) pairs, in display order; labels unique, not 'all'."""
    table = toml_table(value, f"{where} [groups]", '[groups] T = "Treated"')
    groups = []
    for code, label in table.items():
        if not isinstance(label, str) or not label.strip():
            raise SpecError(
                f"{where} [groups]: the label of group '{code}' must be text in quotes, e.g. {code} = \"Treated\"."
            )
        groups.append((str(code), label.strip()))
    labels = [label for _, label in groups]
    if "all" in labels:
        raise SpecError(f"{where} [groups]: 'all' names the pooled subset; give the group another label.")
    if len(set(labels)) < len(labels):
        twice = sorted({lb for lb in labels if labels.count(lb) > 1})[0]
        raise SpecError(f"{where} [groups]: two groups have the label '{twice}'; each group needs its own label.")
    return tuple(groups)


def toml_string(text: str) -> str:
    r"""A TOML basic string: quotes, backslashes and control characters (a newline in a header) escaped.

    Examples
    --------
    >>> print(toml_string('IL-6 "serum"\nrange = [0, 1]'))
    "IL-6 \"serum\"\u000arange = [0, 1]"
    """
    escaped = str(text).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\u{ord(m.group()):04x}", escaped) + '"'
