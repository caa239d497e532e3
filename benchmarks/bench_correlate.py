"""The public API against its engine, the numpy limit and scipy, in one run (issue #16).

Workloads:
- a 24-sample x 2,000-biomarker x 5-score screen (10,000 pairs), Pearson and Spearman, with
  biocorr.correlate's default extras (leave-one-out, Cook's distance, BF10) and without them;
- Kendall at n = 5,000 x 100 pairs (20 biomarkers x 5 scores).

The numpy limit is: standardise, one matrix product, t p-values, Benjamini-Hochberg.
Ratios are printed from the same run. Run with ``python benchmarks/bench_correlate.py``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from bench_analyze import best_of  # one timing helper for every benchmark (run from benchmarks/ or the root)
from scipy import stats
from scipy.special import stdtr
from statsmodels.stats.multitest import multipletests

from biocorr import correlate
from biocorr.stats.correlation import correlate_columns, pair_columns


def numpy_limit(x: np.ndarray, y: np.ndarray) -> None:
    n = len(x)
    zx = (x - x.mean(0)) / x.std(0)
    zy = (y - y.mean(0)) / y.std(0)
    r = zx.T @ zy / n
    t = r * np.sqrt((n - 2) / (1 - r * r))
    p = 2 * stdtr(n - 2, -np.abs(t))
    multipletests(p.ravel(), method="fdr_bh")


def scipy_loop(x: np.ndarray, y: np.ndarray, test) -> None:
    for i in range(x.shape[1]):
        for j in range(y.shape[1]):
            test(x[:, i], y[:, j])


def main() -> None:
    rng = np.random.default_rng(0)
    n, p, q = 24, 2000, 5
    x, y = rng.normal(size=(n, p)), rng.normal(size=(n, q))
    frame = pd.DataFrame(np.hstack([x, y]), columns=[f"b{i}" for i in range(p)] + [f"s{j}" for j in range(q)])
    xs, ys = list(frame.columns[:p]), list(frame.columns[p:])
    limit = best_of(lambda: numpy_limit(x, y), 10)
    print(f"screen 24 x 2,000 x 5 (10,000 pairs); numpy limit {limit * 1e3:.1f} ms")
    for method, test in (("pearson", stats.pearsonr), ("spearman", stats.spearmanr)):
        a, b = pair_columns(x, y)
        engine = best_of(lambda: correlate_columns(a, b, method))
        full = best_of(lambda: correlate(frame, xs, ys, methods=[method]))
        bare = best_of(lambda: correlate(frame, xs, ys, methods=[method], diagnostics="none"))
        loop = best_of(lambda: scipy_loop(x, y, test), 1)
        print(
            f"  {method:8s} engine {engine * 1e3:7.1f} ms | correlate, default extras {full:6.3f} s "
            f"({full / limit:5.0f}x limit) | no extras {bare:6.3f} s ({bare / limit:4.0f}x) | "
            f"scipy loop {loop:5.2f} s ({loop / full:4.1f}x slower than correlate)"
        )
    n, p, q = 5000, 20, 5
    x, y = rng.normal(size=(n, p)), rng.normal(size=(n, q))
    frame = pd.DataFrame(np.hstack([x, y]), columns=[f"b{i}" for i in range(p)] + [f"s{j}" for j in range(q)])
    xs, ys = list(frame.columns[:p]), list(frame.columns[p:])
    a, b = pair_columns(x, y)
    engine = best_of(lambda: correlate_columns(a, b, "kendall"), 1)
    full = best_of(lambda: correlate(frame, xs, ys, methods=["kendall"]), 1)
    loop = best_of(lambda: scipy_loop(x, y, stats.kendalltau), 1)
    print(
        f"kendall n = 5,000 x 100 pairs: engine {engine:.2f} s | correlate with leave-one-out {full:.2f} s | "
        f"scipy loop (no leave-one-out) {loop:.2f} s"
    )


if __name__ == "__main__":
    main()
