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
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..errors import OptionError, SpecError, did_you_mean, missing_file_message
from ..stats.methods import CLASSICAL_METHODS as METHODS
from ..stats.methods import ROBUST_METHODS
from ..stats.options import check_adjust, check_alternative, check_confidence, check_methods
from .join import JoinSpec, parse_join
from .qpcr import QpcrSpec, parse_qpcr_spec
from .toml_checks import (
    check_keys,
    finite_number,
    group_labels,
    missing_codes,
    no_repeats,
    str_list,
    table_entries,
    toml_table,
    where_filter,
)
from .variables import Variable, parse_variable
from .wide_visits import WideVisitsSpec, parse_wide_visits

SUBSET_CHOICES = ("all", "by-group")
FAMILY_CHOICES = ("method-subset", "method", "all")
TOP_LEVEL_KEYS = ("data", "groups", "biomarker", "score", "covariate", "analysis", "qpcr")
DATA_KEYS = ("id", "group", "missing", "sheet", "source", "where", "visit", "per_subject", "join", "wide_visits")
ANALYSIS_KEYS = (
    "methods",
    "subsets",
    "adjust",
    "confidence",
    "seed",
    "permutations",
    "family",
    "bootstrap",
    "robust",
    "alternative",
    "primary",
)


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
    alternative: str = "two-sided"
    primary: str | None = None

    @property
    def primary_method(self) -> str:
        """The one method every summary, figure and sentence reports: ``primary``, else Spearman when
        computed (rank-based: robust to the skew and detection-limit pile-ups of biomarkers), else the first."""
        return self.primary or ("spearman" if "spearman" in self.methods else self.methods[0])


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
    where: tuple[tuple[str, tuple[str, ...]], ...] = ()  # rows kept: column -> accepted cell texts
    visit_column: str | None = None  # long data: one row per subject and visit
    analysis: AnalysisOptions = field(default_factory=AnalysisOptions)
    qpcr: QpcrSpec | None = None
    per_subject: bool = False  # long file reshaped to one row per subject, columns COLUMN@VISIT
    join: JoinSpec | None = None  # a second table joined by id ([data] join)
    wide_visits: WideVisitsSpec | None = None  # one column per visit, read as long data

    @property
    def long_format(self) -> bool:
        """Rows are subject × visit (``[data] visit`` without ``per_subject``): per-visit analyses and rmcorr."""
        return self.visit_column is not None and not self.per_subject

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


MAX_RESAMPLES = 1_000_000


def _analysis_option(check: Callable[..., Any], *args: Any) -> Any:
    """An option checked by :mod:`biocorr.stats.options`, its message prefixed '[analysis] '."""
    try:
        return check(*args)
    except OptionError as exc:
        raise SpecError(f"[analysis] {exc}") from None


def parse_analysis(table: dict[str, Any]) -> AnalysisOptions:
    """Validate an ``[analysis]`` table into :class:`AnalysisOptions`.

    Examples
    --------
    >>> parse_analysis({"methods": ["spearman"], "adjust": "fdr"}).adjust
    'bh'
    """
    table = toml_table(table, "[analysis]", 'methods = ["spearman"]')
    check_keys(table, ANALYSIS_KEYS, "[analysis]")
    defaults = AnalysisOptions()
    methods = str_list(table.get("methods", list(defaults.methods)), "[analysis] methods")
    no_repeats(methods, "[analysis] methods")
    if not methods:
        raise SpecError("[analysis] methods: name at least one method.")
    _analysis_option(check_methods, methods, METHODS)
    subsets = str_list(table.get("subsets", list(defaults.subsets)), "[analysis] subsets")
    if not subsets:
        raise SpecError('[analysis] subsets: name at least one of "all" and "by-group".')
    no_repeats(subsets, "[analysis] subsets")
    for s in subsets:
        if s not in SUBSET_CHOICES:
            raise SpecError(
                f"[analysis] subsets: unknown subset '{s}'.{did_you_mean(s, SUBSET_CHOICES)} "
                f"Use any of: {', '.join(SUBSET_CHOICES)}."
            )
    adjust = _analysis_option(check_adjust, table.get("adjust", defaults.adjust))
    confidence = finite_number(table.get("confidence", defaults.confidence), "[analysis] confidence")
    confidence = _analysis_option(check_confidence, confidence)
    seed = table.get("seed", defaults.seed)
    perms = table.get("permutations", defaults.permutations)
    boot = table.get("bootstrap", defaults.bootstrap)
    for name, v in (("seed", seed), ("permutations", perms), ("bootstrap", boot)):
        if isinstance(v, bool) or not isinstance(v, int) or v < 0:
            raise SpecError(f"[analysis] {name}: expected a whole number >= 0, got {v!r}.")
        if name != "seed" and v > MAX_RESAMPLES:
            raise SpecError(
                f"[analysis] {name}: {v:,} is more than {MAX_RESAMPLES:,}; beyond a few thousand the "
                "Monte Carlo error is already below the printed digits (2,000 to 10,000 is usual)."
            )
    family = str(table.get("family", defaults.family))
    if family not in FAMILY_CHOICES:
        raise SpecError(
            f"[analysis] family: unknown family '{family}'.{did_you_mean(family, FAMILY_CHOICES)} "
            f"Use one of: {', '.join(FAMILY_CHOICES)}."
        )
    robust = str_list(table.get("robust", list(defaults.robust)), "[analysis] robust")
    no_repeats(robust, "[analysis] robust")
    for m in robust:
        if m not in ROBUST_METHODS:
            raise SpecError(
                f"[analysis] robust: unknown method '{m}'.{did_you_mean(m, ROBUST_METHODS)} "
                f"Use any of: {', '.join(ROBUST_METHODS)} (or [] for none)."
            )
    alternative = _analysis_option(check_alternative, table.get("alternative", defaults.alternative))
    primary = table.get("primary")
    if primary is not None and primary not in methods:
        raise SpecError(f"[analysis] primary: {primary!r} is not one of the methods computed ({', '.join(methods)}).")
    return AnalysisOptions(
        primary=primary,
        alternative=alternative,
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


def parse_spec(doc: dict[str, Any], where: str = "spec", require_variables: bool = True) -> StudySpec:
    """Build a :class:`StudySpec` from a parsed TOML document.

    Parameters
    ----------
    doc : dict
        The TOML document as a dict.
    where : str
        Name used in error messages (usually the file name).
    require_variables : bool
        Demand at least one biomarker and one score (``False`` for a spec used only by
        ``biocorr qpcr``, which needs ``[qpcr]`` alone).

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
        check_keys(doc, TOP_LEVEL_KEYS, where)
        data = toml_table(doc.get("data", {}), f"{where} [data]", '[data] id = "PID"')
        check_keys(data, DATA_KEYS, f"{where} [data]")
        groups = group_labels(doc.get("groups", {}), where)
        roles = {}
        for role in ("biomarker", "score", "covariate"):
            entries = table_entries(doc.get(role, []), role, f"{where} [[{role}]]")
            roles[role] = tuple(parse_variable(e, role, i) for i, e in enumerate(entries))
        biomarkers, scores, covariates = roles["biomarker"], roles["score"], roles["covariate"]
        if require_variables and not biomarkers:
            raise SpecError(f"{where}: declare at least one [[biomarker]] with its column.")
        if require_variables and not scores:
            raise SpecError(f"{where}: declare at least one [[score]] with its column.")
        seen: dict[str, str] = {}
        for v in biomarkers + scores + covariates:
            if v.column in seen:
                raise SpecError(
                    f"{where}: column '{v.column}' is declared twice (as {seen[v.column]} and as {v.role})."
                )
            seen[v.column] = v.role
        for key in ("id", "group", "source", "visit"):
            if key in data and (not isinstance(data[key], str) or not data[key].strip()):
                raise SpecError(
                    f'{where} [data] {key}: expected a name in quotes, e.g. {key} = "PID", got {data[key]!r}.'
                )
        data = {k: v.strip() if k in ("id", "group", "visit") else v for k, v in data.items()}  # as headers are
        if "sheet" in data and (isinstance(data["sheet"], bool) or not isinstance(data["sheet"], (str, int))):
            raise SpecError(f'{where} [data] sheet: expected a sheet name in quotes, e.g. sheet = "Data".')
        if data.get("group") is None and groups:
            raise SpecError(f"{where}: [groups] is given but [data] has no 'group = \"column\"'.")
        if data.get("visit") is not None:
            if data.get("id") is None:
                raise SpecError(
                    f'{where} [data] visit: long data need the subject id column too, e.g. id = "PID", '
                    "so that each subject's visits can be followed."
                )
            if data["visit"] in seen or data["visit"] in (data.get("id"), data.get("group")):
                raise SpecError(
                    f"{where} [data] visit: column '{data['visit']}' has another role already; "
                    "the visit column names the time point of each row."
                )
        per_subject = data.get("per_subject", False)
        if not isinstance(per_subject, bool):
            raise SpecError(f"{where} [data] per_subject: expected true or false, got {per_subject!r}.")
        if per_subject and data.get("visit") is None:
            raise SpecError(
                f'{where} [data] per_subject: needs the visit column, e.g. visit = "Time", to name a column at a '
                'visit as COLUMN@VISIT ("VAS@Post").'
            )
        join = None if data.get("join") is None else parse_join(data["join"], f"{where} [data] join")
        if join is not None and not join.on and data.get("id") is None:
            raise SpecError(f'{where} [data] join: name the id column the tables share (id = "PID" in [data]).')
        if join is not None and per_subject:
            raise SpecError(
                f"{where} [data] join: not together with per_subject yet; join the tables first, or analyse the "
                "long table (visit without per_subject)."
            )
        wide = (
            None
            if data.get("wide_visits") is None
            else parse_wide_visits(data["wide_visits"], f"{where} [data] wide_visits")
        )
        if wide is not None and (data.get("visit") is None or data.get("id") is None):
            raise SpecError(
                f'{where} [data] wide_visits: name the id column and the visit column to create, e.g. id = "PID", '
                'visit = "Week": each subject\'s row becomes one row per visit.'
            )
        if wide is not None and (per_subject or join is not None):
            raise SpecError(f"{where} [data] wide_visits: not together with per_subject or join yet.")
        analysis = parse_analysis(doc.get("analysis", {}))
        if data.get("group") is None and "all" not in analysis.subsets:
            raise SpecError(
                f'{where} [analysis] subsets: "by-group" alone needs a group column (group = "..." in [data]); '
                'add "all" or name the group column.'
            )
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
            missing=missing_codes(data.get("missing", []), f"{where} [data] missing"),
            sheet=None if sheet is None else str(sheet),
            source=data.get("source"),
            where=where_filter(data.get("where", {}), f"{where} [data] where"),
            visit_column=data.get("visit"),
            analysis=analysis,
            qpcr=qpcr,
            per_subject=per_subject,
            join=join,
            wide_visits=wide,
        )
    except SpecError as exc:
        msg = str(exc)
        if not msg.startswith(where):
            msg = f"{where}: {msg}"
        raise SpecError(msg) from None


def load_spec(path: str | Path, require_variables: bool = True) -> StudySpec:
    """Read a study spec from a TOML file (``require_variables``: as :func:`parse_spec`).

    Examples
    --------
    >>> from biocorr.datasets import spec_path
    >>> load_spec(spec_path("hivsn")).group_column
    'painful_sn'
    """
    path = Path(path)
    if not path.is_file():
        raise SpecError(missing_file_message(path, "spec file", ".toml"))
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except tomllib.TOMLDecodeError as exc:
        raise SpecError(f"{path.name}: not valid TOML ({exc}).") from None
    except UnicodeDecodeError:
        raise SpecError(f"{path.name}: not a UTF-8 text file.") from None
    return parse_spec(doc, where=path.name, require_variables=require_variables)
