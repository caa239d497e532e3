"""Deprecated: the spec moved to :mod:`biocorr.spec`, the Study to :mod:`biocorr.data.study`.
Kept for one release so 0.2 code still imports."""

from __future__ import annotations

from .data.study import Study
from .spec import AnalysisOptions, StudySpec, Variable, load_spec, parse_analysis, parse_spec

__all__ = ["AnalysisOptions", "Study", "StudySpec", "Variable", "load_spec", "parse_analysis", "parse_spec"]
