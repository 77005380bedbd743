"""The confidentiality canary (tests/test_confidentiality.py) on the PDF.

The public PDF is searched everywhere a reader or a tool could find a closed item's
marker: the text of every page, the document information and XMP metadata, the outline
(bookmarks), and every object of the file, streams decompressed. The full PDF, made the
same way, must show every marker in its page text: proof that the search would find them.
"""

from __future__ import annotations

import json
from hashlib import sha256
from io import BytesIO

import pytest
from pypdf import PdfReader
from pypdf.generic import IndirectObject, StreamObject
from test_confidentiality import MARKERS, MARKERS_2, PUBLIC_SUMMARY, SEAL, played
from test_html_confidentiality import played_2
from test_pdf import office_or_skip

from meetingtui import export

pytestmark = pytest.mark.slow  # four LibreOffice runs


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[bool, bytes]:
    office_or_skip()
    folder = tmp_path_factory.mktemp("canary")
    made = {}
    for full in (False, True):
        path, _ = export.export_with_warnings(
            played(PUBLIC_SUMMARY).state(), full=full, output=folder / f"{full}.pdf", kind="pdf"
        )
        made[full] = path.read_bytes()
    return made


@pytest.fixture(scope="module")
def pdfs_2(tmp_path_factory) -> dict[bool, bytes]:
    """The format-2 canary (sections, earlier decisions, attachments of a closed item)."""
    office_or_skip()
    folder = tmp_path_factory.mktemp("canary2")
    made = {}
    for full in (False, True):
        path, _ = export.export_with_warnings(
            played_2().state(), full=full, output=folder / f"{full}.pdf", kind="pdf"
        )
        made[full] = path.read_bytes()
    return made


def page_text(data: bytes) -> tuple[str, str]:
    """The pages' text, lines joined: a marker broken at a hyphen or a line still matches."""
    text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)
    return " ".join(text.split()), text.replace("-\n", "-").replace("\n", "")


def everything(data: bytes) -> str:
    """Metadata, outline and every object of the file (streams decompressed), as text."""
    reader = PdfReader(BytesIO(data))
    parts = [repr(dict(reader.metadata or {}))]
    xmp = reader.trailer["/Root"].get("/Metadata")
    if xmp is not None:
        parts.append(xmp.get_object().get_data().decode("utf-8", "replace"))

    def titles(outline) -> None:
        for entry in outline:
            if isinstance(entry, list):
                titles(entry)
            else:
                parts.append(str(entry.get("/Title", "")))

    titles(reader.outline)
    for number in range(1, int(reader.trailer["/Size"])):
        try:
            obj = reader.get_object(IndirectObject(number, 0, reader))
        except Exception:  # a free entry in the cross-reference table
            continue
        if isinstance(obj, StreamObject):
            parts.append(obj.get_data().decode("latin-1"))
        elif obj is not None:
            parts.append(repr(obj))
    return "\n".join(parts)


@pytest.mark.parametrize("field", sorted(MARKERS))
def test_no_marker_anywhere_in_the_public_pdf(pdfs, field):
    marker = MARKERS[field]
    for text in page_text(pdfs[False]):
        assert marker not in text
    assert marker not in everything(pdfs[False])
    assert marker.encode("utf-8") not in pdfs[False]
    assert marker.encode("utf-16-be") not in pdfs[False]


@pytest.mark.parametrize("field", sorted(MARKERS))
def test_the_full_pdf_shows_every_marker(pdfs, field):
    assert any(MARKERS[field] in text for text in page_text(pdfs[True]))


def test_the_search_of_every_object_finds_what_is_there(pdfs):
    """The full PDF's outline holds the closed item's sub-heading: `everything` sees it."""
    assert MARKERS["subheading"] in everything(pdfs[True])


def test_the_public_pdf_shows_the_heading_and_the_public_summary(pdfs):
    spaced, _ = page_text(pdfs[False])
    assert "Punkt 2: Lukket punkt: Salg af grund" in spaced
    assert PUBLIC_SUMMARY in spaced
    for phrase in ("stemte", "deltog ikke", "Sagsfremstilling", "inhabil", "FORTROLIGT"):
        assert phrase not in spaced, phrase


def test_every_page_of_the_full_pdf_says_it_is_confidential(pdfs):
    for number, page in enumerate(PdfReader(BytesIO(pdfs[True])).pages, 1):
        assert "FORTROLIGT" in page.extract_text(), f"page {number}"


@pytest.mark.parametrize("field", sorted(MARKERS_2))
def test_format_2_closed_item_fields_stay_out_of_the_public_pdf(pdfs_2, field):
    marker = MARKERS_2[field]
    for text in page_text(pdfs_2[False]):
        assert marker not in text
    assert marker not in everything(pdfs_2[False])
    assert any(marker in text for text in page_text(pdfs_2[True]))


def test_the_full_pdf_prints_the_approved_records_fingerprint_and_the_public_one_does_not(pdfs):
    """The canary meeting is approved: `meetingtui verify` reads the seal back from the
    full PDF's text, however LibreOffice breaks the line; the public PDF has none."""
    from meetingtui import fingerprint

    # The newest correction's own record line: {"t", "id", "d", "prev"}, prev its seal.
    newest = played(PUBLIC_SUMMARY).events[-1]
    entry = {
        "t": "events",
        "id": str(newest["id"]),
        "d": {key: value for key, value in newest.items() if key != "id"},
        "prev": SEAL,
    }
    own_line = json.dumps(entry, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    assert fingerprint.find(page_text(pdfs[True])[0]) == sha256(own_line.encode()).hexdigest()
    assert not fingerprint.labelled(page_text(pdfs[False])[0])
