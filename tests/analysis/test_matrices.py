"""Biomarker x biomarker and score x score matrices against R (cor.test per pair, p.adjust holm per matrix)."""

from __future__ import annotations

import numpy as np
import pandas as pd

import biocorr
from biocorr.analysis.matrices import correlation_matrix
from biocorr.columns import CORRELATIONS
from tests.helpers import assert_close, read_fixture

REFERENCE = read_fixture("r_matrices_opt.csv")


def test_opt_matrices_equal_r_pair_by_pair(opt_results):
    m = opt_results.matrices
    assert list(m.columns) == list(CORRELATIONS)
    ref = REFERENCE.assign(family=lambda r: r["method"] + " among " + r["role"] + ", subset " + r["subset"])
    merged = ref.merge(m, on=["family", "x", "y"], suffixes=("_r", ""), validate="one_to_one")
    assert len(merged) == len(ref) == len(m) == 594  # every pair of every matrix, nothing more
    assert (merged["n"] == merged["n_r"]).all()
    assert_close(merged["estimate"], merged["estimate_r"], what="estimate")
    assert_close(merged["p"], merged["p_r"], what="p")
    assert_close(merged["p_adjusted"], merged["p_adjusted_r"], what="holm within the matrix")
    pearson = merged[merged["method"] == "pearson"]
    assert_close(pearson["ci_low"], pearson["ci_low_r"], what="Pearson CI low")
    assert_close(pearson["ci_high"], pearson["ci_high_r"], what="Pearson CI high")
    assert (merged["family_size"] == np.where(merged["role"] == "biomarkers", 21, 45)).all()


def test_matrices_are_written_and_recorded(opt_results, tmp_path):
    from biocorr.report.tables import write_tables

    paths = write_tables(opt_results, tmp_path)
    written = pd.read_csv(paths["matrices.csv"])
    assert len(written) == 594 and written["note"].str.contains("collinearity").all()
    import json

    record = json.loads(paths["results.json"].read_text(encoding="utf-8"))
    assert len(record["tables"]["matrices"]) == 594


def test_a_single_variable_has_no_matrix_and_pairs_use_their_own_complete_rows():
    d = pd.DataFrame({"a": [1.0, 2, 3, 4, np.nan], "b": [2.0, 1, np.nan, 3, 5], "c": [1.0, 3, 2, 5, 4]})
    assert correlation_matrix(d, ["a"]).empty
    m = correlation_matrix(d, ["a", "b", "c"], "spearman")
    assert m["n"].tolist() == [3, 4, 4]
    one = biocorr.correlation_test(d["a"], d["b"], "spearman")
    assert m["estimate"][0] == one.estimate and m["p"][0] == one.p
