"""From a validated :class:`~biocorr.data.study.Study` to :class:`Results`: pure computation, no files.

Modules: :mod:`.correlations` (correlation rows and their diagnostics), :mod:`.groups`
(descriptives, group comparisons), :mod:`.families` (multiple-testing families),
:mod:`.checks` (analysis warnings), :mod:`.repeated` (long data: repeated-measures
correlation), :mod:`.matrices` (biomarker x biomarker and score x score), :mod:`.run`
(:func:`analyze`, the whole job) and :mod:`.results` (the :class:`Results` type).
"""

from __future__ import annotations

from .correlations import bootstrap_rows, correlate, join_notes, partial_rows
from .families import family_name
from .groups import compare_groups, describe
from .matrices import correlation_matrix, matrix_rows
from .repeated import rmcorr
from .results import Progress, Results
from .run import add_bootstrap, analysis_work, analyze

__all__ = [
    "Progress",
    "Results",
    "add_bootstrap",
    "analysis_work",
    "analyze",
    "bootstrap_rows",
    "compare_groups",
    "correlate",
    "correlation_matrix",
    "describe",
    "family_name",
    "join_notes",
    "matrix_rows",
    "partial_rows",
    "rmcorr",
]
