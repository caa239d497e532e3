"""biocorr: correlations between biomarkers and clinical scores, computed, reported and checked.

The Python API returns tidy pandas DataFrames:

>>> import biocorr
>>> study = biocorr.datasets.load("hivsn")          # or biocorr.load("data.csv", "spec.toml")
>>> results = biocorr.analyze(study)
>>> list(results.correlations.columns[:6])
['x', 'y', 'x_label', 'y_label', 'subset', 'method']

Names are imported on first use, so ``import biocorr`` (and the ``biocorr`` command's
``--help``) does not load numpy, pandas or matplotlib until they are needed.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import datasets
from .errors import BiocorrError, DataError, InputFileError, SpecError

if TYPE_CHECKING:  # what the lazy names below resolve to
    from .analysis import (
        Results,
        add_bootstrap,
        analyze,
        compare_groups,
        correlate,
        correlation_matrix,
        describe,
        rmcorr,
    )
    from .data.read import read_table
    from .data.study import Study
    from .data.validate import validate
    from .qpcr.join import load_with_qpcr
    from .spec import StudySpec, load_spec, parse_spec
    from .stats.correlation import CorrelationResult
    from .stats.diagnostics import correlation_test
    from .stats.multiplicity import adjust_p

_LAZY = {
    "Results": "analysis",
    "add_bootstrap": "analysis",
    "analyze": "analysis",
    "compare_groups": "analysis",
    "correlate": "analysis",
    "correlation_matrix": "analysis",
    "describe": "analysis",
    "rmcorr": "analysis",
    "read_table": "data.read",
    "load_with_qpcr": "qpcr.join",
    "CorrelationResult": "stats.correlation",
    "correlation_test": "stats.diagnostics",
    "adjust_p": "stats.multiplicity",
    "Study": "data.study",
    "StudySpec": "spec",
    "load_spec": "spec",
    "parse_spec": "spec",
    "validate": "data.validate",
}

__all__ = [
    "BiocorrError",
    "CorrelationResult",
    "DataError",
    "InputFileError",
    "Results",
    "SpecError",
    "Study",
    "StudySpec",
    "add_bootstrap",
    "adjust_p",
    "analyze",
    "compare_groups",
    "correlate",
    "correlation_matrix",
    "correlation_test",
    "datasets",
    "describe",
    "load",
    "load_spec",
    "load_with_qpcr",
    "parse_spec",
    "read_table",
    "rmcorr",
    "validate",
    "write_report",
]


def write_report(results: Results, out_dir: str | Path, **kwargs: Any) -> Path:
    """Write ``report.html`` and ``figures/`` for an analysis (also ``results.write_report(dir)``).

    Parameters
    ----------
    results : Results
    out_dir : path
    **kwargs
        As :func:`biocorr.report.html.write_report` (``per_pair``, ``verdicts``, ``qpcr``, ...).

    Returns
    -------
    Path of report.html
    """
    return results.write_report(out_dir, **kwargs)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    from .data.validate import load_study
    from .spec import StudySpec, load_spec

    spec_obj = spec if isinstance(spec, StudySpec) else load_spec(spec)
    return load_study(data, spec_obj, sheet)


def __dir__() -> list[str]:
    """The public names (what ``__all__`` lists), so ``dir(biocorr)`` and tab completion show the API."""
    return sorted(__all__)
