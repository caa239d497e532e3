"""Command-line interface: ``biocorr analyze | validate | init-spec``.

Problems with the input print one clear message and exit with status 2;
no traceback is shown for them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from threadpoolctl import threadpool_limits

from . import datasets
from .analysis import add_bootstrap, analysis_work, analyze
from .errors import BiocorrError
from .io import read_table
from .report.html import FigureJob, claims_page, n_report_figures, write_report
from .report.tables import write_tables
from .report.terminal import print_summary
from .spec_draft import draft_spec
from .study import load_spec
from .validate import Study, validate

EXIT_OK, EXIT_INPUT = 0, 2


def _load_study(args, console: Console) -> Study:
    if args.example:
        if args.data or args.spec:
            raise BiocorrError("give either --example NAME or DATA --spec SPEC.toml, not both.")
        return datasets.load(args.example)
    if not args.data:
        raise BiocorrError("name a data file (DATA --spec SPEC.toml) or an example (--example hivsn).")
    if not args.spec:
        raise BiocorrError(f"--spec SPEC.toml is required with a data file; "
                           f"'biocorr init-spec {args.data}' prints a draft to start from.")
    spec = load_spec(args.spec)
    raw = read_table(args.data, sheet=args.sheet if args.sheet is not None else spec.sheet)
    if getattr(args, "qpcr", None):
        return _with_qpcr(raw, spec, args, console)
    return validate(raw, spec)


def _with_qpcr(raw, spec, args, console: Console) -> Study:
    """Run the qPCR step, join its per-subject ratios onto the clinical table, validate."""
    import pandas as pd

    from .qpcr import merge_per_subject, parse_qpcr_spec, run_qpcr, write_qpcr_outputs

    if spec.qpcr is None:
        raise BiocorrError(f"--qpcr needs a [qpcr] section in {Path(args.spec).name} "
                           "(targets, references, calibrator_condition; see the README).")
    result = run_qpcr(read_table(args.qpcr), parse_qpcr_spec(spec.qpcr))
    write_qpcr_outputs(result, Path(args.out) / "qpcr")
    args.qpcr_result = result
    merged, only_qpcr, only_clinical = merge_per_subject(raw, result.per_subject, spec.id_column)
    study = validate(merged, spec)
    extra = []
    if only_qpcr:
        extra.append(dict(code="qpcr-join", severity="warning", column="qPCR", subset="all",
                          message=f"{len(only_qpcr)} subject(s) in the Ct table are not in the clinical "
                                  f"table and are not analysed: {', '.join(only_qpcr)}"))
    if only_clinical:
        extra.append(dict(code="qpcr-join", severity="warning", column="qPCR", subset="all",
                          message=f"{len(only_clinical)} subject(s) of the clinical table have no qPCR "
                                  f"data (their expression values are missing): {', '.join(only_clinical)}"))
    for r in result.notes.itertuples():
        extra.append(dict(code=f"qpcr-{r.reason}", severity="warning", column=r.gene, subset="all",
                          message=r.message))
    if extra:
        warnings = pd.concat([study.warnings, pd.DataFrame(extra)], ignore_index=True)
        study = Study(**{**study.__dict__, "warnings": warnings})
    return study


def cmd_qpcr(args, console: Console) -> int:
    from .qpcr import parse_qpcr_spec, run_qpcr, standard_curve, write_qpcr_outputs

    spec = load_spec(args.spec)
    if spec.qpcr is None:
        raise BiocorrError(f"{Path(args.spec).name} has no [qpcr] section (targets, references, "
                           "calibrator_condition).")
    result = run_qpcr(read_table(args.ct_table, sheet=args.sheet), parse_qpcr_spec(spec.qpcr))
    paths = write_qpcr_outputs(result, args.out)
    if args.standard_curve:
        curve = read_table(args.standard_curve).frame
        for c in ("gene", "quantity", "ct"):
            if c not in curve.columns:
                raise BiocorrError(f"{Path(args.standard_curve).name}: needs columns gene, quantity, ct.")
        curve = curve.assign(quantity=pd_numeric(curve["quantity"]), ct=pd_numeric(curve["ct"]))
        standard_curve(curve).to_csv(Path(args.out) / "efficiency.csv", index=False)
        paths["efficiency.csv"] = Path(args.out) / "efficiency.csv"
    if not args.quiet:
        r = result.replicates
        console.print(f"{r['sample'].nunique()} samples, {r['subject'].nunique()} subjects, "
                      f"{len(result.exclusions)} undetermined well(s), {int(r['sd_flag'].sum())} replicate "
                      f"set(s) with SD > {parse_qpcr_spec(spec.qpcr).replicate_sd_max:g} cycles")
        for note in result.notes.itertuples():
            console.print(f"[yellow]note[/]: {note.message}", highlight=False)
        console.print(f"Wrote {', '.join(paths)} to {Path(args.out)}/")
    return EXIT_OK


def pd_numeric(series):
    import pandas as pd

    return pd.to_numeric(series, errors="coerce")


def _with_overrides(study: Study, args) -> Study:
    changes = {}
    if getattr(args, "methods", None):
        changes["methods"] = [m.strip() for m in args.methods.split(",") if m.strip()]
    for key in ("adjust", "seed", "permutations", "confidence", "bootstrap"):
        value = getattr(args, key, None)
        if value is not None:
            changes[key] = value
    if not changes:
        return study
    return Study(**{**study.__dict__, "spec": study.spec.with_options(**changes)})


PER_PAIR_SCATTER_LIMIT = 30


def _progress(console: Console, quiet: bool) -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
                    TimeRemainingColumn(), console=console, transient=True, disable=quiet)


def cmd_analyze(args, console: Console) -> int:
    study = _with_overrides(_load_study(args, console), args)
    command_line = ["biocorr"] + args.argv
    n_perm = study.spec.analysis.permutations
    n_boot = study.spec.analysis.bootstrap
    out = Path(args.out)
    with _progress(console, args.quiet) as bar:
        advance = None
        if n_perm > 0 or n_boot > 0:
            label = " and ".join(w for w, k in (("permutations", n_perm), ("bootstrap", n_boot)) if k > 0)
            task = bar.add_task(label, total=analysis_work(study, n_perm, n_boot))
            advance = lambda k: bar.advance(task, k)  # noqa: E731
        results = analyze(study, progress=advance, bootstrap=0)
        job = None
        if not args.no_report:
            n_pairs = len(study.spec.biomarkers) * len(study.spec.scores)
            per_pair = args.scatter_files == "yes" or (
                args.scatter_files == "auto" and n_pairs <= PER_PAIR_SCATTER_LIMIT)
            fig_task = bar.add_task("figures", total=n_report_figures(results, per_pair))
            # the figures do not show bootstrap intervals: draw them while the resampling runs
            job = FigureJob(results, out / "figures", per_pair, progress=lambda k: bar.advance(fig_task, k))
        try:
            if n_boot > 0:
                # with figure processes on every core, a second BLAS thread only spins against them
                with threadpool_limits(1 if job is not None else None, user_api="blas"):
                    results = add_bootstrap(results, n_boot, advance)
            paths = write_tables(results, out, command_line=command_line)
            if job is not None:
                paths["report.html"] = write_report(results, out, command_line, figures=job,
                                                    qpcr=getattr(args, "qpcr_result", None))
        finally:
            if job is not None:
                job.close()
    if not args.quiet:
        print_summary(results, console)
        console.print(f"Wrote {', '.join(p.name for p in paths.values())}"
                      + ("" if args.no_report else " and figures/") + f" to {Path(args.out)}/")
    return EXIT_OK


def cmd_validate(args, console: Console) -> int:
    study = _load_study(args, console)
    console.print(f"{study.source}: {study.n_rows_read} rows read, {len(study.data)} usable.")
    if len(study.exclusions):
        console.print(f"[yellow]{len(study.exclusions)} exclusion(s):[/]")
        for _, r in study.exclusions.iterrows():
            console.print(f"  - {r['message']}", highlight=False)
    else:
        console.print("No exclusions.")
    for _, r in study.warnings.iterrows():
        console.print(f"  {r['severity']}: {r['message']}", highlight=False)
    return EXIT_OK


def cmd_init_spec(args, console: Console) -> int:
    raw = read_table(args.data, sheet=args.sheet)
    sys.stdout.write(draft_spec(raw))
    return EXIT_OK


def cmd_check(args, console: Console) -> int:
    from . import claims as cl

    claims: list = []
    if args.claims:
        claims += cl.read_claims(args.claims)
    if args.text:
        found, unparsed = cl.extract_claims(cl.read_text_source(args.text), source=Path(args.text).name)
        claims += [f.claim for f in found]
        if not args.quiet:
            console.print(f"{Path(args.text).name}: {len(found)} correlation statement(s) found")
            for f in found:
                console.print(f"  line {f.line}, col {f.column}: {f.text}", highlight=False)
            for u in unparsed:
                console.print(f"  [yellow]not read[/] line {u.line}, col {u.column}: {u.text!r} ({u.reason})",
                              highlight=False)
    if not claims:
        raise BiocorrError("no claims to check: give a claims file (CSV/TOML) or --text FILE.")
    study = results = None
    if args.example or args.data:
        study = _load_study(args, console)
        results = analyze(study)
    verdicts = cl.check_claims(claims, study, results)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    verdicts.to_csv(out / "verdicts.csv", index=False)
    if results is not None:
        write_report(results, out, ["biocorr"] + args.argv, per_pair=False, verdicts=verdicts)
    else:
        (out / "report.html").write_text(claims_page(verdicts), encoding="utf-8")
    if not args.quiet:
        table = Table(title="Claims", title_justify="left")
        for col in ("claim", "check", "verdict", "reported", "recomputed"):
            table.add_column(col)
        colours = {"consistent": "green", "reproduced": "green", "robust": "green",
                   "inconsistent": "red", "decision error": "bold red", "not reproduced": "red",
                   "close": "yellow", "fragile": "yellow"}
        for r in verdicts.itertuples():
            if r.verdict in ("not checked", "info"):
                continue
            c = colours.get(r.verdict, "")
            table.add_row(r.claim_id, r.check, f"[{c}]{r.verdict}[/]" if c else r.verdict, r.reported,
                          r.recomputed)
        console.print(table)
        console.print(f"Wrote {out / 'verdicts.csv'} (every check with its explanation) and "
                      f"{out / 'report.html'}")
    return 1 if cl.failing(verdicts) else EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for documentation and tests)."""
    from importlib.metadata import version

    parser = argparse.ArgumentParser(
        prog="biocorr",
        description="Correlate biomarkers with clinical scores, honestly: CIs, exact p-values, "
                    "explicit multiple-testing families, every exclusion reported.")
    parser.add_argument("--version", action="version", version=f"biocorr {version('biocorr')}")
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
    a.add_argument("--qpcr", help="Ct export to turn into per-subject expression ratios first "
                                   "(needs a [qpcr] section in the spec)")
    a.add_argument("--no-report", action="store_true", help="tables only: no figures, no report.html")
    a.add_argument("--scatter-files", choices=("auto", "yes", "no"), default="auto",
                   help="one scatter file per biomarker x score pair (auto: when there are at most "
                        f"{PER_PAIR_SCATTER_LIMIT} pairs)")
    a.add_argument("--quiet", action="store_true", help="write the files, print nothing")
    a.set_defaults(func=cmd_analyze)

    v = sub.add_parser("validate", help="report exclusions and warnings without analysing")
    data_args(v)
    v.set_defaults(func=cmd_validate)

    c = sub.add_parser("check", help="check reported correlations: consistency, reproduction, fragility")
    c.add_argument("claims", nargs="?", help="claims file (.csv or .toml), one reported correlation per row")
    c.add_argument("--text", help="extract the claims from a .txt/.md file (or .pdf with pdftotext)")
    c.add_argument("--data", help="shared data to reproduce the claims from")
    c.add_argument("--spec", help="study spec of the data (TOML)")
    c.add_argument("--sheet", help="XLSX sheet name")
    c.add_argument("--example", choices=datasets.NAMES, help="reproduce against an embedded dataset")
    c.add_argument("--out", default="biocorr-check", help="output folder (default: %(default)s)")
    c.add_argument("--quiet", action="store_true")
    c.set_defaults(func=cmd_check)

    q = sub.add_parser("qpcr", help="Ct export -> relative expression and per-subject ratios")
    q.add_argument("ct_table", help="long Ct table (.csv/.tsv/.xlsx)")
    q.add_argument("--spec", required=True, help="spec with a [qpcr] section")
    q.add_argument("--sheet", help="XLSX sheet name")
    q.add_argument("--standard-curve", help="dilution series (gene, quantity, ct) to estimate efficiencies")
    q.add_argument("--out", default="biocorr-qpcr", help="output folder (default: %(default)s)")
    q.add_argument("--quiet", action="store_true")
    q.set_defaults(func=cmd_qpcr)

    i = sub.add_parser("init-spec", help="print a draft spec guessed from a table's columns")
    i.add_argument("data", help="per-subject table")
    i.add_argument("--sheet", help="XLSX sheet name")
    i.set_defaults(func=cmd_init_spec)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``biocorr`` command; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    args.argv = list(sys.argv[1:] if argv is None else argv)
    console = Console(stderr=False, width=None if sys.stdout.isatty() else 120)
    err = Console(stderr=True)
    try:
        return args.func(args, console)
    except BiocorrError as exc:
        err.print(f"[bold red]error:[/] {exc}", highlight=False)
        return EXIT_INPUT
    except OSError as exc:
        err.print(f"[bold red]error:[/] {exc.strerror or exc}: {exc.filename or ''}", highlight=False)
        return EXIT_INPUT


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
