"""Reviewer workflow: check reported correlations for consistency and reproduce them.

>>> from biocorr.claims import check_text
>>> table = check_text("Pain and CRP: r(22) = .30, p = .02.")
>>> table.loc[table.check == "p vs r and n", "verdict"].item()
'decision error'
"""

from __future__ import annotations

import pandas as pd

from ..analysis import Results, analyze
from ..data.study import Study
from .consistency import (
    CONSISTENT,
    DECISION_ERROR,
    DEPENDS_ON_N,
    FAILS_AT_INFERRED_N,
    INCONSISTENT,
    CheckResult,
)
from .extract import Found, Unparsed, extract_claims
from .inferred_n import n_is_printed
from .model import Claim, read_claims
from .reproduce import NOT_REPRODUCED, reproduce_claim, verdict_table
from .sensitivity import check_claim
from .stat_statements import TestStatement, check_statement, extract_test_statements
from .text_sources import read_text_source

FAILING = {INCONSISTENT, DECISION_ERROR, NOT_REPRODUCED}
NOT_READ = "not read"

__all__ = [
    "CheckResult",
    "Claim",
    "Found",
    "TestStatement",
    "Unparsed",
    "check_claims",
    "check_text",
    "extract_claims",
    "extract_test_statements",
    "failing",
    "ordered_for_review",
    "read_claims",
    "read_text_source",
    "review_summary",
]


def check_claims(
    claims: list[Claim],
    study: Study | None = None,
    results: Results | None = None,
    statements: list[TestStatement] | tuple = (),
    not_read: list[Unparsed] | tuple = (),
    source: str = "text",
) -> pd.DataFrame:
    """Run every check on every claim; with ``study``, also reproduce each from the data.

    Parameters
    ----------
    claims : list of Claim
    study : Study, optional
        The shared data (validated against its spec).
    results : Results, optional
        The analysis of ``study`` (computed if not given), for the family adjustment.
    statements : list of TestStatement, optional
        t, F, χ², z and Q statements (:func:`extract_test_statements`), checked as statcheck does.
    not_read : list of Unparsed, optional
        Places that mention a statistic but could not be read: each becomes a ``not read`` row
        with its text and the reason, so the reviewer sees what was not checked.
    source : str
        The text's name, for the ids of ``not_read`` rows.

    Returns
    -------
    DataFrame
        verdicts: ``claim_id, check, verdict, reported, recomputed, tolerance, explanation``,
        then ``raw`` (the statement as printed, for claims read from text), ``n_source``
        (where its n came from: statement, sentence, caption, header, column, passage, words,
        df, or the claims file) and any extra columns of a claims file, carried through.
    """
    rows: list[CheckResult] = []
    if study is not None and results is None:
        results = analyze(study)
    for claim in claims:
        rows.extend(check_claim(claim))
        if study is not None:
            rows.extend(reproduce_claim(claim, study, results))
    rows.extend(check_statement(st) for st in statements)
    unread = {f"{source}:{u.line}:{u.column}:not-read:{i}": u for i, u in enumerate(not_read, start=1)}
    rows.extend(CheckResult(cid, "statement", NOT_READ, "", "", "", u.reason) for cid, u in unread.items())
    table = verdict_table(rows)
    raw = {c.id: c.raw for c in claims} | {st.id: st.raw for st in statements} | {k: u.text for k, u in unread.items()}
    n_sources = {c.id: str(c.extra.get("n_source", "claims file")) if c.extra else "claims file" for c in claims}
    table["raw"] = table["claim_id"].map(raw).astype(object).fillna("")
    table["n_source"] = table["claim_id"].map(n_sources).astype(object).fillna("")
    printed = {c.id: n_is_printed(c) for c in claims}
    printed |= {st.id: True for st in statements}  # t(29), F(1, 28): a test statement prints its df
    table["n_printed"] = table["claim_id"].map(printed).astype(object).fillna("")
    for c in claims:  # a claims file's own extra columns (table, page, note), carried through
        for k, v in c.extra.get("annotations", {}).items():
            column = k if k not in table.columns else f"claim {k}"
            if column not in table.columns:
                table[column] = ""
            table.loc[table["claim_id"] == c.id, column] = v
    return table


def check_text(text: str, source: str = "text") -> pd.DataFrame:
    """Extract correlation, t, F, χ², z and Q statements from text and check each (no data needed).

    Examples
    --------
    >>> t = check_text("Patients differed, t(13) = 2.16, p = .049.")
    >>> t[["check", "verdict"]].values.tolist()
    [['p vs t and df', 'decision error']]
    """
    found, unparsed = extract_claims(text, source)
    statements = extract_test_statements(text, source)
    return check_claims([f.claim for f in found], statements=statements, not_read=unparsed, source=source)


def failing(verdicts: pd.DataFrame) -> bool:
    """True when some claim is inconsistent, has a decision error or does not reproduce."""
    return bool(verdicts["verdict"].isin(FAILING).any())


RANGE_CHECKS = ("r within [-1, 1]", "p within [0, 1]")
ORDER = {
    DECISION_ERROR: 0,
    INCONSISTENT: 1,
    NOT_REPRODUCED: 2,
    FAILS_AT_INFERRED_N: 3,
    DEPENDS_ON_N: 4,
    "fragile": 5,
    "close": 6,
}


def ordered_for_review(verdicts: pd.DataFrame) -> pd.DataFrame:
    """The checks a reviewer reads: failures first, then 'depends on n', then the rest; passing
    range checks (|r| <= 1, 0 <= p <= 1) and 'not checked' rows folded away.

    Examples
    --------
    >>> v = check_text("Pain and TNF, r(12) = .53, p = .20. Mood and IL-6, r(20) = .10, p = .66.")
    >>> ordered_for_review(v).query("check == 'p vs r and n'")[["claim_id", "verdict"]].values.tolist()
    [['text:1:15', 'inconsistent'], ['text:1:52', 'consistent']]
    """
    trivial = verdicts["check"].isin(RANGE_CHECKS) & verdicts["verdict"].eq(CONSISTENT)
    shown = verdicts[~trivial & ~verdicts["verdict"].isin(["not checked"])]
    rank = shown["verdict"].map(ORDER).fillna(len(ORDER))
    return shown.assign(_rank=rank).sort_values("_rank", kind="stable").drop(columns="_rank")


def review_summary(verdicts: pd.DataFrame) -> str:
    """One sentence a reviewer reads first: statements, not checks, and whether each failure rests
    on an n printed with the statement or on one inferred from the passage.

    Examples
    --------
    >>> print(review_summary(check_text("Pain and TNF, r(12) = .53, p = .20.")))  # doctest: +ELLIPSIS
    1 statement read: 1 inconsistent with its printed n or df, 0 at every n the passage allows (n not printed), ...
    """
    ids = verdicts["claim_id"]
    statements = ids[~verdicts["verdict"].eq(NOT_READ)].nunique()
    failing = verdicts["verdict"].isin(FAILING)
    printed = verdicts["n_printed"].astype(bool) if "n_printed" in verdicts else pd.Series(True, index=verdicts.index)
    on_printed = verdicts.loc[failing & printed, "claim_id"].nunique()
    on_passage = verdicts.loc[failing & ~printed, "claim_id"].nunique()  # at every n the passage allows
    on_inferred = verdicts.loc[verdicts["verdict"].eq(FAILS_AT_INFERRED_N), "claim_id"].nunique()
    depends = verdicts.loc[verdicts["verdict"].eq(DEPENDS_ON_N), "claim_id"].nunique()
    unread = int(verdicts["verdict"].eq(NOT_READ).sum())
    p_rows = verdicts[verdicts["check"].eq("p vs r and n") & verdicts["verdict"].eq("not checked")]
    unchecked = ""
    if len(p_rows):  # why the table below may be empty: the most common reason, shortened
        reason = str(p_rows["explanation"].mode().iloc[0]).split(": ")[0].split(";")[0]
        unchecked = f" {p_rows['claim_id'].nunique()} statement(s) whose p was not checked (most often: {reason})."
    return (
        f"{statements} statement{'s' if statements != 1 else ''} read: {on_printed} inconsistent with its printed n "
        f"or df, {on_passage} at every n the passage allows (n not printed), {on_inferred} failing only at an "
        f"inferred n, {depends} depending on which n applies; "
        f"{unread} place(s) not read or without what a check needs (listed as 'not read').{unchecked}"
    )
