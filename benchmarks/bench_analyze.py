"""Benchmark of the main job's hot paths (run: make bench). Not a test: it prints timings.

1. `biocorr analyze --example opt` in-process: 7 serum markers x 10 periodontal indices,
   3 methods, 3 subsets (n = 796 / ~400 per group).
2. The vectorised correlation engine vs a per-pair loop over scipy.stats
   (pearsonr, spearmanr, kendalltau) on the same pairs: the peer to beat.
3. Permutation p-values: 2,000 shuffles for the 14-patient design (TNF vs 4 scores).
"""

from __future__ import annotations

import os
import platform
import time

import numpy as np
from scipy import stats

from biocorr import analyze
from biocorr.datasets import load
from biocorr.stats.correlation import correlate_columns, pair_columns, permutation_p_values


def best_of(fn, repeat=5):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main():
    print(f"python {platform.python_version()}, numpy {np.__version__}, {os.cpu_count()} cores")
    study = load("opt")
    t_load = best_of(lambda: load("opt"), 3)
    t_analyze = best_of(lambda: analyze(study), 3)
    print(f"opt: load+validate {t_load:.3f} s; analyze (3 methods + robust, partial, detected-only rows, "
          f"leave-one-out and Cook's diagnostics; 3 subsets x 70 pairs) {t_analyze:.3f} s")
    from biocorr.report.html import write_report
    import tempfile

    results = analyze(study)
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        write_report(results, tmp, per_pair=False)
        print(f"opt: figures (PNG 300 dpi + SVG) and report.html: {time.perf_counter() - t0:.1f} s")
    hiv = load("hivsn")
    t_boot = best_of(lambda: analyze(hiv, bootstrap=2000), 1)
    print(f"hivsn: analyze with 2,000 BCa bootstrap resamples per test: {t_boot:.1f} s")

    spec = study.spec
    x = study.data[[v.column for v in spec.biomarkers]].to_numpy(float)
    y = study.data[[v.column for v in spec.scores]].to_numpy(float)
    a, b = pair_columns(x, y)
    peers = {"pearson": stats.pearsonr, "spearman": stats.spearmanr, "kendall": stats.kendalltau}
    for method, peer in peers.items():
        t_ours = best_of(lambda: correlate_columns(a, b, method))

        def loop():
            for j in range(a.shape[1]):
                ok = ~np.isnan(a[:, j])
                peer(a[ok, j], b[ok, j])

        t_loop = best_of(loop)
        print(f"{method:9s} 70 pairs, n=796: biocorr {t_ours * 1e3:7.1f} ms   "
              f"scipy per-pair loop {t_loop * 1e3:7.1f} ms")

    rng = np.random.default_rng(1)
    tnf = rng.lognormal(size=(14, 1))
    scores = tnf + rng.normal(size=(14, 4))
    a14, b14 = pair_columns(tnf, scores)
    for method in ("pearson", "spearman", "kendall"):
        t = best_of(lambda: permutation_p_values(a14, b14, method, 2000, seed=1), 3)
        print(f"permutation p, {method:9s} n=14, 4 pairs x 2,000 shuffles: {t * 1e3:7.1f} ms")


if __name__ == "__main__":
    main()
