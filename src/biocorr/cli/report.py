"""``biocorr report RESULTS_DIR``: draw report.html again from results.json (labels, primary method)."""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from pathlib import Path

from .. import datasets
from ..errors import BiocorrError, InputFileError
from .output_dir import write_manifest


def add_report_parser(sub) -> None:
    """Register ``biocorr report`` on the CLI's sub-parsers."""
    r = sub.add_parser(
        "report",
        help="draw report.html again from a results folder (new labels, another primary method; no recomputation)",
    )
    r.add_argument("results", help="a folder written by biocorr analyze (with results.json)")
    r.add_argument("--data", help="the data file analysed (default: from the analysis' command line)")
    r.add_argument("--spec", help="a spec with new labels/units/primary (default: the analysis' spec)")
    r.add_argument("--example", choices=datasets.NAMES, help="the embedded dataset analysed")
    r.add_argument("--primary", help="the method the findings, figures and sentences report")
    r.add_argument("--png", action="store_true", help="also save every figure as PNG at 300 dpi")
    r.add_argument("--quiet", action="store_true")
    r.set_defaults(func=cmd_report)


def _from_command_line(command: list[str]) -> tuple[str | None, str | None, str | None]:
    """(example, data, spec) of a stored ``biocorr analyze`` command line."""
    example = data = spec = None
    args = command[2:] if len(command) > 1 and command[1] == "analyze" else []
    i = 0
    while i < len(args):
        a = args[i]
        if a in ("--example", "--spec") and i + 1 < len(args):
            example, spec = (args[i + 1], spec) if a == "--example" else (example, args[i + 1])
            i += 2
            continue
        if not a.startswith("-") and data is None and (i == 0 or not args[i - 1].startswith("--")):
            data = a
        i += 1
    return example, data, spec


def cmd_report(args: argparse.Namespace) -> int:
    from ..data.validate import load_study
    from ..report.html import write_report
    from ..report.rerender import results_from_record
    from ..spec import load_spec

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
    example, data, spec = args.example, args.data, args.spec
    if not (example or data):
        example, data, stored_spec = _from_command_line(record.get("command_line", []))
        spec = spec or stored_spec
    if example:
        study = load_study(datasets.data_path(example), load_spec(spec)) if spec else datasets.load(example)
    elif data and spec:
        study = load_study(data, load_spec(spec))
    else:
        raise BiocorrError("name the data and spec analysed (--data DATA --spec SPEC.toml) or --example NAME.")
    results = results_from_record(record, study, args.primary)
    command_line = ["biocorr", *args.argv]
    figures = folder / "figures"
    drawn = [p.name for p in figures.iterdir()] if figures.is_dir() else []
    per_pair = any(name.startswith("scatter_") for name in drawn)
    png = args.png or any(name.endswith(".png") for name in drawn)  # as the folder had them
    with tempfile.TemporaryDirectory(dir=folder) as tmp:  # drawn beside, then swapped in
        write_report(results, tmp, command_line, per_pair=per_pair, png=png)
        if (folder / "figures").exists():
            shutil.rmtree(folder / "figures")
        shutil.move(str(Path(tmp) / "figures"), folder / "figures")
        shutil.move(str(Path(tmp) / "report.html"), folder / "report.html")
    write_manifest(folder, "analyze", record.get("command_line"))
    if not args.quiet:
        print(
            f"Wrote report.html and figures/ in {folder}/ (primary method {results.study.spec.analysis.primary_method})"
        )
    return 0
