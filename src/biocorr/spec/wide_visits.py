"""``[data] wide_visits``: a wide file with one column per visit (``IL6_1 … IL6_4``) read as long data.

Declared variables are named without their visit (``IL6``); ``name`` says how the file writes
a variable at a visit (default ``"{column}_{visit}"``; ``"{column}_w{visit}"`` for ``pain_w0``,
``"{column}{visit}"`` for ``Time1``). Each subject's row becomes one row per visit, with the
``[data] visit`` column holding the visit, so per-visit correlations and the repeated-measures
correlation run on the file as it is (see :func:`biocorr.data.lengthen.lengthen`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import SpecError
from .toml_checks import check_keys

WIDE_KEYS = ("visits", "name")


@dataclass(frozen=True)
class WideVisitsSpec:
    """The visits, in order, and the template of a variable's column at a visit."""

    visits: tuple[str, ...]
    name: str = "{column}_{visit}"

    def column_at(self, column: str, visit: str) -> str:
        """The file's column of ``column`` at ``visit``.

        Examples
        --------
        >>> WideVisitsSpec(("0", "4"), "{column}_w{visit}").column_at("pain", "4")
        'pain_w4'
        """
        return self.name.replace("{column}", column).replace("{visit}", visit)


def parse_wide_visits(value: Any, where: str) -> WideVisitsSpec:
    """``wide_visits = ["1", "2"]`` or ``{ visits = ["0", "4"], name = "{column}_w{visit}" }``.

    Examples
    --------
    >>> parse_wide_visits([1, 2, 3], "[data] wide_visits").visits
    ('1', '2', '3')
    """
    if isinstance(value, list):
        value = {"visits": value}
    if not isinstance(value, dict):
        raise SpecError(
            f'{where}: expected the visits, e.g. wide_visits = ["1", "2", "3"], or a table with visits and name.'
        )
    check_keys(value, WIDE_KEYS, where)
    visits = value.get("visits")
    if not isinstance(visits, list) or len(visits) < 2 or any(isinstance(v, bool) for v in visits):
        raise SpecError(f'{where} visits: expected two or more visits, e.g. visits = ["1", "2", "3"], got {visits!r}.')
    texts = tuple(str(v).strip() for v in visits)
    if len(set(texts)) != len(texts) or not all(texts):
        raise SpecError(f"{where} visits: each visit once and not empty, got {visits!r}.")
    name = value.get("name", "{column}_{visit}")
    if not isinstance(name, str) or "{column}" not in name or "{visit}" not in name:
        raise SpecError(
            f'{where} name: a template with {{column}} and {{visit}}, e.g. "{{column}}_{{visit}}", got {name!r}.'
        )
    return WideVisitsSpec(texts, name)
