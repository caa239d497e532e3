"""Helpers shared by the tests: paths to the R reference values, and agreement checks."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

FIXTURES = Path(__file__).parent / "fixtures"
R_TOL = 1e-10
"""Deterministic statistics must agree with R to this absolute tolerance."""


def read_fixture(name: str) -> pd.DataFrame:
    """A reference CSV written by fixtures/make_reference.R (NA -> NaN)."""
    return pd.read_csv(FIXTURES / name, na_values=["NA"], keep_default_na=False)


def assert_close(actual, expected, tol: float = R_TOL, what: str = "") -> None:
    """Absolute agreement, NaN matching NaN."""
    actual = np.asarray(actual, float)
    expected = np.asarray(expected, float)
    assert actual.shape == expected.shape, what
    same = (np.isnan(actual) & np.isnan(expected)) | (actual == expected)  # NaN/NaN, Inf/Inf
    with np.errstate(invalid="ignore"):
        diff = np.where(same, 0.0, np.abs(actual - expected))
    bad = ~(diff <= tol)
    assert not bad.any(), (
        f"{what}: {bad.sum()} value(s) differ by more than {tol:g}; "
        f"worst {np.nanmax(diff):.3g} (actual {actual[bad][:3]}, expected {expected[bad][:3]})"
    )
