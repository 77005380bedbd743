"""Import an agenda from the body's own dagsorden: Word, PDF, plain text or a portal page.

source.py picks the reader by the file's bytes; each reader (docx_source, pdf_source,
text_source, html_source) turns the file into blocks (blocks.py); recognise.py turns the
blocks into agenda data in format 2, the same way for every source; report.py says in
Danish what was found and what was not.
"""

from __future__ import annotations

from pathlib import Path

from meetingtui.importing.blocks import ImportFailed
from meetingtui.importing.recognise import Result, recognise
from meetingtui.importing.source import read_blocks


def import_source(path: Path) -> Result:
    """The agenda data read from `path` (ImportFailed: one Danish line)."""
    return recognise(read_blocks(path), str(path))


__all__ = ["ImportFailed", "Result", "import_source"]
