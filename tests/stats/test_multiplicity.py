"""p-value adjustment against R's p.adjust (fixtures/r_p_adjust.csv)."""

from __future__ import annotations

import pandas as pd
import pytest

from biocorr.stats.multiplicity import adjust_by_family, adjust_p, normalise_adjust_method
from tests.helpers import assert_close, read_fixture

REFERENCE = read_fixture("r_p_adjust.csv")


@pytest.mark.parametrize("method", ["holm", "bh", "bonferroni"])
@pytest.mark.parametrize("subset", ["a", "b"])
def test_adjust_matches_r_p_adjust(method, subset):
    ref = REFERENCE[REFERENCE["set"] == subset]
    assert_close(adjust_p(ref["p"], method), ref[method], what=f"{method} set {subset}")


def test_none_returns_the_input_and_aliases_work():
    assert_close(adjust_p([0.2, 0.01], "none"), [0.2, 0.01])
    assert normalise_adjust_method("BH") == "bh" and normalise_adjust_method("fdr") == "bh"
    with pytest.raises(ValueError, match="unknown adjustment"):
        adjust_p([0.1], "sidak-ish")


def test_families_are_adjusted_separately():
    t = pd.DataFrame({"p": [0.01, 0.02, 0.04, 0.01], "family": ["a", "a", "b", "b"]})
    assert_close(adjust_by_family(t, "holm"), [0.02, 0.02, 0.04, 0.02])


@pytest.mark.parametrize("method", ["bh", "bonferroni", "holm"])
def test_ties_zeros_and_ones_match_r_exactly(method):
    """207 p-values with ties, zeros and ones (make_reference_p_adjust.R): the numpy formulas give
    R's p.adjust to the last bit or so."""
    ref = read_fixture("r_p_adjust_ties.csv")
    got = adjust_p(ref["p"].to_numpy(float), method)
    assert abs(got - ref[method].to_numpy(float)).max() <= 2e-16
