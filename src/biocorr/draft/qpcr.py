"""A draft ``[qpcr]`` section from a Ct table, and the per-subject biomarkers it will create.

``biocorr init-spec CLINICAL --qpcr CT`` drafts the clinical spec and this section together,
so the draft runs unedited with ``biocorr analyze CLINICAL --spec draft.toml --qpcr CT``:

- columns by their usual names (``sample``, ``subject``/``patient``/``donor``, ``condition``/
  ``treatment``/``stimulus``, ``gene``/``target``/``detector``, ``ct``/``cq``, ``replicate``);
- reference genes by name (GAPDH, ACTB, B2M, 18S, RPLP0, HPRT1, TBP, PPIA, YWHAZ, UBC, SDHA,
  GUSB, PGK1, HMBS, RPL13A, EEF1A1, TUBB; Vandesompele et al. 2002 and the MIQE guidelines,
  Bustin et al. 2009, list these as common candidates); every other gene is a target;
- the calibrator condition when exactly one condition is named like one (vehicle, control,
  unstimulated, untreated, baseline, medium, mock, basal, DMSO, PBS, saline);
- efficiencies left at 2 (100 %), said in a comment: a standard curve is the user's to give.

The section is then run on the Ct table (:func:`biocorr.qpcr.run_qpcr`), and each
``*_log2`` per-subject column it produces becomes a ``[[biomarker]]``: the names are the ones
the join will create, not guessed. Whatever cannot be drafted is a comment saying what to fill in.
"""

from __future__ import annotations

import re

import pandas as pd

from ..data.table import RawTable, cell_text
from ..errors import BiocorrError
from ..qpcr.expression import run_qpcr
from ..qpcr.instruments import InstrumentExport
from ..spec.qpcr import parse_qpcr_spec
from ..spec.toml_checks import toml_string as _quote

COLUMN_NAMES = {
    "sample": re.compile(r"^sample([ _.-]?(name|id))?$", re.I),
    "subject": re.compile(r"^(subject|patient|donor|participant|pid)([ _.-]?id)?$", re.I),
    "condition": re.compile(r"^(condition|treatment|treat|stim|stimulus|stimulation)$", re.I),
    "gene": re.compile(r"^(gene|target|target[ _.-]?name|detector|detector[ _.-]?name|assay)$", re.I),
    "ct": re.compile(r"^(ct|cq|c[tq][ _.-]?(value|mean)?|cт)$", re.I),
    "replicate": re.compile(r"^(rep|replicate|technical[ _.-]?replicate)$", re.I),
}
REFERENCE_GENES = re.compile(
    r"^(gapdh|actb|b2m|(rn|rrn)?18s|rplp0|hprt1?|tbp|ppia|ywhaz|ubc|sdha|gusb|pgk1|hmbs|rpl13a|eef1a1|tubb)$", re.I
)
CALIBRATOR_CONDITIONS = re.compile(
    r"^(vehicle|veh|control|ctrl|ctl|unstim\w*|non[ _-]?stim\w*|untreated|baseline|medium|media|mock|basal|dmso|"
    r"pbs|saline)$",
    re.I,
)


def _plain(text: str) -> str:
    """User text for a TOML comment: on one line."""
    return re.sub(r"[\x00-\x1f\x7f]+", " ", text)


def _table(ct: RawTable | InstrumentExport) -> pd.DataFrame:
    return ct.wells if isinstance(ct, InstrumentExport) else ct.frame


def column_roles(columns: list[str]) -> dict[str, str]:
    """The Ct table's column for each qPCR role, by its usual names.

    Examples
    --------
    >>> column_roles(["Well", "Sample Name", "Patient", "Treatment", "Target Name", "CT"])
    {'sample': 'Sample Name', 'subject': 'Patient', 'condition': 'Treatment', 'gene': 'Target Name', 'ct': 'CT'}
    """
    found: dict[str, str] = {}
    for role, pattern in COLUMN_NAMES.items():
        match = next((c for c in columns if pattern.match(str(c).strip())), None)
        if match is not None and match not in found.values():
            found[role] = match
    return found


def draft_qpcr(ct: RawTable | InstrumentExport) -> tuple[list[str], list[tuple[str, str, str]]]:
    """The ``[qpcr]`` lines of a draft spec, and the biomarkers (column, label, unit) it produces.

    Parameters
    ----------
    ct : RawTable or InstrumentExport
        From :func:`biocorr.qpcr.instruments.read_ct_export`.

    Returns
    -------
    (lines, biomarkers)
        TOML lines (comments mark every guess); no biomarkers when the section cannot be run.

    Examples
    --------
    >>> from biocorr.datasets import example_path
    >>> from biocorr.qpcr.instruments import read_ct_export
    >>> lines, biomarkers = draft_qpcr(read_ct_export(example_path("qpcr_demo") / "ct_export.csv"))
    >>> [b[0] for b in biomarkers], 'calibrator_condition = "vehicle"' in "\\n".join(lines)
    (['TNF_ATP_vs_vehicle_log2'], True)
    """
    frame = _table(ct)
    roles = column_roles([str(c) for c in frame.columns])
    lines = ["[qpcr]                # guess: drafted from the Ct table; check the genes and the calibrator"]
    table: dict[str, object] = {}
    for role in ("sample", "subject", "condition", "gene", "ct", "replicate"):
        if role in roles:
            table[role] = roles[role]
            lines.append(f"{role} = {_quote(roles[role])}")
    missing = [r for r in ("sample", "gene", "ct") if r not in roles]
    if missing:
        return lines + [f'# no column found for: {", ".join(missing)}; name them (e.g. gene = "Target Name")', ""], []
    genes = [g for g in dict.fromkeys(frame[roles["gene"]].map(cell_text)) if g]
    refs = [g for g in genes if REFERENCE_GENES.match(g)]
    conditions = (
        [c for c in dict.fromkeys(frame[roles["condition"]].map(cell_text)) if c] if "condition" in roles else []
    )
    calibrators = [c for c in conditions if CALIBRATOR_CONDITIONS.match(c)]
    lines.append(f"references = [{', '.join(_quote(g) for g in refs)}]    # guess: named like reference genes")
    lines.append('targets = "all"       # every gene that is not a reference: ' + _plain(", ".join(
        g for g in genes if g not in refs)))  # fmt: skip
    lines.append("# efficiency = { GENE = 1.95 }   # amplification per cycle; 2 (100 %) unless a standard curve says")
    if len(calibrators) == 1:
        table["calibrator_condition"] = calibrators[0]
        lines.append(f"calibrator_condition = {_quote(calibrators[0])}    # guess: the unstimulated condition")
    else:
        shown = _plain(", ".join(conditions)) if conditions else "none"
        lines.append(f'# calibrator_condition = "..."   # which condition is the baseline? conditions: {shown}')
    if not refs or "calibrator_condition" not in table:
        why = "no reference gene recognised" if not refs else "no calibrator condition recognised"
        return lines + [f"# {why}: fill it in, then name the per-subject ratio as the biomarker", ""], []
    table.update(references=refs, targets="all")
    try:
        per_subject = run_qpcr(ct, parse_qpcr_spec(table, "[qpcr]")).per_subject
    except BiocorrError as exc:
        return lines + [_plain(f"# the drafted section does not run yet: {exc}"), ""], []
    biomarkers = []
    for column in per_subject.columns:
        if column.endswith("_log2"):
            gene, _, contrast = column.removesuffix("_log2").partition("_")
            biomarkers.append((column, f"{gene} mRNA, {contrast.replace('_vs_', ' vs ')}", "log2 ratio"))
    return lines + [""], biomarkers
