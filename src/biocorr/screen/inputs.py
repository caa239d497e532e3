"""Reading a screen's inputs: a samples × features table, or a features × samples matrix with a
sample sheet (the usual omics layout); CSV/TSV/TXT, XLSX or Parquet.

Text files and workbooks are read by :func:`biocorr.data.read.read_table`, the reader every command
shares: ragged rows, duplicate headers, title blocks, decimal commas (semicolon or tab files) and
thousands separators are handled, or refused, exactly as ``biocorr analyze`` handles them. Cells
become numbers in one vectorised pass over the whole block; a cell that is neither a number nor
empty/NA (``inf`` included) is set aside and listed with its sample and column (never dropped
silently); samples found in only one of matrix and sample sheet are listed too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..data.cells import AMBIGUOUS_POINT, decimal_marks, parse_numeric, unreadable
from ..data.read import read_table
from ..data.table import column_letter
from ..errors import DataError, InputFileError, did_you_mean

NA_TEXT = ("-", ".")  # besides the missing words every reader knows (NA, N/A, NaN, NULL, empty ...)
NOT_NUMERIC_COLUMNS = ["sample", "column", "value", "reason"]
MIN_SAMPLES = 3  # a correlation needs three pairs for a p-value


@dataclass(frozen=True)
class ScreenInputs:
    """Samples on the rows, in one order, for features, phenotypes and covariates.

    ``set_aside``: cells that were not numbers (sample, column, value, reason); ``notes``: samples
    found in only one of the inputs, and other things the user should know.
    """

    features: pd.DataFrame
    phenotypes: pd.DataFrame
    covariates: pd.DataFrame | None
    set_aside: pd.DataFrame
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Frame:
    """A table as read: ``frame`` (cells as text or numbers), how its format writes numbers."""

    frame: pd.DataFrame
    decimal_comma: bool = False
    thousands: str | None = None
    notes: tuple[str, ...] = ()


def read_frame(path: str | Path, sheet: str | None = None) -> pd.DataFrame:
    """A table's cells (header from the first row below any title block), from CSV/TSV/TXT, XLSX
    or Parquet, through the reader ``biocorr analyze`` uses.

    Examples
    --------
    >>> from biocorr.datasets import data_path
    >>> read_frame(data_path("hivsn")).shape
    (197, 21)
    """
    return _read(path, sheet).frame


def _read(path: str | Path, sheet: str | None = None) -> _Frame:
    path = Path(path)
    if not path.is_file():
        raise InputFileError(f"'{path}' does not exist or is not a file.")
    if path.suffix.lower() == ".parquet":
        try:
            frame = pd.read_parquet(path)
        except ImportError:
            raise InputFileError(
                f"{path.name}: reading Parquet needs pyarrow (pip install 'biocorr[screen]'); or save it as CSV."
            ) from None
        except Exception as exc:  # pyarrow's errors for a damaged file have no common base
            raise InputFileError(f"{path.name}: not a readable Parquet file ({type(exc).__name__}).") from None
        frame.columns = [str(c) for c in frame.columns]
        twice = frame.columns[frame.columns.duplicated()]
        if len(twice):
            raise DataError(f"{path.name}: column '{twice[0]}' appears more than once; rename all but one.")
        return _Frame(frame)
    raw = read_table(path, sheet)
    if raw.duplicates:
        name, positions = next(iter(raw.duplicates.items()))
        letters = ", ".join(column_letter(i) for i in positions)
        raise DataError(
            f"{raw.source}: column '{name}' appears {len(positions)} times in the header (spreadsheet columns "
            f"{letters}); rename all but one so it is clear which to use."
        )
    frame = raw.frame
    notes: tuple[str, ...] = ()
    if raw.hidden_rows:  # as analyze: what the workbook hides is not screened, and that is said
        spreadsheet_rows = np.arange(len(frame)) + raw.first_data_row
        hidden = np.isin(spreadsheet_rows, raw.hidden_rows)
        if hidden.any():
            frame = frame.loc[~hidden].reset_index(drop=True)
            shown = ", ".join(str(r) for r in spreadsheet_rows[hidden][:10])
            notes = (f"{int(hidden.sum())} row(s) of {raw.source} are hidden in the workbook (rows {shown}) and were "
                     "left out, as Excel shows the sheet",)  # fmt: skip
    return _Frame(frame, raw.decimal_comma_allowed, raw.thousands_separator, notes)


def _numeric(frame: pd.DataFrame, ids: pd.Series, set_aside: list, read: _Frame) -> pd.DataFrame:
    """Every cell of ``frame`` as a float in one pass; cells that are not numbers go to ``set_aside``.

    Numeric columns (Parquet, XLSX numbers) are taken as they are, with inf set aside. Text goes
    through pandas' C parser first; only the cells it cannot read as finite numbers (decimal
    commas, thousands separators, NA words, 'inf', text) are read by :func:`parse_numeric`.
    """
    if frame.shape[1] == 0:
        return pd.DataFrame(index=frame.index)
    numeric = [pd.api.types.is_numeric_dtype(d) and not pd.api.types.is_bool_dtype(d) for d in frame.dtypes]
    values = np.full(frame.shape, np.nan)
    if any(numeric):
        values[:, numeric] = frame.loc[:, numeric].to_numpy(dtype=float, na_value=np.nan)
    text_cols = [i for i, is_num in enumerate(numeric) if not is_num]
    if text_cols:
        texts = frame if len(text_cols) == frame.shape[1] else frame.iloc[:, text_cols]
        block = texts.to_numpy(dtype=object).ravel(order="F")
        cells = pd.Series(block, dtype=object)
        fast = pd.to_numeric(cells, errors="coerce").to_numpy(dtype=float, copy=True)
        slow = ~np.isfinite(fast) | (fast == 0)  # NA words, text, inf, decimal commas; zeros may be 1e-400
        if read.decimal_comma:  # '2.000' beside decimal commas may be 2000: read it as analyze does
            with np.errstate(invalid="ignore"):  # inf and NaN cells are not candidates
                scaled = np.abs(fast) * 1000
                maybe = (
                    np.isfinite(fast) & (scaled >= 1000) & (scaled < 1e6) & (np.abs(scaled - np.round(scaled)) < 1e-6)
                )
            if maybe.any():
                slow[np.flatnonzero(maybe)[cells[maybe].astype(str).str.match(AMBIGUOUS_POINT).to_numpy()]] = True
        if slow.any():
            parsed, _, failed, _ = parse_numeric(
                cells[slow], read.decimal_comma, set(NA_TEXT), read.thousands, lambda: decimal_marks(cells)
            )
            fast[slow] = parsed.to_numpy(dtype=float)
            bad = np.zeros(len(cells), dtype=bool)
            bad[np.flatnonzero(slow)[failed.to_numpy()]] = True
            _set_aside(bad.reshape(len(text_cols), len(frame)).T, frame.iloc[:, text_cols], ids, set_aside)
        values[:, text_cols] = fast.reshape(len(text_cols), len(frame)).T
    inf = np.isinf(values)
    if inf.any():
        _set_aside(inf, frame, ids, set_aside)
        values[inf] = np.nan
    return pd.DataFrame(values, index=frame.index, columns=frame.columns)


def _set_aside(bad: np.ndarray, frame: pd.DataFrame, ids: pd.Series, set_aside: list) -> None:
    """List each cell set aside with its reason (the exclusion codes of ``analyze``: not-a-number,
    ambiguous-number, not-finite, censored-value)."""
    for i, j in zip(*np.nonzero(bad)):
        value, column = str(frame.iat[i, j]), str(frame.columns[j])
        reason = "not-finite" if value.strip().lower() in ("inf", "-inf", "+inf") else unreadable(value, column, 0)[0]
        set_aside.append(dict(sample=str(ids.iloc[i]), column=column, value=value, reason=reason))


def _ids_as_index(frame: pd.DataFrame, id_column: str) -> pd.DataFrame:
    """The id column as the index (one drop: ``DataFrame.pop`` is quadratic on a 150,000-column block)."""
    ids = frame[id_column].astype(str).str.strip()
    return frame.drop(columns=[id_column]).set_axis(ids.to_numpy(), axis=0)


def _refuse_overlaps(phenotypes: list[str], covariates: list[str], id_column: str | None) -> None:
    """A column cannot be two things at once: the id and a phenotype, a phenotype and a covariate."""
    if not phenotypes:
        raise DataError("name at least one phenotype column (--phenotypes pain,fatigue).")
    if id_column is not None and id_column in set(phenotypes) | set(covariates):
        raise DataError(f"'{id_column}' is the sample id column (--id); it cannot also be a phenotype or covariate.")
    both = [c for c in phenotypes if c in set(covariates)]
    if both:
        raise DataError(f"'{both[0]}' is named as a phenotype and as a covariate; a column can be only one of them.")
    for kind, listed in (("phenotype", phenotypes), ("covariate", covariates)):
        twice = [c for i, c in enumerate(listed) if c in listed[:i]]
        if twice:
            raise DataError(f"{kind} '{twice[0]}' is named twice.")


def _columns(frame: pd.DataFrame, names: list[str], what: str, source: str) -> None:
    missing = [c for c in names if c not in frame.columns]
    if missing:
        listed = "; ".join(f"'{c}'.{did_you_mean(c, map(str, frame.columns))}".rstrip(".") for c in missing)
        raise DataError(f"{source}: no {what} column(s) {listed}.")


def load_screen_inputs(
    data: str | Path,
    phenotypes: list[str],
    id_column: str | None = None,
    samples: str | Path | None = None,
    features_by_samples: bool = False,
    covariates: list[str] = (),  # type: ignore[assignment]
    sheet: str | None = None,
) -> ScreenInputs:
    """Read a screen's features, phenotypes and covariates, aligned on samples.

    Parameters
    ----------
    data : path
        Samples × features (one row per sample; features are every column that is not the id,
        a phenotype or a covariate), or, with ``features_by_samples``, features × samples (first
        column: the feature names; other columns: one per sample).
    phenotypes : list of str
        Phenotype columns, in ``data`` or in ``samples``.
    id_column : str, optional
        The sample id column (of ``data`` and ``samples``); default: row order (no sheet).
    samples : path, optional
        A sample sheet: sample id, phenotypes and covariates (required with ``features_by_samples``).
    features_by_samples : bool
    covariates : list of str
    sheet : str, optional
        XLSX sheet of ``data``.

    Returns
    -------
    ScreenInputs
    """
    name = Path(data).name
    _refuse_overlaps(phenotypes, covariates, id_column)
    read = _read(data, sheet)
    frame = read.frame
    notes: list[str] = list(read.notes)
    set_aside: list[dict] = []
    if features_by_samples:
        if samples is None:
            raise DataError("a features × samples matrix needs a sample sheet (--samples) with the phenotypes.")
        first = frame.columns[0]
        feature_names = frame[first].astype(str).str.strip()
        if feature_names.duplicated().any():
            raise DataError(f"{name}: feature '{feature_names[feature_names.duplicated()].iloc[0]}' appears twice.")
        frame = frame.drop(columns=first).T
        frame.columns = feature_names.to_list()
        frame.index = frame.index.astype(str).str.strip()
    sheet_name = Path(samples).name if samples is not None else ""
    sheet_read = _read(samples) if samples is not None else None
    sheet_frame = sheet_read.frame if sheet_read is not None else None
    notes += list(sheet_read.notes) if sheet_read is not None else []
    wanted = list(phenotypes) + list(covariates)
    if sheet_frame is not None:
        if id_column is None:
            raise DataError("a sample sheet is joined by the sample id: give --id (the sheet's id column).")
        _columns(sheet_frame, [id_column, *wanted], "sample-sheet", sheet_name)
        sheet_ids = sheet_frame[id_column].astype(str).str.strip()
        if sheet_ids.duplicated().any():
            twice = sheet_ids[sheet_ids.duplicated()].iloc[0]
            raise DataError(f"{sheet_name}: sample '{twice}' appears twice.")
        if not features_by_samples:
            _columns(frame, [id_column], "id", name)
            frame = _ids_as_index(frame, id_column)
        if frame.index.duplicated().any():
            twice = frame.index[frame.index.duplicated()][0]
            raise DataError(f"{name}: sample '{twice}' appears twice; one row (or column) per sample.")
        in_sheet, in_data = set(sheet_ids), set(frame.index)  # built once: matching stays linear
        shared = [s for s in frame.index if s in in_sheet]
        only_data = [s for s in frame.index if s not in in_sheet]
        only_sheet = [s for s in sheet_ids if s not in in_data]
        if only_data:
            notes.append(
                f"{len(only_data)} sample(s) of {name} are not in the sample sheet: {', '.join(only_data[:10])}"
            )
        if only_sheet:
            notes.append(
                f"{len(only_sheet)} sample(s) of the sample sheet are not in {name}: {', '.join(only_sheet[:10])}"
            )
        if not shared:
            raise DataError(f"no sample id of {name} is in the sample sheet (ids such as '{frame.index[0]}').")
        frame = frame.loc[shared]
        info = sheet_frame.set_index(sheet_ids)[wanted].loc[shared]
    else:
        _columns(frame, wanted, "phenotype/covariate", name)
        if id_column is not None:
            _columns(frame, [id_column], "id", name)
            frame = _ids_as_index(frame, id_column)
            if frame.index.duplicated().any():
                twice = frame.index[frame.index.duplicated()][0]
                raise DataError(f"{name}: sample '{twice}' appears twice in column '{id_column}'; one row per sample.")
        else:
            frame.index = [f"row {i + 2}" for i in range(len(frame))]
        info = frame[wanted]
        frame = frame.drop(columns=wanted)
    ids = pd.Series(frame.index, index=frame.index)
    if len(frame) < MIN_SAMPLES:
        raise DataError(
            f"{name}: {len(frame)} sample(s); a correlation needs at least {MIN_SAMPLES} samples with values."
        )
    features = _numeric(frame, ids, set_aside, read)
    if features.shape[1] == 0:
        raise DataError(f"{name}: no feature column is left after the id, phenotypes and covariates.")
    info_read = sheet_read if sheet_read is not None else read
    pheno = _numeric(info[list(phenotypes)], ids, set_aside, info_read)
    cov = _numeric(info[list(covariates)], ids, set_aside, info_read) if covariates else None
    if cov is not None:
        constant = [c for c in cov.columns if cov[c].nunique(dropna=True) <= 1]
        if constant:
            notes.append(
                f"covariate(s) {', '.join(constant)} take one value in every sample: adjusting for them changes "
                "nothing, so they are not used (and cost no degree of freedom)"
            )
            cov = cov.drop(columns=constant) if len(constant) < cov.shape[1] else None
    counts = np.isfinite(features.to_numpy()).sum(axis=0)
    empty = features.columns[counts < 3].tolist()
    if empty:
        notes.append(
            f"{len(empty)} feature(s) with fewer than 3 values are not tested: {', '.join(map(str, empty[:10]))}"
        )
        features = features.drop(columns=empty)
    return ScreenInputs(features, pheno, cov, pd.DataFrame(set_aside, columns=NOT_NUMERIC_COLUMNS), notes)


def read_sample_sheet(path: str | Path, id_column: str | None, columns: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A sample sheet's ``columns`` as numbers indexed by the sample id, and the cells set aside.

    Used where the features are read elsewhere (a Parquet matrix over Dask). Missing words
    (NA, empty) are NaN; text is set aside and listed, as in :func:`load_screen_inputs`.
    """
    read = _read(path)
    name = Path(path).name
    if id_column is None or id_column not in read.frame.columns:
        raise DataError(f"{name}: give --id, the sample sheet's id column.")
    _refuse_overlaps(columns, [], id_column)
    _columns(read.frame, columns, "phenotype", name)
    ids = read.frame[id_column].astype(str).str.strip()
    if ids.duplicated().any():
        raise DataError(f"{name}: sample '{ids[ids.duplicated()].iloc[0]}' appears twice.")
    info = read.frame[columns].set_axis(ids.to_numpy(), axis=0)
    set_aside: list[dict] = []
    values = _numeric(info, pd.Series(ids.to_numpy(), index=info.index), set_aside, read)
    return values, pd.DataFrame(set_aside, columns=NOT_NUMERIC_COLUMNS)
