"""Instrument exports read as they leave the machine: real SDS 2.1 and QuantStudio files.

The reference values are the instruments' own: the SDS file's closing "Summary Data" block
(ΔCt, ΔΔCt, RQ per sample × detector, endogenous control 18S, calibrator "fp1 day3 v") and
the QuantStudio export's Ct Mean / Delta Ct Mean / RQ columns. Nothing here is computed by the
code under test.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from biocorr.qpcr import QpcrError, parse_qpcr_spec, run_qpcr
from biocorr.qpcr.instruments import (
    InstrumentFormatError,
    parse_instrument_text,
    read_ct_export,
    sniff_instrument,
    summary_block,
)
from tests.helpers import FIXTURES

SDS = FIXTURES / "qpcr" / "normqpcr_sds" / "example.txt"
QUANTSTUDIO = FIXTURES / "qpcr" / "autoqpcr_quantstudio" / "RELATIVE_example.csv"
CONTROL_18S = "18S-Hs99999901_s1"
# Wells whose Ct cell disagrees with the instrument's Ct Avg for the same single well (the file
# was edited after export; NormqPCR's test data): found by reading the two columns side by side.
EDITED = {
    ("fp1 day3 v", g)
    for g in (
        "Il12a-Rn00584538_m1", "Cebpe-Rn00567306_g1", "Il5-Rn01459975_m1", "Slit2-Rn00575268_m1",
        "Ptgds-Rn00564605_m1", "Cxcr3-Rn00584689_m1", "Il2-Rn00587673_m1", "Il8ra-Rn00570857_s1",
    )
} | {("fp 7 day 3 mia", "Adrbk1-Rn00562822_m1")}  # fmt: skip


def printed(x: float, text: str, units: float) -> bool:
    """x agrees with a printed value to within `units` of its last digit."""
    decimals = len(text.split(".")[1]) if "." in text else 0
    return abs(x - float(text)) <= units * 10.0**-decimals


@pytest.fixture(scope="module")
def sds():
    export = read_ct_export(SDS)
    spec = parse_qpcr_spec({"targets": "all", "references": [CONTROL_18S], "calibrator_sample": "fp1 day3 v"})
    return export, run_qpcr(export, spec)


def test_sds_export_is_sniffed_with_its_metadata(sds):
    export, _ = sds
    assert export.format == "Applied Biosystems SDS 2.x"
    assert export.calibrator == "fp1 day3 v"
    assert export.endogenous_controls == (CONTROL_18S,)
    assert export.metadata["Run DateTime"] == "Mon Feb 11 13:08:29 GMT 2008; Mon Feb 11 16:11:12 GMT 2008"
    assert len(export.wells) == 768 and export.wells["sample"].nunique() == 8 and export.wells["gene"].nunique() == 96
    assert export.wells["ct"].eq("Undetermined").sum() == 99
    # two 384-well cards: PlateID is empty, each card is named in 'Filename'; wells repeat across cards
    assert export.wells.groupby("plate")["well"].nunique().to_dict() == {
        "john dawes card 1": 384,
        "john dawes card 2": 384,
    }


def test_sds_undetermined_wells_are_excluded_with_their_reason(sds):
    _, result = sds
    assert result.exclusions["reason"].value_counts().to_dict() == {"undetermined": 99}
    assert result.notes["reason"].value_counts().to_dict() == {"not-quantified": 99, "instrument-mismatch": 9}
    mismatched = set(zip(*result.notes.query("reason == 'instrument-mismatch'")[["sample", "gene"]].T.to_numpy()))
    assert mismatched == EDITED


def test_sds_reproduces_the_instruments_summary_block(sds):
    """ΔCt, ΔΔCt and RQ equal the file's own Summary Data block to its printed digits.

    SDS computes in single precision (about 4·10⁻⁶ cycles of resolution near Ct 40) and prints
    ~8 significant digits; biocorr reads the printed Ct values, so ΔCt and ΔΔCt agree within
    2·10⁻⁵ cycles and RQ within 2·10⁻⁵ relative. Excluded from the comparison, each for
    a stated reason: pairs with an Undetermined well (SDS reads them as Ct 40; biocorr does
    not quantify them) and pairs touching an edited well.
    """
    _, result = sds
    text = SDS.read_text(encoding="latin-1")
    block = summary_block(text)
    raw = pd.read_csv(SDS, sep="\t", skiprows=786, dtype=str, keep_default_na=False, encoding="latin-1")
    assert len(block) == len(raw) == 752 and block["Detector"].nunique() == 94
    ours = result.relative.set_index(["sample", "target"])
    wells = result.wells.set_index(["sample", "gene"])["ct"]
    compared = 0
    for (_, b), (_, printed_row) in zip(block.iterrows(), raw.iterrows()):
        sample, gene = b["Sample"], b["Detector"]
        if gene == CONTROL_18S:
            continue
        touched = {(sample, gene), ("fp1 day3 v", gene)}
        undetermined = any(np.isnan(wells[k]) for k in touched)
        if touched & EDITED or undetermined or not printed_row["RQ"]:
            continue
        r = ours.loc[(sample, gene)]
        assert abs(r["dct"] - float(printed_row["Avg delta Ct"])) < 2e-5, (sample, gene)
        assert abs(r["ddct"] - float(printed_row["delta delta Ct"])) < 2e-5, (sample, gene)
        assert abs(r["rq"] / float(printed_row["RQ"]) - 1) < 2e-5, (sample, gene)
        compared += 1
    assert compared == 578  # of 744 (93 targets × 8 samples): 65 touch an edited well, 101 an Undetermined one


def test_sds_tnf_il1b_il6_to_the_printed_digits(sds):
    _, result = sds
    ours = result.relative.set_index(["sample", "target"])
    # printed in the Summary Data block: (sample, detector): (ΔΔCt, RQ)
    for (sample, gene), (ddct, rq) in {
        ("fp 8 day 3 mia", "Tnf-Rn99999017_m1"): ("1.726778", "0.30212593"),
        ("fp2 day3 v", "Tnf-Rn99999017_m1"): ("-0.90291977", "1.8698465"),
        ("fp5 day3 mia", "Tnfsf10-Rn00595556_m1"): ("3.972107", "0.06372013"),
    }.items():
        assert abs(ours.loc[(sample, gene), "ddct"] - float(ddct)) < 2e-5
        assert abs(ours.loc[(sample, gene), "rq"] / float(rq) - 1) < 2e-5


def test_quantstudio_export_agrees_with_its_instrument_columns():
    export = read_ct_export(QUANTSTUDIO)
    assert export.format.startswith("Applied Biosystems QuantStudio")
    assert export.calibrator == "AiW002-2-D0" and export.endogenous_controls == ("ACTB", "GAPDH")
    assert export.metadata["Block Type"] == "384-Well Block"
    spec = parse_qpcr_spec({"targets": "all", "references": ["ACTB", "GAPDH"], "calibrator_sample": "AiW002-2-D0"})
    result = run_qpcr(export, spec)
    check = result.instrument_check
    assert len(check) == 20 + 3 * 12 and check["verdict"].eq("agrees").all()
    # Delta Ct Mean printed by QuantStudio for PAX6 in KYOU-D0: 3.068 (two references: their mean Ct)
    dct = result.relative.set_index(["sample", "target"]).loc[("KYOU-D0", "PAX6"), "dct"]
    assert printed(dct, "3.068", 2)
    assert list(result.per_subject.columns[:3]) == ["subject", "CAMK2A_vs_AiW002-2-D0", "CAMK2A_vs_AiW002-2-D0_log2"]


CFX = """,Well,Fluor,Target,Content,Sample,Biological Set Name,Cq,Cq Mean,Cq Std. Dev
,A01,SYBR,TNF,Unkn-01,p1,,30.10,30.05,0.07
,A02,SYBR,TNF,Unkn-01,p1,,30.00,30.05,0.07
,A03,SYBR,GAPDH,Unkn-01,p1,,20.00,20.00,0.00
,A04,SYBR,TNF,Unkn-02,c1,,31.00,31.00,0.00
,A05,SYBR,GAPDH,Unkn-02,c1,,20.50,20.50,0.00
,A06,SYBR,TNF,NTC,NTC,,NaN,,
"""


def test_cfx_layout_with_a_no_template_control_set_aside():
    """A Bio-Rad CFX 'Quantification Cq Results' layout (synthetic rows, real column names)."""
    export = parse_instrument_text(CFX, "cfx.csv")
    assert export.format == "Bio-Rad CFX"
    assert export.set_aside["reason"].tolist() == ["control-well"]
    spec = parse_qpcr_spec({"targets": ["TNF"], "references": ["GAPDH"], "calibrator_sample": "c1"})
    result = run_qpcr(export, spec)
    r = result.relative.set_index("sample").loc["p1"]
    assert r["dct"] == pytest.approx(10.05, abs=1e-12) and r["ddct"] == pytest.approx(-0.45, abs=1e-12)
    assert result.exclusions["reason"].tolist() == ["control-well"]
    assert result.instrument_check["verdict"].eq("agrees").all()


def test_omitted_wells_are_set_aside_not_averaged():
    text = (
        "* Instrument Type = sds7500fast\n\n[Results]\nWell\tWell Position\tOmit\tSample Name\tTarget Name\tTask\tCT\n"
        "1\tA1\tfalse\ts\tTNF\tUNKNOWN\t30.0\n2\tA2\ttrue\ts\tTNF\tUNKNOWN\t33.0\n3\tA3\tfalse\ts\tACTB\tUNKNOWN\t20\n"
    )
    export = parse_instrument_text(text, "qs.txt")
    assert export.metadata == {"Instrument Type": "sds7500fast"}
    assert export.set_aside["reason"].tolist() == ["omitted-on-instrument"]
    assert export.wells["ct"].tolist() == ["30.0", "20"]


def test_tidy_tables_are_not_taken_for_exports(tmp_path):
    assert sniff_instrument("sample,subject,condition,gene,ct\na,a,v,TNF,30\n") is None
    assert sniff_instrument("well,sample,target,cq\nA1,a,TNF,30\n") is None  # no Content/Fluor: a tidy table
    path = tmp_path / "tidy.csv"
    path.write_text("sample,gene,ct\na,TNF,30\na,GAPDH,20\nb,TNF,31\nb,GAPDH,20\n", encoding="utf-8")
    table = read_ct_export(path)
    assert not hasattr(table, "set_aside") and list(table.frame.columns) == ["sample", "gene", "ct"]
    spec = parse_qpcr_spec({"targets": ["TNF"], "references": ["GAPDH"], "calibrator_sample": "a"})
    result = run_qpcr(table, spec)  # no subject or condition column: each sample is its own subject
    assert result.per_subject.set_index("subject")["TNF_vs_a"].to_dict() == {"a": 1.0, "b": 0.5}


def test_clear_errors_for_exports_that_cannot_be_used():
    with pytest.raises(InstrumentFormatError, match="no well table"):
        parse_instrument_text("Experiment: x\nnothing here\n", "lc.txt")
    spec = parse_qpcr_spec({"targets": "all", "references": [CONTROL_18S], "calibrator_sample": "fp9 day3 v"})
    with pytest.raises(QpcrError, match=r"calibrator_sample 'fp9 day3 v' is not a sample.*fp1 day3 v"):
        run_qpcr(read_ct_export(SDS), spec)


LIGHTCYCLER = FIXTURES / "qpcr" / "tidyqpcr" / "Stuart_dAgr_glyS_spoVG_5S_individualWells_Cq.txt"


def _stuart_plan(tmp_path):
    """The plate plan of tidyqpcr's 96-well vignette: Name "<strain> <OD> <target>" → sample, gene."""
    lc = pd.read_csv(LIGHTCYCLER, sep="\t", skiprows=1, dtype=str, keep_default_na=False)
    parts = lc["Name"].str.rsplit(" ", n=1, expand=True)
    named = ~lc["Name"].str.startswith("Sample ")  # D10-12, H10-12 are blank wells ("Sample 46" ...)
    plan = pd.DataFrame({"well": lc["Pos"], "sample": parts[0].str.replace(" ", "_"), "gene": parts[1]})[named]
    plan.to_csv(tmp_path / "plan.csv", index=False)
    return tmp_path / "plan.csv"


def test_lightcycler_export_with_a_plate_plan_reproduces_tidyqpcr(tmp_path):
    """tidyqpcr's deltacq_96well vignette (printed values, 3 significant digits): median of 3
    technical replicates, reference 5S, ΔΔCq against WT_OD0.5 (tidyqpcr's sign is ref − sample,
    so its deltadelta_cq is biocorr's −ΔΔCt; fold change = RQ)."""
    export = read_ct_export(LIGHTCYCLER, plate_plan=_stuart_plan(tmp_path))
    assert export.format == "Roche LightCycler 480"
    assert export.set_aside["reason"].value_counts().to_dict() == {"not-in-plate-plan": 6}
    spec = parse_qpcr_spec(
        {
            "targets": ["glyS", "spoVG"],
            "references": ["5S"],
            "calibrator_sample": "WT_OD0.5",
            "replicate_summary": "median",
        }
    )
    result = run_qpcr(export, spec)
    rel = result.relative.set_index(["sample", "target"])
    for sample, dct, rel_abund in [
        ("WT_OD0.5", "8.99", "0.00197"), ("WT_OD1.5", "9.71", "0.00119"), ("WT_OD3", "10.7", "0.000585"),
        ("WT_OD6", "8.46", "0.00284"), ("WT_ODON", "14.3", "0.0000489"), ("dAgr_OD0.5", "8.82", "0.00221"),
        ("dAgr_OD1.5", "9.64", "0.00125"), ("dAgr_OD3", "10.8", "0.000577"), ("dAgr_OD6", "10.1", "0.000930"),
        ("dAgr_ODON", "13.6", "0.0000822"),
    ]:  # fmt: skip
        assert printed(rel.loc[(sample, "glyS"), "dct"], dct, 0.5), sample
        assert f"{2.0 ** -rel.loc[(sample, 'glyS'), 'dct']:.3g}" == f"{float(rel_abund):.3g}", sample
    for sample, target, ddcq, fold in [
        ("WT_OD1.5", "glyS", "-0.720", "0.607"), ("WT_OD1.5", "spoVG", "0.650", "1.57"),
        ("WT_OD3", "glyS", "-1.75", "0.297"), ("WT_OD3", "spoVG", "-0.230", "0.853"),
    ]:  # fmt: skip
        assert printed(-rel.loc[(sample, target), "ddct"], ddcq, 0.5), (sample, target)
        assert printed(rel.loc[(sample, target), "rq"], fold, 0.5), (sample, target)
    assert result.instrument_summary == "the export carries no instrument results to compare with"


def test_lightcycler_without_a_plan_says_what_is_missing(tmp_path):
    export = read_ct_export(LIGHTCYCLER)
    assert "plate plan" in export.metadata["note"]
    spec = parse_qpcr_spec({"targets": ["glyS"], "references": ["5S"], "calibrator_sample": "WT OD0.5 glyS"})
    with pytest.raises(QpcrError, match="plate plan"):
        run_qpcr(export, spec)
    tidy = tmp_path / "tidy.csv"
    tidy.write_text("sample,gene,ct\na,TNF,30\n", encoding="utf-8")
    with pytest.raises(InstrumentFormatError, match="tidy table"):
        read_ct_export(tidy, plate_plan=_stuart_plan(tmp_path))
