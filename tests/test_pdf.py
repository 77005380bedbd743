"""`meetingtui export --pdf`: LibreOffice lays the referat out and numbers its contents page.

The PDF is read back with pypdf, as a reader (or a search engine) would meet it: the
contents page lists the seven titles of the reference minutes, each with the page its
item really starts on; the title's date is found by a text search; the file is tagged,
Danish, with every font embedded. Without LibreOffice these tests skip, saying so,
except on CI (CI=true), where a skipped PDF test would hide a missing dependency.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from io import BytesIO
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from meetingtui import cli, export, pdf, session
from meetingtui.errors import ExportError

pytestmark = pytest.mark.slow  # LibreOffice runs: seconds each (the rules: test_pdf_rules.py)


def office_or_skip() -> pdf.Office:
    try:
        return pdf.find_office()
    except pdf.PdfUnavailable as missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must install LibreOffice (see .ci/run): {missing}")
        pytest.skip(f"LibreOffice is not installed here: {missing}")


def has_carlito() -> bool:
    listing = shutil.which("fc-list")
    if not listing:
        return False
    found = subprocess.run([listing, "Carlito"], capture_output=True, text=True)
    return "Carlito" in found.stdout


def reference_contents(reference_text: str) -> list[tuple[str, int]]:
    """The reference minutes' contents: (title, page) per item."""
    found = re.findall(r"^(.+?)\.{5}\t(\d+)$", reference_text, flags=re.M)
    return [(title, int(page)) for title, page in found]


@pytest.fixture(scope="module")
def demo_pdf(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    office_or_skip()
    folder = tmp_path_factory.mktemp("pdf")
    target = folder / "X.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "meetingtui", "export", "--demo", "--pdf", "-o", str(target)],
        cwd=folder,
        env=dict(os.environ, COLUMNS="200", NO_COLOR="1", MEETINGTUI_DATA_DIR=str(folder / "d")),
        capture_output=True,
        text=True,
        timeout=300,
    )
    return result, target


@pytest.fixture(scope="module")
def reader(demo_pdf) -> PdfReader:
    result, target = demo_pdf
    assert result.returncode == 0, result.stderr
    return PdfReader(target)


def page_texts(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def test_the_cli_writes_the_public_pdf(demo_pdf):
    result, target = demo_pdf
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Offentligt referat gemt i {target}"
    assert target.read_bytes().startswith(b"%PDF-")
    assert target.stat().st_mode & 0o777 == 0o600
    if has_carlito():
        assert result.stderr == ""  # Calibri is laid out with Carlito: nothing to warn about
    assert not [p for p in target.parent.iterdir() if p.name.endswith((".tmp", ".docx"))]


def test_the_contents_page_numbers_the_seven_items_where_they_start(reader, reference_text):
    expected = reference_contents(reference_text)
    assert len(expected) == 7
    pages = page_texts(reader)
    lines = [" ".join(line.split()) for line in pages[1].splitlines()]
    assert "Indholdsfortegnelse" in lines
    numbered = {}
    for line in lines:
        entry = re.fullmatch(r"(.+?)\s*\.{3,}\s*(\d+)", line)
        if entry:
            numbered[entry.group(1)] = int(entry.group(2))
    assert list(numbered) == [title for title, _ in expected]
    for item, (title, page) in enumerate(numbered.items(), 1):
        heading = f"Punkt {item}: {title}"
        assert heading in " ".join(pages[page - 1].split()), f"{heading} is not on page {page}"
        assert heading not in " ".join(pages[page - 2].split())  # ...and starts there
    if has_carlito():  # the same fonts' widths as the reference's Calibri: the same pages
        assert list(numbered.items()) == expected


def test_the_title_date_is_found_by_a_text_search(reader):
    first = reader.pages[0].extract_text()
    assert "20-11-2025" in first
    assert "REFERAT Digitaliserings- og Innovationsudvalget d. 20-11-2025" in " ".join(
        first.split()
    )


def test_the_public_pdf_has_no_closed_item_text(reader):
    text = " ".join(" ".join(page_texts(reader)).split())
    assert "Punkt 2: Lukket punkt: Udbudsproces" in text
    assert "udbud med forhandling" not in text  # the closed item's decision (full only)
    assert "FORTROLIGT" not in text


def test_the_pdf_is_tagged_danish_and_embeds_every_font(reader):
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "da-DK"
    assert reader.metadata is not None
    assert reader.metadata.title == "REFERAT Digitaliserings- og Innovationsudvalget d. 20-11-2025"
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/FontDescriptor"].get_object()
            fonts[font["/BaseFont"]] = any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
    assert fonts and all(fonts.values()), fonts


def structure_roles(reader: PdfReader) -> list[str]:
    """The roles of the PDF's tag tree (its structure for screen readers), in order."""
    roles: list[str] = []

    def walk(node) -> None:
        node = node.get_object()
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict):
            if "/S" in node:
                roles.append(str(node["/S"]))
            if "/K" in node:
                walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"]["/K"])
    return roles


def test_the_tags_carry_the_headings_and_the_contents(reader):
    roles = structure_roles(reader)
    # the title (a heading a screen reader finds), Indholdsfortegnelse and the seven items
    assert roles.count("/H1") == 9
    assert roles.count("/TOC") == 1 and roles.count("/TOCI") == 7
    headings = [n for n, role in enumerate(roles) if role == "/H1"]
    assert roles.index("/H1") == min(i for i, r in enumerate(roles) if r not in ("/Document",))
    assert headings[1] < roles.index("/TOC") < headings[2]  # under Indholdsfortegnelse


def test_the_pdf_declares_pdf_ua(reader):
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r"<pdfuaid:part>1</pdfuaid:part>", xmp)


def test_the_headings_are_the_pdfs_outline(reader):
    top = [entry["/Title"] for entry in reader.outline if not isinstance(entry, list)]
    assert top[0].startswith("REFERAT Digitaliserings- og Innovationsudvalget")  # the title
    assert top[1] == "Indholdsfortegnelse"
    assert top[2:] == [t for t in top[2:] if t.startswith("Punkt ")] and len(top) == 9


def test_the_same_record_gives_the_same_pdf_text(reader):
    state = session.open_demo_session().state()
    again = PdfReader(BytesIO(pdf.convert(export.docx_bytes(state, full=False)).data))
    assert page_texts(again) == page_texts(reader)


def test_a_font_that_is_not_installed_is_named_in_a_warning():
    office_or_skip()
    state = session.open_demo_session().state()
    document = docx.Document(BytesIO(export.docx_bytes(state, full=False)))
    document.styles["Normal"].font.name = "Meetingtui Brevpapir Sans"  # a letterhead font
    data = BytesIO()
    document.save(data)
    made = pdf.convert(data.getvalue())
    [warning] = [w for w in made.warnings if "Meetingtui Brevpapir Sans" in w]
    assert warning.startswith("Skrifttypen »Meetingtui Brevpapir Sans« findes ikke")
    assert "installér Meetingtui Brevpapir Sans" in warning
    assert made.pages > 1 and made.data.startswith(b"%PDF-")


# -- a LibreOffice that fails: one line, nothing left running --------------------------------
def fake_soffice(tmp_path: Path, body: str) -> Path:
    fake = tmp_path / "bin" / "soffice"
    fake.parent.mkdir()
    fake.write_text(f"#!/bin/sh\n{body}\n")
    fake.chmod(0o755)
    return fake


def test_a_libreoffice_that_stops_at_start_is_an_export_error(tmp_path, monkeypatch):
    real = office_or_skip()
    monkeypatch.setenv("MEETINGTUI_SOFFICE", str(fake_soffice(tmp_path, "exit 3")))
    monkeypatch.setenv("MEETINGTUI_UNO_PYTHON", str(real.python))
    with pytest.raises(ExportError, match=r"LibreOffice \(.*soffice\) stoppede, før det var klar"):
        pdf.convert(b"not a docx", time_limit=30)


def running(pid: int) -> bool:
    """Whether the process is alive (a zombie waiting to be reaped is not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def test_a_failing_libreoffice_is_one_line_from_the_cli(tmp_path, capsys, monkeypatch):
    real = office_or_skip()
    monkeypatch.setenv("MEETINGTUI_SOFFICE", str(fake_soffice(tmp_path, "exit 3")))
    monkeypatch.setenv("MEETINGTUI_UNO_PYTHON", str(real.python))
    code = cli.main(["export", "--demo", "--pdf", "-o", str(tmp_path / "ud" / "x.pdf")])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert err.strip().splitlines() == [
        f"meetingtui: PDF'en blev ikke lavet: LibreOffice ({tmp_path / 'bin' / 'soffice'}) "
        "stoppede, før det var klar (exit status 3)"
    ]
    assert not (tmp_path / "ud").exists() or not list((tmp_path / "ud").iterdir())


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_a_libreoffice_that_never_answers_is_stopped_at_the_time_limit(tmp_path, monkeypatch):
    real = office_or_skip()
    child = tmp_path / "child.pid"
    # a soffice that starts a child of its own and never listens, as a hung one would
    fake = fake_soffice(tmp_path, f"sleep 300 &\necho $! > {child}\nwait")
    monkeypatch.setenv("MEETINGTUI_SOFFICE", str(fake))
    monkeypatch.setenv("MEETINGTUI_UNO_PYTHON", str(real.python))
    with pytest.raises(ExportError, match="LibreOffice svarede ikke inden for 2 sekunder"):
        pdf.convert(b"not a docx", time_limit=2)
    pid = int(child.read_text())
    for _ in range(50):  # SIGKILL is delivered, not waited for: give the kernel a moment
        if not running(pid):
            break
        time.sleep(0.1)
    assert not running(pid), "what soffice started is stopped too"
