"""Reading a screen's inputs: a samples × features table, or a features × samples matrix with a
sample sheet (the usual omics layout); CSV/TSV/TXT (delimiter sniffed), XLSX or Parquet.

Numbers are parsed with pandas' C reader (a wide omics table is never held as Python strings);
a cell that is neither a number nor empty/NA is set aside and listed with its sample and column
(never dropped silently); samples found in only one of matrix and sample sheet are listed too.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..data.read import EXCEL_SUFFIXES, decode_bytes, sniff_delimiter
from ..errors import DataError, InputFileError, did_you_mean

NA_TEXT = ["", "NA", "N/A", "NaN", "nan", "na", "-", ".", "NULL", "null", "#N/A"]
NOT_NUMERIC_COLUMNS = ["sample", "column", "value"]


@dataclass(frozen=True)
class ScreenInputs:
    """Samples on the rows, in one order, for features, phenotypes and covariates.

    ``set_aside``: cells that were not numbers (sample, column, value); ``notes``: samples
    found in only one of the inputs, and other things the user should know.
    """

    features: pd.DataFrame
    phenotypes: pd.DataFrame
    covariates: pd.DataFrame | None
    set_aside: pd.DataFrame
    notes: list[str] = field(default_factory=list)


def read_frame(path: str | Path, sheet: str | None = None) -> pd.DataFrame:
    """A table as text cells (header from the first row), from CSV/TSV/TXT, XLSX or Parquet."""
    path = Path(path)
    if not path.is_file():
        raise InputFileError(f"'{path}' does not exist or is not a file.")
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        try:
            return pd.read_parquet(path).astype(object)
        except ImportError:
            raise InputFileError(
                f"{path.name}: reading Parquet needs pyarrow (pip install 'biocorr[screen]'); or save it as CSV."
            ) from None
    if suffix in EXCEL_SUFFIXES:
        return pd.read_excel(path, sheet_name=sheet or 0, dtype=object)
    data = path.read_bytes()
    text, _ = decode_bytes(data, path.name)
    if not text.strip():
        raise InputFileError(f"{path.name}: the file is empty.")
    delim = sniff_delimiter(text[:65536])
    return pd.read_csv(io.StringIO(text), sep=delim, dtype=str, keep_default_na=False, engine="c")


def _numeric(frame: pd.DataFrame, ids: pd.Series, set_aside: list) -> pd.DataFrame:
    out = {}
    for col in frame.columns:
        raw = frame[col]
        values = pd.to_numeric(raw, errors="coerce")
        text = raw.astype(str).str.strip()
        bad = values.isna() & ~text.isin(NA_TEXT) & raw.notna()
        for i in np.flatnonzero(bad.to_numpy()):
            set_aside.append(dict(sample=str(ids.iloc[i]), column=str(col), value=str(raw.iloc[i])))
        out[col] = values.astype(float)
    return pd.DataFrame(out, index=frame.index)


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
    frame = read_frame(data, sheet)
    notes: list[str] = []
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
    sheet_frame = read_frame(samples) if samples is not None else None
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
            frame.index = frame.pop(id_column).astype(str).str.strip()
        if frame.index.duplicated().any():
            twice = frame.index[frame.index.duplicated()][0]
            raise DataError(f"{name}: sample '{twice}' appears twice; one row (or column) per sample.")
        shared = [s for s in frame.index if s in set(sheet_ids)]
        only_data = [s for s in frame.index if s not in set(sheet_ids)]
        only_sheet = [s for s in sheet_ids if s not in set(frame.index)]
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
            frame.index = frame.pop(id_column).astype(str).str.strip()
            if frame.index.duplicated().any():
                twice = frame.index[frame.index.duplicated()][0]
                raise DataError(f"{name}: sample '{twice}' appears twice in column '{id_column}'; one row per sample.")
        else:
            frame.index = [f"row {i + 2}" for i in range(len(frame))]
        info = frame[wanted]
        frame = frame.drop(columns=wanted)
    ids = pd.Series(frame.index, index=frame.index)
    features = _numeric(frame, ids, set_aside)
    if features.shape[1] == 0:
        raise DataError(f"{name}: no feature column is left after the id, phenotypes and covariates.")
    pheno = _numeric(info[list(phenotypes)], ids, set_aside)
    cov = _numeric(info[list(covariates)], ids, set_aside) if covariates else None
    empty = [c for c in features.columns if features[c].notna().sum() < 3]
    if empty:
        notes.append(
            f"{len(empty)} feature(s) with fewer than 3 values are not tested: {', '.join(map(str, empty[:10]))}"
        )
        features = features.drop(columns=empty)
    return ScreenInputs(features, pheno, cov, pd.DataFrame(set_aside, columns=NOT_NUMERIC_COLUMNS), notes)
