"""The study spec: which columns play which role, their scales, and the analysis options.

A spec is a TOML file (see ``DESIGN.md`` and the README)::

    [data]
    id = "PID"
    group = "Group"
    missing = ["."]

    [groups]
    T = "Treated"
    C = "Control"

    [[biomarker]]
    column = "OTNF1"
    label = "TNF-α, serum, baseline"
    unit = "pg/mL"
    lower_limit = 1.2

    [[score]]
    column = "BL.PD.avg"
    range = [0, 15]

    [analysis]
    methods = ["pearson", "spearman"]
    adjust = "holm"

:func:`load_spec` reads a file, :func:`parse_spec` a dict; both return a frozen
:class:`StudySpec` or raise :class:`~biocorr.errors.SpecError` with a message
that names the offending key.
"""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .errors import SpecError, did_you_mean
from .qpcr.spec import QpcrSpec, parse_qpcr_spec
from .stats.methods import CLASSICAL_METHODS as METHODS
from .stats.methods import ROBUST_METHODS
from .stats.multiplicity import normalise_adjust_method

SUBSET_CHOICES = ("all", "by-group")
FAMILY_CHOICES = ("method-subset", "method", "all")
TOP_LEVEL_KEYS = ("data", "groups", "biomarker", "score", "covariate", "analysis", "qpcr")
DATA_KEYS = ("id", "group", "missing", "sheet", "source")
VARIABLE_KEYS = ("column", "label", "unit", "range", "lower_limit", "categorical")
ANALYSIS_KEYS = ("methods", "subsets", "adjust", "confidence", "seed", "permutations", "family", "bootstrap", "robust")


@dataclass(frozen=True)
class Variable:
    """One analysed column.

    Attributes
    ----------
    column : str
        Column name in the data file.
    role : {'biomarker', 'score', 'covariate'}
    label : str
        Name to show in tables and figures (defaults to ``column``).
    unit : str
    range : tuple of float, optional
        Declared valid range [low, high]; values outside are excluded and reported.
    lower_limit : float, optional
        Assay lower limit of detection/quantification (biomarkers).
    """

    column: str
    role: str
    label: str
    unit: str = ""
    range: tuple[float, float] | None = None
    lower_limit: float | None = None
    categorical: bool = False

    @property
    def display(self) -> str:
        """Label with unit, e.g. ``CD4 count (cells/µL)``."""
        return f"{self.label} ({self.unit})" if self.unit else self.label


@dataclass(frozen=True)
class AnalysisOptions:
    """What to compute. See the README's spec reference for each field."""

    methods: tuple[str, ...] = ("pearson", "spearman", "kendall")
    subsets: tuple[str, ...] = ("all", "by-group")
    adjust: str = "holm"
    confidence: float = 0.95
    seed: int = 20171
    permutations: int = 0
    family: str = "method-subset"
    bootstrap: int = 0
    robust: tuple[str, ...] = ("percbend", "bicor", "skipped_spearman")


@dataclass(frozen=True)
class StudySpec:
    """Roles of the columns of one per-subject table, and the analysis options."""

    biomarkers: tuple[Variable, ...]
    scores: tuple[Variable, ...]
    covariates: tuple[Variable, ...] = ()
    id_column: str | None = None
    group_column: str | None = None
    groups: tuple[tuple[str, str], ...] = ()  # (code in data, display label), in display order
    missing: tuple[str, ...] = ()
    sheet: str | None = None
    source: str | None = None
    analysis: AnalysisOptions = field(default_factory=AnalysisOptions)
    qpcr: QpcrSpec | None = None

    @property
    def variables(self) -> tuple[Variable, ...]:
        """Biomarkers, then scores, then covariates."""
        return self.biomarkers + self.scores + self.covariates

    def variable(self, column: str) -> Variable:
        """The variable declared for ``column``."""
        for v in self.variables:
            if v.column == column:
                return v
        raise KeyError(column)

    def group_label(self, code: str) -> str:
        """Display label of a group code (the code itself when none is declared)."""
        return dict(self.groups).get(code, code)

    def with_options(self, **changes: Any) -> StudySpec:
        """A copy with some analysis options replaced (e.g. ``permutations=2000``)."""
        opts = asdict(self.analysis)
        opts.update({k: v for k, v in changes.items() if v is not None})
        return StudySpec(**{**self.__dict__, "analysis": parse_analysis(opts)})

    def to_dict(self) -> dict[str, Any]:
        """A plain dict (for ``results.json``)."""
        return asdict(self)


def _check_keys(table: dict, allowed: tuple[str, ...], where: str) -> None:
    for key in table:
        if key not in allowed:
            raise SpecError(
                f"{where}: unknown key '{key}'.{did_you_mean(key, allowed)} Allowed keys: {', '.join(allowed)}."
            )


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise SpecError(f"{where}: expected a number, got {value!r}.")
    return float(value)


def _parse_variable(entry: Any, role: str, index: int) -> Variable:
    where = f"[[{role}]] entry {index + 1}"
    if not isinstance(entry, dict):
        raise SpecError(f"{where}: expected a table with at least 'column = \"...\"'.")
    _check_keys(entry, VARIABLE_KEYS, where)
    if "column" not in entry or not isinstance(entry["column"], str) or not entry["column"]:
        raise SpecError(f"{where}: 'column' is required and must be a column name in quotes.")
    column = entry["column"]
    rng = entry.get("range")
    if rng is not None:
        if not isinstance(rng, list) or len(rng) != 2:
            raise SpecError(f"{where} ('{column}'): range must be two numbers, e.g. range = [0, 100].")
        lo, hi = (_number(v, f"{where} ('{column}') range") for v in rng)
        if lo >= hi:
            raise SpecError(f"{where} ('{column}'): range [{lo:g}, {hi:g}] is empty; write the lower bound first.")
        rng = (lo, hi)
    lower_limit = entry.get("lower_limit")
    if lower_limit is not None:
        lower_limit = _number(lower_limit, f"{where} ('{column}') lower_limit")
    categorical = entry.get("categorical", False)
    if not isinstance(categorical, bool):
        raise SpecError(f"{where} ('{column}'): categorical must be true or false.")
    if categorical and role != "covariate":
        raise SpecError(f"{where} ('{column}'): only covariates can be categorical.")
    return Variable(
        column=column,
        role=role,
        label=str(entry.get("label", column)),
        unit=str(entry.get("unit", "")),
        range=rng,
        lower_limit=lower_limit,
        categorical=categorical,
    )


def _str_list(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise SpecError(f'{where}: expected a list of strings, e.g. ["a", "b"].')
    return tuple(value)


def parse_analysis(table: dict[str, Any]) -> AnalysisOptions:
    """Validate an ``[analysis]`` table into :class:`AnalysisOptions`.

    Examples
    --------
    >>> parse_analysis({"methods": ["spearman"], "adjust": "fdr"}).adjust
    'bh'
    """
    _check_keys(table, ANALYSIS_KEYS, "[analysis]")
    defaults = AnalysisOptions()
    methods = _str_list(table.get("methods", list(defaults.methods)), "[analysis] methods")
    for m in methods:
        if m not in METHODS:
            raise SpecError(
                f"[analysis] methods: unknown method '{m}'.{did_you_mean(m, METHODS)} Use any of: {', '.join(METHODS)}."
            )
    if not methods:
        raise SpecError("[analysis] methods: name at least one method.")
    subsets = _str_list(table.get("subsets", list(defaults.subsets)), "[analysis] subsets")
    for s in subsets:
        if s not in SUBSET_CHOICES:
            raise SpecError(
                f"[analysis] subsets: unknown subset '{s}'.{did_you_mean(s, SUBSET_CHOICES)} "
                f"Use any of: {', '.join(SUBSET_CHOICES)}."
            )
    try:
        adjust = normalise_adjust_method(str(table.get("adjust", defaults.adjust)))
    except ValueError as exc:
        raise SpecError(f"[analysis] adjust: {exc}.") from None
    confidence = _number(table.get("confidence", defaults.confidence), "[analysis] confidence")
    if not 0 < confidence < 1:
        raise SpecError(f"[analysis] confidence: {confidence:g} must be between 0 and 1 (e.g. 0.95).")
    seed = table.get("seed", defaults.seed)
    perms = table.get("permutations", defaults.permutations)
    boot = table.get("bootstrap", defaults.bootstrap)
    for name, v in (("seed", seed), ("permutations", perms), ("bootstrap", boot)):
        if isinstance(v, bool) or not isinstance(v, int) or v < 0:
            raise SpecError(f"[analysis] {name}: expected a whole number >= 0, got {v!r}.")
    family = str(table.get("family", defaults.family))
    if family not in FAMILY_CHOICES:
        raise SpecError(
            f"[analysis] family: unknown family '{family}'.{did_you_mean(family, FAMILY_CHOICES)} "
            f"Use one of: {', '.join(FAMILY_CHOICES)}."
        )
    robust = _str_list(table.get("robust", list(defaults.robust)), "[analysis] robust")
    for m in robust:
        if m not in ROBUST_METHODS:
            raise SpecError(
                f"[analysis] robust: unknown method '{m}'.{did_you_mean(m, ROBUST_METHODS)} "
                f"Use any of: {', '.join(ROBUST_METHODS)} (or [] for none)."
            )
    return AnalysisOptions(
        methods=methods,
        subsets=subsets,
        adjust=adjust,
        confidence=confidence,
        seed=seed,
        permutations=perms,
        family=family,
        bootstrap=boot,
        robust=robust,
    )


def parse_spec(doc: dict[str, Any], where: str = "spec") -> StudySpec:
    """Build a :class:`StudySpec` from a parsed TOML document.

    Parameters
    ----------
    doc : dict
        The TOML document as a dict.
    where : str
        Name used in error messages (usually the file name).

    Returns
    -------
    StudySpec

    Examples
    --------
    >>> spec = parse_spec({"biomarker": [{"column": "CD4"}], "score": [{"column": "VAS"}]})
    >>> [v.column for v in spec.variables]
    ['CD4', 'VAS']
    """
    try:
        _check_keys(doc, TOP_LEVEL_KEYS, where)
        data = doc.get("data", {})
        _check_keys(data, DATA_KEYS, f"{where} [data]")
        groups_table = doc.get("groups", {})
        if not isinstance(groups_table, dict):
            raise SpecError(f'{where} [groups]: expected lines such as  T = "Treated".')
        groups = tuple((str(k), str(v)) for k, v in groups_table.items())
        biomarkers = tuple(_parse_variable(e, "biomarker", i) for i, e in enumerate(doc.get("biomarker", [])))
        scores = tuple(_parse_variable(e, "score", i) for i, e in enumerate(doc.get("score", [])))
        covariates = tuple(_parse_variable(e, "covariate", i) for i, e in enumerate(doc.get("covariate", [])))
        if not biomarkers:
            raise SpecError(f"{where}: declare at least one [[biomarker]] with its column.")
        if not scores:
            raise SpecError(f"{where}: declare at least one [[score]] with its column.")
        seen: dict[str, str] = {}
        for v in biomarkers + scores + covariates:
            if v.column in seen:
                raise SpecError(
                    f"{where}: column '{v.column}' is declared twice (as {seen[v.column]} and as {v.role})."
                )
            seen[v.column] = v.role
        for key in ("id", "group", "sheet", "source"):
            if key in data and not isinstance(data[key], (str, int)):
                raise SpecError(f"{where} [data] {key}: expected a name in quotes.")
        if data.get("group") is None and groups:
            raise SpecError(f"{where}: [groups] is given but [data] has no 'group = \"column\"'.")
        sheet = data.get("sheet")
        qpcr_table = doc.get("qpcr")
        qpcr = None if qpcr_table is None else parse_qpcr_spec(qpcr_table, f"{where} [qpcr]")
        return StudySpec(
            biomarkers=biomarkers,
            scores=scores,
            covariates=covariates,
            id_column=data.get("id"),
            group_column=data.get("group"),
            groups=groups,
            missing=_str_list(data.get("missing", []), f"{where} [data] missing"),
            sheet=None if sheet is None else str(sheet),
            source=data.get("source"),
            analysis=parse_analysis(doc.get("analysis", {})),
            qpcr=qpcr,
        )
    except SpecError as exc:
        msg = str(exc)
        if not msg.startswith(where):
            msg = f"{where}: {msg}"
        raise SpecError(msg) from None


def load_spec(path: str | Path) -> StudySpec:
    """Read a study spec from a TOML file.

    Examples
    --------
    >>> from biocorr.datasets import spec_path
    >>> load_spec(spec_path("hivsn")).group_column
    'painful_sn'
    """
    path = Path(path)
    if not path.is_file():
        raise SpecError(f"spec file '{path}' does not exist.")
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except tomllib.TOMLDecodeError as exc:
        raise SpecError(f"{path.name}: not valid TOML ({exc}).") from None
    except UnicodeDecodeError:
        raise SpecError(f"{path.name}: not a UTF-8 text file.") from None
    return parse_spec(doc, where=path.name)


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
        """Group codes in display order (empty without a group column)."""
        if self.spec.group_column is None:
            return []
        if self.spec.groups:
            return [code for code, _ in self.spec.groups]
        return sorted(self.data["group"].dropna().unique().tolist())

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
