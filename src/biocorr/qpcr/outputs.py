"""Writing the qPCR tables."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from ..data.write import write_csv
from .expression import QpcrResult


def write_qpcr_outputs(result: QpcrResult, out_dir: str | Path) -> dict[str, Path]:
    """Write relative_expression.csv, per_subject.csv, replicates.csv and qpcr_exclusions.csv.

    For an instrument export also instrument_check.csv (biocorr's values beside the
    instrument's) and instrument.json (the export's format and header metadata).
    """
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
    if result.instrument:
        files["instrument_check.csv"] = result.instrument_check
    paths = {}
    for name, frame in files.items():
        write_csv(frame, out / name)
        paths[name] = out / name
    if result.instrument:
        meta = {"metadata": result.instrument, "check": result.instrument_summary}
        (out / "instrument.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        paths["instrument.json"] = out / "instrument.json"
    return paths


def summary_lines(result: QpcrResult, sd_max: float, per_reason: int = 3) -> list[str]:
    """What ``biocorr qpcr`` tells the terminal: counts, then notes grouped by reason (the first few).

    Examples
    --------
    >>> from biocorr.data.read import read_text_table
    >>> from biocorr.qpcr import parse_qpcr_spec, run_qpcr
    >>> raw = read_text_table("sample,gene,ct\\na,TNF,30\\na,GAPDH,20\\nb,TNF,Undetermined\\nb,GAPDH,20\\n")
    >>> spec = parse_qpcr_spec({"targets": ["TNF"], "references": ["GAPDH"], "calibrator_sample": "a"})
    >>> for line in summary_lines(run_qpcr(raw, spec), 0.5)[:2]:
    ...     print(line)
    2 samples, 2 subjects, 1 well(s) excluded, 0 replicate set(s) with SD > 0.5 cycles
    1 note(s) 'not-quantified':
    """
    r = result.replicates
    lines = [f"{result.instrument['format']} export; {result.instrument_summary}"] if result.instrument else []
    lines.append(
        f"{r['sample'].nunique()} samples, {r['subject'].nunique()} subjects, {len(result.exclusions)} well(s) "
        f"excluded, {int(r['sd_flag'].sum())} replicate set(s) with SD > {sd_max:g} cycles"
    )
    for reason, notes in result.notes.groupby("reason", sort=False):
        lines.append(f"{len(notes)} note(s) '{reason}':")
        lines += [f"  {message}" for message in notes["message"].head(per_reason)]
        if len(notes) > per_reason:
            lines.append(f"  ... {len(notes) - per_reason} more in qpcr_exclusions.csv")
    return lines
