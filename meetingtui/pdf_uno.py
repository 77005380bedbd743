"""A .docx to PDF through LibreOffice over UNO, run by LibreOffice's own Python.

`uno` can be imported only by the Python LibreOffice was built with (Debian's
/usr/bin/python3 with python3-uno; the python bundled with LibreOffice on macOS and
Windows), never from the project's venv. `meetingtui.pdf` therefore runs this file as a
script of that Python (`python -I pdf_uno.py JOB.json`); it imports nothing of meetingtui,
only the standard library and `uno`, and `uno` only inside `main`, so the module also
imports (and is type-checked) where `uno` is missing.

The job (a JSON file) names soffice, a private profile folder, a private folder for
LibreOffice's temporary files, the .docx, the PDF to write and a time limit. The script starts soffice headless on a private pipe with that
profile (a LibreOffice the user has open would otherwise take the connection), loads the
document hidden with macros off, updates every index, refreshes the fields, updates the
indexes again (page numbers shift once the contents are filled in), and stores a tagged
PDF/UA with embedded fonts. It prints one JSON object: the contents as LibreOffice
numbered them, the fonts the text asks for, and the page count; or {"error": KIND,
"detail": ...} and exit status 1, KIND one of "start" (soffice ended before it listened),
"timeout" (it never listened), "load" (it could not open the document) or "other". soffice is always stopped before the script ends.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

PDF_FILTER_DATA: dict[str, Any] = {
    "UseTaggedPDF": True,  # headings, reading order, language: an accessible PDF
    "PDFUACompliance": True,  # PDF/UA (LibreOffice 7.2 and later; older ones ignore it)
    "EmbedStandardFonts": True,  # even the 14 standard fonts: every font is embedded
    "ExportBookmarks": True,  # the headings as the PDF's outline
    "ExportNotes": False,
    "UseLosslessCompression": True,
    "IsSkipEmptyPages": False,
}


class Failed(Exception):
    """A failure the caller explains in its own words, by kind."""

    def __init__(self, kind: str, detail: str):
        super().__init__(detail)
        self.kind = kind


def main(job_path: str) -> int:
    job = json.loads(Path(job_path).read_text(encoding="utf-8"))
    deadline = time.monotonic() + float(job["timeout"])
    pipe = f"meetingtui-{os.getpid()}-{secrets.token_hex(4)}"
    office = subprocess.Popen(
        [
            job["soffice"],
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            "-env:UserInstallation=" + Path(job["profile"]).as_uri(),
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        # LibreOffice's own temporary files (copies of a confidential document) go into the
        # private folder the caller removes, even if soffice has to be killed
        env=dict(os.environ, TMPDIR=job["tmp"], TMP=job["tmp"], TEMP=job["tmp"]),
    )
    try:
        result = convert(office, pipe, job, deadline)
    except Exception as error:  # every failure becomes one line for the caller
        stop(office, grace=0)
        if isinstance(error, Failed):
            kind, detail = error.kind, str(error)
        else:
            kind, detail = "other", f"{type(error).__name__}: {error}"
        print(json.dumps({"error": kind, "detail": detail}))
        return 1
    stop(office, grace=10)
    print(json.dumps(result))
    return 0


def convert(office: subprocess.Popen, pipe: str, job: dict, deadline: float) -> dict:
    import uno  # type: ignore[import-not-found]
    from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

    def props(**values: Any) -> tuple:
        out = []
        for name, value in values.items():
            prop = PropertyValue()
            prop.Name, prop.Value = name, value
            out.append(prop)
        return tuple(out)

    desktop = connect(uno, office, pipe, deadline)
    try:
        doc = desktop.loadComponentFromURL(
            Path(job["docx"]).as_uri(), "_blank", 0, props(Hidden=True, MacroExecutionMode=0)
        )
        if doc is None:
            raise Failed("load", "loadComponentFromURL gave no document")
        try:
            update_indexes(doc)
            doc.getTextFields().refresh()
            update_indexes(doc)
            contents = [
                doc.getDocumentIndexes().getByIndex(i).getAnchor().getString()
                for i in range(doc.getDocumentIndexes().getCount())
            ]
            fonts = sorted(requested_fonts(doc))
            pages = doc.getCurrentController().getPropertyValue("PageCount")
            filter_data = uno.Any("[]com.sun.star.beans.PropertyValue", props(**PDF_FILTER_DATA))
            doc.storeToURL(
                Path(job["pdf"]).as_uri(),
                props(FilterName="writer_pdf_Export", FilterData=filter_data),
            )
        finally:
            doc.close(True)
    finally:
        with contextlib.suppress(Exception):  # soffice exits as it answers: the bridge drops
            desktop.terminate()
    return {"contents": contents, "fonts": fonts, "pages": pages}


def connect(uno: Any, office: subprocess.Popen, pipe: str, deadline: float) -> Any:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    url = f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext"
    while True:
        try:
            context = resolver.resolve(url)
            break
        except Exception:  # NoConnectException until soffice listens
            if office.poll() is not None:
                raise Failed("start", f"exit status {office.returncode}") from None
            if time.monotonic() > deadline:
                raise Failed("timeout", "soffice did not listen in time") from None
            time.sleep(0.1)
    return context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)


def update_indexes(doc: Any) -> None:
    indexes = doc.getDocumentIndexes()
    for i in range(indexes.getCount()):
        indexes.getByIndex(i).update()


def requested_fonts(doc: Any) -> set[str]:
    """The font names the text's portions ask for: body, headers and footers."""
    texts = [doc.getText()]
    styles = doc.getStyleFamilies().getByName("PageStyles")
    for name in styles.getElementNames():
        style = styles.getByName(name)
        for part in ("Header", "Footer"):
            if not style.getPropertyValue(f"{part}IsOn"):
                continue
            for suffix in ("Text", "TextFirst", "TextLeft", "TextRight"):
                try:
                    text = style.getPropertyValue(f"{part}{suffix}")
                except Exception:  # HeaderTextFirst is newer than some LibreOffices
                    continue
                if text is not None:
                    texts.append(text)
    fonts: set[str] = set()
    for text in texts:
        paragraphs = text.createEnumeration()
        while paragraphs.hasMoreElements():
            paragraph = paragraphs.nextElement()
            if not paragraph.supportsService("com.sun.star.text.Paragraph"):
                continue  # a table: the minutes have none
            portions = paragraph.createEnumeration()
            while portions.hasMoreElements():
                portion = portions.nextElement()
                if portion.getString().strip():
                    fonts.add(portion.getPropertyValue("CharFontName"))
    return fonts


def stop(office: subprocess.Popen, grace: float) -> None:
    """Wait `grace` seconds for soffice to end (it was asked to terminate), then kill it."""
    try:
        office.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        office.kill()
        office.wait()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
