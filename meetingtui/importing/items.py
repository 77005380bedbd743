"""One item's blocks → its case number, closed flag, sections, attachments, earlier decisions.

Two modes, chosen once per document by the recogniser:
- styled: the source marks sections with a heading style (Word, a PDF's font sizes, HTML
  headings). Headings at the section level open sections; deeper headings and whole-bold
  one-line paragraphs become `###` sub-headings inside the section. Words alone never
  open a section, so a sub-heading "Økonomi" stays inside Sagsfremstilling.
- unstyled: plain text, or hand-made headings. A paragraph that is exactly a known section
  heading (patterns.KNOWN_SECTIONS), or "Heading: value", opens a section; a bold or
  ALL-CAPS one-liner opens one before the item has any section, and is a `###`
  sub-heading after.
The meeting's own decision ("Beslutning", "Beslutning i <this body> den …") and absence
lines ("Fraværende …") are the referat's, not the agenda's: they are left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from meetingtui.importing import patterns
from meetingtui.importing.blocks import Block, Heading, ListEntry, Para, Table, clean
from meetingtui.importing.frontmatter import parse_date


@dataclass
class Draft:
    number: int
    title: str
    at: str
    closed: bool = False
    flag: bool = False
    kind: str = "sag"
    case: str | None = None
    sections: list[tuple[str, list[str]]] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    earlier: list[dict[str, Any]] = field(default_factory=list)
    unplaced: list[tuple[str, str]] = field(default_factory=list)  # (where, text)
    empty_sections: list[str] = field(default_factory=list)
    decisions_left_out: int = 0
    decision_bodies: list[str] = field(default_factory=list)


class ItemReader:
    def __init__(self, draft: Draft, section_level: int | None, body: str | None):
        self.draft = draft
        self.section_level = section_level
        self.body = body
        self.current: list[str] | None = None  # chunks of the open section
        self.mode = "text"  # "text" | "bilag" | "drop"
        self.first = True
        self.last_was_list = False

    def read(self, blocks: list[Block]) -> None:
        for block in blocks:
            self.block(block)
            self.first = False

    def block(self, block: Block) -> None:
        draft = self.draft
        text = clean(block.text) if not isinstance(block, Table) else ""
        if draft.kind == "underskriftsside":
            return  # signature lines and names: the referat's, not the agenda's
        if isinstance(block, Table):
            self.table(block)
            return
        if not text or patterns.ABSENT_LINE.match(text) or text == "Fraværende":
            return
        if self.first and _bare_title(text) == _bare_title(draft.title):
            return  # portal pages repeat the title
        if isinstance(block, Heading) and self.section_level is not None:
            if block.level <= self.section_level:
                self.open_section(text)
            else:
                self.sub_heading(text, block)
            return
        if self.metadata(text):
            return
        if (
            isinstance(block, Para)
            and self.section_level is not None
            and self.current is None
            and self.mode == "text"
            and patterns.section_heading(text)
        ):  # styled file, but this section heading written in a plain style (a PDF of it)
            self.open_section(text)
            return
        if isinstance(block, Heading | Para) and self.section_level is None:
            heading = patterns.section_heading(text)
            if heading:
                self.open_section(heading)
                return
            labelled = patterns.labelled_section(text)
            if labelled:
                self.open_section(labelled[0])
                self.add(labelled[1], block)
                return
            if _hand_heading(block, text):
                if self.current is None and self.mode == "text" and not self.draft.sections:
                    self.open_section(_heading_case(text))
                else:
                    self.sub_heading(text, block)
                return
        if isinstance(block, Para) and block.bold and _one_liner(text) and self.mode == "text":
            self.sub_heading(text, block)
            return
        if text.casefold().rstrip(": ") == "bilag":  # also written by hand in a styled file
            self.open_section("Bilag")
        elif isinstance(block, ListEntry) and self.mode == "bilag":
            self.draft.attachments.append(patterns.BULLET.sub("", text))
        elif isinstance(block, ListEntry):
            self.add(_list_line(block, text), block, joined=True)
        else:
            self.add(text, block)

    def metadata(self, text: str) -> bool:
        """Case number, open/closed label, an earlier decision, or the title again."""
        draft = self.draft
        before_sections = not draft.sections and self.current is None
        if draft.case is None:
            case = patterns.case_number(text, bare=before_sections)
            if case:
                draft.case = case
                return True
        if not before_sections:
            return False
        if patterns.CLOSED_LABEL.match(text):
            draft.closed = True
            return True
        if patterns.OPEN_LABEL.match(text):
            return True
        earlier = patterns.EARLIER.match(text)
        if earlier:
            entry: dict[str, Any] = {"body": earlier.group("body").strip()}
            when = parse_date(earlier.group("date"))
            if when:
                entry["date"] = when
            entry["item"] = earlier.group("item")
            if earlier.group("text").strip():
                entry["text"] = earlier.group("text").strip()
            draft.earlier.append(entry)
            return True
        return False

    def open_section(self, heading: str) -> None:
        self.close_section()
        heading = heading.rstrip(":").strip()
        heading = patterns.section_heading(heading) or _heading_case(heading)
        if patterns.is_decision(heading):
            body = patterns.decision_body(heading)
            if not body or self.body is None or _same_body(body, self.body):
                self.draft.decisions_left_out += 1
                if body:
                    self.draft.decision_bodies.append(body)
                self.mode, self.current = "drop", None
                return
        if heading.casefold() == "bilag":
            self.mode, self.current = "bilag", None
            return
        self.mode = "text"
        self.current = []
        self.draft.sections.append((heading, self.current))

    def close_section(self) -> None:
        sections = self.draft.sections
        if self.current is not None and not self.current and sections:
            self.draft.empty_sections.append(sections.pop()[0])
        self.current = None

    def sub_heading(self, text: str, block: Block) -> None:
        if self.mode == "bilag":
            self.draft.attachments.append(text)
        elif self.mode == "text":
            self.add(f"### {text}", block)

    def add(self, text: str, block: Block, joined: bool = False) -> None:
        if self.mode == "drop":
            return
        if self.mode == "bilag":
            self.draft.attachments.append(text)
            return
        if self.current is None:
            self.draft.unplaced.append((block.at, text))
            return
        if joined and self.current and self.last_was_list:
            self.current[-1] += "\n" + text
        else:
            self.current.append(text)
        self.last_was_list = joined

    def table(self, block: Table) -> None:
        for row in block.rows:
            cells = [c for c in (clean(c) for c in row) if c]
            if not cells:
                continue
            line = ": ".join(cells) if len(cells) == 2 else " | ".join(cells)
            if patterns.ABSENT_LINE.match(line) or cells[0] == "Fraværende":
                continue
            if len(cells) == 2 and self.metadata(line):
                continue
            if len(cells) == 2 and patterns.labelled_section(line) and self.section_level is None:
                heading, value = patterns.labelled_section(line) or ("", "")
                self.open_section(heading)
                self.add(value, block)
                continue
            self.add(line, block)

    def finish(self) -> None:
        self.close_section()


def _hand_heading(block: Block, text: str) -> bool:
    """A heading made by hand: a bold one-liner, or a short line in capitals."""
    if isinstance(block, Heading):
        return True
    if not isinstance(block, Para):
        return False
    caps = len(text) <= 80 and text.isupper() and sum(c.isalpha() for c in text) >= 3
    return caps or (block.bold and _one_liner(text))


def _one_liner(text: str) -> bool:
    return len(text) <= 120 and not text.endswith((".", ";", ","))


def _heading_case(text: str) -> str:
    return text[:1] + text[1:].lower() if text.isupper() else text


def _list_line(block: ListEntry, text: str) -> str:
    text = patterns.BULLET.sub("", text) if not block.numbered else text
    indent = "  " * min(block.depth, 3)
    return f"{indent}{'1.' if block.numbered else '-'} {text}"


def sections_data(draft: Draft) -> list[dict[str, str]]:
    return [
        {"heading": heading, "text": "\n\n".join(chunks)}
        for heading, chunks in draft.sections
        if chunks
    ]


def _same_body(a: str, b: str) -> bool:
    """ "Digitaliserings- og Innovationsudvalget" also as "Digitaliserings- og Innovationsudvalget d. 20"."""
    a, b = a.casefold(), b.casefold()
    return a == b or a.startswith(b) or b.startswith(a)


def _bare_title(text: str) -> str:
    text = patterns.OPEN_PREFIX.sub("", patterns.CLOSED_PREFIX.sub("", text.rstrip(" #")))
    return text.strip().casefold()
