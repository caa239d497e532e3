"""``biocorr check``: reported statistics checked for consistency, and reproduced from shared data."""

from __future__ import annotations

from pathlib import Path

from .. import datasets
from ..errors import BiocorrError
from .common import EXIT_INCONSISTENT, EXIT_OK, StudyInputs, load_inputs, make_console, plain
from .output_dir import atomic_output


def add_parser(sub) -> None:
    """Register the command on the CLI's sub-parsers."""
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
    c.set_defaults(func=run)


def run(args) -> int:
    from rich.text import Text

    from .. import claims as cl
    from ..analysis import analyze
    from ..data.write import write_csv
    from ..report.html import claims_page
    from ..report.terminal import verdicts_table

    console = make_console()
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
                plain(
                    f"{Path(args.text).name}: {len(found)} correlation statement(s) and {len(statements)} "
                    "t/F/χ²/z/Q statement(s) found"
                )
            )
            for f in found:
                console.print(plain(f"  line {f.line}, col {f.column}: {f.text}"))
            for st in statements:
                console.print(plain(f"  line {st.line}, col {st.column}: {st.raw}"))
            for u in unparsed:
                console.print(
                    Text.assemble(
                        "  ", ("not read", "yellow"), f" line {u.line}, col {u.column}: {u.text!r} ({u.reason})"
                    )
                )
    if not claims and not args.text:
        raise BiocorrError("no claims to check: give a claims file (CSV/TOML) or --text FILE.")
    if not claims and not statements and not args.quiet:  # a passage without a statement is not bad input
        console.print(plain(f"{Path(args.text).name}: no statement with numbers found; nothing to check."))
    study = results = None
    if args.example or args.data:
        study, _ = load_inputs(StudyInputs.from_args(args))
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
        console.print(plain(cl.review_summary(verdicts)))
        console.print(verdicts_table(verdicts))
        console.print(
            plain(f"Wrote {out / 'verdicts.csv'} (every check with its explanation) and {out / 'report.html'}")
        )
    return EXIT_INCONSISTENT if cl.failing(verdicts) else EXIT_OK
