"""biocorr's Ct means, ΔCt, ΔΔCt and RQ beside the instrument's own, to the digits it printed.

An instrument export (SDS, QuantStudio) carries the software's results next to each well.
When the spec uses the same endogenous control(s) and calibrator sample as the instrument,
every quantity biocorr computes is compared with the printed one. A value *agrees* when the
difference is within what the printed digits allow:

``tolerance = ½·10^−d(out) + k·½·10^−d(Ct) + k·4·10^−6``

where ``d(out)`` is the number of decimals printed for the instrument's value, ``d(Ct)`` the
median number of decimals of the file's Ct cells (the inputs biocorr sees are rounded too),
``k`` the number of Ct terms in the quantity (1 for a Ct mean, 2 for ΔCt, 4 for ΔΔCt) and
4·10^−6 the float32 resolution near Ct 40 (SDS stores single-precision numbers). For RQ the
ΔΔCt input tolerance is carried through ``RQ = 2^−ΔΔCt`` (× ln 2 · RQ).

A Ct mean that differs tells of wells edited or omitted after the instrument computed its
results; it becomes an ``instrument-mismatch`` note, never a silent choice between the two.

References
----------
Applied Biosystems (2007) *Relative Quantitation Using Comparative CT: Getting Started Guide*.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..spec.qpcr import QpcrSpec
from .instruments import InstrumentExport

CHECK_COLUMNS = ["sample", "gene", "quantity", "biocorr", "instrument", "difference", "tolerance", "verdict", "note"]
_TERMS = {"ct_mean": 1, "dct": 2, "ddct": 4}


def _decimals(text: str) -> int:
    t = str(text).strip().lower()
    if not t or "e" in t:
        return 6
    return len(t.split(".", 1)[1]) if "." in t else 0


def compare_with_instrument(
    export: InstrumentExport, spec: QpcrSpec, replicates: pd.DataFrame, relative: pd.DataFrame
) -> tuple[pd.DataFrame, str]:
    """Each sample × gene quantity beside the instrument's printed value.

    Parameters
    ----------
    export : InstrumentExport
    spec : QpcrSpec
        With ``calibrator_sample`` and ``references`` (compared only when they are the
        instrument's calibrator and endogenous controls; Ct means are always compared).
    replicates, relative : DataFrame
        From :func:`biocorr.qpcr.run_qpcr`.

    Returns
    -------
    (DataFrame, str)
        Columns ``sample, gene, quantity (ct_mean | dct | ddct | rq), biocorr, instrument,
        difference, tolerance, verdict (agrees | differs | not-quantified), note``, and a
        one-line summary (what was compared, or why ΔCt/RQ were not).

    Examples
    --------
    >>> from biocorr.qpcr.instruments import parse_instrument_text
    >>> from biocorr.qpcr import parse_qpcr_spec, run_qpcr
    >>> e = parse_instrument_text("Well\\tSample\\tDetector\\tTask\\tCt\\tCt Avg\\n"
    ...                           "1\\ts\\tTNF\\tTarget\\t30.5\\t30.5\\n"
    ...                           "2\\ts\\t18S\\tEndogenous Control\\t20.1\\t20.4\\n")
    >>> spec = parse_qpcr_spec({"targets": ["TNF"], "references": ["18S"], "calibrator_sample": "s"})
    >>> r = run_qpcr(e, spec)
    >>> r.instrument_check["verdict"].tolist()
    ['agrees', 'differs']
    """
    w = export.wells
    if "instrument_ct_mean" not in w.columns:
        return pd.DataFrame(columns=CHECK_COLUMNS), "the export carries no instrument results to compare with"
    ct_digits = float(np.median([_decimals(c) for c in w["ct"] if _looks_numeric(c)] or [6]))
    ct_half = 0.5 * 10.0**-ct_digits
    printed = w.drop_duplicates(["sample", "gene"]).set_index(["sample", "gene"])
    rows: list[dict] = []
    for sample, gene, value in zip(replicates["sample"], replicates["gene"], replicates["ct_mean"]):
        _add(rows, sample, gene, "ct_mean", value, printed, "instrument_ct_mean", ct_half)
    controls = set(export.endogenous_controls)
    same = (
        spec.calibrator_sample is not None
        and spec.calibrator_sample == export.calibrator
        and (not controls or controls == set(spec.references))
    )
    if not same:
        why = (
            f"ΔCt/ΔΔCt/RQ not compared: the instrument used calibrator '{export.calibrator}' and endogenous "
            f"control(s) {', '.join(sorted(controls)) or '(not stated)'}; set calibrator_sample and references "
            "to the same to compare"
        )
        return pd.DataFrame(rows, columns=CHECK_COLUMNS), why
    rel = relative[relative["calibrator"] == f"sample {spec.calibrator_sample}"]
    for quantity in ("dct", "ddct", "rq"):
        for sample, gene, value in zip(rel["sample"], rel["target"], rel[quantity].to_numpy(float)):
            _add(rows, sample, gene, quantity, value, printed, f"instrument_{quantity}", ct_half)
    table = pd.DataFrame(rows, columns=CHECK_COLUMNS)
    _explain(table, spec)
    n = int(table["verdict"].eq("agrees").sum())
    summary = f"{n} of {int(table['verdict'].ne('not-quantified').sum())} values agree with the instrument's"
    differs = table["verdict"].eq("differs")
    if differs.any():
        ct = int((differs & table["quantity"].eq("ct_mean")).sum())
        follow = int((differs & table["note"].str.startswith("follows")).sum())
        summary += f"; {int(differs.sum())} differ ({ct} Ct mean(s), {follow} value(s) computed from them)"
    return table, summary


def _explain(table: pd.DataFrame, spec: QpcrSpec) -> None:
    """A ΔCt/ΔΔCt/RQ that differs because a Ct mean it uses differs says so (in place)."""
    off = table[(table["quantity"] == "ct_mean") & (table["verdict"] == "differs")]
    bad = set(zip(off["sample"], off["gene"]))
    for i in table.index[(table["quantity"] != "ct_mean") & (table["verdict"] == "differs")]:
        sample, gene = str(table.at[i, "sample"]), str(table.at[i, "gene"])
        samples = [sample] + ([spec.calibrator_sample] if table.at[i, "quantity"] != "dct" else [])
        causes = sorted({(s, g) for s in samples for g in (gene, *spec.references)} & bad)
        if causes:
            table.at[i, "note"] = "follows from the Ct mean that differs: " + "; ".join(
                f"sample '{s}', gene '{g}'" for s, g in causes
            )


def _looks_numeric(text: str) -> bool:
    try:
        return math.isfinite(float(str(text)))
    except ValueError:
        return False


def _add(rows: list, sample, gene, quantity: str, ours: float, printed: pd.DataFrame, column: str, ct_half: float):
    if column not in printed.columns or (sample, gene) not in printed.index:
        return
    text = str(printed.at[(sample, gene), column]).strip()
    if not _looks_numeric(text):
        return  # the instrument printed nothing (e.g. RQ of an undetermined pair)
    theirs = float(text)
    out_half = 0.5 * 10.0 ** -_decimals(text)
    if quantity == "rq":
        tol = out_half + math.log(2) * abs(theirs) * 4 * (ct_half + 4e-6)
    else:
        tol = out_half + _TERMS[quantity] * (ct_half + 4e-6)
    if not math.isfinite(ours):
        verdict, note = "not-quantified", "an undetermined well: biocorr does not read it as a Ct (the instrument did)"
        diff = math.nan
    else:
        diff = ours - theirs
        verdict = "agrees" if abs(diff) <= tol else "differs"
        note = "" if verdict == "agrees" else "differs by more than the printed digits allow"
    rows.append(dict(sample=sample, gene=gene, quantity=quantity, biocorr=ours, instrument=theirs,
                     difference=diff, tolerance=tol, verdict=verdict, note=note))  # fmt: skip
