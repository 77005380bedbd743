"""The Markdown subset agenda case text is written in, parsed to plain blocks.

Supported: paragraphs (separated by blank lines; lines inside a paragraph are joined
with a space), `#`/`##`/`###` sub-headings, bullet lists (`- ` or `* `), numbered lists
(`1. `), `**bold**` and `*italic*` (or `_italic_`). Anything else is kept as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Prose:
    runs: tuple[Run, ...]


@dataclass(frozen=True)
class SubHeading:
    text: str


@dataclass(frozen=True)
class ListItems:
    items: tuple[tuple[Run, ...], ...]
    numbered: bool = False


TextBlock = Prose | SubHeading | ListItems

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s{0,3}[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^\s{0,3}\d{1,3}[.)]\s+(.*)$")
_INLINE = re.compile(
    r"(\*\*(?P<b>.+?)\*\*|__(?P<b2>.+?)__|\*(?P<i>[^*\s][^*]*?)\*|_(?P<i2>[^_\s][^_]*?)_)"
)


def inline_runs(text: str) -> tuple[Run, ...]:
    runs: list[Run] = []
    pos = 0
    for match in _INLINE.finditer(text):
        if match.start() > pos:
            runs.append(Run(text[pos : match.start()]))
        bold = match.group("b") or match.group("b2")
        if bold is not None:
            runs.append(Run(bold, bold=True))
        else:
            runs.append(Run(match.group("i") or match.group("i2"), italic=True))
        pos = match.end()
    if pos < len(text):
        runs.append(Run(text[pos:]))
    return tuple(run for run in runs if run.text)


def plain_text(text: str) -> str:
    """The words of a Markdown text without its markup."""
    parts = []
    for block in parse(text):
        if isinstance(block, SubHeading):
            parts.append(block.text)
        elif isinstance(block, Prose):
            parts.append("".join(run.text for run in block.runs))
        else:
            parts.extend("".join(run.text for run in item) for item in block.items)
    return "\n".join(parts)


def parse(text: str) -> list[TextBlock]:
    blocks: list[TextBlock] = []
    paragraph: list[str] = []
    items: list[str] = []
    numbered = False

    def flush_paragraph() -> None:
        if paragraph:
            blocks.append(Prose(inline_runs(" ".join(paragraph))))
            paragraph.clear()

    def flush_list() -> None:
        if items:
            blocks.append(ListItems(tuple(inline_runs(i) for i in items), numbered))
            items.clear()

    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.rstrip()
        heading = _HEADING.match(line)
        bullet = _BULLET.match(line)
        number = _NUMBERED.match(line)
        if not line.strip():
            flush_paragraph()
            flush_list()
        elif heading:
            flush_paragraph()
            flush_list()
            blocks.append(SubHeading(heading.group(1)))
        elif bullet or number:
            flush_paragraph()
            if items and numbered != bool(number):
                flush_list()
            numbered = bool(number)
            marker = bullet or number
            assert marker is not None  # one of the two matched, by the branch's condition
            items.append(marker.group(1).strip())
        elif items and raw.startswith((" ", "\t")):
            items[-1] += " " + line.strip()
        else:
            flush_list()
            paragraph.append(line.strip())
    flush_paragraph()
    flush_list()
    return blocks
