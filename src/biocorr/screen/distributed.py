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
from ..errors import DataError
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

    pheno = phenotypes.astype(float)
    pheno.index = [str(i) for i in pheno.index]
    tasks = [dask.delayed(_feature_rows_block)(part, pheno, list(methods), confidence) for part in matrix.to_delayed()]
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
    array = array.astype(float).rechunk((array.shape[0], features_per_task))
    starts = [0, *list(pd.Series(array.chunks[1]).cumsum())]
    tasks = [
        dask.delayed(_block_rows)(block, names[a:b], phenotypes.astype(float), list(methods), confidence)
        for block, a, b in zip(array.to_delayed().ravel(), starts[:-1], starts[1:])
    ]
    return _finish(tasks, methods, adjust, family, client)
