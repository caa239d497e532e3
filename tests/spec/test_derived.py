"""Derived variables (change scores, ratios, means) end to end against R, and their spec errors."""

from __future__ import annotations

import tomllib

import numpy as np
import pytest

import biocorr
from biocorr.errors import SpecError
from tests.helpers import FIXTURES, assert_close, read_fixture

REFERENCE = read_fixture("r_derived.csv")
SPEC = """
[data]
id = "id"

[[biomarker]]
column = "dTNF"
label = "Change in TNF"
difference = ["TNF_post", "TNF_pre"]

[[biomarker]]
column = "ratio"
ratio = ["TNF_pre", "IL10_pre"]
transform = "log"

[[score]]
column = "dVAS"
difference = ["VAS_post", "VAS_pre"]
range = [-100, 100]

[[score]]
column = "VASm"
mean = ["VAS_w1", "VAS_w2", "VAS_w3"]

[[score]]
column = "VAS_pre"
range = [0, 100]
"""


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    path = tmp_path_factory.mktemp("derived") / "spec.toml"
    path.write_text(SPEC, encoding="utf-8")
    return biocorr.load(FIXTURES / "derived_inputs.csv", path)


@pytest.mark.parametrize("alternative", ["two.sided", "greater"])
def test_derived_correlations_equal_r(study, alternative):
    results = biocorr.analyze(study, alternative=alternative.replace(".", "-"))
    c = results.correlations
    ref = REFERENCE[REFERENCE["alternative"] == alternative]
    merged = ref.merge(c[c["subset"] == "all"], on=["x", "y", "method"], suffixes=("_r", ""))
    assert len(merged) == 12
    sub = merged[merged["y"] != "VAS_pre"]
    assert (sub["n"] == sub["n_r"]).all()
    assert_close(sub["estimate"], sub["estimate_r"], what="estimate")
    assert_close(sub["p"], sub["p_r"], what="p")


def test_zero_denominator_is_listed_and_missing_sources_give_missing_values(study):
    ex = study.exclusions
    row = ex[ex["reason"] == "not-derivable"]
    assert len(row) == 1 and row["column"].item() == "ratio" and row["row"].item() == 13  # P12: header is row 1
    assert "ratio = TNF_pre / IL10_pre is undefined: IL10_pre is 0" in row["message"].item()
    assert np.isnan(study.data.loc[3, "dTNF"]) and np.isnan(study.data.loc[8, "VASm"])  # a source was missing
    assert list(study.data.columns[-5:]) == ["dTNF", "ratio", "dVAS", "VASm", "VAS_pre"]  # the spec's order


def test_methods_text_and_results_json_say_how_each_variable_was_derived(study):
    from biocorr.report import apa

    results = biocorr.analyze(study)
    text = apa.methods_paragraph(results)
    assert "dTNF = TNF_post − TNF_pre" in text and "VASm = mean of VAS_w1, VAS_w2, VAS_w3" in text
    spec = results.study.spec.to_dict()
    assert spec["biomarkers"][0]["derived"] == ("difference", ("TNF_post", "TNF_pre"))


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ('difference = ["a"]', "exactly two columns"),
        ('ratio = ["a", "b", "c"]', "exactly two columns"),
        ('mean = ["a"]', "at least two columns"),
        ('mean = "a"', "must be a list of column names"),
        ('difference = ["a", "b"]\nmean = ["a", "b"]', "not several"),
        ('difference = ["x", "b"]', "needs a new name"),
    ],
)
def test_derivation_spec_errors_say_what_to_write(entry, message):
    doc = tomllib.loads(f'[[biomarker]]\ncolumn = "x"\n{entry}\n[[score]]\ncolumn = "y"\n')
    with pytest.raises(SpecError, match=message):
        biocorr.parse_spec(doc)


def test_a_derived_name_that_the_file_already_has_is_refused(tmp_path):
    (tmp_path / "spec.toml").write_text(
        '[data]\nid = "id"\n[[biomarker]]\ncolumn = "TNF_post"\ndifference = ["TNF_pre", "IL10_pre"]\n'
        '[[score]]\ncolumn = "VAS_pre"\n',
        encoding="utf-8",
    )
    with pytest.raises(SpecError, match="already has a column 'TNF_post'; give the derived variable a new name"):
        biocorr.load(FIXTURES / "derived_inputs.csv", tmp_path / "spec.toml")
