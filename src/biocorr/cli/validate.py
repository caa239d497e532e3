"""``biocorr validate``: exclusions and warnings of a data file against its spec, without analysing."""

from __future__ import annotations

from .common import EXIT_OK, StudyInputs, data_arguments, load_inputs, make_console, plain


def add_parser(sub) -> None:
    """Register the command on the CLI's sub-parsers."""
    v = sub.add_parser("validate", help="report exclusions and warnings without analysing")
    data_arguments(v)
    v.add_argument("--qpcr", help="Ct export to join first (as analyze --qpcr)")
    v.set_defaults(func=run)


def run(args) -> int:
    console = make_console()
    study, _ = load_inputs(StudyInputs.from_args(args))
    console.print(plain(f"{study.source}: {study.n_rows_read} rows read, {len(study.data)} usable."))
    if len(study.exclusions):
        console.print(plain(f"{len(study.exclusions)} exclusion(s):"), style="yellow")
        for message in study.exclusions["message"]:
            console.print(plain(f"  - {message}"))
    else:
        console.print("No exclusions.")
    for r in study.warnings.itertuples():
        console.print(plain(f"  {r.severity}: {r.message}"))
    return EXIT_OK
