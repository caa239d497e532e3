"""Joining per-subject qPCR results onto the clinical table (every unmatched id reported)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd

from ..columns import WARNINGS_SCHEMA, build_records, finding
from ..data.read import read_table
from ..data.study import Study
from ..data.table import RawTable, cell_text
from ..data.validate import spec_columns, validate
from ..errors import SpecError
from ..spec import StudySpec, load_spec
from .expression import QpcrResult, run_qpcr
from .instruments import read_ct_export


def join_report(per_subject: pd.DataFrame, clinical_ids: list[str]) -> tuple[list[str], list[str]]:
    """Subjects only in the qPCR table, and subjects only in the clinical table."""
    q = set(per_subject["subject"].astype(str))
    c = set(map(str, clinical_ids))
    return sorted(q - c), sorted(c - q)


def merge_per_subject(
    raw: RawTable, per_subject: pd.DataFrame, id_column: str | None
) -> tuple[RawTable, list[str], list[str]]:
    """Add the per-subject qPCR columns to a clinical table, matching subject ids.

    Returns the merged table and the ids found only in the qPCR table and only in
    the clinical table (both are reported to the user, neither is dropped silently).
    """
    if id_column is None:
        raise SpecError('joining qPCR results needs [data] id = "..." in the spec (the subject id column).')
    frame = raw.frame.copy()
    ids = frame[id_column].map(cell_text)
    clash = [c for c in per_subject.columns if c != "subject" and c in frame.columns]
    if clash:
        raise SpecError(
            f"{raw.source}: column(s) {', '.join(clash)} exist in the clinical table and would be "
            "overwritten by the qPCR results; rename them."
        )
    ps = per_subject.set_index(per_subject["subject"].astype(str)).drop(columns="subject")
    for col in ps.columns:
        frame[col] = ids.map(ps[col]).astype(object).where(ids.isin(ps.index), "")
    only_qpcr, only_clinical = join_report(per_subject, list(ids))
    added = tuple(c for c in ps.columns if c not in raw.columns)
    return replace(raw, frame=frame, header=raw.columns + added), only_qpcr, only_clinical


def load_with_qpcr(
    data: str | Path, spec: str | Path | StudySpec, ct_table: str | Path, sheet: str | None = None
) -> tuple[Study, QpcrResult]:
    """Read a clinical table and a Ct export, turn the Ct values into per-subject expression ratios,
    join them by subject id and validate the joined table.

    Subjects present in only one of the two tables, and every qPCR note (undetermined wells,
    subjects without a ratio), become warnings of the returned study: nothing is dropped silently.
    Nothing is written; :func:`biocorr.qpcr.write_qpcr_outputs` writes the qPCR tables.

    Parameters
    ----------
    data : path
        Clinical per-subject table.
    spec : path or StudySpec
        Study spec with a ``[qpcr]`` section.
    ct_table : path
        Long Ct table (sample, subject, condition, gene, Ct) or an instrument export
        (:func:`biocorr.qpcr.instruments.read_ct_export`).
    sheet : str, optional
        XLSX sheet of the clinical table.

    Returns
    -------
    (Study, QpcrResult)

    Examples
    --------
    >>> from biocorr.datasets import example_path
    >>> folder = example_path("qpcr_demo")
    >>> study, qpcr = load_with_qpcr(folder / "clinical.csv", folder / "spec.toml", folder / "ct_export.csv")
    >>> len(study.data), len(qpcr.per_subject)
    (24, 24)
    """
    spec_obj = spec if isinstance(spec, StudySpec) else load_spec(spec)
    if spec_obj.qpcr is None:
        raise SpecError(
            "joining qPCR results needs a [qpcr] section in the spec (targets, references, "
            "calibrator_condition; see the README)."
        )
    wanted = [c for c, _ in spec_columns(spec_obj)]
    raw = read_table(data, sheet=sheet if sheet is not None else spec_obj.sheet, columns=wanted)
    result = run_qpcr(read_ct_export(ct_table), spec_obj.qpcr)
    merged, only_qpcr, only_clinical = merge_per_subject(raw, result.per_subject, spec_obj.id_column)
    study = validate(merged, spec_obj)
    extra = []
    if only_qpcr:
        extra.append(
            finding(
                code="qpcr-join",
                severity="warning",
                column="qPCR",
                subset="all",
                message=f"{len(only_qpcr)} subject(s) in the Ct table are not in the clinical "
                f"table and are not analysed: {', '.join(only_qpcr)}",
            )
        )
    if only_clinical:
        extra.append(
            finding(
                code="qpcr-join",
                severity="warning",
                column="qPCR",
                subset="all",
                message=f"{len(only_clinical)} subject(s) of the clinical table have no qPCR "
                f"data (their expression values are missing): {', '.join(only_clinical)}",
            )
        )
    for reason, gene, message in zip(result.notes["reason"], result.notes["gene"], result.notes["message"]):
        extra.append(
            finding(code=f"qpcr-{reason}", severity="warning", column=str(gene), subset="all", message=str(message))
        )
    if extra:
        warnings = pd.concat([study.warnings, build_records(WARNINGS_SCHEMA, extra)], ignore_index=True)
        study = replace(study, warnings=warnings)
    return study, result
