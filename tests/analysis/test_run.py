"""A study of scores only (no biomarker): each pair of scores once, equal to R's cor.test and holm."""

from __future__ import annotations

import tomllib

import pytest

import biocorr
from biocorr.datasets import data_path, spec_path
from biocorr.errors import SpecError
from tests.helpers import assert_close, read_fixture

SCORES = ["BL.GE", "BL..BOP", "BL.PD.avg", "BL..PD.4", "BL..PD.5", "BL.CAL.avg", "BL..CAL.2", "BL..CAL.3",
          "BL.Calc.I", "BL.Pl.I"]  # fmt: skip


def scores_only_spec() -> biocorr.StudySpec:
    """The OPT example's spec without its biomarkers (its scores, groups and missing codes kept)."""
    doc = tomllib.loads(spec_path("opt").read_text(encoding="utf-8"))
    doc.pop("biomarker")
    doc["analysis"] = {"methods": ["pearson", "spearman", "kendall"], "robust": [], "adjust": "holm"}
    return biocorr.parse_spec(doc)


@pytest.fixture(scope="module")
def scores_results():
    spec = scores_only_spec()
    assert spec.among == "score" and [v.column for v in spec.scores] == SCORES
    return biocorr.analyze(biocorr.load(data_path("opt"), spec))


def test_each_pair_of_scores_once_equal_to_r(scores_results):
    """R: cor.test per unordered pair, p.adjust(holm) over the 45 pairs of a method in a subset
    (make_reference_matrices.R, the score rows)."""
    _assert_pairs_equal_r(scores_results, "scores", n_pairs=45)


def _assert_pairs_equal_r(results, role: str, n_pairs: int) -> None:
    """Every pair of the one-role study against R's cor.test and p.adjust(holm) over the pairs of
    one method in one subset (make_reference_matrices.R, the rows of ``role``)."""
    ref = read_fixture("r_matrices_opt.csv").query("role == @role")
    c = results.correlations
    c = c[c["method"].isin(["pearson", "spearman", "kendall"])]
    merged = ref.merge(c, on=["subset", "method", "x", "y"], suffixes=("_r", ""), validate="one_to_one")
    assert len(merged) == len(ref) == len(c) == 3 * 3 * n_pairs  # each pair once, none reversed
    assert (merged["n"] == merged["n_r"]).all() and (merged["family_size"] == n_pairs).all()
    assert_close(merged["estimate"], merged["estimate_r"], what="estimate")
    assert_close(merged["p"], merged["p_r"], what="p")
    assert_close(merged["p_adjusted"], merged["p_adjusted_r"], what=f"holm over the {n_pairs} pairs")
    pearson = merged[merged["method"] == "pearson"]
    assert_close(pearson["ci_low"], pearson["ci_low_r"], what="Pearson CI low")
    assert_close(pearson["ci_high"], pearson["ci_high_r"], what="Pearson CI high")


def test_scores_only_words(scores_results):
    spec = scores_results.study.spec
    assert spec.design == "10 scores, each pair once (no biomarker)"
    assert spec.pair_roles == ("score", "with score")
    assert spec.pairs[:2] == [("BL.GE", "BL..BOP"), ("BL.GE", "BL.PD.avg")] and len(spec.pairs) == 45


@pytest.mark.parametrize(("kept", "dropped"), [("score", "biomarker"), ("biomarker", "score")])
def test_one_variable_of_one_role_and_none_of_the_other_is_refused(kept, dropped):
    doc = tomllib.loads(spec_path("opt").read_text(encoding="utf-8"))
    doc.pop(dropped)
    doc[kept] = doc[kept][:1]
    with pytest.raises(SpecError, match=rf"two or more \[\[{kept}\]\] entries"):
        biocorr.parse_spec(doc)


def test_long_scores_only_rmcorr_each_pair_once(tmp_path):
    """Repeated measures of scores only: rmcorr for each pair of scores once; the (x, y) pair equals
    R's rmcorr (make_reference_rmcorr.R, case 'balanced')."""
    d = read_fixture("rmcorr_inputs.csv").query("case == 'balanced'")
    d = d.assign(z=d["x"] ** 2).drop(columns="case")
    d.to_csv(tmp_path / "long.csv", index=False)
    (tmp_path / "spec.toml").write_text(
        '[data]\nid = "subject"\nvisit = "visit"\n'
        + "".join(f'[[score]]\ncolumn = "{c}"\n' for c in ("x", "y", "z"))
        + '[analysis]\nmethods = ["pearson"]\nrobust = []\n',
        encoding="utf-8",
    )
    results = biocorr.analyze(biocorr.load(tmp_path / "long.csv", tmp_path / "spec.toml"))
    rm = results.correlations.query("method == 'rmcorr'")
    assert rm[["x", "y"]].values.tolist() == [["x", "y"], ["x", "z"], ["y", "z"]]
    ref = read_fixture("r_rmcorr.csv").query("case == 'balanced' and level == 0.95 and transform == 'none'").iloc[0]
    xy = rm.iloc[0]
    assert_close([xy["estimate"], xy["p"]], [ref["r"], ref["p"]], what="rmcorr x, y")
    assert xy["df"] == ref["df"] and xy["n"] == ref["n"]


def test_biomarkers_only_each_pair_once_equal_to_r():
    """A lab panel alone (no score): each pair of biomarkers once, equal to R (the biomarker rows of
    make_reference_matrices.R: 7 biomarkers, 21 pairs, holm over the 21)."""
    doc = tomllib.loads(spec_path("opt").read_text(encoding="utf-8"))
    doc.pop("score")
    doc["analysis"] = {"methods": ["pearson", "spearman", "kendall"], "robust": [], "adjust": "holm"}
    spec = biocorr.parse_spec(doc)
    assert spec.among == "biomarker" and spec.design == "7 biomarkers, each pair once (no score)"
    results = biocorr.analyze(biocorr.load(data_path("opt"), spec))
    _assert_pairs_equal_r(results, "biomarkers", n_pairs=21)
    assert results.summary()["biomarker"].iloc[0] in {v.label for v in spec.biomarkers}


def test_a_scores_only_report_speaks_of_scores_not_biomarkers(tmp_path):
    """Tables, panels and the methods paragraph name the design: a score with each later score."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(5)
    pd.DataFrame({"id": range(30), **{c: rng.integers(0, 11, 30) for c in ("T1", "T2", "T3")}}).to_csv(
        tmp_path / "pain.csv", index=False
    )
    spec = biocorr.parse_spec({"data": {"id": "id"}, "score": [{"column": c} for c in ("T1", "T2", "T3")],
                               "analysis": {"methods": ["spearman"], "robust": []}})  # fmt: skip
    results = biocorr.analyze(biocorr.load(tmp_path / "pain.csv", spec))
    html = results.write_report(tmp_path / "out").read_text(encoding="utf-8")
    assert "3 scores, each pair once (no biomarker)" in html
    assert "Each score against every later score" in html and "per-score panels" in html
    assert "Associations among 3 clinical scores (each pair once; no biomarker was declared)" in html
    assert ">with score<" in html  # the correlation table's second column
    assert "per-biomarker" not in html and "subset or biomarker" not in html
    import docx

    from biocorr.report.word import correlation_table, write_word_tables

    assert list(correlation_table(results).columns[:2]) == ["Score", "With score"]
    titles = [p.text for p in docx.Document(write_word_tables(results, tmp_path / "t.docx")).paragraphs]
    assert "Spearman's ρ Between Each Pair of Clinical Scores" in titles
