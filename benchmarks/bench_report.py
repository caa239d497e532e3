"""The report's cost: `biocorr analyze --example opt` with its report against `--no-report` (issue #13).

Both commands run as a user runs them (a fresh process each, so imports count), alternating,
three times each in the same run; the best of each and their ratio are printed.
Run with ``python benchmarks/bench_report.py``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path


def command_seconds(*extra: str) -> tuple[float, int]:
    """Wall time of the command and the number of figures it drew."""
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "biocorr.cli", "analyze", "--example", "opt", "--out", tmp, "--overwrite",
             "--quiet", *extra],
            check=True,
        )  # fmt: skip
        seconds = time.perf_counter() - t0
        return seconds, len(list(Path(tmp).glob("figures/*.svg")))


def main() -> None:
    with_report, tables_only = [], []
    for _ in range(3):
        seconds, n_figures = command_seconds()
        with_report.append(seconds)
        tables_only.append(command_seconds("--no-report")[0])
    best, base = min(with_report), min(tables_only)
    print(
        f"biocorr analyze --example opt: {best:.1f} s with the report ({n_figures} figures as SVG, report.html), "
        f"{base:.1f} s with --no-report: the report costs {best / base:.2f}x"
    )


if __name__ == "__main__":
    main()
