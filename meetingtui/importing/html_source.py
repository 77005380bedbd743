"""A saved page of a publication portal (.html), read with the standard library's parser.

Block elements become blocks: h1-h6 headings, p/div/dt/dd/td-free text paragraphs (bold
when all their text is inside b/strong), li list entries (numbered inside ol), tables row
by row. Scripts, styles, navigation, headers and footers of the page are skipped. The
portal layout many Danish municipalities share (UDVALG, MØDE, STED, STARTTIDSPUNKT as
labels with the value after them, PUNKTER, then each item: number and title, the title
again, its sections under ALL-CAPS headings) needs nothing more: the recogniser knows it.
"""

from __future__ import annotations

from html.parser import HTMLParser

from meetingtui.importing.blocks import Block, Heading, ListEntry, Para, Table, clean
from meetingtui.importing.text_source import decode

_SKIP = {
    "script",
    "style",
    "nav",
    "header",
    "footer",
    "noscript",
    "template",
    "head",
    "button",
    "select",
}
_BLOCK = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "dt",
    "dd",
    "blockquote",
    "address",
    "br",
    "hr",
    "span_block",
}
_HEADINGS = {f"h{n}": n for n in range(1, 7)}


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.text: list[tuple[str, bool]] = []  # (text, bold)
        self.skip = 0
        self.bold = 0
        self.lists: list[bool] = []  # numbered, per open list
        self.heading: int | None = None
        self.in_item = False
        self.rows: list[tuple[str, ...]] | None = None
        self.row: list[str] | None = None
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIP:
            self.skip += 1
            return
        if self.cell is not None and tag not in ("td", "th", "tr", "table"):
            return
        if tag in ("b", "strong"):
            self.bold += 1
        elif tag in _HEADINGS or tag in _BLOCK or tag == "li":
            self.flush()
            if tag in _HEADINGS:
                self.heading = _HEADINGS[tag]
            if tag == "li":
                self.in_item = True
        elif tag in ("ul", "ol"):
            self.flush()
            self.lists.append(tag == "ol")
        elif tag == "table":
            self.flush()
            self.rows = []
        elif tag == "tr" and self.rows is not None:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append(clean(" ".join(self.cell)))
            self.cell = None
        elif tag == "tr" and self.row is not None and self.rows is not None:
            if any(self.row):
                self.rows.append(tuple(self.row))
            self.row = None
        elif tag == "table" and self.rows is not None:
            if self.rows:
                self.blocks.append(Table(tuple(self.rows), at=f"linje {self.getpos()[0]}"))
            self.rows = None
        elif self.cell is not None:
            return
        elif tag in ("b", "strong"):
            self.bold = max(0, self.bold - 1)
        elif tag in _HEADINGS or tag in _BLOCK or tag == "li":
            self.flush()
            self.heading = None
            if tag == "li":
                self.in_item = False
        elif tag in ("ul", "ol") and self.lists:
            self.flush()
            self.lists.pop()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.cell is not None:
            self.cell.append(data)
        elif data.strip():
            self.text.append((data, self.bold > 0))

    def flush(self) -> None:
        text = clean(" ".join(t for t, _ in self.text))
        bold = bool(self.text) and all(b for t, b in self.text if t.strip())
        self.text = []
        if not text:
            return
        at = f"linje {self.getpos()[0]}"
        if self.heading is not None:
            self.blocks.append(Heading(text, self.heading, at=at))
        elif self.in_item and self.lists:
            self.blocks.append(ListEntry(text, self.lists[-1], len(self.lists) - 1, at=at))
        else:
            self.blocks.append(Para(text, bold=bold, at=at))


def read(data: bytes, name: str) -> list[Block]:
    parser = _Parser()
    parser.feed(decode(data, name))
    parser.close()
    parser.flush()
    return parser.blocks
