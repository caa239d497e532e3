"""Reading Ct values: undetermined wells set aside, replicates summarised and flagged."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..data.table import RawTable, cell_text
from ..errors import did_you_mean
from ..spec.qpcr import QpcrError, QpcrSpec

UNDETERMINED_TEXT = re.compile(r"^(undet\w*|no\s*ct|n/?a|nan|none|-+|—|na|not\s+detected|nd|n\.d\.)$", re.I)


EXCLUSION_COLUMNS = ["sample", "subject", "gene", "replicate", "value", "reason", "message"]


def normalise_well(well: str) -> str:
    """``"a01"`` → ``"A1"``: plate coordinates compared the same way whatever the software wrote.

    Examples
    --------
    >>> [normalise_well(w) for w in ("A01", "b7", " P24 ", "12")]
    ['A1', 'B7', 'P24', '12']
    """
    m = re.fullmatch(r"\s*([A-Za-z]{1,2})\s*0*(\d+)\s*", str(well))
    return f"{m.group(1).upper()}{int(m.group(2))}" if m else str(well).strip()


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
    # without a subject column each sample is its own subject; without a condition column there is
    # one condition (only a within-subject calibrator_condition needs one)
    own_subject = spec.subject == "subject" and "subject" not in f.columns
    one_condition = spec.condition == "condition" and "condition" not in f.columns and not spec.calibrator_condition
    needed = [spec.sample, spec.gene, spec.ct] + [c for c in (spec.replicate, spec.plate, spec.group) if c]
    needed += [] if own_subject else [spec.subject]
    needed += [] if one_condition else [spec.condition]
    missing = [c for c in needed if c not in f.columns]
    if missing:
        raise QpcrError(
            f"{raw.source}: the Ct table has no column(s) "
            + ", ".join(f"'{c}'{did_you_mean(c, f.columns)}" for c in missing)
            + f". Columns: {', '.join(map(str, f.columns))}."
        )

    def text(column: str) -> pd.Series:
        return f[column].map(cell_text)

    wells = pd.DataFrame(
        {
            "sample": text(spec.sample),
            "subject": text(spec.sample if own_subject else spec.subject),
            "condition": "" if one_condition else text(spec.condition),
            "gene": text(spec.gene),
        }
    )
    wells["replicate"] = (
        text(spec.replicate) if spec.replicate else (wells.groupby(["sample", "gene"]).cumcount() + 1).astype(str)
    )
    wells["plate"] = text(spec.plate) if spec.plate else ""
    wells["group"] = text(spec.group) if spec.group else ""
    ct_text = f[spec.ct].map(lambda v: "" if v is None else str(v).strip())
    ct_text = ct_text.str.replace(",", ".", regex=False) if raw.decimal_comma_allowed else ct_text
    numbers = pd.to_numeric(ct_text, errors="coerce")
    undetermined = numbers.isna() & (ct_text.eq("") | ct_text.str.match(UNDETERMINED_TEXT))
    bad = numbers.isna() & ~undetermined
    if bad.any():
        rows = [
            f"sample '{wells['sample'][i]}', gene '{wells['gene'][i]}': '{ct_text[i]}'"
            for i in np.flatnonzero(bad.to_numpy())[:10]
        ]
        raise QpcrError(
            f"{raw.source}: Ct is not a number and not an 'Undetermined' marker in "
            f"{int(bad.sum())} well(s): " + "; ".join(rows) + "."
        )
    above = numbers > spec.undetermined_above
    # Ct 0 (some instruments' "no Ct"), negative or infinite: not a cycle number; the well is left out
    impossible = numbers.notna() & ~(np.isfinite(numbers) & (numbers > 0))
    above &= ~impossible
    wells["ct"] = numbers.where(~above & ~impossible)
    _refuse_inconsistent_wells(wells, raw, spec)
    ex = []
    for i in np.flatnonzero((undetermined | above | impossible).to_numpy()).tolist():
        w = wells.iloc[i]
        if undetermined.iloc[i]:
            reason, what = "undetermined", f"'{ct_text.iloc[i] or '(blank)'}' (no amplification)"
        elif impossible.iloc[i]:
            reason, what = "invalid-ct", f"Ct '{ct_text.iloc[i]}' is not a cycle number (it must be above 0)"
        else:
            reason, what = "above-cutoff", f"Ct {numbers.iloc[i]:g} is above the cut-off {spec.undetermined_above:g}"
        where = f"sample '{w['sample']}', gene '{w['gene']}', replicate {w['replicate']}"
        msg = f"{where}: {what}; the well is left out of the mean"
        ex.append(
            dict(
                sample=w["sample"],
                subject=w["subject"],
                gene=w["gene"],
                replicate=w["replicate"],
                value=ct_text.iloc[i],
                reason=reason,
                message=msg,
            )
        )
    return wells, pd.DataFrame(ex, columns=EXCLUSION_COLUMNS)


WELL_COLUMNS = ("well", "well_id", "well id", "well position", "well_position", "pos")
"""Names of a well-position column (any capitals); a well appears once per plate."""


def _refuse_inconsistent_wells(wells: pd.DataFrame, raw: RawTable, spec: QpcrSpec) -> None:
    """Refuse a Ct table whose wells cannot be told apart or do not fit the spec: a well recorded
    twice, an empty sample/subject/gene cell, a gene or calibrator the table lacks, a sample
    without every gene, a calibrator sample name that names several samples."""
    well_column = next((c for c in raw.frame.columns if str(c).strip().lower() in WELL_COLUMNS), None)
    if well_column is not None:
        ids = raw.frame[well_column].map(cell_text).map(normalise_well)
        # the spec's plate column, else the plate an instrument export names ('plate', see qpcr.instruments)
        plates = wells["plate"] if spec.plate or "plate" not in raw.frame.columns else raw.frame["plate"].map(cell_text)
        repeated = pd.DataFrame({"plate": plates, "well": ids}).duplicated(keep=False) & ids.ne("")
        if repeated.any():
            first = ids[repeated].iloc[0]
            rows = [str(i + raw.first_data_row) for i in np.flatnonzero((ids == first) & repeated)[:3]]
            raise QpcrError(
                f"{raw.source}: well '{first}' appears {len(rows)} times (rows {', '.join(rows)}; "
                f"{int(repeated.sum())} rows share a well in all): a file exported twice, or several plates in one "
                'file. Remove the repeated rows, or name the plate column in [qpcr] (plate = "Plate").'
            )
    dup = wells.duplicated(["sample", "gene", "replicate", "plate"], keep=False)
    if dup.any():
        d = wells[dup].iloc[0]
        raise QpcrError(
            f"{raw.source}: well recorded twice: sample '{d['sample']}', gene '{d['gene']}', "
            f"replicate '{d['replicate']}' ({int(dup.sum())} duplicated rows in all); "
            "remove the duplicate or give a replicate column."
        )
    for col in ("sample", "subject", "gene") + (("condition",) if spec.calibrator_condition else ()):
        if wells[col].eq("").any():
            i = int(np.flatnonzero(wells[col].eq("").to_numpy())[0])
            raise QpcrError(f"{raw.source}: row {i + raw.first_data_row} has an empty '{col}' cell.")
    genes = set(wells["gene"])
    for g in spec.targets + spec.references:
        if g not in genes:
            raise QpcrError(
                f"{raw.source}: gene '{g}' named in [qpcr] is not in the Ct table."
                + did_you_mean(g, genes)
                + f" Genes found: {', '.join(sorted(genes))}."
            )
    per_sample = wells.groupby("sample")["gene"].agg(set)
    for sample, have in per_sample.items():
        lacking = [g for g in spec.references + spec.targets if g not in have]
        if lacking:
            raise QpcrError(
                f"{raw.source}: sample '{sample}' has no well for gene(s) "
                f"{', '.join(lacking)}; every sample needs every target and reference gene."
            )
    conditions = set(wells["condition"])
    if spec.calibrator_condition is not None and spec.calibrator_condition not in conditions:
        raise QpcrError(
            f"{raw.source}: calibrator_condition '{spec.calibrator_condition}' is not a condition of the Ct table."
            + did_you_mean(spec.calibrator_condition, conditions)
            + f" Conditions found: {', '.join(sorted(conditions))}."
        )
    if spec.calibrator_sample is not None and spec.calibrator_sample not in set(wells["sample"]):
        raise QpcrError(
            f"{raw.source}: calibrator_sample '{spec.calibrator_sample}' is not a sample of the Ct table."
            + did_you_mean(spec.calibrator_sample, set(wells["sample"]))
        )
    if spec.calibrator_sample is not None:
        cal = wells[wells["sample"] == spec.calibrator_sample]
        owners = sorted(set(zip(cal["subject"], cal["condition"])))
        if len(owners) > 1:
            shown = ", ".join(f"subject '{s}'" + (f" ({c})" if c else "") for s, c in owners[:4])
            raise QpcrError(
                f"{raw.source}: calibrator_sample '{spec.calibrator_sample}' names {len(owners)} samples ({shown}"
                f"{', ...' if len(owners) > 4 else ''}); a calibrator must be one sample. Name them apart in the Ct "
                "table, or use calibrator_condition for each subject's own calibrator."
            )


def summarise_replicates(wells: pd.DataFrame, sd_max: float = 0.5, how: str = "mean") -> pd.DataFrame:
    """Mean (or median) Ct, SD (n − 1) and well counts per sample and gene; flags noisy replicate sets.

    ``how = "median"`` summarises technical replicates by their median (as tidyqpcr does);
    the column keeps its name ``ct_mean`` (the summary Ct used downstream).

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
    out = g.agg(ct_mean=how, ct_sd="std", n_wells="count").reset_index()
    out["n_undetermined"] = g.apply(lambda s: int(s.isna().sum())).to_numpy()
    out["sd_flag"] = out["ct_sd"] > sd_max
    # the well farthest from the median of its set: the one to look at
    dev = wells.assign(_med=wells.groupby(keys, sort=False)["ct"].transform("median"))
    dev["_dev"] = (dev["ct"] - dev["_med"]).abs()
    far = dev.dropna(subset=["_dev"]).sort_values("_dev", ascending=False).drop_duplicates(keys)
    out = out.merge(far[keys + ["replicate"]].rename(columns={"replicate": "outlier_replicate"}), on=keys, how="left")
    out.loc[~out["sd_flag"], "outlier_replicate"] = ""
    out["outlier_replicate"] = out["outlier_replicate"].fillna("")
    return out
