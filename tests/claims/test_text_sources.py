"""Reading a paper for the reviewer checks: Word .docx with its tables, text encodings, refusals."""

from __future__ import annotations

import docx
import pytest

from biocorr.claims import extract_claims, read_text_source
from biocorr.errors import InputFileError


def _paper(path):
    d = docx.Document()
    d.add_paragraph("TNF correlated with pain (r = 0.56, p = 0.037, n = 14).")
    d.add_paragraph("Table 2. Spearman correlations between TNF and clinical scores (n = 14)")
    t = d.add_table(rows=4, cols=3)
    for i, row in enumerate([["Score", "ρ", "p"], ["VAS", "0.56", "0.037"], ["HADS-A", "0.55", "0.041"]]):
        for j, v in enumerate(row):
            t.cell(i, j).text = v
    merged = t.cell(3, 0).merge(t.cell(3, 2))  # a note row across the table: one cell, read once
    merged.text = "FIQR not measured"
    d.add_paragraph("Anxiety: r = 0.48, p = 0.012 (n = 26).")
    d.save(path)


def test_a_word_paper_gives_its_sentences_and_its_tables_in_order(tmp_path):
    _paper(tmp_path / "paper.docx")
    text = read_text_source(tmp_path / "paper.docx")
    assert (
        "Table 2. Spearman correlations between TNF and clinical scores (n = 14)\nScore\tρ\tp\nVAS\t0.56\t0.037" in text
    )
    assert "\nFIQR not measured\n" in text  # the merged cell once, not three times
    found, _ = extract_claims(text, "paper")
    got = sorted((f.claim.r.text, f.claim.p.text, f.claim.n, f.claim.method) for f in found)
    assert got == [
        ("0.48", "0.012", 26, "pearson"),
        ("0.55", "0.041", 14, "spearman"),
        ("0.56", "0.037", 14, "pearson"),
        ("0.56", "0.037", 14, "spearman"),
    ]


@pytest.mark.parametrize(("name", "data", "fragment"), [
    ("paper.doc", b"\xd0\xcf\x11\xe0 old word", "a Word 97-2003 file is not text"),
    ("paper.rtf", b"{\\rtf1 r = .5}", "a RTF file is not text"),
    ("paper.txt", b"r = .5\x00\x00\x01", "this is a binary file"),
    ("paper.docx", b"not a zip", "cannot be read as a Word .docx file"),
])  # fmt: skip
def test_files_that_are_not_text_are_refused_with_what_to_do(tmp_path, name, data, fragment):
    (tmp_path / name).write_bytes(data)
    with pytest.raises(InputFileError, match=fragment):
        read_text_source(tmp_path / name)


def test_utf16_text_from_word_save_as_unicode_text_is_read(tmp_path):
    (tmp_path / "p.txt").write_bytes("ρ = −0.42, p = .03, n = 30".encode("utf-16"))
    assert read_text_source(tmp_path / "p.txt") == "ρ = −0.42, p = .03, n = 30"


def _docx_with_body(path, body_xml: bytes) -> None:
    """A real .docx (python-docx's own parts) whose document.xml is replaced by ``body_xml``."""
    import zipfile

    doc = docx.Document()
    doc.add_paragraph("placeholder")
    plain = path.with_suffix(".tmp.docx")
    doc.save(str(plain))
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, body_xml if item.filename == "word/document.xml" else src.read(item.filename))


def test_a_docx_that_unpacks_beyond_the_limit_is_refused_before_it_is_parsed(tmp_path, monkeypatch):
    from biocorr.claims import text_sources

    ns = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = (
        b"<w:document "
        + ns
        + b"><w:body><w:p><w:r><w:t>"
        + b"a" * 3_000_000
        + b"</w:t></w:r></w:p></w:body></w:document>"
    )
    path = tmp_path / "bomb.docx"
    _docx_with_body(path, body)
    assert path.stat().st_size < 60_000  # 3 MB of text packs into a few KB
    monkeypatch.setattr(text_sources, "MAX_DOCUMENT_XML", 2_000_000)
    with pytest.raises(
        InputFileError, match=r"bomb\.docx: its XML unpacks to 3,\d{3},\d{3} bytes, more than the 2,000,000"
    ):
        read_text_source(path)
    monkeypatch.setattr(text_sources, "MAX_DOCUMENT_XML", 4_000_000)  # within the limit: read as usual
    assert read_text_source(path).startswith("aaaa")


def test_a_damaged_docx_is_refused_with_what_to_do(tmp_path):
    path = tmp_path / "damaged.docx"
    _docx_with_body(path, b"<w:document><w:body><w:p>not closed")
    with pytest.raises(InputFileError, match=r"damaged\.docx: the Word document is damaged \(\w+\); open it in Word"):
        read_text_source(path)
    types_broken = tmp_path / "types.docx"
    import zipfile

    with zipfile.ZipFile(types_broken, "w") as z:  # a zip whose content-types part is not what Word writes
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<x/>")
    with pytest.raises(InputFileError, match=r"types\.docx: the Word document is damaged"):
        read_text_source(types_broken)
