"""``biocorr qpcr``: a Ct export to relative expression and per-subject ratios."""

from __future__ import annotations

from pathlib import Path

from ..errors import BiocorrError
from .common import EXIT_OK, make_console, plain
from .output_dir import atomic_output


def add_parser(sub) -> None:
    """Register the command on the CLI's sub-parsers."""
    q = sub.add_parser("qpcr", help="Ct export -> relative expression and per-subject ratios")
    q.add_argument(
        "ct_table", help="long Ct table (.csv/.tsv/.xlsx) or an instrument export (SDS, QuantStudio, CFX, LightCycler)"
    )
    q.add_argument("--spec", required=True, help="spec with a [qpcr] section")
    q.add_argument("--sheet", help="XLSX sheet name")
    q.add_argument("--plate-plan", help="CSV naming each well (well, sample, gene, ...): LightCycler exports need one")
    q.add_argument("--standard-curve", help="dilution series (gene, quantity, ct) to estimate efficiencies")
    q.add_argument("--out", default="biocorr-qpcr", help="output folder (default: %(default)s)")
    q.add_argument("--quiet", action="store_true")
    q.add_argument("--overwrite", action="store_true", help="replace an --out folder biocorr did not write")
    q.set_defaults(func=run)


def run(args) -> int:

    from ..data.write import write_csv
    from ..qpcr import read_standard_curve, run_qpcr, standard_curve, write_qpcr_outputs
    from ..qpcr.instruments import read_ct_export
    from ..qpcr.outputs import summary_lines
    from ..spec import load_spec

    spec = load_spec(args.spec, require_variables=False)
    if spec.qpcr is None:
        raise BiocorrError(f"{Path(args.spec).name} has no [qpcr] section (targets, references, calibrator_condition).")
    result = run_qpcr(read_ct_export(args.ct_table, sheet=args.sheet, plate_plan=args.plate_plan), spec.qpcr)
    efficiency = None
    notes: list[str] = []
    if args.standard_curve:
        curve, notes = read_standard_curve(args.standard_curve)
        efficiency = standard_curve(curve)
    inputs = (args.ct_table, args.spec, args.standard_curve, args.plate_plan)
    with atomic_output(Path(args.out), "qpcr", args.overwrite, ["biocorr", *args.argv], protect=inputs) as tmp:
        paths = write_qpcr_outputs(result, tmp)
        if efficiency is not None:
            write_csv(efficiency, tmp / "efficiency.csv")
            paths["efficiency.csv"] = tmp / "efficiency.csv"
    if not args.quiet:
        console = make_console()
        for note in notes:
            console.print(plain(f"note: {note}"))
        if efficiency is not None:
            for r in efficiency[efficiency["note"] != ""].itertuples():
                console.print(plain(f"note: standard curve of '{r.gene}': {r.note}"))
        for line in summary_lines(result, spec.qpcr.replicate_sd_max):
            console.print(plain(line))
        console.print(plain(f"Wrote {', '.join(paths)} to {Path(args.out)}/"))
    return EXIT_OK
