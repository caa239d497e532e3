"""Office files are zip archives: what they unpack to is checked before anything is unpacked.

A 300 KB ``.docx`` can hold 300 MB of text (a "zip bomb"). :func:`check_archive` reads only the
archive's directory, so such a file is refused in milliseconds with a message, before python-docx
or openpyxl would build the whole document in memory.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ..errors import InputFileError

MAX_WORKBOOK_XML = 1 << 30
"""What an .xlsx's XML parts may unpack to (1 GiB: about two million rows of 30 columns)."""
MAX_DOCUMENT_XML = 256 << 20
"""What a .docx's XML parts may unpack to (256 MiB: a long paper's text is a few MB; images do not count)."""


def check_archive(source: bytes | str | Path, name: str, kind: str, limit: int) -> None:
    """Refuse a zip archive whose XML parts unpack to more than ``limit`` bytes (a file that is no
    zip passes: the reader that follows names what it is; images and other media do not count).

    Parameters
    ----------
    source : bytes or path
        The file's bytes, or its path.
    name : str
        The file's name, for messages.
    kind : str
        What the file should be ('Word .docx file', 'Excel workbook'), for messages.
    limit : int
        Largest total size of the unpacked XML entries, in bytes (:data:`MAX_WORKBOOK_XML`,
        :data:`MAX_DOCUMENT_XML`).

    Raises
    ------
    InputFileError
        More than ``limit`` bytes of XML unpacked.

    Examples
    --------
    >>> buffer = io.BytesIO()
    >>> with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
    ...     z.writestr("word/document.xml", "a" * 5000)
    >>> check_archive(buffer.getvalue(), "paper.docx", "Word .docx file", limit=4000)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    biocorr.errors.InputFileError: paper.docx: its XML unpacks to 5,000 bytes, more than the 4,000 a Word .docx file ...
    """
    stream = io.BytesIO(source) if isinstance(source, bytes) else Path(source)
    try:
        with zipfile.ZipFile(stream) as archive:
            unpacked = sum(i.file_size for i in archive.infolist() if i.filename.endswith((".xml", ".rels")))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return  # not a zip at all: the reader says what it is instead (a password-protected workbook ...)
    if unpacked > limit:
        raise InputFileError(
            f"{name}: its XML unpacks to {unpacked:,} bytes, more than the {limit:,} a {kind} may hold here (a "
            "damaged or crafted file?). Save it again, or export it as plain text (.txt for a paper, .csv for a table)."
        )
