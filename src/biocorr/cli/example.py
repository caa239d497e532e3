"""``biocorr example``: copy an embedded example's files into a folder."""

from __future__ import annotations

from pathlib import Path

from .. import datasets
from .common import EXIT_OK, make_console, plain


def add_parser(sub) -> None:
    """Register the command on the CLI's sub-parsers."""
    e = sub.add_parser("example", help="copy an example's files (data, spec, Ct export, claims) into a folder")
    e.add_argument("name", choices=datasets.EXAMPLES)
    e.add_argument("--to", default=".", help="destination folder (default: the current one)")
    e.add_argument("--quiet", action="store_true")
    e.set_defaults(func=run)


def run(args) -> int:
    written = datasets.copy_example(args.name, args.to)
    if not args.quiet:
        make_console().print(plain(f"Wrote {', '.join(p.name for p in written)} to {Path(args.to)}/"))
    return EXIT_OK
