"""Writing the result tables (CSV) and the machine-readable record (results.json)."""

from __future__ import annotations

import json
import math
import platform
import sys
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import pandas as pd

from ..analysis import Results
from ..data.write import write_csv
from .word import write_word_tables
from .workbook import write_workbook

DEPENDENCIES = ("numpy", "scipy", "pandas", "matplotlib", "openpyxl", "python-docx", "rich")


def versions() -> dict[str, str]:
    """Versions of Python, biocorr and its dependencies.

    Examples
    --------
    >>> "scipy" in versions()
    True
    """
    out = {"python": platform.python_version(), "biocorr": _version("biocorr")}
    out.update({name: _version(name) for name in DEPENDENCIES})
    return out


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def _records(frame: pd.DataFrame) -> list[dict]:
    def clean(v):
        if isinstance(v, float) and (math.isnan(v) or math.isinf(v)):
            return None if math.isnan(v) else ("Infinity" if v > 0 else "-Infinity")
        if hasattr(v, "item"):
            return clean(v.item())
        return v

    return [{k: clean(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]


def results_record(
    results: Results, command_line: list[str] | None = None, inputs: dict[str, str | None] | None = None
) -> dict:
    """Everything needed to audit or reproduce an analysis, as a JSON-ready dict.

    Keys: ``tables`` (every table as records), ``warnings``, ``input`` (file,
    sha256, rows read/used, and ``paths``: the resolved inputs ``example``, ``data``, ``spec``,
    ``sheet``, ``qpcr`` when the caller gives them, so ``biocorr report`` reads the study again
    exactly as ``analyze`` did), ``spec``, ``seed``, ``versions``, ``command_line``, ``created``.
    """
    study = results.study
    return {
        "biocorr_version": _version("biocorr"),
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "command_line": command_line if command_line is not None else sys.argv,
        "input": {
            "file": study.source,
            "sha256": study.sha256,
            "rows_read": study.n_rows_read,
            "rows_used": len(study.data),
            "exclusions": len(study.exclusions),
            **({"paths": inputs} if inputs is not None else {}),
        },
        "spec": study.spec.to_dict(),
        "seed": study.spec.analysis.seed,
        "versions": versions(),
        "warnings": _records(results.warnings),
        "tables": {
            "correlations": _records(results.correlations),
            "group_comparisons": _records(results.group_comparisons),
            "descriptives": _records(results.descriptives),
            "exclusions": _records(results.exclusions),
            "matrices": _records(results.matrices),
        },
    }


def write_tables(
    results: Results,
    out_dir: str | Path,
    command_line: list[str] | None = None,
    inputs: dict[str, str | None] | None = None,
) -> dict[str, Path]:
    """Write correlations.csv, group_comparisons.csv, descriptives.csv, exclusions.csv,
    warnings.csv, matrices.csv, results.xlsx (every table and the column dictionary, one sheet
    each), tables.docx (the APA tables of a manuscript) and results.json into ``out_dir``
    (created if needed).

    Floats are written in their shortest round-trip form, so reading a CSV back
    gives exactly the computed values.

    Returns
    -------
    dict of file name to path
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tables = {
        "correlations.csv": results.correlations,
        "group_comparisons.csv": results.group_comparisons,
        "descriptives.csv": results.descriptives,
        "exclusions.csv": results.exclusions,
        "warnings.csv": results.warnings,
        "matrices.csv": results.matrices,
        "correlation_differences.csv": results.differences,
    }
    paths = {}
    for name, frame in tables.items():
        path = out / name
        write_csv(frame, path)
        paths[name] = path
    paths["results.xlsx"] = write_workbook(results, out / "results.xlsx")
    paths["tables.docx"] = write_word_tables(results, out / "tables.docx")
    path = out / "results.json"
    path.write_text(
        json.dumps(results_record(results, command_line, inputs), indent=2, ensure_ascii=False), encoding="utf-8"
    )
    paths["results.json"] = path
    return paths
