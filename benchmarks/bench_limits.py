"""Issue #29's bars side by side, in one run: each row gives biocorr's time, the reference it is
measured against, and the ratio.

- ``biocorr screen`` (the command) on a 200-sample x 20,000-feature x 10-phenotype file (200,000
  tests; CSV and Parquet) against the same work through the Python API (pandas reads the file,
  ``biocorr.screen.screen``, the table written as CSV) and against the engine alone; the command's
  start-up (the same command on an 8-sample x 3-feature file: imports, figure, page) is subtracted;
- reading 150,000 features x 30 samples (``load_screen_inputs``, a 28 MB CSV);
- a masked screen (5,000 x 3,000 x 50, 10 % missing, Pearson) with the default memory budget
  against the masked numpy limit (one masked product of the whole table, 16 GB);
- Kendall, n = 5,000 x 100 pairs: ``biocorr.screen`` against scipy's per-pair ``kendalltau`` loop;
- ``biocorr.correlate`` with its default extras, 10,000 pairs, against the numpy limit.

Run with ``python benchmarks/bench_limits.py`` (about 3 minutes; writes temporary files only).
The Dask rows are in ``benchmarks/bench_dask.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from bench_analyze import best_of
from bench_correlate import numpy_limit
from bench_screen import simulated
from scipy import stats

from biocorr import correlate
from biocorr.screen.compute import screen
from biocorr.screen.inputs import load_screen_inputs
from biocorr.screen.permutations import masked_pearson

BIOCORR = str(Path(sys.executable).with_name("biocorr"))
ROWS: list[tuple[str, float, str, float]] = []


def row(what: str, ours: float, reference_name: str, reference: float) -> None:
    ROWS.append((what, ours, reference_name, reference))
    print(f"| {what} | {ours:.3g} s | {reference_name} | {reference:.3g} s | {ours / reference:.2f}x |", flush=True)


def command_seconds(args: list[str]) -> float:
    start = time.perf_counter()
    run = subprocess.run([BIOCORR, *args], capture_output=True, text=True)
    if run.returncode != 0:
        raise RuntimeError(run.stderr)
    return time.perf_counter() - start


def screen_file(folder: Path) -> None:
    x, y = simulated(200, 20_000, 10, missing=0.05)
    data = pd.concat([pd.DataFrame({"id": [f"s{i}" for i in range(200)]}), y, x], axis=1)
    data.to_csv(folder / "data.csv", index=False)
    data.to_parquet(folder / "data.parquet")
    phenotypes = list(y.columns)
    tiny = data.iloc[:8, :14]  # 8 samples x 3 features: the command's fixed cost (imports, figure, page)
    tiny.to_csv(folder / "tiny.csv", index=False)
    startup = min(
        command_seconds(
            [
                "screen",
                str(folder / "tiny.csv"),
                "--id",
                "id",
                "--phenotypes",
                ",".join(phenotypes),
                "--quiet",
                "--overwrite",
                "--out",
                str(folder / "tiny"),
            ]
        )
        for _ in range(3)
    )
    engine = best_of(lambda: screen(x, y), 3)
    for kind, read in (("csv", pd.read_csv), ("parquet", pd.read_parquet)):
        path = folder / f"data.{kind}"

        def api(path=path, read=read) -> None:
            frame = read(path)
            screen(frame[list(x.columns)], frame[phenotypes]).to_csv(folder / "api.csv", index=False)

        api_time = best_of(api, 3)
        args = ["screen", str(path), "--id", "id", "--phenotypes", ",".join(phenotypes), "--quiet", "--overwrite"]
        cli = min(command_seconds([*args, "--out", str(folder / "out")]) for _ in range(3)) - startup
        row(f"`biocorr screen` on the {kind.upper()} file, fixed cost ({startup:.2f} s) excluded", cli,
            "the Python API on the file (pandas read, screen, to_csv)", api_time)  # fmt: skip
        row(f"  the same command, against the engine on the table in memory ({kind.upper()})", cli,
            "`biocorr.screen.screen`", engine)  # fmt: skip


def wide_read(folder: Path) -> None:
    rng = np.random.default_rng(1)
    values = rng.normal(size=(30, 150_000)).round(4)
    wide = pd.DataFrame(values, columns=[f"g{i}" for i in range(150_000)])
    wide.insert(0, "pain", rng.normal(size=30).round(2))
    wide.insert(0, "id", [f"s{i}" for i in range(30)])
    wide.to_csv(folder / "wide.csv", index=False)
    ours = best_of(lambda: load_screen_inputs(folder / "wide.csv", ["pain"], "id"), 3)
    theirs = best_of(lambda: pd.read_csv(folder / "wide.csv"), 3)
    row("reading 150,000 features x 30 samples (28 MB CSV), every cell checked", ours, "pandas.read_csv", theirs)


def masked() -> None:
    rng = np.random.default_rng(1)
    x = rng.normal(size=(5000, 3000))
    x[rng.random(x.shape) < 0.1] = np.nan
    y = rng.normal(size=(5000, 50))
    frame_x, frame_y = pd.DataFrame(x).add_prefix("f"), pd.DataFrame(y).add_prefix("y")
    limit = best_of(lambda: masked_pearson(x, y), 3)
    default = best_of(lambda: screen(frame_x, frame_y), 3)
    row("masked screen 5,000 x 3,000 x 50, 10 % missing, default memory budget", default,
        "masked numpy limit (whole table)", limit)  # fmt: skip


def kendall() -> None:
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(5000, 20)), rng.normal(size=(5000, 5))
    frame_x, frame_y = pd.DataFrame(x).add_prefix("b"), pd.DataFrame(y).add_prefix("s")
    ours = best_of(lambda: screen(frame_x, frame_y, ["kendall"]), 3)
    loop = best_of(lambda: [stats.kendalltau(x[:, i], y[:, j]) for i in range(20) for j in range(5)], 3)
    row("Kendall n = 5,000 x 100 pairs, `biocorr.screen`", ours, "scipy kendalltau per pair", loop)


def extras() -> None:
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(24, 2000)), rng.normal(size=(24, 5))
    frame = pd.DataFrame(np.hstack([x, y]), columns=[f"b{i}" for i in range(2000)] + [f"s{j}" for j in range(5)])
    xs, ys = list(frame.columns[:2000]), list(frame.columns[2000:])
    limit = best_of(lambda: numpy_limit(x, y), 10)
    for method in ("pearson", "spearman"):
        full = best_of(lambda m=method: correlate(frame, xs, ys, methods=[m]), 3)
        row(f"`biocorr.correlate` {method}, default extras, 10,000 pairs", full, "numpy limit", limit)


def main() -> None:
    print(f"python {sys.version.split()[0]}, numpy {np.__version__}, {os.cpu_count()} cores; best of 3 unless noted")
    print("| work | biocorr | against | time | ratio |\n| --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as tmp:
        screen_file(Path(tmp))
        wide_read(Path(tmp))
    masked()
    kendall()
    extras()


if __name__ == "__main__":
    main()
