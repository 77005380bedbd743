"""Import an agenda from the body's own dagsorden: Word, PDF, plain text or a portal page.

source.py picks the reader by the file's bytes; each reader (docx_source, pdf_source,
text_source, html_source) turns the file into blocks (blocks.py); recognise.py turns the
blocks into agenda data in format 2, the same way for every source; report.py says in
Danish what was found and what was not.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from meetingtui.importing.blocks import ImportFailed

if TYPE_CHECKING:
    from meetingtui.importing.recognise import Result


def import_source(path: Path) -> Result:
    """The agenda data read from `path` (ImportFailed: one Danish line)."""
    # Imported here: `meetingtui` registers the import command on every start, and the
    # readers and the recogniser are only needed when a dagsorden is imported.
    from meetingtui.importing.recognise import recognise
    from meetingtui.importing.source import read_blocks

    return recognise(read_blocks(path), str(path))


__all__ = ["ImportFailed", "import_source"]
