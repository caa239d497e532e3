"""biocorr.screen against the numpy limit, a scipy loop and R psych::corr.test, in one run (issue #15).

Workloads (simulated, seeded):
- 24 samples x 2,000 features x 5 phenotypes (10,000 tests), Pearson, BH within each phenotype;
- 200 samples x 20,000 features x 10 phenotypes (200,000 tests), Pearson and Spearman, with 5%
  missing values (pairwise-complete n);
- max-T: 50 samples x 20,000 features x 10 phenotypes with 10,000 shared permutations.

The numpy limit: standardise, one matrix product, t p-values, Benjamini-Hochberg (complete data
only). R: psych::corr.test(x, y, adjust = "BH") timed inside Rscript (when Rscript and psych are
installed). pingouin is timed when installed. Peak memory from the process's ru_maxrss.
Run with ``python benchmarks/bench_screen.py``.
"""

from __future__ import annotations

import os
import platform
import resource
import shutil
import subprocess
import tempfile
import time

import numpy as np
import pandas as pd
from bench_analyze import best_of
from bench_correlate import numpy_limit
from scipy import stats

from biocorr.screen.compute import screen


def simulated(n: int, p: int, q: int, missing: float = 0.0, seed: int = 1) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    latent = rng.normal(size=n)
    x = rng.normal(size=(n, p)) + 0.3 * latent[:, None] * (np.arange(p) < p // 100)[None, :]
    y = rng.normal(size=(n, q)) + 0.5 * latent[:, None]
    if missing:
        x[rng.random(x.shape) < missing] = np.nan
    features = pd.DataFrame(x, columns=[f"f{i}" for i in range(p)])
    return features, pd.DataFrame(y, columns=[f"y{j}" for j in range(q)])


def r_psych_seconds(x: pd.DataFrame, y: pd.DataFrame) -> float | None:
    if shutil.which("Rscript") is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        x.to_csv(f"{tmp}/x.csv", index=False)
        y.to_csv(f"{tmp}/y.csv", index=False)
        code = (
            "suppressPackageStartupMessages(library(psych)); x <- read.csv(commandArgs(TRUE)[1]); "
            "y <- read.csv(commandArgs(TRUE)[2]); t <- system.time(corr.test(x, y, adjust = 'BH', ci = FALSE))"
            "[['elapsed']]; cat(t)"
        )
        run = subprocess.run(["Rscript", "-e", code, f"{tmp}/x.csv", f"{tmp}/y.csv"], capture_output=True, text=True)
        return float(run.stdout) if run.returncode == 0 and run.stdout else None


def pingouin_seconds(x: pd.DataFrame, y: pd.DataFrame) -> float | None:
    try:
        import pingouin as pg
    except ImportError:
        return None
    data = pd.concat([x, y], axis=1)
    t0 = time.perf_counter()
    pg.pairwise_corr(data, columns=[list(x.columns), list(y.columns)], padjust="fdr_bh")
    return time.perf_counter() - t0


def main() -> None:
    print(f"python {platform.python_version()}, numpy {np.__version__}, {os.cpu_count()} cores")
    x, y = simulated(24, 2000, 5)
    limit = best_of(lambda: numpy_limit(x.to_numpy(), y.to_numpy()))
    ours = best_of(lambda: screen(x, y, ["pearson"], adjust="bh"))
    loop = best_of(lambda: [stats.pearsonr(x[c], y[k]) for c in x.columns for k in y.columns], 1)
    print(f"24 x 2,000 x 5 Pearson: numpy limit {limit * 1e3:.1f} ms; biocorr.screen {ours * 1e3:.1f} ms "
          f"({ours / limit:.1f}x the limit); scipy loop {loop:.2f} s ({loop / ours:.0f}x biocorr)")  # fmt: skip
    r_time = r_psych_seconds(x, y)
    if r_time is not None:
        print(f"  R psych::corr.test {r_time:.2f} s ({r_time / ours:.0f}x biocorr)")
    pg_time = pingouin_seconds(x, y)
    print(
        f"  pingouin pairwise_corr {pg_time:.2f} s ({pg_time / ours:.0f}x biocorr)"
        if pg_time
        else "  pingouin: not installed"
    )

    x, y = simulated(200, 20000, 10, missing=0.05)
    for method in ("pearson", "spearman"):
        t = best_of(lambda m=method: screen(x, y, [m], adjust="bh", memory="1GB"), 1)
        print(f"200 x 20,000 x 10, 5% missing, {method}: {t:.1f} s ({200_000 / t:,.0f} tests/s)")
    x, y = simulated(50, 20000, 10)
    t = best_of(lambda: screen(x, y, ["pearson"], permutations=10_000, memory="1GB"), 1)
    print(f"max-T, 50 x 20,000 x 10 (one family per phenotype), 10,000 shared permutations: {t:.1f} s")
    print(f"peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
