"""The ``[qpcr]`` section of a study spec, parsed once into a typed :class:`QpcrSpec`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import BiocorrError, SpecError, did_you_mean

QPCR_KEYS = (
    "sample",
    "subject",
    "condition",
    "gene",
    "ct",
    "replicate",
    "plate",
    "group",
    "targets",
    "references",
    "efficiency",
    "calibrator_condition",
    "calibrator_group",
    "undetermined_above",
    "replicate_sd_max",
)


class QpcrError(BiocorrError):
    """A Ct table that cannot be analysed as it is (the message names sample and gene)."""


@dataclass(frozen=True)
class QpcrSpec:
    """The ``[qpcr]`` section of a study spec (see the module docstring)."""

    targets: tuple[str, ...]
    references: tuple[str, ...]
    calibrator_condition: str | None = None
    sample: str = "sample"
    subject: str = "subject"
    condition: str = "condition"
    gene: str = "gene"
    ct: str = "ct"
    replicate: str | None = None
    plate: str | None = None
    group: str | None = None
    calibrator_group: str | None = None
    efficiency: dict[str, float] = field(default_factory=dict)
    undetermined_above: float = 40.0
    replicate_sd_max: float = 0.5

    def e(self, gene: str) -> float:
        """Amplification factor per cycle of a gene (2 = 100% efficiency)."""
        return float(self.efficiency.get(gene, 2.0))


def parse_qpcr_spec(table: dict[str, Any], where: str = "[qpcr]") -> QpcrSpec:
    """Validate a ``[qpcr]`` table.

    Examples
    --------
    >>> s = parse_qpcr_spec({"targets": ["TNF"], "references": ["GAPDH", "ACTB"],
    ...                      "calibrator_condition": "vehicle", "efficiency": {"TNF": 1.95}})
    >>> s.e("TNF"), s.e("ACTB")
    (1.95, 2.0)
    """
    for k in table:
        if k not in QPCR_KEYS:
            raise SpecError(f"{where}: unknown key '{k}'.{did_you_mean(k, QPCR_KEYS)}")
    for k in ("targets", "references"):
        if k not in table:
            raise SpecError(
                f"{where}: '{k}' is required (e.g. targets = [\"TNF\"], "
                'references = ["GAPDH"], calibrator_condition = "vehicle").'
            )
    if "calibrator_condition" not in table and "calibrator_group" not in table:
        raise SpecError(
            f'{where}: give calibrator_condition (within-subject ratio, e.g. "vehicle") '
            'and/or calibrator_group (between-group ΔΔCt, e.g. "control").'
        )
    targets = table["targets"] if isinstance(table["targets"], list) else [table["targets"]]
    refs = table["references"] if isinstance(table["references"], list) else [table["references"]]
    if not refs:
        raise SpecError(f"{where}: name at least one reference gene.")
    eff = {str(k): float(v) for k, v in dict(table.get("efficiency", {})).items()}
    for g, v in eff.items():
        if not 1.0 < v <= 2.2:
            raise SpecError(
                f"{where}: efficiency of '{g}' is {v:g}; give the amplification factor per "
                "cycle, between 1 and 2.2 (2 = 100%; 1.95 = 95%)."
            )
    opt = {
        k: table[k]
        for k in ("sample", "subject", "condition", "gene", "ct", "replicate", "plate", "group", "calibrator_group")
        if k in table
    }
    return QpcrSpec(
        targets=tuple(map(str, targets)),
        references=tuple(map(str, refs)),
        calibrator_condition=(str(table["calibrator_condition"]) if "calibrator_condition" in table else None),
        efficiency=eff,
        undetermined_above=float(table.get("undetermined_above", 40.0)),
        replicate_sd_max=float(table.get("replicate_sd_max", 0.5)),
        **opt,
    )
