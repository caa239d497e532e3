"""Reading per-subject tables from CSV/TSV/XLSX exactly as the user saved them.

Everything is read as text (CSV) or as the cell's own value (XLSX): turning
text into numbers is the validator's job, so that every cell that fails to
parse can be reported with the text that was found.

CSV handling covers what spreadsheets and instruments write: UTF-8 with or
without BOM (Latin-1/cp1252 as a fallback), CR, LF or CRLF line ends, and the
delimiter sniffed among comma, semicolon, tab and pipe. A semicolon- or
tab-delimited file may use decimal commas (European Excel); see
:attr:`RawTable.decimal_comma_allowed`.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .errors import InputFileError

DELIMITERS = [",", ";", "\t", "|"]
EXCEL_SUFFIXES = {".xlsx", ".xlsm"}


@dataclass(frozen=True)
class RawTable:
    """A table as read, before validation.

    Attributes
    ----------
    frame : DataFrame
        Cells as text (CSV) or as stored (XLSX); columns named by the header row.
    source : str
        File name shown in messages.
    sha256 : str
        Hash of the file's bytes, for the reproducibility record.
    delimiter : str or None
        The CSV delimiter found (None for XLSX).
    encoding : str
    header_row : int
        Spreadsheet row number of the header (1); data row k is spreadsheet row k + 1.
    """

    frame: pd.DataFrame
    source: str
    sha256: str
    delimiter: str | None
    encoding: str
    header_row: int = 1

    @property
    def decimal_comma_allowed(self) -> bool:
        """True when the delimiter is not a comma, so '1,5' can mean 1.5."""
        return self.delimiter is not None and self.delimiter != ","


def cell_text(value) -> str:
    """A cell as text: integer-valued numbers without '.0' (Excel ids), strings stripped, None as ''.

    Examples
    --------
    >>> cell_text(12.0), cell_text(" P01 "), cell_text(None)
    ('12', 'P01', '')
    """
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _decode(data: bytes, name: str) -> tuple[str, str]:
    for enc in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    raise InputFileError(f"{name}: cannot decode the file as text.")  # pragma: no cover


def _sniff_delimiter(text: str) -> str:
    sample = "\n".join(text.split("\n")[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        header = sample.split("\n", 1)[0]
        counts = {d: header.count(d) for d in DELIMITERS}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] > 0 else ","


def read_text_table(text: str, source: str = "<text>", sha256: str = "", encoding: str = "utf-8") -> RawTable:
    """Parse delimited text into a :class:`RawTable` (all cells as strings).

    Examples
    --------
    >>> t = read_text_table("id;CD4\\r1;3,5\\r2;4,0\\r")
    >>> t.delimiter, t.frame["CD4"].tolist(), t.decimal_comma_allowed
    (';', ['3,5', '4,0'], True)
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputFileError(f"{source}: the file is empty.")
    delim = _sniff_delimiter(text)
    try:
        frame = pd.read_csv(
            io.StringIO(text), sep=delim, dtype=str, keep_default_na=False, skip_blank_lines=True, engine="python"
        )
    except (pd.errors.ParserError, csv.Error) as exc:
        raise InputFileError(f"{source}: cannot parse as a delimited table ({exc}).") from None
    frame.columns = [str(c).strip() for c in frame.columns]
    return RawTable(frame=frame, source=source, sha256=sha256, delimiter=delim, encoding=encoding)


def read_table(path: str | Path, sheet: str | int | None = None) -> RawTable:
    """Read a CSV, TSV or XLSX file as a :class:`RawTable`.

    Parameters
    ----------
    path : str or Path
    sheet : str or int, optional
        XLSX sheet name or 0-based index (default: the first sheet).

    Returns
    -------
    RawTable

    Raises
    ------
    InputFileError
        The file is missing, empty, or not a table.

    Examples
    --------
    >>> from biocorr.datasets import data_path
    >>> t = read_table(data_path("hivsn"))
    >>> t.frame.shape
    (197, 21)
    """
    path = Path(path)
    if not path.exists():
        raise InputFileError(f"data file '{path}' does not exist.")
    if path.is_dir():
        raise InputFileError(f"'{path}' is a folder; give the path of a .csv, .tsv or .xlsx file.")
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if path.suffix.lower() in EXCEL_SUFFIXES:
        if not data:
            raise InputFileError(f"{path.name}: the file is empty.")
        try:
            frame = pd.read_excel(
                io.BytesIO(data), sheet_name=0 if sheet is None else sheet, dtype=object, engine="openpyxl"
            )
        except ValueError as exc:
            raise InputFileError(f"{path.name}: {exc}.") from None
        except Exception as exc:  # openpyxl raises many types for a corrupt file
            raise InputFileError(f"{path.name}: cannot read as an Excel workbook ({exc}).") from None
        frame.columns = [str(c).strip() for c in frame.columns]
        frame = frame.astype(object).where(frame.notna(), "")
        if frame.empty:
            raise InputFileError(f"{path.name}: the sheet has no data rows.")
        return RawTable(
            frame=frame.reset_index(drop=True), source=path.name, sha256=digest, delimiter=None, encoding="xlsx"
        )
    if path.suffix.lower() == ".xls":
        raise InputFileError(f"{path.name}: old .xls workbooks are not supported; save it as .xlsx or .csv in Excel.")
    text, enc = _decode(data, path.name)
    return read_text_table(text, source=path.name, sha256=digest, encoding=enc)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


def neutralise_cell(value):
    """A text cell made safe to open in a spreadsheet: text that a spreadsheet would run as a formula
    (starting with =, +, -, @, tab or CR, and not a plain number) gets a leading apostrophe.

    Numbers, and text that is a plain number such as '-99', are returned unchanged.

    References
    ----------
    OWASP, "CSV Injection" (https://owasp.org/www-community/attacks/CSV_Injection).

    Examples
    --------
    >>> neutralise_cell("=HYPERLINK(\\"http://x\\")"), neutralise_cell("-99"), neutralise_cell(-0.5)
    ('\\'=HYPERLINK("http://x")', '-99', -0.5)
    """
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def write_csv(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write a table as CSV with every text cell and header neutralised (:func:`neutralise_cell`).

    Floats are written in their shortest round-trip form, so reading the CSV back gives exactly
    the values computed.

    Examples
    --------
    >>> import tempfile
    >>> p = write_csv(pd.DataFrame({"id": ["@SUM(A1)", "P01"], "r": [-0.5, 0.25]}), Path(tempfile.mkdtemp()) / "t.csv")
    >>> p.read_text().splitlines()
    ['id,r', "'@SUM(A1),-0.5", 'P01,0.25']
    """
    safe = frame.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]) and not pd.api.types.is_bool_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise_cell)
    safe.columns = [neutralise_cell(str(c)) for c in safe.columns]
    path = Path(path)
    safe.to_csv(path, index=False)
    return path
