"""The reviewer corpus: 52 passages, 78 hand-counted checkable statements, verdicts from R.

tests/fixtures/review_corpus/: passages.md (the text), statements.csv (the hand count: every
statement a reader can check, with the values it prints) and r_verdicts.csv (each verdict
computed in R from those values by make_reference_review_corpus.R). The extractor must check
at least 85 % of the statements, give R's verdict on every one it checks, and never fail.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from biocorr.claims import check_claims, extract_claims, extract_test_statements
from tests.helpers import FIXTURES

CORPUS = FIXTURES / "review_corpus"
TEXT = (CORPUS / "passages.md").read_text(encoding="utf-8")
PASSAGES = dict(zip(*[iter(re.split(r"^## (P\d+)\n", TEXT, flags=re.M)[1:])] * 2))
CHECKED = {"consistent", "inconsistent", "decision error"}


def _ours(pid: str) -> list[tuple[str, str, str]]:
    """(kind, printed value, verdict of the p check) for every statement read in a passage."""
    body = PASSAGES[pid]
    found, _ = extract_claims(body, pid)
    statements = extract_test_statements(body, pid)
    verdicts = check_claims([f.claim for f in found], statements=statements)
    p_check = verdicts[verdicts["check"].str.startswith("p vs")].set_index("claim_id")["verdict"]
    rows = [("r", f.claim.r.text, p_check[f.claim.id]) for f in found]
    rows += [(s.test, s.value.text, p_check[s.id]) for s in statements]
    return rows


@pytest.fixture(scope="module")
def matched() -> pd.DataFrame:
    reference = pd.read_csv(CORPUS / "r_verdicts.csv", dtype=str, keep_default_na=False)
    ours = {pid: _ours(pid) for pid in PASSAGES}
    verdicts = []
    for row in reference.itertuples():
        candidates = ours[row.passage]
        value = row.value.replace("\u2212", "-")
        hit = next((i for i, (k, v, _) in enumerate(candidates) if k == row.kind and v == value), None)
        verdicts.append(candidates.pop(hit)[2] if hit is not None else "not read")
    return reference.assign(ours=verdicts)


def test_the_corpus_is_what_its_notes_say():
    reference = pd.read_csv(CORPUS / "r_verdicts.csv", dtype=str, keep_default_na=False)
    assert len(PASSAGES) == 52 and len(reference) == 78
    assert reference["passage"].nunique() == 49  # P26 (multiple R), P27 (a range), P52 (no number): none
    assert set(reference["verdict"]) == CHECKED


def test_at_least_85_percent_of_checkable_statements_are_checked(matched):
    checked = matched["ours"].isin(CHECKED)
    assert checked.mean() >= 0.85, matched.loc[~checked, ["passage", "value", "ours"]]
    assert checked.all()  # measured: 78 of 78 (P44's trailing 'n = 14 and n = 10, respectively' included)


def test_every_verdict_given_equals_rs(matched):
    checked = matched[matched["ours"].isin(CHECKED)]
    differs = checked[checked["ours"] != checked["verdict"]]
    assert differs.empty, differs[["passage", "value", "p", "verdict", "ours"]]
    assert (checked["verdict"] != "consistent").sum() == 6  # the corpus has errors to find


def test_no_passage_raises():
    for pid, body in PASSAGES.items():
        found, unparsed = extract_claims(body, pid)
        check_claims([f.claim for f in found], statements=extract_test_statements(body, pid), not_read=unparsed)


def test_statcheck_agrees_on_every_statement_both_read():
    """R statcheck 1.4 on the same passages (two-tailed, OneTailedTxt = FALSE): biocorr reads each
    statement statcheck reads, with the same numbers, and gives the same verdict."""
    from dataclasses import replace

    from biocorr.claims.consistency import check_p
    from biocorr.claims.stat_statements import check_statement

    reference = pd.read_csv(CORPUS / "r_statcheck_passages.csv")
    found, _ = extract_claims(TEXT, "corpus")
    statements = extract_test_statements(TEXT, "corpus")
    kinds = {"t": "t", "F": "F", "Chi2": "chi2", "Z": "z"}
    for row in reference.itertuples():
        expected = "decision error" if row.decision_error else ("inconsistent" if row.error else "consistent")
        if row.test_type == "r":
            (claim,) = [
                f.claim for f in found if f.claim.df == row.df2 and f.claim.r.value == pytest.approx(row.test_value)
            ]
            assert claim.p.value == pytest.approx(row.reported_p) and claim.p_comparator == row.p_comparison
            assert check_p(replace(claim, tails=2)).verdict == expected, row.raw
        else:
            (s,) = [
                s
                for s in statements
                if s.test == kinds[row.test_type] and s.value.value == pytest.approx(row.test_value)
            ]
            assert s.p.value == pytest.approx(row.reported_p)
            assert check_statement(replace(s, tails=2)).verdict == expected, row.raw
    assert len(reference) == 12
