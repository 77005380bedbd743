"""The agenda: the meeting, its members and its items, loaded from a TOML file.

The file format is documented in agendas/README.md. Loading validates everything and
reports every problem as one line naming the file, the line (where known), the item or
member, the field, what is wrong and what is expected.

- model.py: the Agenda and its parts, constants, slugs;
- source.py: reading a file (size, encoding, TOML), with Danish problem lines;
- load.py: loading an agenda: the parse cache, its body file, then the rules;
- fields.py: typed field reading with line numbers (texts, dates, times of day);
- rules.py, members.py, items.py: the rules (the meeting; members and ids; items);
- body_file.py: a body's file (bodies/<slug>.toml), which agendas take defaults from;
- new.py: the next meeting's agenda from a body file (`meetingtui new`);
- upgrade.py: a format-1 agenda in format 2 (`meetingtui check --upgrade`);
- write.py: an agenda as TOML text.

Text follows the one rule of `meetingtui.text_input`: a one-line field (a name, a
title, the body, the place) holds no control character and no bidi control, has
something visible in it, and is NFC-normalised; member names compare normalised
(`text_input.name_key`), so lookalike duplicates are refused.
"""

from meetingtui.agenda.load import load, parse
from meetingtui.agenda.model import (
    FORMAT_VERSION,
    FORMATS,
    KINDS,
    MAX_BYTES,
    NUMBERINGS,
    PARTIES,
    ROLES,
    SECTION_TITLES,
    SECTIONS,
    YEARS,
    Agenda,
    Earlier,
    Item,
    Meeting,
    Member,
    Person,
    Section,
    has_words,
    slug,
)
from meetingtui.errors import AgendaError  # raised by load and parse

__all__ = [
    "AgendaError",
    "FORMAT_VERSION",
    "FORMATS",
    "KINDS",
    "NUMBERINGS",
    "MAX_BYTES",
    "PARTIES",
    "ROLES",
    "SECTION_TITLES",
    "SECTIONS",
    "YEARS",
    "Agenda",
    "Earlier",
    "Item",
    "Meeting",
    "Member",
    "Person",
    "Section",
    "has_words",
    "load",
    "parse",
    "slug",
]
