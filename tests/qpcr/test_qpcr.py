"""qPCR: published worked examples reproduced to their printed precision, and malformed exports."""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest

from biocorr.data.read import read_text_table
from biocorr.datasets import example_path
from biocorr.errors import SpecError
from biocorr.qpcr import QpcrError, parse_qpcr_spec, run_qpcr, standard_curve
from tests.helpers import FIXTURES

QF = FIXTURES / "qpcr"


def _long(rows: list[dict]) -> str:
    return pd.DataFrame(rows).to_csv(index=False)


def printed(x: float, text: str, units: float = 0.5) -> bool:
    """x agrees with a printed value to within `units` of its last digit (0.5 = rounds to it)."""
    decimals = len(text.split(".")[1]) if "." in text else 0
    return abs(x - float(text)) <= units * 10.0**-decimals + 1e-12


def _livak(name: str) -> pd.DataFrame:
    """pcr's ct1/ct2: rows 1-6 brain, 7-12 kidney (pcr docs), one Ct per gene per row."""
    d = pd.read_csv(QF / name)
    rows = []
    for i, r in d.iterrows():
        tissue = "brain" if i < 6 else "kidney"
        for gene, col in (("c-myc", "c_myc"), ("GAPDH", "GAPDH")):
            rows.append(
                dict(sample=f"{tissue}{i}", subject=f"{tissue}{i}", condition="x", gene=gene, group=tissue, ct=r[col])
            )
    spec = parse_qpcr_spec(
        {"targets": ["c-myc"], "references": ["GAPDH"], "group": "group", "calibrator_group": "brain"}
    )
    return run_qpcr(read_text_table(_long(rows)), spec).relative


@pytest.mark.parametrize(
    "name, ddct, fold, brain_dct",
    [
        # pcr vignette Table 1 (separate tubes): ΔΔCt −2.50, kidney 5.6 relative to brain, brain ΔCt 6.86
        ("ct1.csv", "-2.50", "5.6", "6.86"),
        # pcr vignette Table 3 (same tube): ΔΔCt −2.53, relative 5.77, brain ΔCt 6.99
        ("ct2.csv", "-2.53", "5.77", "6.99"),
    ],
)
def test_livak_2001_tables(name, ddct, fold, brain_dct):
    rel = _livak(name)
    order = rel["sample"].str.extract(r"(\d+)$")[0].astype(int)
    rel = rel.assign(_order=order).sort_values("_order")
    kidney = rel[rel.group == "kidney"]
    brain = rel[rel.group == "brain"]
    assert printed(kidney.ddct.mean(), ddct)
    # 2^-mean(ΔΔCt), as Livak computes it; the vignette prints 5.77 for 2^2.530 = 5.776
    # (truncated), so the fold is held to one unit of its last digit
    assert printed(2 ** -kidney.ddct.mean(), fold, units=1.0)
    # the vignette's means are truncated too (6.99 for 6.9967), hence one unit
    assert printed(brain.dct.mean(), brain_dct, units=1.0)
    assert (rel["method"] == "Livak 2^-ΔΔCt").all()
    if name == "ct2.csv":  # Table 3 lists each well's ΔCt (target and reference in one tube)
        assert [f"{v:.2f}" for v in brain.dct] == ["7.31", "6.79", "7.03", "6.84", "7.17", "6.84"]
        assert [f"{v:.2f}" for v in kidney.dct] == ["4.43", "4.52", "4.20", "4.61", "4.52", "4.52"]


def _rtpcr(name: str, refs: list[tuple[str, str, str]], target: tuple[str, str, str], cond: str, rep: str):
    d = pd.read_csv(QF / name)
    rows, eff = [], {}
    for _, r in d.iterrows():
        sample = f"{r[cond]}-{r[rep]}"
        for gene, e_col, ct_col in [target] + refs:
            eff[gene] = float(r[e_col]) if e_col else 2.0
            rows.append(dict(sample=sample, subject=sample, condition="x", group=r[cond], gene=gene, ct=r[ct_col]))
    spec = parse_qpcr_spec(
        {
            "targets": [target[0]],
            "references": [g for g, _, _ in refs],
            "group": "group",
            "calibrator_group": "control",
            "efficiency": eff,
        }
    )
    return run_qpcr(read_text_table(_long(rows)), spec).relative


def test_rtpcr_efficiency_weighted_one_reference():
    # rtpcr TTEST_DDCt(data_1factor_one_ref_Eff): ddCt 1.28974, RE 0.40902 (E target 1.88, Actin 1.67)
    rel = _rtpcr(
        "data_1factor_one_ref_Eff.csv", [("Actin", "Actin", "Actin_Ct")], ("target", "target", "target_Ct"), "Con", "r"
    )
    treat = rel[rel.group == "treatment"]
    assert printed(treat.ddct.mean(), "1.28974")
    assert printed(2 ** -treat.ddct.mean(), "0.40902")
    assert (rel["method"] == "Pfaffl efficiency-corrected ratio").all()
    # Pfaffl (2001) by hand from the group mean Cts: E_t^ΔCt_t / E_r^ΔCt_r
    d = pd.read_csv(QF / "data_1factor_one_ref_Eff.csv")
    m = d.groupby("Con")[["target_Ct", "Actin_Ct"]].mean()
    ratio = 1.88 ** (m.target_Ct["control"] - m.target_Ct["treatment"]) / 1.67 ** (
        m.Actin_Ct["control"] - m.Actin_Ct["treatment"]
    )
    assert 2 ** -treat.ddct.mean() == pytest.approx(ratio, rel=1e-12)


def test_rtpcr_two_reference_genes_geometric_mean():
    # Vandesompele (2002): normalise by the geometric mean of the reference *quantities*, i.e. the
    # arithmetic mean of the (efficiency-weighted) reference Cts. By hand from the file:
    # mean(Ct_DER5 - (Ct_Actin + Ct_HPRT)/2), treatment - control = 1.2033333, RE = 0.4342707.
    # rtpcr prints 1.20386 / 0.43411 because it takes a geometric mean of the Ct values themselves
    # (see shared/data/qpcr/rtpcr/SOURCE.md, "This pair separates the two conventions"); biocorr
    # keeps the published Vandesompele convention, so this test pins the difference.
    rel = _rtpcr(
        "data_1factor_Two_ref.csv",
        [("Actin", "Actin", "Ct_Actin"), ("HPRT", "HPRT", "Ct_HPRT")],
        ("DER5", "DER5", "Ct_DER5"),
        "Condition",
        "Rep",
    )
    treat = rel[rel.group == "treatment"]
    assert treat.ddct.mean() == pytest.approx(3.61 / 3, abs=1e-12)
    assert printed(2 ** -treat.ddct.mean(), "0.4342707")
    assert not printed(treat.ddct.mean(), "1.20386")


def test_technical_replicates_and_undetermined_wells():
    # rtpcr meanTech(data_withTechRep): the 'undeterminned' well is dropped from the mean
    d = pd.read_csv(QF / "data_withTechRep.csv")
    rows = []
    for _, r in d.iterrows():
        s = f"{r.Condition}{r.biolrep}"
        rows += [
            dict(
                sample=s,
                subject=f"p{r.biolrep}",
                condition=r.Condition,
                gene="target",
                replicate=r.techrep,
                ct=r.Ct_target,
            ),
            dict(
                sample=s, subject=f"p{r.biolrep}", condition=r.Condition, gene="ref", replicate=r.techrep, ct=r.Ct_ref
            ),
        ]
    spec = parse_qpcr_spec(
        {"targets": ["target"], "references": ["ref"], "replicate": "replicate", "calibrator_condition": "Ctrl"}
    )
    res = run_qpcr(read_text_table(_long(rows)), spec)
    reps = res.replicates.set_index(["sample", "gene"])
    expected = {
        ("Ctrl1", "target"): "28.89400",
        ("Ctrl1", "ref"): "30.29300",
        ("Ctrl2", "target"): "32.33733",
        ("Ctrl3", "ref"): "31.59467",
        ("Treat2", "target"): "32.60000",
        ("Treat3", "ref"): "30.95233",
    }
    for key, value in expected.items():
        assert f"{reps.loc[key, 'ct_mean']:.5f}" == value
    assert reps.loc[("Ctrl1", "target"), "n_undetermined"] == 1
    assert list(res.exclusions["reason"]) == ["undetermined", "undetermined"]
    assert "sample 'Ctrl1', gene 'target', replicate 1" in res.exclusions["message"].iloc[0]
    # Treat3's target replicates (35.2, 28.5, 28.3) are flagged, with the deviating well named
    assert reps.loc[("Treat3", "target"), "sd_flag"] and reps.loc[("Treat3", "target"), "outlier_replicate"] == "1"
    # per-subject within-subject ratio Treat vs Ctrl, by hand for p1
    ps = res.per_subject.set_index("subject")
    dct_t = 32.988 - 31.527
    dct_c = 28.894 - 30.293
    assert ps.loc["p1", "target_Treat_vs_Ctrl_log2"] == pytest.approx(-(dct_t - dct_c), abs=1e-9)
    assert ps.loc["p1", "target_Treat_vs_Ctrl"] == pytest.approx(2 ** -(dct_t - dct_c), rel=1e-9)


def test_standard_curve_efficiency():
    # pcr ct3 dilution series; slope of Ct on log10(amount), E = 10^(-1/slope)
    d = pd.read_csv(QF / "ct3.csv")
    amount = np.repeat([1, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01], 3)
    long = pd.concat([pd.DataFrame({"gene": g, "quantity": amount, "ct": d[g]}) for g in ("c_myc", "GAPDH")])
    sc = standard_curve(long).set_index("gene")
    assert f"{sc.loc['c_myc', 'slope']:.6f}" == "-3.388095"
    assert f"{sc.loc['c_myc', 'r2']:.7f}" == "0.9965504"
    assert f"{sc.loc['c_myc', 'efficiency']:.6f}" == "1.973109"
    assert f"{sc.loc['GAPDH', 'efficiency']:.6f}" == "1.962747"
    assert sc.loc["c_myc", "efficiency_ci_low"] < 1.973109 < sc.loc["c_myc", "efficiency_ci_high"]


BASE = "sample,subject,condition,gene,ct\n"
SPEC = {"targets": ["TNF"], "references": ["GAPDH"], "calibrator_condition": "vehicle"}


@pytest.mark.parametrize(
    "table, fragment",
    [
        (
            BASE + "a1,a,vehicle,TNF,30\na2,a,ATP,TNF,28\na2,a,ATP,GAPDH,20\n",
            "sample 'a1' has no well for gene(s) GAPDH",
        ),
        (
            BASE + "a1,a,vehicle,TNF,30\na1,a,vehicle,GAPDH,20\na2,a,ATP,TNF,2B\na2,a,ATP,GAPDH,20\n",
            "sample 'a2', gene 'TNF': '2B'",
        ),
        (
            BASE.replace("ct\n", "replicate,ct\n") + "a1,a,vehicle,TNF,1,30\na1,a,vehicle,TNF,1,30.1\n"
            "a1,a,vehicle,GAPDH,1,20\n",
            "well recorded twice: sample 'a1', gene 'TNF'",
        ),
        (BASE + "a1,a,vehicle,TNFa,30\na1,a,vehicle,GAPDH,20\n", "gene 'TNF' named in [qpcr] is not in the Ct table"),
    ],
)
def test_malformed_ct_tables_name_sample_and_gene(table, fragment):
    spec = parse_qpcr_spec({**SPEC, **({"replicate": "replicate"} if "replicate" in table else {})})
    with pytest.raises(QpcrError, match=re.escape(fragment)):
        run_qpcr(read_text_table(table), spec)


def test_subject_with_one_condition_is_reported_not_dropped():
    table = BASE + (
        "a1,a,vehicle,TNF,30\na1,a,vehicle,GAPDH,20\na2,a,ATP,TNF,28\na2,a,ATP,GAPDH,20\n"
        "b1,b,vehicle,TNF,31\nb1,b,vehicle,GAPDH,20\n"
    )
    res = run_qpcr(read_text_table(table), parse_qpcr_spec(SPEC))
    assert res.notes.query("subject == 'b'")["reason"].tolist() == ["one-condition"]
    ps = res.per_subject.set_index("subject")
    assert ps.loc["a", "TNF_ATP_vs_vehicle"] == 4.0 and np.isnan(ps.loc["b", "TNF_ATP_vs_vehicle"])


def test_undetermined_markers_and_cutoff():
    table = BASE + (
        "a1,a,vehicle,TNF,Undetermined\na1,a,vehicle,TNF,No Ct\na1,a,vehicle,TNF,41.2\n"
        "a1,a,vehicle,GAPDH,20\na2,a,ATP,TNF,28\na2,a,ATP,GAPDH,20\n"
    )
    res = run_qpcr(read_text_table(table), parse_qpcr_spec(SPEC))
    assert res.exclusions["reason"].tolist() == ["undetermined", "undetermined", "above-cutoff"]
    assert res.notes["reason"].tolist() == ["not-quantified"]
    assert np.isnan(res.per_subject.set_index("subject").loc["a", "TNF_ATP_vs_vehicle"])


DEMO = example_path("qpcr_demo")


def test_ct_export_to_correlations_in_one_command(tmp_path, capsys):
    """The documented one-liner: Ct export + clinical table -> qPCR tables, correlations, report."""
    from biocorr.cli import main

    code = main(
        [
            "analyze",
            str(DEMO / "clinical.csv"),
            "--spec",
            str(DEMO / "spec.toml"),
            "--qpcr",
            str(DEMO / "ct_export.csv"),
            "--out",
            str(tmp_path),
            "--quiet",
            "--scatter-files",
            "no",
        ]
    )
    assert code == 0, capsys.readouterr().err
    per_subject = pd.read_csv(tmp_path / "qpcr" / "per_subject.csv")
    assert len(per_subject) == 24 and "TNF_ATP_vs_vehicle_log2" in per_subject
    excl = pd.read_csv(tmp_path / "qpcr" / "qpcr_exclusions.csv")
    assert (excl["reason"] == "undetermined").sum() == 3
    corr = pd.read_csv(tmp_path / "correlations.csv")
    fm = corr[(corr.subset == "Fibromyalgia") & (corr.method == "pearson")]
    assert (fm["n"] == 14).all() and len(fm) == 4
    # the correlation uses exactly the per-subject values the qPCR step wrote
    clinical = pd.read_csv(DEMO / "clinical.csv").merge(per_subject, left_on="id", right_on="subject")
    sub = clinical[clinical.group == "FM"]
    r = np.corrcoef(sub["TNF_ATP_vs_vehicle_log2"], sub["VAS"])[0, 1]
    assert fm.loc[fm.y == "VAS", "estimate"].item() == pytest.approx(r, abs=1e-12)
    # the report has a qPCR section with its three figures, also saved as files
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert 'id="qpcr"' in html and "3 undetermined well(s)" in html
    for stem in ("qpcr_ct", "qpcr_replicate_sd", "qpcr_fold_change"):
        assert (tmp_path / "figures" / f"{stem}.png").exists() and (tmp_path / "figures" / f"{stem}.svg").exists()


def test_qpcr_command_and_standard_curve(tmp_path):
    from biocorr.cli import main

    d = pd.read_csv(QF / "ct3.csv")
    amount = np.repeat([1, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01], 3)
    pd.concat([pd.DataFrame({"gene": g, "quantity": amount, "ct": d[g]}) for g in ("c_myc", "GAPDH")]).to_csv(
        tmp_path / "curve.csv", index=False
    )
    assert (
        main(
            [
                "qpcr",
                str(DEMO / "ct_export.csv"),
                "--spec",
                str(DEMO / "spec.toml"),
                "--out",
                str(tmp_path / "q"),
                "--standard-curve",
                str(tmp_path / "curve.csv"),
                "--quiet",
            ]
        )
        == 0
    )
    eff = pd.read_csv(tmp_path / "q" / "efficiency.csv").set_index("gene")
    assert f"{eff.loc['c_myc', 'efficiency']:.6f}" == "1.973109"
    reps = pd.read_csv(tmp_path / "q" / "replicates.csv")
    flagged = reps[reps.sd_flag]
    assert flagged[["sample", "gene", "outlier_replicate"]].values.tolist() == [["P03-ATP", "TNF", 2]]


def test_qpcr_command_on_an_instrument_export_with_a_qpcr_only_spec(tmp_path, capsys):
    """`biocorr qpcr` reads the SDS 2.1 export as it left the machine; the spec has only [qpcr]."""
    from biocorr.cli import main

    (tmp_path / "spec.toml").write_text(
        '[qpcr]\ntargets = "all"\nreferences = ["18S-Hs99999901_s1"]\ncalibrator_sample = "fp1 day3 v"\n',
        encoding="utf-8",
    )
    sds = QF / "normqpcr_sds" / "example.txt"
    code = main(["qpcr", str(sds), "--spec", str(tmp_path / "spec.toml"), "--out", str(tmp_path / "q")])
    assert code == 0
    out = capsys.readouterr().out
    assert "Applied Biosystems SDS 2.x export; 2452 of 2552 values agree" in out
    assert "99 note(s) 'not-quantified'" in out and "... 96 more in qpcr_exclusions.csv" in out
    meta = json.loads((tmp_path / "q" / "instrument.json").read_text(encoding="utf-8"))
    assert meta["metadata"]["Calibrator"] == "fp1 day3 v"
    per_subject = pd.read_csv(tmp_path / "q" / "per_subject.csv").set_index("subject")
    # printed by the instrument (Summary Data): fp 8 day 3 mia, Tnf: RQ 0.30212593
    assert per_subject.loc["fp 8 day 3 mia", "Tnf-Rn99999017_m1_vs_fp1 day3 v"] == pytest.approx(0.30212593, rel=2e-5)
    excl = pd.read_csv(tmp_path / "q" / "qpcr_exclusions.csv")
    assert excl["reason"].value_counts().to_dict() == {
        "undetermined": 99,
        "not-quantified": 99,
        "instrument-mismatch": 9,
    }


def test_spec_calibrator_sample_and_all_targets():
    spec = parse_qpcr_spec({"targets": "all", "references": ["GAPDH"], "calibrator_sample": "s1"})
    assert spec.all_targets and spec.targets == () and spec.calibrator_sample == "s1"
    with pytest.raises(SpecError, match="calibrator_sample"):
        parse_qpcr_spec({"targets": ["TNF"], "references": ["GAPDH"]})
    raw = read_text_table("sample,gene,ct\ns1,GAPDH,20\ns1,TNF,30\ns1,IL6,31\ns2,GAPDH,21\ns2,TNF,30\ns2,IL6,33\n")
    result = run_qpcr(raw, spec)
    assert sorted(set(result.relative["target"])) == ["IL6", "TNF"]
    rq = result.relative.set_index(["sample", "target"])["rq"]
    assert rq[("s2", "TNF")] == 2.0 and rq[("s2", "IL6")] == 0.5 and rq[("s1", "TNF")] == 1.0
    only_refs = read_text_table("sample,gene,ct\ns1,GAPDH,20\n")
    with pytest.raises(QpcrError, match='targets = "all"'):
        run_qpcr(only_refs, spec)


def test_an_efficiency_for_a_misspelt_gene_is_refused_under_all_targets():
    """With targets = "all" the spec cannot check efficiency names; 0.2 ignored 'TNFa' silently."""
    raw = read_text_table(BASE + "a1,a,vehicle,TNF,30\na1,a,vehicle,GAPDH,20\na2,a,ATP,TNF,28\na2,a,ATP,GAPDH,20\n")
    spec = parse_qpcr_spec({**SPEC, "targets": "all", "efficiency": {"TNFa": 1.9}})
    with pytest.raises(QpcrError, match=r"efficiency is given for 'TNFa', which is no gene of the Ct table"):
        run_qpcr(raw, spec)
    ok = parse_qpcr_spec({**SPEC, "targets": "all", "efficiency": {"TNF": 1.9}})
    assert run_qpcr(raw, ok).per_subject.shape[0] == 1


def test_a_well_recorded_twice_is_refused_not_averaged_as_two_replicates():
    """0.2 numbered the rows of one sample and gene 1, 2 and averaged a well exported twice."""
    rows = "A1,a1,a,vehicle,TNF,30\nA2,a1,a,vehicle,GAPDH,20\nA3,a2,a,ATP,TNF,28\nA4,a2,a,ATP,GAPDH,20\n"
    table = "Well," + BASE + rows
    twice = table + "A01,a1,a,vehicle,TNF,31\n"  # 'A01' is well A1 again (normalised as the plate writes it)
    with pytest.raises(QpcrError, match=r"well 'A1' appears 2 times \(rows 2, 6; 2 rows share a well in all\)"):
        run_qpcr(read_text_table(twice), parse_qpcr_spec(SPEC))
    two_plates = "Plate,Well," + BASE + "".join(f"1,{r}\n" for r in rows.splitlines()) + "2,A01,a1,a,vehicle,TNF,31\n"
    result = run_qpcr(read_text_table(two_plates), parse_qpcr_spec({**SPEC, "plate": "Plate"}))
    assert result.per_subject.shape[0] == 1  # the same well on another plate is another well
    assert run_qpcr(read_text_table(table), parse_qpcr_spec(SPEC)).per_subject.shape[0] == 1


def test_a_calibrator_sample_name_shared_by_several_subjects_is_refused():
    """0.2 took the first subject's 'cal' wells as every subject's calibrator."""
    rows = "".join(
        f"{s},{subj},vehicle,{g},{ct}\n"
        for s, subj in (("cal", "a"), ("cal", "b"), ("a2", "a"), ("b2", "b"))
        for g, ct in (("TNF", 30), ("GAPDH", 20))
    )
    spec = parse_qpcr_spec(
        {**{k: v for k, v in SPEC.items() if k != "calibrator_condition"}, "calibrator_sample": "cal"}
    )
    with pytest.raises(
        QpcrError, match=r"calibrator_sample 'cal' names 2 samples \(subject 'a' \(vehicle\), subject 'b'"
    ):
        run_qpcr(read_text_table(BASE + rows), spec)
