"""``biocorr init-spec``: a draft spec guessed from a table's columns (and a Ct export)."""

from __future__ import annotations

import sys

from .common import EXIT_OK


def add_parser(sub) -> None:
    """Register the command on the CLI's sub-parsers."""
    i = sub.add_parser("init-spec", help="print a draft spec guessed from a table's columns")
    i.add_argument("data", help="per-subject table")
    i.add_argument("--sheet", help="XLSX sheet name")
    i.add_argument("--qpcr", help="Ct table or instrument export: draft [qpcr] and its per-subject biomarkers too")
    for role in ("biomarkers", "scores", "covariates"):
        i.add_argument(
            f"--{role}",
            metavar="COLUMNS",
            help=f"comma-separated {role} (names or patterns such as 'IL*'): the draft keeps to the columns named",
        )
    i.set_defaults(func=run)


def run(args) -> int:
    from ..data.read import read_table
    from ..draft.focus import named_roles
    from ..draft.study import draft_spec

    qpcr = None
    if args.qpcr:
        from ..draft.qpcr import draft_qpcr
        from ..qpcr.instruments import read_ct_export

        qpcr = draft_qpcr(read_ct_export(args.qpcr))
    raw = read_table(args.data, sheet=args.sheet)
    named = named_roles(list(raw.frame.columns), biomarkers=args.biomarkers, scores=args.scores,
                        covariates=args.covariates)  # fmt: skip
    draft = draft_spec(raw, qpcr, named, path=None if args.sheet else args.data)
    sys.stdout.write(draft)
    if why := _will_not_run(draft):  # said now, not first by 'analyze'
        sys.stderr.write(f"note: this draft will not run as it is. {why} The draft's comments say what it lacks.\n")
    return EXIT_OK


def _will_not_run(draft: str) -> str:
    """Why a draft spec would stop ``biocorr analyze`` before reading any data (no score and one
    biomarker, say), else ''."""
    import tomllib

    from ..spec.model import SpecError, parse_spec

    try:
        parse_spec(tomllib.loads(draft), where="The draft")
    except (SpecError, tomllib.TOMLDecodeError) as exc:
        return str(exc)
    return ""
