"""What an agenda is: the meeting, its members and its items (plain, frozen data)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pendulum

FORMAT_VERSION = 2  # the format new agendas are written in (agendas/README.md)
FORMATS = (1, 2)  # the formats read: 1 has fixed section keys and numbers items by place
MAX_BYTES = 32 * 1024 * 1024  # > ten times a 500-item agenda with demo-sized items (2.3 MB)
PARTIES = frozenset("ABCDFIKMOQVÆØÅ")
ROLES = ("formand", "næstformand", "medlem")
KINDS = ("sag", "eventuelt", "underskriftsside")
YEARS = (1900, 2199)  # a meeting date outside these is a typo
# How items are numbered: "position" (format 1: by place in the list, an item added during
# the meeting renumbers those after it, as earlier releases did), "meeting" (1..N from the
# agenda, fixed) or "running" (a number running through the year, from `first_number`).
# With fixed numbers an item added during the meeting takes the next free number.
NUMBERINGS = ("meeting", "running")
SECTIONS = ("resume", "sagsfremstilling", "klimavurdering", "indstilling")
SECTION_TITLES = {
    "resume": "Resumé",
    "sagsfremstilling": "Sagsfremstilling",
    "klimavurdering": "Klimavurdering",
    "indstilling": "Indstilling",
}


@dataclass(frozen=True)
class Person:
    name: str
    party: str


@dataclass(frozen=True)
class Member:
    id: str
    name: str
    party: str
    role: str
    substitutes: tuple[Person, ...] = ()


@dataclass(frozen=True)
class Section:
    """One part of an item's case text: its heading as the agenda writes it, and Markdown."""

    heading: str
    text: str


@dataclass(frozen=True)
class Earlier:
    """An earlier body's decision on the same case: '<body>, <date>, pkt. <item>:' + text."""

    body: str
    date: pendulum.Date
    item: str  # the item's number in that meeting, as text; "" when not known
    text: str  # Markdown


@dataclass(frozen=True)
class Item:
    id: str
    title: str
    case: str = ""
    closed: bool = False
    flag: bool = False
    kind: str = "sag"
    sections: tuple[Section, ...] = ()  # in the agenda's order
    bilag: tuple[str, ...] = ()
    invented: bool = False
    earlier: tuple[Earlier, ...] = ()  # oldest first
    number: int | None = None  # fixed by the agenda's numbering; None: by position (format 1)


@dataclass(frozen=True)
class Meeting:
    body: str
    recommends_to: str
    start: pendulum.DateTime
    place: str
    quorum: int | None = None  # members needed; None means at least half the seats
    numbering: str = "position"  # see NUMBERINGS; "position" for format 1
    first_number: int = 1  # the first item's number ("running"; 1 otherwise)
    body_file: Path | None = None  # the body file the agenda took its defaults from

    @property
    def date(self) -> pendulum.Date:
        return self.start.date()

    @property
    def timezone(self) -> str:
        # The loader builds `start` with a named zone (agenda/rules.py), never a bare offset.
        return self.start.timezone_name or "UTC"


@dataclass(frozen=True)
class Agenda:
    meeting: Meeting
    members: tuple[Member, ...]
    items: tuple[Item, ...]
    path: Path | None = None
    sha256: str = ""
    format: int = FORMAT_VERSION
    # What `check` says about a file that loads: kind rules a format-1 file breaks, and
    # how to upgrade it (never part of the agenda's value: compare=False).
    notes: tuple[str, ...] = field(default=(), compare=False)

    def member(self, member_id: str) -> Member:
        return self._members_by_id[member_id]

    def item(self, item_id: str) -> Item:
        return self._items_by_id[item_id]

    @cached_property
    def _members_by_id(self) -> dict[str, Member]:  # built once: 2,000 members, one key each
        return {m.id: m for m in self.members}

    @cached_property
    def _items_by_id(self) -> dict[str, Item]:
        return {item.id: item for item in self.items}

    @property
    def fixed_numbers(self) -> bool:
        """Items keep the numbers the agenda gives them (format 2), rather than their place."""
        return self.meeting.numbering != "position"

    @property
    def seats(self) -> int:
        return len(self.members)

    def quorum_needed(self) -> int:
        if self.meeting.quorum is not None:
            return self.meeting.quorum
        return (self.seats + 1) // 2  # quorate when 2 x present >= seats


_MARKERS = re.compile(r"(?m)^[ \t]{0,3}(?:#{1,6}|[-*+]|\d{1,3}[.)])(?=\s|$)")
_WORD = re.compile(r"[^\W_]")


def has_words(markdown_text: str) -> bool:
    """Whether Markdown holds any words once its markup (markers, emphasis) is taken away."""
    return bool(_WORD.search(_MARKERS.sub("", markdown_text)))


def slug(text: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "u", "ö": "o"})
    text = re.sub(r"[^a-z0-9]+", "-", text.lower().translate(table)).strip("-")
    return text[:48] or "x"
