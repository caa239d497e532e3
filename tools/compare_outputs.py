"""Compare the analysis tables of two biocorr versions byte for byte (issue: restructure without drift).

Usage::

    # outputs of the old version (e.g. a checkout of the previous release) and of this one
    biocorr analyze --example hivsn --no-report --quiet --out OLD/hivsn      # with the old version
    python tools/compare_outputs.py --write NEW                              # with this version
    python tools/compare_outputs.py OLD NEW

``--write DIR`` runs ``biocorr analyze --example NAME --no-report`` for every real example
into ``DIR/NAME``. Comparing, every ``correlations.csv``, ``group_comparisons.csv`` and
``descriptives.csv`` must be byte-identical, except for the deliberate wording changes
listed in ``WORDING`` (applied to the old text before comparing; each is named in the
CHANGELOG), and except the rows of methods named in ``--skip-methods`` (methods whose
numbers were deliberately corrected; the CHANGELOG names them). Exit status 0 when all are
identical, 1 otherwise (the first differing line of each file is printed). ``bf10`` is compared
to a relative 1e-9 (its quadrature changed in 0.2; both agree with R's BayesFactor to 1e-9).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXAMPLES = ("hivsn", "opt")
TABLES = ("correlations.csv", "group_comparisons.csv", "descriptives.csv")
WORDING = {  # old text -> new text (0.2: notes speak of the API, the CLI prints its flags)
    "none (bootstrap with --bootstrap N)": "none (BCa with bootstrap=N)",
    "CI: use --bootstrap N (BCa)": "no analytic CI: BCa with bootstrap=N",
    # 0.2: an undefined robust row says which scale is zero (bicor: the MAD)
    "undefined: the robust scale is zero (half or more of the values tied)": (
        "undefined: a variable's MAD is zero (half or more of its values are tied at its median)"
    ),
}


def write(folder: Path) -> None:
    from biocorr.cli import main

    for name in EXAMPLES:
        status = main(["analyze", "--example", name, "--no-report", "--quiet", "--out", str(folder / name)])
        if status != 0:
            sys.exit(f"biocorr analyze --example {name} exited with {status}")


TOLERANT = {"bf10": 1e-9}  # 0.2 integrates BF10 on a fixed grid (within 1.2e-12 of an adaptive reference)


def _tolerant(a: str, b: str) -> tuple[str, str]:
    """Make columns in TOLERANT equal in ``b`` wherever they agree with ``a`` within their relative tolerance."""
    import csv
    import io
    import math

    ra, rb = list(csv.reader(io.StringIO(a))), list(csv.reader(io.StringIO(b)))
    if not ra or not rb or ra[0] != rb[0] or len(ra) != len(rb):
        return a, b
    cols = [ra[0].index(c) for c in TOLERANT if c in ra[0]]
    for row_a, row_b in zip(ra[1:], rb[1:]):
        for j in cols:
            try:
                x, y = float(row_a[j]), float(row_b[j])
            except ValueError:
                continue
            if math.isclose(x, y, rel_tol=TOLERANT[ra[0][j]]):
                row_b[j] = row_a[j]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rb)
    ref = io.StringIO()
    csv.writer(ref, lineterminator="\n").writerows(ra)
    return ref.getvalue(), out.getvalue()


def _without_methods(text: str, methods: set[str]) -> str:
    """The CSV text without the rows of these methods (the 6th field of correlations.csv)."""
    if not methods:
        return text
    import csv
    import io

    rows = list(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(r for r in rows if len(r) < 6 or r[5] not in methods)
    return out.getvalue()


def compare(old: Path, new: Path, skip_methods: set[str] = frozenset()) -> int:
    failures = 0
    for name in EXAMPLES:
        for table in TABLES:
            a = (old / name / table).read_text(encoding="utf-8")
            b = (new / name / table).read_text(encoding="utf-8")
            if table == "correlations.csv":
                a, b = _without_methods(a, skip_methods), _without_methods(b, skip_methods)
                a, b = _tolerant(a, b)
            for before, after in WORDING.items():
                a = a.replace(before, after)
            if a == b:
                print(f"identical  {name}/{table} ({len(b.splitlines())} lines)")
                continue
            failures += 1
            for i, (la, lb) in enumerate(zip(a.splitlines(), b.splitlines()), start=1):
                if la != lb:
                    print(f"DIFFERENT  {name}/{table} line {i}:\n  old: {la}\n  new: {lb}")
                    break
            else:
                print(f"DIFFERENT  {name}/{table}: {len(a.splitlines())} vs {len(b.splitlines())} lines")
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old", nargs="?", type=Path)
    parser.add_argument("new", nargs="?", type=Path)
    parser.add_argument("--write", type=Path, help="write this version's tables into DIR/NAME")
    parser.add_argument(
        "--skip-methods",
        default="",
        help="comma-separated methods whose correlation rows "
        "changed on purpose (e.g. percbend,skipped_spearman since 0.2's fixes)",
    )
    args = parser.parse_args(argv)
    if args.write:
        write(args.write)
        return 0
    if not (args.old and args.new):
        parser.error("give OLD and NEW folders, or --write DIR")
    return compare(args.old, args.new, {m for m in args.skip_methods.split(",") if m})


if __name__ == "__main__":
    sys.exit(main())
