"""The comparison with the instrument's own results: tolerances from the printed digits, differences explained."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from biocorr.qpcr import parse_qpcr_spec, run_qpcr
from biocorr.qpcr.instrument_check import compare_with_instrument
from biocorr.qpcr.instruments import parse_instrument_text, read_ct_export
from tests.qpcr.test_instruments import CONTROL_18S, EDITED, QUANTSTUDIO, SDS


@pytest.fixture(scope="module")
def sds_result():
    spec = parse_qpcr_spec({"targets": "all", "references": [CONTROL_18S], "calibrator_sample": "fp1 day3 v"})
    return run_qpcr(read_ct_export(SDS), spec)


def test_sds_instrument_check_explains_every_difference(sds_result):
    result = sds_result
    check = result.instrument_check
    assert result.instrument["format"] == "Applied Biosystems SDS 2.x"
    differs = check[check["verdict"] == "differs"]
    ct = differs[differs["quantity"] == "ct_mean"]
    assert set(zip(ct["sample"], ct["gene"])) == EDITED
    rest = differs[differs["quantity"] != "ct_mean"]
    assert len(rest) == 91 and rest["note"].str.startswith("follows from the Ct mean that differs").all()
    assert check["verdict"].eq("agrees").sum() == 2452
    assert result.instrument_summary.startswith("2452 of 2552 values agree")


def test_quantstudio_check_needs_the_instruments_settings():
    spec = parse_qpcr_spec({"targets": ["PAX6"], "references": ["ACTB"], "calibrator_sample": "AiW002-2-D0"})
    result = run_qpcr(read_ct_export(QUANTSTUDIO), spec)
    assert set(result.instrument_check["quantity"]) == {"ct_mean"}
    assert "not compared" in result.instrument_summary and "ACTB, GAPDH" in result.instrument_summary


def test_tolerance_is_set_by_the_printed_digits():
    """Ct printed with 1 decimal: a Ct mean 0.04 away agrees (½·10⁻¹ + ½·10⁻¹ allowed), 0.2 away does not."""
    text = "Well\tSample\tDetector\tTask\tCt\tCt Avg\n1\ts\tTNF\tTarget\t30.1\t30.14\n2\ts\t18S\tTarget\t20.1\t20.3\n"
    export = parse_instrument_text(text, "x.txt")
    spec = parse_qpcr_spec({"targets": ["TNF"], "references": ["18S"], "calibrator_sample": "s"})
    r = run_qpcr(export, spec)
    table, summary = compare_with_instrument(export, spec, r.replicates, r.relative)
    row = table.set_index("gene")
    # printed 30.14 (2 decimals): ½·10⁻² + 1·(½·10⁻¹ + 4·10⁻⁶)
    assert row.loc["TNF", "tolerance"] == pytest.approx(0.005 + 0.05 + 4e-6, abs=1e-15)
    assert row.loc["TNF", "verdict"] == "agrees" and row.loc["18S", "verdict"] == "differs"
    assert math.isclose(row.loc["18S", "difference"], -0.2, abs_tol=1e-12)
    assert "not compared" in summary  # the export names no calibrator: ΔCt and RQ are not compared


def test_tidy_export_without_instrument_columns_has_nothing_to_compare():
    export = parse_instrument_text("Well\tSample\tDetector\tTask\tCt\n1\ts\tTNF\tTarget\t30\n", "x.txt")
    spec = parse_qpcr_spec({"targets": ["TNF"], "references": ["TNF2"], "calibrator_sample": "s"})
    table, summary = compare_with_instrument(export, spec, pd.DataFrame(), pd.DataFrame())
    assert table.empty and summary == "the export carries no instrument results to compare with"
