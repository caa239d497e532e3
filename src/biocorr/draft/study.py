"""Draft a study spec from a table's columns, for the user to edit (``biocorr init-spec``)."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from ..data.layout import above_header_text
from ..data.table import RawTable
from ..errors import DataError
from ..spec.scales import catalogue_range
from ..spec.toml_checks import toml_string as _quote
from .constructed import sums_and_differences
from .nearby import join_line, scores_next_door
from .per_visit import one_variable_over_visits
from .roles import CODED, at_least_one_biomarker, items_alike, on_evidence, one_role_only, unknown_roles_offered
from .sidecar import read_sidecar
from .survey import COVARIATE_HINTS, Survey, floor_pile, restore_copies, survey_columns
from .wide import WideProposal, propose_wide_visits


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


def _limit_line(limit: float | None) -> str:
    why = "cells are below the assay limit; until they hold a number they are excluded as censored-value"
    if limit is None:
        return f"# lower_limit = ...    # guess: '<x' {why}"
    return f"lower_limit = {limit:g}    # guess: '<{limit:g}' {why} (enter {limit:g} to keep them as a pile-up)"


def _categorical_lines(columns: list[tuple[str, list[str]]], named: bool = False) -> list[str]:
    """Text columns with a few levels as categorical covariates: active for covariate-like names
    (sex, age group, smoking), offered as comments otherwise; with ``named`` every column listed
    was named with --covariates."""
    lines = []
    for column, levels in columns:
        shown = _plain(", ".join(levels))
        if named or COVARIATE_HINTS.search(column):
            why = "named with --covariates" if named else "guess"
            lines += [
                f"[[covariate]]               # {why}: text column with levels {shown}",
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


def draft_spec(
    raw: RawTable,
    qpcr: tuple[list[str], list[tuple[str, str, str]]] | None = None,
    named: dict[str, str] | None = None,
    path: str | Path | None = None,
) -> str:
    """A TOML spec guessed from the columns: id, group, numeric columns with guessed roles.

    Parameters
    ----------
    raw : RawTable
    qpcr : (lines, biomarkers), optional
        A drafted ``[qpcr]`` section and the per-subject biomarkers (column, label, unit) it
        creates (:func:`biocorr.draft.qpcr.draft_qpcr`), for ``init-spec --qpcr``.
    named : dict, optional
        Column → role the analyst gave (:func:`biocorr.draft.focus.named_roles`): those columns
        get those roles and every other variable is listed as not used.
    path : str or Path, optional
        The data file: when no column has the evidence of a score, a table beside it that holds
        the scores under the same id is proposed as ``[data] join`` (:mod:`biocorr.draft.nearby`).

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
    survey = survey_columns(raw)
    if path is not None:
        survey.notes = read_sidecar(path)
    if named:
        _keep_named(survey, named)
    wide = propose_wide_visits(survey.numeric)
    wide_lines = _wide_lines(raw, survey, wide, named) if wide is not None else []
    codes = [float(c) for c in survey.code_columns]  # proposed as missing: not values a range must hold
    kept = {name: v[~np.isin(v, codes)] for name, v in survey.observed.items()}
    nearby = None
    scored = any(on_evidence(survey.role_of(name, kept[name]), "score") for name in survey.numeric)
    reshaped = any(line.startswith("wide_visits") for line in wide_lines)  # not when only offered in comments
    if path is not None and not named and not qpcr and not reshaped and not scored:
        nearby = scores_next_door(path, raw, survey)
    if nearby is None and len(survey.numeric) < 2 and not qpcr:
        restore_copies(survey)  # one variable twice is still two columns to correlate: the draft must run
    if nearby is not None:  # its missing codes are the data's too: the joined cells are read with them
        wide_lines = wide_lines + [join_line(nearby, survey)]
        for code, column in nearby.survey.code_columns.items():
            survey.code_columns.setdefault(code, f"{column}' in '{nearby.file}")
        survey.missing_tokens |= nearby.survey.missing_tokens
    per_visit = None if named or qpcr or nearby is not None else one_variable_over_visits(raw, survey, kept)
    if per_visit is not None:  # one variable over the visits: each visit a variable, one row per subject
        wide_lines = wide_lines + per_visit.data_lines
    lines = [f"# Draft spec for {raw.source}: every line marked 'guess' needs checking.", "", "[data]"]
    if survey.notes.problem:
        problem = f"{_plain(survey.notes.file)} beside it: {survey.notes.problem}"
        lines.insert(1, f"# {problem}; its column notes are not used")
    lines += _data_lines(raw, survey, wide_lines)
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
    if named:
        roles = [(name, named[name], f"named with --{named[name]}s") for name in survey.numeric]
    else:
        roles = items_alike([(name, *survey.role_of(name, kept[name])) for name in survey.numeric], kept)
        roles = [  # a copy put back so that the draft runs: its r with the original is 1 by construction
            (name, role, f"{survey.restored[name]}, kept only so that this draft runs (r = 1 by construction); {why}")
            if name in survey.restored
            else (name, role, why)
            for name, role, why in roles
        ]
    if per_visit is not None:
        roles = [r for r in roles if r[0] != per_visit.column]
    yes_no = {name for name in survey.numeric if len(np.unique(kept[name][np.isfinite(kept[name])])) <= 2}
    theirs = [(name, "score", why) for name, why in nearby.scores] if nearby is not None else []
    have_roles = bool(joined) or bool(named) or per_visit is not None
    roles, advice = at_least_one_biomarker(roles + theirs, have_roles, yes_no)
    roles = [r for r in roles if r not in theirs]  # the neighbour's scores are written from its table below
    n_named = {role: sum(r == role for _, r, _ in roles) for role in ("biomarker", "score")}
    if named and not n_named["biomarker"] and not joined and n_named["score"] < 2:
        advice = ["# No biomarker was named (--biomarkers): a spec needs one (or two or more --scores).", ""]
    panel_alone = nearby is None and not joined and one_role_only(roles, "biomarker")
    if per_visit is not None:
        advice, panel_alone = per_visit.variable_lines, []
    elif panel_alone:  # a lab panel alone: its biomarkers with each other
        advice += panel_alone
    elif roles and nearby is None and not any(r == "score" for _, r, _ in roles):  # the scores are elsewhere
        advice += [
            "# No column looks like a score (a clinical rating or symptom scale). A spec needs one: name it",
            '# here, or join the table that holds the scores by id ([data] join = "scores.csv"):',
            "# [[score]]",
            '# column = "..."',
            "",
        ]
    lines += advice
    roles, offered = unknown_roles_offered(roles, nearby is not None or bool(panel_alone) or per_visit is not None)
    built = sums_and_differences(raw.frame, [name for name, _, _ in roles])  # 'Delta' = 'Ami' − 'P'
    for name, role, why in roles:
        lines += _variable_lines(raw, survey, name, role, why + _built_note(built.get(name)), kept[name])
    if nearby is not None:
        their_codes = [float(c) for c in nearby.survey.code_columns]
        built = sums_and_differences(nearby.raw.frame, [name for name, _ in nearby.scores])
        for name, why in nearby.scores:
            values = nearby.survey.observed[name]
            values = values[~np.isin(values, their_codes)]
            why = f"in {nearby.file}: {why}{_built_note(built.get(name))}"
            lines += _variable_lines(nearby.raw, nearby.survey, name, "score", why, values)
    if offered:
        lines += [
            f"# {len(offered)} more numeric column(s) of unknown role, offered: uncomment a block as [[biomarker]],",
            "# [[score]] or [[covariate]] to analyse it (a draft gives roles only on evidence: a name, a scale,",
            "# a detection limit)",
        ]
        for name, _, why in offered:
            if why.startswith(CODED):  # 'CURRENT_GENDER' 0/1/2: a category, as a categorical covariate
                shown = _plain(why.removeprefix("role unknown: "))
                lines += [f"# [[covariate]]             # offered: {shown}", f"# column = {_quote(name)}"]
                lines += ["# categorical = true", ""]
                continue
            lines += [
                "# " + line if line else "" for line in _variable_lines(raw, survey, name, "score", why, kept[name])
            ]
    lines += change_score_lines(roles)
    lines += _categorical_lines(
        [(c, levels) for c, levels in survey.text_columns if c != survey.group_col], named is not None and bool(named)
    )
    if survey.skipped:
        by_reason: dict[str, list[str]] = {}
        for column, why in survey.skipped:
            by_reason.setdefault(why, []).append(f"'{column}'")
        listed = "; ".join(f"{', '.join(columns)} ({why})" for why, columns in by_reason.items())
        lines += ["# Not used: " + _plain(listed), ""]
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


def _built_note(expression: str | None) -> str:
    """The draft's note on a column built from two others ('; equals Ami − P in every row ...'), else ''."""
    if not expression:
        return ""
    return f"; equals {expression} in every row: its r with them is partly fixed by construction (keep one)"


def _keep_named(survey: Survey, named: dict[str, str]) -> None:
    """Keep the survey to the named columns: other variables are not used, with that reason; a
    named column the draft cannot use as a variable is an error or keeps its reason."""
    for column in (survey.id_col, survey.group_col, survey.visit_col):
        if column in named:
            what = "id" if column == survey.id_col else "group" if column == survey.group_col else "visit"
            raise DataError(
                f"column '{column}' is the table's {what} column; it cannot also be a {named[column]}. Leave it out "
                f"of --{named[column]}s (write the spec's [data] {what} by hand if the guess is wrong)."
            )
    text = dict(survey.text_columns)
    for column, role in named.items():
        if column in text and role != "covariate":
            raise DataError(
                f"column '{column}' holds text ({', '.join(text[column][:4])}), not numbers: it can be a categorical "
                f"covariate (--covariates), not a {role}."
            )
    unnamed = "not named with --biomarkers, --scores or --covariates"
    survey.skipped += [(c, unnamed) for c in survey.numeric if c not in named]
    survey.skipped += [(c, unnamed) for c, _ in survey.text_columns if c not in named and c != survey.group_col]
    survey.numeric = [c for c in survey.numeric if c in named]
    survey.text_columns = [(c, v) for c, v in survey.text_columns if c in named or c == survey.group_col]


def _wide_lines(raw: RawTable, survey: Survey, wide: WideProposal, named: dict[str, str] | None) -> list[str]:
    """[data] lines for a wide file's visit columns. With a time word and an id column the proposal
    is made (``visit`` and ``wide_visits``; each family becomes one variable in the survey, its
    values those of every visit); otherwise it is offered as comments and the columns stay."""
    first = next(iter(wide.columns.values()))
    shown = _plain(", ".join(first[:3]) + (", ..." if len(first) > 3 else ""))
    visits = "[" + ", ".join(_quote(v) for v in wide.visits) + "]"
    table = f"{{ visits = {visits}, name = {_quote(wide.template)} }}"
    header = set(map(str, raw.frame.columns))
    visit_name = next(n for n in ("visit", "timepoint", "visit_number") if n not in header)
    if survey.visit_col is not None:  # already long: one visit column per file
        return [
            f"# {shown} look like one variable at {len(wide.visits)} times within each level of "
            f"{_quote(survey.visit_col)}; a spec reads one visit column, so they stay separate variables",
            f"# here (a variable with difference = [{_quote(first[-1])}, {_quote(first[0])}] is their change)",
        ]
    in_families = {c for columns in wide.columns.values() for c in columns}
    after = [c for c in survey.numeric if c not in in_families and not COVARIATE_HINTS.search(c)] + list(wide.columns)
    if not (wide.strong and survey.id_col) or len(after) < 2:
        why = "an id column is needed first" if wide.strong else "a number after '_' may be an item, not a visit"
        if wide.strong and survey.id_col:  # one variable over time: its times with each other is what is left
            why = "made so, it leaves one variable and nothing to correlate it with; here each time is a variable"
        return [
            f"# visit = {_quote(visit_name)}",
            f"# wide_visits = {table}    # offered: {shown} may be one variable per visit ({_plain(why)})",
        ]
    for stem, columns in wide.columns.items():
        at = survey.numeric.index(columns[0])
        survey.numeric = [c for c in survey.numeric if c not in columns]
        survey.numeric.insert(at, stem)
        survey.observed[stem] = np.concatenate([survey.observed[c] for c in columns])
        for c in columns:
            if c in survey.limits:
                survey.limits[stem] = survey.limits[c]
            if c in survey.nondetects:
                words, cells = survey.nondetects.get(stem, ([], 0))
                survey.nondetects[stem] = (
                    sorted(set(words) | set(survey.nondetects[c][0])),
                    cells + survey.nondetects[c][1],
                )
        if named:
            named[stem] = next(named[c] for c in columns if c in named)
    return [
        f"visit = {_quote(visit_name)}       # guess: made from the visit columns below",
        f"wide_visits = {table}    # guess: {shown} are one variable per visit",
    ]


def _data_lines(raw: RawTable, survey: Survey, wide_lines: list[str] | None = None) -> list[str]:
    """[data] (id, visit, group, missing markers and entry errors) and [groups]."""
    lines = []
    if raw.header_row > 1:
        lines.append(_plain(f"# The header is row {raw.header_row}; {above_header_text(raw)} are not read as data."))
    if survey.visit_col is not None:
        visits = survey.visits
        shown = _plain(", ".join(visits[:6]) + (", ..." if len(visits) > 6 else ""))
        lines.append(f"id = {_quote(str(survey.id_col))}          # guess: id-like name, repeated once per visit")
        lines.append(f"visit = {_quote(survey.visit_col)}       # guess: long file, each id once per level ({shown})")
    elif survey.id_col:
        lines.append(f"id = {_quote(survey.id_col)}          # guess: unique values, id-like name")
    else:
        lines.append('# id = "..."          # no id column found: rows will be named by row number')
    lines += wide_lines or []
    if survey.group_col:
        lines.append(f"group = {_quote(survey.group_col)}    # guess: few distinct values")
    errors = survey.entry_errors
    if errors:
        shown = "; ".join(f"'{t}' in '{c}'" for t, c in list(errors.items())[:8])
        more = f" and {len(errors) - 8} more" if len(errors) > 8 else ""
        lines.append(
            _plain(f"# Not proposed as missing: {shown}{more}. They look like entry errors (a number with a unit,"
                   " a word, a spreadsheet error or formula), so each such cell is excluded and listed; fix the cells.")
        )  # fmt: skip
    if survey.missing_tokens or survey.code_columns:
        codes = survey.code_columns
        listed = ", ".join([_quote(t) for t in sorted(survey.missing_tokens)] + sorted(codes, key=float))
        reasons = ["text found in numeric columns"] if survey.missing_tokens else []
        reasons += [f"{code} lies far beyond the other values of '{c}'" for code, c in sorted(codes.items())]
        lines += [f"missing = [{listed}]    # guess: {_plain('; '.join(reasons))}", ""]
    else:
        lines += ['missing = []          # extra missing-value markers, e.g. [".", "-99"]', ""]
    if survey.group_col:
        lines.append("[groups]              # display labels, in the order to show them")
        lines += [f"{_quote(g)} = {_quote(g)}" for g in survey.groups]
        lines.append("")
    return lines


def _variable_lines(raw: RawTable, survey: Survey, name: str, role: str, why: str, values: np.ndarray) -> list[str]:
    """One [[biomarker]]/[[score]]/[[covariate]] entry with its unit, range, limit and not-detected words."""
    lines = [
        f"[[{role}]]               # {_plain(why)}",
        f"column = {_quote(name)}",
        f"label = {_quote(name)}",
        f"unit = {_quote(raw.units[name])}    # guess: the units row under the header"
        if name in raw.units
        else f"unit = {_quote(survey.notes.units[name])}    # guess: the units in {_plain(survey.notes.file)}"
        if name in survey.notes.units
        else '# unit = ""',
        _range_line(name, values) if role == "score" else "# range = [low, high]",
    ]
    if name in survey.nondetects:
        nd_words, nd_cells = survey.nondetects[name]
        shown = _plain(", ".join(repr(w) for w in nd_words))
        lines.append(
            f"# {shown} ({nd_cells} cell(s)) read as 'not detected': not proposed as missing, so each is"
            " excluded as censored-value and listed; enter the limit to keep them"
        )
    if name in survey.limits:
        lines.append(_limit_line(survey.limits[name]))
    elif role == "biomarker" and (pile := floor_pile(survey.observed[name])) is not None:
        low, at, n = pile
        lines.append(
            f"lower_limit = {low:g}    # guess: {at} of {n} values equal the minimum {low:g} (a detection limit?)"
        )
    lines.append("")
    return lines
