"""Robust correlations against an R transcription of Wilcox and against pingouin."""

from __future__ import annotations

import numpy as np
import pytest

from tests.helpers import assert_close, read_fixture

INPUTS = read_fixture("correlation_inputs.csv")
ROBUST_INPUTS = read_fixture("robust_inputs.csv")
ROBUST = read_fixture("r_robust.csv")


def _robust_case(case):
    if case == "planted_n14":
        d = read_fixture("planted_outlier_n14.csv")
    elif case in set(ROBUST_INPUTS["case"]):
        d = ROBUST_INPUTS[ROBUST_INPUTS["case"] == case]
    else:
        d = INPUTS[INPUTS["case"] == case]
    return d[["x"]].to_numpy(), d[["y"]].to_numpy()


@pytest.mark.parametrize("case", sorted(set(ROBUST["case"])))
@pytest.mark.parametrize("method", ["percbend", "bicor", "skipped_spearman"])
def test_robust_methods_match_the_r_transcription_of_wilcox(case, method):
    """WRS2 pbcor (omega = floor((1 - beta) n)-th |x - median|), bicor, and scor with outpro
    (cop = 3, STAND = TRUE), at awkward n (27, 31, 47), omega = 0 and two units of one variable."""
    from biocorr.stats.robust import robust_columns

    a, b = _robust_case(case)
    ref = ROBUST[(ROBUST.case == case) & (ROBUST.method == method)].iloc[0]
    res = robust_columns(a, b, method)
    assert_close(
        [res.estimate[0], res.statistic[0], res.p[0]],
        ref[["estimate", "t", "p"]].to_numpy(float),
        what=f"{case} {method}",
    )
    if np.isfinite(ref["estimate"]):
        assert res.n[0] == ref["n"] and res.n_removed[0] == ref["n_removed"]
        assert res.note[0] == ""
    else:
        assert res.note[0].startswith("undefined")


def test_the_percentage_bend_index_is_wrs2s_at_n_27():
    """floor((1 - .2) 27) = 21, where the old floor(.8 n + .5) = 22 gave another omega (and r)."""
    from biocorr.stats.robust import bend_scores

    a, _ = _robust_case("awkward_n27")
    dev = np.sort(np.abs(a[:, 0] - np.median(a[:, 0])))
    scores = bend_scores(a)
    inside = np.abs(scores[:, 0]) < 1
    assert dev[20] != dev[21]
    assert np.allclose(np.ptp(scores[inside, 0] * dev[20] - a[inside, 0]), 0, atol=1e-12)  # scale is dev[20]


def test_skipped_correlation_removes_the_same_points_in_any_unit():
    from biocorr.stats.robust import skipped_correlation

    pg = _robust_case("units_pg_n40")
    ng = _robust_case("units_ng_n40")
    r_pg, r_ng = skipped_correlation(*pg), skipped_correlation(*ng)
    assert r_pg["n_removed"][0] == r_ng["n_removed"][0] == 6
    assert r_pg["estimate"][0] == r_ng["estimate"][0]


PINGOUIN = {
    ("planted_n14", "percbend"): (0.5179693894481909, 0.057789066775251204),
    ("planted_n14", "bicor"): (0.4633059432071922, 0.09522390251834864),
    ("cont_n24", "percbend"): (0.3741407927858753, 0.07168335669541205),
    ("cont_n24", "bicor"): (0.3136371034345451, 0.13558597690497767),
    ("ties_n24", "percbend"): (0.854727607751956, 1.0534358883462511e-07),
    ("ties_n24", "bicor"): (0.8365915220119517, 3.5153972061708365e-07),
    # skipped correlations are compared with the R transcription of Wilcox's scor above:
    # pingouin's centre is scikit-learn's MCD and it does not standardise the margins.
}


@pytest.mark.parametrize("case, method", sorted(PINGOUIN))
def test_robust_methods_agree_with_pingouin(case, method):
    from biocorr.stats.robust import biweight_midcorrelation, percentage_bend

    a, b = _robust_case(case)
    fn = {"percbend": percentage_bend, "bicor": biweight_midcorrelation}[method]
    res = fn(a, b)
    assert_close([res["estimate"][0], res["p"][0]], PINGOUIN[(case, method)], tol=1e-12, what=f"{case} {method}")
