"""biocorr: correlations between biomarkers and clinical scores, computed, reported and checked.

The Python API returns tidy pandas DataFrames:

>>> import biocorr
>>> study = biocorr.datasets.load("hivsn")          # or biocorr.load("data.csv", "spec.toml")
>>> results = biocorr.analyze(study)
>>> list(results.correlations.columns[:6])
['x', 'y', 'x_label', 'y_label', 'subset', 'method']
"""

from __future__ import annotations

from pathlib import Path

from . import datasets
from .analysis import Results, add_bootstrap, analyze, compare_groups, correlate, describe
from .errors import BiocorrError, DataError, InputFileError, SpecError
from .io import read_table
from .stats.correlation import CorrelationResult, correlation_test
from .stats.multiplicity import adjust_p
from .study import StudySpec, load_spec, parse_spec
from .validate import Study, validate

__all__ = [
    "BiocorrError", "CorrelationResult", "DataError", "InputFileError", "Results", "SpecError",
    "Study", "StudySpec", "add_bootstrap", "adjust_p", "analyze", "compare_groups", "correlate", "correlation_test",
    "datasets", "describe", "load", "load_spec", "parse_spec", "read_table", "validate",
]


def load(data: str | Path, spec: str | Path | StudySpec, sheet: str | None = None) -> Study:
    """Read a per-subject table and validate it against a study spec.

    Parameters
    ----------
    data : path
        CSV/TSV/XLSX file.
    spec : path or StudySpec
        TOML spec file, or an already parsed spec.
    sheet : str, optional
        XLSX sheet (default: the spec's ``[data] sheet``, else the first).

    Returns
    -------
    Study
        Validated data with exclusions and warnings.

    Examples
    --------
    >>> s = load(datasets.data_path("opt"), datasets.spec_path("opt"))
    >>> len(s.data)
    823
    """
    spec_obj = spec if isinstance(spec, StudySpec) else load_spec(spec)
    return validate(read_table(data, sheet=sheet or spec_obj.sheet), spec_obj)
