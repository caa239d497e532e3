"""``biocorr analyze``: descriptives, group comparisons and correlations, to tables, figures and a report."""

from __future__ import annotations

from pathlib import Path

from .common import EXIT_OK, StudyInputs, analysis_options, data_arguments, load_inputs, make_console, plain
from .output_dir import atomic_output

PER_PAIR_SCATTER_LIMIT = 30


def add_parser(sub) -> None:
    """Register the command on the CLI's sub-parsers."""
    a = sub.add_parser("analyze", help="descriptives, group comparisons and correlations")
    data_arguments(a)
    a.add_argument("--out", default="biocorr-results", help="output folder (default: %(default)s)")
    a.add_argument("--methods", help="comma-separated: pearson,spearman,kendall (default: the spec's)")
    a.add_argument("--adjust", help="holm, bh, bonferroni or none (default: the spec's)")
    a.add_argument(
        "--subsets", help="comma-separated: all (the groups pooled), by-group (each group) (default: the spec's)"
    )
    a.add_argument("--primary", help="the method the findings lead with, one of --methods (default: the spec's)")
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
    a.set_defaults(func=run)


def run(args) -> int:
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn
    from threadpoolctl import threadpool_limits

    from ..analysis import add_bootstrap, analysis_work, analyze
    from ..report.figure_job import FigureJob, n_report_figures
    from ..report.html import write_report
    from ..report.tables import write_tables
    from ..report.terminal import print_summary

    console = make_console()
    inputs = StudyInputs.from_args(args)
    study, qpcr = load_inputs(inputs)
    study = study.with_options(**analysis_options(args))
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
        protect = (args.data, args.spec, getattr(args, "qpcr", None))
        with atomic_output(out, "analyze", args.overwrite, command_line, protect=protect) as tmp:
            job = None
            if not args.no_report:
                n_pairs = len(study.spec.pairs)
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
                paths = write_tables(results, tmp, command_line=command_line, inputs=inputs.resolved().to_dict())
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
            plain(
                f"Wrote {', '.join(p.name for p in paths.values())}"
                + ("" if args.no_report else " and figures/")
                + f" to {out}/"
            )
        )
    return EXIT_OK
