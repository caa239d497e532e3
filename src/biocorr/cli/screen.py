"""``biocorr screen``: thousands of features against a few phenotypes, to tables, a figure and a page."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from ..errors import DataError
from .common import names
from .output_dir import atomic_output


def add_parser(sub) -> None:
    """Register ``biocorr screen`` on the CLI's sub-parsers."""
    s = sub.add_parser(
        "screen",
        help="correlate many features (omics) with phenotypes: adjusted p, q-values, max-T",
        description="Correlate every feature with every phenotype (pairwise-complete, R-identical p), "
        "adjust within each phenotype's family; write screen.csv (and screen.parquet with pyarrow), "
        "top_hits.csv, volcano.png/svg and screen.html.",
    )
    s.add_argument(
        "data", help="samples x features table (CSV/TSV/XLSX/Parquet), or features x samples with --transpose"
    )
    s.add_argument("--phenotypes", required=True, help="comma-separated phenotype columns (in DATA or --samples)")
    s.add_argument("--id", help="sample id column (of DATA and of the sample sheet)")
    s.add_argument("--samples", help="sample sheet: id, phenotypes, covariates (needed with --transpose)")
    s.add_argument("--transpose", action="store_true", help="DATA is features x samples (first column: feature names)")
    s.add_argument("--covariates", default="", help="comma-separated numeric covariates, residualised out")
    s.add_argument("--methods", default="pearson", help="comma-separated: pearson, spearman, kendall")
    s.add_argument("--adjust", default="bh", choices=("bh", "holm", "bonferroni", "storey", "none"))
    s.add_argument("--family", default="phenotype", choices=("phenotype", "all"), help="what is adjusted together")
    s.add_argument("--permutations", type=int, default=0, help="max-T family-wise p from this many shared shuffles")
    s.add_argument("--seed", type=int, default=20171)
    s.add_argument("--memory", default="2GB", help="working-memory budget, e.g. 4GB (features are chunked to fit)")
    s.add_argument(
        "--scheduler",
        default="local",
        help="local (in memory, default); threads, or a Dask scheduler address (tcp://host:8786): a features x "
        "samples Parquet matrix (--transpose --samples) read in row groups, larger than memory",
    )
    s.add_argument("--sheet", help="XLSX sheet of DATA")
    s.add_argument("--out", default="biocorr-screen", help="output folder (default: %(default)s)")
    s.add_argument("--quiet", action="store_true")
    s.add_argument("--overwrite", action="store_true", help="replace an --out folder biocorr did not write")
    s.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from ..data.write import write_csv
    from ..report.figures import save_figure
    from ..screen.compute import screen
    from ..screen.inputs import load_screen_inputs
    from ..screen.page import screen_page, top_hits, volcano_figure

    console = Console(highlight=False)
    if args.permutations < 0:
        raise DataError(f"--permutations {args.permutations}: give 0 (none) or a positive number of shuffles.")
    if args.scheduler != "local":
        return _cmd_screen_dask(args, console)
    inputs = load_screen_inputs(
        args.data,
        names(args.phenotypes),
        args.id,
        args.samples,
        args.transpose,
        names(args.covariates),
        args.sheet,
    )
    methods = names(args.methods)
    n_features = inputs.features.shape[1]
    if inputs.covariates is not None and (lacking := int((~inputs.covariates.notna().all(axis=1)).sum())):
        inputs.notes.append(f"{lacking} sample(s) without every covariate are left out of the adjusted tests")
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total} features x methods"),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=args.quiet,
    )
    start = time.perf_counter()
    with bar:
        task = bar.add_task("screening", total=n_features * len(methods), rate="")

        def advance(k: int) -> None:
            done = bar.tasks[0].completed + k
            bar.update(task, advance=k, rate=f"{done / max(time.perf_counter() - start, 1e-9):,.0f}/s")

        table = screen(
            inputs.features,
            inputs.phenotypes,
            methods=methods,
            adjust=args.adjust,
            family=args.family,
            covariates=inputs.covariates,
            permutations=args.permutations,
            seed=args.seed,
            memory=args.memory,
            progress=advance,
        )
    seconds = time.perf_counter() - start
    settings = {
        "input": Path(args.data).name,
        "samples": str(len(inputs.features)),
        "features": str(n_features),
        "phenotypes": ", ".join(inputs.phenotypes.columns),
        "methods": ", ".join(methods),
        "adjustment": f"{args.adjust} within each {'phenotype and method' if args.family == 'phenotype' else 'method'}",
        "covariates": ", ".join(inputs.covariates.columns) if inputs.covariates is not None else "none",
        "max-T permutations": str(args.permutations),
        "seed": str(args.seed),
        "time": f"{seconds:.1f} s",
    }
    out = Path(args.out)
    protect = (args.data, args.samples)
    with atomic_output(out, "screen", args.overwrite, ["biocorr", *args.argv], protect=protect) as tmp:
        write_csv(table, tmp / "screen.csv")
        try:
            table.to_parquet(tmp / "screen.parquet", index=False)
            parquet = True
        except ImportError:
            parquet = False
        write_csv(top_hits(table), tmp / "top_hits.csv")
        if len(inputs.set_aside):
            write_csv(inputs.set_aside, tmp / "not_numeric.csv")
        _, svg = save_figure(volcano_figure(table), tmp / "volcano")
        page = screen_page(table, settings, inputs.notes, inputs.set_aside, svg.read_text(encoding="utf-8"))
        (tmp / "screen.html").write_text(page, encoding="utf-8")
        (tmp / "screen.json").write_text(json.dumps({"settings": settings, "notes": inputs.notes}, indent=2) + "\n")
    if not args.quiet:
        hits = int((table["p_adjusted"] < 0.05).sum())
        console.print(
            f"{n_features} features x {inputs.phenotypes.shape[1]} phenotypes x {len(methods)} method(s): "
            f"{len(table)} tests in {seconds:.1f} s; {hits} with adjusted p < .05 ({args.adjust} within family)",
            markup=False,
        )
        for note in inputs.notes:
            console.print(f"note: {note}", markup=False)
        if len(inputs.set_aside):
            console.print(f"note: {len(inputs.set_aside)} cell(s) were not numbers (not_numeric.csv)", markup=False)
        written = (
            "screen.csv, " + ("screen.parquet, " if parquet else "") + "top_hits.csv, volcano.png/svg, screen.html"
        )
        console.print(f"Wrote {written} to {out}/" + ("" if parquet else " (Parquet needs pyarrow)"), markup=False)
    return 0


def _cmd_screen_dask(args: argparse.Namespace, console) -> int:
    """A features x samples Parquet matrix over Dask: row groups are tasks, nothing is loaded whole."""
    from ..data.write import write_csv
    from ..screen.distributed import parquet_layout, screen_parquet_row_groups
    from ..screen.inputs import read_sample_sheet
    from ..screen.page import top_hits

    if not (args.transpose and args.samples and str(args.data).lower().endswith(".parquet")):
        raise DataError(
            "--scheduler other than local screens a features x samples Parquet matrix: give DATA.parquet "
            "with --transpose and --samples (the sample sheet)."
        )
    if args.covariates or args.permutations:
        raise DataError("--covariates and --permutations run in memory (--scheduler local).")
    try:
        import dask  # noqa: F401
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise DataError("--scheduler needs Dask: pip install 'biocorr[dask]'.") from None
    _, samples, _ = parquet_layout(args.data)
    info, set_aside = read_sample_sheet(args.samples, args.id, names(args.phenotypes))
    known = set(info.index)
    absent = [s for s in samples if s not in known]
    if absent:
        raise DataError(f"{len(absent)} sample(s) of the matrix are not in the sample sheet: {', '.join(absent[:10])}.")
    phenotypes = info.loc[samples]
    if len(set_aside) and not args.quiet:
        console.print(f"note: {len(set_aside)} cell(s) of the sample sheet were not numbers and count as missing: "
                      + ", ".join(f"{r.sample}/{r.column}={r.value!r}" for r in set_aside.head(5).itertuples()),
                      markup=False)  # fmt: skip
    start = time.perf_counter()
    if args.scheduler == "threads":
        table = screen_parquet_row_groups(args.data, phenotypes, names(args.methods), args.adjust, args.family)
    else:
        from distributed import Client

        with Client(args.scheduler) as client:
            table = screen_parquet_row_groups(
                args.data, phenotypes, names(args.methods), args.adjust, args.family, client=client
            )
    seconds = time.perf_counter() - start
    out = Path(args.out)
    with atomic_output(
        out, "screen", args.overwrite, ["biocorr", *args.argv], protect=(args.data, args.samples)
    ) as tmp:
        write_csv(top_hits(table), tmp / "top_hits.csv")
        table.to_parquet(tmp / "screen.parquet", index=False)
    if not args.quiet:
        console.print(f"{len(table)} tests over Dask ({args.scheduler}) in {seconds:.1f} s; wrote screen.parquet "
                      f"and top_hits.csv to {out}/", markup=False)  # fmt: skip
    return 0
