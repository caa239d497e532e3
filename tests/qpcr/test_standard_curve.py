"""Standard curves: dilution notations and decimal commas read, impossible curves refused (issue #28)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from biocorr.cli import main
from biocorr.qpcr import QpcrError, read_standard_curve, standard_curve

GOOD = (  # European export: semicolons, decimal commas, dilutions written as ratios
    "gene;quantity;ct\nTNF;1:10;23,40\nTNF;1:100;26,75\nTNF;1:1000;30,08\nTNF;1:10000;33,41\nTNF;1:100000;Undetermined\n"
)


def test_dilutions_and_decimal_commas_are_read_and_the_undetermined_well_is_named(tmp_path):
    (tmp_path / "curve.csv").write_text(GOOD, encoding="utf-8")
    curve, notes = read_standard_curve(tmp_path / "curve.csv")
    assert curve["quantity"].tolist()[:4] == pytest.approx([0.1, 0.01, 0.001, 0.0001])
    assert curve["ct"].tolist()[:4] == [23.40, 26.75, 30.08, 33.41]
    assert notes == ["row 6: Ct 'Undetermined' (no amplification); the well is left out of the fit"]
    fit = standard_curve(curve).iloc[0]
    ref = stats.linregress(np.log10([0.1, 0.01, 0.001, 0.0001]), [23.40, 26.75, 30.08, 33.41])  # reference fit
    assert fit["slope"] == pytest.approx(ref.slope, abs=1e-12) and fit["efficiency"] == pytest.approx(
        10 ** (-1 / ref.slope), abs=1e-12
    )
    assert fit["note"] == ""  # E 99 %, R² 1.000, 3 orders of magnitude: within the guideline


@pytest.mark.parametrize(
    "rows, message",
    [
        ("TNF,1,20\nTNF,10,23\nTNF,100,26\n", "Ct does not fall as the quantity rises"),  # rising: E = 0.50 in 0.2
        ("TNF,1,25\nTNF,10,25\nTNF,100,25\n", "Ct does not fall as the quantity rises"),  # flat: E = 0 in 0.2
        ("TNF,0,35\nTNF,10,23\nTNF,100,20\n", "quantity 0 is not positive"),  # E = NaN in 0.2
        ("TNF,1,30\nTNF,10,26.7\n", "2 distinct quantities"),
    ],
)
def test_a_curve_that_cannot_be_a_dilution_series_is_refused(tmp_path, rows, message):
    (tmp_path / "curve.csv").write_text("gene,quantity,ct\n" + rows, encoding="utf-8")
    with pytest.raises(QpcrError, match=message):
        standard_curve(read_standard_curve(tmp_path / "curve.csv")[0])


def test_a_curve_outside_the_guideline_is_kept_with_a_note(tmp_path):
    (tmp_path / "curve.csv").write_text("gene,quantity,ct\nIL6,1,30\nIL6,10,27.2\nIL6,100,24.4\n", encoding="utf-8")
    fit = standard_curve(read_standard_curve(tmp_path / "curve.csv")[0]).iloc[0]
    assert fit["efficiency_percent"] == pytest.approx(100 * (10 ** (1 / 2.8) - 1), abs=1e-9)
    assert fit["note"] == "efficiency 128% is outside 90-110%; the series spans 2.0 orders of magnitude (fewer than 3)"


def test_the_qpcr_command_prints_the_left_out_wells(tmp_path, capsys):
    from biocorr.datasets import example_path

    folder = example_path("qpcr_demo")
    (tmp_path / "curve.csv").write_text(GOOD, encoding="utf-8")
    args = ["qpcr", str(folder / "ct_export.csv"), "--spec", str(folder / "spec.toml"), "--standard-curve"]
    assert main([*args, str(tmp_path / "curve.csv"), "--out", str(tmp_path / "o")]) == 0
    assert "note: row 6: Ct 'Undetermined' (no amplification)" in capsys.readouterr().out
