"""The text of a paper for the reviewer checks: .txt/.md, PDF (through ``pdftotext``) or Word .docx.

A Word document is read paragraph by paragraph with its tables in document order: each table
becomes tab-separated rows right under the paragraph before it (its caption, "Table 2. ..."),
so the table reader (:mod:`biocorr.claims.tables`) sees the layout it reads in pasted text.
Formats that cannot be read as text (.doc, .rtf, .odt, .pages, or any binary file) are refused
with what to do, never decoded into garbage that would yield "no statement found".
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

from ..data.archive import MAX_DOCUMENT_XML, check_archive
from ..errors import InputFileError, missing_file_message

NOT_TEXT = {".doc": "Word 97-2003", ".rtf": "RTF", ".odt": "OpenDocument", ".pages": "Pages", ".xlsx": "Excel"}
CAPTION = re.compile(r"^\s*(?:Table|Tab\.)\s*[A-Z]?\d+", re.I)


def read_text_source(path: str | Path) -> str:
    """Text of a .txt/.md file, a PDF (``pdftotext -layout``) or a Word .docx.

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    str
        The text; a .docx's tables as tab-separated rows under their captions.

    Raises
    ------
    InputFileError
        A missing file, a format that is not text (with what to save it as), a PDF without
        ``pdftotext``, or a binary file.

    Examples
    --------
    >>> import tempfile, os
    >>> f = tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False); _ = f.write("r = .5, n = 20"); f.close()
    >>> read_text_source(f.name)
    'r = .5, n = 20'
    """
    path = Path(path)
    if not path.is_file():
        raise InputFileError(missing_file_message(path, "text file", ".txt, .md, .docx or .pdf"))
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return _pdf_text(path)
    if suffix == ".docx":
        return docx_text(path)
    if suffix in NOT_TEXT:
        raise InputFileError(
            f"{path.name}: a {NOT_TEXT[suffix]} file is not text. Save it as .docx, PDF or plain text (.txt) "
            "and check that file."
        )
    data = path.read_bytes()
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputFileError(f"{path.name}: this is a binary file, not text. Give a .txt, .md, .docx or .pdf file.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _pdf_text(path: Path) -> str:
    exe = shutil.which("pdftotext")
    if exe is None:
        raise InputFileError(
            f"{path.name}: reading a PDF needs the 'pdftotext' program "
            "(Debian/Ubuntu: apt-get install poppler-utils); or paste the text "
            "into a .txt file."
        )
    proc = subprocess.run([exe, "-layout", str(path), "-"], capture_output=True, text=True)
    if proc.returncode != 0:
        raise InputFileError(f"{path.name}: pdftotext failed: {proc.stderr.strip()}")
    return proc.stdout


def docx_text(path: str | Path) -> str:
    """A Word document's paragraphs and tables as text, in document order.

    Paragraphs are separated by blank lines; a table follows the paragraph before it on the next
    line when that paragraph is a caption ("Table 2. ..."), one tab-separated line per row (a
    merged cell once), and ends with a blank line.

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    str
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    path = Path(path)
    check_archive(path, path.name, "Word .docx file", MAX_DOCUMENT_XML)
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputFileError(f"{path.name}: cannot be read as a Word .docx file ({exc}).") from None
    except Exception as exc:  # a damaged package: python-docx and lxml raise many types
        raise InputFileError(
            f"{path.name}: the Word document is damaged ({type(exc).__name__}); open it in Word and save it again, "
            "or export the text as .txt."
        ) from None
    blocks: list[str] = []
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = Paragraph(element, document).text.strip()
            if text:
                blocks.append(text)
        elif tag == "tbl":
            rows = []
            for row in Table(element, document).rows:
                cells: list[str] = []
                previous = None
                for cell in row.cells:  # a horizontally merged cell comes back once per grid column
                    if cell._tc is not previous:
                        cells.append(" ".join(cell.text.split()))
                    previous = cell._tc
                rows.append("\t".join(cells))
            table = "\n".join(rows)
            if blocks and CAPTION.match(blocks[-1]) and not blocks[-1].endswith("\n"):
                blocks[-1] = blocks[-1] + "\n" + table
            else:
                blocks.append(table)
    return "\n\n".join(blocks) + "\n"
