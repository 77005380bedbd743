"""Reading the files `meetingtui verify` is given: a record's bytes, and a referat's text.

A referat is read as plain text, whatever made it: a Word document (every paragraph of
the body, its tables, headers and footers, through python-docx), a PDF (each page's
text, through pdfplumber) or an HTML page (its text, through the standard library's
parser; scripts and styles left out). Only the text matters: the fingerprint line is
found in it (fingerprint.py), across whatever line breaks the format put in it.

Every way a file can fail is one Danish line naming the file (exit status 2).
"""

from __future__ import annotations

import zipfile
from html.parser import HTMLParser
from pathlib import Path

from meetingtui import files
from meetingtui.errors import MeetingtuiError

REFERAT_MAX_BYTES = 64 * 1024 * 1024
MAX_PAGES = 2000
KINDS = {".docx": "docx", ".pdf": "pdf", ".html": "html", ".htm": "html"}
EXPECTED = ".docx, .pdf eller .html"


class UnreadableInput(MeetingtuiError):
    """A file verify was given cannot be read; str() is one Danish line naming it."""

    exit_code = 2


def read_file(path: Path, limit: int, expected: str) -> bytes:
    """The whole file (files.read_named), refused when empty."""
    try:
        data = files.read_named(path, limit, expected)
    except files.NotReadable as problem:
        raise UnreadableInput(str(problem)) from None
    if not data:
        raise UnreadableInput(f"{path}: filen er tom (forventede {expected})")
    return data


def referat_text(path: Path) -> str:
    """The text of a referat file (.docx, .pdf, .html)."""
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        raise UnreadableInput(
            f"{path}: filtypen »{path.suffix or '(ingen)'}« kan ikke læses som referat "
            f"(forventede {EXPECTED})"
        )
    data = read_file(path, REFERAT_MAX_BYTES, f"et referat: {EXPECTED}")
    if kind == "docx":
        return _docx_text(path, data)
    if kind == "pdf":
        return _pdf_text(path, data)
    return _html_text(data)


def _docx_text(path: Path, data: bytes) -> str:
    import io

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile):
        raise UnreadableInput(f"{path}: er ikke et Word-dokument, der kan læses") from None
    except Exception as error:  # lxml and python-docx fail in many ways on a damaged part
        raise UnreadableInput(
            f"{path}: Word-dokumentet er ødelagt og kan ikke læses ({type(error).__name__})"
        ) from None
    parts = [document.element.body]
    for section in document.sections:
        for story in (section.header, section.footer, section.first_page_header):
            if not story.is_linked_to_previous:
                parts.append(story._element)
    paragraphs = []
    for part in parts:
        for paragraph in part.iter(_W + "p"):
            paragraphs.append("".join(_run_text(node) for node in paragraph.iter()))
    return "\n".join(paragraphs)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _run_text(node) -> str:
    if node.tag == _W + "t":
        return node.text or ""
    if node.tag in (_W + "tab", _W + "br", _W + "cr"):
        return " "
    if node.tag == _W + "noBreakHyphen":
        return "-"
    return ""


def _pdf_text(path: Path, data: bytes) -> str:
    import io

    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as error:  # pdfminer raises many kinds on a damaged or locked file
        raise UnreadableInput(
            f"{path}: er ikke en PDF, der kan læses ({type(error).__name__})"
        ) from None
    pages = []
    with pdf:
        if len(pdf.pages) > MAX_PAGES:
            raise UnreadableInput(f"{path}: PDF'en har {len(pdf.pages)} sider (højst {MAX_PAGES})")
        for number, page in enumerate(pdf.pages, start=1):
            try:
                pages.append(page.extract_text() or "")
            except Exception as error:
                raise UnreadableInput(
                    f"{path}: side {number} kan ikke læses ({type(error).__name__})"
                ) from None
    return "\n".join(pages)


class _Text(HTMLParser):
    SKIPPED = frozenset({"script", "style", "template"})
    # Tags inside a line of text: no break between what comes before and after them.
    # fmt: off
    INLINE = frozenset({
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark",
        "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
    })
    # fmt: on

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in self.SKIPPED:
            self._skipping += 1
        if tag not in self.INLINE:
            self.parts.append("\n")  # a <br>, a new <p> or <li> parts the text

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIPPED and self._skipping:
            self._skipping -= 1
        if tag not in self.INLINE:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def _html_text(data: bytes) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # an older portal's page
    parser = _Text()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts)
