"""Command-line interface: ``biocorr analyze | validate | check | qpcr | screen | report | init-spec | example``.

Parse, print, write: every computation is a call into the Python API. Problems with the
input print one plain-text message and exit with status 2; no traceback is shown for
them. Heavy libraries are imported inside the commands, so ``biocorr --help`` and
``--version`` answer at once.
"""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path
from typing import Any

from .. import datasets
from ..errors import BiocorrError
from .output_dir import atomic_output
from .report import add_report_parser
from .screen import add_screen_parser

EXIT_OK, EXIT_INCONSISTENT, EXIT_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130
PER_PAIR_SCATTER_LIMIT = 30


def _console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, width=None if sys.stdout.isatty() else 120, highlight=False)


def _error(message: str) -> None:
    """A message to stderr exactly as written: no markup, no wrapping (tests and scripts read it)."""
    print(message, file=sys.stderr, flush=True)


def _plain(text: object):
    from rich.text import Text

    return Text(str(text))


def _load(args) -> tuple[Any, Any]:
    """(Study, QpcrResult or None) from --example, or DATA --spec [--qpcr]."""
    from ..data.validate import load_study
    from ..spec import load_spec

    if args.example:
        if args.data or args.spec:
            raise BiocorrError("give either --example NAME or DATA --spec SPEC.toml, not both.")
        ct = datasets.ct_path(args.example)
        if ct is not None:
            from ..qpcr.join import load_with_qpcr

            return load_with_qpcr(datasets.data_path(args.example), datasets.spec_path(args.example), ct)
        return datasets.load(args.example), None
    if not args.data:
        raise BiocorrError("name a data file (DATA --spec SPEC.toml) or an example (--example hivsn).")
    if not args.spec:
        raise BiocorrError(
            f"--spec SPEC.toml is required with a data file; "
            f"'biocorr init-spec {args.data}' prints a draft to start from."
        )
    if getattr(args, "qpcr", None):
        from ..qpcr.join import load_with_qpcr

        return load_with_qpcr(args.data, args.spec, args.qpcr, sheet=args.sheet)
    spec = load_spec(args.spec)
    return load_study(args.data, spec, args.sheet), None


def _options(args) -> dict[str, Any]:
    """The analysis options given on the command line (None: the spec's)."""
    methods = None
    if getattr(args, "methods", None):
        methods = [m.strip() for m in args.methods.split(",") if m.strip()]
    return dict(
        methods=methods,
        adjust=getattr(args, "adjust", None),
        seed=getattr(args, "seed", None),
        permutations=getattr(args, "permutations", None),
        confidence=getattr(args, "confidence", None),
        bootstrap=getattr(args, "bootstrap", None),
        alternative=getattr(args, "alternative", None),
    )


def cmd_analyze(args) -> int:
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn
    from threadpoolctl import threadpool_limits

    from ..analysis import add_bootstrap, analysis_work, analyze
    from ..report.figure_job import FigureJob, n_report_figures
    from ..report.html import write_report
    from ..report.tables import write_tables
    from ..report.terminal import print_summary

    console = _console()
    study, qpcr = _load(args)
    study = study.with_options(**_options(args))
    n_perm = study.spec.analysis.permutations
    n_boot = study.spec.analysis.bootstrap
    out = Path(args.out)
    command_line = ["biocorr", *args.argv]
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=args.quiet,
    )
    with bar:
        advance = None
        if n_perm > 0 or n_boot > 0:
            label = " and ".join(w for w, k in (("permutations", n_perm), ("bootstrap", n_boot)) if k > 0)
            task = bar.add_task(label, total=analysis_work(study, n_perm, n_boot))
            advance = lambda k: bar.advance(task, k)
        results = analyze(study, progress=advance, bootstrap=0)
        inputs = (args.data, args.spec, getattr(args, "qpcr", None))
        with atomic_output(out, "analyze", args.overwrite, command_line, protect=inputs) as tmp:
            job = None
            if not args.no_report:
                n_pairs = len(study.spec.biomarkers) * len(study.spec.scores)
                per_pair = args.scatter_files == "yes" or (
                    args.scatter_files == "auto" and n_pairs <= PER_PAIR_SCATTER_LIMIT
                )
                fig_task = bar.add_task("figures", total=n_report_figures(results, per_pair))
                # the figures do not show bootstrap intervals: draw them while the resampling runs
                job = FigureJob(
                    results, tmp / "figures", per_pair, progress=lambda k: bar.advance(fig_task, k), png=args.png
                )
            try:
                if n_boot > 0:
                    # with figure processes on every core, a second BLAS thread only spins against them
                    with threadpool_limits(1 if job is not None else None, user_api="blas"):
                        results = add_bootstrap(results, n_boot, advance)
                paths = write_tables(results, tmp, command_line=command_line)
                if qpcr is not None:
                    from ..qpcr import write_qpcr_outputs

                    write_qpcr_outputs(qpcr, tmp / "qpcr")
                if job is not None:
                    paths["report.html"] = write_report(results, tmp, command_line, figures=job, qpcr=qpcr)
            finally:
                if job is not None:
                    job.close()
    if not args.quiet:
        hints = {}
        robust_rows = results.correlations["method"].isin(study.spec.analysis.robust)
        if robust_rows.any() and n_boot == 0:
            hints["bootstrap"] = (
                "Robust rows have no analytic CI: add --bootstrap 2000 for BCa intervals (notes say 'bootstrap=N')."
            )
        print_summary(results, console, hints=hints)
        console.print(
            _plain(
                f"Wrote {', '.join(p.name for p in paths.values())}"
                + ("" if args.no_report else " and figures/")
                + f" to {out}/"
            )
        )
    return EXIT_OK


def cmd_validate(args) -> int:
    console = _console()
    study, _ = _load(args)
    console.print(_plain(f"{study.source}: {study.n_rows_read} rows read, {len(study.data)} usable."))
    if len(study.exclusions):
        console.print(_plain(f"{len(study.exclusions)} exclusion(s):"), style="yellow")
        for message in study.exclusions["message"]:
            console.print(_plain(f"  - {message}"))
    else:
        console.print("No exclusions.")
    for r in study.warnings.itertuples():
        console.print(_plain(f"  {r.severity}: {r.message}"))
    return EXIT_OK


def cmd_init_spec(args) -> int:
    from ..data.read import read_table
    from ..draft.study import draft_spec

    qpcr = None
    if args.qpcr:
        from ..draft.qpcr import draft_qpcr
        from ..qpcr.instruments import read_ct_export

        qpcr = draft_qpcr(read_ct_export(args.qpcr))
    sys.stdout.write(draft_spec(read_table(args.data, sheet=args.sheet), qpcr))
    return EXIT_OK


def cmd_example(args) -> int:
    written = datasets.copy_example(args.name, args.to)
    if not args.quiet:
        _console().print(_plain(f"Wrote {', '.join(p.name for p in written)} to {Path(args.to)}/"))
    return EXIT_OK


def cmd_qpcr(args) -> int:
    import pandas as pd

    from ..data.read import read_table
    from ..data.write import write_csv
    from ..qpcr import run_qpcr, standard_curve, write_qpcr_outputs
    from ..qpcr.instruments import read_ct_export
    from ..qpcr.outputs import summary_lines
    from ..spec import load_spec

    spec = load_spec(args.spec, require_variables=False)
    if spec.qpcr is None:
        raise BiocorrError(f"{Path(args.spec).name} has no [qpcr] section (targets, references, calibrator_condition).")
    result = run_qpcr(read_ct_export(args.ct_table, sheet=args.sheet, plate_plan=args.plate_plan), spec.qpcr)
    efficiency = None
    if args.standard_curve:
        curve = read_table(args.standard_curve).frame
        for c in ("gene", "quantity", "ct"):
            if c not in curve.columns:
                raise BiocorrError(f"{Path(args.standard_curve).name}: needs columns gene, quantity, ct.")
        curve = curve.assign(
            quantity=pd.to_numeric(curve["quantity"], errors="coerce"), ct=pd.to_numeric(curve["ct"], errors="coerce")
        )
        efficiency = standard_curve(curve)
    inputs = (args.ct_table, args.spec, args.standard_curve, args.plate_plan)
    with atomic_output(Path(args.out), "qpcr", args.overwrite, ["biocorr", *args.argv], protect=inputs) as tmp:
        paths = write_qpcr_outputs(result, tmp)
        if efficiency is not None:
            write_csv(efficiency, tmp / "efficiency.csv")
            paths["efficiency.csv"] = tmp / "efficiency.csv"
    if not args.quiet:
        console = _console()
        for line in summary_lines(result, spec.qpcr.replicate_sd_max):
            console.print(_plain(line))
        console.print(_plain(f"Wrote {', '.join(paths)} to {Path(args.out)}/"))
    return EXIT_OK


def cmd_check(args) -> int:
    from rich.text import Text

    from .. import claims as cl
    from ..analysis import analyze
    from ..data.write import write_csv
    from ..report.html import claims_page
    from ..report.terminal import verdicts_table

    console = _console()
    claims: list = []
    statements: list = []
    unparsed: list = []
    if args.claims:
        claims += cl.read_claims(args.claims)
    if args.text:
        text = cl.read_text_source(args.text)
        found, unparsed = cl.extract_claims(text, source=Path(args.text).name)
        statements = cl.extract_test_statements(text, source=Path(args.text).name)
        claims += [f.claim for f in found]
        if not args.quiet:
            console.print(
                _plain(
                    f"{Path(args.text).name}: {len(found)} correlation statement(s) and {len(statements)} "
                    "t/F/χ²/z/Q statement(s) found"
                )
            )
            for f in found:
                console.print(_plain(f"  line {f.line}, col {f.column}: {f.text}"))
            for st in statements:
                console.print(_plain(f"  line {st.line}, col {st.column}: {st.raw}"))
            for u in unparsed:
                console.print(
                    Text.assemble(
                        "  ", ("not read", "yellow"), f" line {u.line}, col {u.column}: {u.text!r} ({u.reason})"
                    )
                )
    if not claims and not args.text:
        raise BiocorrError("no claims to check: give a claims file (CSV/TOML) or --text FILE.")
    if not claims and not statements and not args.quiet:  # a passage without a statement is not bad input
        console.print(_plain(f"{Path(args.text).name}: no statement with numbers found; nothing to check."))
    study = results = None
    if args.example or args.data:
        study, _ = _load(args)
        results = analyze(study)
    verdicts = cl.check_claims(claims, study, results, statements, unparsed, Path(args.text or "text").name)
    out = Path(args.out)
    command_line = ["biocorr", *args.argv]
    inputs = (args.claims, args.text, args.data, args.spec)
    with atomic_output(out, "check", args.overwrite, command_line, protect=inputs) as tmp:
        write_csv(verdicts, tmp / "verdicts.csv")
        # the checks only: the data's own report (figures and all) is biocorr analyze's
        (tmp / "report.html").write_text(claims_page(verdicts), encoding="utf-8")
    if not args.quiet:
        console.print(verdicts_table(verdicts))
        console.print(
            _plain(f"Wrote {out / 'verdicts.csv'} (every check with its explanation) and {out / 'report.html'}")
        )
    return EXIT_INCONSISTENT if cl.failing(verdicts) else EXIT_OK


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("biocorr")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for documentation and tests)."""
    parser = argparse.ArgumentParser(
        prog="biocorr",
        description="Correlate biomarkers with clinical scores, honestly: CIs, exact p-values, "
        "explicit multiple-testing families, every exclusion reported.",
    )
    parser.add_argument("--version", action="version", version=f"biocorr {_version()}")
    sub = parser.add_subparsers(dest="command", required=True)

    def data_args(p):
        p.add_argument("data", nargs="?", help="per-subject table (.csv, .tsv, .txt or .xlsx)")
        p.add_argument("--spec", help="study spec (TOML)")
        p.add_argument("--sheet", help="XLSX sheet name (default: the spec's, else the first)")
        p.add_argument("--example", choices=datasets.NAMES, help="use an embedded example dataset")

    a = sub.add_parser("analyze", help="descriptives, group comparisons and correlations")
    data_args(a)
    a.add_argument("--out", default="biocorr-results", help="output folder (default: %(default)s)")
    a.add_argument("--methods", help="comma-separated: pearson,spearman,kendall (default: the spec's)")
    a.add_argument("--adjust", help="holm, bh, bonferroni or none (default: the spec's)")
    a.add_argument("--permutations", type=int, help="add Monte Carlo permutation p-values (N shuffles)")
    a.add_argument("--bootstrap", type=int, help="add BCa bootstrap CIs with N resamples (seeded)")
    a.add_argument("--seed", type=int, help="random seed for permutations and bootstrap (default: the spec's)")
    a.add_argument("--confidence", type=float, help="CI level (default: the spec's, usually 0.95)")
    a.add_argument(
        "--alternative",
        choices=("two-sided", "greater", "less"),
        help="one-sided correlation tests as R's cor.test (default: the spec's, two-sided)",
    )
    a.add_argument(
        "--qpcr", help="Ct export to turn into per-subject expression ratios first (needs a [qpcr] section in the spec)"
    )
    a.add_argument("--no-report", action="store_true", help="tables only: no figures, no report.html")
    a.add_argument(
        "--scatter-files",
        choices=("auto", "yes", "no"),
        default="auto",
        help="one scatter file per biomarker x score pair (auto: when there are at most "
        f"{PER_PAIR_SCATTER_LIMIT} pairs)",
    )
    a.add_argument(
        "--png", action="store_true", help="also save every figure as PNG at 300 dpi (the report embeds SVG)"
    )
    a.add_argument("--quiet", action="store_true", help="write the files, print nothing")
    a.add_argument("--overwrite", action="store_true", help="replace an --out folder biocorr did not write")
    a.set_defaults(func=cmd_analyze)

    v = sub.add_parser("validate", help="report exclusions and warnings without analysing")
    data_args(v)
    v.add_argument("--qpcr", help="Ct export to join first (as analyze --qpcr)")
    v.set_defaults(func=cmd_validate)

    c = sub.add_parser("check", help="check reported correlations: consistency, reproduction, fragility")
    c.add_argument("claims", nargs="?", help="claims file (.csv or .toml), one reported correlation per row")
    c.add_argument(
        "--text", help="extract the claims from a paper: .txt/.md, Word .docx (with its tables) or .pdf (pdftotext)"
    )
    c.add_argument("--data", help="shared data to reproduce the claims from")
    c.add_argument("--spec", help="study spec of the data (TOML)")
    c.add_argument("--sheet", help="XLSX sheet name")
    c.add_argument("--example", choices=datasets.NAMES, help="reproduce against an embedded dataset")
    c.add_argument("--out", default="biocorr-check", help="output folder (default: %(default)s)")
    c.add_argument("--quiet", action="store_true")
    c.add_argument("--overwrite", action="store_true", help="replace an --out folder biocorr did not write")
    c.set_defaults(func=cmd_check)

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
    q.set_defaults(func=cmd_qpcr)

    add_screen_parser(sub)
    add_report_parser(sub)

    i = sub.add_parser("init-spec", help="print a draft spec guessed from a table's columns")
    i.add_argument("data", help="per-subject table")
    i.add_argument("--sheet", help="XLSX sheet name")
    i.add_argument("--qpcr", help="Ct table or instrument export: draft [qpcr] and its per-subject biomarkers too")
    i.set_defaults(func=cmd_init_spec)

    e = sub.add_parser("example", help="copy an example's files (data, spec, Ct export, claims) into a folder")
    e.add_argument("name", choices=datasets.EXAMPLES)
    e.add_argument("--to", default=".", help="destination folder (default: the current one)")
    e.add_argument("--quiet", action="store_true")
    e.set_defaults(func=cmd_example)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``biocorr`` command; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    args.argv = list(sys.argv[1:] if argv is None else argv)
    previous = _terminate_as_interrupt()
    try:
        return args.func(args)
    except BiocorrError as exc:
        _error(f"error: {exc}")
        return EXIT_INPUT
    except OSError as exc:
        where = f": {exc.filename}" if exc.filename else ""
        _error(f"error: {exc.strerror or exc}{where}")
        return EXIT_INPUT
    except KeyboardInterrupt:
        _error("interrupted: the output folder was left as it was before this run.")
        return EXIT_INTERRUPTED
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _terminate_as_interrupt():
    """SIGTERM ends a run as Ctrl-C does: workers stopped, partial output removed, exit 130."""

    def handler(signum, frame):
        raise KeyboardInterrupt

    try:
        return signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread (e.g. called from a test runner's thread)
        return None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
