"""The :class:`Study`: a validated per-subject table with its spec (built by
:func:`biocorr.data.validate.validate`). The spec itself is :mod:`biocorr.spec`."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from ..spec.model import StudySpec

__all__ = ["Study"]


@dataclass(frozen=True)
class Study:
    """A validated per-subject table (built by :func:`biocorr.data.validate.validate`).

    Attributes
    ----------
    data : DataFrame
        One row per usable subject (long data: per subject and visit): ``row``
        (spreadsheet row number), ``id``, ``group`` (the group code, when the spec has a
        group column), ``visit`` (the visit, when the spec has ``[data] visit``) and one
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

        In long data (``[data] visit``) every subset is taken at each visit separately
        ('Time = Pre', 'Time = Pre: Patients'): rows of one subject at several visits are not
        independent, so no subset pools visits (the repeated-measures correlation does that).

        Examples
        --------
        >>> from biocorr.datasets import load
        >>> [name for name, _ in load("hivsn").subsets()]
        ['all', 'Painful HIV-SN', 'Non-painful HIV-SN']
        """
        which = self.spec.analysis.subsets if which is None else which
        out: list[tuple[str, np.ndarray]] = []
        for prefix, rows in self.visit_rows():  # wide data: one pass with every row
            if "all" in which:
                out.append((prefix or "all", rows))
            if "by-group" in which and self.spec.group_column is not None:
                for code in self.group_codes:
                    in_group = rows & (self.data["group"] == code).to_numpy()
                    if not in_group.any():  # a group with no row at this visit (listed by empty_subsets)
                        continue
                    out.append(
                        (
                            f"{prefix}: {self.spec.group_label(code)}" if prefix else self.spec.group_label(code),
                            in_group,
                        )
                    )
        return out

    def empty_subsets(self) -> list[str]:
        """Long data: the group subsets that have no row at a visit (left out of :meth:`subsets`)."""
        if self.spec.group_column is None:
            return []
        return [
            f"{prefix}: {self.spec.group_label(code)}"
            for prefix, rows in self.visit_rows()
            for code in self.group_codes
            if prefix and not (rows & (self.data["group"] == code).to_numpy()).any()
        ]

    def subset_pools(self) -> dict[str, str]:
        """Each group subset and the subset that pools its rows with the other groups'.

        Examples
        --------
        >>> from biocorr.datasets import load
        >>> load("hivsn").subset_pools()
        {'Painful HIV-SN': 'all', 'Non-painful HIV-SN': 'all'}
        """
        if self.spec.group_column is None:
            return {}
        empty = set(self.empty_subsets())
        pools = {
            (f"{prefix}: {self.spec.group_label(code)}" if prefix else self.spec.group_label(code)): prefix or "all"
            for prefix, _ in self.visit_rows()
            for code in self.group_codes
        }
        return {name: pool for name, pool in pools.items() if name not in empty}

    @property
    def visits(self) -> list[str]:
        """Long data (``[data] visit``): the visit levels in order of first appearance; else empty.

        Examples
        --------
        >>> from biocorr.datasets import load
        >>> load("hivsn").visits
        []
        """
        if not self.spec.long_format:
            return []
        return list(dict.fromkeys(self.data["visit"]))

    def visit_subset(self, visit: str) -> str:
        """The subset name of one visit's rows: '<visit column> = <level>'."""
        return f"{self.spec.visit_column} = {visit}"

    def visit_rows(self) -> list[tuple[str, np.ndarray]]:
        """(subset name, row mask) per visit in long data; [('', every row)] for wide data.

        Examples
        --------
        >>> from biocorr.datasets import load
        >>> [(name, int(rows.sum())) for name, rows in load("hivsn").visit_rows()]
        [('', 197)]
        """
        if not self.spec.long_format:
            return [("", np.ones(len(self.data), dtype=bool))]
        return [(self.visit_subset(v), (self.data["visit"] == v).to_numpy()) for v in self.visits]

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
