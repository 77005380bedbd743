"""A Word dagsorden (.docx) through python-docx, as blocks.

Headings: the paragraph's style or any style it is based on is a heading by name
("heading 2", "Heading 2") or id (`Heading2`, Danish Word's `Overskrift2`), or carries an
outline level (on the paragraph or its styles). "Title" is a bold paragraph, not a level.
Lists: `numPr` on the paragraph or its styles; bullet or number from the numbering part.
Text is read from the XML (runs, tabs, breaks, no-break hyphens, field results, content
controls, tracked insertions; never deleted text), since `Paragraph.text` misses some.
Tables: one row per line of cells.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from docx.enum.style import WD_STYLE_TYPE

from meetingtui.importing.blocks import Block, Heading, ImportFailed, ListEntry, Para, Table, clean

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING = re.compile(r"^(?:heading|overskrift)\s*([1-9])$", re.IGNORECASE)


def read(path: Path, name: str) -> list[Block]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as error:
        raise ImportFailed(f"{name}: er ikke et Word-dokument, der kan læses ({error})") from None
    except Exception as error:  # lxml and python-docx fail in many ways on a damaged part
        raise ImportFailed(
            f"{name}: Word-dokumentet er ødelagt og kan ikke læses ({type(error).__name__})"
        ) from None
    reader = _Reader(document)
    blocks: list[Block] = []
    for number, part in enumerate(document.iter_inner_content(), start=1):
        block = reader.block(part, f"afsnit {number}")
        if block is not None:
            blocks.append(block)
    return blocks


class _Reader:
    """Styles are looked up once each, by id, from a table built in one pass: python-docx's
    own lookup searches every style on each call (70 s for a 500-item dagsorden)."""

    def __init__(self, document):
        self.formats = _number_formats(document)
        styles = [s for s in document.styles if s.type == WD_STYLE_TYPE.PARAGRAPH]
        self.by_id = {s.style_id: s for s in document.styles}
        default = next((s for s in styles if s.element.get(W + "default") in ("1", "true")), None)
        self.default = default
        self.level_of: dict[str, int | None] = {}
        self.bold_of: dict[str, bool] = {}

    def style(self, element, tag: str):
        found = element.find(tag) if element is not None else None
        if found is None:
            return self.default if tag == W + "pStyle" else None
        return self.by_id.get(found.get(W + "val"), self.default if tag == W + "pStyle" else None)

    def block(self, part, at: str) -> Block | None:
        from docx.table import Table as DocxTable

        if isinstance(part, DocxTable):
            return Table(tuple(self.row(row) for row in part.rows), at=at)
        p = part._p
        text = clean(_text(p))
        if not text:
            return None
        style = self.style(p.pPr, W + "pStyle")
        level = self.level(style, p)
        if level is not None:
            return Heading(text, level, at=at)
        num = self.numbering(style, p)
        if num is not None:
            num_id, depth = num
            return ListEntry(text, self.formats.get(num_id, "bullet") != "bullet", depth, at=at)
        title = style is not None and style.name == "Title"
        return Para(text, bold=title or self.all_bold(p, style), at=at)

    def all_bold(self, p, style) -> bool:
        """Every run with text is bold: by its own w:b, its character style or the paragraph's."""
        style_bold = self.is_bold(style)
        runs = [
            r for r in p.iter(W + "r") if "".join(t.text or "" for t in r.iter(W + "t")).strip()
        ]
        if not runs:
            return False
        for run in runs:
            own = _bold_value(run.find(W + "rPr"))
            if own is None:
                own = self.is_bold(self.style(run.find(W + "rPr"), W + "rStyle")) or style_bold
            if not own:
                return False
        return True

    def is_bold(self, style) -> bool:
        if style is None:
            return False
        if style.style_id not in self.bold_of:
            self.bold_of[style.style_id] = style.name in ("Strong", "Fed") or any(
                _bold_value(link.element.rPr) for link in _chain(style)
            )
        return self.bold_of[style.style_id]

    def row(self, row) -> tuple[str, ...]:
        cells: list[str] = []
        for cell in row.cells:
            text = clean(" ".join(_text(p._p) for p in cell.paragraphs))
            if not cells or text != cells[-1]:  # a merged cell repeats
                cells.append(text)
        return tuple(cells)

    def level(self, style, p) -> int | None:
        own = _outline(p.pPr)
        if own is not None:
            return own
        if style is None:
            return None
        if style.style_id not in self.level_of:
            self.level_of[style.style_id] = _style_level(style)
        return self.level_of[style.style_id]

    def numbering(self, style, p) -> tuple[str, int] | None:
        for pPr in [p.pPr, *(s.element.pPr for s in _chain(style))]:
            found = _num_pr(pPr)
            if found is not None:
                return found
        return None


def _chain(style):
    seen = 0
    while style is not None and seen < 20:
        yield style
        style, seen = style.base_style, seen + 1


def _style_level(style) -> int | None:
    for link in _chain(style):
        for name in (link.name or "", link.style_id or ""):
            match = _HEADING.match(name.strip())
            if match:
                return int(match.group(1))
        outline = _outline(link.element.pPr)
        if outline is not None:
            return outline
    return None


def _outline(pPr) -> int | None:
    if pPr is None:
        return None
    element = pPr.find(W + "outlineLvl")
    if element is None:
        return None
    value = element.get(W + "val", "")
    return int(value) + 1 if value.isdigit() and int(value) < 9 else None  # 9 = body text


def _num_pr(pPr) -> tuple[str, int] | None:
    if pPr is None:
        return None
    num = pPr.find(W + "numPr")
    if num is None:
        return None
    num_id = num.find(W + "numId")
    ilvl = num.find(W + "ilvl")
    value = num_id.get(W + "val", "") if num_id is not None else ""
    if value in ("", "0"):  # numId 0 switches numbering off
        return None
    depth = ilvl.get(W + "val", "0") if ilvl is not None else "0"
    return value, int(depth) if depth.isdigit() else 0


def _number_formats(document) -> dict[str, str]:
    """numId → the format of its first level ("bullet", "decimal", …)."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract = {}
    for element in numbering.findall(W + "abstractNum"):
        level = element.find(W + "lvl")
        fmt = level.find(W + "numFmt") if level is not None else None
        abstract[element.get(W + "abstractNumId")] = (
            fmt.get(W + "val") if fmt is not None else "bullet"
        )
    formats = {}
    for num in numbering.findall(W + "num"):
        ref = num.find(W + "abstractNumId")
        if ref is not None:
            formats[num.get(W + "numId")] = abstract.get(ref.get(W + "val"), "bullet")
    return formats


def _text(p) -> str:
    parts: list[str] = []
    for element in p.iter(W + "t", W + "tab", W + "br", W + "cr", W + "noBreakHyphen"):
        if element.tag == W + "t":
            parts.append(element.text or "")
        elif element.tag == W + "noBreakHyphen":
            parts.append("-")
        else:
            parts.append(" ")
    return "".join(parts)


def _bold_value(rpr) -> bool | None:
    """w:b in a run's or style's properties: True, False (w:val="0"), or None (not set)."""
    if rpr is None:
        return None
    element = rpr.find(W + "b")
    if element is None:
        return None
    return element.get(W + "val", "true") not in ("0", "false", "off")
