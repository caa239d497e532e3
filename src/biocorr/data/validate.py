"""Validation: from a raw table and a spec to an analysable :class:`Study`.

Nothing is dropped silently. Every value that cannot be used is listed in
``Study.exclusions`` with its spreadsheet row, the subject id, the column, the
text found and the reason:

========================  =====  ==================================================
reason code               scope  meaning
========================  =====  ==================================================
``not-a-number``          cell   text that is neither a number nor a missing marker
``not-finite``            cell   'inf', 'Infinity', '1e309', '1e-400': beyond double precision
``not-transformable``     cell   a value the variable's transform is undefined for (log of 0)
``not-derivable``         cell   a derived ratio whose denominator is 0 (:mod:`biocorr.spec.derived`)
``not-selected``          row    outside the spec's ``[data] where`` filter
``hidden-row``            row    hidden in the workbook, by hand or by a filter (XLSX)
``censored-value``        cell   '<1.2' / '>1000' / 'n.d.' / 'BLQ': a value reported beyond a limit
``out-of-range``          cell   outside the spec's ``range``
``empty-row``             row    a blank line or a row of empty cells inside the table
``note-row``              row    a row at the end holding one cell's text (a footnote), not a subject
``summary-row``           row    a row at the end labelled 'Mean', 'SD', 'Total', ... (a summary of the rows above)
``missing-id``            row    the id cell is empty
``missing-visit``         row    long data: the ``[data] visit`` cell is empty
``duplicate-id``          row    the id occurs on more than one row (with ``[data] visit``: more
                                 than once at one visit); all of those rows are excluded
``missing-group``         row    the group cell is empty
``unknown-group``         row    a group not declared in ``[groups]``
``varies-across-visits``  row    ``per_subject``: a column named without ``@visit`` differs between
                                 a subject's rows (:mod:`biocorr.data.widen`); the subject is excluded
========================  =====  ==================================================

Empty cells, ``NA``-like markers and the spec's ``missing`` markers are missing
values, not exclusions; they are counted per column in the descriptives.

Warnings (``Study.warnings``) flag what a careful analyst wants to know before
trusting a Pearson r: pile-ups at the minimum or at the assay ``lower_limit``,
values below the declared limit, heavy ties, and (without a declared range) common
missing-value codes far outside the other values or values 10 times beyond the rest.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..columns import EXCLUSIONS, WARNINGS, finding
from ..errors import DataError, SpecError, did_you_mean
from ..spec import StudySpec
from ..spec.derived import describe
from ..spec.transforms import transformed
from .checks import data_warnings, pile_ups, suspicious_values, visit_column_hint
from .layout import above_header_text
from .rows import check_rows, fold_visit_labels
from .study import Study
from .table import FIRST_COLUMN, RawTable, cell_text, column_letter
from .values import CellLedger, variable_values
from .widen import split_visit_name, widen

MIN_USABLE_ROWS = 3

EXCLUSION_COLUMNS = list(EXCLUSIONS)
WARNING_COLUMNS = list(WARNINGS)


def spec_columns(spec: StudySpec) -> list[tuple[str, str]]:
    """(column, where the spec names it) for every column the spec uses.

    Examples
    --------
    >>> from biocorr.spec import parse_spec
    >>> spec = parse_spec({"data": {"id": "PID"}, "biomarker": [{"column": "TNF"}], "score": [{"column": "VAS"}]})
    >>> spec_columns(spec)
    [('TNF', '[[biomarker]]'), ('VAS', '[[score]]'), ('PID', '[data] id')]
    """
    needed = [(v.column, f"[[{v.role}]]") for v in spec.variables if v.derived is None]
    for v in spec.variables:  # a derived variable needs its sources, once each
        if v.derived is not None:
            kind, sources = v.derived
            needed += [(c, f"[[{v.role}]] '{v.column}' {kind}") for c in sources if c not in {n for n, _ in needed}]
    if spec.id_column is not None:
        needed.append((spec.id_column, "[data] id"))
    if spec.group_column is not None:
        needed.append((spec.group_column, "[data] group"))
    if spec.visit_column is not None:
        needed.append((spec.visit_column, "[data] visit"))
    needed += [(column, "[data] where") for column, _ in spec.where if column not in {c for c, _ in needed}]
    if spec.per_subject:  # COLUMN@VISIT is the file's COLUMN at one visit
        files: dict[str, str] = {}
        for c, where in needed:
            parts = split_visit_name(c)
            files.setdefault(parts[0] if parts else c, where)
        needed = list(files.items())
    return needed


def _check_columns(raw: RawTable, spec: StudySpec) -> None:
    columns = list(raw.columns)
    needed = spec_columns(spec)
    missing = [(c, where) for c, where in needed if c not in columns]
    if missing:
        lines = [f"  - '{c}' (named in {where}).{did_you_mean(c, columns)}" for c, where in missing]
        shown = ", ".join(f"'{c}'" for c in columns[:30]) + (" ..." if len(columns) > 30 else "")
        sheets = ""
        if len(raw.sheets) > 1:
            sheets = (
                f"\nThe workbook has the sheets {', '.join(repr(s) for s in raw.sheets)}; if the data are on "
                'another sheet, give --sheet NAME (or sheet = "NAME" in [data]).'
            )
        raise SpecError(
            f"{raw.source}: the spec names column(s) that the data does not have:\n"
            + "\n".join(lines)
            + f"\nColumns in the file: {shown}{sheets}"
        )
    for v in spec.variables:
        if v.derived is not None and v.column in columns:
            kind, sources = v.derived
            raise SpecError(
                f"{raw.source}: [[{v.role}]] '{v.column}' is derived ({describe(v.column, kind, sources)}), but the "
                f"file already has a column '{v.column}'; give the derived variable a new name."
            )
    twice = [(c, where) for c, where in needed if c in raw.duplicates]
    if twice:
        c, where = twice[0]
        letters = ", ".join(column_letter(i) for i in raw.duplicates[c])
        raise SpecError(
            f"{raw.source}: column '{c}' (named in {where}) appears {len(raw.duplicates[c])} times in the header "
            f"(spreadsheet columns {letters}); rename all but one so it is clear which to use."
        )


def validate(raw: RawTable, spec: StudySpec) -> Study:
    """Check a raw table against a spec and build the analysable :class:`Study`.

    Parameters
    ----------
    raw : RawTable
        From :func:`biocorr.data.read.read_table`.
    spec : StudySpec

    Returns
    -------
    Study

    Raises
    ------
    SpecError
        A column named in the spec is not in the file (with a did-you-mean hint).
    DataError
        Fewer than three usable rows, or a declared variable with no usable or
        no varying values.

    Examples
    --------
    >>> from biocorr.data.read import read_text_table
    >>> from biocorr.spec import parse_spec
    >>> raw = read_text_table("id,CD4,VAS\\n1,500,20\\n2,abc,30\\n3,700,130\\n4,650,45\\n")
    >>> spec = parse_spec({"data": {"id": "id"}, "biomarker": [{"column": "CD4"}],
    ...                    "score": [{"column": "VAS", "range": [0, 100]}]})
    >>> validate(raw, spec).exclusions[["row", "column", "value", "reason"]].values.tolist()
    [[3, 'CD4', 'abc', 'not-a-number'], [4, 'VAS', '130', 'out-of-range']]
    """
    _check_columns(raw, spec)  # read -> layout (done by the reader) -> columns
    if len(raw.frame) == 0:
        raise DataError(f"{raw.source}: the file has a header but no data rows.")
    rows = raw.row_numbers if raw.row_numbers is not None else np.arange(len(raw.frame)) + raw.first_data_row
    frame, visit_notes = fold_visit_labels(raw.frame, spec)  # 'pre'/'Pre', '1'/'1.0': one visit
    checks = check_rows(frame, spec, rows, raw.hidden_rows)  # rows: hidden, where, ids, visits, groups
    long_ids = checks.ids
    cell_rows = dict(raw.cell_rows)
    if spec.per_subject:  # reshape: long rows -> one row per subject
        wide = widen(frame, spec, rows, checks)
        frame, rows, cell_rows, checks = wide.frame, wide.rows, wide.cell_rows, wide.checks
    ledger = CellLedger(frame, rows, cell_rows, checks.ids, checks.drop, list(checks.exclusions))
    values = variable_values(raw, spec, ledger)  # cells -> numbers -> derive -> range -> transform
    out = _analysed_table(ledger, checks.groups, spec, values.analysed)
    excl = pd.DataFrame(ledger.exclusions, columns=EXCLUSION_COLUMNS)
    if not excl.empty:
        excl = excl.sort_values(["row", "column"], kind="stable").reset_index(drop=True)
    repeats = long_ids[long_ids.ne("")].value_counts()
    selected = checks.selected
    _check_usable(
        out,
        spec,
        raw.source,
        excl,
        len(raw.frame),
        {str(k): int(v) for k, v in repeats[repeats > 1].items()},
        lambda: "" if spec.visit_column else visit_column_hint(frame[selected], checks.ids[selected], spec),
    )
    raw_kept = pd.DataFrame({c: v[~checks.drop] for c, v in values.raw.items()})
    piles = pile_ups(raw_kept, spec)  # checks: data warnings, then what the reader and the row checks noted
    found = data_warnings(raw_kept, spec, piles) + suspicious_values(raw_kept, spec, out["row"].to_numpy())
    found += checks.notes + visit_notes + values.notes + _layout_notes(raw) + list(raw.notes)
    found += _empty_group_notes(out, spec)
    floored = {  # in the units of the analysed data (transformed when the spec says so)
        v.column: float(transformed(np.array([v.lower_limit]), v.transform)[0])
        for v in spec.biomarkers
        if piles[v.column].floored and v.lower_limit is not None
    }
    return Study(
        data=out,
        spec=spec,
        exclusions=excl,
        warnings=pd.DataFrame(found, columns=WARNING_COLUMNS),
        source=raw.source,
        sha256=raw.sha256,
        n_rows_read=len(raw.frame),
        floored=floored,
        piled_up=tuple(c for c, p in piles.items() if p.floored or p.minimum_pileup),
    )


def _analysed_table(ledger: CellLedger, groups, spec: StudySpec, analysed: dict[str, np.ndarray]) -> pd.DataFrame:
    """Study.data: row, id, group, visit and the declared variables, without the excluded rows."""
    out = pd.DataFrame({"row": ledger.rows, "id": ledger.ids.to_numpy()})
    if groups is not None:
        out["group"] = groups.to_numpy()
    if spec.long_format:
        out["visit"] = ledger.frame[spec.visit_column].map(cell_text).to_numpy()
    out = pd.concat([out, pd.DataFrame(analysed, index=out.index)], axis=1)  # one block: wide files stay fast
    return out.loc[~ledger.drop].reset_index(drop=True)


def _layout_notes(raw: RawTable) -> list[dict]:
    """What the reader found around the table: a units row under the header, a title block above it."""
    notes = []
    if raw.units:  # the row under the header held units: say so, it is not a subject
        shown = "; ".join(f"{c}: {u}" for c, u in raw.units.items())
        notes.append(
            finding(
                code="units-row",
                severity="note",
                column=", ".join(raw.units),
                subset="all",
                message=f"row {raw.header_row + 1}, under the header, holds units ({shown}); it was read as units, "
                "not as a subject.",
                rows=[raw.header_row + 1],
            )
        )
    if raw.hidden_columns:  # read because the spec names them, but the person looking at the sheet does not see them
        notes.append(
            finding(
                code="hidden-columns",
                severity="note",
                column=", ".join(raw.hidden_columns),
                subset="all",
                message=f"column(s) {', '.join(raw.hidden_columns)} are hidden in the workbook; those the spec "
                "names were read all the same.",
            )
        )
    if raw.skipped_sheets:
        notes.append(
            finding(
                code="chart-sheets",
                severity="note",
                column="",
                subset="all",
                message=f"sheet(s) {', '.join(raw.skipped_sheets)} hold a chart, not cells; the first sheet "
                "with cells was read.",
            )
        )
    if raw.header_row > 1:  # a title block above the header: say what was not read as data
        notes.append(
            finding(
                code="rows-above-header",
                severity="note",
                column="",
                subset="all",
                message=f"the header is row {raw.header_row}; {above_header_text(raw)} were read as a title, "
                "not as data.",
                rows=range(1, raw.header_row),
            )
        )
    return notes


def _empty_group_notes(out: pd.DataFrame, spec: StudySpec) -> list[dict]:
    """A group declared in [groups] that no usable row has."""
    if "group" not in out:
        return []
    present = set(out["group"])
    return [
        finding(
            code="empty-group",
            severity="warning",
            column=spec.group_column or "",
            subset=label,
            message=f"group '{code}' ({label}) is declared in [groups] but no usable row has it; "
            "it is left out of every table and figure.",
        )
        for code, label in spec.groups
        if code not in present
    ]


def _check_usable(
    data: pd.DataFrame,
    spec: StudySpec,
    source: str,
    excl: pd.DataFrame,
    n_read: int,
    id_repeats: dict[str, int],
    visit_hint=lambda: "",
) -> None:
    n = len(data)
    if n < MIN_USABLE_ROWS:
        rows = excl[excl["scope"] == "row"].drop_duplicates("row") if len(excl) else excl
        reasons = rows["reason"].value_counts().to_dict() if len(rows) else {}
        detail = "; ".join(f"{k} row(s) {reason}" for reason, k in reasons.items())
        hint = ""
        if reasons.get("duplicate-id", 0) >= 0.5 * n_read and id_repeats:
            times = max(id_repeats.values())
            column_hint = visit_hint()  # looked for only when the file is unusable
            hint = (
                " " + column_hint
                if column_hint
                else (
                    f" Ids appear up to {times} times each: is the file in long format (one row per subject and "
                    "visit)? Keep the rows of one visit, or reshape the file to one row per subject."
                )
            )
        if reasons.get("varies-across-visits", 0) and not hint:
            varying = ", ".join(dict.fromkeys(excl.loc[excl["reason"] == "varies-across-visits", "column"]))
            hint = (
                f" {varying} differ(s) between a subject's visits: a column named without @visit must agree "
                "across them; name a changing column at one visit (COLUMN@VISIT)."
            )
        raise DataError(
            f"{source}: only {n} usable row(s) of {n_read}"
            + (f" ({detail})" if detail else "")
            + f"; correlations need at least {MIN_USABLE_ROWS} subjects.{hint}"
        )
    for var in spec.biomarkers + spec.scores:
        col = data[var.column]
        if col.notna().sum() == 0:
            raise DataError(
                f"{source}: column '{var.column}' has no usable numeric value "
                "(all cells are empty, missing or excluded)."
            )
        if col.nunique() < 2:
            raise DataError(
                f"{source}: column '{var.column}' is constant (every value is "
                f"{col.dropna().iloc[0]:g}); it cannot correlate with anything. "
                f"Remove it from the spec or check the export."
            )


def load_study(data, spec: StudySpec, sheet: str | int | None = None) -> Study:
    """Read a data file, keeping only the spec's columns (memory for them alone), and validate it.

    Examples
    --------
    >>> from biocorr.datasets import data_path, spec_path
    >>> from biocorr.spec import load_spec
    >>> len(load_study(data_path("hivsn"), load_spec(spec_path("hivsn"))).data)
    197
    """
    from .read import read_table

    wanted = [c for c, _ in spec_columns(spec)] + ([] if spec.id_column else [FIRST_COLUMN])  # a row label
    sheet = sheet if sheet is not None else spec.sheet
    wide = spec.wide_visits is not None  # one column per visit: read as long rows
    if wide:
        from .lengthen import lengthen, wide_columns
    columns = wide_columns(spec, wanted) if wide else wanted
    raw = read_table(data, sheet=sheet, columns=columns)
    if spec.join is not None:  # a second table's columns, joined by id (a wide table's before it is lengthened)
        from .join import join_keys, join_tables, second_table_path

        keys = list(join_keys(spec))
        after = wide and spec.visit_column in keys  # on = [id, visit]: a long second table, joined to the long rows
        if after:
            raw, columns = lengthen(raw, spec, wanted), wanted
        other = read_table(second_table_path(spec, data), sheet=spec.join.sheet, columns=columns + keys)
        raw = join_tables(raw, other, spec, columns)
        return validate(lengthen(raw, spec, wanted) if wide and not after else raw, spec)
    return validate(lengthen(raw, spec, wanted) if wide else raw, spec)
