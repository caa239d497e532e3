"""A report drawn again from ``results.json``: new labels or another primary method, no recomputation.

The tables come from the record as they were computed; the data file is read again only for the
figures and is checked against the record's sha256; the spec may change labels, units and the
primary method, never what was computed (variables, roles, methods, subsets, adjustment, CI
level, seed): those come from the record, and a spec that changes them is refused.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

import pandas as pd

from ..analysis import Results
from ..columns import (
    CORRELATIONS_SCHEMA,
    DESCRIPTIVES_SCHEMA,
    GROUP_COMPARISONS_SCHEMA,
    WARNINGS_SCHEMA,
    Column,
    build_records,
)
from ..data.study import Study
from ..errors import DataError, SpecError
from ..spec.model import AnalysisOptions

ANALYSIS_TUPLES = ("methods", "subsets", "robust")


def _table(schema: dict[str, Column], records: list[dict]) -> pd.DataFrame:
    """A stored table back in its schema, JSON's None/"Infinity" back to NaN/inf in number columns."""
    frame = build_records(schema, records)
    for name, col in schema.items():
        if col.kind == "float":
            frame[name] = pd.to_numeric(
                frame[name].replace({"Infinity": math.inf, "-Infinity": -math.inf}), errors="coerce"
            ).astype(float)
    return frame


def results_from_record(record: dict[str, Any], study: Study, primary: str | None = None) -> Results:
    """:class:`Results` from a ``results.json`` record and the study read again.

    Parameters
    ----------
    record : dict
        ``results.json`` as loaded.
    study : Study
        The same data file (sha256 checked), validated against a spec whose variables and roles
        are the record's; its labels and units are used.
    primary : str, optional
        The primary method of the report (default: the new spec's, else the record's).

    Returns
    -------
    Results

    Raises
    ------
    DataError
        The data file is not the one analysed.
    SpecError
        The spec changes what was computed, or names a primary method that was not computed.
    """
    if study.sha256 != record["input"]["sha256"]:
        raise DataError(
            f"{study.source} is not the file these results were computed from (its sha256 differs from "
            f"results.json's {record['input']['file']}); run biocorr analyze again."
        )
    stored = record["spec"]
    roles = [(v["column"], role) for role in ("biomarkers", "scores", "covariates") for v in stored[role]]
    now = [(v.column, v.role + "s") for v in study.spec.variables]
    if sorted(roles) != sorted(now):
        raise SpecError("the spec's variables or roles differ from the analysed ones; run biocorr analyze again.")
    kept: dict[str, Any] = {k: tuple(v) if k in ANALYSIS_TUPLES else v for k, v in stored["analysis"].items()}
    chosen = primary or study.spec.analysis.primary or kept.get("primary")
    if chosen is not None and chosen not in kept["methods"]:
        raise SpecError(f"primary '{chosen}' was not computed (methods: {', '.join(kept['methods'])}).")
    analysis = AnalysisOptions(**{**kept, "primary": chosen})
    study = replace(study, spec=replace(study.spec, analysis=analysis))
    label = {v.column: v.label for v in study.spec.variables}
    tables = record["tables"]
    correlations = _table(CORRELATIONS_SCHEMA, tables["correlations"])
    matrices = _table(CORRELATIONS_SCHEMA, tables.get("matrices", []))
    for frame in (correlations, matrices):
        frame["x_label"] = frame["x"].map(label).fillna(frame["x_label"])
        frame["y_label"] = frame["y"].map(label).fillna(frame["y_label"])
    descriptives = _table(DESCRIPTIVES_SCHEMA, tables["descriptives"])
    descriptives["label"] = descriptives["variable"].map(label).fillna(descriptives["label"])
    return Results(
        study=study,
        correlations=correlations,
        group_comparisons=_table(GROUP_COMPARISONS_SCHEMA, tables["group_comparisons"]),
        descriptives=descriptives,
        warnings=_table(WARNINGS_SCHEMA, record["warnings"]),
        matrices=matrices,
    )
