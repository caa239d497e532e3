"""Reading a large export: memory and time of `biocorr validate` on a wide CSV of which the spec uses 3 columns.

Writes (once, seeded) a 600,000-row × 41-column CSV (~230 MB): an id, a group, 3 columns the spec
uses and 36 it does not (numbers and short text), then runs `biocorr validate` in a fresh process
and reports its wall time and peak resident memory, next to the peak of a process that only
imports biocorr (the interpreter, numpy, pandas: the baseline every command pays). Issue #15
asks for the read to need at most 3× the file. Run with ``python benchmarks/bench_read.py [DIR]``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROWS = 600_000
SPEC = """[data]
id = "id"
group = "group"
[[biomarker]]
column = "tnf"
[[score]]
column = "pain"
range = [0, 100]
[[score]]
column = "fatigue"
"""


def write_table(path: Path) -> None:
    rng = np.random.default_rng(1)
    cols = {"id": np.arange(ROWS), "group": rng.choice(["FM", "HC"], ROWS), "tnf": rng.lognormal(size=ROWS).round(4),
            "pain": rng.integers(0, 101, ROWS), "fatigue": rng.normal(50, 10, ROWS).round(2)}  # fmt: skip
    for k in range(30):
        cols[f"unused_{k}"] = rng.normal(size=ROWS).round(5)
    for k in range(6):
        cols[f"note_{k}"] = rng.choice(["yes", "no", "unclear", "n/a"], ROWS)
    pd.DataFrame(cols).to_csv(path, index=False)


def peak_mb(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of a fresh process running ``command``."""
    t0 = time.perf_counter()
    run = subprocess.run(["/usr/bin/time", "-f", "%M", *command], capture_output=True, text=True, check=True)
    return time.perf_counter() - t0, int(run.stderr.strip().splitlines()[-1]) / 1024


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
    data, spec = folder / "wide.csv", folder / "spec.toml"
    if not data.exists():
        write_table(data)
    spec.write_text(SPEC)
    size = data.stat().st_size / 1e6
    _, base = peak_mb([sys.executable, "-c", "import biocorr.cli, biocorr.data.validate, biocorr.data.read"])
    seconds, peak = peak_mb([sys.executable, "-m", "biocorr.cli", "validate", str(data), "--spec", str(spec)])
    read = peak - base
    print(f"{ROWS:,} rows x 41 columns ({size:.0f} MB), 3 used: validate {seconds:.1f} s, peak {peak:.0f} MB "
          f"(imports alone {base:.0f} MB; the read {read:.0f} MB = {read / size:.1f}x the file)")  # fmt: skip


if __name__ == "__main__":
    main()
