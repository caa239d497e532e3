"""The screen of a features x samples Parquet matrix: Dask (threads; a LocalCluster of 1 and 2
worker processes) against a plain streaming numpy loop over the same row groups (issue #29).

Workload (simulated, seeded; ``--samples`` changes the first number): 200 samples x 25,000
features x 10 phenotypes (250,000 Pearson tests), 5% missing values, written as Parquet in row
groups of 2,500 features. Every variant reads the file itself, one row group at a time, and
returns the same table (checked to 1e-12 against the in-memory screen). Best of ``--repeat``
runs (default 3), all in one process. Run with ``python benchmarks/bench_dask.py``.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from threadpoolctl import threadpool_limits

from biocorr.screen.compute import SCREEN_COLUMNS, adjust_families, matrix_rows, screen
from biocorr.screen.distributed import screen_features_by_samples, screen_parquet_row_groups

SAMPLES, FEATURES, PHENOTYPES, ROW_GROUP = 200, 25_000, 10, 2_500


def write_matrix(folder: str) -> tuple[str, pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(29)
    latent = rng.normal(size=SAMPLES)
    x = rng.normal(size=(FEATURES, SAMPLES)) + 0.3 * latent[None, :] * (np.arange(FEATURES) < 250)[:, None]
    x[rng.random(x.shape) < 0.05] = np.nan
    samples = [f"s{i}" for i in range(SAMPLES)]
    table = pd.DataFrame(x, columns=samples)
    table.insert(0, "feature", [f"f{i}" for i in range(FEATURES)])
    path = os.path.join(folder, "matrix.parquet")
    pq.write_table(pa.Table.from_pandas(table, preserve_index=False), path, row_group_size=ROW_GROUP)
    y = rng.normal(size=(SAMPLES, PHENOTYPES)) + 0.5 * latent[:, None]
    phenotypes = pd.DataFrame(y, index=samples, columns=[f"y{j}" for j in range(PHENOTYPES)])
    return path, phenotypes, table.set_index("feature").T


def streaming_numpy(path: str, phenotypes: pd.DataFrame) -> pd.DataFrame:
    """The baseline: read one row group, screen it, keep its rows; adjust at the end."""
    parts = []
    handle = pq.ParquetFile(path)
    for i in range(handle.num_row_groups):
        block = handle.read_row_group(i).to_pandas().set_index("feature")
        x = pd.DataFrame(block.to_numpy(float).T, columns=block.index, index=phenotypes.index)
        parts.append(matrix_rows(x, phenotypes, "pearson", 0.95).assign(method="pearson"))
    rows = pd.concat(parts, ignore_index=True).rename(columns={"x": "feature", "y": "phenotype"})
    return adjust_families(rows, "bh", "phenotype")[SCREEN_COLUMNS]


def best(run, repeat: int) -> tuple[float, pd.DataFrame]:
    times, out = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        out = run()
        times.append(time.perf_counter() - start)
    return min(times), out


def main() -> None:
    import dask
    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--samples", type=int, default=SAMPLES)
    args = parser.parse_args()
    repeat = args.repeat
    globals()["SAMPLES"] = args.samples
    with tempfile.TemporaryDirectory() as folder:
        path, phenotypes, in_memory = write_matrix(folder)
        reference = screen(in_memory, phenotypes)

        def over_dask(client=None):  # what biocorr screen --scheduler runs: each task reads its row group
            return screen_parquet_row_groups(path, phenotypes, client=client)

        def over_dask_dataframe(client=None):  # tasks from dask.dataframe.read_parquet partitions
            matrix = dd.read_parquet(path, index="feature", split_row_groups=True)
            return screen_features_by_samples(matrix, phenotypes, client=client)

        rows = []
        seconds, table = best(lambda: streaming_numpy(path, phenotypes), repeat)
        rows.append(("streaming numpy loop (one process, row group by row group; BLAS on every core)", seconds, table))
        with threadpool_limits(1):
            seconds, table = best(lambda: streaming_numpy(path, phenotypes), repeat)
        rows.append(("the same loop, BLAS on one thread", seconds, table))
        with dask.config.set(scheduler="threads", num_workers=2):
            seconds, table = best(over_dask, repeat)
        rows.append(("Dask threads (2)", seconds, table))
        for workers in (1, 2):
            with (
                LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
                ) as cluster,
                Client(cluster) as client,
            ):
                over_dask(client)  # the workers import biocorr once, outside the timing
                seconds, table = best(lambda: over_dask(client), repeat)
                rows.append((f"Dask LocalCluster, {workers} worker process(es) x 1 thread (tcp)", seconds, table))
                seconds, table = best(lambda: over_dask_dataframe(client), repeat)
                rows.append(("  the same from dask.dataframe.read_parquet partitions", seconds, table))
        base = rows[0][1]
        print(
            f"{SAMPLES} samples x {FEATURES:,} features x {PHENOTYPES} phenotypes ({FEATURES * PHENOTYPES:,} tests), "
            f"row groups of {ROW_GROUP:,}; best of {repeat}"
        )
        print("| variant | time | vs streaming |\n| --- | --- | --- |")
        for name, seconds, table in rows:
            for column in ("estimate", "p", "p_adjusted"):
                diff = np.nanmax(np.abs(table[column].to_numpy() - reference[column].to_numpy()))
                assert diff <= 1e-12, (name, column, diff)
            print(f"| {name} | {seconds:.2f} s | {seconds / base:.2f}x |")


if __name__ == "__main__":
    main()
