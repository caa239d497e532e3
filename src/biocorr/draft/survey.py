"""What each column of a table is, for a draft spec: the id, the visit (long files), the group,
numeric variables with what their cells hold, text columns with a few levels, and the columns
not used with the reason (a row index, a constant, dates, free text, empty).

Roles are given only on evidence, by :func:`guess_role`: a name hint, a scale of the catalogue,
a pile-up at a positive minimum among continuous values (an assay's detection limit), or whole
numbers over a short span (a rating: a score). A floor among whole numbers (Likert items, counts,
questionnaire totals) is the floor of a scale, never read as a detection limit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..data.cells import CENSORED, DATE_TEXT, NON_DETECT, decimal_marks, parse_numeric
from ..data.checks import far_missing_codes, repeat_levels_column
from ..data.table import RawTable, cell_text
from ..spec.scales import catalogue_range
from .roles import CODED, NOT_A_RATING
from .sidecar import ColumnNotes, role_from_notes

BIOMARKER_HINTS = re.compile(
    r"(tnf|il[-_.]?\d|interleukin|crp|cd4|cd8|mrna|protein|elisa|qpcr|(^|[_.\s-])(d|dd|delta|Δ|ΔΔ)?c[tq]$|"
    r"fold|expr|tspo|suvr|cytokine|chemokine|ccl\d|cxcl\d|mcp|cortisol|bdnf|mmp|pge|ifn|marker|conc|level|"
    r"(^|[\s_(\[])(mc|m|µ|u|n|p|f)?(g|mol|iu|u|eq)/(d|mc|m|µ|u)?l\b)",  # a concentration unit (MCG/L): an assay value
    re.I,
)
SCORE_HINTS = re.compile(
    r"(vas|hads|pain|anx|dep|qol|quality|score|fatigue|fiq|sf.?36|eq.?5d|bpi|pcs|phq|gad|scale|"
    r"index|total|severity)",
    re.I,
)
# a dose ('Dose', 'daily_dose_mg', 'mg/day'): the exposure, drafted on the x side where a biomarker goes
DOSE_HINTS = re.compile(r"(?:^|[_.\s-])(?:daily[_.\s-]?)?dos(?:e|es|age)(?:[_.\s(-]|$)|\bmg\s*/\s*(?:d|day|kg)\b", re.I)
COVARIATE_HINTS = re.compile(
    r"^(age|sex|gender|bmi|weight|height|mass|education|smok|time.?sinc|duration|years.?since|disease.?duration)", re.I
)
# names of answers coded in whole numbers ('RACE_1' 2, 'MARITAL_STATUS' 1): a category, not a rating or a
# count; not 'class' (NYHA class, ASA class: ordered grades of severity, which a rank correlation may use)
CODED_CATEGORY = re.compile(
    r"(race|ethnic|gender|marital|income|employ|occupation|referral|language|religio|insurance|country|region|"
    r"transport|setting|lgbt|identity|household|living|residen|handed|^site|clinic|centre|center|code|type|"
    r"(?:^|[_\s.])stud(?:y|ies)(?:[_\s.\d]|$))",  # 'PARTICIPATE_NIH_STUDY' 0/1: an answer about a study
    re.I,
)
COUNTED = re.compile(r"^n[._\s]|^num|number|count|kids|child", re.I)  # a count of things, not a code
GROUP_HINTS = re.compile(r"(group|arm|status|diag|^dx|disease|patient|control|cohort|condition|case|treat)", re.I)
NOT_A_GROUP = re.compile(r"^(sex|gender|race|ethnic|smok|site|clinic|centre|center)", re.I)  # covariates, strata
ID_HINTS = re.compile(r"^(id|pid|subject|subj|participant|patient|record|sample)([_ .-]?id)?$", re.I)
INDEX_NAMES = re.compile(  # what pandas, R and spreadsheets call a saved row index
    r"^(\(unnamed column [a-z]+\)|unnamed:?\s*\d*|index|level_0|x|\.\.\.1|row\.?names?|rownames|row|#|no\.?|nr\.?|n°)$",
    re.I,
)
MISSING_MARKER = re.compile(
    r"^(?:[.\-–—?*/\\_]+|n\.?\s?a\.?|n/a|missing|unknown|unk\.?|none|null|empty|blank|x+|n\.?\s?r\.?|no\s+data|"
    r"not\s+(?:done|available|recorded|applicable|assessed|measured|known))$",
    re.I,
)


def entry_error(token: str) -> bool:
    """Text in a numeric column that is an entry to fix, not a missing-value marker.

    A marker is punctuation ('.', '-', '?') or a word for "no value" ('NA', 'missing', 'not
    done', 'unknown'); anything else ('85 mm', '3.1x', 'abc', '#DIV/0!', a formula) is an entry
    to fix, excluded and listed rather than hidden as missing.

    Examples
    --------
    >>> [entry_error(t) for t in (".", "not done", "Unknown", "85 mm", "abc", "#DIV/0!", "=A1/B1")]
    [False, False, False, True, True, True, True]
    """
    return not MISSING_MARKER.match(token.strip())


def _lower_limit(tokens: set[str]) -> float | None:
    """The x of '<x' cells when they all give the same one, else None."""
    values = {t.lstrip("<≤= ").replace(",", ".") for t in tokens if t.startswith(("<", "≤"))}
    try:
        numbers = {float(v) for v in values}
    except ValueError:
        return None
    return numbers.pop() if len(numbers) == 1 else None


def floor_pile(values: np.ndarray) -> tuple[float, int, int] | None:
    """(minimum, how many equal it, how many present) when continuous values pile up at a positive minimum.

    An assay reports values below its detection limit at the limit itself: a positive minimum
    shared by at least 10 % of the values (and 5) with at least 3 values above it. Whole numbers
    only (a Likert item, a count, a questionnaire total) pile up at the floor of their scale,
    which is no detection limit: None.

    Examples
    --------
    >>> floor_pile(np.array([1.2] * 6 + [3.0, 4.5, 7.1, 2.2]))
    (1.2, 6, 10)
    >>> floor_pile(np.array([0.0] * 6 + [3.0, 4.5, 7.1, 2.2])) is None  # 0 is a floor of the scale, not a limit
    True
    >>> floor_pile(np.array([1.0] * 13 + [2, 3, 4, 5, 2, 3, 4, 2] * 4)) is None  # answers 1-5: the scale's floor
    True
    """
    present = values[np.isfinite(values)]
    if len(present) < 10 or np.all(present == np.round(present)):
        return None
    low = float(present.min())
    at = int((present == low).sum())
    if low > 0 and at >= max(5, 0.1 * len(present)) and len(present) - at >= 3:
        return low, at, len(present)
    return None


def _row_index(name: str, values: pd.Series) -> bool:
    """A saved row index: an index-like name over 0, 1, 2, ... (or 1, 2, 3, ...) in order."""
    if not INDEX_NAMES.match(name.strip()):
        return False
    v = values.to_numpy(float)
    return bool(len(v) >= 3 and np.all(np.isfinite(v)) and v[0] in (0.0, 1.0) and np.all(np.diff(v) == 1))


@dataclass
class Survey:
    """What the draft found in the table (see the module's docstring)."""

    id_col: str | None = None
    visit_col: str | None = None
    visits: list[str] = field(default_factory=list)
    group_col: str | None = None
    groups: list[str] = field(default_factory=list)
    numeric: list[str] = field(default_factory=list)
    observed: dict[str, np.ndarray] = field(default_factory=dict)  # numeric columns' values
    missing_tokens: set[str] = field(default_factory=set)
    entry_errors: dict[str, str] = field(default_factory=dict)  # text that is not a missing marker -> its column
    nondetects: dict[str, tuple[list[str], int]] = field(default_factory=dict)  # column -> (words, cells)
    code_columns: dict[str, str] = field(default_factory=dict)  # numeric missing code -> a column it lies beyond
    limits: dict[str, float | None] = field(default_factory=dict)  # columns with '<x' cells -> x
    text_columns: list[tuple[str, list[str]]] = field(default_factory=list)  # 2-6 levels
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (column, why it is not used)
    notes: ColumnNotes = field(default_factory=ColumnNotes)  # a JSON sidecar's column notes (draft.sidecar)
    copies: list[tuple[str, str]] = field(default_factory=list)  # columns set aside as another rescaled
    restored: dict[str, str] = field(default_factory=dict)  # copies put back so a draft runs -> why a copy
    _group_candidates: list[tuple[str, list[str]]] = field(default_factory=list)
    _binary: list[str] = field(default_factory=list)

    def role_of(self, name: str, values: np.ndarray) -> tuple[str, str]:
        """(role, why) of numeric column ``name`` from its values and the sidecar's notes (:func:`guess_role`)."""
        return guess_role(name, values, self.notes)


def _long_format(frame: pd.DataFrame) -> tuple[tuple[str, str] | None, list[str]]:
    """((id column, visit column), visits) when an id-like column repeats once per level of another.

    Only when no id-like column is unique (a wide file's id wins)."""
    id_like = [c for c in frame.columns if ID_HINTS.match(str(c))]
    for col in id_like:
        ids = frame[col].map(cell_text)
        if not ids[ids.ne("")].duplicated().any():
            return None, []
    for col in id_like:
        # a visit entered twice (a row in a few dozen) does not make a long file wide
        found = repeat_levels_column(frame, frame[col].map(cell_text), {col}, tolerate=0.05)
        if found is not None:
            return (str(col), found[0]), found[1]
    return None, []


def _numeric_column(survey: Survey, col: str, values: pd.Series, failed_text: pd.Series, n_present: int) -> bool:
    """Record a mostly numeric column (its odd cells sorted into markers, limits and errors); False
    when the column is not mostly numbers."""
    bad_tokens = set(failed_text)
    censored = {t for t in bad_tokens if CENSORED.match(t)}  # '<1.2': below a limit, not missing
    words = {t for t in bad_tokens if NON_DETECT.match(t)}  # 'n.d.', 'BLQ': below a limit too
    beyond = int(failed_text.isin(censored | words).sum())  # measured, only not as a number
    mostly_numeric = values.notna().any() and values.notna().sum() + beyond >= max(1, 0.5 * n_present)
    if not (n_present and mostly_numeric and len(bad_tokens - censored - words) <= 3):
        return False
    for token in sorted(bad_tokens - censored - words):
        if entry_error(token):  # '85 mm', '#DIV/0!', a formula: a cell to fix, not a missing code
            survey.entry_errors.setdefault(token, col)
        else:
            survey.missing_tokens.add(token)
    if censored:
        survey.limits[col] = _lower_limit(censored)
    if words:
        survey.nondetects[col] = (sorted(words), int(failed_text.isin(words).sum()))
    survey.observed[col] = values.to_numpy(float)
    present = values.dropna().to_numpy(float)
    survey.code_columns.update({f"{v:g}": col for v in present[far_missing_codes(present)]})
    return True


def _besides(present: np.ndarray, clean: np.ndarray) -> str:
    if len(clean) == len(present):
        return ""
    codes = ", ".join(f"{v:g}" for v in np.unique(present[~np.isin(present, clean)]))
    return f" besides the missing code {codes}"


def _file_marks(raw: RawTable) -> set[str]:
    """The decimal marks the whole file shows (asked only for a '1,234' its own column cannot settle)."""
    return set().union(*(decimal_marks(raw.frame[c]) for c in raw.frame.columns))


def _classify(survey: Survey, raw: RawTable, col: str) -> None:
    """Sort one column into the survey: id, numeric, binary/text group candidate, or not used."""
    cells = raw.frame[col]
    values, missing, failed, _ = parse_numeric(
        cells, raw.decimal_comma_allowed, set(), raw.thousands_separator, lambda: _file_marks(raw)
    )
    n_present = int((~missing).sum())
    text = cells.map(lambda v: str(v).strip())
    distinct = text[text != ""].unique()
    if survey.id_col is None and ID_HINTS.match(col) and len(distinct) == n_present:
        survey.id_col = col
        return
    if _numeric_column(survey, col, values, text[failed.to_numpy()], n_present):
        present = values.dropna().to_numpy(float)
        clean = present[~far_missing_codes(present)]  # without a -999 code: what the analysis would see
        if _row_index(col, values):
            survey.skipped.append((col, "a saved row index: 0, 1, 2, ... in order"))
        elif len(np.unique(clean)) == 1:
            survey.skipped.append((col, f"constant: every value is {clean[0]:g}" + _besides(present, clean)))
        elif len(clean) < 3:
            survey.skipped.append((col, f"{len(clean)} value(s): too few to correlate" + _besides(present, clean)))
        elif 2 <= len(distinct) <= 3 and n_present >= 6 and set(distinct) <= {"0", "1", "2", "1.0", "2.0", "0.0"}:
            survey._group_candidates.append((col, sorted(distinct)))
            survey._binary.append(col)
        else:
            survey.numeric.append(col)
        return
    if n_present and text[text != ""].map(lambda t: bool(DATE_TEXT.match(t))).mean() >= 0.8:
        survey.skipped.append((col, "dates"))
    elif 2 <= len(distinct) <= 6 and n_present >= 4:
        survey._group_candidates.append((col, list(pd.unique(distinct))))
        survey.text_columns.append((col, [str(v) for v in pd.unique(distinct)]))
    elif len(distinct) == 1:
        survey.skipped.append((col, f"constant: every cell is '{distinct[0]}'"))
    else:
        survey.skipped.append((col, "empty" if not n_present else f"text with {len(distinct)} distinct values"))


def _in_a_battery(column: tuple[str, list[str]], candidates: list[tuple[str, list[str]]]) -> bool:
    """A text column one of three or more answering alike (a level they all share: 'No' in a side-effect
    checklist, 'Yes'/'No' in a history): an item of a questionnaire, not the study's groups.

    Examples
    --------
    >>> items = [("Dry", ["No", "Dry"]), ("Drowsy", ["No", "Drowsy"]), ("Chest", ["Chest", "No"])]
    >>> _in_a_battery(items[0], items), _in_a_battery(("Arm", ["A", "B"]), items + [("Arm", ["A", "B"])])
    (True, False)
    """
    alike = [c for c in candidates if set(c[1]) & set(column[1]) and len(c[1]) <= 3]
    return len(column[1]) <= 3 and len(alike) >= 3


def survey_columns(raw: RawTable) -> Survey:
    """Every column of ``raw`` sorted into a :class:`Survey`.

    Examples
    --------
    >>> from biocorr.data.read import read_text_table
    >>> s = survey_columns(read_text_table(",id,TNF,site\\n0,a,1.5,X\\n1,b,2.5,X\\n2,c,0.5,X\\n3,d,3.5,X\\n"))
    >>> s.id_col, s.numeric
    ('id', ['TNF'])
    >>> s.skipped[0], s.skipped[1]
    (('(unnamed column A)', 'a saved row index: 0, 1, 2, ... in order'), ('site', "constant: every cell is 'X'"))
    """
    survey = Survey()
    visit, survey.visits = _long_format(raw.frame)
    if visit is not None:
        survey.id_col, survey.visit_col = visit
    for col in raw.frame.columns:
        if visit is None or str(col) not in visit:
            _classify(survey, raw, str(col))
    _set_aside_unusable(survey)
    # a 0/1/2 column is a group only when its name says so ('group', 'arm', 'diagnosis'): unnamed it is
    # as likely a questionnaire item (GAD-7 'RESTLESS' 0/1) or a yes/no covariate; text labels
    # ('Patient', 'Control') are categories whatever the column is called
    candidates = [c for c in survey._group_candidates if c[0] not in survey._binary or GROUP_HINTS.search(c[0])]
    candidates = [c for c in candidates if GROUP_HINTS.search(c[0]) or not _in_a_battery(c, candidates)]
    if candidates:  # prefer a group-like name, then not sex/site, then the fewest groups
        survey.group_col, survey.groups = min(
            candidates,
            key=lambda c: (not GROUP_HINTS.search(c[0]), bool(NOT_A_GROUP.search(c[0])), len(c[1])),
        )
    # 0/1 columns not chosen as the group are ordinary numeric variables again
    survey.numeric += [c for c in survey._binary if c != survey.group_col]
    _set_aside_copies(survey)
    return survey


def _set_aside_copies(survey: Survey) -> None:
    """A column that is an exact linear function of an earlier one on the same rows ('Tablets' =
    'Dose' / 25, a weight in kg and in lb) is the same variable twice: it is not used, with that
    reason (with each other they give r = 1; with a third variable, the same r twice). Kept when its
    name says what it is (a biomarker's, a score's or a covariate's: two variables, however made up
    the values); put back by :func:`restore_copies` when the draft would otherwise not run.

    Examples
    --------
    >>> from biocorr.data.read import read_text_table
    >>> rows = "".join(f"s{i},{25 * (i % 4 + 1)},{i % 4 + 1},{i * 7 % 5}\\n" for i in range(12))
    >>> s = survey_columns(read_text_table("id,Dose,Tablets,VAS\\n" + rows))
    >>> s.numeric, s.skipped[0][1]
    (['Dose', 'VAS'], "the same variable as 'Dose' on every row (Tablets = 0.04 × Dose): one variable twice")
    """
    codes = [float(c) for c in survey.code_columns]
    columns = list(survey.numeric)
    if len(columns) < 2:
        return
    values = np.column_stack([survey.observed[c] for c in columns])
    values = np.where(np.isin(values, codes), np.nan, values)
    finite = np.isfinite(values)
    by_rows: dict[bytes, list[int]] = {}  # columns present on exactly the same rows
    for j in range(len(columns)):
        if finite[:, j].sum() >= 3:
            by_rows.setdefault(finite[:, j].tobytes(), []).append(j)
    copies: dict[int, str] = {}
    for members in by_rows.values():
        block = values[finite[:, members[0]]][:, members]
        with np.errstate(over="ignore", invalid="ignore"):  # values near 1e308: no r, never a warning
            centred = block - block.mean(axis=0)
            scale = np.sqrt((centred**2).sum(axis=0))
            z = np.nan_to_num(centred / np.where(np.isfinite(scale) & (scale > 0), scale, np.inf))
            same = np.abs(z.T @ z) >= 1 - 1e-12
        for a, b in zip(*np.nonzero(np.triu(same, k=1)), strict=True):
            first, name = columns[members[a]], columns[members[b]]
            if members[b] in copies or members[a] in copies:
                continue
            slope = float(centred[:, b] @ centred[:, a] / scale[a] ** 2)
            shift = float(block[:, b].mean() - slope * block[:, a].mean())
            formula = f"{slope:.4g} × {first}" + (
                f" {'+' if shift > 0 else '-'} {abs(shift):.4g}" if abs(shift) > 1e-9 else ""
            )
            copies[members[b]] = f"the same variable as '{first}' on every row ({name} = {formula}): one variable twice"
    for j, why in sorted(copies.items()):
        if any(h.search(columns[j]) for h in (COVARIATE_HINTS, BIOMARKER_HINTS, SCORE_HINTS)):
            continue  # a name that says what it is: two variables, however made-up the values
        survey.numeric.remove(columns[j])
        survey.skipped.append((columns[j], why))
        survey.copies.append((columns[j], why))


def restore_copies(survey: Survey) -> None:
    """Put the columns set aside as copies back (before the others, in file order): for a table that
    would otherwise have fewer than two variables and no table beside it to join, so that its
    draft still runs.

    Examples
    --------
    >>> from biocorr.data.read import read_text_table
    >>> s = survey_columns(read_text_table("id,x,y\\n" + "".join(f"s{i},{i * i},{2 * i * i}\\n" for i in range(9))))
    >>> s.numeric, [c for c, _ in s.copies]
    (['x'], ['y'])
    >>> restore_copies(s); s.numeric, s.skipped, list(s.restored)
    (['x', 'y'], [], ['y'])
    """
    for column, why in survey.copies:
        survey.skipped.remove((column, why))
        survey.numeric.append(column)
        survey.restored[column] = why
    survey.copies.clear()


def _set_aside_unusable(survey: Survey) -> None:
    """Numeric columns that the draft's own missing codes leave constant or nearly empty are not
    used (an unedited draft would stop on them): judged once every column's codes are known."""
    codes = [float(c) for c in survey.code_columns]
    for col in list(survey.numeric):
        present = survey.observed[col][np.isfinite(survey.observed[col])]
        clean = present[~np.isin(present, codes)]
        if len(np.unique(clean)) <= 1 or len(clean) < 3:
            why = (
                f"constant: every value is {clean[0]:g}"
                if len(np.unique(clean)) == 1 and len(clean) >= 3
                else (f"{len(clean)} value(s): too few to correlate")
            )
            survey.numeric.remove(col)
            survey.skipped.append((col, why + _besides(present, clean)))


RATING_SPAN = 30
"""Whole numbers (four or more distinct) spanning at most this many points (a 0-10 pain rating, HADS 0-21, PHQ-9 0-27, a
change of -10 to +10) are drafted as a score: an assay value is rarely a whole number, a rating
almost always is. Wider whole-number columns (a dose in mg, a 0-100 rating, a count) stay of
unknown role."""


def guess_role(name: str, values: np.ndarray, notes: ColumnNotes | None = None) -> tuple[str, str]:
    """(role, why) of a numeric column, from evidence only (see the module's docstring); ``notes``,
    a JSON sidecar's column descriptions (:mod:`biocorr.draft.sidecar`), are evidence after the name.

    Examples
    --------
    >>> guess_role("IL6", np.array([1.0, 2.0]))[0], guess_role("age", np.array([30.0]))[0]
    ('biomarker', 'covariate')
    >>> print(guess_role("Q7", np.array([1.0] * 13 + [2, 3, 4, 5] * 8))[1].split("; ")[1])
    13 of 45 values at the minimum 1, the floor of a whole-number scale
    """
    if COVARIATE_HINTS.search(name):
        return "covariate", "guess: name looks like a covariate"
    if DOSE_HINTS.search(name):
        return "biomarker", "guess: name says a dose, the exposure (correlated with the scores)"
    if BIOMARKER_HINTS.search(name):
        return "biomarker", "guess: name looks like a biomarker"
    if SCORE_HINTS.search(name):
        return "score", "guess: name looks like a clinical score"
    if notes is not None and (noted := role_from_notes(notes, name)) is not None:
        return noted
    if (scale := catalogue_range(name, values)) is not None:
        return "score", f"guess: named like a scale of the catalogue ({scale[1]})"
    if (pile := floor_pile(values)) is not None:
        low, at, n = pile
        return "biomarker", f"guess: {at} of {n} values equal the minimum {low:g}, as at an assay's detection limit"
    present = values[np.isfinite(values)]
    codes = np.unique(present)
    coded = CODED_CATEGORY.search(name) and not COUNTED.search(name)  # 'N.living.kids' counts, it codes nothing
    if 0 < len(codes) <= 20 and np.all(codes == np.round(codes)) and coded:
        return "covariate", f"{CODED} ({len(codes)} codes, {codes[0]:g} to {codes[-1]:g}; the name says so)"
    whole = len(present) >= 10 and bool(np.all(present == np.round(present)))
    floor = ""
    if whole:
        at = int((present == present.min()).sum())
        if at >= max(5, 0.1 * len(present)) and len(np.unique(present)) > 2:  # two values: a flag, not a scale
            floor = (
                f"; {at} of {len(present)} values at the minimum {present.min():g}, the floor of a whole-number scale"
            )
        low, high, distinct = present.min(), present.max(), len(np.unique(present))
        if distinct >= 4 and high - low <= RATING_SPAN and not NOT_A_RATING.search(name):
            rating = f"({distinct} distinct), as a rating (or a change in one) gives"
            return "score", f"guess: whole numbers from {low:g} to {high:g} {rating}{floor}"
    return "score", "role unknown: biomarker, score or covariate? (or delete)" + floor
