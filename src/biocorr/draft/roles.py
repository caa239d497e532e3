"""Which role a column gets when the evidence is short: a spec needs a biomarker, or two or more
scores to correlate with each other. Columns whose role is unknown are offered as comments, except
those a spec needs to run, each drafted with the reason; a yes/no flag is drafted last.

Roles are ``(column, role, why)`` triples as :func:`biocorr.draft.survey.guess_role` gives them;
``why`` starting with 'role unknown' marks a column without evidence.
"""

from __future__ import annotations

import re
from collections.abc import Collection

import numpy as np

UNKNOWN = "role unknown: biomarker, score or covariate?"
UNKNOWN_ROLE = "role unknown"
# whole numbers whose name says they code a category ('CURRENT_GENDER' 0/1/2): offered as a
# categorical covariate, never drafted as a score to give the spec one
CODED = "role unknown: whole numbers coding a category"


def on_evidence(role_why: tuple[str, str], role: str) -> bool:
    """Whether a guessed (role, why) gives ``role`` on evidence (not 'role unknown').

    Examples
    --------
    >>> on_evidence(("score", "guess: name looks like a clinical score"), "score")
    True
    >>> on_evidence(("score", UNKNOWN + " (or delete)"), "score")
    False
    """
    return role_why[0] == role and not role_why[1].startswith(UNKNOWN_ROLE)


def unknown_roles_offered(
    roles: list[tuple[str, str, str]], have_score: bool = False
) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """(drafted, offered): columns without evidence for a role are offered as comments, except
    the first one needed to give a spec with a biomarker a score when no column has the evidence
    of one (the biomarker's is :func:`at_least_one_biomarker`). Whole numbers coding a category
    (``CODED``) are only offered.

    Examples
    --------
    >>> drafted, offered = unknown_roles_offered([("TNF", "biomarker", "guess"), ("Q1", "score", UNKNOWN)])
    >>> [(name, role) for name, role, _ in drafted], [name for name, _, _ in offered]
    ([('TNF', 'biomarker'), ('Q1', 'score')], [])
    >>> drafted, offered = unknown_roles_offered([("TNF", "biomarker", "guess"), ("RACE_1", "covariate", CODED)])
    >>> [name for name, _, _ in drafted], [name for name, _, _ in offered]  # a coded category: offered only
    (['TNF'], ['RACE_1'])
    """
    unknown = [r for r in roles if r[2].startswith((UNKNOWN, CODED))]
    keep = [r for r in roles if not r[2].startswith((UNKNOWN, CODED))]
    if (
        (candidates := [r for r in unknown if r[2].startswith(UNKNOWN)])
        and not have_score
        and not any(role == "score" for _, role, _ in keep)
        and any(role == "biomarker" for _, role, _ in keep)  # without a biomarker one score is no spec either
    ):
        name, _, why = candidates[0]
        unknown.remove(candidates[0])
        needed = "role unknown: a spec needs at least one score"
        keep.append((name, "score", why.replace(UNKNOWN + " (or delete)", needed, 1).replace(UNKNOWN, needed, 1)))
    order = [name for name, _, _ in roles]
    return sorted(keep, key=lambda r: order.index(r[0])), unknown


def one_role_only(roles: list[tuple[str, str, str]], role: str) -> list[str]:
    """When no column has the evidence of the other role but two or more have this one's, the draft
    correlates them with each other (``among`` in the spec): the advice that says so, else [].

    Examples
    --------
    >>> one_role_only([("CRP", "biomarker", "guess"), ("IL6", "biomarker", "guess")], "biomarker")[0]
    '# No column looks like a score: this draft correlates the biomarkers with each other, each pair'
    """
    have = [name for name, r, why in roles if r == role and not why.startswith(UNKNOWN_ROLE)]
    other = "score" if role == "biomarker" else "biomarker"
    if len(have) < 2 or any(r == other and not why.startswith(UNKNOWN_ROLE) for _, r, why in roles):
        return []
    join = ['# or join the table that holds the scores by id ([data] join = "scores.csv").'] if other == "score" else []
    return [
        f"# No column looks like a {other}: this draft correlates the {role}s with each other, each pair",
        f'# once. To correlate them with a {other} instead, declare it ([[{other}]] column = "...")'
        + ("," if join else "."),
        *join,
        "",
    ]


def at_least_one_biomarker(
    roles: list[tuple[str, str, str]], joined: bool, yes_no: Collection[str] = ()
) -> tuple[list[tuple[str, str, str]], list[str]]:
    """A spec needs a biomarker, or two or more scores to correlate with each other (see
    :func:`one_role_only`). Without a biomarker on evidence, columns of unknown role are drafted
    as scores (never as biomarkers: a biomarker carries detection limits and the first place in
    every table) until two scores are there, each saying so; else the advice says what is missing.
    A column with two values (``yes_no``: a yes/no answer, a 0/1 flag) is drafted so only when no
    other column is left, and says that its Pearson r with another flag is the phi coefficient;
    never in a table of answers coded as categories (``CODED``: a demographics table), whose flags
    are answers too, nor is a coded category itself: such a table gets advice, not invented scores.

    Parameters
    ----------
    roles : list of (column, role, why)
    joined : bool
        Whether the roles are settled elsewhere (a qPCR join's biomarker, named columns, visits).
    yes_no : collection of str
        The columns with two values.

    Returns
    -------
    (roles, advice)
        The roles with any column drafted as a score, and comment lines for the draft.

    Examples
    --------
    >>> roles = [("taken", "score", UNKNOWN), ("RACE", "score", UNKNOWN), ("pain_code", "score", UNKNOWN)]
    >>> drafted, _ = at_least_one_biomarker(roles, False, yes_no={"taken"})
    >>> [name for name, _, why in drafted if not why.startswith(UNKNOWN)]
    ['RACE', 'pain_code']
    """
    if not roles and not joined:
        return roles, [
            "# No column holds numbers, so no biomarker or score could be guessed. A spec needs one of",
            "# each; uncomment and name them (the file may have a header but no data rows):",
            "# [[biomarker]]",
            '# column = "..."',
            "# [[score]]",
            '# column = "..."',
            "",
        ]
    if not roles or joined or any(r == "biomarker" for _, r, _ in roles):
        return roles, []
    if among := one_role_only(roles, "score"):
        return roles, among
    scores = sum(r == "score" and not why.startswith(UNKNOWN_ROLE) for _, r, why in roles)
    unknown = [i for i, (_, _, why) in enumerate(roles) if why.startswith(UNKNOWN_ROLE) and not why.startswith(CODED)]
    if any(why.startswith(CODED) for _, _, why in roles):  # answers coded as categories: its flags are answers too
        unknown = [i for i in unknown if roles[i][0] not in yes_no]
    unknown.sort(key=lambda i: roles[i][0] in yes_no)  # a yes/no flag last
    if scores + len(unknown) >= 2:
        needed = "role unknown: drafted as a score, to correlate the scores with each other (a biomarker? make it one)"
        flag = "; a yes/no flag (two values): its Pearson r with another is the phi coefficient"
        for i in unknown[: 2 - scores]:
            why = needed + (flag if roles[i][0] in yes_no else "") + roles[i][2].split("(or delete)", 1)[-1]
            roles[i] = (roles[i][0], "score", why)
        return roles, one_role_only([(n, r, "") for n, r, _ in roles], "score")
    if not scores:  # neither: a table of demographics, or of answers coded as categories
        return roles, [
            "# No column looks like a biomarker or a score (a table of demographics or coded answers?).",
            "# A spec needs a biomarker, or two scores: name them here, or join the table that holds",
            '# them by id ([data] join = "labs.csv"; the join needs the same id and visit columns):',
            "# [[biomarker]]",
            '# column = "..."',
            "",
        ]
    return roles, [  # never a covariate or a score by name: say what is missing instead
        "# No column looks like a biomarker. A spec needs one: name it here, or join qPCR",
        "# results with --qpcr and name their per-subject column (e.g. TNF_ATP_vs_vehicle_log2):",
        "# [[biomarker]]",
        '# column = "..."',
        "",
    ]


NOT_A_RATING = re.compile(  # whole numbers that code a category, or count things: not a rating
    r"(race|ethnic|gender|marital|income|employ|occupation|referral|language|religio|insurance|country|region|"
    r"transport|setting|lgbt|identity|household|living|residen|handed|^site|clinic|centre|center|code|type|class|"
    r"^n[._\s]|^num|number|count|cig|preg|kids|child|teeth|tooth|extract|restor|episode|visits|"
    r"(?:^|[_\s.])stud(?:y|ies)(?:[_\s.\d]|$))",  # 'PARTICIPATE_STUDY_2': an answer about a study, coded
    re.I,
)
ITEM_SPAN = 10  # an item's answers: a short scale (0-3, 1-5, 0-10), never a count or a dose
RATING_WHY = "guess: whole numbers from "


def items_alike(roles: list[tuple[str, str, str]], values: dict[str, np.ndarray]) -> list[tuple[str, str, str]]:
    """Columns of unknown role beside a rating drafted on its values (a short scale, at most
    ``ITEM_SPAN`` points), in the same run of whole-number columns within its span, with three
    answers or more observed, are items of the same questionnaire: drafted as scores alike, not
    told apart by how many answers happened to occur (gad7.tsv's NERVOUS was drafted, WORRY
    offered). A yes/no flag, a count or a code (by its name) is never an item this way.

    Parameters
    ----------
    roles : (column, role, why) triples in the table's column order, as
        :func:`biocorr.draft.survey.guess_role` gives them.
    values : each column's values (numbers, NaN for missing).

    Returns
    -------
    ``roles`` with those items' role and reason set. (Reference: none; the Likert items of one
    questionnaire share their answer scale and sit together, e.g. GAD-7's 0-3, Spitzer et al. 2006.)

    Examples
    --------
    >>> rated = ("A", "score", RATING_WHY + "0 to 3 (4 distinct)")
    >>> answers = {"A": np.array([0.0, 1, 2, 3]), "B": np.array([0.0, 2, 1, 0])}
    >>> out = items_alike([rated, ("B", "score", UNKNOWN)], answers)
    >>> out[1][2]
    'guess: whole numbers within the same 0-3 scale as A (an item of the same questionnaire)'
    """
    observed = [values[name][np.isfinite(values[name])] for name, _, _ in roles]
    whole = [len(v) >= 3 and bool(np.all(v == np.round(v))) for v in observed]
    out = list(roles)
    for k, (name, role, why) in enumerate(roles):
        v = observed[k]
        if not (role == "score" and why.startswith(RATING_WHY) and len(v) and v.max() - v.min() <= ITEM_SPAN):
            continue
        lo, hi = v.min(), v.max()
        for step in (-1, 1):  # the run of whole-number columns within the span, on each side
            j = k + step
            while 0 <= j < len(roles) and whole[j] and lo <= observed[j].min() and observed[j].max() <= hi:
                item, _, item_why = out[j]
                if item_why.startswith(UNKNOWN) and len(np.unique(observed[j])) >= 3 and not NOT_A_RATING.search(item):
                    out[j] = (item, "score", f"guess: whole numbers within the same {lo:g}-{hi:g} scale as {name} "
                              "(an item of the same questionnaire)")  # fmt: skip
                j += step
    return out
