"""The minutes as a format-neutral document: what the renderers (docx, text) draw."""

from __future__ import annotations

from dataclasses import dataclass, field

import pendulum

from meetingtui.markdown import Run


@dataclass(frozen=True)
class Title:
    text: str


@dataclass(frozen=True)
class Heading:
    text: str
    level: (
        int  # 1: Indholdsfortegnelse and items (each on a new page); 2: sections; 3: sub-headings
    )
    toc_entry: str | None = None  # the line in the contents, where it differs from the heading


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]

    @classmethod
    def of(cls, text: str) -> Paragraph:
        return cls((Run(text),))

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class DatedNote(Paragraph):
    """A sentence of the referat's own with a date in it (the approval's): Normal text,
    its DD-MM-YYYY dates never broken across lines."""


@dataclass(frozen=True)
class CorrectionNote(Paragraph):
    """'Rettelse 09-12-2025: …': a correction made after the approval, or what the
    corrected text read before it (Word style Rettelse)."""


@dataclass(frozen=True)
class Fingerprint(Paragraph):
    """'Fingeraftryk (SHA-256): 1a2b3c4d …': the record's seal on the full referat's
    signature page, always one paragraph (`meetingtui verify` reads it back)."""


@dataclass(frozen=True)
class Labelled:
    """'Mødested  Regionshuset, mødelokale 6': a bold label, then its value."""

    label: str
    value: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[tuple[Run, ...], ...]
    numbered: bool = False


@dataclass(frozen=True)
class Attachments(Bullets):
    """The item's Bilag: a list in Word and HTML, one title a line in plain text."""


@dataclass(frozen=True)
class Contents:
    entries: tuple[str, ...]


@dataclass(frozen=True)
class Signatures:
    names: tuple[str, ...]
    place: str = ""  # the meeting's place, for the line of place and date above them


Block = Title | Heading | Paragraph | Labelled | Bullets | Attachments | Contents | Signatures


@dataclass
class Minutes:
    title: str
    subject: str  # the body
    date: str  # DD-MM-YYYY
    full: bool  # the full (confidential) variant with closed items
    blocks: list[Block] = field(default_factory=list)
    confidential_note: str = ""
    # The record's own moment for the document's dates (the meeting's close, else its
    # opening; None: the meeting's date at midnight): never the clock, so the same record
    # gives the same file.
    made: pendulum.DateTime | None = None

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)
