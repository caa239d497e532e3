"""The screen over Dask: feature blocks as tasks on any scheduler (threads, a LocalCluster, a cluster).

The features are a Dask array or DataFrame (samples × features), rechunked so that each block
holds every sample and a slice of the features, or a features × samples Dask DataFrame (the
omics layout, :func:`screen_features_by_samples`: e.g. a Parquet file read in row groups, each
partition a block of features with every sample, so a table larger than any worker's memory is
never loaded whole); each block is one task running the in-memory engine's
:func:`~biocorr.screen.compute.matrix_rows` (or the pair engine for Kendall) against the
phenotypes, which every task receives whole (they are small: samples × a few columns). Only the
result rows travel back; families are adjusted on the client, exactly as in memory, so the
table equals :func:`~biocorr.screen.compute.screen`'s. Dask is an optional dependency
(``pip install 'biocorr[dask]'``); the scheduling is Dask's own, never home-made.

References
----------
Rocklin M (2015). Dask: parallel computation with blocked algorithms and task scheduling.
*Proc. 14th Python in Science Conf.*, 130-136.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from ..analysis.correlations import correlate
from ..errors import DataError, InputFileError
from ..stats.options import check_methods
from .compute import SCREEN_COLUMNS, SCREEN_METHODS, adjust_families, matrix_rows


def _block_rows(block, names: list[str], phenotypes: pd.DataFrame, methods: Sequence[str], confidence: float):
    """One task: a block of features (every sample) against every phenotype, every method."""
    x = pd.DataFrame(block, columns=names, index=phenotypes.index)
    parts = []
    for m in methods:
        rows = matrix_rows(x, phenotypes, m, confidence)
        if rows is None:
            data = pd.concat([x, phenotypes], axis=1)
            rows = correlate(data, names, list(phenotypes.columns), methods=[m], confidence=confidence,
                             diagnostics="none")  # fmt: skip
        parts.append(rows.assign(method=m)[["x", "y", "method", "n", "estimate", "ci_low", "ci_high", "p", "p_method"]])
    return pd.concat(parts, ignore_index=True)


def _feature_rows_block(block: pd.DataFrame, phenotypes: pd.DataFrame, methods: Sequence[str], confidence: float):
    """One task: a partition of a features × samples table (feature names in the index), screened."""
    samples = [str(c) for c in block.columns]
    if samples != [str(i) for i in phenotypes.index]:
        raise DataError("screen over Dask: the matrix's sample columns differ from the phenotypes' samples.")
    names = [str(i) for i in block.index]
    return _block_rows(block.to_numpy(float).T, names, phenotypes, methods, confidence)


def _numeric_phenotypes(phenotypes: pd.DataFrame) -> pd.DataFrame:
    """The phenotypes as numbers, indexed by sample name as text (the matrix's sample columns are
    matched against it); a text cell is an error that names its column and row."""
    try:
        pheno = phenotypes.astype(float)
    except (TypeError, ValueError):
        for column in phenotypes.columns:
            bad = pd.to_numeric(phenotypes[column], errors="coerce").isna() & phenotypes[column].notna()
            if bad.any():
                k = int(bad.to_numpy().argmax())
                raise DataError(
                    f"screen over Dask: phenotype '{column}' sample {phenotypes.index[k]}: "
                    f"{phenotypes[column].iloc[k]!r} is not a number (leave the cell empty for a missing value)."
                ) from None
        raise
    pheno.index = [str(i) for i in pheno.index]
    return pheno


def screen_features_by_samples(
    matrix: Any,
    phenotypes: pd.DataFrame,
    methods: Sequence[str] = ("pearson",),
    adjust: str = "bh",
    family: str = "phenotype",
    confidence: float = 0.95,
    client: Any = None,
) -> pd.DataFrame:
    """The screen of a features × samples Dask DataFrame (the omics layout), one task per partition.

    ``matrix`` has one row per feature (the feature names as its index) and one column per
    sample, named as ``phenotypes``' index (same order); e.g. ``dask.dataframe.read_parquet(path,
    index="feature")`` of a file larger than any worker's memory: each partition (a row group) is
    a block of features with every sample, read and screened by one worker.

    Parameters
    ----------
    matrix : dask.dataframe.DataFrame
    phenotypes : DataFrame
        Samples × phenotypes; its index names the samples.
    methods, adjust, family, confidence, client
        As :func:`screen_dask`.
    """
    import dask

    methods = check_methods(methods, SCREEN_METHODS)
    pheno = _numeric_phenotypes(phenotypes)
    tasks = [dask.delayed(_feature_rows_block)(part, pheno, list(methods), confidence) for part in matrix.to_delayed()]
    return _finish(tasks, methods, adjust, family, client)


def parquet_layout(path: str) -> tuple[str, list[str], int]:
    """The feature-name column, the sample columns and the number of row groups of a features ×
    samples Parquet matrix: the feature names are the pandas index stored with the file (one
    named index), else its first column; every other column is a sample."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        schema = pq.read_schema(path)
    except (OSError, pa.ArrowException) as exc:
        raise InputFileError(f"{path}: not a readable Parquet file ({type(exc).__name__}).") from None
    stored_index = [c for c in (schema.pandas_metadata or {}).get("index_columns", []) if isinstance(c, str)]
    feature = stored_index[0] if len(stored_index) == 1 else schema.names[0]
    samples = [c for c in schema.names if c != feature and c not in stored_index]
    return feature, samples, pq.ParquetFile(path).num_row_groups


def _row_group_rows(path: str, group: int, feature: str, phenotypes: pd.DataFrame, methods, confidence: float):
    """One task: row group ``group`` of the Parquet matrix, read by the worker that screens it."""
    import pyarrow.parquet as pq

    table = pq.ParquetFile(path).read_row_group(group, columns=[feature, *map(str, phenotypes.index)])
    names = [str(v) for v in table.column(feature).to_pylist()]
    try:
        values = table.drop_columns([feature]).to_pandas().to_numpy(dtype=float)
    except (TypeError, ValueError):
        raise DataError(
            f"{path}: row group {group} holds sample values that are not numbers; the matrix's columns other "
            f"than '{feature}' must be numeric."
        ) from None
    return _block_rows(values.T, names, phenotypes, methods, confidence)


def screen_parquet_row_groups(
    path: str,
    phenotypes: pd.DataFrame,
    methods: Sequence[str] = ("pearson",),
    adjust: str = "bh",
    family: str = "phenotype",
    confidence: float = 0.95,
    client: Any = None,
) -> pd.DataFrame:
    """The screen of a features × samples Parquet file, one Dask task per row group, each task
    reading its own row group where it runs: nothing but the phenotypes and the result rows
    passes between the client and the workers (every worker must see the file at ``path``).

    Measured on one 2-core machine (``benchmarks/bench_dask.py``: 2,000 samples × 25,000
    features × 10 phenotypes in row groups of 2,500), one worker process costs 1.2× a plain
    loop over the row groups in one process and two workers 0.65×; the same tasks built from
    ``dask.dataframe.read_parquet`` partitions cost 2.2× and 1.5× (each task carried the
    2,000-column read). Use :func:`screen_features_by_samples` for a Dask DataFrame from
    elsewhere.

    Parameters
    ----------
    path : str
        The matrix: one row per feature, the feature names in its stored pandas index or first
        column, one column per sample (:func:`parquet_layout`).
    phenotypes : DataFrame
        Samples × phenotypes; its index names every sample column of the matrix.
    methods, adjust, family, confidence, client
        As :func:`screen_dask`.

    Returns
    -------
    DataFrame
        The columns of :func:`~biocorr.screen.compute.screen`, its row order and numbers.

    Examples
    --------
    >>> import tempfile, numpy as np
    >>> rng = np.random.default_rng(1)
    >>> y = pd.DataFrame({"pain": rng.normal(size=6)}, index=[f"s{i}" for i in range(6)])
    >>> m = pd.DataFrame(rng.normal(size=(4, 6)), columns=y.index).assign(feature=["a", "b", "c", "d"])
    >>> path = tempfile.mkdtemp() + "/m.parquet"; m.set_index("feature").to_parquet(path, row_group_size=2)
    >>> screen_parquet_row_groups(path, y)[["feature", "n"]].values.tolist()  # the stored index names them
    [['a', 6], ['b', 6], ['c', 6], ['d', 6]]
    """
    import dask

    methods = check_methods(methods, SCREEN_METHODS)
    feature, samples, groups = parquet_layout(path)
    known = {str(i) for i in phenotypes.index}
    absent = [s for s in samples if s not in known]
    if absent:
        raise DataError(f"{len(absent)} sample(s) of the matrix are not in the sample sheet: {', '.join(absent[:10])}.")
    pheno = _numeric_phenotypes(phenotypes).loc[samples]
    tasks = [
        dask.delayed(_row_group_rows)(str(path), group, feature, pheno, list(methods), confidence)
        for group in range(groups)
    ]
    return _finish(tasks, methods, adjust, family, client)


def _finish(tasks: list, methods: Sequence[str], adjust: str, family: str, client: Any) -> pd.DataFrame:
    import dask

    parts = client.compute(tasks, sync=True) if client is not None else dask.compute(*tasks)
    rows = pd.concat(parts, ignore_index=True)
    # the in-memory order: method, then feature, then phenotype
    rows["_m"] = rows["method"].map({m: i for i, m in enumerate(methods)})
    rows = rows.sort_values(["_m"], kind="stable").drop(columns="_m").reset_index(drop=True)
    table = rows.rename(columns={"x": "feature", "y": "phenotype"})
    return adjust_families(table, adjust, family)[SCREEN_COLUMNS]


def screen_dask(
    features: Any,
    phenotypes: pd.DataFrame,
    methods: Sequence[str] = ("pearson",),
    adjust: str = "bh",
    family: str = "phenotype",
    confidence: float = 0.95,
    features_per_task: int = 2000,
    feature_names: Sequence[str] | None = None,
    client: Any = None,
) -> pd.DataFrame:
    """:func:`~biocorr.screen.compute.screen` with the features as a Dask collection.

    Parameters
    ----------
    features : dask.dataframe.DataFrame or dask.array.Array
        Samples × features, rows in the order of ``phenotypes``.
    phenotypes : DataFrame
        Samples × phenotypes (in memory).
    methods, adjust, family, confidence
        As :func:`~biocorr.screen.compute.screen` (covariates and permutations: in memory only).
    features_per_task : int
        Features per task (each task holds samples × this many values, twice).
    feature_names : sequence of str, optional
        Names of a Dask array's columns (a DataFrame's own names are used).
    client : distributed.Client, optional
        Where to run (default: the current Dask scheduler).

    Returns
    -------
    DataFrame
        The columns of :func:`~biocorr.screen.compute.screen`, in the same row order.
    """
    import dask
    import dask.array as da

    methods = check_methods(methods, SCREEN_METHODS)
    if hasattr(features, "to_dask_array"):
        feature_names = [str(c) for c in features.columns]
        array = features.to_dask_array(lengths=True)
    elif isinstance(features, da.Array):
        if feature_names is None:
            raise DataError("screen over Dask: a Dask array needs feature_names.")
        array = features
    else:
        raise DataError("screen over Dask: features must be a Dask DataFrame or array.")
    names = list(feature_names)
    if array.shape[0] != len(phenotypes):
        raise DataError(f"screen over Dask: {array.shape[0]} feature rows but {len(phenotypes)} phenotype rows.")
    pheno = _numeric_phenotypes(phenotypes)  # converted once, not once per task
    array = array.astype(float).rechunk((array.shape[0], features_per_task))
    starts = [0, *list(pd.Series(array.chunks[1]).cumsum())]
    tasks = [
        dask.delayed(_block_rows)(block, names[a:b], pheno, list(methods), confidence)
        for block, a, b in zip(array.to_delayed().ravel(), starts[:-1], starts[1:])
    ]
    return _finish(tasks, methods, adjust, family, client)
