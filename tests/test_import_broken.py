"""Broken and odd sources: each gives one clear Danish line naming the file, exit status 2,
no traceback, and no agenda file."""

from __future__ import annotations

import io
import os
import random
import zipfile

import pytest
from docx import Document

from meetingtui.cli import main
from meetingtui.importing import source


def _docx_bytes(*paragraphs: str) -> bytes:
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _blank_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_blank_pdf())))
    writer.encrypt(user_password="hemmelig", owner_password="hemmelig")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _scanned_pdf() -> bytes:
    """A page that is only a picture, as a scanner without text recognition makes it."""
    from PIL import Image, ImageDraw

    page = Image.new("RGB", (620, 877), "white")
    ImageDraw.Draw(page).rectangle((60, 60, 560, 90), fill="black")  # a 'heading' in pixels
    out = io.BytesIO()
    page.save(out, format="PDF")
    return out.getvalue()


def _junk(size: int) -> bytes:
    return random.Random(20251120).randbytes(size)


def _zip_member(data: bytes, name: str) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read(name)


def _broken_xml_docx() -> bytes:
    """A real .docx whose document part is cut in the middle of its XML."""
    whole = zipfile.ZipFile(io.BytesIO(_docx_bytes("Punkt 1: Vejplan")))
    parts = {name: whole.read(name) for name in whole.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"][:400]
    return _zip(parts)


NO_HEADINGS = "Referat af mødet.\n\nVi drøftede vejene og cykelstierne.\n\nMødet sluttede kl. 18.\n"

# name → (file name, bytes, words the message must hold)
CASES = {
    "empty text file": ("tom.txt", b"", "filen er tom"),
    "empty Word file": ("tom.docx", b"", "filen er tom"),
    "only blank lines": ("blank.txt", b"\n\n   \n\t\n", "filen er tom"),
    "text without item headings": (
        "ingen-punkter.txt",
        NO_HEADINGS.encode(),
        "fandt ingen dagsordenspunkter",
    ),
    "Word file without item headings": (
        "ingen-punkter.docx",
        _docx_bytes("Referat", "Vi drøftede vejene.", "Mødet sluttede kl. 18."),
        "fandt ingen dagsordenspunkter",
    ),
    "PDF locked with a password": ("laast.pdf", _encrypted_pdf(), "adgangskode"),
    "scanned PDF with no text": ("skannet.pdf", _scanned_pdf(), "ingen tekst"),
    "blank PDF": ("blank.pdf", _blank_pdf(), "ingen tekst"),
    ".docx that is really a spreadsheet zip": (
        "regneark.docx",
        _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}),
        "anden slags zip-fil",
    ),
    ".docx that is really a PDF": ("dagsorden.docx", _blank_pdf(), "ligner en PDF"),
    ".pdf that is really a Word file": (
        "dagsorden.pdf",
        _docx_bytes("Punkt 1: Vejplan"),
        "ligner et Word-dokument",
    ),
    ".txt that is really a PDF": ("dagsorden.txt", _blank_pdf(), "ligner en PDF"),
    "a file type it does not read": (
        "dagsorden.odt",
        _zip({"content.xml": b"<x/>"}),
        "filtypen ».odt«",
    ),
    "no extension": ("dagsorden", b"Punkt 1: Vejplan\n", "filtypen »(ingen)«"),
    "binary junk as text": ("junk.txt", b"\x00\x01" + _junk(5000), "binære data"),
    "junk behind a PDF header": (
        "junk.pdf",
        b"%PDF-1.7\n" + _junk(5000),
        "er ikke en PDF, der kan læses",
    ),
    "a Word file cut short": ("afkortet.docx", _docx_bytes("Punkt 1: Vejplan")[:1500], "ødelagt"),
    "a Word file with broken XML": ("ødelagt.docx", _broken_xml_docx(), "ødelagt"),
    "text in neither UTF-8 nor Windows Danish": (
        "latin.txt",
        bytes(range(128, 256)) * 4 + b"\x81\x8d\x8f\x90\x9d",
        "kan læses",
    ),
    "a portal page without items": (
        "side.html",
        b"<html><body><h3>UDVALG</h3><p>Teknik</p><p>Ingen punkter i dag.</p></body></html>",
        "fandt ingen dagsordenspunkter",
    ),
}


def _run(path, tmp_path, capsys) -> str:
    target = tmp_path / "agenda.toml"
    code = main(["import", str(path), "-o", str(target)])
    captured = capsys.readouterr()
    assert code == 2, captured
    assert not target.exists()
    assert "Traceback" not in captured.err + captured.out
    lines = captured.err.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"meetingtui: {path}: "), lines[0]
    return lines[0]


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_a_broken_source_gives_one_danish_line(case, tmp_path, capsys):
    name, data, words = CASES[case]
    path = tmp_path / name
    path.write_bytes(data)
    assert words in _run(path, tmp_path, capsys)


def test_a_huge_file_is_refused_before_it_is_read(tmp_path, capsys):
    path = tmp_path / "kæmpe.txt"
    with open(path, "wb") as handle:
        handle.truncate(source.MAX_BYTES + 1)  # sparse: costs no disk
    assert "filen er for stor" in _run(path, tmp_path, capsys)


def test_a_folder_and_a_missing_file(tmp_path, capsys):
    folder = tmp_path / "mappe.docx"
    folder.mkdir()
    assert "er en mappe" in _run(folder, tmp_path, capsys)
    assert "filen findes ikke" in _run(tmp_path / "findes-ikke.pdf", tmp_path, capsys)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_a_file_it_may_not_read(tmp_path, capsys):
    path = tmp_path / "hemmelig.txt"
    path.write_text("Punkt 1: Vejplan\n", encoding="utf-8")
    path.chmod(0)
    assert "ingen adgang" in _run(path, tmp_path, capsys)


def test_utf16_text_from_windows_is_read_not_refused(tmp_path, capsys):
    path = tmp_path / "dagsorden.txt"
    path.write_bytes(
        "Punkt 1: Vejplan 2027\n\nSagsfremstilling\n\nTekst om veje.\n".encode("utf-16")
    )
    assert main(["import", str(path), "-o", str(tmp_path / "a.toml")]) == 0
    assert "Vejplan 2027" in (tmp_path / "a.toml").read_text(encoding="utf-8")


def test_an_agenda_it_cannot_write_is_one_danish_line(tmp_path, capsys):
    source = tmp_path / "dagsorden.txt"
    source.write_text("Punkt 1: Vejplan 2027\n\nSagsfremstilling\n\nTekst.\n", encoding="utf-8")
    for target, words in (
        (tmp_path / "findes-ikke" / "a.toml", "mappen findes ikke"),
        (tmp_path / "a.docx", "endelsen .toml"),
    ):
        assert main(["import", str(source), "-o", str(target)]) == 2
        err = capsys.readouterr().err.splitlines()
        assert err == [f"meetingtui: {target}: " + err[0].split(f"{target}: ", 1)[1]]
        assert words in err[0]
        assert not target.exists()
