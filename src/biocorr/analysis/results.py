"""The :class:`Results` of one analysis: tidy tables plus the study they came from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..columns import CORRELATIONS_SCHEMA, DIFFERENCES_SCHEMA, build_table
from ..data.study import Study

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
    differences : DataFrame
        Differences between correlations: each pair of groups, and each pair of scores within a
        subset (:func:`biocorr.analysis.differences.correlation_differences`).
    """

    study: Study
    correlations: pd.DataFrame
    group_comparisons: pd.DataFrame
    descriptives: pd.DataFrame
    warnings: pd.DataFrame
    matrices: pd.DataFrame = field(default_factory=lambda: build_table(CORRELATIONS_SCHEMA))
    differences: pd.DataFrame = field(default_factory=lambda: build_table(DIFFERENCES_SCHEMA))

    @property
    def exclusions(self) -> pd.DataFrame:
        """Excluded cells and rows with reasons (from validation)."""
        return self.study.exclusions

    @property
    def confidence(self) -> float:
        """The confidence level of every interval in these results."""
        return self.study.spec.analysis.confidence

    def __repr__(self) -> str:
        opts = self.study.spec.analysis
        return (
            f"Results({self.study.source}: {len(self.correlations)} correlation rows, {len(self.group_comparisons)} "
            f"group comparisons, {len(self.warnings)} warnings, {len(self.exclusions)} exclusions; primary method "
            f"{opts.primary_method}; .summary() for the findings)"
        )

    def write_report(self, out_dir: str | Path, **kwargs: Any) -> Path:
        """Write ``report.html`` (self-contained) and ``figures/`` into ``out_dir``.

        Parameters
        ----------
        out_dir : path
            Created if missing.
        **kwargs
            As :func:`biocorr.report.html.write_report` (``per_pair``, ``verdicts``, ``qpcr``, ...).

        Returns
        -------
        Path of report.html

        Examples
        --------
        >>> import biocorr, tempfile
        >>> results = biocorr.analyze(biocorr.datasets.load("hivsn"))
        >>> results.write_report(tempfile.mkdtemp(), per_pair=False).name
        'report.html'
        """
        # The report is a view one layer above the results: imported when it is asked for (the
        # architecture test allows this one call-time import and no other).
        from ..report.html import write_report

        return write_report(self, out_dir, **kwargs)

    def summary(self) -> pd.DataFrame:
        """The findings: the primary method's correlations that survive adjustment (else the strongest three).

        Columns: ``biomarker, score, subset, method, estimate, ci_low, ci_high, p_adjusted, n,
        caution, survives`` (``survives``: adjusted p < .05 within family). The same rows as the
        report's first screen. The ``biomarker`` column holds the first variable of each pair (a
        score in a study of scores only, whose pairs are a score with each later score).

        Examples
        --------
        >>> from biocorr import analyze, datasets
        >>> s = analyze(datasets.load("hivsn")).summary()
        >>> list(s.columns[:4]), bool(s["survives"].all())
        (['biomarker', 'score', 'subset', 'method'], True)
        """
        from .summary import primary_findings

        rows, survive = primary_findings(self)
        out = rows.rename(columns={"x_label": "biomarker", "y_label": "score"})[
            ["biomarker", "score", "subset", "method", "estimate", "ci_low", "ci_high", "p_adjusted", "n", "caution"]
        ]
        return out.assign(survives=survive).reset_index(drop=True)

    def _repr_html_(self) -> str:
        """A notebook shows the study in one line and the findings table."""
        import html

        opts = self.study.spec.analysis
        sizes = ", ".join(f"{name} n = {int(mask.sum())}" for name, mask in self.study.subsets())
        head = (
            f"<p><strong>biocorr results</strong>: {html.escape(str(self.study.source))} ({html.escape(sizes)}); "
            f"{len(self.correlations)} correlation rows; primary method {html.escape(opts.primary_method)}, "
            f"p adjusted by {html.escape(opts.adjust)} within family. Findings:</p>"
        )
        return head + self.summary().to_html(index=False, float_format=lambda v: f"{v:.3g}", na_rep="")
