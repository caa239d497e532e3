"""One ``[[biomarker]]`` / ``[[score]]`` / ``[[covariate]]`` entry of a spec: :class:`Variable`.

:func:`parse_variable` checks an entry (column, label, unit, range, lower limit, categorical,
transform, and a derivation from other columns, :mod:`biocorr.spec.derived`) and returns the
frozen :class:`Variable`, or raises :class:`~biocorr.errors.SpecError` naming the key.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import SpecError, did_you_mean
from .derived import DERIVATIONS, parse_derivation, parse_times
from .toml_checks import check_keys, finite_number

VARIABLE_KEYS = (
    "column", "label", "unit", "range", "lower_limit", "categorical", "transform", *DERIVATIONS, "times",
)  # fmt: skip
TRANSFORMS = ("log", "log2", "log10", "log1p")


@dataclass(frozen=True)
class Variable:
    """One analysed column.

    Attributes
    ----------
    column : str
        Column name in the data file.
    role : {'biomarker', 'score', 'covariate'}
    label : str
        Name to show in tables and figures (defaults to ``column``).
    unit : str
    range : tuple of float, optional
        Declared valid range [low, high]; values outside are excluded and reported.
    lower_limit : float, optional
        Assay lower limit of detection/quantification (biomarkers).
    derived : (kind, source columns), optional
        A variable computed from other columns (:mod:`biocorr.spec.derived`).
    times : tuple of float
        The sources' time points, for an area under the curve (``auc``).
    """

    column: str
    role: str
    label: str
    unit: str = ""
    range: tuple[float, float] | None = None
    lower_limit: float | None = None
    categorical: bool = False
    transform: str | None = None
    derived: tuple[str, tuple[str, ...]] | None = None
    times: tuple[float, ...] = ()

    @property
    def display(self) -> str:
        """Label with unit (and transform), e.g. ``CD4 count (cells/µL)``, ``IL-6 (log pg/mL)``."""
        unit = " ".join(x for x in (self.transform, self.unit) if x)
        return f"{self.label} ({unit})" if unit else self.label


def parse_variable(entry: Any, role: str, index: int) -> Variable:
    """Check one variable entry of the spec (the ``index``-th of its ``role``).

    Examples
    --------
    >>> parse_variable({"column": "AUC_IL6", "auc": ["IL6_0", "IL6_2"], "times": [0, 2]}, "biomarker", 0).times
    (0.0, 2.0)
    """
    where = f"[[{role}]] entry {index + 1}"
    if not isinstance(entry, dict):
        raise SpecError(f"{where}: expected a table with at least 'column = \"...\"'.")
    check_keys(entry, VARIABLE_KEYS, where)
    if "column" not in entry or not isinstance(entry["column"], str) or not entry["column"].strip():
        raise SpecError(f"{where}: 'column' is required and must be a column name in quotes.")
    column = entry["column"].strip()  # headers are read stripped: 'VAS ' means the column 'VAS'
    rng = entry.get("range")
    if rng is not None:
        if not isinstance(rng, list) or len(rng) != 2:
            raise SpecError(f"{where} ('{column}'): range must be two numbers, e.g. range = [0, 100].")
        lo, hi = (finite_number(v, f"{where} ('{column}') range") for v in rng)
        if lo >= hi:
            raise SpecError(f"{where} ('{column}'): range [{lo:g}, {hi:g}] is empty; write the lower bound first.")
        rng = (lo, hi)
    if "label" in entry and not isinstance(entry["label"], str):
        raise SpecError(f"{where} ('{column}'): label must be text in quotes.")
    if "unit" in entry and not isinstance(entry["unit"], str):
        raise SpecError(f"{where} ('{column}'): unit must be text in quotes, e.g. unit = \"pg/mL\".")
    lower_limit = entry.get("lower_limit")
    if lower_limit is not None:
        lower_limit = finite_number(lower_limit, f"{where} ('{column}') lower_limit")
    categorical = entry.get("categorical", False)
    if not isinstance(categorical, bool):
        raise SpecError(f"{where} ('{column}'): categorical must be true or false.")
    if categorical and role != "covariate":
        raise SpecError(f"{where} ('{column}'): only covariates can be categorical.")
    transform = entry.get("transform")
    if transform is not None and transform not in TRANSFORMS:
        raise SpecError(
            f"{where} ('{column}'): transform must be one of {', '.join(TRANSFORMS)}, got {transform!r}."
            + did_you_mean(str(transform), TRANSFORMS)
        )
    if transform is not None and categorical:
        raise SpecError(f"{where} ('{column}'): a categorical covariate cannot be transformed.")
    return Variable(
        column=column,
        role=role,
        label=str(entry.get("label", column)),
        unit=str(entry.get("unit", "")),
        range=rng,
        lower_limit=lower_limit,
        categorical=categorical,
        transform=transform,
        derived=(derived := parse_derivation(entry, f"{where} ('{column}')")),
        times=parse_times(entry, derived, f"{where} ('{column}')"),
    )
