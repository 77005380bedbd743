"""Plain text: a referat or dagsorden already extracted (`pdftotext`, copied from a PDF).

Paragraphs are separated by blank lines; inside one, lines are joined, except that a line
that may head an item or a section stands alone (pdftotext runs a heading into the text
under it). "Side N af M" lines and each page's repeated header (the first line after a
form feed, when most pages share it) are left out. Lines starting with a bullet are list
entries.
"""

from __future__ import annotations

import re
from collections import Counter

from meetingtui.importing import patterns
from meetingtui.importing.blocks import Block, ImportFailed, ListEntry, Para, clean

ENCODINGS = ("utf-8-sig", "cp1252")  # Windows Notepad saves Danish text in cp1252


def decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with its mark (Windows)
        try:
            return data.decode("utf-16").replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError:
            raise ImportFailed(f"{name}: er ikke gyldig UTF-16-tekst") from None
    if b"\x00" in data[:4096]:
        raise ImportFailed(f"{name}: er ikke tekst (filen indeholder binære data)")
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if sum(1 for c in text[:4096] if ord(c) < 32 and c not in "\r\n\t\f") > 8:
            break
        return text.replace("\r\n", "\n").replace("\r", "\n")
    raise ImportFailed(
        f"{name}: er ikke tekst, som kan læses (forventede UTF-8 eller Windows-tegnsæt)"
    )


def read(data: bytes, name: str) -> list[Block]:
    text = decode(data, name)
    pages = text.split("\f")
    headers = _repeated_headers(pages)
    blocks: list[Block] = []
    lines: list[tuple[int, str]] = []
    number = 0
    in_bilag = False
    bullets = 0  # bullets seen alone, waiting for their text

    def flush() -> None:
        if lines:
            blocks.append(Para(join_lines([t for _, t in lines]), at=f"linje {lines[0][0]}"))
            lines.clear()

    for page in pages:
        head = HEADER_LINES  # the page's first lines, where its header stands
        for raw in page.split("\n"):
            number += 1
            line = clean(raw)
            if head and line:
                head -= 1
                if line in headers:
                    continue
            if not line:
                flush()
                continue
            if patterns.PAGE_LINE.match(line):
                continue
            if patterns.BULLET.fullmatch(line + " "):
                flush()  # pdftotext sets a list's bullets on lines of their own, text after
                bullets += 1
                continue
            if bullets and not patterns.is_heading_like(line):
                flush()
                blocks.append(ListEntry(line, at=f"linje {number}"))
                bullets -= 1
                continue
            bullets = 0
            if patterns.BULLET.match(line) and len(line) > 2:
                flush()
                blocks.append(ListEntry(patterns.BULLET.sub("", line), at=f"linje {number}"))
                continue
            last = blocks[-1] if blocks else None
            if isinstance(last, Para) and last.text == "Fraværende" and not lines:
                blocks[-1] = Para(f"{last.text} {line}", at=last.at)  # its value, below it
                continue
            if not lines and isinstance(last, Para) and patterns.wraps_heading(last.text, line):
                blocks[-1] = Para(join_lines([last.text, line]), at=last.at)
                continue
            if (
                patterns.is_heading_like(line)
                or patterns.FRONT_LABEL.match(line)
                or patterns.CONTENTS_LINE.search(raw)
                or patterns.ABSENT_LINE.match(line + " ")
            ):
                flush()
                blocks.append(Para(line, at=f"linje {number}"))
                in_bilag = line.casefold().rstrip(":") == "bilag"
                continue
            if in_bilag:  # one attachment a line
                flush()
                blocks.append(Para(line, at=f"linje {number}"))
                continue
            if isinstance(last, ListEntry) and not lines and line[:1].islower():
                # a list entry's text wrapped onto the next line
                blocks[-1] = ListEntry(join_lines([last.text, line]), at=last.at)
                continue
            lines.append((number, line))
        flush()
    return blocks


HEADER_LINES = 2


def _repeated_headers(pages: list[str]) -> set[str]:
    if len(pages) < 3:
        return set()
    # a header may be two lines (the full version's notice above the title): the first
    # HEADER_LINES lines of each page that repeat on at least half the pages
    firsts: Counter[str] = Counter()
    for page in pages:
        lines = [clean(x) for x in page.split("\n") if clean(x)]
        firsts.update(set(lines[:HEADER_LINES]))
    return {line for line, count in firsts.items() if line and count * 2 >= len(pages)}


def join_lines(lines: list[str]) -> str:
    """Lines of one paragraph as one line; a word broken with a hyphen is made whole."""
    out = lines[0]
    for line in lines[1:]:
        if (
            re.search(r"[^\W\d_]-$", out)
            and line[:1].islower()
            and not re.match(r"(og|eller|til|samt)\b", line)
        ):
            out += line  # a word broken at the line's end
        else:
            out += " " + line
    return out
