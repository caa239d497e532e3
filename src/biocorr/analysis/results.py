"""The :class:`Results` of one analysis: tidy tables plus the study they came from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from ..columns import CORRELATIONS_SCHEMA, build_table
from ..study import Study

Progress = Callable[[int], None]
"""A progress callback: receives the number of work units just done."""


@dataclass(frozen=True)
class Results:
    """Everything one analysis produced, as tidy DataFrames.

    Attributes
    ----------
    study : Study
        The validated data, with the spec whose options the analysis used.
    correlations, group_comparisons, descriptives : DataFrame
        See :mod:`biocorr.columns` for their columns.
    warnings : DataFrame
        Data warnings from validation plus analysis warnings (per subset).
    matrices : DataFrame
        Correlations among the biomarkers and among the scores (collinearity), in the columns
        of ``correlations``; each matrix is its own family (see
        :func:`biocorr.analysis.matrices.correlation_matrix`).
    """

    study: Study
    correlations: pd.DataFrame
    group_comparisons: pd.DataFrame
    descriptives: pd.DataFrame
    warnings: pd.DataFrame
    matrices: pd.DataFrame = field(default_factory=lambda: build_table(CORRELATIONS_SCHEMA))

    @property
    def exclusions(self) -> pd.DataFrame:
        """Excluded cells and rows with reasons (from validation)."""
        return self.study.exclusions

    @property
    def confidence(self) -> float:
        """The confidence level of every interval in these results."""
        return self.study.spec.analysis.confidence
