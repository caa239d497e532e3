"""The spec's per-variable transforms (log, log2, log10, log1p) and limits on the transformed scale."""

from __future__ import annotations

import numpy as np

__all__ = ["TRANSFORM_FUNCTIONS", "limit_in_data_units", "transformed"]


TRANSFORM_FUNCTIONS = {"log": np.log, "log2": np.log2, "log10": np.log10, "log1p": np.log1p}


def transformed(values: np.ndarray, transform: str | None) -> np.ndarray:
    """Values under a spec transform (the identity for None); NaN where it is undefined.

    Examples
    --------
    >>> transformed(np.array([1.0, 100.0, 0.0]), "log10").tolist()
    [0.0, 2.0, nan]
    """
    if transform is None:
        return np.asarray(values, float)
    v = np.asarray(values, float)
    floor = -1.0 if transform == "log1p" else 0.0
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(v > floor, TRANSFORM_FUNCTIONS[transform](np.where(v > floor, v, 1.0)), np.nan)


def limit_in_data_units(var) -> float | None:
    """A variable's declared lower limit on the scale of the analysed data (after its transform).

    Examples
    --------
    >>> from biocorr.spec import Variable
    >>> limit_in_data_units(Variable("IL6", "biomarker", "IL-6", lower_limit=100.0, transform="log10"))
    2.0
    """
    if var.lower_limit is None:
        return None
    return float(transformed(np.array([var.lower_limit]), var.transform)[0])
