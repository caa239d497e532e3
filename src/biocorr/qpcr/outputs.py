"""Writing the qPCR tables."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..io import write_csv
from .expression import QpcrResult


def write_qpcr_outputs(result: QpcrResult, out_dir: str | Path) -> dict[str, Path]:
    """Write relative_expression.csv, per_subject.csv, replicates.csv and qpcr_exclusions.csv."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    excl = pd.concat(
        [result.exclusions.assign(scope="well"), result.notes.assign(scope="sample/subject", replicate="", value="")],
        ignore_index=True,
    )[["scope", "sample", "subject", "gene", "replicate", "value", "reason", "message"]]
    files = {
        "relative_expression.csv": result.relative,
        "per_subject.csv": result.per_subject,
        "replicates.csv": result.replicates,
        "qpcr_exclusions.csv": excl,
    }
    paths = {}
    for name, frame in files.items():
        write_csv(frame, out / name)
        paths[name] = out / name
    return paths
