"""From raw qPCR Ct values to per-subject relative expression, ready to correlate.

Pipeline (pure functions on DataFrames; :func:`run_qpcr` chains them):

1. :func:`parse_ct_table`: read Ct cells. "Undetermined", "No Ct", "N/A", blank
   and values above ``undetermined_above`` (default 40) are *undetermined*:
   reported in the exclusions, never read as numbers. Any other text, a
   duplicated well, or a sample lacking a reference gene is an error that
   names the sample and gene.
2. :func:`summarise_replicates`: mean Ct, SD and number of wells per sample and
   gene; replicate sets whose SD exceeds ``replicate_sd_max`` (0.5 cycles) are
   flagged with the well that deviates most (nothing is dropped).
3. :func:`relative_expression`: efficiency-weighted ΔCt per sample,
   ``dct = log2(E_t)·Ct_t − mean_r log2(E_r)·Ct_r``, which is the classic
   ΔCt when every E = 2 and, with several reference genes, is the log2 of the
   geometric mean of the reference quantities (Vandesompele et al. 2002).
   Per subject, every condition is contrasted with the calibrator condition:
   ``ΔΔCt = dct(condition) − dct(calibrator)`` and ``RQ = 2^−ΔΔCt``
   (Livak & Schmittgen 2001 when E = 2; Pfaffl 2001's efficiency-corrected
   ratio otherwise). Optionally every sample is also contrasted with the mean
   dct of a calibrator group (e.g. healthy controls) in the same condition.
   Replicate SDs are propagated to an RQ interval 2^(log2 RQ ± SD).
4. :func:`per_subject_table`: one row per subject, a column per target and
   contrast, ``<target>_<condition>_vs_<calibrator>`` (linear) and ``..._log2``.

:func:`standard_curve` estimates amplification efficiency per gene from a
dilution series (Ct on log10 quantity): E = 10^(−1/slope), with CI and R².

References
----------
Livak KJ, Schmittgen TD (2001). Analysis of relative gene expression data using
real-time quantitative PCR and the 2^−ΔΔCT method. *Methods* 25, 402-408.
Pfaffl MW (2001). A new mathematical model for relative quantification in
real-time RT-PCR. *Nucleic Acids Res* 29(9), e45.
Vandesompele J et al. (2002). Accurate normalization of real-time quantitative
RT-PCR data by geometric averaging of multiple internal control genes.
*Genome Biol* 3(7), research0034.
Ganger MT, Dietz GD, Ewing SJ (2017). A common base method for analysis of qPCR
data and the application of simple blocking in qPCR experiments. *BMC
Bioinformatics* 18, 534.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from .errors import BiocorrError, SpecError, did_you_mean
from .io import RawTable
from .validate import cell_text

UNDETERMINED_TEXT = re.compile(r"^(undet\w*|no\s*ct|n/?a|nan|none|-+|—|na|not\s+detected|nd|n\.d\.)$", re.I)
QPCR_KEYS = ("sample", "subject", "condition", "gene", "ct", "replicate", "plate", "group", "targets",
             "references", "efficiency", "calibrator_condition", "calibrator_group",
             "undetermined_above", "replicate_sd_max")
EXCLUSION_COLUMNS = ["sample", "subject", "gene", "replicate", "value", "reason", "message"]


class QpcrError(BiocorrError):
    """A Ct table that cannot be analysed as it is (the message names sample and gene)."""


@dataclass(frozen=True)
class QpcrSpec:
    """The ``[qpcr]`` section of a study spec (see the module docstring)."""

    targets: tuple[str, ...]
    references: tuple[str, ...]
    calibrator_condition: str | None = None
    sample: str = "sample"
    subject: str = "subject"
    condition: str = "condition"
    gene: str = "gene"
    ct: str = "ct"
    replicate: str | None = None
    plate: str | None = None
    group: str | None = None
    calibrator_group: str | None = None
    efficiency: dict[str, float] = field(default_factory=dict)
    undetermined_above: float = 40.0
    replicate_sd_max: float = 0.5

    def e(self, gene: str) -> float:
        """Amplification factor per cycle of a gene (2 = 100% efficiency)."""
        return float(self.efficiency.get(gene, 2.0))


def parse_qpcr_spec(table: dict[str, Any], where: str = "[qpcr]") -> QpcrSpec:
    """Validate a ``[qpcr]`` table.

    Examples
    --------
    >>> s = parse_qpcr_spec({"targets": ["TNF"], "references": ["GAPDH", "ACTB"],
    ...                      "calibrator_condition": "vehicle", "efficiency": {"TNF": 1.95}})
    >>> s.e("TNF"), s.e("ACTB")
    (1.95, 2.0)
    """
    for k in table:
        if k not in QPCR_KEYS:
            raise SpecError(f"{where}: unknown key '{k}'.{did_you_mean(k, QPCR_KEYS)}")
    for k in ("targets", "references"):
        if k not in table:
            raise SpecError(f"{where}: '{k}' is required (e.g. targets = [\"TNF\"], "
                            "references = [\"GAPDH\"], calibrator_condition = \"vehicle\").")
    if "calibrator_condition" not in table and "calibrator_group" not in table:
        raise SpecError(f"{where}: give calibrator_condition (within-subject ratio, e.g. \"vehicle\") "
                        "and/or calibrator_group (between-group ΔΔCt, e.g. \"control\").")
    targets = table["targets"] if isinstance(table["targets"], list) else [table["targets"]]
    refs = table["references"] if isinstance(table["references"], list) else [table["references"]]
    if not refs:
        raise SpecError(f"{where}: name at least one reference gene.")
    eff = {str(k): float(v) for k, v in dict(table.get("efficiency", {})).items()}
    for g, v in eff.items():
        if not 1.0 < v <= 2.2:
            raise SpecError(f"{where}: efficiency of '{g}' is {v:g}; give the amplification factor per "
                            "cycle, between 1 and 2.2 (2 = 100%; 1.95 = 95%).")
    opt = {k: table[k] for k in ("sample", "subject", "condition", "gene", "ct", "replicate", "plate",
                                 "group", "calibrator_group") if k in table}
    return QpcrSpec(targets=tuple(map(str, targets)), references=tuple(map(str, refs)),
                    calibrator_condition=(str(table["calibrator_condition"])
                                          if "calibrator_condition" in table else None), efficiency=eff,
                    undetermined_above=float(table.get("undetermined_above", 40.0)),
                    replicate_sd_max=float(table.get("replicate_sd_max", 0.5)), **opt)


def parse_ct_table(raw: RawTable, spec: QpcrSpec) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Parse Ct cells into numbers, setting aside undetermined wells.

    Returns
    -------
    wells : DataFrame
        ``sample, subject, condition, gene, replicate, plate, group, ct`` (ct NaN when
        undetermined), one row per well.
    exclusions : DataFrame
        Undetermined wells with the text found and why.
    """
    f = raw.frame
    needed = [spec.sample, spec.subject, spec.condition, spec.gene, spec.ct] + [
        c for c in (spec.replicate, spec.plate, spec.group) if c]
    missing = [c for c in needed if c not in f.columns]
    if missing:
        raise QpcrError(f"{raw.source}: the Ct table has no column(s) "
                        + ", ".join(f"'{c}'{did_you_mean(c, f.columns)}" for c in missing)
                        + f". Columns: {', '.join(map(str, f.columns))}.")
    def text(column: str) -> pd.Series:
        return f[column].map(cell_text)

    wells = pd.DataFrame({"sample": text(spec.sample), "subject": text(spec.subject),
                          "condition": text(spec.condition), "gene": text(spec.gene)})
    wells["replicate"] = text(spec.replicate) if spec.replicate else (
        wells.groupby(["sample", "gene"]).cumcount() + 1).astype(str)
    wells["plate"] = text(spec.plate) if spec.plate else ""
    wells["group"] = text(spec.group) if spec.group else ""
    ct_text = f[spec.ct].map(lambda v: "" if v is None else str(v).strip())
    ct_text = ct_text.str.replace(",", ".", regex=False) if raw.decimal_comma_allowed else ct_text
    numbers = pd.to_numeric(ct_text, errors="coerce")
    undetermined = numbers.isna() & (ct_text.eq("") | ct_text.str.match(UNDETERMINED_TEXT))
    bad = numbers.isna() & ~undetermined
    if bad.any():
        rows = [f"sample '{wells['sample'][i]}', gene '{wells['gene'][i]}': '{ct_text[i]}'"
                for i in np.flatnonzero(bad.to_numpy())[:10]]
        raise QpcrError(f"{raw.source}: Ct is not a number and not an 'Undetermined' marker in "
                        f"{int(bad.sum())} well(s): " + "; ".join(rows) + ".")
    above = numbers > spec.undetermined_above
    wells["ct"] = numbers.where(~above)
    dup = wells.duplicated(["sample", "gene", "replicate", "plate"], keep=False)
    if dup.any():
        d = wells[dup].iloc[0]
        raise QpcrError(f"{raw.source}: well recorded twice: sample '{d['sample']}', gene '{d['gene']}', "
                        f"replicate '{d['replicate']}' ({int(dup.sum())} duplicated rows in all); "
                        "remove the duplicate or give a replicate column.")
    for col in ("sample", "subject", "condition", "gene"):
        if wells[col].eq("").any():
            i = int(np.flatnonzero(wells[col].eq("").to_numpy())[0])
            raise QpcrError(f"{raw.source}: row {i + raw.header_row + 1} has an empty '{col}' cell.")
    genes = set(wells["gene"])
    for g in spec.targets + spec.references:
        if g not in genes:
            raise QpcrError(f"{raw.source}: gene '{g}' named in [qpcr] is not in the Ct table."
                            + did_you_mean(g, genes) + f" Genes found: {', '.join(sorted(genes))}.")
    per_sample = wells.groupby("sample")["gene"].agg(set)
    for sample, have in per_sample.items():
        lacking = [g for g in spec.references + spec.targets if g not in have]
        if lacking:
            raise QpcrError(f"{raw.source}: sample '{sample}' has no well for gene(s) "
                            f"{', '.join(lacking)}; every sample needs every target and reference gene.")
    ex = []
    for i in np.flatnonzero((undetermined | above).to_numpy()):
        w = wells.iloc[i]
        reason = "undetermined" if undetermined.iloc[i] else "above-cutoff"
        msg = (f"sample '{w['sample']}', gene '{w['gene']}', replicate {w['replicate']}: "
               + (f"'{ct_text.iloc[i] or '(blank)'}' (no amplification)" if reason == "undetermined" else
                  f"Ct {numbers.iloc[i]:g} is above the cut-off {spec.undetermined_above:g}")
               + "; the well is left out of the mean")
        ex.append(dict(sample=w["sample"], subject=w["subject"], gene=w["gene"], replicate=w["replicate"],
                       value=ct_text.iloc[i], reason=reason, message=msg))
    return wells, pd.DataFrame(ex, columns=EXCLUSION_COLUMNS)


def summarise_replicates(wells: pd.DataFrame, sd_max: float = 0.5) -> pd.DataFrame:
    """Mean Ct, SD (n − 1) and well counts per sample and gene; flags noisy replicate sets.

    Columns: ``sample, subject, condition, group, gene, ct_mean, ct_sd, n_wells,
    n_undetermined, sd_flag, outlier_replicate``.

    Examples
    --------
    >>> w = pd.DataFrame({"sample": ["s"] * 3, "subject": ["a"] * 3, "condition": ["v"] * 3,
    ...                   "group": [""] * 3, "gene": ["TNF"] * 3, "replicate": ["1", "2", "3"],
    ...                   "ct": [25.0, 25.1, 26.4]})
    >>> summarise_replicates(w)[["ct_mean", "sd_flag", "outlier_replicate"]].values.tolist()
    [[25.5, True, '3']]
    """
    keys = ["sample", "subject", "condition", "group", "gene"]
    g = wells.groupby(keys, sort=False)["ct"]
    out = g.agg(ct_mean="mean", ct_sd="std", n_wells="count").reset_index()
    out["n_undetermined"] = g.apply(lambda s: int(s.isna().sum())).to_numpy()
    out["sd_flag"] = out["ct_sd"] > sd_max
    # the well farthest from the median of its set: the one to look at
    dev = wells.assign(_med=wells.groupby(keys, sort=False)["ct"].transform("median"))
    dev["_dev"] = (dev["ct"] - dev["_med"]).abs()
    far = dev.dropna(subset=["_dev"]).sort_values("_dev", ascending=False).drop_duplicates(keys)
    out = out.merge(far[keys + ["replicate"]].rename(columns={"replicate": "outlier_replicate"}),
                    on=keys, how="left")
    out.loc[~out["sd_flag"], "outlier_replicate"] = ""
    out["outlier_replicate"] = out["outlier_replicate"].fillna("")
    return out


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
        base = pd.DataFrame({"sample": wide["sample"], "subject": wide["subject"], "group": wide["group"],
                             "condition": wide["condition"], "target": t, "ct_target": ct_t,
                             "ct_reference": np.column_stack([wide[("ct_mean", r)].to_numpy(float)
                                                              for r in spec.references]).mean(axis=1),
                             "dct": dct, "dct_sd": dct_sd})
        for i in np.flatnonzero(np.isnan(dct)):
            notes.append(dict(sample=base["sample"][i], subject=base["subject"][i], gene=t,
                              reason="not-quantified",
                              message=f"sample '{base['sample'][i]}': {t} or a reference gene has no "
                                      "determined well, so ΔCt is undefined"))
        if spec.calibrator_condition is not None:
            rows.append(_within_subject(base, spec, method, notes, t))
        if spec.calibrator_group:
            grp = base[base["group"] == spec.calibrator_group].groupby("condition")["dct"].mean()
            if grp.empty:
                raise QpcrError(f"calibrator_group '{spec.calibrator_group}' has no samples "
                                f"(groups: {', '.join(sorted(set(base['group'])))}).")
            g = base.assign(dct_cal=base["condition"].map(grp), dct_sd_cal=0.0, sample_cal="")
            rows.append(_contrast_rows(g, g["condition"] + "_vs_" + spec.calibrator_group,
                                       f"mean of group {spec.calibrator_group}", method))
    long = pd.concat(rows, ignore_index=True)
    return long, pd.DataFrame(notes, columns=["sample", "subject", "gene", "reason", "message"])


def _within_subject(base: pd.DataFrame, spec: QpcrSpec, method: str, notes: list, t: str) -> pd.DataFrame:
    """Each subject's conditions against the same subject's calibrator condition."""
    cal = base[base["condition"] == spec.calibrator_condition].set_index("subject")
    for subj in sorted(set(base["subject"]) - set(cal.index)):
        notes.append(dict(sample="", subject=subj, gene=t, reason="no-calibrator",
                          message=f"subject '{subj}' has no '{spec.calibrator_condition}' sample, so "
                                  "no within-subject ratio can be formed"))
    others = base[base["condition"] != spec.calibrator_condition]
    for subj in sorted(set(cal.index) - set(others["subject"])):
        notes.append(dict(sample="", subject=subj, gene=t, reason="one-condition",
                          message=f"subject '{subj}' has only the calibrator condition "
                                  f"'{spec.calibrator_condition}'; no ratio can be formed"))
    if cal.index.duplicated().any():
        d = cal.index[cal.index.duplicated()][0]
        raise QpcrError(f"subject '{d}' has more than one '{spec.calibrator_condition}' sample; "
                        "give each its own subject id or average them first.")
    m = others.join(cal[["dct", "dct_sd", "sample"]].add_suffix("_cal"), on="subject")
    contrast = m["condition"] + "_vs_" + spec.calibrator_condition
    return _contrast_rows(m, contrast, spec.calibrator_condition + " (same subject)", method)


def _contrast_rows(m: pd.DataFrame, contrast: pd.Series, calibrator: str, method: str) -> pd.DataFrame:
    ddct = m["dct"] - m["dct_cal"]
    sd = np.sqrt(m["dct_sd"] ** 2 + m["dct_sd_cal"] ** 2)
    log2_rq = -ddct
    return pd.DataFrame({
        "sample": m["sample"].to_numpy(), "subject": m["subject"].to_numpy(), "group": m["group"].to_numpy(),
        "condition": m["condition"].to_numpy(), "target": m["target"].to_numpy(),
        "contrast": contrast.to_numpy(), "calibrator": calibrator,
        "ct_target": m["ct_target"].to_numpy(), "ct_reference": m["ct_reference"].to_numpy(),
        "dct": m["dct"].to_numpy(), "dct_sd": m["dct_sd"].to_numpy(), "ddct": ddct.to_numpy(),
        "log2_rq": log2_rq.to_numpy(), "rq": np.exp2(log2_rq).to_numpy(),
        "rq_low": np.exp2(log2_rq - sd).to_numpy(), "rq_high": np.exp2(log2_rq + sd).to_numpy(),
        "method": method, "note": "",
    })


def per_subject_table(long: pd.DataFrame, subjects: list[str]) -> pd.DataFrame:
    """One row per subject; ``<target>_<contrast>`` (linear RQ) and ``..._log2`` columns.

    Only within-subject contrasts (vs the calibrator condition) are included;
    subjects without a ratio keep their row, with NaN (the reason is in the notes).
    """
    within = long[long["calibrator"].str.endswith("(same subject)")]
    subjects = sorted(set(subjects))
    if within.empty:
        return pd.DataFrame({"subject": subjects})
    within = within.assign(column=within["target"] + "_" + within["contrast"])
    lin = within.set_index(["subject", "column"])["rq"].unstack("column")
    log = within.set_index(["subject", "column"])["log2_rq"].unstack("column")
    log.columns = [f"{c}_log2" for c in log.columns]
    out = lin.join(log)
    out = out[sorted(out.columns, key=lambda c: (c.removesuffix("_log2"), c.endswith("_log2")))]
    out.columns.name = None
    return out.reindex(subjects).rename_axis("subject").reset_index()


@dataclass(frozen=True)
class QpcrResult:
    """Everything :func:`run_qpcr` produced."""

    wells: pd.DataFrame
    replicates: pd.DataFrame
    relative: pd.DataFrame
    per_subject: pd.DataFrame
    exclusions: pd.DataFrame
    notes: pd.DataFrame


def run_qpcr(raw: RawTable, spec: QpcrSpec) -> QpcrResult:
    """Ct export → replicate summary → relative expression → per-subject table.

    Examples
    --------
    >>> from biocorr.io import read_text_table
    >>> raw = read_text_table(
    ...     "sample,subject,condition,gene,ct\\n"
    ...     "a1,a,vehicle,TNF,30\\na1,a,vehicle,GAPDH,20\\na2,a,ATP,TNF,28\\na2,a,ATP,GAPDH,20\\n")
    >>> spec = parse_qpcr_spec({"targets": ["TNF"], "references": ["GAPDH"],
    ...                         "calibrator_condition": "vehicle"})
    >>> run_qpcr(raw, spec).per_subject.values.tolist()
    [['a', 4.0, 2.0]]
    """
    wells, exclusions = parse_ct_table(raw, spec)
    replicates = summarise_replicates(wells, spec.replicate_sd_max)
    relative, notes = relative_expression(replicates, spec)
    return QpcrResult(wells=wells, replicates=replicates, relative=relative,
                      per_subject=per_subject_table(relative, list(wells["subject"])),
                      exclusions=exclusions, notes=notes)


def standard_curve(data: pd.DataFrame, gene: str = "gene", quantity: str = "quantity", ct: str = "ct",
                   confidence: float = 0.95) -> pd.DataFrame:
    """Amplification efficiency per gene from a dilution series.

    Regresses Ct on log10(quantity) per gene: E = 10^(−1/slope) (2 = 100%), its CI
    from the slope's t interval, and R².

    Returns
    -------
    DataFrame
        ``gene, n, slope, intercept, r2, efficiency, efficiency_percent,
        efficiency_ci_low, efficiency_ci_high``.

    References
    ----------
    Pfaffl MW (2001), *Nucleic Acids Res* 29, e45 (E = 10^(−1/slope)).

    Examples
    --------
    >>> d = pd.DataFrame({"gene": ["g"] * 4, "quantity": [1, 10, 100, 1000],
    ...                   "ct": [30.0, 26.68, 23.36, 20.04]})
    >>> round(standard_curve(d)["efficiency"].item(), 4)
    2.0008
    """
    rows = []
    for g, d in data.dropna(subset=[quantity, ct]).groupby(gene, sort=False):
        x = np.log10(d[quantity].to_numpy(float))
        y = d[ct].to_numpy(float)
        fit = stats.linregress(x, y)
        n = len(x)
        tcrit = stats.t.ppf((1 + confidence) / 2, n - 2) if n > 2 else np.nan
        s_lo, s_hi = fit.slope - tcrit * fit.stderr, fit.slope + tcrit * fit.stderr
        e = 10 ** (-1 / fit.slope)
        e_bounds = sorted([10 ** (-1 / s_lo), 10 ** (-1 / s_hi)]) if n > 2 else [np.nan, np.nan]
        rows.append(dict(gene=g, n=n, slope=fit.slope, intercept=fit.intercept, r2=fit.rvalue**2,
                         efficiency=e, efficiency_percent=(e - 1) * 100,
                         efficiency_ci_low=e_bounds[0], efficiency_ci_high=e_bounds[1]))
    return pd.DataFrame(rows)


def join_report(per_subject: pd.DataFrame, clinical_ids: list[str]) -> tuple[list[str], list[str]]:
    """Subjects only in the qPCR table, and subjects only in the clinical table."""
    q = set(per_subject["subject"].astype(str))
    c = set(map(str, clinical_ids))
    return sorted(q - c), sorted(c - q)


def write_qpcr_outputs(result: QpcrResult, out_dir: str | Path) -> dict[str, Path]:
    """Write relative_expression.csv, per_subject.csv, replicates.csv and qpcr_exclusions.csv."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    excl = pd.concat([result.exclusions.assign(scope="well"),
                      result.notes.assign(scope="sample/subject", replicate="", value="")],
                     ignore_index=True)[["scope", "sample", "subject", "gene", "replicate", "value",
                                         "reason", "message"]]
    files = {"relative_expression.csv": result.relative, "per_subject.csv": result.per_subject,
             "replicates.csv": result.replicates, "qpcr_exclusions.csv": excl}
    paths = {}
    for name, frame in files.items():
        frame.to_csv(out / name, index=False)
        paths[name] = out / name
    return paths


def merge_per_subject(raw: RawTable, per_subject: pd.DataFrame, id_column: str | None) -> tuple[RawTable, list[str], list[str]]:
    """Add the per-subject qPCR columns to a clinical table, matching subject ids.

    Returns the merged table and the ids found only in the qPCR table and only in
    the clinical table (both are reported to the user, neither is dropped silently).
    """
    if id_column is None:
        raise SpecError("joining qPCR results needs [data] id = \"...\" in the spec (the subject id column).")
    frame = raw.frame.copy()
    ids = frame[id_column].map(cell_text)
    clash = [c for c in per_subject.columns if c != "subject" and c in frame.columns]
    if clash:
        raise SpecError(f"{raw.source}: column(s) {', '.join(clash)} exist in the clinical table and would be "
                        "overwritten by the qPCR results; rename them.")
    ps = per_subject.set_index(per_subject["subject"].astype(str)).drop(columns="subject")
    for col in ps.columns:
        frame[col] = ids.map(ps[col]).astype(object).where(ids.isin(ps.index), "")
    only_qpcr, only_clinical = join_report(per_subject, list(ids))
    from dataclasses import replace

    return replace(raw, frame=frame), only_qpcr, only_clinical
