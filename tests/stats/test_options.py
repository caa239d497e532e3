"""One check per option: the same sentence from the API, the spec and the command line."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import biocorr
from biocorr.errors import BiocorrError, OptionError, SpecError
from biocorr.stats.options import (
    check_adjust,
    check_alternative,
    check_confidence,
    check_method,
    check_methods,
)

DATA = pd.DataFrame({"tnf": [1.0, 2, 3, 4, 5, 6], "vas": [2.0, 1, 4, 3, 6, 5]})
X, Y = DATA["tnf"].to_numpy(), DATA["vas"].to_numpy()

BAD = {  # option -> (bad value, the sentence every entrance must give)
    "confidence": (95, "confidence: 95 must be between 0 and 1 (e.g. 0.95)."),
    "alternative": ("bigger", "alternative: 'bigger' is not one of two-sided, greater, less"),
    "adjust": ("bonf", "adjust: unknown adjustment 'bonf'. Use one of: holm, bh, bonferroni, none."),
}


def test_canonical_values_and_aliases():
    assert check_confidence(0.9) == 0.9 and check_confidence(np.float64(0.99)) == 0.99
    assert [check_alternative(a) for a in ("two.sided", "two_sided", " Greater ", "less")] == [
        "two-sided",
        "two-sided",
        "greater",
        "less",
    ]
    assert [check_adjust(a) for a in ("fdr", "BH", "Holm", "none", "bonferroni")] == [
        "bh",
        "bh",
        "holm",
        "none",
        "bonferroni",
    ]
    assert check_methods("kendall") == ["kendall"] and check_methods(["pearson", "pearson"]) == ["pearson"]
    assert check_method("bicor") == "bicor"


@pytest.mark.parametrize("bad", [0, 1, 1.5, -0.2, float("nan"), float("inf"), "0.95", True, None])
def test_confidence_outside_zero_one_or_not_a_number_is_refused(bad):
    with pytest.raises(OptionError, match=r"^confidence: "):
        check_confidence(bad)


def test_an_option_error_is_both_a_value_error_and_a_biocorr_error():
    with pytest.raises(ValueError):
        check_alternative(2)
    with pytest.raises(BiocorrError):
        check_methods([])
    with pytest.raises(OptionError, match=r"Did you mean 'kendall'\?"):
        check_method("kendal")
    with pytest.raises(OptionError, match=r"unknown method 'pearson'\. Use any of: percbend"):
        check_method("pearson", allowed=("percbend",))


@pytest.mark.parametrize("option", ["confidence", "alternative"])
def test_every_api_entrance_gives_the_same_sentence(option):
    value, sentence = BAD[option]
    study = biocorr.datasets.load("hivsn")
    calls = [
        lambda: biocorr.correlate(DATA, "tnf", "vas", **{option: value}),
        lambda: biocorr.correlation_test(X, Y, **{option: value}),
        lambda: biocorr.correlation_matrix(DATA, ["tnf", "vas"], **{option: value}),
    ]
    for call in calls:
        with pytest.raises(OptionError) as err:
            call()
        assert str(err.value).startswith(sentence)
    with pytest.raises(SpecError) as err:
        biocorr.analyze(study, **{option: value})
    assert str(err.value).startswith("[analysis] " + sentence)


def test_adjust_and_method_the_same_from_every_entrance():
    value, sentence = BAD["adjust"]
    for call in (
        lambda: biocorr.adjust_p([0.01, 0.2], value),
        lambda: biocorr.correlation_matrix(DATA, ["tnf", "vas"], adjust=value),
    ):
        with pytest.raises(OptionError, match="^" + sentence.replace(".", r"\.")):
            call()
    with pytest.raises(SpecError, match=r"^\[analysis\] " + sentence.replace(".", r"\.")):
        biocorr.analyze(biocorr.datasets.load("hivsn"), adjust=value)
    hint = "unknown method 'pearsn'. Did you mean one of: 'pearson', 'spearman'?"
    for call in (
        lambda: biocorr.correlate(DATA, "tnf", "vas", methods=["pearsn"]),
        lambda: biocorr.correlation_test(X, Y, method="pearsn"),
    ):
        with pytest.raises(OptionError) as err:
            call()
        assert hint in str(err.value)


@pytest.mark.parametrize("option", ["confidence", "adjust"])
def test_the_command_line_prints_the_spec_sentence_without_a_traceback(option, tmp_path):
    value, sentence = BAD[option]
    run = subprocess.run(
        [sys.executable, "-m", "biocorr", "analyze", "--example", "hivsn", "--out", str(tmp_path / "o"),
         f"--{option}", str(value)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert f"[analysis] {sentence}" in run.stderr
