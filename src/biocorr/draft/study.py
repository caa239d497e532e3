"""Draft a study spec from a table's columns, for the user to edit (``biocorr init-spec``)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..data.cells import CENSORED, NON_DETECT, parse_numeric
from ..data.checks import far_missing_codes, repeat_levels_column
from ..data.layout import above_header_text
from ..data.table import RawTable, cell_text
from ..spec.scales import catalogue_range
from ..spec.toml_checks import toml_string as _quote

BIOMARKER_HINTS = re.compile(
    r"(tnf|il[-_.]?\d|interleukin|crp|cd4|cd8|mrna|protein|elisa|qpcr|(^|[_.\s-])(d|dd|delta|Δ|ΔΔ)?c[tq]$|"
    r"fold|expr|tspo|suvr|cytokine|chemokine|ccl\d|cxcl\d|mcp|cortisol|bdnf|mmp|pge|ifn|marker|conc|level)",
    re.I,
)
SCORE_HINTS = re.compile(
    r"(vas|hads|pain|anx|dep|qol|quality|score|fatigue|fiq|sf.?36|eq.?5d|bpi|pcs|phq|gad|scale|"
    r"index|total|severity)",
    re.I,
)
COVARIATE_HINTS = re.compile(
    r"^(age|sex|gender|bmi|weight|height|mass|education|smok|time.?sinc|duration|years.?since|disease.?duration)", re.I
)
GROUP_HINTS = re.compile(r"(group|arm|status|diag|^dx|disease|patient|control|cohort|condition|case|treat)", re.I)
NOT_A_GROUP = re.compile(r"^(sex|gender|race|ethnic|smok|site|clinic|centre|center)", re.I)  # covariates, strata
ID_HINTS = re.compile(r"^(id|pid|subject|subj|participant|patient|record|sample)([_ .-]?id)?$", re.I)


def _plain(s: str) -> str:
    """Text for a TOML comment: on one line, whatever the cell or header held."""
    return re.sub(r"[\x00-\x1f\x7f]+", " ", s)


def _range_line(column: str, values: np.ndarray) -> str:
    """A score's range from the scale catalogue (a guess naming the scale), or the placeholder."""
    found = catalogue_range(column, values)
    if found is None:
        return "# range = [low, high]"
    (low, high), why = found
    if np.isnan(low):
        return f"# range = [low, high]    # {_plain(why)}"
    return f"range = [{low:g}, {high:g}]    # guess: {why}"


MISSING_MARKER = re.compile(
    r"^(?:[.\-–—?*/\\_]+|n\.?\s?a\.?|n/a|missing|unknown|unk\.?|none|null|empty|blank|x+|n\.?\s?r\.?|no\s+data|"
    r"not\s+(?:done|available|recorded|applicable|assessed|measured|known))$",
    re.I,
)


def _entry_error(token: str) -> bool:
    """Text in a numeric column that is an entry to fix, not a missing-value marker.

    A marker is punctuation ('.', '-', '?') or a word for "no value" ('NA', 'missing', 'not
    done', 'unknown'); anything else ('85 mm', '3.1x', 'abc', '#DIV/0!', a formula) is an entry
    to fix, excluded and listed rather than hidden as missing.

    Examples
    --------
    >>> [_entry_error(t) for t in (".", "not done", "Unknown", "85 mm", "abc", "#DIV/0!", "=A1/B1")]
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
    """(minimum, how many equal it, how many present) when values pile up at a positive minimum.

    An assay reports values below its detection limit at the limit itself: a positive minimum
    shared by at least 10 % of the values (and 5) with at least 3 values above it.

    Examples
    --------
    >>> floor_pile(np.array([1.2] * 6 + [3.0, 4.5, 7.1, 2.2]))
    (1.2, 6, 10)
    >>> floor_pile(np.array([0.0] * 6 + [3.0, 4.5, 7.1, 2.2])) is None  # 0 is a floor of the scale, not a limit
    True
    """
    present = values[np.isfinite(values)]
    if len(present) < 10:
        return None
    low = float(present.min())
    at = int((present == low).sum())
    if low > 0 and at >= max(5, 0.1 * len(present)) and len(present) - at >= 3:
        return low, at, len(present)
    return None


def _limit_line(limit: float | None) -> str:
    why = "cells are below the assay limit; until they hold a number they are excluded as censored-value"
    if limit is None:
        return f"# lower_limit = ...    # guess: '<x' {why}"
    return f"lower_limit = {limit:g}    # guess: '<{limit:g}' {why} (enter {limit:g} to keep them as a pile-up)"


def _categorical_lines(columns: list[tuple[str, list[str]]]) -> list[str]:
    """Text columns with a few levels as categorical covariates: active for covariate-like names
    (sex, age group, smoking), offered as comments otherwise."""
    lines = []
    for column, levels in columns:
        shown = _plain(", ".join(levels))
        if COVARIATE_HINTS.search(column):
            lines += [
                f"[[covariate]]               # guess: text column with levels {shown}",
                f"column = {_quote(column)}",
            ]
            lines += ["categorical = true", ""]
        else:
            lines += [f"# [[covariate]]             # offered: text column with levels {shown}; uncomment to adjust"]
            lines += [f"# column = {_quote(column)}", "# categorical = true", ""]
    return lines


CHANGE_PAIRS = (("pre", "post"), ("baseline", "followup"), ("baseline", "follow-up"), ("before", "after"))


def change_score_lines(roles: list[tuple[str, str, str]]) -> list[str]:
    """Commented change scores (post − pre) for numeric columns whose names differ only by a
    pre/post token ('IL6_pre', 'IL6_post'): offered, not active, so the draft runs as it is.

    Examples
    --------
    >>> for line in change_score_lines([("VAS_pre", "score", ""), ("VAS_post", "score", "")])[1:4]:
    ...     print(line)
    # [[score]]             # offered: the change VAS_post − VAS_pre
    # column = "VAS_change"
    # difference = ["VAS_post", "VAS_pre"]
    """
    role_of = {name: role for name, role, _ in roles}
    lines: list[str] = []
    for name, role in role_of.items():
        if role == "covariate":
            continue
        for before, after in CHANGE_PAIRS:
            token = re.compile(rf"(?<![a-z0-9]){re.escape(before)}(?![a-z0-9])", re.I)
            found = token.search(name)
            if not found:
                continue
            text = found.group(0)
            later = after.upper() if text.isupper() else after.capitalize() if text[0].isupper() else after
            partner = name[: found.start()] + later + name[found.end() :]
            stem = (name[: found.start()] + name[found.end() :]).strip("_.- ") or name
            change = f"{stem}_change"
            if role_of.get(partner) == role and change not in role_of:
                lines += [f"# [[{role}]]             # offered: the change {_plain(partner)} − {_plain(name)}"]
                lines += [f"# column = {_quote(change)}", f"# difference = [{_quote(partner)}, {_quote(name)}]", ""]
    if lines:
        lines.insert(0, "# Change scores: uncomment to analyse the change beside (or instead of) each visit")
    return lines


def _long_format(frame: pd.DataFrame) -> tuple[tuple[str, str] | None, list[str]]:
    """((id column, visit column), visits) when an id-like column repeats once per level of another.

    Only when no id-like column is unique (a wide file's id wins)."""
    id_like = [c for c in frame.columns if ID_HINTS.match(str(c))]
    for col in id_like:
        ids = frame[col].map(cell_text)
        if not ids[ids.ne("")].duplicated().any():
            return None, []
    for col in id_like:
        found = repeat_levels_column(frame, frame[col].map(cell_text), {col})
        if found is not None:
            return (str(col), found[0]), found[1]
    return None, []


def draft_spec(raw: RawTable, qpcr: tuple[list[str], list[tuple[str, str, str]]] | None = None) -> str:
    """A TOML spec guessed from the columns: id, group, numeric columns with guessed roles.

    Parameters
    ----------
    raw : RawTable
    qpcr : (lines, biomarkers), optional
        A drafted ``[qpcr]`` section and the per-subject biomarkers (column, label, unit) it
        creates (:func:`biocorr.draft.qpcr.draft_qpcr`), for ``init-spec --qpcr``.

    Returns
    -------
    str
        TOML text with comments marking every guess.

    Examples
    --------
    >>> from biocorr.data.read import read_text_table
    >>> text = draft_spec(read_text_table("id,group,TNF,VAS\\n1,P,2.5,40\\n2,C,1.1,10\\n3,P,3.0,55\\n4,C,0.9,5\\n"))
    >>> 'id = "id"' in text and 'group = "group"' in text and 'column = "TNF"' in text
    True
    """
    frame = raw.frame
    numeric: list[str] = []
    id_col: str | None = None
    group_col: str | None = None
    groups: list[str] = []
    group_candidates: list[tuple[str, list[str]]] = []
    binary_numeric: list[str] = []
    missing_tokens: set[str] = set()
    entry_errors: dict[str, str] = {}  # text in a numeric column that is not a missing marker -> its column
    nondetects: dict[str, tuple[list[str], int]] = {}  # column -> ('not detected' words, cells)
    code_columns: dict[str, str] = {}  # numeric missing code -> a column where it lies far beyond the rest
    limits: dict[str, float | None] = {}  # columns with '<x' cells -> x (None when the cells differ)
    observed: dict[str, np.ndarray] = {}  # numeric columns' values, for the scale catalogue
    text_columns: list[tuple[str, list[str]]] = []  # 2-6 levels: the group, or categorical covariates
    skipped: list[tuple[str, str]] = []
    visit_col, visits = _long_format(frame)
    if visit_col is not None:
        id_col = visit_col[0]
    for col in frame.columns:
        if visit_col is not None and col in visit_col:
            continue
        values, missing, failed, _ = parse_numeric(
            frame[col], raw.decimal_comma_allowed, set(), raw.thousands_separator
        )
        n_present = int((~missing).sum())
        text = frame[col].map(lambda v: str(v).strip())
        distinct = text[text != ""].unique()
        if id_col is None and ID_HINTS.match(str(col)) and len(distinct) == n_present:
            id_col = col
            continue
        failed_text = text[failed.to_numpy()]
        bad_tokens = set(failed_text)
        censored = {t for t in bad_tokens if CENSORED.match(t)}  # '<1.2': below a limit, not missing
        words = {t for t in bad_tokens if NON_DETECT.match(t)}  # 'n.d.', 'BLQ': below a limit too
        beyond = int(failed_text.isin(censored | words).sum())  # measured, only not as a number
        mostly_numeric = values.notna().any() and values.notna().sum() + beyond >= max(1, 0.5 * n_present)
        if n_present and mostly_numeric and len(bad_tokens - censored - words) <= 3:
            for token in sorted(bad_tokens - censored - words):
                if _entry_error(token):  # '85 mm', '#DIV/0!', a formula: a cell to fix, not a missing code
                    entry_errors.setdefault(token, str(col))
                else:
                    missing_tokens.add(token)
            if censored:
                limits[str(col)] = _lower_limit(censored)
            if words:
                nondetects[str(col)] = (sorted(words), int(failed_text.isin(words).sum()))
            observed[str(col)] = values.to_numpy(float)
            present = values.dropna().to_numpy(float)
            coded = present[far_missing_codes(present)]
            code_columns.update({f"{v:g}": str(col) for v in coded})
            if 2 <= len(distinct) <= 3 and n_present >= 6 and set(distinct) <= {"0", "1", "2", "1.0", "2.0", "0.0"}:
                group_candidates.append((col, sorted(distinct)))
                binary_numeric.append(col)
                continue
            numeric.append(col)
        elif 2 <= len(distinct) <= 6 and n_present >= 4:
            group_candidates.append((col, list(pd.unique(distinct))))
            text_columns.append((str(col), [str(v) for v in pd.unique(distinct)]))
        else:
            skipped.append((str(col), "empty" if not n_present else f"text with {len(distinct)} distinct values"))
    if group_candidates:  # prefer a group-like name, then not sex/site, then the fewest groups
        group_col, groups = min(
            group_candidates,
            key=lambda c: (not GROUP_HINTS.search(str(c[0])), bool(NOT_A_GROUP.search(str(c[0]))), len(c[1])),
        )
        # 0/1 columns not chosen as the group are ordinary numeric variables again
        numeric += [c for c in binary_numeric if c != group_col]
    lines = [f"# Draft spec for {raw.source}: every line marked 'guess' needs checking.", "", "[data]"]
    if raw.header_row > 1:
        lines.insert(1, _plain(f"# The header is row {raw.header_row}; {above_header_text(raw)} are not read as data."))
    if visit_col is not None:
        shown = _plain(", ".join(visits[:6]) + (", ..." if len(visits) > 6 else ""))
        lines.append(f"id = {_quote(str(id_col))}          # guess: id-like name, repeated once per visit")
        lines.append(f"visit = {_quote(visit_col[1])}       # guess: long file, each id once per level ({shown})")
    elif id_col:
        lines.append(f"id = {_quote(id_col)}          # guess: unique values, id-like name")
    else:
        lines.append('# id = "..."          # no id column found: rows will be named by row number')
    if group_col:
        lines.append(f"group = {_quote(group_col)}    # guess: few distinct values")
    if entry_errors:
        shown = "; ".join(f"'{t}' in '{c}'" for t, c in list(entry_errors.items())[:8])
        more = f" and {len(entry_errors) - 8} more" if len(entry_errors) > 8 else ""
        lines.append(
            _plain(f"# Not proposed as missing: {shown}{more}. They look like entry errors (a number with a unit,"
                   " a word, a spreadsheet error or formula), so each such cell is excluded and listed; fix the cells.")
        )  # fmt: skip
    if missing_tokens or code_columns:
        listed = ", ".join([_quote(t) for t in sorted(missing_tokens)] + sorted(code_columns, key=float))
        reasons = ["text found in numeric columns"] if missing_tokens else []
        reasons += [f"{code} lies far beyond the other values of '{c}'" for code, c in sorted(code_columns.items())]
        lines += [f"missing = [{listed}]    # guess: {_plain('; '.join(reasons))}", ""]
    else:
        lines += ['missing = []          # extra missing-value markers, e.g. [".", "-99"]', ""]
    if group_col:
        lines.append("[groups]              # display labels, in the order to show them")
        lines += [f"{_quote(g)} = {_quote(g)}" for g in groups]
        lines.append("")
    joined = qpcr[1] if qpcr else []
    if qpcr:
        lines += qpcr[0]
    for column, label, unit in joined:
        lines += [
            "[[biomarker]]               # the qPCR join's per-subject ratio (analyze ... --qpcr CT)",
            f"column = {_quote(column)}",
            f"label = {_quote(label)}",
            f"unit = {_quote(unit)}",
            "",
        ]
    piles = {name: floor_pile(v) for name, v in observed.items()}
    codes = [float(c) for c in code_columns]  # proposed as missing: not values a range must hold

    def kept(values: np.ndarray) -> np.ndarray:
        return values[~np.isin(values, codes)]

    roles = []
    for col in numeric:
        name = str(col)
        if COVARIATE_HINTS.search(name):
            roles.append((name, "covariate", "guess: name looks like a covariate"))
        elif BIOMARKER_HINTS.search(name):
            roles.append((name, "biomarker", "guess: name looks like a biomarker"))
        elif SCORE_HINTS.search(name):
            roles.append((name, "score", "guess: name looks like a clinical score"))
        elif (scale := catalogue_range(name, kept(observed[name]))) is not None:
            roles.append((name, "score", f"guess: named like a scale of the catalogue ({_plain(scale[1])})"))
        elif (pile := piles.get(name)) is not None:
            low, at, n = pile
            why = f"guess: {at} of {n} values equal the minimum {low:g}, as at an assay's detection limit"
            roles.append((name, "biomarker", why))
        else:
            roles.append((name, "score", "role unknown: biomarker, score or covariate? (or delete)"))
    if roles and not joined and not any(r == "biomarker" for _, r, _ in roles):
        unknown = [i for i, (_, _, why) in enumerate(roles) if why.startswith("role unknown")]
        if unknown:
            i = unknown[0]
            roles[i] = (roles[i][0], "biomarker", "role unknown: a spec needs at least one biomarker")
        else:  # never a covariate or a score by name: say what is missing instead
            lines += [
                "# No column looks like a biomarker. A spec needs one: name it here, or join qPCR",
                "# results with --qpcr and name their per-subject column (e.g. TNF_ATP_vs_vehicle_log2):",
                "# [[biomarker]]",
                '# column = "..."',
                "",
            ]
    if not roles:
        lines += [
            "# No column holds numbers, so no biomarker or score could be guessed. A spec needs one of",
            "# each; uncomment and name them (the file may have a header but no data rows):",
            "# [[biomarker]]",
            '# column = "..."',
            "# [[score]]",
            '# column = "..."',
            "",
        ]
    for name, role, why in roles:
        lines += [
            f"[[{role}]]               # {why}",
            f"column = {_quote(name)}",
            f"label = {_quote(name)}",
            f"unit = {_quote(raw.units[name])}    # guess: the units row under the header"
            if name in raw.units
            else '# unit = ""',
            _range_line(name, kept(observed[name])) if role == "score" else "# range = [low, high]",
        ]
        if name in nondetects:
            nd_words, nd_cells = nondetects[name]
            shown = _plain(", ".join(repr(w) for w in nd_words))
            lines.append(
                f"# {shown} ({nd_cells} cell(s)) read as 'not detected': not proposed as missing, so each is"
                " excluded as censored-value and listed; enter the limit to keep them"
            )
        if name in limits:
            lines.append(_limit_line(limits[name]))
        elif role == "biomarker" and (pile := piles.get(name)) is not None:
            low, at, n = pile
            lines.append(
                f"lower_limit = {low:g}    # guess: {at} of {n} values equal the minimum {low:g} (a detection limit?)"
            )
        lines.append("")
    lines += change_score_lines(roles)
    lines += _categorical_lines([(c, levels) for c, levels in text_columns if c != str(group_col)])
    if skipped:
        lines += ["# Not used: " + _plain("; ".join(f"'{c}' ({why})" for c, why in skipped)), ""]
    lines += [
        "[analysis]",
        'methods = ["pearson", "spearman", "kendall"]',
        'subsets = ["all", "by-group"]',
        'adjust = "holm"',
        "confidence = 0.95",
        "seed = 20171",
        "",
    ]
    return "\n".join(lines)
