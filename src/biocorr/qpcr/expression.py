"""Relative expression: efficiency-weighted ΔCt, ΔΔCt and RQ per subject; standard curves."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from ..data.table import RawTable
from ..errors import did_you_mean
from ..spec.qpcr import QpcrError, QpcrSpec
from .ct_table import parse_ct_table, summarise_replicates
from .instrument_check import compare_with_instrument
from .instruments import InstrumentExport


def relative_expression(summary: pd.DataFrame, spec: QpcrSpec) -> tuple[pd.DataFrame, pd.DataFrame]:
    """ΔCt per sample and ΔΔCt / RQ per contrast (see the module docstring).

    Returns
    -------
    long : DataFrame
        ``sample, subject, group, condition, target, contrast, calibrator, ct_target,
        ct_reference, dct, dct_sd, ddct, log2_rq, rq, rq_low, rq_high, method, note``.
    notes : DataFrame
        Samples or subjects that could not be quantified, with the reason.
    """
    keys = ["sample", "subject", "condition", "group"]
    wide = summary.set_index(keys + ["gene"])[["ct_mean", "ct_sd"]].unstack("gene").reset_index()
    log2e = {g: np.log2(spec.e(g)) for g in spec.targets + spec.references}
    ref_w = np.column_stack([log2e[r] * wide[("ct_mean", r)].to_numpy(float) for r in spec.references])
    ref_sd = np.column_stack([log2e[r] * wide[("ct_sd", r)].fillna(0).to_numpy(float) for r in spec.references])
    k = len(spec.references)
    ref_mean = ref_w.mean(axis=1)
    ref_var = (ref_sd**2).sum(axis=1) / k**2
    notes = []
    rows = []
    all_two = all(abs(spec.e(g) - 2.0) < 1e-12 for g in spec.targets + spec.references)
    method = "Livak 2^-ΔΔCt" if all_two else "Pfaffl efficiency-corrected ratio"
    for t in spec.targets:
        ct_t = wide[("ct_mean", t)].to_numpy(float)
        dct = log2e[t] * ct_t - ref_mean
        dct_sd = np.sqrt((log2e[t] * wide[("ct_sd", t)].fillna(0).to_numpy(float)) ** 2 + ref_var)
        base = pd.DataFrame(
            {
                "sample": wide["sample"],
                "subject": wide["subject"],
                "group": wide["group"],
                "condition": wide["condition"],
                "target": t,
                "ct_target": ct_t,
                "ct_reference": np.column_stack([wide[("ct_mean", r)].to_numpy(float) for r in spec.references]).mean(
                    axis=1
                ),
                "dct": dct,
                "dct_sd": dct_sd,
            }
        )
        for i in np.flatnonzero(np.isnan(dct)):
            notes.append(
                dict(
                    sample=base["sample"][i],
                    subject=base["subject"][i],
                    gene=t,
                    reason="not-quantified",
                    message=f"sample '{base['sample'][i]}': {t} or a reference gene has no "
                    "determined well, so ΔCt is undefined",
                )
            )
        if spec.calibrator_condition is not None:
            rows.append(_within_subject(base, spec, method, notes, t))
        if spec.calibrator_sample is not None:
            cal = base[base["sample"] == spec.calibrator_sample].iloc[0]
            m = base.assign(dct_cal=cal["dct"], dct_sd_cal=cal["dct_sd"], sample_cal=spec.calibrator_sample)
            contrast = m["condition"].where(m["condition"].eq(""), m["condition"] + "_") + "vs_" + m["sample_cal"]
            rows.append(_contrast_rows(m, contrast, f"sample {spec.calibrator_sample}", method))
        if spec.calibrator_group:
            grp = base[base["group"] == spec.calibrator_group].groupby("condition")["dct"].mean()
            if grp.empty:
                raise QpcrError(
                    f"calibrator_group '{spec.calibrator_group}' has no samples "
                    f"(groups: {', '.join(sorted(set(base['group'])))})."
                )
            g = base.assign(dct_cal=base["condition"].map(grp), dct_sd_cal=0.0, sample_cal="")
            rows.append(
                _contrast_rows(
                    g, g["condition"] + "_vs_" + spec.calibrator_group, f"mean of group {spec.calibrator_group}", method
                )
            )
    long = pd.concat(rows, ignore_index=True)
    return long, pd.DataFrame(notes, columns=["sample", "subject", "gene", "reason", "message"])


def _within_subject(base: pd.DataFrame, spec: QpcrSpec, method: str, notes: list, t: str) -> pd.DataFrame:
    """Each subject's conditions against the same subject's calibrator condition."""
    cal = base[base["condition"] == spec.calibrator_condition].set_index("subject")
    for subj in sorted(set(base["subject"]) - set(cal.index)):
        notes.append(
            dict(
                sample="",
                subject=subj,
                gene=t,
                reason="no-calibrator",
                message=f"subject '{subj}' has no '{spec.calibrator_condition}' sample, so "
                "no within-subject ratio can be formed",
            )
        )
    others = base[base["condition"] != spec.calibrator_condition]
    for subj in sorted(set(cal.index) - set(others["subject"])):
        notes.append(
            dict(
                sample="",
                subject=subj,
                gene=t,
                reason="one-condition",
                message=f"subject '{subj}' has only the calibrator condition "
                f"'{spec.calibrator_condition}'; no ratio can be formed",
            )
        )
    if cal.index.duplicated().any():
        d = cal.index[cal.index.duplicated()][0]
        raise QpcrError(
            f"subject '{d}' has more than one '{spec.calibrator_condition}' sample; "
            "give each its own subject id or average them first."
        )
    calibrator = str(spec.calibrator_condition)
    m = others.join(cal[["dct", "dct_sd", "sample"]].add_suffix("_cal"), on="subject")
    contrast = m["condition"] + "_vs_" + calibrator
    return _contrast_rows(m, contrast, calibrator + " (same subject)", method)


def _contrast_rows(m: pd.DataFrame, contrast: pd.Series, calibrator: str, method: str) -> pd.DataFrame:
    ddct = m["dct"] - m["dct_cal"]
    sd = np.sqrt(m["dct_sd"] ** 2 + m["dct_sd_cal"] ** 2)
    log2_rq = 0.0 - ddct  # (not -ddct: the calibrator's own ratio prints as 0, not -0)
    return pd.DataFrame(
        {
            "sample": m["sample"].to_numpy(),
            "subject": m["subject"].to_numpy(),
            "group": m["group"].to_numpy(),
            "condition": m["condition"].to_numpy(),
            "target": m["target"].to_numpy(),
            "contrast": contrast.to_numpy(),
            "calibrator": calibrator,
            "ct_target": m["ct_target"].to_numpy(),
            "ct_reference": m["ct_reference"].to_numpy(),
            "dct": m["dct"].to_numpy(),
            "dct_sd": m["dct_sd"].to_numpy(),
            "ddct": ddct.to_numpy(),
            "log2_rq": log2_rq.to_numpy(),
            "rq": np.exp2(log2_rq.to_numpy()),
            "rq_low": np.exp2((log2_rq - sd).to_numpy()),
            "rq_high": np.exp2((log2_rq + sd).to_numpy()),
            "method": method,
            "note": "",
        }
    )


def per_subject_table(long: pd.DataFrame, subjects: list[str]) -> pd.DataFrame:
    """One row per subject; ``<target>_<contrast>`` (linear RQ) and ``..._log2`` columns.

    Within-subject contrasts (vs the calibrator condition) and contrasts with a calibrator
    sample (``<target>_vs_<sample>``) are included; a group-mean calibrator is not (it is a
    between-subject quantity); subjects without a ratio keep their row, with NaN (the reason
    is in the notes).
    """
    within = long[long["calibrator"].str.endswith("(same subject)") | long["calibrator"].str.startswith("sample ")]
    subjects = sorted(set(subjects))
    if within.empty:
        return pd.DataFrame({"subject": subjects})
    within = within.assign(column=within["target"] + "_" + within["contrast"])
    lin = within.set_index(["subject", "column"])["rq"].unstack("column")
    log = within.set_index(["subject", "column"])["log2_rq"].unstack("column")
    log.columns = [f"{c}_log2" for c in log.columns]
    out = lin.join(log)
    out = out[sorted(out.columns, key=lambda c: (str(c).removesuffix("_log2"), str(c).endswith("_log2")))]
    out.columns.name = None
    return out.reindex(subjects).rename_axis("subject").reset_index()


@dataclass(frozen=True)
class QpcrResult:
    """Everything :func:`run_qpcr` produced.

    ``instrument`` holds an instrument export's format and header metadata (empty for a
    tidy table); ``instrument_check`` the comparison with the instrument's own results
    (:func:`biocorr.qpcr.instrument_check.compare_with_instrument`) and ``instrument_summary``
    its one-line summary.
    """

    wells: pd.DataFrame
    replicates: pd.DataFrame
    relative: pd.DataFrame
    per_subject: pd.DataFrame
    exclusions: pd.DataFrame
    notes: pd.DataFrame
    instrument: dict[str, str] = field(default_factory=dict)
    instrument_check: pd.DataFrame = field(default_factory=pd.DataFrame)
    instrument_summary: str = ""


def resolve_targets(spec: QpcrSpec, genes: list[str]) -> QpcrSpec:
    """``targets = "all"``: every gene of the table that is not a reference, in table order."""
    if not spec.all_targets:
        return spec
    unknown = [g for g in spec.efficiency if g not in set(genes)]
    if unknown:  # with explicit targets the spec checks this; with "all" only the table can
        raise QpcrError(
            f"efficiency is given for '{unknown[0]}', which is no gene of the Ct table."
            f"{did_you_mean(unknown[0], list(dict.fromkeys(genes)))} Correct the name in [qpcr] efficiency."
        )
    targets = tuple(dict.fromkeys(g for g in genes if g not in spec.references))
    if not targets:
        raise QpcrError('targets = "all": the Ct table has no gene besides the reference gene(s).')
    return replace(spec, targets=targets, all_targets=False)


def run_qpcr(raw: RawTable | InstrumentExport, spec: QpcrSpec) -> QpcrResult:
    """Ct export → replicate summary → relative expression → per-subject table.

    ``raw`` may be a tidy long table or an instrument export
    (:func:`biocorr.qpcr.instruments.read_ct_export`); for an export, wells the instrument
    omitted and control wells are excluded with their reason, and the results are compared
    with the instrument's own.

    Examples
    --------
    >>> from biocorr.data.read import read_text_table
    >>> raw = read_text_table(
    ...     "sample,subject,condition,gene,ct\\n"
    ...     "a1,a,vehicle,TNF,30\\na1,a,vehicle,GAPDH,20\\na2,a,ATP,TNF,28\\na2,a,ATP,GAPDH,20\\n")
    >>> from biocorr.spec.qpcr import parse_qpcr_spec
    >>> spec = parse_qpcr_spec({"targets": ["TNF"], "references": ["GAPDH"],
    ...                         "calibrator_condition": "vehicle"})
    >>> run_qpcr(raw, spec).per_subject.values.tolist()
    [['a', 4.0, 2.0]]
    """
    export = raw if isinstance(raw, InstrumentExport) else None
    if export is not None and export.wells.empty:
        raise QpcrError(
            f"{export.source}: this {export.format} export has no wells to analyse (its well table is empty)."
        )
    if export is not None and spec.gene == "gene" and export.wells["gene"].eq("").all():
        raise QpcrError(
            f"{export.source}: this {export.format} export does not name each well's gene; give a plate plan "
            "naming the wells (columns well, sample, gene): biocorr qpcr EXPORT --spec SPEC --plate-plan plan.csv"
        )
    table = raw.as_raw_table() if isinstance(raw, InstrumentExport) else raw
    wells, exclusions = parse_ct_table(table, spec)
    spec = resolve_targets(spec, list(wells["gene"]))
    replicates = summarise_replicates(wells, spec.replicate_sd_max, spec.replicate_summary)
    relative, notes = relative_expression(replicates, spec)
    extra: dict = {}
    if export is not None:
        exclusions = pd.concat([export.set_aside, exclusions], ignore_index=True)
        check, summary = compare_with_instrument(export, spec, replicates, relative)
        off = check[(check["quantity"] == "ct_mean") & (check["verdict"] == "differs")]
        mismatch = [
            dict(
                sample=r.sample,
                subject=r.sample,
                gene=r.gene,
                reason="instrument-mismatch",
                message=f"sample '{r.sample}', gene '{r.gene}': the Ct well(s) average {r.biocorr:.6g} but the "
                f"instrument's Ct mean is {r.instrument:.6g}; the file was edited or wells omitted after the "
                "instrument's analysis: check the wells before trusting either",
            )
            for r in off.itertuples()
        ]
        notes = pd.concat([notes, pd.DataFrame(mismatch, columns=notes.columns)], ignore_index=True)
        extra = dict(
            instrument={"format": export.format, **export.metadata}, instrument_check=check, instrument_summary=summary
        )
    return QpcrResult(
        wells=wells,
        replicates=replicates,
        relative=relative,
        per_subject=per_subject_table(relative, list(wells["subject"])),
        exclusions=exclusions,
        notes=notes,
        **extra,
    )
