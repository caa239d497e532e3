"""init-spec --qpcr: the [qpcr] section drafted from a Ct table, and the biomarkers it produces."""

from __future__ import annotations

import tomllib

from biocorr.data.read import read_text_table
from biocorr.draft.qpcr import column_roles, draft_qpcr
from biocorr.spec.qpcr import parse_qpcr_spec


def _ct(genes=("GAPDH", "IL6"), conditions=("unstimulated", "LPS"), header="sample,subject,treatment,target,cq"):
    rows = [header]
    for s in ("A", "B", "C"):
        for c in conditions:
            for k, g in enumerate(genes):
                rows.append(f"{s}-{c},{s},{c},{g},{20 + 3 * k + (conditions.index(c) if k else 0) + 0.1 * ord(s):.2f}")
    return read_text_table("\n".join(rows) + "\n")


def test_columns_by_their_usual_names():
    assert column_roles(["Sample Name", "Donor", "Stimulus", "Detector", "Ct Mean", "Rep"]) == {
        "sample": "Sample Name", "subject": "Donor", "condition": "Stimulus", "gene": "Detector", "ct": "Ct Mean",
        "replicate": "Rep",
    }  # fmt: skip


def test_a_drafted_section_parses_and_names_the_join_columns():
    lines, biomarkers = draft_qpcr(_ct())
    section = tomllib.loads("\n".join(lines))["qpcr"]
    spec = parse_qpcr_spec(section, "[qpcr]")
    assert spec.references == ("GAPDH",) and section["targets"] == "all"
    assert section["calibrator_condition"] == "unstimulated" and section["condition"] == "treatment"
    assert biomarkers == [("IL6_LPS_vs_unstimulated_log2", "IL6 mRNA, LPS vs unstimulated", "log2 ratio")]


def test_what_cannot_be_drafted_is_a_comment_and_no_biomarker():
    lines, biomarkers = draft_qpcr(_ct(conditions=("LPS", "ATP")))
    assert biomarkers == [] and any("which condition is the baseline? conditions: LPS, ATP" in x for x in lines)
    lines, biomarkers = draft_qpcr(_ct(genes=("IL6", "TNF")))
    assert biomarkers == [] and any("no reference gene recognised" in x for x in lines)
    lines, biomarkers = draft_qpcr(_ct(header="sample,subject,treatment,marker,cq"))
    assert biomarkers == [] and any("no column found for: gene" in x for x in lines)


def test_gene_and_condition_names_cannot_inject_toml():
    rows = ["sample,subject,treatment,target,cq"] + [
        f'{s}{c},{s},"{cond}",{g},{20 + k + 0.1 * ord(s):.2f}'
        for s in "AB" for c, cond in enumerate(['LPS"\n[x]\nkey = 1', 'ATP']) for k, g in enumerate(['GAPDH', 'IL"6'])
    ]  # fmt: skip
    lines, biomarkers = draft_qpcr(read_text_table("\n".join(rows) + "\n"))
    assert biomarkers == []  # no calibrator condition among these
    assert list(tomllib.loads("\n".join(lines))) == ["qpcr"]  # parses: quotes and newlines stay inside
