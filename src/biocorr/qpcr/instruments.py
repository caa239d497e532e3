"""Reading qPCR instrument exports as they leave the machine: sniffed, tidied, metadata kept.

Formats recognised (text exports: tab- or comma-separated, as the instrument software writes them):

- Applied Biosystems SDS 2.x "RQ/AQ Results" (7900HT, TaqMan arrays): first line ``SDS ...``,
  a header block, a well table (``Well, Sample, Detector, Task, Ct, ..., Ct Avg, Avg Delta Ct,
  delta delta Ct, RQ``) and an optional "Summary Data" block (endogenous control, calibrator).
- Applied Biosystems QuantStudio / 7500 / ViiA 7 results exports: ``Key,Value`` or
  ``* Key = Value`` header lines, a ``[Results]`` or well table (``Well, Well Position, Omit,
  Sample Name, Target Name, Task, ..., CT`` or ``Cт``/``Cq``), footer metadata
  (``Endogenous Control``, ``Reference Sample``).
- Bio-Rad CFX Maestro "Quantification Cq Results" (``Well, Fluor, Target, Content, Sample, Cq``).
- Roche LightCycler 480 "Abs Quant" text exports (``Experiment: ...`` then ``Include, Color,
  Pos, Name, Cp``); the gene is not in the file, so it comes from a plate plan.

:func:`read_instrument_export` returns an :class:`InstrumentExport`: the wells as a tidy table
with the columns ``[qpcr]`` expects by default (``well, sample, subject, condition, gene,
task, ct``), the header/footer metadata as a dict, the wells set aside by the instrument or
as controls (``Omit = TRUE``, ``Include = False``, NTC/standard wells) with their reason, and
the instrument's own per-well results (Ct mean, ΔCt, ΔΔCt, RQ) for :mod:`.instrument_check`.

References
----------
Applied Biosystems (2007) *Relative Quantitation Using Comparative CT: Getting Started Guide*
(SDS 2.x RQ study: ΔCt = Ct(target) − Ct(endogenous control), ΔΔCt = ΔCt − ΔCt(calibrator),
RQ = 2^−ΔΔCt). Livak & Schmittgen (2001), *Methods* 25, 402–408.

Examples
--------
>>> text = ("SDS 2.1RQ Results\\t1\\nFilename\\trun 1\\n\\nWell\\tSample\\tDetector\\tTask\\tCt\\n"
...         "1\\ts1\\tTNF\\tTarget\\t30.5\\n2\\ts1\\t18S\\tEndogenous Control\\t20.1\\n")
>>> e = parse_instrument_text(text, "run.txt")
>>> e.format, e.metadata["Filename"], e.wells[["sample", "gene", "ct"]].values.tolist()
('Applied Biosystems SDS 2.x', 'run 1', [['s1', 'TNF', '30.5'], ['s1', '18S', '20.1']])
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..data.read import EXCEL_SUFFIXES, decode_bytes, read_table, sniff_delimiter
from ..data.table import RawTable
from ..spec.qpcr import QpcrError
from .ct_table import normalise_well

# Header names per role, in order of preference (compared case-insensitively, spaces collapsed).
ROLE_NAMES: dict[str, tuple[str, ...]] = {
    "well": ("well position", "pos", "well"),
    "sample": ("sample name", "sample", "name"),
    "gene": ("target name", "detector name", "detector", "target", "gene"),
    "task": ("task", "content"),
    "ct": ("ct", "cт", "cq", "cp", "c t", "crt"),
    "omit": ("omit",),
    "include": ("include",),
    "instrument_ct_mean": ("ct avg", "ct mean", "cт mean", "cq mean"),
    "instrument_dct": ("avg delta ct", "delta ct mean", "delta cт mean", "δct mean"),
    "instrument_ddct": ("delta delta ct", "delta delta cт", "δδct"),
    "instrument_rq": ("rq",),
}
CONTROL_TASK = re.compile(r"^(ntc|no[ _-]?template.*|std.*|standard.*|neg.*|pos.*|blank|nac|nrt|-rt)$", re.I)
_KEY_VALUE = re.compile(r"^\*?\s*([^=]+?)\s*=\s*(.*)$")


class InstrumentFormatError(QpcrError):
    """The file looks like an instrument export but a needed column or block is missing."""


@dataclass(frozen=True)
class InstrumentExport:
    """An instrument export, read.

    Attributes
    ----------
    format : str
        e.g. ``"Applied Biosystems SDS 2.x"``.
    wells : DataFrame
        One row per well kept: ``well, sample, subject (= sample), condition (empty), gene,
        task, ct`` (Ct as text: ``Undetermined`` stays text for the Ct parser), any
        ``instrument_*`` columns the file has (as printed), then the file's own columns.
    set_aside : DataFrame
        Wells not analysed, as ``sample, subject, gene, replicate, value, reason, message``
        (reason ``omitted-on-instrument`` or ``control-well``).
    metadata : dict of str to str
        Header and footer key/value lines (run date, instrument, calibrator, endogenous control).
    source, sha256 : str
    """

    format: str
    wells: pd.DataFrame
    set_aside: pd.DataFrame
    metadata: dict[str, str] = field(default_factory=dict)
    source: str = "<text>"
    sha256: str = ""

    def as_raw_table(self) -> RawTable:
        """The kept wells as a :class:`RawTable` for :func:`biocorr.qpcr.parse_ct_table`."""
        frame = self.wells.astype(object)
        return RawTable(frame=frame, source=self.source, sha256=self.sha256, delimiter="\t", encoding="utf-8")

    @property
    def calibrator(self) -> str | None:
        """The calibrator (reference) sample the instrument used, when the file names it."""
        return _first(self.metadata, ("Calibrator", "Reference Sample", "Calibrator Sample"))

    @property
    def endogenous_controls(self) -> tuple[str, ...]:
        """The endogenous control gene(s) the instrument used, when the file names them."""
        found = _first(self.metadata, ("Endogenous Control", "Endogenous Controls"))
        return tuple(g.strip() for g in found.split(",") if g.strip()) if found else ()


def _first(meta: dict[str, str], keys: tuple[str, ...]) -> str | None:
    for k in keys:
        if meta.get(k, "").strip():
            return meta[k].strip()
    return None


def _norm(name: str) -> str:
    return re.sub(r"\s+", " ", str(name).replace("\u0442", "т")).strip().lower()


def read_ct_export(
    path: str | Path, sheet: str | int | None = None, plate_plan: str | Path | None = None
) -> RawTable | InstrumentExport:
    """A Ct file as it is: an :class:`InstrumentExport` when the text is one, else a tidy table.

    Parameters
    ----------
    path : str or Path
        An instrument export (see the module docstring) or a long table (CSV/TSV/XLSX).
    sheet : str or int, optional
        XLSX sheet of a tidy table.
    plate_plan : str or Path, optional
        CSV/TSV/XLSX naming each well (:func:`apply_plate_plan`); for instrument exports.

    Returns
    -------
    InstrumentExport or RawTable
    """
    path = Path(path)
    export: RawTable | InstrumentExport
    if path.suffix.lower() in EXCEL_SUFFIXES or not path.is_file():
        export = read_table(path, sheet=sheet)  # (read_table names a missing file)
    else:
        data = path.read_bytes()
        text, _ = decode_bytes(data, path.name)
        if sniff_instrument(text) is None:
            export = read_table(path, sheet=sheet)
        else:
            export = parse_instrument_text(text, path.name, hashlib.sha256(data).hexdigest())
    if plate_plan is None:
        return export
    if not isinstance(export, InstrumentExport):
        raise InstrumentFormatError(
            f"{path.name}: a plate plan names the wells of an instrument export; this file is a tidy table "
            "(add the plan's columns to it instead)."
        )
    plan = read_table(plate_plan)
    return apply_plate_plan(export, plan.frame, plan.source)


PLAN_ROLES = ("sample", "subject", "condition", "gene", "group", "task")


PLATE_NAMES = ("plate id", "plateid", "plate", "plate name", "barcode", "filename", "file name")
"""Columns that tell an export's plates (cards) apart, in order of preference."""


def _plate_names(header: list[str], table: pd.DataFrame) -> pd.Series:
    """Each well's plate: the first plate column with a value ('PlateID' is often empty; an SDS export
    of two cards names each in 'Filename'); '' for a one-plate export."""
    names = [" ".join(str(h).lower().split()) for h in header]
    for wanted in PLATE_NAMES:
        for k, name in enumerate(names):
            if name == wanted:
                cells = table.iloc[:, k].fillna("").astype(str).str.strip()
                if cells.ne("").any():
                    return cells
    return pd.Series([""] * len(table), dtype=object)


def apply_plate_plan(export: InstrumentExport, plan: pd.DataFrame, plan_source: str = "plate plan") -> InstrumentExport:
    """Name each well from a plate plan (``well`` plus any of sample, subject, condition, gene, group, task).

    LightCycler exports name a well's sample but not its gene; a plate plan written once per
    layout supplies both. The plan's roles replace the export's; its other columns are added.
    Export wells the plan leaves out (or gives no gene) are set aside as ``not-in-plate-plan``.

    Parameters
    ----------
    export : InstrumentExport
    plan : DataFrame
        Text cells; a ``well`` (or ``Pos``/``Well Position``) column is required.
    plan_source : str
        File name for messages.

    Returns
    -------
    InstrumentExport

    Examples
    --------
    >>> e = parse_instrument_text("Experiment: x\\nInclude\\tColor\\tPos\\tName\\tCp\\n"
    ...                           "True\\t255\\tA1\\tS1\\t22.8\\nTrue\\t255\\tA2\\tS2\\t\\n")
    >>> plan = pd.DataFrame({"well": ["A01"], "sample": ["wt"], "gene": ["ACT1"]})
    >>> p = apply_plate_plan(e, plan)
    >>> p.wells[["well", "sample", "gene", "ct"]].values.tolist(), p.set_aside["reason"].tolist()
    ([['A1', 'wt', 'ACT1', '22.8']], ['not-in-plate-plan'])
    """
    cols = {_norm(c): c for c in plan.columns}
    well_col = next((cols[k] for k in ("well", "pos", "well position") if k in cols), None)
    if well_col is None:
        raise InstrumentFormatError(f"{plan_source}: a plate plan needs a 'well' column (A1, A2, ...).")
    plan = plan.astype(str).apply(lambda c: c.str.strip())
    plan.index = plan[well_col].map(normalise_well)
    if plan.index.duplicated().any():
        raise InstrumentFormatError(f"{plan_source}: well '{plan.index[plan.index.duplicated()][0]}' is listed twice.")
    wells = export.wells.copy()
    wells["well"] = wells["well"].map(normalise_well)
    known = wells["well"].isin(plan.index)
    if not known.any():
        raise InstrumentFormatError(
            f"{plan_source}: none of its wells is in {export.source} (plan: {', '.join(plan.index[:3])}...; "
            f"export: {', '.join(wells['well'][:3])}...)."
        )
    for role in PLAN_ROLES:
        if role in cols:
            wells[role] = wells["well"].map(plan[cols[role]]).fillna("")
    if "sample" in cols and "subject" not in cols:
        wells["subject"] = wells["sample"]
    for c in plan.columns:
        if _norm(c) not in (*PLAN_ROLES, _norm(well_col)) and c not in wells.columns:
            wells[c] = wells["well"].map(plan[c]).fillna("")
    unplanned = ~known | wells["gene"].eq("")
    control = wells["task"].str.match(CONTROL_TASK) & ~unplanned
    aside = [
        dict(sample=w.sample, subject=w.subject, gene=w.gene, replicate=w.well, value=w.ct,
             reason="not-in-plate-plan" if u else "control-well",
             message=f"well {w.well}: " + ("not in the plate plan (or no gene there)" if u
                                           else f"a control well (task '{w.task}')") + "; not analysed")
        for w, u in zip(wells[unplanned | control].itertuples(), unplanned[unplanned | control])
    ]  # fmt: skip
    set_aside = pd.concat([export.set_aside, pd.DataFrame(aside, columns=export.set_aside.columns)], ignore_index=True)
    kept = wells[~(unplanned | control)].reset_index(drop=True)
    return InstrumentExport(export.format, kept, set_aside, dict(export.metadata), export.source, export.sha256)


def _find_header(rows: list[list[str]]) -> tuple[int, str] | None:
    """Index of the well-table header row and the format it implies, or None."""
    for i, row in enumerate(rows):
        cells = {_norm(c) for c in row if c.strip()}
        has_ct = bool(cells & {"ct", "cт", "cq", "cp", "crt"})
        if not has_ct:
            continue
        if "pos" in cells and "name" in cells and "include" in cells:
            return i, "Roche LightCycler 480"
        if "detector" in cells and "well" in cells:
            return i, "Applied Biosystems SDS 2.x"
        if "target name" in cells and "sample name" in cells:
            return i, "Applied Biosystems QuantStudio/7500/ViiA 7"
        if "target" in cells and "sample" in cells and "cq" in cells and cells & {"content", "fluor"}:
            return i, "Bio-Rad CFX"
    return None


def sniff_instrument(text: str) -> str | None:
    """The instrument format of an export's text, or None for a plain (tidy) table.

    A plain table whose first row is its header is never taken for an export, unless that
    header is a known export header (a bare well table, e.g. a CFX export).

    Examples
    --------
    >>> sniff_instrument("sample,gene,ct\\na,TNF,30\\n") is None
    True
    >>> sniff_instrument("Experiment: x\\nInclude\\tColor\\tPos\\tName\\tCp\\nTrue\\t255\\tA1\\ts\\t22.8\\n")
    'Roche LightCycler 480'
    """
    rows = _rows(text[:200_000])
    found = _find_header(rows[:200])
    return found[1] if found else None


def _rows(text: str) -> list[list[str]]:
    lines = text.splitlines()
    sample = "\n".join(line for line in lines[:400] if line.strip())
    delim = "\t" if "\t" in sample else sniff_delimiter(sample)
    return [list(r) for r in csv.reader(io.StringIO("\n".join(lines)), delimiter=delim)]


def _column(header: list[str], role: str) -> int | None:
    normed = [_norm(h) for h in header]
    for name in ROLE_NAMES[role]:
        if name in normed:
            return normed.index(name)
    return None


def parse_instrument_text(text: str, source: str = "<text>", sha256: str = "") -> InstrumentExport:
    """Parse an instrument export's text (see the module docstring for the formats).

    Parameters
    ----------
    text : str
        The whole file, decoded.
    source, sha256 : str
        File name for messages; hash of the file's bytes for the record.

    Returns
    -------
    InstrumentExport

    Raises
    ------
    InstrumentFormatError
        No well table (a header with a Ct/Cq/Cp column) is found, or it lacks a sample column.
    """
    rows = _rows(text)
    found = _find_header(rows)
    if found is None:
        raise InstrumentFormatError(
            f"{source}: no well table found (a header row with Well/Pos, Sample and Ct/Cq/Cp columns)."
        )
    h, fmt = found
    header = [c.strip() for c in rows[h]]
    metadata = _key_values(rows[:h])
    body: list[list[str]] = []
    end = len(rows)
    for j in range(h + 1, len(rows)):
        row = rows[j]
        if not any(c.strip() for c in row) or (row and row[0].strip().lower().startswith("summary data")):
            end = j
            break
        body.append((row + [""] * len(header))[: len(header)])
    metadata.update(_key_values(rows[end:], stop_at_table=True))
    table = pd.DataFrame(body, columns=[f"{c}#{k}" for k, c in enumerate(header)], dtype=object)
    cols = {role: _column(header, role) for role in ROLE_NAMES}
    if cols["sample"] is None or cols["ct"] is None:
        raise InstrumentFormatError(f"{source}: the well table has no sample or no Ct column (header: {header}).")

    def get(role: str) -> pd.Series:
        k = cols[role]
        if k is None:
            return pd.Series([""] * len(table), dtype=object)
        return table.iloc[:, k].fillna("").astype(str).str.strip()

    wells = pd.DataFrame({"well": get("well"), "sample": get("sample")})
    wells["subject"] = wells["sample"]
    wells["condition"] = ""
    wells["gene"] = get("gene")
    wells["task"] = get("task")
    wells["ct"] = get("ct")
    wells["plate"] = _plate_names(header, table)
    for role in ROLE_NAMES:
        if role.startswith("instrument_") and cols[role] is not None:
            wells[role] = get(role)  # as printed: the check reads the printed digits
    # the file's own columns too (a spec may name them: sample = "Sample Name")
    seen = set(wells.columns)
    for k, name in enumerate(header):
        if name and name not in seen:
            seen.add(name)
            wells[name] = table.iloc[:, k].fillna("").astype(str).to_numpy()
    omitted = get("omit").str.lower().eq("true") | get("include").str.lower().eq("false")
    control = wells["task"].str.match(CONTROL_TASK)
    aside = []
    for i in (omitted | control)[lambda s: s].index:
        w = wells.loc[i]
        reason = "omitted-on-instrument" if omitted[i] else "control-well"
        why = "marked as omitted in the export" if omitted[i] else f"a control well (task '{w['task']}')"
        aside.append(
            dict(
                sample=w["sample"],
                subject=w["subject"],
                gene=w["gene"],
                replicate=w["well"],
                value=w["ct"],
                reason=reason,
                message=f"well {w['well'] or i + 1} (sample '{w['sample']}', gene '{w['gene']}'): {why}; not analysed",
            )
        )
    set_aside = pd.DataFrame(aside, columns=["sample", "subject", "gene", "replicate", "value", "reason", "message"])
    wells = wells[~(omitted | control)].reset_index(drop=True)
    if wells["gene"].eq("").all() and fmt.startswith("Roche"):
        metadata.setdefault("note", "LightCycler exports do not name the gene: join a plate plan (well → gene).")
    return InstrumentExport(fmt, wells, set_aside, metadata, source, sha256)


def _key_values(rows: list[list[str]], stop_at_table: bool = False) -> dict[str, str]:
    """``Key<TAB>Value`` / ``Key,Value`` / ``* Key = Value`` / ``Key: value`` lines as a dict."""
    meta: dict[str, str] = {}
    for row in rows:
        cells = [c.strip() for c in row]
        filled = [c for c in cells if c]
        if not filled:
            continue
        if stop_at_table and len(filled) > 3:
            continue  # a table (the SDS summary block) is read by instrument_check, not here
        first = cells[0]
        m = _KEY_VALUE.match(first) if len(filled) == 1 else None
        if m:
            key, value = m.group(1), m.group(2)
        elif len(filled) == 1 and ":" in first:
            key, _, value = first.partition(":")
        elif first and len(cells) > 1:
            key, value = first, ", ".join(c for c in cells[1:] if c)
        else:
            continue
        key, value = key.strip(), value.strip()
        if value and meta.get(key, value) != value:  # e.g. two cards' "Run DateTime" in one SDS file
            meta[key] = f"{meta[key]}; {value}"
        elif value:
            meta[key] = value
    return meta


def summary_block(text: str) -> pd.DataFrame | None:
    """The SDS "Summary Data" block (per sample × detector ΔCt, ΔΔCt, RQ), or None.

    Columns as printed (``Sample, Detector, Avg delta Ct, delta delta Ct, RQ, ...``), numbers
    parsed (blank = NaN).
    """
    rows = _rows(text)
    for i, row in enumerate(rows):
        if row and row[0].strip().lower().startswith("summary data"):
            for j in range(i + 1, len(rows)):
                cells = [c.strip() for c in rows[j]]
                if "Sample" in cells and "Detector" in cells:
                    header = cells
                    body = [(r + [""] * len(header))[: len(header)] for r in rows[j + 1 :] if any(c.strip() for c in r)]
                    frame = pd.DataFrame(body, columns=header)
                    for c in header:
                        if c not in ("PlateID", "Sample", "Detector"):
                            frame[c] = pd.to_numeric(frame[c], errors="coerce")
                    return frame
    return None
