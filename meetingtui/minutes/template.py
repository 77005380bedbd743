"""A body's own Word template (.dotx or .docx) as the ground the referat is written on.

The template keeps its styles, fonts, page size and margins, headers and footers (a
first-page letterhead and logo included); its body text is removed, so the referat starts
on an empty page of it. A .dotx is opened as a document: python-docx refuses the
template content type, so `[Content_Types].xml` is given the document's in memory, and
the referat is saved as a document (a .docx Word opens as a file, not as a new document
from a template). Where the template has no footer, the referat's page numbers go there;
a header or footer the template has is left as it is.

A template that is missing or is not a Word file is one Danish line (exit status 2).
"""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

from meetingtui.errors import ExportError

TEMPLATE_TYPE = b"wordprocessingml.template.main+xml"
DOCUMENT_TYPE = b"wordprocessingml.document.main+xml"
MACRO_TYPES = (b"ms-word.template.macroEnabledTemplate.main+xml", b"ms-word.document.macroEnabled")
LIMIT = 64 * 1024 * 1024


class TemplateError(ExportError):
    """The body's template cannot be used."""

    exit_code = 2


def open_template(path: Path):
    """The template as a python-docx Document with an empty body, or TemplateError."""
    from docx import Document

    data = _read(path)
    try:
        with zipfile.ZipFile(BytesIO(data)) as source:
            members = [(info, source.read(info)) for info in source.infolist()]
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise TemplateError(
            _broken(path, "filen er ikke en Word-skabelon (ikke en zip-fil)")
        ) from None
    types = next(
        (content for info, content in members if info.filename == "[Content_Types].xml"), b""
    )
    if any(kind in types for kind in MACRO_TYPES):
        raise TemplateError(
            _broken(path, "skabeloner med makroer (.dotm, .docm) bruges ikke; gem den som .dotx")
        )
    if TEMPLATE_TYPE not in types and DOCUMENT_TYPE not in types:
        raise TemplateError(_broken(path, "filen er ikke et Word-dokument eller en Word-skabelon"))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info, content in members:
            if info.filename == "[Content_Types].xml":
                content = content.replace(TEMPLATE_TYPE, DOCUMENT_TYPE)
            target.writestr(info, content)
    try:
        document = Document(BytesIO(out.getvalue()))
    except Exception as error:  # python-docx raises many kinds on a damaged package
        raise TemplateError(
            _broken(path, f"Word-filen kan ikke læses ({type(error).__name__})")
        ) from None
    _empty_body(document)
    return document


def _read(path: Path) -> bytes:
    try:
        if path.stat().st_size > LIMIT:
            raise TemplateError(_broken(path, "filen er over 64 MB"))
        return path.read_bytes()
    except FileNotFoundError:
        raise TemplateError(
            f"{path}: skabelonen findes ikke (forventet en .dotx- eller .docx-fil)"
        ) from None
    except IsADirectoryError:
        raise TemplateError(f"{path}: er en mappe (forventet en .dotx- eller .docx-fil)") from None
    except OSError as error:
        raise TemplateError(f"{path}: skabelonen kan ikke læses: {error.strerror}") from None


def _broken(path: Path, why: str) -> str:
    return f"{path}: skabelonen kan ikke bruges: {why}"


def _empty_body(document) -> None:
    """Remove the template's body text, keeping its last section (page, header, footer)."""
    from docx.oxml.ns import qn

    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
