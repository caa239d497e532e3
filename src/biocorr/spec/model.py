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
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..errors import SpecError, missing_file_message
from .analysis_options import AnalysisOptions, parse_analysis
from .join import JoinSpec, parse_join
from .qpcr import QpcrSpec, parse_qpcr_spec
from .toml_checks import (
    check_keys,
    group_labels,
    missing_codes,
    table_entries,
    toml_table,
    where_filter,
)
from .variables import Variable, parse_variable
from .wide_visits import WideVisitsSpec, parse_wide_visits

TOP_LEVEL_KEYS = ("data", "groups", "biomarker", "score", "covariate", "analysis", "qpcr")
DATA_KEYS = ("id", "group", "missing", "sheet", "source", "where", "visit", "per_subject", "join", "wide_visits")


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

    @property
    def among(self) -> str | None:
        """The role whose variables are paired with each other when the other role is empty:
        'score' (no biomarker, two or more scores: a questionnaire-only file, or pain over time),
        'biomarker' (no score, two or more biomarkers: a lab panel alone), else None (every
        biomarker with every score).

        Examples
        --------
        >>> from biocorr.spec.variables import Variable
        >>> StudySpec((), (Variable("A", "score", "A"), Variable("B", "score", "B"))).among
        'score'
        """
        if not self.biomarkers and len(self.scores) >= 2:
            return "score"
        if not self.scores and len(self.biomarkers) >= 2:
            return "biomarker"
        return None

    @property
    def pair_blocks(self) -> list[tuple[list[str], list[str]]]:
        """The correlations the study tests, as blocks of (x columns, y columns): every biomarker
        with every score, or, for a study of one role (:attr:`among`), each variable with each
        variable after it.

        Examples
        --------
        >>> from biocorr.spec.variables import Variable
        >>> StudySpec((), tuple(Variable(c, "score", c) for c in "ABC")).pair_blocks
        [(['A'], ['B', 'C']), (['B'], ['C'])]
        """
        if self.among is not None:
            cols = [v.column for v in (self.scores if self.among == "score" else self.biomarkers)]
            return [([cols[i]], cols[i + 1 :]) for i in range(len(cols) - 1)]
        return [([v.column for v in self.biomarkers], [v.column for v in self.scores])]

    @property
    def pairs(self) -> list[tuple[str, str]]:
        """Every (x, y) column pair the study tests, in the order of :attr:`pair_blocks`."""
        return [(x, y) for xs, ys in self.pair_blocks for x in xs for y in ys]

    @property
    def pair_roles(self) -> tuple[str, str]:
        """What the two sides of a correlation are called in tables: ('biomarker', 'score'), or
        ('score', 'with score') for a study of scores only (likewise for biomarkers only).

        Examples
        --------
        >>> from biocorr.spec.variables import Variable
        >>> StudySpec((), (Variable("A", "score", "A"), Variable("B", "score", "B"))).pair_roles
        ('score', 'with score')
        """
        return (self.among, f"with {self.among}") if self.among else ("biomarker", "score")

    @property
    def design(self) -> str:
        """The pairs the study tests, in words: '2 biomarker(s) × 3 score(s)', or '3 scores, each
        pair once (no biomarker)'."""
        if self.among is not None:
            other = "biomarker" if self.among == "score" else "score"
            k = len(self.scores) + len(self.biomarkers)
            return f"{k} {self.among}s, each pair once (no {other})"
        return f"{len(self.biomarkers)} biomarker(s) × {len(self.scores)} score(s)"

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
        if require_variables and not biomarkers and len(scores) < 2:
            raise SpecError(
                f"{where}: declare at least one [[biomarker]] with its column (or two or more [[score]] "
                "entries, to correlate the scores with each other)."
            )
        if require_variables and not scores and len(biomarkers) < 2:
            raise SpecError(
                f"{where}: declare at least one [[score]] with its column (or two or more [[biomarker]] "
                "entries, to correlate the biomarkers with each other)."
            )
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
