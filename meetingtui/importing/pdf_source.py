"""A dagsorden or referat as PDF, through pdfplumber (bench/pdf_readers.py measured it
against pypdf: the same Danish text, but pdfplumber also gives each character's font and
size, which is how headings and bold lines are told from text).

Lines are grouped by position; a line's size above the body text's size makes it a
heading (the largest size is level 1), a line all in a bold font at body size is a bold
paragraph. Lines join into a paragraph until the gap grows, the style changes or a bullet
starts a list entry. Each page's header and footer (lines in the top or bottom 8 % that
repeat on other pages, or are a page number) are left out.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from meetingtui.importing import patterns
from meetingtui.importing.blocks import (
    Block,
    Heading,
    ImportFailed,
    ListEntry,
    Para,
    Table,
    clean,
)
from meetingtui.importing.text_source import join_lines

MAX_PAGES = 2000
MARGIN = 0.08  # of the page height: where headers and footers stand
_BOLD = re.compile(r"bold|black|heavy|semibold|demi|,b$|-b$", re.IGNORECASE)
_NUMBER_MARK = re.compile(r"\d{1,2}[.)]")  # a list number, set apart by a tab
_SYMBOL_FONT = re.compile(r"symbol|wingding|dingbat", re.IGNORECASE)


@dataclass
class _Line:
    text: str
    size: float
    bold: bool
    top: float
    x0: float
    page: int
    bullet: bool
    margin: bool  # in the top or bottom band, where headers and footers stand
    numbered: bool = False  # "1." then a tab: a Word numbered list
    cells: tuple[str, ...] = ()  # set apart by wide gaps (tab stops, table columns)
    cell_x: tuple[float, ...] = ()


def read(path: Path, name: str) -> list[Block]:
    lines = _lines(path, name)
    if not any(line.text for line in lines):
        raise ImportFailed(
            f"{name}: PDF'en indeholder ingen tekst (en scannet side?); kør tekstgenkendelse "
            "(OCR) på den, eller importér dagsordenen som Word eller tekst"
        )
    return _blocks(lines)


def _lines(path: Path, name: str) -> list[_Line]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(path)
    except Exception as error:  # pdfminer raises many kinds on a damaged file
        if _caused_by(error, PDFPasswordIncorrect):
            raise ImportFailed(
                f"{name}: PDF'en er låst med en adgangskode (gem en udgave uden, og importér den)"
            ) from None
        raise ImportFailed(
            f"{name}: er ikke en PDF, der kan læses ({type(error).__name__})"
        ) from None
    lines: list[_Line] = []
    with pdf:
        if len(pdf.pages) > MAX_PAGES:
            raise ImportFailed(f"{name}: PDF'en har {len(pdf.pages)} sider (højst {MAX_PAGES})")
        for number, page in enumerate(pdf.pages, start=1):
            try:
                words = page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=True)
            except Exception as error:
                raise ImportFailed(
                    f"{name}: side {number} kan ikke læses ({type(error).__name__})"
                ) from None
            lines += _page_lines(words, number, float(page.height))
    return _without_headers(lines)


def _caused_by(error: BaseException, kind: type) -> bool:
    """pdfplumber wraps pdfminer's errors: look through the chain and the arguments."""
    seen: BaseException | None = error
    for _ in range(5):
        if seen is None:
            return False
        if isinstance(seen, kind) or any(isinstance(a, kind) for a in seen.args):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _page_lines(words: list[dict], page: int, height: float) -> list[_Line]:
    rows: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(rows[-1][0]["top"] - word["top"]) < 2.5:
            rows[-1].append(word)
        else:
            rows.append([word])
    out = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        bullet = bool(_SYMBOL_FONT.search(row[0]["fontname"])) or bool(
            patterns.BULLET.fullmatch(row[0]["text"].strip() + " ")
        )
        numbered = (
            not bullet
            and len(row) > 1
            and _NUMBER_MARK.fullmatch(row[0]["text"].strip()) is not None
            and row[1]["x0"] - row[0]["x1"] > row[0]["size"] * 0.8
        )
        pieces = row[1:] if (bullet or numbered) and len(row) > 1 else row
        text = clean(" ".join(w["text"] for w in pieces))
        if bullet and len(row) == 1:
            text = clean(patterns.BULLET.sub("", row[0]["text"]))
        lettered = [w for w in pieces if re.search(r"\w", w["text"])] or pieces
        size = max(round(w["size"] * 2) / 2 for w in lettered)
        bold = all(_BOLD.search(w["fontname"]) for w in lettered)
        band = row[0]["top"] / height
        margin = band < MARGIN or band > 1 - MARGIN
        line = _Line(
            text, size, bold, row[0]["top"], pieces[0]["x0"], page, bullet, margin, numbered
        )
        if not (bullet or numbered):
            line.cells, line.cell_x = _cells(pieces)
        out.append(line)
    return out


def _cells(pieces: list[dict]) -> tuple[tuple[str, ...], tuple[float, ...]]:
    """The line split where a gap is wider than a tab stop would leave between words."""
    groups = [[pieces[0]]]
    for before, word in zip(pieces, pieces[1:], strict=False):
        if word["x0"] - before["x1"] > max(word["size"], 8.0) * 1.5:
            groups.append([word])
        else:
            groups[-1].append(word)
    if len(groups) < 2:
        return (), ()
    texts = tuple(clean(" ".join(w["text"] for w in group)) for group in groups)
    return texts, tuple(group[0]["x0"] for group in groups)


def _without_headers(lines: list[_Line]) -> list[_Line]:
    """Lines outside the page's header and footer: those in the margins that are page
    numbers, or that repeat on another page (digits aside: "Side 3 af 17")."""
    pages = len({line.page for line in lines})

    def key(line: _Line) -> str:
        return re.sub(r"\d+", "#", line.text)

    seen = Counter(key(line) for line in lines if line.margin)
    return [
        line
        for line in lines
        if not line.margin
        or not (patterns.PAGE_LINE.match(line.text) or (pages > 1 and seen[key(line)] > 1))
    ]


def _blocks(lines: list[_Line]) -> list[Block]:
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[line.size] += len(line.text)
    body = sizes.most_common(1)[0][0]
    levels = {
        size: index
        for index, size in enumerate(
            sorted((s for s in sizes if s > body + 0.4), reverse=True), start=1
        )
    }
    gaps = [
        b.top - a.top
        for a, b in zip(lines, lines[1:], strict=False)
        if a.page == b.page and a.size == body == b.size and b.top - a.top > 0
    ]
    pitch = statistics.median(gaps) if gaps else body * 1.4
    blocks: list[Block] = []
    group: list[_Line] = []
    rows: list[list[str]] = []  # the table being read
    row_lines: list[_Line] = []

    def flush_table() -> None:
        if rows:
            blocks.append(Table(tuple(tuple(r) for r in rows), at=f"side {row_lines[0].page}"))
        rows.clear()
        row_lines.clear()

    def flush() -> None:
        if not group:
            return
        first = group[0]
        text = join_lines([line.text for line in group])
        at = f"side {first.page}"
        if first.size in levels:
            blocks.append(Heading(text, levels[first.size], at=at))
        elif first.bullet:
            blocks.append(ListEntry(text, at=at))
        elif first.numbered:
            blocks.append(ListEntry(text, numbered=True, at=at))
        else:
            blocks.append(Para(text, bold=first.bold, at=at))
        group.clear()

    for line in lines:
        if line.cells and line.size not in levels:
            flush()
            rows.append(list(line.cells))
            row_lines.append(line)
            continue
        if rows:
            last_row = row_lines[-1]
            wrapped = (
                line.page == last_row.page
                and abs(line.x0 - last_row.cell_x[-1]) < 3
                and line.top - last_row.top <= pitch * 1.25 * last_row.size / body
            )
            if wrapped:  # a cell's text wrapped onto the next line
                rows[-1][-1] = join_lines([rows[-1][-1], line.text])
                row_lines[-1] = line
                line.cell_x = last_row.cell_x
                continue
            flush_table()
        if group:
            last = group[-1]
            same_page = line.page == last.page
            gap = line.top - last.top if same_page else 0.0
            style_changed = (line.size, line.bold) != (last.size, last.bold) and not (
                group[0].bullet or group[0].numbered
            )
            continues = (
                not line.bullet
                and not line.numbered
                and not style_changed
                and (
                    gap <= pitch * 1.25 * last.size / body
                    if same_page
                    else not last.text.endswith((".", ":"))
                )
                and not ((group[0].bullet or group[0].numbered) and line.x0 < group[0].x0 - 1)
                and not patterns.is_heading_like(line.text)
                and not patterns.FRONT_LABEL.match(line.text)
                and (
                    not patterns.is_heading_like(last.text)
                    or last.size in levels
                    or last.bold
                    or patterns.wraps_heading(last.text, line.text)
                )
            )
            if not continues:
                flush()
        if line.text:
            group.append(line)
    flush()
    flush_table()
    return blocks
