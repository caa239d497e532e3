"""The :class:`Study`: a validated per-subject table with its spec (built by
:func:`biocorr.validation.validate`). The spec itself is :mod:`biocorr.spec`."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from .spec import AnalysisOptions, StudySpec, Variable, load_spec, parse_analysis, parse_spec

__all__ = ["AnalysisOptions", "Study", "StudySpec", "Variable", "load_spec", "parse_analysis", "parse_spec"]


@dataclass(frozen=True)
class Study:
    """A validated per-subject table (built by :func:`biocorr.validation.validate`).

    Attributes
    ----------
    data : DataFrame
        One row per usable subject: ``row`` (spreadsheet row number), ``id``,
        ``group`` (the group code, when the spec has a group column) and one
        float column per declared variable (NaN = missing or excluded cell).
    spec : StudySpec
    exclusions : DataFrame
        Columns of :data:`biocorr.columns.EXCLUSIONS`.
    warnings : DataFrame
        Columns of :data:`biocorr.columns.WARNINGS`.
    source : str
        File name.
    sha256 : str
        Hash of the input file.
    n_rows_read : int
        Data rows in the file (before exclusions).
    floored : dict of str to float
        Biomarkers whose values pile up at their declared ``lower_limit`` (column -> limit):
        they get detected-only rows and rank panels. Computed once from spec and data.
    piled_up : tuple of str
        Variables with a pile-up at the lower limit or at their minimum (figures show ranks).
    """

    data: pd.DataFrame
    spec: StudySpec
    exclusions: pd.DataFrame
    warnings: pd.DataFrame
    source: str
    sha256: str
    n_rows_read: int
    floored: dict[str, float] = field(default_factory=dict)
    piled_up: tuple[str, ...] = ()

    @property
    def group_codes(self) -> list[str]:
        """Codes of the groups that have rows, in display order (empty without a group column).

        A group declared in ``[groups]`` with no row is left out (validation warns about it).
        """
        if self.spec.group_column is None:
            return []
        present = set(self.data["group"].dropna())
        if self.spec.groups:
            return [code for code, _ in self.spec.groups if code in present]
        return sorted(present)

    def subsets(self, which: tuple[str, ...] | None = None) -> list[tuple[str, np.ndarray]]:
        """(name, row mask) for ``all`` and each group (named by its label).

        Examples
        --------
        >>> from biocorr.datasets import load
        >>> [name for name, _ in load("hivsn").subsets()]
        ['all', 'Painful HIV-SN', 'Non-painful HIV-SN']
        """
        which = self.spec.analysis.subsets if which is None else which
        out: list[tuple[str, np.ndarray]] = []
        if "all" in which:
            out.append(("all", np.ones(len(self.data), dtype=bool)))
        if "by-group" in which and self.spec.group_column is not None:
            for code in self.group_codes:
                out.append((self.spec.group_label(code), (self.data["group"] == code).to_numpy()))
        return out

    def with_options(self, **changes: Any) -> Study:
        """The same study with some analysis options replaced (None leaves an option as it is).

        Examples
        --------
        >>> from biocorr.datasets import load
        >>> load("hivsn").with_options(confidence=0.9).spec.analysis.confidence
        0.9
        """
        if all(v is None for v in changes.values()):
            return self
        return replace(self, spec=self.spec.with_options(**changes))
