"""Which reader a source file needs, decided by its bytes (the extension must agree), and
every way a file can fail as one Danish line."""

from __future__ import annotations

import errno
import zipfile
from pathlib import Path

from meetingtui import files
from meetingtui.importing.blocks import Block, ImportFailed

MAX_BYTES = 64 * 1024 * 1024  # a 500-page dagsorden with pictures is well under this
KINDS = {
    ".docx": "docx",
    ".pdf": "pdf",
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
}
_NAMES = {
    "docx": "et Word-dokument (.docx)",
    "pdf": "en PDF",
    "txt": "tekst",
    "html": "en webside (.html)",
}
EXPECTED = ".docx, .pdf, .txt eller .html"


def read_blocks(path: Path) -> list[Block]:
    name = str(path)
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        hint = f"; filen ligner {_NAMES[s]}" if (s := _sniff_path(path)) in _NAMES else ""
        if path.suffix.lower() in (".doc", ".odt", ".rtf", ".docm", ".dotx"):
            hint = "; gem den som Word-dokument (.docx) i Word eller LibreOffice"
        raise ImportFailed(
            f"{name}: filtypen »{path.suffix or '(ingen)'}« kan ikke importeres (forventede {EXPECTED}){hint}"
        )
    data = _read(path, name)
    if not data.strip():
        raise ImportFailed(f"{name}: filen er tom (forventede en dagsorden eller et referat)")
    sniffed = sniff(data)
    if sniffed == "damaged-zip":
        raise ImportFailed(
            f"{name}: filen er ødelagt (en zip-fil, der ikke kan åbnes; gem dokumentet igen)"
        )
    if (
        kind in ("docx", "pdf")
        and sniffed != kind
        or kind in ("txt", "html")
        and sniffed in ("docx", "pdf", "zip")
    ):
        found = _NAMES.get(
            sniffed or "",
            "noget andet (en anden slags zip-fil)" if sniffed == "zip" else "binære data",
        )
        raise ImportFailed(
            f"{name}: er ikke {_NAMES[kind]}, som endelsen siger: filen ligner {found}"
        )
    if kind == "docx":
        from meetingtui.importing import docx_source

        return docx_source.read(path, name)
    if kind == "pdf":
        from meetingtui.importing import pdf_source

        return pdf_source.read(path, name)
    if kind == "html":
        from meetingtui.importing import html_source

        return html_source.read(data, name)
    from meetingtui.importing import text_source

    return text_source.read(data, name)


def sniff(data: bytes) -> str | None:
    if data.startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        import io

        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except (zipfile.BadZipFile, ValueError, EOFError):
            return "damaged-zip"
        return "docx" if "word/document.xml" in names else "zip"
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    return None


def _sniff_path(path: Path) -> str | None:
    try:
        with open(path, "rb") as handle:
            return sniff(handle.read(65536))
    except OSError:
        return None


def _read(path: Path, name: str) -> bytes:
    try:
        return files.read_named(path, MAX_BYTES, f"en fil: {EXPECTED}", name)
    except files.NotReadable as problem:
        raise ImportFailed(str(problem)) from None


_WRITE_REASONS = {
    errno.ENOENT: "mappen findes ikke",
    errno.ENOTDIR: "en del af stien er en fil, ikke en mappe",
    errno.EACCES: "ingen adgang til at skrive der",
    errno.EPERM: "ingen adgang til at skrive der",
    errno.EROFS: "disken er skrivebeskyttet",
    errno.ENOSPC: "disken er fuld",
    errno.EISDIR: "der står en mappe med det navn",
    errno.EEXIST: "findes allerede (brug --overwrite for at erstatte den)",
}


def write_agenda(target: Path, text: str, overwrite: bool) -> None:
    """Write the agenda whole (never a half file); an existing one only with `overwrite`."""
    from meetingtui import files

    if target.suffix.lower() != ".toml":
        raise ImportFailed(f"{target}: agendaen skal have endelsen .toml")
    data = text.encode("utf-8")
    try:
        if overwrite and (target.exists() or target.is_symlink()):
            files.replace_file(target, data)
        else:
            files.write_new(target, data)
    except OSError as error:
        why = _WRITE_REASONS.get(error.errno or 0, error.strerror or str(error))
        raise ImportFailed(f"{target}: kan ikke skrive agendaen: {why}") from None
