"""``biocorr report RESULTS_DIR``: draw report.html again from results.json (labels, primary method)."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from .. import datasets
from ..errors import BiocorrError, InputFileError
from .common import StudyInputs, load_inputs
from .output_dir import verify_file, write_manifest


def add_parser(sub) -> None:
    """Register ``biocorr report`` on the CLI's sub-parsers."""
    r = sub.add_parser(
        "report",
        help="draw report.html again from a results folder (new labels, another primary method; no recomputation)",
    )
    r.add_argument("results", help="a folder written by biocorr analyze (with results.json)")
    r.add_argument("--data", help="the data file analysed (default: the one results.json records)")
    r.add_argument("--sheet", help="XLSX sheet of --data (default: the one results.json records)")
    r.add_argument("--spec", help="a spec with new labels/units/primary (default: the analysis' spec)")
    r.add_argument("--example", choices=datasets.NAMES, help="the embedded dataset analysed")
    r.add_argument("--primary", help="the method the findings, figures and sentences report")
    r.add_argument("--png", action="store_true", help="also save every figure as PNG at 300 dpi")
    r.add_argument("--quiet", action="store_true")
    r.set_defaults(func=run)


def _inputs(args: argparse.Namespace, record: dict) -> StudyInputs:
    """The study to read again: what results.json recorded, with what the command line overrides."""
    stored = StudyInputs.from_record(record["input"].get("paths"))
    if args.example:
        return StudyInputs(example=args.example, spec=args.spec)
    if args.data:
        base = stored if stored is not None and stored.data else StudyInputs()
        return replace(base, example=None, data=args.data, spec=args.spec or base.spec, sheet=args.sheet or base.sheet)
    if stored is None:
        raise BiocorrError(
            "this results.json does not record its inputs (written by biocorr 0.2 or by the Python API): "
            "name the data and spec analysed (--data DATA --spec SPEC.toml) or --example NAME."
        )
    return replace(stored, spec=args.spec or stored.spec)


def run(args: argparse.Namespace) -> int:
    from ..report.html import write_report
    from ..report.rerender import results_from_record

    folder = Path(args.results)
    record_path = folder / "results.json"
    if not record_path.is_file():
        raise InputFileError(f"{folder}: no results.json here; give the folder biocorr analyze wrote.")
    try:
        record = json.loads(record_path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        record = None
    if not isinstance(record, dict) or not all(isinstance(record.get(k), dict) for k in ("input", "tables", "spec")):
        raise InputFileError(
            f"{record_path}: not a results.json written by biocorr analyze (unreadable or incomplete); "
            "run biocorr analyze again."
        ) from None
    verify_file(folder, "results.json")  # an edited record is refused, never re-certified
    study, qpcr = load_inputs(_inputs(args, record))
    try:
        results = results_from_record(record, study, args.primary)
    except (KeyError, TypeError, ValueError) as exc:
        raise InputFileError(
            f"{record_path}: incomplete record ({type(exc).__name__}: {exc}); run biocorr analyze again."
        ) from None
    command_line = record.get("command_line") if isinstance(record.get("command_line"), list) else None
    figures = folder / "figures"
    drawn = [p.name for p in figures.iterdir()] if figures.is_dir() else []
    per_pair = any(name.startswith("scatter_") for name in drawn)
    png = args.png or any(name.endswith(".png") for name in drawn)  # as the folder had them
    with tempfile.TemporaryDirectory(dir=folder) as tmp:  # drawn beside, then swapped in
        write_report(results, tmp, ["biocorr", *args.argv], per_pair=per_pair, png=png, qpcr=qpcr)
        if figures.is_symlink():
            figures.unlink()
        elif figures.exists():
            shutil.rmtree(figures)
        shutil.move(str(Path(tmp) / "figures"), figures)
        os.replace(Path(tmp) / "report.html", folder / "report.html")  # replaces a link, never follows it
    write_manifest(folder, "analyze", command_line)
    if not args.quiet:
        print(
            f"Wrote report.html and figures/ in {folder}/ (primary method {results.study.spec.analysis.primary_method})"
        )
    return 0
