"""The stream every source reader produces and the recogniser reads: one block per paragraph.

A reader (Word, PDF, text, portal page) only says what it sees: a heading and its level,
a paragraph (and whether all of it is bold), a list item, a table. Deciding what a block
means (an item, a section, a case number, a member) is the recogniser's job alone, so
every source is read by the same rules.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from meetingtui.errors import MeetingtuiError


class ImportFailed(MeetingtuiError):
    """The source cannot be imported; str() is one Danish line naming the file and why."""

    exit_code = 2


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 1 = the outermost heading style the source uses
    at: str = ""  # where the source has it, for the report ("linje 12", "side 3")


@dataclass(frozen=True)
class Para:
    text: str
    bold: bool = False  # the whole paragraph is bold (a heading written by hand)
    at: str = ""


@dataclass(frozen=True)
class ListEntry:
    text: str
    numbered: bool = False
    depth: int = 0
    at: str = ""


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]
    at: str = ""


Block = Heading | Para | ListEntry | Table

_SPACE = re.compile(r"[ \t\u00a0\u2007\u202f]+")
# Zero-width and soft characters that Word and PDF text carry but a reader never sees.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # Unicode category Cc
_HYPHENS = re.compile("[\u2010\u2011]")


def clean(text: str) -> str:
    """One line of text as the secretary would type it: NFC, single spaces, no invisibles,
    no control characters (a non-breaking hyphen is a hyphen)."""
    if not text.isascii():
        text = _HYPHENS.sub("-", _INVISIBLE.sub("", unicodedata.normalize("NFC", text)))
    text = _CONTROL.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


def block_text(block: Block) -> str:
    if isinstance(block, Table):
        return " | ".join(" | ".join(row) for row in block.rows)
    return block.text


def shown(text: str, limit: int = 70) -> str:
    """A paragraph quoted in a report line: one line, shortened."""
    text = clean(text)
    return f"»{text if len(text) <= limit else text[: limit - 1] + '…'}«"
