"""Benchmark of the main job's hot paths (run: make bench). Not a test: it prints timings.

1. `biocorr analyze --example opt` in-process: 7 serum markers x 10 periodontal indices,
   3 methods, 3 subsets (n = 796 / ~400 per group).
2. The same with 2,000 BCa bootstrap resamples per row, per method, and the whole
   command line (figures and report.html included) as a user runs it.
3. The vectorised correlation engine vs a per-pair loop over scipy.stats
   (pearsonr, spearmanr, kendalltau) on the same pairs: the peer to beat; and the
   batched bootstrap vs scipy.stats.bootstrap on one pair.
4. Permutation p-values: 2,000 shuffles for the 14-patient design (TNF vs 4 scores), Kendall's
   on 7 of opt's pairs (n = 796), and the command `biocorr analyze --example opt --permutations 2000`.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import tempfile
import time

import numpy as np
from scipy import stats

from biocorr import analyze
from biocorr.datasets import load
from biocorr.stats.bootstrap import bootstrap_ci_columns
from biocorr.stats.correlation import correlate_columns, pair_columns, permutation_p_values
from biocorr.stats.diagnostics import method_columns


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
    print(
        f"opt: load+validate {t_load:.3f} s; analyze (3 methods + robust, partial, detected-only rows, "
        f"leave-one-out and Cook's diagnostics; 3 subsets x 70 pairs) {t_analyze:.3f} s"
    )
    from biocorr.report.html import write_report

    results = analyze(study)
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        write_report(results, tmp, per_pair=False)
        print(f"opt: figures (PNG 300 dpi + SVG) and report.html: {time.perf_counter() - t0:.1f} s")
    t_boot = best_of(lambda: analyze(study, bootstrap=2000), 1)
    print(f"opt: analyze with every diagnostic and 2,000 BCa resamples per row: {t_boot:.1f} s")
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "biocorr.cli",
                "analyze",
                "--example",
                "opt",
                "--bootstrap",
                "2000",
                "--out",
                tmp,
                "--quiet",
            ],
            check=True,
        )
        print(
            f"opt: the command `biocorr analyze --example opt --bootstrap 2000` (40 figures, report): "
            f"{time.perf_counter() - t0:.1f} s"
        )
    hiv = load("hivsn")
    t_boot = best_of(lambda: analyze(hiv, bootstrap=2000), 1)
    print(f"hivsn: analyze with 2,000 BCa bootstrap resamples per row: {t_boot:.1f} s")

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
        print(
            f"{method:9s} 70 pairs, n=796: biocorr {t_ours * 1e3:7.1f} ms   scipy per-pair loop {t_loop * 1e3:7.1f} ms"
        )

    for method in ("pearson", "spearman", "kendall", "percbend", "bicor"):
        t = best_of(lambda: bootstrap_ci_columns(a, b, method, 2000, 0.95, seed=1), 1)
        print(f"BCa bootstrap {method:9s} 70 pairs, n=796, 2,000 resamples: biocorr {t:6.2f} s", end="   ")
        j = 40  # CRP x gingival index (TNF-alpha, column 0, has no biweight estimate: 74% tied)
        ok = ~np.isnan(a[:, j])

        def one_pair(xs, ys, axis=-1):
            xs, ys = np.moveaxis(xs, axis, -1), np.moveaxis(ys, axis, -1)
            est = method_columns(xs.reshape(-1, xs.shape[-1]).T, ys.reshape(-1, ys.shape[-1]).T, method).estimate
            return est.reshape(xs.shape[:-1])

        t_one = best_of(
            lambda: stats.bootstrap(
                (a[ok, j], b[ok, j]),
                one_pair,
                paired=True,
                vectorized=True,
                n_resamples=2000,
                method="BCa",
                batch=200,
                rng=np.random.default_rng(1),
            ),
            1,
        )
        print(f"scipy.stats.bootstrap, one pair: {t_one:6.2f} s (x70 = {70 * t_one:6.0f} s)")

    rng = np.random.default_rng(1)
    tnf = rng.lognormal(size=(14, 1))
    scores = tnf + rng.normal(size=(14, 4))
    a14, b14 = pair_columns(tnf, scores)
    for method in ("pearson", "spearman", "kendall"):
        t = best_of(lambda: permutation_p_values(a14, b14, method, 2000, seed=1), 3)
        print(f"permutation p, {method:9s} n=14, 4 pairs x 2,000 shuffles: {t * 1e3:7.1f} ms")
    t = best_of(lambda: permutation_p_values(a[:, :7], b[:, :7], "kendall", 2000, seed=1), 1)
    print(f"permutation p, kendall   n=796, 7 pairs x 2,000 shuffles: {t:7.1f} s")
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "biocorr.cli", "analyze", "--example", "opt", "--permutations", "2000",
                        "--no-report", "--out", tmp, "--quiet"], check=True)  # fmt: skip
        print(f"opt: `biocorr analyze --example opt --permutations 2000 --no-report`: {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
