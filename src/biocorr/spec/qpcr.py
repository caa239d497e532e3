"""The ``[qpcr]`` section of a study spec, parsed once into a typed :class:`QpcrSpec`."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from ..errors import BiocorrError, SpecError, did_you_mean

TEXT_KEYS = (  # keys whose value is a name in quotes (column names, the calibrators)
    "sample", "subject", "condition", "gene", "ct", "replicate", "plate", "group", "calibrator_group",
    "calibrator_condition", "calibrator_sample", "replicate_summary",
)  # fmt: skip
QPCR_KEYS = (*TEXT_KEYS, "targets", "references", "efficiency", "undetermined_above", "replicate_sd_max")


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
    calibrator_sample: str | None = None
    all_targets: bool = False
    replicate_summary: str = "mean"
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
    if not isinstance(table, dict):
        raise SpecError(f"{where}: expected a table [qpcr] with targets, references and calibrator_condition.")
    for k in table:
        if k not in QPCR_KEYS:
            raise SpecError(f"{where}: unknown key '{k}'.{did_you_mean(k, QPCR_KEYS)}")
    for k in ("targets", "references"):
        if k not in table:
            raise SpecError(
                f"{where}: '{k}' is required (e.g. targets = [\"TNF\"], "
                'references = ["GAPDH"], calibrator_condition = "vehicle").'
            )
    if not {"calibrator_condition", "calibrator_group", "calibrator_sample"} & set(table):
        raise SpecError(
            f'{where}: give calibrator_condition (within-subject ratio, e.g. "vehicle"), '
            'calibrator_group (between-group ΔΔCt, e.g. "control") and/or calibrator_sample '
            '(every sample against one sample, as instrument software does, e.g. "ctrl 1").'
        )
    all_targets = isinstance(table["targets"], str) and table["targets"].strip().lower() == "all"
    targets = () if all_targets else _names(table["targets"], f"{where} targets")
    refs = _names(table["references"], f"{where} references")
    if not targets and not all_targets:
        raise SpecError(f'{where}: name at least one target gene (or targets = "all": every gene not a reference).')
    if not refs:
        raise SpecError(f"{where}: name at least one reference gene.")
    both = sorted(set(targets) & set(refs))
    if both:
        raise SpecError(f"{where}: '{both[0]}' is named as a target and as a reference; a gene is one or the other.")
    efficiency = table.get("efficiency", {})
    if not isinstance(efficiency, dict):
        raise SpecError(f"{where} efficiency: expected a table such as efficiency = {{ TNF = 1.95, GAPDH = 1.9 }}.")
    eff = {}
    genes = targets + refs
    for g, v in efficiency.items():
        if str(g) not in genes and not all_targets:
            raise SpecError(
                f"{where} efficiency: '{g}' is neither a target nor a reference gene.{did_you_mean(str(g), genes)} "
                f"Genes: {', '.join(genes)}."
            )
        eff[str(g)] = _number(v, f"{where} efficiency of '{g}'")
        if not 1.0 < eff[str(g)] <= 2.2:
            raise SpecError(
                f"{where}: efficiency of '{g}' is {eff[str(g)]:g}; give the amplification factor per "
                "cycle, between 1 and 2.2 (2 = 100%; 1.95 = 95%)."
            )
    for k in TEXT_KEYS:
        if k in table and (not isinstance(table[k], str) or not table[k].strip()):
            raise SpecError(f'{where} {k}: expected a name in quotes, e.g. {k} = "..." , got {table[k]!r}.')
    undetermined_above = _number(table.get("undetermined_above", 40.0), f"{where} undetermined_above")
    if not 0 < undetermined_above <= 60:
        raise SpecError(f"{where} undetermined_above: {undetermined_above:g} is not a cycle number (e.g. 40).")
    sd_max = _number(table.get("replicate_sd_max", 0.5), f"{where} replicate_sd_max")
    if sd_max <= 0:
        raise SpecError(f"{where} replicate_sd_max: must be above 0 cycles (e.g. 0.5).")
    if table.get("replicate_summary", "mean") not in ("mean", "median"):
        raise SpecError(f'{where} replicate_summary: "mean" or "median", got {table["replicate_summary"]!r}.')
    opt = {k: table[k] for k in TEXT_KEYS if k in table and k != "calibrator_condition"}
    return QpcrSpec(
        targets=targets,
        references=refs,
        calibrator_condition=(str(table["calibrator_condition"]) if "calibrator_condition" in table else None),
        efficiency=eff,
        undetermined_above=undetermined_above,
        replicate_sd_max=sd_max,
        all_targets=all_targets,
        **opt,
    )


def _names(value: Any, where: str) -> tuple[str, ...]:
    values = value if isinstance(value, list) else [value]
    if not all(isinstance(v, str) and v.strip() for v in values):
        raise SpecError(f'{where}: expected gene names in quotes, e.g. ["TNF", "IL6"], got {value!r}.')
    if len(set(values)) < len(values):
        raise SpecError(f"{where}: a gene is listed twice.")
    return tuple(values)


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise SpecError(f"{where}: expected a number, got {value!r}.")
    return float(value)
