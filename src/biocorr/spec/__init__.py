"""The study spec: TOML -> :class:`StudySpec`. Nothing here reads a data file.

Modules: :mod:`.model` (the spec and ``[analysis]``), :mod:`.variables` (one ``[[biomarker]]``,
``[[score]]`` or ``[[covariate]]`` entry), :mod:`.derived` (derived variables), :mod:`.transforms`
(log and other transforms), :mod:`.toml_checks` (shapes of TOML values), :mod:`.qpcr` (the
``[qpcr]`` section) and :mod:`.scales` (the catalogue of clinical scales drafts take ranges from).
"""

from __future__ import annotations

from .model import AnalysisOptions, StudySpec, Variable, load_spec, parse_analysis, parse_spec

__all__ = ["AnalysisOptions", "StudySpec", "Variable", "load_spec", "parse_analysis", "parse_spec"]
